"""The neutral-voice lint in sentence context: the general causes found on the third, cold
collection (eval/neutrality/dev3.jsonl). Each sentence below is constructed to show one rule;
the corpus itself is scored by ``make eval``, not here."""

from __future__ import annotations

import pytest

from dossier.writing.neutrality import inflect, lint_text


def errors(text: str) -> list[str]:
    return [f.term for f in lint_text(text) if f.severity == "error"]


def findings(text: str) -> list[tuple[str, str, str]]:
    return [(f.category, f.severity, f.term) for f in lint_text(text)]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # The first word of a sentence is not taken for a name when it starts a longer phrase.
        ("Research has shown that the ads work.", "Research has shown"),
        ("Critics say the campaign failed.", "Critics say"),
        ("Experts believe the brand will recover.", "Experts believe"),
        # Editorializing the guideline's way, beyond its examples.
        (
            "It's also important to note that the firm is the fourth largest.",
            "It's also important to note",
        ),
        ("Making matters worse, management cut its outlook.", "Making matters worse"),
        ("It turns out the plan was wrong.", "It turns out"),
        # Superlatives of judgement after a possessive; legacy claims; puffery nouns.
        ("He became one of the state’s most successful people.", "state’s most successful"),
        (
            "He built it into one of the world’s best-known retailers.",
            "one of the world’s best-known",
        ),
        ("The chain transformed the haircutting industry.", "transformed the haircutting industry"),
        (
            "It was the first time it had not recommended an iPhone, an icon of popular culture.",
            "an icon of",
        ),
        ("Officially, the firm has 200 staff.", "Officially,"),
    ],
)
def test_caught_in_our_voice(text: str, term: str) -> None:
    assert term in errors(text)


@pytest.mark.parametrize(
    "text",
    [
        # A name in apposition at the start of a sentence is a name.
        "Landmark, which operates 252 screens in 27 markets, has been owned by 2929 Entertainment since 2003.",
        "Legendary acquired the studio in 2016.",
        # "Current and former" says who, not when.
        "Current and former staff told The Sunday Times that the culture had changed.",
        # Attribution that opens the sentence or follows "goes on to".
        "Continues Cohen, “This is a phenomenal fit in the years ahead.”",
        "Says Cohen in a statement, “Landmark is the crown jewel of the arthouse business.”",
        "He goes on to say the iPhone 4 is the best product Apple has ever made.",
        "The agency is the best in the business, Ad Age learned.",
        "In a statement, the company called the deal transformative and innovative.",
        "Per the company, the product is revolutionary.",
        "Writing in the Financial Times, John Gapper called the merger brilliant.",
        "Smith, in a statement: “We are the leading independent agency.”",
        "A statement from the company read: “This is a landmark moment.”",
        "The agency bills itself as the world’s most creative company.",
        "As the Financial Times reported, the deal was a landmark for the sector.",
        "Analysts at Jefferies said the quarter was impressive.",
        # Measures and idioms, not praise.
        "His best-known work is the novel Dune.",
        "It was the hottest summer on record.",
        "Sales took a hit in 2020.",
        "After all shareholders approved the deal, it closed.",
        # How markets are reported: a warning at most.
        "Without a suitor, Kohl’s shares tumbled 20% the day of the announcement.",
    ],
)
def test_no_error(text: str) -> None:
    assert errors(text) == []


def test_a_market_verb_without_a_figure_is_still_an_error() -> None:
    assert ("loaded", "warning", "tumbled") in findings("Shares tumbled 20% on Monday.")
    assert ("loaded", "error", "tumbled") in findings("The empire tumbled after the war.")


def test_a_participle_after_a_comma_is_not_an_inverted_attribution() -> None:
    text = (
        "Inge told The Times two years ago that she was looking for a new investor, "
        "describing the process as hard."
    )
    assert "years ago" in errors(text)


def test_unnamed_analysts_excuse_nothing() -> None:
    assert "impressive" in errors("Some analysts said the quarter was impressive.")


def test_not_every_called_is_a_report() -> None:
    assert "legendary" in errors("The manager called the police after the legendary band played.")


@pytest.mark.parametrize(
    ("phrase", "form"),
    [
        ("trot out", "trotted out"),
        ("send shockwaves", "sent shockwaves"),
        ("drop the ball", "dropping the ball"),
    ],
)
def test_idioms_are_inflected(phrase: str, form: str) -> None:
    assert form in inflect(phrase)
    assert ("idiom", "warning", form) in findings(f"The company {form} this week.")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The inquiry is ongoing.", "relative_time_minor"),
        ("It probably involved calls from the holding company.", "editorializing_minor"),
        ("The firm was forced to let 200 employees go.", "euphemism"),
    ],
)
def test_warnings(text: str, category: str) -> None:
    found = findings(text)
    assert any(c == category and s == "warning" for c, s, _ in found), found
