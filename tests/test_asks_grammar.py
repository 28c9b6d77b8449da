"""The ask-guard's rules for the forms of asking found in the fourth collection (eval/asks/dev4):
each input is a real sentence, copied from the page named beside it (see eval/asks/dev4.raw)."""

from __future__ import annotations

import pytest

from dossier.render.notes import check_asks


def categories(text: str) -> set[str]:
    return {f.category for f in check_asks(text)}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A condition on the reader's reply, and taking them off the list.
        # https://www.onlyinfotech.com/2018/05/15/the-stupid-sales-email-technique-ive-been-arguing-about-for-30-years/
        ("If you don’t answer, I’ll take you off my list.”", "offers"),
        # Waiting on the reader, even in the past tense.
        # http://torontrepreneur.blogspot.com/2011/04/to-call-or-not-to-call-that-is-email.html
        (
            "A week ago Harold indicated that you might contact me, but in case you were "
            "waiting to hear from me, well, here is an email!",
            "offers",
        ),
        # Why we write, when it is to get something.
        # http://torontrepreneur.blogspot.com/2011/04/to-call-or-not-to-call-that-is-email.html
        ("I was calling to ask if you were anticipating anything from me.", "offers"),
        # https://www.huffingtonpost.ca/evan-thompson/business-pitch_b_6893378.html
        (
            'Your email might read: "Terry, I am getting back in touch to reaffirm my interest '
            "in working with you and your team.",
            "working_together",
        ),
        # Our contact details, offered.
        # https://www.onlyinfotech.com/2018/05/15/the-stupid-sales-email-technique-ive-been-arguing-about-for-30-years/
        ("I can be reached at [number].”", "offers"),
        # An offer put as a question.
        # https://dight.pro/guides/cold-email-for-local-businesses
        (
            'Offer something immediate and useful: "Want me to send over a 2-minute video '
            'showing the issue?"',
            "offers",
        ),
        # More of our material on offer.
        # https://teamable.zendesk.com/hc/en-us/articles/360005466513-What-Emails-are-Sent-via-Teamable-
        (
            "I've copied my colleague <recruiter_first_name> who can provide more details and "
            "fast-track you through the process.",
            "offers",
        ),
        # A document put to the reader for a decision.
        # http://www.writinghelp-central.com/proposal-letter-education.html
        (
            "Accordingly, with your permission, I have taken the liberty of drafting the "
            "enclosed sample agreement for your review.",
            "offers",
        ),
        # Asking for a favour however it is put.
        # https://danmall.com/posts/whats-in-it-for-me
        ("I could really use a portfolio review.", "requests"),
        # Working together without a subject; synergy.
        # https://teamable.zendesk.com/hc/en-us/articles/360005466513-What-Emails-are-Sent-via-Teamable-
        ("Would be great to work together...", "working_together"),
        # https://www.salian.in/notebook/the-art-of-the-first-email
        ("I think there is a great synergy between our work.", "working_together"),
        # An invitation to come and sign.
        # http://www.writinghelp-central.com/proposal-letter-education.html
        (
            "Once such areas of common interest are agreed upon by both parties, I would look "
            "forward to welcoming you and other officers of your institution to formally sign "
            "the Cooperation Agreement in the near future.",
            "invitations",
        ),
        # What it costs the reader not to buy: an unasked diagnosis with a figure.
        # https://dight.pro/guides/cold-email-for-local-businesses
        (
            'Instead: "Your website loads in 8 seconds on mobile, which is costing you an '
            'estimated 40% of potential customers."',
            "pitch",
        ),
        # https://www.inc.com/geoffrey-james/the-most-important-email-you-ll-ever-send.html?cid=sf01002
        (
            "As I understand it, your service technicians are spending several hours a day "
            "driving from job to job, which is costing your company $1 million in lost revenue.",
            "pitch",
        ),
        # https://www.myvoiceaiconnect.com/blog/cold-outreach-templates-that-work
        (
            "I ask because the average [industry] business misses about 27% of incoming calls.",
            "pitch",
        ),
        # Selling in so many words.
        # https://tmoneymoni.blogspot.com/2017/10/wow-nigeria-beautiful-bow-legged-lady.html
        ("For example: “Buy my product!”", "pitch"),
        # Our news, our growth, what we hold for the reader, hiring us.
        # https://www.inc.com/geoffrey-james/this-trick-triples-cold-email-response-rates.html
        (
            "At EdCast, we are excited about our recent announcements about our integration "
            "with Microsoft Office and ServiceNow as well as our new ContentExchange content "
            "partnership.",
            "pitch",
        ),
        # https://teamable.zendesk.com/hc/en-us/articles/360005466513-What-Emails-are-Sent-via-Teamable-
        (
            "Our company Teamable is growing rapidly, not sure about your current situation, but "
            "I thought of you as someone who'd enjoy the work and team here.",
            "pitch",
        ),
        # https://www.salian.in/notebook/the-art-of-the-first-email
        ("I am building something exciting.", "pitch"),
        # https://madisontaylormarketing.com/articles/an-open-letter-to-a-marketing-director-from-an-agency/
        (
            "We’ve got important insights, from the granular knowledge of which channels and ads "
            "are working to the broad strategies and direction for your company over the next "
            "few years.",
            "pitch",
        ),
        (
            "Yes, you’re hiring us to do a job for you, but we’re so much more than just a "
            "content farm for hire.",
            "pitch",
        ),
    ],
)
def test_asks_in_the_forms_of_dev4(text: str, category: str) -> None:
    assert category in categories(text), (text, check_asks(text))


@pytest.mark.parametrize(
    "text",
    [
        # A compliment is not a pitch, though "clients like you" is.
        # https://www.thewriteconcept.com/category/holidays/
        "Amazing people like you make the world brighter for people like us.",
        # "in town" only asks when someone is coming to town.
        # https://www.thebalance.com/moving-on-congratulations-letter-example-2060087
        "I'm glad that you found something that will keep you in town.",
        # Thanks for working together in the past, said the long way.
        # https://www.businesswritingblog.com/business_writing/2009/11/holiday-greetings-made-easy.html
        "It has been an honour and a pleasure to work with you this year.",
        "Thank you for giving me the opportunity to work with you this year.",
        # A gift handed over, with nothing asked.
        # https://www.byhandshake.com/blog/linkedin-connection-message-templates
        '"Hi [Name], I put together a [guide/report/list] on [relevant topic] that might be '
        "useful for your team at [Company].",
        # A past meeting, thanked for.
        # https://www.huffingtonpost.ca/evan-thompson/business-pitch_b_6893378.html
        '"Terry, thank you for setting time aside for our meeting yesterday.',
        # Writing to congratulate is not writing to ask.
        "I am writing to congratulate you on the new role.",
    ],
)
def test_warm_lines_stay_clear_of_the_new_forms(text: str) -> None:
    assert check_asks(text) == [], (text, check_asks(text))


def test_an_announced_visit_and_a_drink_with_us_are_still_asks() -> None:
    # https://www.entrepreneur.com/article/250307 (eval/asks/dev.jsonl)
    assert "meetings" in categories("Hey, I am in town tomorrow, do you have time to meet?")
    assert "meetings" in categories("When you are next in town, dinner with us?")


# Forms from dev5 (opened after its cold score was recorded).


def test_coming_back_to_our_own_approach_is_a_chase_even_about_last_week() -> None:
    # https://justinmckelvey.com/blog/sales-follow-up-sequence-that-converts
    assert categories('"Hi [Name], just checking in on our conversation from last week.') & {
        "requests",
        "offers_and_requests",
    }
    assert categories("I enjoyed our conversation last week.") == set()


def test_what_an_outside_agency_could_do_for_the_reader_is_a_pitch() -> None:
    # https://flacku.blogspot.com/2008/04/truly-bad-new-biz-pitch.html
    text = (
        "Have you consider how engaging an outside agency could help you get even greater results?"
    )
    assert "pitch" in categories(text)


def test_the_tender_age_is_no_call_for_bids() -> None:
    # http://www.sampleletters.net/congratulations-letter-for-a-new-office.html
    assert categories("At the tender age of 24, you have achieved so much.") == set()
    assert "proposals_and_pitches" in categories(
        "We would welcome the chance to respond to your tender."
    )
