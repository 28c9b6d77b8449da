"""The sixth round of the neutral-voice lint: the attribution forms of English reporting (a
closed set), names the text itself capitalises, and the vague authorities of Template:Who.

Sentences with a URL are real (from eval/neutrality/dev7.jsonl, the development half of the
fifth collection); the others are constructed for the test and labelled so. Each attributed
form is checked with a watched word inside what the speaker said, and the same words in our
own voice are checked to be still an error, so a test cannot pass by the lint going quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.writing.neutrality import lint_text

from .conftest import build_apple


def _errors(text: str) -> list[str]:
    return [f.term for f in lint_text(text) if f.severity == "error"]


# Constructed: one sentence for each form; the watched word is the speaker's.
ATTRIBUTED = [
    # "X told <hearer>": the reported clause before it, and a clause after the hearer.
    "The office will stay open for the next two years, a spokeswoman for Acme told CoStar News.",
    "A spokeswoman told reporters the office would stay open for the next two years.",
    '"It is the most innovative design in years," Cook told judges at his trial in Munich.',
    "Cook assured investors that the iconic phone would sell.",
    # Set phrases that name the speaker.
    'In his words, the deal was "a landmark moment".',
    'In her own words, the brand is "iconic".',
    'As Buffett put it, "the best investment is in yourself".',
    'As Buffett once put it, the company is "a wonderful business".',
    # A speaker's noun before a colon or "as"; a quotation signed after a dash.
    'Smith\'s verdict: "the best product we have ever made."',
    'Her reply: "It is the most innovative design in years."',
    'Cook’s description of the deal as "a landmark" drew attention.',
    '"It is the most innovative design in years." — Tim Cook',
    # Verbs of saying beyond "said" (MOS:SAID's list and learners' grammars).
    '"It is the most innovative design in years," Cook quipped.',
    '"It is the most innovative design in years," Cook conceded.',
    '"It is the most innovative design in years," Cook replied.',
    '"It is the most innovative design in years," Cook stressed.',
    '"It is the most innovative design in years," Cook emphasised.',
    '"It is the most innovative design in years," Cook vowed.',
    '"A landmark day," Cook mentioned.',
    'Cook informed staff: "This is a landmark day."',
    'Cook was quick to point out that the phone was "the best ever made".',
    # After the quotation; names and slogans.
    '"It is the best phone ever made": that was Cook’s verdict.',
    '"The best phone ever made," reads the company’s website.',
    'The iPhone is, in Cook’s phrase, "the best ever made".',
    'The company bills the phone as "the best ever made".',
    'Its slogan is "the best a man can get".',
]


@pytest.mark.parametrize("text", ATTRIBUTED)
def test_attribution_forms_are_recognised(text: str) -> None:
    assert _errors(text) == [], lint_text(text)


@pytest.mark.parametrize(
    "text",
    [
        # Constructed: the same words in our voice, or after a verb that reports nothing.
        "The office will stay open for the next two years.",
        "The deal was a landmark moment.",
        "It is the most innovative design in years.",
        "Apple informed the regulator of its iconic design.",
        "Cook mentioned the iconic phone.",
        "The verdict: the best product ever made.",
        "Apple revealed its iconic phone.",
        "Apple promised a landmark product.",
        "The phone is marketed as the best ever made.",
        "The stress on the iconic brand grew.",
        'The brand’s tagline, "Think different", became iconic.',
    ],
)
def test_the_same_words_in_our_voice_are_still_errors(text: str) -> None:
    assert _errors(text), text


def test_verbs_of_saying_that_are_nouns_report_nothing() -> None:
    # dev2 (Public Strategies): "its promises" is a noun, not an attribution.
    text = "In addition, Public Strategies has the depth and breadth of talent to deliver on its promises."
    assert _errors(text) == ["depth and breadth"]


def test_a_real_attributed_sentence_with_told() -> None:
    # https://costar.com/article/27929012/exxon-mobils-60-billion-deal-for-rival-to-more-than-double-permian-basin-land-holdings
    text = (
        "Pioneer's headquarters totaling more than 1.1 million square feet at 777 Hidden Ridge "
        "Drive in Irving, about 14 miles northeast of downtown Dallas, is expected to remain "
        "open for the next two years, a spokeswoman for Exxon Mobil told CoStar News."
    )
    assert _errors(text) == []


def test_a_name_the_text_capitalises_inside_a_sentence_is_a_name_at_its_start() -> None:
    # http://legalnews.com/Home/Articles?DataId=1527695
    text = "Pioneer shareholders will receive 2.32 shares of Exxon for each Pioneer share they own."
    assert _errors(text) == []
    # Constructed: with no other sign that it is a name, a listed word starting a sentence is
    # still checked.
    assert _errors("Pioneer shareholders will receive shares.") == ["Pioneer"]
    assert _errors("Legendary products sell well.") == ["Legendary"]


@pytest.mark.parametrize(
    "text",
    [
        # Template:Who's own example, and real sentences of the kind (dev7).
        "Experts agree that the plan will fail.",  # constructed, after Template:Who
        "Many doctors felt that more should be done.",  # camdenguides.com (dev7)
        "Regulators have characterized MLM as a form of gambling or lottery.",  # rationalwiki.org (dev7)
        "Experts disagree as to whether Ponzi schemes are pyramid schemes.",  # directsellingstar.com (dev7)
        "The industry's defenders point to these customers as evidence that the companies are "
        "filling a demand in the market.",  # cultnews101.com (dev7)
    ],
)
def test_vague_authorities_are_weasel_words(text: str) -> None:
    assert any(f.category == "weasel" for f in lint_text(text)), lint_text(text)


@pytest.mark.parametrize(
    "text",
    [
        # Constructed: a named group, or a group the text has already named.
        "Analysts at Jefferies said the quarter was strong.",
        "The regulators said the bank had met its capital requirements.",
        "Regulators fined the bank $5 million in 2019.",
        "Doctors at Great Ormond Street Hospital created the first heart and lung machine for children.",
    ],
)
def test_named_or_acting_groups_are_not_weasel_words(text: str) -> None:
    assert not any(f.category == "weasel" for f in lint_text(text)), lint_text(text)


def test_the_new_inventory_entries_are_found() -> None:
    # Constructed, one entry of each new block (jargon J17, J18; puffery L14; loaded and
    # editorialising words from journalists' lists; euphemisms editors delete).
    found = {
        (f.category, f.term.lower())
        for f in lint_text(
            "The firm had fallen on hard times and could barely make ends meet. "
            "It promised the highest quality. Critics lambasted the tragic decision. "
            "The project deserves more attention. He is a person of means."
        )
    }
    assert {
        ("jargon", "fallen on hard times"),
        ("jargon", "make ends meet"),
        ("puffery_lists", "highest quality"),
        ("loaded", "lambasted"),
        ("loaded", "tragic"),
        ("editorializing", "deserves"),
        ("euphemism", "person of means"),
    } <= found


def test_the_generated_report_still_has_zero_findings(tmp_path: Path) -> None:
    # Every sentence dossier writes for the bundled example, audited by the lint of this round.
    r = build_apple(tmp_path, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "apple-inc" / "facts.json").read_text())
    assert len(data["sentences"]) >= 10
    assert all(s["findings"] == [] for s in data["sentences"])
    assert [w for w in data["warnings"] if w["kind"] == "neutrality"] == []
    for s in data["sentences"]:
        assert _errors(s["text"]) == [], s["text"]
