"""A blank Reflex app with one counter: the yardstick tests/bench/load.py measures the app against."""

import reflex as rx

config = rx.Config(
    app_name="blank",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
    state_manager_mode="memory",  # as the app without Redis
)
