"""The extractor's learned half: every (agency, brand) pair a sentence names, scored.

The clause frames of :mod:`dossier.agency.relations` fill the brand and agency slots only where a
frame was written for the words between them; on new text the commonest miss is a pair no frame
joins (eval/agency/README.md). This module forms *every* candidate pair from the sentence's typed
names (:mod:`dossier.agency.mentions`) and scores it per status with a small logistic regression
over the structure between and around the two names: the words between them (names masked by
their type), the verb classes there, which comes first, the words just before and after each,
the distance, whether the agency is listed, marked or agency-shaped, and the sentence's guards
(a job title, an award, a deal, a shortlist, a lost pitch, a hypothesis).

Candidates:

* the **agency**: a listed agency, a name the text marks as one ("media agency X") or one
  shaped like an agency's name ("... Partners", "... Communications"); a plain name is left to
  the frames;
* the **brand**: a name that is not an agency, a person or a place; or none (the sentence only
  refers to the brand: "The spot, created by A", and the article's brand is taken).

The weights are data (``dossier/data/pair_model.json``), trained by ``eval/train_pair_model.py``
on the development collections; the file says when and on what, and the per-status threshold
(chosen out of fold, precision first). Pure Python: a score is a sum of weights and a logistic.
The relation extractor adds a pair's relation only when the frames read nothing for that agency
in the sentence and its probability reaches the threshold; the frames' guards still apply, and
the file's ``enabled`` says whether the extractor uses it at all (it is written switched off
when, out of fold, its additions were not precise enough: see docs/agency.md).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .mentions import VERBS, Placed, agency_like, generic_word, looks_like_person

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "pair_model.json"
FORMAT = "dossier-pair-model/1"
STATUSES = ("appointed", "retained", "ended", "review", "credit")

_TOKEN = re.compile(r"⟦\d+⟧|[a-z0-9]+(?:[-'][a-z0-9]+)*|'s|[$£€%&+/\\,;:()\"]")
_NAME_TOKEN = re.compile(r"⟦(\d+)⟧")

# a word's verb classes, from the frames' own vocabulary ("won" -> WIN, "moved" -> HAND)
_VERB_RES = {cls: re.compile(rf"(?:{pattern})", re.IGNORECASE) for cls, pattern in VERBS.items()}


@lru_cache(maxsize=4096)
def verb_classes(word: str) -> tuple[str, ...]:
    return tuple(cls for cls, pattern in _VERB_RES.items() if pattern.fullmatch(word))


_CUE_WORDS = {
    "agency": "AGENCYW",
    "agencies": "AGENCYW",
    "shop": "AGENCYW",
    "indie": "AGENCYW",
    "aor": "AOR",
    "account": "ACCOUNT",
    "accounts": "ACCOUNT",
    "business": "ACCOUNT",
    "brief": "ACCOUNT",
    "mandate": "ACCOUNT",
    "duties": "ACCOUNT",
    "remit": "ACCOUNT",
    "review": "REVIEW",
    "pitch": "REVIEW",
    "tender": "REVIEW",
    "incumbent": "INCUMBENT",
    "campaign": "WORK",
    "campaigns": "WORK",
    "ad": "WORK",
    "ads": "WORK",
    "spot": "WORK",
    "work": "WORK",
    "film": "WORK",
    "creative": "ROLE",
    "media": "ROLE",
    "pr": "ROLE",
    "digital": "ROLE",
    "for": "FOR",
    "by": "BY",
    "from": "FROM",
    "to": "TO",
    "with": "WITH",
    "its": "ITS",
    "their": "ITS",
    "client": "CLIENT",
    "clients": "CLIENT",
    "previously": "PAST",
    "formerly": "PAST",
    "longtime": "PAST",
    "former": "PAST",
    "new": "NEW",
    "and": "AND",
    "as": "AS",
    "at": "AT",
    "of": "OF",
}


@dataclass(frozen=True)
class Candidate:
    """One (agency, brand) pair of a sentence: indexes into ``Placed.names`` (brand None: the
    sentence only refers to the brand)."""

    agency: int
    brand: int | None


def _organisation_like(placed: Placed, i: int) -> bool:
    n = placed.names[i]
    text = n.text.strip(" ,.;:'\"")
    words = text.split()
    if n.kind not in ("agency", "name") or not words or len(words) > 8:
        return False
    if n.kind == "name" and (looks_like_person(text) and not agency_like(text)):
        return False
    return n.kind == "agency" or not all(generic_word(w) for w in words)


def candidates(placed: Placed) -> list[Candidate]:
    """Every agency candidate with every brand candidate of the sentence, and with none."""
    out: list[Candidate] = []
    names = placed.names
    for a in range(len(names)):
        # the agency is one the text names as such: listed, marked ("agency X") or shaped
        # ("... Partners"); a plain name is left to the frames
        if not _organisation_like(placed, a) or not (
            names[a].kind == "agency" or agency_like(names[a].text)
        ):
            continue
        for b in range(len(names)):
            if b == a or names[b].kind != "name" or not _organisation_like(placed, b):
                continue
            out.append(Candidate(a, b))
        out.append(Candidate(a, None))
    return out


def _tokens(placed: Placed, start: int, end: int) -> list[str]:
    out = []
    for t in _TOKEN.findall(placed.text[start:end].lower()):
        m = _NAME_TOKEN.fullmatch(t)
        if m:
            n = placed.names[int(m.group(1))]
            t = {"agency": "<agy>", "person": "<per>", "place": "<plc>"}.get(n.kind, "<nam>")
        out.append(t)
    return out


def _agency_type(placed: Placed, i: int) -> str:
    n = placed.names[i]
    if n.entry is not None:
        return "listed"
    if n.kind == "agency":
        return "marked"
    if agency_like(n.text):
        return "shaped"
    return "plain"


def _bucket(n: int) -> str:
    return (
        "0"
        if n == 0
        else "1"
        if n == 1
        else "2"
        if n == 2
        else "3-4"
        if n <= 4
        else "5-8"
        if n <= 8
        else "9+"
    )


def features(placed: Placed, c: Candidate, guards: Iterable[str] = ()) -> list[str]:
    """The pair's features (strings; the model's weights are keyed by them)."""
    sa, ea = placed.spans[c.agency]
    out = {"bias", f"at:{_agency_type(placed, c.agency)}"}
    if placed.title:
        out.add("title")
    for g in guards:
        out.add(f"x:{g}")
    sentence_words = _tokens(placed, 0, len(placed.text))
    for w in sentence_words:
        for cls in verb_classes(w):
            out.add(f"vs:{cls}")
    a_before = _tokens(placed, max(0, sa - 40), sa)[-3:]
    a_after = _tokens(placed, ea, ea + 40)[:3]
    for k, w in enumerate(reversed(a_before)):
        out.add(f"ab{k}:{w}")
        out.add(f"abc:{_CUE_WORDS.get(w, '')}{'|'.join(verb_classes(w))}")
    for k, w in enumerate(a_after):
        out.add(f"aa{k}:{w}")
        out.add(f"aac:{_CUE_WORDS.get(w, '')}{'|'.join(verb_classes(w))}")
    if c.brand is None:
        out.add("nobrand")
        out |= {f"nb:{f}" for f in list(out) if f.startswith(("ab0:", "aa0:", "vs:", "x:", "at:"))}
        return sorted(out)
    sb, eb = placed.spans[c.brand]
    order = "ab" if sa < sb else "ba"
    out.add(f"o:{order}")
    first_end, second_start = (ea, sb) if order == "ab" else (eb, sa)
    between = _tokens(placed, first_end, second_start)
    n = len(between)
    out.add(f"d:{order}:{_bucket(n)}")
    out.add(f"nb:{order}:{_bucket(sum(1 for w in between if w.startswith('<')))}")
    if n > 10:
        between = [*between[:5], "<gap>", *between[-5:]]
    seq = ["<a>" if order == "ab" else "<b>", *between, "<b>" if order == "ab" else "<a>"]
    for w in between:
        out.add(f"w:{order}:{w}")
        for cls in verb_classes(w):
            out.add(f"v:{order}:{cls}")
        cue = _CUE_WORDS.get(w)
        if cue:
            out.add(f"c:{order}:{cue}")
    for x, y in zip(seq, seq[1:], strict=False):
        out.add(f"bg:{order}:{x}_{y}")
    b_before = _tokens(placed, max(0, sb - 40), sb)[-2:]
    b_after = _tokens(placed, eb, eb + 40)[:2]
    for k, w in enumerate(reversed(b_before)):
        out.add(f"bb{k}:{w}")
    for k, w in enumerate(b_after):
        out.add(f"ba{k}:{w}")
    if b_after[:1] == ["'s"]:
        out.add(f"bposs:{order}")
    if a_after[:1] == ["'s"]:
        out.add(f"aposs:{order}")
    verbs = [cls for w in between for cls in verb_classes(w)]
    if verbs:
        out.add(f"v1:{order}:{verbs[0]}")
    return sorted(out)


@dataclass(frozen=True)
class PairModel:
    weights: dict[str, dict[str, float]]  # status -> feature -> weight
    bias: dict[str, float]
    thresholds: dict[str, float]

    def probabilities(self, feats: Iterable[str]) -> dict[str, float]:
        fs = list(feats)
        out = {}
        for status, w in self.weights.items():
            z = self.bias.get(status, 0.0) + sum(w.get(f, 0.0) for f in fs)
            out[status] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return out

    def decide(self, feats: Iterable[str]) -> list[tuple[str, float]]:
        """The statuses whose probability reaches their threshold, most probable first."""
        probs = self.probabilities(feats)
        hits = [(s, p) for s, p in probs.items() if p >= self.thresholds.get(s, 1.01)]
        return sorted(hits, key=lambda sp: -sp[1])


def parse_model(data: dict[str, Any], where: str = "pair model") -> PairModel:
    if data.get("format") != FORMAT:
        raise ConfigError(f"{where}: not a {FORMAT} file")
    try:
        weights = {
            s: {str(k): float(v) for k, v in data["weights"][s].items()} for s in data["weights"]
        }
        bias = {s: float(v) for s, v in data["bias"].items()}
        thresholds = {s: float(v) for s, v in data["thresholds"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{where}: malformed ({exc})") from exc
    return PairModel(weights, bias, thresholds)


def _json(path: Path) -> Any:
    """The decoded JSON of a model file; an unreadable one is a ConfigError naming it."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: unreadable pair model ({exc})") from exc


def read_model(path: Path = MODEL_FILE) -> tuple[PairModel, bool]:
    """The model in ``path`` and whether its file switches it on (``enabled``)."""
    data = _json(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: not a {FORMAT} file")
    return parse_model(data, str(path)), bool(data.get("enabled", False))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> PairModel | None:
    """The packaged model when its file is present and switched on, else None (the frames
    then work alone). The training script switches it on only when, out of fold, it adds
    relations precisely enough without misreading more distractors."""
    if not path.exists():
        return None
    data = _json(path)
    if not isinstance(data, dict) or not data.get("enabled", False):
        return None  # switched off (or not a model: parse_model would say so when it is on)
    return parse_model(data, str(path))
