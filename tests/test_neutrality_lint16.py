"""The lint16 round of the neutral-voice lint: praise as a noun and the senses' puffery, verdicts
on a fact's weight, loaded adjectives, beliefs and receptions no one holds, crowd feelings,
business idioms, and relative time inside a reported clause (now a warning, not exempt).

Sentences with a URL in a comment are real (eval/neutrality/dev11.jsonl, opened in this round);
the others are constructed for the test and labelled so. Each new warning is checked beside
the same words as an error in our own voice, or beside a neutral control, so a test cannot pass
by the lint going quiet or going loud."""

from __future__ import annotations

import pytest

from dossier.writing.neutrality import lint_text


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(f.category, f.severity, f.term.lower()) for f in lint_text(text)]


def _errors(text: str) -> list[tuple[str, str]]:
    return [(c, t) for c, s, t in _found(text) if s == "error"]


def _categories(text: str) -> set[str]:
    return {c for c, _, _ in _found(text)}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # https://visualfoodie.com/a-timeline-of-the-ufcs-ownership-history (dev11)
        (
            "For years, I’ve analyzed brand trajectories, and the UFC’s journey is a masterclass.",
            "puffery",
        ),
        # https://eatsip365.com/the-full-history-of-the-great-clips-company (dev11)
        (
            "To understand the genius of Great Clips, you have to picture the salon scene in the late 1970s.",
            "puffery",
        ),
        # constructed: praise as a noun and the senses' puffery
        ("The chain was an overnight sensation in the Midwest.", "puffery"),
        ("The store sits among picturesque hills and serves gourmet sandwiches.", "puffery"),
        ("The brand became the undisputed leader of the category.", "puffery"),
        ("The founder, a tireless campaigner, opened a second plant in 1990.", "puffery"),
        ("Under the able leadership of its chairman, the firm doubled its sales.", "puffery"),
        ("The newspaper is trusted by millions of readers.", "puffery"),
        # https://www.ilounge.com/index.php/news/comments/former-apple-ceo-steve-jobs-dies-aged-56 (dev11)
        ("The impact of his life cannot be overstated.", "editorializing"),
        # constructed: our inference, likeness, lesson and exclamation
        ("This would suggest that the board is considering a sale.", "editorializing"),
        ("It sounds a lot like the dot-com boom.", "editorializing"),
        ("The lesson is that scale matters.", "editorializing"),
        ("The firm opened ten stores in a year, a rare feat in retail.", "editorializing"),
        ("The firm sold 40 stores in 2010. What a year.", "editorializing"),
        # constructed: loaded adjectives and an epithet
        ("The death rate among children was horrendous.", "loaded"),
        (
            "The former head of the disgraced payments firm appeared before MPs.",
            "contentious_label",
        ),
        # constructed: a belief and a reception no one holds
        ("There was a prevailing belief that the startup would raise money.", "weasel"),
        ("The reaction of the local community has largely been positive.", "weasel"),
        ("The new format was well received.", "weasel"),
        (
            "The company, which has developed a tablet that’s been called a success story, grew.",
            "weasel",
        ),
    ],
)
def test_new_errors_in_our_voice(text: str, category: str) -> None:
    assert category in {c for c, _ in _errors(text)}


def test_crowd_feelings_are_weasel_words() -> None:
    # https://kids.kiddle.co/Hellmann%27s_and_Best_Foods (dev11)
    assert ("weasel", "people loved") in _errors(
        "People loved that they could reuse the jars at home."
    )
    # constructed: a group the text has named is not a vague crowd
    assert _errors("The customers surveyed by the firm loved the new jars.") == []


@pytest.mark.parametrize(
    "text",
    [
        # https://eatsip365.com/the-full-history-of-the-great-clips-company (dev11)
        "By focusing on that, they completely changed the game for an entire industry.",
        # constructed: business idioms
        "For the company, the sale marks the end of an era.",
        "The firm is flush with cash after a record year.",
        "Some agencies have ridden the economic storm better than others.",
        "In a game of executive musical chairs, one executive was left without a job.",
    ],
)
def test_business_idioms_are_warnings(text: str) -> None:
    found = _found(text)
    assert any(c == "idiom" and s == "warning" for c, s, _ in found)


def test_relative_time_in_a_reported_clause_is_a_warning_beside_the_verb_an_error() -> None:
    # https://www.fastcompany.com/1785466/apples-official-announcement-death-steve-jobs (dev11)
    found = _found("Apple has confirmed that Steve Jobs died today.")
    assert ("relative_time", "warning", "today") in found
    # constructed control: beside the verb it is our time, an error
    assert ("relative_time", "today") in _errors("Apple said today that the founder had died.")


def test_evidence_and_popularity_stories_are_warnings_not_errors() -> None:
    # https://en.wikipedia.org/wiki/Hellmann%27s_and_Best_Foods (dev11): neutral in the corpus
    text = "It became so popular that he began selling it in bulk to other stores."
    assert _errors(text) == [] and "puffery" in _categories(text)
    # constructed: popularity told as a story, a first against the world
    for text in (
        "The sauce quickly gained popularity in the 1920s.",
        "It was released as the world’s first precision fermentation protein.",
    ):
        assert _errors(text) == [] and "puffery" in _categories(text)
    # constructed control: the same praise without its evidence stays an error
    assert ("puffery", "popular") in _errors("It became a popular sauce.")


def test_a_concern_no_one_holds_and_a_group_named_before_are_warnings() -> None:
    # https://www.itiger.com/news/1167644560 (dev11)
    text = (
        "These downgrades further fueled the stock's decline, reflecting growing concerns about "
        "Fortinet's ability to maintain its growth trajectory."
    )
    assert ("weasel", "warning", "growing concerns") in _found(text)
    # https://newseurope.info/cisco-shares-set-to-open-13-percent-lower-after-revenue-warning/
    # (dev11): an attributed sentence in the corpus
    text = "Analysts also said Cisco faced stiff competition from companies such as Aruba Networks Inc."
    assert _errors(text) == [] and "weasel" in _categories(text)
    # constructed control: without "also" the unnamed group is still an error
    assert "weasel" in {c for c, _ in _errors("Analysts said the company faced stiff competition.")}


@pytest.mark.parametrize(
    "text",
    [
        # constructed: neutral sentences near the new patterns
        "The museum was a gift of the founder's family in 1952.",
        "The campaign was received by the board in March.",
        "The first store opened in 1983 in Minneapolis.",
        "The lesson plans were sold to schools.",
        "What a company reports is its own figure.",
        "The firm reserved the right to appeal.",
    ],
)
def test_neutral_controls_stay_clear(text: str) -> None:
    assert _errors(text) == []
