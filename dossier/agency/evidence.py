"""Evidence of agency relationships in news text: which agency, which relation, which role.

Pure. The evidence is text: the headline and feed snippet of each Article fact. A sentence
counts when it names the company and a gazetteer agency; regular expressions classify the
relation (appointed, won, incumbent, credit, ended, review) and the role (creative, media, pr,
digital).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date

from ..model import Article, Fact
from ..names import clean_name, outlet_key
from .gazetteer import AgencyEntry, Gazetteer

RELATION_WEIGHTS = {"appointed": 1.0, "won": 0.9, "incumbent": 0.5, "credit": 0.5}
NEGATIVE = ("ended", "review")
#: Outlet weights keyed by :func:`dossier.names.outlet_key`; unlisted outlets weigh 1.0.
SOURCE_WEIGHTS: dict[str, float] = {}


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
    def item(self) -> Article:
        """The reported article (evidence is only ever made from Article facts)."""
        value = self.article.value
        if not isinstance(value, Article):
            raise TypeError(f"evidence from a {type(value).__name__} fact, not an article")
        return value

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
    for found, s, e in gaz.find_in(sentence):
        if all(e <= cs or s >= ce for cs, ce in own):
            spans.append((s, e, found))
    spans.sort(key=lambda t: t[0])
    placed, pos = "", 0
    mentions: list[tuple[AgencyEntry, int, int, str]] = []  # entry, span in ``placed``, text
    for s, e, maybe in spans:
        placed += sentence[pos:s]
        token = "@c@" if maybe is None else f"@a{len(mentions)}@"
        if maybe is not None:
            mentions.append((maybe, len(placed), len(placed) + len(token), sentence[s:e]))
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
