"""The test server builds in a folder of its own, so the checkout's front end, which a `make run` may be
serving, is never rewritten to point its websocket at the test server's port."""

from pathlib import Path
from urllib.parse import urlsplit

from tests.support.server import ROOT, RunningApp


def _names_port(web: Path, port: int) -> bool:
    """Whether a build's env.json or its compiled JavaScript names the backend on this port."""
    compiled = [web / "env.json", *(web / "build" / "client").rglob("*.js")]
    return any(f":{port}/" in path.read_text(errors="replace") for path in compiled if path.is_file())


def test_the_test_server_is_built_outside_the_checkouts_front_end(app: RunningApp):
    port = urlsplit(app.url).port
    assert port and app.folder.resolve() != ROOT
    assert _names_port(app.folder / ".web", port), "the test server's own build names its port"
    assert not _names_port(ROOT / ".web", port), "the checkout's .web was rebuilt for the test server"
