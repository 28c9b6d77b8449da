"""The one "About this report" paragraph that closes every client document.

It says, in plain words, when the document was prepared, from which kinds of public sources,
and what could not be covered ("No news coverage from the 90 days before 1 December 2026 was
found in the sources consulted."). Everything a reviewer needs instead (request URLs, the
causes of each gap, advice on flags, example-data notices) goes to ``review.json``,
``facts.json`` and the terminal, never here.

The text is built from the record's metadata (citations, gaps, the field table), not from
facts, so it is checked with the words-to-watch lint by :func:`about_findings` (no "last",
"recent", "now" or "current": dates are named).
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from ..fields import FIELDS
from ..formatting import human_date, join_names
from ..model import Dossier
from .neutrality import Finding, lint_text

#: What each source is, in a reader's words (a source not listed here is named by its label).
KINDS = {
    "sec": "filings with the U.S. Securities and Exchange Commission",
    "wikidata": "Wikidata",
    "wikipedia": "Wikipedia",
    "pageviews": "Wikipedia page-view statistics",
    "website": "{its} own website",
    "google_news": "news coverage",
    "gdelt": "news coverage",
    "news": "news coverage",
    "agency_news": "trade-press and news reports",
    "trade_press": "trade-press and news reports",
    "newsroom": "{its} own news releases",
    "articles": "published articles gathered for this {document}",
    "gazetteer": "a list of agencies and their networks compiled from public pages",
    "reviewer": "corrections by the reviewer who prepared it",
}
#: Sources whose absence the news sentence already covers.
NEWS = frozenset({"google_news", "gdelt", "news"})
#: Not named as sources: values computed from other cited facts.
COMPUTED = frozenset({"dossier"})
#: The agency search serves the reviewer; its failures are reported there, not to the reader.
REVIEWER_ONLY = frozenset({"agency_news", "trade_press", "newsroom"})


def _kind(dossier: Dossier, source: str, document: str) -> str:
    its = "the agency’s" if document == "profile" else "the company’s"
    text = KINDS.get(source) or dossier.label(source)
    return text.format(its=its, document=document)


#: The site whose pages a source reads: a gap for the source is no gap for the reader when
#: the document cites its pages by way of another source (the agency list cites Wikipedia).
SITES = {"wikipedia": "wikipedia.org", "wikidata": "wikidata.org", "sec": "sec.gov"}


def _cited_site(dossier: Dossier, source: str) -> bool:
    site = SITES.get(source)
    if site is None:
        return False
    for c in dossier.citations:
        host = (urlsplit(c.url).hostname or "").lower()
        if host == site or host.endswith("." + site):
            return True
    return False


def _recent_reports(dossier: Dossier) -> bool:
    """Whether the document cites a report dated inside its news window (an agency profile's
    reports linking the agency to the company, say): then "no news coverage" would read as
    untrue, though the news sources found none."""
    start = dossier.generated_at - timedelta(days=dossier.news_days)
    for f in dossier.organisation.relationship:
        published = getattr(f.value, "published", None)
        if published is not None and published >= start:
            return True
    return False


def about_sentences(dossier: Dossier, kind: str = "company-report") -> list[str]:
    """The paragraph's sentences for a ``company-report`` or an ``agency-profile``."""
    document = "profile" if kind == "agency-profile" else "report"
    org = dossier.organisation
    when = human_date(dossier.generated_at)
    cited = [s.source for s in dossier.citations]
    kinds: list[str] = []
    for source in cited:
        if source in COMPUTED:
            continue
        text = _kind(dossier, source, document)
        if text not in kinds:
            kinds.append(text)
    out = []
    if kinds:
        out.append(
            f"This {document} was prepared on {when} from public sources: {join_names(kinds)}."
        )
        out.append("Every statement cites the numbered source it comes from.")
    else:
        out.append(
            f"This {document} was prepared on {when}; none of the public sources consulted "
            f"returned facts about {org.display_name}."
        )
    if not org.news and not _recent_reports(dossier):
        of = f" of {org.display_name}" if document == "profile" else ""
        out.append(
            f"No news coverage{of} from the {dossier.news_days} days before {when} was found in "
            "the sources consulted."
        )
    failed = []
    for gap in dossier.gaps:
        source = gap.source
        if not source or source in NEWS or source in REVIEWER_ONLY or source in cited:
            continue
        if _cited_site(dossier, source):  # its pages are cited by way of another source
            continue
        text = _kind(dossier, source, document)
        if text not in failed and text not in kinds:
            failed.append(text)
    if failed:
        out.append(f"No information was available from {join_names(failed)}.")
    missing = [
        spec.gap_label[:1].lower() + spec.gap_label[1:]
        for spec in FIELDS.values()
        if spec.expected and getattr(org, spec.name) in (None, [])
    ]
    if missing:
        out.append(f"Not found in the sources consulted: {join_names(missing)}.")
    return out


def about_text(dossier: Dossier, kind: str = "company-report") -> str:
    """The paragraph as one string."""
    return " ".join(about_sentences(dossier, kind))


def about_findings(dossier: Dossier, kind: str = "company-report") -> list[Finding]:
    """Words-to-watch findings in the paragraph (the organisation's and sources' names masked);
    dossier's own text must have none."""
    names = [dossier.organisation.display_name, *dossier.labels.values()]
    return lint_text(about_text(dossier, kind), names)
