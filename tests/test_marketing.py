"""What a new marketing leader walks into, on the real recorded SEC data of seven filers.

Spend figures come from XBRL company facts (tests/fixtures/sec, Nike's from
tests/fixtures/snapshots/nike-sec; provenance in their READMEs); the 8-K timeline and the
leadership warning from Nike's real submissions. People, news and agencies that the SEC does
not give are built by hand below and labelled "constructed".
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from dossier import formatting as fmt
from dossier.model import Article, Fact, Identifiers, Incumbent, Money, Person
from dossier.net import Document
from dossier.sources.sec import (
    COMPANYFACTS_URL,
    SUBMISSIONS_URL,
    extract_companyfacts,
    extract_submissions,
)
from dossier.writing import audit, write_company
from dossier.writing import marketing as mk
from dossier.writing.audit import sentence_findings
from dossier.writing.neutrality import lint_text
from dossier.writing.sentences import names_in

from .conftest import fixture_bytes
from .factories import dossier, fact, html

NIKE_BODIES = ("snapshots", "nike-sec", "bodies")
#: When the Nike bodies were recorded (the end of the upstream's recording window).
NIKE_READ = datetime(2026, 7, 1, tzinfo=UTC)
REPORT_DAY = datetime(2026, 11, 23, tzinfo=UTC)

FILERS = {
    # name: (cik, fixture path)
    "nike": ("0000320187", (*NIKE_BODIES, "companyfacts_CIK0000320187_nike.json.gz")),
    "disney": ("0001744489", ("sec", "companyfacts_CIK0001744489_disney.json.gz")),
    "walmart": ("0000104169", ("sec", "companyfacts_CIK0000104169_walmart.json.gz")),
    "kraftheinz": ("0001637459", ("sec", "companyfacts_CIK0001637459_kraftheinz.json.gz")),
    "apple": ("0000320193", ("sec", "companyfacts_CIK0000320193_apple.json.gz")),
    "alphabet": ("0001652044", ("sec", "companyfacts_CIK0001652044_alphabet.json.gz")),
    "mcdonalds": ("0000063908", ("sec", "companyfacts_CIK0000063908_mcdonalds.json.gz")),
}


def _doc(url: str, body: bytes, retrieved_at: datetime = NIKE_READ) -> Document:
    return Document(
        source="sec",
        url=url,
        status=200,
        content_type="application/json",
        body=body,
        retrieved_at=retrieved_at,
    )


_FACTS: dict[str, list[Fact]] = {}


def company_facts(name: str) -> list[Fact]:
    """The filer's facts from its real companyfacts body (parsed once per test run)."""
    if name not in _FACTS:
        cik, path = FILERS[name]
        _FACTS[name] = extract_companyfacts(
            _doc(COMPANYFACTS_URL.format(cik=cik), fixture_bytes(*path))
        )
    return _FACTS[name]


def nike_filings() -> list[Fact]:
    body = fixture_bytes(*NIKE_BODIES, "submissions_CIK0000320187_nike.merged.json.gz")
    return extract_submissions(_doc(SUBMISSIONS_URL.format(cik="0000320187"), body))


def filer(name: str, *extra: Fact, display: str | None = None):
    """A dossier of the filer's real company facts (and ``extra``), dated 23 November 2026."""
    cik, _path = FILERS[name]
    return dossier(
        *company_facts(name),
        *extra,
        name=display or name,
        ids=Identifiers(cik=cik),
        generated_at=REPORT_DAY,
    )


def nike(*extra: Fact):
    return filer("nike", *nike_filings(), *extra)


def _news(headline: str, outlet: str, url: str, day: date) -> Fact:
    """A constructed news item (not recorded anywhere)."""
    published = datetime(day.year, day.month, day.day, tzinfo=UTC)
    article = Article(headline=headline, outlet=outlet, url=url, published=published)
    return fact("news", article, source="google_news", constructed=True)


def _series(name: str, field: str) -> dict[str, Fact]:
    return {f.period: f for f in company_facts(name) if f.field == field}


# --- the figures, exactly as filed ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "field", "period", "end", "amount", "concept", "accession"),
    [
        (
            "nike",
            "marketing_advertising_expense",
            "FY2025",
            date(2025, 5, 31),
            4_689_000_000,
            "us-gaap:MarketingAndAdvertisingExpense",
            "0000320187-25-000047",
        ),
        (
            "disney",
            "advertising_expense",
            "FY2025",
            date(2025, 9, 27),
            6_500_000_000,
            "us-gaap:AdvertisingExpense",
            "0001744489-25-000155",
        ),
        (
            "walmart",
            "advertising_expense",
            "FY2026",
            date(2026, 1, 31),
            5_400_000_000,
            "us-gaap:AdvertisingExpense",
            "0000104169-26-000055",
        ),
        (
            "kraftheinz",
            "advertising_expense",
            "FY2025",
            date(2025, 12, 27),
            1_073_000_000,
            "us-gaap:AdvertisingExpense",
            "0001637459-26-000009",
        ),
        (
            "apple",
            "advertising_expense",
            "FY2015",
            date(2015, 9, 26),
            1_800_000_000,
            "us-gaap:AdvertisingExpense",
            "0001193125-15-356351",
        ),
        (
            "apple",
            "selling_marketing_expense",
            "FY2025",
            date(2025, 9, 27),
            19_524_000_000,
            "us-gaap:SellingAndMarketingExpense",
            "0000320193-25-000079",
        ),
        (
            "alphabet",
            "marketing_advertising_expense",
            "FY2025",
            date(2025, 12, 31),
            9_900_000_000,
            "us-gaap:MarketingAndAdvertisingExpense",
            "0001652044-26-000018",
        ),
        (
            "nike",
            "sga_expense",
            "FY2025",
            date(2025, 5, 31),
            16_088_000_000,
            "us-gaap:SellingGeneralAndAdministrativeExpense",
            "0000320187-25-000047",
        ),
    ],
)
def test_spend_figures_as_filed(name, field, period, end, amount, concept, accession) -> None:
    f = _series(name, field)[period]
    assert f.value == Money(amount=amount, currency="USD")
    assert f.period_end == end
    assert mk.concept_of(f) == concept
    assert mk.filing_of(f)[0] == "10-K"
    assert f"accession {accession}" in f.provenance.locator


def test_apple_stopped_tagging_advertising_after_fy2015() -> None:
    adverts = _series("apple", "advertising_expense")
    assert max(adverts) == "FY2015"
    assert adverts["FY2014"].value.amount == 1_200_000_000


def test_annual_reports_only_and_restatements_win() -> None:
    # Kraft Heinz's 2018 10-K gave 1,140 million for 2018; its 2020 10-K restated it to 1,100
    # million; a 2020 8-K repeats the year. The later annual report wins, the 8-K never counts.
    kh = _series("kraftheinz", "marketing_advertising_expense")
    assert kh["FY2018"].value.amount == 1_100_000_000
    assert "0001637459-21-000009" in kh["FY2018"].provenance.locator
    assert kh["FY2017"].value.amount == 1_100_000_000  # restated from 1,115 million
    assert all("8-K" not in f.provenance.locator for f in kh.values())
    # Apple's 10-Qs tag quarterly selling and marketing expense (5,101 million): never a year.
    amounts = {f.value.amount for f in company_facts("apple") if f.field.endswith("_expense")}
    assert 5_101_000_000 not in amounts and 5_397_000_000 not in amounts


def test_fiscal_year_label_comes_from_the_reports_own_year() -> None:
    # Apple's 2012 10-K tags marketing expense only for 2010 and 2011: the 2011 figure is still
    # fiscal year 2011 (the report's own year is read across every concept it tags).
    assert set(_series("apple", "marketing_expense")) == {"FY2010", "FY2011"}
    assert _series("nike", "marketing_advertising_expense")["FY2025"].period == "FY2025"


def test_mcdonalds_tags_no_marketing_concept() -> None:
    fields = {f.field for f in company_facts("mcdonalds")}
    assert "sga_expense" in fields
    assert not fields & set(mk.MARKETING_FIELDS)


# --- the sentences -------------------------------------------------------------------------


def _written(d):
    return write_company(d)


def test_nike_spend_sentence_names_concept_period_filing_and_share() -> None:
    w = _written(filer("nike", display="NIKE, Inc."))
    spend = [s.text for s in w.flat("spend")]
    assert spend[0] == (
        "For fiscal year 2025 (ended 31 May 2025), NIKE, Inc. reported marketing and advertising "
        "expense of US$4.689 billion (Form 10-K filed "
        "17 July 2025), 10.1% of revenue for the same year."
    )
    assert spend[1].startswith(
        "Its selling, general and administrative expense, a wider line that includes selling "
        "and administrative costs, was US$16.088 billion for fiscal year 2025"
    )
    # The share sentence cites the revenue figure it divides by.
    assert {f.field for f in w.flat("spend")[0].facts} == {
        "marketing_advertising_expense",
        "revenue",
    }


@pytest.mark.parametrize(
    ("name", "display", "expected"),
    [
        (
            "disney",
            "The Walt Disney Company",
            "For fiscal year 2025 (ended 27 September 2025), The Walt Disney Company reported "
            "advertising expense of US$6.5 billion (Form 10-K filed "
            "13 November 2025), 6.9% of revenue for the same year.",
        ),
        (
            "walmart",
            "Walmart Inc.",
            "For fiscal year 2026 (ended 31 January 2026), Walmart Inc. reported advertising "
            "expense of US$5.4 billion (Form 10-K filed 13 March "
            "2026), 0.8% of revenue for the same year.",
        ),
        (
            "kraftheinz",
            "The Kraft Heinz Company",
            "For fiscal year 2025 (ended 27 December 2025), The Kraft Heinz Company reported "
            "advertising expense of US$1.073 billion (Form 10-K "
            "filed 12 February 2026), 4.3% of revenue for the same year.",
        ),
    ],
)
def test_spend_sentences_on_real_filers(name, display, expected) -> None:
    texts = [s.text for s in _written(filer(name, display=display)).flat("spend")]
    assert texts[0] == expected


def test_apple_advertising_is_last_reported_for_fy2015_never_current() -> None:
    d = filer("apple", display="Apple Inc.")
    w = _written(d)
    texts = [s.text for s in w.flat("spend")]
    assert texts[0].startswith(
        "For fiscal year 2025 (ended 27 September 2025), Apple Inc. reported selling and "
        "marketing expense of US$19.524 billion (Form 10-K filed 31 October 2025)"
    )
    assert (
        "Apple Inc. last reported advertising expense for FY2015 ("
        "Form 10-K filed 28 October 2015): US$1.8 billion for fiscal year 2015 (ended 26 "
        "September 2015); the SEC company facts hold no later annual figure for it."
    ) in texts
    assert "It last reported advertising expense for FY2015 (US$1.8 billion)." in [
        s.text for s in w.flat("summary")
    ]
    # The freshness rule: the old figure is flagged for the reviewer.
    stale = [x.message for x in audit(d, w) if x.kind == "stale"]
    assert any(
        m.startswith("Advertising expense is as of 2015 (FY2015)")
        and "last reported for FY2015" in m
        for m in stale
    ), stale
    # The table and chart follow only current lines.
    table = mk.spend_table(d.organisation, mk.Freshness(REPORT_DAY.date()))
    assert table is not None and "Advertising expense" not in table.columns
    assert table.columns[0] == "Selling and marketing expense"


def test_under_armour_style_duplicate_tags_fold_into_one_line() -> None:
    # Constructed: the same amount under two concepts, as Under Armour tags it (502.3 million
    # as marketing and advertising expense, 502,290 thousand as marketing expense).
    end = date(2026, 3, 31)
    a = fact(
        "marketing_advertising_expense",
        Money(amount=502_300_000, currency="USD"),
        source="sec",
        period="FY2026",
        period_end=end,
        as_of=end,
        locator="us-gaap:MarketingAndAdvertisingExpense; 10-K accession 1 filed 2026-05-19",
    )
    b = a.model_copy(
        update={"field": "marketing_expense", "value": Money(amount=502_290_000, currency="USD")}
    )
    lines = mk.spend_lines(dossier(a, b, generated_at=REPORT_DAY).organisation)
    assert [line.field for line in lines] == ["marketing_advertising_expense"]


def test_no_spend_concept_hides_the_section_and_tells_the_reviewer() -> None:
    d = filer("mcdonalds", display="McDonald's Corporation")
    w = _written(d)
    assert w.flat("spend") == []
    page = html(d)
    assert "Marketing and advertising spend" not in page
    assert "<h2>Marketing</h2>" not in page  # nothing else to show there either
    (gap,) = [x for x in audit(d, w) if x.kind == "gap"]
    assert gap.message.startswith("No marketing or advertising spend figure")
    assert "SellingGeneralAndAdministrativeExpense" in gap.message
    assert "No marketing or advertising spend figure" not in page  # reviewer only


# --- the timeline and the 8-K items --------------------------------------------------------


def test_nike_2026_8k_items_in_the_timeline_with_official_titles() -> None:
    d = nike()
    rows = {
        (s.facts[0].value.filed, s.facts[0].value.form): s
        for s in _written(d).flat("timeline")
        if s.facts[0].field == "filings"
    }
    exit_costs = rows[(date(2026, 3, 5), "8-K")]
    assert exit_costs.text == (
        "Restructuring and exit costs (Item 2.05, “Costs Associated with Exit or Disposal "
        "Activities”)."
    )
    assert exit_costs.facts[0].value.url == (
        "https://www.sec.gov/Archives/edgar/data/320187/000032018726000017/nke-20260227.htm"
    )
    title_502 = (
        "Item 5.02, “Departure of Directors or Certain Officers; Election of Directors; "
        "Appointment of Certain Officers; Compensatory Arrangements of Certain Officers”"
    )
    assert title_502 in rows[(date(2026, 6, 18), "8-K")].text
    june_23 = rows[(date(2026, 6, 23), "8-K")].text
    assert june_23.startswith("Financial results, officer and director changes and a Regulation")
    assert title_502 in june_23 and "Item 9.01" not in june_23
    # Newest first, within the year up to the day the list was read.
    days = [s.facts[0].value.filed for s in _written(d).flat("timeline")]
    assert days == sorted(days, reverse=True)
    assert mk.timeline_window(d) == (date(2025, 7, 1), date(2026, 7, 1))
    assert min(days) >= date(2025, 7, 1)


def test_summary_counts_officer_filings_in_the_window() -> None:
    texts = [s.text for s in _written(nike()).flat("summary")]
    assert (
        "Between 1 July 2025 and 1 July 2026 it filed four Form 8-K reports on officer and "
        "director changes (Item 5.02): 11 September 2025, 2 December 2025, 18 June 2026 and "
        "23 June 2026."
    ) in texts


# --- leadership ----------------------------------------------------------------------------

# Constructed: a leadership fact as of 15 January 2026 (not from any recorded source).
CEO = fact(
    "key_people",
    Person(name="Elliott Hill", role="President and chief executive officer", since="2024-10-14"),
    source="wikidata",
    as_of=date(2026, 1, 15),
    constructed=True,
)


def test_people_are_stated_as_of_their_sources_date() -> None:
    texts = [s.text for s in _written(nike(CEO)).sentences()]
    assert (
        "As of 15 January 2026, Elliott Hill was president and chief executive officer "
        "(in the role from 14 October 2024)."
    ) in texts
    assert not any("has held" in t for t in texts)


def test_officer_filing_newer_than_leadership_warns_and_is_listed() -> None:
    d = nike(CEO)
    w = _written(d)
    messages = [x.message for x in audit(d, w) if x.message.startswith("Leadership may")]
    assert [m.split(" (")[0] for m in messages] == [
        "Leadership may have changed: 8-K Item 5.02 filed 23 June 2026",
        "Leadership may have changed: 8-K Item 5.02 filed 18 June 2026",
    ]
    beside = [s.text for s in w.flat("leadership_filings")]
    assert beside[0].startswith(
        "On 23 June 2026, after the date of at least one entry above, NIKE, Inc. filed a Form 8-K "
        "under Item 5.02, “Departure of Directors"
    )
    page = html(d)
    table_end = page.index("</table>", page.index("<th>In the role from</th>"))
    assert page.index("On 23 June 2026, after the date") > table_end  # right after the table


def test_no_warning_when_leadership_is_newer_than_every_officer_filing() -> None:
    newer = CEO.model_copy(
        update={"provenance": CEO.provenance.model_copy(update={"as_of": date(2026, 6, 30)})}
    )
    d = nike(newer)
    assert not [x for x in audit(d, _written(d)) if x.message.startswith("Leadership may")]
    assert _written(d).flat("leadership_filings") == []


def test_marketing_leadership_from_roles_and_dated_appointment_news() -> None:
    # Constructed: a CMO on a leadership page and two news items (not recorded anywhere).
    cmo = fact(
        "key_people",
        Person(name="Nicole Graham", role="EVP, Chief Marketing Officer"),
        source="website",
        as_of=date(2026, 2, 1),
        constructed=True,
    )
    moved = _news(
        "Nike names new chief marketing officer",
        "Example Trade Weekly",
        "https://news.example/cmo",
        date(2026, 3, 3),
    )
    campaign = _news(
        "Nike launches new running campaign",
        "Example Ad Daily",
        "https://news.example/campaign",
        date(2026, 4, 9),
    )
    w = _written(nike(cmo, moved, campaign))
    leaders = [s.text for s in w.flat("marketing_leadership")]
    assert leaders == [
        "As of 1 February 2026, Nicole Graham was EVP, Chief Marketing Officer.",
        "On 3 March 2026, Example Trade Weekly reported: “Nike names new chief marketing officer”.",
    ]
    timeline = [s.text for s in w.flat("timeline")]
    assert "On 9 April 2026, Example Ad Daily reported: “Nike launches new running campaign”." in (
        timeline
    )
    assert not any("chief marketing officer" in t for t in timeline)  # listed once, above


def test_the_contacts_new_role_is_named_when_prepared_for_them() -> None:
    d = nike().model_copy(
        update={"prepared_for": "Jane Doe", "prepared_for_title": "Chief Marketing Officer"}
    )
    page = html(d)
    assert "Jane Doe’s new role at NIKE, Inc.: Chief Marketing Officer." in page
    assert "new role at" not in html(nike())


# --- agencies ------------------------------------------------------------------------------


def test_incumbent_agencies_by_discipline_when_given() -> None:
    # Constructed: the agency step's output is simulated by hand here.
    report = _news(
        "Nike keeps its creative account with Wieden+Kennedy",
        "Example Ad Daily",
        "https://news.example/wk",
        date(2026, 5, 2),
    )
    d = nike(report)
    incumbents = [
        Incumbent(discipline="creative", agency="Wieden+Kennedy", status="confirmed", fact=report),
        Incumbent(discipline="media", agency="Nobody Media", status="unconfirmed", fact=report),
    ]
    w = write_company(d, incumbents)
    assert [s.text for s in w.flat("agencies")] == [
        "For creative, the agency named is Wieden+Kennedy."
    ]
    assert "For creative, the agency named is Wieden+Kennedy." in [
        s.text for s in w.flat("summary")
    ]
    assert not any("Nobody Media" in s.text for s in w)
    assert write_company(d).flat("agencies") == []


# --- the summary is cited facts in a neutral voice -----------------------------------------


@pytest.mark.parametrize("name", sorted(FILERS))
def test_summary_has_zero_lint_findings(name: str) -> None:
    d = nike(CEO) if name == "nike" else filer(name, CEO)
    w = _written(d)
    summary = w.flat("summary")
    assert summary, name
    for s in summary:
        assert s.facts  # every sentence is cited
        names = [d.organisation.display_name, *names_in(s.facts)]
        assert lint_text(s.text, names) == [], s.text
    # And every other sentence of the report too.
    assert [(s.text, sentence_findings(d, s)) for s in w if sentence_findings(d, s)] == []


def test_summary_states_revenue_and_spend_over_three_years() -> None:
    texts = [s.text for s in _written(filer("nike", display="NIKE, Inc.")).flat("summary")]
    assert texts[0] == (
        "NIKE, Inc. reported revenue of US$51.217 billion for FY2023, US$51.362 billion for "
        "FY2024 and US$46.309 billion for FY2025, a change of −9.6% from FY2023 to FY2025."
    )
    assert texts[1] == (
        "It reported marketing and advertising expense of US$4.06 billion for FY2023, "
        "US$4.285 billion for FY2024 and US$4.689 billion for FY2025; as a share of revenue for "
        "the same years, 7.9% for FY2023, 8.3% for FY2024 and 10.1% for FY2025."
    )
    # No adjectives of judgement, no advice: the words a summary must never use.
    banned = re.compile(r"\b(strong|weak|impressive|should|must|recommend|opportunit)", re.I)
    assert not any(banned.search(t) for t in texts)


def test_money_precise() -> None:
    assert fmt.money_precise(Money(amount=4_689_000_000, currency="USD")) == "US$4.689 billion"
    assert fmt.money_precise(Money(amount=6_500_000_000, currency="USD")) == "US$6.5 billion"
    assert fmt.money_precise(Money(amount=102_000_000, currency="USD")) == "US$102 million"


# --- the rendered report -------------------------------------------------------------------


def _empty_headings(page: str) -> list[str]:
    """Headings followed directly by another heading of the same or a higher level, or by
    nothing: sections shown with no content."""
    out = re.findall(r"<h2>([^<]*)</h2>\s*(?=<h2|<p class=\"closing\"|$)", page)
    out += re.findall(r"<h3>([^<]*)</h3>\s*(?=<h[23]|<p class=\"closing\"|$)", page)
    return out


def test_sections_are_hidden_when_empty() -> None:
    bare = dossier(fact("legal_name", "Acme Corp"), generated_at=REPORT_DAY)
    page = html(bare)
    for heading in (
        "What you are walking into",
        "<h2>Marketing</h2>",
        "Marketing and advertising spend",
        "<h3>Leadership</h3>",
        "<h3>Agencies</h3>",
        "<h3>Financials</h3>",
        "Filings and marketing news",
        "Recent news and public perception",
    ):
        assert heading not in page, heading
    assert _empty_headings(page) == []
    assert _empty_headings(html(nike(CEO))) == []


def test_report_section_order() -> None:
    page = html(nike(CEO))
    order = [
        "What you are walking into",
        "<h2>Marketing</h2>",
        "Marketing and advertising spend",
        "<h3>Leadership</h3>",
        "<h2>The business</h2>",
        "<h3>Financials</h3>",
        "Filings and marketing news",
        "<h2>Sources</h2>",
    ]
    positions = [page.index(h) for h in order]
    assert positions == sorted(positions)


def test_spend_chart_draws_each_year_and_share() -> None:
    from dossier.render.charts import spend_bars

    table = mk.spend_table(filer("nike").organisation, mk.Freshness(REPORT_DAY.date()))
    assert table is not None
    assert [r.period for r in table.rows] == ["FY2025", "FY2024", "FY2023", "FY2022", "FY2021"]
    svg = str(spend_bars(table.chart_points, table.currency, table.columns[0]))
    assert svg.count("<rect") == 1 + 5  # the legend swatch and one bar per year
    for label in ("FY2021", "FY2025", "4.69", "10.1%", "7.0%"):
        assert label in svg, label


@pytest.mark.pdf
def test_nike_report_built_offline_from_real_sec_bodies(tmp_path) -> None:
    from pypdf import PdfReader

    from dossier import BuildOptions, build
    from dossier.build import runtime
    from dossier.model import Contact
    from dossier.research.resolve import Hints

    from .conftest import FIXTURES
    from .factories import pdf_text

    opts = BuildOptions(
        hints=Hints(cik="320187"),
        offline=FIXTURES / "snapshots" / "nike-sec",
        out_dir=tmp_path,
        contact=Contact(name="Jane Doe", new_company="Nike", new_title="Chief Marketing Officer"),
        overrides_dir=None,
    )
    rt = runtime(opts)
    rt.minimum = (8, 1)  # SEC EDGAR alone is one independent source, below the default two
    result = build(opts, rt)
    pdf = result.outputs["pdf"]
    text = pdf_text(pdf)
    flat = text.replace(" ", "")
    for expected in (
        "What you are walking into",
        "NIKE, Inc. reported marketing and advertising expense of US$4.689 billion",
        "10.1% of revenue for the same year",
        "Jane Doe’s new role at NIKE, Inc.: Chief Marketing Officer.",
        "Restructuring and exit costs (Item 2.05, “Costs Associated with Exit or Disposal "
        "Activities”)",
        "0000320187-26-000070",  # the 8-K of 23 June 2026
        "Filings and marketing news, 1 July 2025 – 1 July 2026",
    ):
        assert expected.replace(" ", "") in flat, expected
    # Every page carries body text: none holds only the closing line or a lone table row.
    reader = PdfReader(str(pdf))
    for number, page in enumerate(reader.pages, 1):
        body = re.sub(r"\s+", " ", page.extract_text())
        assert len(body) > 600, (number, body[:200])


def test_a_filings_list_read_earlier_than_the_news_says_so() -> None:
    """A snapshot whose filings were read months before its news (the bundled example's: 5 March
    against 20 November 2026): the timeline runs to the news's day, and the report says when the
    list of filings was read, so no one takes the missing later filings for none."""
    from dossier.build import BuildOptions, research_company, runtime

    from .conftest import APPLE_SNAPSHOT

    opts = BuildOptions(company="Apple Inc.", offline=APPLE_SNAPSHOT, news_days=365, cache=False)
    d = research_company(opts, runtime(opts)).dossier
    assert mk.filings_read(d) == date(2026, 3, 5)
    assert mk.timeline_window(d)[1] > date(2026, 3, 12)
    assert mk.filings_read(nike()) is None  # filings and news read together: nothing to say
