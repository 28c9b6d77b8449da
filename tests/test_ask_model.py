"""The ask-guard's classifier (dossier/render/ask_model.py, dossier/data/ask_model.json)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from dossier.errors import ConfigError
from dossier.render.ask_model import (
    FORMAT,
    MODEL_FILE,
    default_model,
    features,
    load_model,
    parse_model,
    tokens,
)
from dossier.render.notes import MODEL_CATEGORY, check_asks, model_asks, rule_asks

from .conftest import ROOT
from .test_voice import _suite  # the eval suites, loaded from their files

# Real asks from the development collections (eval/asks/, never test.jsonl) that no rule (the
# phrase lists of asks.toml nor the speech-act reading of asks.py) catches. The shipped
# threshold (chosen so that, out of fold, the classifier flags no warm line) flags none of them:
# the tests of the classifier's mechanics use a copy of the model with a lower threshold.
UNRULED_ASKS = [
    # ak4-0109 (soft), material that sells our work put as a gift
    "I spent a bit of time on a proof-of-concept model for Harold and uploaded a couple of "
    "videos which might be of interest to you:-",
    # ak6-0021 (soft), a webinar pitch
    "This would be a good opportunity to get in front of some potential new clients and "
    "showcase your expertise.",
]
LOW = 0.6  # a threshold at which the classifier flags both


@pytest.fixture
def low_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    import dossier.render.notes as notes

    model = dataclasses.replace(default_model(), threshold=LOW)
    monkeypatch.setattr(notes, "default_model", lambda: model)


# Real warm lines from the development collections, with the trap words of a cover note.
WARM = [
    "Thanks for taking the time to speak today.",  # ak6
    "As promised, here's [resource/information you mentioned].",  # ak6
    "I have the privilege of doing work that I love and look forward to, and you have made it "
    "possible to bring out the best in me.",
    "We hope that this coming year will be a good one for business for all of us, and for "
    "successfully getting our messages out there to customers, clients, and the people who "
    "influence them.",
    "If we were all in the same room, I’d introduce you face to face.",
    "What endures is the love we share, along with the fond memories of the time we have spent "
    "with the people we love.",
]


def test_the_model_file_loads_and_says_what_it_was_trained_on() -> None:
    model = default_model()
    assert model.source == str(MODEL_FILE)
    assert 0.5 <= model.threshold < 1.0
    assert len(model.weights) > 500
    assert model.trained >= "2026-12-01"
    # Trained on the development collections only: never on the held-out test or cold dev7,
    # dev9 and dev13.
    assert {
        "dev.jsonl",
        "dev6.jsonl",
        "dev8.jsonl",
        "dev10.jsonl",
        "dev11.jsonl",
        "dev12.jsonl",
    } <= set(model.corpus)
    assert not {"test.jsonl", "dev7.jsonl", "dev9.jsonl", "dev13.jsonl"} & set(model.corpus)
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["trained_by"] == "eval/train_ask_model.py"
    for stem, counts in model.corpus.items():
        assert set(counts) == {"asks", "warm"}
        assert sum(counts.values()) == len(_suite("asks").items(_split(stem)))


def _split(stem: str) -> str:
    return "dev1" if stem == "dev.jsonl" else stem.removesuffix(".jsonl")


@pytest.mark.parametrize("sentence", UNRULED_ASKS)
def test_the_classifier_flags_asks_no_rule_catches_and_says_why(
    sentence: str, low_threshold: None
) -> None:
    assert rule_asks(sentence) == []
    assert LOW <= default_model().probability(sentence) < default_model().threshold
    (found,) = check_asks(sentence, model=True)
    assert found.category == MODEL_CATEGORY
    assert found.guideline == "dossier ask-guard"  # so a batch holds it like any ask finding
    assert found.severity == "warning"
    assert (found.line, found.column) == (1, 1)
    assert "what weighed most:" in found.advice and "p = 0." in found.advice
    assert f"threshold {LOW:.2f}" in found.advice
    reasons = default_model().reasons(sentence)
    assert reasons and all(r in found.advice for r in reasons)
    # With the classifier off, the guard is the rules alone.
    assert check_asks(sentence, model=False) == []


@pytest.mark.parametrize("sentence", WARM)
def test_the_classifier_leaves_warm_lines_alone(sentence: str) -> None:
    assert model_asks(sentence) == []
    assert default_model().probability(sentence) < default_model().threshold


def test_no_warm_line_of_the_development_collections_is_flagged_by_the_classifier() -> None:
    suite = _suite("asks")
    warm = [i for i in suite.items("dev") if i["label"] == "warm"]
    assert len(warm) >= 340
    assert [i["id"] for i in warm if model_asks(i["text"])] == []


def test_one_finding_per_sentence_and_none_where_a_rule_already_fired(low_threshold: None) -> None:
    text = (
        "Dear Jane,\n\nCongratulations on the new role.\n\n"
        + UNRULED_ASKS[1]
        + " Let's grab a coffee?\n"
    )
    found = check_asks(text, model=True)
    model = [f for f in found if f.category == MODEL_CATEGORY]
    assert [(f.line, f.column) for f in model] == [(5, 1)]
    assert {f.line for f in found} == {5}
    # A sentence the rules flag gets no second, classifier finding.
    assert [
        f
        for f in check_asks("Could we grab a coffee next week?", model=True)
        if f.category == MODEL_CATEGORY
    ] == []


def test_features_mask_names_slots_and_numbers() -> None:
    assert tokens("I’d love to help Acme Widgets Ltd with [Project] in 2027?") == [
        "i",
        "would",
        "love",
        "to",
        "help",
        "with",
        "slot",
        "in",
        "num",
        "?",
    ]
    feats = features("If you ever need a hand, we can help.")
    assert "s:a condition on the reader" in feats and "s:a first-person capability" in feats
    assert "b:<s> if" in feats and "u:hand" in feats
    # Names the caller passes are masked like the rules mask them.
    assert "u:jane" not in features("Jane, we can help.", ["Jane"])


def _good() -> dict[str, object]:
    return {
        "format": FORMAT,
        "trained": "2026-12-01",
        "corpus": {"dev.jsonl": {"asks": 1, "warm": 1}},
        "threshold": 0.9,
        "bias": -0.5,
        "weights": {"u:call": 1.5, "b:<s> thank": -1.0},
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "something-else/2"}, "format must be"),
        ({"threshold": 1.5}, "threshold must be between 0 and 1"),
        ({"threshold": "high"}, "threshold must be a finite number"),
        ({"bias": math.inf}, "bias must be a finite number"),
        ({"weights": {}}, "weights must be a non-empty object"),
        ({"weights": {"call": 1.0}}, "unknown feature 'call'"),
        ({"weights": {"u:call": True}}, "weight of 'u:call' must be a finite number"),
        ({"corpus": {}}, "corpus must name the files"),
        ({"trained": "yesterday"}, "trained must be a date"),
    ],
)
def test_a_bad_model_is_refused_with_a_clear_error(change: dict[str, object], message: str) -> None:
    data = {**_good(), **change}
    with pytest.raises(ConfigError, match=message) as err:
        parse_model(data, "ask_model.json")
    assert str(err.value).startswith("ask_model.json: ")


def test_a_missing_or_broken_model_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="model file is missing"):
        load_model(tmp_path / "nope.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.json: cannot read the ask-guard model"):
        load_model(broken)
    missing = tmp_path / "short.json"
    missing.write_text(json.dumps({"format": FORMAT}), encoding="utf-8")
    with pytest.raises(ConfigError, match="missing weights, bias, threshold, trained, corpus"):
        load_model(missing)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_good()), encoding="utf-8")
    model = load_model(good)
    assert model.probability("Can we have a call?") > model.probability("Thank you.")


def test_training_is_deterministic_and_learns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "eval"))
    sys.modules.pop("train_ask_model", None)
    import train_ask_model as trainer  # type: ignore[import-not-found]

    monkeypatch.setattr(trainer, "ITERATIONS", 60)
    rows = [
        (features("Shall we have a call next week?"), 1),
        (features("Could we set up a call?"), 1),
        (features("Would a call next week suit you?"), 1),
        (features("Thank you for the lovely lunch."), 0),
        (features("Thank you, and congratulations."), 0),
        (features("Congratulations on the new role."), 0),
    ]
    first = trainer.train(rows, 0.01)
    assert first == trainer.train(rows, 0.01)
    weights, bias = first
    assert weights["u:call"] > 0 > weights["u:thank"]
    assert trainer.probability(weights, bias, features("A call next week?")) > 0.5
    assert trainer.probability(weights, bias, features("Thank you and congratulations.")) < 0.5
