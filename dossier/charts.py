"""Small vector charts as inline SVG (WeasyPrint draws them as vectors in the PDF)."""

from __future__ import annotations

from markupsafe import Markup, escape

from . import formatting as fmt
from .model import Fact, Money


def _amount(f: Fact) -> float:
    return f.value.amount if isinstance(f.value, Money) else 0.0


def financial_bars(
    revenue: list[Fact],
    net_income: list[Fact],
    primary: str = "#1f3a5f",
    accent: str = "#c8794a",
    font: str = "Inter",
    width: int = 640,
    height: int = 220,
) -> Markup:
    """Grouped bars of revenue and net income per fiscal year, with a zero line.

    Styles are attributes, not classes: WeasyPrint does not apply the page's CSS inside SVG.
    """
    primary, accent, font = escape(primary), escape(accent), escape(font)
    axis = f'font-family="{font}, sans-serif" font-size="9" fill="#6b7280"'

    periods = [f.period or "" for f in revenue]
    ni = {f.period: f for f in net_income}
    values = [_amount(f) for f in revenue] + [_amount(f) for f in net_income]
    top = max([v for v in values if v > 0] or [1.0])
    bottom = min([v for v in values if v < 0] or [0.0])
    left, right, head, foot = 56, 10, 28, 26
    plot_h = height - head - foot
    span = top - bottom or 1.0
    zero_y = head + plot_h * top / span

    def y(v: float) -> float:
        return head + plot_h * (top - v) / span

    currency = revenue[0].value.currency if isinstance(revenue[0].value, Money) else ""
    scale, word = next(((s, w) for s, w in fmt.SCALES if top >= s), (1.0, ""))
    slot = (width - left - right) / max(len(periods), 1)
    bar = min(26.0, slot / 3)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Revenue and net income by fiscal year">',
        f'<rect x="{left}" y="5" width="9" height="9" fill="{primary}"/>'
        f'<text x="{left + 13}" y="13" font-family="{font}, sans-serif" font-size="10" fill="#374151">'
        f"Revenue</text>"
        f'<rect x="{left + 70}" y="5" width="9" height="9" fill="{accent}"/>'
        f'<text x="{left + 83}" y="13" font-family="{font}, sans-serif" font-size="10" fill="#374151">'
        f"Net income</text>"
        f'<text x="{width - right}" y="13" text-anchor="end" font-family="{font}, sans-serif" '
        f'font-size="9" fill="#6b7280">{escape(currency)} {escape(word)}, by fiscal year</text>',
    ]
    for i in range(5):
        v = top - (top - bottom) * i / 4
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#e3e7ee" stroke-width="0.6"/>'
            f'<text x="{left - 6}" y="{y(v) + 3:.1f}" {axis} text-anchor="end">'
            f"{v / scale:,.0f}</text>"
        )
    for i, f in enumerate(revenue):
        x = left + slot * i + slot / 2
        rv = _amount(f)
        parts.append(
            f'<rect x="{x - bar - 1:.1f}" y="{min(y(rv), zero_y):.1f}" width="{bar:.1f}" '
            f'height="{abs(zero_y - y(rv)):.1f}" fill="{primary}"/>'
        )
        if f.period in ni:
            nv = _amount(ni[f.period])
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{min(y(nv), zero_y):.1f}" width="{bar:.1f}" '
                f'height="{abs(zero_y - y(nv)):.1f}" fill="{accent}"/>'
            )
        parts.append(
            f'<text x="{x:.1f}" y="{height - 8}" {axis} text-anchor="middle">'
            f"{escape(f.period or '')}</text>"
        )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{zero_y:.1f}" y2="{zero_y:.1f}" stroke="#9aa3af" stroke-width="0.8"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
