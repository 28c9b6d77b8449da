"""The briefing for a moved contact: the company report, the incumbent-agency profile and the
two cover notes, in one folder. Builds on ``pipeline.build`` (the company report)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import config
from .agency import describe, load_gazetteer
from .audit import audit
from .errors import ResolutionError
from .model import Dossier, ReviewWarning
from .notes import Contact, check_note, note_names, render_note, subject, write_note
from .profile import AgencyFinding, agency_context, find_incumbent, research_agency
from .render import AGENCY, template_files, write_outputs

log = logging.getLogger(__name__)


@dataclass
class AgencyOutcome:
    """What the agency step produced."""

    finding: AgencyFinding
    dossier: Dossier | None = None
    outputs: dict[str, Path] = field(default_factory=dict)
    warnings: list[ReviewWarning] = field(default_factory=list)


def gazetteer_file() -> Path | None:
    """The user's ``sources/agencies.toml``, when there is one."""
    folder = config.user_sources_dir()
    path = folder / "agencies.toml" if folder else None
    return path if path is not None and path.is_file() else None


def agency_step(
    company: Dossier,
    named: str | None,
    rt: Any,
    settings: dict[str, config.SourceSettings],
    news_days: int,
    folder: Path,
    formats: tuple[str, ...],
    templates: Path | None,
    cache: dict[Any, Any] | None = None,
) -> AgencyOutcome:
    """Find the incumbent agency in the company's news (or take ``named``) and profile it.

    ``cache`` (a batch's) keeps each (company, agency) researched once.
    """
    org = company.organisation
    key = (org.display_name, (named or "").casefold())
    if cache is not None and key in cache:
        finding, researched = cache[key]
    else:
        gazetteer = load_gazetteer(gazetteer_file())
        finding = find_incumbent(
            org.display_name, org.news, gazetteer, company.generated_at.date(), named
        )
        researched: Any = None
        if finding.name is not None:
            try:
                researched = research_agency(finding, rt.client, settings, rt.contact, news_days)
            except ResolutionError as exc:
                researched = exc
        if cache is not None:
            cache[key] = (finding, researched)
    outcome = AgencyOutcome(finding=finding)
    if finding.name is None:
        outcome.warnings.append(
            ReviewWarning(
                kind="agency",
                message=f"No public evidence of {org.display_name}'s agency was found "
                "in the news searched; no agency profile was written. Name it with --agency.",
            )
        )
        return outcome
    if not finding.confirmed:
        outcome.warnings.append(
            ReviewWarning(
                kind="agency",
                message="Agency unconfirmed: choose in review. Candidates: "
                + "; ".join(describe(c) for c in finding.candidates[:5]),
            )
        )
    if isinstance(researched, Exception) or researched is None:
        outcome.warnings.append(ReviewWarning(kind="agency", message=str(researched)))
        return outcome
    dossier = researched.model_copy(
        update={
            "prepared_for": company.prepared_for,
            "max_figure_age_months": company.max_figure_age_months,
        }
    )
    extra = agency_context(dossier, finding, news_days)
    dossier.warnings = audit(dossier, template_files(templates, AGENCY), extra["extra_sentences"])
    outcome.dossier = dossier
    outcome.outputs = write_outputs(
        dossier, folder, formats, rt.brand, templates, AGENCY, extra, pdf=rt.pdf
    )
    outcome.warnings.extend(dossier.warnings)
    return outcome


def notes_step(
    contact: Contact,
    brand: config.Brand,
    agency_name: str | None,
    folder: Path,
    attachments: dict[int, Path | None],
    templates: Path | None,
) -> tuple[dict[str, Path], list[ReviewWarning]]:
    """Render both notes, check them for asks and words to watch, and write them."""
    outputs: dict[str, Path] = {}
    warnings: list[ReviewWarning] = []
    names = note_names(contact, brand, agency_name)
    for which in (1, 2):
        if which == 1 and agency_name is None and attachments.get(1) is None:
            continue  # no agency profile to send
        markdown = render_note(which, contact, brand, agency_name, templates)
        stem = f"note-{which}"
        for f in check_note(markdown, names):
            warnings.append(
                ReviewWarning(
                    kind="ask" if f.guideline == "dossier ask-guard" else "neutrality",
                    message=f"{stem}.md line {f.line}: “{f.term}” ({f.category.replace('_', ' ')}): "
                    f"{f.advice}",
                    detail={**f.as_dict(), "note": stem},
                )
            )
        paths = write_note(
            folder,
            stem,
            markdown,
            contact,
            brand,
            subject(which, contact, agency_name),
            attachments.get(which),
        )
        outputs.update({f"{stem}.{k}": v for k, v in paths.items()})
    return outputs, warnings
