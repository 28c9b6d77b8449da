"""The neutral voice: words to watch caught in our voice, allowed in attributions, zero in our documents."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli import cli
from dossier.model import Claim, Dossier, Fact, Money, Provenance, Quantity
from dossier.writing import Sentence, audit, write_company
from dossier.writing.company import overview
from dossier.writing.neutrality import WORDS_FILE, lint_file, lint_text, visible_text

from .conftest import ROOT, build_apple
from .factories import dossier, html, prov

CATEGORIES = tomllib.loads(WORDS_FILE.read_text())["categories"]


def _first_word(cat: dict) -> str:
    if cat.get("check") == "scare_quotes":
        return "in “certain”"
    return cat["words"][0] if cat.get("words") else "Dieselgate"


@pytest.mark.parametrize("name", sorted(CATEGORIES))
def test_every_category_is_caught_in_our_voice(name: str) -> None:
    word = _first_word(CATEGORIES[name])
    findings = lint_text(f"The agency is {word} in its market.")
    assert name in {f.category for f in findings}, (name, word)
    f = next(f for f in findings if f.category == name)
    assert f.guideline == CATEGORIES[name]["guideline"] and f.line == 1
    assert f.quoted == (CATEGORIES[name].get("check") == "scare_quotes")


@pytest.mark.parametrize("name", sorted(CATEGORIES))
def test_every_category_is_allowed_inside_an_attribution(name: str) -> None:
    word = _first_word(CATEGORIES[name])
    texts = (
        f"The company describes itself as “{word} in its market”.",
        f"“We are {word} in our market,” the company said.",
        f"According to its website, it is “{word} in its market”.",
    )
    if CATEGORIES[name].get("check") == "scare_quotes":
        texts = ("The company said it is “certain” of its market.",)
    for text in texts:
        assert [f for f in lint_text(text) if f.category == name] == [], text


def test_a_quote_without_attribution_is_still_flagged() -> None:
    scare, puff = lint_text("It is “iconic”.")
    assert puff.quoted and puff.category == "puffery" and puff.severity == "error"
    assert "in a quotation with no attribution" in puff.describe()
    assert scare.category == "scare_quotes" and scare.severity == "warning"


def test_names_and_urls_are_not_our_voice() -> None:
    assert lint_text("Legendary Entertainment reported revenue.", ["Legendary Entertainment"]) == []
    assert lint_text("See https://example.com/leading-iconic-recently for details.") == []
    assert lint_text("Best wishes, and all the best for the new role.") == []


def test_line_and_column_are_reported() -> None:
    (finding,) = lint_text("First line.\nIt recently moved.")
    assert (finding.line, finding.column, finding.term) == (2, 4, "recently")


def test_visible_text_ignores_markup_and_keeps_lines() -> None:
    source = '<p class="leading">Fine text.</p>\n{% if x %}{{ "iconic" }}{% endif %}\n<p>It is iconic.</p>'
    text = visible_text(source, "jinja")
    assert text.count("\n") == 2
    assert [(f.line, f.term) for f in lint_text(text)] == [(3, "iconic")]


def test_packaged_templates_have_zero_findings() -> None:
    paths = sorted((ROOT / "templates").glob("*.j2"))
    assert len(paths) >= 2
    for path in paths:
        assert lint_file(path) == [], path
    css = visible_text('@top-left { content: "Iconic work"; border-collapse: collapse; }', "css")
    assert [f.term for f in lint_text(css)] == ["Iconic"]


@pytest.mark.pdf
def test_the_generated_apple_report_has_zero_findings(tmp_path: Path) -> None:
    r = build_apple(tmp_path, "--format", "json,html")
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "apple-inc" / "facts.json").read_text())
    assert len(data["sentences"]) >= 10
    assert all(s["findings"] == [] for s in data["sentences"])
    assert all(s["citations"] and s["facts"] for s in data["sentences"])
    assert [w for w in data["warnings"] if w["kind"] == "neutrality"] == []
    # The whole rendered page, with the record's proper names masked, has no error either.
    html = (tmp_path / "apple-inc" / "company-report.html").read_text()
    names = [
        "Apple Inc.",
        "APPLE INC",
        "APPLE COMPUTER INC",
        "Steve Jobs",
        "Steve Wozniak",
        "Ronald Wayne",
        "Tim Cook",
        "Arthur Levinson",
        "Beats Electronics",
        "Claris",
        "Braeburn Capital",
        "Apple Studios",
        "Fieldstone & Co",
        "Electronic Computers",
    ]
    errors = [f for f in lint_text(visible_text(html, "html"), names) if f.severity == "error"]
    assert errors == []


def _prov(source: str = "wikidata", as_of: date = date(2024, 1, 1)) -> Provenance:
    return prov(source, as_of=as_of)


def _dossier(*facts: Fact, months: int = 24) -> Dossier:
    return dossier(*facts, max_figure_age_months=months)


def sentences(d: Dossier) -> list[Sentence]:
    return write_company(d).sentences()


def _audit(d: Dossier) -> list:
    return audit(d, write_company(d))


def test_a_sentence_needs_a_fact() -> None:
    with pytest.raises(ValueError, match="needs at least one fact"):
        Sentence("Acme is a company.", ())


def test_removing_a_fact_removes_its_sentence() -> None:
    founded = Fact(field="founded", value="1901", provenance=_prov())
    hq = Fact(field="headquarters", value="Toledo, Ohio", provenance=_prov())
    texts = [s.text for s in sentences(_dossier(founded, hq))]
    assert "Acme Corp was founded in 1901." in texts
    texts = [s.text for s in sentences(_dossier(hq))]
    assert not any("founded" in t for t in texts)
    assert "Acme Corp’s headquarters are in Toledo, Ohio." in texts


def test_puffery_in_a_source_description_is_quoted_and_attributed() -> None:
    desc = Fact(
        field="description", value="leading global maker of iconic widgets", provenance=_prov()
    )
    d = _dossier(desc)
    (first,) = overview(d.organisation, labels=d.labels)[0]
    assert first.text == "Wikidata describes Acme Corp as “leading global maker of iconic widgets”."
    assert lint_text(first.text, ["Acme Corp"]) == []
    plain = Fact(field="description", value="American maker of widgets", provenance=_prov())
    assert (
        overview(_dossier(plain).organisation)[0][0].text
        == "Acme Corp is an American maker of widgets."
    )


def test_an_old_figure_is_flagged_in_text_and_review() -> None:
    staff = Fact(
        field="employees",
        value=Quantity(amount=1200),
        period="2023",
        provenance=_prov(as_of=date(2023, 1, 1)),
    )
    d = _dossier(staff)
    texts = [s.text for s in sentences(d)]
    assert "As of 2023, Acme Corp reported 1,200 employees for 2023." in texts
    (warning,) = _audit(d)
    assert warning.kind == "stale" and warning.message.startswith(
        "Number of employees is as of 2023"
    )
    # A longer limit, set in dossier.toml [freshness], stops the flag.
    d = _dossier(staff, months=60)
    assert "Acme Corp reported 1,200 employees for 2023." in [s.text for s in sentences(d)]
    assert _audit(d) == []


def test_freshness_limit_comes_from_dossier_toml(tmp_path: Path, monkeypatch) -> None:
    from dossier.config import max_figure_age_months
    from dossier.errors import ConfigError

    monkeypatch.chdir(tmp_path)
    assert max_figure_age_months() == 24
    (tmp_path / "dossier.toml").write_text("[freshness]\nmax_figure_age_months = 36\n")
    assert max_figure_age_months() == 36
    (tmp_path / "dossier.toml").write_text("[freshness]\nmax_figure_age_months = 'old'\n")
    with pytest.raises(ConfigError, match="whole number of months"):
        max_figure_age_months()


def test_a_conflict_is_one_neutral_sentence_in_the_document() -> None:
    a = Fact(
        field="revenue",
        value=Money(amount=5e9, currency="USD"),
        period="FY2025",
        provenance=_prov("sec", date(2025, 12, 31)),
    )
    b = Fact(
        field="revenue",
        value=Money(amount=4e9, currency="USD"),
        period="2025",
        provenance=_prov("wikidata", date(2025, 1, 1)),
    )
    d = _dossier(a, b)
    page = html(d)
    assert "Where sources differ" in page
    assert (
        "Sources differ on revenue for FY2025: SEC EDGAR gives US$5.0 billion; Wikidata gives US$4.0 billion."
        in page
    )
    assert any(w.kind == "conflict" for w in _audit(d))
    assert isinstance(d.organisation.revenue, Claim)


def test_lint_command(tmp_path: Path) -> None:
    clean = tmp_path / "note.md"
    clean.write_text("Congratulations on the new role.\n\nBest wishes,\nAlex\n")
    dirty = tmp_path / "note2.html"
    dirty.write_text(
        "<p>Congratulations!</p>\n<p>Your new employer is a world-class, iconic brand.</p>\n"
    )
    r = CliRunner().invoke(cli, ["lint", str(clean)])
    assert r.exit_code == 0 and "No findings in 1 file(s)." in r.stderr
    r = CliRunner().invoke(cli, ["lint", str(clean), str(dirty)])
    assert r.exit_code == 1
    assert f"{dirty}:2:27: error: puffery (MOS:PUFFERY): “world-class”." in r.stdout
    assert f"{dirty}:2:40: error: puffery (MOS:PUFFERY): “iconic”." in r.stdout
    assert "2 finding(s) in 2 file(s)." in r.stderr
    warn = tmp_path / "w.txt"
    warn.write_text("It is just a note.\n")
    assert CliRunner().invoke(cli, ["lint", str(warn)]).exit_code == 1
    assert CliRunner().invoke(cli, ["lint", "--errors-only", str(warn)]).exit_code == 0
    assert CliRunner().invoke(cli, ["lint", str(tmp_path / "missing.md")]).exit_code == 2


def test_former_names_are_written_without_relative_time() -> None:
    from dossier.model import FormerName

    old = Fact(
        field="former_names",
        value=FormerName(name="Acme Widgets", end=date(2007, 1, 9)),
        provenance=_prov(),
    )
    other = Fact(field="former_names", value=FormerName(name="Acme Tools"), provenance=_prov())
    d = _dossier(old, other)
    (s,) = [s for s in sentences(d) if "names" in s.text]
    assert s.text.endswith("earlier names include Acme Widgets (until 2007) and Acme Tools.")
    assert lint_text(s.text, ["Acme Widgets", "Acme Tools"]) == []
    # A former name stays true (the issue: "It was formerly known as X" failed dossier's own
    # audit); "formerly" before anything but a name is still relative time.
    assert lint_text("It was formerly known as Acme Widgets.") == []
    assert lint_text("Caleres, formerly Brown Shoe Company, sells shoes.") == []
    assert [f.term for f in lint_text("He formerly worked at Acme Widgets.")] == ["formerly"]
    assert [f.term for f in lint_text("It was formerly a bank.")] == ["formerly"]
