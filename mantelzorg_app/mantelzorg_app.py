"""Builds the app and adds its pages (pages/registry.py collects them). Nothing else lives here."""

import gc
import logging

import reflex as rx
from starlette.applications import Starlette

from mantelzorg_app import (
    auth_routes,
    calendar_routes,
    directory_routes,
    hsds_routes,
    jobs,
    news_photo_routes,
    news_routes,
    oidc_routes,
    privacy_routes,
)
from mantelzorg_app.asgi import only_our_origin, small_uploads, with_headers
from mantelzorg_app.pages.registry import PAGES
from mantelzorg_app.services.platform.i18n import DEFAULT_LANGUAGE

# Our own log lines (the outbox's mail subjects, housekeeping) on the server's output.
_log = logging.getLogger("mantelzorg")
_log.setLevel(logging.INFO)
if not _log.handlers:
    _log.addHandler(logging.StreamHandler())

app = rx.App(
    theme=None,
    html_lang=DEFAULT_LANGUAGE,
    api_transformer=[
        Starlette(
            routes=[
                *auth_routes.routes,
                *oidc_routes.routes,
                *privacy_routes.routes,
                *directory_routes.routes,
                *hsds_routes.routes,
                *calendar_routes.routes,
                *news_routes.routes,
                *news_photo_routes.routes,
            ]
        ),
        small_uploads,  # inside with_headers, so its 413 carries the safety headers too
        with_headers,
        only_our_origin,  # last: the outermost of ours, so nothing of the app runs for another origin
    ],
    toaster=None,  # our own offline notice replaces the English connection toasts
    stylesheets=["/app.css"],
    head_components=[
        rx.el.meta(name="description", content="Hulp en contact voor wie voor iemand zorgt."),
        rx.el.meta(name="theme-color", content="#0b5563"),
        rx.el.link(rel="manifest", href="/manifest.webmanifest"),
        rx.el.link(rel="icon", href="/icons/icon.svg", type="image/svg+xml"),
        rx.el.link(rel="apple-touch-icon", href="/icons/icon-192.png"),
        rx.el.script(src="/app.js", defer=True),
        rx.el.script(src="/wegwijzer.js", defer=True),
        rx.el.script(src="/read_aloud.js", defer=True),
        rx.el.script(src="/speech_input.js", defer=True),
        rx.el.script(src="/chat.js", defer=True),
        rx.el.script(src="/offline.js", defer=True),
        rx.el.script(src="/shell.js", defer=True),
    ],
)

for page in PAGES:
    page.add_to(app)

app.register_lifespan_task(jobs.tidy_every_hour)

# Everything built so far (Reflex, the pages, their vars) lives as long as the process: leave it out
# of the garbage collector's full passes, which otherwise walk it again with every kept tab state.
gc.freeze()
