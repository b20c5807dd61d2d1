"""One production server per session; a fresh phone-sized browser context per test."""

import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.server import BROWSER_ARGS, CHROMIUM, RunningApp, running_app
from tests.support.smtp import SmtpServer, smtp_server

SCREENSHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 390, "height": 844}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def smtp() -> Iterator[SmtpServer]:
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="session")
def app(smtp: SmtpServer) -> Iterator[RunningApp]:
    env = {
        "MANTELZORG_SMTP_HOST": smtp.host,
        "MANTELZORG_SMTP_PORT": str(smtp.port),
        # as behind a reverse proxy on this machine: each phone below is a client of its own
        "MANTELZORG_TRUSTED_PROXIES": "127.0.0.1,::1",
    }
    with running_app(env) as running:
        _running.append(running)
        yield running
        _running.remove(running)


_running: list[RunningApp] = []


def app_db_url() -> str:
    """The database of the app under test, for helpers without the ``app`` fixture at hand."""
    return _running[-1].db_url


def app_instance() -> Path:
    """The instance folder of the app under test (its secret key), on SQLite as on PostgreSQL."""
    return _running[-1].instance


@pytest.fixture(scope="session")
def app_url(app: RunningApp) -> str:
    return app.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield browser
        browser.close()


# One documentation address (RFC 5737) per phone, as the proxy would forward it.
_phone_addresses = (f"198.51.100.{n % 250 + 1}" for n in itertools.count())


@contextmanager
def phone(browser: Browser, app_url: str) -> Iterator[Page]:
    """A page in a browser context of its own: one more person on their own phone."""
    context = browser.new_context(
        base_url=app_url,
        viewport=PHONE,
        has_touch=True,
        is_mobile=True,
        locale="nl-NL",
        extra_http_headers={"X-Forwarded-For": next(_phone_addresses)},
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser: Browser, app_url: str) -> Iterator[Page]:
    with phone(browser, app_url) as page:
        yield page


def open_page(page: Page, path: str) -> None:
    """Goes to a page and waits until its on_load has run (the hub looked up, the person known)."""
    page.goto(path)
    page.wait_for_selector('div.app[data-ready="true"]')


_axe = Axe()


def check_page(page: Page, name: str) -> None:
    """The checks every page gets: a screenshot, axe (WCAG 2.2 A/AA) and no sideways scrolling."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"axe on {name}:\n{results.generate_report()}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} scrolls sideways: {width}px wide"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
