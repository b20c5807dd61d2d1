"""What a person's browser tab and the server keep of them: nothing for another origin, nothing after
signing out or a wipe."""

import contextlib
import http.server
import os
import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import redis
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from mantelzorg_app.models import CallbackTask, Hub
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import open_page
from tests.e2e.test_coordination import sign_in
from tests.e2e.test_privacy import DOWNLOAD, sign_up
from tests.support.server import RunningApp, free_port
from tests.support.smtp import SmtpServer


@contextlib.contextmanager
def other_origin() -> Iterator[str]:
    """A plain web page on a second loopback port: another origin on the same machine."""

    class Blank(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"<!doctype html><title>Elders</title><h1>Elders</h1>")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Blank)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


READ_EXPORT = """async (url) => {
  try {
    const response = await fetch(url, {credentials: "include"});
    return "read " + response.status + " " + (await response.text());
  } catch (error) { return "blocked"; }
}"""
OPEN_SOCKET = """(url) => new Promise((done) => {
  const socket = new WebSocket(url);
  socket.onopen = () => { socket.close(); done("open"); };
  socket.onerror = () => done("refused");
  setTimeout(() => done("timeout"), 5000);
})"""


def test_a_page_on_another_origin_can_neither_read_the_export_nor_open_the_event_socket(
    page: Page, smtp: SmtpServer, app_url: str
):
    sign_up(page, smtp, "olga.origin@example.org", "Olga")
    assert page.request.get(DOWNLOAD).status == 200  # the person's own page may
    with other_origin() as elsewhere:
        assert page.request.get(DOWNLOAD, headers={"origin": elsewhere}).status == 403
        page.goto(elsewhere)  # same site (127.0.0.1), so the browser sends the cookie along
        expect(page.get_by_role("heading", name="Elders")).to_be_visible()
        assert page.evaluate(READ_EXPORT, f"{app_url}{DOWNLOAD}") == "blocked"
        event_socket = app_url.replace("http://", "ws://") + "/_event/?EIO=4&transport=websocket"
        assert page.evaluate(OPEN_SOCKET, event_socket) == "refused"
    open_page(page, "/leusden")  # the app itself still connects
    expect(page.get_by_role("heading", level=1, name="Welkom, Olga")).to_be_visible()


class _Frames(list):
    """Every websocket frame the pages receive from now on."""

    def of(self, page: Page) -> "_Frames":
        page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: self.append(str(frame))))
        return self


def _add_callback(app: RunningApp, phone: str) -> None:
    db = engine(app.db_url)
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        session.add(
            CallbackTask(
                hub_id=hub_id, phone=phone, good_time="ochtend", band="heavy", created_at=datetime.now(UTC)
            )
        )
        session.commit()
    db.dispose()


def test_after_a_coordinator_signs_out_a_reload_of_the_tab_gets_no_number_and_no_name(
    page: Page, smtp: SmtpServer, app: RunningApp
):
    phone = "06 31415926"
    _add_callback(app, phone)
    sign_in(page, smtp, "gerrit.voorbeeld@leusden.example.org", "Gerrit")
    second = page.context.new_page()  # the same list open in a second tab
    open_page(second, "/leusden/beheer")
    expect(second.get_by_role("main")).to_contain_text(phone)
    page.get_by_role("link", name="Beheer").click()
    expect(page.get_by_role("main")).to_contain_text(phone)
    open_page(page, "/leusden/mijn-gegevens")
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    page.wait_for_url(re.compile(r"/leusden/?$"))
    page.wait_for_selector('div.app[data-ready="true"]')

    frames = _Frames().of(page).of(second)
    page.reload()
    page.wait_for_selector('div.app[data-ready="true"]')
    page.go_back()  # and back to the coordinator's page, as the next person at a shared computer might
    page.wait_for_selector('div.app[data-ready="true"]')
    second.reload()
    second.wait_for_selector('div.app[data-ready="true"]')
    expect(second.get_by_text("Deze pagina is alleen voor de coördinator van deze gemeente.")).to_be_visible()
    assert frames, "the pages talked to the server"
    for frame in frames:
        for personal in (phone, "Gerrit", "gerrit.voorbeeld"):
            assert personal not in frame, f"{personal!r} reached a tab after signing out"


def _stored_tab_states(app: RunningApp) -> Iterator[bytes]:
    """Every tab state the server keeps outside its memory: every Redis key's value, or the files in
    its own .states/, empty when it started (without Redis there must be none: rxconfig.py)."""
    if url := os.environ.get("REFLEX_REDIS_URL"):
        client = redis.Redis.from_url(url)
        for key in client.scan_iter():
            with contextlib.suppress(redis.ResponseError):  # not a plain value (a lock, a set)
                yield client.get(key) or b""
        return
    for path in app.states.glob("*.pkl"):
        with contextlib.suppress(FileNotFoundError):
            yield path.read_bytes()


def test_after_a_wipe_the_server_keeps_no_tab_state_with_the_persons_words(
    page: Page, smtp: SmtpServer, app: RunningApp
):
    words = "Mijn man heeft dementie en ik wil een middag per week vrij"
    sign_up(page, smtp, "thea.wipe@example.org", "Thea")
    open_page(page, "/leusden/hulpvragen/nieuw")
    page.get_by_role("button", name="Boodschappen", exact=True).click()
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("radio", name="Ik schrijf het zelf").click()
    page.get_by_label("Uw eigen woorden").fill(words)
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=2, name="Wanneer komt het goed uit?")).to_be_visible()
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("radio", name="Achterveld", exact=True).click()
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("button", name="Vraag hulp").click()
    expect(page.get_by_role("heading", level=1, name="Mijn hulpvragen")).to_be_visible()
    time.sleep(2)  # Reflex writes tab states to Redis shortly after each event
    stored = list(_stored_tab_states(app))
    if os.environ.get("REFLEX_REDIS_URL"):
        assert any(words.encode() in state for state in stored), "the test sees the stored states"
    else:  # the memory manager's states: emptied by a wipe in tests/security/test_handlers.py
        assert stored == [], "without Redis no tab state is written to disk"

    open_page(page, "/leusden/mijn-gegevens")
    page.get_by_role("button", name="Al mijn gegevens wissen").click()
    page.get_by_role("button", name="Ja, wis al mijn gegevens").click()
    expect(page.get_by_role("main").get_by_role("link", name="Inloggen")).to_be_visible()
    time.sleep(2)
    for state in _stored_tab_states(app):
        assert words.encode() not in state and b"thea.wipe" not in state
