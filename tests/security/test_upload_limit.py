"""Reflex's upload endpoint (``POST /_upload``) reads the whole form, spooling files to disk, before
``UploadState.upload`` can check who sends it: ``asgi.small_uploads`` refuses a bigger body first.

The endpoint here does what Reflex's does (read the form, hand the files to the handler, answer a
disconnect with an empty response), so the rightful small upload goes all the way into the database.
"""

import asyncio
import json

import pytest
from reflex_components_core.core._upload import _upload_file_from_starlette
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

import mantelzorg_app.mantelzorg_app as main
from mantelzorg_app import asgi
from mantelzorg_app.models import Service
from mantelzorg_app.services.directory.validation import MAX_BYTES
from mantelzorg_app.services.platform import cookies
from state.directory.upload import LOADED, UploadState
from tests.security.conftest import People, _call
from tests.security.test_handlers import NEW_SERVICE

MB = 1024 * 1024
BOUNDARY = "grens1234"


class Endpoint:
    """Reflex's upload endpoint in short; counts the calls that reached the handler."""

    def __init__(self) -> None:
        self.handled = 0

    async def upload(self, request: Request) -> Response:
        try:
            form = await request.form()
        except ClientDisconnect:
            return Response()  # what Reflex does
        files = [_upload_file_from_starlette(file) for file in form.getlist("files")]
        self.handled += 1
        token = request.cookies.get(cookies.SESSION)
        state, _ = await _call(UploadState, "upload", (files,), token, "leusden", True)
        await form.close()
        return JSONResponse({"outcome": state.outcome})


async def _other(request: Request) -> Response:
    return PlainTextResponse(str(len(await request.body())))


@pytest.fixture
def endpoint() -> Endpoint:
    return Endpoint()


@pytest.fixture
def app(endpoint: Endpoint):
    routes = [
        Route(asgi.upload_path(), endpoint.upload, methods=["POST"]),
        Route("/other", _other, methods=["POST"]),
    ]
    return asgi.small_uploads(Starlette(routes=routes))


def _file(size: int = 0) -> bytes:
    """An HSDS file with the one clean new service, padded with spaces to ``size`` bytes."""
    data = json.dumps([NEW_SERVICE]).encode()
    return data + b" " * max(0, size - len(data))


def _uploaded(db) -> list[Service]:
    with Session(db) as session:
        return list(session.exec(select(Service).where(Service.name == "Uploadproef")))


def test_the_upload_path_is_reflexs():
    assert asgi.upload_path() == "/_upload"
    transformers = main.app.api_transformer
    assert transformers.index(asgi.small_uploads) < transformers.index(asgi.with_headers)


def test_a_small_upload_still_loads(db, people: People, app, endpoint: Endpoint):
    client = TestClient(app)
    client.cookies.set(cookies.SESSION, people.tokens["coordinator"])
    response = client.post(asgi.upload_path(), files={"files": ("kaart.json", _file(), "application/json")})
    assert response.status_code == 200 and response.json() == {"outcome": LOADED}
    assert endpoint.handled == 1 and len(_uploaded(db)) == 1


def test_the_largest_allowed_file_still_reaches_the_handler(db, people: People, app, endpoint: Endpoint):
    client = TestClient(app)
    client.cookies.set(cookies.SESSION, people.tokens["coordinator"])
    response = client.post(
        asgi.upload_path(), files={"files": ("kaart.json", _file(MAX_BYTES), "application/json")}
    )
    assert response.status_code == 200 and endpoint.handled == 1


@pytest.mark.parametrize("who", [None, "coordinator"])
def test_a_too_big_body_is_refused_before_the_handler(db, people: People, app, endpoint: Endpoint, who):
    client = TestClient(app)
    if who:
        client.cookies.set(cookies.SESSION, people.tokens[who])
    big = _file(asgi.UPLOAD_MOST + 1)
    response = client.post(asgi.upload_path(), files={"files": ("kaart.json", big, "application/json")})
    assert response.status_code == 413 and response.text == asgi.TOO_LARGE.decode()
    assert endpoint.handled == 0 and not _uploaded(db)


def test_a_bad_content_length_is_refused(app, endpoint: Endpoint):
    sent = _run(app, [b"x" * 10], length=b"ten")
    assert sent[0]["status"] == 413 and endpoint.handled == 0


def _multipart(size: int) -> bytes:
    head = (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="files"; filename="kaart.json"\r\n'
        "Content-Type: application/json\r\n\r\n"
    ).encode()
    return head + _file(size) + f"\r\n--{BOUNDARY}--\r\n".encode()


def _run(app, chunks: list[bytes], *, length: bytes | None, path: str = "", pulled: list | None = None):
    """Runs one request at the ASGI level, its body in these chunks; returns what the app sent."""
    headers = [(b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode())]
    if length is not None:
        headers.append((b"content-length", length))
    scope = {
        "type": "http",
        "method": "POST",
        "path": path or asgi.upload_path(),
        "raw_path": (path or asgi.upload_path()).encode(),
        "query_string": b"",
        "headers": headers,
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("192.0.2.1", 1234),
        "root_path": "",
        "http_version": "1.1",
    }
    queue = list(chunks)
    sent: list[dict] = []
    pulled = [] if pulled is None else pulled

    async def receive():
        if not queue:
            return {"type": "http.disconnect"}
        chunk = queue.pop(0)
        pulled.append(len(chunk))
        return {"type": "http.request", "body": chunk, "more_body": bool(queue)}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


@pytest.mark.parametrize("length", [None, b"1000"], ids=["chunked", "a-lying-length"])
def test_a_streamed_body_is_cut_off_as_soon_as_it_is_too_big(db, people: People, app, endpoint, length):
    body = _multipart(asgi.UPLOAD_MOST + 3 * MB)
    chunks = [body[i : i + MB] for i in range(0, len(body), MB)]
    pulled: list[int] = []
    sent = _run(app, chunks, length=length, pulled=pulled)
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert [m["status"] for m in starts] == [413], "one answer: the 413, not the app's own"
    assert sum(pulled) <= asgi.UPLOAD_MOST + MB, "nothing is read after the limit"
    assert endpoint.handled == 0 and not _uploaded(db)


def test_other_routes_keep_their_bodies(app):
    sent = _run(app, [b"x" * MB] * 12, length=None, path="/other")
    assert sent[0]["status"] == 200 and sent[1]["body"] == str(12 * MB).encode()
