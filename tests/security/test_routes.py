"""Every HTTP route of our own is listed: public, with the reason, or protected and forged here."""

import re
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

import mantelzorg_app.mantelzorg_app
from mantelzorg_app import (
    asgi,
    auth_routes,
    calendar_routes,
    directory_routes,
    hsds_routes,
    news_photo_routes,
    news_routes,
    oidc_routes,
    privacy_routes,
)
from mantelzorg_app.models import AuditEvent, Hub, Membership, Organization, Person, Service
from mantelzorg_app.services.directory import checks
from mantelzorg_app.services.platform import cookies
from tests.security.conftest import People, refusals

ROUTES = [
    *auth_routes.routes,
    *oidc_routes.routes,
    *privacy_routes.routes,
    *directory_routes.routes,
    *hsds_routes.routes,
    *calendar_routes.routes,
    *news_routes.routes,
    *news_photo_routes.routes,
]
PUBLIC = {
    "/auth/link": "needs a single-use token from the mail",
    "/auth/finish": "needs a single-use ticket from a checked code",
    "/auth/ja": "needs the single-use token mailed to the person whose yes is asked; signs nobody in",
    "/auth/oidc/start/{hub_slug}": "sends the visitor to their municipality's provider",
    "/auth/oidc/callback": "needs the provider's code, the state and the browser's state cookie",
    "/kaart/klopt": "needs the single-use token mailed to a professional of the service; signs nobody in",
    # The public HSDS API: only what the public sociale kaart shows; tests/security/test_hsds_api.py
    "/api/hsds/{hub}": "what the public HSDS API is",
    "/api/hsds/{hub}/": "what the public HSDS API is",
    "/api/hsds/{hub}/services": "the hub's published services, without partner contacts",
    "/api/hsds/{hub}/services/{id}": "one published service, without partner contacts",
    # The agenda in iCalendar: what the Agenda tab shows anyone; tests/security/test_calendar_feeds.py
    "/feeds/{hub}/agenda.ics": "the hub's activities that go on, as the Agenda tab shows them",
    "/feeds/{hub}/activiteit/{activity}.ics": "one activity of the hub that goes on, as its page shows it",
    "/feeds/{hub}/eigen/{secret}.ics": "needs the secret only its holder was shown; their own sign-ups",
    # A news post's photo: public once its post is published; before that only its writer and the
    # hub's coordinator, by the session cookie (tests/security/test_news_photos.py)
    "/nieuws-foto/{photo}.jpg": "the photo of a published post; else only for its writer and the coordinator",
    # The hub's news as RSS 2.0: what the Nieuws page shows anyone; tests/unit/news/test_rss.py
    "/feeds/{hub}/nieuws.rss": "the hub's published posts, as the Nieuws page shows them; no writer's name",
}
# The coordinator's download of the HSDS file is forged in tests/security/test_hsds_api.py.
PROTECTED = {privacy_routes.DOWNLOAD, f"{hsds_routes.DOWNLOAD_PREFIX}/{{hub}}"}
# Reflex's own routes that the app turns on by what it uses, with the rule that guards each.
REFLEX = {
    # rx.upload (the coordinator's HSDS file, pages/directory/upload_part.py): Reflex reads the whole
    # form before the handler runs, so asgi.small_uploads refuses a body over MAX_BYTES plus a margin
    # (tests/security/test_upload_limit.py); UploadState.upload lets only the hub's coordinator load
    # (tests/security/test_hsds_upload.py) and stores no file. PhotoState.upload (a news post's photo)
    # takes it only for the writer's own post and keeps it in the database, not under /_upload
    # (tests/security/test_news_photos.py).
    "/_upload": "POST: body at most asgi.UPLOAD_MOST bytes; the coordinator loads, a writer adds a photo",
}


@pytest.fixture
def client(db) -> TestClient:
    return TestClient(Starlette(routes=ROUTES), follow_redirects=False)


def test_every_route_is_listed():
    unlisted = {route.path for route in ROUTES} - set(PUBLIC) - PROTECTED
    assert not unlisted, f"list these routes in tests/security/test_routes.py: {sorted(unlisted)}"


def test_reflexs_upload_route_is_listed_and_limited():
    from reflex_components_core.core.upload import Upload

    from mantelzorg_app.pages.directory.upload_part import upload_section

    upload_section()
    assert Upload.is_used, "the page uses rx.upload, so Reflex serves POST /_upload"
    assert set(REFLEX) == {asgi.upload_path()}
    assert asgi.small_uploads in mantelzorg_app.mantelzorg_app.app.api_transformer


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


def _stale_service_asked(db) -> tuple[int, str]:
    """A Leusden service of Fatima's organisation, checked long ago, with her "Klopt dit nog?" link."""
    with Session(db) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        organization = Organization(hub_id=hub.id, uid="test-check-org", name="Testorganisatie")
        session.add(organization)
        session.flush()
        service = Service(
            hub_id=hub.id,
            organization_id=organization.id,
            uid="test-check-service",
            category="vervoer",
            name="Testrit",
            checked_on=date(2000, 1, 3),
        )
        fatima = session.exec(
            select(Membership)
            .join(Person, Person.id == Membership.person_id)
            .where(Person.first_name == "Fatima", Membership.hub_id == hub.id)
        ).one()
        fatima.organization_id = organization.id
        session.add_all([service, fatima])
        session.commit()
        mails = [
            m
            for m in checks.ask_owners(session, datetime.now(UTC), "http://testserver")
            if "Testrit" in m.body
        ]
        token = re.search(r"/kaart/klopt\?t=(\S+)", mails[0].body).group(1)
        return service.id, token


def _checked_on(db, service_id: int):
    with Session(db) as session:
        return session.get(Service, service_id).checked_on


def test_the_check_link_changes_nothing_on_get_and_renews_on_the_button(client: TestClient, db):
    service_id, token = _stale_service_asked(db)
    before = _checked_on(db, service_id)

    page = client.get(f"/kaart/klopt?t={token}")
    assert page.status_code == 200 and "Testrit" in page.text and "Ja, alles klopt" in page.text
    assert "/leusden/mijn-organisatie" in page.text
    assert _checked_on(db, service_id) == before, "a GET (a mail scanner) changes nothing"

    for forged in ("", "made-up-token", token + "x"):
        refused = client.post("/kaart/klopt", data={"t": forged})
        assert refused.status_code == 200 and "Testrit" not in refused.text
    assert _checked_on(db, service_id) == before

    done = client.post("/kaart/klopt", data={"t": token})
    assert done.status_code == 200 and "Dank u wel" in done.text
    assert _checked_on(db, service_id) > before
    again = client.post("/kaart/klopt", data={"t": token})
    assert "al gebruikt" in again.text
    assert "Ja, alles klopt" not in client.get(f"/kaart/klopt?t={token}").text
