"""Whom to follow first: a score from 0 to 100 per moved contact, from documented signals.

Each signal gives points up to its weight (``[priority]`` in ``firm.toml``; the defaults add
up to 100) and says why in one line, so a reviewer can check every point:

========================  =====  ==========================================================
signal                    max    points
========================  =====  ==========================================================
industry                  40     all when the new company's industry is one of the firm's
                                 verticals: its SEC SIC code (from research) starts with a
                                 ``[verticals] sic`` code, its Wikidata industry (from
                                 research) is one of ``[verticals] industries`` (label or
                                 id), or the sheet's Industry column names one of them;
                                 none when it is known and is not; none when not known
seniority                 30     of the new title: C-level marketing (CMO, chief marketing,
                                 brand, growth, communications... officer) all; vice
                                 president, head or director of marketing, brand,
                                 communications, media, creative... 80 %; another C-level
                                 or president 60 %; a marketing manager or lead 40 %;
                                 another vice president, head or director 30 %; else none
size                      20     employees of the new company (research, else the sheet):
                                 10,000 or more all; 1,000 75 %; 250 50 %; 50 25 %
relationship              10     years since the relationship began (the CRM record's
                                 create date, or a Relationship Since column) to the
                                 change: 5 or more all; 3 70 %; 1 40 %; less 10 %
========================  =====  ==========================================================

A score of 60 or more is "high", 30 or more "medium", else "low". Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .firm import Firm, is_qid

HIGH, MEDIUM = 60, 30
SIGNALS = ("industry", "seniority", "size", "relationship")

_MARKETING = (
    r"marketing|brand(?:s|ing)?|communications?|comms|advertising|growth|media|digital|"
    r"creative|public\s+relations|pr|content|demand\s+generation|customer\s+experience|"
    r"consumer|insights?|e-?commerce|social"
)
_MARKETING_WORD = re.compile(rf"\b(?:{_MARKETING})\b")
_CMO = re.compile(r"\bcmo\b|\bchief\b[^,;/|]*\b(?:" + _MARKETING + r")\b[^,;/|]*\bofficer\b")
_C_LEVEL = re.compile(
    r"\bchief\b|\bc[a-z]{1,2}o\b|(?<!vice )\bpresident\b|\bfounder\b|\bmanaging\s+director\b|"
    r"\bmanaging\s+partner\b|\bgeneral\s+manager\b"
)
_VP = re.compile(r"\bvice\s+president\b|\b[se]?vp\b|\bhead\b|\bdirector\b|\bdir\b|\bpartner\b")
_MANAGER = re.compile(r"\bmanager\b|\blead\b|\bmgr\b|\bspecialist\b|\bstrategist\b")
#: (rank, share of the seniority points, what the reason calls it)
TIERS = {
    5: (1.0, "C-level marketing leadership"),
    4: (0.8, "marketing leadership (vice president, head or director)"),
    3: (0.6, "C-level or president"),
    2: (0.4, "marketing manager or lead"),
    1: (0.3, "vice president, head or director outside marketing"),
    0: (0.0, "no seniority signal"),
}
SIZE_BANDS = ((10_000, 1.0), (1_000, 0.75), (250, 0.5), (50, 0.25))
RELATIONSHIP_BANDS = ((5.0, 1.0), (3.0, 0.7), (1.0, 0.4), (0.0, 0.1))
_NUMBER = re.compile(r"\d[\d,.\s]*")
_INDUSTRY_NOISE = re.compile(r"\b(?:industry|industries|sector|and|the|of)\b|&")


@dataclass(frozen=True)
class Reason:
    """One signal's points and why."""

    signal: str
    points: int
    max: int
    text: str

    def as_dict(self) -> dict[str, object]:
        # as dataclasses.asdict gives it (the fields are plain values), without its deep copy
        return {"signal": self.signal, "points": self.points, "max": self.max, "text": self.text}


@dataclass(frozen=True)
class Priority:
    """The score (0-100) and the reasons, in signal order."""

    score: int
    reasons: tuple[Reason, ...]

    @property
    def label(self) -> str:
        return priority_label(self.score)

    def summary(self) -> str:
        """ "78 high: CMO (30/30); SIC 2834 ... (40/40)" for a terminal line."""
        parts = [reason_line(r.as_dict()) for r in self.reasons if r.max]
        return f"{self.score} {self.label}: " + "; ".join(parts)


def counted(reasons: Iterable[object] | None) -> list[Mapping[str, object]]:
    """The stored reasons (``Reason.as_dict``, as the batch state keeps them) of the signals
    that were scored: a signal worth no points (``max`` 0) is not a reason."""
    return [r for r in reasons or () if isinstance(r, Mapping) and r.get("max")]


def reason_line(reason: Mapping[str, object]) -> str:
    """ "C-level marketing leadership (30/30)": a stored reason as a reader sees it."""
    return f"{reason.get('text', '')} ({reason.get('points', 0)}/{reason.get('max')})"


@dataclass(frozen=True)
class Signals:
    """What is known about one moved contact and the new company."""

    title: str = ""
    sic: tuple[str, str] | None = None  # (code, description), from research (SEC)
    industries: tuple[tuple[str, str], ...] = ()  # (label, Wikidata id or ""), from research
    industry_source: str = ""  # "Wikidata", for the reason
    sheet_industry: str = ""  # the sheet's Industry column
    employees: float | None = None  # from research
    employees_source: str = ""  # "Wikidata, 2024"
    sheet_employees: str = ""  # the sheet's column ("1,001-5,000")
    relationship_since: date | None = None
    as_of: date = field(default_factory=date.today)  # the change date, else today


def priority_label(score: int | None) -> str:
    """ "high" (60+), "medium" (30+), "low", or "" when there is no score."""
    if score is None:
        return ""
    return "high" if score >= HIGH else "medium" if score >= MEDIUM else "low"


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(re.sub(r"[^\w&+-]+", " ", text).split())


def seniority_rank(title: str) -> int:
    """0 (no signal) to 5 (C-level marketing): see :data:`TIERS`."""
    t = _plain(title)
    if not t:
        return 0
    marketing = bool(_MARKETING_WORD.search(t))
    if _CMO.search(t):
        return 5
    if _C_LEVEL.search(t):
        return 5 if marketing and re.search(r"\bchief\b", t) else 3
    if _VP.search(t):
        return 4 if marketing else 1
    if _MANAGER.search(t) and marketing:
        return 2
    return 0


def _industry_key(text: str) -> str:
    return " ".join(_INDUSTRY_NOISE.sub(" ", _plain(text)).split())


def _same_industry(a: str, b: str) -> bool:
    from rapidfuzz import fuzz  # only when firm.toml names industries (keeps reruns quick)

    ka, kb = _industry_key(a), _industry_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    prefix = long_.startswith(short) or short.startswith(long_[: len(short)])
    if len(short) >= 5 and prefix and fuzz.ratio(short, long_[: len(short) + 2]) >= 90:
        return True  # "pharmaceutical(s)"
    return fuzz.token_set_ratio(ka, kb) >= 90 and min(len(ka), len(kb)) >= 4


def _industry(s: Signals, firm: Firm, weight: int) -> Reason:
    if not firm.has_verticals:
        return Reason("industry", 0, weight, "industry not compared: firm.toml sets no verticals")
    known: list[str] = []
    if s.sic is not None:
        code, description = s.sic
        named = f"SIC {code}" + (f" ({description})" if description else "")
        hit = next((p for p in firm.sic if code.startswith(p)), None)
        if hit is not None:
            return Reason(
                "industry", weight, weight, f"{named} is in the firm's verticals (SIC {hit})"
            )
        known.append(named)
    for label, qid in s.industries:
        hit = next(
            (
                v
                for v in firm.industries
                if (is_qid(v) and qid and v.upper() == qid.upper())
                or (not is_qid(v) and _same_industry(v, label))
            ),
            None,
        )
        where = f" ({s.industry_source})" if s.industry_source else ""
        if hit is not None:
            return Reason(
                "industry",
                weight,
                weight,
                f"industry {label}{where} is one of the firm's verticals",
            )
        known.append(f"{label}{where}")
    if s.sheet_industry:
        hit = next(
            (v for v in firm.industries if not is_qid(v) and _same_industry(v, s.sheet_industry)),
            None,
        )
        if hit is not None:
            return Reason(
                "industry",
                weight,
                weight,
                f"industry {s.sheet_industry} (the sheet) is one of the firm's verticals ({hit})",
            )
        known.append(f"{s.sheet_industry} (the sheet)")
    if known:
        return Reason("industry", 0, weight, f"{'; '.join(known)}: not among the firm's verticals")
    return Reason("industry", 0, weight, "industry not known yet (no research, no Industry column)")


def _seniority(s: Signals, weight: int) -> Reason:
    if not s.title.strip():
        return Reason("seniority", 0, weight, "no new title in the sheet")
    share, what = TIERS[seniority_rank(s.title)]
    return Reason("seniority", round(weight * share), weight, f"{s.title}: {what}")


def parse_employees(text: str) -> float | None:
    """ "1,001-5,000" -> 1001; "10,001+" -> 10001; "5000" -> 5000; "" -> None (the lower end
    of a range: the bands then never overstate a company)."""
    m = _NUMBER.search(str(text))
    if not m:
        return None
    digits = re.sub(r"[,.\s]", "", m.group(0))
    if not digits.isdigit():
        return None
    value = float(digits)
    if re.search(r"\d\s*k\b", str(text).casefold()):
        value *= 1000
    return value


def _size(s: Signals, weight: int) -> Reason:
    if s.employees is not None:
        amount, where = s.employees, s.employees_source or "research"
    elif (parsed := parse_employees(s.sheet_employees)) is not None:
        amount, where = parsed, f"the sheet: {s.sheet_employees}"
    else:
        return Reason("size", 0, weight, "company size not known")
    share = next((sh for floor, sh in SIZE_BANDS if amount >= floor), 0.0)
    return Reason("size", round(weight * share), weight, f"{amount:,.0f} employees ({where})")


def _relationship(s: Signals, weight: int) -> Reason:
    if s.relationship_since is None:
        return Reason("relationship", 0, weight, "relationship length not in the sheet")
    years = (s.as_of - s.relationship_since).days / 365.25
    if years < 0:
        return Reason(
            "relationship",
            0,
            weight,
            f"relationship since {s.relationship_since.isoformat()} is after the change date",
        )
    share = next((sh for floor, sh in RELATIONSHIP_BANDS if years >= floor), 0.0)
    span = (
        f"{int(years)} years"  # whole years, as the bands count them
        if years >= 2
        else "about a year"
        if years >= 0.75
        else "under a year"
    )
    return Reason(
        "relationship",
        round(weight * share),
        weight,
        f"{span} since {s.relationship_since.isoformat()}",
    )


def score(signals: Signals, firm: Firm) -> Priority:
    """The contact's priority with one reason per signal."""
    w = firm.weights
    reasons = (
        _industry(signals, firm, w["industry"]),
        _seniority(signals, w["seniority"]),
        _size(signals, w["size"]),
        _relationship(signals, w["relationship"]),
    )
    total = sum(r.points for r in reasons)
    top = sum(r.max for r in reasons) or 1
    return Priority(round(100 * total / top), reasons)


def ranked(items: Iterable[tuple[str, Priority | None]]) -> list[str]:
    """Keys, highest priority first (no score last), ties in the given order."""
    listed = list(items)
    order = {k: i for i, (k, _p) in enumerate(listed)}
    return [
        k
        for k, _p in sorted(listed, key=lambda kp: (-(kp[1].score if kp[1] else -1), order[kp[0]]))
    ]
