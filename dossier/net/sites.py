"""Which site a URL belongs to: its registrable domain, from the bundled public suffix list."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import tldextract


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    import tldextract  # imported late: only the website source and same-site redirects need it

    # The bundled suffix list, no network, no disk cache (tldextract fetches one by default).
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable_domain(url_or_host: str) -> str:
    """The registrable domain (``support.apple.com`` -> ``apple.com``), from the bundled list."""
    raw = url_or_host.strip()
    host = urlsplit(raw if "//" in raw else f"//{raw}").hostname or ""
    host = host.rstrip(".").lower()
    found = _extractor()(host)
    if hasattr(found, "top_domain_under_public_suffix"):  # tldextract >= 5.3
        domain: str = found.top_domain_under_public_suffix
    else:  # pragma: no cover - older tldextract
        domain = found.registered_domain
    return domain or host  # IP addresses and unknown suffixes: the host itself


def same_site(a: str, b: str) -> bool:
    """Whether two URLs (or hosts) are on the same registrable domain."""
    return registrable_domain(a) == registrable_domain(b)
