"""Brand colours kept readable on the page, whatever colour a brand chooses.

The primary colour is a background (the cover, table headers) under text, and text itself on
white (headings, links, the running header). A light brand colour (a yellow, say) would leave
white text on yellow and yellow headings on white. :func:`ink` gives the text colour for a
primary background (white or the darkest of the brand's text colour and black, whichever
reads better, by the WCAG contrast ratio) and the primary colour darkened, keeping its hue,
until it reads on white (a contrast of at least 4.5:1). A colour CSS names but this module
cannot read is used as it is.
"""

from __future__ import annotations

from tinycss2.color3 import parse_color

from ..config import Brand

WHITE = (1.0, 1.0, 1.0)
#: The contrast text needs on white (WCAG AA for body text).
MIN_CONTRAST = 4.5


def _rgb(colour: str) -> tuple[float, float, float] | None:
    parsed = parse_color(colour)
    if parsed is None or isinstance(parsed, str):  # unknown, or "currentColor"
        return None
    return (parsed.red, parsed.green, parsed.blue)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def ink(brand: Brand) -> dict[str, str]:
    """``on_primary``: the text colour on the primary colour; ``primary_ink``: the primary
    colour as text on white."""
    primary = _rgb(brand.primary)
    if primary is None:
        return {"on_primary": "#ffffff", "primary_ink": brand.primary}
    dark = _rgb(brand.text) or (0.0, 0.0, 0.0)
    if contrast(dark, primary) < contrast((0.0, 0.0, 0.0), primary):
        dark = (0.0, 0.0, 0.0)
    on_primary = "#ffffff" if contrast(WHITE, primary) >= contrast(dark, primary) else _hex(dark)
    text = primary
    for _ in range(20):  # toward black in steps of 10% of what is left
        if contrast(text, WHITE) >= MIN_CONTRAST:
            break
        text = (text[0] * 0.9, text[1] * 0.9, text[2] * 0.9)
    primary_ink = brand.primary if text == primary else _hex(text)
    return {"on_primary": on_primary, "primary_ink": primary_ink}
