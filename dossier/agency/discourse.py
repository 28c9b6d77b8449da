"""Discourse links: a sentence that refers to the brand or the agency another sentence named.

Pure text. Trade-press items name the brand in the headline and go on "The retailer has appointed
X ..." or "It picked X after a review"; or name the agency first and then "the agency ...". Within
one item (headline and snippet), :func:`resolve` rewrites such a sentence with the name in the
anaphor's place ("the retailer" -> "Tesco", "the brand's" -> "Tesco's", "the agency" -> "Mother")
so that the relation frames can read it as if the name were there. The rewritten text is only
read; the relation a frame finds in it keeps the real sentence (``Relation.sentence``) and records
the sentence that named the brand or agency (``Relation.linked``).

Anaphors:

* brand side: "the brand", "the company", "the retailer", "the carmaker", "the bank", "the telco",
  "the insurer", "the chain", "the group", "the business", "the firm", "the client", "the
  marketer", "the advertiser" (and the like; with up to two modifiers: "the Sydney-based
  company", "the fast-food chain"), each also possessive ("the brand's new agency"); a sentence
  that opens with "It" or "Its" before a brand's verb or noun ("It picked X", "Its new agency").
* agency side: "the agency", "the shop", "the network", "the independent", "the indie", "the
  hotshop", "the WPP-owned agency".

A brand-side anaphor is resolved only to a brand: never to a name the item itself calls an agency or
a holding company (an agency headline's "the company" is the agency). The caller supplies the
antecedents; this module only finds the anaphor and writes the name in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Resolved", "agency_reference", "has_reference", "resolve"]

_BRAND_NOUN = (
    r"(?:brand|company|retailer|carmaker|automaker|car\s+maker|bank|telco|insurer|chain|firm|client|"
    r"marketer|advertiser|supermarket|grocer|airline|brewer|manufacturer|maker|operator|giant|"
    r"broadcaster|charity|organisation|organization|lender|carrier)"
)
# "the group", "the business": the brand only as the sentence's subject ("The group has
# appointed ..."); elsewhere they are as often the holding company or the account
_SUBJECT_NOUN = r"(?:group|business)"
# "the brand", "the Sydney-based company", "the fast-food chain's": up to two modifiers, in lower
# case or hyphenated (a capitalised word would be a name: "the Coca-Cola Company"); never one
# that makes it an agency's or a holding company's word ("the holding company", "the marcoms
# company", "the agency's client")
_NOT_MODIFIER = (
    r"(?!(?:holding|parent|marcoms|marketing|communications|agency|advertising|ad|media|pr|consulting|consultancy|"
    r"production|services|network|former|previous|other|new|potential|prospective)\b)"
)
_MODIFIER = rf"(?:{_NOT_MODIFIER}(?:[a-z][\w-]*|[A-Z][\w.]*-[a-z][\w-]*)\s+)"
# not a description of another organisation: "the company he founded", "the client that ..."
_NOT_DESCRIBED = r"(?!\s+(?:he|she|they|it|we|that|who|whom|which|founded|owned|run|behind)\b)"
_BRAND_REF = re.compile(
    rf"(?:\b(?P<ref>[Tt]he\s+{_MODIFIER}{{0,2}}?{_BRAND_NOUN})|^\W*(?P<sref>The\s+{_MODIFIER}{{0,2}}?{_SUBJECT_NOUN}))"
    rf"(?P<pos>['’]s)?(?![\w-]){_NOT_DESCRIBED}"
)
# a sentence that opens with "It"/"Its" for the brand: a brand's verb must follow "It"
_BRAND_VERB = (
    r"(?:has\s+|had\s+|have\s+|is\s+|was\s+|will\s+|also\s+|now\s+|then\s+|recently\s+|finally\s+){0,3}"
    r"(?:appoint|hire|pick|name|select|tap|choose|chose|chosen|move|shift|consolidate|drop|fire|ditch|"
    r"part|review|call|put|retain|keep|kept|award|hand|enlist|sign|launch|open|begin|began|start|"
    r"reappoint|stick|stuck|stay)\w*"
)
_IT_BRAND = re.compile(rf"^(?P<lead>\W*)(?P<ref>It)(?=\s+{_BRAND_VERB}\b)")
_ITS_BRAND = re.compile(
    r"^(?P<lead>\W*)(?P<ref>Its)(?=\s+(?:[\w-]+\s+){0,3}?(?:agency|agencies|account|business|review|pitch|roster|aor)\b)"
)
_AGENCY_REF = re.compile(
    r"\b(?P<ref>[Tt]he\s+(?:(?:indie|independent|creative|media|digital|pr|ad|advertising|lead|[\w&+-]+-owned|[\w-]+-based)\s+)?"
    r"(?:agency|shop|network|independent|indie|indy|hotshop))(?P<pos>['’]s)?(?![\w-])"
    # "the agency created to run its business", "the agency it hired": a description of another
    # agency, not a reference to the one named before
    r"(?!\s+(?:created|set\s+up|formed|founded|built|hired|appointed|chosen|picked|that|which|who|whom|it|they|he|she|"
    r"behind|of|for|in\s+charge|responsible|to\s+be)\b)"
)
# a sentence that opens with "It" for the agency: an agency's verb follows
_IT_AGENCY = re.compile(
    r"^(?P<lead>\W*)(?P<ref>It)(?=\s+(?:has\s+|had\s+|also\s+|then\s+|recently\s+){0,2}"
    r"(?:won|wins|landed|lands|secured|secures|picked\s+up|picks\s+up|scooped|bagged|snagged|lost|loses|resigned)\b)"
)


@dataclass(frozen=True)
class Resolved:
    """A sentence with its anaphors replaced by the names they refer to."""

    text: str  # the rewritten sentence (read by the frames, never reported)
    brand: str  # the brand written in, "" if none
    agency: str  # the agency written in, "" if none


def _swap(text: str, m: re.Match[str], name: str) -> str:
    ref = "ref" if m.groupdict().get("ref") else "sref"
    possessive = "'s" if m.groupdict().get("pos") else ""
    return (
        text[: m.start(ref)]
        + name
        + possessive
        + text[m.end("pos") if possessive else m.end(ref) :]
    )


def resolve(sentence: str, brand: str, agency: str, subject_agency: str = "") -> Resolved | None:
    """``sentence`` with its brand-side anaphor replaced by ``brand`` (the first) and its
    agency-side ones by ``agency`` (each; either name may be "": that side is left alone), or
    None when nothing was replaced. ``subject_agency``: the agency the previous sentence opens
    with, for a sentence that opens "It won ..." (never another agency of that sentence)."""
    text = sentence
    used_brand = used_agency = ""
    it = _IT_AGENCY.match(text)
    if subject_agency and it is not None:
        text = text[: it.start("ref")] + subject_agency + text[it.end("ref") :]
        used_agency = subject_agency
    if agency and not used_agency:
        while (m := _AGENCY_REF.search(text)) is not None:
            text = _swap(text, m, agency)
            used_agency = agency
    if brand:
        m = _BRAND_REF.search(text)
        it, its = _IT_BRAND.match(text), _ITS_BRAND.match(text)
        if m is not None:
            text = _swap(text, m, brand)
            used_brand = brand
        elif it is not None and not used_agency:
            text = text[: it.start("ref")] + brand + text[it.end("ref") :]
            used_brand = brand
        elif its is not None:
            text = text[: its.start("ref")] + brand + "'s" + text[its.end("ref") :]
            used_brand = brand
    if not used_brand and not used_agency:
        return None
    return Resolved(text, used_brand, used_agency)


def agency_reference(sentence: str) -> int | None:
    """Where the sentence's first agency-side anaphor ("the agency") starts, None when it has none."""
    m = _AGENCY_REF.search(sentence)
    return m.start("ref") if m is not None else None


def has_reference(sentence: str) -> bool:
    """Whether the sentence holds any reference :func:`resolve` could rewrite (a cheap test
    before looking for the names it would take)."""
    return any(p.search(sentence) for p in (_BRAND_REF, _AGENCY_REF)) or any(
        p.match(sentence) for p in (_IT_BRAND, _ITS_BRAND, _IT_AGENCY)
    )
