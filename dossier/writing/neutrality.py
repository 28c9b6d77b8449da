"""The neutral voice, checked: Wikipedia's "words to watch" over every text dossier writes.

The word lists live in ``dossier/data/words_to_watch.toml`` with the guideline each comes
from. Our own voice must have zero findings. Three things are not our voice and are not
checked the same way:

- **Proper names.** Names the caller passes (from the record and the agency gazetteer) and
  URLs are masked first; so are capitalised multi-word names ("Best Buy", "Prime Video",
  "Leading Hotels of the World") and capitalised words inside a sentence ("invested in
  Legendary"). A sentence-initial word is a name only when more capitalised words follow
  ("Best Buy acquired ...") or a verb follows at once ("Indeed is based in ..."), so puffery at
  the start of a sentence ("Leading brands ...", "Legendary Hollywood producer ...") is still
  caught.
- **Quotations.** A quotation is allowed when its sentence attributes it ("...,” he said",
  "According to X, “...”", "The company describes itself as “...”") or names it ("known as
  “dieselgate”"). A quotation with no attribution is still a finding.
- **Attributed opinions.** In a sentence that names who holds the view ("Forbes says ...",
  "..., said Al Gore", "According to Businessweek ...", "Campaign magazine named it ..."),
  words of the categories marked ``attribution = "sentence"`` (puffery, labels, doubt, loaded
  wording, editorialising) are the source's, not ours. A vague or passive attribution ("some
  people say", "it is said", "critics say") is not one. Relative time (``attribution =
  "reported"``) is only a warning inside the reported clause ("He says that in recent days
  ...", "Apple has confirmed that Steve Jobs died today": the speaker's time, which a person
  should still date), and an error beside the verb ("Apple said today").
"""

from __future__ import annotations

import bisect
import dataclasses
import html
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..once import once
from ..regexcache import compile_all, kept, no_derivation

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "words_to_watch.toml"

URL = re.compile(r"\b(?:https?|file|ftp)://\S+|\bwww\.\S+")
# Double quotes (straight or curly), and curly single quotes opened at a word start.
QUOTE = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|(?<!\w)‘[^‘’\n]+’(?!\w)")
_OPENERS = "\"“‘'([{*_"
_CLOSERS = "\"”’')]}*_"

ATTRIBUTION_MODES = ("quote", "sentence", "reported", "none")


@dataclass(frozen=True)
class Category:
    """One list of words to watch."""

    name: str
    guideline: str
    url: str
    severity: str
    advice: str
    regex: re.Pattern[str] | None
    allow: tuple[str, ...]
    allow_regex: tuple[re.Pattern[str], ...] = ()
    # "quote": only an attributed quotation is exempt; "sentence": anything in a sentence
    # with a named attribution; "reported": only inside the reported clause; "none": nothing
    # is exempt (the ask-guard: an ask quoted in a note is still an ask in that note).
    attribution: str = "quote"
    # A structural check instead of a word list ("scare_quotes").
    check: str = ""
    # Nouns that are part of an event's name right after a proper name ("the Heysel Stadium
    # disaster", "the Hillsborough disaster"), not our judgement.
    after_name: tuple[str, ...] = ()
    # Words that are only a warning when a figure follows ("shares tumbled 20%": how markets
    # are reported; "a tumbled empire" stays an error).
    before_figure: tuple[str, ...] = ()
    # The inventory the category belongs to ("general": built from public reference lists;
    # "" for the guideline's own lists). A general inventory's finding inside another
    # category's finding is not reported twice.
    inventory: str = ""
    # Contexts in which a match is only a warning ("plans to open 20 salons over the next five
    # years": the horizon of a stated plan, which a person should date, not a claim of ours).
    warning_regex: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Finding:
    """A word to watch found in a text."""

    category: str
    guideline: str
    severity: str
    term: str
    line: int
    column: int
    context: str
    advice: str
    quoted: bool = False

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def describe(self) -> str:
        where = " in a quotation with no attribution" if self.quoted else ""
        return (
            f"{self.severity}: {self.category.replace('_', ' ')} ({self.guideline}): "
            f"“{self.term}”{where}. {self.advice}"
        )


def _piece(ch: str) -> str:
    """One character of a listed word as a pattern: any spacing, either apostrophe."""
    if ch == " ":
        return r"\s+"
    if ch in "'’":
        return "['’]"
    return re.escape(ch)


_Node = dict[str, "_Node"]


def _trie(words: Iterable[str]) -> str:
    """The words as one regular expression sharing their prefixes (a trie): much faster than
    a flat alternation of hundreds of phrases. Longer matches are tried first."""
    root: _Node = {}
    for w in words:
        node = root
        for ch in w.lower().replace("’", "'"):
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: _Node) -> str:
        ends = "" in node
        branches = [_piece(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return walk(root)


def _source(words: Iterable[str], patterns: Iterable[str]) -> str | None:
    """One pattern for a category's words and patterns (compiled case-insensitively)."""
    listed = {w for w in words if w}
    # One word boundary around all the words; the trie tries the longer phrase first
    # ("in recent years" before "in"), and the boundary makes it back off to a whole word.
    parts = [r"(?<![\w-])" + _trie(listed) + r"(?![\w-])"] if listed else []
    parts += list(patterns)
    if not parts:
        return None
    return "|".join(f"(?:{p})" for p in parts)


# Words that never start an inflected idiom ("in a nutshell" has no "ins a nutshell").
_NOT_VERBS = frozenset(
    [
        "a",
        "an",
        "the",
        "in",
        "on",
        "at",
        "of",
        "to",
        "for",
        "by",
        "as",
        "it",
        "no",
        "not",
        "all",
        "every",
        "one",
        "two",
        "up",
        "down",
        "out",
        "off",
        "over",
        "under",
        "with",
        "from",
        "into",
        "like",
        "than",
        "more",
        "most",
        "less",
        "too",
        "so",
        "if",
        "when",
        "what",
        "where",
        "who",
        "how",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "big",
        "old",
        "new",
        "good",
        "bad",
        "black",
        "white",
        "red",
    ]
)
_IRREGULAR = {
    "be": ("is", "are", "was", "were", "been", "being"),
    "beat": ("beats", "beaten", "beating"),
    "bite": ("bites", "bit", "bitten", "biting"),
    "break": ("breaks", "broke", "broken", "breaking"),
    "bring": ("brings", "brought", "bringing"),
    "burn": ("burns", "burned", "burnt", "burning"),
    "catch": ("catches", "caught", "catching"),
    "come": ("comes", "came", "coming"),
    "cut": ("cuts", "cutting"),
    "do": ("does", "did", "done", "doing"),
    "draw": ("draws", "drew", "drawn", "drawing"),
    "eat": ("eats", "ate", "eaten", "eating"),
    "fall": ("falls", "fell", "fallen", "falling"),
    "feel": ("feels", "felt", "feeling"),
    "fly": ("flies", "flew", "flown", "flying"),
    "get": ("gets", "got", "gotten", "getting"),
    "give": ("gives", "gave", "given", "giving"),
    "go": ("goes", "went", "gone", "going"),
    "have": ("has", "had", "having"),
    "hit": ("hits", "hitting"),
    "hold": ("holds", "held", "holding"),
    "keep": ("keeps", "kept", "keeping"),
    "know": ("knows", "knew", "known", "knowing"),
    "lay": ("lays", "laid", "laying"),
    "let": ("lets", "letting"),
    "lose": ("loses", "lost", "losing"),
    "make": ("makes", "made", "making"),
    "pay": ("pays", "paid", "paying"),
    "put": ("puts", "putting"),
    "ride": ("rides", "rode", "ridden", "riding"),
    "run": ("runs", "ran", "running"),
    "see": ("sees", "saw", "seen", "seeing"),
    "set": ("sets", "setting"),
    "shoot": ("shoots", "shot", "shooting"),
    "sink": ("sinks", "sank", "sunk", "sinking"),
    "spill": ("spills", "spilled", "spilt", "spilling"),
    "spin": ("spins", "spun", "spinning"),
    "stand": ("stands", "stood", "standing"),
    "steal": ("steals", "stole", "stolen", "stealing"),
    "stick": ("sticks", "stuck", "sticking"),
    "swim": ("swims", "swam", "swum", "swimming"),
    "take": ("takes", "took", "taken", "taking"),
    "tell": ("tells", "told", "telling"),
    "throw": ("throws", "threw", "thrown", "throwing"),
    "win": ("wins", "won", "winning"),
    "bear": ("bears", "bore", "borne", "bearing"),
    "build": ("builds", "built", "building"),
    "buy": ("buys", "bought", "buying"),
    "drive": ("drives", "drove", "driven", "driving"),
    "fight": ("fights", "fought", "fighting"),
    "find": ("finds", "found", "finding"),
    "lead": ("leads", "led", "leading"),
    "leave": ("leaves", "left", "leaving"),
    "meet": ("meets", "met", "meeting"),
    "rise": ("rises", "rose", "risen", "rising"),
    "sell": ("sells", "sold", "selling"),
    "send": ("sends", "sent", "sending"),
    "shake": ("shakes", "shook", "shaken", "shaking"),
    "spend": ("spends", "spent", "spending"),
    "strike": ("strikes", "struck", "striking"),
    "sweep": ("sweeps", "swept", "sweeping"),
    "tear": ("tears", "tore", "torn", "tearing"),
    "think": ("thinks", "thought", "thinking"),
    "wear": ("wears", "wore", "worn", "wearing"),
}
# One syllable ending in one vowel and one consonant doubles it: trot -> trotted, drop ->
# dropping.
_DOUBLES = re.compile(r"[^aeiou]*[aeiou][bdgklmnprt]")
_POSSESSIVES = ("your", "his", "her", "their", "its", "one's", "my", "our")


def _verb_forms(verb: str) -> tuple[str, ...]:
    """A verb and its inflections: "take" -> took, taken, taking, takes."""
    if verb in _IRREGULAR:
        return (verb, *_IRREGULAR[verb])
    if verb.endswith("e"):
        stem = verb[:-1]
        return (verb, verb + "s", stem + "ed", stem + "ing")
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return (verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
    ending = "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s"
    if _DOUBLES.fullmatch(verb):
        twice = verb + verb[-1]
        return (verb, verb + ending, twice + "ed", twice + "ing")
    return (verb, verb + ending, verb + "ed", verb + "ing")


def inflect(phrase: str) -> set[str]:
    """The forms of an idiom as it occurs in prose: the first word as a verb in every tense
    ("took the plunge", "taking the plunge"), any possessive or none ("burn your bridges",
    "burn their bridges", "burn bridges"), and without a leading "don't" ("rock the boat")."""
    base = phrase.strip()
    low = base.lower()
    heads = {base}
    for prefix in ("don't ", "don’t ", "never "):
        if low.startswith(prefix):
            heads.add(base[len(prefix) :])
    out: set[str] = set()
    for head in heads:
        words = head.split(" ")
        slots = [i for i, w in enumerate(words) if w.lower() in _POSSESSIVES]
        variants = [words]
        for i in slots:
            variants = [v[:i] + [p] + v[i + 1 :] for v in variants for p in (*_POSSESSIVES, "")]
        for v in variants:
            v = [w for w in v if w]
            if len(v) > 1 and v[0].isalpha() and v[0].lower() not in _NOT_VERBS:
                out.update(" ".join([f, *v[1:]]) for f in _verb_forms(v[0].lower()))
            out.add(" ".join(v))
    return out


def _read_word_files(path: Path, names: Iterable[str]) -> list[str]:
    """Phrases from word files beside the data file: one a line, "#" starts a comment."""
    words = []
    for name in names:
        for line in (path.parent / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                words.append(line)
    return words


@once(maxsize=4)
def load_categories(path: Path = WORDS_FILE, without: tuple[str, ...] = ()) -> tuple[Category, ...]:
    """The categories from the data file; ``without`` leaves out the categories whose
    ``inventory`` is one of its names (the evaluation scores the lint with the "general"
    inventories switched off, to measure what they add)."""
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    chosen = {n: c for n, c in data["categories"].items() if c.get("inventory") not in without}
    out = []
    for name, c in chosen.items():
        mode = c.get("attribution", "quote")
        if mode not in ATTRIBUTION_MODES:
            raise ValueError(
                f"{path}: category {name}: attribution must be one of {ATTRIBUTION_MODES}"
            )
        allow_patterns = c.get("allow_patterns", [])
        out.append(
            Category(
                name=name,
                guideline=c["guideline"],
                url=c.get("url", ""),
                severity=c.get("severity", "error"),
                advice=c.get("advice", ""),
                regex=None,  # below, all categories at once
                allow=tuple(a.lower() for a in c.get("allow", [])),
                allow_regex=tuple(re.compile(a, re.IGNORECASE) for a in allow_patterns),
                attribution=mode,
                check=c.get("check", ""),
                after_name=tuple(a.lower() for a in c.get("after_name", [])),
                before_figure=tuple(a.lower() for a in c.get("warning_before_figure", [])),
                warning_regex=tuple(
                    re.compile(a, re.IGNORECASE) for a in c.get("warning_patterns", [])
                ),
                inventory=c.get("inventory", ""),
            )
        )
    sources = _kept_sources(path, text, list(chosen.values()), without)
    # The word lists compile to a few large patterns (about a second of CPU): kept compiled
    # between runs in the user's cache (dossier.regexcache), keyed by their text.
    given = [s for s in sources if s is not None]
    # named for the file, so the ask-guard's list (asks.toml) keeps a cache file of its own
    name = "words-" + re.sub(r"[^\w-]", "_", path.stem)[:40] + "".join(f"-{w}" for w in without)
    compiled = iter(compile_all(name, given, re.IGNORECASE.value, no_derivation))
    return tuple(
        dataclasses.replace(cat, regex=next(compiled)[0]) if src is not None else cat
        for cat, src in zip(out, sources, strict=True)
    )


def _category_sources(path: Path, categories: list[dict[str, Any]]) -> list[str | None]:
    """Each category's one pattern text (its words, inflected when it asks, as a trie, and its
    patterns), in the data file's order; None for a category with neither."""
    sources: list[str | None] = []
    for c in categories:
        words = [*c.get("words", []), *_read_word_files(path, c.get("word_files", []))]
        if c.get("inflect", False):
            words = sorted({form for w in words for form in inflect(w)})
        sources.append(_source(words, c.get("patterns", [])))
    return sources


def _kept_sources(
    path: Path, text: str, categories: list[dict[str, Any]], without: tuple[str, ...]
) -> list[str | None]:
    """:func:`_category_sources` of the data file's (its ``text``) categories left by ``without``,
    kept between runs in the user's cache (``words/``) under a hash of everything it is made
    from: the data file, its word files, ``without`` and this module's own code (the trie and
    the inflections). Building the tries is about 0.35 s of CPU in every process that lints;
    loading the kept text a few milliseconds."""
    files = sorted({f for c in categories for f in c.get("word_files", [])})
    parts: list[str | bytes] = [text, Path(__file__).read_bytes(), repr(without)]
    parts += [f.encode("utf-8") + b"\0" + (path.parent / f).read_bytes() for f in files]

    def valid(value: Any) -> bool:
        return (
            isinstance(value, list)
            and len(value) == len(categories)
            and all(v is None or isinstance(v, str) for v in value)
        )

    name = "sources-" + re.sub(r"[^\w-]", "_", path.stem)[:40]
    return kept("words", name, parts, lambda: _category_sources(path, categories), valid)


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, keeping newlines (so offsets and lines stay put)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Blank many spans at once (one pass, not one copy of the text per span)."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def mask(text: str, names: Iterable[str]) -> str:
    """Blank out the given proper names and URLs: they are data, not our voice."""
    spans = [(m.start(), m.end()) for m in URL.finditer(text)]
    wanted = {n.strip() for n in names if n and len(n.strip()) > 1}
    # Only the names that occur at all (a gazetteer has hundreds), as one pattern.
    present = sorted((n for n in wanted if n in text), key=len, reverse=True)
    if present:
        pattern = "|".join(
            r"(?<!\w)" + re.escape(n) + (r"(?!\w)" if n[-1].isalnum() else "") for n in present
        )
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return _blank_spans(text, spans) if spans else text


# --- sentences ---------------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "inc",
        "co",
        "corp",
        "ltd",
        "jr",
        "sr",
        "bros",
        "vs",
        "etc",
        "no",
        "nos",
        "fig",
        "approx",
        "dept",
        "est",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "capt",
        "mt",
        "ft",
        "op",
        "vol",
        "ed",
        "eds",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "a.g",
        "s.a",
        "n.v",
        "plc",
    ]
)
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s)|\n[ \t]*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence starts and ends (a full stop before a lowercase word, after an
    abbreviation or an initial does not end a sentence; a blank line does)."""
    spans, start = [], 0
    for m in _END.finditer(text):
        if m.group().startswith("."):
            before = re.search(r"([\w.]+)$", text[start : m.start()])
            word = before.group(1).lower() if before else ""
            if word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word):
                continue
        after = re.match(r"\s*([^\s])?", text[m.end() :])
        nxt = after.group(1) if after else None
        if nxt is not None and m.group()[0] in ".!?" and nxt.islower():
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# --- proper names ------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_][\w’'&.-]*")
_CONNECTORS = frozenset(
    [
        "of",
        "the",
        "and",
        "&",
        "de",
        "du",
        "des",
        "la",
        "le",
        "el",
        "von",
        "van",
        "der",
        "den",
        "for",
        "on",
        "at",
        "in",
        "y",
    ]
)
# Words capitalised only because they open a sentence, never the first word of a name here.
_FUNCTION = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "in",
        "on",
        "at",
        "for",
        "by",
        "from",
        "with",
        "as",
        "after",
        "before",
        "when",
        "while",
        "since",
        "although",
        "though",
        "but",
        "and",
        "or",
        "if",
        "because",
        "during",
        "under",
        "over",
        "unlike",
        "like",
        "despite",
        "also",
        "then",
        "there",
        "here",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "some",
        "many",
        "most",
        "each",
        "every",
        "both",
        "all",
        "such",
        "so",
        "yet",
        "still",
        "however",
        "meanwhile",
        "thus",
        "today",
        "now",
        "tomorrow",
        "yesterday",
        "tonight",
        "soon",
        "prior",
        "following",
        "according",
        "among",
        "between",
    ]
)
# A sentence-initial adjective followed by a nationality is not a name ("Leading British ...").
_DEMONYM = re.compile(
    r"(?:[A-Z][a-z]+(?:an|ian|ese|ish|i)|French|Dutch|Swiss|Greek|Thai|Welsh|Scots)$"
)
_VERB_AFTER = re.compile(
    r"\s+(?:is|was|has|had|have|are|were|will|would|can|could|may|also|then|later|first|began|"
    r"acquired|announced|reported|operates|operated|owns|owned|bought|sold|launched|signed|"
    r"became|opened|employs|employed|makes|made|released|produced|agreed|plans|planned|filed|"
    r"posted|says|said|uses|used|offers|offered|provides|provided|started|introduced|"
    r"partnered|merged|raised|hired|runs|ran|closed|moved|relocated|received|won|"
    r"specializes|specialises|specialized|specialised|describes|described|established|"
    r"develops|developed|sells|serves|served|grew|expanded|remains|remained|continues|"
    r"continued|wanted|decided|joined|left|listed|appointed|named)\b"
    # A name in apposition: "Landmark, which operates 252 screens", "Legendary, founded in".
    r"|,\s+(?:which|who|whose|founded|based|headquartered|owned|formerly)\s"
)


_CALENDAR = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


# "It's", "That's", "Let's", "Today's": a contraction or relative time, not a possessive name.
_CONTRACTED = frozenset(
    [
        "it",
        "that",
        "there",
        "here",
        "what",
        "who",
        "he",
        "she",
        "let",
        "where",
        "how",
        "when",
        "why",
        "this",
        "everyone",
        "everybody",
        "nobody",
        "someone",
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "now",
        "one",
        "year",
        "last",
        "next",
    ]
)
_PRONOUN_I = re.compile(r"I[’'](?:d|m|ll|ve|s)")


# A name that begins in lower case, with a capital inside: "reMarkable", "iPhone", "eBay",
# "easyJet", "iHeartMedia", "jetBlue", "iOS". No English word has that shape, so it is a name
# wherever it stands, at the start of a sentence too.
_CAMEL = re.compile(r"[a-z]{1,6}[A-Z][\w’'&.-]*")
# The same shape as the start of a speaker's name in the attribution patterns below.
_NAME_START = r"(?:[A-Z]|[a-z]{1,6}[A-Z])"


def _camel(token: str) -> bool:
    """A name that begins in lower case and has a capital inside ("reMarkable", "eBay")."""
    return bool(_CAMEL.fullmatch(token))


def _cap(token: str) -> bool:
    """A capitalised word that is not an acronym or a month ("Best", "McDonald", "iPhone",
    not "RFP", "I" or "January": "last January" is relative time, not a name)."""
    if _camel(token):
        return True
    return (
        token[0].isupper()
        and any(c.islower() for c in token)
        and token.lower().strip(".,’'") not in _CALENDAR
        and not _PRONOUN_I.fullmatch(token)
    )


def _acronym(token: str) -> bool:
    """An acronym that can continue a name ("Current TV", "Vital Farms PBC")."""
    core = token.strip(".’'&-")
    return len(core) >= 2 and core.isupper()


def _at_sentence_start(text: str, pos: int, starts: set[int]) -> bool:
    i = pos
    while i > 0 and (text[i - 1] in " \t" or text[i - 1] in _OPENERS):
        i -= 1
    return bool(i == 0 or i in starts or text[i - 1] in "\n:;•—–-")


def _shouted_names(text: str, tokens: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Two or more words in capitals in a row are a name ("USA TODAY", "NOW TV")."""
    spans, i = [], 0
    while i < len(tokens):
        j = i
        while (
            j < len(tokens)
            and _acronym(tokens[j].group())
            and (j == i or not text[tokens[j - 1].end() : tokens[j].start()].strip(" &"))
        ):
            j += 1
        if j - i >= 2:
            spans.append((tokens[i].start(), tokens[j - 1].end()))
        i = max(j, i + 1)
    return spans


def mask_proper_names(text: str) -> str:
    """Blank capitalised names the caller did not pass: "Best Buy", "Leading Hotels of the
    World", "in Legendary Pictures", "invested in Legendary", "Indeed is based in ...".

    A single capitalised word at the start of a sentence stays unless a verb follows it, and
    an adjective followed by a nationality stays ("Leading British retailer"), so puffery at
    the start of a sentence is still checked.
    """
    starts = {s for s, _ in sentence_spans(text)}
    tokens = list(_TOKEN.finditer(text))
    runs: list[list[re.Match[str]]] = []
    i = 0
    while i < len(tokens):
        if not _cap(tokens[i].group()):
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < len(tokens):
            gap = text[run[-1].end() : tokens[j].start()]
            if gap.strip() not in {"", "&"} or "\n" in gap:
                break
            if _cap(tokens[j].group()) or _acronym(tokens[j].group()) or tokens[j].group() == "&":
                run.append(tokens[j])
                j += 1
                continue
            # Connectors inside a name: "Leading Hotels of the World", "Bank of America".
            k = j
            while (
                k < len(tokens)
                and tokens[k].group().lower() in _CONNECTORS
                and not _cap(tokens[k].group())
            ):
                nxt_gap = (
                    text[tokens[k].end() : tokens[k + 1].start()] if k + 1 < len(tokens) else "x"
                )
                if nxt_gap.strip() or "\n" in nxt_gap:
                    break
                k += 1
            if k > j and k < len(tokens) and _cap(tokens[k].group()):
                run.extend(tokens[j : k + 1])
                j = k + 1
                continue
            break
        runs.append(run)
        i = j
    spans: list[tuple[int, int]] = _shouted_names(text, tokens)
    # Words the text capitalises inside a sentence ("each Pioneer share"): a name, also where it
    # starts a sentence ("Pioneer shareholders will receive ...").
    inside = {
        t.group()
        for t in tokens
        if _cap(t.group()) and not _at_sentence_start(text, t.start(), starts)
    }
    for run in runs:
        caps = [t for t in run if _cap(t.group()) or _acronym(t.group())]
        first = run[0]
        if not _camel(first.group()) and _at_sentence_start(text, first.start(), starts):
            word = first.group().lower().strip(".’'")
            bare = re.sub(r"[’']s$", "", word)
            if (
                word in _FUNCTION
                or (bare != word and (bare in _FUNCTION or bare in _CONTRACTED))
                or word.endswith("ly")
                or (len(caps) > 1 and _DEMONYM.match(caps[1].group()))
            ):
                run = run[1:]
                while run and not _cap(run[0].group()):
                    run = run[1:]
                if not run:
                    continue
            elif (
                len(caps) == 1
                and first.group() not in inside
                and not _VERB_AFTER.match(text, first.end())
                and not (
                    first.group().endswith(("’s", "'s"))
                    and word[:-2].strip("’'") not in _CONTRACTED
                    and word[:-2].strip("’'") not in _FUNCTION
                )
            ):
                continue
        spans.append((run[0].start(), run[-1].end()))
    return _blank_spans(text, spans)


# --- attribution -------------------------------------------------------------------------

# More verbs of saying (Wikipedia's MOS:SAID list of "said" synonyms: reveal, point out,
# clarify, explain, note, observe, insist, speculate, surmise, claim, assert, admit, confess,
# deny; and the reporting verbs of English usage guides: quip, joke, boast, concede, reply,
# respond, stress, emphasise, muse, vow, ask, counter, retort, exclaim, complain, lament,
# caution, urge, promise, pledge, disclose, recount, contend, opine, brag, gush, enthuse,
# concede, wonder, agree). Each line: the forms of one verb. Many are also acts ("revealed
# its new phone", "promised a dividend"), so they report only when a quotation, a "that"
# clause or the end of the clause follows (``_SAID_ONLY``).
# The base forms of verbs of saying, which report only after "was quick to", "was keen to"
# (``_GOES_ON_TO``): "was quick to point out that ..." (not "the stress on", "a note").
_BASE_LINE = (
    "point stress note insist emphasise emphasize concede admit acknowledge mention deny warn add"
)
_MORE_REPORTING = (
    "quipped quips quipping",
    "joked jokes joking",
    "boasted boasts boasting",
    "bragged brags bragging",
    "conceded concedes conceding",
    "replied replies replying",
    "responded responds responding",
    "stressed stresses stressing",
    "emphasised emphasises emphasising emphasized emphasizes emphasizing",
    "mused muses musing",
    "vowed vows vowing",
    "asked asks asking",
    "countered counters countering",
    "retorted retorts retorting",
    "exclaimed exclaims exclaiming",
    "complained complains complaining",
    "lamented laments lamenting",
    "cautioned cautions cautioning",
    "urged urges urging",
    "promised promises promising",
    "pledged pledges pledging",
    "revealed reveals revealing",
    "disclosed discloses disclosing",
    "recounted recounts recounting",
    "contended contends contending",
    "opined opines opining",
    "gushed gushes gushing",
    "enthused enthuses enthusing",
    "wondered wonders wondering",
    "agreed agrees agreeing",
    "confessed confesses confessing",
    "denied denies denying",
    "clarified clarifies clarifying",
    "speculated speculates speculating",
    "surmised surmises surmising",
    "acknowledges acknowledging",
    "admits admitting",
    "recalls recalling",
    "observes observing",
    "remarks remarking",
    "comments commenting",
    "declares declaring",
    "asserts",
    "maintains maintaining",
    "concludes concluding",
    "explained",
    _BASE_LINE,
    "ranks",
    # The "say" and "tell" patterns of learners' grammars (GCF Global, "Reporting speech
    # verbs"; Richard Nordquist, "Reporting verb"; and a publisher's list of "said words":
    # affirmed, contended, maintained, remarked, recollected, recounted, remembered).
    "affirmed affirms affirming",
    "mentioned mentions mentioning",
    "proposed proposes",
    "remembered remembers",
    "recollected recollects",
    "assured assures assuring",
    "informed informs",
    "reminded reminds",
)
_BASE_FORMS = frozenset(_BASE_LINE.split())
_SAID_ONLY = re.compile(
    r"\s*[:,]?\s*[“\"‘]|\s+that\b|\s*(?:[.,;!?”\"]|$)|"
    r"\s+(?:to|in|on|at|during|after|before|when|while|last|this)\b"
)
# Verbs that report what someone said or thought. Matched in lowercase only: a capitalised
# "States" is part of a name ("the United States").
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|tell|wrote|writes|write|stated|states|added|adds|explained|"
    r"explains|noted|notes|argued|argues|argue|claimed|claims|believes|believe|believed|thinks|"
    r"think|thought|expects|expect|expected|predicted|predicts|forecast|forecasts|described|"
    r"describes|describe|calls|called|calling|call|named|names|dubbed|labell?ed|praised|"
    r"criticized|criticised|announced|announces|reported|reports|estimated|estimates|estimate|"
    r"concluded|found|finds|insisted|insists|admitted|acknowledged|warned|warns|suggested|"
    r"suggests|recalled|remarked|commented|observed|declared|asserted|maintained|tweeted|"
    r"posted|ranked|rated|hailed|touted|lauded|considers|deemed|reiterated|repeated|confirmed|"
    r"echoed|spoke|learned|learnt|understands|decided|pointed|accused|accuses|"
    r"speaking|talked|quoted|cited|citing|telling|saying|describing|writing|claiming|arguing|"
    r"insisting|asserting|deciding|warning|suggesting|noting|adding|explaining|predicting|"
    + "|".join(sorted({f for v in _MORE_REPORTING for f in v.split()}, key=len, reverse=True))
    + r")\b"
)
# The verbs that tell what someone said or believes, as opposed to what they did: only their
# clause reports someone else's sense of time ("He says that in recent days ...", not
# "Legendary announced that ... currently").
_SPEECH = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "tell",
        "wrote",
        "writes",
        "write",
        "stated",
        "states",
        "added",
        "adds",
        "argued",
        "argues",
        "argue",
        "believes",
        "believe",
        "believed",
        "thinks",
        "think",
        "expects",
        "expect",
        "predicted",
        "predicts",
        "explained",
        "explains",
        "noted",
        "insisted",
        "insists",
        "warned",
        "warns",
        "suggested",
        "suggests",
        "telling",
        "saying",
        "reiterated",
        "repeated",
        "confirmed",
        # What someone estimates, forecasts or decided is their view of the time too ("The
        # analyst estimates that ... from a current 48%").
        "estimates",
        "estimated",
        "estimate",
        "forecast",
        "forecasts",
        "decided",
        "claimed",
        "claims",
        "claiming",
        "arguing",
        "insisting",
        "asserting",
        "deciding",
        "warning",
        "suggesting",
        "noting",
        "adding",
        "explaining",
        "predicting",
        *(f for v in _MORE_REPORTING for f in v.split()),
    ]
)
# "called it", "calls the deal transformative" (not "called the police", "call attention to").
_CALLED = re.compile(
    r"\s+(?:(?:it|him|her|them|this|these|those|its|his|their)\b|(?:the|a|an|its|his|her|"
    r"their)\s+[\w-]+(?:\s+(?!(?:after|before|to|for|about|on|in|at|when|because|and|but|"
    r"over|into|from|with|by)\b)[\w-]+){0,2}?\s+(?:an?\s|the\s|[“\"]|[\w-]+(?:ive|ing|ous|ful|ic|"
    r"al|ant|ent|ible|able|less|est|ary|ed)\b))"
)
# Past participles that often are not reporting at all ("employees expected to", "a facility
# called the Test Zone"): they report only with a clause or an object after them.
_NEEDS_OBJECT = {
    "expected": re.compile(r"\s+that\b"),
    # "called it", "called the deal transformative" (not "called the police").
    "called": _CALLED,
    "call": _CALLED,
    "calls": _CALLED,
    "calling": _CALLED,
    # "announced that ...", "..., the company announced." (not "announced the acquisition":
    # an act, which attributes no view).
    "announced": re.compile(r"\s+(?:that|on|in|at|today|yesterday|\w+day)\b|\s*(?:[.,;:”\"]|$)"),
    "announces": re.compile(r"\s+(?:that|on|in|at|today)\b|\s*(?:[.,;:”\"]|$)"),
    "decided": re.compile(r"\s+that\b"),
    "deciding": re.compile(r"\s+that\b"),
    "pointed": re.compile(r"\s+(?:to|out)\b"),
    # "has accused Goop of promoting ...": the accuser names who holds the view (the passive
    # "is accused of", with nobody accusing, is not an attribution).
    "accused": re.compile(r"\s+(?:[\w’'.&-]+\s+){1,4}?of\b"),
    "accuses": re.compile(r"\s+(?:[\w’'.&-]+\s+){1,4}?of\b"),
    "warning": re.compile(r"\s+(?:that|of)\b"),
    "adding": re.compile(r"\s+(?:that|“|\")"),
    "noting": re.compile(r"\s+that\b"),
    # "..., Ad Age learned.", "the paper learned that ..." (not "learned to code").
    "learned": re.compile(r"\s*(?:[.,;:]|$)|\s+that\b"),
    "learnt": re.compile(r"\s*(?:[.,;:]|$)|\s+that\b"),
    "understands": re.compile(r"\s+(?:that\b|(?-i:[A-Z]))|\s*[.,;]"),
    "named": re.compile(r"\s+(?:it|him|her|them|this|these|those|its|his|their)\b"),
    "dubbed": re.compile(r"\s+(?:it|him|her|them|this|these|those|its|his|their)\b"),
    "labelled": re.compile(r"\s+(?:it|him|her|them|this|these|those|its|his|their)\b"),
    "labeled": re.compile(r"\s+(?:it|him|her|them|this|these|those|its|his|their)\b"),
    "found": re.compile(r"\s+(?:that|it|him|her|them)\b"),
    "thought": re.compile(r"\s+(?:that|it|he|she|they|we|I)\b"),
    "reported": re.compile(r"\s+(?:that|it|on|in|to|a|an|the|\d)\b|\s*,"),
    "described": re.compile(
        r"\s+(?:it|him|her|them|this|these|those|its|his|their|the\s+\w+)\s+as\b"
    ),
    "ranked": re.compile(r"\s+(?:it|him|her|them)\b"),
    "rated": re.compile(r"\s+(?:it|him|her|them)\b"),
    "posted": re.compile(r"\s+(?:that|on)\b"),
    **{
        f: _SAID_ONLY
        for v in _MORE_REPORTING
        for f in v.split()
        if f not in {"explained", "admits", "asserts", "recalls", "observes"}
    },
    "point": re.compile(r"\s+out\b"),
    "ranks": re.compile(r"\s+(?:it|him|her|them)\b"),
    # "assured investors that ...", "informed staff: “...”" (the hearer first).
    **{
        f: re.compile(
            r"(?:\s+(?!that\b)[\w’'.&-]+){1,4}?(?:\s+that\b|\s*[:,]?\s*[“\"]|\s*(?:[.,;]|$))"
        )
        for f in ("assured", "assures", "assuring", "informed", "informs", "reminded", "reminds")
    },
}
_ACCORDING = re.compile(
    r"\b(?:according\s+to|in\s+the\s+words\s+of|as\s+(?:reported|described|stated|noted)\s+by|"
    r"in\s+(?:a|an|its|his|her|their)\s+(?:statement|interview|report|filing|note|letter|post|"
    r"review|column|press\s+release)|per(?=\s+(?:the|its|(?-i:[A-Z]))))\s+(?P<who>[\w’'.&-]+)",
    re.IGNORECASE,
)
# Attributions that name their speaker in a set phrase: "in his words", "in Smith’s own
# words", "as Buffett (once) put it", "to quote Smith", "in the view of the regulator".
_SET_PHRASE = re.compile(
    r"\b(?:in\s+(?:his|her|their|its|(?-i:[A-Z])[\w’'.&-]*[’']s?)\s+(?:own\s+)?"
    r"(?:words|phrase|view|opinion|estimation|telling|account|assessment)\b|"
    r"as\s+(?:(?-i:[A-Z])[\w’'.&-]*(?:\s+(?-i:[A-Z])[\w’'.&-]*){0,3}|he|she|they|"
    r"(?:the|its|his|her|their|one)\s+[\w-]+)\s+(?:\w+ly\s+|once\s+|later\s+|then\s+)?"
    r"(?:put|puts|putting)\s+it\b|"
    r"to\s+quote\s+(?-i:[A-Z])|"
    r"in\s+the\s+(?:view|opinion|estimation|judgement|judgment)\s+of\s+(?:(?-i:[A-Z])|the\s+\w))",
    re.IGNORECASE,
)
# A quotation signed after a dash: "“...” — Tim Cook", "“...” –Forbes".
_DASH_SPEAKER = re.compile(r"[ \t]*(?:[—–―]|--)[ \t]*" + _NAME_START)
# A quotation introduced by someone's words as a noun: "Smith’s verdict: “...”", "Her reply:
# “...”", "Cook’s description of the deal as “a landmark”".
_SPEECH_NOUN = (
    r"(?:verdict|reply|response|answer|words|view|views|assessment|comment|comments|remark|"
    r"explanation|conclusion|quip|description|characteri[sz]ation|summary|warning|retort|"
    r"message|advice|argument|claim|promise|prediction|forecast|thoughts|opinion|take|"
    r"reaction|boast|pitch|phrase|assessment|diagnosis|judgement|judgment|review)"
)
_WHOSE = r"(?:(?-i:[A-Z])[\w’'.&-]*[’']s?|his|her|their|its)\s+(?:[\w-]+\s+)?"
_SPEECH_NOUN_INTRO = re.compile(_WHOSE + _SPEECH_NOUN + r"\s*:\s*\Z", re.IGNORECASE)
_SPEECH_NOUN_OF = re.compile(
    _WHOSE + _SPEECH_NOUN + r"\s+(?:of\s+[^“\"]{0,60}?\s+)?as\s*\Z", re.IGNORECASE
)
# ... or after it: "“...”: that was Cook’s verdict", "“...,” reads the company’s website".
_SPEECH_NOUN_AFTER = re.compile(
    r"\s*[:,;—–]?\s*(?:that|this|such)\s+(?:was|is|remains|remained)\s+(?:the\s+)?"
    + _WHOSE
    + _SPEECH_NOUN,
    re.IGNORECASE,
)
_READS_AFTER = re.compile(
    r"\s*[,;:—–]?\s*(?:reads|read|runs|ran|proclaims|proclaimed|declares|declared)\s+"
    r"(?:(?:the|its|his|her|their|a|an)\s+|(?-i:[A-Z]))"
)
# Naming: a quoted word after these is a mention of a name, not a use.
_NAMING = re.compile(
    r"\b(?:known|referred\s+to|described|dubbed|nicknamed|termed|called|named|titled|entitled|"
    r"branded|marketed|sold|trading|trades|marked|tagged|flagged|shown|listed|labell?ed|"
    r"the\s+(?:word|term|name|phrase|slogan|tagline|title|label)s?|"
    # A work or a slogan named after its noun: "the campaign “Dream crazy”", "its tagline,
    # “The ultimate driving machine”", "the album “Greatest hits”".
    r"(?:book|film|movie|album|song|single|show|series|campaign|ad|advert|advertisement|"
    r"commercial|memoir|novel|play|article|essay|podcast|documentary|exhibition|collection|"
    r"range|product|tagline|slogan|motto|hashtag|programme|program|initiative|app|game|"
    r"headline|chapter|episode|brand|logo|jingle)s?,?)"
    r"(?:\s+as)?\s*$|"
    # A name or a text given as the predicate: "its slogan is “...”", "the headline read: “...”"
    # (not "the campaign was “the best ever”").
    r"\b(?:slogan|tagline|motto|title|name|headline|hashtag|strapline|catchphrase|jingle|"
    r"nickname|working\s+title)s?\s+(?:is|was|are|were|reads|read)\s*:?\s*$",
    re.IGNORECASE,
)
# ... or by what follows it: "“Simply the best” was the slogan of the 2019 campaign".
_NAMED_AFTER = re.compile(
    r"\s*,?\s*(?:was|is|became|becomes|remains|remained|were|are)\s+(?:also\s+)?(?:the|its|his|"
    r"her|their|a|an)\s+(?:\w+[’']?s?\s+){0,2}?(?:slogan|title|name|tagline|motto|theme|"
    r"catchphrase|working\s+title|strapline|hashtag)\b",
    re.IGNORECASE,
)
_VAGUE = frozenset(
    [
        "some",
        "many",
        "most",
        "several",
        "few",
        "certain",
        "various",
        "numerous",
        "unnamed",
        "anonymous",
        "other",
        "others",
        "critics",
        "experts",
        "observers",
        "analysts",
        "people",
        "scholars",
        "scientists",
        "researchers",
        "historians",
        "commentators",
        "sources",
        "reports",
        "fans",
        "users",
        "customers",
        "insiders",
        "pundits",
        "skeptics",
        "sceptics",
        "supporters",
        "opponents",
        "detractors",
        "proponents",
        "everyone",
        "everybody",
        "nobody",
        "someone",
        "somebody",
        "those",
        "commentary",
        "rumours",
        "rumors",
        "studies",
        "research",
    ]
)
_PASSIVE = frozenset(
    ["is", "are", "was", "were", "be", "been", "being", "it's", "it’s", "that's", "that’s"]
)
_SKIP = frozenset(
    [
        "has",
        "have",
        "had",
        "also",
        "later",
        "then",
        "once",
        "previously",
        "further",
        "will",
        "would",
        "did",
        "does",
        "do",
        "has",
        "since",
        "again",
        "repeatedly",
        "often",
        "publicly",
        "recently",
        "reportedly",
        "just",
        "subsequently",
        "might",
        "could",
        "may",
        "can",
        "should",
        "must",
    ]
)
_CLAUSE_OPENER = re.compile(r"\b(?:that|it|he|she|they|we|I|there|this|its|his|her|their)\b")
_ENDS_CLAUSE = re.compile(
    r"\s*(?:$|[,.;!?”\"]|(?:on|in|at|during|last|this|to|when|after|before|while|in\s+a)\b)"
)
_BOUNDARY = re.compile(r"[,;:“”\"()—–]|\b(?:and|but|while|whereas|because|although|which|who)\b")


@dataclass(frozen=True)
class _Attribution:
    """Which parts of a sentence report someone else's words."""

    named: bool  # the sentence names who holds the view
    reported: tuple[tuple[int, int], ...]  # spans of reported clauses (absolute offsets)
    # Spans that describe the speaker ("The embattled planemaker also said ...", "..., said
    # the legendary founder"): our words about the speaker, not the speaker's words.
    speakers: tuple[tuple[int, int], ...] = ()


_FIRST_PERSON = frozenset(["i", "we", "i’d", "i'd", "we’d", "we'd", "me", "us"])
# Reporting verbs that are also nouns: after an article, a possessive or an adjective they are
# the noun ("sad notes", "the claims", "his reports"), which attributes nothing.
_NOUN_TOO = frozenset(
    [
        "notes",
        "claims",
        "reports",
        "states",
        "estimates",
        "calls",
        "names",
        "finds",
        "thinks",
        "says",
        "remarks",
        "comments",
        "quotes",
        "cites",
        "posts",
        "ranks",
        "rates",
        "writes",
        # "its promises", "the jokes", "his vows": the nouns of _MORE_REPORTING.
        *(f for v in _MORE_REPORTING for f in v.split() if f.endswith("s")),
    ]
)
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?i:a|an|the|his|her|its|their|our|my|your|these|those|such|some|many|several|"
    r"sad|new|recent|latest|own|other|further|earlier|later)|\b[a-z]\w*(?:ful|ous|ive|ic))\s+$"
)
# A clause right after the verb: "said Dig witnessed ...", "says the company plans ..." (only
# after verbs that cannot take a plain object: "added a podcast" is not a report).
_SAYS = frozenset(
    [
        "said",
        "says",
        "say",
        "believes",
        "believe",
        "believed",
        "thinks",
        "think",
        "argued",
        "argues",
        "insisted",
        "insists",
        "warned",
        "warns",
        "predicted",
        "predicts",
    ]
)
_SUBJECT_AFTER = re.compile(
    r"\s+(?:" + _NAME_START + r"[\w’'.&-]*|the\s+\w+|its\s+\w+|a\s+\w+)\s+[a-z]"
)


_TELL = frozenset(
    [
        "told",
        "tells",
        "tell",
        "telling",
        "assured",
        "assures",
        "assuring",
        "informed",
        "informs",
        "reminded",
        "reminds",
    ]
)
# Who was told: a name ("Reuters", "the Financial Times", "CoStar News"), a pronoun, or a
# group or body ("reporters", "judges", "the court", "a conference").
_HEARER = re.compile(
    r"\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:(?-i:[A-Z])[\w’'.&-]*(?:\s+(?-i:[A-Z])"
    r"[\w’'.&-]*){0,3}|him|her|them|us|me|reporters|journalists|analysts|investors|"
    r"shareholders|employees|staff|workers|judges|jurors|lawmakers|legislators|senators|"
    r"regulators|customers|listeners|viewers|readers|delegates|the\s+[a-z]+|an?\s+[a-z]+)"
    r"(?=\s|[,.;:!?”\"]|$)"
)


def _named_subject(prefix: str) -> bool:
    """Does the clause before a reporting verb name who is speaking?"""
    words = [w for w in re.findall(r"[\w’'.&-]+", prefix)]
    while words and words[-1].lower() in _SKIP or (words and words[-1].lower().endswith("ly")):
        words.pop()
    if not words:
        return False
    if (
        words[-1].lower() in _PASSIVE
        or words[-1].lower().endswith(("’s", "'s"))
        and words[-1][0].islower()
    ):
        return False
    words = words[-8:]
    while words and words[0].lower() in {
        "but",
        "and",
        "so",
        "yet",
        "or",
        "also",
        "then",
        "when",
        "while",
        "after",
        "as",
    }:
        words.pop(0)
    if not words:
        return False
    low = [w.lower().strip(".") for w in words]
    if low[-1] in _FIRST_PERSON or low[-1] in {"you", "one"}:
        # "I think", "we believe": the writer's own opinion, not a source's; "you might
        # expect", "one would think": the writer's, in the reader's name
        return False
    if re.search(r"\b(?:at|from|of|with)\s+(?:the\s+)?" + _NAME_START, " ".join(words)):
        return True  # "Analysts at Jefferies said": a named source, not "some analysts"
    return not (low[0] in _VAGUE or low[-1] in _VAGUE)


def _subject_named(sentence: str) -> bool:
    """Does the sentence open with a subject that says who (not "Some analysts", "It",
    "There")?"""
    words = re.findall(r"[\w’'.&-]+", sentence)[:2]
    if not words:
        return False
    first = words[0].lower()
    return first not in _VAGUE and first not in {"it", "there", "this", "that", "these"}


# A sentence that opens with the report, the speaker after it: "Says Cohen in a statement,
# “...”", "Continues Cohen, “...”", "Adds the analyst: ...".
_INVERTED = re.compile(
    r"[\s\"“‘(]*(?i:says|said|adds|added|continues|continued|explains|explained|notes|noted|"
    r"writes|wrote|recalls|recalled|concludes|concluded|insists|insisted|argues|argued|"
    r"warns|warned)\s+(?:"
    + _NAME_START
    + r"[\w’'.&-]*|the\s+\w+|an?\s+\w+|his\s+\w+|her\s+\w+|its\s+\w+)"
)
# The subject's own claim: "bills itself as", "styles itself", "positions itself as".
_SELF_CLAIM = re.compile(
    r"\b(?:bills|billed|styles|styled|positions|positioned|brands|branded|markets|marketed|"
    r"touts|touted|presents|presented)\s+(?:itself|himself|herself|themselves)\b|"
    # ... or what it sells: "The company bills the phone as “the best ever made”" (active, so
    # someone named does the billing; not the passive "is marketed as").
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbe\s)"
    r"\b(?:bills|billed|markets|marketed|pitches|pitched|promotes|promoted|advertises|"
    r"advertised)\s+(?:(?:the|its|his|her|their|this|these|a|an)\s+)?(?:[\w-]+\s+){0,2}?as\b"
)
# "goes on to say", "went on to describe": a report, although "to" comes before the verb.
_GOES_ON_TO = re.compile(
    r"\b(?:go|goes|went|gone|going|continued|continues)\s+on\s+to\s*$|"
    r"\bcontinued\s+to\s*$|"
    # "was quick to point out", "was keen to stress", "is at pains to note".
    r"\b(?:quick|keen|careful|eager|anxious|pains|happy|ready|first|last)\s+to\s*$",
    re.IGNORECASE,
)


# A speaker is a noun phrase: a longer stretch before the verb is a clause ("this campaign
# replaced the logo with popular names"), where the "verb" is more likely a noun.
_SPEAKER_WORDS = 8
# "Sabine Stetter, von Erffa’s defense attorney, said ...": a capitalised name, then an
# apposition between commas, right before the reporting verb.
_APPOSITION_SUBJECT = re.compile(
    r"(?:^|(?<=[\s,;]))(?-i:[A-Z])[\w’'.&-]*(?:\s+(?-i:[A-Z])[\w’'.&-]*)*,\s+[^,;:]{2,80},\s*\Z"
)
# A finite clause after "said": a subject, then a verb ("Bellenhaus deleted data", "the firm
# had lied"), so the verb's subject went before it.
_CLAUSE_AFTER = re.compile(
    r"\s+(?:[\w’'.&-]+\s+){1,4}?"
    r"(?:[a-z]+ed|is|was|were|are|had|has|have|would|will|could|did|does|lied|made|took|knew|"
    r"should|must|might|may|can)\b"
)


def _attribution(text: str, start: int, end: int) -> _Attribution:
    """The attribution in the sentence text[start:end] (the unmasked text)."""
    s = text[start:end]
    named = False
    reported: list[tuple[int, int]] = []
    speakers: list[tuple[int, int]] = []
    if _INVERTED.match(s):
        named = True
        reported.append((start, end))
    if _SELF_CLAIM.search(s):
        named = True  # "bills itself as the world's most creative company": its own claim
    if _SET_PHRASE.search(s):
        named = True
        reported.append((start, end))
    for m in _ACCORDING.finditer(s):
        who = m.group("who").lower()
        if who not in _VAGUE:
            named = True
    quoted = [(q.start(), q.end()) for q in QUOTE.finditer(s)]
    for m in _REPORTING.finditer(s):
        verb = m.group()
        if any(a < m.start() < b for a, b in quoted):
            continue  # a verb inside the quotation is the speaker's, not the attribution
        need = _NEEDS_OBJECT.get(verb)
        if need is not None and not need.match(s, m.end()):
            continue
        before = s[: m.start()]
        if verb in _BASE_FORMS and not _GOES_ON_TO.search(before):
            continue  # "the stress on", "a note": a base form reports only after "quick to"
        if verb in _NOUN_TOO and _DETERMINER_BEFORE.search(before):
            continue  # "sad notes", "the claims": a noun
        if re.search(r"\baccording\s+to\s+(?:[\w’'-]+\s+){0,3}$", before, re.IGNORECASE):
            continue  # "according to various media reports": the noun after "according to"
        if re.search(
            r"\b(?:to|safe|fair|needless)\s*$", before, re.IGNORECASE
        ) and not _GOES_ON_TO.search(before):
            continue  # "safe to say", "needless to say": not a report
        cut = max((b.end() for b in _BOUNDARY.finditer(before)), default=0)
        prefix = before[cut:]
        boundary = before[:cut].rstrip()
        after = s[m.end() :]
        shift = 0
        if verb in _TELL:
            # "told Reuters", "told the court in Munich", "told reporters the plan ...": the
            # hearer comes first; what follows it is the clause or the end.
            hearer = _HEARER.match(after)
            if hearer is not None:
                shift = hearer.end()
                after = after[shift:]
        if verb.endswith("ing") and verb in _SPEECH:
            # A participle clause of report: "..., saying the deal will ...", "by falsely
            # claiming Theranos could ...", "after deciding that ...". Its content is the
            # sentence subject's words, if the subject is named; the rest of the sentence
            # stays ours.
            lead = re.search(r"(?:^|\b(?:by|after|while|when|before|in))\s+(?:\w+ly\s+)?$", prefix)
            if (not prefix.strip() and boundary[-1:] == ",") or (prefix.strip() and lead):
                if _subject_named(s):
                    reported.append((start + m.end(), end))
                continue
        if (
            verb.endswith("ing")
            and prefix.strip()
            and not re.search(r"\b(?:is|was|are|were)\s*$", prefix)
        ):
            continue  # "letter writing", "the telling of": a noun, not a report
        if prefix.strip() and _named_subject(prefix):
            named = True
            if len(prefix.split()) <= _SPEAKER_WORDS:
                speakers.append((start + cut, start + m.start()))
            # The reported clause follows the verb; after "..., he said" it went before it.
            opener = _CLAUSE_OPENER.search(after[:40])
            direct = (verb in _SAYS or verb in _TELL) and _SUBJECT_AFTER.match(after)
            if verb in _SPEECH and (
                opener or direct or verb in {"expects", "expect", "predicts", "predicted"}
            ):
                at = m.end() + shift + (opener.start() if opener and not direct else 0)
                reported.append((start + at, end))
            if boundary[-1:] in {",", "”", '"'} and _ENDS_CLAUSE.match(after):
                # "..., he said." / "..., the company said on Monday.": the content went before.
                reported.append((start, start + cut))
        elif (
            not prefix.strip()
            and boundary[-1:] in {",", "”", '"', "’"}
            and not verb.endswith("ing")
        ):
            # Inverted: "..., said Al Gore", "”, says the company".
            apposed = _APPOSITION_SUBJECT.search(before[:cut])
            if apposed is not None and _CLAUSE_AFTER.match(after):
                # "..., and Sabine Stetter, von Erffa’s defense attorney, said Bellenhaus
                # deleted data": the speaker and an apposition before the verb, the reported
                # clause after it; what went before the speaker stays ours.
                named = True
                speakers.append((start + apposed.start(), start + m.start()))
                reported.append((start + m.end(), end))
            elif re.match(
                r"\s+(?:"
                + _NAME_START
                + r"[\w’'.-]*|he|she|they|we|the\s+\w+|an?\s+\w+|its\s+\w+)",
                after,
            ):
                first = after.split()[0] if after.split() else ""
                # "says People magazine": a capitalised word after the verb is a name.
                if first.lower() not in _VAGUE or first[:1].isupper():
                    named = True
                    reported.append((start, start + m.start()))
                    stop = re.search(r"[,;:.!?(—–]", after)
                    speakers.append(
                        (start + m.end(), start + m.end() + (stop.start() if stop else len(after)))
                    )
        elif re.match(r"\s+by\s+(?:" + _NAME_START + r"|the\s|an?\s)", after) and prefix.strip():
            # Passive with its agent: "was described by Forbes as ...".
            named = True
            reported.append((start + m.end(), end))
    return _Attribution(named=named, reported=tuple(reported), speakers=tuple(speakers))


def _quote_attributed(
    text: str, quote: re.Match[str], sentence: tuple[int, int], attr: _Attribution
) -> bool:
    """A quotation is allowed when its sentence attributes it or it names something."""
    if _NAMING.search(text[max(sentence[0], quote.start() - 40) : quote.start()]):
        return True
    if _NAMED_AFTER.match(text, quote.end(), sentence[1]):
        return True
    if attr.named:
        return True
    if _COLON_INTRO.search(text, sentence[0], quote.start()):
        return True
    before = text[max(sentence[0], quote.start() - 120) : quote.start()]
    if _SPEECH_NOUN_INTRO.search(before) or _SPEECH_NOUN_OF.search(before):
        return True
    if _DASH_SPEAKER.match(text, quote.end()):
        return True
    if _SPEECH_NOUN_AFTER.match(text, quote.end(), sentence[1]) or _READS_AFTER.match(
        text, quote.end(), sentence[1]
    ):
        return True
    outside = text[sentence[0] : quote.start()] + " " + text[quote.end() : sentence[1]]
    return bool(
        _REPORTING.search(outside) or _ACCORDING.search(outside) or _DOCUMENT_SAYS.search(outside)
    )


# A document as the speaker: "“...,” the statement reads", "the letter read", "the post
# continued".
_DOCUMENT_SAYS = re.compile(
    r"\b(?:statement|letter|note|release|post|message|memo|filing|announcement|tweet|e-?mail|"
    r"notice|report|obituary|tribute|citation|caption|sign|banner|headline)\s+"
    r"(?:reads|read|continues|continued|goes\s+on|went\s+on|concludes|concluded)\b",
    re.IGNORECASE,
)


# A quotation introduced by a colon after a name or a document: "Smith: “...”", "Smith, in a
# statement: “...”", "A statement from the company read: “...”".
_COLON_INTRO = re.compile(
    r"(?:\b(?-i:[A-Z])[\w’'.&-]*|\bstatement|\bread|\breads|\bnote|\bpost|\bemail|\bletter|"
    r"\bmemo|\bannouncement|\bmotto|\bslogan|\btagline)\s*:\s*\Z",
    re.IGNORECASE,
)


# --- the lint ----------------------------------------------------------------------------


def _inside(patterns: Sequence[re.Pattern[str]], text: str, start: int, end: int) -> bool:
    """Does a match of one of ``patterns`` (near text[start:end]) cover it?"""
    lo, hi = max(0, start - 120), min(len(text), end + 120)
    # Each pattern on its own, so a shorter one cannot hide a longer one's match.
    return any(
        a.start() <= start and end <= a.end()
        for pattern in patterns
        for a in pattern.finditer(text, lo, hi)
    )


def _allowed(category: Category, text: str, start: int, end: int) -> bool:
    if _inside(category.allow_regex, text, start, end):
        return True
    if not category.allow:
        return False
    term = text[start:end].lower()
    if term in category.allow:
        return True
    window = text[max(0, start - 30) : end + 30].lower()
    window = re.sub(r"\s+", " ", window.replace("’", "'"))
    term = re.sub(r"\s+", " ", term.replace("’", "'"))
    return any(
        a.replace("’", "'") in window and term in a.replace("’", "'") for a in category.allow
    )


_NAME_BEFORE = re.compile(r"([A-Z][\w’'.&-]*)\s+$")


def _after_name(category: Category, text: str, masked: str, start: int, end: int) -> bool:
    """A listed noun right after a proper name the masking blanked ("the Heysel Stadium
    disaster"): part of the event's name, not our word."""
    if text[start:end].lower() not in category.after_name:
        return False
    before = _NAME_BEFORE.search(text, max(0, start - 60), start)
    if before is None or before.group(1).lower() in _FUNCTION:
        return False
    # The word before was a name only if the masking blanked it.
    return not masked[before.start(1) : before.end(1)].strip()


_SCARE = re.compile(r"[a-z][a-z’'-]*(?: [a-z][a-z’'-]*)?")
# A figure right after a word: "tumbled 20%", "soared to $4.1 billion", "plunged by nearly 8
# percent".
_FIGURE_AFTER = re.compile(
    r"\s+(?:(?:by|to|from|more\s+than|less\s+than|nearly|almost|about|around|over|some|"
    r"roughly|as\s+much\s+as)\s+)*[$€£¥]?\d"
)


def _scare_quotes(text: str, quotes: list[re.Match[str]]) -> Iterable[tuple[int, int]]:
    """One or two lowercase words in quotation marks, inside prose: scare quotes ("offices in
    “certain” markets"), not an attribute value (fill="none") or a quoted passage."""
    for q in quotes:
        inner = q.group()[1:-1]
        before = text[q.start() - 1] if q.start() else " "
        after = text[q.end()] if q.end() < len(text) else " "
        if (
            _SCARE.fullmatch(inner)
            and before in " \t\n("
            and (after.isspace() or after in ".,;:!?)")
        ):
            yield q.start(), q.end()


def _unmask_phrases(
    text: str, masked: str, spans: Sequence[tuple[int, int]], cats: Sequence[Category]
) -> str:
    """Give back a sentence's first word when the masking took it for a name ("Research has
    shown", "Critics say", "Experts believe") and it starts a watched phrase of more than one
    word; a one-word match ("Legendary acquired ...") stays masked, as a name."""
    for start, _ in spans:
        first = _TOKEN.match(text, start)
        if first is None or masked[first.start() : first.end()].strip():
            continue
        for cat in cats:
            m = cat.regex.match(text, first.start()) if cat.regex is not None else None
            if m is not None and m.end() > first.end() and " " in m.group().strip():
                masked = masked[: first.start()] + first.group() + masked[first.end() :]
                break
    return masked


def lint_text(
    text: str, names: Sequence[str] = (), categories: Sequence[Category] | None = None
) -> list[Finding]:
    """Every word to watch in ``text``, with 1-based line and column."""
    cats = categories if categories is not None else load_categories()
    named_masked = mask(text, names)
    spans = sentence_spans(named_masked)
    masked = _unmask_phrases(named_masked, mask_proper_names(named_masked), spans, cats)
    attributions = [_attribution(text, s, e) for s, e in spans]
    quotes = list(QUOTE.finditer(named_masked))
    lines = text.splitlines()

    span_starts = [s for s, _ in spans]
    quote_starts = [q.start() for q in quotes]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(span_starts, pos) - 1)

    def quote_at(pos: int) -> re.Match[str] | None:
        i = bisect.bisect_right(quote_starts, pos) - 1
        return quotes[i] if i >= 0 and pos < quotes[i].end() else None

    found: list[tuple[int, int, bool, Finding]] = []
    for cat in cats:
        if cat.check == "scare_quotes":
            hits: Iterable[tuple[int, int]] = _scare_quotes(masked, quotes)
        elif cat.regex is not None:
            hits = ((m.start(), m.end()) for m in cat.regex.finditer(masked))
        else:
            continue
        for start, end in hits:
            if _allowed(cat, masked, start, end):
                continue
            if cat.after_name and _after_name(cat, text, masked, start, end):
                continue
            k = sentence_of(start)
            span, attr = (
                (spans[k], attributions[k]) if spans else ((0, len(text)), _Attribution(False, ()))
            )
            quote = quote_at(start)
            if quote is not None and cat.attribution != "none":
                # A quotation of several sentences is attributed where it closes ("“... Top
                # Gear. Jeremy is a huge talent,” Hall said."): check its last sentence too.
                last = sentence_of(max(quote.start(), quote.end() - 1))
                if _quote_attributed(named_masked, quote, span, attr) or (
                    last != k
                    and _quote_attributed(named_masked, quote, spans[last], attributions[last])
                ):
                    continue
            speaker = any(s <= start and end <= e for s, e in attr.speakers)
            if cat.attribution == "sentence" and attr.named and not speaker:
                continue
            reported = any(s <= start and end <= e for s, e in attr.reported)
            if cat.attribution == "sentence" and reported:
                continue
            severity = cat.severity
            if cat.attribution == "reported" and reported:
                # The speaker's time, not ours, but still a time the reader cannot place
                # ("Apple has confirmed that Steve Jobs died today"): a person should date it.
                severity = "warning"
            if text[start:end].lower() in cat.before_figure and _FIGURE_AFTER.match(text, end):
                severity = "warning"
            if cat.warning_regex and _inside(cat.warning_regex, masked, start, end):
                severity = "warning"
            line = text.count("\n", 0, start) + 1
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            line_text = lines[line - 1] if lines else ""
            finding = Finding(
                category=cat.name,
                guideline=cat.guideline,
                severity=severity,
                term=text[start:end],
                line=line,
                column=col,
                context=line_text.strip()[:200],
                advice=cat.advice,
                quoted=quote is not None,
            )
            found.append((start, end, bool(cat.inventory), finding))
    return _one_finding_a_span(found)


def _one_finding_a_span(found: list[tuple[int, int, bool, Finding]]) -> list[Finding]:
    """Every finding, except a general inventory's that overlaps another category's finding
    of at least its severity (the same words found twice: "world-class" is on the
    guideline's list and on the press-release lists; "a leading provider" holds "leading")."""
    rank = {"error": 1, "warning": 0}
    kept = [(s, e, f) for s, e, general, f in found if not general]
    for start, end, general, f in found:
        if general and not any(
            s < end and start < e and rank.get(k.severity, 0) >= rank.get(f.severity, 0)
            for s, e, k in kept
        ):
            kept.append((start, end, f))
    return sorted((f for _, _, f in kept), key=lambda f: (f.line, f.column))


_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>", re.DOTALL)


def visible_text(source: str, kind: str) -> str:
    """The prose of a file, with markup blanked out and line numbers kept."""
    text = source
    if kind in {"html", "jinja"}:
        for pattern in (_JINJA, _SCRIPT, _TAG):
            for m in list(pattern.finditer(text)):
                text = _blank(text, m.start(), m.end())
        text = html.unescape(text)
    elif kind == "css":
        # Only the text a stylesheet prints (content: "..."), not property names.
        kept = re.sub(r"[^\n]", " ", text)
        for m in re.finditer(r'content:\s*"([^"\n]*)"', text):
            kept = kept[: m.start(1)] + m.group(1) + kept[m.end(1) :]
        text = kept
        for m in list(_JINJA.finditer(text)):
            text = _blank(text, m.start(), m.end())
    elif kind == "markdown":
        for m in list(_JINJA.finditer(text)):
            text = _blank(text, m.start(), m.end())
        for m in list(re.finditer(r"```.*?```|`[^`\n]*`|\]\([^)]*\)", text, re.DOTALL)):
            text = _blank(text, m.start(), m.end())
    return text


def file_kind(path: Path) -> str:
    """html, jinja, markdown or text, from the file name."""
    name = path.name.lower()
    if name.endswith((".css", ".css.j2")):
        return "css"
    if name.endswith((".html.j2", ".htm.j2", ".j2", ".jinja", ".jinja2")):
        return "jinja"
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def lint_file(path: Path) -> list[Finding]:
    """Lint a Markdown, text, HTML or Jinja file."""
    source = path.read_text(encoding="utf-8", errors="replace")
    return lint_text(visible_text(source, file_kind(path)))
