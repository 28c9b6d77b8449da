"""The ask-guard's reading of a sentence as a speech act (dossier/render/asks.py)."""

from __future__ import annotations

import pytest

from dossier.render.asks import ASK_ACTS, CATEGORY, acts, ask_acts, structure_asks
from dossier.render.notes import check_asks, rule_asks

from .test_voice import _suite  # the eval suites, loaded from their files

# Real asks from eval/asks/dev8.jsonl that the phrase lists of asks.toml missed when the
# collection was scored cold, with the act each performs.
ASKS = [
    ("Can you reconnect with me in early August!", "request"),
    ("How does next Wednesday at 11am sound or 2 weeks on Thursday at 2pm?", "request"),
    ("Please sign the Petition Opposing the bill.", "directive"),
    (
        "Won’t you join me in opposing this law, taking a stand for woman-owned small businesses "
        "nationwide, and advocating for the right to continue to make the products you love so "
        "much?",
        "request",
    ),
    ("I can get you set up this week.", "offer"),
    (
        "As such, we are proposing for your company to be one of the sponsors by providing "
        "financial support of any amount.",
        "deal",
    ),
    (
        "In return, your company will be included in the advertisements for the activity and "
        "will also be recognized during the program.",
        "deal",
    ),
    ("Sally would be the perfect guest for your show.", "fit"),
    (
        "We helped [Similar Company] solve this exact issue and they saw [specific result - 40% "
        "increase, $X savings, etc.] within [timeframe].",
        "track_record",
    ),
    ("We hope you continue supporting the positive growth of our city.", "keep_buying"),
    ("Thank you for considering my request.", "consideration"),
    ("I'll be direct—this is a cold email.", "outreach"),
    ("No strings attached—just thought it was relevant.", "disclaimer"),
    ("Look forward to chatting!", "request"),
    # ak6 (dev6): a win-back and our own news.
    ("I’ll be direct: we want you back.", "win_back"),
    (
        "We have dozens of new clients that we were not serving at this time last year.",
        "self_promotion",
    ),
]

# Real warm lines (eval/asks/dev*.jsonl) with the grammar of an ask: a modal, an offer verb,
# "please", a question, a first person about the future.
WARM = [
    "I’m really proud of you for getting hired for your “dream job,” but boy, will we miss you "
    "around here!",
    "I would like to make the transition as easy as possible for my successor.",
    "Now you can finally put your feet up and start your career as a full-time grandparent!",
    "Please accept my sympathy for your sad loss.",
    "May the love of family and friends comfort you.",
    "[New accountant’s name] has [length of experience, i.e., 15 years] of experience in "
    "[specific accounting service/industry] and has been fully briefed on your account to "
    "ensure a successful transition.",
    "Either way, best of luck with [recent company news/initiative].",
]


@pytest.mark.parametrize(("sentence", "act"), ASKS)
def test_an_ask_is_read_by_what_it_does_to_the_reader(sentence: str, act: str) -> None:
    assert act in ask_acts(sentence), sorted(acts(sentence))
    (found,) = structure_asks(sentence)
    assert found.category == CATEGORY and found.severity == "warning"
    assert found.guideline == "dossier ask-guard"  # a batch holds it like any ask finding
    assert ASK_ACTS[act] in found.advice
    assert check_asks(sentence)


@pytest.mark.parametrize("sentence", WARM)
def test_a_warm_line_performs_no_ask(sentence: str) -> None:
    assert ask_acts(sentence) == [], sorted(acts(sentence))
    assert structure_asks(sentence) == []


def test_warm_acts_are_named() -> None:
    assert "condolence" in acts("I was sorry to hear of your recent bereavement.")
    assert "wish" in acts("Wishing you a prosperous and joyful New Year.")
    assert "congratulation" in acts("Congratulations on achieving this feat!")
    assert "handover" in acts("I want to ensure a smooth transition for your account.")


def test_a_wish_does_not_hide_an_instruction_beside_it() -> None:
    assert "directive" in ask_acts("May the year be kind to you, and let's meet in spring.")


def test_a_thank_you_covers_everything_it_thanks_for() -> None:
    # ak8-0036: "reaching out" was flagged in the second thing thanked for.
    assert rule_asks("Thanks for thinking of me for this project and for reaching out.") == []
    # ... but thanks for considering a request is a request.
    assert rule_asks("Thanks for your time, and for considering my request.")


def test_the_readers_own_work_handed_back_is_not_an_ask() -> None:
    # ak8-0079: the proof of the reader's brochure; ak6: news shared.
    assert (
        rule_asks("I am delighted to enclose the proof of your Spring/Summer promo brochure.") == []
    )
    assert rule_asks("I’m thrilled to share some fantastic news!") == []
    # A document put to the reader for a decision still is one.
    assert rule_asks(
        "Accordingly, with your permission, I have taken the liberty of drafting the enclosed "
        "sample agreement for your review."
    )


def test_one_finding_per_sentence_and_none_where_a_phrase_already_fired() -> None:
    text = "Dear Jane,\n\nCongratulations on the new role.\n\nPlease sign the petition. Let's grab a coffee?\n"
    found = rule_asks(text)
    assert [(f.line, f.column) for f in found if f.category == CATEGORY] == [(5, 1)]
    assert all(f.line == 5 for f in found)


def test_no_warm_line_of_the_development_collections_performs_an_ask() -> None:
    warm = [i for i in _suite("asks").items("dev") if i["label"] == "warm"]
    assert len(warm) >= 380
    assert [i["id"] for i in warm if structure_asks(i["text"])] == []
