"""Who moved: compare two CRM exports and write the moved-contacts sheet ``dossier batch`` reads.

A contact of the old export is matched to one of the new export, in this order:

1. the same CRM record id (both exports have a Record ID / Contact ID column);
2. the same e-mail address (case ignored);
3. the same name (accents, case, punctuation and word order ignored), when exactly one
   contact of the new export has it;
4. a fuzzy name (rapidfuzz ``token_sort_ratio`` of 90 or more, and at least 5 points ahead
   of the next candidate, and the first letters of the surnames agree), so "Jon Smith" finds
   "John Smith" but "Jane Doe" never finds "Jane Dow" and "Jane Dee" at once.

A matched pair is classified by the cleaned company names (``names.clean_name``: "Acme Inc."
= "ACME") and titles:

- ``moved``: another company;
- ``promoted``: the same company, a more senior title (``priority.seniority_rank``, or a
  title that adds Senior, Head, Lead, Principal or Chief);
- ``role_change``: the same company, another title;
- ``left``: the new export has no company for the contact, or no longer has the contact;
- ``new``: in the new export only.

Unchanged contacts are not written. A bad row (no name and no e-mail, a malformed address,
a repeated contact) is reported with its file and row number and left out; it never stops
the run. The change date is the export's Job Change Date column, else the new record's
Last Modified Date when it changed, else empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from ..batch.contacts import (
    _EMAIL,
    MAX_CELL_CHARS,
    RowProblem,
    email_problem,
    mask_email,
    parse_date,
)
from ..errors import ConfigError
from ..fsutil import transliterate
from ..names import clean_name
from .columns import EXPORT_COLUMNS, MOVED_COLUMNS, match_columns
from .priority import seniority_rank
from .sheets import Table, read_table, write_table

DEFAULT_OUT = Path("moved-contacts.csv")
FUZZY_MIN = 90
FUZZY_MARGIN = 5
_SENIOR_WORDS = re.compile(r"\b(?:senior|sr|head|lead|principal|chief|executive|global)\b")


@dataclass(frozen=True)
class Person:
    """One contact of an export, cleaned."""

    row: int
    record_id: str
    name: str
    email: str
    company: str
    title: str
    owner: str
    created: str
    modified: str
    changed: str
    industry: str
    employees: str

    @cached_property
    def name_key(self) -> str:
        return name_key(self.name)


@dataclass
class Export:
    """The contacts of one export and its bad rows."""

    source: Path
    people: list[Person] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One row of the moved-contacts sheet."""

    change: str
    old: Person | None
    new: Person | None
    matched_by: str = ""

    @property
    def person(self) -> Person:
        p = self.new or self.old
        assert p is not None
        return p

    def as_row(self) -> dict[str, str]:
        old, new, p = self.old, self.new, self.person
        date_text = ""
        if new is not None and new.changed:
            date_text = new.changed
        elif old is not None and new is not None and new.modified and new.modified != old.modified:
            date_text = new.modified
        day, _why = parse_date(date_text)
        return {
            "Contact Name": p.name,
            "Email": (new.email if new is not None and new.email else old.email if old else ""),
            "change": self.change,
            "Previous Company": old.company if old else "",
            "New Company": new.company if new and self.change != "left" else "",
            "Previous Title": old.title if old else "",
            "New Title": new.title if new and self.change != "left" else "",
            "Start Date": day.isoformat() if day else "",
            "Owner": (new.owner if new and new.owner else old.owner if old else ""),
            "Industry": new.industry if new and self.change != "left" else "",
            "Employees": new.employees if new and self.change != "left" else "",
            "Relationship Since": _iso(old.created if old else p.created),
            "Matched By": self.matched_by,
            "Old Row": str(old.row) if old else "",
            "New Row": str(new.row) if new else "",
        }


@dataclass
class ChangeReport:
    """What ``compare`` found: the changes, the bad rows of each export, and the counts."""

    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "old.csv row 7: ..."
    warnings: list[str] = field(default_factory=list)
    unchanged: int = 0
    out: Path | None = None

    def counts(self) -> dict[str, int]:
        out = {c: 0 for c in ("moved", "promoted", "role_change", "left", "new")}
        for ch in self.changes:
            out[ch.change] += 1
        out["unchanged"] = self.unchanged
        return out


def name_key(name: str) -> str:
    """ "Dr. José  O'Neil-Smith" -> "jose neil oneil smith"... : plain, sorted words."""
    text = transliterate(str(name)).casefold()
    text = re.sub(r"\b(?:dr|mr|mrs|ms|mx|prof|jr|sr|ii|iii|phd|mba)\b\.?", " ", text)
    words = re.sub(r"[^a-z0-9]+", " ", text.replace("'", "")).split()
    return " ".join(sorted(words))


def _iso(text: str) -> str:
    day, _why = parse_date(text)
    return day.isoformat() if day else ""


def read_export(path: Path) -> Export:
    """Read one CRM export; bad rows become problems, never errors."""
    table = read_table(path, "CRM export")
    return _people(table)


def _people(table: Table) -> Export:
    found = match_columns(table.headers)
    name = table.source.name
    if (
        "name" not in found
        and not {"first_name", "last_name"} & found.keys()
        and ("email" not in found)
    ):
        seen = ", ".join(h for h in table.headers if h) or "none"
        raise ConfigError(
            f"{name} has no column for the contact's name or e-mail. Columns found: {seen}. "
            f"Expected: {EXPORT_COLUMNS['name'][0]} (or first name + last name) and "
            f"{EXPORT_COLUMNS['email'][0]}, as HubSpot, Salesforce and Dynamics export them."
        )
    if "company" not in found:
        seen = ", ".join(h for h in table.headers if h) or "none"
        raise ConfigError(
            f"{name} has no company column (Company Name, Account Name, Company). Columns "
            f"found: {seen}. Export the contacts with their company."
        )
    out = Export(source=table.source, warnings=list(table.warnings))
    out.columns = {f: table.headers[i] for f, i in found.items()}
    by_id: dict[str, int] = {}
    by_email: dict[str, int] = {}
    for number, cells in table.rows:

        def get(f: str, cells: list[str] = cells) -> str:
            i = found.get(f)
            return cells[i] if i is not None and i < len(cells) else ""

        too_long = [
            table.headers[i]
            for i in found.values()
            if i < len(cells) and len(cells[i]) > MAX_CELL_CHARS
        ]
        if too_long:
            out.problems.append(
                RowProblem(
                    number, f"The {too_long[0]} cell is longer than {MAX_CELL_CHARS:,} characters."
                )
            )
            continue
        full = get("name") or " ".join(p for p in (get("first_name"), get("last_name")) if p)
        email = re.sub(r"(?i)^mailto:", "", get("email")).strip()
        if email and not _EMAIL.match(email):
            out.problems.append(
                RowProblem(
                    number,
                    f"The e-mail address {mask_email(email)} is malformed "
                    f"({email_problem(email)}); the row was left out.",
                )
            )
            continue
        if not full and not email:
            out.problems.append(RowProblem(number, "It has no name and no e-mail address."))
            continue
        if not full:
            full = email.partition("@")[0].replace(".", " ").title()
            out.warnings.append(
                RowProblem(number, "It has no name; the name was taken from the e-mail address.")
            )
        person = Person(
            row=number,
            record_id=get("record_id"),
            name=full,
            email=email,
            company=get("company"),
            title=get("title"),
            owner=get("owner"),
            created=get("created"),
            modified=get("modified"),
            changed=get("changed"),
            industry=get("industry"),
            employees=get("employees"),
        )
        key = email.casefold()
        if person.record_id and person.record_id in by_id:
            first = by_id[person.record_id]
            out.problems.append(
                RowProblem(
                    number, f"It repeats the record id of row {first}; row {first} was kept."
                )
            )
            continue
        if key and key in by_email:
            first = by_email[key]
            out.problems.append(
                RowProblem(
                    number,
                    f"It repeats the e-mail address of row {first} ({person.name}); row {first} was kept.",
                )
            )
            continue
        if person.record_id:
            by_id[person.record_id] = number
        if key:
            by_email[key] = number
        out.people.append(person)
    return out


def _surname_initial(key: str, name: str) -> str:
    words = re.sub(r"[^a-z0-9 ]+", " ", transliterate(name).casefold()).split()
    return words[-1][:1] if words else key[:1]


def _fuzzy(old: Person, pool: Mapping[int, Person]) -> tuple[Person, int] | None:
    """The one clearly best similar name in ``pool`` ({id: person}), with its score."""
    scored = process.extract(
        old.name_key,
        {k: p.name_key for k, p in pool.items()},
        scorer=fuzz.token_sort_ratio,
        limit=2,
        score_cutoff=FUZZY_MIN - FUZZY_MARGIN,
    )
    if not scored or scored[0][1] < FUZZY_MIN:
        return None
    best, person = round(scored[0][1]), pool[scored[0][2]]
    if len(scored) > 1 and best - round(scored[1][1]) < FUZZY_MARGIN:
        return None
    if _surname_initial(old.name_key, old.name) != _surname_initial(person.name_key, person.name):
        return None
    return person, best


def _promoted(old: str, new: str) -> bool:
    ro, rn = seniority_rank(old), seniority_rank(new)
    if rn != ro:
        return rn > ro
    return bool(_SENIOR_WORDS.search(_plain(new))) and not _SENIOR_WORDS.search(_plain(old))


def _plain(title: str) -> str:
    return re.sub(r"[^a-z ]+", " ", transliterate(title).casefold())


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


#: Cleaned company names (cleanco is slow; an export repeats its companies).
_company = lru_cache(maxsize=65536)(clean_name)


def classify(old: Person, new: Person) -> str | None:
    """The change between two records of one contact, or None when nothing changed."""
    if not new.company.strip():
        return "left" if old.company.strip() else None
    if not old.company.strip() or _company(old.company) != _company(new.company):
        return "moved"
    if _same(old.title, new.title):
        return None
    return "promoted" if _promoted(old.title, new.title) else "role_change"


def compare(old: Export, new: Export) -> ChangeReport:
    """Match the two exports' contacts and classify what changed, in the old export's order
    (the new export's newcomers last)."""
    report = ChangeReport()
    for export in (old, new):
        report.problems += [
            f"{export.source.name} row {p.row}: {p.message}" for p in export.problems
        ]
        report.warnings += [
            f"{export.source.name} row {p.row}: {p.message}" for p in export.warnings
        ]
    left_new = {id(p): p for p in new.people}
    ids = {p.record_id: p for p in new.people if p.record_id}
    emails = {p.email.casefold(): p for p in new.people if p.email}
    use_ids = "record_id" in old.columns and "record_id" in new.columns
    pairs: list[tuple[Person, Person | None, str]] = []
    pending: list[Person] = []
    for person in old.people:
        hit: Person | None = None
        how = ""
        if use_ids and person.record_id and (cand := ids.get(person.record_id)) is not None:
            hit, how = cand, "record id"
        elif person.email and (cand := emails.get(person.email.casefold())) is not None:
            hit, how = cand, "e-mail"
        if hit is not None and id(hit) in left_new:
            del left_new[id(hit)]
            pairs.append((person, hit, how))
        else:
            pending.append(person)
    # Names only among the contacts no id or address claimed.
    by_key: dict[str, list[Person]] = {}
    for p in left_new.values():
        by_key.setdefault(p.name_key, []).append(p)
    for person in pending:
        exact = [p for p in by_key.get(person.name_key, []) if id(p) in left_new and p.name_key]
        hit, how = None, ""
        if len(exact) == 1:
            hit, how = exact[0], "name"
        elif len(exact) > 1:
            report.warnings.append(
                f"{old.source.name} row {person.row}: {person.name} has the same name as "
                f"{len(exact)} contacts of {new.source.name} (rows "
                f"{', '.join(str(p.row) for p in exact)}); not matched: add the e-mail addresses."
            )
        elif person.name_key and (fuzzy := _fuzzy(person, left_new)) is not None:
            hit, score = fuzzy
            how = f"similar name ({score}%)"
            report.warnings.append(
                f"{old.source.name} row {person.row}: {person.name} matched {hit.name} "
                f"({new.source.name} row {hit.row}) by a similar name ({score}%); check it."
            )
        if hit is not None:
            del left_new[id(hit)]
        pairs.append((person, hit, how))
    order = {id(p): i for i, p in enumerate(old.people)}
    pairs.sort(key=lambda t: order[id(t[0])])
    for before, after, how in pairs:
        if after is None:
            report.changes.append(Change("left", before, None, "not in the new export"))
            continue
        kind = classify(before, after)
        if kind is None:
            report.unchanged += 1
        else:
            report.changes.append(Change(kind, before, after, how))
    report.changes += [Change("new", None, p, "not in the old export") for p in left_new.values()]
    return report


def write_changes(report: ChangeReport, out: Path) -> Path:
    """Write the moved-contacts sheet (CSV or XLSX by the suffix)."""
    report.out = write_table(out, MOVED_COLUMNS, (c.as_row() for c in report.changes))
    return report.out


def detect_changes(old: Path, new: Path, out: Path = DEFAULT_OUT) -> ChangeReport:
    """``dossier changes OLD NEW -o OUT``: read both exports, compare, write the sheet."""
    if Path(old).resolve() == Path(new).resolve():
        raise ConfigError(f"{Path(old).name} is given twice: compare an older and a newer export.")
    if Path(out).resolve() in (Path(old).resolve(), Path(new).resolve()):
        raise ConfigError(f"-o {out} would overwrite an export; name another file.")
    report = compare(read_export(old), read_export(new))
    write_changes(report, out)
    return report
