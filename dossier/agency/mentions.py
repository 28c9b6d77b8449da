"""Names in a sentence of trade press, and what each one is: agency, person, place or name.

Pure. The relation extractor (:mod:`dossier.agency.relations`) reads a sentence as a sequence of
*names* and the words between them. This module finds the names and types them:

* ``agency``: a gazetteer name (or former name), or a capitalised name the text marks as an agency
  ("media agency Love Sugar Science", "Zed, the online incumbent", "Huey/Paprocki", "... Partners");
* ``person``: a capitalised name the text marks as a person (a job title next to it, a first name,
  "said", "Mr.");
* ``place``: a city, country or region on its own, an outlet's name, a dateline;
* ``name``: anything else: a brand, or an agency the sentence's structure may still reveal.

A name the item marks as a person anywhere (headline or snippet) is a person everywhere in it:
"Sheena Jeng to Publicis" is a person move because the snippet says "Sheena Jeng spent 10 months
at DDB Taiwan before reclaiming her position as ... chief creative officer".
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass

from ..memo import Memo
from .gazetteer import AgencyEntry, Gazetteer

# ----------------------------------------------------------------------------- sentences

_ABBREV = {"inc", "corp", "co", "ltd", "llc", "plc", "st", "mr", "mrs", "ms", "dr", "no", "vs"}
_ABBREV |= {
    "jr",
    "sr",
    "u.s",
    "u.k",
    "e.g",
    "i.e",
    "bros",
    "int'l",
    "ont",
    "calif",
    "mass",
    "l.a",
    "n.y",
    "d.c",
}
_ABBREV |= {"s.f", "u.a.e", "n.z"}
_EXCLAIMED = {"yum", "yahoo", "jeopardy", "wow"}  # "Yum! Brands": no sentence ends there


def normalise(text: str) -> str:
    """NFKC, typographic quotes as ASCII, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    table: dict[str, str | int | None] = {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "\u00a0": " ",
        "›": "'",
    }
    text = re.sub(r"[™®℠]", "", text)
    text = text.translate(str.maketrans(table))
    return re.sub(r"\s+", " ", text).strip()


def split_sentences(text: str) -> list[str]:
    """Sentences of a headline or snippet (not split after "Inc.", "U.S." or an initial)."""
    text = normalise(text)
    out, start = [], 0
    for m in re.finditer(r"[.!?]+[\"')]*\s+(?=[\"'(]?[A-Z0-9])", text):
        last = text[start : m.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
        if (
            last in _ABBREV
            or (len(last) == 1 and last.isalpha())
            or (m.group().startswith("!") and last in _EXCLAIMED)
        ):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    return [*out, text[start:]] if text[start:] else out


def split_clauses(text: str, headline: bool = True) -> list[str]:
    """Sentences, then the parts a headline strings together with " - ", ": ", " | " or ";"
    (in running text a dash is an aside, not a break: only ";", " | " and ": " split)."""
    out = []
    pattern = r"\s+[-–—|]\s+|:\s+|;\s+" if headline else r"\s+\|\s+|:\s+(?=[A-Z])|;\s+"
    for sentence in split_sentences(text):
        out += [p.strip() for p in re.split(pattern, sentence) if p.strip()]
    return out


# ----------------------------------------------------------------------------- vocabulary

# The verb classes the rules are written with (``relations._RULES``); here because a capitalised
# verb in a title-case headline ends a name ("Mondelez Names Carat").
VERBS = {
    # the brand hires the agency
    "APPOINT": r"names?|named|naming|appoints?|appointed|appointing|(?:re-?)?hires?|(?:re-?)?hired|hiring|picks?|"
    r"picked|picking|selects?|selected|selecting|taps?|tapped|tapping|chooses|chose|chosen|choosing|"
    r"enlists?|enlisted|enlisting|tasks?|tasked|recruits?|recruited|recruiting|brings\s+in|brought\s+in|"
    r"turns\s+to|turned\s+to|signs?(?:\s+on)?|signed(?:\s+on)?|signing|adds?|added|adding|"
    r"brings?\s+on(?:board)?|brought\s+on(?:board)?|onboards?|onboarded|ropes?\s+in|roped\s+in|"
    r"goes\s+with|went\s+with|settles?\s+on|settled\s+on|engages?|engaged|engaging|commissions?|"
    r"commissioned|books?|booked|drafts?\s+in|drafted\s+in|calls?\s+in|called\s+in|"
    r"beauftragt|ernennt|holt|verpflichtet",
    # the brand keeps the agency
    "KEEP": r"retains?|retained|retaining|keeps|kept|keeping|re-?appoints?|re-?appointed|re-?appointing|"
    r"re-?hires?|re-?hired|sticks\s+with|stuck\s+with|stays\s+with|stayed\s+with|remains\s+with|"
    r"continues\s+with|continued\s+with",
    # the brand drops the agency (or the agency the client)
    "DROP": r"drops?|dropped|dropping|ditch(?:es|ed|ing)?|fires|fired|firing|axes|axed|axing|"
    r"dumps?|dumped|dumping|sacks?|sacked|part(?:s|ed|ing)?\s+(?:ways|company)\s+with|"
    r"split(?:s|ting)?\s+(?:from|with)|breaks?\s+(?:up\s+)?with|broke\s+(?:up\s+)?with|"
    r"cuts?\s+ties\s+with|severs?\s+ties\s+with|severed\s+ties\s+with|leaves|left|leaving|"
    r"exits?|exited|exiting|departs|departed|departing|quits?|walks?\s+away\s+from|walked\s+away\s+from|moves?\s+away\s+from|"
    r"moved\s+away\s+from|waves?\s+goodbye\s+to|bids?\s+farewell\s+to|yanks?|yanked|pulls?|pulled|"
    r"trennt\s+sich\s+von",
    # the brand gives the account to the agency
    "HAND": r"awards?|awarded|awarding|hands?|handed|handing|gives?|gave|giving|moves?|moved|moving|"
    r"shifts?|shifted|shifting|switch(?:es|ed|ing)?|consolidates?|consolidated|consolidating|"
    r"assigns?|assigned|assigning|entrusts?|entrusted|transfers?|transferred|transferring|"
    r"sends?|sent|sending|places?|placed|placing|takes?|took|taking|brings?|brought|"
    r"hands\s+over|handed\s+over",
    # the agency gets the account
    "WIN": r"wins?|won|winning|lands?|landed|landing|scoops?|scooped|scooping|snags?|snagged|snagging|attracted|"
    r"nabs?|nabbed|nabbing|bags?|bagged|bagging|grabs?|grabbed|grabbing|picks?\s+up|picked\s+up|"
    r"picking\s+up|secures?|secured|securing|clinche[sd]|clinching|captures?|captured|"
    r"gains?|gained|takes?\s+(?:on|over)|took\s+(?:on|over)|taking\s+(?:on|over)|scores?|scored|"
    r"recaptures?|recaptured|wins?\s+back|won\s+back|lures?|lured|luring|adds?|added|adding|"
    r"swipes?|swiped|swiping|snares?|snared|snaring|"
    r"gewinnt|übernimmt",
    # the agency keeps the account
    "HOLD": r"retains?|retained|retaining|keeps|kept|keeping|holds?\s+on(?:to|\s+to)|held\s+on(?:to|\s+to)|"
    r"hold\s+onto|defends?|defended|defending|successfully\s+defended|hangs?\s+on\s+to|hung\s+on\s+to|"
    r"holds?\s+off|held\s+off|cling(?:s|ing)?\s+on\s+to|clung\s+on\s+to",
    # the agency loses the account
    "LOSE": r"loses|lost|losing|resigns?|resigned|resigning|walks?\s+(?:away\s+)?from|"
    r"walked\s+(?:away\s+)?from|exits?|exited|departs?|departed|verliert",
    # passive forms of appointing
    "NAMED": r"named|appointed|hired|picked|selected|tapped|chosen|confirmed|enlisted|awarded|entrusted|"
    r"handed|given|brought\s+in|drafted\s+in|called\s+in|added|engaged|commissioned|booked|"
    r"announced|unveiled|revealed",
    "REAPP": r"re-?appointed|retained|kept\s+on|reconfirmed|re-?hired",
    "DROPPED": r"dropped|fired|axed|ditched|dumped|sacked|replaced|ousted|let\s+go",
    # the agency made work for the brand
    "MAKE": r"creates?|created|creating|launch(?:es|ed|ing)?|unveils?|unveiled|unveiling|debuts?|"
    r"debuted|makes|made|making|rolls?\s+out|rolled\s+out|produces?|produced|producing|develops?|"
    r"developed|devises?|devised|releases?|released|drops?|dropped|introduces?|introduced|"
    r"crafts?|crafted|kicks?\s+off|kicked\s+off|delivers?|delivered|brings?|brought|"
    r"dreams?\s+up|dreamed\s+up|dreamt\s+up|conjures?\s+up|conjured\s+up|shoots?|shot|"
    r"helps?|helped|turns?|turned|puts?|put|takes?|took|gives?|gave|goes|went|reimagines?|reimagined",
}
VERB_WORDS = {
    w
    for pattern in VERBS.values()
    for w in re.findall(r"[a-zäöü]+", re.sub(r"\(\?:[a-z|]+\)\??|\\[sw]", " ", pattern))
    if len(w) > 2
}

# Words that never start or continue a proper name, even capitalised (title-case headlines).
COMMON = (
    set(
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
how why what best worst report reports news analysis opinion exclusive breaking live watch
ceo cmo cco cfo coo chief officer president director head boss executive executives chairman chair
founder founders veteran veterans marketer marketers strategist staff talent hire hires
christmas summer winter spring autumn fall holiday holidays season
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
mr mrs ms dr
government advertisers advertiser retailer retailers telco carrier giant master
brand-new pick wrap round-up roundup people industry adland agencyspy
inside meet here there yeah yes thank thanks warning idea ideas one two three four five six seven
eight nine ten meanwhile however today yesterday earlier later currently recently previously finally
additionally elsewhere separately similarly overall instead initially ultimately million millions
billion billions thousand
die der das den dem des ein eine einen und von mit für bei zum zur nach auch ist agentur agenturen
le la les et du pour avec
""".split()  # noqa: SIM905
    )
    | VERB_WORDS
    | set(
        """
goes gets got sees saw says said reveals revealed follows following follow-up update updates
calls called puts reviewing joins joined ends ended ending beats beat ousts ousted replaces replaced
looks looking seeks seeking searches searching hunts hunting eyes eyeing tips tipped set poised
announces announced confirms confirmed celebrate celebrates celebrating teams teamed partners
partnered issues issued open opens opened spot spots film films effort efforts push stunt stunts
video videos trailer commercial commercials parody tvc teaser billboard billboards poster posters launches launched kicks calls holds held begins starts
reviewing concludes concluded""".split()  # noqa: SIM905
    )
)

# A single capitalised word that is never a brand or agency on its own (places, datelines, outlets).
NOT_A_NAME = set(
    """
us u.s. u.s u.k usa uk u.k. britain england scotland wales ireland europe european asia asian apac emea
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
gcc uae egypt kuwait saudi arabia qatar lebanon beirut pakistan bangladesh sri lanka nigeria kenya
vancouver montreal calgary ottawa quebec ontario alberta victoria queensland nsw texas california
florida ohio michigan carolina virginia washington oregon mississauga richmond cincinnati
santa monica orleans emirates british english scottish irish welsh spanish italian dutch swedish
danish norwegian finnish polish russian arab arabic african korean thai malaysian singaporean
filipino vietnamese indonesian zealand kiwi aussie brazilian mexican argentinian
adweek adage ad age campaign mumbrella b&t adnews marketing week drum prweek mediapost digiday
creativity strategy provoke
exclusive update updated breaking report analysis opinion comment feature interview spotlight
it they he she we this that these those there here the its their
pitch review agency agencies
""".split()  # noqa: SIM905
)

TITLE_WORDS = (
    r"(?:chief\s+[\w-]+\s+(?:and\s+[\w-]+\s+)?officer|c[ecmfo]o|cco|cso|cto|cdo|president|vice\s+president|vp|svp|evp|"
    r"head(?:\s+of\s+[\w-]+)?|director|managing\s+director|md|ecd|executive\s+creative\s+director|"
    r"creative\s+director|managing\s+partner|chair(?:man|woman|person)?|founder|co-?founder|boss|"
    r"strategist|executive|execs?|officer|manager|planner|copywriter|marketer|vet(?:eran)?|alum(?:nus|na)?|"
    r"leader|staffer|hire|chief|ceo|cmo|gm|general\s+manager|country\s+manager|"
    r"co-chief\s+[\w-]+\s+officer|principal(?:\s+accounting\s+officer)?|partner\s+and\s+[\w-]+|"
    r"accounting\s+officer|treasurer|controller|counsel|secretary|spokes(?:man|woman|person)|"
    r"producer|designer|photographer|director\s+of\s+[\w-]+|writer|editor|journalist|analyst|"
    r"associate\s+partner|account\s+director|art\s+director|actor|actress|singer|rapper|"
    r"footballer|athlete|olympian|gymnast|comedian|artist|star|guru|visionary)"
)
_TITLE_RE = re.compile(rf"\b{TITLE_WORDS}\b", re.IGNORECASE)

FIRST_NAMES = set(
    """
aaron abby abigail adam adrian aidan aiden alan albert alex alexa alexander alexandra alexis alfred
ali alice alicia alison allison alyssa amanda amber amelia amir amy ana andre andrea andrew andy angela
angelo anita ann anna anne annie anthony antonio anya april arjun arthur ashley audrey austin ava
barbara barry bart ben benjamin beth betty bill billy blake bob bobby bonin brad bradley brandon
brendan brent brett brian bridget brooke bruce bryan caitlin caleb cameron carl carla carlos carly
carol caroline carolyn carrie casey cat catherine cathy charles charlie charlotte chase chelsea cheryl
chloe chris christian christina christine christopher chuck cindy claire clara claudia clay clint
colin colleen connor conor craig cristina curtis cynthia dale dan dana daniel danielle danny darren
dave david dawn dean debbie deborah debra declan dennis derek diana diane diego dominic don donald
donna doug douglas drew dustin dylan ed eddie edward eileen elaine eleanor elena eli elizabeth ella
ellen emily emma eric erica erik erin ethan eugene eva evan faye fiona florian frances francesca
francis frank fred gabriel gail gareth gary gavin gemma george gerald gina glen glenn gordon grace
graham grant greg gregg gregory hannah harold harriet harry harvey hayden heather heidi helen henry
holly howard hugh ian imran irene isaac isabel isabella ivan jack jackie jacob jake james jamie jan
jane janet janice jared jasmine jason jay jean jeff jeffrey jen jenna jennifer jenny jeremy jerry
jess jesse jessica jill jim jimmy jo joan joanna joanne jodi joe joel john johnny jon jonas
jonathan jordan jose joseph josh joshua joy joyce juan judith judy julia julian julie justin karen
karin kate katherine kathleen kathryn kathy katie kay keith kelly ken kendra kenneth kerry kevin
kim kimberly kirsty kristen kristin kyle lance larry laura lauren laurence lee leigh leo leon leslie
liam lily linda lindsay lindsey lisa liz logan lori louis louise lucas lucy luis luke lydia lynn
madison maggie malcolm mandy marc marcus margaret maria marian marie marina mario marisa mark marsha
martha martin marty mary mason mat matt matthew maureen maurice max megan meghan melanie melinda
melissa michael michaela michele michelle miguel mike miles miranda mitchell molly monica morgan
nadine nancy naomi natalie nathan neil nicholas nick nicola nicole niki nina noah noel nora noreen
norman olivia oliver omar oscar owen pamela pat patricia patrick paul paula pauline penny pete peter
phil philip phillip pierre pippa rachel ralph randy ray raymond rebecca richard rick ricky rob
robert robin rod roger ron ronald rosie ross roy ruby russell ruth ryan sally sam samantha samuel
sandra sandy sara sarah scott sean seth shane shannon sharon shawn sheena sheila shelley simon
sophia sophie spencer stacey stacy stan stanley stephanie stephen steve steven stuart sue susan
suzanne sylvia tammy tanya tara ted teresa terry theresa thomas tim timothy tina toby todd tom tommy
tony tori tracy trevor troy tyler valerie vanessa vic vicky victor victoria vincent virginia
walter wayne wendy will william zach zachary zoe
rohit sunil mohit anurag sanjay malvika gibran ghazi mayuresh josy dick ted cheuk sasha kate
dorothy isla lenny lu nadav morag neville graham caroline tor erica brent tamara
""".split()  # noqa: SIM905
)

# before a name: a cue that it is an agency ("media agency Love Sugar Science", "Dentsu shop Carat SA")
_AGENCY_BEFORE = re.compile(
    r"(?:\bagency|\bagencies|\bshop|\bindie|\bhotshop|\bhot\s+shop|\bincumbent|\bincumbents|\boutfit|"
    r"\bconsultancy\s+(?=[A-Z])|\bagency\s+of\s+record|\bAOR)\s*,?\s*$",
)
# after a name: "X, the agency ...", "X, a Sydney-based creative shop"
_AGENCY_AFTER = re.compile(
    r"^(?:'s)?\s*(?:,|\()\s*(?:the|an?|its|which\s+is\s+(?:the|an?)|⟦\d+⟧'s)\s+(?:[\w&'-]+\s+){0,5}?"
    r"(?:agency|shop|agency\s+of\s+record|aor|incumbent|hotshop)\b",
    re.IGNORECASE,
)
_AGENCY_SUFFIX = re.compile(
    r"(?:\b|&)(?:agency|partners|partnership|communications|comms|media|digital|creative|collective|studios?|worldwide|"
    r"advertising|pr|consulting|labs?|associates|&\s*co\.?|\+\s*\w+|interactive|marketing\s+group|"
    r"public\s+relations|publicity|counsel)$",
    re.IGNORECASE,
)
# "Huey/Paprocki", "D/CAL", "RKCR/Y&R", "TBWA\Chiat\Day"
_AGENCY_SHAPE = re.compile(r"^[A-Z][\w&.+'-]*\s*[/\\]\s*[A-Z][\w&.+'-]*")

# after a name an agency owns: the name is the agency's client ("Havas' Geely win", "BMF's Tourism Tasmania retention")
_WON_NOUN = re.compile(
    r"^\s+(?:(?:creative|media|pr|digital|advertising|global|account|business)\s+){0,2}(?:win|capture|retention|account)\b",
    re.I,
)

_PR_FIRM = re.compile(
    r"\s+PR\b(?!\s*[-&/])(?!\s+(?:[a-z-]+\s+)?(?:account|accounts|business|brief|duties|mandate|work|agency|agencies|firm|firms|"
    r"team|push|campaign|campaigns|remit|budget|pitch|review|stunt|efforts?|chief|head|director|boss|manager)\b)(?!\s+[A-Z])"
)

_PERSON_BEFORE = re.compile(
    rf"(?:\b{TITLE_WORDS}|\bmr\.?|\bmrs\.?|\bms\.?|\bdr\.?|\bsir|\bdame|\blord|\blady)\s*,?\s*$",
    re.IGNORECASE,
)
_PERSON_AFTER = re.compile(
    rf"^(?:'s)?\s*(?:,\s*(?:the|a|an|its|our|their|former|ex-)?\s*(?:[\w-]+\s+){{0,4}}?{TITLE_WORDS}\b|\s*,\s*who\b)",
    re.IGNORECASE,
)
# after a name of two or three words: what people do ("Sheena Jeng spent 10 months at DDB")
_PERSON_DOES = re.compile(
    r"^\s+(?:said|says|told|joins|joined|joining|spent|served|has\s+served|will\s+serve|steps|stepped|"
    r"takes\s+(?:the\s+)?helm|took\s+the\s+helm|is\s+leaving|left\s+to|retires|retired|"
    r"(?:is|was|has\s+been)\s+(?:named|appointed|promoted)\b)",
    re.IGNORECASE,
)
_TITLE_BREAK = set(
    """chief executive officer president vice director founder cofounder co-founder chairman chairwoman
    chair ceo cmo cco cfo coo cto cso evp svp vp md ecd boss head principal accounting manager partner
    strategist marketer""".split()  # noqa: SIM905
)


def roles_of(text: str) -> list[tuple[int, int, str]]:
    """The role words in ``text`` as (start, end, role), in order."""
    found: list[tuple[int, int, str]] = []
    for role, pattern in ROLE_WORDS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if all(m.end() <= s or m.start() >= e for s, e, _r in found):
                found.append((m.start(), m.end(), role))
    return sorted(found)


# Role words: first match wins at a position; order gives "digital media" to digital.
ROLE_WORDS = [
    (
        "digital",
        r"\bsocial(?:\s+media)?\b|\bdigital\b|\bcrm\b|\be-?commerce\b|\bcustomer\s+experience\b|"
        r"\bonline\b|\bweb\b|\bsearch\s+marketing\b|\bseo\b|\binfluencer\b|\bdata\b|\bonline-etat\b|"
        r"\bdigitaletat\b",
    ),
    (
        "pr",
        r"\bpr\b|\bpublic\s+relations\b|\bcommunications?\b|\bcomms\b|\bmedia\s+relations\b|"
        r"\bpublic\s+affairs\b|\bcorporate\s+affairs\b|\breputation\b|\bconsumer\s+pr\b|\bpress\s+office\b",
    ),
    (
        "media",
        r"\bmedia(?:-planning|-buying)?\b|\bplanning\s+and\s+buying\b|\bmedia\s+buying\b|"
        r"\bbuying\b|\bmediaetat\b|\bprogrammatic\b|\bad-buying\b",
    ),
    (
        "creative",
        r"\bcreative\b|\badvertising\b|\bad\b|\bads\b|\bbrand\b|\bbranding\b|\babove[\s-]the[\s-]line\b|"
        r"\batl\b|\btv\b|\bwerbeetat\b|\bkreativetat\b|\bkreativ\w*\b",
    ),
    (
        "other",
        r"\bexperiential\b|\bshopper\b|\bdesign\b|\bproduction\b|\bevents?\b|\bsponsorship\b|"
        r"\bdirect\s+marketing\b|\bretail\s+marketing\b|\bpromotions?\b|\bactivation\b",
    ),
]
ROLE_ABBREVIATIONS = {
    "pr",
    "tv",
    "crm",
    "aor",
    "ooh",
    "seo",
    "cx",
    "atl",
    "btl",
    "rfp",
    "rfi",
    "psa",
    "dm",
    "b2b",
    "ai",
}

# ----------------------------------------------------------------------------- names

_TOKEN = re.compile(r"[\w][\w&+/\\.\-:'_!*]*[\w+!]|[\w]", re.UNICODE)
_NUMBERISH = re.compile(
    r"(?:[A-Z]{1,3}\$|[£€$])?\d[\d.,]*(?:[a-z]{0,3}|[MBK]|bn|BN)(?:-[\w]+)*|\w+-based|\w+-owned|\d+s|Q[1-4]|H[12]"
)


def is_cap(tok: str) -> bool:
    core = tok.strip("'.-")
    if not core or _NUMBERISH.fullmatch(core) or (core[0].islower() and "-" in core):
        return False
    if "-" in core and re.search(r"-[a-z]+$", core) and not re.search(r"[A-Z].*[A-Z]", core):
        return False  # "Buy-now", "Long-time": a sentence's first word
    return core[0].isupper() or core[0].isdigit() or any(c.isupper() for c in core[1:])


_TITLE_CUES = VERB_WORDS | set(
    re.findall(
        r"\w+",
        "to for with from in on at by of and as after over its the a an into amid is are was new "
        "against lead wins names hires drops picks taps moves hands ends calls puts",
    )
)


def title_case(text: str, vocab: frozenset[str] = frozenset()) -> bool:
    """Whether a headline capitalises its ordinary words ("Names BBDO As Creative Lead"): most
    of its common words of four letters or more start with a capital (names do not count)."""
    text = re.sub(r"\"[^\"]*\"|\s'[^']*'(?=\W|$)", " ", text)  # titles in quotes say nothing
    tokens = re.findall(r"[A-Za-z][\w'-]*", text)[1:]
    long = [t for t in tokens if len(t) > 3]
    # "Sure Winning Is Great, but Defeat Is a Good Teacher": every longer word capitalised
    if (
        len(long) >= 5
        and all(t[0].isupper() for t in long)
        and any(t.lower() in COMMON | vocab for t in long)
    ):
        return True
    words = [
        w
        for w in re.findall(r"[A-Za-z][\w'-]*", text)
        if len(w) > 3 and w.lower() in COMMON | vocab
    ]
    if len(words) < 2 or sum(w[0].isupper() for w in words) / len(words) < 0.6:
        return False
    if any(t[0].isupper() and t.lower() in _TITLE_CUES for t in tokens):
        return True
    return not any(t.islower() and len(t) > 3 for t in tokens)


@dataclass
class Name:
    """A name in a sentence, with what it is."""

    start: int
    end: int
    text: str
    entry: AgencyEntry | None = None
    kind: str = "name"  # agency, person, place, name
    cue: bool = False  # an unlisted name the text marks as an agency
    personish: bool = False  # a first name leads it ("John Lewis"): no agency, maybe a brand

    @property
    def agency(self) -> bool:
        return self.kind == "agency"


@dataclass
class Placed:
    """A sentence with every name replaced by ⟦i⟧."""

    sentence: str
    text: str
    names: list[Name]
    spans: list[tuple[int, int]]  # span of ⟦i⟧ in ``text``
    title: bool = False  # a title-case headline

    def before(self, i: int, width: int = 60) -> str:
        s, _e = self.spans[i]
        return self.text[max(0, s - width) : s]

    def after(self, i: int, width: int = 80) -> str:
        _s, e = self.spans[i]
        return self.text[e : e + width]


_FUNCTION_WORDS = set(
    """a an the and or but of to in on at by for from with as into after before its their his her our
    this that these those it they he she we you i is are was were be has have had new""".split()  # noqa: SIM905
)
_CONNECTORS = {
    "of",
    "de",
    "&",
    "for",
    "or",
    "von",
    "van",
    "der",
    "den",
    "du",
    "di",
    "da",
    "del",
    "y",
}
MONTHS = set(
    """jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june july
    august september october november december""".split()  # noqa: SIM905
)


_LEGAL_FORMS = frozenset(
    [
        "corp",
        "corporation",
        "inc",
        "co",
        "ltd",
        "plc",
        "llc",
        "group",
        "holdings",
        "ag",
        "sa",
        "gmbh",
    ]
)


#: The proper names found in a sentence, by (text, spans taken, title case, vocabulary): a
#: sentence is placed about three times while its relations are read (with and without the
#: people it names). Bounded, so a batch of any size holds the same.
_found_names: Memo[tuple[Name, ...]] = Memo(4096)


def _proper_names(
    text: str, taken: list[tuple[int, int]], title: bool, vocab: frozenset[str] = frozenset()
) -> list[Name]:
    """Capitalised word runs outside the gazetteer's spans (joined by &, +, "of", "de").

    In a title-case headline a capitalised word the item also writes in lower case is an
    ordinary word when it stands alone or reads as a verb ("Mercedes Accelerates to ...").
    Each call gets its own copies (the caller types them in place)."""
    key = (text, tuple(taken), title, vocab)
    found = _found_names.get(key, lambda: tuple(_find_proper_names(text, taken, title, vocab)))
    return [copy.copy(n) for n in found]


def _find_proper_names(
    text: str, taken: list[tuple[int, int]], title: bool, vocab: frozenset[str]
) -> list[Name]:
    out: list[Name] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    run: list[tuple[int, int, str]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    def close() -> None:
        while run and run[-1][2].lower() in _CONNECTORS | {"and", "the"}:
            run.pop()
        while (
            run
            and run[0][2].lower() in COMMON
            and not (run[0][2] == "The" and len(run) > 1)
            and not (
                # "News Corp", "Big Group": a legal form alone is no name; the word before is part of it
                len(run) == 2 and run[1][2].lower().rstrip(".") in _LEGAL_FORMS
            )
            and not (run[0][2].isupper() and len(run) > 1 and not title)
            and not (
                # "works with All Response Media": mid-sentence, a capitalised word starts the name
                len(run) > 1
                and not title
                and run[0][0] > 0
                and run[0][2][0].isupper()
                and run[0][2].lower() not in VERB_WORDS
                and run[0][2].lower() not in _FUNCTION_WORDS
            )
        ):
            run.pop(0)
        while run and re.fullmatch(r"\d+", run[0][2]):
            run.pop(0)
        # a dateline in capitals ("NEW YORK Domino's Pizza")
        opens = run and not text[: run[0][0]].strip(" -–—\"'(")  # a dateline opens the sentence
        while (
            len(run) > 1
            and opens
            and run[0][2].isupper()
            and run[0][2].lower() in NOT_A_NAME | COMMON
            and not run[-1][2].isupper()
        ):
            run.pop(0)
        if (
            run
            and run[0][2].lower().rstrip(".") in MONTHS
            and (len(run) == 1 or run[1][2][0].isdigit())
        ):
            run.clear()
        if run:
            s, e = run[0][0], run[-1][1]
            name = text[s:e]
            if re.search(r"\b[A-Z]\.[A-Z]$", name) and text[e : e + 1] == ".":
                e += 1  # "L.A.": the token stops before the last period
                name = text[s:e]
            if not re.search(r"(?:\b[A-Z]\.){2,}$|\b(?:Co|Inc|Corp|Ltd|Jr|Sr|Bros)\.$", name):
                name = name.rstrip("'.:-").rstrip()
            if name.endswith("'s"):
                name = name[:-2]
            words = name.lower().split()
            parts = name.split()
            if len(parts) == 2 and parts[0].lower() in NOT_A_NAME and parts[1].isupper():
                s, name, words = s + len(parts[0]) + 1, parts[1], [parts[1].lower()]
            real = words and not all(w.strip(".,") in NOT_A_NAME for w in words)
            if real and not (len(words) == 1 and words[0] in COMMON):
                out.append(Name(s, s + len(name), name))
        run.clear()

    for i, (s, e, tok) in enumerate(tokens):
        low = tok.lower().rstrip(".'!")
        low = low[:-2] if low.endswith("'s") else low
        gap = text[run[-1][1] : s] if run else ""
        joinable = not run or re.fullmatch(r"\s*(?:&|\+)?\s*|-", gap) is not None
        # initials: "H. J. Heinz"
        joinable = joinable or (
            gap == ". " and re.fullmatch(r"[A-Z]|St|Mt|Ft|U\.S|U\.K", run[-1][2]) is not None
        )
        if not free(s, e):
            close()
            continue
        connector = tok in _CONNECTORS and run and joinable and i + 1 < len(tokens)
        if connector and tok not in ("for",) and _next_cap(tokens, i):
            run.append((s, e, tok))
            continue
        if re.fullmatch(r"\w+-based|\w+-owned|\w+-headquartered|\w+-area", tok):
            run.clear()  # "Kansas City-based": a place
            continue
        if run and joinable and re.fullmatch(r"\d{1,3}", tok):
            run.append((s, e, tok))
            continue
        breaker = low in COMMON and (title or tok[0].islower() or low in VERB_WORDS)
        breaker = breaker or low in _TITLE_BREAK
        if i == 0 and not run and low in vocab and not tok.isupper() and len(tokens) > 1:
            breaker = True  # "Supermarket chain Morrisons ...": the item writes "supermarket"
        if (
            title
            and low in vocab
            and not tok.isupper()
            and (not run or re.search(r"[a-z](?:s|ed|ing)$", tok))
        ):
            nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
            breaker = breaker or not (
                is_cap(nxt) and nxt.lower() not in vocab and nxt.lower() not in COMMON
            )
        breaker = breaker or low.endswith(("etat", "etats")) or low in ROLE_ABBREVIATIONS
        if title and re.search(r"[a-z](?:ing|ed)$", tok) and (low in vocab or low in VERB_WORDS):
            breaker = True
        if is_cap(tok) and not breaker and joinable:
            run.append((s, e, tok))
            if tok.endswith(("'s", "'")):
                close()
        else:
            close()
            if is_cap(tok) and not breaker:
                run.append((s, e, tok))
    close()
    return out


def _next_cap(tokens: list[tuple[int, int, str]], i: int) -> bool:
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1][2]
    return is_cap(nxt) and nxt.lower() not in COMMON


_ACCOUNT_NEXT = re.compile(
    r"\s+(?:ad|ads|advertising|account|accounts|business|brief|task|duties|campaign|creative|media|pr)\b(?!\s+(?:agency|network|group)\b)",
    re.I,
)


def _merge_names(sentence: str, names: list[Name], title: bool = False) -> list[Name]:
    """Join names that make one: "Ogilvy's David" and "IPG's UM" (the unit, not the owner),
    "Energy BBDO", "Ogilvy RedWorks", "Starcom MediaVest" (one agency, the listed one's entry)."""
    merged: list[Name] = []
    for n in names:
        if merged:
            prev = merged[-1]
            gap = sentence[prev.end : n.start]
            if (
                re.fullmatch(r"'s?\s+", gap)
                and prev.entry is not None
                and (n.entry is not None or "holding" in prev.entry.discipline)
                and not (n.entry is None and _WON_NOUN.match(sentence[n.end :]))
            ):  # "Havas' Geely win": its client
                # "WPP's Ogilvy", "Ogilvy's David"; "Omnicom's Attention + Influence"
                # the owner's words go with the unit's token, so lists stay lists ("IPG's UM and
                # Omnicom's BBDO"); the name is the unit's
                merged[-1] = Name(prev.start, n.end, n.text, n.entry, "agency", cue=n.entry is None)
                continue
            if gap == "-" and not (prev.entry and n.entry):
                merged[-1] = Name(
                    prev.start, n.end, sentence[prev.start : n.end], prev.entry or n.entry
                )
                continue
            # "Leo Burnett McDelivery ad task": a name before an account word is the brand's
            product = n.entry is None and _ACCOUNT_NEXT.match(sentence[n.end :]) is not None
            if (
                gap == " "
                and (prev.entry is None) != (n.entry is None)
                and not (title and n.entry is None)
                and not product
            ):
                entry = prev.entry or n.entry
                text = sentence[prev.start : n.end]
                if entry is not None and "holding" not in entry.discipline:
                    merged[-1] = Name(prev.start, n.end, text, entry)
                    continue
                if entry is not None and n.entry is not None:  # "BWM Dentsu"
                    merged[-1] = Name(prev.start, n.end, text, None, "agency", cue=True)
                    continue
            if gap == " " and prev.entry is None and n.entry is None:
                merged[-1] = Name(prev.start, n.end, sentence[prev.start : n.end], None)
                continue
            if (
                gap == " "
                and prev.entry is not None
                and n.entry is not None
                and "holding" in prev.entry.discipline
            ):
                merged[-1] = n  # "WPP Mindshare"
                continue
            if (
                gap == " "
                and prev.entry is not None
                and n.entry is None
                and "holding" in prev.entry.discipline
            ):
                merged[-1] = Name(
                    prev.start, n.end, sentence[prev.start : n.end], None, "agency", cue=True
                )
                continue  # "Dentsu Mitchell"
        merged.append(n)
    return merged


def looks_like_person(name: str) -> bool:
    """Two or three words and the first is a common first name ("Ben Borders"); never a name
    joined by "&" or "+" ("George & Dragon" is a firm)."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and words[0].lower().strip(".") in FIRST_NAMES
        and not {"&", "+"} & set(words)
    )


def agency_like(name: str) -> bool:
    """A name shaped like an agency's: "... Partners", "... Communications", "Huey/Paprocki"."""
    return _AGENCY_SUFFIX.search(name) is not None or _AGENCY_SHAPE.match(name) is not None


def place(
    sentence: str,
    gazetteer: Gazetteer,
    people: frozenset[str] = frozenset(),
    vocab: frozenset[str] = frozenset(),
) -> Placed:
    """The sentence's names, typed, and the sentence with each replaced by ⟦i⟧."""
    title = title_case(sentence, vocab)
    names: list[Name] = []
    for entry, s, e in gazetteer.find_in(sentence):
        while s > 1 and sentence[s - 1] == "-" and sentence[s - 2].isalnum():
            s -= 1
            # "DDFH&B-JWT": the whole name before the hyphen, "&" included
            while s > 0 and (
                sentence[s - 1].isalnum()
                or (sentence[s - 1] in "&+" and s > 1 and sentence[s - 2].isalnum())
            ):
                s -= 1
        while (
            e + 1 < len(sentence)
            and sentence[e] == "-"
            and sentence[e + 1].isalnum()
            and not re.match(r"-(?:owned|based|backed|led|run|headquartered|area)\b", sentence[e:])
        ):
            e += 1
            while e < len(sentence) and sentence[e].isalnum():
                e += 1
        # "Rainey Kelly Campbell Roalfe/Y&R", "MAL/TBWA": the whole slashed name
        left = re.search(r"(?:[A-Z][\w&.+'-]*\s+){0,4}[A-Z][\w&.+'-]*[/\\]$", sentence[:s])
        if left:
            s = left.start()
        right = re.match(r"[/\\](?:[A-Z][\w&.+'-]*)(?:\s+[A-Z][\w&.+'-]*){0,3}", sentence[e:])
        if right:
            e += right.end()
        # "Ogilvy Australia", "DDB Sydney": an office is the agency
        office = re.match(
            r"\s+((?:New\s+York|Hong\s+Kong|Los\s+Angeles|San\s+Francisco|Kuala\s+Lumpur|[A-Z][a-z]+|[A-Z]{2,4}))\b(?!['’]s)",
            sentence[e:],
        )
        if (
            office
            and all(w in NOT_A_NAME | _UPPER_PLACES for w in office.group(1).lower().split())
            and office.group(1).lower() not in COMMON
        ):
            e += office.end()
        # "Ogilvy PR", "Edelman Digital": a unit named after its discipline
        unit = re.match(
            r"\s+(?:PR|Public\s+Relations|Media|Digital|Health|Interactive|Consulting|Social|Content)\b(?!\s+[A-Z])",
            sentence[e:],
        )
        if unit and not re.match(
            r"\s+\w+\s+(?:account|business|agency)", sentence[e + unit.end() :]
        ):
            e += unit.end()
        if re.search(r"\b[A-Z]\.[A-Z]$", sentence[s:e]) and sentence[e : e + 1] == ".":
            e += 1  # "TBWA\\Chiat\\Day L.A."
        surface = sentence[s:e]
        # an ambiguous one-word name followed by another name is part of that name
        # ("Special Olympics", "Mother Teresa"): leave it to the proper-name finder
        follow = re.match(r"\s+([A-Z][a-z][\w'-]*)", sentence[e:])
        if (
            surface in entry.ambiguous
            and " " not in surface
            and follow
            and follow.group(1).lower() not in NOT_A_NAME
            and follow.group(1).lower() not in COMMON
            and not title
        ):
            continue
        # "North Africa", "Greater Mother": an ambiguous one-word name after a capitalised word
        # belongs to a longer name
        lead = re.search(r"\b([A-Z][a-z]+)\s+$", sentence[:s])
        if (
            surface in entry.ambiguous
            and " " not in surface
            and lead
            and sentence[: lead.start()].strip()
            and not title
        ):
            continue
        names.append(Name(s, e, surface, entry, "agency"))
    taken = [(n.start, n.end) for n in names]
    found = _proper_names(sentence, taken, title, vocab)
    for k, n in enumerate(found):
        # "BluePrint PR", "Tell-Em PR": an unlisted name with "PR" after it is a PR firm's name
        # (not "the Microsoft PR account", "Samsung PR work")
        pr = _PR_FIRM.match(sentence[n.end :])
        if pr and not any(
            o.start < n.end + pr.end() and o.end > n.end for o in names + found if o is not n
        ):
            found[k] = Name(
                n.start, n.end + pr.end(), sentence[n.start : n.end + pr.end()], None, n.kind
            )
    names += found
    names.sort(key=lambda n: n.start)
    merged = _merge_names(sentence, names, title)
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
    placed = Placed(sentence, text, merged, spans, title)
    for i in range(len(merged)):
        _type(placed, i, people)
    return placed


def _type(placed: Placed, i: int, people: frozenset[str]) -> None:
    n = placed.names[i]
    before, after = placed.before(i), placed.after(i)
    if n.entry is None and n.cue:
        return  # "BWM Dentsu", "Dentsu Mitchell": an agency named after a listed one
    if n.entry is not None:
        n.kind = "agency"
        # "his friend Jeff Goodby" is a person even when "Goodby" is an agency's alias
        # ("Leo Burnett London", an office of a listed name, stays the agency)
        listed = n.text in n.entry.names or any(
            n.text.startswith(f"{alias} ") for alias in n.entry.names
        )
        if looks_like_person(n.text) and not listed:
            n.kind, n.entry = "person", None
        return
    words = [w.lower().strip(".,'") for w in n.text.split()]
    if n.text in people or _PERSON_BEFORE.search(before) and len(words) >= 2:
        n.kind = "person"
        return
    if (
        _AGENCY_BEFORE.search(before)
        and not _PERSON_AFTER.match(after)
        and words[0] not in FIRST_NAMES
    ):
        # "marketing agency Fast Track has been appointed by ...": the cue names an agency
        n.kind, n.cue = "agency", True
        return
    first_name = (
        words[0] in FIRST_NAMES and len(words) <= 3 and not {"&", "+"} & set(words)
    )  # "George & Dragon": a firm
    if first_name and re.match(
        r"^(?:\s+and\s+(?:her|his)\b|\s*,?\s+(?:who|whose)\b|'s\s+(?:wife|husband|son|daughter))",
        after,
    ):
        n.kind = "person"
        return
    n.personish = first_name
    if _PERSON_AFTER.match(after) and not agency_like(n.text):
        n.kind = "person"
        return
    if 2 <= len(words) <= 3 and _PERSON_DOES.match(after) and not agency_like(n.text):
        n.kind = "person"
        return
    if all(generic_word(w) for w in n.text.split()) and not _PUBLIC_BODY.search(n.text):
        n.kind = "place"
        return
    if (
        re.search(r"⟦\d+⟧\s+in\s+$", before)
        and len(words) <= 2
        and re.match(
            r"\s+(?:[a-z]+\s+)?(?:chose|picked|hired|named|appointed|selected|tapped|has|have|had|is|was)\b",
            after,
        )
        and not agency_like(n.text)
    ):
        n.kind = "place"  # "Checkers in Tampa chose ...": where the named organisation is
        return
    owner = re.search(r"⟦(\d+)⟧(?:'s|')\s+(?:new\s+|own\s+|in-house\s+)?$", before)
    if (
        _AGENCY_BEFORE.search(before)
        or _AGENCY_AFTER.match(after)
        or (
            owner
            and placed.names[int(owner.group(1))].entry is not None  # "DDB's new We Are Unlimited"
            and not first_name  # "Ogilvy's Sarah Jones" is a person
            and not _WON_NOUN.match(after)  # "UM's King Living win": the agency's client
        )
    ):
        n.kind, n.cue = "agency", True


# "NSW Government", "The Australian Government": a client, though every word is generic
def public_body(name: str) -> bool:
    """ "NSW Government", "The Australian Government": a client, though every word is generic."""
    return _PUBLIC_BODY.search(name) is not None


_PUBLIC_BODY = re.compile(
    r"^(?:the\s+)?\S+(?:\s+\S+)*\s+(?:government|council|ministry|police|army|navy|department)$",
    re.I,
)
_UPPER_PLACES = {
    "us",
    "u.s",
    "uk",
    "u.k",
    "usa",
    "eu",
    "uae",
    "la",
    "nyc",
    "ny",
    "sf",
    "hk",
    "nz",
    "apac",
    "emea",
}
_UPPER_PLACES |= {"mena", "gcc", "latam", "anz", "sea", "cee", "dach"}


def generic_word(word: str) -> bool:
    """A word that is no name on its own: a common word, a place, an outlet ("WE" in capitals is
    a name: WE Communications; "US" is a place)."""
    w = word.lower().strip(".,'")
    if word.strip(".,'").isupper() and len(w) >= 2 and w not in _UPPER_PLACES:
        return False
    return w in NOT_A_NAME or w in COMMON


def vocabulary(texts: list[str]) -> frozenset[str]:
    """The words an item writes in lower case (to tell a title-case headline's words from names)."""
    return frozenset(w for text in texts for w in re.findall(r"\b[a-z][a-z'-]+\b", normalise(text)))


def people_in(
    texts: list[str], gazetteer: Gazetteer, vocab: frozenset[str] = frozenset()
) -> frozenset[str]:
    """Names the item marks as people anywhere (a job title beside them, "said", "spent")."""
    out = set()
    for text in texts:
        for sentence in split_clauses(text):
            placed = place(sentence, gazetteer, vocab=vocab)
            for n in placed.names:
                if n.kind == "person":
                    out.add(n.text)
    return frozenset(out)
