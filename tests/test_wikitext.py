"""Pure wikitext helpers: infobox lookup, value clean-up, money/count/date parsing, lead text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.sources.wikitext import (
    clean_value,
    find_infobox,
    find_tickers,
    first_sentence,
    lead_text,
    parse_count,
    parse_date,
    parse_money,
    split_people,
)

FIXTURES = Path(__file__).parent / "fixtures" / "wikipedia"
STATOIL = (FIXTURES / "statoil_nn.wikitext").read_text(encoding="utf-8")
APPLE = json.loads((FIXTURES / "apple_inc_revisions.json").read_bytes())["query"]["pages"][0][
    "revisions"
][0]["slots"]["main"]["content"]


def test_find_infobox_real_nynorsk_fixture() -> None:
    box = find_infobox(STATOIL)
    assert box is not None
    assert box["namn"].strip() == "Statoil ASA"
    assert box["skipa"].strip() == "[[18. september]] [[1972]]"
    assert box["tilsette"].strip() == "29&nbsp;500"
    assert box["nettstad"].strip() == "www.statoil.com"
    assert "tilsette år" in box


def test_find_infobox_names_and_absence() -> None:
    assert find_infobox("{{Infobox_Corporation\n| name = X }}") == {"name": " X "}
    assert find_infobox("{{Infobox person|name=Y}}") is None
    assert find_infobox("no templates here") is None
    # Only a top-level infobox counts, and the first one wins.
    assert find_infobox("{{Infobox company|name=A}}{{infobox business|name=B}}") == {"name": "A"}


def test_find_infobox_apple() -> None:
    box = find_infobox(APPLE)
    assert box is not None
    assert box["num_employees"].strip().startswith("164,000<ref")
    assert box["num_employees_year"].strip() == "2024"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "{{ubl|[[Steve Jobs]]|[[Steve Wozniak]]|[[Ronald Wayne]]}}",
            "Steve Jobs; Steve Wozniak; Ronald Wayne",
        ),
        ("{{Unbulleted list|a|b}}", "a; b"),
        (
            "{{hlist|[[Consumer electronics]]|[[Software]]|class=x}}",
            "Consumer electronics; Software",
        ),
        ("{{plainlist|\n* [[A]]\n* B<!-- note -->\n}}", "A; B"),
        ("{{flatlist|\n* one\n* two\n}}", "one; two"),
        ("\n* x\n* y\n", "x; y"),
        ("{{start date|1976|4|1}}", "1976-04-01"),
        (
            "{{Start date and age|1976|04|01}} in [[Los Altos, California]], U.S.",
            "1976-04-01 in Los Altos, California, U.S.",
        ),
        ("{{Start date and age|1976}}", "1976"),
        ("{{URL|apple.com}}", "apple.com"),
        ("{{url|https://www.example.com/}}", "https://www.example.com/"),
        ("{{increase}} {{US$|391.035 billion|link=yes}} (2024)", "US$391.035 billion (2024)"),
        ("{{decrease}}{{steady}} {{USD|5 million}}", "US$5 million"),
        ("{{US dollar|7 billion}}", "US$7 billion"),
        ("{{€|2.5 billion}}", "€2.5 billion"),
        ("{{GBP|3 million}} / {{£|4 million}}", "£3 million / £4 million"),
        ("{{NASDAQ|AAPL}}", "NASDAQ: AAPL"),
        ("{{NYSE|OMC}}", "NYSE: OMC"),
        ("{{LSE|WPP}}", "LSE: WPP"),
        ("{{Euronext|PUB}}", "Euronext: PUB"),
        ("{{nowrap|a b}} {{nobr|c}}", "a b c"),
        ("[[Apple Park]], [[Cupertino, California|Cupertino]]", "Apple Park, Cupertino"),
        ("[http://example.com Example site]", "Example site"),
        ("X<br>Y<br />Z", "X; Y; Z"),
        ("29&nbsp;500", "29 500"),
        ("A<ref>{{cite web|url=http://x|title=T}}</ref> B<ref name=r/>", "A B"),
        ("{{some unknown template|x=1}} kept", "kept"),
        ("'''bold''' and ''italic''   text", "bold and italic text"),
        ("[[File:Logo.svg|thumb|caption]]Name[[Category:X]]", "Name"),
    ],
)
def test_clean_value(raw: str, expected: str) -> None:
    assert clean_value(raw) == expected


def test_clean_value_never_leaves_markup() -> None:
    out = clean_value("{{a|{{b|c}}}} [[x|y]] <!-- c --> {{broken")
    assert "{{" not in out and "}}" not in out and "[[" not in out and "<!--" not in out


def test_clean_value_hostile_input_is_plain_text() -> None:
    out = clean_value("<script>alert(1)</script>Evil Corp <b onclick=x>bold</b> file:///etc/passwd")
    assert out == "Evil Corp bold file:///etc/passwd"
    assert "<" not in out and ">" not in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US$391.035 billion", (391_035_000_000.0, "USD")),
        ("US$391.035 billion (2024)", (391_035_000_000.0, "USD")),
        ("US$ 5,200 million", (5_200_000_000.0, "USD")),
        ("US$12.5bn", (12_500_000_000.0, "USD")),
        ("US$40m", (40_000_000.0, "USD")),
        ("US$1.2 trillion", (1_200_000_000_000.0, "USD")),
        ("€2.5 billion", (2_500_000_000.0, "EUR")),
        ("£14.8 billion", (14_800_000_000.0, "GBP")),
        ("¥38.5 trillion", (38_500_000_000_000.0, "JPY")),
        ("EUR 1,234.5 million", (1_234_500_000.0, "EUR")),
        ("650 mrd NOK", (650_000_000_000.0, "NOK")),
        ("NOK 12 000", (12_000.0, "NOK")),
        ("kr NOK 3 million", (3_000_000.0, "NOK")),
        ("−US$1.2 billion", (-1_200_000_000.0, "USD")),
    ],
)
def test_parse_money(text: str, expected: tuple[float, str]) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    "text", ["", "kr 650 mrd", "650 mrd kr", "$5 billion", "5 billion", "about 2024", "US$", "n/a"]
)
def test_parse_money_unsure_is_none(text: str) -> None:
    assert parse_money(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("164,000 (2024)", 164_000.0),
        ("29 500", 29_500.0),
        ("29\u00a0500", 29_500.0),
        ("29\u2009500", 29_500.0),
        ("c. 10,000", 10_000.0),
        ("(2023) 1,200", 1_200.0),
        ("about 1.5 million", 1_500_000.0),
        ("none", None),
    ],
)
def test_parse_count(text: str, expected: float | None) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18. september 1972", "1972-09-18"),
        ("1976-04-01 in Los Altos, California, U.S.", "1976-04-01"),
        ("April 1, 1976", "1976-04-01"),
        ("1 April 1976", "1976-04-01"),
        ("May 2004", "2004-05"),
        ("1923 in Chicago", "1923"),
        ("c. 1850", None),
        ("1850s", None),
        ("unknown", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_split_people() -> None:
    assert split_people("Tim Cook (CEO); Arthur Levinson (Chairman)") == [
        ("Tim Cook", "CEO"),
        ("Arthur Levinson", "Chairman"),
    ]
    assert split_people("Helge Lund") == [("Helge Lund", "")]
    assert split_people("Jane Doe; (CFO); John Roe, President") == [
        ("Jane Doe", "CFO"),
        ("John Roe", "President"),
    ]
    assert split_people("Sam Smith, Jr.") == [("Sam Smith, Jr.", "")]
    assert split_people("") == []


def test_find_tickers() -> None:
    raw = "{{ubl|{{NASDAQ|AAPL}}|[[Nasdaq-100]] component|{{LSE|WPP}}}}"
    assert find_tickers(raw) == [("AAPL", "NASDAQ"), ("WPP", "LSE")]
    assert find_tickers("[[S&P 500]] component") == []


def test_lead_text_apple_is_free_of_markup() -> None:
    text = lead_text(APPLE)
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith(
        "Apple Inc. is an American multinational technology company headquartered in "
        "Cupertino, California. It designs"
    )
    assert paragraphs[1].endswith("in January 1977 and took its present name in January 2007.")
    for bad in (
        "{{",
        "}}",
        "[[",
        "]]",
        "<ref",
        "'''",
        "<!--",
        "Short description",
        "History",
        "citation needed",
        "Category",
        "CONSTRUCTED",
        "cite web",
    ):
        assert bad not in text


def test_lead_text_real_statoil() -> None:
    text = lead_text(STATOIL)
    assert text.startswith(
        "Statoil ASA er eit børsnotert oljeselskap med den norske staten som hovudeigar. "
    )
    assert "fusjonert med Norsk Hydro" in text  # link trail "[[…|fusjon]]ert" kept
    assert text.endswith("hadde selskapet 31 000 tilsette i 40 land.")
    for bad in ("File:", "logoen", "()", "Historikk", "{{", "[[", "'''"):
        assert bad not in text


def test_first_sentence() -> None:
    assert first_sentence(lead_text(APPLE)) == (
        "Apple Inc. is an American multinational technology company headquartered in "
        "Cupertino, California."
    )
    assert first_sentence("Made by Arthur D. Levinson. Then more.") == (
        "Made by Arthur D. Levinson."
    )
    assert first_sentence("One short paragraph\n\nSecond.") == "One short paragraph"
