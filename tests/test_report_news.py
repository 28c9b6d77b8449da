"""The news and perception section, rendered from the (constructed, fictitious) Northwind fixtures."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.config import load_brand, load_sources
from dossier.model import Dossier, Fact, Identifiers, Provenance
from dossier.render import render_pdf
from dossier.research.company import summarise_news
from dossier.research.normalize import normalise
from dossier.sources import news
from dossier.writing import write_company
from dossier.writing.audit import sentence_findings

from .conftest import FIXTURES, doc
from .factories import dossier_of
from .factories import html as render_page

NOW = datetime(2026, 3, 5, 12, tzinfo=UTC)
QUERY = '"Northwind Traders"'


def _doc(name: str, url: str):
    return doc("x", url, (FIXTURES / "news" / name).read_bytes(), constructed=True)


def _facts() -> list[Fact]:
    facts = news.parse_google_news(
        _doc("google_news_northwind.xml", news.google_news_url(QUERY, 90))
    )
    facts += news.parse_gdelt_articles(
        _doc("gdelt_artlist.json", news.gdelt_url(QUERY, "ArtList", 90))
    )
    for mode, name in (
        ("TimelineVolRaw", "gdelt_timelinevolraw.json"),
        ("TimelineTone", "gdelt_timelinetone.json"),
    ):
        facts += news.parse_gdelt_timeline(_doc(name, news.gdelt_url(QUERY, mode, 90)), mode)
    facts += news.parse_pageviews(
        _doc("pageviews_northwind.json", news.pageviews_url("Northwind Traders", NOW.date()))
    )
    facts.append(
        Fact(
            field="common_name",
            value="Northwind Traders",
            provenance=Provenance(
                source="wikidata",
                url="https://www.wikidata.org/wiki/Q1",
                retrieved_at=NOW,
                as_of=NOW.date(),
                constructed=True,
            ),
        )
    )
    return facts


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    org = normalise(_facts(), Identifiers(), "Northwind Traders", load_sources())
    org.news, extra = summarise_news(org.news, 90, NOW)
    org.perception = [*org.perception, *extra]
    return dossier_of(org, generated_at=NOW, news_days=90)


def test_perception_sentences_state_method_and_period(dossier: Dossier) -> None:
    html = render_page(dossier)
    text = re.sub(r"<[^>]+>", "", html)
    assert re.search(
        r"GDELT counted [\d,]+ online news articles mentioning the company between "
        r"\d+ \w+ 20\d\d and \d+ \w+ 20\d\d\.",
        text,
    )
    assert (
        "The count in the second half of that period was 64% higher than in the first half." in text
    )
    assert re.search(
        r"The mean of GDELT’s daily average tone for that coverage was [+−-]\d\.\d, on a "
        r"scale where 0 is neutral",
        text,
    )
    assert re.search(
        r"An automated reading of the tone of the \d+ headlines published between", text
    )
    assert re.search(
        r"The English Wikipedia article on the company was viewed [\d,]+ times by people", text
    )
    assert "News and public perception" in text


def test_syndicated_copies_are_listed_once(dossier: Dossier) -> None:
    html = render_page(dossier)
    copies = [f for f in dossier.organisation.news if f.value.copies]
    assert copies and "(also 2 others)" in html
    headlines = [f.value.headline for f in dossier.organisation.news]
    assert len(headlines) == len(set(headlines))
    # Everything kept is inside the 90-day window.
    assert all(
        f.value.published is None or (NOW - f.value.published).days <= 90
        for f in dossier.organisation.news
    )


def test_every_perception_sentence_is_cited_and_neutral(dossier: Dossier) -> None:
    for s in write_company(dossier):
        assert s.facts
        assert [f for f in sentence_findings(dossier, s) if f["severity"] == "error"] == [], s.text


@pytest.mark.pdf
def test_news_pdf_renders_with_chart(dossier: Dossier, tmp_path: Path) -> None:
    pdf = render_pdf(render_page(dossier), load_brand())
    out = tmp_path / "northwind.pdf"
    out.write_bytes(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert "Articles per day" in text and "Average tone (GDELT scale, right axis)" in text
    assert "Computed for this report from the cited sources" in text  # the VADER figures
