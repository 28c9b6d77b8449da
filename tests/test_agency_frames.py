"""General relation frames added from the cold dev3 collection (eval/agency/dev3.jsonl).

Each input is a real trade-press sentence from the development files, quoted with its URL (the
same items are scored by ``make eval``); each test is for a class of sentence, not one item.
"""

from __future__ import annotations

import pytest

from dossier.agency import extract_text


def rels(gaz, headline: str, snippet: str = "") -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {
        (r.brand.removeprefix("The "), r.agency, r.status)
        for r in extract_text(headline, snippet, gaz)
    }


def test_a_long_apposition_after_the_subject_is_read_away(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.prweek.com/uk/news
    got = rels(
        gaz,
        "",
        "Alquity Investment Management, the 'ethical' investment firm that donates up to 25 per cent of its "
        "fee revenue to help build businesses in developing countries, has appointed MHP Communications "
        "following a competitive pitch.",
    )
    assert ("Alquity Investment Management", "MHP Communications", "appointed") in got


def test_a_second_predicate_shares_the_subject(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.ana.net/magazines/show/id/ana-2022-10-account-review
    got = rels(
        gaz,
        "",
        "Earlier this year, KFC selected MullenLowe to be its new creative agency of record and parted ways with Wieden+Kennedy.",
    )
    assert {("KFC", "MullenLowe", "appointed"), ("KFC", "Wieden+Kennedy", "ended")} <= got


def test_a_discourse_adverb_between_subject_and_verb(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.bandt.com.au/streamers-liberals-banks-set-the-tone-in-bts-february-new-business-winners/
    got = rels(
        gaz,
        "",
        "Meanwhile, 72andSunny had two decent wins with Aussie tech unicorn Deputy and and American land barge manufacturer Cadillac.",
    )
    assert ("Deputy", "72andSunny", "appointed") in got


@pytest.mark.parametrize(
    ("snippet", "brand", "agency"),
    [
        # https://the-message.ca/2023/07/07/some-of-our-favourite-work-from-cannes-and-the-rest-of-the-grand-prix/
        ("Direct: “Runner 321” for Adidas, by FCB Toronto", "Adidas", "FCB Toronto"),
        # https://shootonline.com/?p=209906
        (
            "The Grand Prix went to Leo Burnett Sydney’s “One House To Save Many” for Suncorp Group, weather "
            "resilient housing that is resilient to fire, flood, storm and cyclone.",
            "Suncorp Group",
            "Leo Burnett",
        ),
    ],
)
def test_award_lists_credit_the_work(gaz, snippet: str, brand: str, agency: str) -> None:  # type: ignore[no-untyped-def]
    got = rels(gaz, "", snippet)
    assert {(b, a) for b, a, s in got if s == "credit"} == {(brand, agency)}


def test_a_quoted_title_is_one_word_of_a_credit(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://adage.com/... (dev2 ag2-0108): Banfield Agency's PSA for Public Safety Canada
    got = rels(
        gaz,
        "",
        'Banfield Agency created a 90-second "Human Trafficking Isn\'t What You Think It Is" public service '
        "announcement for Public Safety Canada that's set to \"The Party's Over\" by Billie Eilish.",
    )
    assert ("Public Safety Canada", "Banfield Agency", "credit") in got


def test_at_the_losers_expense(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.campaignlive.co.uk/article/book-lists-10-biggest-account-moves-globally/198443
    got = rels(
        gaz,
        "",
        "Joe Uva cracked more than just a smile when OMD, the network he heads, was awarded the $1.2 billion "
        "global McDonald's account without a pitch. OMD's good fortune came at Starcom Motive's expense in the UK.",
    )
    assert {("McDonald", "OMD", "appointed"), ("McDonald", "Starcom Motive", "ended")} <= got


def test_the_account_was_won_by(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.bandt.com.au/streamers-liberals-banks-set-the-tone-in-bts-february-new-business-winners/
    got = rels(gaz, "", "The Labor media account was won by Mindshare and Sparro.")
    assert {("Labor", "Mindshare", "appointed"), ("Labor", "Sparro", "appointed")} <= got


def test_it_won_takes_the_agency_named_before(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.campaignlive.co.uk/article/top-300-agencies-school-reports-part-1-5/543545
    got = rels(
        gaz,
        "",
        "Carat piled on the billings when it won Abbey, as did ZenithOptimedia when it scooped L'Oreal.",
    )
    assert {("Abbey", "Carat", "appointed"), ("L'Oreal", "ZenithOptimedia", "appointed")} <= got
    # ... but not a pitch it won against other agencies (dev2 ag2-0071)
    got = rels(
        gaz,
        "",
        "Carat has been Santander's UK media partner since 2008 when it won a pitch against Universal McCann and Arena BLM.",
    )
    assert not any(b == "Arena BLM" for b, _a, _s in got)


def test_clung_on_to_is_a_retention(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.campaignlive.co.uk/article/top-300-agencies-school-reports-part-1-5/543545
    got = rels(
        gaz,
        "",
        "2005 was the year Abbott Mead Vickers BBDO miraculously clung on to Sainsbury's and BT, Sir Frank Lowe "
        "nabbed Tesco from the agency he founded, TBWA\\London said goodbye to Trevor Beattie and Bartle Bogle "
        "Hegarty won the British Airways and Omo global pitches.",
    )
    assert ("Sainsbury", "Abbott Mead Vickers BBDO", "retained") in got


def test_one_agency_given_two_disciplines_holds_two_relations(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://audecibel.com/podcast-episode/us/Campaign-podcast/142813/64809716/1 (a headline it lists)
    found = extract_text("NatWest picks IPG as it consolidates media and creative account", "", gaz)
    assert sorted((r.agency, r.role, r.status) for r in found) == [
        ("IPG", "creative", "appointed"),
        ("IPG", "media", "appointed"),
    ]
    # a list of agencies with a list of roles is zipped, not doubled (dev ag-0014)
    found = extract_text(
        "",
        "The Changi Airport Group has appointed DDB and OMD as its creative and media agencies-of-record in Singapore.",
        gaz,
    )
    assert sorted((r.agency, r.role) for r in found) == [("DDB", "creative"), ("OMD", "media")]


def test_pitch_consultants_are_never_the_agency(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.campaignlive.co.uk/article/pitch-update-govt-extends-agency-frameworks-shops-meet-man-city/1682478
    got = rels(
        gaz,
        "",
        "Foot Locker has picked Gravity Road as its lead European digital agency after a competitive pitch handled by Creativebrief.",
    )
    assert got == {("Foot Locker", "Gravity Road", "appointed")}


def test_two_agencies_teaming_up_is_no_credit(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.prweek.com/uk/news (a distractor: agency business)
    got = rels(
        gaz,
        "Ogilvy partners with Nordic.Agency to expand footprint in Scandinavian market",
        "Ogilvy Public Relations has teamed up with Scandinavian digital agency Nordic.Agency to boost its expertise in the region.",
    )
    assert got == set()


def test_an_owner_qualified_agency_is_the_unit(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.bandt.com.au/streamers-liberals-banks-set-the-tone-in-bts-february-new-business-winners/
    got = rels(
        gaz,
        "",
        "Match & Wood won Renault's media account which had previously been held by Omnicom-owned agency OMD.",
    )
    assert not any(a == "Omnicom" for _b, a, _s in got)


def test_a_brandless_copy_of_a_branded_relation_is_dropped(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://audecibel.com/podcast-episode/us/Campaign-podcast/142813/64809716/1
    got = rels(
        gaz,
        "",
        "WPP won the £1.5bn government media pitch and the expanded review for Jaguar Land Rover, as well as "
        "media for Kenvue. Aviva's creative account went to Saatchi & Saatchi",
    )
    assert ("Aviva", "Saatchi & Saatchi", "appointed") in got
    assert not any(a == "Saatchi & Saatchi" and b != "Aviva" for b, a, _s in got)


def test_the_network_handed_an_account_is_the_agency(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.campaignlive.co.uk/article/book-lists-10-biggest-account-moves-globally/198443
    got = rels(
        gaz,
        "",
        "Staff at McCann-Erickson may have been dogged by a Securities & Exchange Commission investigation and "
        "tumbling share price, but things began to look up when Capital One handed the network its £150 million "
        "global creative account in a move out of Publicis.",
    )
    assert not any(a == "Capital One" for _b, a, _s in got)


def test_the_keyword_prefilter_never_skips_a_rule_that_matches(gaz) -> None:  # type: ignore[no-untyped-def]
    """Every rule match found on real dev sentences contains one of the rule's required words."""
    import json
    from pathlib import Path

    from dossier.agency.mentions import normalise, place
    from dossier.agency.relations import _compile, _keywords, split_clauses

    rules = list(zip(_compile(), _keywords(), strict=True))
    assert sum(w is not None for _r, w in rules) > 0.9 * len(rules)  # nearly every rule has words
    path = Path(__file__).parent.parent / "eval" / "agency" / "dev.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line][
        :80
    ]
    matched = 0
    for item in items:
        for sentence in split_clauses(item["headline"]) + split_clauses(
            item["snippet"], headline=False
        ):
            text = place(normalise(sentence), gaz).text
            for (pattern, *_rest), words in rules:
                if words is not None and pattern.search(text):
                    matched += 1
                    assert any(w in text.casefold() for w in words), (sorted(words), sentence)
    assert matched > 50
    # and it skips most rules on an ordinary headline
    text = place("Apple names Droga5 creative agency of record", gaz).text.casefold()
    assert sum(w is not None and not any(x in text for x in w) for _r, w in rules) > len(rules) / 2


# Guards from the false positives of the dev4 collection (opened after its cold score).


def test_a_legal_form_alone_is_no_name(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://mumbrella.com.au/2015-annual-top-media-account-wins-shifts-retentions-337000
    got = rels(gaz, "News Corp dumps UM for Mediacom, but not in digital")
    assert {("News Corp", "UM", "ended"), ("News Corp", "Mediacom", "appointed")} <= got
    assert not any(brand == "Corp" for brand, _a, _s in got)


def test_a_quoted_title_is_neither_brand_nor_agency(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.digitalmarket.asia/which-apac-agencies-understand-digital-the-best/
    got = rels(
        gaz,
        "",
        "M&C Saatchi Sydney took the top honours from the region with six metals for various digital "
        "categories for its ‘Clever Buoy’ campaign for Optus.",
    )
    assert not any(agency == "Clever Buoy" or brand == "Clever Buoy" for brand, agency, _s in got)


def test_an_event_is_not_a_brand(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://ijes-srw.com/2021/12/14/2021-in-review-12-notable-agency-breakups/
    got = rels(
        gaz, "", "Energy BBDO, the creative agency behind the company’s last two Super Bowl spots"
    )
    assert not any(brand == "Super Bowl" for brand, _a, _s in got)
