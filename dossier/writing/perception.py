"""Sentences about coverage and attention: volume, tone, headline sentiment, topics, views.

Every figure is stated with its method and period.
"""

from __future__ import annotations

from .. import formatting as fmt
from ..model import Fact, Measure, Organisation, Series
from ..research.perception import topics, volume_trend
from .sentences import Sentence


def _perception_fact(org: Organisation, name: str) -> Fact | None:
    for f in org.perception:
        if getattr(f.value, "name", None) == name:
            return f
    return None


def perception_sentences(org: Organisation) -> list[Sentence]:
    """Coverage volume, tone, headline sentiment, topics and attention, each with its method."""
    out: list[Sentence] = []
    vol = _perception_fact(org, "gdelt_volume")
    if vol is not None and isinstance(vol.value, Series) and vol.value.points:
        pts = sorted(vol.value.points)
        total = sum(v for _, v in pts)
        out.append(
            Sentence(
                f"GDELT counted {total:,.0f} online news articles mentioning the company between "
                f"{fmt.human_date(pts[0][0])} and {fmt.human_date(pts[-1][0])}.",
                (vol,),
            )
        )
        _first, _second, change = volume_trend(vol.value)
        if change is not None:
            if abs(change) < 5:
                trend = "about the same as in the first half"
            else:
                trend = f"{abs(change):.0f}% {'higher' if change > 0 else 'lower'} than in the first half"
            out.append(
                Sentence(f"The count in the second half of that period was {trend}.", (vol,))
            )
    tone = _perception_fact(org, "gdelt_tone")
    if tone is not None and isinstance(tone.value, Series) and tone.value.points:
        mean = sum(v for _, v in tone.value.points) / len(tone.value.points)
        out.append(
            Sentence(
                f"The mean of GDELT’s daily average tone for that coverage was {mean:+.1f}, on a "
                "scale where 0 is neutral and most values fall between −10 and +10.",
                (tone,),
            )
        )
    counts = {
        n: _perception_fact(org, f"headline_{n}") for n in ("positive", "neutral", "negative")
    }
    if all(isinstance(c.value, Measure) for c in counts.values() if c) and all(counts.values()):
        pos, neu, neg = (int(c.value.value) for c in counts.values())  # type: ignore[union-attr]
        m = counts["positive"].value  # type: ignore[union-attr]
        out.append(
            Sentence(
                f"An automated reading of the tone of the {pos + neu + neg} headlines published "
                f"between {fmt.human_date(m.start)} and {fmt.human_date(m.end)} classed {pos} as "  # type: ignore[union-attr]
                f"positive, {neu} as neutral and {neg} as negative.",
                (*[c for c in counts.values() if c], *org.news[:20]),
            )
        )
    names = set(org.display_name.lower().split())
    common = topics(org.news, names) if org.news else []
    if len(common) >= 3:
        words = [w for w, _ in common[:6]]
        out.append(
            Sentence(
                "Counting words in those headlines (common words excluded, all lower-cased), the "
                f"{len(words)} most frequent terms were: {', '.join(words)}.",
                tuple(org.news[:20]),
            )
        )
    views = _perception_fact(org, "pageviews_total")
    if views is not None and isinstance(views.value, Measure):
        v = views.value
        out.append(
            Sentence(
                f"The English Wikipedia article on the company was viewed {v.value:,.0f} times by "
                f"people (automated traffic excluded) between {fmt.human_date(v.start)} and "
                f"{fmt.human_date(v.end)}.",
                (views,),
            )
        )
    return out
