"""The company's own website: robots.txt, the home page and a few whitelisted pages.

``fetch`` obeys robots.txt (user agent ``dossier``) and stays on the site's registrable domain,
also across redirects (the client refuses a hop to another site, whose words are not the
company's); ``extract`` and the module-level parsers are pure functions of the bytes. Everything the site
says is the company's own voice and untrusted markup: values are reduced to plain text.
"""

from __future__ import annotations

import html
import json
import re
import threading
from typing import TYPE_CHECKING, Any, ClassVar, Literal
from urllib.parse import urldefrag, urljoin, urlsplit

from ..errors import FetchError
from ..model import Fact, Gap, Person, Provenance, Value
from ..net.sites import registrable_domain
from .base import Document, Entity, Fetched, RunContext, Source

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag
    from protego import Protego

    from ..config import SourceSettings
    from ..net import PoliteClient

SOURCE = "website"
LICENCE = "Copyright the company; quoted for reference"
USER_AGENT = "dossier"
MAX_TEXT = 1000
MAX_PEOPLE = 20
#: Page kinds in the order they are picked, each with its path keywords (best first).
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("about", ("about", "about-us", "who-we-are", "company", "our-story")),
    ("leadership", ("leadership", "team", "people", "management", "our-people", "executives")),
    ("newsroom", ("newsroom", "news", "press", "media")),
    ("work", ("work", "case-studies", "our-work")),
    ("clients", ("clients",)),
)
ORG_TYPES = frozenset(
    {
        "Organization", "Corporation", "LocalBusiness", "ProfessionalService", "OnlineBusiness",
        "OnlineStore", "NewsMediaOrganization", "NGO", "EducationalOrganization", "Airline",
        "GovernmentOrganization", "MedicalOrganization", "ResearchOrganization", "Consortium",
        "SportsOrganization", "PerformingGroup", "Cooperative", "FinancialService", "Store",
        "LegalService", "Attorney", "AccountingService", "InsuranceAgency", "RealEstateAgent",
        "EmploymentAgency", "TravelAgency", "AutomotiveBusiness", "FoodEstablishment",
        "HomeAndConstructionBusiness", "LodgingBusiness", "HealthAndBeautyBusiness",
        "EntertainmentBusiness", "InternetCafe", "RadioStation", "TelevisionStation",
        "WorkersUnion", "PoliticalParty", "LibrarySystem", "FundingScheme", "Project",
    }
)  # fmt: skip
_LOCALE = re.compile(r"[a-z]{2}(?:[-_][a-z]{2})?", re.I)
_PAGE_EXT = re.compile(r"\.(?:html?|php|aspx?)$", re.I)
_DROP_BLOCKS = re.compile(r"<(script|style|noscript|template)\b.*?(?:</\1\s*>|$)", re.I | re.S)
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_URL_JUNK = re.compile(r"[\s<>\"'`\x00-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’)])\s+")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|e\.g|i\.e)|\b[A-Z])\.$"
)
_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin"})
_ROLE = re.compile(
    r"\b(?:Chief|Officer|President|Director|Head|Partner|Founder|Chair(?:man|woman|person)?"
    r"|Vice|Managing|CEO|CFO|COO|CTO|CMO|VP|SVP|EVP)\b",
    re.I,
)
_NOT_NAMES = frozenset(
    {
        "Our", "Team", "Meet", "The", "Leadership", "Board", "Executive", "Executives", "Us",
        "Management", "People", "About", "Contact", "News", "Press", "Work", "Clients",
        "Company", "Group", "Services", "Careers", "Join", "Senior", "Global", "Read", "More",
    }
)  # fmt: skip


def _soup(body: bytes) -> BeautifulSoup:
    from bs4 import BeautifulSoup  # imported late: 0.2 s the CLI need not pay up front

    return BeautifulSoup(body, "lxml")


_parsed = threading.local()


def _tree(body: bytes) -> Any:
    """The page as an lxml tree (its root element, or None when nothing could be parsed).

    The home page's readers (its links, JSON-LD and meta tags) only look tags up, so they read
    lxml's own tree: the same parser BeautifulSoup drives, without building a Python object per
    tag (a 230 kB home page: about 7 ms instead of 90). The encodings are tried in the order
    BeautifulSoup tries them (a byte-order mark, the declared charset, a detected one, UTF-8,
    Windows-1252), the first that parses wins.
    """
    from bs4.dammit import EncodingDetector
    from lxml import etree  # type: ignore[import-untyped]

    for encoding in EncodingDetector(body, is_html=True).encodings:
        try:
            root = etree.fromstring(body, etree.HTMLParser(encoding=encoding, recover=True))
        except (UnicodeDecodeError, LookupError, ValueError, etree.LxmlError):
            continue
        if root is not None:
            return root
    return None


def _read_tree(body: bytes) -> Any:
    """A parse of ``body`` shared by the readers that never change the tree (the home page is
    read for its links, its JSON-LD and its meta tags: parsed once, not three times). Each
    thread keeps only its last page."""
    last = getattr(_parsed, "last", None)
    if last is not None and (last[0] is body or last[0] == body):
        return last[1]
    root = _tree(body)
    _parsed.last = (body, root)
    return root


def _tags(root: Any, name: str, attribute: str) -> list[Any]:
    """The ``name`` elements that have ``attribute``, in document order."""
    if root is None:
        return []
    return [el for el in root.iter(name) if el.get(attribute) is not None]


def _text(el: Any, sep: str = "") -> str:
    return sep.join(el.itertext())


def clean_text(value: Any, limit: int = MAX_TEXT) -> str:
    """Plain text: tags and scripts stripped, entities unescaped, whitespace collapsed, capped."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    for _ in range(3):  # unescaping can reveal markup that was escaped: strip it too
        before = text
        text = html.unescape(_TAG.sub(" ", _DROP_BLOCKS.sub(" ", text)))
        if text == before:
            break
    text = " ".join(_CONTROL.sub(" ", text.replace("<", " ").replace(">", " ")).split())
    if len(text) > limit:
        cut = text[: limit - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    return text


def page_kind(url: str) -> tuple[str, int] | None:
    """The whitelisted kind of page ``url`` is (with the keyword's rank), or None."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) > 1 and _LOCALE.fullmatch(segments[0]):
        segments = segments[1:]
    if not 1 <= len(segments) <= 2:
        return None
    last = _PAGE_EXT.sub("", segments[-1].lower())
    for kind, keywords in KINDS:
        if last in keywords:
            return kind, keywords.index(last)
    return None


def _http_url(value: Any, base: str) -> str | None:
    """``value`` as an absolute http(s) URL, or None (other schemes, markup, oversized)."""
    if not isinstance(value, str) or not value.strip() or len(value) > 2000:
        return None
    try:
        url = urljoin(base, value.strip())
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return None
    ok = parts.scheme in ("http", "https") and parts.hostname and not _URL_JUNK.search(url)
    return url if ok else None


def pick_links(body: bytes, base_url: str, site_domain: str, max_links: int) -> list[str]:
    """Up to ``max_links`` whitelisted pages linked from a page: one per kind, in kind order."""
    root = _read_tree(body)
    base_tags = _tags(root, "base", "href")
    base = _http_url(base_tags[0].get("href"), base_url) if base_tags else None
    home = urldefrag(base_url)[0]
    best: dict[str, tuple[tuple[int, int, int], str]] = {}
    for n, a in enumerate(_tags(root, "a", "href")):
        url = _http_url(a.get("href"), base or base_url)
        if url is None:
            continue
        url, parts = urldefrag(url)[0], urlsplit(url)
        if parts.username or parts.password or parts.port not in (None, 80, 443) or url == home:
            continue
        if registrable_domain(parts.hostname or "") != site_domain:
            continue
        kind = page_kind(url)
        if kind is None:
            continue
        rank = (kind[1], parts.path.count("/"), n)
        if kind[0] not in best or rank < best[kind[0]][0]:
            best[kind[0]] = (rank, url)
    return [best[k][1] for k, _ in KINDS if k in best][: max(0, max_links)]


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/:#]", n)[-1] for n in names if isinstance(n, str)}


_JSONLD = re.compile(r"^\s*application/ld\+json", re.I)


def parse_jsonld(body: bytes) -> list[dict[str, Any]]:
    """The Organization-like objects of every JSON-LD block (bad JSON is skipped)."""
    root = _read_tree(body)
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if _types(node) & ORG_TYPES:
                found.append(node)
            if "@graph" in node:
                walk(node["@graph"])

    for script in _tags(root, "script", "type"):
        if not _JSONLD.match(script.get("type")):
            continue
        text = _text(script).strip()
        text = re.sub(r"^\s*(?://)?\s*<!\[CDATA\[|(?://)?\s*\]\]>\s*$", "", text)
        try:
            walk(json.loads(text, strict=False))
        except (ValueError, RecursionError):
            continue
    return found


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _name(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return clean_text(value) if isinstance(value, str | int | float) else ""


def _address(value: Any) -> str:
    addr = next(iter(_items(value)), None)
    if isinstance(addr, str):
        return clean_text(addr)
    if not isinstance(addr, dict):
        return ""

    def get(key: str) -> str:
        return _name(addr.get(key))

    tail = " ".join(x for x in (get("addressRegion"), get("postalCode")) if x)
    parts = (get("streetAddress"), get("addressLocality"), tail, get("addressCountry"))
    return ", ".join(x for x in parts if x)


def _contact(point: Any) -> str:
    if not isinstance(point, dict):
        return ""
    reach = _name(point.get("telephone")) or _name(point.get("email"))
    if not reach:
        return ""
    kind = _name(point.get("contactType"))
    areas = ", ".join(filter(None, map(_name, _items(point.get("areaServed")))))
    return clean_text((f"{kind}: " if kind else "") + reach + (f" ({areas})" if areas else ""))


def _founded(value: Any) -> str:
    m = re.match(r"\s*(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value if isinstance(value, str) else "")
    return "-".join(g for g in m.groups() if g) if m else ""


def organization_facts(doc: Document, org: dict[str, Any]) -> list[tuple[str, Value, str]]:
    """(field, value, locator) triples from one JSON-LD Organization object."""
    out: list[tuple[str, Value, str]] = []

    def add(field: str, value: Value | None, prop: str) -> None:
        if value:
            out.append((field, value, f"json-ld Organization.{prop}"))

    add("website_name", _name(org.get("name")), "name")
    add("legal_name", _name(org.get("legalName")), "legalName")
    add("founded", _founded(org.get("foundingDate")), "foundingDate")
    add("address", _address(org.get("address")), "address")
    logo = next(iter(_items(org.get("logo"))), None)
    if isinstance(logo, dict):
        logo = logo.get("url") or logo.get("contentUrl")
    add("logo", _http_url(logo, doc.url), "logo")
    add("website", _http_url(org.get("url"), doc.url), "url")
    for sub in _items(org.get("subOrganization")):
        add("sub_organizations", _name(sub), "subOrganization.name")
    for link in _items(org.get("sameAs")):
        add("same_as", _http_url(link, doc.url) if "//" in str(link) else None, "sameAs")
    for point in _items(org.get("contactPoint")):
        add("contact_points", _contact(point), "contactPoint")
    add("self_description", _name(org.get("description")), "description")
    return out


def meta_facts(body: bytes) -> list[tuple[str, Value, str]]:
    """Meta description, OpenGraph description and site name, and the page title."""
    root = _read_tree(body)
    out: list[tuple[str, Value, str]] = []
    wanted = {
        "description": ("self_description", "meta description"),
        "og:description": ("self_description", "og:description"),
        "og:site_name": ("website_name", "og:site_name"),
    }
    for meta in _tags(root, "meta", "content"):
        key = str(meta.get("name") or meta.get("property") or "").strip().lower()
        if key in wanted and (text := clean_text(meta.get("content"))):
            out.append((wanted[key][0], text, wanted[key][1]))
    title = next(root.iter("title"), None) if root is not None else None
    if title is not None and (text := clean_text(_text(title, " "))):
        out.append(("page_title", text, "title"))
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of plain text (not split after initials and common abbreviations)."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(" ".join(text.split())):
        if out and (_ABBREV.search(out[-1]) or not piece[:1].isupper() and not piece[:1].isdigit()):
            out[-1] = f"{out[-1]} {piece}"
        elif piece:
            out.append(piece)
    return out


def first_sentences(text: str, count: int = 2, limit: int = 400) -> str:
    """The first ``count`` sentences of the prose in ``text``, cut at a sentence end."""
    lines = [p.strip() for p in text.splitlines() if len(p.split()) >= 6]
    prose = [p for p in lines if p.endswith((".", "!", "?", '"', "”", "’", ")"))] or lines
    sentences = split_sentences(" ".join(prose))
    out = ""
    for sentence in sentences[:count]:
        if len(f"{out} {sentence}".strip()) > limit:
            break
        out = f"{out} {sentence}".strip()
    return out or (clean_text(sentences[0], limit) if sentences else "")


def about_text(body: bytes) -> str:
    """The opening sentences of a page's main text (trafilatura, never its fetcher)."""
    import trafilatura
    from bs4.dammit import UnicodeDammit

    main = trafilatura.extract(UnicodeDammit(body, is_html=True).unicode_markup or "")
    return clean_text(first_sentences(main or ""), 400)


def _name_word(word: str) -> bool:
    if word in _NAME_PARTICLES:
        return True
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        return True  # an initial
    rest = word[1:]
    return (
        word[0].isupper()
        and any(c.islower() for c in rest)
        and all(c.isalpha() or c in "'’-" for c in rest)
    )


def person_name(text: str) -> bool:
    """Whether ``text`` looks like a person's name: 2-4 capitalised words, no role words."""
    words = text.split()
    if not 2 <= len(words) <= 4 or len(text) > 60 or _ROLE.search(text):
        return False
    if any(w in _NOT_NAMES for w in words) or words[0] in _NAME_PARTICLES:
        return False
    return all(_name_word(w) for w in words)


_HEADINGS = ["h2", "h3", "h4", "h5", "strong", "b"]


def _role_near(heading: Tag) -> str:
    """A title-like element right after the name (or after its only-child wrapper)."""
    anchors = [heading]
    parent = heading.parent
    if parent is not None and parent.get_text(" ").split() == heading.get_text(" ").split():
        anchors.append(parent)  # <div class="name"><h3>Name</h3></div><div>Title</div>
    for anchor in anchors:
        for sibling in anchor.find_next_siblings(limit=2):
            if sibling.name in _HEADINGS or sibling.find(_HEADINGS) is not None:
                break  # the next card: its text belongs to someone else
            text = clean_text(sibling.get_text(" "), 200)
            if text and len(text) <= 120 and _ROLE.search(text):
                return text
    return ""


def leadership(body: bytes) -> list[Person]:
    """People and titles from repeated team cards; nothing unless at least two cards agree."""
    soup = _soup(body)
    for junk in soup.find_all(["script", "style", "noscript", "template", "nav", "footer"]):
        junk.decompose()
    people: dict[str, Person] = {}
    for heading in soup.find_all(_HEADINGS):
        name = clean_text(heading.get_text(" "), 100)
        if name in people or not person_name(name):
            continue
        role = _role_near(heading)
        if role:
            people[name] = Person(name=name, role=role)
    return list(people.values())[:MAX_PEOPLE] if len(people) >= 2 else []


class Website(Source):
    """The company's own website: JSON-LD, meta tags, the about and leadership pages."""

    name: ClassVar[str] = SOURCE
    label: ClassVar[str] = "Company website"
    licence: ClassVar[str] = LICENCE
    company_facts: ClassVar[bool] = True

    def __init__(self, settings: SourceSettings, client: PoliteClient) -> None:
        super().__init__(settings, client)
        try:
            self.max_pages = max(1, int(self.options.get("max_pages", 6)))
        except (TypeError, ValueError):
            self.max_pages = 6

    def _robots(
        self, fetched: Fetched, url: str, seen: dict[str, Any]
    ) -> Protego | None | Literal[False]:
        """The robots.txt rules for ``url``'s host: None = allow all, False = unknown."""
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        if robots_url not in seen:
            try:
                doc = self.client.get(robots_url, source=self.name, same_site=True)
            except FetchError as err:
                if err.status in (404, 410):
                    seen[robots_url] = None
                else:
                    message = f"robots.txt at {robots_url} could not be read ({err})"
                    fetched.gaps.append(Gap(source=self.name, message=message, url=robots_url))
                    seen[robots_url] = False
            else:
                from protego import Protego

                fetched.documents.append(doc)
                seen[robots_url] = Protego.parse(doc.body.decode("utf-8", errors="replace"))
        rules: Protego | None | Literal[False] = seen[robots_url]
        return rules

    def _allowed(self, fetched: Fetched, url: str, rules: Protego | None) -> bool:
        if rules is None or rules.can_fetch(url, USER_AGENT):
            return True
        parts = urlsplit(url)
        message = f"robots.txt at {parts.scheme}://{parts.netloc}/robots.txt disallows {parts.path or '/'}"
        fetched.gaps.append(Gap(source=self.name, message=message, url=url))
        return False

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """robots.txt, the home page and up to ``max_pages - 1`` whitelisted pages."""
        fetched = Fetched()
        start = _start_url(entity)
        if start is None:
            message = f"no official website is known for {entity.name}; pass --domain"
            fetched.gaps.append(Gap(source=self.name, message=message))
            return fetched
        seen: dict[str, Any] = {}
        rules = self._robots(fetched, start, seen)
        if not self._allowed(fetched, start, rules or None):
            return fetched
        home = fetched.get(self.client, start, self.name, same_site=True)
        if home is None or rules is False:
            return fetched
        site = registrable_domain(start)
        for url in pick_links(home.body, home.url, site, self.max_pages - 1):
            page_rules = self._robots(fetched, url, seen)
            if page_rules is not False and self._allowed(fetched, url, page_rules):
                fetched.get(self.client, url, self.name, same_site=True)
        return fetched

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Facts from the fetched pages (pure): home page, about page, leadership page."""
        facts: list[Fact] = []
        for doc in documents:
            if urlsplit(doc.url).path.endswith("/robots.txt"):
                continue
            kind = (page_kind(doc.url) or ("home", 0))[0]
            found: list[tuple[str, Value, str]] = []
            if kind == "home":
                orgs = parse_jsonld(doc.body)
                found += organization_facts(doc, orgs[0]) if orgs else []
                found += meta_facts(doc.body)
            elif kind == "about" and (text := about_text(doc.body)):
                found.append(("self_description", text, "about page"))
            elif kind == "leadership":
                found += [("key_people", p, "leadership page") for p in leadership(doc.body)]
            done: set[tuple[str, str]] = set()
            for field, value, locator in found:
                key = (field, value.model_dump_json() if isinstance(value, Person) else str(value))
                if key not in done:
                    done.add(key)
                    facts.append(
                        Fact(field=field, value=value, provenance=self._prov(doc, locator))
                    )
        return facts

    def _prov(self, doc: Document, locator: str) -> Provenance:
        return Provenance(
            source=self.name,
            url=doc.url,
            retrieved_at=doc.retrieved_at,
            as_of=doc.retrieved_at.date(),
            locator=locator,
            licence=LICENCE,
            constructed=doc.constructed,
        )


def _start_url(entity: Entity) -> str | None:
    """The home page to start from: the known website, else ``https://<domain>/``."""
    raw = (entity.ids.website or "").strip() or (entity.ids.domain or "").strip().strip("/")
    url = _http_url(raw if "//" in raw else f"https://{raw}", "") if raw else None
    if url is None:
        return None
    parts = urlsplit(urldefrag(url)[0])
    return parts._replace(path=parts.path or "/").geturl()
