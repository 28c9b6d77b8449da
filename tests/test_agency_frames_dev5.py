"""General relation frames and guards added after the cold score of dev5 (eval/agency/dev5.jsonl).

Each input is a real trade-press sentence from the development files (dev4 or dev5), quoted with
its URL (the same items are scored by ``make eval``); each test is for a class of sentence, not
one item, and most pair the sentence with a constructed near miss that must give nothing.
"""

from __future__ import annotations

import pytest

from .test_agency_frames import rels


def test_a_brand_launches_work_with_an_agency(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://stoppress.co.nz/features/great-stoppress-year-rear-our-take-2016-chance-vote-your-favourites/
    got = rels(
        gaz,
        "",
        "In what feels like an epic campaign for a big international brand, Steinlager launched its Tokyo Dry Beer with DDB.",
    )
    assert ("Steinlager", "DDB", "credit") in got
    # https://adage.com/article/agency-news/ageny-brief-havas-chicago-bbdo-account-moves-june-17-2022/2420681
    got = rels(
        gaz,
        "Rethinking museums",
        "Toronto's Royal Ontario Museum (ROM) launched a new short film and campaign with global agency "
        "Broken Heart Love Affair to showcase its new brand platform, ROM Immortal.",
    )
    assert ("Royal Ontario Museum", "Broken Heart Love Affair", "credit") in got
    # constructed: a partner that is no agency gives nothing
    assert not rels(gaz, "", "Nike launched its new app with Apple.")


def test_with_the_agency_opening_the_sentence(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://stoppress.co.nz/awards-events/stoppies-2018/stoppies-2018-great-stoppress-year-review/
    got = rels(
        gaz,
        "",
        "Together with DDB, Speight’s put a contemporary take on its classic ads with dancing men front and centre.",
    )
    assert any(
        agency == "DDB" and status == "credit" and brand.startswith("Speight")
        for brand, agency, status in got
    )
    # constructed: "With A set to lose ..." is no credit
    assert not any(
        s == "credit"
        for _b, _a, s in rels(
            gaz, "", "With Ogilvy set to lose the account, Ford is weighing its options."
        )
    )


def test_the_agency_ends_its_contract_with_the_brand(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://hastalacreative.com/creative-ideas/accounts/page/17 (dev3)
    got = rels(
        gaz,
        "ICE Prison Contractor Accuses Edelman of Bowing to Political Pressure in Resigning Account",
        "Less than one day after Adweek reported that the world’s largest PR firm, Edelman, ended its contract "
        "with private prison company The Geo Group, the former client fired back.",
    )
    assert ("Geo Group", "Edelman", "ended") in got


def test_the_agency_s_own_campaign_for_the_brand_in_award_text(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.digitalmarket.asia/which-apac-agencies-understand-digital-the-best/ (dev4)
    got = rels(
        gaz,
        "",
        "Cheil Worldwide Seoul also got six metals with five for its ‘Look at Me’ campaign for Samsung.",
    )
    assert ("Samsung", "Cheil Worldwide Seoul", "credit") in got


def test_a_win_from_the_incumbent_over_a_named_brand(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.bandt.com.au/uncategorised/Top-Ten-Account-Moves (dev4); the headline's "Woolies"
    # is the snippet's "Woolworths"
    got = rels(
        gaz,
        "Droga5 scoops Woolies",
        "Droga5 swooped in and took one of the nation’s biggest accounts in March, winning the Woolworths "
        "creative account from M&C Saatchi, which had held it for a decade.",
    )
    assert {("Woolworths", "Droga5", "appointed"), ("Woolworths", "M&C Saatchi", "ended")} <= got
    assert not any(brand == "Woolies" for brand, _a, _s in got)


def test_a_brand_departs_one_agency_for_another(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.moreaboutadvertising.com/2024/07/publicis-media-wins-600m-hersheys/ (dev4)
    got = rels(
        gaz,
        "",
        "Also in the UK grocery delivery firm Ocado has departed Omnicom’s Hearts & Science for Havas Media Network.",
    )
    assert {
        ("Ocado", "Hearts & Science", "ended"),
        ("Ocado", "Havas Media Network", "appointed"),
    } <= got
    # constructed: a person who departs is a person move
    assert not rels(gaz, "", "Jane Smith has departed Ogilvy for McCann.")


def test_a_work_headline_names_the_brand_before_the_title(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://lbbonline.com/news/work-of-the-week-160224
    got = rels(
        gaz,
        "Chicken Licken - When Love Is Tough, Love Me Tender",
        "Fleshing out the mythology around Saint Valentine and Cupid, the brand's agency Joe Public follows "
        "multiple generations of the lineage of legendary matchmaker 'Baba Valentino'.",
    )
    assert ("Chicken Licken", "Joe Public", "credit") in got


def test_agencies_confirmed_as_the_brand_s_agencies(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.bandt.com.au/uncategorised/Top-Ten-Account-Moves (dev4)
    got = rels(
        gaz,
        "Optus calls on Starcom and M&C Saatchi",
        "M&C Saatchi and Starcom were confirmed as Optus’ creative and media agencies, after a nine-month pitching process.",
    )
    assert ("Optus", "Starcom", "appointed") in got


def test_a_named_lead_agency_takes_the_article_s_brand(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://rthree.com/insights/global-media-reviews-on-the-rise/ (dev4)
    got = rels(
        gaz,
        "",
        "Several brands are undergoing global media reviews as we enter Q3, with the biggest review of the month is "
        "Ford’s 3.5 billion dollar creative and media review. In a big blow to WPP, BBDO was named the lead creative agency.",
    )
    assert ("Ford", "BBDO", "appointed") in got
    # constructed: an award is not an appointment
    assert not rels(
        gaz, "Ogilvy named agency of the year", "Ogilvy was named the agency of the year."
    )


def test_the_agency_of_record_continues_to_be(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.bandt.com.au/lifes-a-pitch-accounts-wins-yet-to-be-decided-or-remain-unannounced/ (dev4)
    got = rels(gaz, "McDonald’s", "McDonald’s creative agency of record continues to be DDB Sydney")
    assert any(agency == "DDB Sydney" and status == "credit" for _b, agency, status in got)


def test_two_names_joined_before_a_singular_agency_are_one_agency(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.afaqs.com/news/advertising/32992_wagh-bakri-appoints-saints-and-warriors-for-mili
    got = rels(
        gaz,
        "",
        "Packaged tea brand Wagh Bakri has appointed Saints and Warriors as its creative agency for its second brand Mili.",
    )
    assert {a for _b, a, _s in got} == {"Saints and Warriors"}
    # constructed: "agencies" keeps two listed agencies apart
    got = rels(gaz, "", "Nike has appointed Ogilvy and McCann as its creative agencies.")
    assert {a for _b, a, _s in got} == {"Ogilvy", "McCann"}


@pytest.mark.parametrize(
    ("headline", "snippet"),
    [
        # https://www.campaignlive.co.uk/article/mediacom-axes-poster-publicity/32396: an agency's supplier
        (
            "MediaCom axes Poster Publicity",
            "Posterscope is to take on at least two account managers now that it is absorbing pounds 10 million extra outdoor business from MediaCom TMB.",
        ),
        # https://stoppress.co.nz/news/media-counsel-appoints-carat/: an agency's own booking agent
        (
            "Media Counsel appoints Carat",
            "The Media Counsel, the agency which lost its PMAA accredition, has forgone an opportunity to appeal the decision.",
        ),
        # https://marketingmagazine.com.my/top-20-articles-for-2021/: the headline's "Kien" is the snippet's person
        (
            "Kien leaves Publicis Groupe Malaysia",
            "Tan Kien Eng, CEO of Publicis Groupe/Leo Burnett Group Malaysia, will part ways with the agency on January 31.",
        ),
        # https://www.campaignasia.com/article/tbwa-santiago-mangada-puno-wins-big-at-philippines-advertising-congress/u2bbq1wsrf8tvy2nv4saxfbczs
        (
            "TBWA Santiago Mangada Puno wins big at Philippines Advertising Congress",
            "MANILA - TBWA Santiago Mangada Puno, along with Tequila Manila, was judged as the Agency of the Year.",
        ),
    ],
)
def test_distractors_from_dev5_give_nothing(gaz, headline: str, snippet: str) -> None:  # type: ignore[no-untyped-def]
    assert not rels(gaz, headline, snippet)


def test_the_brand_fires_its_corporate_aor(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.prweek.com/article/1270467/companies-opting-network-agencies-pr
    got = rels(
        gaz,
        "Companies opting for a network of agencies for PR",
        "Last week, Hewlett-Packard fired its corporate AOR Hill & Knowlton and enlisted a network of specialist firms "
        "to meet its corporate PR needs, while keeping H&K for other work, such as executive communications.",
    )
    assert ("Hewlett-Packard", "Hill & Knowlton", "ended") in got


def test_the_brand_hands_the_agency_its_account_of_a_stated_size(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.campaignlive.co.uk/article/book-lists-10-biggest-account-moves-globally/198443 (dev3):
    # "Capital One handed the network its £150 million global creative account"
    got = rels(gaz, "", "Capital One handed McCann its £150 million global creative account.")
    assert ("Capital One", "McCann", "appointed") in got
