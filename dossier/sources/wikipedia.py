"""Wikipedia: the article's company infobox and the first sentence of its lead (CC BY-SA 4.0).

``fetch`` asks the MediaWiki Action API for the article's current wikitext (searching for the title
first when resolution did not pin one); ``extract`` is a pure function of that JSON response.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote, urlencode, urlparse

from ..errors import ConfigError, ExtractError, FetchError
from ..model import Fact, FormerName, Gap, Money, Person, Provenance, Quantity, Ticker, Value
from ..names import clean_name
from .base import Document, Entity, Fetched, RunContext, Source
from .wikitext import (
    clean_value,
    find_infobox,
    find_tickers,
    first_sentence,
    lead_text,
    parse_count,
    parse_date,
    parse_money,
    split_people,
)

if TYPE_CHECKING:
    from ..config import SourceSettings
    from ..net import PoliteClient

SOURCE = "wikipedia"
LICENCE = "CC BY-SA 4.0"

# A non-English wiki's infobox is read only through a parameter map for its language: its
# parameter -> the English "Infobox company" parameter (+ a role for people). Its text (the lead,
# free-text roles) is never shown as dossier's English voice: no description is taken from it, and
# a role is kept only when ROLES maps it to English.
NYNORSK: dict[str, tuple[str, str | None]] = {  # {{Infoboks verksemd}}
    "namn": ("name", None),
    "selskapsform": ("type", None),
    "skipa": ("founded", None),
    "hovudkontor": ("hq_location", None),
    "land": ("hq_location_country", None),
    "bransje": ("industry", None),
    "direktør": ("key_people", "direktør"),
    "styreleiar": ("key_people", "styreleiar"),
    "dagleg leiar": ("key_people", "dagleg leiar"),
    "tilsette": ("num_employees", None),
    "tilsette år": ("num_employees_year", None),
    "omsetnad": ("revenue", None),
    "omsetnad år": ("revenue_year", None),
    "dotterselskap": ("subsid", None),
    "nettstad": ("website", None),
}
GERMAN: dict[str, tuple[str, str | None]] = {  # {{Infobox Unternehmen}}
    "name": ("name", None),
    "unternehmensform": ("type", None),
    "gründungsdatum": ("founded", None),
    "gründer": ("founder", None),
    "sitz": ("hq_location", None),
    "leitung": ("key_people", None),
    "mitarbeiterzahl": ("num_employees", None),
    "umsatz": ("revenue", None),
    "stand": ("figures_year", None),
    "branche": ("industry", None),
    "homepage": ("website", None),
    "website": ("website", None),
    "mutterunternehmen": ("parent", None),
    "muttergesellschaft": ("parent", None),
    "tochterunternehmen": ("subsid", None),
}
#: English parameter spellings that are not the template's own names.
ENGLISH: dict[str, tuple[str, str | None]] = {
    "founders": ("founder", None),
    "key people": ("key_people", None),
    "num employees": ("num_employees", None),
    "divisions": ("subsid", None),
    "division": ("subsid", None),
    "services": ("services", None),
    "products": ("products", None),
}
PARAMETER_MAPS: dict[str, dict[str, tuple[str, str | None]]] = {
    "en": ENGLISH,
    "nn": NYNORSK,
    "de": GERMAN,
}
#: Roles written in a mapped language, in English (anything else is dropped, never translated
#: on the fly).
ROLES = {
    "vorstandsvorsitzender": "chair of the management board",
    "vorstandsvorsitzende": "chair of the management board",
    "vorstand": "member of the management board",
    "aufsichtsratsvorsitzender": "chair of the supervisory board",
    "aufsichtsratsvorsitzende": "chair of the supervisory board",
    "geschäftsführer": "managing director",
    "geschäftsführerin": "managing director",
    "geschäftsführung": "managing director",
    "ceo": "CEO",
    "cfo": "CFO",
    "coo": "COO",
    "cco": "CCO",
    # Nynorsk
    "direktør": "director",
    "styreleiar": "chair of the board",
    "dagleg leiar": "managing director",
    "fungerande": "acting",
}
#: Country names of a mapped language, in English (after the city in a head-office field).
COUNTRIES = {"Deutschland": "Germany", "Österreich": "Austria", "Schweiz": "Switzerland"}
_COUNTRY = re.compile(r"(?<=, )(?:" + "|".join(COUNTRIES) + r")\b")
#: Free-text fields: taken only from an English infobox (another language's words are not ours).
TEXT_FIELDS = frozenset({"type", "industry", "services", "products"})
#: Kept for code that imported the old name: the Nynorsk map plus the English spellings.
ALIASES = {**NYNORSK, "founders": ("founder", None)}
_COMPANY_WORDS = ("company", "agency", "corporation", "business", "firm", "brand", "group")


def _api(lang: str, params: dict[str, str]) -> str:
    return f"https://{lang}.wikipedia.org/w/api.php?" + urlencode(params, safe="|")


def search_url(lang: str, name: str) -> str:
    """The Action API full-text search URL for an article title."""
    return _api(
        lang,
        {
            "action": "query",
            "list": "search",
            "srsearch": name,
            "srnamespace": "0",
            "srlimit": "5",
            "format": "json",
            "formatversion": "2",
        },
    )


def revisions_url(lang: str, title: str) -> str:
    """The Action API URL for an article's current wikitext, revision id and timestamp."""
    return _api(
        lang,
        {
            "action": "query",
            "prop": "revisions",
            "rvprop": "content|ids|timestamp",
            "rvslots": "main",
            "titles": title,
            "redirects": "1",
            "format": "json",
            "formatversion": "2",
        },
    )


def _path(title: str) -> str:
    return quote(title.strip().replace(" ", "_"), safe="/:(),'!*")


def article_url(lang: str, title: str) -> str:
    """The reader-facing URL of an article."""
    return f"https://{lang}.wikipedia.org/wiki/{_path(title)}"


def permalink(lang: str, title: str, revid: int | str | None) -> str:
    """A link to one revision when its id is known, else the article URL."""
    if revid in (None, ""):
        return article_url(lang, title)
    return f"https://{lang}.wikipedia.org/w/index.php?title={_path(title)}&oldid={revid}"


def pick_title(results: list[dict[str, Any]], name: str) -> str | None:
    """The first search hit whose title matches the name (a company disambiguator is allowed)."""
    if not isinstance(results, list):
        return None
    want = clean_name(name)
    titles = [str(r.get("title", "")) for r in results if isinstance(r, dict)]
    for title in titles:
        if clean_name(title) == want:
            return title
    for title in titles:
        m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", title)
        if (
            m
            and clean_name(m.group(1)) == want
            and any(w in m.group(2).lower() for w in _COMPANY_WORDS)
        ):
            return title
    return None


class Wikipedia(Source):
    """Company facts from a Wikipedia article's infobox and lead."""

    name: ClassVar[str] = SOURCE
    label: ClassVar[str] = "Wikipedia"
    licence: ClassVar[str] = LICENCE
    company_facts: ClassVar[bool] = True

    def __init__(self, settings: SourceSettings, client: PoliteClient) -> None:
        super().__init__(settings, client)
        options = self.options
        lang = str(options.get("language", "en")).strip().lower()
        if not re.fullmatch(r"[a-z][a-z0-9-]{1,15}", lang):
            raise ConfigError(
                f"The Wikipedia option language={lang!r} is not a wiki language code; "
                'use one such as "en" or "nn" in sources/wikipedia.toml.'
            )
        self.language = lang

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """Search for the title if needed, then get the article's wikitext; failures are gaps."""
        out = Fetched()
        title = entity.ids.wikipedia_title
        try:
            if not title:
                url = search_url(self.language, entity.name)
                doc = self.client.get(url, source=SOURCE)
                out.documents.append(doc)
                try:
                    results = doc.json()["query"]["search"]  # type: ignore[index]
                except (ValueError, TypeError, KeyError):
                    out.gaps.append(
                        Gap(
                            source=SOURCE,
                            message="Wikipedia search returned an unexpected response",
                            url=url,
                        )
                    )
                    return out
                title = pick_title(results, entity.name)
                if title is None:
                    out.gaps.append(
                        Gap(source=SOURCE, message=f"no Wikipedia article found for {entity.name}")
                    )
                    return out
            url = revisions_url(self.language, title)
            doc = self.client.get(url, source=SOURCE)
            out.documents.append(doc)
            if _missing(doc):
                out.gaps.append(
                    Gap(
                        source=SOURCE, url=url, message=f"Wikipedia has no article titled “{title}”"
                    )
                )
        except FetchError as err:
            out.gaps.append(Gap(source=SOURCE, message=str(err), url=err.url))
        return out

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Pure: facts from the revisions responses among the documents."""
        facts: list[Fact] = []
        for doc in documents:
            if doc.source == SOURCE and "prop=revisions" in doc.url and doc.status < 400:
                facts.extend(extract_article(doc))
        return facts


def _missing(doc: Document) -> bool:
    try:
        pages = doc.json()["query"]["pages"]  # type: ignore[index]
        return not pages or bool(pages[0].get("missing") or pages[0].get("invalid"))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return False


@dataclass(frozen=True)
class _Ctx:
    url: str
    retrieved_at: datetime
    as_of: date
    constructed: bool

    def fact(
        self,
        field: str,
        value: Value,
        locator: str,
        year: str | None = None,
        period: str | None = None,
    ) -> Fact:
        as_of = date(int(year), 1, 1) if year else self.as_of
        prov = Provenance(
            source=SOURCE,
            url=self.url,
            retrieved_at=self.retrieved_at,
            as_of=as_of,
            locator=locator,
            licence=LICENCE,
            constructed=self.constructed,
        )
        return Fact(field=field, value=value, provenance=prov, period=period or year)


def _language(url: str) -> str:
    host = urlparse(url).hostname or ""
    return host.split(".")[0] if host.endswith(".wikipedia.org") else "en"


def extract_article(doc: Document) -> list[Fact]:
    """Pure: facts from one formatversion=2 revisions response (none for a missing page)."""
    try:
        data = json.loads(doc.body)
        pages = data["query"]["pages"]
    except (ValueError, TypeError, KeyError) as err:
        raise ExtractError(
            SOURCE, f"Wikipedia response is not a revisions query: {err}", doc.url
        ) from err
    facts: list[Fact] = []
    for page in pages:
        if not isinstance(page, dict) or page.get("missing") or page.get("invalid"):
            continue
        revs = page.get("revisions") or []
        if not revs:
            continue
        rev = revs[0]
        content = ((rev.get("slots") or {}).get("main") or {}).get("content")
        if content is None:
            content = rev.get("content")
        if not isinstance(content, str):
            continue
        title = str(page.get("title", ""))
        as_of = doc.retrieved_at.date()
        if rev.get("timestamp"):
            as_of = datetime.fromisoformat(str(rev["timestamp"]).replace("Z", "+00:00")).date()
        ctx = _Ctx(
            permalink(_language(doc.url), title, rev.get("revid")),
            doc.retrieved_at,
            as_of,
            doc.constructed,
        )
        box = find_infobox(content)
        lead = lead_text(content)
        lang = _language(doc.url)
        if box is not None and lang in PARAMETER_MAPS:
            # An infobox written for a national unit of the subject must not lend it its figures.
            scope = infobox_scope(title, box, lead, lang)
            if scope.matches:
                facts.extend(_infobox_facts(box, ctx, lang))
            else:
                facts.extend(_out_of_scope_facts(box, ctx, title, scope, lang))
        sentence = first_sentence(lead)
        if sentence and lang == "en":  # another language's lead is never shown as our voice
            facts.append(ctx.fact("description", sentence, "lead"))
    return facts


def _split(text: str, people: bool = False) -> list[str]:
    parts = re.split(r"\s*;\s*|,\s+(?!(?:inc|llc|ltd|plc|corp|co)\b\.?)", text, flags=re.I)
    if people:
        parts = [p for part in parts for p in re.split(r"\s+(?:and|&)\s+", part)]
    return [p.strip() for p in parts if p and p.strip()]


def _year(text: str | None) -> str | None:
    m = re.search(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)", text or "")
    return m.group(1) if m else None


def _param(param: str, lang: str = "en") -> tuple[str, str | None]:
    """The English parameter (and role hint) for a parameter of the wiki's infobox."""
    name = param.strip().lower()
    return PARAMETER_MAPS.get(lang, {}).get(name) or (name.replace(" ", "_"), None)


def _fields(box: dict[str, str], lang: str = "en") -> dict[str, tuple[str, str]]:
    """English parameter name -> (parameter as written, raw value), first non-empty one wins."""
    fields: dict[str, tuple[str, str]] = {}
    for param, raw in box.items():
        key = _param(param, lang)[0]
        if key != "key_people" and clean_value(raw):
            fields.setdefault(key, (param, raw))
    return fields


_GERMAN_MONTHS = {
    "januar": "January", "jänner": "January", "februar": "February", "märz": "March",
    "april": "April", "mai": "May", "juni": "June", "juli": "July", "august": "August",
    "september": "September", "oktober": "October", "november": "November",
    "dezember": "December", "jan": "January", "feb": "February", "mär": "March",
    "apr": "April", "jun": "June", "jul": "July", "aug": "August", "sep": "September",
    "sept": "September", "okt": "October", "nov": "November", "dez": "December",
}  # fmt: skip


def _german(text: str) -> str:
    """German number, money and date spellings in the form the English parsers read:
    "82.838" -> "82838", "58,42 Mrd. Euro" -> "58.42 billion EUR", "16. Juli 1909" ->
    "16 July 1909"."""
    text = re.sub(r"\b(\d{1,3}(?:\.\d{3})+)(?!\d)", lambda m: m.group(1).replace(".", ""), text)
    text = re.sub(r"(\d),(\d)", r"\1.\2", text)
    text = re.sub(r"\bMrd\.?(?=\s|$)", "billion", text)
    text = re.sub(r"\bMio\.?(?=\s|$)", "million", text)
    text = re.sub(r"\bEuro\b", "EUR", text)
    text = re.sub(r"\bUS-Dollar\b", "USD", text)
    text = re.sub(r"\bSchweizer Franken\b|\bFranken\b", "CHF", text)

    def month(m: re.Match[str]) -> str:
        return _GERMAN_MONTHS.get(m.group(1).lower(), m.group(1))

    text = re.sub(r"(?<=\d\.\s)([A-Za-zäÄ]+)\.?", month, text)
    return re.sub(r"(\d{1,2})\.\s+(?=[A-Z][a-z]+\s+\d{4})", r"\1 ", text)


def _role(role: str, lang: str) -> str:
    """A role as written; in a non-English infobox only a role ROLES maps to English."""
    if lang == "en":
        return role
    return ROLES.get(role.strip().lower().rstrip(".,"), "")


def _infobox_facts(box: dict[str, str], ctx: _Ctx, lang: str = "en") -> list[Fact]:
    fields: dict[str, tuple[str, str]] = {}
    people: list[tuple[str, str, str | None]] = []
    for param, raw in box.items():
        key, role = _param(param, lang)
        if not clean_value(raw) or (lang != "en" and key in TEXT_FIELDS):
            continue
        if key == "key_people":
            people.append((param, raw, role))
        else:
            fields.setdefault(key, (param, raw))

    def text(key: str) -> str:
        value = clean_value(fields[key][1]) if key in fields else ""
        return _german(value) if lang == "de" else value

    def loc(key: str) -> str:
        return f"infobox:{fields[key][0]}"

    facts: list[Fact] = []
    if text("name"):
        facts.append(ctx.fact("common_name", text("name"), loc("name")))
    for item in (bit.strip() for bit in text("former_name").split(";")):
        m = re.fullmatch(r"(.*?)\s*\(([^()]*\d{4}[^()]*)\)", item)
        name, period = (m.group(1), m.group(2)) if m else (item, None)
        if name:
            facts.append(
                ctx.fact("former_names", FormerName(name=name), loc("former_name"), period=period)
            )
    if text("type"):
        facts.append(ctx.fact("org_type", text("type"), loc("type")))
    for item in _split(text("industry")):
        facts.append(ctx.fact("industry", item, loc("industry")))
    founded = parse_date(text("founded"))
    if founded:
        facts.append(ctx.fact("founded", founded, loc("founded")))
    for item in _split(text("founder"), people=True):
        facts.append(ctx.fact("founders", item, loc("founder")))
    city, country = text("hq_location_city"), text("hq_location_country")
    if text("hq_location"):
        hq = (
            _COUNTRY.sub(lambda m: COUNTRIES[m.group(0)], text("hq_location"))
            if lang == "de"
            else text("hq_location")
        )
        facts.append(ctx.fact("headquarters", hq, loc("hq_location")))
    elif city:
        hq = f"{city}, {country}" if country else city
        facts.append(ctx.fact("headquarters", hq, loc("hq_location_city")))
    if country:
        facts.append(ctx.fact("country", country, loc("hq_location_country")))
    for param, raw, hint in people:
        for name, role in split_people(clean_value(raw)):
            role, hint = _role(role, lang), _role(hint or "", lang)
            role = f"{hint} ({role})" if hint and role else (hint or role)
            facts.append(ctx.fact("key_people", Person(name=name, role=role), f"infobox:{param}"))
    # A figure without a year keeps period None; documents say "year not stated".
    count = parse_count(text("num_employees"))
    stand = _year(text("figures_year"))
    year = _year(text("num_employees_year")) or _paren_year(text("num_employees")) or stand
    if count is not None:
        facts.append(ctx.fact("employees", Quantity(amount=count), loc("num_employees"), year))
    for field, keys in (
        ("revenue", ("revenue",)),
        ("net_income", ("net_income", "profit")),
        ("total_assets", ("assets",)),
    ):
        found = next((k for k in keys if k in fields), None)
        money = parse_money(text(found)) if found else None
        when = (
            (_year(text(f"{found}_year")) or _paren_year(text(found)) or stand) if found else None
        )
        if found and money:
            amount, currency = money
            facts.append(ctx.fact(field, Money(amount=amount, currency=currency), loc(found), when))
    if text("parent"):
        facts.append(ctx.fact("parent", text("parent"), loc("parent")))
    for item in _split(text("subsid")):
        facts.append(ctx.fact("subsidiaries", item, loc("subsid")))
    for item in _split(text("services")):
        facts.append(ctx.fact("services", item, loc("services")))
    website = _website(text("website"))
    if website:
        facts.append(ctx.fact("website", website, loc("website")))
    if "traded_as" in fields:
        for symbol, exchange in find_tickers(fields["traded_as"][1]):
            facts.append(
                ctx.fact("tickers", Ticker(symbol=symbol, exchange=exchange), loc("traded_as"))
            )
    return facts


def _paren_year(text: str) -> str | None:
    m = re.search(r"\((?:[^()]*?\D)?(1\d{3}|20\d{2})\)", text)
    return m.group(1) if m else None


def _website(text: str) -> str | None:
    """The first web address in the field; anything but http(s) or a bare host is dropped."""
    first = text.split(";")[0].strip()
    if not first or " " in first:
        return None
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", first)
    if scheme and scheme.group(1).lower() not in {"http", "https"}:
        return None
    host = urlparse(first if scheme else f"http://{first}").hostname or ""
    return first if "." in host else None


# --- Does the infobox describe the article's subject? -------------------------------------------
#
# Some articles are about a worldwide network while their infobox was filled in for one national
# arm ("Ogilvy" with an "Ogilvy UK" infobox). The rule is deliberately narrow, so that it can be
# explained in one sentence and rarely fires on an ordinary company:
#   1. The infobox name and the title (its "(disambiguation)" dropped) are compared as words, with
#      legal forms and same-entity words ignored ("Group", "Worldwide", "Global", "International",
#      "Inc", "plc", "Holdings" ...). Equal: the infobox describes the subject.
#   2. The infobox name is the title plus a place or region ("UK", "U.K.", "USA", "India",
#      "London", "New York", "Asia Pacific", "EMEA" ...): it describes a narrower unit.
#   3. The names differ some other way, the infobox's area_served is a single country or region
#      and the lead calls the subject worldwide ("worldwide", "global", "offices in 80 countries"
#      ...): it describes a narrower unit.
#   Anything else: the infobox is taken to describe the subject (no guessing).
# hq_location_country is not a signal: a worldwide network has its head office in one country.

# fmt: off
_SAME_ENTITY = frozenset({
    "the", "and", "of", "inc", "incorporated", "corp", "corporation", "co", "company", "cos",
    "ltd", "limited", "llc", "llp", "lp", "plc", "pllc", "sa", "sas", "sarl", "ag", "se", "nv",
    "bv", "gmbh", "kg", "kgaa", "spa", "srl", "asa", "as", "ab", "oy", "oyj", "pty", "pvt",
    "private", "public", "com", "group", "groupe", "groep", "gruppe", "grupo", "gruppo",
    "holding", "holdings", "worldwide", "worldgroup", "global", "international", "intl",
})
_PLACES = (
    # abbreviations and regions
    "UK", "GB", "US", "USA", "UAE", "EU", "APAC", "EMEA", "MENA", "LATAM", "ANZ", "DACH",
    "Asia Pacific", "Asia", "Europe", "Africa", "Middle East", "Americas",
    "America", "North America", "South America", "Latin America", "Central America", "Caribbean",
    "Nordics", "Nordic", "Scandinavia", "Benelux", "Iberia", "Oceania", "Southeast Asia",
    # countries
    "United Kingdom", "Great Britain", "Britain", "England", "Scotland", "Wales",
    "Northern Ireland", "Ireland", "United States", "Canada", "Mexico", "Brazil", "Brasil",
    "Argentina", "Chile", "Colombia", "Peru", "Venezuela", "Ecuador", "Uruguay", "France",
    "Germany", "Deutschland", "Austria", "Switzerland", "Schweiz", "Suisse", "Italy", "Italia",
    "Spain", "España", "Espana", "Portugal", "Netherlands", "Nederland", "Holland", "Belgium",
    "Luxembourg", "Denmark", "Danmark", "Norway", "Norge", "Noreg", "Sweden", "Sverige",
    "Finland", "Suomi", "Iceland", "Poland", "Polska", "Czech Republic", "Czechia", "Slovakia",
    "Hungary", "Romania", "Bulgaria", "Greece", "Croatia", "Serbia", "Slovenia", "Ukraine",
    "Russia", "Türkiye", "Israel", "Egypt", "Saudi Arabia", "Qatar", "Kuwait", "Bahrain", "Oman",
    "Lebanon", "Morocco", "Tunisia", "Nigeria", "Ghana", "Kenya", "South Africa", "India",
    "Pakistan", "Bangladesh", "Sri Lanka", "Nepal", "China", "Hong Kong", "Taiwan", "Japan",
    "Korea", "South Korea", "Singapore", "Malaysia", "Indonesia", "Thailand", "Vietnam",
    "Philippines", "Australia", "New Zealand",
    # cities
    "London", "Manchester", "Edinburgh", "Glasgow", "Dublin", "New York", "New York City", "NYC",
    "Chicago", "Los Angeles", "San Francisco", "Boston", "Atlanta", "Miami", "Dallas",
    "Houston", "Seattle", "Detroit", "Toronto", "Montreal", "Vancouver", "Mexico City",
    "São Paulo", "Sao Paulo", "Rio de Janeiro", "Buenos Aires", "Bogotá", "Bogota", "Santiago",
    "Paris", "Berlin", "Hamburg", "Munich", "München", "Frankfurt", "Düsseldorf", "Dusseldorf",
    "Vienna", "Wien", "Zurich", "Zürich", "Geneva", "Milan", "Milano", "Rome", "Madrid",
    "Barcelona", "Lisbon", "Amsterdam", "Brussels", "Copenhagen", "Oslo", "Stockholm",
    "Helsinki", "Warsaw", "Prague", "Budapest", "Athens", "Istanbul", "Moscow", "Tel Aviv",
    "Dubai", "Abu Dhabi", "Riyadh", "Cairo", "Lagos", "Nairobi", "Johannesburg", "Cape Town",
    "Mumbai", "Delhi", "New Delhi", "Bangalore", "Bengaluru", "Chennai", "Kolkata",
    "Hyderabad", "Karachi", "Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Taipei", "Seoul",
    "Tokyo", "Osaka", "Bangkok", "Jakarta", "Kuala Lumpur", "Manila", "Ho Chi Minh City",
    "Sydney", "Melbourne", "Auckland",
)
# fmt: on
_WORLDWIDE = re.compile(
    r"\b(?:world-?wide|global(?:ly)?|around the world|multinational|international network"
    r"|(?:offices|operations|presence|agencies|network)\s+in\s+(?:over\s+|more\s+than\s+)?\d+"
    r"\s+countries|in\s+(?:over|more\s+than|some|about)\s+\d+\s+countries|\d+\s+countries)\b",
    re.I,
)


def _dots(text: str) -> str:
    """ "U.K." -> "UK", "U.S.A." -> "USA", "S.A." -> "SA" (dotted initialisms as one word)."""
    return re.sub(r"\b(?:[^\W\d_]\.){2,}", lambda m: m.group().replace(".", ""), text)


def _words(name: str) -> list[str]:
    text = _dots(unicodedata.normalize("NFKC", name)).replace("&", " and ").lower()
    return re.findall(r"[^\W_]+", text)


def _name_words(name: str) -> tuple[str, ...]:
    """A name as lower-case words, legal forms and same-entity words ("Group") left out."""
    return tuple(w for w in _words(name) if w not in _SAME_ENTITY)


_PLACE_WORDS = {tuple(_words(p)): p for p in _PLACES}
_PLACE_LONGEST = max(len(k) for k in _PLACE_WORDS)


def _subject(title: str) -> str:
    """The page title without a trailing "(disambiguation)": "Mother (advertising agency)"."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", title).strip() or title.strip()


def _find(words: tuple[str, ...], part: tuple[str, ...]) -> int:
    """Where the word sequence part starts inside words, or -1."""
    for i in range(len(words) - len(part) + 1):
        if words[i : i + len(part)] == part:
            return i
    return -1


def _place(words: tuple[str, ...] | list[str]) -> str | None:
    """The first place or region named by a run of the words (longest run first), or None."""
    words = tuple(words)
    for i in range(len(words)):
        for n in range(min(_PLACE_LONGEST, len(words) - i), 0, -1):
            if words[i : i + n] in _PLACE_WORDS:
                return _PLACE_WORDS[words[i : i + n]]
    return None


def _single_place(area: str) -> str | None:
    """The place when area_served names exactly one country or region (and nothing else)."""
    items = [i for i in _split(area) if i]
    if len(items) != 1:
        return None
    return _PLACE_WORDS.get(tuple(_words(items[0])))


@dataclass(frozen=True)
class InfoboxScope:
    """Whether a Wikipedia infobox describes the article's subject, and why (in plain words)."""

    matches: bool
    infobox_name: str
    reason: str


def infobox_scope(
    title: str, box: dict[str, str] | None, lead: str = "", lang: str = "en"
) -> InfoboxScope:
    """Pure: does the infobox describe the page's subject, or a narrower (national) unit of it?

    ``box`` is the raw infobox from ``find_infobox``; ``lead`` is the plain lead text. See the
    rule above; it only says "no" on a place qualifier in the name or a one-country area_served
    against a worldwide lead.
    """
    if box is None:
        return InfoboxScope(True, "", "the article has no company infobox")
    fields = _fields(box, lang)
    name = clean_value(fields["name"][1]) if "name" in fields else ""
    subject = _subject(title)
    if not name:
        return InfoboxScope(True, "", "the infobox gives no name, so it is taken as the subject's")
    title_words, name_words = _name_words(subject), _name_words(name)
    if not title_words or not name_words or title_words == name_words:
        return InfoboxScope(
            True,
            name,
            f"the infobox name {name!r} is the page title {subject!r} "
            "(legal forms and words such as Group, Worldwide, Global, International ignored)",
        )
    at = _find(name_words, title_words)
    if at >= 0:
        rest = name_words[:at] + name_words[at + len(title_words) :]
        place = _place(rest)
        if place:
            return InfoboxScope(
                False,
                name,
                f"the infobox name {name!r} is the page title {subject!r} plus the place "
                f"qualifier {place!r}, so it describes a national or local unit",
            )
    area = clean_value(fields["area_served"][1]) if "area_served" in fields else ""
    one = _single_place(area)
    worldwide = _WORLDWIDE.search(lead)
    if one and worldwide:
        return InfoboxScope(
            False,
            name,
            f"the infobox name {name!r} differs from the page title {subject!r}, its "
            f"area_served is {one!r} alone, and the lead says {worldwide.group(0)!r}",
        )
    return InfoboxScope(
        True,
        name,
        f"the infobox name {name!r} differs from the page title {subject!r}, but nothing says "
        "it describes a narrower unit (no place qualifier; no one-country area_served against a "
        "worldwide lead)",
    )


def _out_of_scope_facts(
    box: dict[str, str], ctx: _Ctx, title: str, scope: InfoboxScope, lang: str = "en"
) -> list[Fact]:
    """Facts when the infobox describes a unit of the subject: none of the unit's own figures.

    The subject's name comes from the title; the unit is reported as a subsidiary with a plain
    scope note; industry is kept (a unit works in its network's industry); a parent is kept only
    when it is not the subject itself (nor a unit of it).
    """
    subject = _subject(title)
    fields = _fields(box, lang)
    facts = [ctx.fact("common_name", subject, "title")]
    if "industry" in fields:
        for item in _split(clean_value(fields["industry"][1])):
            facts.append(ctx.fact("industry", item, f"infobox:{fields['industry'][0]}"))
    if "parent" in fields:
        subject_words = _name_words(subject)
        for item in _split(clean_value(fields["parent"][1])):
            words = _name_words(re.sub(r"\([^()]*\)", " ", item))
            if words and _find(words, subject_words) < 0:
                facts.append(ctx.fact("parent", item, f"infobox:{fields['parent'][0]}"))
    facts.append(
        ctx.fact("subsidiaries", scope.infobox_name, "infobox name (describes a national unit)")
    )
    facts.append(
        ctx.fact(
            "scope_note",
            f"The Wikipedia infobox describes {scope.infobox_name}, not {subject} as a whole; "
            "its figures were not used.",
            "infobox name",
        )
    )
    return facts
