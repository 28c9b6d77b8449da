"""Readable numbers, money and dates for documents (no locale data needed)."""

from __future__ import annotations

from datetime import date, datetime

from .model import Money, Quantity

CURRENCY_PREFIX = {"USD": "US$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "C$", "AUD": "A$"}
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
}


def money(value: Money, digits: int = 1) -> str:
    """US$416.2 billion; small amounts in full."""
    prefix = CURRENCY_PREFIX.get(value.currency, "")
    suffix = "" if prefix else f" {value.currency}"
    sign = "−" if value.amount < 0 else ""
    amount = abs(value.amount)
    for scale, word in SCALES:
        if amount >= scale:
            return f"{sign}{prefix}{amount / scale:,.{digits}f} {word}{suffix}"
    return f"{sign}{prefix}{amount:,.0f}{suffix}"


def money_full(value: Money) -> str:
    """Every digit: 416,161,000,000 USD."""
    return f"{value.amount:,.0f} {value.currency}"


def count(value: Quantity | float | int) -> str:
    """164,000."""
    amount = value.amount if isinstance(value, Quantity) else value
    return f"{amount:,.0f}"


def human_date(value: date | datetime | str | None) -> str:
    """1 April 1976, April 1976 or 1976 depending on the precision given."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    text = str(value).strip()
    parts = text.split("-")
    try:
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            return human_date(date(int(parts[0]), int(parts[1]), int(parts[2])))
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return text
    return text


def month_day(value: str) -> str:
    """SEC fiscal-year end ``--09-26`` as 26 September."""
    try:
        month, day = int(value[2:4]), int(value[5:7])
        return f"{day} {MONTHS[month - 1]}"
    except (ValueError, IndexError):
        return value


def place(value: str) -> str:
    """Expand a trailing U.S. state code: "Cupertino, CA" -> "Cupertino, California"."""
    head, _, tail = value.rpartition(", ")
    if head and tail in US_STATES:
        return f"{head}, {US_STATES[tail]}"
    return US_STATES.get(value, value)


def join_names(names: list[str]) -> str:
    """A, B and C."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def money_precise(value: Money, digits: int = 3) -> str:
    """Money to the reported million where it is round: US$4.689 billion, US$6.5 billion."""
    text = money(value, digits)
    head, _, tail = text.partition(" ")
    if "." in head:
        head = head.rstrip("0").rstrip(".")
    return f"{head} {tail}" if tail else head


def percent(share: float) -> str:
    """0.10099 -> 10.1%."""
    return f"{share * 100:.1f}%"
