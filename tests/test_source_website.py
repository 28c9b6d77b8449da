"""Company website source: real apple.com home page, a hand-built agency site, robots.txt, safety.

The apple.com page is a real recorded body (see tests/fixtures/website/README.md); the
Northwind Creative pages and robots.txt are hand-written (a fictitious agency).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from dossier.config import SourceSettings
from dossier.errors import FetchError, NotInSnapshot
from dossier.model import Fact, Identifiers, Person
from dossier.net.client import PoliteClient
from dossier.net.snapshot import match_key
from dossier.sources.base import Document, Entity, RunContext
from dossier.sources.website import (
    LICENCE,
    Website,
    first_sentences,
    page_kind,
    parse_jsonld,
    pick_links,
    registrable_domain,
)
from tests.conftest import values_by_field
from tests.fakes_http import FakeRaw as FakeResponse
from tests.fakes_http import FakeTransport as FakeSession
from tests.fakes_http import redirect

FIXTURES = Path(__file__).parent / "fixtures" / "website"
RETRIEVED = datetime(2026, 2, 28, 11, 28, tzinfo=UTC)
APPLE = "https://www.apple.com/"
NW = "https://www.northwind-creative.com"
BLOG = "https://blog.northwind-creative.com"


CTX = RunContext(today=date(2026, 3, 5))


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def page(url: str, body: bytes, constructed: bool = False) -> Document:
    return Document("website", url, 200, "text/html", body, RETRIEVED, constructed)


class FakeClient:
    """URL -> body (200) or status (a FetchError with that status); unknown URLs: NotInSnapshot."""

    offline = True

    def __init__(self, routes: dict[str, bytes | int]) -> None:
        self.routes = {match_key("GET", u): (u, b) for u, b in routes.items()}
        self.requested: list[str] = []

    def get(
        self, url: str, *, source: str, headers: object = None, same_site: bool = False
    ) -> Document:
        assert same_site, "the website source must confine every request to its site"
        self.requested.append(url)
        hit = self.routes.get(match_key("GET", url))
        if hit is None:
            raise NotInSnapshot(source, url)
        if isinstance(hit[1], int):
            raise FetchError(source, f"HTTP {hit[1]} from {url}", url, status=hit[1])
        return page(hit[0], hit[1], constructed=True)


def source(client: Any, **options: Any) -> Website:
    return Website(SourceSettings(name="website", options=options), client)


def entity(website: str | None = None, domain: str | None = None) -> Entity:
    return Entity(name="Northwind Creative", ids=Identifiers(website=website, domain=domain))


def northwind(robots: bytes | int = b"", **extra: bytes | int) -> FakeClient:
    routes: dict[str, bytes | int] = {
        f"{NW}/robots.txt": robots or fixture("northwind_robots.txt"),
        f"{NW}/": fixture("northwind_home.html"),
        f"{NW}/about": fixture("northwind_about.html"),
        f"{NW}/team/": fixture("northwind_team.html"),
        f"{NW}/work/": b"<html><body><h1>Selected work</h1></body></html>",
        f"{BLOG}/robots.txt": 404,
        f"{BLOG}/news/": b"<html><body><h1>Journal</h1></body></html>",
    }
    routes.update(extra)
    return FakeClient(routes)


# --- the real apple.com home page --------------------------------------------------------


@pytest.fixture(scope="module")
def apple_facts() -> list[Fact]:
    return Website(SourceSettings(name="website"), None).extract(  # type: ignore[arg-type]
        [page(APPLE, fixture("apple.com_homepage_2026-02-28.html"))]
    )


def test_apple_jsonld_organization() -> None:
    orgs = parse_jsonld(fixture("apple.com_homepage_2026-02-28.html"))
    assert [o["@id"] for o in orgs] == [
        "https://www.apple.com/#organization"
    ]  # not WebSite/WebPage


def test_apple_facts_match_the_ground_truth(apple_facts: list[Fact]) -> None:
    v = values_by_field(apple_facts)
    assert v["website_name"] == ["Apple"]
    assert v["website"] == ["https://www.apple.com/"]
    assert v["logo"] == [
        "https://www.apple.com/ac/structured-data/images/knowledge_graph_logo.png?202110180743"
    ]
    assert v["sub_organizations"] == ["Apple Support"]
    assert v["contact_points"] == [
        "sales: +1-800-692-7753 (US)",
        "technical support: +1-800-275-2273 (US)",
        "customer support: +1-800-275-2273 (US)",
    ]
    assert v["same_as"] == [
        "http://www.wikidata.org/entity/Q312",
        "https://www.youtube.com/user/Apple",
        "https://www.linkedin.com/company/apple",
        "https://www.facebook.com/Apple",
        "https://www.twitter.com/Apple",
    ]
    assert v["self_description"] == [
        "Discover the innovative world of Apple and shop everything iPhone, iPad, Apple Watch, "
        "Mac, and Apple TV, plus explore accessories, entertainment, and expert device support."
    ]  # meta description and og:description are the same string: kept once
    assert v["page_title"] == ["Apple"]
    assert "legal_name" not in v and "common_name" not in v and "employees" not in v


def test_apple_provenance(apple_facts: list[Fact]) -> None:
    locators = {f.field: f.provenance.locator for f in apple_facts}
    assert locators["logo"] == "json-ld Organization.logo"
    assert locators["self_description"] == "meta description"
    assert locators["page_title"] == "title"
    for f in apple_facts:
        p = f.provenance
        assert (p.source, p.url, p.licence) == ("website", APPLE, LICENCE)
        assert p.retrieved_at == RETRIEVED and p.as_of == RETRIEVED.date()
        assert p.constructed is False


def test_apple_fetch_requests() -> None:
    client = FakeClient(
        {f"{APPLE}robots.txt": 404, APPLE: fixture("apple.com_homepage_2026-02-28.html")}
    )
    fetched = source(client).fetch(Entity(name="Apple Inc.", ids=Identifiers(website=APPLE)), CTX)
    assert client.requested == [
        "https://www.apple.com/robots.txt",
        "https://www.apple.com/",
        "https://www.apple.com/leadership/",
        "https://www.apple.com/newsroom/",
    ]
    assert [d.url for d in fetched.documents] == [APPLE]
    assert [g.url for g in fetched.gaps] == [f"{APPLE}leadership/", f"{APPLE}newsroom/"]


# --- link picking ------------------------------------------------------------------------


def test_registrable_domain() -> None:
    assert registrable_domain("www.apple.com") == "apple.com"
    assert registrable_domain("https://support.apple.com/kb") == "apple.com"
    assert registrable_domain("apple.com.evil.net") == "evil.net"
    assert registrable_domain("https://shop.example.co.uk:8443/x") == "example.co.uk"
    assert registrable_domain("127.0.0.1") == "127.0.0.1"


def test_page_kind() -> None:
    assert page_kind(f"{NW}/about") == ("about", 0)
    assert page_kind(f"{NW}/en-gb/about-us.html") == ("about", 1)
    assert page_kind(f"{NW}/about/leadership/") == ("leadership", 0)
    assert page_kind("https://www.apple.com/apple-news/") is None
    assert page_kind(f"{NW}/") is None
    assert page_kind(f"{NW}/news/2026/some-story") is None


def test_pick_links_same_site_one_per_kind_in_order() -> None:
    links = pick_links(fixture("northwind_home.html"), f"{NW}/", "northwind-creative.com", 5)
    assert links == [
        f"{NW}/about",  # "/about#story" beats "/about-us/"; the fragment is dropped
        f"{NW}/team/",
        f"{BLOG}/news/",  # another host on the same registrable domain
        f"{NW}/work/",  # "/work/" beats "/work/case-studies/"
    ]  # no look-alike domain, external site, odd port, mailto:, tel: or javascript:


def test_pick_links_respects_the_cap() -> None:
    body = fixture("northwind_home.html")
    assert pick_links(body, f"{NW}/", "northwind-creative.com", 2) == [f"{NW}/about", f"{NW}/team/"]
    assert pick_links(body, f"{NW}/", "northwind-creative.com", 0) == []


# --- fetch and robots.txt ----------------------------------------------------------------


def test_fetch_honours_robots_disallow() -> None:
    client = northwind()
    fetched = source(client).fetch(entity(domain="www.northwind-creative.com"), CTX)
    assert client.requested == [
        f"{NW}/robots.txt",
        f"{NW}/",
        f"{NW}/about",
        f"{BLOG}/robots.txt",
        f"{BLOG}/news/",
        f"{NW}/work/",
    ]
    assert f"{NW}/team/" not in client.requested
    assert [(g.message, g.url) for g in fetched.gaps] == [
        (f"robots.txt at {NW}/robots.txt disallows /team/", f"{NW}/team/")
    ]
    assert [d.url for d in fetched.documents] == [
        f"{NW}/robots.txt",
        f"{NW}/",
        f"{NW}/about",
        f"{BLOG}/news/",
        f"{NW}/work/",
    ]


def test_fetch_respects_max_pages() -> None:
    client = northwind(robots=404)
    source(client, max_pages=3).fetch(entity(website=f"{NW}/"), CTX)
    assert client.requested == [f"{NW}/robots.txt", f"{NW}/", f"{NW}/about", f"{NW}/team/"]


def test_robots_404_allows_everything() -> None:
    client = northwind(robots=404)
    fetched = source(client).fetch(entity(website=NW), CTX)  # no trailing slash: one is added
    assert f"{NW}/team/" in client.requested
    assert fetched.gaps == []
    people = values_by_field(Website.extract(source(client), fetched.documents))["key_people"]
    assert [p.name for p in people] == ["Amara Okafor", "Tomás Rivera", "Li Wei"]


def test_robots_disallowing_everything_stops_before_the_home_page() -> None:
    client = northwind(robots=b"User-agent: dossier\nDisallow: /\n")
    fetched = source(client).fetch(entity(website=f"{NW}/"), CTX)
    assert client.requested == [f"{NW}/robots.txt"]
    assert [g.message for g in fetched.gaps] == [f"robots.txt at {NW}/robots.txt disallows /"]


def test_unreadable_robots_means_home_page_only() -> None:
    client = northwind(robots=503)
    fetched = source(client).fetch(entity(website=f"{NW}/"), CTX)
    assert client.requested == [f"{NW}/robots.txt", f"{NW}/"]
    assert "robots.txt" in fetched.gaps[0].message and "503" in fetched.gaps[0].message


def test_no_website_known_is_a_gap_without_requests() -> None:
    client = FakeClient({})
    fetched = source(client).fetch(entity(), CTX)
    assert client.requested == [] and fetched.documents == []
    assert [g.message for g in fetched.gaps] == [
        "no official website is known for Northwind Creative; pass --domain"
    ]


# --- extraction from the hand-built site -------------------------------------------------


def test_northwind_home_facts() -> None:
    facts = source(None).extract([page(f"{NW}/", fixture("northwind_home.html"), True)])
    v = values_by_field(facts)
    assert v["website_name"] == ["Northwind Creative"]  # JSON-LD name and og:site_name agree
    assert v["legal_name"] == ["Northwind Creative Ltd"]
    assert v["founded"] == ["2011-04-01"]
    assert v["address"] == ["12 Harbour Row, Bristol, England BS1 4QA, GB"]
    assert v["logo"] == [f"{NW}/assets/logo.png"]
    assert v["contact_points"] == ["new business: hello@northwind-creative.com"]
    assert v["page_title"] == ["Northwind Creative | Independent brand & design studio"]
    assert "employees" not in v
    assert all(f.provenance.constructed for f in facts)


def test_about_page_first_sentences() -> None:
    facts = source(None).extract([page(f"{NW}/about", fixture("northwind_about.html"))])
    assert [(f.field, f.value, f.provenance.locator) for f in facts] == [
        (
            "self_description",
            "Northwind Creative is an independent brand and design studio based in Bristol, "
            "England. We help cultural organisations, charities and young companies explain "
            "what they do in words and pictures people remember.",
            "about page",
        )
    ]


def test_first_sentences_cuts_at_a_sentence_end() -> None:
    text = "Heading\nDr. Ada Lovelace founded it in 1843 with friends. " + "Long " * 100 + "end."
    assert first_sentences(text) == "Dr. Ada Lovelace founded it in 1843 with friends."


def test_leadership_page() -> None:
    facts = source(None).extract([page(f"{NW}/team/", fixture("northwind_team.html"))])
    assert [f.value for f in facts] == [
        Person(name="Amara Okafor", role="Founder & Chief Executive Officer"),
        Person(name="Tomás Rivera", role="Creative Director"),
        Person(name="Li Wei", role="Head of Strategy"),
    ]  # not "Our Team", "Client Stories" or the testimonial's "Jane Smith"
    assert {f.provenance.locator for f in facts} == {"leadership page"}


def test_a_lone_name_is_not_a_team() -> None:
    body = b"<h3>Jane Smith</h3><p>Chief Executive Officer</p><h3>Hello There</h3><p>Hi.</p>"
    assert source(None).extract([page(f"{NW}/team", body)]) == []


def test_hostile_values_come_out_as_plain_text() -> None:
    org = {
        "@type": "Organization",
        "name": "Evil <b>Corp</b>",
        "description": "We <i>build</i> things<script>alert('x')</script> "
        "&lt;img src=x onerror=alert(1)&gt; file:///etc/passwd",
        "logo": "file:///etc/passwd",
        "url": "javascript:alert(1)",
        "sameAs": ["file:///etc/passwd", "javascript://alert(1)", "https://example.org/evil"],
    }
    body = (
        '<html><head><script type="application/ld+json">'
        + json.dumps(org).replace("</", "<\\/")
        + '</script><meta name="description" content="Hi &lt;script&gt;x()&lt;/script&gt;there">'
        + "</head></html>"
    ).encode()
    facts = source(None).extract([page("https://evil.example.org/", body)])
    v = values_by_field(facts)
    assert v["website_name"] == ["Evil Corp"]
    assert v["self_description"] == ["We build things file:///etc/passwd", "Hi there"]
    assert v["same_as"] == ["https://example.org/evil"]
    assert "logo" not in v and "website" not in v
    for f in facts:
        assert "<" not in str(f.value) and "alert" not in str(f.value)


def test_robots_txt_document_is_ignored_by_extract() -> None:
    assert source(None).extract([page(f"{NW}/robots.txt", b"User-agent: *\n")]) == []


# --- the real PoliteClient: size cap and SSRF refusal ------------------------------------


def test_oversized_home_page_is_a_gap(tmp_path: Path) -> None:
    (tmp_path / "bodies").mkdir()
    (tmp_path / "bodies" / "robots.txt").write_bytes(b"")
    (tmp_path / "bodies" / "home.html").write_bytes(b"<html>" + b"x" * 5000 + b"</html>")
    lines = [
        {"url": f"{NW}/robots.txt", "status": 404, "body": "bodies/robots.txt"},
        {"url": f"{NW}/", "status": 200, "body": "bodies/home.html"},
    ]
    (tmp_path / "index.jsonl").write_text(
        "".join(
            json.dumps(
                {**line, "method": "GET", "content_type": "text/html", "retrieved_at": "2026-02-28"}
            )
            + "\n"
            for line in lines
        )
    )
    client = PoliteClient(
        {"website": SourceSettings(name="website", max_bytes=1000)}, offline=tmp_path
    )
    fetched = Website(SourceSettings(name="website"), client).fetch(entity(website=f"{NW}/"), CTX)
    assert fetched.documents == []
    assert len(fetched.gaps) == 1
    assert "over 1,000 bytes" in fetched.gaps[0].message and fetched.gaps[0].url == f"{NW}/"


@pytest.mark.parametrize(
    "target", ["http://127.0.0.1/admin", "http://169.254.169.254/latest/meta-data/"]
)
def test_redirect_to_a_private_address_is_refused(target: str) -> None:
    home = "https://www.northwind-creative.com/"
    session = FakeSession({f"{home}robots.txt": [FakeResponse(404)], home: [redirect(target)]})
    settings = {"website": SourceSettings(name="website", min_interval=0.0, retries=0)}
    client = PoliteClient(
        settings,
        transport=session,
        resolver=lambda host: ["93.184.216.34"],
        sleep=lambda s: None,
    )
    fetched = Website(settings["website"], client).fetch(entity(website=home), CTX)
    assert session.urls == [f"{home}robots.txt", home]  # the redirect target never hit it
    assert fetched.documents == []
    assert len(fetched.gaps) == 1
    message = fetched.gaps[0].message
    assert "refused" in message and "non-public" in message and target in message


def test_malformed_markup_does_not_crash() -> None:
    body = (
        b'<a href="http://[::1">x</a><a href="https://www.northwind-creative.com:abc/about">y</a>'
        b'<a href="/about us">z</a><script type="application/ld+json">'
        + b"["
        * 50000
        + b"</script>"
        b'<script type="application/ld+json">{"@type": "Organization", "name": "Ok"}</script>'
    )
    assert pick_links(body, f"{NW}/", "northwind-creative.com", 5) == []
    assert [o["name"] for o in parse_jsonld(body)] == ["Ok"]
