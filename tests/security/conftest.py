"""Calls State handlers the way any browser can: directly, with any arguments, with or without a session.

The app's states run in-process on a throw-away database seeded with the demo hubs; ``rx.session``
is pointed at it. The suite also runs on PostgreSQL when REFLEX_DB_URL names one.
"""

import asyncio
import functools
import inspect
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from reflex.istate.manager.memory import StateManagerMemory
from sqlalchemy import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine, func, select

import mantelzorg_app.mantelzorg_app  # noqa: F401  registers every page and state
from mantelzorg_app.models import (
    AuditEvent,
    CallbackTask,
    FollowUp,
    HelpOffer,
    HelpRequest,
    Hub,
    Membership,
    Person,
    Role,
)
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.platform import cookies
from state import tab
from state.hub import HubState
from tests.unit.auth_fixtures import use_test_outbox, use_test_secret_key


def _memory() -> Engine:
    return create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})


@functools.cache
def _demo_template() -> Engine:
    """The demo hubs loaded once; each test on SQLite starts from a copy (the backup API takes
    milliseconds, loading and indexing the demo half a second)."""
    engine = _memory()
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        load_demo(session)
    return engine


@pytest.fixture
def db(monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator:
    use_test_secret_key(monkeypatch)  # nothing of the tests in instance/
    use_test_outbox(monkeypatch, tmp_path / "outbox")
    # Other tabs' states live in the app's state manager, which exists only in a running app.
    monkeypatch.setattr(tab, "get_state_manager", StateManagerMemory)
    url = os.environ.get("REFLEX_DB_URL", "")
    if url.startswith("postgresql"):
        engine = create_engine(url)
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            load_demo(session)
    else:
        engine = _memory()
        with _demo_template().connect() as source, engine.connect() as target:
            source.connection.driver_connection.backup(target.connection.driver_connection)
    monkeypatch.setattr(rx, "session", lambda: Session(engine))
    yield engine
    SQLModel.metadata.drop_all(engine)
    engine.dispose()


@dataclass(frozen=True)
class People:
    """Session tokens of demo people, by who they are, and ids of things to forge."""

    tokens: dict[str, str]
    ids: dict[str, int]


def _member(session: Session, hub: str, role: Role, first_name: str) -> Membership:
    return session.exec(
        select(Membership)
        .join(Person, Person.id == Membership.person_id)
        .join(Hub, Hub.id == Membership.hub_id)
        .where(Hub.slug == hub, Membership.role == role, Person.first_name == first_name)
    ).one()


@pytest.fixture
def people(db) -> People:
    now = datetime.now(UTC)
    with Session(db) as session:
        cast = {
            "caregiver": _member(session, "leusden", Role.caregiver, "Anna"),
            "volunteer": _member(session, "leusden", Role.volunteer, "Carla"),
            "professional": _member(session, "leusden", Role.professional, "Fatima"),
            "coordinator": _member(session, "leusden", Role.coordinator, "Gerrit"),
            "other_hub_coordinator": _member(session, "poperinge", Role.coordinator, "Jolien"),
            "other_hub_volunteer": _member(session, "poperinge", Role.volunteer, "Ivo"),
        }
        tokens = {who: sessions.start(session, m.person_id, sessions.EMAIL, now) for who, m in cast.items()}
        ids = {f"{who}_membership": m.id for who, m in cast.items()}
        for key, hub, first_name in (
            ("pending_trekker", "leusden", "Bram"),
            ("other_hub_trekker", "poperinge", "Hilde"),
        ):
            asked = Membership(
                person_id=_member(session, hub, Role.caregiver, first_name).person_id,
                hub_id=session.exec(select(Hub.id).where(Hub.slug == hub)).one(),
                role=Role.trekker,
                pending=True,
            )
            session.add(asked)
            session.commit()
            ids[f"{key}_membership"] = asked.id
        ids |= {f"{who}_person": m.person_id for who, m in cast.items()}
        for key, member in (
            ("callback_task", cast["coordinator"]),
            ("other_hub_callback_task", cast["other_hub_coordinator"]),
        ):
            task = CallbackTask(
                hub_id=member.hub_id, phone="06 00000000", good_time="ochtend", band="heavy", created_at=now
            )
            session.add(task)
            session.commit()
            ids[key] = task.id
        task = CallbackTask(  # a signed-in caregiver asked: the coordinator can write to her too
            hub_id=cast["caregiver"].hub_id,
            phone="06 00000001",
            good_time="middag",
            person_id=cast["caregiver"].person_id,
            created_at=now,
        )
        session.add(task)
        session.commit()
        ids["person_callback_task"] = task.id
        ids |= _help_rows(session, cast, now)
        ids |= _directory_rows(session, cast)
        ids |= _partner_rows(session, cast)
    return People(tokens, ids)


def _directory_rows(session: Session, cast: dict[str, Membership]) -> dict[str, int]:
    """In each hub: an organisation with a service, a partner's change of it waiting for the
    coordinator, and a search word of the hub's own (the coordinator's sociale kaart page)."""
    import json

    from mantelzorg_app.models import Organization, SearchSynonym, Service, ServiceEdit

    ids = {}
    for prefix, coordinator in (("", cast["coordinator"]), ("other_hub_", cast["other_hub_coordinator"])):
        hub_id = coordinator.hub_id
        organization = Organization(hub_id=hub_id, uid=f"{prefix}security-org", name="Testorganisatie")
        session.add(organization)
        session.flush()
        service = Service(
            hub_id=hub_id,
            organization_id=organization.id,
            uid=f"{prefix}security-service",
            category="vervoer",
            name="Testrit",
            summary="Wij rijden.",
            phone="0800 0000",
        )
        session.add(service)
        session.flush()
        fields = {
            "category": "vervoer",
            "name": "Testrit",
            "summary": "Wij rijden mensen.",
            "phone": "0800 0000",
        }
        edit = ServiceEdit(
            hub_id=hub_id, organization_id=organization.id, service_id=service.id, fields=json.dumps(fields)
        )
        synonym = SearchSynonym(hub_id=hub_id, word="autootje", means="vervoer")
        session.add_all([edit, synonym])
        session.commit()
        ids |= {f"{prefix}service_edit": edit.id, f"{prefix}synonym": synonym.id}
    return ids


def _partner_rows(session: Session, cast: dict[str, Membership]) -> dict[str, int]:
    """Mijn organisatie: Fatima keeps a Leusden organisation's entries (one service, and a new one she
    proposed that waits); Poperinge has an organisation with a service too."""
    import json

    from mantelzorg_app.models import Organization, Service, ServiceEdit
    from mantelzorg_app.services.directory import edits

    ids = {}
    for prefix, member in (("", cast["professional"]), ("other_hub_", cast["other_hub_coordinator"])):
        organization = Organization(
            hub_id=member.hub_id, uid=f"{prefix}partner-org", name="Partnerorganisatie"
        )
        session.add(organization)
        session.flush()
        service = Service(
            hub_id=member.hub_id,
            organization_id=organization.id,
            uid=f"{prefix}partner-service",
            category="maaltijden",
            name="Partnermaaltijd",
            summary="Warm eten.",
            description="Elke dag een warme maaltijd bij u thuis.",
            phone="033-000 0099",
        )
        session.add(service)
        session.flush()
        ids |= {f"{prefix}partner_organization": organization.id, f"{prefix}partner_service": service.id}
    fatima = session.get(Membership, cast["professional"].id)
    fatima.organization_id = ids["partner_organization"]
    new = {
        **edits.blank(),
        "category": "vervoer",
        "name": "Partnerrit",
        "summary": "Wij rijden.",
        "description": "Wij rijden u naar de dokter.",
        "phone": "033-000 0098",
    }
    edit = ServiceEdit(
        hub_id=fatima.hub_id,
        organization_id=ids["partner_organization"],
        author_id=fatima.person_id,
        fields=json.dumps(new),
    )
    session.add_all([fatima, edit])
    session.commit()
    ids["partner_edit"] = edit.id
    return ids


def _help_rows(session: Session, cast: dict[str, Membership], now: datetime) -> dict[str, int]:
    """In each hub: an open request with a volunteer's offer, a matched one with a due follow-up, and
    (from the demo in Leusden, made here in Poperinge) a request waiting long enough for the coordinator."""
    ids = {}
    daan = _member(session, "leusden", Role.volunteer, "Daan").person_id
    hilde = _member(session, "poperinge", Role.caregiver, "Hilde")
    for prefix, caregiver, volunteer, helper in (
        ("", cast["caregiver"], cast["volunteer"].person_id, daan),
        ("other_hub_", hilde, cast["other_hub_volunteer"].person_id, cast["other_hub_volunteer"].person_id),
    ):
        asked = dict(hub_id=caregiver.hub_id, caregiver_id=caregiver.person_id, wijk_id=caregiver.wijk_id)
        open_request = HelpRequest(**asked, category="boodschappen", text="Boodschappen", created_at=now)
        matched = HelpRequest(  # someone said "nee" to "Is het gelukt?": on the coordinator's list
            **asked,
            category="vervoer",
            text="Vervoer",
            status="matched",
            volunteer_id=helper,
            needs_attention=True,
            created_at=now,
        )
        stale = HelpRequest(**asked, category="gezelschap", text="Koffie", created_at=now - timedelta(days=5))
        session.add_all([open_request, matched, stale])
        session.flush()
        offer = HelpOffer(request_id=open_request.id, volunteer_id=volunteer, status="offered")
        follow_up = FollowUp(
            request_id=matched.id, person_id=caregiver.person_id, due_at=now - timedelta(hours=1)
        )
        session.add_all([offer, follow_up])
        session.commit()
        ids |= {
            f"{prefix}open_request": open_request.id,
            f"{prefix}offer": offer.id,
            f"{prefix}matched_request": matched.id,
            f"{prefix}follow_up": follow_up.id,
            f"{prefix}stale_request": stale.id,
        }
    ids["stale_candidate"] = cast["volunteer"].person_id  # Carla: vetted, gezelschap, in Centrum
    ids["other_hub_stale_candidate"] = cast["other_hub_volunteer"].person_id
    return ids


async def root_state(
    token: str | None, hub: str, loaded: bool = True, params: dict | None = None
) -> rx.State:
    """A browser tab on ``/hub`` (with the route's other ``params``) and this session token, or none."""
    root = rx.State(_reflex_internal_init=True)
    cookie = f"{cookies.SESSION}={token}" if token else ""
    query = {"hub": hub, **(params or {})}
    root.router = RouterData.from_router_data(
        {"headers": {"cookie": cookie}, "pathname": f"/{hub}", "query": query, "ip": "192.0.2.1"}
    )
    if loaded:  # the page's on_load has run; without it, a tap that came first on a slow phone
        HubState.load.fn(await root.get_state(HubState))
    return root


async def run_handler(state: rx.State, handler: str, *args):
    """Runs one handler of ``state`` (sync or async) and returns what it returned."""
    result = type(state).event_handlers[handler].fn(state, *args)
    return await result if inspect.isawaitable(result) else result


async def _call(state_class: type[rx.State], handler: str, args: tuple, token: str | None, hub: str, loaded):
    state = await (await root_state(token, hub, loaded)).get_state(state_class)
    return state, await run_handler(state, handler, *args)


def call(
    state_class: type[rx.State],
    handler: str,
    *args,
    token: str | None = None,
    hub: str = "leusden",
    loaded: bool = True,
):
    """Runs one handler as a browser on ``/hub`` with this session token (or none) would."""
    return asyncio.run(_call(state_class, handler, args, token, hub, loaded))


def call_in_turn(
    state_class: type[rx.State], *calls: tuple, hub: str = "leusden", token: str | None = None
) -> rx.State:
    """Runs several (handler, *args) on the same state, as one tab on ``/hub`` would (anonymous, or
    with this session token)."""

    async def go():
        state = await (await root_state(token, hub)).get_state(state_class)
        for handler, *args in calls:
            await run_handler(state, handler, *args)
        return state

    return asyncio.run(go())


def refusals(db) -> int:
    """How many refusals the audit log holds: anonymous ones are counted in one row per hour."""
    with Session(db) as session:
        counts = select(func.coalesce(func.sum(AuditEvent.count), 0)).where(AuditEvent.action == "refused")
        return session.exec(counts).one()
