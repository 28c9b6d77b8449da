"""The command line: a thin skin over the library. The only place errors become exit codes.

Exit codes: 0 success (gaps are warnings), 1 runtime error, 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import DossierError, ReportNotReady

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
FORMATS = ("pdf", "html", "json")


def _setup_logging(verbose: int) -> None:
    import logging  # here, not at the top: `dossier --help` never logs (its start-up time)

    class _RedactingFormatter(logging.Formatter):
        """Keeps e-mail addresses out of log lines."""

        def format(self, record: logging.LogRecord) -> str:
            import re

            return re.sub(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", "<e-mail>", super().format(record))

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("dossier")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


class DossierGroup(click.Group):
    """The one place library errors become exit codes: DossierError -> its exit_status (1, or
    2 for a usage error such as conflicting hints), Ctrl-C -> 130."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DossierError as exc:
            if exc.exit_status != 1:
                click.echo(f"Error: {exc}", err=True)
                ctx.exit(exc.exit_status)
            raise click.ClickException(str(exc)) from exc
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


@click.group(cls=DossierGroup, context_settings=CONTEXT_SETTINGS)
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


FORMAT_OPTION = click.option(
    "--format",
    "formats",
    default="pdf,html,json",
    show_default=True,
    callback=_formats,
    help="Comma-separated: pdf, html, json.",
)
OFFLINE_OPTION = click.option(
    "--offline",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Serve every request from this snapshot folder; no network.",
)
NEWS_DAYS_OPTION = click.option(
    "--news-days",
    type=click.IntRange(1, 365),
    default=90,
    show_default=True,
    help="How many days of news to collect.",
)


AGENCY_YEARS_OPTION = click.option(
    "--agency-years",
    type=click.IntRange(1, 20),
    default=3,
    show_default=True,
    help="How many years of reports count as evidence of the current agency.",
)
ARTICLES_OPTION = click.option(
    "--articles",
    "articles",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Articles from your own tools (CSV, XLSX or JSON Lines: headline, snippet, url, "
    "date, outlet) to read for agency evidence. Repeatable.",
)


def company_options(f: Any) -> Any:
    """The options that name and pin a company (shared by build and agency)."""
    for option in reversed(
        [
            click.option("--company", help="Company name to research."),
            click.option("--ticker", help="Stock ticker, to pin the company (for example AAPL)."),
            click.option("--cik", help="SEC Central Index Key, to pin a U.S. filer."),
            click.option(
                "--wikidata", "wikidata_id", help="Wikidata item id, to pin the company (Q312)."
            ),
            click.option(
                "--domain", help="The company's website domain, to pick between candidates."
            ),
        ]
    ):
        f = option(f)
    return f


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal (East Asian wide and full-width characters: two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns and padded to them."""
    out, used = "", 0
    for c in text:
        w = _width(c)
        if used + w > width:
            break
        out, used = out + c, used + w
    return out + " " * (width - used)


def _print_review(result: Any) -> None:
    """A build's gaps, review warnings and count line, on stderr and stdout."""
    dossier = result.dossier
    for gap in result.gaps:
        if gap.source:
            click.echo(f"warning: {dossier.label(gap.source)}: {gap.message}", err=True)
    missing = [g for g in result.gaps if not g.source]
    if missing:
        click.echo(
            f"note: {len(missing)} field(s) not available from the sources consulted "
            "(listed in review.json).",
            err=True,
        )
    for w in result.warnings:
        click.echo(f"review: {w.message}", err=True)
    click.echo(
        f"{dossier.organisation.display_name}: {len(dossier.citations)} sources, "
        f"{len(result.gaps)} gaps, {len(result.warnings)} review warnings"
        + ("" if result.ready else "; not ready to send")
    )


@cli.command(context_settings=CONTEXT_SETTINGS)
@company_options
@click.option(
    "--contact",
    "prepared_for",
    help='The contact who moved ("Jane Doe"): builds the whole briefing for them.',
)
@click.option("--title", "contact_title", default="", help='Their new title ("CMO").')
@click.option("--previous-company", default="", help="Where they worked with you before.")
@click.option("--email", "contact_email", help="Their e-mail, for the To: line of the .eml drafts.")
@click.option(
    "--owner",
    default="",
    help="Who looks after the contact: the [[senders]] entry of brand.toml that signs the notes.",
)
@click.option("--agency", help="The new company's agency, if you know it (skips the search).")
@AGENCY_YEARS_OPTION
@ARTICLES_OPTION
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
@FORMAT_OPTION
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
@NEWS_DAYS_OPTION
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
    contact_title: str,
    previous_company: str,
    contact_email: str | None,
    agency: str | None,
    agency_years: int,
    articles: tuple[Path, ...],
    owner: str,
) -> None:
    """Research one company and write its report (PDF, HTML and facts.json).

    With --contact (or --agency) it writes the whole briefing into
    output/<contact>--<company>/ (output/<company>/ with --agency alone): the company report, the incumbent agency's profile, and two cover notes (Markdown, text and
    .eml drafts with the PDF attached; nothing is sent).

    \b
    Example:
      dossier build --company "Apple Inc." --offline examples/apple-inc/snapshot
      dossier build --company "Apple Inc." --contact "Jane Doe" --title CMO \\
          --previous-company "Northwind Traders" --agency "TBWA\\Media Arts Lab"
    """
    if not (company or ticker or cik or wikidata_id):
        raise click.UsageError(
            "Give --company NAME (or pin the company with --ticker, --cik or --wikidata)."
        )
    if offline is not None and save_snapshot is not None:
        raise click.UsageError("--offline and --save-snapshot cannot be used together.")
    if offline is not None and not offline.is_dir():
        raise click.UsageError(f"--offline {offline}: no such folder.")
    from .build_workers import BuildWorkers, settled_imports  # light: before the imports below

    workers = BuildWorkers.start(pdf="pdf" in formats, agency=bool(prepared_for or agency))
    click.get_current_context().call_on_close(workers.close)
    with settled_imports():
        from .build import BuildOptions
        from .build import build as run_build
        from .model import Contact
        from .research.resolve import Hints

    person = None
    if prepared_for:
        person = Contact(
            name=prepared_for,
            new_company=company or "the new company",
            new_title=contact_title,
            previous_company=previous_company,
            email=contact_email,
            owner=owner,
        )
    opts = BuildOptions(
        company=company,
        hints=Hints(ticker=ticker, cik=cik, wikidata=wikidata_id, domain=domain),
        contact=person,
        offline=offline,
        save_snapshot=save_snapshot,
        out_dir=out_dir,
        formats=formats,
        brand=brand,
        templates=templates,
        cache=not no_cache,
        news_days=news_days,
        agency=agency,
        agency_years=agency_years,
        articles=tuple(articles),
        workers=workers,
    )
    try:
        result = run_build(opts)
    except ReportNotReady as exc:
        if exc.result is not None:
            _print_review(exc.result)
        raise
    _print_review(result)
    outcome = result.agency
    if outcome is not None:
        finding = outcome.finding
        if outcome.dossier is not None:
            from .build import DECIDED

            how = DECIDED.get(finding.decided, "named")
            if finding.named:
                how += (
                    ", confirmed by public reports"
                    if finding.confirmed
                    else ", not confirmed by public reports"
                )
            elif finding.role:
                how += f", {finding.role}"
            click.echo(f"Agency: {outcome.dossier.organisation.display_name} ({how})")
        elif outcome.not_ready:
            click.echo(f"Agency: {outcome.not_ready}")
        elif finding.candidates:
            click.echo("Agency: unconfirmed (choose in review); no agency profile written")
        elif outcome.unsearched:
            click.echo(
                "Agency: not looked for (its sources could not be read); no agency profile written"
            )
        else:
            click.echo("Agency: none found; no agency profile written")
    for kind, path in result.outputs.items():
        click.echo(f"  {kind:<10} {path}")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--company",
    "companies",
    multiple=True,
    help="Company name; repeat it (with --articles) to read one file for several companies.",
)
@click.option("--ticker", help="Stock ticker, to pin the company (for example AAPL).")
@click.option("--cik", help="SEC Central Index Key, to pin a U.S. filer.")
@click.option("--wikidata", "wikidata_id", help="Wikidata item id, to pin the company (Q312).")
@click.option("--domain", help="The company's website domain, to pick between candidates.")
@OFFLINE_OPTION
@ARTICLES_OPTION
@click.option(
    "--search",
    is_flag=True,
    help="With --articles, also search the news (without it, only the files are read: no "
    "network, and the company is taken as named).",
)
@AGENCY_YEARS_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON on stdout.")
def agency(
    companies: tuple[str, ...],
    ticker: str | None,
    cik: str | None,
    wikidata_id: str | None,
    domain: str | None,
    offline: Path | None,
    articles: tuple[Path, ...],
    search: bool,
    agency_years: int,
    as_json: bool,
) -> None:
    """Find a company's agencies: per discipline (creative, media, PR, digital), the incumbent
    if the evidence confirms one, else the candidates, each with its reports.

    Confirmed needs an appointment, retention or credit from a trade or wire source within
    --agency-years, or two independent reports, and no later report that it ended (see
    docs/agency.md).

    \b
    Example:
      dossier agency --company "Northwind Traders"
      dossier agency --company "Apple Inc." --articles my-export.csv --json
    """
    import json as jsonlib

    from .build import BuildOptions, find_agency
    from .research.resolve import Hints

    pinned = ticker or cik or wikidata_id
    if not (companies or pinned):
        raise click.UsageError("Give --company NAME (or --ticker, --cik or --wikidata).")
    if len(companies) > 1 and not articles:
        raise click.UsageError("--company may be repeated only with --articles.")
    read_only = bool(articles) and not search
    if read_only and not companies:
        raise click.UsageError(
            "With --articles (and no --search), name the company with --company."
        )
    if read_only and (pinned or offline):
        raise click.UsageError(
            "--ticker, --cik, --wikidata and --offline apply to the news search: add --search."
        )
    reports = []
    for company in companies or (None,):
        opts = BuildOptions(
            company=company,
            hints=Hints(ticker=ticker, cik=cik, wikidata=wikidata_id, domain=domain),
            offline=offline,
            agency_years=agency_years,
            articles=tuple(articles),
        )
        reports.append(find_agency(opts, search=not read_only))
    if as_json:
        click.echo(
            jsonlib.dumps(
                {"companies": [agency_json(r) for r in reports]}, indent=2, ensure_ascii=False
            )
        )
        return
    for i, report in enumerate(reports):
        if i:
            click.echo()
        _print_agency(report, agency_years)


def agency_json(report: Any) -> dict[str, Any]:
    """The ``dossier agency --json`` shape for one company."""
    finding = report.finding
    incumbents = []
    for d in finding.roles:
        best = d.agency
        incumbents.append(
            {
                "role": d.role,
                "agency": d.name or (best.name if best is not None else None),
                "status": d.status,
                "confidence": best.confidence if best is not None else None,
                "evidence": [_evidence_json(e) for e in (best.evidence if best else ())],
            }
        )
    relations = []
    for e in finding.evidence:
        entry = e.current or e.agency
        relations.append(
            {
                "agency": e.key or None,
                "written_as": e.agency_name or None,
                "network": entry.network if entry else None,
                "holding": entry.holding if entry else None,
                "role": e.role,
                "status": e.relation,
                "in_gazetteer": e.in_gazetteer,
                **_evidence_json(e),
            }
        )
    return {"company": report.company, "incumbents": incumbents, "relations": relations}


def _evidence_json(e: Any) -> dict[str, Any]:
    return {
        "url": e.url,
        "published": e.published.isoformat() if e.published else None,
        "outlet": e.outlet,
        "trade": e.trade,
        "status": e.relation,
        "sentence": e.sentence,
        "linked": e.linked or None,  # the sentence that named whom "the retailer" refers to
    }


def _print_agency(report: Any, years: int) -> None:
    from .agency import describe
    from .build import not_looked_for, unread_agency_sources

    finding, dossier = report.finding, report.dossier
    unread: list[str] = []
    if dossier is not None:
        gave = {s.source for s in dossier.citations if s.source}
        for gap in dossier.gaps:
            if gap.source and gap.source not in gave:
                click.echo(f"warning: {dossier.label(gap.source)}: {gap.message}", err=True)
        unread = unread_agency_sources(dossier)
    click.echo(
        f"{report.company}: {report.articles} reports read, {len(finding.evidence)} relations "
        f"found (evidence window {years} years)"
    )
    if not finding.roles:
        if not_looked_for(report.articles, unread):
            click.echo(
                "The company's agencies were not looked for: none of the sources that report "
                "them could be read."
            )
        else:
            click.echo("No public evidence of the company's agencies was found.")
        return
    for d in finding.roles:
        head = d.name if d.confirmed else "none confirmed"
        click.echo(f"{d.role}: {head} ({d.status})")
        for c in d.candidates[:5]:
            click.echo(f"  - {describe(c)}")
            for e in c.evidence[:3]:
                when = e.published.isoformat() if e.published else "undated"
                click.echo(f"      {e.relation}: {when} {e.outlet or '(no outlet)'}: {e.sentence}")
                click.echo(f"        {e.url}")
    if finding.chosen is not None:
        click.echo(f"Profile: {finding.name} ({finding.chosen.role})")
    else:
        click.echo("Profile: none (no agency is confirmed; choose in review or use --agency).")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("contacts", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Output folder; the batch goes into <out>/<spreadsheet name>/.",
)
@OFFLINE_OPTION
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=4,
    show_default=True,
    help="Companies researched at once (per-host politeness still applies).",
)
@click.option("--force", is_flag=True, help="Rebuild finished and approved contacts too.")
@click.option("--sheet", help="The XLSX sheet to read (default: the first).")
@click.option(
    "--follow-up", is_flag=True, help="Also write follow-up.ics, a calendar of the sends."
)
@click.option(
    "--wait", is_flag=True, help="If another batch runs on the same folder, wait for it to end."
)
@FORMAT_OPTION
@click.option(
    "--quiet", is_flag=True, help="No progress (a bar on a terminal, else one line per step)."
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
@click.option(
    "--firm",
    "firm_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="firm.toml: the firm's verticals and owners' limit, for whom to follow first "
    "(default: ./firm.toml if there is one).",
)
@NEWS_DAYS_OPTION
@AGENCY_YEARS_OPTION
@ARTICLES_OPTION
def batch(
    contacts: Path,
    out_dir: Path,
    offline: Path | None,
    workers: int,
    force: bool,
    sheet: str | None,
    follow_up: bool,
    wait: bool,
    formats: tuple[str, ...],
    quiet: bool,
    as_json: bool,
    firm_file: Path | None,
    news_days: int,
    agency_years: int,
    articles: tuple[Path, ...],
) -> None:
    """Build a briefing for every contact in a CSV or XLSX of people who changed jobs.

    Each company is researched once. Bad rows are reported and skipped; a failing contact
    never stops the batch. A rerun skips finished contacts (unless the row changed, an agency
    was chosen in review, or --force) and never overwrites approved ones without --force.
    Writes review.html for the reviewers. Ctrl-C stops cleanly (run again to resume). Exits 1
    if any contact failed, 130 when interrupted.

    \b
    Example:
      dossier batch moved-contacts.xlsx --follow-up
    """
    import json as jsonlib

    from .batch import BatchOptions, run_batch
    from .batch.progress import BatchProgress
    from .batch.state import scrub

    opts = BatchOptions(
        contacts=contacts,
        out_dir=out_dir,
        offline=offline,
        workers=workers,
        force=force,
        sheet=sheet,
        news_days=news_days,
        follow_up=follow_up,
        agency_years=agency_years,
        articles=tuple(articles),
        wait=wait,
        formats=formats,
        command=" ".join(["dossier", *sys.argv[1:]])[:300],
        firm=firm_file,
    )
    with BatchProgress(quiet) as progress:  # a bar on a terminal, else plain lines
        result = run_batch(opts, progress)
    page, ics = result.review_page, result.follow_up
    for problem in result.problems:
        click.echo(f"skipped {scrub(problem)}", err=True)
    if as_json:
        click.echo(jsonlib.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        rows = [("Row", "Contact", "Company", "Agency", "Status", "Warnings", "Folder")]
        rows += [
            (
                str(o.row),
                o.name,
                o.company,
                o.agency or "-",
                o.status,
                str(o.warnings),
                o.folder or o.error[:60],
            )
            for o in result.outcomes
        ]
        caps = [40, 40, 40, 72, 40, 40, 40]  # the agency says how it was decided
        widths = [min(max(_width(r[i]) for r in rows), caps[i]) for i in range(len(rows[0]))]
        for r in rows:
            line = "  ".join(_fit(c, w) for c, w in zip(r, widths, strict=True))
            click.echo(scrub(line).rstrip())
        for o in result.outcomes:  # the table cuts a reason short: each failure in full
            if o.error:
                click.echo(scrub(f"row {o.row} ({o.name}, {o.company}) failed: {o.error}"))
        for old, new in result.replaced.items():
            click.echo(f"replaced {old} by {new} (the row was edited)")
        for key, message in result.sheet_changed.items():
            click.echo(scrub(f"{key}: {message}"))
        if result.follow is not None:  # whom to follow first (dossier.crm.follow)
            click.echo("")
            for line in result.follow.lines():
                click.echo(scrub(line).rstrip())
        click.echo(f"\nReview page: {page}")
        if ics:
            click.echo(f"Follow-up calendar: {ics}")
    if result.interrupted is not None:
        click.echo("Interrupted: the state is saved; run the same command to resume.", err=True)
        sys.exit(128 + int(result.interrupted))
    if result.failed:
        sys.exit(1)


@cli.group(context_settings=CONTEXT_SETTINGS)
def review() -> None:
    """Review a batch: list, show, choose-agency, approve, reject; serve (in the browser).

    CONTACT is a contact's key (from `review list`) or name; accents and case do not
    matter. A name that only partly matches never acts: the matching contacts are listed.

    \b
    Example:
      dossier review approve "Jane Doe" --batch output/moved-contacts
    """


def _batch_state(batch_dir: Path) -> Any:
    from .batch.state import BatchState

    return BatchState.open(batch_dir, create=False)


def _one(state: Any, query: str) -> str:
    """The one contact ``query`` names exactly; a usage error listing candidates otherwise."""
    exact, partial = state.match(query)
    if len(exact) == 1:
        return str(exact[0].key)
    listed = exact or partial
    if not listed:
        raise click.ClickException(
            f"No contact matches {query!r} in {state.batch_dir}; see: dossier review list "
            f"--batch {state.batch_dir}"
        )
    lines = "\n".join(f"  {c.key}  ({c.name}, {c.company}, {c.status})" for c in listed[:20])
    more = f"\n  ... and {len(listed) - 20} more" if len(listed) > 20 else ""
    how = "several contacts have that name" if exact else f"no contact is named exactly {query!r}"
    if sys.stdin.isatty() and sys.stdout.isatty():
        click.echo(f"{query!r}: {how}. Matching contacts:\n{lines}{more}", err=True)
        answer = click.prompt(
            "Type the key of the contact you mean", default="", show_default=False
        )
        for c in listed:
            if answer.strip() == c.key:
                return str(c.key)
        raise click.ClickException("No contact was chosen; nothing was changed.")
    raise click.ClickException(
        f"{query!r}: {how}; nothing was changed. Matching contacts:\n{lines}{more}\n"
        "Run the command again with the key."
    )


BATCH_OPTION = click.option(
    "--batch",
    "batch_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="The batch folder (output/<spreadsheet name>).",
)
BY_OPTION = click.option(
    "--by", help="Who decides (default: $DOSSIER_REVIEWER, else your login name)."
)


def _agency_line(c: Any) -> str:
    parts = []
    profiled = c.profiled_role()
    for role in c.roles():
        v = c.role_state(role)
        name = v.get("agency")
        status = v.get("status")
        decided = v.get("decided") or status
        if status == "chosen":
            text = f"{name} ({decided})" if name else decided
        elif name:
            text = f"{name} ({decided})"
        elif v.get("searched") is False:
            text = "not looked for (its sources could not be read)"
        else:
            text = "none found"
        if role == profiled and name:
            text += ", profile not drafted" if v.get("drafted") is False else ", profiled"
        parts.append(f"{role}: {text}")
    return "; ".join(parts) or "-"


@review.command("list", context_settings=CONTEXT_SETTINGS)
@BATCH_OPTION
@click.option(
    "--by-priority", is_flag=True, help="Whom to follow first at the top (highest priority)."
)
def review_list(batch_dir: Path, by_priority: bool) -> None:
    """List every contact with status, decision, follow-up priority and agency.

    \b
    Example:
      dossier review list --batch output/moved-contacts --by-priority
    """
    with _batch_state(batch_dir) as state:
        contacts = state.contacts()
    if by_priority:  # stable: equal priorities keep the sheet's order; not computed goes last
        contacts = sorted(contacts, key=lambda c: -1 if c.priority is None else -c.priority)
    for c in contacts:
        decision = c.decision or "unreviewed"
        gone = (
            ""
            if c.current
            else f"  (not in the sheet{f'; now {c.replaced_by}' if c.replaced_by else ''})"
        )
        priority = f"{c.priority} {c.priority_label}" if c.priority is not None else "-"
        changed = (
            f"  (sheet changed since: {', '.join(c.sheet_changes)}; not exported)"
            if c.locked and c.current and c.sheet_changes
            else ""
        )
        click.echo(
            f"{c.key:<40} {c.status:<8} {decision:<10} {priority:<11} {c.name}"
            f"  [{_agency_line(c)}]{gone}{changed}"
        )


@review.command("show", context_settings=CONTEXT_SETTINGS)
@click.argument("contact")
@BATCH_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the contact's state as JSON.")
def review_show(contact: str, batch_dir: Path, as_json: bool) -> None:
    """Show one contact's state, agency, warnings, files and review history.

    \b
    Example:
      dossier review show "Jane Doe" --batch output/moved-contacts
    """
    import json as jsonlib

    with _batch_state(batch_dir) as state:
        key = _one(state, contact)
        c = state.require(key)
        history = state.history(key)
    if as_json:
        click.echo(
            jsonlib.dumps({key: {**c.as_dict(), "history": history}}, indent=2, ensure_ascii=False)
        )
        return
    lines = [
        f"{c.name} ({c.key})",
        f"  Company:   {c.company}",
        f"  Owner:     {c.owner or '-'}",
        f"  Row:       {c.row}{'' if c.current else '  (no longer in the sheet)'}",
        f"  Status:    {c.status}" + (f" ({c.step})" if c.step else ""),
    ]
    if c.error:
        lines.append(f"  Error:     {c.error}")
    if c.priority is not None:
        from .crm.priority import counted, reason_line

        reasons = "; ".join(reason_line(r) for r in counted(c.priority_reasons))
        lines.append(
            f"  Priority:  {c.priority} {c.priority_label}" + (f" ({reasons})" if reasons else "")
        )
    lines.append(f"  Agency:    {_agency_line(c)}")
    for role in c.unresolved_roles():
        lines.append(
            f"             {role} unconfirmed: choose with dossier review choose-agency "
            f"{c.key} NAME --role {role} (or none)"
        )
    if c.needs_rebuild:
        lines.append("             the choice goes into the documents at the next batch run")
    decision = c.decision or "not reviewed"
    if c.decision:
        decision += f" by {c.review_by or 'unknown'} at {c.review_at or '?'}"
        if c.review_note:
            decision += f": {c.review_note}"
    lines.append(f"  Review:    {decision}")
    if c.decision == "approved" and c.acknowledged:
        ack = c.acknowledged
        kinds = ", ".join(str(w.get("kind")) for w in ack.get("warnings") or [])
        lines.append(
            f"  Accepted:  warnings {kinds} accepted by {ack.get('by') or 'unknown'} "
            f"at {ack.get('at') or '?'}"
        )
    if c.warnings:
        lines.append(f"  Warnings ({len(c.warnings)}):")
        lines += [f"    - {w.get('kind') or 'note'}: {w.get('message')}" for w in c.warnings]
    if c.outputs:
        lines.append("  Files:")
        lines += [f"    {rel}" for rel in sorted(c.outputs.values())]
    if history:
        lines.append("  History:")
        for h in history:
            what = h["action"] + (f" {h['role']}: {h['agency'] or 'none'}" if h["role"] else "")
            lines.append(
                f"    {h['at']}  {what}  by {h['by'] or 'unknown'}"
                + (f": {h['note']}" if h["note"] else "")
            )
    click.echo("\n".join(lines))


@review.command("approve", context_settings=CONTEXT_SETTINGS)
@click.argument("contact")
@BATCH_OPTION
@click.option("--note", default="", help="A note for the record.")
@click.option(
    "--notes-from-md",
    is_flag=True,
    help="Write each note's .txt and .eml again from its .md, dropping changes typed into them.",
)
@click.option(
    "--accept-warnings",
    is_flag=True,
    help="Approve although warnings say to fix something before sending (unclear first name, "
    "owner not a known sender, example data, characters no font can show); recorded with "
    "your name.",
)
@BY_OPTION
def review_approve(
    contact: str,
    batch_dir: Path,
    note: str,
    notes_from_md: bool,
    accept_warnings: bool,
    by: str | None,
) -> None:
    """Approve a contact's documents; a rebuild will not overwrite them without --force.

    Refused while the contact is being built, while its agency is unconfirmed (choose it
    first with choose-agency) and while a cover note fails the ask-guard or the lint.

    A note is edited in its .md (note-2.md): an edited .md is checked like a build's note,
    kept as your wording, and its .txt and .eml are written again from it. A .txt or .eml
    changed by hand is refused (the export would send what nobody checked) unless
    --notes-from-md writes them again from the .md.

    Warnings that say to fix something before sending also stop approval: greeting (the
    first name is unclear), sender (the owner is not a known sender, so the default sender
    signs), example (example data, not research) and font (characters no font on this
    computer has, printed as empty boxes). Fix them and run the batch again, or
    pass --accept-warnings once you have checked the drafts (who and when is recorded and
    shown by review show). An ask found in a note always stops approval: edit the note.

    An approved contact whose sheet row changed since is approved again to keep its drafts.

    \b
    Example:
      dossier review approve "Jane Doe" --batch output/moved-contacts
    """
    from .batch.decide import approve
    from .batch.state import current_user

    with _batch_state(batch_dir) as state:
        key = _one(state, contact)
        rewritten: list[str] = []
        approve(
            state,
            key,
            by or current_user(),
            note,
            from_md=notes_from_md,
            accept_warnings=accept_warnings,
            rewritten=rewritten,
        )
    for stem in rewritten:
        click.echo(f"{stem}.md was edited: {stem}.txt and {stem}.eml written again from it")
    click.echo(f"approved {key}")


@review.command("reject", context_settings=CONTEXT_SETTINGS)
@click.argument("contact")
@BATCH_OPTION
@click.option("--note", required=True, help="Why, for whoever rebuilds it.")
@BY_OPTION
def review_reject(contact: str, batch_dir: Path, note: str, by: str | None) -> None:
    """Reject a contact's documents, with a note.

    \b
    Example:
      dossier review reject "Jane Doe" --batch output/moved-contacts --note "wrong agency"
    """
    from .batch.state import current_user

    with _batch_state(batch_dir) as state:
        key = _one(state, contact)
        state.reject(key, by or current_user(), note)
    click.echo(f"rejected {key}")


@review.command("choose-agency", context_settings=CONTEXT_SETTINGS)
@click.argument("contact")
@click.argument("agency_name", metavar="(NAME | none)")
@BATCH_OPTION
@click.option(
    "--role",
    default="creative",
    show_default=True,
    help="Which incumbent: creative, media, pr, digital, other.",
)
@click.option("--note", default="", help="A note for the record.")
@BY_OPTION
def review_choose_agency(
    contact: str, agency_name: str, batch_dir: Path, role: str, note: str, by: str | None
) -> None:
    """Choose the contact's incumbent agency (or none); recorded with who and when.

    The next `dossier batch` run rebuilds the contact's documents with the choice; then it
    can be approved. A company's agency for every batch can also be set in
    overrides/<company>.toml (agency = "...").

    \b
    Example:
      dossier review choose-agency "Jane Doe" "Droga5" --batch output/moved-contacts
      dossier review choose-agency "Jane Doe" none --batch output/moved-contacts
    """
    from .batch.state import current_user

    name = None if agency_name.strip().casefold() in ("none", "") else agency_name
    with _batch_state(batch_dir) as state:
        key = _one(state, contact)
        state.choose_agency(key, role, name, by or current_user(), note)
    click.echo(
        f"chose {name or 'no agency'} as {key}'s {role.casefold()} agency; run the batch "
        "again to rebuild the documents with it, then approve."
    )


@review.command("serve", context_settings=CONTEXT_SETTINGS)
@click.option(
    "--batch",
    "batch_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="The batch folder (default: the newest batch under ./output).",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: a free one)."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
def review_serve(batch_dir: Path | None, port: int, open_browser: bool) -> None:
    """Review a batch in the browser: check, correct, approve (local only, until Ctrl-C).

    Listens on 127.0.0.1 and prints the page's address, which carries a secret token for
    this run; share it with nobody. Every change is saved in the batch state, exactly as the
    review commands save it.

    \b
    Example:
      dossier review serve --batch output/moved-contacts --open
    """
    from .app import serve
    from .batch.overview import newest_batch

    folder = batch_dir or newest_batch(Path("output"))
    click.echo(f"Reviewing {folder}")
    serve(
        folder,
        port,
        open_browser,
        on_ready=lambda url: click.echo(f"Open {url}\n(Ctrl-C stops the app.)"),
    )


@cli.command(context_settings=CONTEXT_SETTINGS)
@BATCH_OPTION
@click.option("--approved", is_flag=True, help="Export the approved contacts' drafts.")
@click.option(
    "--to",
    "dest",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the drafts (default: <batch>/export).",
)
@click.option(
    "--tasks",
    is_flag=True,
    help="Write the follow-up plan as task-import CSVs for HubSpot and Salesforce, beside "
    "follow-up.ics.",
)
@click.option(
    "--contacts",
    "contacts_sheet",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="With --tasks: the contact sheet for the e-mail addresses (default: the batch's).",
)
def export(
    batch_dir: Path, approved: bool, dest: Path | None, tasks: bool, contacts_sheet: Path | None
) -> None:
    """Copy the .eml drafts of the approved contacts into one folder (nothing is sent);
    with --tasks, write the follow-up tasks for the CRM.

    The folder mirrors the approvals: drafts of contacts no longer approved are removed.
    Left out, with the reason: a contact whose files changed since approval, whose note
    files (.md, .txt, .eml) disagree, or whose sheet row changed since its drafts were built
    (reject it to rebuild, or approve it again to keep the drafts); a contact no longer in
    the sheet (a removed row, a new e-mail address) is never exported.

    \b
    Example:
      dossier export --approved --batch output/moved-contacts
      dossier export --tasks --batch output/moved-contacts
    """
    if not (approved or tasks):
        raise click.UsageError("Say what to export: --approved (the drafts), --tasks, or both.")
    if tasks:
        from .crm.tasks import export_tasks

        written = export_tasks(batch_dir, sheet=contacts_sheet)
        for line in written.warnings:
            click.echo(f"warning: {line}", err=True)
        for crm, path in written.files.items():
            label = {"hubspot": "HubSpot", "salesforce": "Salesforce"}[crm]
            click.echo(f"{len(written.tasks)} task(s) for {label}: {path}")
        if not approved:
            return
    from .batch import export_approved

    done = export_approved(batch_dir, dest)
    for line in done.skipped:
        click.echo(f"skipped {line}", err=True)
    for path in done.removed:
        click.echo(f"removed {path.name} (no longer approved)", err=True)
    click.echo(f"{len(done.written)} draft(s) written to {done.folder}")


@cli.command(context_settings=CONTEXT_SETTINGS)
def sources() -> None:
    """List the sources, whether each is enabled, and why not.

    \b
    Example:
      dossier sources
    """
    from . import config
    from .sources import registry

    settings = config.load_sources(config.user_sources_dir())
    identity = config.identity()
    rows = []
    for name, cls in registry.sources().items():
        s = settings.get(name)
        label = (s.label if s else "") or cls.label
        if s is not None and not s.enabled:
            state = f"disabled: {s.disabled_reason or f'disabled in sources/{name}.toml'}"
        elif cls.needs_identity and not identity:
            state = (
                'needs an identity for live runs: set DOSSIER_IDENTITY="Your Name you@example.com"'
            )
        else:
            state = "enabled"
        rows.append((name, label, state))
    wide = [max((len(r[i]) for r in rows), default=0) for i in (0, 1)]
    for name, label, state in rows:
        click.echo(f"{name:<{wide[0]}}  {label:<{wide[1]}}  {state}")
    click.echo(
        f"identity: {'set' if identity else 'not set (DOSSIER_IDENTITY or identity in dossier.toml)'}"
    )


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option("--errors-only", is_flag=True, help="Report errors only, not warnings.")
@click.option(
    "--asks",
    is_flag=True,
    help="Also check for asks for business (for cover notes: meetings, pitches, pricing).",
)
def lint(files: tuple[Path, ...], errors_only: bool, asks: bool) -> None:
    """Check text for Wikipedia's words to watch (puffery, weasel words, editorialising...).

    Works on Markdown, text, HTML and Jinja templates. Quoted words are allowed only inside an
    attribution ("The company describes itself as ..."). Exits 1 when anything is found.

    \b
    Example:
      dossier lint my-note.md templates/company-report.html.j2
      dossier lint --asks templates/notes/note-1.md.j2
    """
    from .writing.neutrality import file_kind, lint_file, visible_text

    total = 0
    for path in files:
        findings = lint_file(path)
        if asks:
            from .render.notes import check_asks

            text = visible_text(path.read_text(encoding="utf-8", errors="replace"), file_kind(path))
            findings = sorted([*findings, *check_asks(text)], key=lambda f: (f.line, f.column))
        if errors_only:
            findings = [f for f in findings if f.severity == "error"]
        for f in findings:
            click.echo(f"{path}:{f.line}:{f.column}: {f.describe()}")
        total += len(findings)
    if total:
        click.echo(f"{total} finding(s) in {len(files)} file(s).", err=True)
        sys.exit(1)
    click.echo(f"No findings in {len(files)} file(s).", err=True)


# -- From the CRM to the follow-up (dossier.crm) -----------------------------------------------


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("moved-contacts.csv"),
    show_default=True,
    help="The moved-contacts sheet to write (.csv or .xlsx), for dossier batch.",
)
def changes(old: Path, new: Path, out: Path) -> None:
    """Compare two CRM exports (HubSpot, Salesforce, Dynamics; CSV or XLSX) and write who moved.

    Contacts are matched by record id, then e-mail, then name (a similar name only when it is
    clearly the best, and it is named for checking). The change column says moved, promoted,
    role_change, left or new. Bad rows are reported with their row number and left out.

    \b
    Example:
      dossier changes contacts-2026-06.csv contacts-2026-12.csv -o moved-contacts.csv
      dossier batch moved-contacts.csv --follow-up
    """
    from .batch.state import scrub
    from .crm.changes import detect_changes

    report = detect_changes(old, new, out)
    for line in report.problems:
        click.echo(f"skipped {scrub(line)}", err=True)
    for line in report.warnings:
        click.echo(f"check {scrub(line)}", err=True)
    counts = report.counts()
    click.echo(", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()))
    click.echo(f"Moved contacts: {report.out} (next: dossier batch {report.out})")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option("--company", required=True, help="The old client, as the activities name it.")
@click.option(
    "--activities",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="The CRM's activities (engagements) export, CSV or XLSX.",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write to (default: output/handover-<company>/).",
)
@click.option("--owner", default="", help="Who signs the note (a [[senders]] name of brand.toml).")
@click.option(
    "--brand",
    "brand_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="brand.toml (default: ./brand.toml, else the packaged one).",
)
def handover(
    company: str, activities: Path, out_dir: Path | None, owner: str, brand_file: Path | None
) -> None:
    """Write the successor brief for the person who replaces a departed contact at COMPANY.

    A branded PDF from the firm's own activity records: the work done together, the
    timeline, the people involved (client contacts by role only) and what is in progress,
    with a short note offering help settling in (never an ask). Free-text notes are not read.

    \b
    Example:
      dossier handover --company "Northwind Traders" --activities activities.csv
    """
    from .crm.handover import write_handover

    done = write_handover(company, activities, out_dir, brand_file=brand_file, owner=owner)
    for line in done.problems:
        click.echo(f"skipped {line}", err=True)
    click.echo(
        f"{done.company}: {len(done.activities)} activities, {len(done.in_progress)} in progress"
    )
    for kind, path in done.outputs.items():
        click.echo(f"  {kind:<5} {path}")


def main() -> None:
    """Console-script entry point."""
    cli()
