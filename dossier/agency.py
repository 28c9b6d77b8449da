"""Who is the incumbent agency? A gazetteer of agencies, evidence from news text, and scoring.

Pure: no I/O except reading the gazetteer files. The evidence is text: the headline and feed
snippet of each Article fact. A sentence counts when it names the company and a gazetteer
agency; regular expressions classify the relation (appointed, won, incumbent, credit, ended,
review) and the role (creative, media, pr, digital). Scores decay with a two-year half-life and
a later "ended" or "review" report overrides earlier positives (see docs: sources.md section 9).
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date
from functools import cached_property, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from .errors import ConfigError
from .formatting import human_date
from .model import Article, Fact
from .perception import outlet_key
from .sources.names import clean_name

GAZETTEER_FILE = Path(__file__).resolve().parent / "data" / "agencies.toml"
DISCIPLINES = ("creative", "media", "pr", "digital", "holding")
FIELDS = (
    "name",
    "aliases",
    "holding",
    "network",
    "discipline",
    "hq",
    "source",
    "note",
    "ambiguous",
)
FUZZY_CUTOFF = 92  # rapidfuzz ratio on cleaned names
THRESHOLD = 0.6  # confidence needed before an incumbent is named
MARGIN = 0.15  # lead needed over the next current candidate of the same role
HALF_LIFE_DAYS = 2 * 365.25
UNDATED_FACTOR = 0.5
RELATION_WEIGHTS = {"appointed": 1.0, "won": 0.9, "incumbent": 0.5, "credit": 0.5}
NEGATIVE = ("ended", "review")
#: Outlet weights keyed by :func:`dossier.perception.outlet_key`; unlisted outlets weigh 1.0.
SOURCE_WEIGHTS: dict[str, float] = {}


@dataclass(frozen=True)
class AgencyEntry:
    """One agency, network or holding company from the gazetteer."""

    name: str
    aliases: tuple[str, ...] = ()
    holding: str = ""
    network: str = ""
    discipline: tuple[str, ...] = ()
    hq: str = ""
    source: str = ""
    note: str = ""
    ambiguous: tuple[str, ...] = ()  # names that are also ordinary words ("Mother")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Evidence:
    """One sentence that links the company and an agency (agency None: the account itself)."""

    agency: AgencyEntry | None
    relation: str  # appointed, won, incumbent, credit, ended, review
    role: str  # creative, media, pr, digital (or the entry's first discipline); "" = any role
    sentence: str
    article: Fact
    weight: float  # relation weight x source weight; 0 for ended and review
    role_stated: bool = True  # False when the role is the gazetteer's default, not the text's

    @property
    def published(self) -> date | None:
        value = self.article.value
        if isinstance(value, Article) and value.published is not None:
            p = value.published
            return (p if p.tzinfo else p.replace(tzinfo=UTC)).astimezone(UTC).date()
        return None

    @property
    def url(self) -> str:
        value = self.article.value
        return value.url if isinstance(value, Article) else self.article.provenance.url


@dataclass(frozen=True)
class AgencyCandidate:
    """An agency's standing for one role, with the evidence behind it (newest first)."""

    entry: AgencyEntry
    role: str
    status: str  # "current", "ended", "in review"
    confidence: float
    evidence: tuple[Evidence, ...]
    latest: date | None
    score: float = 0.0

    @property
    def reports(self) -> int:
        return len({e.url for e in self.evidence})


# ----------------------------------------------------------------------------- gazetteer

_GENERIC = {"the", "of", "worldwide", "global", "group", "groupe", "international", "agency"}
_GENERIC |= {"company", "companies", "holdings", "network"}
_FALSE_FRIENDS = re.compile(
    r"\bMothers?['’]?s?\s+Day\b|\bMother\s+(?:Nature|Earth|Teresa|Superior|Jones|of\s+(?:all|the|God))\b"
    r"|\bEdelman\s+Trust\s+Barometer\b|\bEarl\s+Grey\b|\bGrey\s+(?:Goose|Poupon)\b|\bShades\s+of\s+Grey\b",
    re.IGNORECASE,
)


def agency_key(name: str) -> str:
    """A comparable form of an agency name: "TBWA\\Chiat\\Day" and "TBWA/Chiat/Day" agree."""
    text = re.sub(r"[\\/+]", " ", unicodedata.normalize("NFKC", name))
    return " ".join(t for t in clean_name(text).split() if t != "and")


def _loose(key: str) -> str:
    return " ".join(t for t in key.split() if t not in _GENERIC)


def _case_sensitive(alias: str, entry: AgencyEntry) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return alias in entry.ambiguous or (len(letters) <= 5 and all(c.isupper() for c in letters))


def _alias_regex(alias: str, case_sensitive: bool) -> re.Pattern[str]:
    """Word-bounded pattern; "&", "+" and "and" are interchangeable, as are "\\" and "/"."""
    parts = []
    for piece in re.split(r"(\s*[&+]\s*|\s+and\s+|\s*[\\/]\s*|\s+|-)", alias.strip()):
        sep = piece.strip().lower()
        if not piece:
            continue
        if sep in ("&", "+", "and") and piece != alias.strip():
            parts.append(r"\s*(?:&|\+|and)\s*")
        elif sep in ("\\", "/"):
            parts.append(r"\s*[\\/]\s*")
        elif sep == "-":
            parts.append(r"[\s-]?")
        elif not sep:
            parts.append(r"\s+")
        else:
            parts.append(re.escape(piece))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", flags)


class Gazetteer:
    """The agencies dossier can recognise, with exact, loose and fuzzy name matching."""

    def __init__(self, entries: Iterable[AgencyEntry]) -> None:
        self.entries = tuple(entries)
        self._exact: dict[str, AgencyEntry] = {}
        for entry in self.entries:  # later entries (user overrides) win a shared key
            for n in entry.names:
                if key := agency_key(n):
                    self._exact[key] = entry
        loose: dict[str, AgencyEntry | None] = {}
        for key, entry in self._exact.items():
            lk = _loose(key)
            loose[lk] = entry if loose.get(lk, entry) is entry else None
        self._loose = {k: e for k, e in loose.items() if k and e is not None}
        self._ambiguous = {agency_key(a) for e in self.entries for a in e.ambiguous}
        self._fuzzy = [k for k in self._exact if len(k) >= 5 and k not in self._ambiguous]

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[AgencyEntry]:
        return iter(self.entries)

    def match(self, name: str) -> AgencyEntry | None:
        """The entry for an agency name: exact, then without generic words, then fuzzy (>= 92)."""
        key = agency_key(name)
        if not key:
            return None
        entry = self._exact.get(key) or self._loose.get(_loose(key))
        if entry is not None:
            if key in self._ambiguous and not any(
                re.search(rf"(?<!\w){re.escape(a)}(?!\w)", name) for a in entry.ambiguous
            ):
                return None  # "mother" is not the agency Mother
            return entry
        if len(key) < 5:
            return None
        found = process.extractOne(key, self._fuzzy, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self._exact[found[0]] if found else None

    @cached_property
    def _patterns(self) -> list[tuple[re.Pattern[str], AgencyEntry]]:
        out = {}
        for entry in self.entries:
            for alias in entry.names:
                out[(alias, entry.name)] = (
                    _alias_regex(alias, _case_sensitive(alias, entry)),
                    entry,
                )
        return list(out.values())

    def find_in(self, text: str) -> list[tuple[AgencyEntry, int, int]]:
        """Agency mentions in ``text`` as (entry, start, end), longest match first, in order."""
        masked = _FALSE_FRIENDS.sub(lambda m: " " * len(m.group()), text)
        hits = [(m.start(), m.end(), e) for p, e in self._patterns for m in p.finditer(masked)]
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))
        taken: list[tuple[AgencyEntry, int, int]] = []
        for start, end, entry in hits:
            if all(end <= s or start >= e for _x, s, e in taken):
                taken.append((entry, start, end))
        return sorted(taken, key=lambda t: t[1])


def _strings(item: dict, key: str, where: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings.")
    return tuple(v.strip() for v in value if v.strip())


def _read(path: Path) -> list[AgencyEntry]:
    """Parse and validate one gazetteer file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read the agency file {path}: {exc}. Fix or remove it.") from exc
    if set(data) - {"agency"} or not isinstance(data.get("agency", []), list):
        raise ConfigError(f"{path} must contain only [[agency]] entries.")
    out = []
    for i, item in enumerate(data.get("agency", []), 1):
        where = f"{path}, agency entry {i}"
        if not isinstance(item, dict):
            raise ConfigError(f"{where} is not a table; write it as [[agency]].")
        if unknown := sorted(set(item) - set(FIELDS)):
            raise ConfigError(f"{where} has unknown keys {unknown}; allowed: {', '.join(FIELDS)}.")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f'{where} has no name. Add name = "..." to it.')
        where = f"{where} ({name.strip()})"
        discipline = _strings(item, "discipline", where)
        if not discipline:
            raise ConfigError(
                f"{where} has no discipline; use one or more of {', '.join(DISCIPLINES)}."
            )
        if bad := [d for d in discipline if d not in DISCIPLINES]:
            raise ConfigError(
                f"{where} has unknown discipline {bad[0]!r}; use {', '.join(DISCIPLINES)}."
            )
        texts = {}
        for key in ("holding", "network", "hq", "source", "note"):
            if not isinstance(item.get(key, ""), str):
                raise ConfigError(f"{where}: {key} must be a string.")
            texts[key] = item.get(key, "").strip()
        aliases, ambiguous = _strings(item, "aliases", where), _strings(item, "ambiguous", where)
        if stray := [a for a in ambiguous if a not in (name.strip(), *aliases)]:
            raise ConfigError(f"{where}: ambiguous name {stray[0]!r} is not its name or an alias.")
        out.append(
            AgencyEntry(name.strip(), aliases, discipline=discipline, ambiguous=ambiguous, **texts)
        )
    return out


@lru_cache(maxsize=1)
def _packaged() -> tuple[AgencyEntry, ...]:
    return tuple(_read(GAZETTEER_FILE))


def load_gazetteer(extra: Path | None = None) -> Gazetteer:
    """The packaged gazetteer plus ``extra`` (same format; an entry of the same name replaces)."""
    entries = list(_packaged())
    if extra is not None:
        if not Path(extra).is_file():
            raise ConfigError(f"The agency file {extra} does not exist. Check the path.")
        user = _read(Path(extra))
        replaced = {agency_key(e.name) for e in user}
        entries = [e for e in entries if agency_key(e.name) not in replaced] + user
    return Gazetteer(entries)


# ----------------------------------------------------------------------------- evidence

_ABBREV = {"inc", "corp", "co", "ltd", "llc", "plc", "st", "mr", "mrs", "ms", "dr", "no", "vs"}
_ABBREV |= {"jr", "sr", "u.s", "u.k", "e.g", "i.e"}


def split_sentences(text: str) -> list[str]:
    """Sentences of a headline or snippet (not split after "Inc.", "U.S." or an initial)."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()
    out, start = [], 0
    for m in re.finditer(r"[.!?]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])", text):
        last = text[start : m.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
        if last in _ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    return [*out, text[start:]] if text[start:] else out


def _company_regex(company: str) -> re.Pattern[str] | None:
    tokens = clean_name(company).split()
    if not tokens:
        return None
    body = ""
    for i, t in enumerate(tokens):
        if i:
            body += r"[\W_]*" if "and" in (t, tokens[i - 1]) else r"[\W_]+"
        body += r"(?:and|&)" if t == "and" else re.escape(t)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


_A = r"@a\d+@"
# "hires Ogilvy veteran Jane Doe" is about a person, not the agency
_POSS = r"(?:['’]s\b|['’](?!\w))?"  # possessive
_NOT_PERSON = r"(?!(?:['’]s)?\s+(?:veteran|alum\w*|execs?|executives?|chief|boss|ceo|cco|cmo|cfo|coo|president|head|founder|co-founder|director|staffer|leader|talent|marketer|marketing\s+(?:chief|head|boss|director))\b)"
_TOKENS = {
    "A": rf"(?P<a>{_A}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*){_A})*){_POSS}{_NOT_PERSON}",
    "B": rf"(?P<b>{_A}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*){_A})*){_POSS}{_NOT_PERSON}",
    "C": "@c@" + _POSS + _NOT_PERSON,  # the company
    "GAP": r"(?:(?:its|their|the|a|an|new|independent|indie|agency|shop|lead|global|u\.?s\.?|uk|european|creative|media|digital|social|pr|communications|longtime|long-time|incumbent|partner)\s+){0,4}",
    "APPOINT": r"(?:names?|named|appoints?|appointed|(?:re-?)?hires?|(?:re-?)?hired|picks?|picked|selects?|selected|taps?|tapped|chooses|chose|enlists?|enlisted|tasks?|tasked|recruits?|recruited|brings\s+in|brought\s+in|turns\s+to|turned\s+to|signs|signed|partners\s+with|teams\s+up\s+with|goes\s+with|settles\s+on|sticks\s+with|stays\s+with|retains?|retained|keeps|kept|re-?appoints?|re-?appointed)",
    "WIN": r"(?:wins?|won|lands?|landed|scoops?|scooped|snags?|snagged|nabs?|nabbed|bags?|bagged|picks\s+up|picked\s+up|takes?|took|clinche[sd]|secures?|secured|adds?|added|retains?|retained|keeps|kept|holds\s+on\s+to|held\s+on\s+to|defends|defended)",
    "END": r"(?:part(?:s|ed|ing)?\s+ways\s+with|splits?\s+(?:from|with)|split\s+from|breaks?\s+(?:up\s+)?with|drops?|dropped|dropping|ditch(?:es|ed)?|fires|fired|axes|axed|dumps?|dumped|cuts?\s+ties\s+with|severs?\s+ties\s+with|(?:walks?|walked|moves?|moved|moving|shifts?|shifted)\s+away\s+from)",
    "HAND": r"(?:awards?|awarded|hands?|handed|gives?|gave|moves?|moved|shifts?|shifted|consolidates?|consolidated|consolidating|assigns?|assigned|entrusts?|entrusted|transfers?|transferred)",
    "NAMED": r"(?:named|appointed|hired|picked|selected|tapped|chosen|confirmed|enlisted)",
    "BE": r"(?:is\s+|was\s+|has\s+been\s+|have\s+been\s+|will\s+be\s+|gets\s+|got\s+)?",
    "WORK": r"(?:account|business|duties|brief|remit|aor|assignment|budget|work)",
    "PIECE": r"(?:campaigns?|spots?|ads?|advert|commercials?|films?|work|effort|push|activation|stunt|launch)",
}
# One rule a line: "relation [relation of B] : pattern". Tokens in braces come from _TOKENS;
# {W3} is up to three words. Two-agency rules come first; then, for each agency, the first rule
# that names it decides its relation ("incumbent" is revised in _classify).
_RULES = r"""
ended appointed : \bfrom\s+(?:incumbent\s+|rival\s+)?{A}\s+to\s+{B}
ended won : {B}\s+{WIN}\b[^@]{0,60}(?:{C}[^@]{0,60})?\bfrom\s+(?:incumbent\s+|rival\s+)?{A}
ended appointed : \b{END}\s+{GAP}{A}[\s,;]+{W4}(?:for|in\s+favou?r\s+of|{APPOINT})\s+{GAP}{B}
ended appointed : {B}\s+(?:replaces|replaced|succeeds|succeeded|ousts|ousted|unseats|unseated)\s+{GAP}{A}
ended appointed : {A}\s+{BE}(?:replaced|succeeded|ousted)\s+by\s+{B}
appointed appointed : \b{APPOINT}\s+{GAP}{A}\s+for\s+{W3}and\s+{GAP}{B}\s+for\b
ended : \b{END}\s+{GAP}{A}
ended : {C}[^@]{0,40}?\b(?:leaves|left|exits?|exited|quits?)\s+{GAP}{A}
ended : {A}\s+(?:and|&)\s+{C}\s+part(?:s|ed)?\s+ways
ended : {C}\s+(?:and|&)\s+{A}\s+part(?:s|ed)?\s+ways
ended : \bend(?:s|ed|ing)?\s+{W4}(?:relationship|partnership|ties|contract|tenure)\s+with\s+{GAP}{A}
ended : \b(?:moves?|moved|moving|shifts?|shifted|pulls?|pulled|takes?|took)\s+{W4}{WORK}\s+(?:away\s+)?from\s+{GAP}{A}
ended : \bafter\s+{W3}(?:years?|decades?)\s+(?:with|at)\s+{GAP}{A}
ended : {A}\s+(?:loses|lost|resigns|resigned|exits|exited|departs|departed|walks\s+away\s+from)\s+{W2}(?:{C}|account|business)
ended : {A}\s+{BE}(?:dropped|fired|axed|ditched|dumped)\s+by\s+{C}
ended : \breplacing\s+{GAP}{A}
won : {A}\s+{WIN}\s+(?:the\s+)?{W3}{C}
won : {A}\s+{WIN}\s+{W5}(?:{WORK}|pitch)\s+(?:for|from|at|of)\s+{C}
appointed : \b{APPOINT}\s+{GAP}{A}
appointed : \b{HAND}\s+{W5}(?:to|with|at|into)\s+{GAP}{A}
appointed : \b(?:gives?|gave|hands?|handed|awards?|awarded)\s+{A}\s+{W3}{WORK}
appointed : {A}\s+{BE}{NAMED}\s+(?:as\s+)?{W3}{C}
appointed : {A}\s+{BE}{NAMED}\s+{W6}by\s+{C}
appointed : {A}\s*(?:,|\s+as|\s+is|\s+becomes|\s+became|\s+will\s+be)\s+{W3}(?:agency\s+of\s+record|aor|lead\s+{W1}agency)
incumbent : \b(?:incumbent|longtime|long-time|long-standing|longstanding|existing|current)\s+{W2}{A}
incumbent : {A}\s*,\s*(?:the|its|{C})\s+{W2}incumbent
incumbent : {A}\s*,?\s+(?:which|who)\s+(?:has\s+|had\s+)?(?:handled|held|worked\s+on|run|managed)\s+
incumbent : {A}\s+(?:handles|handled|runs|manages|holds|oversees|leads|will\s+(?:handle|run|oversee|lead))\s+{W4}(?:{C}|account|business)
incumbent : {C}\s+{W1}(?:agency|agency\s+partner|creative\s+agency|media\s+agency|pr\s+agency)\s+{A}
credit : \b(?:created|made|developed|produced|conceived|crafted|designed|devised|written|directed)\s+by\s+{GAP}{A}
credit : \b{PIECE}\s+(?:by|from|via|through|with)\s+{GAP}{A}
credit : \b(?:via|from\s+agency)\s+{GAP}{A}
credit : {A}\s+{W4}{PIECE}\s+(?:for|with)\s+{C}
credit : {A}\s+{W2}(?:creates|created|launches|launched|unveils|unveiled|debuts|debuted|makes|made)\s+{W4}{C}
credit : {A}\s+{W3}credited
credit : \bcredit(?:ed|s)?\s+(?:to\s+)?{GAP}{A}
"""


def _expand(template: str) -> str:
    def token(m: re.Match[str]) -> str:
        name = m.group(1)
        return rf"(?:[^\s@]+\s+){{0,{name[1:]}}}" if re.fullmatch(r"W\d", name) else _TOKENS[name]

    return re.sub(r"\{([A-Z]+\d?)\}", token, template)


def _rules() -> list[tuple[re.Pattern[str], str, str | None]]:
    out = []
    for line in _RULES.strip().splitlines():
        relations, template = line.split(" : ", 1)
        rel_a, *rel_b = relations.split()
        out.append(
            (re.compile(_expand(template), re.IGNORECASE), rel_a, rel_b[0] if rel_b else None)
        )
    return out


_RULE_RE = _rules()
_AOR = re.compile(r"\b(?:agency\s+of\s+record|aor|lead\s+(?:\w+\s+)?agency)\b", re.IGNORECASE)
_REVIEW = re.compile(
    _expand(
        r"\b(?:puts?|placed?|places|putting)\s+{W5}(?:in|into|up\s+for|under)\s+review\b"
        r"|\b(?:launch(?:es|ed|ing)?|calls?|called|kicks?\s+off|kicked\s+off|starts?|started|opens?"
        r"|opened|begins?|began|initiates?|initiated|holds?|held)\s+{W4}(?:review|pitch)\b"
        r"|\b(?:account|agency|creative|media|pr|digital)\s+(?:review|pitch)\b|\bup\s+for\s+(?:review|grabs)\b"
    ),
    re.IGNORECASE,
)
_CUE = re.compile(
    r"\b(?:agency|agencies|aor|account|business|pitch|review|brief|remit|shop|campaigns?|ads?|advert"
    r"|advertising|creative|media|digital|social|pr|communications|marketing|work|spots?|films?)\b",
    re.IGNORECASE,
)
_ROLE_WORDS = [
    (
        "digital",
        r"\bsocial(?:\s+media)?\b|\bdigital\b|\bcrm\b|\be-?commerce\b|\bcustomer\s+experience\b",
    ),
    ("pr", r"\bpr\b|\bpublic\s+relations\b|\bcommunications\b|\bcomms\b|\bmedia\s+relations\b"),
    ("media", r"\bmedia\b"),
    ("creative", r"\bcreative\b|\badvertising\b|\bbrand\b|\bbranding\b"),
]


def _role_words(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for role, pattern in _ROLE_WORDS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if all(m.end() <= s or m.start() >= e for s, e, _r in found):
                found.append((m.start(), m.end(), role))
    return found


def _nearest(words: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The role word closest to the span (a word after it wins a tie)."""
    if not words:
        return None
    return min(words, key=lambda w: (w[0] - end, 0) if w[0] >= end else (start - w[1], 1))[2]


def source_weight(article: Article) -> float:
    """The weight of an article's outlet (hook for trade-press weights; 1.0 until configured)."""
    return SOURCE_WEIGHTS.get(outlet_key(article.outlet), 1.0)


def _headline(a: Article) -> str:
    text = a.headline.strip()
    if a.outlet and text.lower().endswith(a.outlet.lower()):
        head = text[: -len(a.outlet)].rstrip()
        if head.endswith(("-", "\u2013", "\u2014", "|")):
            return head[:-1].rstrip()
    return text


def _classify(placed: str, count: int) -> dict[int, str]:
    """Relation of each agency placeholder @a<i>@ in a sentence; unclassified ones are absent."""
    found: dict[int, str] = {}

    def assign(group: str, relation: str) -> None:
        for i in re.findall(r"@a(\d+)@", group):
            found.setdefault(int(i), relation)

    for pattern, rel_a, rel_b in _RULE_RE:
        for m in pattern.finditer(placed):
            assign(m.group("a"), rel_a)
            if rel_b:
                assign(m.group("b"), rel_b)
    if _AOR.search(placed):
        for i in range(count):
            found.setdefault(i, "appointed")
    winner = any(r in ("won", "appointed") for r in found.values())
    review = _REVIEW.search(placed) is not None
    for i, relation in found.items():
        if relation == "incumbent" and (winner or review):
            found[i] = "ended" if winner else "review"
    return found


def _sentence_evidence(
    sentence: str, company: re.Pattern[str], gaz: Gazetteer, fact: Fact, article: Article
) -> list[Evidence]:
    own = [(m.start(), m.end()) for m in company.finditer(sentence)]
    if not own:
        return []
    spans: list[tuple[int, int, AgencyEntry | None]] = [(s, e, None) for s, e in own]
    for entry, s, e in gaz.find_in(sentence):
        if all(e <= cs or s >= ce for cs, ce in own):
            spans.append((s, e, entry))
    spans.sort(key=lambda t: t[0])
    placed, pos = "", 0
    mentions: list[tuple[AgencyEntry, int, int, str]] = []  # entry, span in ``placed``, text
    for s, e, entry in spans:
        placed += sentence[pos:s]
        token = "@c@" if entry is None else f"@a{len(mentions)}@"
        if entry is not None:
            mentions.append((entry, len(placed), len(placed) + len(token), sentence[s:e]))
        placed, pos = placed + token, e
    placed += sentence[pos:]
    relations, words = _classify(placed, len(mentions)), _role_words(placed)
    out = []
    for i, (entry, start, end, text) in enumerate(mentions):
        relation = relations.get(i)
        if relation is None or (text in entry.ambiguous and not _CUE.search(placed)):
            continue
        role = _nearest(words, start, end)
        weight = RELATION_WEIGHTS.get(relation, 0.0) * source_weight(article)
        default = entry.discipline[0] if entry.discipline else "creative"
        out.append(
            Evidence(entry, relation, role or default, sentence, fact, weight, role is not None)
        )
    if not any(e.relation in ("won", "appointed") for e in out) and (m := _REVIEW.search(placed)):
        out.append(Evidence(None, "review", _nearest(words, *m.span()) or "", sentence, fact, 0.0))
    return out


def _rank(e: Evidence) -> tuple[int, float]:
    return (2 if e.relation == "ended" else 1 if e.relation == "review" else 0, e.weight)


def extract_evidence(articles: list[Fact], company: str, gazetteer: Gazetteer) -> list[Evidence]:
    """Evidence from each article's headline and summary: one per article, agency and role.

    Within one article a negative report (ended, then review) outranks a positive one, and a
    stronger positive outranks a weaker one. Non-article facts are ignored.
    """
    pattern = _company_regex(company)
    if pattern is None:
        return []
    out: list[Evidence] = []
    for fact in articles:
        article = fact.value
        if not isinstance(article, Article):
            continue
        best: dict[tuple[str | None, str], Evidence] = {}
        for text in (_headline(article), article.summary):
            for sentence in split_sentences(text):
                for ev in _sentence_evidence(sentence, pattern, gazetteer, fact, article):
                    key = (ev.agency.name if ev.agency else None, ev.role)
                    if key not in best or _rank(ev) > _rank(best[key]):
                        best[key] = ev
        out.extend(best.values())
    return out


# ----------------------------------------------------------------------------- scoring


def decay(published: date | None, today: date) -> float:
    """Recency factor: 1 today, 0.5 after two years; 0.5 for an undated report."""
    if published is None:
        return UNDATED_FACTOR
    return 0.5 ** (max(0, (today - published).days) / HALF_LIFE_DAYS)


def _overrides(negative: Evidence, positives: list[Evidence]) -> bool:
    """Whether a negative report is later than every dated positive one.

    An undated negative overrides nothing (its order is unknown) unless there is no positive
    report at all; a dated one overrides positives that are all undated.
    """
    if not positives:
        return True
    dated = [p.published for p in positives if p.published is not None]
    if negative.published is None:
        return False
    return not dated or negative.published > max(dated)


def _newest_first(items: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(
        sorted(
            items, key=lambda e: (e.published is not None, e.published or date.min), reverse=True
        )
    )


def find_candidates(
    articles: list[Fact], company: str, gazetteer: Gazetteer, today: date
) -> list[AgencyCandidate]:
    """Each (agency, role) with its status and confidence, best first.

    score = sum of relation weight x source weight x recency decay over positive reports;
    confidence = 1 - exp(-score). A later "ended" report sets the status "ended" (confidence 0);
    a later "review" (of this agency, or of the whole account for the role) sets "in review"
    and halves the confidence. An ended or review report whose role was not stated applies to
    every role of that agency.
    """
    evidence = extract_evidence(articles, company, gazetteer)
    account_reviews = [e for e in evidence if e.agency is None]
    groups: dict[tuple[str, str], list[Evidence]] = {}
    for e in evidence:
        if e.agency is not None and e.relation not in NEGATIVE:
            groups.setdefault((e.agency.name, e.role), []).append(e)
    for e in evidence:
        if e.agency is not None and e.relation in NEGATIVE:
            roles = [r for (n, r) in groups if n == e.agency.name] if not e.role_stated else []
            for role in roles or [e.role]:
                groups.setdefault((e.agency.name, role), []).append(e)
    out = []
    for (_name, role), items in groups.items():
        entry = next(e.agency for e in items if e.agency is not None)
        positives = [e for e in items if e.relation in RELATION_WEIGHTS]
        urls = {e.url for e in items}
        reviews = [
            e
            for e in account_reviews
            if e.role in ("", role) and e.url not in urls and _overrides(e, positives)
        ]
        later = [e for e in items if e.relation in NEGATIVE and _overrides(e, positives)]
        score = sum(e.weight * decay(e.published, today) for e in positives)
        confidence, status = 1 - math.exp(-score), "current"
        if any(e.relation == "ended" for e in later):
            status, confidence, reviews = "ended", 0.0, []
        elif later or reviews:
            status, confidence = "in review", confidence / 2
        shown = _newest_first([*items, *reviews])
        dates = [e.published for e in shown if e.published is not None]
        out.append(
            AgencyCandidate(
                entry, role, status, round(confidence, 4), shown, max(dates, default=None), score
            )
        )
    order = {"current": 0, "in review": 1, "ended": 2}
    return sorted(
        out,
        key=lambda c: (
            order[c.status],
            -c.confidence,
            -(c.latest or date.min).toordinal(),
            c.entry.name,
        ),
    )


def choose_incumbent(
    candidates: list[AgencyCandidate], role: str | None = None
) -> AgencyCandidate | None:
    """The clear incumbent, or None (the caller then shows "unconfirmed" and the candidates).

    Clear means: status "current", confidence >= THRESHOLD, and at least MARGIN ahead of the
    next current candidate for the same role. ``role`` limits the choice to one role.
    """
    current = [c for c in candidates if c.status == "current" and role in (None, c.role)]
    if not current:
        return None
    best = max(current, key=lambda c: c.confidence)
    rivals = [c.confidence for c in current if c is not best and c.role == best.role]
    if best.confidence < THRESHOLD or (rivals and best.confidence - max(rivals) < MARGIN - 1e-9):
        return None
    return best


def describe(candidate: AgencyCandidate) -> str:
    """One neutral line for the CLI: name, role, status, confidence, reports and latest date."""
    n = candidate.reports
    when = f"latest {human_date(candidate.latest)}" if candidate.latest else "undated"
    return (
        f"{candidate.entry.name} ({candidate.role}): {candidate.status}, confidence "
        f"{candidate.confidence:.2f}; {n} report{'' if n == 1 else 's'}, {when}"
    )
