"""What the in-process tab benchmarks share: the demo hubs in a throw-away SQLite file, and a tab's
root state on a hub page, built as tests/security does (no server, no browser)."""

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import reflex as rx
from reflex.istate.data import RouterData
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, create_engine

import mantelzorg_app.mantelzorg_app  # noqa: F401  registers every page and state
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.platform import cookies


@contextlib.contextmanager
def demo_database() -> Iterator[Engine]:
    """The demo hubs in SQLite; ``rx.session`` opens sessions on it meanwhile."""
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        SQLModel.metadata.create_all(engine)
        app_session, rx.session = rx.session, lambda: Session(engine)
        try:
            with Session(engine) as session:
                load_demo(session)
            yield engine
        finally:
            rx.session = app_session
            engine.dispose()


def tab(path: str = "/leusden", token: str = "", **query: str) -> rx.State:
    """The root state of one tab on ``path`` of the Leusden hub, with the session cookie ``token``."""
    root = rx.State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data(
        {
            "headers": {"cookie": f"{cookies.SESSION}={token}", "origin": "http://127.0.0.1:3000"},
            "pathname": path,
            "query": {"hub": "leusden", **query},
        }
    )
    return root
