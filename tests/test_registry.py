"""Sources are plugins: a source from a test module, registered without touching core code,
shows up in a build; a source that cannot run is a gap; the field table is the record's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from pydantic import ValidationError

from dossier import BuildOptions, build
from dossier.errors import ConfigError, SourceNotConfigured
from dossier.fields import FIELDS, key_fact_fields
from dossier.model import Fact, Organisation
from dossier.net import Document
from dossier.sources import registry
from dossier.sources.base import Entity, Fetched, RunContext, Source

from .conftest import APPLE_SNAPSHOT
from .factories import prov


class Toy(Source):
    """A source that "fetches" nothing and states one industry, citing a page of its own."""

    name: ClassVar[str] = "toy"
    label: ClassVar[str] = "Toy registry"
    company_facts: ClassVar[bool] = True
    seen: ClassVar[list[RunContext]] = []

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        Toy.seen.append(ctx)
        out = Fetched()
        out.documents.append(
            Document(
                source=self.name,
                url=f"https://toy.example/{entity.ids.cik}",
                status=200,
                content_type="text/plain",
                body=b"Consumer electronics (toy)",
                retrieved_at=ctx_time(),
            )
        )
        return out

    def extract(self, documents: list[Document]) -> list[Fact]:
        return [
            Fact(
                field="industry",
                value=d.body.decode(),
                provenance=prov(self.name, url=d.url, as_of=date(2026, 11, 1)),
            )
            for d in documents
        ]


class Refuses(Source):
    """A source that cannot run: it says so from its constructor."""

    name: ClassVar[str] = "refuses"
    label: ClassVar[str] = "Refusing source"

    def __init__(self, settings, client) -> None:  # type: ignore[no-untyped-def]
        raise SourceNotConfigured(self.name, "not used: it needs a key nobody has")


def ctx_time():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2026, 11, 20, tzinfo=UTC)


@pytest.fixture
def toy() -> Iterator[type[Toy]]:
    registry.register(Toy)
    registry.register(Refuses)
    Toy.seen.clear()
    yield Toy
    registry.unregister("toy")
    registry.unregister("refuses")


def test_a_toy_source_from_a_test_module_reaches_the_document(toy, tmp_path: Path) -> None:
    assert list(registry.sources())[-2:] == ["toy", "refuses"]
    result = build(
        BuildOptions(
            company="Apple Inc.",
            offline=APPLE_SNAPSHOT,
            out_dir=tmp_path,
            formats=("json",),
            news_days=30,
            overrides_dir=None,
        )
    )
    data = json.loads(result.outputs["json"].read_text())
    industries = [
        data["organisation"]["industry"]["chosen"],
        *data["organisation"]["industry"]["others"],
    ]
    toy_fact = next(f for f in industries if f["provenance"]["source"] == "toy")
    assert toy_fact["value"] == "Consumer electronics (toy)"
    assert toy_fact["provenance"]["url"] == "https://toy.example/0000320193"
    assert any(c["label"] == "Toy registry" for c in data["citations"])
    # Run-time options reach fetch through the RunContext.
    assert toy.seen and toy.seen[0].news_days == 30
    # The refusing source is a gap, not a crash.
    assert {
        "source": "refuses",
        "message": "not used: it needs a key nobody has",
        "url": None,
    } in data["gaps"]


def test_a_second_source_with_a_taken_name_is_refused(toy) -> None:
    class Other(Toy):
        pass

    with pytest.raises(ConfigError, match="already registered"):
        registry.register(Other)
    with pytest.raises(ConfigError, match="No source named 'nope'"):
        registry.get("nope")


def test_the_field_table_is_the_record() -> None:
    record = set(Organisation.model_fields) - {"display_name", "identifiers"}
    assert set(FIELDS) == record
    for spec in FIELDS.values():
        assert spec.label, spec.name
        if spec.mode == "history":
            assert spec.history_of in FIELDS
    assert [f.name for f in key_fact_fields()][:3] == ["legal_name", "founded", "headquarters"]


def test_a_fact_for_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValidationError, match="not a field of the organisation record"):
        Fact(field="favourite_colour", value="blue", provenance=prov())
