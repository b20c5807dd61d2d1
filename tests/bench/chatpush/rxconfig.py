"""Two ways to push a room's messages, side by side: the app tests/bench/chat.py measures."""

import os

import reflex as rx

REDIS = os.environ.get("REFLEX_REDIS_URL") or None

config = rx.Config(
    app_name="chatpush",
    redis_url=REDIS,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
    state_manager_mode="redis" if REDIS else "memory",  # as the app
)
