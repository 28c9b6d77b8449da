"""Whom to follow first (priority with reasons), one owner per contact, firm.toml."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.batch import BatchState
from dossier.cli import cli
from dossier.crm.firm import Firm, load_firm
from dossier.crm.follow import owner_warnings
from dossier.crm.priority import Signals, parse_employees, ranked, score, seniority_rank
from dossier.crm.tasks import HUBSPOT_COLUMNS, SALESFORCE_COLUMNS
from dossier.errors import ConfigError

from .conftest import APPLE_SNAPSHOT

FIRM = Firm(sic=("2834", "80"), industries=("consumer electronics",), max_open_follow_ups=2)


@pytest.mark.parametrize(
    ("title", "rank"),
    [
        ("Chief Marketing Officer", 5),
        ("CMO", 5),
        ("Chief Brand Officer", 5),
        ("VP, Marketing", 4),
        ("Head of Communications", 4),
        ("Director of Brand", 4),
        ("Chief Financial Officer", 3),
        ("President", 3),
        ("Brand Manager", 2),
        ("Vice President of Sales", 1),
        ("Finance Analyst", 0),
        ("", 0),
    ],
)
def test_seniority_ranks_marketing_leadership_first(title: str, rank: int) -> None:
    assert seniority_rank(title) == rank


def test_priority_ordering_with_reasons() -> None:
    today = date(2026, 12, 1)
    cmo_pharma = Signals(
        title="Chief Marketing Officer",
        sic=("2834", "Pharmaceutical Preparations"),
        employees=25_000,
        employees_source="Wikidata, 2025",
        relationship_since=date(2016, 4, 4),
        as_of=today,
    )
    director_elsewhere = Signals(
        title="Director of Brand",
        sic=("6021", "National Commercial Banks"),
        sheet_employees="1,001-5,000",
        relationship_since=date(2025, 6, 1),
        as_of=today,
    )
    analyst_unknown = Signals(title="Finance Analyst", as_of=today)
    p1, p2, p3 = (score(s, FIRM) for s in (cmo_pharma, director_elsewhere, analyst_unknown))
    assert p1.score == 100 and p1.label == "high"
    assert [r.text for r in p1.reasons] == [
        "SIC 2834 (Pharmaceutical Preparations) is in the firm's verticals (SIC 2834)",
        "Chief Marketing Officer: C-level marketing leadership",
        "25,000 employees (Wikidata, 2025)",
        "10 years since 2016-04-04",
    ]
    # 0 industry + 24 seniority + 15 size (1,001 from the range) + 4 relationship
    assert [r.points for r in p2.reasons] == [0, 24, 15, 4]
    assert p2.score == 43 and p2.label == "medium"
    assert "not among the firm's verticals" in p2.reasons[0].text
    assert p2.reasons[2].text == "1,001 employees (the sheet: 1,001-5,000)"
    assert p3.score == 0 and p3.label == "low"
    assert p3.reasons[0].text.startswith("industry not known yet")
    assert ranked([("c", p3), ("b", p2), ("none", None), ("a", p1)]) == ["a", "b", "c", "none"]


def test_industry_by_name_and_without_verticals() -> None:
    by_label = Signals(industries=(("Consumer electronics", ""),), industry_source="Wikipedia")
    assert score(by_label, FIRM).reasons[0].points == 40
    by_sheet = Signals(sheet_industry="Consumer Electronics industry")
    assert score(by_sheet, FIRM).reasons[0].points == 40
    unset = score(by_label, Firm())
    assert unset.reasons[0].text == "industry not compared: firm.toml sets no verticals"


def test_parse_employees() -> None:
    assert parse_employees("10,001+") == 10001
    assert parse_employees("5k") == 5000
    assert parse_employees("unknown") is None


def test_owner_warnings_and_load() -> None:
    loads, warnings = owner_warnings(
        [("a", "Jane", "Alice"), ("b", "Omar", ""), ("c", "Lena", "Alice"), ("d", "Wei", "Alice")],
        limit=2,
    )
    assert loads == {"Alice": 3, "(no owner)": 1}
    assert "No one owns Omar" in warnings["b"][0]["message"]
    assert "Alice owns 3 open follow-ups, more than the 2" in warnings["a"][0]["message"]
    assert set(warnings) == {"a", "b", "c", "d"}
    assert all(w[0]["kind"] == "owner" for w in warnings.values())


def test_firm_toml(tmp_path: Path) -> None:
    f = tmp_path / "firm.toml"
    f.write_text(
        'name = "Fieldstone"\n[verticals]\nsic = ["2834"]\nindustries = ["health care"]\n'
        "[owners]\nmax_open_follow_ups = 3\n[priority]\nindustry = 50\n",
        encoding="utf-8",
    )
    firm = load_firm(f)
    assert (firm.sic, firm.industries, firm.max_open_follow_ups) == (("2834",), ("health care",), 3)
    assert firm.weights["industry"] == 50 and firm.weights["seniority"] == 30
    f.write_text('[verticals]\nsic = ["pharma"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="SIC code"):
        load_firm(f)
    f.write_text("[owner]\nmax = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key\(s\) owner"):
        load_firm(f)
    with pytest.raises(ConfigError, match="does not exist"):
        load_firm(tmp_path / "missing.toml")


SHEET = (
    "Contact Name,Email,change,Previous Company,New Company,New Title,Start Date,Owner,"
    "Relationship Since\n"
    "Omar Haddad,,moved,Contoso,Apple Inc.,Finance Analyst,2026-10-01,,2025-06-01\n"
    "Jane Doe,jane@example.com,moved,Northwind Traders,Apple Inc.,Chief Marketing Officer,"
    "2026-11-02,Alice Archer,2019-03-01\n"
    "Lena Berg,lena@example.com,moved,Contoso,Apple Inc.,Director of Brand,2026-10-01,"
    "Alice Archer,2022-01-01\n"
    "Tom Reed,tom@example.com,left,Adatum,,,,Ben Brooks,\n"
)


def test_batch_stores_priorities_and_owner_warnings(tmp_path: Path) -> None:
    """A real batch (offline, Apple snapshot, no PDFs): the summary, state and review page."""
    (tmp_path / "moved.csv").write_text(SHEET, encoding="utf-8")
    firm = tmp_path / "firm.toml"
    firm.write_text('[verticals]\nsic = ["357"]\n[owners]\nmax_open_follow_ups = 1\n', "utf-8")
    args = ["batch", str(tmp_path / "moved.csv"), "--out", str(tmp_path / "out"), "--offline"]
    args += [str(APPLE_SNAPSHOT), "--format", "json", "--quiet", "--firm", str(firm)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    out = result.stdout
    follow = out[out.index("Whom to follow first:") :]
    order = [follow.index(n) for n in ("Jane Doe (Apple", "Lena Berg (Apple", "Omar Haddad (Apple")]
    assert order == sorted(order)
    assert "SIC 3571 (Electronic Computers) is in the firm's verticals (SIC 357) (40/40)" in follow
    assert (
        "Open follow-ups per owner (limit 1): Alice Archer 2 (over the limit), (no owner) 1" in out
    )
    assert "Tom Reed left Adatum" in result.stderr
    batch = tmp_path / "out" / "moved"
    with BatchState.open(batch, create=False) as state:
        by_name = {c.name: c for c in state.contacts()}
    jane = by_name["Jane Doe"]
    assert jane.priority == 100 and jane.priority_label == "high"
    assert [r["signal"] for r in jane.priority_reasons] == [
        "industry",
        "seniority",
        "size",
        "relationship",
    ]
    omar = by_name["Omar Haddad"]
    assert omar.priority is not None and omar.priority < by_name["Lena Berg"].priority  # type: ignore[operator]
    assert any(w["kind"] == "owner" and "No one owns" in w["message"] for w in omar.warnings)
    assert any("more than the 1" in w["message"] for w in jane.warnings)
    page = (batch / "review.html").read_text(encoding="utf-8")
    assert page.index("Priority 100 (high)") < page.index("Priority 91 (high)")
    assert "No one owns Omar Haddad" in page
    # the terminal shows the same: the list by priority, and the reasons for one contact
    listing = CliRunner().invoke(cli, ["review", "list", "--batch", str(batch), "--by-priority"])
    lines = [ln for ln in listing.output.splitlines() if "--apple-inc" in ln]
    assert [ln.split()[0] for ln in lines] == [
        "jane-doe--apple-inc",
        "lena-berg--apple-inc",
        "omar-haddad--apple-inc",
    ]
    assert "100 high" in lines[0]
    shown = CliRunner().invoke(cli, ["review", "show", "Jane Doe", "--batch", str(batch)]).output
    assert (
        "Priority:  100 high (SIC 3571 (Electronic Computers) is in the firm's verticals" in shown
    )
    # a rerun keeps one owner warning per contact, not two
    result = CliRunner().invoke(cli, args)
    with BatchState.open(batch, create=False) as state:
        again = {c.name: c for c in state.contacts()}
    assert sum(w["kind"] == "owner" for w in again["Jane Doe"].warnings) == 1

    # Back to the CRM: the follow-up plan as task-import CSVs, read back.
    result = CliRunner().invoke(cli, ["export", "--tasks", "--batch", str(batch)])
    assert result.exit_code == 0, result.output
    assert "task(s) for HubSpot" in result.stdout and "task(s) for Salesforce" in result.stdout
    assert "have no owner; their tasks are unassigned: omar-haddad--apple-inc" in result.stderr
    with (batch / "follow-up-tasks-hubspot.csv").open(encoding="utf-8-sig", newline="") as f:
        hubspot = list(csv.DictReader(f))
    assert list(hubspot[0]) == list(HUBSPOT_COLUMNS)
    jane_tasks = [t for t in hubspot if t["Email"] == "jane@example.com"]
    assert jane_tasks and all(t["hubspot_owner_id"] == "Alice Archer" for t in jane_tasks)
    assert jane_tasks[0]["hs_task_subject"] == "Check in with Jane Doe"  # no notes drafted (json)
    assert jane_tasks[0]["hs_timestamp"] == "2027-05-03"  # start date + 182 days
    assert jane_tasks[0]["hs_task_priority"] == "HIGH"
    assert "Priority 100 (high): SIC 3571" in jane_tasks[0]["hs_task_body"]
    assert jane_tasks[0]["hs_task_body"].startswith("Jane Doe, Apple Inc. Priority")  # no "Inc.."
    with (batch / "follow-up-tasks-salesforce.csv").open(encoding="utf-8-sig", newline="") as f:
        salesforce = list(csv.DictReader(f))
    assert list(salesforce[0]) == list(SALESFORCE_COLUMNS)
    by_subject = {t["Subject"]: t for t in salesforce}
    assert by_subject["Check in with Jane Doe"]["ActivityDate"] == "2027-05-03"
    assert by_subject["Check in with Jane Doe"]["Contact Email"] == "jane@example.com"
    assert by_subject["Check in with Omar Haddad"]["Assigned To"] == ""
    assert by_subject["Check in with Omar Haddad"]["Contact Email"] == ""  # no address in the sheet
    assert {t["Status"] for t in salesforce} == {"Not Started"}
    assert "Tom Reed" not in " ".join(t["Subject"] for t in salesforce)  # left: no task


def test_progress_bar_on_a_terminal_plain_lines_elsewhere_quiet_silent() -> None:
    import io

    from rich.console import Console

    from dossier.batch.progress import BatchProgress

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    with BatchProgress(console=console) as bar:
        bar("researching Apple Inc. for jane@example.com", {"done": 0, "failed": 0, "todo": 3})
        bar("", {"done": 1, "failed": 1, "todo": 3})
        bar("writing Omar Haddad", {"done": 1, "failed": 1, "todo": 3})
    shown = screen.getvalue()
    assert "2/3" in shown and "1 failed" in shown and "ETA" in shown
    assert "writing Omar Haddad" in shown
    assert "jane@example.com" not in shown  # steps are scrubbed

    pipe = io.StringIO()
    with BatchProgress(stream=pipe) as lines:
        lines("writing Omar Haddad", {"done": 1, "failed": 0, "todo": 3})
        lines("", {"done": 2, "failed": 0, "todo": 3})
        lines("waiting for the batch already running here", {})
    assert pipe.getvalue().splitlines() == [
        "[1/3 done, 0 failed] writing Omar Haddad",
        "waiting for the batch already running here",
    ]

    silent = io.StringIO()
    with BatchProgress(quiet=True, stream=silent) as q:
        q("writing Omar Haddad", {"done": 1, "failed": 0, "todo": 3})
        q("stopping", {})
    assert silent.getvalue() == ""


def test_a_schema_2_state_gains_the_priority_columns(tmp_path: Path) -> None:
    import sqlite3

    from dossier.batch.records import SCHEMA_VERSION

    with BatchState.open(tmp_path):
        pass
    db = sqlite3.connect(tmp_path / "state.sqlite")
    db.execute("ALTER TABLE contacts DROP COLUMN priority_reasons")
    db.execute("ALTER TABLE contacts DROP COLUMN priority")
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with BatchState.open(tmp_path) as state:
        assert state.contacts() == []
    db = sqlite3.connect(tmp_path / "state.sqlite")
    cols = {r[1] for r in db.execute("PRAGMA table_info(contacts)")}
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.close()
    assert {"priority", "priority_reasons"} <= cols
    assert version == SCHEMA_VERSION == 4


def test_a_rerun_reads_the_kept_priority_inputs_not_every_facts_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossier.crm.follow as follow

    (tmp_path / "moved.csv").write_text(SHEET, encoding="utf-8")
    firm = tmp_path / "firm.toml"
    firm.write_text('[verticals]\nsic = ["357"]\n', "utf-8")
    args = ["batch", str(tmp_path / "moved.csv"), "--out", str(tmp_path / "out"), "--offline"]
    args += [str(APPLE_SNAPSHOT), "--format", "json", "--quiet", "--firm", str(firm)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    batch = tmp_path / "out" / "moved"
    with BatchState.open(batch, create=False) as state:
        first = {c.name: (c.priority, c.priority_reasons) for c in state.contacts()}
        kept = state.metas(follow.INPUTS_PREFIX)
    assert first["Jane Doe"][0] == 100 and len(kept) == 3  # the three moved contacts

    reads: list[str] = []
    real = follow._load_facts
    monkeypatch.setattr(follow, "_load_facts", lambda p: reads.append(str(p)) or real(p))
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert reads == []  # nothing rebuilt, nothing parsed again
    with BatchState.open(batch, create=False) as state:
        again = {c.name: (c.priority, c.priority_reasons) for c in state.contacts()}
        jane = next(c for c in state.contacts() if c.name == "Jane Doe")
    assert again == first  # the same priorities and reasons from the kept inputs

    # a facts.json that changed is read again, and what it says now counts
    path = next(batch / p for p in jane.outputs.values() if p.endswith("facts.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["organisation"].pop("sic")
    path.write_text(json.dumps(data), encoding="utf-8")
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert len(reads) == 1
    with BatchState.open(batch, create=False) as state:
        changed = next(c for c in state.contacts() if c.name == "Jane Doe")
    assert changed.priority is not None and changed.priority < 100
    assert not any(r["signal"] == "industry" and r["points"] for r in changed.priority_reasons)


def test_a_reason_as_a_dict_is_every_field_of_it() -> None:
    """Reason.as_dict writes its fields out by hand (quicker than dataclasses.asdict at 5,000
    contacts); a field added later must be added there too."""
    import dataclasses

    from dossier.crm.priority import Reason

    reason = Reason(signal="title", points=30, max=30, text="C-level")
    assert reason.as_dict() == dataclasses.asdict(reason)


def test_one_owner_written_two_ways_is_counted_once() -> None:
    loads, warnings = owner_warnings(
        [("a", "Ann", "Priya Shah"), ("b", "Bo", "priya  shah"), ("c", "Cy", "Sam Lee")], limit=1
    )
    assert loads == {"Priya Shah": 2, "Sam Lee": 1}
    assert set(warnings) == {"a", "b"}  # both of Priya Shah's contacts are over the limit
