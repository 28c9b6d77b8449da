"""Precedence, conflicts and list merging (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dossier.config import load_sources
from dossier.model import Fact, FormerName, Identifiers, Money, Person, Provenance, Quantity
from dossier.research.normalize import Ranking, choose, differs, missing_fields, normalise
from dossier.writing.company import conflict_sentences

from .factories import shown_labels

SETTINGS = load_sources()


def fact(field, value, source, period=None, as_of=date(2025, 1, 1), url=None):
    return Fact(
        field=field,
        value=value,
        period=period,
        provenance=Provenance(
            source=source,
            url=url or f"https://{source}.example/{field}",
            retrieved_at=datetime(2026, 11, 20, tzinfo=UTC),
            as_of=as_of,
        ),
    )


def usd(x):
    return Money(amount=x, currency="USD")


def test_sec_financials_win_over_wikidata_even_when_wikidata_is_newer() -> None:
    facts = [
        fact("revenue", usd(416.161e9), "sec", "FY2025", date(2025, 9, 27)),
        fact("revenue", usd(391.035e9), "sec", "FY2024", date(2024, 9, 28)),
        fact("revenue", usd(430e9), "wikidata", "2026", date(2026, 1, 1)),
    ]
    claim = choose(facts, "revenue", "source", Ranking(SETTINGS))
    assert claim.chosen.source == "sec" and claim.chosen.period == "FY2025"
    assert [f.source for f in claim.others] == ["wikidata"]
    assert claim.conflict == []  # a different year is not a disagreement


def test_same_period_disagreement_is_a_conflict_with_a_sentence() -> None:
    facts = [
        fact("revenue", usd(391.035e9), "sec", "FY2024", date(2024, 9, 28)),
        fact("revenue", usd(365.8e9), "wikidata", "2024", date(2024, 1, 1)),
        fact("revenue", usd(391.0e9), "wikipedia", "2024", date(2024, 1, 1)),
    ]
    org = normalise(facts, Identifiers(), "Apple Inc.", SETTINGS)
    assert org.revenue is not None
    assert [f.source for f in org.revenue.conflict] == ["wikidata"]  # Wikipedia is within 2%
    (sentence,) = conflict_sentences(org, shown_labels())
    assert sentence.text == (
        "Sources differ on revenue for FY2024: SEC EDGAR gives US$391.0 billion; "
        "Wikidata gives US$365.8 billion."
    )
    assert {f.source for f in sentence.facts} == {"sec", "wikidata"}


def test_headcount_takes_the_latest_year() -> None:
    facts = [
        fact("employees", Quantity(amount=164000), "wikidata", "2024", date(2024, 1, 1)),
        fact("employees", Quantity(amount=166000), "wikipedia", "2025", date(2025, 1, 1)),
    ]
    claim = choose(facts, "employees", "latest", Ranking(SETTINGS))
    assert claim.chosen.value.amount == 166000


def test_founding_dates_of_different_precision_agree() -> None:
    a = fact("founded", "1976-04-01", "wikidata")
    assert not differs(a, fact("founded", "1976", "wikipedia"))
    assert differs(a, fact("founded", "1977-01-03", "wikipedia"))


def test_wikidata_wins_the_founders_and_lists_merge_across_sources() -> None:
    facts = [
        fact("key_people", Person(name="Tim Cook", role="CEO"), "wikipedia"),
        fact("key_people", Person(name="Tim Cook", role="Chief executive officer"), "wikidata"),
        fact("key_people", Person(name="Arthur Levinson", role="Chair"), "wikidata"),
        fact("former_names", FormerName(name="APPLE COMPUTER INC"), "sec"),
        fact("former_names", FormerName(name="APPLE COMPUTER INC/ FA"), "sec"),
        fact("former_names", FormerName(name="Apple Computer, Inc."), "wikipedia"),
    ]
    org = normalise(facts, Identifiers(), "Apple Inc.", SETTINGS)
    assert [(f.value.name, f.source) for f in org.key_people] == [
        ("Tim Cook", "wikidata"),
        ("Arthur Levinson", "wikidata"),
    ]
    # SEC's own two entries stay; Wikipedia's duplicate of one of them goes.
    assert [f.value.name for f in org.former_names] == [
        "APPLE COMPUTER INC",
        "APPLE COMPUTER INC/ FA",
    ]


def test_display_name_prefers_the_common_name_and_history_is_kept() -> None:
    facts = [
        fact("legal_name", "NVIDIA CORP", "sec"),
        *[
            fact("revenue", usd(v), "sec", f"FY{y}", date(y, 1, 28))
            for y, v in [
                (2020, 10.9e9),
                (2021, 16.7e9),
                (2022, 26.9e9),
                (2023, 27.0e9),
                (2024, 60.9e9),
                (2025, 130.5e9),
                (2026, 190e9),
            ]
        ],
    ]
    org = normalise(facts, Identifiers(), "nvidia", SETTINGS)
    assert org.display_name == "NVIDIA CORP"
    assert [f.period for f in org.revenue_history] == [
        "FY2021",
        "FY2022",
        "FY2023",
        "FY2024",
        "FY2025",
        "FY2026",
    ]
    org2 = normalise(
        [*facts, fact("common_name", "Nvidia", "wikidata")], Identifiers(), "x", SETTINGS
    )
    assert org2.display_name == "Nvidia"


def test_missing_fields_become_named_gaps() -> None:
    org = normalise([fact("legal_name", "X Corp", "sec")], Identifiers(), "X", SETTINGS)
    messages = [g.message for g in missing_fields(org, ["SEC EDGAR", "Wikidata", "Wikipedia"])]
    assert "Revenue: not found in SEC EDGAR, Wikidata or Wikipedia" in messages
    assert "Key people: not found in SEC EDGAR, Wikidata or Wikipedia" in messages
    assert len(messages) == 8
