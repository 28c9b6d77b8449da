"""Where each contact of a batch stands for a reviewer, and what to do next.

Pure reading of the batch state and each contact's ``review.json``; the review app (and any
other front end) shows these, so every reader counts and advises the same way.

A contact's *stage* is one of:

- ``sent-ready``: approved, unchanged since, with at least one ``.eml`` draft to export;
- ``approved``: approved, but nothing to export (no draft) or changed since approval;
- ``ready``: built and not reviewed, and nothing stops its approval;
- ``attention``: something must be done first (failed, rejected, agency to choose, a choice
  not in the documents yet, changed since approval);
- ``waiting``: not built yet, being built, or skipped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..crm.priority import counted, reason_line
from ..fsutil import slugify
from .state import BatchState, ContactState, inside

STAGES = ("ready", "attention", "approved", "sent-ready", "waiting")
STAGE_LABELS = {
    "ready": "Ready to approve",
    "attention": "Needs attention",
    "approved": "Approved",
    "sent-ready": "Approved, drafts ready to send",
    "waiting": "Not built yet",
}
REVIEW_FILE = "review.json"
MAX_REVIEW_BYTES = 5_000_000

#: What a reviewer does about each kind of warning.
ADVICE = {
    "agency": "Choose the agency (or none) per discipline below, from the candidates and their "
    "reports when there are any, or by name if you know it; then rebuild.",
    "agency-profile": "Read the agency profile; correct a wrong fact below, then rebuild.",
    "company-report": "Read the company report; correct a wrong fact below, then rebuild.",
    "ask": "Edit the note below so it asks for nothing; the check runs again when you save.",
    "neutrality": "Reword the sentence neutrally (the note below, or a template); the check "
    "runs again when you save a note.",
    "greeting": "Check the greeting in both notes; edit them below, or fix the name in the sheet "
    "and rebuild.",
    "sender": "Add the owner to [[senders]] in brand.toml (or fix the Owner column), then "
    "rebuild; or check that the default sender is right.",
    "mailing": "Nothing to send for that note; read why, and fix its cause if it should go.",
    "example": "Example data: do not send this briefing as research.",
    "stale": "An old figure is shown with its year; check it is still the latest, or set the "
    "current one below.",
    "conflict": "Sources disagree; check which is right and set it below if needed.",
    "gap": "Something was not found; set it below if you know it from a reliable source.",
    "reviewer": "A note from a reviewer's corrections: read it.",
    "edited": "A reviewer's wording of a note is used: read it once more before approving.",
    "sheet": "The sheet row changed after approval: reject to rebuild it from the new row, or "
    "keep the approved drafts (approve again).",
    "font": "Install a font that has these characters (for Chinese, Japanese or Korean, Noto Sans "
    "CJK) and rebuild, or write the name in Latin letters in the sheet.",
}
#: The kinds of review warning that stop approval until they are fixed or acknowledged
#: (:mod:`dossier.batch.decide`), with what each means in plain words.
BLOCKING = {
    "greeting": "the first name is unclear, so the greeting may be wrong",
    "sender": "the owner is not a known sender, so someone else signs the notes",
    "example": "the documents hold example data, not research",
    "font": "some characters print as empty boxes (no font on this computer has them)",
}
DEFAULT_ADVICE = "Read it before approving; correct a fact below if one is wrong."


@dataclass
class Standing:
    """One contact for the review pages: its stage, why it needs attention, its files."""

    contact: ContactState
    stage: str
    reasons: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)  # .eml files among its outputs

    @property
    def priority(self) -> int | None:
        """The CRM priority (0-100; None before a run scored the contact)."""
        return self.contact.priority

    @property
    def priority_label(self) -> str:
        """ "high", "medium" or "low" (empty when no priority was computed)."""
        return self.contact.priority_label

    @property
    def priority_reasons(self) -> list[str]:
        """One line per signal that counted: "C-level marketing leadership (30/30)"."""
        return [reason_line(r) for r in counted(self.contact.priority_reasons)]


def standing(state: BatchState, c: ContactState) -> Standing:
    """Where ``c`` stands (see the module docstring)."""
    drafts = sorted(rel for rel in c.outputs.values() if rel.endswith(".eml"))
    changed = state.changed_since_approval(c.key) if c.decision == "approved" else []
    out = Standing(contact=c, stage="waiting", changed=changed, drafts=drafts)
    who = c.name or c.key
    if c.decision == "approved":
        if changed:
            out.reasons.append(f"Changed since approval: {', '.join(changed)}.")
        if c.current and c.sheet_changes:
            out.reasons.append(
                f"Approved, but the sheet changed since: {', '.join(c.sheet_changes)}. "
                "Reject it to rebuild it, or keep the approved drafts."
            )
        out.stage = "sent-ready" if drafts and not changed and not c.sheet_changes else "approved"
        return out
    if c.status == "failed":
        out.reasons.append(f"Could not be built: {c.error or 'see the error'}.")
    if c.decision == "rejected":
        out.reasons.append(f"Rejected by {c.review_by or 'a reviewer'}: {c.review_note or ''}")
    if c.status == "done":
        if roles := c.unresolved_roles():
            out.reasons.append(
                f"The agency is unconfirmed ({', '.join(roles)}): choose one, or none."
            )
        if c.needs_rebuild:
            out.reasons.append("The agency chosen in review is not in the documents: rebuild.")
        if c.sheet_changes:
            out.reasons.append(
                f"The sheet changed since it was built ({', '.join(c.sheet_changes)}): rebuild."
            )
        if kinds := sorted({str(w.get("kind")) for w in c.warnings if w.get("kind") in BLOCKING}):
            out.reasons.append(
                f"Fix before sending, or tick that you have checked them: {', '.join(kinds)}."
            )
    if out.reasons:
        out.stage = "attention"
    elif c.status == "done" and c.current:
        out.stage = "ready"
    if not c.current:
        out.reasons.append(f"{who} is no longer in the sheet.")
    return out


def counts(standings: list[Standing]) -> dict[str, int]:
    """{ready, attention, approved (sent-ready included), sent-ready, waiting} over current
    contacts."""
    out = dict.fromkeys(STAGES, 0)
    for s in standings:
        if not s.contact.current:
            continue
        out[s.stage] += 1
        if s.stage == "sent-ready":
            out["approved"] += 1
    return out


def sort_key(s: Standing) -> tuple[Any, ...]:
    """The highest CRM priority first (contacts not scored last), then by name."""
    p = s.priority
    rank = (1, 0) if p is None else (0, -p)
    return (rank, str(s.contact.name).casefold(), s.contact.key)


def contact_folder(state: BatchState, c: ContactState) -> Path | None:
    """The contact's own folder inside the batch (None if it would be outside)."""
    name = c.folder if c.folder and "/" not in c.folder and "\\" not in c.folder else c.key
    return inside(state.batch_dir, name) or inside(state.batch_dir, c.key)


def read_review(state: BatchState, c: ContactState) -> dict[str, Any]:
    """The contact's ``review.json`` (empty when there is none or it cannot be read)."""
    rel = c.outputs.get("review")
    path = inside(state.batch_dir, rel) if rel else None
    if path is None:
        folder = contact_folder(state, c)
        path = folder / REVIEW_FILE if folder is not None else None
    if path is None or not path.is_file() or path.stat().st_size > MAX_REVIEW_BYTES:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def review_path(state: BatchState, c: ContactState) -> Path | None:
    folder = contact_folder(state, c)
    return folder / REVIEW_FILE if folder is not None else None


def agency_roles(c: ContactState, record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per discipline: the state's decision (the reviewer's choice applied) and the build's
    candidates with their reports, from review.json."""
    detailed = {
        str(r.get("role")): r
        for r in ((record.get("agency") or {}).get("roles") or [])
        if isinstance(r, Mapping)
    }
    out = []
    for role in [*c.roles(), *(r for r in detailed if r not in c.roles())]:
        st = c.role_state(role)
        cands = [
            {
                "agency": str(x.get("agency") or ""),
                "status": str(x.get("status") or ""),
                "confidence": x.get("confidence"),
                "reports": x.get("reports"),
                "latest": x.get("latest"),
                "reason": str(x.get("reason") or ""),
                "in_gazetteer": bool(x.get("in_gazetteer")),
                "evidence": [e for e in x.get("evidence") or [] if isinstance(e, Mapping)],
            }
            for x in (detailed.get(role) or {}).get("candidates") or []
            if isinstance(x, Mapping) and x.get("agency")
        ]
        known = {x["agency"] for x in cands}
        for name in (c.agency_roles.get(role) or {}).get("candidates") or []:
            if name and name not in known:  # kept in the state only (an older review.json)
                cands.append({"agency": str(name), "status": "", "evidence": []})
        out.append(
            {
                "role": role,
                "agency": st.get("agency"),
                "status": st.get("status") or "none",
                "chosen_by": st.get("chosen_by") or "",
                "found": st.get("found"),
                "decided": st.get("decided") or "",  # how: named in the sheet, chosen by ...
                "profiled": role == c.profiled_role() and bool(st.get("agency")),
                "drafted": st.get("drafted") is not False,
                "unresolved": role in c.unresolved_roles(),
                # nothing could be read to look for one (see dossier.build.agency_warning)
                "unsearched": st.get("searched") is False,
                "candidates": cands,
            }
        )
    return out


def company_override_names(c: ContactState, record: Mapping[str, Any]) -> list[str]:
    """The names an override file for the contact's company may be under (the build looks for
    the sheet's name first, then the resolved one)."""
    names = [c.company, str(record.get("company") or "")]
    seen: list[str] = []
    for n in names:
        if n and slugify(n) not in {slugify(s) for s in seen}:
            seen.append(n)
    return seen


def newest_batch(output: Path) -> Path:
    """The most recently updated batch folder (one with a state) under ``output``."""
    from ..errors import ConfigError
    from .records import FILENAME as STATE_FILE

    found = [p.parent for p in Path(output).glob(f"*/{STATE_FILE}") if p.is_file()]
    if not found:
        raise ConfigError(
            f"No batch folder under {output}/; run dossier batch first, or give --batch DIR."
        )
    return max(found, key=lambda p: (p / STATE_FILE).stat().st_mtime)
