"""The neutral-voice lint's grammar: name masking, attribution, relative time, the ask-guard.

Sentences here are constructed for the tests (not taken from the eval corpora).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from dossier.render.notes import check_asks
from dossier.writing.neutrality import lint_text, mask_proper_names, sentence_spans

from .conftest import ROOT


def errors(text: str, names: tuple[str, ...] = ()) -> list[str]:
    return [f.term for f in lint_text(text, names) if f.severity == "error"]


def categories(text: str) -> set[str]:
    return {f.category for f in lint_text(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Best Buy opened its first store in 1966.",
        "In 2015, Great Western Railway ordered new trains.",
        "Perfect Day raised $350 million in 2021.",
        "Ideal Standard is headquartered in Brussels.",
        "The Leading Hotels of the World was founded in 1928.",
        "Prime Video launched in India in 2016.",
        "The studio sold a stake in Legendary Pictures to Wanda.",
        "Legendary began a new arrangement with Universal Studios in 2014.",
        "Indeed is based in Stamford, Connecticut.",
        "Current TV was sold to Al Jazeera in 2013.",
        "The company invested in Popular Mechanics, a magazine.",
    ],
)
def test_proper_names_with_listed_words_are_masked(text: str) -> None:
    assert errors(text) == [], mask_proper_names(text)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Leading brands rely on the agency.", "Leading"),
        ("Leading British retailer Tesco hired the agency.", "Leading"),
        ("Iconic products made its name.", "Iconic"),
        ("Indeed, the results were strong.", "Indeed"),
        ("Recently Apple hired the agency.", "Recently"),
        ("Today Apple employs 160,000 people.", "Today"),
    ],
)
def test_puffery_at_the_start_of_a_sentence_is_still_caught(text: str, term: str) -> None:
    assert term in errors(text)


def test_names_passed_in_are_masked_even_alone() -> None:
    assert errors("Today was the first show of its kind.") == ["Today"]
    assert errors("Today was the first show of its kind.", ("Today",)) == []


def test_months_are_not_names_and_may_is_not_a_month() -> None:
    assert errors("The company announced last January that it would close.") == ["last January"]
    assert errors("This may include figures from 2024.") == []


def test_sentences_split_on_stops_not_on_abbreviations() -> None:
    text = "Apple Inc. is based in Cupertino. Its CEO is Tim Cook. Mr. Cook joined in 1998."
    assert len(sentence_spans(text)) == 3
    assert len(sentence_spans("It sold Best Buy Co., Inc. stock. It grew.")) == 2


@pytest.mark.parametrize(
    "text",
    [
        "“We are the best agency in London,” said the chief executive, Jane Smith.",
        "“It was a great year,” he said.",
        "According to Forbes, the company is one of the most innovative in the world.",
        "The Guardian called it “a landmark in British advertising”.",
        "The Guardian described it as a landmark in British advertising.",
        "Jane Smith, the CEO, said the brand was iconic.",
        "Acme's CEO said the brand was iconic.",
        "Analyst Mark Jones said the results were disastrous.",
        "Calling the campaign revolutionary is a stretch, said Mark Jones.",
        "In the words of its founder, the shoe was revolutionary.",
        "Nielsen reported that the show was the most popular programme of 2019.",
        "It was dubbed “Dieselgate” by the press.",
        "The scandal became known as “dieselgate”.",
    ],
)
def test_attributed_opinions_and_quotations_are_allowed(text: str) -> None:
    assert errors(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Critics say it is the best agency in London.",
        "Some people say the brand is iconic.",
        "It is said to be the most innovative firm.",
        "The brand is widely regarded as iconic.",
        "Many experts believe the brand is overvalued.",
        "It has been argued that the brand is iconic.",
    ],
)
def test_a_vague_or_passive_attribution_excuses_nothing(text: str) -> None:
    assert errors(text) != []


def test_relative_time_is_ours_beside_the_verb_and_theirs_in_the_reported_clause() -> None:
    assert errors("The face scan is fooled once in a million cases, Apple said today.") == ["today"]
    assert errors("He says that in recent days three retailers have dropped the product.") == []
    assert errors("The company said it would cut 200 jobs over the next four months.") == []
    assert errors("The company announced that it is currently hiring.") == ["currently"]


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        ("The company is now the largest retailer in Ohio.", "relative_time", "error"),
        ("Shares have risen in recent years.", "relative_time", "error"),
        ("A hundred years ago, the firm made radios.", "relative_time", "error"),
        ("It opened a store this past January.", "relative_time", "error"),
        ("The chain is still family-owned.", "relative_time_minor", "warning"),
        ("The founder insists the product is safe.", "said", "warning"),
        ("The firm admitted its responsibility.", "said", "warning"),
        ("He passed away in March 2020.", "euphemism", "warning"),
        ("The firm plans to right-size its staff.", "euphemism", "warning"),
        ("The deal gave it the lion’s share of the market.", "idiom", "warning"),
        ("The city was left on the hook for the costs.", "idiom", "warning"),
        ("The venue became a white elephant.", "idiom", "warning"),
        ("The company is evidently profitable.", "editorializing", "error"),
        ("It is safe to say that he did not invent it.", "editorializing", "error"),
        ("The firm ostensibly built a trading business.", "doubt", "error"),
        ("It closed offices in “certain” markets.", "scare_quotes", "warning"),
        ("The founder is a crank.", "contentious_label", "error"),
        ("The company has a cult-like culture.", "contentious_label", "error"),
        ("Google is still considered to be profitable.", "weasel", "error"),
        ("The logo is debated to be based on an artwork.", "weasel", "error"),
        ("Critics argue that the ad was in poor taste.", "weasel", "error"),
        ("The campaign brilliantly met the challenge.", "puffery", "error"),
        ("A distinguished college in New York trained him.", "puffery", "error"),
    ],
)
def test_more_of_the_guideline_is_caught(text: str, category: str, severity: str) -> None:
    found = [f for f in lint_text(text) if f.category == category]
    assert found, (text, lint_text(text))
    assert found[0].severity == severity


@pytest.mark.parametrize(
    "text",
    [
        "It admitted 40 new member hotels in 2010.",
        "Leading that group was the company's founder.",
        "Slats sit at the leading edge of the wing.",
        "Demand was so great that it opened a second plant.",
        "The rules aim to prevent similar frauds in the future.",
        "The agreement said both parties would produce 40 films in the next seven years.",
        "He went on the air as soon as the show wrapped up.",
        "The company reported current assets of $10 billion.",
        "It is best known for its running shoes.",
    ],
)
def test_innocent_uses_are_not_errors(text: str) -> None:
    assert errors(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We would be glad to share how we have helped other brands in your category.",
        "Let me know if we can support you.",
        "Keep us in mind.",
        "Happy to put together some ideas.",
        "Are you the right person to talk to?",
        "We'd love to explore how we could work together.",
        "If a colleague comes to mind, a quick introduction would mean a lot.",
        "I haven't heard back from you since my last note.",
        "We are here if you ever need anything.",
        "Would it make sense to set up a quick call?",
        "We help brands like yours grow faster.",
    ],
)
def test_soft_asks_are_caught(text: str) -> None:
    assert check_asks(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Congratulations on your new role.",
        "It was a pleasure working with you.",
        "No need to reply.",
        "I really enjoyed our meeting today.",
        "Thanks for meeting on a busy day.",
        "Thank you for taking the time to meet with me.",
        "We are so happy to hear the good news.",
        "I'd like to thank you for everything.",
        "Congratulations on taking the next step in your career!",
        "Thank you for your help over the years.",
        "We will miss working with you.",
    ],
)
def test_warm_lines_are_not_asks(text: str) -> None:
    assert check_asks(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Would a 20-minute call on Thursday make sense?",
        "Might I send over a few questions?",
        "What can we do to help?",
        "If your team ever needs a hand with research, we are here.",
        "We could do great things for your brand.",
        "It would be great to catch up once you have settled in.",
        "We did this for a retailer in Leeds last year, and its sales doubled.",
        "I will call your office next week.",
        "Have you had a chance to look at the report?",
        "Let's start fresh.",
        "We should definitely do this again.",
        "Thanks, and I’d love to share some ideas with you.",
        "As your agency, we would keep the work fresh.",
        "I have a small favour to ask.",
        "We would love to have you on our panel in May.",
        "In case you missed my note, here it is again.",
        "Did we get anything wrong on the last project?",
    ],
)
def test_asks_in_the_grammar_of_requests_offers_and_invitations(text: str) -> None:
    assert check_asks(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I enjoyed meeting you at the conference.",
        "Good chat today.",
        "I remember our meetings always ran on time.",
        "We used to grab lunch at the place on the corner.",
        "Glad we could help with the launch.",
        "Thank you for the introduction to your team last year.",
        "There is no need to reply to this note.",
        "Congratulations, and best wishes for the new role.",
        "You are the right person for the job.",
        "I am delighted to extend my warmest congratulations on the move.",
    ],
)
def test_warm_lines_keep_clear_of_the_grammar(text: str) -> None:
    assert check_asks(text) == [], text


def test_a_warm_clause_does_not_hide_an_ask_beside_it() -> None:
    assert check_asks("It was great meeting you, so let's do it again soon.")
    assert check_asks("Thank you for your time, and I look forward to hearing from you.")
    assert check_asks("Thanks in advance for your reply.")
    # Errors (a pitch, a price) stay whatever surrounds them.
    assert check_asks("Thank you for reading our proposal.")[0].severity == "error"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("They burned their bridges with the old board.", "idiom"),
        ("She took the plunge and opened a second shop.", "idiom"),
        ("The firm left no stone unturned in the audit.", "idiom"),
        ("The campaign won praise for its humour.", "weasel"),
        ("The brand is widely admired for its design.", "weasel"),
        ("It is unfortunate that the plant closed.", "editorializing"),
        ("I think the brand is strong.", "editorializing"),
        ("Not long ago the firm moved to Leeds.", "relative_time"),
        ("It is one of the most powerful brands in Europe.", "puffery"),
        ("The launch was an unprecedented success.", "puffery"),
        ("The dismal results were sad notes in its history.", "loaded"),
        ("As most marketers know, email still works.", "weasel"),
        ("The design, once derided, is now a classic.", "weasel"),
    ],
)
def test_the_guidelines_forms_are_caught(text: str, category: str) -> None:
    assert category in categories(text), lint_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "The campaign won praise from The Guardian for its humour.",
        "The brand was admired by Forbes for its design.",
        "It was known as Acme Ltd from 1990 to 2001.",
        "The 1985 Heysel Stadium disaster led to a five-year ban.",
        "Pioneer's largest division makes car audio.",
        "Staff will keep their current roles in Leeds.",
        "Mr. Lee said Acme grew in the past two years.",
        "The union, which represents 5,000 workers, criticised the plan.",
        "USA TODAY was founded in 1982.",
    ],
)
def test_innocent_forms_are_not_errors(text: str) -> None:
    assert errors(text) == [], lint_text(text)


def test_first_person_and_quoted_verbs_attribute_nothing() -> None:
    # "we think" inside the quotation is the speaker's; the relative time after the
    # attribution is ours.
    quoted = "“We think alike,” said the founder, who joined the firm this summer."
    assert "this summer" in errors(quoted)
    assert "best" in errors("We believe it is the best agency in the city.")
    assert errors("The launch was a disaster.") == ["disaster"]
    assert "Pioneering" in errors("Pioneering work made it famous.")


def _suite(name: str):  # type: ignore[no-untyped-def]
    path = ROOT / "eval" / f"{name}_suite.py"
    spec = importlib.util.spec_from_file_location(f"eval_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _figure(lines: list[str], label: str) -> float:
    line = next(x for x in lines if x.strip().startswith(label))
    return float(line.rsplit("=", 1)[1])


def _count(lines: list[str], label: str) -> tuple[int, int]:
    """The "k/n" before the rounded ratio, so 1/238 is not read as 0.00."""
    line = next(x for x in lines if x.strip().startswith(label))
    k, n = line.split(":", 1)[1].split("=")[0].strip().split("/")
    return int(k), int(n)


def test_make_eval_scores_the_lint_on_the_dev_split() -> None:
    """The development figures stay at the goals (the test split is only scored, never here)."""
    lines = _suite("neutrality").run("dev")
    assert _figure(lines, "recall on tag sentences (any finding)") >= 0.90
    assert _figure(lines, "neutral flagged as error (all)") <= 0.05
    assert _figure(lines, "attributed flagged as error") <= 0.05
    assert any(x.strip().startswith("relative_time") for x in lines)
    asks = _suite("asks").run("dev")
    assert _figure(asks, "ask-guard recall (all asks)") >= 0.90
    flagged, warm = _count(asks, "warm lines flagged")
    # The four (one in dev3, one in dev4, both naming what a note must not; two in dev6, flagged
    # by the rules when dev6 was scored cold and left as they were, so that dev6 stays a cold
    # check of the rules) are documented in eval/asks/README.md.
    assert warm >= 340 and flagged <= 4


def test_eval_corpora_are_in_the_project() -> None:
    for corpus in ("neutrality", "asks"):
        for split in ("dev", "dev2", "test"):
            assert (Path(ROOT) / "eval" / corpus / f"{split}.jsonl").is_file()
    assert (Path(ROOT) / "eval" / "asks" / "dev3.jsonl").is_file()
    # "dev" is what we develop on: every development file, and each is shown on its own.
    lines = _suite("asks").run("dev")
    assert "-- dev2.jsonl alone" in lines
    assert "-- dev3.jsonl alone" in lines
    assert "-- dev4.jsonl alone" in lines
    # dev5, the second cold check, was scored once and then joined dev
    assert (Path(ROOT) / "eval" / "asks" / "dev5.jsonl").is_file()
    assert "-- dev5.jsonl alone" in lines
    assert "dev5" in _suite("asks").FILES["dev"]


def test_the_dev_report_refuses_the_test_split() -> None:
    with pytest.raises(SystemExit):
        _suite("neutrality").dev_report("test")
    with pytest.raises(SystemExit):
        _suite("asks").dev_report("test")


# Constructed sentences (not from the corpus): the structure of an ask the ask-guard learnt
# from eval/asks/dev3.jsonl, in words that collection does not use.
@pytest.mark.parametrize(
    "text",
    [
        "If it's useful, I can walk you through what we found.",
        "Should the need arise, we'd be delighted to support your team.",
        "We've helped a handful of retailers rethink their loyalty programmes.",
        "Our team could be a useful sounding board as you plan the year.",
        "I think there's a real opportunity for us to do something together.",
        "Perhaps we could compare notes in the new year.",
        "We noticed a few gaps in your paid social that we could close quickly.",
        "Our platform will cut churn by 12 percent in a quarter.",
        "I'm writing to introduce our consultancy.",
        "It could be a win-win for both teams.",
        "We would love to stay connected as you settle in.",
        "If you would rather hire us for the launch, say so.",
        "I haven't managed to reach you by phone, so I'm trying email.",
        "Just let me know and I'll close the file.",
        "For example, you might write “would you be open to a call next week?”",
    ],
)
def test_asks_by_their_structure(text: str) -> None:
    assert check_asks(text), text


@pytest.mark.parametrize(
    "text",
    [
        "May the next chapter bring you as much joy as the last, and more sunsets than meetings.",
        "I wanted to express my sincere gratitude for the call you made to the board.",
        "Please join us in congratulating Jane on her new role.",
        "We would like to let you know how proud we are of you.",
        "I'd like to take this moment to say congratulations.",
        "The work we did for you remains some of our proudest.",
        "It was lovely reconnecting with you at the conference last week.",
        "You have so much to offer your new team.",
        "Thank you for choosing us all those years ago.",
        "When the time comes, enjoy every minute of it.",
    ],
)
def test_warm_lines_with_the_words_of_an_ask(text: str) -> None:
    assert check_asks(text) == [], text
