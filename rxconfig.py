"""Reflex configuration: the database and Redis come from the environment (see settings)."""

import reflex as rx

from mantelzorg_app import settings

config = rx.Config(
    app_name="mantelzorg_app",
    db_url=settings.database_url(),
    redis_url=settings.redis_url(),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
)
