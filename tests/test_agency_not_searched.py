"""When nothing could be read to look for the agency, the reviewer is told so: "not looked
for", never "none found" (offline without the searches in the snapshot, or every agency source
failing live)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from dossier.agency import AgencyFinding
from dossier.batch.review import write_review_page
from dossier.batch.state import BatchState
from dossier.build import AgencyOutcome, agency_warning, unread_agency_sources
from dossier.config import Brand
from dossier.model import Citation, Dossier, Gap, Identifiers, Organisation

SNAPSHOT = Path(__file__).parent.parent / "examples" / "apple-inc" / "snapshot"


def _dossier(gaps: list[Gap], cited: tuple[str, ...] = ()) -> Dossier:
    now = datetime(2026, 12, 2, tzinfo=UTC)
    return Dossier(
        organisation=Organisation(display_name="Acme Corp", identifiers=Identifiers()),
        citations=[
            Citation(
                number=i + 1, source=s, label=s, url=f"https://example.com/{s}", retrieved_at=now
            )
            for i, s in enumerate(cited)
        ],
        gaps=gaps,
        generated_at=now,
        labels={"agency_news": "Google News (agency search)", "gdelt": "GDELT", "sec": "SEC EDGAR"},
    )


def test_unread_agency_sources_are_the_failed_evidence_sources_only() -> None:
    company = _dossier(
        [
            Gap(source="agency_news", message="2 of 2 agency searches could not be read"),
            Gap(source="gdelt", message="not in snapshot"),
            Gap(source="gdelt", message="not in snapshot (timeline)"),
            Gap(source="sec", message="not in snapshot"),  # not a source of agency evidence
            Gap(source="news_agency_feed_unknown", message="x"),  # not a registered source
        ]
    )
    assert unread_agency_sources(company) == ["Google News (agency search)", "GDELT"]
    # a source that gave facts was read, even with a gap for one of its requests
    partly = _dossier([Gap(source="gdelt", message="timeline not in snapshot")], cited=("gdelt",))
    assert unread_agency_sources(partly) == []


def test_the_warning_says_not_looked_for_when_nothing_was_read() -> None:
    finding = AgencyFinding(company="Acme Corp")
    w = agency_warning(finding, read=0, unread=["Google News (agency search)", "GDELT"])
    assert w.detail["searched"] is False
    assert "not looked for" in w.message and "No public evidence" not in w.message
    assert "Google News (agency search) and GDELT could not be read" in w.message
    assert "no articles file was given" in w.message
    assert AgencyOutcome(finding=finding, warnings=[w]).unsearched
    # with an articles file given (and nothing in it about the company), it says so plainly
    w = agency_warning(finding, read=0, unread=["GDELT"], articles=True)
    assert "no articles file" not in w.message and w.detail["searched"] is False


def test_a_search_that_read_reports_says_none_found_and_names_what_failed() -> None:
    finding = AgencyFinding(company="Acme Corp")
    w = agency_warning(finding, read=12, unread=["GDELT"])
    assert w.detail["searched"] is True and w.detail["read"] == 12
    assert "No public evidence of Acme Corp's agency was found in the 12 reports read" in w.message
    assert "The search was incomplete: GDELT could not be read." in w.message
    assert not AgencyOutcome(finding=finding, warnings=[w]).unsearched
    w = agency_warning(finding, read=1)
    assert "in the 1 report read" in w.message and "incomplete" not in w.message


def _ann_not_looked_for_ben_none(folder: Path) -> BatchState:
    """A batch state: Ann's agency was not looked for, Ben's was and none was found."""
    m = BatchState.open(folder)
    m.upsert("a", name="Ann Able", company="Acme Corp", fingerprint="fp")
    m.mark_done(
        "a",
        outputs={},
        agency_roles={"creative": {"agency": None, "status": "none", "searched": False}},
    )
    m.upsert("b", name="Ben Bold", company="Beta Ltd", fingerprint="fp")
    m.mark_done("b", outputs={}, agency_roles={"creative": {"agency": None, "status": "none"}})
    return m


def test_the_review_card_says_not_looked_for(tmp_path: Path) -> None:
    m = _ann_not_looked_for_ben_none(tmp_path)
    assert m.get("a").agency_roles["creative"]["searched"] is False
    assert "searched" not in m.get("b").agency_roles["creative"]
    html = write_review_page(tmp_path, m, Brand(name="Fieldstone & Co")).read_text(encoding="utf-8")
    ann, ben = html.split("Ann Able", 1)[1].split("Ben Bold", 1)
    assert "not looked for: its sources could not be read" in ann
    assert "none found in public sources" in ben and "not looked for" not in ben


def test_agency_command_offline_says_what_it_could_not_read() -> None:
    from dossier.cli import cli

    r = CliRunner().invoke(cli, ["agency", "--company", "Apple Inc.", "--offline", str(SNAPSHOT)])
    assert r.exit_code == 0, r.output
    assert "0 reports read" in r.stdout
    assert "not looked for: none of the sources that report them could be read" in r.stdout
    assert "No public evidence" not in r.stdout


def test_a_build_that_read_news_says_none_found_and_incomplete(tmp_path: Path) -> None:
    """The example's year of Google News is in the snapshot; the agency searches are not."""
    from .conftest import build_apple

    r = build_apple(tmp_path, "--news-days", "365", "--format", "json", "--contact", "Jane Doe")
    assert r.exit_code == 0, r.output
    assert "Agency: none found; no agency profile written" in r.stdout
    assert "reports read (the last 3 years)" in r.stderr
    assert "The search was incomplete: GDELT, Google News (agency search)" in r.stderr
    assert "not looked for" not in r.stdout + r.stderr


def test_review_list_says_not_looked_for(tmp_path: Path) -> None:
    from dossier.cli import cli

    m = _ann_not_looked_for_ben_none(tmp_path)
    m.close()
    r = CliRunner().invoke(cli, ["review", "list", "--batch", str(tmp_path)])
    assert r.exit_code == 0, r.output
    ann = next(line for line in r.stdout.splitlines() if "Ann Able" in line)
    ben = next(line for line in r.stdout.splitlines() if "Ben Bold" in line)
    assert "creative: not looked for (its sources could not be read)" in ann
    assert "creative: none found" in ben


def test_a_reviewers_choice_replaces_not_looked_for(tmp_path: Path) -> None:
    m = _ann_not_looked_for_ben_none(tmp_path)
    assert m.get("a").role_state("creative")["searched"] is False
    m.choose_agency("a", "creative", "Droga5", by="Kim")
    m.choose_agency("b", "creative", None, by="Kim")
    chosen = m.get("a").role_state("creative")
    assert (
        chosen["status"] == "chosen" and chosen["agency"] == "Droga5" and "searched" not in chosen
    )
    assert m.get("a").agency_roles["creative"]["searched"] is False  # the build's finding is kept
    html = write_review_page(tmp_path, m, Brand(name="Fieldstone & Co")).read_text(encoding="utf-8")
    assert "not looked for" not in html
