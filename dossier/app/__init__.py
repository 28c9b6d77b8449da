"""The review app: ``dossier review serve``, a local web page where a reviewer checks, corrects
and approves a batch.

This package only routes and renders: every read and every decision goes through the same
library functions the CLI uses (:mod:`dossier.batch.state`, ``decide``, ``notes``,
``corrections``, ``rerun``, ``export``), so the app and ``dossier review ...`` never disagree.
It listens on 127.0.0.1 only, behind a per-run secret token, with a CSRF token on every form,
a Host-header check and a strict Content-Security-Policy (see :mod:`dossier.app.server`).
"""

from __future__ import annotations

from .server import ReviewApp, create_app, serve

__all__ = ["ReviewApp", "create_app", "serve"]
