"""The inventories built from public, general reference lists (words_to_watch.toml categories
with ``inventory = "general"``; word files puffery_lists.txt, puffery_lists_minor.txt and
jargon.txt). Sentences with a URL are copied from the reference page that lists the word (the
guideline's own examples); the others are constructed for the test and labelled so."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from dossier.writing.neutrality import WORDS_FILE, lint_text, load_categories

ROOT = Path(__file__).resolve().parent.parent
DATA = WORDS_FILE.parent
GENERAL = {
    name
    for name, c in tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))["categories"].items()
    if c.get("inventory") == "general"
}


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(f.category, f.term, f.severity) for f in lint_text(text)]


def _errors(text: str) -> list[str]:
    return [f.term for f in lint_text(text) if f.severity == "error"]


def test_the_general_inventories_are_marked_and_can_be_left_out() -> None:
    assert {"puffery_lists", "puffery_lists_minor", "jargon"} == GENERAL
    every = {c.name for c in load_categories()}
    without = {c.name for c in load_categories(without=("general",))}
    assert every >= GENERAL and not GENERAL & without and every - without == GENERAL
    text = "It was a resounding success."  # constructed
    assert _errors(text) == ["a resounding success"]
    assert lint_text(text, categories=load_categories(without=("general",))) == []


@pytest.mark.parametrize("name", ["puffery_lists.txt", "puffery_lists_minor.txt", "jargon.txt"])
def test_every_word_file_names_its_lists(name: str) -> None:
    """A word list is data: each block of entries is headed by the list it comes from."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    assert any(re.search(r"https?://", line) for line in lines) or name.endswith("minor.txt")
    seen_source = False
    for line in lines:
        if re.match(r"#\s*\[[LJ]\d+\]", line):
            seen_source = True
        elif line.strip() and not line.startswith("#"):
            assert seen_source, f"{name}: {line!r} comes before any source"


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # The old guideline's own example: http://ornacle.com/wiki/Wikipedia:Avoid_peacock_terms
        ("Brazil has a vigorous economy.", "vigorous economy"),
        # Wikipuffery's own examples: https://www.know.cf/enciclopedia/en/Wikipedia:Wikipuffery
        (
            "Foo Barkley (born 1970) is a highly-acclaimed, award-winning American filmmaker ...",
            "highly-acclaimed",
        ),
        (
            "Bringers of Death are a legendary, highly influential death metal band from "
            "Albany, NY ...",
            "highly influential",
        ),
        # Constructed, one for each general pattern of puffery with no listed word.
        ("The agency stands as a testament to the founder's drive.", "stands as a testament"),
        ("The campaign was a huge success with younger shoppers.", "a huge success"),
        ("The brewer has an enviable reputation in Belgium.", "enviable reputation"),
        ("Acme is a thriving business with offices in Leeds.", "a thriving business"),
        ("She is one of the most admired designers in Milan.", "one of the most admired"),
        ("The firm is one of the leading agencies in Ohio.", "one of the leading"),
        ("He is a wildly successful investor.", "wildly successful"),
        ("The opening was a significant milestone for the group.", "a significant milestone"),
        (
            "It opened a studio in Leeds, underscoring its commitment to the north.",
            "underscoring its commitment",
        ),
        ("The merger is shaping the future of grocery retail.", "shaping the future of"),
        ("Acme is a leading provider of payroll software.", "leading provider"),
        ("The company is thrilled to open its third store.", "thrilled"),
    ],
)
def test_puffery_from_the_reference_lists_is_an_error(text: str, term: str) -> None:
    errors = _errors(text)
    assert any(term in e or e in term for e in errors), _found(text)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # Constructed: ambiguous words from the same lists are warnings, not errors.
        ("The bank runs a robust platform for payments.", "robust"),
        ("Messages use end-to-end encryption.", "end-to-end"),
        ("It is one of the largest employers in Ohio.", "one of the largest"),
        ("It made one of the biggest comebacks in business history.", "one of the biggest"),
        ("The hotel boasts 200 rooms.", "boasts"),
        # Jargon (GOV.UK, The Economist, business-jargon lists), with its tenses.
        ("The board moved the goalposts in March 2024.", "moved the goalposts"),
        ("Two rivals followed suit in 2019.", "followed suit"),
        ("The regulator gave the green light to the merger in 2021.", "gave the green light"),
        ("Staff touch base with the client each Monday.", "touch base"),
        ("Returns are a pain point for the retailer.", "pain point"),
    ],
)
def test_ambiguous_words_and_jargon_are_warnings(text: str, term: str) -> None:
    found = _found(text)
    assert any(t == term and sev == "warning" for _, t, sev in found), found
    assert _errors(text) == [], found


@pytest.mark.parametrize(
    "text",
    [
        # Constructed: innocent uses and attributions.
        "Acme was one of the top five advertisers in 2023, according to Nielsen.",
        "The soil is rich in iron.",
        "The company has a strong balance sheet.",
        "The successful bidder was named in May 2022.",
        "“We are a thriving business,” the chief executive said.",
        "Forbes called it one of the most admired companies in America.",
        "According to the trade body, the launch was a huge success.",
    ],
)
def test_innocent_uses_and_attributions_are_not_errors(text: str) -> None:
    assert _errors(text) == [], _found(text)


def test_a_word_on_two_lists_is_one_finding() -> None:
    # Constructed: "world-class" is on the guideline's list and on the press-release lists.
    found = _found("The agency is world-class.")
    assert found == [("puffery", "world-class", "error")]


def test_the_suite_scores_with_and_without_the_general_inventories() -> None:
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        import neutrality_suite as suite
    finally:
        sys.path.remove(str(ROOT / "eval"))
    item = {"text": "It was a resounding success.", "label": "tag", "category": "puffery"}
    assert suite.caught(item)
    suite.WITHOUT = ("general",)
    try:
        assert not suite.caught(item)
    finally:
        suite.WITHOUT = ()
