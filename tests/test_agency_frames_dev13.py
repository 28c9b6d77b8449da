"""General frames and guards added in the agency17 round, after dev13 (eval/agency/dev13.jsonl,
scored cold once in round cold14) was opened for development.

Each input quoted with a URL is a real trade-press sentence from a development file (dev13 or an
earlier one); each test is for a class of sentence, and pairs it with constructed sentences
(labelled so) that must read the same way or give nothing.
"""

from __future__ import annotations

from .test_agency_frames import rels


def test_a_dateline_opening_the_snippet_is_no_name(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.holmesreport.com/latest/article/p-g-hands-lucrative-global-vicks-pr-brief-to-mslgroup
    got = rels(
        gaz,
        "",
        "NEW YORK--Procter & Gamble has consolidated global PR duties for its Vicks brand with MSLGroup, the Holmes Report can reveal.",
    )
    assert ("Vicks", "MSLGroup", "appointed") in got
    assert not any(b.startswith(("YORK", "NEW")) for b, _a, _s in got)
    # https://marketech-apac.com/tag/national-day/ (also an aside between unspaced dashes)
    got = rels(
        gaz,
        "",
        "Kuala Lumpur, Malaysia – SIRIM QAS International–a testing, inspection and certification body–has teamed up "
        "with M&C Saatchi to release a short film, titled ‘Harmoni Sebuah Memori’.",
    )
    assert ("SIRIM QAS International", "M&C Saatchi", "credit") in got
    # constructed: an opening adverb before a comma and a dash is not a dateline
    got = rels(
        gaz,
        "",
        "Meanwhile, Vistara — Tata's joint venture with Singapore Airlines — remains with Avian Media.",
    )
    assert not any(b == "Singapore Airlines" for b, _a, _s in got)


def test_winning_against_rivals_and_poaching_work(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.malltomall.com/article/bbh-lands-interbrew-account-hoegaarden/194826
    got = rels(
        gaz,
        "",
        "Earlier this month, BBH beat off competition from Mother to take the Castlemaine XXXX brand.",
    )
    assert ("Castlemaine XXXX", "BBH", "appointed") in got
    assert not any(a == "Mother" and s == "appointed" for _b, a, s in got)
    # http://www.adpulp.com/opportunity_kno/
    got = rels(
        gaz,
        "Opportunity Knocks",
        "McGarryBowen has been stealing Walt Disney Co.’s theme-parks creative work away from Leo Burnett, and now "
        "it’s swiping some of Burnett’s Disney creatives as well.",
    )
    assert ("Walt Disney Co", "McGarryBowen", "appointed") in got
    assert ("Walt Disney Co", "Leo Burnett", "ended") in got
    # https://newsverge.com/2017/09/29/leo-burnett-lagos-wins-multi-million-naira-world-bank-project
    got = rels(
        gaz,
        "",
        "Leo Burnett Lagos, a fast rising advertising agency in Nigeria has won the World Bank International Finance Corporation pitch.",
    )
    assert ("World Bank International Finance Corporation", "Leo Burnett Lagos", "appointed") in got
    # constructed: a pitch for something else is no brand's
    assert not rels(gaz, "", "BBH beat off competition from Mother to take the top spot.")


def test_an_account_awarded_to_or_retained_by_the_agency(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://devweb.motivatedigital.com/campaignme/jwt-and-leo-burnett-retain-stc-account/amp
    assert ("STC", "Starcom", "retained") in rels(
        gaz, "", "STC’s media buying and planning account was retained by Starcom in May last year."
    )
    # the headline's "STC" is the snippet's "Saudi Telecom" (the company's initial)
    got = rels(
        gaz,
        "JWT and Leo Burnett retain STC account",
        "JWT and Leo Burnett have retained Saudi Telecom’s advertising business following a review process that "
        "lasted the best part of a year.",
    )
    assert got == {
        ("Saudi Telecom", "JWT", "retained"),
        ("Saudi Telecom", "Leo Burnett", "retained"),
    }
    # https://afaqs.com/news/advertising/28682_playing-the-india-card-sons-of-the-soil-fight-back
    got = rels(
        gaz,
        "",
        "Whether it is Creativeland Asia winning Audi in a pitch involving agencies such as BBH; Law & Kenneth "
        "clinching the Renault win; Saints & Warriors being awarded Skoda; TapRoot India winning Pepsi's World Cup campaign",
    )
    assert ("Skoda", "Saints & Warriors", "appointed") in got
    # http://www.adweek.com/agencyspy/state-of-your-state-minnesotas-ad-scene/3689?red=as
    got = rels(
        gaz,
        "Biggest, “Oh, Shit” Moment: Microsoft Skips Fallon",
        "It seemed like everyone, even typically harsh critics, was rooting for Fallon to win the Microsoft account. "
        "When CP+B was awarded the account, you could hear Fallon, and the Minneapolis ad community let out a collective, “Oh, shit.”",
    )
    assert ("Microsoft", "CP+B", "appointed") in got
    # constructed: an agency awarded a prize wins no client
    assert not rels(gaz, "", "BBDO was awarded the Grand Prix at Cannes.")


def test_a_second_account_handed_in_the_same_clause(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://strategyonline.ca/2000/03/13/28398-20000313/
    got = rels(
        gaz,
        "Account Action",
        "Telus recently awarded its $30-million wireline consumer creative account to Palmer Jarvis DDB and its "
        "$15-million wireline business creative to Lanyon Phillips Communications.",
    )
    assert ("Telus", "Palmer Jarvis DDB", "appointed") in got
    assert ("Telus", "Lanyon Phillips Communications", "appointed") in got
    # http://www.adweek.com/news/advertising/tourism-clients-make-agency-selections-85296
    got = rels(
        gaz,
        "Tourism Clients Make Agency Selections",
        "Two Southern tourism clients have completed reviews, with the North Carolina Division of Tourism retaining "
        "15-year incumbent Loeffler Ketchum Mountjoy and the Dallas-Fort Worth Area Tourism Council awarding its "
        "advertising account to Door Number 3 and public relations business to the LeMaster Group.",
    )
    assert ("North Carolina Division of Tourism", "Loeffler Ketchum Mountjoy", "retained") in got
    assert ("Dallas-Fort Worth Area Tourism Council", "Door Number 3", "appointed") in got
    assert ("Dallas-Fort Worth Area Tourism Council", "LeMaster Group", "appointed") in got
    assert not any(a == "Loeffler Ketchum Mountjoy" and s == "ended" for _b, a, s in got)


def test_quoted_titles_places_and_categories_are_not_parties(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.adnews.com.au/news/mandc-wins-building-brand-australia
    got = rels(
        gaz,
        "",
        "Last month Tourism Australia unvieled its 'There's Nothing like Australia' campaign, created by DDB, which it "
        'said would "fit neatly into Building Brand Australia".',
    )
    assert got == {("Tourism Australia", "DDB", "credit")}
    # https://cutimes.com/2004/11/30/utahoregon-leagues-join-california-in-launching-advocacy-campaigns-but-theyre-voluntary
    got = rels(
        gaz,
        "",
        "The creative on both campaigns is being handled by a Salt Lake City agency, Summit Group, which for nearly "
        "five years has had the media advertising and marketing contract for the Utah League.",
    )
    assert not any(a == "Salt Lake City" for _b, a, _s in got)
    # https://strategyonline.ca/2011/06/08/effies-2011
    got = rels(
        gaz,
        "",
        "Leo Burnett won a silver in the Small Budgets/Products category for its James Ready Bart-Ter Night campaign "
        "(with contributing agency, Toronto-based Campus Intercept), and Juniper Park won a bronze in the Beauty "
        "Products & Services category for Eos – Reinventing Lip Balm, on behalf of Eos products.",
    )
    assert {(a, st) for b, a, st in got if b.startswith("James Ready")} == {
        ("Leo Burnett", "credit"),
        ("Campus Intercept", "credit"),
    }
    assert not any(a == "Small Budgets/Products" for _b, a, _s in got)


def test_a_holding_company_adding_a_shop_appoints_nothing(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://adage.com/article/agency-news/adland-s-small-holding-companies-big-thing/295306
    got = rels(
        gaz,
        "",
        "And four-year-old Project Worldwide added Burger King creative shop Pitch to its growing roster of shops.",
    )
    assert not any(s == "appointed" for _b, _a, s in got)
    # constructed: a client adding an agency to its roster still appoints it
    assert ("Telstra", "Clemenger BBDO Sydney", "appointed") in rels(
        gaz, "", "Telstra has added Clemenger BBDO Sydney to its agency roster."
    )


def test_credits_the_agency_is_named_for(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.thedrum.com/news/2014/07/22/creative-commonwealth-india-malaysia-and-singapore-share-their-insights-creativity
    assert ("Nike Cricket", "JWT", "credit") in rels(
        gaz, "", "JWT's 'Make Every Yard Count' ad for Nike Cricket features 1,440 young cricketers"
    )
    # http://www.malltomall.com/article/wrigley-narrows-global-creative-shortlist-three/666274
    got = rels(
        gaz,
        "",
        "However, EnergyBBDO in Chicago remains Wrigley's lead agency in the US and BBDO is expected to remain on its roster.",
    )
    assert ("Wrigley", "EnergyBBDO", "credit") in got
    # http://strategyonline.ca/issue/features/
    assert ("Télévision Française Ontario", "Lowe Roche", "credit") in rels(
        gaz,
        "TFO’s iconic update",
        "Lowe Roche gives Télévision Française Ontario a modern makeover.",
    )
    # constructed, after http://redg.co/2020/07/page/4: a long description of the piece of work
    got = rels(
        gaz,
        "",
        "Ogilvy has created a three and a half minute music video for Woody Creek Distillers.",
    )
    assert ("Woody Creek Distillers", "Ogilvy", "credit") in got
    # constructed: a brand giving itself a makeover names no agency
    assert not rels(gaz, "", "Nike gives its stores a makeover.")


def test_a_pair_named_together(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://stoppress.co.nz/features/stoppress-year-rear/
    assert ("ASB", "Saatchi & Saatchi", "credit") in rels(gaz, "ASB and Saatchi & Saatchi", "")
    # (the page writes "Colenso" here; with the agency's full name, as the headline gives it)
    got = rels(
        gaz,
        "",
        "However, this unwritten rule didn’t apply to the partnership between Colenso BBDO and V Energy.",
    )
    assert ("V Energy", "Colenso BBDO", "credit") in got
    # https://adage.com/article/special-report-creativity-top-5/best-cannes-lions-2021-winning-campaigns-ads-commercials/2346766
    got = rels(
        gaz,
        "",
        'Mastercard and McCann also earned it in Brand Experience and Activation for its "True Name" card.',
    )
    assert ("Mastercard", "McCann", "credit") in got
    # constructed: a headline list of three names, or two agencies, pairs nobody
    assert not rels(gaz, "OgilvyOne, Maxus and Interactive Shine", "")
    assert not rels(gaz, "Omnicom and Interpublic", "")


def test_an_agencys_loss_to_a_rival(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.campaignlive.co.uk/article/media-perspective-clutching-straws-sometimes-pay-off-forincumbents/521141
    got = rels(
        gaz,
        "",
        "This small pattern is hardly compensation for PHD following its loss of Transport for London to Mediaedge:cia, "
        "or for Manning Gottlieb OMD following its loss of Eurostar to Vizeum",
    )
    assert {
        ("Eurostar", "Manning Gottlieb OMD", "ended"),
        ("Eurostar", "Vizeum", "appointed"),
    } <= got
    # https://www.moreaboutadvertising.com/page/22/
    got = rels(
        gaz,
        "",
        "It hasn’t been the best of weeks for Droga5 London: it lost the Barclaycard account to BBH and now high "
        "profile CCO David Kolbusz (below) is leaving for pastures new.",
    )
    assert {("Barclaycard", "Droga5 London", "ended"), ("Barclaycard", "BBH", "appointed")} <= got
    # http://mumbrella.com.au/draftfcb-to-close-melbourne-operation-114119
    got = rels(
        gaz,
        "DraftFCB to close Melbourne operation",
        "DraftFCB is to close its Melbourne operation following the loss of key client Honda, Mumbrella can reveal. "
        "The Interpublic Group-owned agency lost the car client to Leo Burnett after a pitch on Friday of last week.",
    )
    assert ("Honda", "Leo Burnett", "appointed") in got
    # http://www.campaignlive.co.uk/article/book-lists-10-biggest-account-moves-globally/198443
    got = rels(
        gaz,
        "",
        "It was action stations when Coca-Cola decided to consolidate its entire $300 million US budget into one media "
        "agency. Universal McCann, the buying incumbent, lost out to Starcom MediaVest, the planning incumbent. "
        "Carat and MindShare also competed.",
    )
    # the brand that "decided to consolidate" its budget is the article's; the winner, also an
    # incumbent, did not lose it
    assert ("Coca-Cola", "Universal McCann", "ended") in got
    assert {a for b, a, s in got if s == "appointed"} == {"Starcom"}
    assert not any(s == "ended" and "MediaVest" in a for _b, a, s in got)
    got = rels(
        gaz,
        "",
        "Cadbury's decision in May to look at its international media arrangements, worth £147 million, has kept "
        "agencies around the world busy. The UK pitch saw Starcom Motive take £21 million in billings from Carat.",
    )
    assert {("Cadbury", "Starcom Motive", "appointed"), ("Cadbury", "Carat", "ended")} <= got
    # constructed: losing out in a pitch it did not hold is no ended account
    assert not any(
        s == "ended"
        for _b, _a, s in rels(gaz, "", "Ogilvy lost out to BBDO in the pitch for Mars.")
    )
    # dev4 (B&T, Optus): an attempt to take the business is no move
    got = rels(
        gaz,
        "Optus calls on Starcom and M&C Saatchi",
        "M&C Saatchi and Starcom were confirmed as Optus’ creative and media agencies, after a nine-month pitching "
        "process that saw George Patterson Y&R push to the final hurdle to try to take the business from M&C Saatchi.",
    )
    assert ("Optus", "M&C Saatchi", "ended") not in got


def test_an_agency_extending_its_relationship_keeps_the_client(gaz) -> None:  # type: ignore[no-untyped-def]
    # constructed, after https://www.campaignlive.co.uk/article/pitch-update-john-lewis-mind-river-island-klarna/1750826
    # ("this time it extended its relationship with John Lewis Partnership following a competitive pitch")
    got = rels(
        gaz,
        "",
        "MG OMD has extended its relationship with Sainsbury's following a competitive pitch.",
    )
    assert ("Sainsbury", "MG OMD", "retained") in got
    # constructed: a brand extending its deal with a partner names no agency
    assert not rels(gaz, "", "Nike has extended its relationship with the NBA.")


def test_a_long_capitalised_dateline(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://campaignasia.com/article/vietnamobile-and-mobifone-review-creative-accounts-in-vietnam/220764
    got = rels(
        gaz,
        "",
        "HO CHI MINH CITY - Vietnamobile and Mobifone, two of Vietnam's four biggest mobile service providers, have "
        "called a creative pitch.",
    )
    assert not any("CITY" in b for b, _a, _s in got)


def test_a_brand_name_ending_in_an_apostrophe(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://comvergence.net/2019/02/30-of-the-biggest-us-ad-spenders-placed-their-creative-accounts-in-review-in-2018
    got = rels(
        gaz,
        "",
        "The report found that one third of the creative accounts placed in review last year were part of the consumer "
        "packaged goods and restaurant categories (home to the biggest ad spenders) including Dunkin’, which awarded "
        "its creative business to BBDO and Arc Worldwide.",
    )
    assert {("Dunkin", "BBDO", "appointed"), ("Dunkin", "Arc Worldwide", "appointed")} <= got


def test_headline_forms_of_making_and_handing(gaz) -> None:  # type: ignore[no-untyped-def]
    # constructed headlines, one for each form
    assert rels(gaz, "Ogilvy-created spot for Heinz wins gold", "") == {
        ("Heinz", "Ogilvy", "credit")
    }
    assert ("Heinz", "Ogilvy", "appointed") in rels(gaz, "Heinz awards creative to Ogilvy", "")
    assert ("Heinz", "Ogilvy", "appointed") in rels(gaz, "Heinz brings on Ogilvy", "")
    assert ("Hennessy", "Droga5", "credit") in rels(
        gaz, "", "Droga5's latest Hennessy campaign is a hit."
    )
    # a prize awarded is still no account
    assert not rels(gaz, "BBDO awards gold to Nike", "")
    # an unlisted name before "-made" is left as it is
    assert not any(
        a.endswith("-made") or a == "Canadian"
        for _b, a, _s in rels(gaz, "Canadian-made spot for Heinz by Ogilvy", "")
    )


def test_an_aside_around_the_object_or_the_brand(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.malltomall.com/article/starcom-wins-43m-saudi-telecom-media-account/657009
    got = rels(
        gaz,
        "",
        "Earlier this year Saudi Telecom awarded Al Jawal, the biggest chunk of its advertising business, to JWT after "
        "a pitch against incumbent Leo Burnett.",
    )
    assert {("Saudi Telecom", "JWT", "appointed"), ("Saudi Telecom", "Leo Burnett", "ended")} <= got
    # http://www.adweek.com/news/advertising/tourism-incumbents-hold-49662
    got = rels(
        gaz,
        "Tourism Incumbents Hold On",
        "The win was an important one for Johnson, which earlier this year lost one of its other major tourism "
        "accounts—the six-figure Albuquerque Convention & Visitors Bureau—to McKee.",
    )
    assert ("Albuquerque Convention & Visitors Bureau", "McKee", "appointed") in got
    assert ("Albuquerque Convention & Visitors Bureau", "Johnson", "ended") in got


def test_a_headline_that_opens_with_its_subject_names_the_brand(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://strategyonline.ca/issue/features/
    got = rels(
        gaz,
        "Whistler Film Fest messes with Hollywood",
        "Genre-defying film trailers remind viewers to “prepare for the unexpected” in this campaign by Vancouver-based Dare.",
    )
    assert got == {("Whistler Film Fest", "Dare", "credit")}


def test_former_holders_and_relative_clauses(gaz) -> None:  # type: ignore[no-untyped-def]
    h = "Game of musical chairs as Kenya’s PR firms sign up new ICT accounts"
    # https://aptantech.com/2012/07/08/game-of-musical-chairs-as-kenyas-pr-firms-sign-up-new-icttelecoms-accounts/
    got = rels(
        gaz,
        h,
        "BluePrint PR, another Scanad subsidiary, has just attracted the Essar Telecoms Kenya (ETK) yuMobile account "
        "from Silver Bullet, part of the Young & Rubicam group.",
    )
    assert ("Essar Telecoms Kenya", "Silver Bullet", "ended") in got
    got = rels(
        gaz,
        h,
        "But BluePrint has also not escaped unscathed in the current drive by rivals to attract new clients as its "
        "former client, Samsung, has been snapped by MediaEdge.",
    )
    assert ("Samsung", "BluePrint", "ended") in got
    got = rels(
        gaz,
        h,
        "After parting ways with Safaricom this year, after another more than a decade-long relationship which began "
        "in 2000, Gina Din Corporate Communications (GDCC) has gained new telecoms clients in the names of Telkom "
        "Kenya-Orange (previously handled by Ogilvy PR) and Vodacom Tanzania.",
    )
    assert ("Telkom Kenya-Orange", "Ogilvy PR", "ended") in got
    # https://www.campaignasia.com/article/tbwa-philippine-affiliate-beats-13-in-congress-race/182325
    got = rels(
        gaz,
        "TBWA Philippine affiliate beats 13 in congress race",
        "MANILA: TBWA Santiago Mangada Puno beat 13 rival agencies for the biennial Philippine Advertising Congress "
        "account ahead of the year-end event in Cebu.",
    )
    assert ("Philippine Advertising Congress", "TBWA Santiago Mangada Puno", "appointed") in got
    # constructed, after https://www.campaignlive.co.uk/article/pitch-update/873887 ("Rapier, which B&Q has
    # appointed in the meantime to handle a project, ..."; Rapier is not listed, so the frame alone does not make it an agency)
    got = rels(
        gaz,
        "",
        "Mother, which B&Q has appointed in the meantime to handle a project, will be hoping its work impresses.",
    )
    assert ("B&Q", "Mother", "appointed") in got
    # https://www.campaignlive.co.uk/article/top-300-agencies-school-reports-part-1-5/543545: "the agency he founded" is another agency than the one named
    got = rels(
        gaz,
        "Top 300 Agencies: School Reports. (Part 1 of 5)",
        "2005 was the year Abbott Mead Vickers BBDO miraculously clung on to Sainsbury's and BT, Sir Frank Lowe "
        "nabbed Tesco from the agency he founded, TBWA\\London said goodbye to Trevor Beattie and Bartle Bogle "
        "Hegarty won the British Airways and Omo global pitches.",
    )
    assert not any(s == "ended" and b == "Tesco" for b, _a, s in got)


def test_a_name_joined_by_an_ampersand_is_no_person(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.campaignlive.co.uk/article/wins-week-boots-carphone-warehouse-jd-williams/1423089
    got = rels(
        gaz,
        "",
        "Highways England has appointed George & Dragon to handle its ad account after a competitive pitch. The pitch "
        "was open to agencies on the government’s old roster, including incumbent Abbott Mead Vickers BBDO.",
    )
    assert ("Highways England", "George & Dragon", "appointed") in got
    assert ("Highways England", "Abbott Mead Vickers BBDO", "ended") in got
    # constructed: a first name and a surname is still a person
    assert not rels(
        gaz, "", "Highways England has appointed George Dragon to handle its ad account."
    )


def test_an_aside_about_a_review_does_not_hide_the_move(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://claytoneliezer.blogspot.com/2013/01/usps-still-searching-for-creative-agency.html
    got = rels(
        gaz,
        "USPS Still Searching for Creative Agency",
        "The United States Postal Service, in a piecemeal do-over of its advertising review, has shifted its media "
        "responsibilities to UM, after 10 years at fellow Interpublic Group shop Campbell Ewald. The creative piece "
        "has yet to be assigned.",
    )
    assert ("United States Postal Service", "UM", "appointed") in got
    assert ("United States Postal Service", "Campbell Ewald", "ended") in got
    # constructed: a person's years at an agency end no account
    assert not rels(gaz, "", "Jane Smith joins BBDO after 10 years at Ogilvy.")


def test_prizes_pairs_and_rosters(gaz) -> None:  # type: ignore[no-untyped-def]
    # http://www.adweek.com/news/advertising/effies-single-out-southern-shops-63043
    got = rels(
        gaz,
        "Effies Single Out Southern Shops",
        'Doe picked up its prize for Maker\'s Mark "Stories" series in the beverage/alcohol spirits category, and '
        'TGM\'s "This is the American Cancer Society" scored in the nonprofit/pro-bono division.',
    )
    assert (
        "Maker",
        "Doe",
        "credit",
    ) in got  # the name as placed ("Maker's Mark"; the suite matches it)
    # https://strategyonline.ca/2011/06/08/effies-2011
    got = rels(
        gaz,
        "",
        "Leo Burnett won a silver in the Small Budgets/Products category for its James Ready Bart-Ter Night campaign "
        "(with contributing agency, Toronto-based Campus Intercept), and Juniper Park won a bronze in the Beauty "
        "Products & Services category for Eos – Reinventing Lip Balm, on behalf of Eos products.",
    )
    assert ("Eos", "Juniper Park", "credit") in got
    # http://www.stoppress.co.nz/news/2011/10/in-rude-good-health-draftfcb-and-moh-revel-in-effie-domination/
    got = rels(
        gaz,
        "",
        "DraftFCB and the Ministry of Health are a pretty bloody good team, as evidenced by the numerous awards the duo has won in recent years.",
    )
    assert ("Ministry of Health", "DraftFCB", "credit") in got
    # http://www.malltomall.com/article/wrigley-narrows-global-creative-shortlist-three/666274
    got = rels(
        gaz,
        "",
        "However, EnergyBBDO in Chicago remains Wrigley's lead agency in the US and BBDO is expected to remain on its roster.",
    )
    assert ("Wrigley", "BBDO", "credit") in got
    # constructed: two brands as a team credit nobody
    assert not rels(gaz, "", "Nike and Apple are a formidable team.")
    # an internal review "with the help of" consultants credits nobody (the frame was tried and dropped)
    got = rels(
        gaz,
        "",
        "Earlier this month, Specsavers renewed its contract with Manning Gottlieb OMD for a further three years without "
        "a pitch. The decision followed an internal review with the help of The Aperto Partnership and Media Marketing Compliance.",
    )
    assert not any(s == "credit" for _b, _a, s in got)


def test_a_long_description_after_the_brand(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.sun-sentinel.com/news/fl-xpm-2003-10-06-0310030667-story.html
    got = rels(
        gaz,
        "",
        "To the south, CapTrust Corp., a Miami-based independent mortgage broker specializing in residential and "
        "commercial real estate financing, has named Stacey Schrager & Associates in Hollywood for marketing work.",
    )
    assert ("CapTrust Corp", "Stacey Schrager & Associates", "appointed") in got


def test_the_agency_as_it_in_its_own_sentence(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://marketing.ie/ddfhb-jwt-retains-failte-ireland (also: "DDFH&B-JWT" is one name, "&" and all)
    got = rels(
        gaz,
        "",
        "DDFH&B-JWT continues its strong run with the news that it has been retained by Fáilte Ireland to handle its "
        "creative and digital work.",
    )
    assert ("Fáilte Ireland", "DDFH&B-JWT", "retained") in got
    # constructed: the same with an appointment
    assert ("Heinz", "Ogilvy", "appointed") in rels(
        gaz, "", "Ogilvy said on Monday that it has been appointed by Heinz."
    )
