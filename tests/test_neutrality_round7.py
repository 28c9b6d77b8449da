"""The seventh round of the neutral-voice lint: where the attribution of a sentence stops (the
speaker's own description, an apposition before the verb, a quotation of several sentences,
a magazine named "People"), anonymous sources reported by a named outlet, and entries from
public word lists.

Sentences with a URL in a comment are real (eval/neutrality/dev8.jsonl and dev9.jsonl, the
development files of this round); the others are constructed for the test and labelled so.
Each exemption is checked together with the same words in our own voice, so a test cannot
pass by the lint going quiet."""

from __future__ import annotations

import pytest

from dossier.writing.neutrality import lint_text


def _errors(text: str) -> list[tuple[str, str]]:
    return [(f.category, f.term) for f in lint_text(text) if f.severity == "error"]


def _terms(text: str) -> list[str]:
    return [f.term.lower() for f in lint_text(text)]


# --- where an attribution stops --------------------------------------------------------


def test_the_speakers_description_is_ours() -> None:
    # wamc.org (dev9): "embattled" describes the speaker, in our voice.
    text = (
        "The embattled planemaker also said the president of the commercial airplanes "
        "division would retire and its board chairman would not stand for reelection."
    )
    assert ("loaded", "embattled") in _errors(text)
    # Constructed control: the same word inside what the planemaker said is reported.
    assert _errors("The planemaker also said the embattled division would be sold.") == []


def test_inverted_speaker_description_is_ours_too() -> None:
    # Constructed: "..., said the legendary founder" describes the speaker in our voice; the
    # quotation before it is the founder's.
    assert ("puffery", "legendary") in _errors(
        '"The phone is the best we have made," said the legendary founder.'
    )
    assert _errors('"The phone is the best we have made," said the founder.') == []


def test_a_long_clause_before_a_noun_is_not_a_speaker() -> None:
    # Real (eval/neutrality/dev.jsonl, nv-0326): "names" here is a noun, so nothing before
    # it is a speaker's description; the sentence stays as it was read before this round.
    text = (
        "Beginning in Australia in 2011, this campaign replaced the Coke logo on bottles with "
        "popular names, nicknames, and sometimes generic terms like “Friend” or “Mate.”"
    )
    assert _errors(text) == []


def test_an_apposition_before_the_verb_keeps_the_sentence_start_ours() -> None:
    # dev8 (a Wirecard trial report): "last week" dates the lawyer's words, in our voice;
    # the second speaker's apposition used to make the whole first clause "reported".
    text = (
        "Braun’s lawyer Alfred Dierlamm last week called Bellenhaus a “professional liar” and "
        "Sabine Stetter, von Erffa’s defense attorney, said Bellenhaus deleted data at "
        "Wirecard and lied even to his wife."
    )
    assert ("relative_time", "last week") in _errors(text)
    # Constructed: the clause after "said" is still the attorney's.
    assert (
        _errors(
            "Sabine Stetter, the defense attorney, said the notorious witness lied to his wife."
        )
        == []
    )


def test_says_a_magazine_called_people() -> None:
    # snackandbakery.com (dev9): "People" after "says", capitalised, is the magazine.
    text = (
        "With the popularity of his cookies, Amos's name, smiling face, and Panama hat became "
        "iconic, says People magazine."
    )
    assert _errors(text) == []
    # Constructed control: lowercase "people" is nobody in particular.
    assert ("puffery", "iconic") in _errors("His Panama hat became iconic, say people.")


def test_a_quotation_of_two_sentences_is_attributed_where_it_closes() -> None:
    # gospelherald.com (dev9).
    text = (
        '"I have always personally been a great fan of his work and Top Gear. Jeremy is a '
        'huge talent," Hall said.'
    )
    assert _errors(text) == []
    # Constructed control: the same two sentences in our voice.
    assert ("puffery", "great") in _errors(
        "I have always personally been a great fan of his work. Jeremy is a huge talent."
    )


# --- anonymous sources ------------------------------------------------------------------


def test_an_anonymous_source_reported_by_a_named_outlet_is_attributed() -> None:
    # dev8: the outlet named is the source of the account.
    text = (
        "An agreement could be worth as much as $60 billion, according to a person familiar "
        "with the matter, The Wall Street Journal reported."
    )
    assert _errors(text) == []
    # Constructed control: nobody named.
    assert ("anonymous_source", "people familiar with") in _errors(
        "The deal could be worth $60 billion, people familiar with the matter said."
    )


def test_vague_reports_are_weasel_words() -> None:
    # foodprocessing.com (dev9), after MOS:WEASEL's "according to reports".
    text = (
        'Wally "Famous" Amos Jr., the founder of Famous Amos cookies, died Wednesday in '
        "Hawaii, according to various media reports."
    )
    assert any(c == "anonymous_source" for c, _ in _errors(text))
    assert _errors("He died in Hawaii, according to the Honolulu Star-Advertiser.") == []


def test_said_to_as_a_reduced_relative_clause() -> None:
    # case.edu (dev9).
    text = (
        "The historic building, said to have the oldest working bar in Cleveland, was once a "
        "feed store, and some elements remain from that era."
    )
    assert any(c == "weasel" for c, _ in _errors(text))
    # Constructed: the active "said to" a hearer is a report.
    assert not any(
        c == "weasel"
        for c, _ in _errors("The mayor, who said to reporters that the bar is old, left early.")
    )


# --- words that are ordinary in an encyclopaedia ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # dev8 (a BHS report): "collapse" is how encyclopaedias name a company's failure
        # (Wikipedia: "Collapse of Silicon Valley Bank", "Collapse of FTX").
        "The collapse of BHS is the biggest retail failure since Woolworths folded in 2008 "
        "with the loss of almost 30,000 jobs.",
        # dev8 (The North Face): a set phrase.
        "The North Face’s co-founder Doug Tompkins set out to create a brand that would "
        "enable anyone – of any ability, and from any background – to experience the great "
        "outdoors.",
    ],
)
def test_ordinary_words_are_not_errors(text: str) -> None:
    assert _errors(text) == []


def test_great_is_still_puffery() -> None:
    assert ("puffery", "great") in _errors("It is a great brand.")  # constructed


# --- entries from public lists ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category", "term"),
    [
        # wpxi.com, lovebscott.com (dev9): the nouns of "iconic" and "legendary".
        ("The talent agent who became a cookie icon has died.", "puffery", "a cookie icon"),
        ("RIP to a legend.", "puffery", "a legend"),
        # foodprocessing.com, privacytools.io mirror (dev9): the adjectives of MOS:EDITORIAL's
        # "interestingly" and "obviously".
        ("Wikipedia has an interesting biography on him.", "editorializing", "interesting"),
        (
            "A friendly buyer was sought, and the obvious choice was Highland Distilleries.",
            "editorializing",
            "obvious",
        ),
        # latimes.com (dev9): the plural of a listed noun.
        (
            "The Resnicks also own Paramount Farming Company and Paramount Citrus, two "
            "powerhouses in the world of California agribusiness.",
            "loaded",
            "powerhouses",
        ),
        # Constructed: the old WP:PEACOCK page's "indisputable", "top notch" unhyphenated.
        ("It is the indisputable leader in its field.", "puffery", "indisputable"),
        ("The beers are all top notch.", "puffery", "top notch"),
    ],
)
def test_listed_entries_are_found(text: str, category: str, term: str) -> None:
    assert (category, term) in _errors(text), lint_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Click the app icon to start the download.",  # constructed
        "A small icon appears next to the file.",  # constructed
        "The map legend shows each county.",  # constructed
    ],
)
def test_screen_icons_and_map_legends_are_not_praise(text: str) -> None:
    assert _errors(text) == []


def test_a_day_of_the_week_without_its_date_is_relative_time() -> None:
    # eonline.com (dev9): a warning, since a briefing's reader cannot place "Wednesday".
    found = [
        (f.category, f.term, f.severity)
        for f in lint_text(
            "BBC's Director-General Tony Hall said in a statement Wednesday that the contract "
            "would not be renewed."
        )
    ]
    assert ("relative_time_minor", "Wednesday", "warning") in found


@pytest.mark.parametrize(
    "text",
    [
        # popculture.com (dev9): the day with its date.
        "Amos died at his home in Honolulu on Tuesday, Aug. 13 following a battle with dementia.",
        # Constructed: habitual, a name, a named day.
        "The shop closes every Monday and on Sundays.",
        "The Sunday Times reported the sale.",
        "Black Friday sales rose by 4%.",
    ],
)
def test_dated_habitual_or_named_days_are_not_relative(text: str) -> None:
    assert not any(f.category.startswith("relative_time") for f in lint_text(text)), lint_text(text)
