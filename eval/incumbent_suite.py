"""The incumbent decision on the labelled trade-press items: the figure a user meets.

The agency suite scores every relation a sentence states. What reaches a client is one step
further on: the incumbent the decision confirms (:func:`dossier.agency.find_incumbent`, the rule
in docs/agency.md). Here each labelled item that names a brand is given to that decision alone,
as the company's only report (an articles-file row: headline, snippet, URL, date, outlet),
decided the day after the item's date (an undated item is dated 1 November 2026: most of the
older collections' items were copied without their date), for each brand its labels name. Every agency it
confirms for a role is then one of:

- **right**: the item states that the agency works for the brand (appointed, retained or
  credit, in any role);
- **wrong**: anything else (an agency the item says the brand left, one only in review, one
  the item does not link to the brand): the outcome to avoid, a wrong incumbent named to the
  client.

A brand the item states a current agency for and that gets no confirmed agency is **left to
the reviewer** (the review page shows the candidates; nothing wrong reaches the client). A
single item is all the evidence here, so the figures are a floor for recall (a company's many
reports can confirm what one cannot) and a fair reading of precision: one report is often all
there is. Distractors name no brand in their labels and are not scored here; their relation
misreads are in the agency suite.

``python eval/incumbent_suite.py [dev|test]``. Uses the agency suite's splits and cold files,
which print totals only.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import agency_suite  # noqa: E402

from dossier.agency import find_incumbent, load_gazetteer  # noqa: E402
from dossier.agency.gazetteer import Gazetteer  # noqa: E402
from dossier.agency.incumbent import AgencyCandidate  # noqa: E402
from dossier.agency.relations import same_name  # noqa: E402
from dossier.model import Article, Fact, Provenance  # noqa: E402
from dossier.research.articles import SOURCE, parse_when  # noqa: E402

CURRENT = ("appointed", "retained", "credit")


#: The date given to an undated item (most of the older collections' items were copied without
#: one): a report is decided on as a feed's item would be, the day after it appeared.
UNDATED = datetime(2026, 11, 1, tzinfo=UTC)


def _published(item: dict) -> datetime:
    """The item's date as the articles file reads it ("2009-10" is 1 October 2009)."""
    try:
        return parse_when(item.get("published")) or UNDATED
    except ValueError:
        return UNDATED


def _fact(item: dict, published: datetime) -> Fact:
    """The item as the articles file would give it (dossier.research.articles)."""
    article = Article(
        headline=item["headline"][:300],
        outlet=item.get("outlet") or "",
        published=published,
        url=item["url"],
        summary=(item.get("snippet") or "")[:500],
    )
    prov = Provenance(
        source=SOURCE,
        url=item["url"],
        retrieved_at=published,
        as_of=published.date(),
        locator=item["id"],
        licence="Headline and snippet as supplied",
    )
    return Fact(field="relationship", value=article, provenance=prov)


def _same_agency(gold: str, cand: AgencyCandidate, gaz: Gazetteer) -> bool:
    """The labelled agency (as the item wrote it) is the confirmed one: the same name or entry,
    or a folded or renamed brand whose successor it is today ("Mediaedge:cia" is Wavemaker)."""
    entry = gaz.match(gold)
    if entry is not None and cand.entry is not None and gaz.current(entry).name == cand.entry.name:
        return True
    return any(
        agency_suite._agency_match_text(gold, name, cand.entry, gaz)
        for name in (cand.name, *cand.written_as)
    )


def score(items: list[dict], gaz: Gazetteer) -> Counter[str]:
    """Counts: brands asked, right, wrong, left (a current agency stated, none confirmed)."""
    out: Counter[str] = Counter()
    for item in items:
        published = _published(item)
        if item.get("lang", "en") != "en" or not item.get("relations"):
            continue
        brands: list[str] = []
        for r in item["relations"]:
            if r["brand"] and not any(same_name(r["brand"], b) for b in brands):
                brands.append(r["brand"])
        fact = _fact(item, published)
        today = published.date() + timedelta(days=1)
        for brand in brands:
            labels = [r for r in item["relations"] if same_name(r["brand"], brand)]
            current = [r["agency"] for r in labels if r["status"] in CURRENT and r["agency"]]
            out["brands"] += 1
            out["stated"] += bool(current)
            finding = find_incumbent(brand, [fact], gaz, today)
            confirmed = [d.agency for d in finding.roles if d.confirmed and d.agency is not None]
            for cand in confirmed:
                ok = any(_same_agency(g, cand, gaz) for g in current)
                out["right" if ok else "wrong"] += 1
            if current and not confirmed:
                out["left"] += 1
    return out


def _line(c: Counter[str]) -> str:
    named = c["right"] + c["wrong"]
    share = f"{c['wrong'] / named:.0%}" if named else "-"
    return (
        f"{c['brands']} brands asked ({c['stated']} with a current agency stated): "
        f"{c['right']} right, {c['wrong']} wrong ({share} of the incumbents named), "
        f"{c['left']} left to the reviewer"
    )


def run(split: str) -> list[str]:
    gaz = load_gazetteer(None)
    lines = ["each item alone as the company's only report; the incumbents the decision confirms:"]
    names = agency_suite.SPLITS.get(split, (split,))
    lines.append(f"  {'+'.join(names)}: {_line(score(agency_suite.load(split), gaz))}")
    if split == "dev":
        for name in agency_suite.COLD:
            lines.append(
                f"  {name} (cold, totals only): {_line(score(agency_suite.load_file(name), gaz))}"
            )
    return lines


if __name__ == "__main__":
    for split in sys.argv[1:] or ["dev", "test"]:
        print("\n".join(run(split)))
