"""The ask-guard's learned half: a small logistic regression that reads a sentence as an ask.

The phrase and grammar rules in ``dossier/data/asks.toml`` catch the asks someone has written
down; each new batch of real sentences holds forms nobody wrote down (see ``eval/asks/``). This
model scores a whole sentence from its words and pairs of words (masked of names, numbers and
template slots) and a few structural features (a second person beside an offer verb, "if you",
a first-person-plural capability claim, a question to the reader about a next step, ...).

The weights are data (``dossier/data/ask_model.json``), trained by ``eval/train_ask_model.py``
on the ``eval/asks/`` development collections; the file says when and on what. Pure Python: a
score is a sum of weights and a logistic. A sentence whose probability reaches the file's
threshold (chosen by leave-one-collection-out cross-validation) is a warning whose advice names
the n-grams that weighed most, so a reviewer can see why.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from .asks import acts, tokens

__all__ = ["AskModel", "default_model", "features", "load_model", "parse_model", "tokens"]

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "ask_model.json"
FORMAT = "dossier-ask-model/1"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SECOND = frozenset(["you", "your", "yours", "yourself"])
_FIRST = frozenset(["i", "we", "us", "our", "me", "my"])
_OFFER_VERB = _words(
    "help helping support share sharing send show offer introduce connect discuss talk chat "
    "walk bring provide assist explore set schedule book arrange meet learn hear"
)
_CAPABILITY = _words(
    "can could will deliver delivered help helped helps specialise specialize specialising "
    "specializing offer provide solve fixed drive drove grow grew increase boost"
)
_NEXT_STEP = _words(
    "call meet meeting chat time week talk interested open worth help thoughts available "
    "free discuss explore next connect demo learn"
)
_WISH = frozenset(["may", "wishing", "congratulations", "congrats", "cheers", "happy"])
_THANKS = frozenset(["thank", "thanks", "grateful", "appreciate", "appreciated"])
_PAST = _words(
    "was were had enjoyed loved remember remembered worked met spoke talked shared went "
    "yesterday ago last"
)
_AHEAD = _words("will would could can shall should hope if soon next again let")
_LIKE = frozenset(["love", "like", "happy", "glad", "delighted", "keen", "pleased"])
_OURS_NOUN = _words(
    "team agency clients client services service firm expertise experience approach work "
    "company solution solutions product products offering capabilities"
)
_BENEFIT = _words(
    "increase boost grow growth results roi revenue customers sales leads percent save "
    "improve cut faster"
)
_LATER = _words("future opportunity opportunities projects next ever someday again")
_BUSINESS = _words("work working business together project projects partner collaborate")
_ASKING_OPEN = _words("would could can do are is have shall should will may did")
_IMPERATIVE = _words(
    "let please feel reply call email send book contact reach drop give tell click "
    "schedule check visit"
)


#: Word classes: a pair of classes ("modal + offer verb", "you + meeting") generalises past the
#: exact words of the training sentences.
_CLASSES: dict[str, str] = {}
for _cls, _members in {
    "ME": "i we us me my our",
    "YOU": "you your yours yourself",
    "MODAL": "would could can will might may shall should",
    "OFFER": "help support share send show offer introduce connect provide assist bring walk",
    "MEET": "call meet meeting chat coffee lunch talk conversation catch demo visit",
    "BIZ": "business work project projects clients client services agency team partnership "
    "opportunity opportunities company brand brands",
    "LIKE": "love like happy glad delighted keen pleased",
    "WARM": "congratulations congrats thank thanks grateful proud miss wish wishes luck "
    "retirement holiday holidays joy cheer best well deserved pleasure honor honour",
    "PAST": "was were had enjoyed loved remember worked met spoke talked been",
    "ASK": "know hear reply respond interested open available free time thoughts",
}.items():
    for _w in _members.split():
        _CLASSES[_w] = _cls


def features(text: str, names: Sequence[str] = ()) -> list[str]:
    """Word uni- and bigrams (with sentence start and end marks) and the structural features."""
    toks = tokens(text, names)
    words = [t for t in toks if t not in ("?", "!")]
    out = {"u:" + t for t in toks}
    seq = ["<s>", *toks, "</s>"]
    out |= {f"b:{a} {b}" for a, b in zip(seq, seq[1:], strict=False)}
    classes = ["<s>", *(_CLASSES.get(t, "?" if t == "?" else "w") for t in toks), "</s>"]
    out |= {
        f"c:{a} {b}" for a, b in zip(classes, classes[1:], strict=False) if a != "w" or b != "w"
    }
    present = set(words)
    you, me = bool(present & _SECOND), bool(present & _FIRST)
    if you and me and present & _OFFER_VERB:
        out.add("s:first and second person with an offer verb")
    for a, b in zip(words, words[1:], strict=False):
        if a in ("if", "should", "whenever") and b in ("you", "your", "there", "anything"):
            out.add("s:a condition on the reader")
        if a in ("we", "i") and b in _CAPABILITY:
            out.add("s:a first-person capability")
        if a in ("would", "be") and b in _LIKE:
            out.add("s:would love / be happy to")
    if "?" in toks and you:
        out.add("s:a question to the reader")
        if present & _NEXT_STEP:
            out.add("s:a question about a next step")
    if words and words[0] in _WISH:
        out.add("s:opens with a wish or congratulation")
    if present & _THANKS and not present & _AHEAD:
        out.add("s:thanks, not looking ahead")
    if present & _PAST and not present & _AHEAD and "?" not in toks:
        out.add("s:about the past only")
    if "our" in present and you:
        out.add("s:ours and yours")
    if present & _OURS_NOUN and ("our" in present or "we" in present):
        out.add("s:our team, clients or services")
    if present & _BENEFIT:
        out.add("s:a result or benefit")
    if present & _LATER and present & _BUSINESS:
        out.add("s:business later")
    if words and words[0] in _ASKING_OPEN and "?" in toks:
        out.add("s:a yes-or-no question")
    if words and words[0] in _IMPERATIVE:
        out.add("s:an imperative")
    # The sentence's speech acts (asks.acts): "a request", "an offer", "a wish", ...
    out |= {"a:" + act for act in acts(text, names)}
    for a, b, c in zip(words, words[1:], words[2:], strict=False):
        if a in ("i", "we") and b in ("would", "could", "can", "will", "might") and c not in _LIKE:
            out.add("s:what I or we would do")
        if a in ("let", "tell") and b in ("me", "us") and c in ("know", "hear"):
            out.add("s:let me know")
        if b in ("hear", "hearing") and c == "from":
            out.add("s:to hear from the reader")
    return sorted(out)


def _vague(name: str) -> bool:
    return name.startswith("c:") and any(c in ("w", "<s>", "</s>") for c in name[2:].split())


def describe_feature(name: str) -> str:
    """A feature as a reviewer reads it: 'would love', 'a question to the reader'."""
    kind, _, what = name.partition(":")
    what = what.replace("<s> ", "").replace(" </s>", "").replace("slot", "[…]")
    if what == "?":
        return "a question mark"
    if kind == "c":
        return "the pattern " + " + ".join(_CLASS_NAMES.get(c, c) for c in what.split())
    if kind == "a":
        return "the speech act: " + what.replace("_", " ")
    return what if kind == "s" else f"“{what}”"


_CLASS_NAMES = {
    "ME": "I/we",
    "YOU": "you",
    "MODAL": "would/could/can",
    "OFFER": "an offer verb",
    "MEET": "a meeting word",
    "BIZ": "a business word",
    "LIKE": "love/happy to",
    "WARM": "a warm word",
    "PAST": "the past",
    "ASK": "a reply word",
    "w": "a word",
    "?": "a question mark",
    "<s>": "the start",
    "</s>": "the end",
}


@dataclass(frozen=True)
class AskModel:
    """Weights, bias and threshold, with where they came from."""

    weights: dict[str, float]
    bias: float
    threshold: float
    trained: str
    corpus: dict[str, dict[str, int]]
    source: str

    def probability(self, text: str, names: Sequence[str] = ()) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features(text, names))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def reasons(self, text: str, names: Sequence[str] = (), n: int = 3) -> list[str]:
        """The ``n`` features that pushed the sentence most towards an ask."""
        found = [(self.weights.get(f, 0.0), f) for f in features(text, names)]
        # A pair of classes with a plain word in it says little to a reader: name the words.
        legible = [(w, f) for w, f in found if w > 0 and not _vague(f)]
        said: list[str] = []
        for _, f in sorted(legible, reverse=True):
            if (what := describe_feature(f)) not in said:
                said.append(what)
        return said[:n]


def _number(value: object, where: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"{where}: {key} must be a finite number, not {value!r}.")
    return float(value)


def parse_model(data: object, where: str) -> AskModel:
    """Check a model file's content; a bad one is a :class:`ConfigError` naming the file."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a JSON object (an ask-guard model).")
    if data.get("format") != FORMAT:
        raise ConfigError(f"{where}: format must be {FORMAT!r}, not {data.get('format')!r}.")
    missing = [k for k in ("weights", "bias", "threshold", "trained", "corpus") if k not in data]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}.")
    weights = data["weights"]
    if not isinstance(weights, dict) or not weights:
        raise ConfigError(f"{where}: weights must be a non-empty object of feature: number.")
    checked = {}
    for name, w in weights.items():
        if not isinstance(name, str) or name[:2] not in ("u:", "b:", "c:", "s:", "a:"):
            raise ConfigError(f"{where}: unknown feature {name!r} (expected u:, b:, c:, s: or a:).")
        checked[name] = _number(w, where, f"weight of {name!r}")
    threshold = _number(data["threshold"], where, "threshold")
    if not 0.0 < threshold < 1.0:
        raise ConfigError(f"{where}: threshold must be between 0 and 1, not {threshold}.")
    corpus = data["corpus"]
    if not isinstance(corpus, dict) or not corpus:
        raise ConfigError(f"{where}: corpus must name the files the model was trained on.")
    if not isinstance(data["trained"], str) or not re.fullmatch(
        r"\d{4}-\d{2}-\d{2}", data["trained"]
    ):
        raise ConfigError(f"{where}: trained must be a date (YYYY-MM-DD).")
    return AskModel(
        weights=checked,
        bias=_number(data["bias"], where, "bias"),
        threshold=threshold,
        trained=data["trained"],
        corpus={str(k): dict(v) for k, v in corpus.items() if isinstance(v, dict)},
        source=where,
    )


def load_model(path: Path = MODEL_FILE) -> AskModel:
    """The model in ``path``; a missing, unreadable or malformed file is a ConfigError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: the ask-guard model file is missing; reinstall dossier."
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the ask-guard model ({exc}).") from None
    return parse_model(data, str(path))


@lru_cache(maxsize=4)
def default_model(path: Path = MODEL_FILE) -> AskModel:
    return load_model(path)
