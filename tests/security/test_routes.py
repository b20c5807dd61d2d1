"""Every HTTP route of our own is listed: public, with the reason, or protected and forged here."""

import pytest
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mantelzorg_app import auth_routes, oidc_routes, privacy_routes
from mantelzorg_app.models import AuditEvent
from mantelzorg_app.services.platform import cookies
from tests.security.conftest import People, refusals

ROUTES = [*auth_routes.routes, *oidc_routes.routes, *privacy_routes.routes]
PUBLIC = {
    "/auth/link": "needs a single-use token from the mail",
    "/auth/finish": "needs a single-use ticket from a checked code",
    "/auth/ja": "needs the single-use token mailed to the person whose yes is asked; signs nobody in",
    "/auth/oidc/start/{hub_slug}": "sends the visitor to their municipality's provider",
    "/auth/oidc/callback": "needs the provider's code, the state and the browser's state cookie",
}
PROTECTED = {privacy_routes.DOWNLOAD}


@pytest.fixture
def client(db) -> TestClient:
    return TestClient(Starlette(routes=ROUTES), follow_redirects=False)


def test_every_route_is_listed():
    unlisted = {route.path for route in ROUTES} - set(PUBLIC) - PROTECTED
    assert not unlisted, f"list these routes in tests/security/test_routes.py: {sorted(unlisted)}"


@pytest.mark.parametrize("token", [None, "", "made-up-token"], ids=["no-cookie", "empty", "forged"])
def test_download_without_a_session_is_refused_and_logged(client: TestClient, db, token):
    before = refusals(db)
    if token is not None:
        client.cookies.set(cookies.SESSION, token)
    response = client.get(privacy_routes.DOWNLOAD)
    assert response.status_code == 403
    assert "voorbeeld" not in response.text
    assert refusals(db) == before + 1


def test_download_holds_only_the_callers_own_data(client: TestClient, db, people: People):
    client.cookies.set(cookies.SESSION, people.tokens["caregiver"])
    response = client.get(privacy_routes.DOWNLOAD)
    assert response.status_code == 200
    assert "anna.voorbeeld" in response.text
    for other in ("carla", "gerrit", "jolien", "hilde"):
        assert other not in response.text.lower()
    with Session(db) as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "export")).all()


@pytest.mark.parametrize("path", ["/auth/link?t=forged", "/auth/finish?t=forged", "/auth/finish"])
def test_forged_sign_in_tickets_set_no_cookie(client: TestClient, path: str):
    response = client.get(path)
    assert response.status_code in (302, 303, 307)
    assert cookies.SESSION not in response.headers.get("set-cookie", "")
