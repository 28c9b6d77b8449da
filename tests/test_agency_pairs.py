"""The pair scorer (dossier/agency/pairs.py): every (agency, brand) pair of a sentence, scored.

Inputs quoted with a URL are real trade-press sentences from the development files (dev7); the
others are constructed near misses. The packaged model is switched off (its file says why), so
the scorer is driven here with constructed models: one that fires on every pair (what the
frames' guards must still stop) and one that fires on a single feature.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.agency import extract_text
from dossier.agency.mentions import normalise, place
from dossier.agency.pairs import (
    FORMAT,
    MODEL_FILE,
    STATUSES,
    Candidate,
    PairModel,
    candidates,
    features,
    load_model,
    parse_model,
    read_model,
)
from dossier.errors import ConfigError

# https://hastalacreative.com/creative-ideas/accounts/page/19 (dev7)
BOOKING = (
    "Booking.com has selected Anomaly as its U.S. creative agency of record following a review."
)


def _names(placed, c: Candidate) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    return placed.names[c.agency].text, placed.names[c.brand].text if c.brand is not None else None


def always(status: str = "appointed") -> PairModel:
    """Constructed: every pair scores 1.0 for ``status``."""
    return PairModel({status: {"bias": 100.0}}, {status: 0.0}, {s: 0.5 for s in STATUSES})


def test_every_agency_is_paired_with_every_brand_and_with_none(gaz) -> None:  # type: ignore[no-untyped-def]
    placed = place(normalise(BOOKING), gaz)
    got = {_names(placed, c) for c in candidates(placed)}
    assert ("Anomaly", "Booking.com") in got
    assert ("Anomaly", None) in got  # the brand may be the article's, named elsewhere
    # the brand is never an agency, and a name is never paired with itself
    assert all(b != a for a, b in got)
    assert not any(b == "Anomaly" for _a, b in got)


def test_a_plain_name_is_no_agency_candidate(gaz) -> None:  # type: ignore[no-untyped-def]
    # constructed: neither name is listed, marked or shaped like an agency's
    placed = place(normalise("Northwind has chosen Contoso to handle its creative duties."), gaz)
    assert candidates(placed) == []
    # constructed: an agency-shaped unlisted name is one
    placed = place(
        normalise("Northwind has chosen Contoso Communications to handle its creative duties."), gaz
    )
    assert ("Contoso Communications", "Northwind") in {
        _names(placed, c) for c in candidates(placed)
    }


def test_features_read_order_verbs_and_the_words_between(gaz) -> None:  # type: ignore[no-untyped-def]
    placed = place(normalise(BOOKING), gaz)
    pair = next(c for c in candidates(placed) if _names(placed, c) == ("Anomaly", "Booking.com"))
    feats = features(placed, pair, ["award"])
    assert "o:ba" in feats  # the brand comes first
    assert "w:ba:selected" in feats and "v:ba:APPOINT" in feats
    assert "at:listed" in feats and "x:award" in feats
    assert feats == sorted(set(feats))
    assert features(placed, pair, ["award"]) == feats  # deterministic


def test_the_scorer_adds_a_pair_no_frame_joined(gaz) -> None:  # type: ignore[no-untyped-def]
    # constructed: no frame reads "settled for"; a model that fires on that structure adds the
    # pair, the frames alone give nothing
    text = "Northwind settled for Contoso Communications after a long search."
    assert extract_text("", text, gaz, model=None) == []
    model = PairModel(
        {"appointed": {"w:ba:settled": 50.0}}, {"appointed": -25.0}, {s: 0.9 for s in STATUSES}
    )
    got = [
        (r.brand, r.agency, r.status, r.in_gazetteer)
        for r in extract_text("", text, gaz, model=model)
    ]
    assert got == [("Northwind", "Contoso Communications", "appointed", False)]


def test_a_pair_the_frames_read_keeps_their_reading(gaz) -> None:  # type: ignore[no-untyped-def]
    frames = {(r.brand, r.agency, r.status) for r in extract_text("", BOOKING, gaz, model=None)}
    assert ("Booking.com", "Anomaly", "appointed") in frames
    assert {
        (r.brand, r.agency, r.status) for r in extract_text("", BOOKING, gaz, model=always("ended"))
    } == frames


@pytest.mark.parametrize(
    "sentence",
    [
        "Nike hires a Wieden+Kennedy strategist as CMO.",  # person move (constructed)
        "Ogilvy names a former PepsiCo marketer as its North America president.",  # person move (constructed)
        # https://www.campaignasia.com/article/cheil-and-tbwa-related-agencies-shine-in-japan-korea-aoy-awards/465150
        "TBWA Hakuhodo was again coronated with Japan Creative Agency of the Year gold, as it builds a vaunted dynasty.",
        # https://www.adnews.com.au/news/a-muted-global-media-and-creative-agency-pitch-landscape
        "Three independent agencies -- Wieden+Kennedy, M&C Saatchi Group and Mother -- rounded the top 20 creative new business league.",
        # http://www.campaignlive.co.uk/article/droga5-london-hire-dylan-williams/1383961
        "Dylan Williams, the Publicis Worldwide global chief strategy and innovation officer, is set to become Droga5 London's latest star hire.",
    ],
)
def test_the_frames_guards_hold_for_every_scored_pair(gaz, sentence: str) -> None:  # type: ignore[no-untyped-def]
    # a model that calls every pair an appointment still misreads no distractor kind the guards know
    assert extract_text("", sentence, gaz, model=always("appointed")) == []


def test_a_holding_company_is_left_to_the_frames(gaz) -> None:  # type: ignore[no-untyped-def]
    # https://www.adweek.com/brand-marketing/... (dev2): "another tough turn for WPP" names a loser, not the agency
    got = extract_text(
        "",
        "United Airlines Hands Global Media Duties to Dentsu in Another Tough Turn for WPP",
        gaz,
        model=always(),
    )
    assert not any(r.agency == "WPP" for r in got)


def test_the_model_file_is_checked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        parse_model({"format": "something else"})
    with pytest.raises(ConfigError):
        parse_model({"format": FORMAT, "weights": {"appointed": []}, "bias": {}, "thresholds": {}})
    bad = tmp_path / "m.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="unreadable"):
        read_model(bad)
    off = tmp_path / "off.json"
    off.write_text(
        json.dumps(
            {"format": FORMAT, "enabled": False, "weights": {}, "bias": {}, "thresholds": {}}
        ),
        encoding="utf-8",
    )
    assert load_model.__wrapped__(off) is None  # switched off: the frames work alone
    assert load_model.__wrapped__(tmp_path / "absent.json") is None


def test_the_packaged_model_is_trained_and_says_whether_it_is_on() -> None:
    model, enabled = read_model(MODEL_FILE)
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["trained_by"] == "eval/train_pair_model.py"
    assert "dev8.jsonl" not in data["corpus"] and "test.jsonl" not in data["corpus"]
    assert set(model.weights) == set(STATUSES)
    # out of fold the scorer's additions were not precise enough: it ships switched off
    assert enabled is False and load_model() is None
