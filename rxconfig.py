"""Reflex configuration: the database and Redis come from the environment (see settings)."""

import reflex as rx

from mantelzorg_app import origins, settings
from mantelzorg_app.catalogue_js import CataloguePlugin

config = rx.Config(
    app_name="mantelzorg_app",
    db_url=settings.database_url(),
    redis_url=settings.redis_url(),
    telemetry_enabled=False,
    # No CORS for other origins (one port serves page and backend); asgi.only_our_origin refuses them.
    cors_allowed_origins=origins.public_origins(),
    # Tab states live in this process's memory, forgotten after TAB_STATE_KEPT idle (nothing on disk);
    # with Redis, in Redis for every worker. Why: the README's "Tab state" section.
    state_manager_mode=settings.state_manager_mode(),
    redis_token_expiration=int(settings.TAB_STATE_KEPT.total_seconds()),
    show_built_with_reflex=False,
    plugins=[CataloguePlugin()],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
