"""General frames and guards added after the cold score of dev9 (eval/agency/dev9.jsonl).

Each input quoted with a URL is a real trade-press sentence from dev9 (scored by ``make eval``);
each test is for a class of sentence, and pairs it with constructed sentences (labelled so) that
must read the same way or give nothing.
"""

from __future__ import annotations

from .test_agency_frames import rels


def test_an_agencys_client_list_credits_the_brands(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://startribune.com/minneapolis-firm-wins-adweeks-agency-year-honor-ending-30-year-drought-advertising-ad-colle-mcvoy/600311071
    got = rels(
        gaz,
        "",
        "The client list at Colle McVoy — which New York-based Stagwell owns and publicly trades — includes "
        "Goodyear, Perdue Farms, U.S. Bank, Target, gummy-maker Haribo and La-Z-Boy.",
    )
    for brand in ("Goodyear", "Perdue Farms", "U.S. Bank", "Target"):
        assert (brand, "Colle McVoy", "credit") in got
    # constructed: the possessive and the relative clause read the same
    assert ("Heinz", "Rethink", "credit") in rels(
        gaz, "", "Rethink's clients include Heinz and A&W."
    )
    assert ("Heinz", "Rethink", "credit") in rels(
        gaz, "", "Vancouver indie Rethink, whose clients include Heinz, opened in Toronto."
    )
    # constructed: a client list names no agency, so nothing
    assert not rels(gaz, "", "The client list includes Goodyear and Target.")


def test_a_win_hoped_for_is_no_win(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.adweek.com/agencyspy/state-of-your-state-minnesotas-ad-scene/3689?red=as
    got = rels(
        gaz,
        "Biggest, “Oh, Shit” Moment: Microsoft Skips Fallon",
        "It seemed like everyone, even typically harsh critics, was rooting for Fallon to win the Microsoft account.",
    )
    assert not any(status == "appointed" and agency == "Fallon" for _b, agency, status in got)
    # constructed: hoping, bidding or tipped to win is not yet a win; a win is
    assert not rels(gaz, "", "BBH is tipped to win the Barclaycard account.")
    assert not rels(gaz, "", "Ogilvy is hoping to win the Ford account.")
    assert ("Barclaycard", "BBH", "appointed") in rels(
        gaz, "", "BBH has won the Barclaycard account."
    )


def test_brands_won_by_an_agency_in_the_passive(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.mmm-online.com/agencies/healixs-jeffrey-erb-on-what-pharma-giants-consolidating-accounts-means-for-agencies/article/788276/
    got = rels(
        gaz,
        "",
        "Two recent pharma consolidations, Teva and AstraZeneca, were won by Interpublic Group network Healix Global.",
    )
    assert {
        ("Teva", "Healix Global", "appointed"),
        ("AstraZeneca", "Healix Global", "appointed"),
    } <= got
    # the holding company that owns the agency is not the winner
    assert not any(agency == "Interpublic Group" for _b, agency, _s in got)
    # constructed: a person won by nobody is nothing
    assert not rels(gaz, "", "The voters were won by Barack Obama.")


def test_a_brand_returns_to_its_former_agency(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://adage.com/article/global-news/wieden-sao-paulo-office-hires-y-r-s-guillermo-vega/227404/
    got = rels(
        gaz,
        "",
        "In fact, last month Nike dropped a local agency in Mexico to return to its former longtime shop there, JWT Mexico.",
    )
    assert ("Nike", "JWT Mexico", "appointed") in got
    # constructed: returning to an event is no agency move
    assert not any(
        s == "appointed"
        for _b, _a, s in rels(
            gaz,
            "",
            "Avocados From Mexico, which will be returning to the Super Bowl next year, praised its agency of record.",
        )
    )
