"""The ask-guard's reading of a sentence as a speech act: what the sentence does to the reader.

The phrase lists of ``dossier/data/asks.toml`` name the words of asks someone has seen; each
new batch of real outreach holds asks in words nobody listed (see ``eval/asks/``). What those
asks share is their grammar, not their words: a request or an offer addressed to the reader
("Can you reconnect with me in early August!", "Please sign the petition", "I can get you set
up this week"), a time put to the reader ("How does next Wednesday at 11am sound?"), a deal
("In return, your company will be included ..."), a claim of fit ("X would be the perfect guest
for your show"), what we did for others ("We helped [Similar Company] solve this exact issue"),
a chase ("I haven't heard back"), a hope that the reader keeps buying. A warm line does
something else: it wishes, congratulates, condoles, thanks for what happened, or hands over
what was promised.

:func:`acts` reads a sentence clause by clause (names, numbers and template slots masked, the
contractions spelt out, as the classifier reads it) and names the acts it performs, from
:data:`ASK_ACTS` and :data:`WARM_ACTS`. :func:`structure_asks` turns every ask act into a
warning (one per sentence); the classifier (``ask_model.py``) also reads the acts as features.
Pure functions of the text: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ..writing.neutrality import Finding, mask, mask_proper_names, sentence_spans

#: Template slots and placeholders ("[Name]", "{{ contact.first_name }}", "__(name)__",
#: "<personalise>") carry no words of ours: each becomes one token.
_SLOT = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{[^{}]*\}|\[[^\[\]]*\]|__\(.*?\)__|<[^<>]*>")
_CONTRACTIONS = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"'s\b"), " 's"),
)
_TOKEN = re.compile(r"[a-z]+|'s|\d+|[?!]")


def tokens(text: str, names: Sequence[str] = ()) -> list[str]:
    """The sentence as the model reads it: names, URLs, slots and numbers masked, lower case,
    contractions spelt out ("I'd" -> "i would"), with "?" and "!" kept as tokens."""
    text = mask_proper_names(mask(text, names))
    text = _SLOT.sub(" slot ", text).replace("’", "'").replace("‘", "'").lower()
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return ["num" if t.isdigit() else t for t in _TOKEN.findall(text)]


#: What each ask act is, as the warning says it.
ASK_ACTS: dict[str, str] = {
    "directive": "an instruction to the reader (please ..., let's ..., join us, feel free to)",
    "request": "a question that asks the reader to do something or to say yes",
    "time": "a time or a next step put to the reader",
    "offer": "an offer to do something for the reader",
    "deal": "a proposal or something offered in return",
    "fit": "a claim that we (or what we bring) would suit the reader",
    "track_record": "what we did for others",
    "chase": "chasing a reply",
    "keep_buying": "a hope that the reader keeps using or supporting us",
    "consideration": "thanks for considering a request",
    "outreach": "a sentence about the outreach itself",
    "win_back": "asking a lost customer back",
    "diagnosis": "an unasked diagnosis of the reader's business",
    "benefit": "a promise of what we would save or earn the reader",
    "self_promotion": "news of our own business",
    "service": "what we do for clients like the reader (we help / work with / build for ...)",
    "referral": "a request for an introduction or a referral",
    "conditional_offer": "an offer held out on a condition the reader may meet (if you ..., I am here)",
    "disclaimer": "a disclaimer of an ask (no strings attached, no agenda, no rush)",
}
#: The acts of a warm line.
WARM_ACTS: dict[str, str] = {
    "wish": "a wish for the reader",
    "congratulation": "a congratulation",
    "condolence": "sympathy",
    "thanks": "thanks for something that happened",
    "handover": "a handover or transition",
    "gift": "the reader's own work handed back",
    "news": "news shared, nothing asked",
    "welcome": "a welcome to the reader's new team",
}
CATEGORY = "speech_act"

_CLAUSE = re.compile(r"\s*(?:[,;:—–(]|\s-\s|\.\.\.|…)\s*|\s+(?:and|but|so)\s+")
# Words a clause may open with before its verb: "So please ...", "And let's ...", "P.S. ...".
_FILLER = r"(?:(?:so|and|but|also|just|then|now|oh|ps|p s|hey|hi|slot|num)\s+)*"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# -- ask acts, on the masked tokens of one clause joined by single spaces ----------------------

_OFFER_VERB = (
    r"(?:get|set|send|share(?!\s+(?:some\s+|the\s+|my\s+|our\s+|\w+\s+)?news)|show|help|walk|"
    r"introduce|connect|put|arrange|provide|give|"
    r"bring|offer|do|make|run|prepare|tailor|build|create|design|handle|support|assist|"
    r"deliver|find|solve|save|grow|improve|boost|increase|point|talk|explain|jump|hop)"
)
_PLEASE_WARM = (
    r"(?:accept|know|enjoy|pass|extend|take\s+care|give\s+(?:my|our)|remember|keep\s+(?:well|safe)|"
    r"join\s+(?:me|us)\s+in\s+\w+ing|help\s+(?:me|us)\s+(?:welcome|congratulate|thank|wish|celebrate)|"
    r"rest|look\s+after|don't\s+worry|do\s+not\s+worry|"
    # Care for the reader's own wellbeing: "Please prioritize your health", "please get some
    # rest", "please take the time you need to recover".
    r"prioriti[sz]e\s+(?:your|yourself)|focus\s+on\s+(?:your\s+)?(?:health|recovery|getting\s+(?:well|better))|"
    r"get\s+(?:some\s+|plenty\s+of\s+)?rest|get\s+well|stay\s+(?:well|safe|healthy)|be\s+well|"
    r"take\s+(?:the\s+|all\s+the\s+|some\s+)?(?:necessary\s+)?time\s+(?:you\s+need\s+)?(?:to\s+(?:rest|recover|heal)|off))"
)
_IMPERATIVE = (
    r"(?:call|ring|phone|email|e\s+mail|reply|respond|write|contact|reach|book|schedule|sign|"
    r"drop|text|message|ping|grab|pick|choose|click|visit|register|rsvp|shoot|send\s+(?:me|us)|"
    r"tell\s+(?:me|us)|give\s+(?:me|us)|feel\s+free|do\s+not\s+hesitate|don't\s+hesitate|"
    r"get\s+in\s+touch|hit\s+reply|come\s+(?:join|see|visit|by|and|celebrate|along)|"
    r"meet\s+(?:me|us)|set\s+(?:num|aside|up)|forward\s+this|loop\s+(?:me|us)|download|"
    r"sign\s+up|claim|try\s+(?:it|our|slot)|start\s+(?:a|your)\s+free|"
    # A form put to the reader: "Request an extension here", "Reserve your spot", "Secure
    # your seat", "Complete your order".
    r"request\s+(?:a|an|your|our|the|more|slot)|reserve|secure\s+(?:a|an|your)|"
    r"complete\s+your|finish\s+your|"
    # A purchase put to the reader: "Upgrade now", "Subscribe today", "Renew before ...".
    r"upgrade|subscribe|buy|purchase|renew|order\s+(?:now|today|yours|your|our|slot))"
)
_LET_US = (
    r"(?:meet|talk|chat|make|set|get|schedule|catch|connect|start|find|discuss|explore|work|"
    r"grab|have|network|plan|keep\s+in\s+touch|stay\s+in\s+touch|do\s+(?:it|this|lunch))"
)
_TIME = (
    r"(?:next\s+(?:week|month|quarter|year|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|time)|this\s+(?:week|month|quarter|friday|afternoon|coming)|tomorrow|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:at|or|morning|afternoon)|"
    r"num\s*(?:am|pm)|(?:early|mid|late|in)\s+(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)|in\s+the\s+(?:next|coming)\s+(?:few\s+)?"
    r"(?:days|weeks|months)|within\s+(?:the\s+)?(?:next\s+)?num\s+(?:hours|days)|"
    r"(?:in|for)\s+(?:a\s+)?(?:few|couple\s+of|num)\s+(?:weeks|months|minutes)|"
    r"num\s+minutes?|in\s+a\s+(?:month|week)\s+or\s+two)"
)
# An offer is made to the reader: "show you", "share how ...", "help" at the end of the clause.
_FOR_YOU = r"(?=(?:\s+\w+){0,3}?\s+(?:you|your|yours|slot|more|how|what|why)\b|\s*[?!]?$)"
_FUTURE_CONTACT = (
    r"(?:follow\s+up|reach\s+out|call|phone|email|be\s+in\s+touch|get\s+back|circle\s+back|"
    r"check\s+(?:in|back)|touch\s+base|ping|drop\s+(?:you|by)|try\s+(?:you|again)|reconnect)"
)

# The parts of "our service": the writer's verbs of serving and making, the quantity before a
# class of clients, and the class itself ("e-commerce founders", "slot companies", "brands like
# yours"); "your", "our" and "the" before the class make it someone we know, not a market.
_WRITER = r"(?:i|we|our\s+(?:agency|team|firm|studio|company|business|group|practice|consultancy))"
_ADVERBS = (
    r"(?:\s+(?:have\s+been|had\s+been|have|am|are|also|now|currently|recently|often|mainly|"
    r"mostly|primarily|typically|usually|regularly|already|specifically|especially|only|still|"
    r"largely|exclusively))*"
)
_SERVE = (
    r"\s+(?:help(?:s|ing|ed)?|work(?:s|ing|ed)?\s+with|partner(?:s|ing|ed)?\s+with|"
    r"serv(?:e|es|ing|ed)|support(?:s|ing|ed)?|advis(?:e|es|ing|ed)|coach(?:es|ing|ed)?|"
    r"speciali[sz](?:e|es|ing|ed)\s+in\s+(?:helping|working\s+with|serving)?)"
)
_MAKE = r"\s+(?:build|make|create|design|deliver|provide|offer|develop|produce|write|run)(?:s|ing)?"
_QUANTITY = (
    r"(?:a\s+(?:handful|number|lot|few|range|variety)\s+of\s+|some\s+of\s+the\s+|many\s+|"
    r"several\s+|a\s+few\s+|other\s+|similar\s+|num\s+|dozens\s+of\s+|hundreds\s+of\s+)?"
)
_OTHERS = r"(?:(?!(?:you|your|our|my|his|her|their|the|this|that|these|those)\b)\w+\s+){0,3}?"
_CLIENTS = (
    r"(?:companies|company|clients|customers|brands|teams|businesses|firms|agencies|"
    r"organi[sz]ations|startups|start\s+ups|founders|leaders|executives|marketers|retailers|"
    r"manufacturers|practices|owners|cmos|ceos|vps|directors|managers|professionals|"
    r"(?:people|others|ones|folks)\s+like\s+you)\b"
)
# What "would love to ..." may go on to say and still ask nothing: thanks, wishes, a welcome.
_WARM_TO = (
    r"(?:say|thank|congratulate|wish|express|extend|welcome|have\s+you|see\s+you|celebrate|"
    r"hear\s+(?:the\b|that\b|of\b|you\s+(?:are|have|were|got)\b|about\s+(?:the|your\s+(?:new|move|"
    r"appointment|promotion|news|retirement|award|recovery|wedding|engagement)))|read|learn\s+(?:of|that|about\s+your)|"
    r"be\s+(?:part|included)|know\s+that|report|announce|share\s+(?:\w+\s+)?news)"
)

_ASK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # please / kindly + a verb that is not a courtesy ("please accept my sympathy").
    ("directive", _c(rf"^{_FILLER}(?:please|kindly)\s+(?!{_PLEASE_WARM}\b)(?:do\s+)?\w+")),
    ("directive", _c(rf"^{_FILLER}{_IMPERATIVE}\b")),
    ("directive", _c(rf"^{_FILLER}let\s+(?:me|us)\s+(?:know|hear)\b")),
    ("directive", _c(rf"^{_FILLER}let\s+us\s+{_LET_US}\b")),
    ("directive", _c(rf"^{_FILLER}join\s+(?:me|us)\b(?!\s+in\s+\w+ing)")),
    (
        "directive",
        _c(rf"^{_FILLER}let\s+(?:me|us)\s+(?:text|send|share|show|walk|set|book|get|introduce)\b"),
    ),
    ("directive", _c(r"\b(?:why\s+not|shall\s+we|what\s+do\s+you\s+say)\b")),
    ("directive", _c(r"\bfeel\s+free\s+to\b|\bdo\s+not\s+hesitate\s+to\b")),
    # "Can you ...?", "Would you like ...?", "Won't you join me ...?", "May I send ...?"
    (
        "request",
        _c(
            r"^(?:\w+\s+)?(?:(?:can|could|would|will|might|shall)\s+(?:not\s+)?(?:you|we|i)|"
            r"may\s+(?:i|we))\s+(?!(?:not\s+)?(?:believe|imagine|guess|ever|forget|remember|miss|always|never|be\s+sad)\b)"
            r"\w+.*[?!]"
        ),
    ),
    ("request", _c(r"\bwould\s+it\s+(?:be\s+)?(?:make\s+sense|be\s+\w+|help)\b.*\?")),
    # ... and the same without its question mark.
    ("request", _c(r"^(?:\w+\s+)?would\s+you\s+(?:be|like|mind|consider|care)\b")),
    (
        "request",
        _c(
            r"^(?:\w+\s+)?(?:could|can)\s+you\s+(?:please\s+)?(?:send|let|tell|share|confirm|"
            r"reply|call|forward|introduce|connect|point|recommend)\b"
        ),
    ),
    ("offer", _c(r"\b(?:do\s+you\s+)?want\s+(?:me|us)\s+to\b")),
    (
        "request",
        _c(
            r"\b(?:love|appreciate|value|welcome)\s+(?:your|any)\s+(?:feedback|thoughts|input|"
            r"perspective|advice|opinion|reply|response)\b"
        ),
    ),
    (
        "request",
        _c(r"^(?:\w+\s+)?(?:is\s+it\s+)?worth\s+(?:a|an|num|the|it|exploring|\w+ing)\b.*\?"),
    ),
    (
        "request",
        _c(r"\b(?:do|did)\s+you\s+have\s+(?:time|num|a\s+few|any|a\s+moment|a\s+minute)\b"),
    ),
    (
        "request",
        _c(
            r"\bare\s+you\s+(?:still\s+|currently\s+|at\s+all\s+)?(?:open|free|available|"
            r"interested|up\s+for|the\s+right\s+person|facing|happy\s+with|looking|planning|"
            r"considering)\b"
        ),
    ),
    ("request", _c(r"^(?:\w+\s+)?(?:still\s+)?interested\b.*\?|\bany\s+interest\b")),
    (
        "request",
        _c(r"\b(?:how|what)\s+(?:does|do|would|about)\s+.*\b(?:sound|work|suit)s?\b.*\?"),
    ),
    (
        "request",
        _c(r"\bwhen\s+(?:would|is|are|will)\b.*\b(?:good|convenient|best|free|available)\b"),
    ),
    (
        "request",
        _c(
            r"\bwhat\s+(?:do\s+you\s+think|are\s+your\s+thoughts)\b|\bany\s+thoughts\b|"
            rf"^{_FILLER}(?:thoughts|interested|keen|open\s+to\s+it)\s*\?"
        ),
    ),
    ("request", _c(r"\b(?:minutes?|moment|hour)\s+of\s+your\s+time\b")),
    # The polite forms of a request: "I was wondering if you ...", "I would appreciate your
    # thoughts", "it would be great if you could", "if you are interested".
    ("request", _c(r"\b(?:wondering|wonder)\s+(?:if|whether)\s+(?:you|we|i)\b")),
    (
        "request",
        _c(
            r"\b(?:would|will)\s+(?:really\s+|greatly\s+|so\s+)?appreciate\s+(?:it\s+if|your|a\b|"
            r"any|the\s+(?:chance|opportunity)|you)"
        ),
    ),
    (
        "request",
        _c(r"\bwould\s+be\s+(?:great|wonderful|helpful|nice|ideal|good)\s+if\s+(?:you|we)\b"),
    ),
    (
        "request",
        _c(
            r"\bif\s+you\s+(?:are|were|would\s+be|happen\s+to\s+be|feel)\s+(?:\w+\s+)?(?:interested|"
            r"open|keen|curious|free|available|up\s+for|like\s+(?:it|this|to))\b"
        ),
    ),
    (
        "request",
        _c(
            r"\b(?:keep|stay)\s+in\s+touch\b|\bkeep\s+(?:me|us)\s+(?:posted|updated|in\s+mind|"
            r"in\s+the\s+loop)\b|\bhope\s+to\s+(?:work|partner|do\s+business|collaborate)\b"
        ),
    ),
    (
        "offer",
        _c(
            r"\bif\s+(?:you\s+)?(?:ever\s+)?need\s+(?:anything|any|help|a\s+hand|support|more|"
            r"someone)\b|\bif\s+there\s+is\s+anything\s+(?:else\s+)?(?:i|we)\s+can\b"
        ),
    ),
    (
        "offer",
        _c(
            r"\b(?:i|we)\s+would\s+(?:love|like|welcome)\s+to\s+(?!(?:\w+\s+)?(?:say|thank|"
            r"congratulate|wish|express|extend|let\s+you\s+know|inform|announce|acknowledge|"
            r"recognize|recognise|take\s+this|begin|start\s+by|remind|welcome\s+(?:you\s+)?"
            r"(?:to\s+the\s+team|aboard)|offer\s+(?:my|our)|share\s+(?:\w+\s+)?news|make\s+the\s+"
            r"transition|see\s+you\s+(?:succeed|thrive|grow|flourish|shine|do\s+well))\b)"
        ),
    ),
    ("request", _c(r"\bneed\s+(?:a|your)\s+(?:decision|approval|sign\s+off|go\s+ahead)\b")),
    (
        "request",
        _c(
            r"\blook(?:ing)?\s+forward\s+to\s+(?:chatting|speaking|talking|hearing\s+from\s+you|"
            r"connecting|discussing|exploring|your\s+(?:reply|response|thoughts))\b"
        ),
    ),
    (
        "request",
        _c(r"\b(?:great|good|nice|wonderful)\s+to\s+(?:get\s+in\s+touch|connect|set\s+up)\b"),
    ),
    ("time", _c(rf"\b(?:you|we|us|me)\b.*\b{_TIME}\b.*\?|\b{_TIME}\b.*\b(?:you|we)\b.*\?")),
    (
        "time",
        _c(
            rf"\b(?:i|we)\s+(?:will|shall|would|am\s+going\s+to|plan\s+to|want\s+to|hope\s+to)\s+"
            rf"(?:\w+\s+)?{_FUTURE_CONTACT}\b"
        ),
    ),
    (
        "offer",
        _c(
            rf"\b(?:i|we)\s+(?:can|could)\s+(?:also\s+|easily\s+|quickly\s+)?{_OFFER_VERB}\b"
            rf"{_FOR_YOU}"
        ),
    ),
    (
        "offer",
        _c(
            rf"\b(?:happy|glad|delighted|pleased|keen|love|like)\s+to\s+(?:\w+\s+)?{_OFFER_VERB}\b"
            rf"{_FOR_YOU}"
        ),
    ),
    (
        "offer",
        _c(r"\b(?:i|we)\s+would\s+(?:love|like|welcome)\s+(?:the\s+)?(?:opportunity|chance)\b"),
    ),
    ("offer", _c(r"\b(?:if|in\s+case)\s+(?:it\s+is\s+|it\s+would\s+be\s+)?(?:helpful|useful)\b")),
    (
        "deal",
        _c(
            r"\bin\s+(?:return|exchange)\b|\b(?:propose|proposing|proposal\s+for)\b|"
            r"\bfor\s+free\b|\bfree\s+(?:pilot|trial)\b|"
            r"\b(?:i|we)\s+(?:am|are)\s+looking\s+for\s+(?:num\s+)?(?:\w+\s+)?(?:agencies|partners|"
            r"sponsors|clients|companies|brands|businesses|teams)\b|\bsponsors?\b"
        ),
    ),
    (
        "fit",
        _c(
            r"\b(?:perfect|ideal|great|natural|good|right|strong)\s+(?:fit|match|guest|partner|"
            r"addition|candidate|choice|solution)\s+for\s+(?:you|your|slot)\b|"
            r"\b(?:is|seems|would\s+be|sounds|looks)\s+(?:like\s+)?(?:a|the)\s+(?:great|perfect|"
            r"good|natural|strong)\s+fit\b"
        ),
    ),
    (
        "track_record",
        _c(
            r"\b(?:we|i)\s+(?:have\s+)?(?:helped|help|enabled|partnered\s+with|are\s+working\s+with)\s+"
            r"(?:slot|similar|other|many|companies|clients|brands|teams|businesses|firms|agencies|"
            r"num|dozens|hundreds)\b"
        ),
    ),
    (
        "chase",
        _c(
            r"\b(?:have\s+not|did\s+not|never)\s+heard\s+(?:back|from\s+you)\b|\bin\s+case\s+it\s+"
            r"got\s+(?:buried|lost)\b|\bbump(?:ing)?\s+(?:this|it)\b|\b(?:my\s+(?:last|final)|one\s+last|"
            r"final)\s+(?:email|try|attempt|note|message)\b|\bclose\s+(?:the\s+loop|your\s+file|out\s+my\s+file|"
            r"the\s+file)\b|\bstop\s+(?:following\s+up|emailing|reaching\s+out)\b|"
            r"\bmake\s+sure\s+you\s+saw\b|\b(?:i|we)\s+(?:sent|emailed|wrote|left)\s+(?:you\s+)?"
            r"(?:a|an|my)\s+(?:quick\s+)?(?:note|email|message|voicemail)\b"
        ),
    ),
    (
        "keep_buying",
        _c(
            r"\b(?:hope|trust)\s+(?:that\s+)?you\s+(?:will\s+|would\s+)?continue\s+(?:to\s+)?"
            r"(?:support|supporting|choose|choosing|use|using|work|working|trust|trusting|partner)\b"
        ),
    ),
    (
        "consideration",
        _c(r"\b(?:thank\s+you|thanks)\b.*\bfor\s+(?:your\s+)?consider(?:ing|ation)\b"),
    ),
    (
        "outreach",
        _c(
            r"\bcold\s+(?:email|call|outreach|message)\b|\b(?:reason|purpose)\s+(?:why\s+)?"
            r"(?:for|of|i\s+am|we\s+are)\s+(?:my\s+|this\s+)?(?:email|note|message|outreach|"
            r"reaching|writing|letter|contacting|emailing|calling)\b"
        ),
    ),
    (
        "win_back",
        _c(
            r"\bwant\s+you\s+back\b|\bmiss\s+out\b|\bwe\s+are\s+offering\s+you\b|"
            r"\bcould\s+have\s+done\s+better\b|\bmade\s+you\s+leave\b|\bcome\s+back\s+to\s+us\b"
        ),
    ),
    (
        "diagnosis",
        _c(
            r"\b(?:noticed|notice|see|saw)\s+(?:that\s+)?(?:you|your|slot)\b(?:\s+\w+){0,3}?\s+"
            r"(?:have\s+not|has\s+not|are\s+not|is\s+not|do\s+not|does\s+not|lacks?|missing|"
            r"decreased|dropped|struggl\w*)\b"
        ),
    ),
    (
        "benefit",
        _c(
            r"\b(?:might|may|will|could|can|would)\s+(?:\w+\s+)?(?:save|earn|cut|boost|grow|"
            r"increase|double)\s+(?:you|your)\b"
        ),
    ),
    (
        "self_promotion",
        _c(
            r"\b(?:i|we)\s+(?:am|are)\s+(?:currently\s+|now\s+)?(?:building|launching|raising|"
            r"hiring|expanding)\b|\bwe\s+have\s+(?:\w+\s+){0,2}?(?:new\s+)?clients\b|"
            r"\bwe\s+have\s+(?:consistently\s+|always\s+)?delivered\b|\b(?:we|i)\s+love\s+our\s+"
            r"(?:new\s+)?clients\b"
        ),
    ),
    # The soft ask's closed set of forms, read by their structure rather than their words.
    # Our service told to the reader: the writer as agent, a verb of serving, and a class of
    # clients as its beneficiary ("I work with e-commerce founders ...", "We've been working
    # with a handful of slot companies", "we build ... for startups"); the reader's own team
    # ("I always enjoyed working with your team") is a memory, not a client class.
    ("service", _c(rf"\b{_WRITER}{_ADVERBS}{_SERVE}\s+{_QUANTITY}{_OTHERS}{_CLIENTS}")),
    (
        "service",
        _c(
            rf"\b{_WRITER}{_ADVERBS}{_MAKE}\s+(?:\w+\s+){{0,6}}?for\s+{_QUANTITY}{_OTHERS}{_CLIENTS}"
        ),
    ),
    ("service", _c(rf"\b{_WRITER}{_ADVERBS}\s+speciali[sz](?:e|es|ing)\s+in\b")),
    # The same in the present, with the class left as a template slot: "I work with slot on
    # slot", "we partner with slot to ..." (a handover says "I will be working with slot").
    ("service", _c(r"\b(?:i|we)\s+(?:work|partner|consult)\s+with\s+slot\s+(?:on|to|in|across)\b")),
    ("service", _c(r"\b(?:i|we)\s+(?:recently|previously|just)\s+(?:worked|partnered)\s+with\b")),
    (
        "track_record",
        _c(
            rf"\b(?:i|we)\s+(?:have\s+been|had\s+been|are|am)\s+helping\s+(?:slot|{_QUANTITY}{_OTHERS}{_CLIENTS})"
        ),
    ),
    ("track_record", _c(r"\bcase\s+stud(?:y|ies)\b|\bsuccess\s+stor(?:y|ies)\b")),
    # What we have seen in the reader's market, the lead-in to a pitch: "Every marketing leader
    # I talk to has the same problem", "I've been tracking companies in the ... space".
    (
        "diagnosis",
        _c(
            r"\b(?:every|most|many|all|a\s+lot\s+of|lots\s+of)\s+(?:\w+\s+){0,3}?(?:i|we)\s+"
            r"(?:talk|speak|work|meet)\s+(?:to|with)\b"
        ),
    ),
    (
        "diagnosis",
        _c(
            rf"\b(?:i|we)\s+(?:have\s+been|am|are|been)\s+(?:tracking|following|studying|"
            rf"researching|analy[sz]ing|watching|seeing)\s+{_QUANTITY}{_OTHERS}{_CLIENTS}"
        ),
    ),
    # An idea held out to the reader: "I have a thought on how to fix this".
    (
        "offer",
        _c(
            r"\b(?:i|we)\s+(?:have|have\s+got|got)\s+(?:a|an|some|a\s+few|num|two|three|several|"
            r"one|another)\s+(?:\w+\s+)?(?:thought|thoughts|idea|ideas|suggestions?|insights?|tips|"
            r"recommendations|observations|plan)\s+(?:on|for|about|that|to|how|regarding|you)\b"
        ),
    ),
    # The offer without its subject: "Would love to connect", "Would be great to connect and
    # share some insights", "Love to hear what you think" (not "Happy to have you on board").
    (
        "offer",
        _c(
            rf"^{_FILLER}(?:would|'d)\s+(?:love|like|be\s+(?:great|good|nice|happy|glad|keen|wonderful|delighted))\s+to\s+(?!{_WARM_TO}\b)\w+"
        ),
    ),
    ("offer", _c(rf"^{_FILLER}(?:love|happy|glad|keen|eager)\s+to\s+(?!{_WARM_TO}\b)\w+")),
    # A meeting put as a bare noun phrase: "Quick call to share what they did?", "Coffee next
    # week?".
    (
        "request",
        _c(
            rf"^{_FILLER}(?:a\s+)?(?:quick\s+|short\s+|brief\s+|virtual\s+)?(?:call|chat|coffee|"
            r"meeting|demo|catch\s+up|intro|conversation|lunch)\b.*\?"
        ),
    ),
    # A request for an introduction or a referral: "If anyone comes to mind, a quick
    # introduction means the world to me", "I'd love an intro", "know anyone who ...".
    (
        "referral",
        _c(
            r"\b(?:know|knows)\s+(?:of\s+)?(?:anyone|anybody|someone|somebody|any\s+(?:other\s+)?\w+s)"
            r"\s+(?:else\s+)?(?:who|that|in|dealing|looking|needing|interested)\b|"
            r"\b(?:anyone|someone|somebody|anybody)\s+(?:\w+\s+){0,4}?comes?\s+to\s+mind\b|"
            r"\b(?:anyone|someone|somebody|anybody|people)\s+(?:in\s+your\s+(?:\w+\s+)?(?:network|"
            r"circle|team|world)\s+)?(?:who\s+)?(?:might|could|would)\s+(?:benefit|need|use|be\s+interested)\b|"
            r"\b(?:would|will)\s+(?:really\s+|greatly\s+)?(?:love|appreciate|welcome|value|be\s+(?:so\s+|"
            r"very\s+|really\s+)?grateful\s+for)\s+(?:an?|the|any|your)\s+(?:warm\s+|quick\s+)?"
            r"(?:intro|introduction|referral|recommendation|testimonial)s?\b|"
            r"\bintroduce\s+(?:me|us)\s+to\b|(?<!for\s)\b(?:make|making)\s+(?:an?\s+|the\s+)?"
            r"(?:intro|introduction)\b|\b(?:intro|introduction)\s+(?:to\s+(?:\w+\s+){0,5})?(?:means|"
            r"would\s+(?:mean|be|help)|could\s+(?:help|be))\b"
        ),
    ),
    # A sentence about the outreach that disclaims it: "No agenda, just staying in touch",
    # "No rush if now is not the right time", "No sales pitch".
    # A disclaimer of the ask is a sentence about one ("No strings attached, just thought it was
    # relevant", "No agenda, just staying in touch", "No rush if now is not the right time");
    # beside a gift it is the gift's ("We put this together as a small gift; no strings
    # attached"), so it is a weak act that a warm one explains away.
    (
        "disclaimer",
        _c(
            r"\bno\s+strings\s+attached\b|\bno\s+(?:sales\s+|hard\s+)?(?:pitch|agenda|rush|"
            r"pressure|hard\s+sell)\b"
        ),
    ),
    # More of what we did for others and who we are: "We've done a lot of work in the beverage
    # space", "We recently launched a campaign for a brand much like yours", "We know the
    # category well", "We're the agency behind ...", "We were recently named Agency of the
    # Year"; and our time on offer: "I have some availability next week".
    (
        "track_record",
        _c(
            r"\b(?:i|we)\s+(?:have\s+)?(?:done|did)\s+(?:a\s+lot\s+of\s+|lots\s+of\s+|some\s+|"
            r"plenty\s+of\s+|similar\s+|much\s+)?work\s+(?:in|for|with|across|on)\b(?!\s+(?:you|your)\b)|"
            r"\b(?:i|we)\s+(?:recently\s+|just\s+|also\s+)?(?:launched|ran|delivered|completed|wrapped|"
            r"finished|built|created|designed|produced|did)\s+(?:\w+\s+){0,4}?for\s+(?!you\b|your\b)"
            r"(?:slot|a|an|another|other|similar|num|one|some)\b"
        ),
    ),
    (
        "self_promotion",
        _c(
            r"\b(?:i|we)\s+know\s+(?:the|this|your)\s+(?:\w+\s+)?(?:category|space|market|industry|"
            r"sector|landscape)\b|\b(?:we|i)\s+(?:are|am)\s+(?:the|a)\s+(?:\w+\s+){0,2}?(?:agency|firm|"
            r"studio|team|consultancy|shop|people)\s+(?:behind|that|who|which)\b|"
            r"\b(?:we|our\s+(?:agency|team|firm|work))\s+(?:were|was|have\s+been|has\s+been|just|"
            r"recently)\s+(?:recently\s+|just\s+)?(?:named|awarded|recogni[sz]ed|ranked|shortlisted|"
            r"voted|won)\b"
        ),
    ),
    (
        "time",
        _c(
            r"\b(?:i|we)\s+(?:have|got)\s+(?:some\s+|a\s+little\s+|plenty\s+of\s+|more\s+)?"
            r"(?:availability|capacity|bandwidth|openings?)\b"
        ),
    ),
    # Our news and our strengths told to the reader: "We just opened an office in Leeds", "We
    # have years of experience in retail", "We have a strong retail practice".
    (
        "self_promotion",
        _c(
            r"\b(?:we|our\s+(?:agency|team|firm|studio|company))\s+(?:have\s+|has\s+)?(?:just|recently)\s+"
            r"(?:launched|opened|added|expanded|hired|acquired|rebranded|introduced|released|moved)\b|"
            r"\b(?:i|we)\s+(?:have|bring)\s+(?:\w+\s+){0,3}?(?:experience|expertise)\s+(?:in|with|across|"
            r"of|helping|working)\b|\bwe\s+have\s+(?:a|an)\s+(?:\w+\s+){0,2}?(?:practice|offering|"
            r"capability|track\s+record|portfolio|specialism)\b"
        ),
    ),
    # The question without its verb or subject: "Open to a quick chat next week?", "Fancy a
    # coffee?", "Any chance you're free on Thursday?".
    (
        "request",
        _c(
            rf"^{_FILLER}(?:open|free|available|interested|keen|up)\s+(?:to|for|in)\b.*\?|"
            rf"^{_FILLER}fancy\s+(?:a|an|some|grabbing|getting|meeting|catching)\b|"
            r"\bany\s+chance\b|\bis\s+there\s+(?:any\s+)?(?:a\s+)?chance\b"
        ),
    ),
    # Our experience as the subject, and an invitation to our event: "Our experience with
    # challenger brands ...", "We'd love you to join us at the breakfast".
    (
        "self_promotion",
        _c(
            r"\bour\s+(?:experience|expertise|work|results|track\s+record)\s+(?:with|for|in|across|"
            r"helping)\s+(?!you\b|your\b|us\b)"
        ),
    ),
    (
        "request",
        _c(
            r"\b(?:would|will)\s+(?:love|like)\s+(?:you|to\s+have\s+you|to\s+see\s+you)\s+(?:to\s+)?"
            r"(?:join|come|attend|be\s+there|speak|drop\s+by)\b"
        ),
    ),
    # A visit offered: "happy to pop in any time".
    (
        "offer",
        _c(
            r"\b(?:happy|glad|love|keen)\s+to\s+(?:pop|drop|stop|swing|come)\s+(?:in|by|over|round|along)\b"
        ),
    ),
    # The twelfth collection's forms (dev11, dev12). A question that offers our next step or
    # asks the reader's leave, with "should", or with "this/that/it" as its subject: "Should I
    # send the revised scope?", "Would this example help with your launch?".
    ("request", _c(r"^(?:\w+\s+)?(?:should|shall)\s+(?:i|we)\s+\w+.*\?")),
    (
        "request",
        _c(
            r"\bwould\s+(?:this|that|it|these|those)\s+(?:\w+\s+)?(?:help|work|be\s+(?:useful|helpful|"
            r"of\s+(?:use|interest)|relevant|worth))\b.*\?"
        ),
    ),
    # The question without its subject: "Want to pick up where you left off?", "Need a hand
    # with the launch?", "Time for a bigger plan?".
    (
        "request",
        _c(
            rf"^{_FILLER}(?:want|need|care|time)\s+(?:to|for|a|an|some|more|any|extra|help|me\s+to|"
            r"us\s+to)\b.*\?"
        ),
    ),
    # A suggestion put as a question: "Have you tried our scheduling feature?", "Have you
    # considered an annual plan?".
    (
        "request",
        _c(
            r"^(?:\w+\s+)?have\s+you\s+(?:ever\s+|already\s+)?(?:tried|considered|explored|tested|"
            r"looked\s+into)\b.*\?"
        ),
    ),
    # What the writer wants the reader to do: "I need you to share them with me", "We'd like
    # you to review the scope" (not "I want you to know how proud we are").
    (
        "request",
        _c(
            r"\b(?:i|we)\s+(?:really\s+|just\s+)?(?:need|want|would\s+like|would\s+love)\s+you\s+to\s+"
            r"(?!(?:know|feel|enjoy|remember|take\s+care|be\s+(?:proud|happy|well))\b)\w+"
        ),
    ),
    # An invitation: "We also invite you to celebrate the season with us", "You are cordially
    # invited to our open day".
    (
        "request",
        _c(
            r"\b(?:i|we)\s+(?:also\s+|would\s+like\s+to\s+|want\s+to\s+|cordially\s+|warmly\s+|"
            r"hereby\s+)*invite\s+you\b|\byou\s+are\s+(?:cordially\s+|warmly\s+)?invited\b"
        ),
    ),
    # Our offering as the one that gives the reader something: "slot gives you slot for slot
    # more", "This engagement delivers X by Y date", "Our platform saves your team hours"
    # (the briefing's own "we hope it gives you some sense ..." has no such subject).
    (
        "benefit",
        _c(
            r"^slot\s+(?:gives|saves|lets|helps|gets|brings|delivers|offers)\s+(?:you|your)\b|"
            r"\b(?:this|our|the)\s+(?:\w+\s+)?(?:engagement|proposal|plan|package|offer|service|solution|"
            r"product|platform|tool|feature|programme|program|system|app|software|upgrade|tier)\s+"
            r"(?:will\s+|would\s+|can\s+)?(?:delivers?|gives?|saves?|addresses|address|solves?|lets|let|"
            r"brings?|gets?|helps?|boosts?|cuts?)\b(?!\s+(?:us|me)\b)"
        ),
    ),
    # A saving held out for a change of plan: "Save 20% by switching to annual billing".
    ("deal", _c(r"\bby\s+(?:switching|upgrading|subscribing|signing\s+up|moving|committing)\b")),
    # What our product does for a class of clients, and who else uses it: "We built slot - it
    # helps slot with slot", "A few companies like slot have been using it to ...".
    (
        "service",
        _c(
            rf"\b(?:it|our\s+(?:product|tool|platform|app|software|service|solution))\s+(?:helps|lets|"
            rf"allows|enables)\s+(?:slot|{_QUANTITY}{_OTHERS}{_CLIENTS})"
        ),
    ),
    (
        "track_record",
        _c(
            rf"\b{_CLIENTS}\s+(?:like|such\s+as)\s+(?:slot\s+|\w+\s+)?(?:have\s+been\s+|are\s+|already\s+)?"
            r"(?:using|use|used|rely|relying|switched|trust|trusting|chose|choose)\b"
        ),
    ),
    # What we did for one client like the reader, and work like the reader's: "We recently
    # helped a slot brand go from ...", "We just wrapped a similar project", "We're doing work
    # in slot that might be relevant".
    (
        "track_record",
        _c(
            r"\b(?:we|i)\s+(?:have\s+|recently\s+|just\s+|also\s+)*helped\s+(?:a|an|one|another|two|"
            r"three|num|several)\s+(?:\w+\s+){0,3}?(?:brand|company|client|customer|team|business|"
            r"retailer|startup|firm|agency|organi[sz]ation|manufacturer|founder|cmo)\b|"
            r"\b(?:we|i)\s+(?:have\s+|recently\s+|just\s+|also\s+)*(?:launched|ran|delivered|completed|"
            r"wrapped|finished|built|did|shipped)\s+(?:up\s+)?(?:a|an|one|some)\s+(?:very\s+)?similar\b|"
            r"\b(?:we|i)\s+(?:are|am|have\s+been)\s+(?:currently\s+|also\s+)?doing\s+(?:\w+\s+)?work\s+"
            r"(?:in|for|with|across|on)\b(?!\s+(?:you|your)\b)"
        ),
    ),
    # The breakup e-mail's inference from silence: "I'll assume the timing isn't right",
    # "I'll take that as a no".
    (
        "chase",
        _c(
            r"\b(?:i|we)\s+will\s+(?:just\s+)?(?:assume|take\s+(?:that|this|it|your\s+silence)\s+as)\b"
        ),
    ),
    # The outreach credited to a third party: "slot suggested I connect", "Jane recommended I
    # reach out".
    (
        "outreach",
        _c(
            r"\b(?:suggested|recommended)\s+(?:that\s+)?(?:i|we)\s+(?:should\s+)?(?:connect|reach\s+out|"
            r"get\s+in\s+touch|contact|speak|talk|write|email)\b"
        ),
    ),
    # The fourteenth collection's forms (dev14: reminders, abandoned carts, reactivation and
    # referral letters). The outreach credited to a third party, its other forms: "I got your
    # name from slot, who thought you might be willing to share your insights".
    (
        "outreach",
        _c(
            r"(?:got|was\s+given|received|found|picked\s+up)\s+your\s+(?:name|details|contact|"
            r"email|number|e\s+mail\s+address|email\s+address)\s+(?:from|through|via)\b|"
            r"\bthought\s+you\s+(?:might|would|could)\s+be\s+(?:willing|interested|open|able|happy|"
            r"keen|the\s+right)\b"
        ),
    ),
    # The chase by its attempts, and a gap noticed in what the reader did: "We have tried
    # unsuccessfully to contact you", "We noticed that you could not complete your order"
    # (not "I noticed you finally started your business!").
    (
        "chase",
        _c(
            r"\b(?:i|we)\s+(?:have\s+|had\s+)?(?:tried|attempted|been\s+trying|been\s+attempting)\s+"
            r"(?:\w+\s+){0,3}?to\s+(?:contact|reach|call|get\s+hold\s+of|get\s+in\s+touch\s+with)\s+"
            r"you\b|\b(?:i|we)\s+(?:have\s+|just\s+)?noticed\s+(?:that\s+)?(?:you|your\s+\w+)\s+"
            r"(?:\w+\s+)?(?:could\s+not|did\s+not|have\s+not|has\s+not|had\s+not|were\s+unable|"
            r"was\s+unable|left|abandoned|stopped|missed|forgot)\b"
        ),
    ),
    # What we keep for the reader until the reader comes back: "We will hold your favorite
    # products for you!", "We keep it safe with us for when you decide to upgrade".
    (
        "win_back",
        _c(
            r"\b(?:i|we)\s+(?:will\s+|can\s+|would\s+|are\s+|am\s+)?(?:happily\s+|gladly\s+)?"
            r"(?:hold|holding|save|saving|keep|keeping|reserve|reserving|set\s+aside|put\s+aside)\s+"
            r"(?:\w+\s+){0,4}?for\s+(?:you|when\s+you)\b|\bfor\s+when\s+you\s+(?:decide|are\s+ready|"
            r"choose|want|come\s+back|return)\b"
        ),
    ),
    # Our material put before the reader to look at: "You can see my CV and portfolio slot",
    # "I have sample copy for you to browse" (the note's own "so you can check anything" points
    # at no work of ours).
    (
        "offer",
        _c(
            r"\byou\s+(?:can|could|may|will)\s+(?:also\s+)?(?:see|view|find|browse|check\s+out|"
            r"read|download|watch|take\s+a\s+look\s+at|look\s+at)\s+(?:my|our|some\s+of\s+(?:my|our))\b|"
            r"\bfor\s+you\s+to\s+(?:browse|review|look\s+(?:at|over|through)|consider|check\s+out|try|"
            r"sample|test|download)\b"
        ),
    ),
    # Help held out to the reader: "we have a variety of options available to help you
    # continue with your care", "We offer plans for every budget".
    (
        "offer",
        _c(
            r"\b(?:i|we)\s+(?:have|offer|provide)\s+(?:\w+\s+){0,4}?(?:options|plans|solutions|"
            r"programs|programmes|packages|resources|ways|financing|payment\s+plans)\s+(?:\w+\s+)?"
            r"(?:to\s+help\s+you|for\s+you|that\s+(?:can|could|will)\s+help\s+you)\b"
        ),
    ),
    # An exhortation: "we urge you to reserve a time now", "I encourage you to sign up" (not
    # "I encourage you to take some time off").
    (
        "directive",
        _c(
            r"\b(?:i|we)\s+(?:would\s+|strongly\s+|really\s+)*(?:urge|encourage|recommend|advise)\s+"
            r"you\s+to\s+(?!(?:enjoy|rest|relax|celebrate|know|take\s+(?:care|some\s+time|time|a\s+break))"
            r"\b)\w+"
        ),
    ),
)

# -- warm acts -----------------------------------------------------------------------------

_WARM_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "wish",
        _c(
            r"^(?:and\s+)?(?:may\s+(?:you|your|the|this|all|every)|wishing\s+you|(?:i|we)\s+wish\s+"
            r"you|here\s+'s\s+to|cheers\s+to|best\s+wishes|all\s+the\s+best|good\s+luck|"
            r"best\s+of\s+luck|happy\s+(?:holidays|retirement|new\s+year|birthday|anniversary))\b"
        ),
    ),
    ("congratulation", _c(r"\b(?:congratulations|congrats|congratulate)\b")),
    (
        "condolence",
        _c(r"\b(?:sorry\s+(?:to\s+hear|for\s+your|to\s+learn)|sympathy|condolences|bereavement)\b"),
    ),
    ("thanks", _c(r"^(?:\w+\s+)?(?:thank\s+you|thanks|many\s+thanks)\s+(?:\w+\s+){0,3}?for\b")),
    (
        "handover",
        _c(
            r"\b(?:smooth|successful|seamless)\s+transition\b|\bwill\s+be\s+taking\s+over\b|"
            r"\bfully\s+briefed\b|\btaking\s+over\s+(?:the\s+)?(?:management|my\s+responsibilities)\b"
        ),
    ),
    (
        "gift",
        _c(
            r"\b(?:enclose|enclosed|enclosing|attached|attach)\s+(?:\w+\s+){0,3}?(?:of\s+)?your\s+"
            r"(?!review|approval|signature|consideration|perusal|convenience|reference|information)|"
            r"\bas\s+a\s+(?:small\s+|little\s+|modest\s+)?gift\b|\bwith\s+our\s+compliments\b|"
            r"\b(?:is\s+)?yours\s+to\s+keep\b"
        ),
    ),
    (
        "welcome",
        _c(
            r"\bhave\s+you\s+(?:join(?:ing)?\s+(?:our|the)\s+(?:\w+\s+)?(?:team|company|family|firm|"
            r"board)|on\s+board|aboard|onboard|with\s+us\s+as)\b|\bwelcome\s+(?:aboard|to\s+the\s+team)\b"
        ),
    ),
    (
        "news",
        _c(
            r"\b(?:thrilled|excited|delighted|happy|pleased|proud)\s+to\s+(?:share|announce)\s+"
            r"(?:some\s+|the\s+|my\s+|our\s+)?(?:\w+\s+)?news\b"
        ),
    ),
)


# A conditional offer spans two clauses: a condition the reader (or the reader's world) may
# meet, and the writer at hand ("If you need my help, I'll be here", "If things change, I'm
# here", "I'm always happy to help if you ever need a sounding board").
_CONDITION = _c(
    rf"^{_FILLER}(?:if|should|whenever|in\s+case|in\s+the\s+event)\s+(?:(?:ever|anything|"
    r"something)\s+)?(?:you|your\s+\w+|anyone|someone|somebody|anybody|things|anything|"
    r"circumstances|the\s+timing|plans|priorities|that|it\s+(?:would|could|might|will|is|were)\s+"
    r"(?:help|be\s+(?:useful|helpful|of\s+(?:use|interest)|valuable|worth)))\b"
)
_AT_HAND = _c(
    rf"^{_FILLER}(?:i|we)\s+(?:am|are|will|would|can|could|shall|remain)\s+(?:always\s+|still\s+|"
    r"just\s+|only\s+|also\s+|be\s+|more\s+than\s+|very\s+|so\s+|really\s+)*(?:here|around|"
    r"available|ready|on\s+hand|a\s+(?:call|message|phone\s+call|text|email)\s+away|happy|glad|"
    r"delighted|pleased|keen|love|help|able)\b|"
    # ... or the writer's offer itself: "If it would help, we could share our benchmarks".
    rf"^{_FILLER}(?:i|we)\s+(?:can|could|would|will)\s+(?:also\s+|happily\s+|gladly\s+|easily\s+)?"
    r"(?:share|send|set\s+up|put\s+together|pull\s+together|show|walk|arrange|run|prepare|"
    r"introduce|look\s+into|take\s+a\s+look|dig\s+into|draft|sketch)\b"
)
_IF_READER = _c(r"\b(?:if|whenever|should)\s+(?:you|anyone|someone|things|anything)\b")


def _conditional_offer(clauses: Sequence[str]) -> bool:
    at_hand = [i for i, c in enumerate(clauses) if _AT_HAND.search(c)]
    if any(_IF_READER.search(clauses[i]) for i in at_hand):
        return True
    conditions = [i for i, c in enumerate(clauses) if _CONDITION.search(c)]
    return any(i != j for i in conditions for j in at_hand)


def _clause_texts(sentence: str) -> list[str]:
    parts = [p for p in _CLAUSE.split(sentence) if p and p.strip()]
    return parts or [sentence]


def _read(text: str, names: Sequence[str]) -> str:
    return " ".join(tokens(text, names))


def acts(sentence: str, names: Sequence[str] = ()) -> frozenset[str]:
    """The speech acts of one sentence: names from ``ASK_ACTS`` and ``WARM_ACTS``.

    Each clause is read on its own (so an instruction after a thank-you is still seen:
    "Thanks for your time, and let me know ..."), and the sentence as a whole for what spans
    clauses (a question, a time put to the reader)."""
    whole = _read(sentence, names)
    clauses = [_read(c, names) for c in _clause_texts(sentence)]
    if "?" in whole or "!" in whole:
        # A question mark belongs to every clause of a question ("Worth a call, or not?").
        clauses = [c if c.endswith(("?", "!")) else f"{c} {whole[-1]}" for c in clauses]
    found: set[str] = set()
    for name, pattern in _ASK_PATTERNS:
        if any(pattern.search(c) for c in (*clauses, whole)):
            found.add(name)
    if _conditional_offer(clauses):
        found.add("conditional_offer")
    for name, pattern in _WARM_PATTERNS:
        if any(pattern.search(c) for c in (*clauses, whole)):
            found.add(name)
    return frozenset(found)


def ask_acts(sentence: str, names: Sequence[str] = ()) -> list[str]:
    """The ask acts of a sentence that its warm acts do not explain away, sorted.

    A thank-you for a meeting asks nothing, but "thanks for considering my request" does; a
    wish is warm unless the sentence also instructs or asks ("May the year be kind, and let's
    meet in spring")."""
    found = acts(sentence, names)
    asks = sorted(a for a in found if a in ASK_ACTS)
    if not asks:
        return []
    strong = {
        "directive",
        "request",
        "consideration",
        "chase",
        "deal",
        "track_record",
        "fit",
        "service",
        "referral",
    }
    explained = {"wish", "congratulation", "condolence", "handover", "gift", "news", "welcome"}
    if found & explained and not (set(asks) & strong):
        return []
    return asks


def gift_only(sentence: str, names: Sequence[str] = ()) -> bool:
    """Does the sentence hand the reader's own work back, or share news, and ask nothing ("I
    am delighted to enclose the proof of your Spring/Summer promo brochure", "I'm thrilled to
    share some fantastic news!")?"""
    return bool(acts(sentence, names) & {"gift", "news", "welcome"}) and not ask_acts(
        sentence, names
    )


def warm_continuation(sentence: str, clause: str) -> bool:
    """Is ``clause`` one of the things a thank-you thanks for? In "Thanks for thinking of me
    for this project and for reaching out", "for reaching out" is thanked for, not an ask."""
    opens = re.match(r"\W*(?:many\s+)?(?:thanks|thank\s+you)\b", sentence, re.IGNORECASE)
    return bool(opens) and bool(
        re.match(r"\W*(?:and\s+|also\s+)*for\s+(?!your\s+consider|consider)", clause, re.IGNORECASE)
    )


def sentence_finding(text: str, span: tuple[int, int], category: str, advice: str) -> Finding:
    """An ask-guard warning on the whole sentence ``text[span[0]:span[1]]``: its term is the
    sentence (cut at 80 characters), its line and column where the sentence's first word is."""
    a, b = span
    sentence = text[a:b]
    lead = a + len(sentence) - len(sentence.lstrip())
    flat = " ".join(sentence.split())
    return Finding(
        category=category,
        guideline="dossier ask-guard",
        severity="warning",
        term=flat if len(flat) <= 80 else flat[:79] + "…",
        line=text.count("\n", 0, lead) + 1,
        column=lead - text.rfind("\n", 0, lead),
        context=flat,
        advice=advice,
    )


# Keeping in touch with a reader who is retiring asks for no business: "I hope your retirement
# will not erase the memories of our friendship. Don't forget to stay in touch and tell me
# about how beautiful the world outside the office is!"
_RETIRING = re.compile(
    r"\b(?:your|his|her)\s+(?:well[-\s]earned\s+|well[-\s]deserved\s+|upcoming\s+)?retirement\b|"
    r"\b(?:you\s+are|you[’']re)\s+retiring\b",
    re.IGNORECASE,
)
_IN_TOUCH = re.compile(r"\b(?:stay|keep|remain)\s+(?:in\s+touch|connected)\b", re.IGNORECASE)


def farewell_spans(text: str) -> set[tuple[int, int]]:
    """The sentences of ``text`` that ask a retiring reader to keep in touch: warm as a whole,
    since a reader who is retiring has no business to give (empty unless the text speaks of the
    reader's retirement)."""
    if not _RETIRING.search(text):
        return set()
    return {(a, b) for a, b in sentence_spans(text) if _IN_TOUCH.search(text, a, b)}


def structure_asks(
    text: str, names: Sequence[str] = (), *, skip: Collection[tuple[int, int]] = ()
) -> list[Finding]:
    """One warning per sentence of ``text`` whose speech acts ask something of the reader
    (see :func:`ask_acts`); sentences whose span is in ``skip`` are not read, nor a farewell
    to a retiring reader (:func:`farewell_spans`)."""
    found = []
    farewell = farewell_spans(text)
    for a, b in sentence_spans(text):
        if (a, b) in skip or (a, b) in farewell or not text[a:b].strip():
            continue
        sentence = text[a:b]
        asks = ask_acts(sentence, names)
        if not asks:
            continue
        advice = (
            "Read as a speech act, this sentence asks something of the reader: "
            + "; ".join(ASK_ACTS[x] for x in asks)
            + ". A cover note asks for nothing: reword the sentence or leave it out."
        )
        found.append(sentence_finding(text, (a, b), CATEGORY, advice))
    return found
