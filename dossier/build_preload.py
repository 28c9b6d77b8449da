"""Preloaded by the fork server of a build's helper processes (:mod:`dossier.build_workers`).

The fork server is one interpreter that the helpers are forked from. Importing this module
there imports WeasyPrint and sets up its fonts once (about 0.5 s of CPU), so both helpers of a
build start with WeasyPrint ready instead of each doing it. Importing it anywhere else costs
that set-up once and nothing more; a set-up that fails is left to the helpers, which say why
when they render.
"""

from __future__ import annotations

from contextlib import suppress

from .build_workers import warm_pdf

with suppress(Exception):  # each helper tries again and reports what fails
    warm_pdf()
