"""The agency the user named (the sheet's Agency column, --agency) or a reviewer chose is the one
every review screen shows, with how it was decided; it is never "confirmed" by itself, and
where public reports name another agency the reviewer is told."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.agency import AgencyFinding, RoleDecision
from dossier.agency.incumbent import AgencyCandidate
from dossier.batch import BatchState
from dossier.batch.overview import agency_roles, read_review
from dossier.batch.state import decided_text
from dossier.cli import cli
from dossier.render.mailing import note_agency
from dossier.writing.substance import AgencySubstance

from .conftest import APPLE_SNAPSHOT, ROOT

pytestmark = pytest.mark.pdf

ARTICLES = ROOT / "examples" / "apple-inc" / "articles.jsonl"
CSV = (
    "Name,Email,Previous company,New company,New title,Owner,Agency\n"
    "Jane Doe,jane@example.com,Acme,Apple Inc.,CMO,,OMD\n"
    "John Roe,john@example.com,Acme,Apple Inc.,VP Marketing,,\n"
    "Mary Poe,mary@example.com,Acme,Apple Inc.,Director,,Wieden+Kennedy Foo\n"
)
JANE, JOHN, MARY = "jane-doe--apple-inc", "john-roe--apple-inc", "mary-poe--apple-inc"


def _batch(folder: Path, *extra: str):
    return CliRunner().invoke(
        cli,
        [
            "batch",
            str(folder / "contacts.csv"),
            "--out",
            str(folder / "out"),
            "--offline",
            str(APPLE_SNAPSHOT),
            "--articles",
            str(ARTICLES),
            "--news-days",
            "365",
            *extra,
        ],
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("named")
    (folder / "contacts.csv").write_text(CSV, encoding="utf-8")
    r = _batch(folder)
    assert r.exit_code == 0, r.output
    return folder


@pytest.fixture
def batch(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "named"
    shutil.copytree(built, copy)
    return copy


def _review_json(folder: Path, key: str) -> dict:
    return json.loads((folder / "out" / "contacts" / key / "review.json").read_text("utf-8"))


def test_the_batch_table_shows_the_agency_profiled_and_how(built: Path) -> None:
    r = _batch(built)  # nothing to build: the table from the state
    line = {
        name: next(ln for ln in r.output.splitlines() if f" {name} " in ln and "Apple Inc." in ln)
        for name in ("Jane Doe", "John Roe", "Mary Poe")
    }
    assert "OMD (named in the sheet, not confirmed by public reports)" in line["Jane Doe"]
    assert "TBWA\\Media Arts Lab (found in public reports)" in line["John Roe"]
    assert "Wieden+Kennedy Foo (named in the sheet; public reports name TBWA" in line["Mary Poe"]
    assert "OMD" not in line["John Roe"] and "TBWA" not in line["Jane Doe"].split("(")[0]
    r = _batch(built, "--json")
    (jane,) = [o for o in json.loads(r.stdout)["contacts"] if o["name"] == "Jane Doe"]
    assert jane["agency_name"] == "OMD" and jane["agency_confirmed"] is False
    assert jane["agency_decided"] == "named in the sheet, not confirmed by public reports"


def test_the_state_keeps_the_named_agency_unconfirmed(built: Path) -> None:
    with BatchState.open(built / "out" / "contacts", create=False) as state:
        jane, john, mary = (state.require(k) for k in (JANE, JOHN, MARY))
    assert jane.agency == "OMD" and not jane.agency_confirmed
    assert jane.profiled_role() == "media"  # OMD is a media agency in the agency list
    st = jane.role_state("media")
    assert st["status"] == "named" and st["how"] == "sheet" and st["profiled"]
    assert jane.role_state("creative")["decided"] == "found in public reports"
    assert john.agency == "TBWA\\Media Arts Lab" and john.agency_confirmed
    assert john.agency_decided == "found in public reports"
    assert mary.agency == "Wieden+Kennedy Foo" and not mary.agency_confirmed
    assert mary.role_state("creative")["found"] == "TBWA\\Media Arts Lab"
    # the reports' other agency is a review warning, not a reason to choose before approval
    assert jane.unresolved_roles() == [] and mary.unresolved_roles() == []
    shown = jane.as_dict()  # review show --json
    assert shown["agency"] == "OMD" and shown["agency_confirmed"] is False
    assert shown["agency_decided"].startswith("named in the sheet")


def test_review_json_never_confirms_a_name_alone(built: Path) -> None:
    data = _review_json(built, JANE)
    assert data["agency"]["profiled"] == "OMD" and data["agency"]["confirmed"] is False
    assert data["agency"]["decided"] == "sheet"
    assert data["agency"]["decided_text"] == "named in the sheet"
    messages = [w["message"] for w in data["warnings"]]
    assert any(
        m.startswith(
            "The sheet names OMD; public reports name TBWA\\Media Arts Lab as Apple Inc.'s "
            "creative agency (confirmed, "
        )
        for m in messages
    ), messages
    assert _review_json(built, JOHN)["agency"]["confirmed"] is True
    assert _review_json(built, JOHN)["agency"]["decided"] == "reports"
    assert not any(
        "public reports name" in w["message"] for w in _review_json(built, JOHN)["warnings"]
    )


def test_review_list_show_and_page_say_how_it_was_decided(built: Path) -> None:
    out = built / "out" / "contacts"
    r = CliRunner().invoke(cli, ["review", "list", "--batch", str(out)])
    assert r.exit_code == 0, r.output
    assert "media: OMD (named in the sheet, not confirmed by public reports), profiled" in r.output
    assert "creative: TBWA\\Media Arts Lab (found in public reports), profiled" in r.output
    r = CliRunner().invoke(cli, ["review", "show", MARY, "--batch", str(out)])
    assert (
        "creative: Wieden+Kennedy Foo (named in the sheet; public reports name "
        "TBWA\\Media Arts Lab), profile not drafted"
    ) in r.output
    page = (out / "review.html").read_text("utf-8")
    assert "named, not confirmed" in page and "named in the sheet" in page


def test_the_review_app_shows_how_it_was_decided(built: Path) -> None:
    with BatchState.open(built / "out" / "contacts", create=False) as state:
        jane = state.require(JANE)
        roles = {r["role"]: r for r in agency_roles(jane, read_review(state, jane))}
    assert roles["media"]["agency"] == "OMD" and roles["media"]["profiled"]
    assert roles["media"]["decided"] == "named in the sheet, not confirmed by public reports"
    assert not roles["creative"]["profiled"]
    from dossier.app.server import _roles_line  # the app's list of contacts

    line = {r["role"]: r for r in _roles_line(jane)}
    assert line["media"]["profiled"] and not line["creative"]["profiled"]
    assert line["media"]["status"] == "named"


def test_a_reviewers_choice_is_shown_as_chosen_by_them(batch: Path) -> None:
    out = batch / "out" / "contacts"
    r = CliRunner().invoke(
        cli, ["review", "choose-agency", JOHN, "Droga5", "--batch", str(out), "--by", "Sam"]
    )
    assert r.exit_code == 0, r.output
    with BatchState.open(out, create=False) as state:
        john = state.require(JOHN)
    assert john.agency == "Droga5" and john.agency_decided == "chosen by Sam"


def test_decided_text_in_plain_words() -> None:
    assert decided_text({"status": "chosen", "agency": "X", "chosen_by": "Sam"}) == "chosen by Sam"
    assert (
        decided_text({"status": "chosen", "agency": None, "chosen_by": "Sam"}) == "Sam chose none"
    )
    assert decided_text({"status": "named", "agency": "X", "how": "option"}) == (
        "named with --agency, not confirmed by public reports"
    )
    assert decided_text({"status": "confirmed", "agency": "X", "how": "sheet"}) == (
        "named in the sheet, confirmed by public reports"
    )
    assert decided_text({"status": "confirmed", "agency": "X", "how": "reports"}) == (
        "found in public reports"
    )
    assert decided_text({"status": "unconfirmed", "agency": "X"}) == "unconfirmed"
    assert decided_text({"status": "none", "agency": None}) == "none found"


def test_a_named_agency_the_reports_confirm_is_confirmed(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        cli,
        [
            "build",
            "--company",
            "Apple Inc.",
            "--offline",
            str(APPLE_SNAPSHOT),
            "--articles",
            str(ARTICLES),
            "--news-days",
            "365",
            "--contact",
            "Jane Doe",
            "--agency",
            "TBWA\\Media Arts Lab",
            "--out",
            str(tmp_path),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "(named with --agency, confirmed by public reports)" in r.output
    data = json.loads((tmp_path / "jane-doe--apple-inc" / "review.json").read_text("utf-8"))
    assert data["agency"]["confirmed"] is True and data["agency"]["decided"] == "option"
    note = (tmp_path / "jane-doe--apple-inc" / "note-1.md").read_text("utf-8")
    assert "according to public reports" in note


# -- part 2: a chosen or named agency's note 1, and the agency profile's minimum -----------------


def test_a_typo_without_public_facts_is_not_drafted_and_flagged(built: Path) -> None:
    folder = built / "out" / "contacts" / MARY
    assert not (folder / "agency-profile.pdf").exists()
    assert not (folder / "note-1.md").exists() and (folder / "note-2.md").is_file()
    assert "Congratulations on your new role" in (folder / "note-2.md").read_text("utf-8")
    data = _review_json(built, MARY)
    assert data["agency"]["profiled"] is None and data["agency"]["substance"]["ready"] is False
    assert data["agency"]["not_ready"] == (
        "The agency profile of Wieden+Kennedy Foo was not drafted: no public source returned "
        "facts about it. Wieden+Kennedy Foo is not in the agency list either: check the "
        "spelling (or choose another agency in review)."
    )
    assert [m for m in data["mailings"] if m["drafted"]][0]["note"] == 2


def test_a_made_up_agency_chosen_in_review_is_not_drafted(batch: Path) -> None:
    out = batch / "out" / "contacts"
    r = CliRunner().invoke(
        cli,
        ["review", "choose-agency", JOHN, "Made Up Agency XYZ", "--batch", str(out), "--by", "Sam"],
    )
    assert r.exit_code == 0, r.output
    assert (out / JOHN / "note-1.md").is_file()  # the earlier build's
    r = _batch(batch)
    assert r.exit_code == 0, r.output
    folder = out / JOHN
    assert not (folder / "agency-profile.pdf").exists()  # the earlier profile is removed
    assert not (folder / "agency-profile.html").exists()
    assert not (folder / "note-1.md").exists() and not (folder / "note-1.eml").exists()
    assert (folder / "note-2.eml").is_file()
    r = CliRunner().invoke(cli, ["review", "show", JOHN, "--batch", str(out)])
    assert (
        "The agency profile of Made Up Agency XYZ was not drafted: no public source returned "
        "facts about it."
    ) in r.output
    assert "creative: Made Up Agency XYZ (chosen by Sam), profile not drafted" in r.output
    # the evidence's own agency for the role is named for the reviewer
    assert "A reviewer chose Made Up Agency XYZ; public reports name TBWA\\Media Arts Lab" in (
        r.output
    )
    page = (out / "review.html").read_text("utf-8")
    assert "profile not drafted" in page
    r = CliRunner().invoke(
        cli, ["review", "approve", JOHN, "--batch", str(out), "--by", "Sam", "--accept-warnings"]
    )
    assert r.exit_code == 0, r.output  # the bundled example's data warning, accepted


def _candidate(name: str, status: str) -> AgencyCandidate:
    return AgencyCandidate(
        name=name, role="creative", status=status, confidence=0.5, evidence=(), latest=None
    )


def test_note_1_says_public_reports_only_when_they_confirm_the_agency() -> None:
    weak = _candidate("Wieden+Kennedy", "unconfirmed")
    chosen = RoleDecision("creative", "chosen", agency=weak, candidates=[weak], chosen=weak.name)
    finding = AgencyFinding(company="Northwind", candidates=[weak], roles=[chosen], chosen=chosen)
    assert finding.settled and not finding.confirmed and finding.decided == "reviewer"
    note = note_agency(finding, "Wieden+Kennedy")
    assert note.name == "Wieden+Kennedy" and not note.works_with
    made_up = RoleDecision("creative", "chosen", candidates=[weak], chosen="Made Up Agency XYZ")
    finding = AgencyFinding(company="Northwind", candidates=[weak], roles=[made_up], chosen=made_up)
    assert not note_agency(finding, "Made Up Agency XYZ").works_with
    named = AgencyFinding(company="Northwind", candidates=[weak], named="Wieden+Kennedy")
    assert not note_agency(named, "Wieden+Kennedy").works_with
    strong = _candidate("Wieden+Kennedy", "current")
    current = RoleDecision("creative", "current", agency=strong, candidates=[strong])
    found = AgencyFinding(company="Northwind", candidates=[strong], roles=[current], chosen=current)
    assert found.confirmed and found.decided == "reports"
    assert note_agency(found, "Wieden+Kennedy").works_with
    named = AgencyFinding(company="Northwind", candidates=[strong], named="Wieden+Kennedy")
    assert named.confirmed and note_agency(named, "Wieden+Kennedy").works_with


def test_the_agency_minimum_in_plain_words() -> None:
    assert AgencySubstance(facts=3, sources=("adweek.com",)).ready
    assert not AgencySubstance(facts=2, sources=("adweek.com",)).ready
    assert not AgencySubstance(facts=5, sources=()).ready
    thin = AgencySubstance(facts=2, sources=("adweek.com",))
    assert thin.reason("Mother") == (
        "The agency profile of Mother was not drafted: the public sources returned 2 facts "
        "about it from 1 source besides the agency list; the minimum is 3 facts from at least 1."
    )
    assert AgencySubstance(facts=3, sources=("adweek.com",)).reason("Mother") == ""


def test_the_reviewer_is_told_when_reports_name_another_agency() -> None:
    from dossier.build import elsewhere_warnings

    strong = _candidate("TBWA\\Media Arts Lab", "current")
    current = RoleDecision("creative", "current", agency=strong, candidates=[strong])
    named = AgencyFinding(
        company="Apple Inc.", candidates=[strong], roles=[current], named="OMD", named_in="option"
    )
    (w,) = elsewhere_warnings(named)
    assert w.kind == "agency" and w.message.startswith(
        "The --agency option names OMD; public reports name TBWA\\Media Arts Lab as Apple Inc.'s "
        "creative agency (confirmed, 0 reports)."
    )
    same = AgencyFinding(
        company="Apple Inc.", candidates=[strong], roles=[current], named="TBWA\\Media Arts Lab"
    )
    assert elsewhere_warnings(same) == []
    found = AgencyFinding(
        company="Apple Inc.", candidates=[strong], roles=[current], chosen=current
    )
    assert elsewhere_warnings(found) == []  # found in the reports: nothing to tell
