"""eval/incumbent_suite.py: the incumbent decision scored item by item (right, wrong, left to
the reviewer). The items below are constructed for the test, not corpus data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from dossier.agency import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]


def _suite():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "incumbent_suite", ROOT / "eval" / "incumbent_suite.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _item(
    headline: str,
    relations: list[dict[str, str]],
    outlet: str = "Adweek",
    url: str = "https://www.adweek.com/constructed-for-a-test",
) -> dict[str, object]:
    return {
        "id": "constructed-1",
        "headline": headline,
        "snippet": "",
        "url": url,
        "published": "2026-06-01",
        "outlet": outlet,
        "lang": "en",
        "relations": relations,
    }


def test_a_trade_appointment_names_the_right_incumbent_and_a_folded_name_is_its_successor() -> None:
    suite = _suite()
    gaz = load_gazetteer(None)
    right = _item(
        "Acme Foods appoints Droga5 as its creative agency of record",
        [{"brand": "Acme Foods", "agency": "Droga5", "role": "creative", "status": "appointed"}],
    )
    folded = _item(
        "Acme Foods hands media account to MediaCom",
        [{"brand": "Acme Foods", "agency": "MediaCom", "role": "media", "status": "appointed"}],
    )
    counts = suite.score([right, folded], gaz)
    assert counts["brands"] == 2 and counts["right"] == 2 and counts["wrong"] == 0


def test_an_agency_the_item_says_the_brand_left_is_wrong_if_confirmed_and_general_news_is_left() -> (
    None
):
    suite = _suite()
    gaz = load_gazetteer(None)
    ended = _item(
        "Acme Foods parts ways with Droga5 after six years",
        [{"brand": "Acme Foods", "agency": "Droga5", "role": "creative", "status": "ended"}],
    )
    general = _item(
        "Acme Foods appoints Droga5 as its creative agency of record",
        [{"brand": "Acme Foods", "agency": "Droga5", "role": "creative", "status": "appointed"}],
        outlet="Springfield Gazette",
        url="https://news.springfield-gazette.example/acme",
    )
    counts = suite.score([ended, general], gaz)
    assert counts["wrong"] == 0  # an ended report confirms nothing
    assert counts["left"] == 1  # one general-news report is never enough: the reviewer decides
