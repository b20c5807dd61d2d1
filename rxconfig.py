"""Reflex configuration: the database and Redis come from the environment (see settings)."""

import reflex as rx

from mantelzorg_app import origins, settings

config = rx.Config(
    app_name="mantelzorg_app",
    db_url=settings.database_url(),
    redis_url=settings.redis_url(),
    telemetry_enabled=False,
    # No CORS for other origins (one port serves page and backend); asgi.only_our_origin refuses them.
    cors_allowed_origins=origins.public_origins(),
    redis_token_expiration=int(settings.TAB_STATE_KEPT.total_seconds()),
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
)
