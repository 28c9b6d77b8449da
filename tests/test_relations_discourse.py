"""Discourse links (dossier/agency/discourse.py and its use in relations.extract_text).

A later sentence of an item that refers to the brand or the agency another sentence named ("The
carmaker moved its account to BBDO", "It won the online pitch of the year", "the agency lost ...")
is read with the name in the reference's place. Real inputs are quoted with their URL (the items
are in the development files and scored by ``make eval``); the others are constructed.
"""

from __future__ import annotations

import pytest

from dossier.agency import evidence
from dossier.agency.discourse import agency_reference, resolve
from dossier.agency.relations import extract_text, normalise

from .test_perf_reuse import _article


def _text(sentence: str, brand: str = "", agency: str = "", subject: str = "") -> str | None:
    r = resolve(sentence, brand, agency, subject)
    return None if r is None else r.text


# ----------------------------------------------------------------------------- the anaphors


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The retailer has appointed Mother.", "Tesco has appointed Mother."),
        ("The Sydney-based company has appointed Mother.", "Tesco has appointed Mother."),
        (
            "Since then the fast-food chain has appointed Mother.",
            "Since then Tesco has appointed Mother.",
        ),
        (
            "The brand's new agency, Mother, launched its first work.",
            "Tesco's new agency, Mother, launched its first work.",
        ),
        ("The client moved its account to Mother.", "Tesco moved its account to Mother."),
        ("The carmaker, the bank and the telco", "Tesco, the bank and the telco"),  # the first only
        ("It picked Mother after a review.", "Tesco picked Mother after a review."),
        (
            "Its incumbent agency, BBH, will repitch.",
            "Tesco's incumbent agency, BBH, will repitch.",
        ),
        ("The group has hired Mother.", "Tesco has hired Mother."),  # "the group" as the subject
    ],
)
def test_brand_side_anaphors_take_the_brand(sentence: str, expected: str) -> None:
    assert _text(sentence, brand="Tesco") == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Mother is one of several agencies in the group.",  # "the group" not as subject: the holding
        "He founded the holding company in 1985.",  # an agency's word
        "Creston plc, the marcoms company he founded, said so.",
        "The company he founded has appointed Mother.",  # a description of another organisation
        "It won the account last year.",  # "It" + an agency's verb is no brand
        "It is not thought that anything changed.",
    ],
)
def test_no_brand_anaphor(sentence: str) -> None:
    assert _text(sentence, brand="Tesco") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The agency beat BBH in the pitch.", "Mother beat BBH in the pitch."),
        ("The shop has won Asda.", "Mother has won Asda."),
        ("The network lost the account.", "Mother lost the account."),
        ("The independent has won Asda.", "Mother has won Asda."),
        ("The WPP-owned agency has won Asda.", "Mother has won Asda."),
        (
            "The win for the indie agency came after the agency lost Asda.",
            "The win for Mother came after Mother lost Asda.",
        ),
    ],
)
def test_agency_side_anaphors_take_the_agency(sentence: str, expected: str) -> None:
    assert _text(sentence, agency="Mother") == expected
    assert agency_reference(sentence) is not None


def test_agency_descriptions_and_it_are_not_the_agency_named_before() -> None:
    # "the agency created to run its business" is another agency
    assert _text("It is leaving the agency created to run its business.", agency="Mother") is None
    # an opening "It won" is the previous sentence's subject agency only, never "the agency named last"
    assert _text("It won the Asda account.", agency="BBH") is None
    assert _text("It won the Asda account.", subject="Dare") == "Dare won the Asda account."


# ----------------------------------------------------------------------------- in extract_text


def test_a_later_sentence_refers_to_the_agency_of_the_headline(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://mumbrella.com.au/month-in-a-minute-octobers-biggest-agency-stories-549258 (dev2)
    headline = "KWP won Tourism NT’s creative account"
    snippet = "The win for the independent agency came six months after the agency lost SA Tourism’s creative account to TBWA in April."
    got = {(r.brand, r.agency, r.status): r for r in extract_text(headline, snippet, gaz)}
    assert ("SA Tourism", "KWP", "ended") in got
    assert ("SA Tourism", "KWP", "ended") not in {
        (r.brand, r.agency, r.status) for r in extract_text(headline, snippet, gaz, linking=False)
    }
    r = got[("SA Tourism", "KWP", "ended")]
    assert r.sentence == normalise(
        snippet
    )  # the real sentence (as every relation reports it), not the rewritten one
    assert "independent agency" in r.sentence and "KWP" not in r.sentence
    assert r.linked == normalise(headline)  # the sentence that named the agency
    assert not got[("Tourism NT", "KWP", "appointed")].linked  # read from its own sentence


def test_an_opening_it_is_the_agency_the_previous_sentence_opens_with(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.campaignlive.co.uk/article/top-300-agencies-school-reports-part-1-5/543545 (dev3)
    snippet = (
        "The online creative agency Dare showed the same appetite for success as its part-parent, BBH. It won the "
        "online pitch of the year for the AA's account, led the sector creatively and was named Agency of the Year "
        "for a third year running."
    )
    got = [(r.brand, r.agency, r.status) for r in extract_text("", snippet, gaz)]
    assert ("AA", "Dare", "appointed") in got
    assert not any(a == "BBH" and s == "appointed" for _b, a, s in got)  # not the last agency named


def test_a_later_sentence_refers_to_the_brand_of_the_headline(gaz) -> None:  # type: ignore[no-untyped-def]
    # constructed: the headline names the brand, the snippet only "the carmaker"
    headline, snippet = (
        "Ford's review",
        "The carmaker moved its account to BBDO after 75 years with WPP.",
    )
    got = {(r.brand, r.agency, r.status): r for r in extract_text(headline, snippet, gaz)}
    assert set(got) >= {("Ford", "BBDO", "appointed"), ("Ford", "WPP", "ended")}
    assert not extract_text(headline, snippet, gaz, linking=False)
    assert got[("Ford", "BBDO", "appointed")].sentence == normalise(snippet)
    assert got[("Ford", "BBDO", "appointed")].linked == normalise(headline)


def test_no_brand_link_when_the_headline_leads_with_an_agency(gaz) -> None:  # type: ignore[no-untyped-def]
    # constructed: "the company" of an agency's headline is the agency, never a client
    assert not extract_text(
        "Mother opens Paris office", "The company has moved its account to BBH.", gaz
    )
    assert not extract_text(
        "WPP reports results", "The group has hired Mother for its own brand campaign.", gaz
    )


def test_two_organisations_before_the_reference_give_no_link(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.campaignlive.co.uk (dev2, "Pitch update"): "the car manufacturer" is Citroen, not
    # the subject Elvis; with two candidates no link is made
    snippet = (
        "In direct marketing, Elvis has pulled out of the Citroen pitch. It means that the car manufacturer, which "
        "was forced to call a review after the incumbent agency Kitcatt Nohr Alexander Shaw won Toyota in January, "
        "now has a shortlist."
    )
    assert not any(r.brand == "Elvis" for r in extract_text("Pitch update", snippet, gaz))


@pytest.mark.parametrize(
    ("headline", "snippet"),
    [
        (
            "Tesco hires new CMO",
            "The retailer has appointed Jane Smith, formerly of Mother, as its chief marketing officer.",
        ),
        ("Ford's review", "The carmaker has named a former BBDO strategist as its CMO."),
        ("Mother wins Tesco", "It won the Campaign agency of the year award for the third time."),
        (
            "Mother wins Tesco creative account",
            "The agency was acquired by Accenture Song in 2024.",
        ),
    ],
)
def test_distractor_guards_hold_on_the_resolved_sentence(gaz, headline: str, snippet: str) -> None:  # type: ignore[no-untyped-def]
    # constructed: a person move, an award and an acquisition stay out once the name is written in
    got = [r for r in extract_text(headline, snippet, gaz) if r.sentence == snippet]
    assert not got


def test_evidence_keeps_the_real_sentence_and_names_the_linked_one(gaz) -> None:  # type: ignore[no-untyped-def]
    # CONSTRUCTED: an invented item about a fictional brand
    item = _article(
        "Quorvane Foods's review",
        "The retailer moved its account to BBDO after a pitch.",
        "https://example.org/q",
    )
    found = evidence.extract_evidence([item], "Quorvane Foods", gaz)
    ev = next(e for e in found if e.relation == "appointed")
    assert ev.sentence == "The retailer moved its account to BBDO after a pitch."
    assert ev.linked == "Quorvane Foods's review"
