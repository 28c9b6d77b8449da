"""The forms the twelfth collection showed (eval/asks/dev11.jsonl and dev12.jsonl, development
data since their cold scorings), read by their structure (dossier/render/asks.py,
dossier/data/asks.toml, dossier/render/notes.py).

An offer, a request or a meeting proposal puts a next step to the reader: a question that
offers our next step ("Should I send ...?"), a question without its subject ("Want to ...?"),
a suggestion put as a question ("Have you tried ...?"), what the writer needs the reader to
do, an invitation to our event, a purchase ("Upgrade now"), our offering as the one that gives
the reader something, what our product does and who else uses it, what we did for one client
like the reader, the breakup e-mail's inference from silence, and an outreach credited to a
third party. A warm line does none of that even when it has the same words: care for the
reader's health ("Please prioritize your health"), "pitch in", a memory counted over ("I can't
count the times I came to ask for advice"), a named third party who will call, a reaction to a
message that came ("Great to hear from you!"). Each sentence below is marked "real (devN)"
or is constructed for this test, to show the form is read by its structure, not by the words
of the real one.
"""

from __future__ import annotations

import pytest

from dossier.render.asks import ASK_ACTS, acts, ask_acts, structure_asks
from dossier.render.notes import check_asks

# (sentence, the act the reading must find, or None when a phrase rule flags it first).
ASKS = [
    # A question that offers our next step, or asks the reader's leave.
    ("Should I send the revised scope or pause here?", "request"),  # real (dev12)
    ("Shall we put a date in for the kick-off?", "request"),
    ("Would this example help with your launch plans?", "request"),
    ("Would that template be useful for your team?", "request"),
    # The question without its subject.
    ("Want to pick up where you left off?", "request"),  # real (dev12)
    ("Need a hand with the spring campaign?", "request"),
    ("Time for a bigger plan?", "request"),
    # A suggestion put as a question.
    ("Have you tried our scheduling feature?", "request"),
    ("Have you considered moving the account to an annual retainer?", "request"),
    # What the writer needs or wants the reader to do.
    ("I need you to share them with me.", "request"),  # real (dev12)
    ("We would like you to review the attached scope.", "request"),
    # An invitation to our event.
    (
        "We also invite you to celebrate the season with us on December 18 at 6 p.m. in the "
        "Springfield Ballroom at 1600 Main Street.",
        "request",
    ),  # real (dev12)
    ("You are cordially invited to our open studio evening.", "request"),
    # A purchase put to the reader, and a saving for a change of plan.
    ("Upgrade now and your current work won't skip a beat.", "directive"),  # real (dev12)
    ("Subscribe today to keep your reports coming.", "directive"),
    ("Save {{savings}} by switching to annual billing", "deal"),  # real (dev12)
    ("Cut your costs by moving to the premium tier.", "deal"),
    # Our offering as the one that gives the reader something.
    ("{{next_plan}} gives you {{key_benefit}} for {{price_difference}}/mo more.", "benefit"),
    ("This engagement delivers X by Y date, which addresses the Z gap you mentioned.", "benefit"),
    ("Our platform saves your team a day a week.", "benefit"),
    # What our product does for a class of clients, and who else uses it.
    ("We built [YOUR_PRODUCT] - it helps [SPECIFIC ROLE] with [SPECIFIC PROBLEM].", "service"),
    ("Our tool lets marketing teams plan a quarter in an afternoon.", "service"),
    ("Brands like Acme have been using it to halve their reporting time.", "track_record"),
    (
        "A few companies like [SIMILAR_COMPANY] have been using it to [SPECIFIC_RESULT].",
        "track_record",
    ),  # real (dev11)
    # What we did for one client like the reader, and work like the reader's.
    ("We recently helped a beauty brand double its repeat orders.", "track_record"),
    ("We just wrapped a similar project for a drinks company.", "track_record"),
    ("We're doing some work in retail media that might be relevant.", "track_record"),
    # The breakup e-mail's inference from silence.
    ("I'll assume the timing isn't right on [topic].", "chase"),  # real (dev11)
    ("I will take that as a no for now.", "chase"),
    # An outreach credited to a third party.
    ("[Mutual context] suggested I connect.", "outreach"),  # real (dev12)
    ("Jane recommended I reach out to you.", "outreach"),
]


@pytest.mark.parametrize(("sentence", "act"), ASKS)
def test_each_offer_request_or_proposal_is_flagged(sentence: str, act: str | None) -> None:
    assert check_asks(sentence), sorted(acts(sentence))
    if act is not None:
        assert act in ask_acts(sentence), sorted(acts(sentence))
        found = structure_asks(sentence)
        assert len(found) == 1 and ASK_ACTS[act] in found[0].advice


# Warm lines with the words of those forms.
WARM = [
    # Care for the reader's health is not a directive.
    "Please prioritize your health and take the necessary time to fully recover.",  # real (dev12)
    "Please get some rest and focus on your recovery.",
    "Please take all the time you need to recover.",
    # "Pitch in" is to help out.
    "We knew that you could be trusted to pitch in and help with additional assignments when "
    "needed.",  # real (dev12)
    "Everyone pitched in to make the launch a success.",
    # A memory counted over.
    "I can't count the times I have come into your office this year alone to ask for advice.",
    "I remember all the times we sat in your office asking for advice.",
    # A named third party who will call: news of a referral.
    "Julia Smith from XYZ Co. may be giving you a call or emailing you.",  # real (dev12)
    "She will give you a call when the board has met.",
    # A reaction to a message that came.
    "Great to hear from you!",  # real (dev11)
    "It was lovely to hear from you last week.",
    # The same words in a thank-you, a wish, a welcome and the briefing's own sentences.
    "I want you to know how proud we all are of you.",
    "We hope it gives you some sense of what you are walking into.",
    "Should you ever find yourself in Leeds, we hope the sun shines for you.",
    "Time flies when you are having fun!",
    "This milestone gives you every reason to celebrate.",
    "Your team is lucky to have you.",
]


@pytest.mark.parametrize("sentence", WARM)
def test_warm_lines_with_those_words_are_left_alone(sentence: str) -> None:
    assert check_asks(sentence) == [], [f.term for f in check_asks(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        # The asks those warm forms sit beside are still asks.
        "Please prioritize our proposal this week.",
        "We would love the chance to pitch for the account.",
        "Someone from our team will give you a call.",
        "It would be great to hear from you.",
        "Always nice to hear from you again soon.",
        "I want you to consider us for the review.",
        "I know the times we have helped brands like yours.",
    ],
)
def test_the_asks_beside_those_warm_forms_are_still_flagged(sentence: str) -> None:
    assert check_asks(sentence), sorted(acts(sentence))
