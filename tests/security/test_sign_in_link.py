"""Login CSRF and cookie tossing: a mail link signs in only after a yes in this browser, and over
HTTPS only the ``__Host-`` session cookie counts. The yes links of services.confirmations likewise
change nothing on GET."""

import asyncio
import re
from datetime import UTC, datetime, timedelta

import pytest
from reflex.istate.data import RouterData
from sqlmodel import Session, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mantelzorg_app import auth_routes, privacy_routes
from mantelzorg_app.models import Handoff, Hub, LoginCode, Membership, Person, Role
from mantelzorg_app.services import confirmations
from mantelzorg_app.services.identity import carried, handoffs, login_codes
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import cookies
from state.auth import AuthState, session_token
from tests.security.conftest import People, root_state

ANNA = "anna.voorbeeld@leusden.example.org"


@pytest.fixture
def client(db) -> TestClient:
    return TestClient(Starlette(routes=auth_routes.routes + privacy_routes.routes), follow_redirects=False)


@pytest.fixture
def link_token(db) -> str:
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        return login_codes.request(session, hub_id, ANNA, "192.0.2.7", datetime.now(UTC)).link_token


def _hidden(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))


def _signed_in(response) -> bool:
    return f"{cookies.SESSION}=" in response.headers.get("set-cookie", "")


def test_opening_the_link_only_asks_and_uses_nothing_up(client: TestClient, db, link_token: str):
    for _ in range(2):  # a mail scanner opened it first: the person's own tap still works
        response = client.get(f"/auth/link?t={link_token}")
        assert response.status_code == 200
        assert not _signed_in(response)
    page = response.text
    assert '<html lang="nl">' in page
    assert page.count("<h1>") == 1
    assert f"Inloggen als {ANNA}?" in page  # the whole address: "a...@" would fit a look-alike
    assert '<button type="submit" class="main-action">Ja, log in</button>' in page
    with Session(db) as session:
        assert session.exec(select(LoginCode.used_at)).one() is None

    response = client.post("/auth/link", data=_hidden(page))

    assert response.status_code == 303 and response.headers["location"] == "/leusden"
    assert _signed_in(response)
    again = client.post("/auth/link", data=_hidden(page))  # the question's cookie went with the yes
    # A used link keeps her in her hub: its sign-in page says so and asks a new code there.
    assert client.get(again.headers["location"]).headers["location"] == "/leusden/inloggen?probleem=used"


def test_an_expired_link_keeps_her_hub_and_a_made_up_one_goes_to_the_start(
    client: TestClient, db, link_token: str
):
    with Session(db) as session:
        row = session.exec(select(LoginCode)).one()
        row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        session.add(row)
        session.commit()
    assert (
        client.get(f"/auth/link?t={link_token}").headers["location"] == "/leusden/inloggen?probleem=expired"
    )
    assert client.get("/auth/link?t=made-up").headers["location"] == "/?probleem=unknown"


def test_a_used_ticket_at_finish_keeps_her_hub(client: TestClient, db):
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        ticket = handoffs.issue(session, handoffs.SIGN_IN, hub_id, ANNA, datetime.now(UTC))
        session.commit()
    client.cookies.set(cookies.TICKET, ticket)
    assert _signed_in(client.get("/auth/finish"))
    client.cookies.set(cookies.TICKET, ticket)
    assert client.get("/auth/finish").headers["location"] == "/leusden/inloggen?probleem=expired"
    client.cookies.clear()
    assert client.get("/auth/finish").headers["location"] == "/?probleem=expired"


ANSWERS = {"zorgt": "ja", "hulp": ["boodschappen"]}
ASKER = "the-asking-tabs-random-value"  # what the asking tab put in the CARRY cookie


def _carrying_link(db, email: str) -> tuple[str, int]:
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        packed = carried.pack(hub_id, "hulpvragen/nieuw", ANSWERS, ASKER)
        return login_codes.request(
            session, hub_id, email, "192.0.2.7", datetime.now(UTC), packed
        ).link_token, hub_id


def test_the_link_carries_the_way_back_and_the_answers_to_the_new_session(client: TestClient, db):
    """Opened in a new tab, which has none of the first tab's state: the server carried them."""
    token, hub_id = _carrying_link(db, ANNA)
    client.cookies.set(cookies.CARRY, ASKER)  # a tab of the browser that asked the code
    page = client.get(f"/auth/link?t={token}").text
    response = client.post("/auth/link", data=_hidden(page))
    assert response.headers["location"] == "/leusden/hulpvragen/nieuw"
    assert "boodschappen" not in response.headers["location"]
    session_cookie = response.cookies.get(cookies.SESSION)
    with Session(db) as session:
        assert carried.answers(session, session_cookie, datetime.now(UTC), hub_id=hub_id) == ANSWERS
        for table in (LoginCode, Handoff):  # each step emptied the one before
            assert session.exec(select(table.carried).where(table.carried != "")).all() == []


def test_a_new_person_gets_the_answers_through_the_sign_up_ticket(client: TestClient, db):
    token, _ = _carrying_link(db, "nieuw.voorbeeld@example.org")
    client.cookies.set(cookies.CARRY, ASKER)
    page = client.get(f"/auth/link?t={token}").text
    response = client.post("/auth/link", data=_hidden(page))
    assert response.headers["location"] == "/leusden/welkom?verder=hulpvragen/nieuw"
    with Session(db) as session:
        ticket = handoffs.peek(
            session, handoffs.SIGN_UP, response.cookies.get(cookies.SIGN_UP), datetime.now(UTC)
        )
        assert carried.unpack(ticket.carried).answers == ANSWERS


def test_the_question_speaks_the_visitors_language(client: TestClient, link_token: str):
    client.cookies.set(cookies.LANGUAGE, "en")
    assert '<html lang="en">' in client.get(f"/auth/link?t={link_token}").text


def test_a_yes_posted_from_another_site_signs_nobody_in(client: TestClient, db, link_token: str):
    """The attacker's page posts its own link's form: without the question's cookie, it is asked."""
    for forged in ({"t": link_token}, {"t": link_token, "bevestig": "made-up"}):
        response = client.post("/auth/link", data=forged)
        assert response.status_code == 303
        assert response.headers["location"] == f"/auth/link?t={link_token}"
        assert not _signed_in(response)
    with Session(db) as session:
        assert session.exec(select(LoginCode.used_at)).one() is None


def test_over_https_a_plain_session_cookie_is_ignored(db, people: People):
    token = people.tokens["caregiver"]
    secure = TestClient(Starlette(routes=privacy_routes.routes), base_url="https://testserver")
    secure.cookies.set(cookies.SESSION, token)
    assert secure.get(privacy_routes.DOWNLOAD).status_code == 403
    secure.cookies.clear()
    secure.cookies.set(cookies.SECURE_SESSION, token)
    assert secure.get(privacy_routes.DOWNLOAD).status_code == 200


def _tab(cookie: str, origin: str):
    async def go():
        state = await (await root_state(None, "leusden")).get_state(AuthState)
        state.router = RouterData.from_router_data(
            {
                "headers": {"cookie": cookie, "origin": origin},
                "pathname": "/leusden",
                "query": {"hub": "leusden"},
            }
        )
        return state

    return asyncio.run(go())


def test_a_tab_on_an_https_page_reads_only_the_host_cookie(db, people: People):
    token = people.tokens["caregiver"]
    assert session_token(_tab(f"{cookies.SESSION}={token}", "https://leusden.example.org")) is None
    assert session_token(_tab(f"{cookies.SECURE_SESSION}={token}", "https://leusden.example.org")) == token
    assert session_token(_tab(f"{cookies.SESSION}={token}", "http://localhost:3000")) == token


def test_a_yes_link_asks_on_get_and_adds_the_role_on_post(client: TestClient, db, people: People):
    """A coordinator invited Anna's address: opening the link changes nothing, its button does."""
    with Session(db) as session:
        gerrit = session.get(Person, people.ids["coordinator_person"])
        by = Actor(
            gerrit.id,
            gerrit.first_name,
            session.get(Membership, people.ids["coordinator_membership"]).hub_id,
            frozenset({Role.coordinator}),
        )
        message = confirmations.invite_professional(
            session, by, "Karel", ANNA, "http://testserver", datetime.now(UTC)
        )
    token = re.search(r"/auth/ja\?t=(\S+)", message.body).group(1)

    def professional() -> bool:
        with Session(db) as session:
            found = select(Membership).where(
                Membership.person_id == people.ids["caregiver_person"], Membership.role == Role.professional
            )
            return session.exec(found).first() is not None

    for _ in range(2):
        page = client.get(f"/auth/ja?t={token}")
        assert page.status_code == 200 and page.text.count("<h1>") == 1 and '<html lang="nl">' in page.text
    assert not professional()
    response = client.post("/auth/ja", data=_hidden(page.text))
    assert response.headers["location"] == "/leusden/inloggen" and not _signed_in(response)
    assert professional()
    assert client.get(f"/auth/ja?t={token}").headers["location"] == "/?probleem=unknown"


@pytest.mark.parametrize("sent_by", [{}, {"sec-fetch-site": "none"}, {"sec-fetch-site": "cross-site"}])
def test_a_sign_in_ticket_in_a_link_signs_nobody_in(client: TestClient, db, sent_by: dict):
    """An attacker's own fresh ticket, in a link opened from a mail app, a chat or another site
    (old browsers send no Sec-Fetch-Site at all): only the cookie our page sets carries a ticket."""
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        ticket = handoffs.issue(session, handoffs.SIGN_IN, hub_id, ANNA, datetime.now(UTC))
        session.commit()
    response = client.get(f"/auth/finish?t={ticket}", headers=sent_by)
    assert cookies.SESSION not in response.headers.get("set-cookie", "")

    client.cookies.set(cookies.TICKET, ticket)  # as state.auth.go_to_finish sets it on our page
    own = client.get("/auth/finish")
    assert cookies.SESSION in own.headers.get("set-cookie", ""), "the ticket was left unused"
    assert f"{cookies.TICKET}=" in own.headers["set-cookie"]  # and the ticket cookie is gone


def test_the_page_hands_the_ticket_over_in_a_strict_cookie_not_the_url(db):
    from state.auth import go_to_finish

    script = str(go_to_finish(_tab("", "https://leusden.example.org"), "T0KEN", "hulpvragen/nieuw"))
    assert "__Host-mz_ticket=T0KEN; Path=/; Max-Age=120; SameSite=Strict; Secure" in script
    assert "/auth/finish?verder=hulpvragen/nieuw" in script and "T0KEN&" not in script
    plain = str(go_to_finish(_tab("", "http://localhost:3000"), "T0KEN", ""))
    assert "mz_ticket=T0KEN; Path=/; Max-Age=120; SameSite=Strict" in plain and "Secure" not in plain
