"""The Jinja environment every HTML template renders in (reports, profiles, the review page).

Kept apart from :mod:`dossier.render.html` so the review page of a batch (rewritten by every
run, a rerun of a finished batch included) loads Jinja without the record's schema, the
writing rules or the charts: the filters that need them import them on their first use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
)
from markupsafe import Markup

from ..config import data_dir
from ..errors import RenderError

#: Longest text one value may print in a document (facts.json keeps the whole value): a
#: scraped 20,000-character "name" would otherwise take minutes to lay out and fill pages.
MAX_PRINTED = 3000


def _shorten(value: Any) -> Any:
    """Every printed plain string is cut at MAX_PRINTED characters (markup is ours: kept)."""
    if isinstance(value, str) and not isinstance(value, Markup) and len(value) > MAX_PRINTED:
        return value[:MAX_PRINTED].rstrip() + " …"
    return value


def css_string(text: str) -> str:
    """Text safe inside a double-quoted CSS string in a <style> element."""
    cleaned = re.sub(r"[<>\r\n\x00-\x1f]", " ", str(text))
    return cleaned.replace("\\", "\\\\").replace('"', '\\"')


def safe_link(url: str) -> str:
    """The URL if it is plain http(s), else an empty string (never a file: or javascript: link)."""
    parts = urlsplit(str(url))
    return str(url) if parts.scheme in ("http", "https") and parts.netloc else ""


def _human_date(value: Any) -> str:
    from ..formatting import human_date

    return human_date(value)


def _money_full(value: Any) -> str:
    from ..formatting import money_full

    return money_full(value)


def _value(fact: Any) -> str:
    from ..writing.sentences import display_value

    return display_value(fact)


def _period(fact: Any) -> str:
    from ..writing.sentences import figure_period

    return figure_period(fact)


def _millions(fact: Any) -> str:
    from ..model import Money

    v = fact.value
    return f"{v.amount / 1e6:,.0f}" if isinstance(v, Money) else _value(fact)


def _site_name(url: Any) -> str:
    from ..names import domain_of

    return domain_of(str(url)) or str(url)  # "apple.com"


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs in the user's cache folder (``templates/``, mode
    0700; Jinja compiles a template again when its source changes). Compiling the review
    page's template was a quarter of a rerun of a finished batch. None when the folder cannot
    be made (a read-only home): templates are then compiled in every run, as before."""
    from ..fsutil import cache_folder

    folder = cache_folder("templates")
    if folder is None:
        return None
    return FileSystemBytecodeCache(str(folder))


@lru_cache(maxsize=8)  # compiled templates are reused across a batch
def environment(user_templates: Path | None = None) -> Environment:
    """The Jinja environment: user templates before packaged ones, autoescape always on."""
    packaged = data_dir("templates")
    loaders: list[Any] = []
    if user_templates is not None:
        if not user_templates.is_dir():
            raise RenderError(f"Templates folder {user_templates} does not exist.")
        loaders.append(FileSystemLoader(str(user_templates)))
    loaders.append(FileSystemLoader(str(packaged)))
    loaders.append(PrefixLoader({"default": FileSystemLoader(str(packaged))}, delimiter=":"))
    env = Environment(
        # HTML is escaped everywhere; CSS templates use the css_string filter instead.
        loader=ChoiceLoader(loaders),
        autoescape=lambda name: not (name or "").endswith(".css.j2"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_shorten,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["human_date"] = _human_date
    env.filters["value"] = _value
    env.filters["period"] = _period
    env.filters["money_full"] = _money_full
    env.filters["safe_link"] = safe_link
    env.filters["css_string"] = css_string
    env.filters["millions"] = _millions
    env.filters["bracket"] = lambda n: f"[{n}]"
    env.filters["site_name"] = _site_name
    env.filters["capfirst"] = lambda text: str(text)[:1].upper() + str(text)[1:]
    return env
