"""Professionals sign in through the municipality: a real OpenID provider (oidc-provider-mock) on loopback.

The provider runs in this test process. It only knows clients registered with it, so the app's
client id, secret and redirect URI are checked, and it refuses authorization requests without a
nonce. On its page a person types a subject; the claims for that subject are set beforehand.
"""

import threading
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import quote

import httpx
import oidc_provider_mock
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select
from werkzeug.serving import make_server

from mantelzorg_app.models import AuditEvent, ExternalIdentity, Hub, IdentityProvider, LoginSession, Person
from mantelzorg_app.services.platform.database import engine
from tests.e2e.conftest import PHONE, check_page, open_page
from tests.support.server import RunningApp

# The mock provider itself still calls Authlib APIs that Authlib marks as deprecated.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FATIMA = "fatima.voorbeeld@leusden.example.org"
NOT_INVITED = "U bent nog niet uitgenodigd. Vraag het de coördinator van uw gemeente."
FAILED = "Inloggen als medewerker is niet gelukt. Probeer het nog eens."


@pytest.fixture(scope="session")
def provider_url() -> Iterator[str]:
    """The mock provider, served from a thread on a free loopback port for the whole session."""
    app = oidc_provider_mock.app(require_client_registration=True, require_nonce=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module", autouse=True)
def leusden_provider(app: RunningApp, provider_url: str) -> Iterator[None]:
    """Registers the app with the provider and gives hub Leusden that provider; removed afterwards."""
    registered = httpx.post(
        f"{provider_url}/oauth2/clients", json={"redirect_uris": [f"{app.url}/auth/oidc/callback"]}
    )
    registered.raise_for_status()
    client = registered.json()
    db = engine(app.db_url)
    with Session(db) as session:
        leusden = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        session.add(
            IdentityProvider(
                hub_id=leusden.id,
                issuer=provider_url,
                client_id=client["client_id"],
                client_secret=client["client_secret"],
                label="Gemeente Leusden",
            )
        )
        session.commit()
    yield
    with Session(db) as session:
        for row in session.exec(select(IdentityProvider)).all():
            session.delete(row)
        session.commit()
    db.dispose()


def provider_knows(provider_url: str, subject: str, email: str, name: str) -> None:
    """The claims the provider will put in the ID token for this subject."""
    claims = {"email": email, "email_verified": True, "name": name}
    httpx.put(f"{provider_url}/users/{quote(subject, safe='')}", json=claims).raise_for_status()


def to_the_provider(page: Page) -> None:
    open_page(page, "/leusden")
    page.get_by_role("link", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1, name="Inloggen")).to_be_visible()
    page.get_by_role("link", name="Inloggen als medewerker").click()
    expect(page.get_by_role("heading", name="Authorize Client")).to_be_visible()


def sign_in_at_the_provider(page: Page, subject: str) -> None:
    page.get_by_placeholder("sub").fill(subject)
    page.get_by_role("button", name="Authorize").click()


def test_an_invited_professional_signs_in_through_the_municipality(
    page: Page, app: RunningApp, provider_url: str
):
    provider_knows(provider_url, "fatima-0006", FATIMA, "Fatima Voorbeeld")
    open_page(page, "/leusden/inloggen")
    staff = page.get_by_role("region", name="Voor medewerkers")
    expect(staff.get_by_role("link", name="Inloggen als medewerker")).to_be_visible()
    expect(staff).to_contain_text("U logt dan in bij Gemeente Leusden.")
    check_page(page, "sign-in-staff")

    to_the_provider(page)
    sign_in_at_the_provider(page, "fatima-0006")
    expect(page.get_by_role("heading", level=1, name="Welkom, Fatima")).to_be_visible()

    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["mz_sessie"]["httpOnly"] and cookies["mz_sessie"]["sameSite"] == "Lax"
    assert "mz_oidc" not in cookies
    db = engine(app.db_url)
    with Session(db) as session:
        fatima = session.exec(select(Person).where(Person.email == FATIMA)).one()
        link = session.exec(select(ExternalIdentity).where(ExternalIdentity.subject == "fatima-0006")).one()
        assert (link.person_id, link.issuer) == (fatima.id, provider_url)
        login = session.exec(
            select(LoginSession).where(LoginSession.person_id == fatima.id, LoginSession.kind == "oidc")
        ).one()
        assert login.expires_at - login.created_at == timedelta(hours=12)
        signed_in = select(AuditEvent).where(AuditEvent.actor_id == fatima.id, AuditEvent.action == "sign-in")
        assert "oidc" in [event.detail for event in session.exec(signed_in)]
    db.dispose()


@pytest.mark.parametrize(
    ("subject", "email"),
    [("stranger-1", "stranger.voorbeeld@example.org"), ("anna-0001", "anna.voorbeeld@leusden.example.org")],
    ids=["nobody-invited-this-address", "a-caregiver-is-not-staff"],
)
def test_someone_not_invited_gets_a_plain_message(page: Page, provider_url: str, subject: str, email: str):
    provider_knows(provider_url, subject, email, "Iemand")
    to_the_provider(page)
    sign_in_at_the_provider(page, subject)
    expect(page.get_by_role("heading", level=1, name="Inloggen")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text=NOT_INVITED)).to_be_visible()
    assert "mz_sessie" not in {c["name"] for c in page.context.cookies()}
    if subject == "stranger-1":
        check_page(page, "sign-in-staff-not-invited")


def test_saying_no_at_the_provider_gets_a_plain_message(page: Page):
    to_the_provider(page)
    page.get_by_role("button", name="Deny").click()
    expect(page.get_by_role("alert").filter(has_text=FAILED)).to_be_visible()
    expect(page.get_by_role("link", name="Inloggen als medewerker")).to_be_visible()


def test_a_callback_only_works_in_the_browser_that_started_it(
    page: Page, browser: Browser, app: RunningApp, provider_url: str
):
    """A captured callback link cannot sign someone else's phone in to the account it was made for."""
    provider_knows(provider_url, "fatima-0006", FATIMA, "Fatima Voorbeeld")
    to_the_provider(page)
    answer = httpx.post(page.url, data={"sub": "fatima-0006"})  # what the provider's form would send
    callback = answer.headers["location"]
    assert callback.startswith(f"{app.url}/auth/oidc/callback?") and "code=" in callback

    other = browser.new_context(base_url=app.url, viewport=PHONE, has_touch=True, is_mobile=True)
    other_page = other.new_page()
    other_page.goto(callback)
    expect(other_page.get_by_text(FAILED)).to_be_visible()
    assert "mz_sessie" not in {c["name"] for c in other.cookies()}
    other.close()

    page.goto(callback)  # the browser that started the sign-in
    expect(page.get_by_role("heading", level=1, name="Welkom, Fatima")).to_be_visible()


def test_staff_sign_in_in_english(page: Page):
    open_page(page, "/leusden/inloggen")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    staff = page.get_by_role("region", name="For professionals")
    expect(staff.get_by_role("link", name="Sign in as a professional")).to_be_visible()
    expect(staff).to_contain_text("You will sign in at Gemeente Leusden.")
    check_page(page, "sign-in-staff-en")
