"""Headlines about people at an agency (appointments and departures), not about accounts."""

from __future__ import annotations

import re

#: A headline that reports a senior appointment or departure.
LEADERSHIP = re.compile(
    r"\b(appoints|names|hires|promotes|elevates|steps down|departs|exits|leaves|resigns|"
    r"to retire|retires|takes helm|joins|named)\b.*\b(CEO|chief executive|chief creative officer|"
    r"CCO|chief \w+ officer|president|managing director|chair|chairman|chairwoman|ECD|"
    r"executive creative director)\b",
    re.IGNORECASE,
)
