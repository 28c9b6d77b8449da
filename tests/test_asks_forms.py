"""The soft ask's closed set of forms, read by their structure (dossier/render/asks.py).

A soft ask names no meeting and no price; what it does is one of a few things: offer the
writer's service, time or expertise; propose to meet or talk; hold an offer out on a condition
the reader may meet ("if you ever need ..., we ..."); promote the writer to the reader ("we help
brands like yours", "our work for X"); or ask for a referral or an introduction. Each test
below names the form, with real sentences from eval/asks/dev10.jsonl (development data since its
cold scoring) and, marked "constructed", sentences written for this test to show the form is
read by its structure, not by the words of the real one.
"""

from __future__ import annotations

import pytest

from dossier.render.asks import ASK_ACTS, WARM_ACTS, acts, ask_acts, structure_asks
from dossier.render.notes import check_asks

# (sentence, the act it performs). Real ones are from dev10 unless marked constructed.
FORMS = [
    # Our service told to the reader: the writer, a verb of serving, a class of clients.
    ("I work with {{similar_role/company_type}} on {{relevant_topic}}.", "service"),
    ("I run MEDICI — we build AI-powered marketing infrastructure for startups.", "service"),
    (
        "We've been working with a handful of {{INDUSTRY}} companies at their stage on "
        "{{PAIN_AREA}}, and I think there could be a genuine fit.",
        "service",
    ),
    ("We specialise in product launches for consumer brands.", "service"),  # constructed
    ("Our agency partners with challenger brands across Europe.", None),  # constructed: phrase
    # What we did for others, in any tense.
    (
        "We've been helping {{similar_companies}} with {{related_challenge}} and thought you "
        "might find {{specific_resource}} useful.",
        "track_record",
    ),
    ("We've done a lot of work in the beverage space.", "track_record"),  # constructed
    ("We recently launched a campaign for a brand much like yours.", "track_record"),  # constructed
    # Who we are and what we know, told to the reader.
    ("We know the category well.", "self_promotion"),  # constructed
    ("We were recently named Agency of the Year.", "self_promotion"),  # constructed
    ("We have years of experience in retail.", "self_promotion"),  # constructed
    ("We just opened an office in Leeds.", "self_promotion"),  # constructed
    (
        "Our experience with challenger brands could be useful as you settle in.",  # constructed
        "self_promotion",
    ),
    # The reader's market as we have seen it: the lead-in to a pitch.
    ("Every marketing leader I talk to has the same problem:", "diagnosis"),
    (
        "I've been tracking companies in the customer success space that raised similar "
        "rounds, and there's an interesting pattern in how they're scaling their GTM teams.",
        "diagnosis",
    ),
    # An idea or our time held out.
    ("I have a thought on how to fix this.", "offer"),
    ("Would love to catch up once you've found your feet.", "offer"),  # constructed
    ("I have some availability next week.", "time"),  # constructed
    # A conditional offer: the reader's condition and the writer at hand, in two clauses.
    ("If you need my help, I’ll be here.", "conditional_offer"),
    ("Should your priorities shift, I am always available.", "conditional_offer"),  # constructed
    (
        "Should the timing ever suit you, we are always glad to talk.",
        "conditional_offer",
    ),  # constructed
    # A meeting put as a bare noun phrase, or as a question without its verb; our event.
    ("Quick call to share what they did?", "request"),
    ("Open to a quick chat next week?", "request"),  # constructed
    ("Fancy a coffee once you've settled in?", "request"),  # constructed
    ("We'd love you to join us at our breakfast for marketing leaders.", "request"),  # constructed
    # A request for an introduction or a referral.
    (
        "If anyone in your network comes to mind who's dealing with [pain point], I'd love an "
        "intro.",
        "referral",
    ),
    ("A quick introduction to your head of brand would mean a lot.", "referral"),  # constructed
    ("Do you know anyone else who is reviewing their agency?", "referral"),  # constructed
    # A disclaimer of the ask.
    ("No agenda — just staying in touch.", "disclaimer"),  # constructed
]


@pytest.mark.parametrize(("sentence", "act"), FORMS)
def test_each_form_of_the_soft_ask_is_flagged(sentence: str, act: str | None) -> None:
    assert check_asks(sentence), sorted(acts(sentence))
    if act is not None:
        assert act in ask_acts(sentence), sorted(acts(sentence))
        (found,) = structure_asks(sentence)
        assert ASK_ACTS[act] in found.advice


# Warm lines with the words of these forms: a memory of the reader's own team, agreed work, a
# welcome, a gift with no strings attached, "no need to reply", a wish, a guide's advice.
WARM = [
    # real (dev10)
    "I always enjoyed working with your team.",
    "Your skills, experience, and enthusiasm impressed us during the interview process, and we "
    "are thrilled to have you join our team.",
    "If you know something about how the event is being celebrated, mention that in the card; "
    'for example, "We wish you and Tim a magical time at Disney World."',
    "I've been following {{company}}'s work on {{initiative}} - impressive results.",
    # constructed
    "We hope it helps you settle in. There is no need to reply.",
    "I still think about the launch we worked on together.",
    "We put this briefing together as a small gift; no strings attached.",
    "Our team has enjoyed working with you over the years.",
    "Wishing you every success, and if you ever find yourself missing Leeds, the kettle is on.",
    "It was great to see you at the conference last year.",
    "The briefing is yours to keep, with our compliments.",
    "We created this briefing for you as you settle in.",
    "Our work together was the highlight of my year.",
    "We would love to see you succeed, and we know you will.",
    "Glad to hear you're settling in.",
    "Happy to hear the news of your appointment.",
    "I hope there is a chance to celebrate this weekend.",
    "We have a wonderful team here who all send their best.",
]


@pytest.mark.parametrize("sentence", WARM)
def test_warm_lines_with_the_words_of_these_forms_are_left_alone(sentence: str) -> None:
    assert check_asks(sentence) == [], [f.term for f in check_asks(sentence)]


def test_the_warm_acts_explain_away_a_weak_ask_but_not_a_strong_one() -> None:
    # A welcome and a gift are warm acts; a disclaimer beside a gift is the gift's.
    assert {"welcome", "gift"} <= set(WARM_ACTS)
    assert "welcome" in acts("We are thrilled to have you join our team.")
    assert ask_acts("We put this together as a small gift; no strings attached.") == []
    # ... but our service is a pitch whatever surrounds it (constructed).
    assert "service" in ask_acts("Congratulations on the new role; we help brands like yours grow.")


def test_a_conditional_needs_the_writer_at_hand_in_another_clause() -> None:
    # constructed: a condition with a wish, or with advice, offers nothing.
    assert "conditional_offer" not in acts("If you get a moment this weekend, enjoy the sun.")
    assert "conditional_offer" not in acts(
        "If I don't see you before the holidays, have a lovely break."
    )
    assert "conditional_offer" in acts(
        "I'm always happy to help if you ever need a sounding board."
    )
