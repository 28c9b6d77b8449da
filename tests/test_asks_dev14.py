"""The forms the fourteenth collection showed (eval/asks/dev14.jsonl, development data since
its cold scoring in round cold14), read by their structure (dossier/render/asks.py,
dossier/data/asks.toml, dossier/render/notes.py).

Reminder, abandoned-cart, trial-expiry, reactivation and referral letters ask in forms the
earlier collections did not hold: a form put to the reader ("Request an extension here"), a
question without its subject ("Need more evaluation time?"), our material put before the
reader ("You can see my CV and portfolio here"), help held out ("we have a variety of options
available to help you"), an exhortation ("we urge you to"), the chase by its attempts ("We have
tried unsuccessfully to contact you"), a gap noticed in what the reader did, what we keep for
the reader until the reader comes back, the outreach credited to a third party ("I got your
name from ..."), the next visit put to the reader, and a meeting with its size ("a short call").
A warm line does none of that: thanks said with "appreciate", and keeping in touch with a
reader who is retiring. Each sentence is marked "real (dev14)" with its URL, or is constructed
for this test to show the form is read by its structure, not by the words of the real one.
"""

from __future__ import annotations

import pytest

from dossier.render.asks import acts, farewell_spans
from dossier.render.notes import check_asks

ASKS = [
    # https://emailforstartups.com/templates/saas-trial-expiration-email-template/ (real, dev14)
    ("Need more evaluation time? Request an extension here: {{extension_link}}", None),
    ("Need any help setting it up?", "request"),  # constructed
    ("Reserve your spot for the spring workshop.", "directive"),  # constructed
    # http://travelwriteearn.com/always-pitch-idea-otherwise-youre-just-begging/ (real, dev14)
    ("You can see my CV and portfolio [here] and my personal blog [here].", "offer"),
    ("I have a few sample layouts for you to review.", "offer"),  # constructed
    # http://www.madow.com/forms-and-letters/patient-reactivation-attempt-letter/ (real, dev14)
    (
        "If you are experiencing financial hardship at this time, we have a variety of options "
        "available to help you continue with your care.",
        "offer",
    ),
    ("We offer payment plans for every budget.", None),  # constructed (the pricing phrase)
    ("We urge you to renew before the end of the month.", "directive"),  # constructed
    # https://www.letters-home.com/customer-letters/sample-from-healthcare-professional-to-patient-stressing-need-for-follow-up-treatment-letter/
    # (real, dev14)
    (
        "We have tried unsuccessfully to contact you on a number of occasions in an attempt to "
        "have you return to complete the treatment.",
        "chase",
    ),
    # https://www.appypie.com/live-chat-software/templates/abandoned-cart-email (real, dev14)
    ("We noticed that you couldn’t complete your order purchase for the product.", "chase"),
    ("We’ll hold your favorite products for you!", "win_back"),  # real (dev14, the same page)
    # https://encharge.io/trial-expiration-email-templates/ (real, dev14)
    ("We keep it safe with us for when you decide to upgrade.", "win_back"),
    # http://afeministwife.com/tag/elements (real, dev14)
    (
        "Hi, this is Matthew Thomas and I got your name from Sally Armenta who thought you might "
        "be willing to share your insights about the field of copywriting with me.",
        "outreach",
    ),
    # https://weisspractice.com/do-we-really-need-to-recall-patients-though-texts/ (real, dev14)
    ("We’re looking forward to seeing you at your next hygiene appointment!", None),
    ("Because our availability is limited, we urge you to reserve a time now.", None),
    ("Maybe a short call would help?", None),  # constructed
    ("You can book time with me here.", None),  # constructed
    ("It would be a privilege to help you with the rebrand.", None),  # constructed
]


@pytest.mark.parametrize(("sentence", "act"), ASKS)
def test_the_forms_of_the_fourteenth_collection_are_asks(sentence: str, act: str | None) -> None:
    assert check_asks(sentence)
    if act is not None:
        assert act in acts(sentence)


WARM = [
    # https://letterin.net/influencer/letter-template-influencer-cancellation-of-collaboration
    # (real, dev14)
    "We greatly appreciate your willingness to partner with us and value the discussions we've had.",
    # https://designyourown.wine/blogs/design-your-own-wine-blog-wine-knowledge/writing-retirement-wishes-to-your-coworkers
    # (real, dev14)
    "I hope your retirement will not erase the memories of our friendship. Don't forget to stay "
    "in touch and tell me about how beautiful the world outside the office is!",
    # constructed: the neighbours of the new forms in a warm line
    "I noticed you finally started your business!",
    "We appreciate everything you did for the team.",
    "Congratulations on your appointment as chief marketing officer.",
    "I encourage you to take some time off before the new role starts.",
    "Thank you for our short call last week.",
]


@pytest.mark.parametrize("sentence", WARM)
def test_warm_lines_near_the_new_forms_stay_warm(sentence: str) -> None:
    assert check_asks(sentence) == []


def test_thanks_with_appreciate_is_not_a_request_with_it() -> None:
    # constructed: "would appreciate" and "appreciate it if" still ask
    assert check_asks("I would appreciate it if you could partner with us on the launch.")
    assert check_asks("We appreciate it if you partner with us on the launch.")


def test_keeping_in_touch_is_warm_only_with_a_retiring_reader() -> None:
    # constructed: the same request to someone who is not retiring is still an ask
    assert check_asks("Congratulations on the new role. Don't forget to stay in touch!")
    text = "Happy to hear about your retirement. Do stay in touch!"
    assert farewell_spans(text) and check_asks(text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # constructed: a condition on use with the writer's offer, something free to take up,
        # and the bare question for the reader's view
        "If it would help, we could share our benchmarks.",
        "If you think it could be useful, we can set up a trial.",
        "We are offering new clients a free strategy session.",
        "Thoughts?",
    ],
)
def test_conditional_offers_free_sessions_and_bare_questions_are_asks(sentence: str) -> None:
    assert check_asks(sentence)


def test_a_condition_with_no_offer_stays_warm() -> None:
    # constructed: the briefing's own conditions offer nothing
    assert check_asks("If it helps at all, the briefing below lists every source we used.") == []
    assert check_asks("The briefing is free to keep and share.") == []
