"""Work a batch repeats, done once and bounded: relations per article, findings per sentence, the
home page read from lxml's own tree (the same readings as through BeautifulSoup)."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from dossier.agency import evidence, load_gazetteer
from dossier.memo import Memo
from dossier.model import Article, Fact
from dossier.sources import website
from dossier.writing.sentences import Sentence

from .factories import dossier as make_dossier
from .factories import fact

audit = importlib.import_module("dossier.writing.audit")
WEBSITE = Path(__file__).parent / "fixtures" / "website"


def test_memo_keeps_at_most_its_size_dropping_the_least_recently_used() -> None:
    memo: Memo[int] = Memo(3)
    made: list[str] = []

    def make(key: str) -> int:
        made.append(key)
        return len(made)

    for key in "abc":
        memo.get(key, lambda k=key: make(k))
    assert memo.get("a", lambda: make("a")) == 1  # kept, and now the most recent
    memo.get("d", lambda: make("d"))  # drops "b", the least recently used
    assert len(memo) == 3
    memo.get("b", lambda: make("b"))
    assert made == ["a", "b", "c", "d", "b"]
    assert (memo.hits, memo.misses) == (1, 5)


def test_a_failed_computation_is_not_kept() -> None:
    memo: Memo[int] = Memo(2)

    def boom() -> int:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        memo.get("k", boom)
    assert len(memo) == 0 and memo.get("k", lambda: 7) == 7


def _article(headline: str, snippet: str, url: str) -> Fact:
    # CONSTRUCTED: invented trade-press items about fictional brands.
    item = Article(headline=headline, url=url, outlet="Campaign", summary=snippet)
    return fact("relationship", item, "trade_press", url=url, constructed=True)


def test_an_article_is_read_once_for_every_company_and_the_profile(monkeypatch) -> None:
    gazetteer = load_gazetteer()
    calls: list[str] = []
    real = evidence.extract_text

    def counted(headline: str, snippet: str, gaz: Any) -> Any:
        calls.append(headline)
        return real(headline, snippet, gaz)

    monkeypatch.setattr(evidence, "extract_text", counted)
    evidence._relations.clear()
    shared = _article(
        "Quorvane Foods and Brellix Media appoint Wieden+Kennedy",
        "Quorvane Foods has appointed Wieden+Kennedy as its creative agency of record.",
        "https://example.org/a",
    )
    other = _article(
        "Brellix Media hires Droga5",
        "Brellix Media named Droga5 its lead agency.",
        "https://example.org/b",
    )
    first = evidence.extract_evidence([shared, shared], "Quorvane Foods", gazetteer)
    second = evidence.extract_evidence([shared, other], "Brellix Media", gazetteer)
    evidence.relations_of_agency([shared, other], "Wieden+Kennedy", gazetteer)
    assert sorted(calls) == sorted([shared.value.headline, other.value.headline])
    # the same evidence as reading every article afresh
    monkeypatch.setattr(evidence, "_relations", Memo(0))
    assert evidence.extract_evidence([shared], "Quorvane Foods", gazetteer) == first
    assert evidence.extract_evidence([shared, other], "Brellix Media", gazetteer) == second
    assert [e.agency_name for e in first] == ["Wieden+Kennedy"]


def test_the_article_memo_is_bounded(monkeypatch) -> None:
    gazetteer = load_gazetteer()
    monkeypatch.setattr(evidence, "_relations", Memo(8))
    for i in range(40):
        evidence.article_relations(f"Brand {i} hires Droga5", "", gazetteer)
    assert len(evidence._relations) == 8


def test_a_sentence_is_linted_once_and_its_findings_are_those_of_the_lint(monkeypatch) -> None:
    calls: list[str] = []
    real = audit.lint_text

    def counted(text: str, names: Any = ()) -> Any:
        calls.append(text)
        return real(text, names)

    monkeypatch.setattr(audit, "lint_text", counted)
    monkeypatch.setattr(audit, "_sentence_lint", Memo(2))
    dossier = make_dossier(name="Quorvane Foods")
    behind = (fact("employees", 120),)
    loaded = Sentence("Quorvane Foods is a world-class, iconic company.", behind)
    plain = Sentence("Quorvane Foods makes soup.", behind)
    once = audit.sentence_findings(dossier, loaded)
    assert audit.sentence_findings(dossier, loaded) == once
    assert once == [f.as_dict() for f in real(loaded.text, ["Quorvane Foods"])]
    assert once, "the loaded words are found"
    audit.sentence_findings(dossier, plain)
    assert calls == [loaded.text, plain.text]
    for i in range(5):
        audit.sentence_findings(dossier, Sentence(f"Quorvane Foods opened {i} plants.", behind))
    assert len(audit._sentence_lint) == 2


# --- the home page read through lxml: the same as through BeautifulSoup -------------------


def _bs4_readings(body: bytes, base_url: str, site: str) -> tuple[Any, ...]:
    """The readers as they were, through BeautifulSoup (the reference)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "lxml")
    base_tag = soup.find("base", href=True)
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    scripts = [
        s.get_text().strip()
        for s in soup.find_all("script", type=re.compile(r"^\s*application/ld\+json", re.I))
    ]
    metas = [
        (m.get("name"), m.get("property"), m["content"])
        for m in soup.find_all("meta", content=True)
    ]
    title = soup.find("title")
    return (
        base_tag.get("href") if base_tag is not None else None,
        hrefs,
        scripts,
        metas,
        title.get_text(" ") if title is not None else None,
    )


def _lxml_readings(body: bytes) -> tuple[Any, ...]:
    root = website._tree(body)
    base = website._tags(root, "base", "href")
    return (
        base[0].get("href") if base else None,
        [a.get("href") for a in website._tags(root, "a", "href")],
        [
            website._text(s).strip()
            for s in website._tags(root, "script", "type")
            if website._JSONLD.match(s.get("type"))
        ],
        [
            (m.get("name"), m.get("property"), m.get("content"))
            for m in website._tags(root, "meta", "content")
        ],
        website._text(t, " ")
        if (t := next(root.iter("title"), None) if root is not None else None) is not None
        else None,
    )


_PAGES = [
    *(p.read_bytes() for p in sorted(WEBSITE.glob("*.html"))),
    # CONSTRUCTED: awkward markup and encodings.
    "<html><head><meta charset='iso-8859-1'><title>Caf\xe9 <b>x</b></title>"
    "<base href='/sub/'></head><body><a href=''>e</a><A HREF='/About'>A</A></body>".encode(
        "latin-1"
    ),
    "<title>Caf\xe9 \u2019</title><meta property='og:site_name' content='Caf\xe9'>".encode(
        "utf-16"
    ),
    b'<?xml version="1.0" encoding="utf-8"?><html><head><title>A</title></head></html>',
    b'<script type=\' Application/LD+JSON \'><!-- {"@type": "Organization"} --></script>',
    b"<a href=x>unclosed <meta name=description content='d &amp; e'",
    b"",
    b"\x00\x01\xff",
]


@pytest.mark.parametrize("body", _PAGES)
def test_the_home_page_readers_read_what_beautifulsoup_read(body: bytes) -> None:
    reference = _bs4_readings(body, "https://www.example.org/", "example.org")
    if not body.strip(b"\x00\x01\xff"):
        assert not any(reference[1:4]) and reference[0] is None
    assert _lxml_readings(body) == reference


def test_the_apple_home_page_gives_the_same_facts() -> None:
    body = (WEBSITE / "apple.com_homepage_2026-02-28.html").read_bytes()
    orgs = website.parse_jsonld(body)
    assert json.dumps(orgs, sort_keys=True)
    assert [o.get("name") for o in orgs] == ["Apple"]
    assert website.pick_links(body, "https://www.apple.com/", "apple.com", 5) == [
        "https://www.apple.com/leadership/",
        "https://www.apple.com/newsroom/",
    ]


# --- what a batch keeps while it runs ------------------------------------------------------


def test_a_batch_keeps_the_agency_findings_of_the_companies_being_written_only(
    tmp_path: Path, monkeypatch
) -> None:
    """Each company's agency finding (with the agency's dossier for it, about 0.3 MB) is kept
    for the contacts of that company and let go when they are written: a batch of many
    companies does not hold one per company until it ends."""
    import gc
    import weakref
    from types import SimpleNamespace

    build_module = importlib.import_module("dossier.build")
    from dossier.batch.run import BatchOptions, run_batch

    from .conftest import APPLE_SNAPSHOT

    class Held:
        """Stands for what the agency cache keeps for one company."""

    kept: list[weakref.ref[Held]] = []
    alive: list[int] = []

    def research(opts: Any, rt: Any) -> Any:
        return SimpleNamespace(company=opts.company)

    def build(opts: Any, rt: Any, company: Any, cache: Any) -> Any:
        gc.collect()
        alive.append(sum(1 for ref in kept if ref() is not None))
        held = cache.setdefault(company.company, Held())
        kept.append(weakref.ref(held))
        return SimpleNamespace(outputs={}, warnings=[], agency=None, agency_roles=[])

    monkeypatch.setattr(build_module, "research_company", research)
    monkeypatch.setattr(build_module, "build", build)
    # CONSTRUCTED: 12 contacts, each moved to a different fictitious company.
    rows = ["Name,Previous company,New company,New title,Owner"]
    rows += [
        f"Contact {i},Northwind Traders,Company {chr(65 + i)} Ltd,CMO,Owner" for i in range(12)
    ]
    sheet = tmp_path / "moved.csv"
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_batch(
        BatchOptions(
            contacts=sheet,
            out_dir=tmp_path / "out",
            offline=APPLE_SNAPSHOT,
            formats=("json",),
            workers=1,
            overrides_dir=None,
        )
    )
    assert [o.status for o in result.outcomes] == ["done"] * 12
    assert len(alive) == 12
    assert max(alive) <= 1, alive  # before: 0, 1, 2, ... 11 (one per company written so far)
