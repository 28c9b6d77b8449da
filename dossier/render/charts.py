"""Small vector charts as inline SVG (WeasyPrint draws them as vectors in the PDF)."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from .. import formatting as fmt
from ..model import Fact, Money


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


def coverage_timeline(
    volume: list[tuple[date, float]],
    tone: list[tuple[date, float]],
    primary: str = "#1f3a5f",
    accent: str = "#c8794a",
    font: str = "Inter",
    width: int = 640,
    height: int = 190,
) -> Markup:
    """Daily article counts as bars and average tone as a line, over the same dates."""
    primary, accent, font = escape(primary), escape(accent), escape(font)
    axis = f'font-family="{font}, sans-serif" font-size="9" fill="#6b7280"'
    days = sorted({d for d, _ in volume} | {d for d, _ in tone})
    if not days:
        return Markup("")
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)
    left, right, head, foot = 40, 40, 24, 22
    plot_w, plot_h = width - left - right, height - head - foot

    def x(d: date) -> float:
        return left + plot_w * (d - first).days / span

    top = max([v for _, v in volume] or [1.0]) or 1.0
    t_lo = min([v for _, v in tone] + [-1.0])
    t_hi = max([v for _, v in tone] + [1.0])
    bar = max(1.0, plot_w / (span + 1) * 0.8)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Coverage volume and tone">',
        f'<rect x="{left}" y="5" width="9" height="9" fill="{primary}"/>'
        f'<text x="{left + 13}" y="13" font-family="{font}, sans-serif" font-size="10" '
        f'fill="#374151">Articles per day</text>'
        f'<line x1="{left + 120}" x2="{left + 136}" y1="9.5" y2="9.5" stroke="{accent}" '
        f'stroke-width="2"/><text x="{left + 140}" y="13" font-family="{font}, sans-serif" '
        f'font-size="10" fill="#374151">Average tone (GDELT scale, right axis)</text>',
    ]
    for i in range(3):
        v = top * i / 2
        yv = head + plot_h * (1 - v / top)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{yv:.1f}" y2="{yv:.1f}" '
            f'stroke="#e3e7ee" stroke-width="0.6"/>'
            f'<text x="{left - 5}" y="{yv + 3:.1f}" {axis} text-anchor="end">{v:,.0f}</text>'
        )
    for d, v in volume:
        h = plot_h * v / top
        parts.append(
            f'<rect x="{x(d) - bar / 2:.1f}" y="{head + plot_h - h:.1f}" width="{bar:.1f}" '
            f'height="{h:.1f}" fill="{primary}" fill-opacity="0.85"/>'
        )
    if tone:

        def ty(v: float) -> float:
            return head + plot_h * (t_hi - v) / (t_hi - t_lo)

        pts = " ".join(f"{x(d):.1f},{ty(v):.1f}" for d, v in sorted(tone))
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{ty(0):.1f}" y2="{ty(0):.1f}" '
            f'stroke="{accent}" stroke-width="0.5" stroke-dasharray="3,2"/>'
            f'<polyline points="{pts}" fill="none" stroke="{accent}" stroke-width="1.6"/>'
        )
        for v in (t_lo, 0.0, t_hi):
            label = "0" if v == 0 else f"{v:+.1f}"
            parts.append(f'<text x="{width - right + 5}" y="{ty(v) + 3:.1f}" {axis}>{label}</text>')
    parts.append(
        f'<text x="{left}" y="{height - 6}" {axis}>{fmt.human_date(first)}</text>'
        f'<text x="{width - right}" y="{height - 6}" {axis} text-anchor="end">'
        f"{fmt.human_date(last)}</text></svg>"
    )
    return Markup("".join(parts))


def monthly_articles(
    counts: list[tuple[date, int]],
    primary: str = "#1f3a5f",
    font: str = "Inter",
    width: int = 640,
    height: int = 170,
) -> Markup:
    """Articles per calendar month (first day of each month, count) as labelled bars."""
    primary, font = escape(primary), escape(font)
    if not counts:
        return Markup("")
    axis = f'font-family="{font}, sans-serif" font-size="9" fill="#6b7280"'
    left, right, head, foot = 40, 10, 24, 22
    plot_w, plot_h = width - left - right, height - head - foot
    top = max(c for _, c in counts) or 1
    slot = plot_w / len(counts)
    bar = min(36.0, slot * 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Articles per month">',
        f'<rect x="{left}" y="5" width="9" height="9" fill="{primary}"/>'
        f'<text x="{left + 13}" y="13" font-family="{font}, sans-serif" font-size="10" '
        f'fill="#374151">Articles per month ({sum(c for _, c in counts)} articles; syndicated copies counted once)</text>',
        f'<line x1="{left}" x2="{width - right}" y1="{head + plot_h}" y2="{head + plot_h}" '
        f'stroke="#c5ccd6" stroke-width="0.6"/>',
    ]
    for i, (month, n) in enumerate(counts):
        h = plot_h * n / top
        cx = left + slot * (i + 0.5)
        parts.append(
            f'<rect x="{cx - bar / 2:.1f}" y="{head + plot_h - h:.1f}" width="{bar:.1f}" '
            f'height="{h:.1f}" fill="{primary}" fill-opacity="0.85"/>'
            f'<text x="{cx:.1f}" y="{head + plot_h - h - 3:.1f}" {axis} text-anchor="middle">{n}</text>'
            f'<text x="{cx:.1f}" y="{height - 6}" {axis} text-anchor="middle">'
            f"{month.strftime('%b %Y')}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def spend_bars(
    points: list[tuple[str, float, float | None]],
    currency: str,
    label: str,
    primary: str = "#1f3a5f",
    accent: str = "#c8794a",
    font: str = "Inter",
    width: int = 640,
    height: int = 170,
) -> Markup:
    """One bar per fiscal year for a spend line, its amount above and its share of revenue
    below the year (points: (period, amount, share or None), oldest first)."""
    primary, accent, font = escape(primary), escape(accent), escape(font)
    small = f'font-family="{font}, sans-serif" font-size="9" fill="#6b7280"'
    value_style = f'font-family="{font}, sans-serif" font-size="9.5" fill="#374151"'
    top = max([v for _, v, _ in points if v > 0] or [1.0])
    scale, word = next(((s, w) for s, w in fmt.SCALES if top >= s), (1.0, ""))
    left, right, head, foot = 16, 16, 34, 34
    plot_h = height - head - foot
    slot = (width - left - right) / max(len(points), 1)
    bar = min(44.0, slot * 0.5)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)} by fiscal year">',
        f'<rect x="{left}" y="5" width="9" height="9" fill="{primary}"/>'
        f'<text x="{left + 13}" y="13" font-family="{font}, sans-serif" font-size="10" '
        f'fill="#374151">{escape(label)}</text>'
        f'<text x="{width - right}" y="13" text-anchor="end" {small}>'
        f"{escape(currency)} {escape(word)}, by fiscal year; share of revenue below the year</text>",
    ]
    base = head + plot_h
    for i, (period, value, share) in enumerate(points):
        x = left + slot * i + slot / 2
        h = plot_h * max(value, 0.0) / top
        parts.append(
            f'<rect x="{x - bar / 2:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="{primary}"/>'
            f'<text x="{x:.1f}" y="{base - h - 4:.1f}" {value_style} text-anchor="middle">'
            f"{value / scale:,.2f}</text>"
            f'<text x="{x:.1f}" y="{base + 13}" {small} text-anchor="middle">{escape(period)}</text>'
        )
        if share is not None:
            parts.append(
                f'<text x="{x:.1f}" y="{base + 26}" font-family="{font}, sans-serif" '
                f'font-size="9" fill="{accent}" text-anchor="middle">{share * 100:.1f}%</text>'
            )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{base:.1f}" y2="{base:.1f}" '
        f'stroke="#9aa3af" stroke-width="0.8"/></svg>'
    )
    return Markup("".join(parts))
