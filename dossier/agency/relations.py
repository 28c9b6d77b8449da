"""Relationship extraction: who hired, kept, dropped, reviewed or was credited by whom.

Pure. A sentence is read as a sequence of *names* (agencies from the gazetteer, and other proper
names found from capitalisation) and the words between them. Rules written over that sequence
give each name its place in the sentence: the brand (the one that appoints, keeps, drops or
reviews; the one whose account is won, kept or lost) and the agency (the one appointed, kept,
dropped or credited; the one that wins, keeps, loses or resigns). A relation needs both places
filled by a rule, so a name that merely appears near an agency word gives nothing.

Statuses (the vocabulary of ``eval/agency/README.md``):

* ``appointed``: hired, named, picked, handed the account, moved to; the agency wins it.
* ``retained``: kept after a review ("retains", "sticks with", "reappointed").
* ``ended``: dropped, parted ways, moved from; the agency loses or resigns it. "moves X from A
  to B" is A ended and B appointed.
* ``review``: the account is put in review or out to pitch; the agency is the named incumbent,
  or "" when none is named.
* ``credit``: the agency made work for the brand, or is called its (longtime) agency.

Not relationships: a person hired by an agency or a brand ("formerly of", "joins from", "hires
an Ogilvy strategist as CMO"), awards and rankings, acquisitions, layoffs, lost pitches and
shortlists. An agency not in the gazetteer is kept when a rule places it ("the thing that wins,
is appointed, moves to"), with ``in_gazetteer`` false.

Roles: ``creative``, ``media``, ``pr``, ``digital``, ``other``. The role is the discipline the
sentence names next to the agency ("for creative", "its media account"); when it names none, the
gazetteer's first discipline is used (``role_stated`` false), else ``other``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .gazetteer import AgencyEntry, Gazetteer, agency_key

STATUSES = ("appointed", "retained", "ended", "review", "credit")
ROLES = ("creative", "media", "pr", "digital", "other")


@dataclass(frozen=True)
class Relation:
    """One (brand, agency, role, status) a sentence states."""

    brand: str  # as written ("" when the sentence only refers to it: "the retailer")
    agency: str  # as written; "" for a review with no incumbent named
    role: str
    status: str
    sentence: str
    entry: AgencyEntry | None = None  # the gazetteer entry, when the agency is in it
    role_stated: bool = True

    @property
    def in_gazetteer(self) -> bool:
        return self.entry is not None

    @property
    def agency_name(self) -> str:
        """The gazetteer name when known, else the name as written."""
        return self.entry.name if self.entry is not None else self.agency


# ----------------------------------------------------------------------------- sentences

_ABBREV = {"inc", "corp", "co", "ltd", "llc", "plc", "st", "mr", "mrs", "ms", "dr", "no", "vs"}
_ABBREV |= {"jr", "sr", "u.s", "u.k", "e.g", "i.e", "bros", "int'l"}


def normalise(text: str) -> str:
    """NFKC, typographic quotes as ASCII, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    table: dict[str, str | int | None] = {"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "}
    text = text.translate(str.maketrans(table))
    return re.sub(r"\s+", " ", text).strip()


def split_clauses(text: str) -> list[str]:
    """Sentences, then the parts a headline strings together with " - ", ": ", " | " or ";"."""
    out = []
    for sentence in split_sentences(text):
        out += [p.strip() for p in re.split(r"\s+[-–—|]\s+|:\s+|;\s+", sentence) if p.strip()]
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a headline or snippet (not split after "Inc.", "U.S." or an initial)."""
    text = normalise(text)
    out, start = [], 0
    for m in re.finditer(r"[.!?]+[\"')]*\s+(?=[\"'(]?[A-Z0-9])", text):
        last = text[start : m.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
        if last in _ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    return [*out, text[start:]] if text[start:] else out


# ----------------------------------------------------------------------------- vocabulary

_V = {
    # the brand hires the agency
    "APPOINT": r"names?|named|naming|appoints?|appointed|appointing|(?:re-?)?hires?|(?:re-?)?hired|hiring|picks?|"
    r"picked|picking|selects?|selected|selecting|taps?|tapped|tapping|chooses|chose|choosing|"
    r"enlists?|enlisted|tasks?|tasked|recruits?|recruited|recruiting|brings\s+in|brought\s+in|"
    r"turns\s+to|turned\s+to|signs?(?:\s+on)?|signed(?:\s+on)?|adds?|added|adding|inks?\s+\S+\s+deal\s+with|"
    r"goes\s+with|went\s+with|settles?\s+on|settled\s+on|engages?|engaged|commissions?|commissioned|"
    r"beauftragt|ernennt|holt|verpflichtet",
    # the brand keeps the agency
    "KEEP": r"retains?|retained|retaining|keeps|kept|keeping|re-?appoints?|re-?appointed|"
    r"sticks\s+with|stuck\s+with|stays\s+with|stayed\s+with|renews?\s+(?:its\s+)?(?:\w+\s+){0,2}with|"
    r"renewed\s+(?:its\s+)?(?:\w+\s+){0,2}with|remains\s+with|extends?\s+(?:its\s+)?(?:\w+\s+){0,2}with",
    # the brand drops the agency
    "DROP": r"drops?|dropped|dropping|ditch(?:es|ed|ing)?|fires|fired|firing|axes|axed|axing|"
    r"dumps?|dumped|sacks?|sacked|part(?:s|ed|ing)?\s+(?:ways|company)\s+with|"
    r"split(?:s|ting)?\s+(?:from|with)|breaks?\s+(?:up\s+)?with|broke\s+(?:up\s+)?with|"
    r"cuts?\s+ties\s+with|severs?\s+ties\s+with|leaves|left|leaving|exits?|exited|exiting|"
    r"quits?|walks?\s+away\s+from|walked\s+away\s+from|moves?\s+away\s+from|moved\s+away\s+from|"
    r"waves?\s+goodbye\s+to|bids?\s+farewell\s+to|trennt\s+sich\s+von",
    # the brand gives the account to the agency
    "HAND": r"awards?|awarded|awarding|hands?|handed|handing|gives?|gave|giving|moves?|moved|moving|"
    r"shifts?|shifted|shifting|switch(?:es|ed|ing)?|consolidates?|consolidated|consolidating|"
    r"assigns?|assigned|assigning|entrusts?|entrusted|transfers?|transferred|transferring|"
    r"sends?|sent|places?|placed|"
    r"hands\s+over|handed\s+over",
    # the agency gets the account
    "WIN": r"wins?|won|winning|lands?|landed|landing|scoops?|scooped|snags?|snagged|nabs?|nabbed|"
    r"bags?|bagged|grabs?|grabbed|picks?\s+up|picked\s+up|secures?|secured|securing|clinche[sd]|"
    r"captures?|captured|gains?|gained|takes?\s+(?:on|over)|took\s+(?:on|over)|scores?|scored|"
    r"lures?|lured|luring|gewinnt|übernimmt",
    # the agency keeps the account
    "HOLD": r"retains?|retained|keeps|kept|holds?\s+on(?:to|\s+to)|held\s+on(?:to|\s+to)|"
    r"hold\s+onto|defends?|defended|successfully\s+defended|hangs?\s+on\s+to|hung\s+on\s+to",
    # the agency loses the account
    "LOSE": r"loses|lost|losing|resigns?|resigned|resigning|walks?\s+(?:away\s+)?from|"
    r"walked\s+(?:away\s+)?from|exits?|exited|departs?|departed|parts?\s+ways\s+with|"
    r"waves?\s+goodbye\s+to|verliert",
    # passive forms of appointing
    "NAMED": r"named|appointed|hired|picked|selected|tapped|chosen|confirmed|enlisted|awarded|"
    r"handed|given|brought\s+in|drafted\s+in|called\s+in|added",
    "REAPP": r"re-?appointed|retained|kept\s+on|reconfirmed",
    "DROPPED": r"dropped|fired|axed|ditched|dumped|sacked|replaced|ousted|let\s+go",
}
_WORK = (
    r"(?:accounts?|business|duties|brief|remit|aor|assignments?|budgets?|work|task|job|"
    r"contract|roster|portfolio|responsibilit(?:y|ies)|mandate|etat|account\s+of\s+record)"
)
_REVIEW_NOUN = r"(?:review|pitch|tender|search|shootout|rfp|competition)"
_PIECE = (
    r"(?:campaigns?|spots?|ads?|advert(?:isement)?s?|commercials?|films?|work|effort|push|"
    r"activation|stunt|launch|idea|platform|tvc|ad\s+campaign|christmas\s+ad)"
)
_AUX = (
    r"(?:(?:has|have|had|is|are|was|were|will|would|could|may|might|has\s+now|"
    r"is\s+(?:believed|understood|said|set|poised|tipped|expected|likely|about|understood)\s+to"
    r"(?:\s+have)?|has\s+reportedly|reportedly|officially|finally|now|also|today|just|quietly|"
    r"formally|already|recently|again|then|subsequently|been|be|to|elected\s+to|decided\s+to|"
    r"opted\s+to|confirmed\s+(?:it\s+)?(?:has|had)|announced\s+(?:it\s+)?(?:has|had|will)|"
    r"plans\s+to|is\s+to|has\s+chosen\s+to|agreed\s+to|moved\s+to|"
    r"hat|ist|wird|is\s+in\s+the\s+process\s+of|in\s+the\s+process\s+of|said\s+it\s+(?:has|had|will))\s+){0,4}"
)

_AUXG = _AUX.replace(r"plans\s+to|is\s+to|", "").replace(r"been|be|to|", "been|be|")

# Role words: first match wins at a position; order gives "digital media" to digital.
_ROLE_WORDS = [
    (
        "digital",
        r"\bsocial(?:\s+media)?\b|\bdigital\b|\bcrm\b|\be-?commerce\b|\bcustomer\s+experience\b|"
        r"\bonline\b|\bweb\b|\bsearch\s+marketing\b|\bseo\b|\binfluencer\b|\bdata\b|\bonline-etat\b|"
        r"\bdigitaletat\b",
    ),
    (
        "pr",
        r"\bpr\b|\bpublic\s+relations\b|\bcommunications?\b|\bcomms\b|\bmedia\s+relations\b|"
        r"\bpublic\s+affairs\b|\bcorporate\s+affairs\b|\breputation\b|\bconsumer\s+pr\b",
    ),
    (
        "media",
        r"\bmedia(?:-planning|-buying)?\b|\bplanning\s+and\s+buying\b|\bmedia\s+buying\b|"
        r"\bbuying\b|\bmediaetat\b|\bprogrammatic\b",
    ),
    (
        "creative",
        r"\bcreative\b|\badvertising\b|\bad\b|\bads\b|\bbrand\b|\bbranding\b|\babove[\s-]the[\s-]line\b|"
        r"\batl\b|\btv\b|\bwerbeetat\b|\bkreativetat\b|\bkreativ\w*\b",
    ),
    (
        "other",
        r"\bexperiential\b|\bshopper\b|\bdesign\b|\bproduction\b|\bevents?\b|\bsponsorship\b|"
        r"\bdirect\s+marketing\b|\bretail\s+marketing\b|\bpromotions?\b",
    ),
]

# Words that never start or continue a proper name, even capitalised (title-case headlines).
_COMMON = set(
    """
a an the and or but nor of to in on at by for from with without into onto over under after before
amid among against as via per than then so if while when where who whom whose which that this these
those its it their his her our your my we you they he she them him us i me is are was were be been
being has have had do does did will would can could shall should may might must not no yes new old
lead leads global local national regional international worldwide first last next latest top big
biggest major key main more most less few many all any some other another each every both either
up down out off back away about around through across behind beyond within upon plus also just only
even still now again year years month months week weeks day days time times after-years
agency agencies account accounts business brand brands client clients pitch pitches review reviews
creative media digital social pr communications marketing advertising ad ads campaign campaigns work
partner partners partnership roster shop shops group team teams network networks holding company
companies firm firms unit division office offices deal deals contract contracts duties duty brief
remit task job aor record lead incumbent incumbents winner winners finalist finalists shortlist
relationship relationships model models strategy strategic services service experience
names name named appoints appointed hires hired picks picked selects selected taps tapped wins won
lands landed moves moved drops dropped retains retained keeps kept ends ended ending splits split
hands handed awards awarded gives gave calls called launches launched puts reviewing review reviews
sends sent shifts shifted consolidates consolidated adds added joins joined leaves left exits
parts ways goes goes went takes took gets got makes made sees saw says said reveals revealed
introduces introduced announces announced confirms confirmed unveils unveiled debuts debuted
looks looking seeks seeking searches searching hunts hunting eyes eyeing tips tipped set poised
beats beat ousts ousted replaces replaced follows following follow-up update updates
chooses chose chosen signs signed inks inked bags bagged scoops scooped snags snagged nabs nabbed
sticks stays stay stayed renews renewed ditches ditched fires fired axes axed dumps dumped cuts cut
resigns resigned loses lost walks walked quits quit rehires rehired reappoints reappointed
how why what best worst report reports news analysis opinion exclusive breaking live watch
ceo cmo cco cfo coo chief officer president director head boss executive executives chairman chair
founder founders veteran veterans marketer marketers strategist staff talent hire hires
christmas summer winter spring autumn fall holiday holidays season
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
mr mrs ms dr
government advertisers advertiser marketers retailer retailers telco carrier giant master
brand-new pick wrap round-up roundup people industry adland agencyspy
die der das den dem des ein eine einen und von mit für bei zum zur nach auch ist agentur agenturen
le la les et du pour avec
""".split()  # noqa: SIM905
)
# A single capitalised word that is never a brand or agency on its own (places, datelines, outlets).
_NOT_A_NAME = set(
    """
us u.s. usa uk u.k. britain england scotland wales ireland europe european asia asian apac emea
america americas american north south east west africa australia australian nz china chinese india
indian japan japanese korea singapore malaysia hong kong thailand indonesia philippines vietnam
germany german france french spain italy canada canadian mexico brazil latam mena middle
london new york sydney melbourne tokyo seoul shanghai beijing mumbai delhi paris berlin hamburg
los angeles chicago detroit dallas toronto dubai kuala lumpur bangkok jakarta manila auckland
hk sf la nyc ny portland minneapolis boston atlanta miami seattle austin denver houston
philadelphia san francisco amsterdam stockholm copenhagen madrid milan munich frankfurt
dublin manchester edinburgh glasgow leeds bristol birmingham brisbane perth adelaide wellington
taipei taiwan osaka bengaluru bangalore chennai kolkata karachi lagos nairobi johannesburg
cape town cairo riyadh doha istanbul moscow warsaw prague vienna zurich geneva brussels lisbon
southeast northeast northwest southwest mainland greater central western eastern northern southern
adweek adage ad age campaign mumbrella b&t adnews marketing week drum prweek mediapost digiday
exclusive update updated breaking report analysis opinion comment feature interview spotlight
it they he she we this that these those there here the its their
pitch review agency agencies
""".split()  # noqa: SIM905
)
_TITLE_WORDS = (
    r"(?:chief\s+\w+\s+officer|c[ecmfo]o|cco|cso|cto|president|vice\s+president|vp|svp|evp|"
    r"head(?:\s+of\s+\w+)?|director|managing\s+director|md|ecd|executive\s+creative\s+director|"
    r"creative\s+director|managing\s+partner|chair(?:man|woman)?|founder|co-founder|boss|"
    r"strategist|executive|officer|manager|planner|copywriter|marketer|vet(?:eran)?|alum(?:nus|na)?|"
    r"leader|"
    r"staffer|hire|chief|ceo|cmo|gm|general\s+manager|country\s+manager|co-chief\s+\w+\s+officer)"
)


# ----------------------------------------------------------------------------- names

_TOKEN = re.compile(r"[\w][\w&+/\\.\-:'_]*[\w+]|[\w]", re.UNICODE)


_NUMBERISH = re.compile(
    r"(?:[A-Z]{1,3}\$?)?\d[\d.,]*[a-zA-Z]{0,3}(?:-[\w]+)*|\w+-based|\w+-owned|\d+s"
)


def _is_cap(tok: str) -> bool:
    core = tok.strip("'.-")
    if not core or _NUMBERISH.fullmatch(core) or (core[0].islower() and "-" in core):
        return False
    return core[0].isupper() or core[0].isdigit() or any(c.isupper() for c in core[1:])


def _title_case(text: str) -> bool:
    """Whether a headline capitalises its ordinary words ("Names BBDO As Creative Lead"): most
    of its common words of four letters or more start with a capital (names do not count)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if len(w) > 3 and w.lower() in _COMMON]
    if len(words) < 2 or sum(w[0].isupper() for w in words) / len(words) < 0.6:
        return False
    # and a capitalised function word or verb after the first word ("Names", "With", "To")
    # (or no lowercase word of four letters or more at all: "Incumbents Rule in Media Pitches")
    tokens = re.findall(r"[A-Za-z][\w'-]*", text)[1:]
    if any(t[0].isupper() and t.lower() in _TITLE_CUES for t in tokens):
        return True
    return not any(t.islower() and len(t) > 3 for t in tokens)


@dataclass
class _Name:
    start: int
    end: int
    text: str
    entry: AgencyEntry | None
    agency_like: bool = False  # not listed, but named after a listed agency ("BWM Dentsu")


def _proper_names(text: str, taken: list[tuple[int, int]], title: bool) -> list[_Name]:
    """Capitalised word runs outside the gazetteer's spans (joined by &, +, "of", "de")."""
    out: list[_Name] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    run: list[tuple[int, int, str]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    def close() -> None:
        while run and run[-1][2].lower() in ("of", "de", "and", "&", "for", "the"):
            run.pop()
        while (
            run
            and run[0][2].lower() in _COMMON
            and not (run[0][2] == "The" and len(run) > 1)
            and not (run[0][2].isupper() and len(run) > 1 and not title)
        ):
            run.pop(0)
        while run and re.fullmatch(r"\d+", run[0][2]):
            run.pop(0)
        if run:
            s, e = run[0][0], run[-1][1]
            name = text[s:e].rstrip("'.:-").rstrip()
            if name.endswith("'s"):
                name = name[:-2]
            words = name.lower().split()
            parts = name.split()
            if len(parts) == 2 and parts[0].lower() in _NOT_A_NAME and parts[1].isupper():
                s, name, words = s + len(parts[0]) + 1, parts[1], [parts[1].lower()]
            real = words and not all(w.strip(".,") in _NOT_A_NAME for w in words)
            if real and not (len(words) == 1 and words[0] in _COMMON):
                out.append(_Name(s, s + len(name), name, None))
        run.clear()

    for i, (s, e, tok) in enumerate(tokens):
        low = tok.lower().rstrip(".'")
        low = low[:-2] if low.endswith("'s") else low
        gap = text[run[-1][1] : s] if run else ""
        joinable = not run or re.fullmatch(r"\s*(?:&|\+)?\s*|-", gap) is not None
        if not free(s, e):
            close()
            continue
        connector = tok in ("of", "de", "&", "for") and run and joinable and i + 1 < len(tokens)
        if connector and tok != "for" and _is_cap(tokens[i + 1][2]):
            run.append((s, e, tok))
            continue
        if re.fullmatch(r"\w+-based|\w+-owned", tok):
            run.clear()
            continue
        if run and joinable and re.fullmatch(r"\d{1,3}", tok):
            run.append((s, e, tok))
            continue
        breaker = low in _COMMON and (title or tok[0].islower() or low in _V_WORDS)
        breaker = breaker or low.endswith(("etat", "etats")) or low in _ROLE_ABBREVIATIONS
        if title and re.search(r"[a-z](?:ing|ed)$", tok) and not run:
            breaker = True
        if title and run and re.search(r"[a-z](?:ing|ed)$", tok):
            breaker = True
        if _is_cap(tok) and not breaker and joinable:
            run.append((s, e, tok))
            if tok.endswith(("'s", "'")):
                close()
        else:
            close()
            if _is_cap(tok) and not breaker:
                run.append((s, e, tok))
    close()
    return out


_ROLE_ABBREVIATIONS = {"pr", "tv", "crm", "aor", "ooh", "seo", "cx", "atl", "btl"}
_V_WORDS = {w for pattern in _V.values() for w in re.findall(r"[a-zäöü]+", pattern)}
_TITLE_CUES = _V_WORDS | set(
    re.findall(
        r"\w+",
        "to for with from in on at by of and as after over its the a an into amid is are was new "
        "against lead wins names hires drops picks taps moves hands ends calls puts",
    )
)


# ----------------------------------------------------------------------------- rules

_E = r"⟦\d+⟧"
_LIST = rf"{_E}(?:\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*|\s+as\s+well\s+as\s+|\s+und\s+|\s+et\s+){_E}){{0,6}}"
_FILL = r"(?:[^\s⟦⟧;:!?,]+\s+){{0,{n}}}?"
_NOPERSON = rf"(?!['s]*\s+(?:(?:former|ex-|new|own|\w+-based)\s+)?{_TITLE_WORDS}\b)"
_BRAND_TAIL = (
    r"(?:'s)?(?:\s*\([^()]{1,60}\))?(?:\s*,\s*(?:which|who)\s[^,]{1,100},|\s*,\s*[^,⟦⟧]{1,60},)?"
    r"(?:,(?=\s+(?:has|have|had|is|was|will|would|says|said)\b))?"
)
_GAPW = (
    r"(?:(?:its|their|the|a|an|new|independent|indie|agency|shop|lead|global|u\.?s\.?|uk|"
    r"european|creative|media|digital|social|pr|communications|longtime|long-time|incumbent|"
    r"partner|ad|advertising|local|local\s+agency|rival|little-known|based|\w+-based|both|"
    r"international|worldwide|regional|national|full-service|in-house|marketing|\w+-owned|"
    r"(?:[A-Z][\w.]*\s+)?[\w-]+-based|"
    r"network|holding\s+company|group|brand|agencies|ad\s+agency|sister|"
    r"design|branding|experiential|specialist|production|integrated)\s+){0,5}"
)


def _t(template: str) -> str:
    """Expand {B} {G} {G2} (name lists), {Fn} (up to n words) and {VERB} classes."""

    def token(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "B":
            return rf"(?P<b>{_LIST})"
        if name == "BT":
            return _BRAND_TAIL
        if name in ("G", "G2"):
            grp = "g" if name == "G" else "g2"
            return rf"(?P<{grp}>{_LIST}){_NOPERSON}"
        if re.fullmatch(r"F\d+", name):
            return _FILL.format(n=name[1:])
        if name == "AUX":
            return _AUX
        if name == "AUXG":
            return _AUXG
        if name == "GAP":
            return _GAPW
        if name == "WORK":
            return _WORK
        if name == "REV":
            return _REVIEW_NOUN
        if name == "PIECE":
            return _PIECE
        return rf"(?:{_V[name]})"

    return re.sub(r"\{([A-Z]+\d*)\}", token, template)


# status of g, status of g2 (or -), whether the brand may come from the article (b optional)
_RULES = r"""
# --- two agencies: moves from A to B
ended appointed : {B}{BT}\s+{AUX}{F8}\b(?:{HAND}|{DROP}|{APPOINT})\s+{F10}from\s+{GAP}{G}\s+to\s+{GAP}{G2}
ended appointed : {B}{BT}\s+{AUX}{F8}\b(?:{HAND}|{APPOINT})\s+{F10}(?:to|into)\s+{GAP}{G2}\s+from\s+{GAP}{G}
ended appointed : {B}{BT}\s+{AUX}{F2}\b(?:{DROP}|{HAND}\s+{F4}{WORK}\s+(?:out\s+of|away\s+from))\s+{GAP}{G}\s+{F10}(?:for|in\s+favou?r\s+of|to|into|and\s+(?:into|to)|and\s+(?:{APPOINT}))\s+{GAP}{G2}
ended appointed : {B}{BT}\s+{AUX}{F2}\b{DROP}\s+{GAP}{G}[\s,;]+(?:and\s+)?{AUX}(?:{APPOINT})\s+{GAP}{G2}
appointed - : {G}\s+{AUXG}(?:beats?|beat|edges?\s+out|sees\s+off|has\s+beaten|beaten)\s+{F8}(?:to\s+(?:land|win|scoop|take|bag|claim)\s+)?{F4}{B}
appointed ended : {G}\s+{AUXG}(?:ousts?|ousted|unseats?|unseated|replaces?|replaced|succeeds?|succeeded)\s+(?:incumbent\s+|rival\s+)?{GAP}{G2}\s+(?:to|for|on|at|as)\s+{F4}{B}
appointed ended : {B}{BT}\s+{AUX}{F3}\b(?:{APPOINT})\s+{GAP}{G}\s+to\s+replace\s+{GAP}{G2}
appointed ended : {G}\s+{AUXG}{WIN}\s+{F6}\bfrom\s+(?:incumbent\s+|rival\s+)?{GAP}{G2}
ended appointed : {G}\s+{AUXG}(?:loses|lost)\s+(?:the\s+)?{B}(?:'s)?\s+{F6}to\s+(?:rival\s+)?{GAP}{G2}
appointed ended : {G}\s+{AUXG}(?:{WIN}|{HOLD})\s+(?:the\s+)?{B}(?:'s)?\s+{F6}\bfrom\s+(?:\d+-year\s+)?(?:incumbent\s+|rival\s+)?{GAP}{G2}
# --- the brand appoints
appointed - : {B}{BT}\s+{AUX}{F3}\b(?:{APPOINT})\s+{GAP}{G}
appointed - : {B}{BT}\s+{AUX}{F3}\b{HAND}\s+{F10}\b(?:to|with|at|into|in)\s+{GAP}{G}
appointed - : {B}{BT}\s+{AUX}{F3}\b(?:{HAND}|gives?|gave)\s+{GAP}{G}\s+{F6}{WORK}
appointed - : {B}{BT}\s+{AUX}{F3}\b(?:{HAND}|gives?|gave|awards?)\s+{GAP}{G}\s+(?:the\s+)?{F4}(?:{WORK}|mandate|nod|keys)
appointed - : {B}(?:'s)?\s+{F6}\b{WORK}\s+{AUX}(?:has\s+)?(?:gone|goes|went|moves?|moved|is\s+moving|going|heads?|headed)\s+to\s+{GAP}{G}
appointed - : {B}{BT}\s+{AUX}{F3}\b(?:concludes?|concluded|ends?|ended|wraps?\s+up|closes?|closed)\s+{F6}{REV}[\s,]+{F6}(?:by\s+)?(?:{APPOINT}|handing\s+{F6}to|with)\s+{GAP}{G}
appointed - : {B}{BT}\s+{AUX}{F3}\b(?:consolidates?|consolidated|consolidating|concentrates?|puts|put|places?|placed)\s+{F6}{WORK}\s+(?:at|with|in|into)\s+{GAP}{G}
appointed - : ^\W*{B}\s+to\s+{GAP}{G}\s*$
appointed - : {B}{BT}\s+{AUX}{F3}\b(?:splits?|split|divides?|divided)\s+{F6}between\s+{GAP}{G}
appointed - : {B}{BT}\s+[^⟦⟧;]{0,150}?,\s+(?:appointing|naming|hiring|selecting|choosing|tapping|picking|enlisting)\s+{GAP}{G}
appointed - : {B}{BT}\s+[^⟦⟧;]{0,150}?,\s+(?:handing|moving|switching|awarding|giving|shifting|consolidating|sending)\s+{F10}(?:to|into|with|at)\s+{GAP}{G}
appointed - : {B}'s\s+{F8}(?:{REV}|{WORK})\s*,?\s+(?:which\s+was\s+|was\s+|has\s+been\s+)?won\s+by\s+{GAP}{G}
# --- the agency is appointed
appointed - : {G}\s+{AUXG}(?:{WIN}|{WIN}\s+over\s+{F8})\s+(?:the\s+)?{F3}{B}(?:'s)?(?=\s*$|\s*[,;.]|\s+(?:[\w-]+\s+){0,4}?(?:{WORK}|business|creative|media|pr|digital|advertising|brief|aor)\b|\s+(?:after|following|from|in\s+a|without|as)\b)
appointed - : {G}\s+{AUXG}{WIN}\s+{F8}(?:{WORK}|{REV}|business|duties|account|chores|job|brief)\s+(?:for|from|at|of|on|with)\s+(?:the\s+)?{B}
appointed - : {G}\s+{AUXG}{WIN}\s+{F6}(?:duties|chores|business)\s+(?:on|for)\s+{B}
appointed - : {G}\s+{AUXG}{WIN}\s+(?:the\s+)?{F4}{WORK}(?:\s*$|\s*[,.]|\s+(?:after|following|in|from))
ended - : \b(?:won|wins|took|takes|lured|luring|prised|prized)\s+{F6}from\s+(?:\d+-year\s+)?(?:incumbent\s+|rival\s+)?{GAP}{G}
appointed - : {G}\s+{AUXG}(?:has\s+)?(?:been\s+|was\s+|were\s+|is\s+|are\s+|gets?\s+|got\s+)?{NAMED}\s+(?:as\s+)?{F6}(?:for|by|at|to|on)\s+(?:the\s+)?{F3}{B}
appointed - : {G}\s+{AUXG}(?:has\s+)?(?:been\s+|was\s+|were\s+|is\s+|are\s+)?{NAMED}\s+{F3}(?:agency\s+of\s+record|aor|lead\s+\w*\s*agency)\s+(?:for|of|at|on)\s+{B}
appointed - : {B}(?:'s)?\s+{F3}(?:has\s+|have\s+)?(?:named|appointed|hired|picked|selected|tapped)\s+{GAP}{G}
appointed - : {G}\s+(?:has\s+been\s+|was\s+|were\s+|is\s+|have\s+been\s+)?(?:awarded|handed|given)\s+(?:the\s+)?{B}(?:'s)?\s+{F8}{WORK}
appointed - : {G}\s+(?:joins|joined|added\s+to|enters|entered)\s+{B}(?:'s)?\s+{F3}(?:roster|panel|agency\s+roster|agency\s+line-up)
appointed - : {G}\s+(?:takes|took|will\s+take)\s+(?:on|over)\s+{B}(?:'s)?\s+{F6}{WORK}
appointed - : {G}\s+{AUXG}named\s+{F3}(?:aor|agency\s+of\s+record)\s+(?:for|of|at)\s+{B}
appointed - : ^\W*{B}\s+(?:picks|names|taps|hires)\s+{GAP}{G}\s*$
appointed - : {G}\s+{AUXG}(?:gewinnt|übernimmt|holt|gewann)\s+{F4}\w*[eE]tat\w*\s+(?:von|bei|des|der)\s+{B}
# --- retention
retained - : {B}{BT}\s+{AUX}{F3}\b(?:{KEEP})\s+{GAP}{G}
retained - : {B}{BT}\s+{AUX}(?:elected\s+to\s+|decided\s+to\s+|opted\s+to\s+)?(?:keep|retain)\s+{F8}(?:at|with)\s+{GAP}{G}
retained - : {G}\s+{AUXG}{F2}(?:{HOLD})\s+(?:the\s+)?{F6}{B}
retained - : {G}\s+{AUXG}(?:has\s+been\s+|was\s+|were\s+|is\s+|have\s+been\s+)?{REAPP}\s+{F8}(?:by|for|to|on)\s+(?:the\s+)?{F3}{B}
retained - : {G}\s+{AUXG}(?:has\s+been\s+|was\s+|were\s+|is\s+|have\s+been\s+)?{REAPP}\s+{F6}{B}
retained - : \bincumbent\s+{GAP}{G}\s+(?:to\s+|will\s+|has\s+|is\s+set\s+to\s+|would\s+)?(?:also\s+)?(?:retain|keep|hold|retained|kept)\b
retained - : {B}(?:'s)?\s+{F4}\b(?:renews?|renewed|extends?|extended)\s+{F6}(?:contract|relationship|partnership|deal|agreement)\s+with\s+{GAP}{G}
# --- the brand drops the agency
ended - : {B}{BT}\s+{AUX}{F3}\b(?:{DROP})\s+{GAP}{G}
ended - : {B}{BT}\s+{AUX}{F3}\b(?:{HAND}|{DROP}|pulls?|pulled|takes?|took)\s+{F6}(?:{WORK}|business|account)\s+(?:out\s+of|away\s+from|from)\s+{GAP}{G}
ended - : {B}\s*,\s*(?:a\s+)?(?:longtime|long-time|long-standing)\s+client\s+of\s+{GAP}{G}\s*,\s+{AUX}{F3}(?:{DROP}|ended|ends|has\s+ended)
ended - : {B}{BT}\s+{AUX}{F3}\bend(?:s|ed|ing)?\s+{F6}(?:relationship|partnership|ties|contract|tenure|association|alliance)\s+with\s+{GAP}{G}
ended - : (?:end|ending|ends|ended)\s+(?:of\s+)?(?:its|their|a|the)\s+{F6}(?:relationship|partnership|association|tenure)\s+with\s+{GAP}{G}
ended - : {G}\s+{AUXG}(?:{LOSE})\s+(?:the\s+)?{F2}{B}
ended - : {G}\s+{AUXG}(?:{LOSE})\s+{F4}(?:{WORK}|business)\s+(?:for|of|at|from)\s+(?:the\s+)?{B}
ended - : {G}\s+(?:and|&)\s+{B}\s+(?:to\s+)?part(?:s|ed)?\s+(?:ways|company)
ended - : {B}\s+(?:and|&)\s+{G}\s+(?:to\s+)?part(?:s|ed)?\s+(?:ways|company)
ended - : {G}\s+{AUXG}(?:has\s+been\s+|was\s+|were\s+|is\s+|have\s+been\s+)?{DROPPED}\s+(?:as\s+{F6})?by\s+{B}
ended - : {G}\s+{AUXG}(?:will\s+not|won't|would\s+not|did\s+not|declined\s+to|chose\s+not\s+to|opted\s+not\s+to)\s+(?:re-?pitch|defend|fight)
ended - : (?:previously|formerly|had\s+previously\s+been|had\s+been)\s+{F3}(?:handled|held|run|managed|looked\s+after)\s+by\s+{GAP}{G}
ended - : \bafter\s+(?:splitting|parting|breaking)\s+{F3}(?:from|with)\s+{GAP}{G}
ended - : \b(?:after|since)\s+(?:firing|dropping|ditching|leaving|axing|dumping)\s+{GAP}{G}
# --- review, with or without an incumbent
review - : {B}{BT}\s+{AUX}{F4}\b(?:reviews?|reviewing|reviewed)\s+{F6}(?:{WORK}|business)\s+(?:at|with|held\s+by|handled\s+by)\s+(?:both\s+)?{GAP}{G}
incumbent - : (?:{WORK}|business)(?:\s+{F4})?,?\s*(?:which\s+is\s+|is\s+)?(?:currently\s+|now\s+)?(?:held|handled|run|managed|serviced|looked\s+after)\s+(?:out\s+of|by)\s+{GAP}{G}
incumbent - : \bincumbent\s+(?:on|for)\s+(?:the\s+)?(?:{WORK}|business)\s+(?:is|was)\s+{GAP}{G}
incumbent - : \b(?:current|existing|incumbent)\s+{F2}(?:agency|shop|agency\s+partner)\s+{GAP}{G}
incumbent - : {G}\s+{AUXG}(?:has\s+)?(?:held|handled|run|managed|worked\s+on)\s+(?:the\s+)?{B}(?:'s)?\s+{F6}{WORK}
incumbent - : \bincumbents?\s+(?:agency\s+|media\s+agency\s+|creative\s+agency\s+|shops?\s+)?{GAP}{G}
incumbent - : {G}\s*,\s*(?:the|its)\s+{F2}incumbent
incumbent - : {G}\s+{AUXG}(?:is\s+|was\s+)?the\s+incumbent
incumbent - : \bincumbents\s+(?:are|were)\s+{G}
incumbent - : {G}\s+(?:have|has|had)\s+been\s+(?:the\s+)?{F8}(?:partners?|agency|agencies|agency\s+of\s+record)\s+(?:for|of|to)\b
review - : \b(?:putting|puts|put|leaves?|leaving)\s+{GAP}{G}\s+on\s+alert
review - : {G}\s+(?:is\s+|are\s+)?on\s+alert
# --- credit
credit - : {G}(?:'s|')?\s+{F4}{PIECE}\s+(?:for|with)\s+(?:the\s+)?{B}
credit - : {B}(?:'s)?\s+{F8}{PIECE}\s+{F3}(?:by|from|via|through|courtesy\s+of)\s+{GAP}{G}
credit - : {PIECE}\s+(?:for\s+{B}\s+)?(?:by|from|via|courtesy\s+of)\s+{GAP}{G}
credit - : {B}\s+"[^"]{1,60}"\s+(?:by|from)\s+{G}
credit - : {G}\s+{AUXG}{F2}(?:creates?|created|launches?|launched|unveils?|unveiled|debuts?|debuted|makes|made|rolls?\s+out|rolled\s+out|plays|tells|unleashes?|unleashed|brings?|helps?|helped|produces?|produced)\s+{F8}(?:for|to)\s+(?:the\s+)?{B}
credit - : {B}\s+(?:and|&)\s+(?:(?:its|their)\s+)?(?:[\w-]+\s+)?agency\s+{G}\s+(?:hit|launch|unveil|team|debut|return|roll|bring|create|deliver|are|have|regress|should|start)
credit - : {B}\s+(?:and|&)\s+{G}\s+(?:hit|hits|launch|launches|unveil|unveils|team\s+up|teams\s+up|debut|debuts|return|returns|roll\s+out|rolls\s+out|bring|brings|create|creates|deliver|delivers|showed|show)
credit - : {B}{BT}\s+{F10}(?:in|with|via)\s+(?:a\s+|its\s+|the\s+)?(?:new\s+|latest\s+)?{G}(?:'s)?\s+(?:[\w-]+\s+)?{PIECE}\b
credit - : \b(?:created|made|developed|produced|conceived|crafted|designed|devised|written|directed)\s+by\s+{GAP}{G}
credit - : {B}(?:'s)?\s+(?:longtime\s+|long-time\s+|long-standing\s+|lead\s+|current\s+|existing\s+|creative\s+|media\s+|ad\s+)*(?:agency|agency\s+of\s+record|aor|agency\s+partner)\s*,?\s+{G}
credit - : {G}\s*,\s*(?:the|its)\s+{F3}(?:agency|agency\s+of\s+record|aor)\s+(?:for|of|behind|to)\s+{B}
credit - : {G}\s*,\s*(?:which|who)\s+(?:also\s+)?(?:handles|runs|manages|looks\s+after|works\s+on)\s+{B}
credit - : {G}\s+{AUXG}(?:handles|runs|manages|looks\s+after|represents|representing|works\s+on|working\s+(?:pro\s+bono\s+)?(?:on|for|with)|is\s+working\s+pro\s+bono)\s+{F6}{B}
credit - : {B}\s*,\s*(?:a\s+)?(?:longtime|long-time|long-standing)\s+client\s+of\s+{GAP}{G}
credit - : {G}\s*,\s*(?:the\s+)?(?:creative\s+|media\s+)?agency\s+behind\s+{B}
credit - : \b(?:as\s+opposed\s+to|instead\s+of)\s+(?:its\s+)?(?:agency\s+of\s+record|aor|incumbent|lead\s+agency|agency)\s+{GAP}{G}
credit - : \bestablished\s+clients\s+{B}
credit - : {G}\s+{F3}\b(?:agency|shop)\s+(?:for|of)\s+{B}\s+since\b
"""


def _compile() -> list[tuple[re.Pattern[str], str, str | None]]:
    out = []
    for line in _RULES.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        statuses, template = line.split(" : ", 1)
        first, second = statuses.split()
        out.append(
            (re.compile(_t(template), re.IGNORECASE), first, None if second == "-" else second)
        )
    return out


_COMPILED = _compile()

_REVIEW_CUE = re.compile(
    _t(
        r"\b(?:puts?|placed?|places|putting|sends?)\s+{F6}(?:in|into|up\s+for|under|out\s+to)\s+(?:a\s+)?(?:\w+\s+)?(?:review|pitch|tender)\b"
        r"|\b(?:launch(?:es|ed|ing)?|calls?|called|calling|kicks?\s+off|kicked\s+off|starts?|started|opens?|"
        r"opened|begins?|began|initiates?|initiated|holds?|held|conducting|conducts?|reactivates?|"
        r"reactivated|announces?|announced|issues?|issued)\s+{F5}(?:review|pitch|tender|rfp)\b"
        r"|\b(?:review(?:s|ing)?|to\s+review)\s+(?:of\s+)?(?:its|their|the)\s+{F5}(?:{WORK}|business|communications|marketing|advertising)\b"
        r"|\b(?:is|are)\s+reviewing\b|\bin\s+review\b|\bup\s+for\s+(?:review|grabs|pitch)\b"
        r"|\b(?:creative|media|pr|digital|account|agency)\s+(?:reviews?|pitch(?:es)?)\b"
        r"|\b(?:to\s+review|reviews|reviewing)\s+(?:its\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:creative|media|pr|digital|accounts?|business|agencies|agency|advertising|communications|marketing)\b"
        r"|\bgoes\s+(?:to|out\s+to)\s+(?:tender|pitch|review)\b|\bput\s+out\s+to\s+tender\b"
        r"|\b(?:on\s+the\s+hunt|searching|searches|looking|looks|seeks?|seeking)\s+(?:for\s+)?(?:a\s+)?(?:new\s+)?{F3}(?:agency|agencies|shop|partner)\b"
        r"|\bseeks?\s+shop\b|\bshortlist\s+of\s+agencies\s+to\s+pitch\b|\bdrawing\s+up\s+a\s+shortlist\b"
        r"|\bgoes\s+into\s+review\b|\bheads?\s+to\s+(?:review|pitch)\b|\bto\s+tender\b"
    ),
    re.IGNORECASE,
)
_REVIEW_BRAND = re.compile(
    _t(
        r"{B}(?:'s)?\s+(?:\([^)]*\)\s+)?{AUX}{F6}\b(?:(?:puts?|placed?|places|putting|sends?|launch(?:es|ed|ing)?|"
        r"calls?|called|calling|kicks?\s+off|kicked\s+off|starts?|started|opens?|opened|begins?|began|"
        r"initiates?|initiated|holds?|conducting|conducts?|reactivates?|reactivated|announces?|announced|"
        r"issues?|issued|seeks?|seeking|searches|searching|looking|looks|goes|heads?|drawing|"
        r"is\s+on\s+the\s+hunt|tipped\s+to)\s+{F8}(?:review|pitch|tender|rfp|search|agency|agencies|"
        r"shop|shortlist|account|partner)|reviews?|reviewing|review)\b"
    ),
    re.IGNORECASE,
)
_REVIEW_OBJECT = re.compile(
    _t(
        r"{B}(?:'s)(?:\s*\([^()]{1,30}\))?\s+{F8}(?:{WORK}|business)(?:\s*,[^,⟦⟧]{1,60},)?\s+{F4}(?:are|is|has\s+been|have\s+been)?\s*(?:up\s+for|in|into|out\s+to|put\s+out\s+to|goes\s+to)\s+(?:review|pitch|grabs|tender)"
    ),
    re.IGNORECASE,
)
_REVIEW_UP = re.compile(
    _t(r"{B}\s+(?:is\s+|are\s+)?(?:now\s+)?up\s+for\s+(?:review|pitch|grabs|tender)"), re.IGNORECASE
)
_REVIEW_LIST = re.compile(
    _t(r"\b(?:reviews?|pitches)[^⟦⟧]{0,40}\b(?:from|including|by|for)\s+{B}"), re.IGNORECASE
)
_NOT_REVIEW = re.compile(
    r"\b(?:calls?|called|calling)\s+off\b|\bcancel(?:s|led|ed|ling)?\b|\babandon(?:s|ed)?\b|"
    r"\bscraps?\b|\bscrapped\b|\bhalts?\b|\bhalted\b|\bconcludes?\b|\bconcluded\b|\bended\s+a\b|"
    r"\bresults?\s+of\b|\boutcome\s+of\b",
    re.IGNORECASE,
)

# Sentences about people, awards, deals or staff give no relationship.
_PERSON = re.compile(
    r"\bformerly\s+(?:of|at|with)\b|\bjoins\s+from\b|\bjoined\s+from\b|\bex-\w+|\bpoached\b|"
    r"\b(?:former|outgoing|incoming)\s+(?:\w+\s+){0,3}" + _TITLE_WORDS + r"\b|"
    r"\bas\s+(?:its\s+|the\s+|their\s+|a\s+|an\s+)?(?:new\s+|first\s+|global\s+|interim\s+|regional\s+|"
    r"(?:\w+\s+)?(?:co-)?)?"
    + _TITLE_WORDS
    + r"\b|\bpromot(?:es|ed|ing)\b|\bsteps\s+down\b|\bto\s+head\s+up\b|"
    r"\bhead\s+up\s+its\b|\b(?:appoints|names|hires|taps)\s+(?:\w+\s+){0,2}(?:veteran|alum|exec|executive|chief|boss|marketer|strategist)\b",
    re.IGNORECASE,
)
_PERSON_VERB = re.compile(
    r"\b(?:retains?|retained|keeps|kept|hires?|hired|names?|named|appoints?|appointed|taps?|tapped|"
    r"promotes?|poaches?|recruits?|adds?|loses|lost)\s+(?:its\s+|their\s+|the\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:chief|ceo|cmo|cco|cso|coo|cfo|president|head|boss|director|officer|"
    r"executive|exec|founder|leader|talent|staff|strategist|chairman|chair|veteran|marketer|vp)s?\b",
    re.IGNORECASE,
)
_AWARD = re.compile(
    r"\b(?:agency|network|agencies|shop|company)\s+of\s+the\s+year\b|\baoy\b|\bawards?\b|\blions?\b|\bgrand\s+prix\b|"
    r"\bgongs?\b|\branked\b|\brankings?\b|\btop\s+\d+\b|\bleague\s+table\b|\bshortlisted\s+for\b|\bcrowned\b|"
    r"\bwinners?\s+(?:at|of)\b|\bfinalists?\b|\bhot\s+shops?\b|\bnew\s+business\s+(?:league|rankings?|table)\b",
    re.IGNORECASE,
)
_DEAL = re.compile(
    r"\b(?:acquires?|acquired|acquiring|acquisition|buys|bought|purchase[sd]?|merges?|merged|merger|"
    r"takes?\s+(?:a\s+)?(?:majority\s+|minority\s+)?stake|sells?|sold|spins?\s+off|invests?\s+in)\b",
    re.IGNORECASE,
)
_LAYOFF = re.compile(
    r"\b(?:lay(?:s|ing)?\s*offs?|laid\s+off|redundanc(?:y|ies)|job\s+cuts|furlough\w*|cuts?\s+\d+\s+jobs)\b",
    re.I,
)
_SHORTLIST = re.compile(
    r"\bshortlist(?:s|ed|ing)?\b|\bfinalists?\b|\bin\s+the\s+running\b|\bcontenders?\b|\bvying\b|"
    r"\btwo-horse\s+race\b|\bnarrow(?:s|ed)?\s+(?:to|down)\b|\bto\s+pitch\s+for\b|\bpitching\s+for\b|"
    r"\binvited\s+to\s+pitch\b|\blining\s+up\b|\bline\s+up\b|\bin\s+contention\b",
    re.IGNORECASE,
)
_LOST_PITCH = re.compile(
    r"\b(?:loses?|lost)\s+(?:out\s+)?(?:the\s+|a\s+)?(?:\S+\s+){0,3}pitch\b|\bloses\s+out\b|\bmissed\s+out\b|"
    r"\bout\s+of\s+the\s+running\b|\bno\s+longer\s+in\s+the\s+running\b|\bcut\s+from\b|\beliminated\b|"
    r"\bbeaten\s+by\b|\bunsuccessful\b|\bnot\s+(?:been\s+)?(?:picked|chosen|selected)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|might|may)\s+(?:be\s+set\s+to|soon|)\s*\w+|\bshould\b|\bwould\s+be\b|\bif\b|\bwhether\b|"
    r"\brumou?r\w*|\bspeculat\w+|\?\s*$",
    re.IGNORECASE,
)


def _roles(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for role, pattern in _ROLE_WORDS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if all(m.end() <= s or m.start() >= e for s, e, _r in found):
                found.append((m.start(), m.end(), role))
    return sorted(found)


@dataclass
class _Placed:
    """A sentence with every name replaced by ⟦i⟧."""

    text: str
    names: list[_Name]
    spans: list[tuple[int, int]]  # span of ⟦i⟧ in ``text``


def _place(sentence: str, gazetteer: Gazetteer) -> _Placed:
    title = _title_case(sentence)
    masked = sentence
    names: list[_Name] = []
    for entry, s, e in gazetteer.find_in(sentence):
        while s > 1 and sentence[s - 1] == "-" and sentence[s - 2].isalnum():
            s -= 1
            while s > 0 and sentence[s - 1].isalnum():
                s -= 1
        while e + 1 < len(sentence) and sentence[e] == "-" and sentence[e + 1].isalnum():
            e += 1
            while e < len(sentence) and sentence[e].isalnum():
                e += 1
        surface = sentence[s:e]
        # an ambiguous one-word name followed by another name is part of that name
        # ("Special Olympics", "Mother Teresa"): leave it to the proper-name finder
        follow = re.match(r"\s+([A-Z][a-z][\w'-]*)", sentence[e:])
        if (
            surface in entry.ambiguous
            and " " not in surface
            and follow
            and follow.group(1).lower() not in _NOT_A_NAME
            and follow.group(1).lower() not in _COMMON
            and not title
        ):
            continue
        names.append(_Name(s, e, surface, entry))
    taken = [(n.start, n.end) for n in names]
    names += _proper_names(masked, taken, title)
    names.sort(key=lambda n: n.start)
    merged = _merge_names(sentence, names)
    text, spans, pos = "", [], 0
    for i, n in enumerate(merged):
        text += sentence[pos : n.start]
        token = f"⟦{i}⟧"
        spans.append((len(text), len(text) + len(token)))
        text += token
        pos = n.end
        # "Hong Kong Tourism Board (HKTB)": the acronym belongs to the name
        m = re.match(r"\s*\([A-Z][A-Za-z&.]{1,9}\)", sentence[pos:])
        if m and not any(o.start < pos + m.end() and o.end > pos for o in merged[i + 1 :]):
            pos += m.end()
    text += sentence[pos:]
    return _Placed(text, merged, spans)


def _merge_names(sentence: str, names: list[_Name]) -> list[_Name]:
    """Join names that make one: "Ogilvy's David" and "IPG's UM" (the unit, not the owner),
    "Energy BBDO", "Ogilvy RedWorks", "Starcom MediaVest" (one agency, the listed one's entry)."""
    merged: list[_Name] = []
    for n in names:
        if merged:
            prev = merged[-1]
            gap = sentence[prev.end : n.start]
            if (
                re.fullmatch(r"'s?\s+", gap)
                and prev.entry is not None
                and (n.entry is not None or "holding" in prev.entry.discipline)
            ):
                merged[-1] = n  # "WPP's Ogilvy", "Ogilvy's David"
                continue
            if gap == "-" and not (prev.entry and n.entry):
                merged[-1] = _Name(
                    prev.start, n.end, sentence[prev.start : n.end], prev.entry or n.entry
                )
                continue
            if gap == " " and (prev.entry is None) != (n.entry is None):
                entry = prev.entry or n.entry
                text = sentence[prev.start : n.end]
                if entry is not None and "holding" not in entry.discipline:
                    merged[-1] = _Name(prev.start, n.end, text, entry)
                    continue
                if entry is not None and n.entry is not None:  # "BWM Dentsu"
                    merged[-1] = _Name(prev.start, n.end, text, None, agency_like=True)
                    continue
            if gap == " " and prev.entry is None and n.entry is None:
                merged[-1] = _Name(prev.start, n.end, sentence[prev.start : n.end], None)
                continue
            if (
                gap == " "
                and prev.entry is not None
                and n.entry is not None
                and ("holding" in prev.entry.discipline)
            ):
                merged[-1] = n  # "WPP Mindshare"
                continue
        merged.append(n)
    return merged


_AGENCY_CONTEXT = re.compile(
    r"\b(?:agency|agencies|aor|account|pitch|review|shop|campaign|creative|media|pr|roster|brief|"
    r"business|appoints?|hires?|wins?|names?|drops?|retains?)\b",
    re.IGNORECASE,
)


def _agency_context(sentence: str) -> bool:
    return _AGENCY_CONTEXT.search(sentence) is not None


def _ids(group: str | None) -> list[int]:
    return [int(i) for i in re.findall(r"⟦(\d+)⟧", group or "")]


def _role_for(placed: _Placed, idx: int, statement: str, listed: list[int]) -> tuple[str, bool]:
    """The role the sentence gives the name at ``idx`` (or the gazetteer's, unstated)."""
    text = placed.text
    s, e = placed.spans[idx]
    words = _roles(text)
    # "X and Y as its creative and media agencies": zip a list with its roles, in order
    if len(listed) > 1 and idx in listed:
        tail = text[placed.spans[listed[-1]][1] :][:80]
        m = re.match(
            r"\s*(?:as|for)\s+(?:its|their|the)?\s*((?:[\w-]+(?:\s*,\s*|\s+and\s+|\s+)){1,6})"
            r"(?:agenc|partner|duties|accounts|respectively|roles)",
            tail,
            re.IGNORECASE,
        )
        if m:
            found = [r for _s, _e, r in _roles(m.group(1))]
            if len(found) == len(listed):
                return found[listed.index(idx)], True
    # "Vocanic for social media", "Leo Burnett and Ogilvy for creative"
    after = text[e:]
    nxt = next((ss for ss, _ee in placed.spans if ss >= e), len(text))
    for_part = re.match(
        r"(?:\s*(?:,|and|&)\s*⟦\d+⟧)*\s+(?:for|on|to\s+handle|to\s+lead|to\s+run|as)\s+(?:its|their|the|a)?\s*"
        r"(?:[\w-]+\s+){0,3}",
        after,
        re.IGNORECASE,
    )
    if for_part:
        window = after[: max(for_part.end() + 25, 0)]
        close = [w for w in _roles(window)]
        if close:
            return close[0][2], True
    # "its media agency Starcom", "lead creative agency BBH": a role word just before the name
    before = text[max(0, s - 40) : s]
    near = _roles(before)
    if near and not re.search(r"⟦\d+⟧", before[near[-1][1] :]):
        return near[-1][2], True
    # otherwise the role word nearest the name within the statement (a word after wins a tie)
    in_statement = [w for w in words if w[0] >= 0]
    if in_statement:
        best = min(
            in_statement,
            key=lambda w: (w[0] - e, 0) if w[0] >= e else (s - w[1], 1),
        )
        distance = best[0] - e if best[0] >= e else s - best[1]
        if distance < 90 and not re.search(
            r"⟦\d+⟧", text[min(e, best[0]) : max(s, best[1])][4:-4] if False else ""
        ):
            return best[2], True
    entry = placed.names[idx].entry
    if entry is not None:
        first = next((d for d in entry.discipline if d != "holding"), "other")
        return first, False
    return "other", False
    del nxt, statement  # pragma: no cover


def _clean(name: str) -> str:
    name = name.strip(" ,.;:'\"")
    name = re.sub(r"^(?:The\s+)(?=[A-Z][a-z]+\s+(?:Government|government))", "", name)
    return name


def _is_agency_like(name: _Name) -> bool:
    return name.entry is not None


def _exclusions(sentence: str) -> set[str]:
    kinds = set()
    if _PERSON.search(sentence):
        kinds.add("person")
    if _PERSON_VERB.search(sentence):
        kinds.add("person_verb")
    if _AWARD.search(sentence):
        kinds.add("award")
    if _DEAL.search(sentence):
        kinds.add("deal")
    if _LAYOFF.search(sentence):
        kinds.add("layoff")
    if _SHORTLIST.search(sentence):
        kinds.add("shortlist")
    if _LOST_PITCH.search(sentence):
        kinds.add("lost")
    return kinds


def extract_sentence(sentence: str, gazetteer: Gazetteer) -> list[Relation]:
    """Every relation one sentence states (brand "" when only the article names it)."""
    sentence = normalise(sentence)
    if not sentence or sentence.isupper():
        return []
    placed = _place(sentence, gazetteer)
    if not placed.names and not _REVIEW_CUE.search(sentence):
        return []
    text = placed.text
    blocked = _exclusions(sentence)
    found: dict[tuple[int, int | None], str] = {}  # (agency idx, brand idx or None) -> status
    order: list[tuple[int, int | None]] = []
    for pattern, first, second in _COMPILED:
        for m in _overlapping(pattern, text):
            groups = m.groupdict()
            brands = _ids(groups.get("b"))
            brand_ids: list[int | None] = [
                b for b in brands if placed.names[b].entry is None or "holding" in ()
            ] or ([None] if not brands else [])
            if brands and not brand_ids:
                continue  # the "brand" is an agency: an agency hiring, not a client relationship
            for group, status in (("g", first), ("g2", second)):
                if status is None:
                    continue
                for g in _ids(groups.get(group)):
                    for b in brand_ids:
                        if b == g:
                            continue
                        key = (g, b)
                        if key not in found:
                            found[key] = status
                            order.append(key)
    order = _drop_products(placed, found, order)
    out: list[Relation] = []
    person = "person" in blocked
    for g, b in order:
        status = found[(g, b)]
        name = placed.names[g]
        if b is not None and placed.names[b].entry is not None:
            continue
        if person and status in ("appointed", "retained") and _person_object(placed, g):
            continue
        if "person_verb" in blocked and status in ("appointed", "retained", "ended"):
            continue
        if "award" in blocked and status in ("appointed", "credit") and not _work_word(sentence):
            continue
        if "deal" in blocked and status in ("appointed", "ended") and not _work_word(sentence):
            continue
        if "lost" in blocked and status in ("appointed", "ended") and _lost_near(placed, g):
            continue
        if name.entry is None and not _unknown_agency_ok(placed, g, status, sentence):
            continue
        role, stated = _role_for(placed, g, status, _list_of(placed, g))
        brand = _clean(placed.names[b].text) if b is not None else ""
        if brand and (not _plausible_brand(brand) or same_name(brand, name.text)):
            continue
        out.append(
            Relation(
                brand=brand,
                agency=_clean(name.text),
                role=role,
                status=status,
                sentence=sentence,
                entry=name.entry,
                role_stated=stated,
            )
        )
    out += _continued(placed, out, sentence)
    out = _revise_incumbents(out, sentence)
    out += _reviews(placed, sentence, out, blocked)
    return _dedupe(out)


def _drop_products(
    placed: _Placed, found: dict[tuple[int, int | None], str], order: list[tuple[int, int | None]]
) -> list[tuple[int, int | None]]:
    """ "Apple's new iPhone ad from A": the brand is Apple, not its product."""
    out: list[tuple[int, int | None]] = []
    for g, b in order:
        if b is not None:
            start = placed.spans[b][0]
            m = re.search(r"⟦(\d+)⟧'s?\s+(?:[\w-]+\s+){0,2}$", placed.text[:start])
            owner = int(m.group(1)) if m else None
            if owner is not None and placed.names[owner].entry is None and (g, owner) not in found:
                found[(g, owner)] = found[(g, b)]
                out.append((g, owner))
                continue
        out.append((g, b))
    return out


def _continued(placed: _Placed, found: list[Relation], sentence: str) -> list[Relation]:
    """ "appoints A for creative and B for social": B takes A's brand and status."""
    out: list[Relation] = []
    for r in found:
        if r.status not in ("appointed", "retained"):
            continue
        idx = next((i for i, n in enumerate(placed.names) if n.text == r.agency), None)
        if idx is None:
            continue
        tail = placed.text[placed.spans[idx][1] :]
        for m in re.finditer(
            r"(?:\s+(?:for|on|in|as)\s+(?:[\w-]+\s+){0,4}?[\w-]+)?(?:\s*,\s*|\s+)(?:and\s+)?⟦(\d+)⟧(?=\s+(?:for|to\s+handle|on|as)\s)",
            tail,
        ):
            k = int(m.group(1))
            name = placed.names[k]
            if any(x.agency == name.text for x in found) or (
                name.entry is None and not _unknown_agency_ok(placed, k, r.status, sentence)
            ):
                continue
            role, stated = _role_for(placed, k, r.status, [k])
            out.append(
                replace(
                    r, agency=_clean(name.text), entry=name.entry, role=role, role_stated=stated
                )
            )
            break
    return out


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    """Every leftmost match from each starting point (a name list ends where a verb starts)."""
    pos = 0
    while pos <= len(text):
        m = pattern.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.start() + 1


def _list_of(placed: _Placed, idx: int) -> list[int]:
    """The indices of the name list ``idx`` stands in ("DDB and OMD")."""
    text = placed.text
    for m in re.finditer(_LIST, text):
        ids = _ids(m.group())
        if idx in ids:
            return ids
    return [idx]


def _work_word(sentence: str) -> bool:
    return re.search(rf"\b{_WORK}\b|\bagency\s+of\s+record\b", sentence, re.IGNORECASE) is not None


def _person_object(placed: _Placed, g: int) -> bool:
    """Whether the name at ``g`` is followed by a job title ("Yang Yeo as co-chief ...")."""
    s, e = placed.spans[g]
    after = placed.text[e : e + 70]
    if re.match(
        rf"(?:'s)?\s*,?\s*(?:as\s+)?(?:its|the|their|a|an)?\s*(?:new\s+|first\s+|global\s+|interim\s+|regional\s+|"
        rf"(?:[\w-]+\s+){{0,2}})?{_TITLE_WORDS}\b",
        after,
        re.IGNORECASE,
    ):
        return True
    name = placed.names[g]
    return name.entry is None and _looks_like_person(name.text)


_FIRST_NAMES = set(
    """
john james david michael robert william richard thomas mark paul peter andrew steve steven stephen
chris christopher matt matthew tom tim jim joe jon jonathan ben daniel dan nick nicholas alex
mary jane sarah susan karen lisa laura emma anna kate katie amy rachel rebecca jennifer jessica
nicole linda helen claire charlotte sophie lucy julia julie michelle elizabeth ann anne
tony charles bill george harry jack sam samuel simon martin ian colin kevin brian
""".split()  # noqa: SIM905
)


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and words[0].lower() in _FIRST_NAMES


def _lost_near(placed: _Placed, g: int) -> bool:
    s, e = placed.spans[g]
    return _LOST_PITCH.search(placed.text[e : e + 40]) is not None


_AGENCY_SUFFIX = re.compile(
    r"\b(?:agency|partners|communications|comms|media|digital|group|creative|studio|studios|"
    r"collective|worldwide|advertising|pr|consulting|labs?|&\s*\w+|\+\s*\w+|company|co\.?)$",
    re.IGNORECASE,
)


def _plausible_agency(name: str, sentence: str) -> bool:
    """An agency not in the gazetteer: a name, not a person, a place or a generic word."""
    words = name.split()
    if not words or len(words) > 6:
        return False
    if _looks_like_person(name):
        return False
    return not all(w.lower().strip(".,'") in _COMMON | _NOT_A_NAME for w in words)


_CUE_BEFORE = re.compile(
    r"\b(?:agency|agencies|shop|incumbent|incumbents|indie|independent|consultancy|firm|"
    r"network|outfit|studio|partner)\s*(?:,\s*)?$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    r"^(?:'s)?\s*,\s*(?:the|an?|its)\s+(?:[\w-]+\s+){0,3}(?:agency|shop|consultancy|firm)\b",
    re.IGNORECASE,
)


def _unknown_agency_ok(placed: _Placed, g: int, status: str, sentence: str) -> bool:
    """An agency not in the gazetteer is kept when the sentence's structure makes it one.

    Appointments, wins and retentions place it by themselves (with a plausible name); an
    ending, review or credit also needs an agency word beside it ("agency Majority",
    "X, the agency") or an agency-like name ("... Communications", "... & Partners"). In a
    title-case headline a one-word name must look like a name (digits, inner capitals, & or +).
    """
    name = placed.names[g].text
    if not _plausible_agency(name, sentence):
        return False
    s, e = placed.spans[g]
    # "for PAVV creative", "Auris job": a name that qualifies an account is the brand's
    if re.match(
        rf"\s+(?:{_WORK}|business|creative|media|pr|digital|advertising|ad)\b",
        placed.text[e:],
        re.I,
    ):
        return False
    cue = (
        _CUE_BEFORE.search(placed.text[max(0, s - 40) : s]) is not None
        or _CUE_AFTER.search(placed.text[e : e + 60]) is not None
        or _AGENCY_SUFFIX.search(name) is not None
        or placed.names[g].agency_like
    )
    if _title_case(sentence) and len(name.split()) == 1 and not re.search(r"\d|[&+/]|.[A-Z]", name):
        return False
    return cue or status in ("appointed", "retained")


def _plausible_brand(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 8:
        return False
    if all(w.lower().strip(".,'") in _COMMON | _NOT_A_NAME for w in words):
        return False
    return not _looks_like_person(name)


def _revise_incumbents(found: list[Relation], sentence: str) -> list[Relation]:
    """An incumbent named in a sentence that appoints another agency lost the account; one
    that is also appointed kept it; in a sentence about a review it is the review's incumbent.
    Otherwise "incumbent" stays for the article to decide (see :func:`_tidy`). A credit for an
    agency the same sentence appoints or keeps adds nothing."""
    appointed = {r.agency_name for r in found if r.status == "appointed"}
    kept = {r.agency_name for r in found if r.status in ("appointed", "retained")}
    review_cue = _REVIEW_CUE.search(sentence) is not None
    out = []
    for r in found:
        if r.status in ("incumbent", "review") and appointed:
            status = "retained" if r.agency_name in appointed else "ended"
            out.append(replace(r, status=status))
        elif r.status == "incumbent" and review_cue:
            out.append(replace(r, status="review"))
        elif r.status == "credit" and r.agency_name in kept:
            continue
        else:
            out.append(r)
    return out


def _reviews(
    placed: _Placed, sentence: str, found: list[Relation], blocked: set[str]
) -> list[Relation]:
    """The account put in review: (brand, "", role, review) when no incumbent is named."""
    if not _REVIEW_CUE.search(sentence) or _NOT_REVIEW.search(sentence):
        return []
    if any(r.status in ("appointed", "retained") for r in found):
        return []
    brands: list[int | None] = []
    for pattern in (_REVIEW_BRAND, _REVIEW_OBJECT, _REVIEW_LIST, _REVIEW_UP):
        for m in pattern.finditer(placed.text):
            for k in _ids(m.group("b")):
                if placed.names[k].entry is None and k not in brands:
                    brands.append(k)
    if not brands:
        brands = [None]
    role = _review_role(sentence)
    out = []
    for b in brands:
        brand = _clean(placed.names[b].text) if b is not None else ""
        if brand and not _plausible_brand(brand):
            continue
        out.append(Relation(brand, "", role[0], "review", sentence, None, role[1]))
    return out


def _review_role(sentence: str) -> tuple[str, bool]:
    m = _REVIEW_CUE.search(sentence)
    words = _roles(sentence)
    if not words:
        return "other", False
    pos = m.start() if m else 0
    best = min(words, key=lambda w: abs(w[0] - pos))
    return best[2], True


def _dedupe(found: Iterable[Relation]) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for r in found:
        key = (r.brand.lower(), agency_key(r.agency_name), r.status)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def extract_text(headline: str, snippet: str, gazetteer: Gazetteer) -> list[Relation]:
    """Every relation an article's headline and snippet state, merged.

    A sentence that refers to the brand without naming it ("the retailer", "its") takes the
    brand of the article: the one named in the other relations, else the headline's first name.
    """
    sentences = [*split_clauses(headline), *split_clauses(snippet)]
    found: list[Relation] = []
    for s in sentences:
        found.extend(extract_sentence(s, gazetteer))
    brands = [r.brand for r in found if r.brand]
    topic = brands[0] if brands else _headline_brand(headline, gazetteer)
    for b in brands:
        if len(b) > len(topic) and _initials(topic, b):
            topic = b
    acronyms = _acronyms(f"{headline} {snippet}")
    out = []
    for r in found:
        if not r.brand:
            if not topic or (r.status == "review" and not r.agency and not brands):
                continue
            r = replace(r, brand=topic)
        if r.brand in acronyms:
            r = replace(r, brand=acronyms[r.brand])
        if r.agency and same_name(r.brand, r.agency):
            continue
        out.append(r)
    cue = any(_REVIEW_CUE.search(s) and not _NOT_REVIEW.search(s) for s in sentences)
    return _tidy(_merge(out), cue)


def _acronyms(text: str) -> dict[str, str]:
    """ "Hong Kong Tourism Board (HKTB)": HKTB -> Hong Kong Tourism Board."""
    out = {}
    for m in re.finditer(
        r"((?:[A-Z][\w&'-]*\s+(?:of\s+|for\s+|and\s+|the\s+)*){1,6})\(([A-Z][A-Za-z&]{1,8})\)",
        normalise(text),
    ):
        name = re.sub(r"^The\s+", "", m.group(1).strip())
        name = re.sub(r"'s$", "", name)
        out[m.group(2)] = name
    return out


def _tidy(found: list[Relation], review_cue: bool = False) -> list[Relation]:
    """Item-level rules: an incumbent is the review's (when the article reports a review), the
    loser (when it reports another agency appointed) or the brand's agency (a credit); a named
    incumbent's review stands for the account's review; a credit for a pair the same item
    reports ended or in review is that past relationship."""
    revised = []
    incumbents = {
        (r.brand.lower(), agency_key(r.agency_name)) for r in found if r.status == "incumbent"
    }
    for r in found:
        if r.status == "appointed" and (r.brand.lower(), agency_key(r.agency_name)) in incumbents:
            continue  # named incumbent and appointed: kept (below)
        if r.status == "incumbent" and any(
            o.status == "appointed"
            and same_name(o.brand, r.brand)
            and o.agency_name == r.agency_name
            for o in found
        ):
            r = replace(r, status="retained")
        elif r.status == "incumbent":
            others = [
                o
                for o in found
                if o.status == "appointed"
                and same_name(o.brand, r.brand)
                and o.agency_name != r.agency_name
            ]
            reviewed = review_cue or any(
                o.status == "review" and same_name(o.brand, r.brand) for o in found
            )
            r = replace(r, status="ended" if others else "review" if reviewed else "credit")
        revised.append(r)
    found = _merge(revised)
    named_review = {r.brand.lower() for r in found if r.status == "review" and r.agency}
    closed = {
        (r.brand.lower(), agency_key(r.agency_name))
        for r in found
        if r.status in ("ended", "review")
    }
    out = []
    for r in found:
        if r.status == "review" and not r.agency and r.brand.lower() in named_review:
            continue
        if r.status == "credit" and (r.brand.lower(), agency_key(r.agency_name)) in closed:
            continue
        out.append(r)
    return out


def _headline_brand(headline: str, gazetteer: Gazetteer) -> str:
    placed = _place(normalise(headline), gazetteer)
    for n in placed.names:
        if n.entry is None and _plausible_brand(n.text):
            return _clean(n.text)
    return ""


def same_name(a: str, b: str) -> bool:
    """Whether two brand names as written are the same brand ("Domino's" ~ "Domino's Pizza")."""
    ka, kb = _brand_tokens(a), _brand_tokens(b)
    if not ka or not kb:
        return False
    return ka == kb or set(ka) <= set(kb) or set(kb) <= set(ka)


def _brand_tokens(name: str) -> tuple[str, ...]:
    text = normalise(name).lower()
    text = re.sub(r"'s\b|'", "", text)
    words = re.findall(r"[\w&+]+", text)
    drop = {"the", "inc", "co", "corp", "ltd", "plc", "llc", "group", "company", "of"}
    return tuple(w for w in words if w not in drop)


def _initials(a: str, b: str) -> bool:
    """ "BT" and "British Telecom": one is the other's initials."""
    short, long = sorted((a.strip(), b.strip()), key=len)
    words = [
        w for w in re.findall(r"[A-Za-z]+", long) if w.lower() not in ("of", "and", "the", "for")
    ]
    return (
        short.isupper() and 2 <= len(short) <= 5 and "".join(w[0] for w in words).upper() == short
    )


def _similar_agency(a: str, b: str) -> bool:
    """ "WE Comms" and "WE Communications"; "Saatchi" and "Saatchi & Saatchi"."""
    if same_name(a, b):
        return True
    wa, wb = _brand_tokens(a), _brand_tokens(b)
    if not wa or not wb or wa[0] != wb[0]:
        return False
    short, long = sorted((wa, wb), key=len)
    return all(any(x.startswith(y) or y.startswith(x) for x in long) for y in short)


def _merge(found: list[Relation]) -> list[Relation]:
    """One relation per (brand, agency, status): the headline's, with the better role."""
    out: list[Relation] = []
    for r in found:
        twin = next(
            (
                o
                for o in out
                if o.status == r.status
                and (same_name(o.brand, r.brand) or _initials(o.brand, r.brand))
                and (
                    agency_key(o.agency_name) == agency_key(r.agency_name)
                    or (o.agency and r.agency and _similar_agency(o.agency, r.agency))
                )
            ),
            None,
        )
        if twin is None:
            out.append(r)
        else:
            better = twin
            if len(r.brand) > len(twin.brand) and _initials(twin.brand, r.brand):
                better = replace(better, brand=r.brand)
            if not twin.role_stated and r.role_stated:
                better = replace(better, role=r.role, role_stated=True)
            out[out.index(twin)] = better
    return out
