"""The command line: a thin skin over the library. The only place errors become exit codes.

Exit codes: 0 success (gaps are warnings), 1 runtime error, 2 usage error.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
FORMATS = ("pdf", "html", "json")


class _RedactingFormatter(logging.Formatter):
    """Keeps e-mail addresses out of log lines."""

    def format(self, record: logging.LogRecord) -> str:
        import re

        return re.sub(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", "<e-mail>", super().format(record))


def _setup_logging(verbose: int) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("dossier")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="dossier")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Sourced, neutral research briefings on a company, from public sources.

    \b
    Example:
      dossier build --company "Apple Inc." --offline examples/apple-inc/snapshot
    """
    _setup_logging(verbose)


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    items = tuple(x.strip().lower() for x in value.split(",") if x.strip())
    bad = [x for x in items if x not in FORMATS]
    if bad or not items:
        raise click.BadParameter(
            f"{', '.join(bad) or 'nothing'} is not a format; choose from {', '.join(FORMATS)}."
        )
    return items


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option("--company", help="Company name to research.")
@click.option("--ticker", help="Stock ticker, to pin the company (for example AAPL).")
@click.option("--cik", help="SEC Central Index Key, to pin a U.S. filer.")
@click.option("--wikidata", "wikidata_id", help="Wikidata item id, to pin the company (Q312).")
@click.option("--domain", help="The company's website domain, to pick between candidates.")
@click.option("--contact", "prepared_for", help='Who the report is prepared for ("Jane Doe").')
@click.option(
    "--offline",
    type=click.Path(path_type=Path, file_okay=False),
    help="Serve every request from this snapshot folder; no network.",
)
@click.option(
    "--save-snapshot",
    type=click.Path(path_type=Path, file_okay=False),
    help="Record every response this run uses into this folder.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Output folder.",
)
@click.option(
    "--format",
    "formats",
    default="pdf,html,json",
    show_default=True,
    callback=_formats,
    help="Comma-separated: pdf, html, json.",
)
@click.option(
    "--brand",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Brand file (default ./brand.toml, else the packaged example brand).",
)
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Your templates folder, searched before the packaged templates.",
)
@click.option(
    "--news-days",
    type=click.IntRange(1, 365),
    default=90,
    show_default=True,
    help="How many days of news to collect.",
)
@click.option("--no-cache", is_flag=True, help="Do not use the on-disk HTTP cache.")
def build(
    company: str | None,
    ticker: str | None,
    cik: str | None,
    wikidata_id: str | None,
    domain: str | None,
    prepared_for: str | None,
    offline: Path | None,
    save_snapshot: Path | None,
    out_dir: Path,
    formats: tuple[str, ...],
    brand: Path | None,
    templates: Path | None,
    no_cache: bool,
    news_days: int,
) -> None:
    """Research one company and write its report (PDF, HTML and facts.json).

    \b
    Example:
      dossier build --company "Apple Inc." --offline examples/apple-inc/snapshot
      dossier build --cik 1045810 --contact "Jane Doe"
    """
    from .errors import DossierError
    from .pipeline import BuildOptions
    from .pipeline import build as run_build
    from .resolve import Hints

    if not (company or ticker or cik or wikidata_id):
        raise click.UsageError(
            "Give --company NAME (or pin the company with --ticker, --cik or --wikidata)."
        )
    if offline is not None and save_snapshot is not None:
        raise click.UsageError("--offline and --save-snapshot cannot be used together.")
    if offline is not None and not offline.is_dir():
        raise click.UsageError(f"--offline {offline}: no such folder.")
    opts = BuildOptions(
        company=company,
        hints=Hints(ticker=ticker, cik=cik, wikidata=wikidata_id, domain=domain),
        prepared_for=prepared_for,
        offline=offline,
        save_snapshot=save_snapshot,
        out_dir=out_dir,
        formats=formats,
        brand=brand,
        templates=templates,
        cache=not no_cache,
        news_days=news_days,
    )
    try:
        result = run_build(opts)
    except DossierError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    from .prose import source_label

    org = result.dossier.organisation
    for gap in result.gaps:
        if gap.source:
            click.echo(f"warning: {source_label(gap.source)}: {gap.message}", err=True)
    missing = [g for g in result.gaps if not g.source]
    if missing:
        click.echo(
            f"note: {len(missing)} field(s) not available from the sources consulted "
            "(listed in the report).",
            err=True,
        )
    for w in result.dossier.warnings:
        click.echo(f"review: {w.message}", err=True)
    click.echo(
        f"{org.display_name}: {len(result.dossier.sources)} sources, {len(result.gaps)} gaps, "
        f"{len(result.dossier.warnings)} review warnings"
    )
    for kind, path in result.outputs.items():
        click.echo(f"  {kind:<4} {path}")


@cli.command(context_settings=CONTEXT_SETTINGS)
def sources() -> None:
    """List the sources, whether each is enabled, and why not.

    \b
    Example:
      dossier sources
    """
    from . import config
    from .errors import DossierError
    from .sources import SOURCES

    try:
        settings = config.load_sources(config.user_sources_dir())
        contact = config.contact()
    except DossierError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    for name, cls in SOURCES.items():
        s = settings.get(name)
        if s is None or not s.enabled:
            why = (s.disabled_reason if s else "") or f"disabled in sources/{name}.toml"
            state = f"disabled: {why}"
        elif name == "sec" and not contact:
            state = 'needs a contact for live runs: set DOSSIER_CONTACT="Your Name you@example.com"'
        else:
            state = "enabled"
        click.echo(f"{name:<10} {cls.label:<11} {state}")
    click.echo(f"contact: {'set' if contact else 'not set (DOSSIER_CONTACT or dossier.toml)'}")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option("--errors-only", is_flag=True, help="Report errors only, not warnings.")
def lint(files: tuple[Path, ...], errors_only: bool) -> None:
    """Check text for Wikipedia's words to watch (puffery, weasel words, editorialising...).

    Works on Markdown, text, HTML and Jinja templates. Quoted words are allowed only inside an
    attribution ("The company describes itself as ..."). Exits 1 when anything is found.

    \b
    Example:
      dossier lint my-note.md templates/company-report.html.j2
    """
    from .neutrality import lint_file

    total = 0
    for path in files:
        findings = lint_file(path)
        if errors_only:
            findings = [f for f in findings if f.severity == "error"]
        for f in findings:
            click.echo(f"{path}:{f.line}:{f.column}: {f.describe()}")
        total += len(findings)
    if total:
        click.echo(f"{total} finding(s) in {len(files)} file(s).", err=True)
        sys.exit(1)
    click.echo(f"No findings in {len(files)} file(s).", err=True)


def main() -> None:
    """Console-script entry point."""
    cli()
