"""Cover notes: the two short, warm notes that go with the agency profile and the company report.

The notes are a gift: they never ask for business. Every note is checked against the words to
watch and the ask-guard (``dossier/data/asks.toml``). Templates are Markdown (Jinja, no
autoescape) in ``templates/notes/``; a user folder overrides them. Nothing here sends mail: the
``.eml`` is a draft (``X-Unsent: 1``) for the sender to open, read and send by hand.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Collection, Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError

from ..config import Brand, Sender, data_dir
from ..errors import ConfigError, RenderError
from ..fsutil import atomic_write_bytes, atomic_write_text
from ..model import Contact
from ..names import one_line as _clean
from ..writing.neutrality import Finding, lint_text, load_categories, sentence_spans
from .ask_model import AskModel, default_model
from .asks import farewell_spans, gift_only, sentence_finding, structure_asks, warm_continuation

log = logging.getLogger(__name__)

ASKS_FILE = Path(__file__).resolve().parent.parent / "data" / "asks.toml"
NOTES = {1: "note-1.md.j2", 2: "note-2.md.j2"}


#: Characters that are Markdown syntax inside a line; in a contact's or agency's name they are
#: escaped, so "[Acme](https://evil.example/login)" stays text in the .md and the .eml.
_MD_SPECIAL = "\\`*_[]<>~|#!{}()"
_MD_ESCAPE = {ord(c): "\\" + c for c in _MD_SPECIAL}
_PROTECT_BASE = 0xE000  # escaped characters ride through the conversions as private-use ones


def md_escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text (no links, emphasis or HTML)."""
    return str(text).translate(_MD_ESCAPE)


def _protect(md: str) -> str:
    """``\\X`` escapes as private-use characters, so no pattern below can see the X."""
    md = re.sub("[\ue000-\ue07f]", "", md)  # none may come in from outside
    return re.sub(
        r"\\([\\`*_{}\[\]()#+\-.!<>~|])", lambda m: chr(_PROTECT_BASE + ord(m.group(1))), md
    )


def _restore(text: str, html_out: bool = False) -> str:
    def back(m: re.Match[str]) -> str:
        c = chr(ord(m.group(0)) - _PROTECT_BASE)
        return html.escape(c, quote=True) if html_out else c

    return re.sub("[\ue000-\ue07f]", back, text)


def _md_contact(contact: Contact) -> SimpleNamespace:
    """The contact as the note templates see it: every field escaped as Markdown."""
    return SimpleNamespace(
        name=md_escape(contact.name),
        first_name=md_escape(contact.first_name),
        new_company=md_escape(contact.new_company),
        new_title=md_escape(contact.new_title),
        previous_company=md_escape(contact.previous_company),
        owner=md_escape(contact.owner),
        email=contact.email,
    )


def note_names(
    contact: Contact, brand: Brand, agency_name: str | None, sender: Sender | None = None
) -> list[str]:
    """The proper names in a note: data, masked before the lint (as written and as escaped)."""
    signer = sender or brand.default_sender
    raw = [
        n
        for n in (
            contact.name,
            contact.first_name,
            contact.new_company,
            contact.new_title,
            contact.previous_company,
            agency_name or "",
            brand.name,
            signer.name,
            signer.title,
            signer.email,
        )
        if n
    ]
    return raw + [e for n in raw if (e := md_escape(n)) != n]


# Warm-line safeguards: where a phrase the ask-guard lists is not an ask.
# A clause about the past ("I enjoyed meeting you yesterday", "we used to get lunch there") ...
_PAST = re.compile(
    r"\b(?:remember(?:ed|s)?|recall(?:ed|s)?|enjoyed|loved|liked|appreciated|valued|treasured|"
    r"used\s+to|was|were|had|met|spoke|talked|started|ended|went|worked|shared|"
    r"yesterday|earlier|ago|our\s+last|last\s+(?:week|night|time|month|year)|this\s+morning)\b",
    re.IGNORECASE,
)
# ... unless it also looks ahead or asks ("I enjoyed our chat; shall we do it again?"), or
# chases ("I have not had much success reaching you").
_AHEAD = re.compile(
    r"\?|\b(?:will|would|could|can|shall|should|let[’']?s|let\s+(?:me|us)|please|hope|hoping|"
    r"look(?:ing)?\s+forward|soon|again|next|available|free|tomorrow|if|want|wanted|wondering|"
    r"need|like\s+to|love\s+to)\b|[’']ll\b|[’']d\b|"
    # A negated past about contact is a chase: "I have not had much success reaching you".
    r"(?:\bnot|\bnever|n[’']t)\s+(?:yet\s+)?(?:had|heard|managed|been\s+able)\b"
    # ... and so is waiting on the reader: "in case you were waiting to hear from me".
    r"|\bwaiting\s+(?:to\s+hear|for\s+(?:a\s+|your\s+|that\s+|any\s+|my\s+)?(?:reply|response|answer|word))\b"
    # ... and so is coming back to our own approach: "just checking in on our conversation
    # from last week".
    r"|\b(?:checking\s+in|following\s+up|circling\s+back|touching\s+base)\b",
    re.IGNORECASE,
)
# A memory counted over ("I can't count the times I have come into your office to ask for
# advice", "all the times we met for lunch") is about the past, whatever modal frames it.
_MEMORY = re.compile(
    r"\b(?:all\s+)?the\s+(?:many\s+)?(?:times|occasions)\s+(?:that\s+)?(?:I|we|you)\s+"
    r"(?:have\s+|had\s+|[’']ve\s+)?(?:\w+ed|came|come|went|gone|sat|spent|ran|met|sought|took|"
    r"brought|made|gave)\b|\bhow\s+(?:many\s+times|often)\s+(?:I|we|you)\s+(?:have\s+|had\s+)?"
    r"(?:\w+ed|came|come|went|sat|met|sought|took|gave)\b",
    re.IGNORECASE,
)
# "Glad we could help with the launch": what we did, not what we offer.
_GLAD = re.compile(
    r"\b(?:glad|happy|pleased|proud|grateful|thankful|delighted|lucky)\s+(?:that\s+)?(?:we|I)\s+"
    r"(?:could|were\s+able\s+to|was\s+able\s+to|got\s+to)\b",
    re.IGNORECASE,
)
# "Good meeting today.", "Lovely to see you yesterday."
_GOOD_TIME = re.compile(
    r"^\W*(?:good|great|nice|lovely|wonderful|fantastic|productive|fun)\s+(?:to\s+)?"
    r"(?:meeting|call|chat|lunch|coffee|talk|conversation|session|catch-up|see|seeing|meet|talking)"
    r"\b[^?]*$",
    re.IGNORECASE,
)
# A thank-you or a congratulation is not an ask, except a thank-you in advance; nor is one
# said the long way ("I wanted to express my sincere gratitude for ...", "we would like to
# thank you for ...").
_THANKS = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:(?:many\s+|big\s+)?thanks|thank\s+you|congratulations|congrats|"
    r"(?:I|we)\s+(?:am|are|[’']m|[’']re)\s+(?:so\s+|very\s+|truly\s+)?(?:grateful|thankful)|"
    # "We greatly appreciate your willingness to partner with us": thanks for what the reader
    # did or does (not "I would appreciate your thoughts", "we'd appreciate it if you ...").
    r"(?:I|we)\s+(?:(?:greatly|really|truly|sincerely|deeply|always|do|also|so)\s+)*"
    r"(?:appreciate|appreciated)\s+(?!it\s+if\b)(?:your|you|the|all|everything|having|working)\b|"
    r"(?:I|we)\s+(?:just\s+|also\s+)?(?:want(?:ed)?|would\s+like|[’']d\s+like)\s+to\s+"
    r"(?:personally\s+|sincerely\s+|also\s+)?(?:thank|say\s+thank|congratulate|express\s+(?:my|our)\s+"
    r"(?:\w+\s+){0,2}?(?:gratitude|thanks|appreciation)))\b",
    re.IGNORECASE,
)
# A wish for the reader is not an ask: "May your retirement be filled with more golf than
# office work and more sunsets than meetings!", "Wishing you a happy holiday", "Here's to your
# next chapter" (the whole sentence is the wish, unless the clause turns to address the
# reader: "May the year be kind, and let's meet in spring").
_WISH = re.compile(
    r"^\W*(?:and\s+)?(?:may\s+(?:you|your|the|this|all|every)|wishing\s+you|(?:I|we)\s+wish\s+you|"
    r"here[’']s\s+to|cheers\s+to|best\s+wishes|all\s+the\s+best|good\s+luck|"
    r"happy\s+(?:holidays|retirement|new\s+year|birthday|anniversary))\b[^?]*$",
    re.IGNORECASE,
)
_ADDRESSED = re.compile(
    r"^\W*(?:let|please|I|we|you|call|drop|give|shall|would|could|can|do|don[’']t)\b", re.IGNORECASE
)
_IN_ADVANCE = re.compile(r"\bin\s+advance\b|\bconsider(?:ing|ation)?\b", re.IGNORECASE)
# "There is no need to reply." says the opposite of an ask.
_NO_REPLY = re.compile(
    r"\bno\s+(?:need|obligation)\s+(?:at\s+all\s+)?to\s+(?:reply|respond|answer|write\s+back|"
    r"get\s+back(?:\s+to\s+(?:me|us))?)\b|\bno\s+reply\s+(?:is\s+)?(?:needed|necessary|required|"
    r"expected)\b|\b(?:don[’']t|do\s+not)\s+(?:feel\s+(?:that\s+)?(?:you\s+)?(?:need|have)\s+to|"
    r"need\s+to|have\s+to)\s+(?:reply|respond|answer|write\s+back|get\s+back)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:—–]|\s-\s|\.\.\.|…)\s*|\s+(?:and|but|so|then)\s+")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of the sentence text[start:end], split at punctuation and "and"/"but"."""
    out, at = [], start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.start() > at:
            out.append((at, m.start()))
        at = m.end()
    if at < end:
        out.append((at, end))
    return out or [(start, end)]


# What we did for others is a pitch in any tense: only these categories have a past that is
# innocent ("I enjoyed meeting you", "we used to get lunch").
_PAST_INNOCENT = frozenset(
    ["meetings", "working_together", "offers_and_requests", "requests", "offers", "invitations"]
)


def _warm(text: str, clause: tuple[int, int], sentence: tuple[int, int], category: str) -> bool:
    """Is the clause a thank-you, a congratulation or a memory rather than an ask?"""
    words = text[clause[0] : clause[1]]
    if _THANKS.search(words) and not _IN_ADVANCE.search(words):
        return True
    if _GLAD.search(words) and "?" not in words:
        return True
    whole = text[sentence[0] : sentence[1]]
    if warm_continuation(whole, words) or gift_only(whole):
        return True
    if _WISH.search(whole) and not _ADDRESSED.search(words):
        return True
    if _GOOD_TIME.search(whole):
        return True
    if category in _PAST_INNOCENT and _MEMORY.search(whole) and "?" not in whole:
        return True
    return (
        category in _PAST_INNOCENT
        and bool(_PAST.search(words))
        and not _AHEAD.search(words)
        and "?" not in whole
    )


def _safeguarded(text: str, findings: list[Finding]) -> list[Finding]:
    """Drop the warnings that sit in a warm clause or inside "no need to reply"; errors (a
    pitch, a price) stay whatever surrounds them."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    sentences = sentence_spans(text)
    no_reply = [(m.start(), m.end()) for m in _NO_REPLY.finditer(text)]
    kept = []
    for f in findings:
        at = starts[f.line - 1] + f.column - 1
        end = at + len(f.term)
        if f.severity == "error":
            kept.append(f)
            continue
        if any(a < end and at < b for a, b in no_reply):
            continue
        sentence = next(((a, b) for a, b in sentences if a <= at < b), (0, len(text)))
        clause = next(((a, b) for a, b in _clauses(text, *sentence) if a <= at < b), sentence)
        if _warm(text, clause, sentence, f.category):
            continue
        kept.append(f)
    return kept


def _in_spans(text: str, finding: Finding, spans: set[tuple[int, int]]) -> bool:
    return bool(spans) and bool(_flagged_spans(text, [finding]) & spans)


def _flagged_spans(text: str, findings: Sequence[Finding]) -> set[tuple[int, int]]:
    """The sentences of ``text`` that hold at least one of ``findings``."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    at = [starts[f.line - 1] + f.column - 1 for f in findings]
    return {s for s in sentence_spans(text) for o in at if s[0] <= o < s[1]}


def rule_asks(text: str, names: Sequence[str] = ()) -> list[Finding]:
    """The phrase and grammar rules of ``asks.toml`` (meetings, pitches, prices, requests,
    offers, invitations), less the warm lines' safeguards: a warning inside a thank-you, a
    congratulation, a clause about the past or "no need to reply" is not an ask; and, for the
    sentences no phrase flagged, the reading of each sentence as a speech act
    (``asks.structure_asks``: a request, an instruction, an offer, a deal ... put to the
    reader)."""
    farewell = farewell_spans(text)
    found = lint_text(text, names, categories=load_categories(ASKS_FILE))
    phrases = [f for f in _safeguarded(text, found) if not _in_spans(text, f, farewell)]
    acts = structure_asks(text, names, skip=_flagged_spans(text, phrases))
    return sorted(phrases + acts, key=lambda f: (f.line, f.column))


#: Whether ``check_asks`` adds the classifier's findings to the rules' by default. Off since
#: the dev10 round: retrained with dev10, on the cold dev7 and test together it caught no ask
#: the rules missed and flagged one more warm line, so by the rule written before the dev7
#: round it is off (docs/notes.md, eval/asks/README.md); ``check_asks(text, model=True)``
#: still adds it. Retrained with dev11 and dev12 in the dev12 round, it stays off: out of fold
#: it adds 2 asks of 452 to the rules, too few to set against a warm line on unseen text.
USE_MODEL = False
MODEL_CATEGORY = "reads_as_an_ask"


def model_asks(
    text: str,
    names: Sequence[str] = (),
    model: AskModel | None = None,
    *,
    skip: Collection[tuple[int, int]] = (),
) -> list[Finding]:
    """Every sentence of ``text`` the classifier reads as an ask (probability at or above the
    model's threshold): one warning per sentence, whose advice names the n-grams behind it.
    Sentences whose span is in ``skip`` (already flagged by the rules) are not scored."""
    m = model or default_model()
    found = []
    for a, b in sentence_spans(text):
        if (a, b) in skip:
            continue
        sentence = text[a:b]
        if not sentence.strip():
            continue
        p = m.probability(sentence, names)
        if p < m.threshold:
            continue
        advice = (
            f"The ask-guard's classifier reads this sentence as an ask (p = {p:.2f}, "
            f"threshold {m.threshold:.2f}); what weighed most: "
            f"{', '.join(m.reasons(sentence, names)) or 'the sentence as a whole'}. "
            "A cover note asks for nothing: reword the sentence or leave it out."
        )
        found.append(sentence_finding(text, (a, b), MODEL_CATEGORY, advice))
    return found


def check_asks(text: str, names: Sequence[str] = (), *, model: bool | None = None) -> list[Finding]:
    """Every ask for business in ``text``: the rules' findings (``rule_asks``) and, when the
    classifier is on (``model``, by default ``USE_MODEL``), the sentences it reads as an ask
    that no rule flagged, in line order."""
    rules = rule_asks(text, names)
    if not (USE_MODEL if model is None else model):
        return rules
    ruled = _flagged_spans(text, rules)
    return sorted(rules + model_asks(text, names, skip=ruled), key=lambda f: (f.line, f.column))


def check_note(text: str, names: Sequence[str] = ()) -> list[Finding]:
    """The ask-guard and the words to watch, together, in line order."""
    found = check_asks(text, names) + lint_text(text, names)
    return sorted(found, key=lambda f: (f.line, f.column))


@lru_cache(maxsize=8)  # compiled templates are reused across a batch
def environment(user_templates: Path | None = None) -> Environment:
    """Jinja for the notes: the user's folder (or its notes/) first, then the packaged notes."""
    loaders: list[Any] = []
    if user_templates is not None:
        if not user_templates.is_dir():
            raise RenderError(f"Templates folder {user_templates} does not exist.")
        if (user_templates / "notes").is_dir():
            loaders.append(FileSystemLoader(str(user_templates / "notes")))
        loaders.append(FileSystemLoader(str(user_templates)))
    loaders.append(FileSystemLoader(str(data_dir("templates") / "notes")))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=False,  # Markdown and plain text; the HTML part escapes on its own
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _tidy(text: str) -> str:
    """Clean what empty values leave behind: double spaces, " ,", "()", extra blank lines."""
    lines = []
    for line in text.splitlines():
        indent = line[: len(line) - len(line.lstrip(" "))]
        body = re.sub(r" {2,}", " ", line.strip())
        body = re.sub(r"\s*\(\s*\)", "", body)
        body = re.sub(r" +([,.;:!?])", r"\1", body)
        # A name that ends in a full stop ("Apple Inc.") at the end of a sentence.
        body = re.sub(r"(?<=\w)\.\.(?!\.)", ".", body)
        lines.append(indent + body if body else "")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def render_note(
    which: int,
    contact: Contact,
    brand: Brand,
    agency_name: str | None,
    templates: Path | None = None,
    *,
    sender: Sender | None = None,
    first: bool | None = None,
    agency_role: str | None = None,
    works_with: bool = False,
) -> str:
    """Cover note 1 (with the agency profile) or 2 (with the company report), as Markdown.

    Note 1 needs the profiled ``agency_name``. Note 2 is the ``first`` mailing when no note 1
    went before it (default: when there is no ``agency_name``). ``works_with`` lets note 1 say
    the agency works with the company (only when the evidence, or a reviewer, confirms it;
    ``agency_role`` is its discipline). ``sender`` signs (default: the brand's sender).
    """
    if which not in NOTES:
        raise RenderError(f"There is no cover note {which}; choose 1 or 2.")
    agency = _clean(agency_name) or None
    if which == 1 and agency is None:
        raise RenderError("Cover note 1 goes with an agency profile, and there is none to send.")
    name = NOTES[which]
    signer = sender or brand.default_sender
    is_first = (which == 1 or agency is None) if first is None else first
    context = {
        "contact": _md_contact(contact),
        "agency": SimpleNamespace(
            name=md_escape(agency) if agency else None,
            role=_clean(agency_role) or None,
            works_with=bool(works_with and agency),
        ),
        "mailing": SimpleNamespace(number=which, first=is_first),
        "sender": SimpleNamespace(name=signer.name, title=signer.title, email=signer.email),
        "brand": brand,
    }
    try:
        text = environment(templates).get_template(name).render(**context)
    except TemplateError as exc:
        lineno = getattr(exc, "lineno", None)
        where = f" (line {lineno})" if lineno else ""
        raise RenderError(
            f"The note template {name}{where} could not be rendered: {exc}. "
            "Fix the template, or delete your copy to use the packaged one."
        ) from exc
    return _tidy(text)


def subject(
    which: int, contact: Contact, agency_name: str | None, first: bool | None = None
) -> str:
    """The e-mail subject of note 1 or 2 (note 2 as the ``first`` mailing: see render_note)."""
    if which == 1:
        return "Congratulations on the new role"
    if which == 2:
        if (agency_name is None) if first is None else first:
            return f"Congratulations on the new role, and a short report on {contact.new_company}"
        return f"The {contact.new_company} report we mentioned"
    raise RenderError(f"There is no cover note {which}; choose 1 or 2.")


def attachment_name(subject_name: str, stem: str) -> str:
    """The file name a PDF is attached under, named for what it is:
    ("TBWA\\Media Arts Lab", "agency-profile") -> "TBWA-Media-Arts-Lab-agency-profile.pdf"."""
    ascii_name = unicodedata.normalize("NFKD", _clean(subject_name))
    ascii_name = ascii_name.encode("ascii", "ignore").decode().replace("&", " and ")
    words = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")[:60].strip("-")
    return f"{words}-{stem}.pdf" if words else f"{stem}.pdf"


_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(
    r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"
)


def _link_text(m: re.Match[str]) -> str:
    label, url = m.group(1).strip(), m.group(2).strip()
    if not url or label in (url, url.removeprefix("mailto:")):
        return label or url
    return f"{label} ({url})" if label else url


def _plain_lines(md: str) -> list[str]:
    """Markdown lines without heading marks, quote marks, rules and code marks."""
    out = []
    for line in md.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", r"\1", line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        if re.fullmatch(r"\s{0,3}([-*_])(\s*\1){2,}\s*", line):
            line = ""
        line = _AUTOLINK.sub(r"[\1](\1)", line)
        out.append(re.sub(r"`([^`]*)`", r"\1", line).rstrip())
    return out


def markdown_to_text(md: str) -> str:
    """Plain text for the .txt and the text/plain part: no emphasis, links as "x (url)"."""
    text = "\n".join(_plain_lines(_protect(md)))
    text = _LINK.sub(_link_text, text)
    text = _BOLD.sub(r"\2", text)
    text = _EM.sub(lambda m: m.group(1) or m.group(2), text)
    return re.sub(r"\n{3,}", "\n\n", _restore(text)).strip() + "\n"


def _html_link(m: re.Match[str]) -> str:
    label, url = m.group(1).strip(), html.unescape(m.group(2).strip())
    if urlsplit(url).scheme in ("http", "https", "mailto"):
        return f'<a href="{html.escape(url, quote=True)}">{label or html.escape(url)}</a>'
    return label or html.escape(url)


def markdown_to_html(md: str, title: str = "") -> str:
    """A small HTML page: paragraphs and line breaks, every piece of text escaped first."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", "\n".join(_plain_lines(_protect(md))).strip()):
        body = html.escape(block.strip(), quote=True)
        body = _LINK.sub(_html_link, body)
        body = _BOLD.sub(r"<strong>\2</strong>", body)
        body = _EM.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", body)
        paragraphs.append("<p>" + _restore(body, html_out=True).replace("\n", "<br>\n") + "</p>")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n"
        '<body style="font-family: Arial, Helvetica, sans-serif; line-height: 1.5;">\n'
        + "\n".join(paragraphs)
        + "\n</body></html>\n"
    )


def _address(name: str, email: str) -> Address:
    """A header address; a bad one is a ConfigError, never a malformed header."""
    try:
        return Address(display_name=_clean(name), addr_spec=_clean(email))
    except (ValueError, IndexError) as exc:
        raise ConfigError(f"{email!r} is not a usable e-mail address: {exc}.") from exc


def build_eml(
    markdown: str,
    contact: Contact,
    brand: Brand,
    subject: str,
    attachment: Path | None,
    *,
    sender: Sender | None = None,
    filename: str | None = None,
) -> bytes:
    """A draft e-mail (X-Unsent: 1): text and HTML alternatives, the PDF attached (as
    ``filename``, default its own name). From: ``sender`` (default the brand's). Never sent."""
    msg = EmailMessage(policy=SMTP)
    signer = sender or brand.default_sender
    if signer.email:
        msg["From"] = _address(signer.name, signer.email)
    if contact.email:
        msg["To"] = _address(contact.name, contact.email)
    msg["Subject"] = _clean(subject)
    msg["X-Unsent"] = "1"
    msg.set_content(markdown_to_text(markdown))
    msg.add_alternative(markdown_to_html(markdown, _clean(subject)), subtype="html")
    if attachment is not None:
        if not attachment.is_file():
            raise RenderError(f"The attachment {attachment} does not exist; build it first.")
        msg.add_attachment(
            attachment.read_bytes(),
            maintype="application",
            subtype="pdf",
            filename=_clean(filename) or attachment.name,
        )
    return msg.as_bytes(policy=SMTP)


def write_note(
    folder: Path,
    stem: str,
    markdown: str,
    contact: Contact,
    brand: Brand,
    subject: str,
    attachment: Path | None,
    *,
    sender: Sender | None = None,
    filename: str | None = None,
) -> dict[str, Path]:
    """Write <stem>.md, <stem>.txt and <stem>.eml atomically into ``folder``."""
    if not stem or stem.startswith(".") or Path(stem).name != stem:
        raise RenderError(f"{stem!r} is not a plain file name for a note.")
    paths = {ext: folder / f"{stem}.{ext}" for ext in ("md", "txt", "eml")}
    eml = build_eml(markdown, contact, brand, subject, attachment, sender=sender, filename=filename)
    atomic_write_text(paths["md"], markdown)
    atomic_write_text(paths["txt"], markdown_to_text(markdown))
    atomic_write_bytes(paths["eml"], eml)
    log.info("Wrote cover note %s (.md, .txt, .eml)", folder / stem)
    return paths
