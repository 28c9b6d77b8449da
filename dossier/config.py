"""Settings: sources/*.toml over the packaged defaults, the operator's identity, and brand.toml."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, refuse_unknown_keys

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The packaged copy of a top-level folder (templates, sources) or, in a checkout, the folder."""
    packaged = PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise ConfigError(f"The packaged {name}/ folder is missing; reinstall dossier.")


@dataclass(frozen=True)
class SourceSettings:
    """One source's settings from sources/<name>.toml."""

    name: str
    enabled: bool = True
    label: str = ""
    min_interval: float = 1.0
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    cache_ttl_hours: float = 24.0
    max_bytes: int = 10_000_000
    deadline: float = 30.0  # one request, from first attempt to last byte
    max_retry_after: float = 60.0  # longest Retry-After honoured; longer is a gap
    budget_seconds: float = 300.0  # network time per source per company
    max_requests: int = 100  # requests per source per company
    precedence: int = 50
    precedence_by_field: dict[str, int] = field(default_factory=dict)
    hosts: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    disabled_reason: str = ""


_KNOWN = {
    "name",
    "enabled",
    "label",
    "min_interval_seconds",
    "timeout_seconds",
    "retries",
    "backoff_seconds",
    "cache_ttl_hours",
    "max_response_mb",
    "deadline_seconds",
    "max_retry_after_seconds",
    "budget_seconds",
    "max_requests",
    "precedence",
    "hosts",
    "options",
    "disabled_reason",
}


def _parse_source(path: Path, data: dict[str, Any]) -> SourceSettings:
    unknown = set(data) - _KNOWN
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting(s) {', '.join(sorted(unknown))}. "
            f"Known settings: {', '.join(sorted(_KNOWN))}."
        )
    prec = data.get("precedence", {})
    if isinstance(prec, int):
        prec = {"default": prec}
    try:
        return SourceSettings(
            name=str(data.get("name", path.stem)),
            enabled=bool(data.get("enabled", True)),
            label=str(data.get("label", "")),
            min_interval=float(data.get("min_interval_seconds", 1.0)),
            timeout=float(data.get("timeout_seconds", 20.0)),
            retries=int(data.get("retries", 3)),
            backoff=float(data.get("backoff_seconds", 1.0)),
            cache_ttl_hours=float(data.get("cache_ttl_hours", 24.0)),
            max_bytes=int(float(data.get("max_response_mb", 10)) * 1_000_000),
            deadline=float(data.get("deadline_seconds", 30.0)),
            max_retry_after=float(data.get("max_retry_after_seconds", 60.0)),
            budget_seconds=float(data.get("budget_seconds", 300.0)),
            max_requests=int(data.get("max_requests", 100)),
            precedence=int(prec.get("default", 50)),
            precedence_by_field={k: int(v) for k, v in prec.items() if k != "default"},
            hosts=tuple(data.get("hosts", ())),
            options=dict(data.get("options", {})),
            disabled_reason=str(data.get("disabled_reason", "")),
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path}: {exc}. See docs/configuration.md for the format.") from exc


def load_sources(extra_dir: Path | None = None) -> dict[str, SourceSettings]:
    """Packaged sources/*.toml, then each file in ``extra_dir`` overriding keys it sets."""
    merged: dict[str, dict[str, Any]] = {}
    paths: dict[str, Path] = {}
    dirs = [data_dir("sources")]
    if extra_dir is not None and extra_dir.resolve() != dirs[0].resolve():
        dirs.append(extra_dir)
    for d in dirs:
        for path in sorted(d.glob("*.toml")):
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"{path} is not valid TOML: {exc}.") from exc
            # Seed the packaged defaults first so a partial user file only overrides its keys.
            base = merged.setdefault(path.stem, {})
            for key, value in data.items():
                if isinstance(value, dict) and isinstance(base.get(key), dict):
                    base[key] = {**base[key], **value}
                else:
                    base[key] = value
            paths[path.stem] = path
    return {name: _parse_source(paths[name], data) for name, data in merged.items()}


def user_sources_dir() -> Path | None:
    """A ``sources/`` folder from DOSSIER_SOURCES or the current folder, if there is one."""
    env = os.environ.get("DOSSIER_SOURCES")
    if env:
        p = Path(env)
        if not p.is_dir():
            raise ConfigError(f"DOSSIER_SOURCES={env} is not a folder.")
        return p
    p = Path.cwd() / "sources"
    return p if p.is_dir() else None


def identity() -> str | None:
    """The operator's name and e-mail for User-Agent headers.

    ``DOSSIER_IDENTITY``, else ``identity = "..."`` in ``./dossier.toml`` or the user config.
    The older names ``DOSSIER_CONTACT`` and ``contact = "..."`` are still read.
    """
    for var in ("DOSSIER_IDENTITY", "DOSSIER_CONTACT"):
        env = os.environ.get(var, "").strip()
        if env:
            return env
    for path in _config_files():
        data = _read_toml(path)
        for key in ("identity", "contact"):
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def max_figure_age_months() -> int:
    """Figures older than this are flagged "as of YEAR" (dossier.toml ``[freshness]``)."""
    for path in _config_files():
        value = _read_toml(path).get("freshness", {}).get("max_figure_age_months")
        if value is not None:
            if not isinstance(value, int) or value < 1:
                raise ConfigError(
                    f"{path}: freshness.max_figure_age_months must be a whole number of months."
                )
            return value
    return 24


def minimum_substance() -> tuple[int, int]:
    """(cited facts, independent sources) a company report needs to be ready to send
    (dossier.toml ``[substance] min_facts`` and ``min_sources``; default 8 and 2)."""
    facts, sources = 8, 2
    for path in _config_files():
        table = _read_toml(path).get("substance")
        if not isinstance(table, dict):
            continue
        for key in ("min_facts", "min_sources"):
            value = table.get(key)
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ConfigError(f"{path}: substance.{key} must be a whole number (0 or more).")
        facts = table.get("min_facts", facts)
        sources = table.get("min_sources", sources)
        break
    return facts, sources


def _config_files() -> list[Path]:
    from platformdirs import user_config_dir

    return [Path.cwd() / "dossier.toml", Path(user_config_dir("dossier")) / "config.toml"]


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}.") from exc


@dataclass(frozen=True)
class Sender:
    """Who signs a cover note: a ``[[senders]]`` entry of brand.toml (or the ``[sender]``).

    ``aliases`` are other spellings of the owner as a CRM export writes them ("amorgan").
    """

    name: str = ""
    title: str = ""
    email: str = ""
    aliases: tuple[str, ...] = ()

    def matches(self, owner: str) -> bool:
        key = _owner_key(owner)
        return bool(key) and key in {
            _owner_key(v) for v in (self.name, self.email, *self.aliases) if v
        }


def _owner_key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class Brand:
    """The sender's brand: how documents look and who they come from.

    ``sender_*`` is the default sender (the ``[sender]`` table); ``senders`` (the
    ``[[senders]]`` tables) are matched to each contact's owner by :meth:`sender_for`.
    """

    name: str
    logo: str = "assets/logo.svg"
    primary: str = "#1f3a5f"
    accent: str = "#c8794a"
    text: str = "#1d1d1f"
    muted: str = "#6b7280"
    font_body: str = "Inter"
    font_heading: str = "Inter"
    sender_name: str = ""
    sender_title: str = ""
    sender_email: str = ""
    footer: str = ""
    root: Path = field(default_factory=lambda: data_dir("templates"))
    senders: tuple[Sender, ...] = ()

    @property
    def default_sender(self) -> Sender:
        return Sender(self.sender_name, self.sender_title, self.sender_email)

    def sender_for(self, owner: str = "") -> tuple[Sender, bool]:
        """The sender matched to ``owner`` (by name, e-mail or alias, ignoring case), and
        whether one matched; no owner, or an unknown one, gives the default sender."""
        if owner.strip():
            for sender in (*self.senders, self.default_sender):
                if sender.matches(owner):
                    return sender, True
        return self.default_sender, False


_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")
#: The bundled example brand's name (templates/brand.toml): only it is given the bundled logo.
EXAMPLE_BRAND = "Fieldstone & Co"

_BRAND_KEYS = {
    "name",
    "logo",
    "colours",
    "fonts",
    "sender",
    "senders",
    "footer",
}
_SENDER_KEYS = {"name", "title", "email", "aliases"}


def _senders(path: Path, value: Any) -> tuple[Sender, ...]:
    """The ``[[senders]]`` tables: each needs a name; e-mail and title are optional."""
    if not isinstance(value, list):
        raise ConfigError(f"{path}: 'senders' must be [[senders]] tables (name, title, email).")
    out = []
    for i, entry in enumerate(value, 1):
        where = f"{path}: [[senders]] entry {i}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} is not a table.")
        refuse_unknown_keys(where, entry, _SENDER_KEYS)
        name = " ".join(str(entry.get("name", "")).split())
        if not name:
            raise ConfigError(f"{where} needs a name (the person who signs the notes).")
        email = str(entry.get("email", "")).strip()
        if email and not re.fullmatch(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+", email):
            raise ConfigError(f"{where} ({name}): {email!r} is not an e-mail address.")
        aliases = entry.get("aliases", [])
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConfigError(f"{where} ({name}): aliases must be a list of names.")
        out.append(Sender(name, str(entry.get("title", "")).strip(), email, tuple(aliases)))
    return tuple(out)


MAX_LOGO_BYTES = 5_000_000
MAX_LOGO_PIXELS = 6000  # a side; larger images are refused (WeasyPrint would drop them)


def _brand_line(text: str, key: str, table: str | None = None) -> str:
    """ " line N" where ``key`` (of ``[table]``) is set in the brand file's text, or ""."""
    start = 0
    if table is not None:
        dotted = re.search(rf"(?m)^\s*{re.escape(table)}\.{re.escape(key)}\s*=", text)
        if dotted:
            return f" line {text.count(chr(10), 0, dotted.start()) + 1}"
        header = re.search(rf"(?m)^\s*\[\s*{re.escape(table)}\s*\]", text)
        if header is None:
            return ""
        start = header.end()
    m = re.compile(rf"(?m)^\s*{re.escape(key)}\s*=").search(text, start)
    return f" line {text.count(chr(10), 0, m.start()) + 1}" if m else ""


def brand_logo(root: Path, logo: str, where: str = "brand.toml", example: bool = True) -> Path:
    """The logo file ``logo`` names, confined to the brand's folder ``root``.

    Relative paths only, no ``..``, and a symbolic link may not lead out of the folder. When
    the brand folder has no such file and ``example`` (the brand is the bundled example's), the
    packaged templates folder is tried (the example brand's logo lives there): another brand
    never gets the example's logo. Too large a file or image is refused.
    """
    text = str(logo).replace("\\", "/")
    parts = Path(text).parts
    if (
        not text.strip()
        or Path(text).is_absolute()
        or ".." in parts
        or re.match(r"^[A-Za-z]:", text)
    ):
        raise ConfigError(
            f"{where}: logo = {logo!r} must be a file inside the brand's folder ({root}), "
            'given relative to it (for example "assets/logo.svg"), without "..".'
        )
    for folder in (root, data_dir("templates")) if example else (root,):
        candidate = folder / text
        if not candidate.exists() and not candidate.is_symlink():
            continue
        real, base = candidate.resolve(), folder.resolve()
        if not real.is_relative_to(base):
            raise ConfigError(
                f"{where}: logo = {logo!r} is a link to {real}, outside the brand's folder "
                f"{base}; copy the image into the folder instead."
            )
        if not real.is_file():
            raise ConfigError(f"{where}: logo = {logo!r} is not a file.")
        _check_logo(real, logo, where)
        return real
    raise ConfigError(
        f"{where}: logo = {logo!r}: no such file next to the brand file ({root}). Put your "
        "logo there, or remove the logo line to print the brand's name on the cover instead."
    )


def _check_logo(path: Path, logo: str, where: str) -> None:
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        raise ConfigError(
            f"{where}: the logo {logo} is {size / 1e6:.1f} MB; use an image of at most "
            f"{MAX_LOGO_BYTES / 1e6:.0f} MB (an SVG, or a PNG about 1000 pixels wide)."
        )
    if path.suffix.lower() == ".svg":
        return
    try:
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = None  # we check the size ourselves, from the header only
        with Image.open(path) as img:
            width, height = img.size
    except Exception as exc:  # Pillow raises many kinds on a file that is not an image
        raise ConfigError(
            f"{where}: the logo {logo} is not an image dossier can read ({exc}); use SVG or PNG."
        ) from exc
    if max(width, height) > MAX_LOGO_PIXELS:
        raise ConfigError(
            f"{where}: the logo {logo} is {width}x{height} pixels; use an image of at most "
            f"{MAX_LOGO_PIXELS} pixels a side (about 1000 pixels wide is plenty), or an SVG."
        )


def load_brand(path: Path | None = None) -> Brand:
    """Read brand.toml: ``path``, else ./brand.toml, else the packaged default.

    Every problem is a ConfigError naming the file (and the line of the key where it can).
    """
    if path is None:
        local = Path.cwd() / "brand.toml"
        path = local if local.is_file() else data_dir("templates") / "brand.toml"
    if not path.is_file():
        raise ConfigError(f"Brand file {path} does not exist.")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Brand file {path} cannot be read as UTF-8 text: {exc}.") from exc
    data = _read_toml(path)
    refuse_unknown_keys(str(path), data, _BRAND_KEYS)
    for key in ("name", "logo", "footer"):
        if key in data and not isinstance(data[key], str):
            raise ConfigError(
                f"{path}{_brand_line(text, key)}: {key} must be text in quotes, not {data[key]!r}."
            )
    tables: dict[str, dict[str, str]] = {}
    for key in ("colours", "fonts", "sender"):
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise ConfigError(
                f"{path}{_brand_line(text, key)}: {key} must be a table ([{key}] with "
                f'name = "value" lines), not {value!r}.'
            )
        for k, v in value.items():
            if not isinstance(v, str):
                raise ConfigError(
                    f"{path}{_brand_line(text, k, key)}: {key}.{k} must be text in quotes, not {v!r}."
                )
        tables[key] = value
    if not str(data.get("name", "")).strip():
        raise ConfigError(f"{path}: 'name' is required (the brand name shown on every page).")
    colours = tables["colours"]
    for key, value in colours.items():
        if not _COLOUR.match(str(value)):
            raise ConfigError(
                f"{path}{_brand_line(text, key, 'colours')}: colours.{key} = {value!r} is not a colour; "
                "use #rrggbb or a CSS name."
            )
    fonts, sender = tables["fonts"], tables["sender"]
    root = path.resolve().parent
    # No logo line: no logo (the cover shows the brand's name). The bundled example's logo is
    # found for the example brand only, never put on another brand's documents.
    logo = str(data.get("logo", "")).strip()
    if logo:
        example = str(data["name"]).strip() == EXAMPLE_BRAND
        brand_logo(root, logo, f"{path}{_brand_line(text, 'logo')}", example)
    return Brand(
        name=str(data["name"]),
        logo=logo,
        primary=str(colours.get("primary", Brand.primary)),
        accent=str(colours.get("accent", Brand.accent)),
        text=str(colours.get("text", Brand.text)),
        muted=str(colours.get("muted", Brand.muted)),
        font_body=str(fonts.get("body", Brand.font_body)),
        font_heading=str(fonts.get("heading", Brand.font_heading)),
        sender_name=str(sender.get("name", "")),
        sender_title=str(sender.get("title", "")),
        sender_email=str(sender.get("email", "")),
        footer=str(data.get("footer", "")),
        root=root,
        senders=_senders(path, data.get("senders", [])),
    )
