"""Chat delivery under load: simulated tabs in rooms of 10, each sending messages at a steady rate.

`python -m tests.bench.chat` (part of `make bench`) builds and serves the app (`running_app()`, the
default setup: SQLite, one backend worker, tab states in memory), signs in one made-up caregiver a
tab (Person, Membership, LoginSession rows in the served app's database; the tab's handshake carries
the session cookie and the app's own Origin) and puts them in rooms of ROOM (Conversation and
ChatMember rows). Each tab opens /leusden/praten/<id> as a browser does (tests/bench/reflex_load.py:
hydrate_and_load runs the page's on_load, ConversationState.load; every delta applied), then sends
MESSAGES messages with ConversationState.send, one every EVERY seconds (under the app's own flood
limit), the tabs' first sends spread over the first interval. Each text carries a unique marker.

- delivery latency: from a send's websocket emit to the delta at each OTHER member of the room that
  carries the message (the push of state/chat/push.py); p50/p95/p99 over all deliveries;
- msg/s: deliveries a second (a message reaching 9 members counts 9), from the first send to the
  last delivery; the sends a second are in the line's tail;
- KiB/session: the backend processes' RSS (psutil, the whole `reflex run` tree) after the tabs
  hydrated, less before, per tab;
- clients=1: one sending tab with one listening tab in its room, the "single-client" figure the
  knee is measured against: the first level whose p99 passes 3x that p99;
- a message not there DRAIN seconds after the last send counts as late (">15000 ms") in the
  percentiles, and the line says how many of the expected deliveries came.

Then the same clients, rates and line format (with `push=shared|registry`) on a tiny app of its own
(tests/bench/chatpush): a room as an `rx.SharedState` the tabs link to, against a per-room registry
of tokens and `app.modify_state` pushes, the way state/chat/push.py works (without its database).

Then, inside Debian's `pg_virtualenv` (started by this script when installed) with a redis-server on
loopback: all of it again on PostgreSQL + Redis with WORKERS backend workers (GRANIAN_WORKERS).

It prints one line a case (`chat clients=200 workers=3: p50 .. ms p95 .. ms p99 .. ms, .. msg/s,
.. KiB/session (...)`); it asserts nothing. The machine's 1-minute load average is in each line.
"""

import argparse
import asyncio
import contextlib
import dataclasses
import hashlib
import hmac
import json
import math
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, create_engine, select

from tests.bench.reflex_load import NS, Client, Target, parse_target, server_root, tree_metrics
from tests.support.server import RunningApp, build_folder, running_app, serving

PUSH_APP = Path(__file__).resolve().parent / "chatpush"
LEVELS = "1,10,50,200"
ROOM = 10
MESSAGES = 5
EVERY = 10.0  # seconds between a tab's messages: a room of 10 hears one a second (app's limit: 10 in 30 s)
WORKERS = 3
DRAIN = 15.0  # seconds to wait after the last send for deliveries still on their way
CONNECT_AT_ONCE = 20
_MARK = re.compile(r"zb\d+x\d+x\d+q")  # letters between the digits: not a phone number to the app


@dataclasses.dataclass
class Case:
    """What a tab opens and sends on one of the two apps."""

    name: str  # "chat" or "chat push=shared" / "chat push=registry"
    base: Target
    room_path: Callable[[Any], tuple[str, dict[str, str]]]  # room -> (path, route params)
    state_suffix: str  # the state whose send handler the tab calls
    payload: Callable[[Any, str], dict[str, Any]]  # (room, text) -> the event's payload
    rooms: Callable[[list[int]], list[tuple[Any, list[dict[str, str]]]]]  # sizes -> rooms, tab headers


@dataclasses.dataclass(eq=False)
class Tab(Client):
    """A reflex_load tab that also notes, from every delta, the markers of messages it sees."""

    level: "Level | None" = None
    room: Any = None
    seen: set[str] = dataclasses.field(default_factory=set)

    def _on_update(self, update: dict[str, Any], now: float) -> None:
        super()._on_update(update, now)
        if self.level is not None and (delta := update.get("delta")):
            self.level.arrived(self, json.dumps(delta), now)


class Level:
    """One level's sends and deliveries."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.sent: dict[str, tuple[float, int]] = {}  # marker -> (emitted at, sender's idx)
        self.latencies: list[float] = []  # seconds, at the other members
        self.own: list[float] = []  # seconds, at the sender (its own answer)
        self.first = self.last = 0.0

    def arrived(self, tab: Tab, text: str, now: float) -> None:
        for marker in _MARK.findall(text):
            if marker in tab.seen or (sent := self.sent.get(marker)) is None:
                continue
            tab.seen.add(marker)
            (self.own if sent[1] == tab.idx else self.latencies).append(now - sent[0])
            self.last = max(self.last, now)


def _now() -> datetime:
    return datetime.now(UTC)


def signed_in_rooms(app: RunningApp, sizes: list[int]) -> list[tuple[int, list[dict[str, str]]]]:
    """Rooms of the given sizes in the Leusden hub, each member a new caregiver with a session
    (as services.identity.sessions.start makes one, its digest keyed with the served app's own key):
    [(conversation id, [the handshake headers of each member's tab])]."""
    import mantelzorg_app.models  # noqa: F401  registers every table
    from mantelzorg_app.models import (
        ChatMember,
        Conversation,
        Hub,
        Kind,
        LoginSession,
        Membership,
        Person,
        Role,
    )
    from mantelzorg_app.services.identity import sessions
    from mantelzorg_app.services.platform import cookies

    key = _secret_key(app.instance)

    engine = create_engine(app.db_url)
    rooms: list[tuple[int, list[dict[str, str]]]] = []
    with Session(engine) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        for size in sizes:
            room = Conversation(hub_id=hub.id, kind=Kind.room, title="Bench", created_at=_now())
            session.add(room)
            session.flush()
            headers = []
            for _ in range(size):
                person = Person(first_name="Bench", email=f"bench-{uuid.uuid4().hex}@example.org")
                session.add(person)
                session.flush()
                session.add(Membership(person_id=person.id, hub_id=hub.id, role=Role.caregiver))
                session.add(ChatMember(conversation_id=room.id, person_id=person.id))
                token = secrets.token_urlsafe(32)
                session.add(
                    LoginSession(
                        token_digest=hmac.new(key, token.encode(), hashlib.sha256).hexdigest(),
                        person_id=person.id,
                        kind=sessions.EMAIL,
                        created_at=_now(),
                        last_seen_at=_now(),
                        expires_at=_now() + sessions.lifetime(sessions.EMAIL),
                    )
                )
                headers.append({"Cookie": f"{cookies.SESSION}={token}"})
            rooms.append((room.id, headers))
        session.commit()
    engine.dispose()
    return rooms


def _secret_key(instance: Path) -> bytes:
    """The served app's key for digests (mantelzorg_app.settings.secret_key): made here, the way
    the app makes it, when the app has not needed it yet."""
    if key := os.environ.get("MANTELZORG_SECRET_KEY"):
        return key.encode()
    path = instance / "secret.key"
    if not path.exists():
        draft = path.with_name(f".secret.key.{os.getpid()}")
        draft.write_bytes(secrets.token_bytes(32))
        draft.chmod(0o600)
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)  # when the app won, its key stays
        draft.unlink()
    return path.read_bytes()


def _sizes(clients: int) -> list[int]:
    """Rooms of ROOM (the last one smaller); one client gets a listening tab beside it."""
    if clients <= 2:
        return [2]
    return [min(ROOM, clients - start) for start in range(0, clients, ROOM)]


def app_case(app: RunningApp, web: Path) -> Case:
    base = parse_target(f"name=app,url={app.url},scenario=counter,path=/,web={web}", "0.10.1")

    def room_path(room: int) -> tuple[str, dict[str, str]]:
        return f"/leusden/praten/{room}", {"hub": "leusden", "gesprek": str(room)}

    def payload(room: int, text: str) -> dict[str, Any]:
        return {"form": {"text": text, "local_id": uuid.uuid4().hex, "conversation": str(room)}}

    return Case(
        "chat",
        base,
        room_path,
        "____conversation_state",
        payload,
        lambda sizes: signed_in_rooms(app, sizes),
    )


def push_case(url: str, web: Path, way: str) -> Case:
    base = parse_target(f"name={way},url={url},scenario=counter,path=/,web={web}", "0.10.1")
    counter = iter(range(10**9))

    def rooms(sizes: list[int]) -> list[tuple[Any, list[dict[str, str]]]]:
        return [(f"r{next(counter)}", [{} for _ in range(size)]) for size in sizes]

    return Case(
        f"chat push={way}",
        base,
        lambda room: (f"/{way}/{room}", {"room": room}),
        "____shared_room" if way == "shared" else "____registry_room",
        lambda room, text: {"text": text},
        rooms,
    )


async def _open_all(tabs: list[Tab]) -> list[str]:
    at_once = asyncio.Semaphore(CONNECT_AT_ONCE)
    problems: list[str] = []

    async def one(tab: Tab) -> None:
        async with at_once:
            try:
                await tab.open(30.0, http=False)
            except Exception as problem:  # counted and printed: a finding, not a crash
                problems.append(f"{type(problem).__name__}: {problem}"[:120])

    await asyncio.gather(*(one(tab) for tab in tabs))
    return problems


async def _talk(tab: Tab, case: Case, level: Level, count: int, every: float, offset: float) -> None:
    await asyncio.sleep(offset)
    state = next((name for name in tab.state if name.endswith(case.state_suffix)), None)
    if state is None:
        tab.errors.append(f"no state *{case.state_suffix} after hydrate")
        return
    if tab.state[state].get("allowed_rx_state_") is False:
        tab.errors.append("not let in to the conversation")
        return
    start = time.perf_counter()
    for k in range(count):
        marker = f"zb{level.number}x{tab.idx}x{k}q"
        event = {
            "name": f"{state}.send",
            "payload": case.payload(tab.room, f"Hallo allemaal {marker}"),
            "router_data": tab.router_data(),
        }
        message = f"42{NS}," + json.dumps(["event", event])
        level.sent[marker] = (time.perf_counter(), tab.idx)
        level.first = level.first or level.sent[marker][0]
        try:
            await tab.ws.send(message)
        except Exception as problem:
            tab.errors.append(f"send: {type(problem).__name__}")
            return
        await asyncio.sleep(max(0.0, start + (k + 1) * every - time.perf_counter()))


async def run_level(case: Case, clients: int, args, workers: int) -> dict[str, Any]:
    rooms = case.rooms(_sizes(clients))
    tabs: list[Tab] = []
    level = Level(clients)
    for room, headers in rooms:
        path, params = case.room_path(room)
        target = dataclasses.replace(case.base, path=path, params=params)
        for member in headers:
            tabs.append(Tab(target, len(tabs), headers=member, level=level, room=room))
    root = server_root(case.base)
    await asyncio.sleep(args.settle)
    before = tree_metrics(root)
    problems = await _open_all(tabs)
    live = [t for t in tabs if t.hydrated is not None and t.hydrated.done() and not t.hydrated.exception()]
    await asyncio.sleep(args.settle)
    connected = tree_metrics(root)
    load = os.getloadavg()[0]
    senders = live[:1] if clients <= 2 else live
    rng = random.Random(clients)
    cpu0 = tree_metrics(root)["cpu_s"]
    talks = [
        _talk(tab, case, level, args.messages, args.every, rng.uniform(0, args.every)) for tab in senders
    ]
    await asyncio.gather(*talks)
    size = {room: 0 for room, _ in rooms}
    for tab in live:
        size[tab.room] += 1
    expected = sum(size[tab.room] - 1 for tab in senders) * args.messages
    deadline = time.perf_counter() + args.drain
    while len(level.latencies) < expected and time.perf_counter() < deadline:
        await asyncio.sleep(0.1)
    cpu = tree_metrics(root)["cpu_s"] - cpu0
    await asyncio.gather(*(tab.close() for tab in tabs))
    ms = [x * 1000 for x in level.latencies]
    late = [float("inf")] * max(0, expected - len(ms))  # not there DRAIN s after the last send
    wall = (level.last - level.first) if level.last > level.first else 0.0
    errors = problems + [e for tab in tabs for e in tab.errors]
    return {
        "name": case.name,
        "clients": clients,
        "workers": workers,
        "p50": rank(ms + late, 50),
        "p95": rank(ms + late, 95),
        "p99": rank(ms + late, 99),
        "cpu_ms": 1000 * cpu / max(1, len(ms)),
        "drain": args.drain,
        "per_s": len(ms) / wall if wall else 0.0,
        "sent": len(level.sent),
        "sent_per_s": len(level.sent) / wall if wall else 0.0,
        "delivered": len(ms),
        "expected": expected,
        "own_p50": rank([x * 1000 for x in level.own], 50),
        "kib": (connected["rss_mb"] - before["rss_mb"]) * 1024 / max(1, len(live)),
        "tabs": len(live),
        "errors": errors,
        "load": load,
    }


def rank(xs: list[float], p: float) -> float | None:
    """The nearest-rank percentile: a sample, so a late one (inf) stays inf."""
    if not xs:
        return None
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100 * len(xs)) - 1)]


def _ms(value: float | None, drain: float = DRAIN) -> str:
    if value == float("inf"):
        return f">{drain * 1000:.0f}"
    return "-" if value is None else f"{value:.0f}"


def line(r: dict[str, Any]) -> str:
    kinds = sorted({re.sub(r"[0-9a-f-]{32,36}", "<id>", e)[:60] for e in r["errors"]})
    return (
        f"{r['name']} clients={r['clients']} workers={r['workers']}: p50 {_ms(r['p50'], r['drain'])} ms "
        f"p95 {_ms(r['p95'], r['drain'])} ms p99 {_ms(r['p99'], r['drain'])} ms, {r['per_s']:.0f} msg/s, "
        f"{r['kib']:.0f} KiB/session (delivered {r['delivered']}/{r['expected']}, sent {r['sent']} at "
        f"{r['sent_per_s']:.1f}/s, own answer p50 {_ms(r['own_p50'])} ms, server CPU {r['cpu_ms']:.1f} ms "
        f"a delivery, {r['tabs']} tabs, errors {len(r['errors'])}"
        f"{' ' + '; '.join(kinds[:3]) if kinds else ''}, load {r['load']:.1f})"
    )


def knee(rows: list[dict[str, Any]]) -> str:
    first = rows[0]
    if first["clients"] != 1 or first["p99"] is None:
        return f"{first['name']} workers={first['workers']}: no single-client figure"
    bar = 3 * first["p99"]
    past = next((r for r in rows[1:] if r["p99"] is None or r["p99"] > bar), None)
    where = f"at clients={past['clients']}" if past else f"not within clients={rows[-1]['clients']}"
    return (
        f"{first['name']} workers={first['workers']} knee: p99 passes 3x the single-client "
        f"{first['p99']:.0f} ms ({bar:.0f} ms) {where}"
    )


def run_case(case: Case, args, workers: int) -> None:
    warm = argparse.Namespace(**{**vars(args), "messages": 1, "every": 0.5, "drain": 5.0})
    asyncio.run(run_level(case, 2, warm, workers))  # first use (imports, caches): not a level
    rows = []
    for clients in (int(n) for n in args.levels.split(",")):
        rows.append(asyncio.run(run_level(case, clients, args, workers)))
        print(line(rows[-1]), flush=True)
    print(knee(rows), flush=True)


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REFLEX_REDIS_URL", "GRANIAN_WORKERS")}
    env.update(REFLEX_USE_NPM="1", REFLEX_TELEMETRY_ENABLED="false", **extra)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return env


def bench(args, workers: int, extra: dict[str, str]) -> None:
    if "app" in args.only:
        with running_app(extra) as app:
            run_case(app_case(app, app.folder / ".web"), args, workers)
    if "push" in args.only:
        with (
            build_folder("chatpush", PUSH_APP, ("rxconfig.py", "chatpush")) as folder,
            tempfile.TemporaryDirectory(prefix="chatpush-") as tmp,
        ):
            env = _env(extra)
            env.update(
                PYTHONPATH=str(folder),
                REFLEX_WEB_WORKDIR=str(folder / ".web"),
                REFLEX_STATES_WORKDIR=str(folder / ".states"),
            )
            with serving(folder, env, Path(tmp) / "chatpush.log") as url:
                for way in ("shared", "registry"):
                    run_case(push_case(url, folder / ".web", way), args, workers)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--levels", default=LEVELS)
    parser.add_argument("--messages", type=int, default=MESSAGES, help="messages a tab sends")
    parser.add_argument("--every", type=float, default=EVERY, help="seconds between a tab's messages")
    parser.add_argument("--drain", type=float, default=DRAIN)
    parser.add_argument("--settle", type=float, default=2.0, help="pause before a memory reading")
    parser.add_argument("--only", default="app,push", help="app, push or both")
    parser.add_argument("--setup", default="default,scale-out", help="default, scale-out or both")
    parser.add_argument("--scaled", action="store_true", help=argparse.SUPPRESS)  # inside pg_virtualenv
    args = parser.parse_args()
    if args.scaled:
        from tests.support.scale_out import postgres_url, redis_server

        with redis_server() as redis_url:
            extra = {"REFLEX_DB_URL": postgres_url(), "REFLEX_REDIS_URL": redis_url}
            bench(args, WORKERS, {**extra, "GRANIAN_WORKERS": str(WORKERS)})
        return
    load = os.getloadavg()[0]
    print(f"(chat bench: 1-minute load average {load:.1f} on {os.cpu_count()} cores)", flush=True)
    if "default" in args.setup:
        bench(args, 1, {})
    if "scale-out" not in args.setup:
        return
    if shutil.which("pg_virtualenv") is None:
        print("chat workers=3: skipped (pg_virtualenv is missing: apt-get install postgresql)")
        return
    subprocess.run(
        ["pg_virtualenv", sys.executable, "-m", "tests.bench.chat", "--scaled", *sys.argv[1:]],
        check=True,
        stderr=subprocess.DEVNULL,
    )


if __name__ == "__main__":
    main()
