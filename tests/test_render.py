"""Rendering: scraped text is untrusted, the PDF fetcher reads only our own assets."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossier.config import load_brand
from dossier.model import Claim, Dossier, Fact, Identifiers, Organisation, Person, Provenance
from dossier.render import render_pdf, safe_link

from .factories import dossier_of
from .factories import html as render_page

HOSTILE = '<img src="file:///etc/passwd"><script>alert(1)</script><link rel="attachment" href="file:///etc/hostname">'


def _fact(field: str, value: object, url: str = "https://en.wikipedia.org/wiki/Evil") -> Fact:
    return Fact(
        field=field,
        value=value,
        provenance=Provenance(
            source="wikipedia",
            url=url,
            retrieved_at=datetime(2026, 11, 20, tzinfo=UTC),
            as_of=date(2026, 11, 20),
        ),
    )


def _dossier() -> Dossier:
    org = Organisation(
        display_name=f"Evil {HOSTILE} Corp",
        identifiers=Identifiers(),
        description=Claim(chosen=_fact("description", f"A company that says {HOSTILE}")),
        headquarters=Claim(chosen=_fact("headquarters", "file:///etc/passwd")),
        website=Claim(chosen=_fact("website", "file:///etc/passwd")),
        key_people=[_fact("key_people", Person(name=HOSTILE, role="CEO"))],
    )
    return dossier_of(org)


def test_hostile_values_are_escaped_in_html() -> None:
    html = render_page(_dossier())
    assert "<script>alert(1)</script>" not in html
    assert '<img src="file:' not in html
    assert '<link rel="attachment"' not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert 'href="file:' not in html  # a file: website is shown as text, never as a link


@pytest.mark.pdf
def test_hostile_values_render_as_text_and_read_no_file(tmp_path: Path) -> None:
    pdf = render_pdf(render_page(_dossier()), load_brand())
    out = tmp_path / "evil.pdf"
    out.write_bytes(pdf)
    reader = PdfReader(str(out))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "<script>alert(1)</script>" in text  # shown, as text
    assert not reader.attachments
    passwd = Path("/etc/passwd").read_text().splitlines()[0]
    assert passwd not in text and passwd.encode() not in pdf


@pytest.mark.pdf
def test_user_template_cannot_read_local_files(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    tpl = tmp_path / "templates"
    tpl.mkdir()
    (tpl / "company-report.html.j2").write_text('{% extends "default:company-report.html.j2" %}')
    (tpl / "report.css.j2").write_text(
        '@import url("file:///etc/passwd");\nbody { background: url("http://169.254.169.254/x"); }'
    )
    html = render_page(_dossier(), tpl)
    html += '<img src="file:///etc/passwd"><a rel="attachment" href="file:///etc/hostname">a</a>'
    html += '<img src="../../../../etc/passwd">'
    pdf = render_pdf(html, load_brand(), tpl)
    out = tmp_path / "x.pdf"
    out.write_bytes(pdf)
    assert not PdfReader(str(out)).attachments
    blocked = {
        r.getMessage().split(": ", 1)[1]
        for r in caplog.records
        if "blocked resource" in r.getMessage()
    }
    assert {"file:///etc/passwd", "http://169.254.169.254/x", "file:///etc/hostname"} <= blocked


def test_user_templates_override_packaged_ones(tmp_path: Path) -> None:
    (tmp_path / "company-report.html.j2").write_text(
        "<html><body><h1>Our own layout: {{ org.display_name }}</h1></body></html>"
    )
    html = render_page(_dossier(), tmp_path)
    assert html.startswith("<html><body><h1>Our own layout: Evil &lt;img")
    # The packaged stylesheet still comes from the defaults (not overridden here).
    assert "Key facts" not in html


def test_safe_link() -> None:
    assert safe_link("https://www.apple.com/") == "https://www.apple.com/"
    assert safe_link("javascript:alert(1)") == ""
    assert safe_link("file:///etc/passwd") == ""
    assert safe_link("apple.com") == ""


def _brand_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "brand.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_brand_without_a_logo_prints_its_name_and_never_the_examples_logo(tmp_path: Path) -> None:
    from dossier.render import render_html
    from dossier.writing import write_company

    brand = load_brand(_brand_file(tmp_path, 'name = "Acme Partners"\n'))
    assert brand.logo == ""
    d = _dossier()
    page = render_html(d, write_company(d), brand)
    assert '<div class="logo logo-name">Acme Partners</div>' in page
    assert '<img src="data:image/svg' not in page  # the bundled (Fieldstone & Co) logo is not used
    text = PdfReader(io.BytesIO(render_pdf(page, brand))).pages[0].extract_text()
    assert "Acme Partners" in text and "Fieldstone" not in text


def test_another_brands_missing_logo_is_a_clear_error_the_examples_is_found(tmp_path: Path) -> None:
    from dossier.errors import ConfigError

    with pytest.raises(
        ConfigError, match="no such file next to the brand file.*remove the logo line"
    ):
        load_brand(_brand_file(tmp_path, 'name = "Acme Partners"\nlogo = "assets/logo.svg"\n'))
    example = load_brand(
        _brand_file(tmp_path, 'name = "Fieldstone & Co"\nlogo = "assets/logo.svg"\n')
    )
    assert (
        example.logo == "assets/logo.svg"
    )  # a copy of the bundled brand file still finds its logo


def test_light_brand_colours_are_kept_readable() -> None:
    from dossier.config import Brand
    from dossier.render.colours import _rgb, contrast, ink

    yellow = ink(Brand(name="Acme", primary="#ffff00"))
    assert yellow["on_primary"] != "#ffffff"  # dark text on the yellow cover and table headers
    ink_rgb = _rgb(yellow["primary_ink"])
    assert (
        ink_rgb is not None and contrast(ink_rgb, (1.0, 1.0, 1.0)) >= 4.5
    )  # headings read on white
    navy = ink(Brand(name="Acme", primary="#1f3a5f"))
    assert navy == {
        "on_primary": "#ffffff",
        "primary_ink": "#1f3a5f",
    }  # a dark colour is left as it is
    assert ink(Brand(name="Acme", primary="rebeccapurple"))["primary_ink"] == "rebeccapurple"
