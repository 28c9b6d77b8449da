"""Coherent mailings: which notes are drafted, who signs them, how they greet, what they
attach; the minimum of substance; the reader's "About this report" paragraph."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dossier.agency import AgencyFinding
from dossier.agency.incumbent import AgencyCandidate, RoleDecision
from dossier.config import Brand, Sender, load_brand
from dossier.errors import ConfigError
from dossier.model import Contact, Gap, Money
from dossier.names import first_name_of, greeting_of
from dossier.render.mailing import NoteAgency, not_drafted, note_agency, write_mailings
from dossier.render.notes import attachment_name, render_note, subject
from dossier.writing.about import about_findings, about_sentences, about_text
from dossier.writing.substance import substance

from .factories import dossier, fact, written

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JANE = Contact(
    name="Jane Doe",
    new_company="Acme Holdings",
    new_title="Chief Marketing Officer",
    previous_company="Globex",
    email="jane@acme.example",
)


@pytest.fixture
def brand() -> Brand:
    return load_brand()


@pytest.fixture
def pdfs(tmp_path: Path) -> dict[int, Path]:
    out = {}
    for which, stem in ((1, "agency-profile"), (2, "company-report")):
        path = tmp_path / f"{stem}.pdf"
        path.write_bytes(PDF)
        out[which] = path
    return out


def _eml(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[return-value]


# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "greeting"),
    [
        ("Jane Doe, PhD", "Jane"),
        ("JANE DOE", "Jane"),
        ("jane doe", "Jane"),
        ("Dr. Jane Doe", "Jane"),
        ("Doe, Jane", "Jane"),
        ("Ms. Jane A. Doe Jr.", "Jane"),
        ("Prof. Dr. Hans Müller", "Hans"),
        ("Sir Jony Ive KBE", "Jony"),
        ("ÉLODIE DUBOIS", "Élodie"),
        ("Mary-Jane O'Neil", "Mary-Jane"),
        ("Robert (Bob) Smith", "Bob"),
        ("Sam Lee (she/her)", "Sam"),
        ("de la Cruz, Maria", "Maria"),
    ],
)
def test_first_names_are_parsed_not_guessed(full: str, greeting: str) -> None:
    g = greeting_of(full)
    assert (g.name, g.clear, g.reason) == (greeting, True, "")
    assert first_name_of(full) == greeting
    assert Contact(name=full, new_company="Acme").first_name_unclear == ""


@pytest.mark.parametrize(
    ("full", "greeting", "why"),
    [
        ("Dr Doe", "Dr Doe", "a title and a surname but no first name"),
        ("Prof. Dr. Doe", "Prof. Dr. Doe", "a title and a surname but no first name"),
        ("J. Doe", "J. Doe", "only an initial"),
        ("Dr. J. Doe", "Dr. Doe", "only an initial"),
        ("Doe", "Doe", "a single name"),
        ("李 小龍", "李 小龍", "order of given name and family name"),
    ],
)
def test_an_unclear_first_name_is_flagged_and_greeted_as_written(
    full: str, greeting: str, why: str
) -> None:
    g = greeting_of(full)
    assert g.name == greeting and not g.clear and why in g.reason
    contact = Contact(name=full, new_company="Acme")
    assert contact.first_name == greeting and why in contact.first_name_unclear
    # A first name the user gives is taken as it is, and is not flagged.
    assert Contact(name=full, new_company="Acme", first_name="Kim").first_name_unclear == ""


# -- senders ----------------------------------------------------------------------------------


def test_senders_are_matched_to_the_owner(brand: Brand) -> None:
    priya, matched = brand.sender_for("Priya Shah")
    assert matched and priya.title == "Account Director"
    assert brand.sender_for("  PRIYA   shah ") == (priya, True)
    assert brand.sender_for("priya.shah@fieldstone.example") == (priya, True)
    assert brand.sender_for("pshah") == (priya, True)  # an alias, as a CRM export writes it
    default, matched = brand.sender_for("Nobody Known")
    assert not matched and default == brand.default_sender
    assert brand.sender_for("") == (brand.default_sender, False)


def test_bad_senders_tables_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "brand.toml"
    path.write_text('name = "B"\n[[senders]]\ntitle = "No name"\n')
    with pytest.raises(ConfigError, match=r"brand\.toml: \[\[senders\]\] entry 1 needs a name"):
        load_brand(path)
    path.write_text('name = "B"\n[[senders]]\nname = "A"\nemail = "not-an-address"\n')
    with pytest.raises(ConfigError, match="is not an e-mail address"):
        load_brand(path)
    path.write_text('name = "B"\n[[senders]]\nname = "A"\nphone = "1"\n')
    with pytest.raises(ConfigError, match="unknown key"):
        load_brand(path)


def test_the_owner_signs_the_notes(tmp_path: Path, brand: Brand, pdfs: dict[int, Path]) -> None:
    contact = replace(JANE, owner="pshah")
    outputs, warnings, mailings = write_mailings(
        contact, brand, NoteAgency("Initech Partners", True, "creative"), tmp_path, pdfs
    )
    for stem in ("note-1", "note-2"):
        md = outputs[f"{stem}.md"].read_text()
        assert md.rstrip().endswith(
            "Priya Shah\nAccount Director, Fieldstone & Co\npriya.shah@fieldstone.example"
        )
        assert _eml(outputs[f"{stem}.eml"])["From"] == (
            "Priya Shah <priya.shah@fieldstone.example>"
        )
    assert [m.sender for m in mailings] == ["Priya Shah", "Priya Shah"]
    assert not [w for w in warnings if w.kind == "sender"]


def test_an_unknown_owner_is_a_warning_and_the_default_signs(
    tmp_path: Path, brand: Brand, pdfs: dict[int, Path]
) -> None:
    contact = replace(JANE, owner="Chris Unknown")
    outputs, warnings, _ = write_mailings(contact, brand, NoteAgency(), tmp_path, pdfs)
    (warning,) = [w for w in warnings if w.kind == "sender"]
    assert "“Chris Unknown”" in warning.message and "Alex Morgan" in warning.message
    assert _eml(outputs["note-2.eml"])["From"] == "Alex Morgan <alex.morgan@fieldstone.example>"


def test_an_unclear_greeting_is_a_review_warning(
    tmp_path: Path, brand: Brand, pdfs: dict[int, Path]
) -> None:
    contact = replace(JANE, name="J. Doe", first_name="")
    outputs, warnings, _ = write_mailings(contact, brand, NoteAgency(), tmp_path, pdfs)
    (warning,) = [w for w in warnings if w.kind == "greeting"]
    assert "only an initial" in warning.message and "“Dear J. Doe,”" in warning.message
    assert outputs["note-2.md"].read_text().startswith("Dear J. Doe,\n")


# -- which notes ------------------------------------------------------------------------------


def test_no_agency_profile_means_no_note_1_and_note_2_comes_first(
    tmp_path: Path, brand: Brand, pdfs: dict[int, Path]
) -> None:
    (tmp_path / "note-1.eml").write_bytes(b"an earlier run's draft")
    outputs, warnings, mailings = write_mailings(
        JANE, brand, NoteAgency(), tmp_path, {1: None, 2: pdfs[2]}
    )
    assert sorted(outputs) == ["note-2.eml", "note-2.md", "note-2.txt"]
    assert not (tmp_path / "note-1.eml").exists()  # no stale draft of another mailing is left
    md = outputs["note-2.md"].read_text()
    assert "Congratulations on your new role as Chief Marketing Officer at Acme Holdings." in md
    assert "here is a short report on Acme Holdings" in md
    assert "mentioned" not in md and "profile" not in md
    msg = _eml(outputs["note-2.eml"])
    assert msg["Subject"].strip() == (
        "Congratulations on the new role, and a short report on Acme Holdings"
    )
    assert [(m.note, m.drafted, m.first) for m in mailings] == [(1, False, False), (2, True, True)]
    (why,) = [w for w in warnings if w.kind == "mailing"]
    assert why.message == (
        "Note 1 was not drafted: no agency profile was drafted, so there is nothing for note 1 "
        "to go with. Note 2 is written as the first mailing."
    )


def test_both_notes_when_the_profile_exists(
    tmp_path: Path, brand: Brand, pdfs: dict[int, Path]
) -> None:
    agency = NoteAgency("TBWA\\Media Arts Lab", True, "creative")
    outputs, warnings, mailings = write_mailings(JANE, brand, agency, tmp_path, pdfs)
    note1 = outputs["note-1.txt"].read_text()  # the .md escapes the backslash as Markdown
    assert (
        "profile of TBWA\\Media Arts Lab, the creative agency Acme Holdings works with, "
        "according to public reports."
    ) in note1
    note2 = outputs["note-2.md"].read_text()
    assert "Here is the report on Acme Holdings we mentioned when we sent the profile" in note2
    assert "Congratulations" not in note2
    assert _eml(outputs["note-2.eml"])["Subject"] == "The Acme Holdings report we mentioned"
    names = [
        [a.get_filename() for a in _eml(outputs[f"note-{n}.eml"]).iter_attachments()]
        for n in (1, 2)
    ]
    assert names == [
        ["TBWA-Media-Arts-Lab-agency-profile.pdf"],
        ["Acme-Holdings-company-report.pdf"],
    ]
    assert [m.attachment for m in mailings] == [n[0] for n in names]
    assert not [w for w in warnings if w.kind in ("mailing", "ask", "neutrality")]


def test_note_1_states_no_relationship_the_evidence_does_not_confirm(
    tmp_path: Path, brand: Brand, pdfs: dict[int, Path]
) -> None:
    named = NoteAgency("Initech Partners", works_with=False, named=True)
    outputs, warnings, _ = write_mailings(JANE, brand, named, tmp_path, pdfs)
    note1 = outputs["note-1.md"].read_text()
    assert "profile of Initech Partners. Each fact" in note1
    assert "works with" not in note1
    assert any("does not say that Initech Partners works with" in w.message for w in warnings)


def test_a_note_whose_pdf_was_not_rendered_is_not_drafted(tmp_path: Path, brand: Brand) -> None:
    outputs, warnings, mailings = write_mailings(
        JANE, brand, NoteAgency("Initech Partners", True), tmp_path, {1: None, 2: None}
    )
    assert outputs == {} and not list(tmp_path.glob("note-*"))
    assert [m.drafted for m in mailings] == [False, False]
    messages = [w.message for w in warnings if w.kind == "mailing"]
    assert messages == [
        "Note 1 was not drafted: its attachment, the agency profile PDF, was not rendered "
        "(pdf was not among the formats).",
        "Note 2 was not drafted: its attachment, the company report PDF, was not rendered "
        "(pdf was not among the formats).",
    ]


def test_not_drafted_removes_earlier_drafts(tmp_path: Path) -> None:
    for stem in ("note-1", "note-2"):
        (tmp_path / f"{stem}.eml").write_bytes(b"old")
    mailings = not_drafted(tmp_path, "The report on X is not ready to send.")
    assert not list(tmp_path.glob("note-*"))
    assert {m.why for m in mailings} == {"The report on X is not ready to send."}


def _finding(status: str, agency: str = "Initech Partners", named: str | None = None):
    cand = AgencyCandidate(
        name=agency,
        role="creative",
        status=status,
        confidence=0.6,
        evidence=(),
        latest=date(2026, 1, 1),
    )
    decision = RoleDecision(role="creative", status=status, agency=cand, candidates=[cand])
    finding = AgencyFinding(company="Acme Holdings", candidates=[cand], roles=[decision])
    if named:
        finding.named = named
    elif decision.confirmed:
        finding.chosen = decision
    return finding


def test_note_agency_follows_the_evidence() -> None:
    assert note_agency(_finding("current"), "Initech Partners") == NoteAgency(
        "Initech Partners", True, "creative", False
    )
    # Named by the user, and the evidence confirms the same agency: the note may say so.
    assert note_agency(_finding("current", named="Initech Partners"), "Initech Partners") == (
        NoteAgency("Initech Partners", True, "creative", True)
    )
    # Named, but the only report is unconfirmed: a profile, and no claim of a relationship.
    assert note_agency(_finding("unconfirmed", named="Initech Partners"), "Initech Partners") == (
        NoteAgency("Initech Partners", False, None, True)
    )
    assert note_agency(_finding("unconfirmed"), None) == NoteAgency()


def test_subjects_and_attachment_names() -> None:
    assert subject(1, JANE, "X") == "Congratulations on the new role"
    assert subject(2, JANE, "X") == "The Acme Holdings report we mentioned"
    assert subject(2, JANE, None).endswith("and a short report on Acme Holdings")
    assert attachment_name("TBWA\\Media Arts Lab", "agency-profile") == (
        "TBWA-Media-Arts-Lab-agency-profile.pdf"
    )
    assert attachment_name("Société Générale S.A.", "company-report") == (
        "Societe-Generale-S-A-company-report.pdf"
    )
    assert attachment_name("Fieldstone & Co", "x") == "Fieldstone-and-Co-x.pdf"
    assert attachment_name("日本", "company-report") == "company-report.pdf"


def test_render_note_keeps_working_for_custom_callers(brand: Brand) -> None:
    md = render_note(2, JANE, brand, None, sender=Sender("Kim Park", "Partner", "k@x.example"))
    assert "Kim Park\nPartner, Fieldstone & Co\nk@x.example" in md


# -- enough to send ---------------------------------------------------------------------------


def test_minimum_of_substance() -> None:
    revenue = fact("revenue", Money(amount=1e9, currency="USD"), source="sec", period="FY2025")
    thin = dossier(revenue)
    s = substance(thin, written(thin))
    assert not s.ready and s.facts >= 1 and s.sources == ("SEC EDGAR",)
    assert s.reason("Acme Corp").startswith("The report on Acme Corp is not ready to send: it has ")
    assert "the minimum is 8 cited facts from at least 2 independent public sources" in (
        s.reason("Acme Corp")
    )
    empty = dossier()
    zero = substance(empty, written(empty))
    assert (zero.facts, zero.sources, zero.ready) == (0, (), False)
    assert "0 cited facts from 0 independent sources" in zero.reason("MICROSOFT CORP")
    assert substance(thin, written(thin), min_facts=1, min_sources=1).ready


def test_one_publisher_counts_once() -> None:
    d = dossier(
        fact("description", "a maker of things", source="wikipedia"),
        fact("industry", "software", source="pageviews"),
    )
    s = substance(d, written(d), min_facts=0)
    assert s.facts == 2
    assert s.sources == ("Wikipedia",)  # the page views are Wikipedia's too


# -- about this report ------------------------------------------------------------------------


def test_about_paragraph_is_plain_and_passes_the_lint() -> None:
    d = dossier(
        fact("description", "a maker of things", source="wikidata"),
        gaps=[
            Gap(source="gdelt", message="not in snapshot: https://api.gdeltproject.org/x"),
            Gap(source="website", message="no official website is known for Acme; pass --domain"),
            Gap(source="", message="Founding date: not found in Wikidata"),
        ],
    )
    text = about_text(d)
    assert text.startswith(
        "This report was prepared on 23 November 2026 from public sources: Wikidata."
    )
    assert (
        "No news coverage from the 90 days before 23 November 2026 was found in the sources "
        "consulted."
    ) in text
    assert "No information was available from the company’s own website." in text
    assert "Not found in the sources consulted: founding date" in text
    for internal in ("http", "snapshot", "--", "gdelt", "GDELT"):
        assert internal not in text, internal
    for word in ("last", "recent", "now", "current"):
        assert word not in text.lower().split(), word
    assert about_findings(d) == []
    assert about_sentences(d, "agency-profile")[0].startswith("This profile was prepared on")


def test_about_paragraph_without_any_source() -> None:
    text = about_text(dossier(name="MICROSOFT CORP"))
    assert "none of the public sources consulted returned facts about MICROSOFT CORP" in text
    assert "each fact" not in text.lower()


def test_the_notes_are_worded_before_their_attachments_are_waited_for(
    tmp_path: Path, brand: Brand
) -> None:
    """A build waits for its PDFs only once every note is worded and checked (``ready``): the
    attachments may not exist until then, and the notes still attach them."""
    paths = {1: tmp_path / "agency-profile.pdf", 2: tmp_path / "company-report.pdf"}
    seen: list[bool] = []

    def ready() -> None:
        seen.append(any(tmp_path.glob("note-*")))  # nothing written yet
        for path in paths.values():
            path.write_bytes(PDF)  # the PDFs appear only now

    agency = NoteAgency("TBWA\\Media Arts Lab", True, "creative")
    outputs, _warnings, mailings = write_mailings(JANE, brand, agency, tmp_path, paths, ready=ready)
    assert seen == [False]
    assert [(m.note, m.drafted) for m in mailings] == [(1, True), (2, True)]
    for n in (1, 2):
        (attached,) = list(_eml(outputs[f"note-{n}.eml"]).iter_attachments())
        assert attached.get_content() == PDF


def test_ready_keeps_the_order_of_the_mailings_when_one_is_skipped(
    tmp_path: Path, brand: Brand, pdfs: dict[int, Path]
) -> None:
    calls: list[str] = []
    agency = NoteAgency("TBWA\\Media Arts Lab", True, "creative")
    _outputs, _warnings, mailings = write_mailings(
        JANE, brand, agency, tmp_path, {1: pdfs[1], 2: None}, ready=lambda: calls.append("ready")
    )
    assert calls == ["ready"]
    assert [(m.note, m.drafted) for m in mailings] == [(1, True), (2, False)]


def test_the_about_paragraph_does_not_deny_what_the_document_cites() -> None:
    """A profile that cites Wikipedia's pages by way of the agency list, and reports inside its
    news window, does not say that nothing came from Wikipedia or that no news was found."""
    from datetime import UTC, datetime

    from dossier.model import Article, Citation

    report = fact(
        "relationship",
        Article(
            headline="Acme Holdings keeps Example Agency",
            url="https://www.adweek.com/x",
            outlet="Adweek",
            published=datetime(2026, 10, 1, tzinfo=UTC),
        ),
        source="articles",
    )
    d = dossier(
        fact("description", "an agency", source="gazetteer"),
        gaps=[
            Gap(source="wikipedia", message="no article"),
            Gap(source="google_news", message="x"),
        ],
    )
    d.organisation.relationship = [report]
    d.citations = [
        *d.citations,
        Citation(
            number=9,
            source="gazetteer",
            label="wikipedia.org, read for the agency list",
            url="https://en.wikipedia.org/wiki/Example_Agency",
            retrieved_at=datetime(2026, 11, 20, tzinfo=UTC),
        ),
    ]
    text = about_text(d, "agency-profile")
    assert "No information was available from Wikipedia" not in text
    assert "No news coverage" not in text
    d.organisation.relationship = []
    assert "No news coverage of " in about_text(d, "agency-profile")
