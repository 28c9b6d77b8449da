"""The lint's mechanisms from the fourth collection (eval/neutrality/dev5.jsonl) and the dev4
errors: names that begin in lower case, attributions it did not see, the horizon of a stated
plan, and the kinds of words it missed. Real sentences are quoted with their page (from
eval/neutrality/dev4.jsonl or dev5.jsonl); the others are constructed for the test."""

from __future__ import annotations

import pytest

from dossier.writing.neutrality import lint_text, mask_proper_names


def _errors(text: str) -> list[str]:
    return [f.term for f in lint_text(text) if f.severity == "error"]


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(f.category, f.term, f.severity) for f in lint_text(text)]


# --- names that begin in lower case ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # https://careers.remarkable.com/our-stories/mats (dev4)
        "When reMarkable 1 was launched, reMarkable was still a young and inexperienced company.",
        "reMarkable wanted to make something half as thick and twice as big – a brand new tool "
        "for a completely different purpose.",
        # Constructed: listed words after a lower-case name are part of it.
        "She joined iHeartMedia Premier Networks in 2019.",
        "The eBay Best Offer button was added in 2005.",
    ],
)
def test_names_that_begin_in_lower_case_are_masked(text: str) -> None:
    assert _errors(text) == []


def test_a_lower_case_name_is_a_name_at_the_start_of_a_sentence_too() -> None:
    masked = mask_proper_names("eBay went public in 1998. iPhone sales rose.")
    assert "eBay" not in masked and "iPhone" not in masked
    assert "went public" in masked and "sales rose" in masked


def test_the_same_word_in_lower_case_is_still_ours() -> None:
    # Constructed: only the name's shape (a capital inside) makes it a name.
    assert _errors("The remarkable tablet sold well.") == ["remarkable"]
    assert _errors("eBay is the leading marketplace.") == ["leading"]


def test_a_lower_case_name_can_be_the_speaker() -> None:
    # Constructed.
    assert _errors("“It is the best marketplace,” said eBay.") == []


# --- attributions ------------------------------------------------------------------------------


def test_a_document_as_the_speaker_of_a_quotation() -> None:
    # http://torchonline.com/news/2011/10/05/steve-jobs-dies-at-56 (dev5)
    text = (
        "“Apple has lost a visionary and creative genius, and the world has lost an amazing "
        "human being,” the statement reads."
    )
    assert _errors(text) == []
    # Without the document the quotation is nobody's.
    assert _errors("“Apple has lost a visionary.”") == ["visionary"]


def test_a_participle_clause_of_report_is_the_subjects() -> None:
    # https://washingtonlatest.com/disgraced-theranos-founder-and-ceo-elizabeth-holmes-to-blame-
    # mental-illness-in-her-trial-defense-for-defrauding-investors-out-of-more-than-700-million/
    # (dev5)
    text = (
        "Holmes and Balwani pleaded not guilty to charges they defrauded investors, doctors, and "
        "patients by falsely claiming Theranos could revolutionize medical lab testing with "
        "technology that could enable a wide array of tests with a few drops of blood."
    )
    assert _errors(text) == []
    # Constructed: the clause is reported; what goes before it is still ours, and a vague
    # subject names nobody.
    assert _errors("The company has revolutionized retail, saying its stores are the best.") == [
        "revolutionized"
    ]
    assert "best" in _errors("Some analysts upgraded the stock, saying it is the best buy.")


def test_deciding_that_reports_a_view() -> None:
    # the same page (dev5)
    text = (
        "The company’s original name was “Real-Time Cures,” which she later changed after "
        "deciding that too many people were dubious about the word “cure.”"
    )
    assert _errors(text) == []


def test_an_estimate_holds_its_own_time() -> None:
    # https://realmoney.thestreet.com/articles/07/12/2018/analysts-give-broadcomca-merger-mixed-
    # reviews (dev5)
    text = (
        "The analyst estimates that Broadcom will improve EBITDA margins to more than 55% from a "
        "current 48% within 12 months of the deal, smoothing out what can be highly cyclical "
        "peaks and valleys in semiconductor earnings."
    )
    assert _errors(text) == []
    # Constructed: beside the verb, the time is ours.
    assert _errors("The analyst currently estimates a margin of 55%.") == ["currently"]


def test_call_and_announce_report_only_a_view() -> None:
    # https://blineatbarstow.org/elizabeth-holmess-trial-begins (dev5): "call attention" is no
    # report, so "hopefully" is ours.
    text = (
        "As Theranos’s fraudulent data could have had a disastrous effect on an even larger "
        "scale, this trial will hopefully call attention back to the importance of verifying "
        "the legitimacy of medical innovations."
    )
    assert "hopefully" in _errors(text)
    # http://www.thecountrycaller.com/technology/page/105/ (dev5): announcing an act is no
    # report of a view.
    text = (
        "The seemingly calm atmosphere surrounding the Microsoft Corporation (NASDAQ:MSFT) was "
        "energized by a wave of shock as the company announced the acquisition of LinkedIn "
        "Corp (NYSE:LNKD)."
    )
    assert "seemingly" in _errors(text)
    # Constructed: calling something a name, and announcing that, still attribute.
    assert _errors("Analysts at Jefferies called the deal a brilliant move.") == []
    assert _errors("The company announced that its phone is the best on the market.") == []


def test_an_accuser_attributes_and_the_bare_accusation_is_doubt() -> None:
    # Constructed, after dev4's nv4-0146 and dev5's Uber page.
    assert _errors("The Times has accused Goop of promoting pseudoscience.") == []
    assert _errors("Kalanick is accused of misconduct.") == ["is accused of"]


def test_pointed_to_reports_a_view() -> None:
    # https://mobile.businessinsider.com/why-ceos-publicly-apologizing-for-mass-layoffs-at-tech-
    # companies-2022-11 (dev4)
    text = (
        "Lee pointed to better times in 2021 when the tech industry was booming and companies "
        "were rapidly expanding their products and workforces as a result of the pandemic."
    )
    assert _errors(text) == []


# --- the horizon of a stated plan ----------------------------------------------------------------


def test_the_horizon_of_a_plan_is_a_warning() -> None:
    # https://www.franchising.com/amp/news/20110418_fantastic_sams_wants_a_cut_of_cny_haircare_
    # market.html (dev4)
    text = (
        "Fantastic Sams, a Beverly, Mass.-based hair-salon franchise, has plans to develop "
        "between eight and 10 locations in the Syracuse region in the next three years."
    )
    found = _found(text)
    assert ("relative_time", "the next three years", "warning") in found
    assert _errors(text) == []
    # Constructed: with no plan it is our own time reference.
    assert _errors("Sales will double in the next three years.") == ["the next three years"]


# --- kinds of words the lists missed ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # dev5 (blineatbarstow.org, everything2.com, thinkprogress.org, npr.org, inkl.com,
        # financhill.com; one sentence shortened for the test)
        (
            "Elizabeth Holmes, the founder of the fraudulent blood-testing company Theranos, "
            "finally stands trial.",
            "fraudulent",
        ),
        ("Legend has it Ebay started as a humble place for people to trade Pez dispensers.", None),
        ("It’s time for Uber grow up.", None),
        (
            "Finally in 1994, he opened his first barbecue shack in the last place you might "
            "expect to find one.",
            "you might expect",
        ),
        ("In many ways, Travis Kalanick built Uber in his own image.", "In many ways"),
        ("For once, the budget airline has broken its no-frills policy.", "For once"),
        ("It was an intriguing experiment.", "intriguing"),
        # dev4 (respectfulinsolence.com on Goop; brandcom.us; qualitydigest.com; a boycott page)
        ("Quackery and pseudoscience are legion.", "pseudoscience"),
        ("This trend is demeaning.", None),
        ("That’s never a good thing.", None),
        ("It's hard to believe that it's been over a year since the controversy.", None),
    ],
)
def test_kinds_the_lists_missed_are_errors(text: str, term: str | None) -> None:
    errors = _errors(text)
    assert errors
    if term is not None:
        assert term in errors


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The firm also notes that it will be laying off about 140 of its employees.", "said"),
        ("In true Anderson style, he didn’t count on osmosis.", "idiom"),
        ("Uber has spent years putting out fires on multiple fronts.", "idiom"),
        ("Ultimately, paper is limited and inflexible.", "editorializing_minor"),
    ],
)
def test_kinds_the_lists_missed_are_warnings(text: str, category: str) -> None:
    assert category in {c for c, _, _ in _found(text)}


@pytest.mark.parametrize(
    "text",
    [
        # Constructed: the innocent uses beside the new entries.
        "The company was ultimately acquired by Vulcan in 2004.",
        "She wrote under a pseudonym.",
        "The company changed its name after too many people confused it with a bank.",
        "The firm’s notes to the accounts list its subsidiaries.",
    ],
)
def test_innocent_uses_stay_clean(text: str) -> None:
    assert lint_text(text) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # dev4: a W+K page, a Ratan Tata obituary, a Goop page
        (
            "Lieberman was promoted to the creative director role after working with some of "
            "the agency's best-known clients.",
            "some of the agency's best-known",
        ),
        (
            "Ratan Naval Tata died at 86, leaving behind a profound legacy.",
            "leaving behind a profound legacy",
        ),
        (
            "The lawsuit against Goop highlights the importance of ensuring that wellness "
            "products are backed by scientific evidence.",
            "highlights the importance of",
        ),
        ("Well, here’s something interesting: the group has called out Goop.", "here’s something"),
    ],
)
def test_our_lessons_and_legacies_are_errors(text: str, term: str) -> None:
    assert term in _errors(text)


def test_in_the_past_after_a_present_perfect_is_a_warning() -> None:
    # https://www.indy100.com/viral/gwyneth-paltrow-goop-clams-good-agame-critics-experts-legal-
    # issues-7912406 (dev4): "has defended ... in the past" stays true.
    text = "Paltrow has defended Goop’s products in the past."
    assert ("relative_time", "in the past", "warning") in _found(text)
    # Constructed: a time that moves with today is still an error.
    assert _errors("In the past, the company sold only shoes.") == ["In the past"]
    assert _errors("His work has been popular in the past.") == ["popular", "in the past"]


# --- names of works and slogans in quotation marks --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Constructed: a work or a slogan named by the noun before it, or by what follows.
        "Apple ran the campaign “The best computer ever made” in 2019.",
        "Nike released the ad “Dream crazy” in 2018.",
        "Its tagline, “The ultimate driving machine”, dates from 1974.",
        "“Simply the best” was the slogan of the 2019 campaign.",
        "His memoir “The Remarkable Life” was published in 2004.",
    ],
)
def test_a_quoted_work_or_slogan_is_a_name(text: str) -> None:
    assert _errors(text) == []


def test_a_quotation_that_names_nothing_is_still_ours() -> None:
    # Constructed.
    assert _errors("The firm is “the best in the business”.") == ["best"]
    assert _errors("The campaign was “the best ever”.") == ["best"]
