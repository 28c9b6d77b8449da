"""Relationship extraction: who hired, kept, dropped, reviewed or was credited by whom.

Pure. A sentence is read as a sequence of typed *names* (:mod:`dossier.agency.mentions`:
agencies from the gazetteer or marked as agencies by the text, people, places, other names) and
the words between them. A small set of clause frames, written over that sequence, fills two
slots: the **brand** (the one that appoints, keeps, drops or reviews; whose account is won, kept
or lost; for whom the work was made) and the **agency** (the one appointed, kept, dropped,
credited; the one that wins, keeps, loses or resigns). A relation needs both slots filled by a
frame; a name that merely stands near an agency word gives nothing.

Frames, by status (the vocabulary of ``eval/agency/README.md``):

* ``appointed``: the brand names/hires/picks/taps the agency (active or passive: "A has been
  appointed by B", "A named AOR for B", "A was announced as B's media agency"); the brand hands,
  awards, moves or consolidates its account to/into the agency; the agency wins, lands, picks up,
  secures or takes the brand or its account ("A took B from C": C ended).
* ``retained``: the brand retains/keeps/reappoints/sticks with the agency, renews its contract
  with it; the agency retains, holds on to or defends the account.
* ``ended``: the brand drops/fires/parts ways with the agency ("A and B part ways" either way
  round); the agency loses or resigns the account, declines to repitch; "previously held by A".
  "moves from A to B" is A ended and B appointed.
* ``review``: the brand reviews its account, calls a pitch, is looking for an agency; the
  agency named as the incumbent is the review's ("incumbent A", "A, the incumbent", "currently
  held by A"), else the agency is "".
* ``credit``: the agency made work for the brand ("A's new spot for B", "B's campaign from A",
  "created/developed/devised by A", "the work of A", "B, with A, launched ...", "via A"), or is
  called its agency ("B's longtime agency A", "A, the agency behind B", "A handles B").

Guards (precision first): an agency slot filled by a person, or an object with a job title
("hires a Wieden+Kennedy strategist as CMO", "names Ben Borders Principal Accounting Officer"),
gives nothing; so do awards (except a credit the sentence states outright), acquisitions, lost
pitches, shortlists and hypotheticals. A name not in the gazetteer fills the agency slot only when
the text marks it as an agency ("media agency X", "X, the incumbent", an agency-shaped name such as
"... Partners" or "Huey/Paprocki") or the frame itself does ("appointed X as its PR agency", "X
wins the B account"); it is marked ``in_gazetteer: false``.

Roles: ``creative``, ``media``, ``pr``, ``digital``, ``other``: the discipline the sentence names
next to the agency ("for creative", "its media account"); when it names none, the gazetteer's first
discipline (``role_stated`` false), else ``other``.

A learned pair scorer (:mod:`dossier.agency.pairs`) can add the relation of a pair no frame read
(``extract_text(..., model=...)``); the packaged model is switched off because, out of fold, its
additions were not precise enough (docs/agency.md).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..once import once
from ..regexcache import compile_all
from .discourse import agency_reference, has_reference, resolve
from .gazetteer import AgencyEntry, Gazetteer, agency_key
from .mentions import (
    COMMON,
    TITLE_WORDS,
    VERBS,
    Placed,
    agency_like,
    generic_word,
    looks_like_person,
    normalise,
    people_in,
    place,
    public_body,
    roles_of,
    split_clauses,
    split_sentences,
    vocabulary,
)
from .outlets import outlet_kind
from .pairs import PairModel, candidates, features, load_model

# the parsed form of a pattern (the standard library's own parser), for the rules' keyword prefilter
_sre = importlib.import_module("re._constants")
_sre_parse = importlib.import_module("re._parser")

__all__ = [
    "ROLES",
    "STATUSES",
    "Relation",
    "extract_sentence",
    "extract_text",
    "normalise",
    "same_name",
    "split_clauses",
    "split_sentences",
]

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
    # the sentence that named the brand or agency this sentence only refers to ("The retailer has
    # appointed A": the headline that names the retailer); "" when the sentence names both
    linked: str = ""

    @property
    def in_gazetteer(self) -> bool:
        return self.entry is not None

    @property
    def agency_name(self) -> str:
        """The gazetteer name when known, else the name as written."""
        return self.entry.name if self.entry is not None else self.agency


# ----------------------------------------------------------------------------- building blocks

_WORK = (
    r"(?:accounts?|business|duties|brief|remit|aor|assignments?|budgets?|work|task|job|contract|roster|"
    r"portfolio|responsibilit(?:y|ies)|mandate|etat|account\s+of\s+record|deal|chores|spend|"
    r"planning|buying|portion|piece|slice|share|part)"
)
_REVIEW_NOUN = r"(?:review|pitch|tender|search|shootout|rfp|competition)"
_PIECE = (
    r"(?:campaigns?|spots?|ads?|adverts?|advertisements?|commercials?|films?|work|efforts?|push|"
    r"activations?|stunts?|launch|idea|platform|tvcs?|videos?|trailer|psas?|series|initiative|"
    r"project|parody|installation|latest|newest|ad\s+campaign|brand\s+platform|outing|teaser|"
    r"billboards?|posters?|collab|collaboration|public\s+service\s+announcements?|announcements?|stories|tunes?|songs?|"
    r"jingles?|anthems?|latest\s+one|newest\s+one|integrated\s+campaign|print\s+campaign|digital\s+campaign|"
    r"social\s+campaign|experiences?)"
)
_AUX = (
    r"(?:(?:has|have|had|is|are|was|were|will|would|could|may|might|has\s+now|"
    r"is\s+(?:believed|understood|said|set|poised|tipped|expected|likely|about|reported)\s+to"
    r"(?:\s+have)?|are\s+(?:believed|understood|said|set)\s+to(?:\s+have)?|has\s+reportedly|reportedly|"
    r"officially|finally|now|also|today|just|quietly|formally|already|recently|again|then|"
    r"subsequently|been|be|to|elected\s+to|decided\s+to|opted\s+to|chosen\s+to|"
    r"confirmed\s+(?:it\s+)?(?:has|had)|announced\s+(?:that\s+)?(?:it\s+)?(?:has|had|will|was\s+to)|"
    r"plans\s+to|is\s+to|agreed\s+to|moved\s+to|last\s+\w+|this\s+\w+|in\s+\w+|earlier|"
    r"hat|ist|wird|is\s+in\s+the\s+process\s+of|in\s+the\s+process\s+of|"
    r"said\s+(?:that\s+)?it\s+(?:has|had|will|would)|successfully|effectively|currently|managed\s+to|"
    r"(?:has|have)\s+managed\s+to|continues\s+to|continued\s+to|"
    r"(?:\w+ly))\s+){0,4}"
)
_AUXG = _AUX.replace(r"plans\s+to|is\s+to|", "")
# before a passive participle: no "has" that would make "has handed" passive
_AUXP = _AUXG.replace(
    r"(?:has|have|had|is|are|was|were|will|would|could|may|might|has\s+now|",
    "(?:is|are|was|were|will|would|could|may|might|",
).replace(r"has\s+reportedly|", "")
# after an agency subject: "G, which has ...", "G (the incumbent) has ..."
_GSEP = (
    r"(?:'s\s+(?:[A-Z][\w.-]*\s+){1,2}(?:office|arm|outpost|hub))?"  # "Anomaly's London office"
    r"(?:\s+(?:agency|shop|network|unit))?(?:\s*\([^()]{1,60}\))?"
    r"(?:\s*,\s*(?:the|a|an|its|another|currently|now|still|also|part\s+of)\s[^,]{1,80},"
    # "Leo Burnett Lagos, a fast rising advertising agency in Nigeria has won": no closing comma
    r"|\s*,\s*(?:a|an|the)\s+[^,⟦⟧]{1,60}?\b(?:agency|agencies|shop|network|firm|consultancy)"
    r"(?:\s+(?:in|of|from)\s+(?:⟦\d+⟧|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?))?(?=\s+(?:has|have|had|is|was|were|will)\b))?"
    r"(?:\s*,\s*(?:which|who)\b)?\s+"
)
# an aside between dashes or in brackets
_ASIDE = r"(?:\s*[–—]\s*[^–—]{1,120}?\s*[–—]|\s*\([^()]{1,80}\))?"
_GAPW = (
    r"(?:of\s+(?:more\s+than\s+|nearly\s+|almost\s+|over\s+)?[\w-]+\s+years?\s*,?\s+|\d{1,3}-years?(?:-old)?\s+|(?:its|their|his|her|the|a|an|another|other|new|independent|indie|agency|shop|hotshop|lead|global|u\.?s\.?|uk|"
    r"european|creative|media|digital|social|pr|communications|longtime|long-time|longstanding|"
    r"long-standing|incumbent|partner|ad|advertising|local|rival|little-known|based|both|"
    r"international|worldwide|regional|national|full-service|in-house|marketing|network|"
    r"holding\s+company|group|brand|agencies|sister|design|branding|experiential|specialist|"
    r"production|integrated|fellow|bespoke|dedicated|current|existing|previous|former|then|"
    r"boutique|consultancy|firm|non-[\w]+|performance|strategic|start-up|startup|young|small|big|giant|aor|corporate|consumer|retained|"
    r"(?:[A-Z][\w.]*\s+){0,2}[\w-]+-(?:based|owned|headquartered|area)|\d{1,4}(?=\s+⟦)|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?'s?|⟦\d+⟧'s?)\s+){0,6}"
)
_E = r"⟦\d+⟧(?:\s+in\s+(?:the\s+)?(?:UK|US|U\.S\.|Europe|Asia|Australia|China|India|Canada|[A-Z][a-z]+\s+[A-Z][a-z]+|⟦\d+⟧(?=\s+(?:[a-z]+\s+)?(?:chose|picked|hired|named|appointed|selected|tapped|has|have|had|is|was)\b)))?"  # "Checkers in ⟦Tampa⟧ chose": a place (mentions types it)
_LIST = (
    rf"{_E}(?:\s*(?:,\s*(?:and\s+|&\s+|as\s+well\s+as\s+|alongside\s+)?|\s+and\s+|\s*&\s*|\s+as\s+well\s+as\s+|"
    rf"\s+alongside\s+|\s+plus\s+|\s+in\s+association\s+with\s+|\s+und\s+|\s+et\s+)(?:(?:the\s+)?[\w-]+-based\s+)?{_E}){{0,6}}"
)
# the brand named by reference: the article names it elsewhere
_BREF = (
    r"(?:(?:the|this)\s+(?:[\w-]+\s+){0,3}?(?:retailer|brand|client|company|marketer|advertiser|chain|"
    r"bank|telco|carrier|airline|charity|organisation|organization|firm|giant|maker|operator|"
    r"supermarket|insurer|brewer|automaker|carmaker|manufacturer|group|distributor|business|"
    r"broadcaster|network|app|platform|service|council|government|department|body|board|major|titan|"
    r"behemoth|retail\s+giant|tech\s+giant|lottery\s+operator|operator)|it|they)"
)
# the agency by reference ("they", "the indy"): the agency the sentence named before
_AREF = (
    r"(?:they|the\s+(?:agency|agencies|indy|indie|shop|hotshop|independent|agency\s+duo|network)|"
    r"(?:his|her|its|their)\s+(?:ad\s+|creative\s+|media\s+)?agency|the\s+[\w-]+-owned\s+agency)(?![\w'])(?!\s*,?\s*⟦)"
    # "nabbed Tesco from the agency he founded": another agency than the one the sentence named
    r"(?!\s+(?:he|she|they|it)\s+(?:co-?founded|founded|set\s+up|started|launched|built|left|joined|ran|runs|once\s+ran)\b)"
)
_FILL = r"(?:[^\s⟦⟧;:!?,]+\s+){{0,{n}}}?"
_FILLN = r"(?:(?:[^\s⟦⟧;:!?,]+|[\"“‘'(]?⟦\d+⟧[\"”’')]?(?:'s)?)\s+){{0,{n}}}?"  # a quoted title, "(ETK)": one word
_NOPERSON = rf"(?!['s]*\s*,?\s+(?:(?:former|ex-|new|own|\w+-based)\s+)?{TITLE_WORDS}\b)"
_BRAND_TAIL = (
    r"(?:'s|'(?=[\s,])|\.(?=,))?(?:\s*\([^()]{1,60}\))?(?:\s*[–—]\s*[^–—]{1,100}?\s*[–—])?(?:\s*,\s*(?:which|who)\s[^,]{1,100},|\s*,\s*[^,⟦⟧]{1,60},"
    # "CapTrust Corp., a Miami-based independent mortgage broker specializing in ... financing, has named"
    r"|\s*,\s*(?:a|an)\s[^,⟦⟧]{60,140},(?=\s+(?:has|have|had|is|was|will)\b))?"
    r"(?:,(?=\s+(?:has|have|had|is|was|will|would|says|said)\b))?(?:\s*,\s*(?:which|who)\b)?"
)
_AGENCY_TAIL = r"(?:\s*\([^()]{1,80}\))?(?:\s*,\s*(?:which|who)\s[^,]{1,100},|\s*,\s*(?:the|a|an|its|part\s+of|owned\s+by|still|also|now)\s[^,]{1,80},)?"


def _t(template: str) -> str:
    """Expand {B} {G} {G2} {X} {Y} (name lists), {Fn}/{FNn} (up to n words), the verb classes."""

    def token(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "B":
            return rf"(?P<b>{_LIST}|{_BREF})"
        if name == "BN":
            return rf"(?P<b>{_LIST})"
        if name in ("G", "G2"):
            grp = {"G": "g", "G2": "g2"}[name]
            return rf"(?P<{grp}>{_LIST}|{_AREF}){_NOPERSON}"
        if name in ("X", "Y"):
            grp = {"X": "x", "Y": "y"}[name]
            return rf"(?P<{grp}>{_LIST}){_NOPERSON}"
        if re.fullmatch(r"FN\d+", name):
            return _FILLN.format(n=name[2:])
        if re.fullmatch(r"F\d+", name):
            return _FILL.format(n=name[1:])
        fixed = {
            "BT": _BRAND_TAIL,
            "GT": _AGENCY_TAIL,
            "AUX": _AUX,
            "AUXG": _AUXG,
            "AUXP": _AUXP,
            "GS": _GSEP,
            "ASIDE": _ASIDE,
            "GAP": _GAPW,
            "WORK": _WORK,
            "REV": _REVIEW_NOUN,
            "PIECE": _PIECE,
            "TITLE": TITLE_WORDS,
            "BREF": _BREF,
        }
        if name in fixed:
            return fixed[name]
        return rf"(?:{VERBS[name]})"

    return re.sub(r"\{([A-Z]+\d*)\}", token, template)


# Each rule: the status of g (or x/y), of g2 ("-": none), flags, and the pattern.
# Flags: "c" an unlisted name may fill g when the matched words name an agency or an account
#        ("appoints X as its agency", "X wins the B account");
#        "k" an unlisted name may fill g: the frame is about the maker ("created by X");
#        "w" an unlisted name may fill g in an item about agencies ("Orange Line won Fantastic
#            Furniture" in a round-up of media wins);
#        "p" a piece of work for the brand: a credit that stands in an awards story too;
#        "l" only the last name of a list in g is meant ("A, B and C, the incumbent on X");
#        "n" the brand may not be shaped like an agency ("Madison Media and GroupM");
#        "o" the brand this rule finds is the relation's, not the sentence subject's
#            ("AB InBev picks Deutsch as lead agency for Busch");
#        "q" an unlisted name may fill g when the rule's other agency is listed ("from Host to Ogilvy");
#        "r" not when the matched words are about a review ("places its business in review");
#        "s" x and y are the two parties in either order (types decide which is the agency);
#        "a" not when the sentence's subject is itself an agency ("Ogilvy PR has teamed up with
#            digital agency X": two agencies, no client);
#        "-" none.
_RULES = r"""
# ---------------------------------------------------------------- account moves: from A to B
ended appointed cq : {B}{BT}\s+{AUX}{F8}\b(?:{HAND}|{DROP}|{APPOINT})\s+{FN10}(?:from|out\s+of|away\s+from)\s+{GAP}{G}(?:\s*,[^,⟦⟧]{1,50},)?\s+(?:and\s+)?(?:to|into|in\s+favou?r\s+of)\s+{GAP}{G2}
ended appointed cq : {B}(?:'s)?\s+[^⟦⟧;]{0,40}?\b(?:move|switch|shift|defection|transfer)\s+(?:of\s+{F6})?from\s+{GAP}{G}\s+to\s+{GAP}{G2}
ended appointed cq : ^\W*(?:from|moves?\s+from|switch(?:es)?\s+from)\s+{GAP}{G}\s+to\s+{GAP}{G2}\s*$
ended appointed c : {B}{BT}\s+{AUX}{F8}\b(?:{HAND}|{APPOINT})\s+{F10}(?:to|into)\s+{GAP}{G2}\s+from\s+(?:incumbent\s+)?{GAP}{G}
ended appointed c : {B}{BT}\s+{AUX}{F2}\b{DROP}\s+{GAP}{G}\s+{F10}(?:for|in\s+favou?r\s+of|to|into|and\s+(?:into|to)|and\s+(?:{APPOINT}))\s+(?:{GAP}(?:team|unit|roster|stablemate)\s+)?{GAP}{G2}
ended appointed c : {B}{BT}\s+{AUX}{F2}\b{DROP}\s+{GAP}{G}[\s,;]+(?:and\s+)?{AUX}(?:{APPOINT})\s+{GAP}{G2}
appointed ended c : {G}{GS}{AUXG}(?:ousts?|ousted|unseats?|unseated|replaces?|replaced|succeeds?|succeeded)\s+(?:incumbent\s+|rival\s+)?{GAP}{G2}\s+(?:to|for|on|at|as)\s+{F4}{B}
appointed ended c : {G}{GS}{AUXG}(?:{WIN}|{HOLD})\s+(?:the\s+)?{F4}{B}(?:'s)?\s+{F6}\bfrom\s+(?:\d+-year\s+)?(?:incumbent\s+|rival\s+)?{GAP}{G2}
appointed ended c : {G}{GS}{AUXG}(?:took|takes|has\s+taken|taking|prised|prized|wrested|wrestled|steal(?:s|ing)?|stole|stolen|poach(?:es|ed|ing)?|snatch(?:es|ed|ing)?|swip(?:es|ed|ing))\s+(?:the\s+)?{FN4}{B}(?:'s)?\s+{F6}\bfrom\s+(?:incumbent\s+|rival\s+)?{GAP}{G2}
ended appointed c : {G}{GS}{AUXG}(?:loses|lost|losing)\s+(?:the\s+)?{F5}{B}(?:'s)?\s+{F3}(?:{WORK}\s*)?{ASIDE}\s*{F3}to\s+(?:rival\s+|ad\s+outfit\s+)?{GAP}{G2}
# "The Interpublic Group-owned agency lost the car client to Leo Burnett": the brand is the article's
ended appointed c : (?:{G}{GS}|\bthe\s+(?:⟦\d+⟧-owned\s+|[\w-]+-owned\s+)?(?:agency|shop)\s+){AUXG}(?:loses|lost|losing)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,3}?(?:client|account|business|brand)\s+to\s+(?:rival\s+)?{GAP}{G2}
# "Johnson, which earlier this year lost one of its other major tourism accounts—the six-figure
# Albuquerque Convention & Visitors Bureau—to McKee": the brand in a dash aside
ended appointed c : {G}{GS}{AUXG}(?:loses|lost|losing)\s+{F8}(?:{WORK}|clients?)\s*[–—]\s*(?:the\s+)?(?:[\w$£€-]+\s+){0,3}?{BN}\s*[–—]\s*to\s+(?:rival\s+)?{GAP}{G2}
# "has shifted its media responsibilities to UM, after 10 years at fellow Interpublic Group shop Campbell Ewald"
ended appointed c : \b(?:{HAND})\s+{FN8}(?:{WORK}|business|media|creative)\s+{FN4}to\s+{GAP}{G2}\s*,?\s+(?:after|ending)\s+(?:more\s+than\s+|nearly\s+|almost\s+|over\s+)?(?:\d+|[a-z]+)\s+years?\s+(?:at|with)\s+(?:(?:fellow\s+)?(?:⟦\d+⟧\s+)?(?:[\w-]+\s+)?(?:shop|agency)\s+)?{GAP}{G}
# "PHD following its loss of Transport for London to Mediaedge:cia": the agency's loss, as a noun
ended appointed c : {G}\s+[^⟦⟧;]{0,60}?\b(?:its|their)\s+loss\s+of\s+(?:the\s+)?{BN}(?:'s)?\s+(?:{F3}(?:{WORK}|business)\s+)?to\s+(?:rival\s+)?{GAP}{G2}
# "Droga5 London: it lost the Barclaycard account to BBH": the agency before the colon
ended appointed c : {G}\s*:\s+(?:it|they)\s+{AUXG}(?:loses|lost|losing)\s+(?:the\s+)?{F4}{BN}(?:'s)?\s+(?:{F3}(?:{WORK}|business)\s+)?to\s+(?:rival\s+)?{GAP}{G2}
# "after losing Telkom Orange to GDCC, Ogilvy PR ... has taken over": the agency after the clause
ended appointed cq : \b(?:after|following|since)\s+losing\s+(?:the\s+)?{F3}{BN}(?:'s)?\s+(?:{F3}(?:{WORK}|business)\s+)?to\s+(?:rival\s+)?{GAP}{G2}\s*,\s+{G}
# "Universal McCann, the buying incumbent, lost out to Starcom MediaVest": the incumbent's loss
ended appointed c : {G}\s*,\s*(?:the\s+)?(?:[\w-]+\s+){0,2}?incumbent\s*,\s+{AUXG}(?:lost|loses|losing)\s+(?:out\s+)?to\s+(?:rival\s+)?{GAP}{G2}
# "The UK pitch saw Starcom Motive take £21 million in billings from Carat": business taken from a rival
appointed ended c : {G}{GS}{AUXG}(?:take|took|takes|taking|prised|prized|wrested|wrestled)\s+(?:the\s+)?{F6}(?:{WORK}|billings|business)\s+{F4}from\s+(?:incumbent\s+|rival\s+)?{GAP}{G2}
ended appointed c : {G}\s+[^⟦⟧;]{0,100}?\b(?:after|following|since)\s+losing\s+(?:its|their)\s+{F3}(?:client|account|business)\s*,?\s*{BN}\s*,?\s+{F3}to\s+{GAP}{G2}
appointed ended c : \b{G}\s+[^⟦⟧;]{0,60}?\b(?:to\s+replace|replacing|in\s+place\s+of|succeeding|taking\s+over\s+from|takes\s+over\s+from|took\s+over\s+from|over\s+incumbent)\s+(?:incumbent\s+)?{GAP}{G2}
# "Banjo Advertising has expanded its remit ..., taking creative duties for the Fancy Feast brand from Ogilvy"
appointed ended c : {G}\s+[^;]{0,100}?,\s+(?:taking|winning|picking\s+up|scooping|prising|wresting)\s+(?:the\s+)?{F4}(?:{WORK})\s+(?:for|on)\s+(?:the\s+)?{BN}\s+(?:brand\s+|account\s+|business\s+)?(?:away\s+)?from\s+(?:incumbent\s+|rival\s+)?{GAP}{G2}
# ---------------------------------------------------------------- the brand appoints
# "P&G has consolidated global PR duties for its Vicks brand with MSLGroup": the product brand's account
appointed - co : \b(?:{HAND}|puts?|splits?|split)\s+{F6}(?:{WORK}|creative|media|advertising|pr|digital)\s+(?:for|on)\s+(?:its|their)\s+{BN}\s+(?:brands?\s+|business\s+|line\s+|range\s+)?(?:with|at|to|into)\s+{GAP}{G}
appointed - co : \b(?:{APPOINT})\s+{GAP}{G}\s+(?:as\s+{F6}(?:agency|aor|partner|agency\s+of\s+record)|to\s+(?:lead|handle|run|work\s+on)\s+{F3})\s*(?:for|on)\s+(?:its\s+|the\s+)?(?:(?:family\s+of\s+)?[\w-]+\s+){0,2}?(?:brands?\s+)?{BN}(?!'s)
appointed - - : {B}{BT}\s+{AUX}{F3}\b(?:{APPOINT})\s+{GAP}{G}
appointed - c : {B}{BT}\s+{AUX}{F3}\b(?:{APPOINT})\s+{GAP}{G}{ASIDE}\s*(?:as|to\s+be)\s+(?:its|their|the|a|an)?\s*{F6}(?:agency|agencies|aor|partner|shop|consultancy|agency\s+of\s+record|lead)
appointed - c : {B}{BT}\s+{AUX}{F3}\b(?:{APPOINT})\s+{GAP}{G}(?:\s*\([^()]*\))?\s+(?:to|for)\s+(?:handle|lead|run|manage|look\s+after|work\s+on|take\s+on|oversee|create|develop|deliver|service|build|craft|produce|design|devise|launch|execute)\b
appointed - c : {B}{BT}\s+{AUX}{F3}\b(?:{APPOINT})\s+{GAP}{G}(?:\s*\([^()]*\))?\s+(?:for|on)\s+(?:its|their|the)\s+{F4}{WORK}
appointed - c : {B}{BT}\s+{AUX}{F3}\b(?:{APPOINT})\s+{GAP}{G}\s+(?:of\s+\w+\s+)?(?:aor|agency\s+of\s+record|{F2}agency\s+of\s+record)
appointed - cr : {B}{BT}\s+{AUX}{F3}\b{HAND}\s+{FN6}(?:{WORK}|media|creative|advertising|pr|digital|social|communications)\s+{FN8}(?:to|with|at|into|in)\s+{GAP}{G}
appointed - c : {B}{BT}\s+{AUX}{F3}\b{HAND}\s+(?:its|their|the)\s+(?:{WORK}|media|creative|advertising|pr|digital|business)\s+(?:to|into)\s+{GAP}{G}
# "Saudi Telecom awarded Al Jawal, the biggest chunk of its advertising business, to JWT": an object with an aside
appointed - c : {B}{BT}\s+{AUX}{F3}\b{HAND}\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}?⟦\d+⟧\s*,\s+(?:the|a|an|its|their)\s+[^,⟦⟧]{1,80}?\b(?:{WORK}|business)\s*,\s+(?:to|into)\s+{GAP}{G}
appointed - c : {B}{BT}\s+{AUX}{F3}\b(?:{HAND}|gives?|gave|giving|given)\s+{GAP}{G}\s+(?:the\s+|a\s+|its\s+|their\s+)?(?:[$£€][\d.,]+\s*(?:million|billion|m|bn)?\s+|[\d.,]+\s+(?:million|billion)\s+)?{F4}(?:{WORK}|mandate|nod|keys|business|vote\s+of\s+confidence)
appointed - c : {B}(?:'s)?\s+{F6}\b{WORK}\s+{AUX}(?:has\s+)?(?:gone|goes|went|moves?|moved|is\s+moving|going|heads?|headed|switch(?:es|ed)?|shifts?|shifted|transferred)\s+to\s+{GAP}{G}
appointed - c : \b(?:a\s+|the\s+)?{F4}(?:{WORK})\s+(?:has\s+)?(?:gone|goes|went|moved)\s+to\s+{GAP}{G}
# "The AFL's creative for the 2025 season went to 72andSunny": a brand's creative or media is its account
appointed - c : {BN}'s\s+(?:creative|media|advertising|pr|digital|social)(?:\s+(?:and|&)\s+(?:creative|media))?\s+{F6}(?:has\s+)?(?:gone|goes|went|moved|moves|switched|shifted)\s+to\s+{GAP}{G}
appointed - c : {B}{BT}\s+{AUX}{F3}\b(?:concludes?|concluded|ends?|ended|wraps?\s+up|closes?|closed|completes?|completed)\s+{F6}{REV}[\s,]+{F6}(?:by\s+)?(?:{APPOINT}|handing\s+{F6}to|giving|with)\s+{GAP}{G}
appointed - c : {B}{BT}\s+{AUX}{F3}\b(?:consolidates?|consolidated|consolidating|concentrates?|puts|put|places?|placed|splits?|split|divides?|divided)\s+{F10}{WORK}\s+(?:at|with|in|into|between)\s+{GAP}{G}
appointed - c : ^\W*{BN}(?:'s)?\s+(?:to|goes\s+to|moves\s+to|switches\s+to|picks|names|taps|hires)\s+{GAP}{G}\s*$
appointed - c : \b(?:{HAND}|given)\s+(?:its\s+|their\s+|the\s+)?(?:(?:biggest|main|flagship|largest|key|premium|new|global|top-selling|best-selling|[\w-]+-owned|sister)\s+)*(?:brands?\s+|airline\s+|carrier\s+|unit\s+)?{BN}\s+(?:to|into)\s+{GAP}{G}
appointed - c : {B}{BT}\s+[^⟦⟧;]{0,80}?\bfound\s+(?:a|its|their|the)\s+{F3}(?:partner|agency|match|home)\s+in\s+(?:[^⟦⟧,;]{0,60},\s+)?{GAP}{G}
appointed - c : {B}{BT}\s+[^⟦⟧;]{0,150}?,\s+(?:appointing|naming|hiring|selecting|choosing|tapping|picking|enlisting)\s+{GAP}{G}
appointed - c : {B}{BT}\s+[^⟦⟧;]{0,150}?,\s+(?:handing|moving|switching|awarding|giving|shifting|consolidating|sending)\s+{F10}(?:to|into|with|at)\s+{GAP}{G}
appointed - c : \bwith\s+{BN}\s+(?:appointing|naming|hiring|selecting|choosing|tapping|picking)\s+{GAP}{G}
appointed - c : {B}'s\s+{F8}(?:{REV}|{WORK})\s*,?\s+(?:which\s+was\s+|was\s+|has\s+been\s+)?won\s+by\s+{GAP}{G}
appointed - c : {BN}\s+{F4}(?:{WORK}|business)\s*,?\s+(?:which\s+)?(?:was|were|has\s+been|have\s+been|is|is\s+being)\s+(?:won|taken|picked\s+up|scooped|claimed|landed|secured|bagged)\s+by\s+{GAP}{G}
appointed - c : {B}(?:'s)?\s+(?:appointment|hiring|selection|choice)\s+of\s+{GAP}{G}
# "Teva and AstraZeneca were won by Interpublic Group network Healix Global": the brands, won by the agency
appointed - c : {BN}\s*,?\s+(?:were|was|have\s+been|has\s+been)\s+(?:both\s+|all\s+|recently\s+)?(?:won|picked\s+up|scooped(?:\s+up)?|landed|bagged|secured|snapped(?:\s+up)?)\s+by\s+(?:⟦\d+⟧(?:'s)?\s+(?:network|unit|agency|shop|arm)\s+)?{GAP}{G}
# "Nike ... return to its former longtime shop there, JWT Mexico": the brand goes back to an agency
appointed - - : {B}{BT}\s+[^⟦⟧;]{0,80}?\b(?:returns?|returned|returning|went\s+back|goes\s+back|going\s+back|moves?\s+back|moved\s+back)\s+to\s+(?:(?:its|their|the)\s+(?:former\s+|old\s+|previous\s+|longtime\s+|long-time\s+|original\s+)*(?:agency|shop|partner)(?:\s+there)?\s*,?\s+)?{GAP}{G}
appointed - c : {B}{BT}\s+{AUX}(?:announced|said|confirmed|revealed)\s+(?:that\s+)?{GAP}{G}\s+(?:will\s+be|would\s+be|is\s+to\s+be|is\s+now|has\s+become|will\s+become|becomes)\s+(?:its|their)\s+(?:new\s+)?{F3}(?:agency|agency\s+partner|partner|aor|agency\s+of\s+record)\b
appointed - c : \b(?:its|their)\s+(?:newly[\s-]+appointed|newly[\s-]+hired|new)\s+{F3}(?:agency|aor|agency\s+of\s+record|partner)\s*,?\s+{GAP}{G}
appointed - c : \b(?:on|to|joins?|joined)\s+(?:the|its|their)\s+(?:new\s+)?(?:agency\s+)?roster\s+(?:are|is|were|was)\s+{GAP}{G}
appointed - c : \b(?:the\s+)?(?:appointment|hiring|selection)\s+of\s+{GAP}{G}(?!\s+as\s)
appointed - c : {B}{BT}\s+[^⟦⟧;]{0,60}?\b(?:giving|handing)\s+{GAP}{G}\s+the\s+(?:nod|keys|business|account)
# ---------------------------------------------------------------- the agency is appointed
# "When CP+B was awarded the account", "Saints & Warriors being awarded Skoda": the agency, awarded the brand
appointed - c : {G}{GS}(?:was|were|is|are|being|has\s+been|have\s+been|had\s+been)\s+(?:(?:also|then|finally|eventually|recently)\s+)?(?:awarded|handed|given)\s+(?:the\s+)?(?:{BN}(?:'s)?(?:\s+(?:{F3})?(?:{WORK}|business))?|(?:{F3})?(?:account|business))(?=\s*[;,.]|\s*$|\s+(?:after|following|in|without|this|last|from|by)\b)
# "Leo Burnett Lagos has won the World Bank International Finance Corporation pitch": the pitch's winner
appointed - c : {G}{GT}{GS}{AUXG}(?:{WIN})\s+(?:the\s+)?{F3}{BN}(?:'s)?\s+(?:(?:global|creative|media|digital|pr|advertising|[\w$£€.-]+\s+(?=\w))\s*){0,3}(?:pitch|pitches|review|tender)\b(?!\s+(?:for|against)\b)
# "TBWA Santiago Mangada Puno beat 13 rival agencies for the biennial Philippine Advertising Congress account"
appointed - c : {G}{GS}{AUXG}(?:beat|beats|beating|saw\s+off|fought\s+off|edged\s+out|pipped|outgunned)\s+(?:out\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|several|[a-z]+\s+other)\s+(?:other\s+)?(?:rival\s+|competing\s+)?(?:agencies|shops|rivals|contenders|competitors)\s+(?:for|to\s+(?:win|land|take|secure|scoop))\s+(?:the\s+)?{F4}{BN}(?:'s)?\s+{F4}(?:{WORK}|business|brief|{REV})\b
# "Rapier, which B&Q has appointed in the meantime to handle a project": the agency, object of a relative clause
appointed - c : {G}\s*,\s*(?:which|who|whom)\s+{BN}\s+{AUX}(?:{APPOINT})\b
# "BBH beat off competition from Mother to take the Castlemaine XXXX brand": the winner of a contest
appointed - c : {G}{GS}{AUXG}(?:beat|beats|beating|saw|seen|seeing|fought|fended|edged|pipped)\s+(?:off|out)?\s*(?:(?:stiff\s+|tough\s+)?competition\s+from\s+|rivals?\s+(?:including\s+)?)?{FN8}to\s+(?:take|win|land|scoop|secure|snag|bag|clinch|grab|pick\s+up|claim)\s+(?:the\s+)?{F4}{BN}(?:'s)?(?=\s*$|\s*[,;.]|\s+(?:[\w$£-]+\s+){0,4}?(?:{WORK}|business|brand|creative|media)\b|\s+(?:after|following|in|from|without|this|last)\b)
# "PR agency 1Milk2Sugars ... alongside new client wins including Pandora and Knix"
appointed - c : {G}{GT}\s+[^⟦⟧;]{0,150}?\b(?:new\s+)?(?:client|account|business)\s+wins\s*,?\s+(?:including|such\s+as|like)\s+{BN}
# "Mindshare and Sparro had split the Australian Labor Party's media account": both hold it now
appointed - c : {G}\s+{AUXG}(?:split|splits|share|shares|shared)\s+(?:the\s+)?{F3}{BN}(?:'s)?\s+{F4}(?:{WORK}|business)\b
# "Wachovia selected a team of agencies led by Ogilvy & Mather": the team's lead is appointed
appointed - c : {B}{BT}\s+{AUX}{F3}\b(?:{APPOINT})\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:team|group|consortium|roster)\s+(?:of\s+agencies\s+)?(?:led|headed|fronted)\s+by\s+{GAP}{G}
# "Maxus, Neo@Ogilvy and Soho Square are the other winning agencies": the article's brand's
appointed - c : {G}\s+(?:are|were|is|was)\s+the\s+(?:other\s+)?(?:winning|successful|chosen|appointed|selected)\s+(?:agency|agencies|shops?)\b
# "Maedel led JWT to victory again in the global Vodafone pitch": the pitch's winner
appointed - c : \bled\s+(?:the\s+)?{GAP}{G}\s+to\s+(?:victory|a\s+win)\s+(?:again\s+)?(?:in|on)\s+(?:the\s+)?{F4}{BN}(?:'s)?\s+(?:{F3})?(?:{REV}|{WORK})\b
appointed - cw : {G}{GS}{AUXG}(?:{WIN})\s+(?:the\s+)?{F6}{B}(?:'s)?(?=\s*$|\s*[,;.()]|\s+(?:[\w$£-]+\s+){0,5}?(?:{WORK}|business|creative|media|pr|digital|advertising|brief|aor)\b|\s+(?:after|following|from|in\s+a|without|as|for|in|this|last|at)\b|\s+and\s+⟦\d+⟧\s+(?:[a-z]+\s+)?(?:{WIN}|drove\s+off\s+with|walked\s+off\s+with|took)\b)
appointed - c : {G}{GS}{AUXG}(?:{WIN})\s+{F8}(?:{WORK}|{REV}|business|duties|account|chores|job|brief|mandate)\s+(?:for|from|at|of|on|with)\s+(?:the\s+)?{F6}{B}
appointed - c : \b(?:when|after|as|since|and|where|before)\s+(?P<g>it|they)\s+{AUXG}(?:{WIN})\s+(?:the\s+)?(?:(?!(?:against|pitch|pitches|review|over)\b)[^\s⟦⟧;:!?,]+\s+){0,6}?{BN}(?:'s)?(?=\s*$|\s*[,;.()]|\s+(?:[\w$£-]+\s+){0,5}?(?:{WORK}|business|creative|media|pr|digital|advertising|brief|aor)\b|\s+(?:after|following|from|in\s+a|without|as|for|in|this|last|at)\b)
appointed - c : {G}'s\s+(?:recent\s+|latest\s+|new\s+|biggest\s+)?(?:win|capture|landing|snatching|winning|securing|scooping|poaching)\s+of\s+(?:the\s+)?(?:{F8}{WORK}\s+(?:for|of|from)\s+(?:the\s+)?)?{B}
appointed - c : {G}(?:'s)?\s+[^⟦⟧;]{0,60}?\b(?:its|their|the|'s)\s+(?:recent\s+|latest\s+|new\s+)?(?:win|capture|landing)\s+(?:of|on|for|with)\s+(?:the\s+)?(?:{F8}{WORK}\s+(?:for|of|from)\s+(?:the\s+)?)?{B}
appointed - c : {G}{GT}{GS}{AUXG}(?:{WIN})\s+(?:the\s+|a\s+|its\s+)?{F4}{WORK}(?=\s*$|\s*[,.;]|\s+(?:after|following|in|from|without|this|last|as|at)\b)
appointed - cw : {G}\s+[^⟦⟧;]{0,100}?,?\s+(?:bagging|winning|landing|picking\s+up|securing|scooping|snagging|adding|grabbing)\s+(?:a\s+slice\s+of\s+|a\s+piece\s+of\s+|the\s+)?{F4}{BN}(?:'s)?(?=\s*$|\s*[,;.]|\s+(?:[\w$£-]+\s+){0,4}?(?:{WORK}|business|account)\b|\s+(?:and|as\s+well\s+as)\b)
appointed - c : {BN}\s*,\s*whose\s+{F4}(?:{WORK})\s+(?:the\s+)?{GAP}{G}\s+{AUXG}(?:{WIN}|took|takes|handles|handled|will\s+handle)
appointed - c : {G}{GT}\s+[^⟦⟧;]{0,100}?\b(?:its|their)\s+new\s+{BN}\s+(?:account|business|client|brief)
appointed - c : {G}[^;]{0,100}?\bin\s+(?:landing|winning|securing|bagging|picking\s+up|scooping)\s+(?:the\s+)?{F3}{BN}(?:'s)?\s+{F3}(?:account|business|brief)
appointed - c : {G}{GT}{GS}{AUXG}(?:{WIN}|picked\s+off|picks\s+off|signed|signs)\s+[^⟦⟧;]{0,60}?\b(?:new\s+)?(?:clients?|accounts?|business)\s*,?\s+(?:including|such\s+as|like|in)\s+{BN}
appointed - c : {G}{GT}\s+[^⟦⟧;]{0,150}?\b(?:following|after|thanks\s+to|on\s+the\s+back\s+of)\s+(?:the\s+|its\s+)?{BN}\s+(?:account\s+)?wins\b
appointed - c : {G}{GT}\s+[^⟦⟧;]{0,80}?\b(?:wins?|victories)\s+(?:with|from|at)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,4}{BN}
appointed - c : {G}{GT}{GS}{AUXG}(?:has\s+been|have\s+been|was|were|is|are|had\s+been)\s+{NAMED}\s+(?:as\s+(?:its|the|their)\s+{F4}(?:agency|aor|partner)|to\s+(?:handle|lead|run|oversee|manage|look\s+after|take\s+(?:on|over)|work\s+on)\s+{F4}(?:{WORK}|creative|media|advertising|pr|digital|planning|buying))(?!\s+(?:for|by|at|of)\s)
ended - c : \b(?:won|wins|took|takes|lured|luring|attract(?:s|ed)|poach(?:es|ed)|snatch(?:es|ed)|swip(?:es|ed)|nabs|nabbed|scoop(?:s|ed)|bag(?:s|ged)|prised|prized|wrested|wresting|taking|winning|captured|capturing)\s+{FN6}from\s+(?:\d+-year\s+)?(?:incumbent\s+|rival\s+)?{GAP}{G}
retained - c : {G}(?:'s)?\s+[^⟦⟧;]{0,60}?\b(?:its|their|the|'s)\s+(?:recent\s+)?retention\s+of\s+(?:the\s+)?(?:{F6}{WORK}\s+(?:for|of)\s+)?{B}
retained - c : {G}\s*,\s*(?:the|its)\s+{F4}(?:agency|partner|agency\s+of\s+record)\s+(?:for|of)\s+{B}[^,⟦⟧]{0,40},\s+{AUXG}(?:{HOLD})\s+(?:its|the)\s+{F2}(?:{WORK}|business)
appointed - c : {G}{GS}{AUXP}(?:(?:has|have|had)\s+been\s+|was\s+|were\s+|is\s+|are\s+|gets?\s+|got\s+|being\s+)?{NAMED}\s+(?:as\s+)?{F8}(?:for|by|at|to|on|of)\s+(?:the\s+)?{F6}{B}
appointed - c : {G}{GS}{AUXP}(?:(?:has|have|had)\s+been\s+|was\s+|were\s+|is\s+|are\s+)?{NAMED}\s+{F3}(?:agency\s+of\s+record|aor|lead\s+\w*\s*agency|agency)\s+(?:for|of|at|on)\s+{B}
appointed - c : {G}{GS}{AUXP}(?:has\s+been\s+|was\s+|were\s+|is\s+|have\s+been\s+)?(?:awarded|handed|given)\s+(?:the\s+)?(?!(?:its|their|his|her)\s){F3}{B}(?:'s)?\s+{F8}(?:{WORK}|media|creative|advertising|pr|digital|social)
appointed - c : {G}\s+(?:joins|joined|added\s+to|enters|entered|makes|made)\s+{B}(?:'s)?\s+{F3}(?:roster|panel|agency\s+roster|agency\s+line-up|roster\s+of\s+agencies)
appointed - c : {G}{GS}{AUXG}(?:is\s+|was\s+|are\s+)?(?:becomes?|became|becoming|is\s+becoming|will\s+become|to\s+become)\s+(?:the\s+)?(?:new\s+)?{F4}(?:agency|agency\s+of\s+record|aor|partner|shop)\s+(?:for|of|to|on)\s+(?:the\s+)?{F3}{B}
appointed - c : {G}{GS}{AUXG}(?:gewinnt|übernimmt|holt|gewann)\s+{F4}\w*[eE]tat\w*\s+(?:von|bei|des|der)\s+{B}
# "Initiative's Goodman Fielder win", "UM's King Living win": an agency's win of a brand, as one noun
appointed - c : {G}(?:'s|')\s+{BN}\s+(?:(?:creative|media|pr|digital|advertising|global|account|business)\s+){0,2}(?:win|capture)\b(?!\s+(?:of|over)\b)
# ---------------------------------------------------------------- retention
# "DDFH&B-JWT continues its strong run with the news that it has been retained by Fáilte Ireland": the
# agency that opens the sentence, as "it" in its own clause
retained - c : ^\W*{G}\s+[^⟦⟧;]{0,80}?\b(?:that\s+)?it\s+(?:has|had)\s+been\s+(?:{REAPP})\s+by\s+(?:the\s+)?{BN}
appointed - c : ^\W*{G}\s+[^⟦⟧;]{0,80}?\b(?:that\s+)?it\s+(?:has|had)\s+been\s+(?:named|appointed|hired|picked|selected|chosen|tapped)\s+(?:as\s+(?:the\s+)?{F4}(?:agency|aor|agency\s+of\s+record|partner)\s+)?by\s+(?:the\s+)?{BN}
# "STC's media buying and planning account was retained by Starcom": the agency kept it
retained - c : {BN}(?:'s)?\s+{F6}(?:{WORK}|business)\s*,?\s+(?:which\s+)?(?:was|were|has\s+been|have\s+been|had\s+been|is)\s+(?:successfully\s+)?(?:retained|kept|defended)\s+by\s+(?:incumbent\s+)?{GAP}{G}
retained - c : {B}{BT}\s+[^⟦⟧;]{0,100}?\b(?:after|since|following)\s+(?:re-?appointing|retaining|re-?hiring|re-?signing)\s+{GAP}{G}
# "BMF's Tourism Tasmania retention": an agency's retention of a brand, as one noun
retained - c : {G}(?:'s|')\s+{BN}\s+(?:(?:creative|media|pr|digital|advertising|global|account|business)\s+){0,2}retention\b(?!\s+of\b)
retained - c : {B}{BT}\s+{AUX}{F3}\b(?:{KEEP})\s+{GAP}{G}
retained - c : {B}{BT}\s+{AUX}(?:elected\s+to\s+|decided\s+to\s+|opted\s+to\s+)?(?:keep|retain)\s+{F8}(?:at|with)\s+{GAP}{G}
retained - c : {G}{GS}{AUXG}{F2}(?:{HOLD})\s+(?:the\s+)?{F6}{B}(?:'s)?(?=\s*$|\s*[,;.]|\s+(?:[\w$£-]+\s+){0,5}?(?:{WORK}|business|creative|media|pr|digital|advertising|brief|aor)\b|\s+(?:after|following|in\s+a|without|as|for)\b)
retained - c : {G}{GS}{AUXG}{F2}(?:{HOLD})\s+{F8}(?:{WORK}|business|portfolio)\s+(?:for|of|at|on)\s+(?:the\s+)?{F6}{B}
retained - c : {G}{GS}{AUXG}(?:has\s+been\s+|was\s+|were\s+|is\s+|have\s+been\s+)?{REAPP}\s+{F8}(?:by|for|to|on)\s+(?:the\s+)?{F3}{B}
retained - c : \bincumbent\s+{GAP}{G}\s+(?:to\s+|will\s+|has\s+|is\s+set\s+to\s+|would\s+)?(?:also\s+)?(?:retain|keep|hold|retained|kept)\b
retained - c : {B}(?:'s)?\s+[^⟦⟧;]{0,60}?\b(?:renews?|renewed|renewing|extends?|extended|extending|renew|extend)\s+{F6}(?:contract|relationship|partnership|deal|agreement|tie-up)\s+with\s+{GAP}{G}
retained - c : {G}\s+[^⟦⟧;]{0,80}?\b(?:for|after|by)\s+(?:retaining|keeping|holding\s+on\s+to|successfully\s+defending)\s+the\s+(?:business|account)
retained - c : {G}{GS}{AUXG}(?:successfully\s+)?(?:defended|retained|kept|held\s+on\s+to)\s+the\s+(?:account|business)
# "MG OMD ... extended its relationship with John Lewis Partnership following a competitive pitch"
retained - c : {G}{GS}{AUXG}(?:extended|extends|extending|renewed|renews|renewing)\s+(?:its|their)\s+(?:[\w-]+\s+){0,3}?(?:relationship|partnership|contract|deal|tenure)\s+with\s+(?:the\s+)?{B}
# ---------------------------------------------------------------- endings
ended - s : {X}{BT}\s+{AUX}{F3}\b(?:{DROP})\s+(?:the\s+)?{GAP}{Y}
ended - c : {B}{BT}\s+{AUX}{F3}\b(?:{HAND}|{DROP}|pulls?|pulled|takes?|took|yanks?|yanked)\s+{F6}(?:{WORK}|business|account)\s+(?:out\s+of|away\s+from|from)\s+{GAP}{G}
ended - c : \b(?:{DROP}|pulls?|pulled|pulling|takes?|took|taking|moves?|moved|moving)\s+(?:its\s+)?{BN}(?:'s)?\s+(?:{F4}(?:{WORK}|business)\s+)?(?:out\s+of|away\s+from|from)\s+{GAP}{G}
ended - c : \b(?:pull|pulls|pulling|pulled|removing|removed|removes)\s+{GAP}{G}\s+(?:from|off)\s+(?:the\s+)?(?:[$£€\d.,]+\s+(?:million|billion|m|bn)?\s*|[\w-]+\s+){0,3}?{BN}(?:'s)?\s+(?:{F3}(?:account|business))
ended - c : \bafter\s+(?:resigning|leaving|exiting|losing|quitting)\s+(?:its\s+|their\s+)?(?:place|spot|seat|role)?\s*(?:on|from)?\s*(?:the\s+)?{BN}(?:'s)?\s+(?:{F3})?(?:roster|account|business)\s+{F4},\s+{G}
ended - c : {G}[^;]{0,80}?\b(?:after|following|with)\s+the\s+loss\s+of\s+(?:key\s+|its\s+|major\s+|biggest\s+|long-time\s+|longtime\s+)*(?:client|account)\s+{BN}
ended appointed c : \b(?:its|their|the)\s+{F4}(?:{WORK})\s+{AUX}(?:moves?|moved|is\s+moving|shifts?|shifted|switches|switched)\s+from\s+{GAP}{G}\s+to\s+{GAP}{G2}
appointed - c : \bafter\s+(?:consolidating|moving|handing|awarding|giving|placing)\s+(?:its\s+)?{F6}(?:{WORK}|business)\s+(?:with|to|into|at)\s+{GAP}{G}\s*,\s+(?:[a-z][\w-]*\s+){0,3}{BN}
ended - c : {B}\s*,\s*(?:a\s+)?(?:longtime|long-time|long-standing)\s+client\s+of\s+{GAP}{G}\s*,\s+{AUX}{F3}(?:{DROP}|ended|ends|has\s+ended)
ended - c : {B}{BT}\s+{AUX}{F3}\bend(?:s|ed|ing)?\s+{F6}(?:relationship|partnership|ties|contract|tenure|association|alliance)\s+with\s+{GAP}{G}
ended - c : {B}{BT}\s+[^⟦⟧;]{0,120}?,\s+(?:ending|severing|terminating|cutting|concluding)\s+(?:its|their)\s+{F4}(?:relationship|ties|partnership|association|tenure)\s+with\s+{GAP}{G}
ended - c : \b(?:end|ending|ends|ended)\s+(?:of\s+)?(?:its\s+|their\s+|a\s+|the\s+)?{F6}(?:relationship|partnership|association|tenure)\s+with\s+{GAP}{G}
# "Edelman ended its contract with private prison company The Geo Group": the agency ends it
ended - c : {G}{GT}(?:\s*,)?{GS}{AUXG}(?:ended|ends|terminated|terminates|severed|severs|cut|cuts|dropped|drops|quit|quits)\s+(?:its|their)\s+{F3}(?:contract|relationship|ties|partnership|work|association)\s+with\s+(?:[a-z][\w-]*\s+){0,4}{BN}
ended - c : \b(?:end|ending|ends|ended)\s+{BN}(?:'s|')\s+{F4}(?:relationship|partnership|association|tenure|ties)\s+with\s+{GAP}{G}
ended - c : \b(?:brings?|brought|bringing|puts?|putting)\s+an\s+end\s+to\s+(?:its|their|the|a)\s+{F4}(?:relationship|partnership|association|tenure|ties)\s+with\s+{GAP}{G}
holder - c : {B}{BT}\s+[^;]{0,120}?\bafter\s+(?:\d+|[\w-]+)\s+years?\s+(?:with|at)\s+{GAP}{G}
ended - c : {B}\s*,\s*whose\s+(?:last|previous|former)\s+{F3}(?:agency|agencies)\s+(?:was|were)\s+(?:{GAP}(?:stablemates?|sister\s+agencies)\s+)?{GAP}{G}
ended - c : \b{BREF}{BT}\s+{AUX}{F3}\b(?:{DROP})\s+(?:the\s+|its\s+)?{GAP}{G}
ended - c : {G}{GS}{AUXG}(?:{LOSE})\s+(?:the\s+)?{F2}{B}(?:'s)?(?!\s+pitch)
ended - c : {G}{GS}{AUXG}(?:{LOSE})\s+{F5}(?:{WORK}|business|client)\s+(?:for|of|at|from|on|with)\s+(?:the\s+)?{F3}{B}
ended - c : {G}{GS}{AUXG}(?:{LOSE})\s+(?:from\s+)?(?:the\s+)?{F3}{B}(?:'s)?\s+(?:roster|account|business)
ended - c : {G}\s+[^⟦⟧;]{0,80}?\b(?:after|following|with)\s+the\s+loss\s+of\s+(?:the\s+)?{F3}{BN}(?:'s)?\s+{F3}(?:accounts?|business|clients?)
ended - sn : {X}\s+(?:and|&)\s+{Y}\s+{AUX}(?:to\s+)?(?:part(?:s|ed|ing)?\s+(?:ways|company)|(?:split|splits)(?!\s+(?:the|a|an)\s)|end(?:s|ed)?\s+(?:their|the)\s+{F4}(?:relationship|partnership|association)|call(?:s|ed)?\s+time|sever(?:s|ed)?\s+ties)
ended - c : {G}{GS}{AUXG}(?:has\s+been\s+|was\s+|were\s+|is\s+|have\s+been\s+)?{DROPPED}\s+(?:as\s+{F6})?by\s+{B}
ended - c : {G}{GT}\s*,?\s*(?:which|who)?\s*{AUXG}(?:will\s+not|won't|would\s+not|did\s+not|didn't|has\s+not|declined\s+to|has\s+declined\s+to|chose\s+not\s+to|opted\s+not\s+to|is\s+not|was\s+not|isn't|decided\s+not\s+to)\s+(?:to\s+)?(?:re-?pitch|defend|fight|participate|take\s+part|taking\s+part|pitch)
ended - c : {G}\s*,?\s*(?:which|who)?\s*{AUXG}(?:bowed|bows|bowing)\s+out
ended - c : {G}\s+(?:is\s+|was\s+)?(?:sitting|sits|sat)\s+out\s+(?:the\s+)?(?:pitch|review)
# "Telkom Kenya-Orange (previously handled by Ogilvy PR)": the brand the aside is about
ended - c : {BN}(?:'s)?\s*(?:\(|,)\s*(?:which\s+was\s+)?(?:previously|formerly)\s+(?:handled|held|run|managed|serviced|looked\s+after)\s+by\s+{GAP}{G}
# "as its former client, Samsung, has been snapped by MediaEdge": the agency's former client
ended - c : {G}{GT}\s+[^⟦⟧;]{0,100}?\b(?:its|their)\s+(?:former|ex-|erstwhile)\s*(?:client|account)\s*,?\s+{BN}
ended - c : (?:previously|formerly|had\s+previously\s+been|had\s+been)\s+{F3}(?:handled|held|run|managed|looked\s+after)\s+by\s+{GAP}{G}
ended - c : \b(?:{WORK}|business)\s+had\s+(?:previously\s+)?been\s+(?:with|at|held\s+by|handled\s+by)\s+{GAP}{G}
ended - c : {G}\s+(?:had\s+)?previously\s+(?:held|handled|run|managed|worked\s+on)\s+(?:the\s+)?{B}(?:'s)?
ended - c : {G}\s+previously\s+(?:held|handled)\s+the\s+(?:business|account)
ended - c : {B}{BT}\s+[^⟦⟧;]{0,100}?\bafter\s+(?:splitting|parting\s+ways|parting|breaking\s+up|breaking)\s+{F3}(?:from|with)\s+{GAP}{G}
ended - c : \b(?:after|since)\s+(?:splitting|parting|breaking)\s+{F3}(?:from|with)\s+{GAP}{G}
ended - c : \b(?:after|since)\s+(?:firing|dropping|ditching|leaving|axing|dumping)\s+{GAP}{G}
ended - c : {B}'s\s+(?:dismissal|firing|sacking|dumping)\s+of\s+{GAP}{G}
ended - c : {G}\s+(?:has\s+|had\s+)?(?:reportedly\s+)?resigned\s+(?:from\s+)?(?:the\s+)?{B}(?:'s)?
ended - c : {G}\s*(?:,[^,⟦⟧]{1,40},)?\s*{AUXG}(?:effectively\s+)?(?:lost|loses|lose|losing)\s+the\s+(?:[\w-]+\s+){0,3}?(?:business|account)\b(?!\s+(?:pitch|review))
ended - c : {G}{GS}{AUXG}(?:losing|lost)\s+{F2}(?:grip|hold)\s+on\s+(?:the\s+)?{B}
ended - c : \bat\s+{GAP}{G}(?:'s|')\s+expense\b
ended - c : \bat\s+the\s+expense\s+of\s+(?:incumbent\s+|rival\s+)?{GAP}{G}
ended - c : \b(?:in\s+a\s+)?move\s+(?:away\s+)?(?:out\s+of|from)\s+(?:incumbent\s+)?{GAP}{G}(?!\s+(?:to|into)\b)
# "Wyse Advertising previously handled the $40 million account", "The business was previously
# with MacLaren McCann": an account held before, no more
ended - c : {G}{GS}(?:had\s+)?(?:previously|formerly)\s+(?:handled|held|ran|managed|had)\s+(?:the\s+)?{F4}(?:account|business)(?!\s+(?:for|of)\s)
ended - c : \b(?:the\s+)?(?:account|business)\s+(?:was|were|had\s+been)\s+(?:previously|formerly)\s+(?:with|held\s+by|handled\s+by|at)\s+{GAP}{G}
# ---------------------------------------------------------------- reviews and incumbents
review - c : {B}{BT}\s+{AUX}{F4}\b(?:reviews?|reviewing|reviewed)\s+{F6}(?:{WORK}|business)\s+(?:at|with|held\s+by|handled\s+by)\s+(?:both\s+)?{GAP}{G}
# "Amazon, which is reviewing at IPG's Mediabrands": the account reviewed where it sits
review - c : {B}{BT}\s+{AUX}(?:reviewing|reviews|reviewed)\s+(?:its\s+\w+\s+)?at\s+(?:both\s+)?{GAP}{G}
review - c : {B}{BT}\s+[^⟦⟧;]{0,120}?,\s+reviewing\s+{F6}(?:{WORK}|business)\s+(?:at|with|held\s+by|handled\s+by)\s+(?:both\s+)?{GAP}{G}
review - c : {B}(?:'s)?\s+{F6}(?:{WORK}|business|brands?)\s*,?\s+(?:which\s+)?(?:are|is)\s+(?:being\s+)?(?:reviewed|put\s+up\s+for\s+review|in\s+review)\s+(?:out\s+of|away\s+from|from)\s+{GAP}{G}
review - k : {BN}\s*,\s*(?:which|that)\s+(?:are|is)\s+(?:being\s+|now\s+)?(?:reviewed|in\s+review|up\s+for\s+review)\s+(?:out\s+of|away\s+from|from)\s+{GAP}{G}
holder - c : (?:{WORK}|business)(?:\s+{F4})?{ASIDE},?\s*\(?(?:which\s+is\s+|is\s+)?(?:currently\s+|now\s+)?(?:held|handled|run|managed|serviced|looked\s+after)\s+(?:out\s+of|by)\s+{GAP}{G}
incumbent - c : \bincumbent\s+(?:on|for)\s+(?:the\s+)?(?:{WORK}|business)\s+(?:is|was)\s+{GAP}{G}
incumbent - c : \bincumbent\s+(?:on|for)\s+(?:the\s+)?{FN6}(?:{WORK}|business)\s*,\s+{GAP}{G}
incumbent - c : \bincumbent\s+{F2}(?:agency|shop|agency\s+partner|partner)\s*,?\s+{GAP}{G}
holder - c : \b(?:current|existing)\s+{F2}(?:agency|shop|agency\s+partner|partner)\s*,?\s+{GAP}{G}
holder - c : {G}{GS}{AUXG}(?:has\s+)?(?:held|handled|run|managed|worked\s+on)\s+(?:the\s+)?{B}(?:'s)?\s+{F6}{WORK}
holder - c : {G}{GS}{AUXG}(?:has|had)\s+(?:held|handled|had)\s+the\s+(?:account|business)\s+(?:since|for)
incumbent - c : \bincumbents?\s*,?\s+(?:agency\s+|media\s+agency\s+|creative\s+agency\s+|shops?\s+)?{GAP}{G}
incumbent - cl : {G}\s*(?:,|\()\s*(?:the|its)\s+{F3}incumbent(?!\s+(?:on|in)\s)
incumbent - cl : {G}\s*(?:,|\()\s*(?:the|its)\s+{F3}incumbent\s+{F4}on\s+(?:the\s+)?{F2}{B}
incumbent - c : {G}{GS}{AUXG}(?:is\s+|was\s+)?the\s+{F2}incumbent
incumbent - c : \b(?:the\s+)?incumbents?\s+(?:are|were|is|was)\s+{GAP}{G}
incumbent - c : \bwith\s+{GAP}{G}\s+as\s+(?:the\s+)?incumbent
holder - c : {G}\s+(?:have|has|had)\s+been\s+(?:the\s+)?{F8}(?:partners?|agency|agencies|agency\s+of\s+record)\s+(?:for|of|to)\s+(?:the\s+)?{F3}{B}
holder - c : {G}\s+(?:have|has|had)\s+been\s+{B}'s\s+{F4}(?:partner|agency|agency\s+of\s+record|aor|shop)
holder - c : {B}(?:'s)?(?:\s*,\s*(?:which|who))?\s+{AUX}(?:currently\s+|last\s+|previously\s+)?(?:works|worked|working)\s+with\s+{GAP}{G}
holder - k : {B}(?:'s)?(?:\s*,\s*(?:which|who))?\s+{AUX}(?:currently\s+|last\s+|previously\s+)?(?:works|worked|working)\s+with\s+{GAP}{G}(?=\s+(?:on|for)\s+(?:its\s+|their\s+|the\s+)?{F4}(?:{WORK}|pr|media|creative|advertising|campaigns?|digital|social|communications)\b)
incumbent - c : \b(?:review|pitch)\s+out\s+of\s+{GAP}{G}
incumbent - c : {G}{GS}{AUXG}(?:is\s+)?(?:defending|defends|will\s+defend|to\s+defend)\s+(?:the\s+)?{F3}{BN}(?:'s)?
incumbent - c : {G}{GS}{AUXG}(?:is\s+)?(?:also\s+)?pitching\s+for\s+(?:its|their|the)\s+(?:relationship|account|business)\s+with\s+{BN}
holder - c : {G}{GS}{AUXG}(?:handles|runs|manages|holds|looks\s+after)\s+(?:the\s+)?{F4}(?:account|business)(?!\s+(?:for|of)\s)
review - c : \b(?:putting|puts|put|leaves?|leaving)\s+{GAP}{G}\s+on\s+(?:alert|notice)
review - c : {G}\s+(?:is\s+|are\s+)?on\s+(?:alert|notice)
# ---------------------------------------------------------------- credits: work for the brand
credit - kp : {G}(?:'s|')\s+{F4}{PIECE}\s+(?:for|on\s+behalf\s+of)\s+(?!its\s|their\s|the\s){F6}{BN}
# "Mischief's new Heinz spot", "Droga5's latest Hennessy campaign": the agency's work for the brand
credit - p : {G}(?:'s|')\s+(?:new|latest|first|recent|newest|debut)\s+{BN}\s+(?:[\w-]+\s+)?{PIECE}\b
credit - cp : {G}(?:'s|')?\s+{F4}{PIECE}\s+(?:for|with|on\s+behalf\s+of)\s+(?:the\s+)?{F6}{B}
credit - kp : {B}(?:'s|')?\s+{FN8}{PIECE}(?:\s+"[^"]{1,60}")?\s*,?\s+{F3}(?:by|from|via|through|courtesy\s+of)\s+(?:(?:its\s+)?(?:agency\s+of\s+record|agency|aor)\s+)?{GAP}{G}
credit - kp : {PIECE}\s+(?:for\s+(?:the\s+)?{F3}{B}\s+)?(?:\w+\s+)?(?:from|by|via|courtesy\s+of)\s+(?:(?:agency\s+of\s+record|agency|aor)\s+)?{GAP}{G}
credit - kp : {B}\s+"[^"]{1,60}"\s+(?:by|from)\s+{G}
credit - kp : {PIECE}\s+(?:created\s+|made\s+)?by\s+{GAP}{G}\s+for\s+(?:the\s+)?{BN}(?!'s)
credit - kp : ["”]\s+for\s+(?:the\s+)?{BN}\s*,?\s+(?:by|from)\s+{GAP}{G}
credit - kp : {G}(?:\s+[A-Z][a-z]+)?(?:'s|')\s+(?:new\s+|latest\s+)?(?:["“][^"”]{1,60}["”]|'[^']{1,60}')\s+(?:{F2}{PIECE}\s+)?(?:for|on\s+behalf\s+of)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}{BN}(?!'s)
credit - kp : \b(?:created|made|developed|produced)\s+(?:pro[\s-]bono\s+|[\w-]+ly\s+)by\s+{GAP}{G}
credit - cp : {G}{GS}{AUXG}{F2}(?:{MAKE}|plays|tells|unleashes?|unleashed)\s+(?:{FN8})?{PIECE}\b\s*{FN6}(?:for|to|on\s+behalf\s+of)\s+(?:the\s+)?(?:(?:longtime\s+|key\s+|signature\s+)?client\s+)?{F4}{B}
credit - p : {G}{GS}{AUXG}(?:{MAKE})\s+(?:its|their|a|an|the)\s+(?:[\w-]+\s+){0,3}?{PIECE}\b(?!\s+(?:for|with|on\s+behalf\s+of)\s)
credit - cp : {G}{GS}{AUXG}(?:is\s+)?(?:touting|promoting|showcasing|celebrating|spotlighting)\s+{B}'s
credit - pn : {B}\s+(?:and|&)\s+(?:(?:its|their)\s+)?(?:[\w-]+\s+)?(?:agency\s+)?{G}\s+{AUX}(?:hit|launch|unveil|team|debut|return|roll|bring|create|deliver|took|take|celebrate|celebrates|partner|are|have|show|showed|give|gave|go|went|turn|turned|won|win|earned|earn|scooped|picked\s+up|bagged|claimed|collected)
credit - pn : {G}\s+(?:and|&)\s+{B}\s+{AUX}(?:hit|hits|launch|launches|unveil|unveils|team\s+up|teams\s+up|debut|debuts|return|returns|roll\s+out|rolls\s+out|bring|brings|create|creates|deliver|delivers|showed|show|celebrate|celebrates|took|take|give|gave|turn|turned)
credit - cp : {B}{BT}\s+{FN10}(?:in|with|via)\s+(?:a\s+|its\s+|the\s+|an\s+)?(?:new\s+|latest\s+)?{G}(?:'s)?\s+(?:[\w-]+\s+)?{PIECE}\b
credit - kp : {B}{BT}\s+{AUX}(?:launched|launches|unveiled|unveils|rolled\s+out|rolls\s+out|released|releases|debuted|debuts|dropped|drops|introduced|introduces|kicked\s+off|teased|teases)\s+[^⟦⟧;]{0,120}?\bvia\s+(?:(?:agency|its\s+agency)\s+)?{GAP}{G}
credit - kp : {B}\s*,\s*(?:with|alongside|via|through)\s+(?:agency\s+)?{GAP}{G}\s*,\s+{AUX}(?:{MAKE}|teased|teases|unveiled|unveils)
credit - kp : \b(?:created|made|developed|produced|conceived|crafted|designed|devised|written|dreamed\s+up|dreamt\s+up|masterminded|delivered|executed|handled|concepted)\s+(?:by|out\s+of)\s+(?:(?:a|an|the)\s+⟦\d+⟧\s+(?:[\w-]+\s+)?(?:agency|shop|firm)\s*,\s+)?(?:(?:the\s+|its\s+)?(?:[\w-]+'s\s+)?(?:longtime\s+|long-time\s+|incumbent\s+|creative\s+|lead\s+)*(?:agency|agency\s+of\s+record|aor)\s*,?\s+)?{GAP}{G}
credit - kp : \b(?:created|made|developed|produced|conceived|crafted|designed|devised)\s+by\s+(?:[a-z][\w-]*\s+){1,4}⟦\d+⟧'s\s+{G}
credit - kp : \bthe\s+work\s+of\s+(?:(?:the\s+)?(?:incumbent\s+|longtime\s+|long-time\s+|lead\s+)?(?:creative\s+|ad\s+|media\s+)?(?:agency\s+|shop\s+)?)?{GAP}{G}
# "Steinlager launched its Tokyo Dry beer with DDB", "ROM launched a new film and campaign with global
# agency X": the brand's launch, made with the agency
credit - cp : {B}{BT}\s+{AUX}(?:launched|launches|unveiled|unveils|released|releases|debuted|debuts|rolled\s+out|rolls\s+out|introduced|introduces|premiered|premieres)\s+{FN10}\bwith\s+(?:(?:the\s+)?help\s+(?:from|of)\s+)?(?:(?:its\s+|their\s+)?(?:longtime\s+|long-time\s+|global\s+|creative\s+|lead\s+|new\s+)*(?:agency|shop|partner)\s+)?{GAP}{G}(?!\s*(?:'s|’s))
# "Together with DDB, Speight's put ...", "With True and Gladeye, ANZ developed ...": the brand's
# work, made with the agencies named first
credit - cp : (?:^|[:;]\s+)\W*(?:(?:together|⟦0⟧)\s+)?with\s+(?:(?:its\s+|their\s+)?(?:agency|agencies)\s+)?{GAP}{G}\s*,\s+{BN}(?:'s)?\s+{AUX}(?:put|puts|launched|launches|unveiled|unveils|developed|develops|created|creates|made|makes|brought|brings|released|releases|rolled\s+out|rolls\s+out|produced|produces|took|takes|turned|turns|gave|gives|debuted|debuts|celebrated|celebrates|returned|returns|built|builds|delivered|delivers|crafted|crafts|designed|designs)\b
# "SIRIM QAS International – a testing body – has teamed up with M&C Saatchi": the subject is the brand
credit - cpan : {B}{BT}\s+{AUX}(?:teamed|teams|partnered|partners|joined\s+forces|joins\s+forces)\s+(?:up\s+)?with\s+(?:(?:its\s+)?(?:agency|shop)\s+)?{GAP}{G}
credit - cpa : \b(?:in\s+(?:collaboration|partnership|conjunction)\s+with|(?:teamed|teams|partnered|partners)\s+(?:up\s+)?with)\s+(?:(?:its\s+)?(?:agency|shop)\s+)?{GAP}{G}
credit - cpn : {G}\s+(?:teamed|teams|partnered|partners|has\s+partnered|has\s+teamed)\s+(?:up\s+)?with\s+{GAP}{B}
credit - cp : {G}{GS}{AUXG}(?:was\s+|is\s+)?behind\s+{B}(?:'s)?\s+{FN6}{PIECE}
credit - cp : {G}\s+[^⟦⟧;]{0,150}?\b(?:for|with|to)\s+(?:its\s+|their\s+)?(?:key\s+|signature\s+|longtime\s+|long-time\s+|staple\s+|existing\s+|fellow\s+|new\s+)?clients?\s+{BN}
credit - c : {G}\s+[^⟦⟧;]{0,150}?\b(?:of|with|for)\s+(?:its\s+|their\s+)?(?:established|existing|longtime|long-time|key|anchor)\s+clients?\s*,?\s+(?:including\s+|such\s+as\s+)?{BN}
credit - cp : {G}{GS}{AUXG}(?:has|had|have)\s+{F2}(?:work|campaigns?|ads?)\s+for\s+(?:its\s+)?clients?\s+{BN}
# "The client list at Colle McVoy — which Stagwell owns — includes Goodyear, ...", "X's clients include B",
# "X, whose clients include B": the agency's client list names the brands it works for
credit - c : \b(?:the\s+)?(?:client\s+list|client\s+roster|roster\s+of\s+clients|clients)\s+(?:at|of)\s+{GAP}{G}{ASIDE}\s+(?:now\s+|also\s+)?(?:includes?|included|spans?)\s+{BN}
credit - c : {G}(?:'s|’s)\s+(?:current\s+|other\s+|key\s+|major\s+)?(?:client\s+list|client\s+roster|clients)\s+(?:now\s+|also\s+)?(?:includes?|included|spans?)\s+{BN}
credit - c : {G}\s*,\s+whose\s+(?:current\s+|other\s+)?(?:client\s+list|clients)\s+(?:now\s+|also\s+)?(?:includes?|included|spans?)\s+{BN}
# "M&C Saatchi took the top honours ... for its 'Clever Buoy' campaign for Optus": the agency's
# own piece of work for the brand
credit - cp : {G}{GT}\s+[^;]{0,150}?\b(?:for|with|on)\s+(?:its|their)\s+{FN6}{PIECE}\s+(?:for|on\s+behalf\s+of)\s+(?:the\s+)?{BN}(?!\s*(?:'s|’s))
credit - cp : {G}{GS}{AUXG}(?:has\s+|have\s+)?(?:earned|won|taken|picked\s+up|impressed\s+[^⟦⟧]{0,30}?)\s*[^⟦⟧;]{0,40}?\b(?:with|for)\s+(?:its\s+|their\s+|the\s+)?(?:campaigns?|work)\s+for\s+{BN}
# "Forsman & Bodenfors picked up a gold Lion for its Ikea "dream kitchens" campaign": the agency's work for the brand
credit - cp : {G}{GT}\s+[^;]{0,100}?\b(?:for|with)\s+(?:its|their)\s+{BN}\s+(?:"[^"]{1,60}"\s+)?(?:[\w-]+\s+)?{PIECE}\b
# "Lowe Roche gives Télévision Française Ontario a modern makeover": the agency's work on the brand
credit - c : {G}{GS}{AUXG}(?:gives?|gave|giving|has\s+given)\s+(?:{B}|the\s+(?:⟦\d+⟧\s+)?[a-z][\w-]+)(?:'s)?\s+(?:a|an|its)\s+{F3}(?:makeover|rebrand|refresh|facelift|new\s+look|new\s+identity|brand\s+identity|identity|redesign|revamp|overhaul|update|new\s+voice)\b
# "Doe picked up its prize for Maker's Mark", "Juniper Park won a bronze in the Beauty category for Eos": a prize for the brand's work
credit - kp : {G}{GS}{AUXG}(?:picked\s+up|won|took\s+home|collected|scooped|bagged|earned|claimed)\s+(?:its|their|a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:prize|award|gong|trophy|gold|silver|bronze|grand\s+prix|effie|lion)s?(?:\s+in\s+the\s+(?:[^⟦⟧;,]|⟦\d+⟧){1,60}?\s+(?:category|division))?\s+for\s+(?:its\s+|their\s+|the\s+)?{BN}
# "DraftFCB and the Ministry of Health are a pretty bloody good team": the pair, either way round
credit - sp : {X}\s+and\s+(?:the\s+)?{Y}\s+(?:are|make|were|have\s+been|remain)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:team|duo|partnership|pairing|combination|double\s+act)\b
# "BBDO is expected to remain on its roster": the agency stays on the brand's roster
credit - c : {G}{GS}{AUXG}(?:remains?|remained|stays?|stayed|to\s+remain|to\s+stay)\s+on\s+(?:its|their|the)\s+(?:{BN}(?:'s)?\s+)?(?:agency\s+)?roster\b
# "(with contributing agency, Toronto-based Campus Intercept)": an awarded piece's other makers
credit - kp : \bcontributing\s+agenc(?:y|ies)\s*,?\s+(?:(?:the\s+)?[\w-]+-based\s+)?{G}
# ---------------------------------------------------------------- credits: the brand's agency
credit - c : {B}'s\s+(?:(?:longtime|long-time|long-standing|longstanding|lead|current|existing|creative|media|ad|advertising|pr|digital|dedicated|bespoke|global|main|incumbent|retained|roster|key|new)\s+)*(?:agency|agency\s+of\s+record|aor|agency\s+partner|ad\s+agency|advertising\s+partner|partner|shop)\s*,?\s+{GAP}{G}
credit - c : {B}\s+(?:(?:longtime|long-time|long-standing|longstanding|lead|creative|media|ad|advertising|pr|digital)\s+)*(?:agency\s+partner|advertising\s+partner|creative\s+partner|media\s+partner|pr\s+partner|partner)\s*,?\s+{GAP}{G}
credit - c : \b(?:its|their|his|her)\s+(?:(?:longtime|long-time|long-standing|longstanding|lead|current|creative|media|ad|advertising|pr|digital|dedicated|bespoke|global|main|incumbent|retained|key)\s+)+(?:agency|agency\s+of\s+record|aor|agency\s+partner|partner|shop)\s*,?\s+{GAP}{G}
credit - - : {G}{GT}\s*,?\s*(?:the|its|a|an|is\s+the|is\s+a|was\s+the|was\s+a)\s+{F4}(?:agency|agency\s+of\s+record|aor|shop|partner|agency\s+partner)\s+(?:for|of|behind|to|dedicated\s+to|solely\s+dedicated\s+to|serving)\s+(?:the\s+)?{F3}{B}
credit - c : {G}{GT}\s+(?:is|was|has\s+been|had\s+been|remains|remained)\s+(?:the\s+|a\s+)?{F3}(?:agency|agency\s+of\s+record|aor|partner|agency\s+partner)\s+(?:for|of|to|on)\s+(?:the\s+)?{F3}{B}
credit - c : {G}{GT}(?:\s+in\s+[A-Z][a-z]+)?\s+(?:is|was|as|remains|remained|has\s+been|had\s+been|will\s+remain|continues\s+to\s+be)\s+(?:already\s+|still\s+|also\s+)?{B}'s\s+{F3}(?:agency|partner|aor|agency\s+of\s+record|media\s+buyer|buyer|media\s+planner)
credit - - : {G}\s*,\s*{BN}'s\s+{F3}(?:agency|agency\s+of\s+record|aor|shop|partner)
credit - - : (?:^|[:;]\s+)\W*{BN}'s\s+{G}(?!'s\s+(?:{PIECE}|{WORK}|new|latest)\b)
credit - - : ^\W*(?P<b>⟦\d+⟧)\s*(?:,|/|\||–|-)\s*(?P<g>⟦\d+⟧)\W*$
# "Air New Zealand and True", "ASB and Saatchi & Saatchi": a headline that is the pair alone (a
# year's-best write-up); the types decide which is the agency
credit - s : ^\W*(?P<x>⟦\d+⟧)\s+and\s+(?P<y>⟦\d+⟧)\W*$
# "the partnership between True and Air New Zealand", "... between Colenso and V Energy"
credit - sp : \b(?:partnership|collaboration|relationship)\s+between\s+(?:the\s+)?{X}\s+and\s+(?:the\s+)?{Y}(?!\s*(?:'s|’s))
credit - - : ^\W*{BN}\s*,\s*"[^"]{1,60}"\s*,\s*{G}
credit - c : {B}\s*,\s*(?:which\s+is\s+)?(?:handled|run|looked\s+after|serviced)\s+by\s+{GAP}{G}
credit - c : {B}(?:'s)?\s+{FN6}\b(?:is|are|lies|rests|remains)\s+in\s+the\s+hands\s+of\s+{GAP}{G}
credit - c : \b(?:longtime|long-time|long-standing|longstanding)\s+(?:ad\s+|advertising\s+|creative\s+)?(?:agency\s+)?(?:partner|agency)\s*,?\s+{GAP}{G}
credit - c : {G}{GT}{GS}{AUXG}[^⟦⟧;]{0,80}?\b(?:to|for|with)\s+(?:its|their)\s+(?:signature|key|biggest|longtime|long-time|only|sole|flagship|anchor)\s+client\b
credit - c : {G}\s*,\s*(?:still\s+|also\s+|already\s+)?on\s+the\s+{BN}\s+roster
credit - c : {G}{ASIDE}?\s*(?:,|[–—]|--)\s*(?:which|who)\s+(?:already\s+|also\s+)?(?:has|holds|handles|runs)\s+the\s+{F3}(?:account|business)\s+(?:of|for)\s+(?:fellow\s+)?(?:(?:⟦\d+⟧|[\w-]+)\s+brands?\s+)?{BN}
appointed - c : {G}{GS}{AUXG}(?:will\s+)?(?:now\s+)?be\s+(?:the\s+)?(?:new\s+)?{F3}(?:lead\s+)?(?:agency|agency\s+of\s+record|aor)\s+(?:for|on)\s+(?:the\s+)?{F3}{B}
credit - c : {B}(?:'s)?\s+{F3}agency(?:\s+of\s+record)?\s+(?:is|was|remains|will\s+remain|continues\s+to\s+be|has\s+long\s+been)\s+{GAP}{G}
# "In a big blow to WPP, BBDO was named the lead creative agency": the brand is the article's
appointed - c : {G}{GS}{AUXP}(?:(?:has|have|had)\s+been\s+|was\s+|were\s+|is\s+|are\s+|has\s+now\s+been\s+)(?:named|appointed|confirmed|chosen|selected|picked|hired)\s+(?:as\s+)?(?:the|its|their)\s+(?:new\s+)?(?:(?:lead|global|creative|media|pr|digital|social|integrated|retained|sole)\s+){0,3}(?:agency|aor|agency\s+of\s+record)(?=\s*(?:[.,;]|$|after\b|following\b|without\b|in\s+a\b))
# "M&C Saatchi and Starcom were confirmed as Optus' creative and media agencies"
appointed - c : {G}{GS}{AUXP}(?:(?:has|have|had)\s+been\s+|was\s+|were\s+|is\s+|are\s+)(?:{NAMED})\s+as\s+{BN}(?:'s|’s|')\s+(?:new\s+)?{F4}(?:agency|agencies|aor|agency\s+of\s+record|partners?)\b
credit - c : {B}(?:'s|')?\s+{F4}(?:{WORK}|advertising|creative|media|pr)\s+(?:in\s+[^⟦⟧,]{1,30}\s+)?(?:is|are|was|were|remains?|remained|stays?|sits?)\s+(?:with|held\s+by|handled\s+by|run\s+by)\s+(?:fellow\s+)?{GAP}{G}
credit - c : {G}\s*,\s*(?:which|who)\s+(?:also\s+)?(?:handles|runs|manages|looks\s+after|works\s+on|represents)\s+{B}
credit - c : {G}{GT}{GS}{AUXG}(?:handles|runs|manages|looks\s+after|represents|representing|represented|works\s+on|worked\s+on|working\s+(?:pro\s+bono\s+)?(?:on|for|with)|is\s+working\s+pro\s+bono|services|handled)\s+(?:the\s+)?{F6}{B}
credit - c : {B}\s*,\s*(?:a\s+)?(?:longtime|long-time|long-standing)\s+client\s+of\s+{GAP}{G}
credit - c : {G}\s*,\s*(?:the\s+)?(?:creative\s+|media\s+|ad\s+)?agency\s+behind\s+{B}
credit - c : \b(?:as\s+opposed\s+to|instead\s+of|rather\s+than)\s+(?:relying\s+on\s+)?(?:its\s+)?(?:longtime\s+|long-time\s+)?(?:agency\s+of\s+record|aor|incumbent|lead\s+agency|ad\s+agency|agency)\s*,?\s+{GAP}{G}
credit - c : {G}\s+{F3}\b(?:agency|shop)\s+(?:for|of)\s+{B}\s+since\b
credit - c : {G}\s+(?:has|have|had)\s+(?:worked|been\s+working)\s+(?:with|for)\s+{B}\s+(?:since|for)\b
"""


@once(maxsize=1)
def _parsed() -> list[tuple[re.Pattern[str], str, str | None, str, frozenset[str] | None]]:
    """The rules, compiled on first use, each with the words one of which a sentence must
    contain for it to match (see :func:`_keywords`), read from the same parse the compiler
    uses. Compiling takes seconds, so a process that never reads a sentence (a PDF worker,
    ``dossier --help``) never pays it, and the compiled rules are kept between runs in the
    user's cache folder (:mod:`dossier.regexcache`)."""
    heads, templates = [], []
    for line in _RULES.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        statuses, template = line.split(" : ", 1)
        heads.append(statuses.split())
        templates.append(_t(template))
    compiled = compile_all("relations", templates, re.IGNORECASE.value, _words)
    return [
        (pattern, first, None if second == "-" else second, flags.replace("-", ""), words)
        for (first, second, flags), (pattern, words) in zip(heads, compiled, strict=True)
    ]


@once(maxsize=1)
def _rule_words() -> tuple[str, ...]:
    """Every word some rule requires (about 200 rules share far fewer words)."""
    return tuple(sorted({w for *_, words in _parsed() if words is not None for w in words}))


def _words(parsed: Any) -> frozenset[str] | None:
    words = _required(parsed)
    return words if words and min(map(len, words)) >= 3 else None


@once(maxsize=1)
def _compile() -> list[tuple[re.Pattern[str], str, str | None, str]]:
    """The rules, compiled: (pattern, first status, second status, flags)."""
    return [rule[:4] for rule in _parsed()]


def _required(items: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
    """Words one of which every match of a parsed pattern contains (case-folded), or None.

    Walks the pattern's top-level sequence: a run of literal characters is required, so is
    what a group or a repeat of at least one requires, and a branch requires one of what its
    alternatives require (when each requires something). Lookarounds and character classes
    require nothing here. Of the required sets, the one whose shortest word is longest wins."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
        if not b:
            return a
        if not a:
            return b
        return b if min(map(len, b)) > min(map(len, a)) else a

    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av).casefold())
            continue
        if run:
            best, run = better(best, frozenset({"".join(run)})), []
        if op is _sre.SUBPATTERN:
            best = better(best, _required(av[-1]))
        elif op is _sre.BRANCH:
            alternatives = [_required(b) for b in av[1]]
            if all(alternatives):
                best = better(best, frozenset(w for a in alternatives if a for w in a))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            best = better(best, _required(av[2]))
        elif op is _sre.ATOMIC_GROUP:
            best = better(best, _required(av))
    if run:
        best = better(best, frozenset({"".join(run)}))
    return best


@once(maxsize=1)
def _keywords() -> list[frozenset[str] | None]:
    """Per rule (in :func:`_compile`'s order), the words one of which the sentence must contain
    for the rule to match at all; None when no word of 3 letters or more is required. A
    sentence without any of a rule's words skips the rule (the same result, without the search)."""
    return [rule[4] for rule in _parsed()]


# ----------------------------------------------------------------------------- reviews

_REVIEW_CUE = re.compile(
    _t(
        r"\b(?:puts?|placed?|places|putting|sends?)\s+{F6}(?:in|into|up\s+for|under|out\s+to|out\s+for)\s+(?:a\s+)?(?:\w+\s+)?(?:review|pitch|tender)\b"
        r"|\b(?:launch(?:es|ed|ing)?|calls?|called|calling|kicks?\s+off|kicked\s+off|starts?|started|opens?|"
        r"opened|begins?|began|initiates?|initiated|holds?|held|holding|conducting|conducts?|reactivates?|"
        r"reactivated|announces?|announced|issues?|issued|schedul(?:es|ed|ing)|fired)\s+{F5}(?:review|pitch|pitches|tender|rfp|search)\b"
        r"|\b(?:review(?:s|ing)?|to\s+review)\s+(?:of\s+)?(?:its|their|the)\s+{F5}(?:{WORK}|business|communications|marketing|advertising|requirements)\b"
        r"|\b(?:is|are)\s+reviewing\b|\bin\s+review\b|\bup\s+for\s+(?:review|grabs|pitch)\b"
        r"|\b(?:creative|media|pr|digital|account|agency|ad|advertising|integrated|communications)\s+(?:reviews?|pitch(?:es)?|search)\b"
        r"|\b(?:to\s+review|reviews|reviewing)\s+(?:its\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:creative|media|pr|digital|accounts?|business|agencies|agency|advertising|communications|marketing)\b"
        r"|\bgoes\s+(?:to|out\s+to)\s+(?:tender|pitch|review)\b|\bput\s+out\s+to\s+tender\b"
        r"|\b(?:on\s+the\s+hunt|searching|searches|looking|looks|seeks?|seeking|search)\s+(?:for\s+)?(?:(?:a|an)\s+(?:new\s+)?|new\s+){F3}(?:agency|agencies|shops?|partners?)\b"
        r"|\bseeks?\s+shop\b|\bgoes\s+into\s+review\b|\bheads?\s+to\s+(?:review|pitch)\b|\bto\s+tender\b"
        r"|\bhas\s+initiated\s+a\s+\w+\s+review\b|\b(?:review|pitch)\s+(?:process\s+(?:is|has|began|started)|is\s+set\s+to|kicked\s+off|has\s+been\s+extended)\b"
        r"|\breviews\s+for\b|\brepitch\b|\bre-pitch\b|\binvited\s+(?:\w+\s+){0,4}to\s+repitch\b"
        r"|\blaunch(?:es|ed)?\s+(?:a\s+)?(?:[\w-]+\s+){0,3}agency\s*(?:review|search|pitch|\.\.\.|…)"
        r"|\b(?:accounts?|business(?:es)?)\s+(?:now\s+)?(?:in\s+play|up\s+for\s+grabs)\b"
    ),
    re.IGNORECASE,
)
_REVIEW_BRAND = re.compile(
    _t(
        r"(?:^|[,;:]\s+|\b(?:that|and|as|after|when|while)\s+)\W*(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,4}?{BN}(?:'s)?\s+(?:\([^)]*\)\s+)?(?:,[^,⟦⟧]{1,60},\s+)?{AUX}{F6}\b(?:(?:puts?|placed?|places|putting|sends?|launch(?:es|ed|ing)?|"
        r"calls?|called|calling|kicks?\s+off|kicked\s+off|starts?|started|opens?|opened|begins?|began|"
        r"initiates?|initiated|holds?|held|holding|conducting|conducts?|reactivates?|reactivated|announces?|announced|"
        r"issues?|issued|seeks?|seeking|searches|searching|looking|looks|goes|heads?|drawing|schedul(?:es|ed)|"
        r"is\s+on\s+the\s+hunt|tipped\s+to)\s+{F8}(?:review|pitch|pitches|tender|rfp|search|agency|agencies|"
        r"shop|shortlist|account|partner)|reviews?|reviewing|review)\b"
    ),
    re.IGNORECASE,
)
_REVIEW_OBJECT = re.compile(
    _t(
        r"{BN}(?:'s)(?:\s*\([^()]{1,30}\))?\s+{F8}(?:{WORK}|business)(?:\s*,[^,⟦⟧]{1,60},)?\s+{F4}(?:are|is|has\s+been|have\s+been)?\s*"
        r"(?:up\s+for|in|into|out\s+to|put\s+out\s+to|goes\s+to)\s+(?:review|pitch|grabs|tender)"
    ),
    re.IGNORECASE,
)
_REVIEW_UP = re.compile(
    _t(r"{BN}\s+(?:is\s+|are\s+)?(?:now\s+)?up\s+for\s+(?:review|pitch|grabs|tender)"),
    re.IGNORECASE,
)
_REVIEW_LIST = re.compile(
    _t(
        r"\b(?:reviews?|pitch|pitches|review\s+process)\s*,?\s+(?:including\s+(?:those\s+|ones\s+)?(?:from|by|of|for|at)\s+|(?:for|of|from)\s+)"
        r"(?:the\s+)?(?:[\w-]+\s+){0,3}?{BN}(?!\s+(?:by|from)\b)"
    ),
    re.IGNORECASE,
)
_DESCRIBED_LIST = r"(?P<b>⟦\d+⟧(?:\s*,\s*(?:(?:and|&)\s+)?(?:[a-z][\w-]*\s+){0,2}⟦\d+⟧)*\s*,?\s*(?:and|&)\s+(?:[a-z][\w-]*\s+){0,2}⟦\d+⟧)"
# "Instacart, vacuum brand Bissell, and import beer Modelo Especial are all looking for new shops"
_REVIEW_DESCRIBED = re.compile(
    _t(
        rf"(?:^|[.;:]\s+)\W*(?:additionally,?\s+|also,?\s+)?{_DESCRIBED_LIST}\s+(?:are|were)\s+(?:all\s+)?(?:\w+ly\s+)?(?:looking|searching|seeking|reviewing|on\s+the\s+hunt)"
    ),
    re.IGNORECASE,
)
_REVIEW_INPLAY = re.compile(
    _t(
        r"\b(?:accounts?|business(?:es)?|brands?)\s+(?:now\s+)?(?:in\s+play|up\s+for\s+grabs|in\s+review|under\s+review)\s+(?:are|is|include)\s+{BN}"
    ),
    re.IGNORECASE,
)
_REVIEW_NOUN_OF = re.compile(
    _t(
        r"(?:the\s+)?{BN}(?:'s)?\s+(?:\$?[\d.]+[mb]n?\s+|[\w-]+\s+){0,3}?(?:review|pitch)\b(?!\s+(?:committee|board|panel|site))"
    ),
    re.IGNORECASE,
)
# a contest under way: an incumbent named in one is the review's
_CONTEST = re.compile(
    r"\bcompeting\s+(?:\w+\s+)?agencies\b|\bshortlist(?:ed|s|ing)?\b|\bfinalists?\b|\bpitch(?:es|ing)?\b|"
    r"\bre-?pitch\b|\b(?:is|are)\s+not\s+taking\s+part\b|\bin\s+the\s+running\b|\breview\s+process\b",
    re.IGNORECASE,
)
_REVIEW_REF = re.compile(
    _t(
        r"\b(?:its|their)\s+(?:[\w$£.-]+\s+){0,5}?(?:{WORK}|business|review|pitch|agency|agencies|media|creative|advertising)\b"
        r"|^\W*{BREF}\s+{AUX}(?:is|are|has|have|was|will)?\s*(?:\w+\s+){0,2}?(?:review|reviewing|pitch|tender|search|looking|seeking|on\s+the\s+hunt)"
    ),
    re.IGNORECASE,
)
_REVIEW_AGAIN = re.compile(
    r"\b(?:reactivat\w+|relaunch\w*|reviv\w+|restart\w*|resum\w+|reopen\w*)\b", re.I
)
_NOT_REVIEW_RE = re.compile(
    r"\b(?:calls?|called|calling)\s+off\b|\bcancel(?:s|led|ed|ling)?\b|\babandon(?:s|ed)?\b|"
    r"\bscraps?\b|\bscrapped\b|\bhalts?\b|\bhalted\b|\bconcludes?\b|\bconcluded\b|\bended\s+a\b|"
    r"\bresults?\s+of\b|\boutcome\s+of\b|\b(?:week|year|month)\s+in\s+review\b|\byear-in-review\b|"
    r"\breview\s+(?:committee|board|panel)\b|\bproduct\s+review\b|\bpeer\s+review\b|\bcompleted\s+its\b",
    re.IGNORECASE,
)

# ----------------------------------------------------------------------------- guards

# Sentences about people, awards, deals or staff give no relationship (or only some).
_PERSON = re.compile(
    r"\bformerly\s+(?:of|at|with)\b|\bjoins\s+from\b|\bjoined\s+from\b|\bpoached\b|\bpoaches\b|"
    r"\b(?:former|outgoing|incoming)\s+(?:[\w-]+\s+){0,3}" + TITLE_WORDS + r"\b|"
    r"\bas\s+(?:its\s+|the\s+|their\s+|a\s+|an\s+|his\s+|her\s+)?(?:new\s+|first\s+|global\s+|interim\s+|regional\s+|acting\s+|next\s+|"
    r"(?:[\w-]+\s+){0,3}(?:co-)?)?"
    + TITLE_WORDS
    + r"\b|\bpromot(?:es|ed|ing)\b|\bsteps\s+down\b|\bto\s+head\s+up\b|"
    r"\bhead\s+up\s+its\b|\b(?:appoints|names|hires|taps|poaches)\s+(?:[\w-]+\s+){0,2}(?:veteran|alum|exec|executive|chief|boss|marketer|strategist)\b",
    re.IGNORECASE,
)
_PERSON_VERB = re.compile(
    r"\b(?:retains?|retained|keeps|kept|hires?|hired|names?|named|appoints?|appointed|taps?|tapped|"
    r"promotes?|poaches?|recruits?|adds?|loses|lost|parted\s+ways\s+with|parts\s+ways\s+with)\s+(?:its\s+|their\s+|the\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:chief|ceo|cmo|cco|cso|coo|cfo|president|head|boss|director|officer|"
    r"executive|exec|founder|leader|talent|staff|strategist|chairman|chair|veteran|marketer|vp|"
    r"hires|employees|people)s?\b",
    re.IGNORECASE,
)
_AWARD = re.compile(
    r"\b(?:agency|network|agencies|shop|company|marketer|brand|advertiser)\s+of\s+the\s+(?:year|decade)\b|\baoy\b|"
    r"\bawards?\b|\blions?\b|\bgrand\s+prix\b|\bemmys?\b|\bclios?\b|\beffies\b|\bd&ad\s+pencils?\b|"
    r"\bgongs?\b|\branked\b|\brankings?\b|\btop\s+\d+\b|\bleague\s+table\b|\bshortlisted\s+for\b|\bcrowned\b|"
    r"\bwinners?\s+(?:at|of)\b|\bfinalists?\b|\bhot\s+shops?\b|\bnew\s+business\s+(?:league|rankings?|table)\b|"
    r"\bmost-awarded\b|\breport\s+cards?\b|\bgold\b|\bsilver\b|\bbronze\b|\bjudges\b|\bhonou?rs\b|"
    # "X wins big at the Advertising Congress": a prize-giving, not an account
    r"\bwins?\s+big\b|\bwon\s+big\b|\bcleans?\s+up\s+at\b|\b(?:advertising|creative|marketing)\s+(?:congress|festival|awards?\s+night)\b",
    re.IGNORECASE,
)
_DEAL = re.compile(
    r"\b(?:acquires?|acquired|acquiring|acquisition|buys|bought|purchase[sd]?|merges?|merged|merger|"
    r"takes?\s+(?:a\s+)?(?:majority\s+|minority\s+)?stake|sells?|sold|spins?\s+off|invests?\s+in|"
    r"brought\s+together|fold(?:s|ed)?\s+into|absorbed)\b",
    re.IGNORECASE,
)
# "Project Worldwide added Burger King creative shop Pitch to its growing roster of shops": a
# holding company's new agency, not a client's appointment
_STABLE_ADD = re.compile(
    r"\badd(?:s|ed|ing)\b[^.;]{0,80}?\bto\s+(?:its|their)\s+(?:growing\s+|expanding\s+)?(?:roster|stable|portfolio|family|network|collection|group)\s+of\s+(?:agencies|shops|companies|firms|businesses)\b",
    re.IGNORECASE,
)
_SHORTLIST = re.compile(
    r"\bshortlist(?:s|ed|ing)?\b|\bfinalists?\b|\bin\s+the\s+running\b|\bcontenders?\b|\bvying\b|\bvie\b|"
    r"\btwo-horse\s+race\b|\bnarrow(?:s|ed)?\s+(?:to|down)\b|\bto\s+pitch\s+for\b|\bpitching\s+for\b|"
    r"\binvited\s+to\s+pitch\b|\blining\s+up\b|\bline\s+up\b|\bin\s+contention\b|\bup\s+against\b|"
    r"\bbattle\s+it\s+out\b|\bcompeting\s+(?:agencies|shops)\b|\bchemistry\s+meetings?\b|\blonglist\b|"
    r"\bhas\s+pulled\s+out\s+of\b|\bwithdrawn\s+from\b",
    re.IGNORECASE,
)
_LOST_PITCH = re.compile(
    r"\b(?:loses?|lost|losing)\s+(?:out\s+)?(?:on\s+)?(?:the\s+|a\s+)?(?:\S+\s+){0,3}pitch\b|\bloses\s+out\b|\bmissed\s+out\b|"
    r"\bout\s+of\s+the\s+running\b|\bno\s+longer\s+in\s+the\s+running\b|\bcut\s+from\b|\beliminated\b|"
    r"\bbeaten\s+by\b|\bunsuccessful\b|\bnot\s+(?:been\s+)?(?:picked|chosen|selected)\b|"
    r"\bfailed\s+to\s+(?:make|win|land)\b|\bdidn't\s+make\b|\bdid\s+not\s+make\b|\btried\s+and\s+failed\b",
    re.IGNORECASE,
)
# before an agency: it is the rival a winner beat ("pipped Media Planning Group to scoop the business")
_BEATEN = re.compile(
    r"\b(?:pipped|pipping|pips|beat|beating|beats|edged\s+out|edging\s+out|saw\s+off|seeing\s+off|fended\s+off|"
    r"fending\s+off|outbid|outbidding|trumped|trumping)\s+(?:off\s+)?(?:rivals?\s+|incumbent\s+|the\s+incumbent\s*,?\s*)?$",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|might|may)\s+(?:be\s+set\s+to\s+|soon\s+)?(?:appoint|hire|pick|name|choose|move|drop|award|hand|win|land)\b|"
    r"\bshould\b|\bif\b|\bwhether\b|\brumou?r\w*\b(?!\s+to\s+be\s+worth)|\bspeculat\w+|\?\s*$|\bwould\s+(?:appoint|hire|pick|name|move)\b|"
    # a win hoped for, bid for or tipped is no win yet: "rooting for Fallon to win the account"
    r"\brooting\s+for\b|\b(?:hop(?:es|ed|ing)|bid(?:ding)?|tipped|favou?red|poised|angling|gunning)\s+to\s+(?:win|land|scoop|bag|snag)\b",
    re.IGNORECASE,
)
_WORK_WORD = re.compile(rf"\b{_WORK}\b|\bagency\s+of\s+record\b|\baor\b", re.IGNORECASE)
_AGENCY_CONTEXT = re.compile(
    r"\bagenc(?:y|ies)\b|\baccounts?\b|\bpitch(?:es)?\b|\baor\b|\bagency\s+of\s+record\b|\bnew\s+business\b|"
    r"\bshops?\b|\b(?:media|creative|pr)\s+wins\b|\bclients?\b|\breview\b|\bmandate\b|\bbrief\b|\bindie\b|"
    # "won Simplot's creative": a brand's creative or media is an account
    r"'s\s+(?:creative|media)(?:\s+(?:and|&)\s+(?:creative|media))?\b(?!\s+(?:director|officer|chief|head|lead|team|boss))|"
    r"\bretentions?\b|\b(?:creative|agency|advertising|pr|communications)\s+partners?\b",
    re.IGNORECASE,
)
# pitch consultants, research firms and trade bodies run reviews; they are never the brand
_NOT_BRANDS = {
    "aar",
    "aar partners",
    "oystercatchers",
    "r3",
    "trinityp3",
    "ebiquity",
    "creativebrief",
    "mediasense",
    "ingenuity",
    "the observatory",
    "agency assessments",
    "media audits",
    "comvergence",
    "nielsen",
    "kantar",
    "kantar media",
    "warc",
    "ana",
    "4a's",
    "4as",
    "ipa",
    "isba",
    "pitch doctor",
    "ark advisors",
    "aprais",
    "flock associates",
    "sri",
    "the pitch doctor",
    "agency insight",
    # money written short ("$165 Mil.")
    "mil",
    "mln",
    "bil",
    "bln",
}
# events and seasons that campaigns are made for: "the company's last two Super Bowl spots"
_EVENTS = {
    "super bowl",
    "olympics",
    "olympic games",
    "paralympics",
    "world cup",
    "fifa world cup",
    "cannes lions",
    "cannes",
    "oscars",
    "grammys",
    "emmys",
    "black friday",
    "cyber monday",
    "march madness",
    "eurovision",
    "ramadan",
    "diwali",
    "lunar new year",
    "world series",
}
_OUTLETS = {
    "adweek",
    "ad age",
    "adage",
    "campaign",
    "campaign asia",
    "mumbrella",
    "b&t",
    "adnews",
    "the drum",
    "prweek",
    "mediapost",
    "digiday",
    "marketing week",
    "marketing dive",
    "agencyspy",
    "lbb",
    "strategy",
    "campaign brief",
    "adpulp",
    "adrants",
    "bloomberg",
    "reuters",
    "business insider",
    "wsj",
}

# ----------------------------------------------------------------------------- sentences


def _ids(group: str | None) -> list[int]:
    return [int(i) for i in re.findall(r"⟦(\d+)⟧", group or "")]


def _overlapping(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> Iterable[re.Match[str]]:
    """Every leftmost match from each starting point (a name list ends where a verb starts),
    within ``text[start:end]``."""
    end = len(text) if end is None else end
    pos = start
    while pos <= end:
        m = pattern.search(text, pos, end)
        if m is None:
            return
        yield m
        pos = m.start() + 1


def _plausible_brand(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 8:
        return False
    if all(generic_word(w) for w in words) and not public_body(name):
        return False
    low = name.lower()
    return (
        low not in _OUTLETS
        and low not in _NOT_BRANDS
        and low not in _EVENTS
        and outlet_kind(name) is None
    )


_INTRODUCED_AGENCY = re.compile(
    r"\b(?:agency|agencies|shop|consultancy|hotshop|indie|outfit)\s*$|\b(?:digital|creative|media|pr|ad|advertising)\s+firm\s*$",
    re.IGNORECASE,
)


# a name ending in a word only agencies use for themselves is never the client
_AGENCY_ONLY_NAME = re.compile(
    r"(?:^|\s)(?:publicity|counsel|public\s+relations|advertising|associates)$", re.IGNORECASE
)
_QUALIFIES_AGENCY = re.compile(r"\s+(?:[\w-]+\s+)?(?:agency|agencies|shop)\s+⟦", re.IGNORECASE)


_OPEN_QUOTES = {"‘": "’", "“": "”", '"': '"', "'": "'"}


def _quoted(placed: Placed, i: int) -> bool:
    """The name is the whole of a quotation ("its ‘Clever Buoy’ campaign"): a title, not a
    brand or an agency (unless it is a listed agency's name)."""
    n = placed.names[i]
    s = placed.sentence
    before, after = s[n.start - 1 : n.start], s[n.end : n.end + 1]
    return bool(before) and _OPEN_QUOTES.get(before) == after


# a quoted title of a piece of work ("its 'There's Nothing like Australia' campaign"): a name in it
# is part of the title, neither the brand nor the agency
_WORK_TITLE = re.compile(
    rf"(?:(?<=[\s(])|^)(['\"])(?=\S)[^\"]{{1,80}}?(?<=\S)\1(?=\s+(?:[\w-]+\s+){{0,2}}?{_PIECE}\b)",
    re.IGNORECASE,
)


def _in_work_title(placed: Placed, i: int) -> bool:
    n = placed.names[i]
    return any(
        m.start() < n.start and n.end < m.end() for m in _WORK_TITLE.finditer(placed.sentence)
    )


def _brand_ok(placed: Placed, b: int) -> bool:
    n = placed.names[b]
    # "teamed up with Scandinavian digital agency Nordic.Agency": introduced as an agency
    return (
        n.kind == "name"
        and not _quoted(placed, b)
        and not _in_work_title(placed, b)
        and not re.match(
            r"\s+(?:category|categories)\b", placed.after(b, 20), re.I
        )  # "in the Beverage category"
        and _plausible_brand(_clean(n.text))
        and not _INTRODUCED_AGENCY.search(placed.before(b, 40))
        and not _QUALIFIES_AGENCY.match(placed.after(b, 40))  # "Scandinavian digital agency X"
        and not _AGENCY_ONLY_NAME.search(_clean(n.text))  # "Poster Publicity", "Media Counsel"
    )


_AGENCY_WORDS = re.compile(
    r"\b(?:agenc(?:y|ies)|aor|agency\s+of\s+record|accounts?|business|shop|brief|duties|mandate|remit|"
    r"assignments?|roster|pitch|review|incumbent|client|indie|hotshop|"
    r"(?:creative|agency|advertising|pr|communications)\s+partners?)\b",  # not "media partner": an outlet's
    re.IGNORECASE,
)


def _agency_ok(placed: Placed, g: int, flags: str, context: int, matched: str) -> bool:
    """The name at ``g`` can be the agency: listed, or marked as one by the text, or (unlisted)
    placed by a frame that marks it, in an item about agencies: "k" always, "c" when the
    matched words name an agency or an account."""
    n = placed.names[g]
    if _clean(n.text).lower() in _NOT_BRANDS:
        return False  # pitch consultants run reviews; they are never the agency
    if n.kind == "agency":
        return True
    if n.kind != "name" or _quoted(placed, g) or _in_work_title(placed, g):
        return False
    # "a Salt Lake City agency, Summit Group": the place describes the agency named next;
    # "the Small Budgets/Products category": an awards category
    if re.match(
        r"\s+(?:(?:[\w-]+\s+)?(?:agency|shop|firm|outfit|consultancy)\s*,\s+⟦|(?:category|categories)\b)",
        placed.after(g, 60),
        re.I,
    ):
        return False
    text = _clean(n.text)
    words = text.split()
    if not words or len(words) > 6 or looks_like_person(text) or n.personish:
        return False
    if (
        all(generic_word(w) for w in words)
        or text.lower() in _OUTLETS
        or outlet_kind(text) is not None
    ):
        return (
            False  # "the Holmes Report can reveal": a trade title (dossier/data/trade_outlets.toml)
        )
    # "for PAVV creative", "Auris job": a name that qualifies an account is the brand's
    if re.match(
        rf"\s+(?:{_WORK}|business|creative|media|pr|digital|advertising|ad)\b",
        placed.after(g),
        re.I,
    ):
        return False
    if agency_like(text):
        return True
    if not context or not (
        "k" in flags
        or ("c" in flags and _AGENCY_WORDS.search(matched))
        or ("w" in flags and context >= 2)
    ):
        return False
    # in a title-case headline a lone word must look like a name (digits, inner capitals, &, +, /)
    return not (len(words) == 1 and placed.title and not re.search(r"\d|[&+/\\]|.[A-Z]", text))


_CLASSIFIER = re.compile(
    r"\b(?:group|chain|brand|retailer|company|firm|business|bank|maker|operator|supermarket|store|"
    r"label|insurer|charity|club|network|service|app|platform|airline|carrier|manufacturer|"
    r"department\s+store|franchise|giant)\s*,?\s*$"
)


def _organisation(placed: Placed, b: int, m: re.Match[str]) -> bool:
    """A name led by a first name ("David Lloyd", "John Lewis") is an organisation when a
    lower-case classifier stands before it ("fitness group David Lloyd") or the clause refers
    to it as "its" ("David Lloyd has awarded its media account")."""
    if _CLASSIFIER.search(placed.before(b, 40)):
        return True
    _s, e = placed.spans[b]
    between = placed.text[e : m.end()] if e < m.end() else ""
    return re.search(
        r"^(?:'s)?\s+(?:\w+\s+){0,4}?(?:its|it)\b", between
    ) is not None and not re.search(r"\b(?:his|her|he|she)\b", between, re.I)


def _person_object(placed: Placed, g: int) -> bool:
    """Whether the name at ``g`` is followed by a job title ("Yang Yeo as co-chief ...")."""
    after = placed.after(g, 90)
    return (
        re.match(
            rf"(?:'s)?\s*,?\s*(?:as\s+|to\s+be\s+|to\s+become\s+)?(?:its|the|their|a|an)?\s*(?:new\s+|first\s+|global\s+|"
            rf"interim\s+|regional\s+|next\s+|acting\s+|(?:[\w-]+\s+){{0,3}})?{TITLE_WORDS}\b",
            after,
            re.IGNORECASE,
        )
        is not None
    )


def _title_between(placed: Placed, m: re.Match[str], g: int) -> bool:
    """A job title between the verb and the agency ("hires a Wieden+Kennedy strategist")."""
    return _title_between_at(placed, m.start(), g)


def _title_between_at(placed: Placed, start: int, g: int) -> bool:
    s, _e = placed.spans[g]
    window = placed.text[max(start, s - 50) : s]
    if re.search(
        rf"\b(?:former|ex-)\s*$|\b{TITLE_WORDS}\s+(?:of\s+|at\s+|from\s+)?$", window, re.I
    ) or re.match(rf"(?:'s)?\s+(?:[\w-]+\s+){{0,2}}?{TITLE_WORDS}\b", placed.after(g, 60), re.I):
        return True
    # "Ogilvy's Sarah Jones", "Ogilvy veteran Sarah Jones": the agency says where a person works
    person = re.match(r"(?:'s)?\s+(?:[a-z][\w-]*\s+){0,2}?⟦(\d+)⟧", placed.after(g, 60))
    return person is not None and placed.names[int(person.group(1))].kind == "person"


def _clean(name: str) -> str:
    return name.strip(" ,.;:'\"")


def _not_review(sentence: str) -> bool:
    """A review called off, concluded or only a figure of speech ("week in review"), unless it
    is reactivated."""
    return _NOT_REVIEW_RE.search(sentence) is not None and not _REVIEW_AGAIN.search(sentence)


# "Heinz awards creative to Mischief": "awards" as the verb of handing an account, not a prize
_AWARD_VERB = re.compile(
    r"\b(?:awards|awarded|awarding)\s+(?:(?:its|their|the)\s+)?(?:[^\s⟦⟧.;]+\s+){0,5}?(?:to|into)\s+(?:the\s+)?⟦",
    re.I,
)


def _exclusions(sentence: str, text: str = "") -> set[str]:
    kinds = set()
    verb = _AWARD_VERB.search(text) if text else None
    plain = sentence
    if verb is not None:
        # the sentence without the verb's use: any other prize word still counts
        plain = re.sub(r"\b(?:awards|awarded|awarding)\b", "", sentence, count=1, flags=re.I)
    for kind, pattern in (
        ("person", _PERSON),
        ("person_verb", _PERSON_VERB),
        ("award", _AWARD),
        ("deal", _DEAL),
        ("stable", _STABLE_ADD),
        ("shortlist", _SHORTLIST),
        ("lost", _LOST_PITCH),
        ("hypothetical", _HYPOTHETICAL),
    ):
        if pattern.search(plain if kind == "award" else sentence):
            kinds.add(kind)
    return kinds


def _lost_near(placed: Placed, g: int) -> bool:
    return _LOST_PITCH.search(placed.after(g, 50)) is not None


def _in_shortlist(placed: Placed, g: int) -> bool:
    """The agency is one of those in the running, not the one picked."""
    window = placed.before(g, 80) + " @ " + placed.after(g, 60)
    return _SHORTLIST.search(window) is not None


@dataclass
class _Found:
    g: int
    b: int | None
    status: str
    flags: str


def extract_sentence(
    sentence: str,
    gazetteer: Gazetteer,
    *,
    context: int = 2,
    people: frozenset[str] = frozenset(),
    vocab: frozenset[str] = frozenset(),
) -> list[Relation]:
    """Every relation one sentence states (brand "" when only the article names it).

    ``context``: whether the item is about agencies (2: it says agency, account, pitch...; 1: it
    names a listed agency; 0: neither; unlisted names fill an agency slot only in such items); ``people``: names the item marks as people; ``vocab``: the words the item writes in
    lower case.
    """
    sentence = _maker_compounds(normalise(sentence), gazetteer)
    if not sentence or sentence.isupper() and len(sentence) > 40:
        return []
    placed = place(sentence, gazetteer, people, vocab)
    if not placed.names and not _REVIEW_CUE.search(sentence):
        return []
    text = placed.text
    blocked = _exclusions(sentence, text)
    found: dict[tuple[int, int | None], _Found] = {}
    owned: set[int] = set()  # agencies whose brand an "o" rule found
    segments = _segments(text)

    def clause(m: re.Match[str]) -> str:
        return next((text[a:b] for a, b in segments if a <= m.start() < b), m.group())

    folded = text.casefold()
    present = {w for w in _rule_words() if w in folded}  # each word looked for once
    for pattern, first, second, flags, words in _parsed():
        if words is not None and words.isdisjoint(present):
            continue  # the rule cannot match: none of the words it requires is here
        for m in (m for a, b in segments for m in _overlapping(pattern, text, a, b)):
            for g, b, status in _pairs(placed, m, first, second, flags, {k[0] for k in found}):
                if (g, b) in found or (g in owned and "o" not in flags):
                    continue
                known = any(
                    k[0] == g for k in found
                )  # already read as an agency ("the agency" refers to it)
                if not _keep(
                    placed,
                    m,
                    g,
                    b,
                    status,
                    flags + ("k" if known else ""),
                    blocked,
                    context,
                    sentence,
                    clause(m),
                ):
                    continue
                found[(g, b)] = _Found(g, b, status, flags)
                if "o" in flags:
                    owned.add(g)
    # a credit for an agency the sentence appoints, keeps or drops adds nothing, unless it names
    # work the agency made ("appointed A as its agency and the agency launched its debut campaign")
    moved = {f.g for f in found.values() if f.status in ("appointed", "retained", "ended")}
    found = {
        k: f
        for k, f in found.items()
        if not (f.status == "credit" and f.g in moved and "p" not in f.flags)
    }
    out: list[Relation] = []
    for f in _drop_products(placed, found):
        name = placed.names[f.g]
        role, stated = _role_for(placed, f.g)
        brand = _clean(placed.names[f.b].text) if f.b is not None else ""
        if brand and same_name(brand, name.text):
            continue
        out.append(Relation(brand, _clean(name.text), role, f.status, sentence, name.entry, stated))
    out += _continued(placed, out, sentence)
    out += _second_roles(placed, out)
    # a relation with no brand that the sentence also states with one ("Aviva's account went to
    # A") is that one; left alone it would take the article's brand
    branded = {(agency_key(r.agency_name), r.status) for r in out if r.brand}
    out = [r for r in out if r.brand or (agency_key(r.agency_name), r.status) not in branded]
    out = _revise_incumbents(out, sentence)
    out += _reviews(placed, sentence, out)
    return _dedupe(out)


# "the Ogilvy-created spot for Heinz": a listed agency's name joined to the participle of making
_MAKER_COMPOUND = re.compile(
    r"\b([A-Z][\w&+.]*(?:\s+[A-Z][\w&+.]*){0,2})-(?:created|made|produced|designed|crafted|developed|devised|conceived)\b"
)


def _maker_compounds(sentence: str, gazetteer: Gazetteer) -> str:
    """ "Ogilvy-created spot for Heinz" read as "Ogilvy's spot for Heinz" (listed agencies only)."""

    def sub(m: re.Match[str]) -> str:
        found = gazetteer.find_in(m.group(1))
        listed = any(a == 0 and b == len(m.group(1)) for _e, a, b in found)
        return f"{m.group(1)}'s" if listed else m.group()

    return _MAKER_COMPOUND.sub(sub, sentence) if "-" in sentence else sentence


_CLAUSE_VERB = _t(r"(?:{WIN}|{LOSE}|{APPOINT}|{HAND}|{DROP}|{KEEP}|{HOLD}|{MAKE})(?=\s+[\w⟦$£\"'])")
_NEW_CLAUSE = re.compile(
    _t(
        rf"(?:,\s+|;\s+|\s+while\s+|\s+whereas\s+|\s+but\s+)(?=(?:the\s+)?{_LIST}\s+(?:{{AUX}})?{_CLAUSE_VERB}\b)"
    ),
    re.IGNORECASE,
)
_AND_CLAUSE = re.compile(
    _t(rf"\s+and\s+(?=(?:the\s+)?{_LIST}\s+(?:{{AUX}})?{_CLAUSE_VERB}\b)"), re.IGNORECASE
)
_HAS_VERB = re.compile(rf"⟦\d+⟧\s+(?:\w+\s+){{0,3}}?{_CLAUSE_VERB}\b", re.IGNORECASE)


def _segments(text: str) -> list[tuple[int, int]]:
    """The sentence, cut where a new subject starts a new clause ("Orange Line won X, Bench
    Media won Y and Spark won Z"): each clause's names are its own. A lone sentence is one."""
    cuts = [m.start() for m in _NEW_CLAUSE.finditer(text)]
    for m in _AND_CLAUSE.finditer(text):
        start = max([c for c in cuts if c < m.start()], default=0)
        if _HAS_VERB.search(text[start : m.start()]):
            cuts.append(m.start())
    bounds = [0, *sorted(set(cuts)), len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]


def _possessor(placed: Placed, i: int) -> bool:
    """ "to Innocean, Hyundai's in-house agency": Hyundai owns the next words; no list member."""
    return re.match(r"'s?\s+[a-z]", placed.after(i, 10)) is not None


def _antecedent(placed: Placed, pos: int, agencies: set[int] | None = None) -> list[int]:
    """The agencies "they" or "the indy" at ``pos`` refers to: the last agency (or list of
    agencies) the sentence named before it (listed, or already read as an agency)."""
    before = [
        i
        for i, (s, _e) in enumerate(placed.spans)
        if s < pos and (placed.names[i].kind == "agency" or i in (agencies or set()))
    ]
    if not before:
        return []
    last = before[-1]
    return [i for i in _list_of(placed, last) if placed.names[i].kind == "agency"] or [last]


def _pairs(
    placed: Placed,
    m: re.Match[str],
    first: str,
    second: str | None,
    flags: str,
    agencies: set[int] | None = None,
) -> Iterable[tuple[int, int | None, str]]:
    """The (agency, brand, status) pairs a match of a rule gives."""
    groups = m.groupdict()
    if "s" in flags:
        xs, ys = _ids(groups.get("x")), _ids(groups.get("y"))
        for x in xs:
            for y in ys:
                nx, ny = placed.names[x], placed.names[y]
                if nx.agency and not ny.agency:
                    yield x, y, first
                elif ny.agency and not nx.agency:
                    yield y, x, first
                elif not nx.agency and not ny.agency:
                    if agency_like(nx.text) and not agency_like(ny.text):
                        yield x, y, first
                    elif agency_like(ny.text) and not agency_like(nx.text):
                        yield y, x, first
        if not xs:  # "the client parted ways with X": the brand by reference
            for y in ys:
                yield y, None, first
        return
    raw = groups.get("b")
    if raw and "⟦" not in raw and re.fullmatch(r"the\s+network", raw.strip(), re.I):
        return  # "Capital One handed the network its account": the network is the agency
    brands: list[int | None] = list(_ids(raw)) if raw and "⟦" in raw else [None]
    if "b" not in groups:
        brands = [None]
    for group, status in (("g", first), ("g2", second)):
        if status is None:
            continue
        ids = [i for i in _ids(groups.get(group)) if not _possessor(placed, i)] or _ids(
            groups.get(group)
        )[:1]
        if groups.get(group) and not ids:
            ids = _antecedent(placed, m.start(group), agencies or set())
        if "l" in flags and group == "g":
            ids = ids[-1:]
        for g in ids:
            for b in brands:
                if b != g:
                    yield g, b, status


def _in_dash_aside(placed: Placed, i: int) -> bool:
    """The name at ``i`` ends an aside between dashes ("— ... with Singapore Airlines —")."""
    before = placed.before(i, 200)
    return (
        re.match(r"\s*[–—]", placed.after(i, 5)) is not None
        and (before.count("—") + before.count("–")) % 2 == 1
    )


_ASIDES = re.compile(r"\s*,[^,⟦⟧]{1,80},|\s*\([^()]{1,80}\)|\s*[–—][^–—]{1,100}[–—]")


def _keep(
    placed: Placed,
    m: re.Match[str],
    g: int,
    b: int | None,
    status: str,
    flags: str,
    blocked: set[str],
    context: int,
    sentence: str,
    clause: str = "",
) -> bool:
    name = placed.names[g]
    if b is not None and not _brand_ok(placed, b):
        return False
    if b is not None and m.start() == placed.spans[b][0] and _in_dash_aside(placed, b):
        return False  # "Vistara — Tata's joint venture with Singapore Airlines — remains with": not the subject
    if b is not None and "n" in flags and agency_like(placed.names[b].text):
        return False
    if (
        b is not None
        and placed.names[b].personish
        and not ("p" in flags or "n" in flags or _organisation(placed, b, m))
    ):
        return False  # "his friend Jeff Goodby's agency"
    # (an aside about the brand, "in a piecemeal do-over of its advertising review", does not count)
    if "r" in flags and re.search(
        r"\b(?:review|pitch|tender|rfp)\b", _ASIDES.sub(" ", m.group()), re.I
    ):
        return False
    if (
        "a" in flags
        and placed.names
        and placed.names[0].kind == "agency"
        and g != 0
        and re.match(r"\W*$", placed.text[: placed.spans[0][0]])
    ):
        return False
    partner = "q" in flags and any(
        placed.names[k].entry is not None for k in _ids(m.groupdict().get("g2"))
    )
    if not _agency_ok(placed, g, flags + ("k" if partner else ""), context, clause or m.group()):
        return False
    if status in ("appointed", "retained", "ended", "incumbent", "holder", "credit") and (
        _person_object(placed, g) or _title_between(placed, m, g)
    ):
        return False
    if "person_verb" in blocked and status in ("appointed", "retained", "ended"):
        return False
    if "person" in blocked and status in ("appointed", "retained") and _person_object(placed, g):
        return False
    if (
        "award" in blocked
        and status in ("appointed", "retained")
        and not _WORK_WORD.search(sentence)
    ):
        return False
    if "award" in blocked and status in ("credit", "holder") and "p" not in flags:
        return False
    if "shortlist" in blocked and status in ("credit", "holder") and _in_shortlist(placed, g):
        return False
    if _owner(placed, g):
        return False
    if status in ("appointed", "retained") and _BEATEN.search(placed.before(g, 40)):
        return False  # "MediaCom ... pipped Media Planning Group to scoop ...": the beaten rival
    if (
        "deal" in blocked
        and status in ("appointed", "ended", "credit")
        and _DEAL.search(placed.before(g, 40) + " " + placed.after(g, 40))
        and not _WORK_WORD.search(sentence)
    ):
        return False
    if "stable" in blocked and status == "appointed":
        return False
    if "lost" in blocked and status in ("appointed", "ended", "retained") and _lost_near(placed, g):
        return False
    if "shortlist" in blocked and status in ("appointed", "retained") and _in_shortlist(placed, g):
        return False
    if "hypothetical" in blocked and status in ("appointed", "ended"):
        return False
    return not (name.entry is None and b is not None and same_name(placed.names[b].text, name.text))


_OWNER_AFTER = re.compile(
    r"(?:'s)?\s+(?:[\w-]+\s+)?(?:agency|agencies|shops?|unit|network|division|brand\s+agency|stablemates?|sister)\s+(?:[\w-]+\s+)?⟦"
    r"|(?:'s|')\s+(?:new\s+|own\s+|in-house\s+)?⟦\d+⟧(?!\s+(?:(?:creative|media|pr|digital|advertising|global|account|business)\s+){0,2}(?:win|capture|retention)\b)"
    rf"(?!\s+(?:[\w-]+\s+)?{_PIECE}\b)"  # "Mischief's new Heinz spot": the agency's work for the brand
    r"|-(?:owned|backed|controlled)\s+(?:[\w-]+\s+)?(?:agency|agencies|shop|unit|network)\s+⟦",
    re.I,
)
_OWNER_BEFORE = re.compile(
    r"\b(?:part\s+of|owned\s+by|unit\s+of|a\s+division\s+of|arm\s+of|subsidiary\s+of)\s+(?:the\s+)?$",
    re.I,
)


def _owner(placed: Placed, g: int) -> bool:
    """ "Publicis agency Le Pub", "Thompson, part of the WPP Group": the name at ``g`` owns or
    qualifies the agency, it is not the agency."""
    return (
        _OWNER_AFTER.match(placed.after(g, 40)) is not None
        or _OWNER_BEFORE.search(placed.before(g, 30)) is not None
    )


def _drop_products(placed: Placed, found: dict[tuple[int, int | None], _Found]) -> list[_Found]:
    """ "Apple's new iPhone ad from A": the brand is Apple, not its product."""
    out: list[_Found] = []
    for (g, b), f in found.items():
        # "Cathay Pacific has dropped Dragonair's agencies Leo Burnett and Starcom": Dragonair's
        m = re.search(
            r"⟦(\d+)⟧'s?\s+(?:[\w-]+\s+){0,4}?(?:agency|agencies|aor|partners?|shop)\s+(?:⟦\d+⟧\s*(?:,|and|&)\s*)*$",
            placed.text[: placed.spans[g][0]],
        )
        if (
            m
            and int(m.group(1)) != b
            and int(m.group(1)) != g
            and _brand_ok(placed, int(m.group(1)))
        ):
            owner = int(m.group(1))
            if (g, owner) not in found:
                out.append(replace(f, b=owner))
            continue
        if b is not None:
            parent = re.match(
                r"\s+(?:owner|parent|parent\s+company|maker|owner\s+company)\s+⟦(\d+)⟧",
                placed.after(b, 40),
            )
            if (
                parent
                and _brand_ok(placed, int(parent.group(1)))
                and (g, int(parent.group(1))) not in found
            ):
                out.append(replace(f, b=int(parent.group(1))))  # "Cadbury owner Mondelez"
                continue
            start = placed.spans[b][0]
            product = re.search(r"⟦(\d+)⟧'s?\s+(?:[\w-]+\s+){0,2}$", placed.text[:start])
            maker = int(product.group(1)) if product else None
            if maker is not None and maker != g and _brand_ok(placed, maker):
                if (g, maker) not in found:
                    out.append(replace(f, b=maker))
                continue  # the maker's relation stands for its product's
        out.append(f)
    return out


def _role_for(placed: Placed, idx: int) -> tuple[str, bool]:
    """The role the sentence gives the name at ``idx`` (or the gazetteer's, unstated)."""
    text = placed.text
    s, e = placed.spans[idx]
    listed = _list_of(placed, idx)
    # "X and Y as its creative and media agencies": zip a list with its roles, in order
    if len(listed) > 1:
        tail = text[placed.spans[listed[-1]][1] :][:80]
        m = re.match(
            r"\s*(?:as|for)\s+(?:its|their|the)?\s*((?:[\w-]+(?:\s*,\s*|\s+and\s+|\s+)){1,6})"
            r"(?:agenc|partner|duties|accounts|respectively|roles)",
            tail,
            re.IGNORECASE,
        )
        if m:
            found = [r for _s, _e, r in roles_of(m.group(1))]
            if len(found) == len(listed):
                return found[listed.index(idx)], True
    after = text[e:]
    for_part = re.match(
        r"(?:\s*(?:,|and|&)\s*⟦\d+⟧)*\s+(?:for|on|to\s+handle|to\s+lead|to\s+run|as)\s+(?:its|their|the|a)?\s*"
        r"(?:[\w-]+\s+){0,3}",
        after,
        re.IGNORECASE,
    )
    if for_part:
        close = roles_of(after[: for_part.end() + 25])
        if close:
            return close[0][2], True
    before = text[max(0, s - 40) : s]
    near = roles_of(before)
    if near and not re.search(r"⟦\d+⟧", before[near[-1][1] :]):
        return near[-1][2], True
    words = roles_of(text)
    if words:
        best = min(words, key=lambda w: (w[0] - e, 0) if w[0] >= e else (s - w[1], 1))
        distance = best[0] - e if best[0] >= e else s - best[1]
        if distance < 90:
            return best[2], True
    entry = placed.names[idx].entry
    if entry is not None:
        return next((d for d in entry.discipline if d != "holding"), "other"), False
    return "other", False


def _list_of(placed: Placed, idx: int) -> list[int]:
    """The indices of the name list ``idx`` stands in ("DDB and OMD")."""
    for m in re.finditer(_LIST, placed.text):
        ids = _ids(m.group())
        if idx in ids:
            return ids
    return [idx]


_ROLE_PAIR = re.compile(
    rf"\b(creative|media|pr|digital|social)\s*(?:,\s*|\s+and\s+|\s*&\s*)(creative|media|pr|digital|social)"
    rf"(?=\s+(?:{_WORK}|business|accounts?|agenc(?:y|ies)|needs|requirements)\b|\s*(?:[—–,.;]|$))",
    re.IGNORECASE,
)


def _second_roles(placed: Placed, found: list[Relation]) -> list[Relation]:
    """ "NatWest picks IPG as it consolidates media and creative account": one agency given two
    disciplines holds two relationships. Only for a lone agency: a list with a list of roles is
    zipped by :func:`_role_for`."""
    pairs = list(_ROLE_PAIR.finditer(placed.text))
    movers = [r for r in found if r.status in ("appointed", "retained") and r.agency]
    if len(pairs) != 1 or len({agency_key(r.agency_name) for r in movers}) != 1:
        return []
    roles = {_ROLE_WORD.get(w.lower(), w.lower()) for w in pairs[0].groups()}
    out: list[Relation] = []
    for r in movers:
        idx = next((i for i, n in enumerate(placed.names) if _clean(n.text) == r.agency), None)
        if idx is None or len(_list_of(placed, idx)) > 1:
            continue
        for role in sorted(roles - {r.role}):
            if r.role in roles or r.role == "other" or not r.role_stated:
                out.append(replace(r, role=role, role_stated=True))
        if r.role not in roles and (r.role == "other" or not r.role_stated):
            out.insert(0, replace(r, role=sorted(roles)[0], role_stated=True))
    return out


_ROLE_WORD = {"social": "digital"}


def _continued(placed: Placed, found: list[Relation], sentence: str) -> list[Relation]:
    """ "appoints A for creative and B for social": B takes A's brand and status."""
    out: list[Relation] = []
    for r in found:
        if r.status not in ("appointed", "retained"):
            continue
        idx = next((i for i, n in enumerate(placed.names) if _clean(n.text) == r.agency), None)
        if idx is None:
            continue
        tail = placed.text[placed.spans[idx][1] :]
        for m in re.finditer(
            r"(?:\s+(?:for|on|in|as)\s+(?:[\w-]+\s+){0,4}?[\w-]+)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:its\s+[\w\s-]{0,30}?to\s+)?⟦(\d+)⟧(?=\s+(?:for|to\s+handle|on|as)\s)",
            tail,
        ):
            k = int(m.group(1))
            name = placed.names[k]
            if any(x.agency == _clean(name.text) for x in found) or not _agency_ok(
                placed, k, "k", 1, ""
            ):
                continue
            role, stated = _role_for(placed, k)
            out.append(
                replace(
                    r, agency=_clean(name.text), entry=name.entry, role=role, role_stated=stated
                )
            )
            break
        # "awarded its creative account to A and its public relations business to B": the second
        # account of the same brand, handed in the same clause
        second = _SECOND_ACCOUNT.match(tail)
        if r.status == "appointed" and second:
            k = int(second.group(1))
            name = placed.names[k]
            if any(x.agency == _clean(name.text) for x in [*found, *out]) or not _agency_ok(
                placed, k, "k", 1, ""
            ):
                continue
            role, stated = _role_for(placed, k)
            out.append(
                replace(
                    r, agency=_clean(name.text), entry=name.entry, role=role, role_stated=stated
                )
            )
    return out


_SECOND_ACCOUNT = re.compile(
    rf"(?:\s+of\s+(?:⟦\d+⟧|[A-Z][a-z]+)|\s*,\s*⟦\d+⟧\s*,?)?\s*,?\s+and\s+(?:its\s+|their\s+)?(?:[\w$£€.-]+\s+){{0,5}}?"
    rf"(?:{_WORK}|creative|media|pr|digital|social|business)\s+to\s+(?:the\s+)?⟦(\d+)⟧",
    re.IGNORECASE,
)


def _revise_incumbents(found: list[Relation], sentence: str) -> list[Relation]:
    """An incumbent named in a sentence that appoints another agency lost the account; one
    that is also appointed kept it; in a sentence about a review it is the review's incumbent.
    Otherwise "incumbent" and "holder" (the agency that holds the account) stay for the article
    to decide (see :func:`_tidy`)."""
    # "The incumbent is A, which won the account in 2007": A's past win is its incumbency
    named = {r.agency_name for r in found if r.status == "incumbent"}
    found = [r for r in found if not (r.status == "appointed" and r.agency_name in named)]
    appointed = {r.agency_name for r in found if r.status == "appointed"}
    ended = {r.agency_name for r in found if r.status == "ended"}
    kept = {r.agency_name for r in found if r.status == "retained"}
    out: list[Relation] = []
    for r in found:
        if r.status in ("incumbent", "holder") and r.agency_name in kept:
            continue  # "with B retaining 15-year incumbent A and C awarding its account to D": A kept B
        if (
            r.status in ("incumbent", "holder")
            and r.agency_name not in appointed
            and any(
                r.agency in o.agency or o.agency in r.agency or f"{o.agency} {r.agency}" in sentence
                for o in found
                if o.status == "appointed" and o.agency
            )
        ):
            continue  # "lost out to Starcom MediaVest, the planning incumbent": part of a name appointed
        if r.status in ("incumbent", "holder", "review") and r.agency_name in ended:
            # "PHD, the incumbent on the Sony Mobile business, is not taking part": Sony Mobile's
            if r.brand:
                found = [
                    replace(o, brand=r.brand)
                    if o.status == "ended" and o.agency_name == r.agency_name and not o.brand
                    else o
                    for o in found
                ]
                out = [
                    replace(o, brand=r.brand)
                    if o.status == "ended" and o.agency_name == r.agency_name and not o.brand
                    else o
                    for o in out
                ]
            continue
        if r.status in ("incumbent", "holder", "review") and appointed:
            out.append(replace(r, status="retained" if r.agency_name in appointed else "ended"))
        else:
            out.append(r)
    return out


def _reviews(placed: Placed, sentence: str, found: list[Relation]) -> list[Relation]:
    """The account put in review: (brand, "", role, review) when no incumbent is named."""
    if not _REVIEW_CUE.search(sentence) or _not_review(sentence):
        return []
    if any(r.status in ("appointed", "retained") for r in found):
        return []
    brands: list[int | None] = []
    # "X launches a review for its brand Y": the review is Y's
    for patterns in (
        (_REVIEW_LIST, _REVIEW_INPLAY, _REVIEW_DESCRIBED),
        (_REVIEW_BRAND, _REVIEW_OBJECT, _REVIEW_UP, _REVIEW_NOUN_OF),
    ):
        for pattern in patterns:
            for m in pattern.finditer(placed.text):
                for k in _ids(m.group("b")):
                    listed = _list_of(placed, k)
                    if any(
                        placed.names[j].kind == "agency" or agency_like(placed.names[j].text)
                        for j in listed
                    ) or re.search(
                        r"\bagencies\s+(?:including|such\s+as|like)\s+(?:⟦\d+⟧\s*,?\s*(?:and\s+)?)*$",
                        placed.before(k, 120),
                    ):
                        continue  # "agencies including Engine, The & Partnership and Pablo"
                    if _brand_ok(placed, k) and k not in brands:
                        brands.append(k)
        if brands:
            break
    if not brands:
        # no brand named: only a sentence about "its" account or "the retailer" (the article's)
        if not _REVIEW_REF.search(placed.text) or _LOST_PITCH.search(sentence):
            return []
        brands = [None]
    role = _review_role(sentence)
    out = []
    for b in brands:
        brand = _clean(placed.names[b].text) if b is not None else ""
        out.append(Relation(brand, "", role[0], "review", sentence, None, role[1]))
    return out


def _review_role(sentence: str) -> tuple[str, bool]:
    m = _REVIEW_CUE.search(sentence)
    words = roles_of(sentence)
    if not words:
        return "other", False
    pos = m.start() if m else 0
    best = min(words, key=lambda w: abs(w[0] - pos))
    return best[2], True


def _dedupe(found: Iterable[Relation]) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str, str, str]] = set()
    for r in found:
        key = (r.brand.lower(), agency_key(r.agency_name), r.status, _discipline(r))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


# ----------------------------------------------------------------------------- articles


_DEFAULT: Any = object()


def extract_text(
    headline: str,
    snippet: str,
    gazetteer: Gazetteer,
    model: PairModel | None = _DEFAULT,
    *,
    linking: bool = True,
) -> list[Relation]:
    """Every relation an article's headline and snippet state, merged.

    A sentence that refers to the brand without naming it ("the retailer", "its", "The spot,
    created by A") takes the brand of the article: the one named in the other relations, else
    the first brand-like name of the headline (or of the snippet when the headline has none).

    A later sentence that refers to a brand or an agency another sentence named ("The retailer
    has appointed A", "It picked A after a review", "the agency") is also read with the name in
    the reference's place (:mod:`dossier.agency.discourse`; ``linking=False`` switches this off);
    its relations keep the real sentence and name the linked one in ``Relation.linked``.

    ``model``: the pair scorer (:mod:`dossier.agency.pairs`) that adds the pairs no frame
    joined; the packaged one by default, ``None`` for the frames alone.
    """
    if model is _DEFAULT:
        model = load_model()
    snippet = _undated(snippet, gazetteer)
    sentences = [*split_clauses(headline), *split_clauses(snippet, headline=False)]
    context = (
        2
        if _AGENCY_CONTEXT.search(normalise(f"{headline} {snippet}"))
        else 1
        if any(gazetteer.find_in(s) for s in sentences)
        else 0
    )
    vocab = vocabulary([headline, snippet])
    people = people_in([headline, snippet], gazetteer, vocab)
    # "Kien leaves Publicis Groupe Malaysia" over "Tan Kien Eng, CEO of ...": a lone word of a
    # person's name the item gives in full is that person
    people = people | {
        w for p in people if " " in p for w in p.split() if len(w) >= 3 and w[:1].isupper()
    }
    found: list[Relation] = []
    last = ""  # the agency the sentences so far named last
    last_in = ""  # the sentence that named it
    topic: str | None = None  # the item's topic brand (computed when a sentence needs it)
    referred: dict[
        str, tuple[str, str]
    ] = {}  # a sentence's brand by reference, and where it was named
    for i, s in enumerate(sentences):
        # "The agency, which has worked with the retailer since 2006, will continue ...": the
        # subject refers to the agency the previous sentence named
        subject = _SUBJECT_AREF.match(normalise(s))
        if subject and last and not gazetteer.find_in(s[: subject.end()]):
            text = normalise(s)
            base = last + text[subject.end() :]
            read = extract_sentence(base, gazetteer, context=context, people=people, vocab=vocab)
            read = [replace(r, sentence=s, linked=last_in) for r in read]
            found.extend(read)
        else:
            base = normalise(s)
            read = extract_sentence(s, gazetteer, context=context, people=people, vocab=vocab)
            for variant in _simplified(normalise(s)):
                more = extract_sentence(
                    variant, gazetteer, context=context, people=people, vocab=vocab
                )
                read += [
                    replace(r, sentence=s)
                    for r in more
                    if not any(_same_relation(r, o) for o in read)
                ]
            found.extend(read)
        if i and linking and (has_reference(base) or any(not r.brand for r in read)):
            # a later sentence that refers to the brand or the agency another sentence named
            if topic is None:
                topic = _topic(headline, snippet, gazetteer, people, vocab)
            brand, brand_in = _brand_antecedent(
                found, read, sentences[:i], topic, gazetteer, people, vocab
            )
            agency = (
                last
                if last and not subject and not _agency_before_reference(base, gazetteer)
                else ""
            )
            lead, lead_agency, lead_subject = _lead_organisation(
                sentences[i - 1], gazetteer, people, vocab
            )
            agencies = (
                agency,
                last_in,
                lead if lead_agency and lead_subject else "",
                sentences[i - 1],
            )
            found.extend(
                _linked(
                    s, base, read, (brand, brand_in), agencies, gazetteer, context, people, vocab
                )
            )
            if brand and any(not r.brand for r in read):
                referred[s] = (brand, brand_in)
        if model is not None:
            found.extend(
                _scored_pairs(
                    s, [r for r in found if r.sentence == s], gazetteer, model, people, vocab
                )
            )
        # the agency the sentence is about: the one appointed, kept or credited, else the first
        mine = [r for r in found if r.agency and r.sentence == s]
        listed = [normalise(s)[a:b] for _e, a, b in gazetteer.find_in(normalise(s))]
        if mine:
            last = next(
                (r.agency for r in mine if r.status in ("appointed", "retained", "credit")),
                mine[0].agency,
            )
            last_in = s
        elif listed:
            last = listed[-1]
            last_in = s
    brands = [r.brand for r in found if r.brand]
    topic = (
        brands[0]
        if brands
        else topic
        if topic is not None
        else _topic(headline, snippet, gazetteer, people, vocab)
    )
    for b in brands:
        if len(b) > len(topic) and _initials(topic, b):
            topic = b
    acronyms = _acronyms(f"{headline} {snippet}")
    # the item's own short forms: "Woolies" in the headline is the snippet's "Woolworths"
    aliases = {a: b for a in brands for b in brands if a != b and _nickname(a, b)}
    out = []
    for r in found:
        if not r.brand:
            if topic:
                r = replace(r, brand=topic)
            elif r.sentence in referred:  # no topic: the brand the sentence's reference links to
                r = replace(r, brand=referred[r.sentence][0], linked=referred[r.sentence][1])
            else:
                continue
        if r.brand in acronyms:
            r = replace(r, brand=acronyms[r.brand])
        if r.brand in aliases:
            r = replace(r, brand=aliases[r.brand])
        if r.agency and (
            same_name(r.brand, r.agency)
            or _is_agency_name(r.brand, gazetteer)
            or _AGENCY_ONLY_NAME.search(r.brand)
        ):
            continue
        out.append(r)
    out = _joined_agencies(out)
    cue = any(
        (_REVIEW_CUE.search(s) or _CONTEST.search(s)) and not _not_review(s) for s in sentences
    )
    return _tidy(_merge(out), cue)


# a dateline that opens a snippet: "NEW YORK--", "NEW YORK, June 16, 2011 /PRNewswire/ --",
# "NEW YORK (AdAge.com) --", "Kuala Lumpur, Malaysia – ": where the story was filed, not a name
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3}(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=\s+[–—-]))"
    r"(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s+\d{4})?)?(?:\s*/[A-Za-z ]{2,30}/|\s*\([^()]{0,30}\))?"
    r"\s*(?:--|\s[–—-]\s)\s*(?=[\w\"'])"
)


def _undated(sentence: str, gazetteer: Gazetteer) -> str:
    """The sentence without the dateline that opens it (none when the prefix names an agency)."""
    m = _DATELINE.match(normalise(sentence))
    if m is None or gazetteer.find_in(m.group()):
        return sentence
    first = m.group().split()[0].strip(",").lower()
    if not m.group().split()[0].isupper() and first in COMMON:
        return sentence  # "Meanwhile, Vistara — Tata's joint venture ...": an adverb, not a place
    return normalise(sentence)[m.end() :]


_SUBJECT_VERB_MORE = re.compile(
    r"^(?:\s+(?:showed|won|wins|landed|secured|picked|took|made|created)\b|['’]s\s+[a-z])", re.I
)


def _lead_organisation(
    sentence: str, gazetteer: Gazetteer, people: frozenset[str], vocab: frozenset[str]
) -> tuple[str, bool, bool]:
    """The first organisation a sentence names: (name, whether it is an agency (or a holding
    company, or a name only agencies use), whether it is the sentence's subject). ("", False,
    False) when it names none."""
    placed = place(normalise(sentence), gazetteer, people, vocab)
    for i, n in enumerate(placed.names):
        if n.kind in ("person", "place") or _quoted(placed, i) or looks_like_person(n.text):
            continue
        name = _clean(n.text)
        lead = placed.text[: placed.spans[i][0]].strip(" \"'-–—•*")
        after = placed.after(i, 60)
        subject = (
            _SUBJECT_VERB.match(after) is not None or _SUBJECT_VERB_MORE.match(after) is not None
        ) and (
            not lead
            or _OPENING.fullmatch(lead) is not None
            or _INTRODUCED_AGENCY.search(lead) is not None
        )
        if (
            n.agency
            or _is_agency_name(name, gazetteer)
            or _AGENCY_ONLY_NAME.search(name)
            or agency_like(name)
        ):
            return name, True, subject
        if _brand_ok(placed, i) and not n.personish:
            return name, False, subject
    return "", False, False


def _brand_antecedent(
    found: list[Relation],
    read: list[Relation],
    earlier: list[str],
    topic: str,
    gazetteer: Gazetteer,
    people: frozenset[str],
    vocab: frozenset[str],
) -> tuple[str, str]:
    """The brand a later sentence's "the retailer" or "It" refers to, and the sentence that named
    it. None when the item's first sentence (the headline) leads with an agency or a holding
    company ("Mother names new CEO. The company ...": the company is the agency). Else the
    brand of the last relation an earlier sentence read; else the item's topic brand
    (:func:`_topic`), when the previous sentence or the headline names it; else the previous
    sentence's or the headline's subject (or possessor: "Ford's review"), when it is no agency
    and the only organisation that sentence names. ("", "") when none."""
    if any(r.brand for r in read):
        return "", ""  # the sentence names its own brand
    if _lead_organisation(earlier[0], gazetteer, people, vocab)[1]:
        return "", ""
    for r in reversed(found):
        if r.brand and r.sentence in earlier:
            return r.brand, r.sentence
    for s in dict.fromkeys([earlier[-1], earlier[0]]):
        if topic and any(
            same_name(topic, n.text) for n in place(normalise(s), gazetteer, people, vocab).names
        ):
            return topic, s
    for s in dict.fromkeys([earlier[-1], earlier[0]]):
        name, is_agency, subject = _lead_organisation(s, gazetteer, people, vocab)
        # ... the only organisation it names ("Elvis has pulled out of the Citroen pitch. It
        # means that the car manufacturer ...": two candidates, no link)
        others = [
            n
            for n in place(normalise(s), gazetteer, people, vocab).names
            if n.kind not in ("person", "place")
        ]
        if name and subject and not is_agency and len(others) == 1 and not _column_label(name, s):
            return name, s
    return "", ""


def _column_label(name: str, sentence: str) -> bool:
    """ "THE BOOK OF LISTS: The 10 Biggest Account Moves": a headline's column or series label,
    in capitals before a colon, names no brand."""
    return (
        len(name.split()) >= 2
        and name.isupper()
        and re.match(rf"^\W*{re.escape(name)}\s*:", normalise(sentence)) is not None
    )


def _agency_before_reference(text: str, gazetteer: Gazetteer) -> bool:
    """A listed agency stands before the sentence's first agency reference ("TBWA won X; the
    agency ..."): the reference is that agency's (read within the sentence), not a link."""
    m = agency_reference(text)
    return m is not None and any(start < m for _e, start, _end in gazetteer.find_in(text))


def _linked(
    sentence: str,
    base: str,
    read: list[Relation],
    brand: tuple[str, str],
    agencies: tuple[str, str, str, str],
    gazetteer: Gazetteer,
    context: int,
    people: frozenset[str],
    vocab: frozenset[str],
) -> list[Relation]:
    """The relations ``sentence`` states once its references are read as the names they refer
    to: ``brand`` (name, the sentence that named it) for "the retailer"; ``agencies`` (the agency
    named last, its sentence, the agency the previous sentence opens with, that sentence) for
    "the agency" and an opening "It won". Only those that use a linked name, for a status the
    sentence's own reading did not give (a reading of its own, even with the brand by reference,
    is never overridden). Each keeps the real sentence and names the one that gave the name."""
    agency, agency_in, subject, subject_in = agencies
    resolved = resolve(base, brand[0], agency, subject)
    if resolved is None:
        return []
    out = []
    for r in extract_sentence(
        resolved.text, gazetteer, context=context, people=people, vocab=vocab
    ):
        via_brand = bool(resolved.brand) and same_name(r.brand, resolved.brand)
        via_agency = bool(resolved.agency) and agency_key(r.agency) == agency_key(resolved.agency)
        if not (via_brand or via_agency):
            continue  # the sentence's own names: read already (or an artefact of the rewrite)
        if any(
            o.status == r.status
            and (not o.brand or agency_key(o.agency_name) == agency_key(r.agency_name))
            for o in read
        ):
            continue
        if via_agency:
            linked = subject_in if resolved.agency == subject and subject else agency_in
        else:
            linked = brand[1]
        out.append(replace(r, sentence=sentence, linked=linked))
    return out


# ----------------------------------------------------------------------------- scored pairs


def _pair_blocked(
    placed: Placed, g: int, b: int | None, status: str, blocked: set[str], sentence: str
) -> bool:
    """The frames' guards, for a pair the model scored (no frame matched, so no frame flags)."""
    name = placed.names[g]
    text = _clean(name.text)
    if text.lower() in _NOT_BRANDS or text.lower() in _OUTLETS or _quoted(placed, g):
        return True
    # a holding company is named as an owner, a backer or a loser more often than as the
    # agency ("Publicis-backed BBH", "another tough turn for WPP"): the frames decide for it
    if name.entry is not None and "holding" in name.entry.discipline:
        return True
    # the brand is no agency: not one shaped like an agency's name, not one the item's
    # frames read as an agency
    if b is not None and agency_like(placed.names[b].text):
        return True
    # an award or a ranking credits work; it appoints, keeps or ends nothing
    if "award" in blocked and status != "credit":
        return True
    if name.kind != "agency" and (name.personish or looks_like_person(text) or name.kind != "name"):
        return True
    if b is not None and (not _brand_ok(placed, b) or placed.names[b].personish):
        return True
    if b is not None and name.entry is None and same_name(placed.names[b].text, name.text):
        return True
    start = min(placed.spans[g][0], placed.spans[b][0]) if b is not None else 0
    if _person_object(placed, g) or _title_between_at(placed, start, g):
        return True
    if "person_verb" in blocked and status in ("appointed", "retained", "ended"):
        return True
    if (
        "award" in blocked
        and status in ("appointed", "retained")
        and not _WORK_WORD.search(sentence)
    ):
        return True
    if "shortlist" in blocked and _in_shortlist(placed, g):
        return True
    if _owner(placed, g):
        return True
    if (
        "deal" in blocked
        and status in ("appointed", "ended", "credit")
        and not _WORK_WORD.search(sentence)
    ):
        return True
    if "stable" in blocked and status == "appointed":
        return True
    if "lost" in blocked and status in ("appointed", "ended", "retained") and _lost_near(placed, g):
        return True
    return "hypothetical" in blocked and status in ("appointed", "ended")


def _covered(
    read: list[Relation], agency: str, entry: AgencyEntry | None, brand: str | None
) -> bool:
    for r in read:
        same_agency = (
            entry is not None and r.entry is not None and r.entry.name == entry.name
        ) or same_name(r.agency, agency)
        if same_agency and (brand is None or not r.brand or same_name(r.brand, brand)):
            return True
    return False


def _scored_pairs(
    sentence: str,
    read: list[Relation],
    gazetteer: Gazetteer,
    model: PairModel,
    people: frozenset[str],
    vocab: frozenset[str],
) -> list[Relation]:
    """The relations of the pairs no frame joined whose score reaches the model's threshold."""
    text = normalise(sentence)
    if not text or text.isupper() and len(text) > 40:
        return []
    placed = place(text, gazetteer, people, vocab)
    if len(placed.names) < 1:
        return []
    blocked = _exclusions(text)
    best: dict[int, tuple[float, int | None, str]] = {}  # agency -> its most probable pair
    for c in candidates(placed):
        g, b = c.agency, c.brand
        agency = _clean(placed.names[g].text)
        # an agency the frames already read in this sentence keeps their reading (its other
        # names are its client's parent, a rival, a product)
        if _covered(read, agency, placed.names[g].entry, None):
            continue
        decided = model.decide(features(placed, c, sorted(blocked)))
        if not decided:
            continue
        status, p = decided[0]
        if status == "review" and b is None or _pair_blocked(placed, g, b, status, blocked, text):
            continue
        if g not in best or p > best[g][0]:
            best[g] = (p, b, status)
    out: list[Relation] = []
    for g, (_p, b, status) in sorted(best.items()):
        role, stated = _role_for(placed, g)
        brand = _clean(placed.names[b].text) if b is not None else ""
        out.append(
            Relation(
                brand,
                _clean(placed.names[g].text),
                role,
                status,
                sentence,
                placed.names[g].entry,
                stated,
            )
        )
    return out


# ----------------------------------------------------------------------------- simpler readings

# Trade-press sentences wrap a plain clause in asides the frames do not spell out: a discourse
# adverb ("X, meanwhile, won Y"), a long apposition after the subject ("Alquity, the 'ethical'
# investment firm that donates ..., has appointed MHP"), a described subject ("Our Emerging Agency
# of the Year, Born, won ..."), or a second predicate that shares the subject ("KFC selected A ...
# and parted ways with B"). Each is read once more without the aside; what that reading adds
# counts for the sentence as written.
_ADVERB_ASIDE = re.compile(
    r"\s*,\s*(?:meanwhile|however|too|also|though|in\s+turn|for\s+its\s+part|in\s+the\s+meantime|"
    r"additionally|similarly|likewise|meantime|again|in\s+the\s+end|ultimately|eventually)\s*,",
    re.IGNORECASE,
)
_ADVERB_LEAD = re.compile(
    r"^\W*(?:meanwhile|however|also|additionally|similarly|likewise|separately|elsewhere|first|next|finally|"
    r"in\s+addition|in\s+other\s+news|in\s+the\s+end|ultimately|eventually)\s*,\s*",
    re.IGNORECASE,
)
# "Earlier this year, KFC selected ...": an opening adverbial of time
_OPENING_PHRASE = re.compile(
    r"^\W*(?:earlier|later|last|this|in|on|during|at\s+the\s+start\s+of|by)\b[^,⟦⟧]{0,30},\s*(?=[A-Z])",
    re.IGNORECASE,
)
_NAME_WORDS = r"(?:[A-Z0-9][\w&'’.+/-]*\s*){1,6}?"
_APPOSITION = re.compile(
    rf"^(\W*{_NAME_WORDS}),\s+(?:the|a|an|which|who|whose|one\s+of)\s[^;]{{3,220}}?,\s+"
    r"(?=(?:has|have|had|is|was|were|will|also|recently|today|now)\b|[a-z]+(?:ed|s)\s)"
)
_DESCRIBED_SUBJECT = re.compile(
    rf"^\W*(?:our|the|this|a|an)\s[^,⟦⟧]{{3,60}},\s+({_NAME_WORDS}),\s+(?=[a-z])"
)
_SECOND_PREDICATE = re.compile(
    _t(
        rf"^(\W*{_NAME_WORDS})(?:has\s+|have\s+|had\s+)?[a-z]+(?:ed|s)\b[^;]*?\s*,?\s+and\s+(?:has\s+|have\s+|also\s+|then\s+)?"
        r"((?:{DROP}|{APPOINT}|{KEEP}|{HAND}|{WIN}|{LOSE})\b.*)$"
    )
)


_TIGHT_DASH = re.compile(r"(?<=[\w.'])[–—](?=[A-Za-z])")


def _simplified(sentence: str) -> list[str]:
    """The sentence without one aside at a time (see above); [] when it has none."""
    out: list[str] = []
    plain = _OPENING_PHRASE.sub("", _ADVERB_LEAD.sub("", _ADVERB_ASIDE.sub("", sentence)))
    # "SIRIM QAS International–a testing body–has teamed up": an aside between unspaced dashes
    if len(_TIGHT_DASH.findall(plain)) == 2:
        plain = _TIGHT_DASH.sub(lambda m: f" {m.group()} ", plain)
    if plain != sentence:
        out.append(plain)
    for pattern in (_APPOSITION, _DESCRIBED_SUBJECT):
        m = pattern.match(plain)
        if m:
            out.append(m.group(1).rstrip() + " " + plain[m.end() :])
    m = _SECOND_PREDICATE.match(plain)
    if m:
        out.append(m.group(1).rstrip() + " " + m.group(2))
    return out


def _same_relation(a: Relation, b: Relation) -> bool:
    return (
        a.status == b.status
        and agency_key(a.agency_name) == agency_key(b.agency_name)
        and same_name(a.brand or "-", b.brand or "-")
    )


_SUBJECT_AREF = re.compile(
    r"^\W*the\s+(?:agency|shop|indie|indy|hotshop|independent(?:\s+agency)?)(?![\w'])(?=\s*,|\s+(?:has|had|have|is|was|will|also|"
    r"won|wins|picked|took|created|made|launched|developed|handles|handled|previously|beat|fought|retained|kept|lost|"
    r"resigned|replaces|replaced|succeeds|ousted)\b)",
    re.IGNORECASE,
)


def _is_agency_name(brand: str, gazetteer: Gazetteer) -> bool:
    entry = gazetteer.get(brand)
    return entry is not None


_BRAND_POSITION_AFTER = re.compile(
    rf"^(?:'s?)?\s+(?:\"[^\"]*\"\s+|[\w-]+\s+){{0,3}}?(?:{_PIECE}|{_WORK}|collab|collaboration|ode)\b",
    re.I,
)
_TITLE_SEPARATOR = re.compile(r"^\W*[^-–—|:]{2,60}?(?:\s+[-–—|]\s+|\s*:\s+)\S")
_SUBJECT_VERB = re.compile(
    r"^(?:'s)?\s*(?:,[^,]{1,60},\s*)?\s+(?:has|have|had|is|are|was|were|will|plans|confirmed|said|announced|"
    r"appointed|hired|named|picked|selected|tapped|launched|unveiled|called|put|moved|dropped|awarded|handed|"
    r"consolidated|reviewed|retained|kept|enlisted|chose|added|signed|shifted)\b",
    re.I,
)
_OPENING = re.compile(r"(?:in|on|at|by|during|earlier|last|this|after|since)\b[^⟦⟧,;]{0,30},", re.I)
_OWNS_ACCOUNT = re.compile(rf"\b(?:its|their)\s+(?:[\w$£€.-]+\s+){{0,4}}?{_WORK}\b", re.I)
_BRAND_POSITION_BEFORE = re.compile(
    rf"\b(?:{_PIECE}|{_WORK}|collab)\s+(?:[\w-]+\s+){{0,2}}?(?:for|from)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}$",
    re.I,
)
_BRAND_POSITION_VERB = re.compile(
    r"^\s+(?:has\s+|have\s+)?(?:launch(?:es|ed)?|unveil(?:s|ed)?|debut(?:s|ed)?|releas(?:es|ed)|rolls?\s+out|rolled\s+out|"
    r"drops?|dropped|introduc(?:es|ed)|celebrat(?:es|ed)|apologi[sz](?:es|ed)|beats|wins|won|scoops|takes\s+home|"
    r"teams\s+up|partners|is\s+changing|is\s+restructuring|shifts|made)\b",
    re.I,
)

# "when Coca-Cola decided to consolidate its entire $300 million US budget", "Cadbury's decision to
# look at its media arrangements": the brand whose account the article is about
_BRAND_DECIDES = re.compile(
    r"^(?:'s\s+decision\s+(?:[\w-]+\s+){0,3}?to|\s+(?:has\s+|had\s+)?(?:decided|decides|opted|opts|chose|elected)\s+to)\s+"
    r"(?:consolidate|review|move|appoint|hand|shift|split|pitch|put|switch|drop|hire|look\s+at|call|change)\b",
    re.I,
)


def _topic(
    headline: str, snippet: str, gazetteer: Gazetteer, people: frozenset[str], vocab: frozenset[str]
) -> str:
    """The brand an article is about when no relation names one: a brand-like name the
    headline and snippet share, or one in a brand's place ("Apple's new ad", "work from Apple",
    "Apple launches ..."). None when nothing says so (a credit then has no brand)."""
    scores: dict[str, int] = {}
    order: list[str] = []
    texts = [(headline, True), (snippet, not headline.strip())]
    seen: dict[bool, list[str]] = {True: [], False: []}
    for text, in_headline in texts:
        first = True
        for sentence in split_clauses(text, headline=in_headline):
            placed = place(normalise(sentence), gazetteer, people, vocab)
            for i, n in enumerate(placed.names):
                name = _clean(n.text)
                if n.kind != "name" or not _plausible_brand(name) or _column_label(name, text):
                    continue
                if placed.text[: placed.spans[i][0]].count('"') % 2 == 1:
                    continue  # a title in quotes
                key = next((k for k in order if same_name(k, name)), None)
                if key is None:
                    key = name
                    order.append(key)
                    scores[key] = 0
                seen[in_headline].append(key)
                score = -1 if n.personish else 0
                if in_headline and first:
                    score += 1
                    # "Whistler Film Fest messes with Hollywood", "Sky Spa elevates its look": a
                    # headline that opens with the name as the subject of its verb
                    if (
                        i == 0
                        and not placed.text[: placed.spans[0][0]].strip(" \"'")
                        and re.match(r"\s+[a-z]{3,}(?:es|s)\b", placed.after(0, 20))
                    ):
                        score += 1
                    # "Chicken Licken - When Love Is Tough", "Hinge: It's Funny We Met": a work
                    # headline leads with the brand, then a dash or colon and the work's title
                    if _TITLE_SEPARATOR.match(headline) and normalise(headline).startswith(n.text):
                        score += 1
                after, before = placed.after(i, 60), placed.before(i, 40)
                if (
                    _BRAND_POSITION_AFTER.match(after)
                    and not re.search(r"\b(?:its|their)\s+$", before)
                ) or (_BRAND_POSITION_BEFORE.search(before)):
                    score += 2
                lead = placed.text[: placed.spans[i][0]].strip(" \"'-–—•*")
                # the sentence's subject, perhaps after an opening adverbial ("In February, X put ...")
                if _SUBJECT_VERB.match(after) and (not lead or _OPENING.fullmatch(lead)):
                    score += 1
                    # ... that the sentence says owns an account ("X is ... as its ad account moves")
                    if _OWNS_ACCOUNT.search(placed.text[placed.spans[i][1] :]):
                        score += 1
                if (
                    _BRAND_POSITION_VERB.match(after)
                    or _BRAND_DECIDES.match(after)
                    or re.search(r"\bclient\s*,?\s*$", before, re.I)
                ):
                    score += 2  # "X launches ..."; "founding client X"
                scores[key] += score
                first = False
    for key in order:
        if key in seen[True] and key in seen[False]:
            scores[key] += 2
    best = max(order, key=lambda k: scores[k], default="")
    return best if best and scores[best] >= 2 else ""


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
    """Item-level rules: a named incumbent is the review's, or the loser when the article
    reports another agency appointed or it ended; an agency that holds the account is the loser
    (another agency appointed for the role), the review's incumbent (the article reports a
    review) or the brand's agency (a credit); a named incumbent's review stands for the
    account's review; a review that ended in an appointment or a retention is that result; a
    credit for a pair the same item reports ended or in review is that past relationship."""
    revised = []
    holders = {
        (r.brand.lower(), agency_key(r.agency_name))
        for r in found
        if r.status in ("incumbent", "holder")
    }

    def others_appointed(r: Relation, same_role: bool) -> bool:
        return any(
            o.status == "appointed"
            and same_name(o.brand, r.brand)
            and o.agency_name != r.agency_name
            and (not same_role or o.role == r.role or "other" in (o.role, r.role))
            for o in found
        )

    for r in found:
        if r.status == "appointed" and (r.brand.lower(), agency_key(r.agency_name)) in holders:
            continue  # named incumbent and appointed: kept (below)
        if r.status in ("incumbent", "holder"):
            if any(
                o.status in ("appointed", "retained")
                and same_name(o.brand, r.brand)
                and o.agency_name == r.agency_name
                for o in found
            ) and (
                r.status == "holder"
                or any(o.status == "retained" and o.agency_name == r.agency_name for o in found)
            ):
                r = replace(r, status="retained")
            else:
                lost = any(
                    o.status == "ended"
                    and same_name(o.brand, r.brand)
                    and o.agency_name == r.agency_name
                    for o in found
                )
                reviewed = review_cue or any(
                    o.status == "review" and same_name(o.brand, r.brand) for o in found
                )
                if r.status == "incumbent":
                    # "VCCP is the incumbent": an incumbent is the incumbent of a contest, when
                    # the item reports one; "the work of incumbent creative agency X" alone
                    # reports no review, only that X is the brand's agency
                    status = (
                        "ended"
                        if lost or others_appointed(r, False)
                        else "review"
                        if reviewed
                        else "credit"
                    )
                else:
                    status = (
                        "ended"
                        if lost or others_appointed(r, True)
                        else "review"
                        if reviewed
                        else "credit"
                    )
                r = replace(r, status=status)
        revised.append(r)
    found = _merge(revised)
    named_review = [r.brand for r in found if r.status == "review" and r.agency]
    named_review += [r.brand for r in found if r.status in ("appointed", "retained")]
    closed = {
        (r.brand.lower(), agency_key(r.agency_name))
        for r in found
        if r.status in ("ended", "review")
    }
    ended = {(r.brand.lower(), agency_key(r.agency_name)) for r in found if r.status == "ended"}
    out = []
    for r in found:
        if (
            r.status == "review"
            and not r.agency
            and any(same_name(r.brand, b) for b in named_review)
        ):
            continue
        if r.status == "credit" and (r.brand.lower(), agency_key(r.agency_name)) in closed:
            continue
        if (
            r.status == "review"
            and r.agency
            and (r.brand.lower(), agency_key(r.agency_name)) in ended
        ):
            continue
        out.append(r)
    return _review_incumbents(out)


def _review_incumbents(found: list[Relation]) -> list[Relation]:
    """ "HomeGoods placed its account in review. Incumbent Gotham will not defend.": a review
    read without an agency is the named incumbent's, when the item calls an agency of the same
    brand the incumbent and appoints or keeps none (the incumbent's own relation stays)."""
    out: list[Relation] = []
    for r in found:
        if (
            r.status != "review"
            or r.agency
            or any(
                o.status in ("appointed", "retained") and same_name(o.brand, r.brand) for o in found
            )
        ):
            out.append(r)
            continue
        named = [
            o
            for o in found
            if o.agency
            and o.status in ("ended", "review")
            and same_name(o.brand, r.brand)
            and re.search(
                rf"\bincumbents?\s*,?\s+(?:[\w-]+\s+){{0,3}}?{re.escape(o.agency)}\b",
                normalise(o.sentence),
                re.I,
            )
        ]
        if not named:
            out.append(r)
            continue
        for o in named:
            if not any(
                x.status == "review"
                and x.agency_name == o.agency_name
                and same_name(x.brand, r.brand)
                for x in out
            ):
                out.append(replace(r, agency=o.agency, entry=o.entry))
    return out


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
    initials = "".join(w[0] for w in words).upper()
    # "STC" and "Saudi Telecom": the short form's last letter may be the company's legal word
    company = (
        len(words) >= 2
        and len(short) == len(initials) + 1
        and short[-1] in "CG"
        and short[:-1] == initials
    )
    return short.isupper() and 2 <= len(short) <= 5 and (initials == short or company)


def _joined_agencies(found: list[Relation]) -> list[Relation]:
    """ "appointed Saints and Warriors as its creative agency": two unlisted names joined by
    "and" before a singular "agency" are one agency's name, not two agencies."""
    out: list[Relation] = []
    skip: set[int] = set()
    for i, a in enumerate(found):
        if i in skip:
            continue
        for j in range(i + 1, len(found)):
            b = found[j]
            if (
                j in skip
                or a.entry is not None
                or b.entry is not None
                or (a.sentence, a.status, a.brand) != (b.sentence, b.status, b.brand)
            ):
                continue
            joined = f"{a.agency} and {b.agency}"
            if re.search(
                rf"\b{re.escape(joined)}\s+as\s+(?:its|their|the|a|an)\s+(?:[\w-]+\s+){{0,3}}?agency\b(?!\s+of\s+record\s+and)",
                normalise(a.sentence),
            ):
                a = replace(a, agency=joined)
                skip.add(j)
        out.append(a)
    return out


def _nickname(short: str, long: str) -> bool:
    """ "Woolies" and "Woolworths", "Maccas" and "McDonald's" aside: a one-word name that is a
    clipped form of another one-word name the item gives (its stem, less a pet ending such as
    -ies or -ie, begins the longer name and is at least four letters long)."""
    if " " in short or " " in long or len(short) >= len(long):
        return False
    stem = re.sub(r"(?:ies|ie|ys|y|s|o|z)$", "", short.lower())
    return (
        len(stem) >= 4
        and long.lower().startswith(stem)
        and not long.lower().startswith(short.lower())
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


def _discipline(r: Relation) -> str:
    """The role that keeps two relations apart: only in a sentence that gives one agency two
    disciplines ("its creative and media account"); elsewhere a role is no distinction."""
    if (
        not r.role_stated
        or r.status not in ("appointed", "retained")
        or r.role not in ("creative", "media", "pr", "digital")
    ):
        return ""
    return r.role if _ROLE_PAIR.search(r.sentence) else ""


def _merge(found: list[Relation]) -> list[Relation]:
    """One relation per (brand, agency, status): the headline's, with the better role."""
    out: list[Relation] = []
    for r in found:
        twin = next(
            (
                o
                for o in out
                if o.status == r.status
                and (_discipline(o) == _discipline(r) or not _discipline(o) or not _discipline(r))
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
            if (
                r.agency
                and twin.agency
                and len(r.agency) > len(twin.agency)
                and (
                    r.agency.startswith(twin.agency)
                    or (twin.entry is None and _similar_agency(twin.agency, r.agency))
                )
            ):
                # "Publicis Groupe"; "WE Communications" for the headline's "WE Comms"
                better = replace(better, agency=r.agency, entry=r.entry or twin.entry)
            out[out.index(twin)] = better
    return out
