"""A real HTTP server on loopback that serves feeds, for the importer's tests (and the e2e tests that
add a feed on the beheer page): fixture files, a route that never answers, a 404, an endless body.

    with feed_server.serving({"/rss.xml": feed_server.file("rss2.xml")}) as server:
        fetching.fetch(server.url("/rss.xml"))

``server.routes`` may be changed while it runs (the feed "updates"); ``server.hits`` counts the
requests per path. A route is a ``Reply`` or a function of the request's headers giving one.
"""

import http.server
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

FEEDS = Path(__file__).resolve().parent.parent / "unit" / "news" / "feeds"
RSS = "application/rss+xml; charset=utf-8"


@dataclass(frozen=True)
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = RSS
    headers: dict[str, str] = field(default_factory=dict)
    never: bool = False  # holds the request open until the server stops
    endless: bool = False  # sends ``body`` again and again, without a length, until the client goes


def file(name: str, **kwargs) -> Reply:
    """A fixture of tests/unit/news/feeds as the reply."""
    return Reply((FEEDS / name).read_bytes(), **kwargs)


Route = Reply | Callable[[dict[str, str]], Reply]


class FeedServer:
    def __init__(self, routes: dict[str, Route]):
        self.routes = dict(routes)
        self.hits: Counter[str] = Counter()
        self.stopping = threading.Event()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *_args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                server.hits[self.path] += 1
                route = server.routes.get(self.path) or Reply(b"not here", 404, "text/plain")
                reply = route({k.lower(): v for k, v in self.headers.items()}) if callable(route) else route
                if reply.never:
                    server.stopping.wait(30)
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.endless:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    try:
                        while not server.stopping.is_set():
                            self.wfile.write(reply.body)
                    except OSError:  # the client stopped reading: that is the point
                        pass
                    return
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

        return Handler

    def start(self) -> "FeedServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def serving(routes: dict[str, Route]) -> Iterator[FeedServer]:
    server = FeedServer(routes).start()
    try:
        yield server
    finally:
        server.stop()
