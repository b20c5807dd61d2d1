"""Closed-loop load test of a Reflex (0.10.x) app's real-time event path.

The shared tool `shared/tools/reflex-load/reflex_load.py`, kept here so `make bench` runs on a fresh
clone; changed: the Wegwijzer scenario finds its state by class name wherever its module lives,
and a tab can carry more handshake headers (``Client.headers``: the chat bench's session cookie).

Each simulated client behaves like one browser tab:

1. (optional) GET the page's HTML over HTTP, as a browser does when it opens the URL;
2. open the Engine.IO websocket at /_event/?token=<own uuid>&EIO=4&transport=websocket,
   with the Reflex version as websocket subprotocol (what socket.io-client sends);
3. send the Socket.IO CONNECT packet for namespace /_event with the boot event in its
   auth payload: {"event": <State.hydrate_and_load with the compiled initialStateHashes>,
   "state_schema": <compiled schema hash>}; this is how the 0.10 frontend hydrates;
4. wait for the delta that sets is_hydrated_rx_state_ = true on the root state (the page's
   on_load handlers have run by then);
5. after a barrier, send its events back to back (think time 0), each one only after the
   state delta for the previous one arrived; the latency of an event is the time from the
   websocket send to the arrival of the first message carrying a non-empty delta.

Every delta is applied to a local copy of the state, and each step checks that the state
moved as the scenario expects (so a lost, duplicated or misattributed delta is an error,
not a fast sample).

Only loopback targets are accepted.

Run it with --help for the options; tests/bench/load.py runs it for make bench.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import os
import re
import socket
import statistics
import sys
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import websockets

NS = "/_event"
ROOT = "reflex___state____state"
HYDRATED = "is_hydrated_rx_state_"


# --------------------------------------------------------------------------- targets


@dataclass
class Target:
    name: str
    url: str  # http://127.0.0.1:PORT
    scenario: str  # "counter" or "questionnaire"
    path: str  # the page the tab opens
    params: dict[str, str]  # the React Router params of that page (sent as router_data.query)
    web: str | None  # the app's .web folder, for initialStateHashes and stateSchema
    version: str  # Reflex version, the websocket subprotocol
    pid: int | None  # root pid of the server (else found from the listening port)
    extra: list[int] = field(default_factory=list)  # pids measured beside it (e.g. redis-server)
    states: str | None = None  # the disk state manager's folder (.states), to count its files
    hashes: list[str] | None = None
    schema: str | None = None
    initial: str | None = None  # the compiled initialState (JSON text): the tab starts from it

    @property
    def host(self) -> str:
        return urllib.parse.urlsplit(self.url).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        return urllib.parse.urlsplit(self.url).port or 80


def parse_target(spec: str, version: str) -> Target:
    """name=app,url=http://127.0.0.1:3200,scenario=questionnaire,path=/leusden/hulp,web=DIR[,params=hub:leusden][,pid=N]"""
    kv: dict[str, str] = {}
    for part in spec.split(","):
        if not part:
            continue
        k, _, v = part.partition("=")
        kv[k.strip()] = v.strip()
    for need in ("name", "url", "scenario"):
        if need not in kv:
            raise SystemExit(f"--target needs {need}=...: {spec}")
    scenario = kv["scenario"]
    if scenario not in SCENARIOS:
        raise SystemExit(f"unknown scenario {scenario!r}; known: {', '.join(SCENARIOS)}")
    path = kv.get("path", SCENARIOS[scenario].default_path)
    params: dict[str, str] = {}
    if "params" in kv:
        for item in kv["params"].split(";"):
            if item:
                k, _, v = item.partition(":")
                params[k] = v
    else:
        params = SCENARIOS[scenario].default_params(path)
    t = Target(
        name=kv["name"],
        url=kv["url"].rstrip("/"),
        scenario=scenario,
        path=path,
        params=params,
        web=kv.get("web"),
        version=kv.get("version", version),
        pid=int(kv["pid"]) if kv.get("pid") else None,
        extra=[int(x) for x in kv.get("extra", "").split(";") if x],
        states=kv.get("states"),
    )
    check_loopback(t.host)
    if t.web:
        read_compiled(t)
    return t


def check_loopback(host: str) -> None:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError as e:
        raise SystemExit(f"cannot resolve {host}: {e}") from None
    for info in infos:
        if not ipaddress.ip_address(info[4][0]).is_loopback:
            raise SystemExit(f"refusing non-loopback target {host} ({info[4][0]})")


def read_compiled(t: Target) -> None:
    """initialStateHashes and stateSchema from the built frontend (utils/context.js[x])."""
    for name in ("context.js", "context.jsx"):
        f = Path(t.web, "utils", name)
        if f.exists():
            s = f.read_text()
            if m := re.search(r"initialStateHashes\s*=\s*(\[[^\]]*\])", s):
                t.hashes = json.loads(m.group(1))
            if m := re.search(r'stateSchema\s*=\s*"([^"]*)"', s):
                t.schema = m.group(1)
            if m := re.search(r"^export const initialState = (\{.*\})\s*;?\s*$", s, re.M):
                json.loads(m.group(1))  # fail early if it is not plain JSON
                t.initial = m.group(1)
            return
    print(f"warning: no utils/context.js[x] under {t.web}; hydrating without hashes", file=sys.stderr)


# --------------------------------------------------------------------------- server metrics


def listening_pid(port: int) -> int | None:
    for c in psutil.net_connections(kind="tcp"):
        if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port and c.pid:
            return c.pid
    return None


def server_root(t: Target) -> psutil.Process | None:
    """The topmost 'reflex run' process above whatever listens on the target's port."""
    if t.pid:
        return psutil.Process(t.pid)
    pid = listening_pid(t.port)
    if pid is None:
        return None
    proc = psutil.Process(pid)
    top = proc
    with contextlib.suppress(psutil.Error):
        p = proc.parent()
        while p is not None and "reflex" in " ".join(p.cmdline()):
            top = p
            p = p.parent()
    return top


def tree(root: psutil.Process | None) -> list[psutil.Process]:
    if root is None:
        return []
    try:
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def system_busy_s() -> float:
    """CPU seconds the whole machine was busy (all cores), from /proc/stat."""
    c = psutil.cpu_times()
    total = sum(c)
    idle = c.idle + getattr(c, "iowait", 0.0)
    guest = getattr(c, "guest", 0.0) + getattr(c, "guest_nice", 0.0)  # already counted in user/nice
    return total - idle - guest


def tree_metrics(root: psutil.Process | None, extra: list[int] | None = None) -> dict[str, float]:
    out = _metrics(tree(root))
    procs = []
    for pid in extra or []:
        with contextlib.suppress(psutil.Error):
            procs += tree(psutil.Process(pid))
    e = _metrics(procs)
    out.update({"extra_rss_mb": e["rss_mb"], "extra_cpu_s": e["cpu_s"]})
    return out


def _metrics(procs: list[psutil.Process]) -> dict[str, float]:
    rss = pss = cpu = 0.0
    n = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            mi = p.memory_full_info()
            rss += mi.rss
            pss += getattr(mi, "pss", 0)
            ct = p.cpu_times()
            cpu += ct.user + ct.system
            n += 1
    return {"rss_mb": rss / 2**20, "pss_mb": pss / 2**20, "cpu_s": cpu, "procs": n}


# --------------------------------------------------------------------------- scenarios


class Mismatch(Exception):
    pass


class Scenario:
    default_path = "/"

    @staticmethod
    def default_params(path: str) -> dict[str, str]:
        return {}

    def steps(self, client: Client, n: int):
        raise NotImplementedError


class Counter(Scenario):
    """Click a button whose handler does count += 1; checks the count in each delta."""

    default_path = "/"

    def steps(self, client: Client, n: int):
        state = client.find_substate("count_rx_state_")
        if state is None:
            raise Mismatch("no substate with count_rx_state_ after hydrate")
        for _ in range(n):
            before = client.state[state]["count_rx_state_"]

            def check(before=before):
                got = client.state[state].get("count_rx_state_")
                if got != before + 1:
                    raise Mismatch(f"count {got}, expected {before + 1}")

            yield f"{state}.increment", {}, check


Q_SUFFIX = "____questionnaire_state"  # QuestionnaireState, in whichever module of state/


class Questionnaire(Scenario):
    """The Wegwijzer at /<hub>/hulp: answer every question as a caregiver, then start over.

    One cycle is 20 events (choose/go_on/start_over of QuestionnaireState), the place question
    answered with the first wijk the page's on_load put in QuestionnaireState.wijken.
    """

    default_path = "/leusden/hulp"

    @staticmethod
    def default_params(path: str) -> dict[str, str]:
        parts = [p for p in path.split("/") if p]
        return {"hub": parts[0]} if parts else {}

    CYCLE = [
        # (handler, value or None, key expected on screen afterwards, value expected in chosen)
        ("choose", "ja", "voor_wie", None),
        ("choose", "ouder", "voor_wie", "ouder"),
        ("go_on", None, "uren", None),
        ("choose", "8-20", "duur", None),
        ("choose", "1-5j", "moe", None),
        ("choose", "soms", "tijd", None),
        ("choose", "vaak", "combineren", None),
        ("choose", "soms", "alleen", None),
        ("choose", "nooit", "somber", None),
        ("choose", "soms", "op", None),
        ("choose", "soms", "hulp", None),
        ("choose", "boodschappen", "hulp", "boodschappen"),
        ("choose", "vervoer", "hulp", "vervoer"),
        ("go_on", None, "dagen", None),
        ("choose", "dinsdag", "dagen", "dinsdag"),
        ("go_on", None, "dagdelen", None),
        ("choose", "middag", "dagdelen", "middag"),
        ("go_on", None, "plek", None),
        ("choose", "<wijk>", "", None),  # the result screen
        ("start_over", None, "zorgt", None),
    ]

    def steps(self, client: Client, n: int):
        qstate = next((name for name in client.state if name.endswith(Q_SUFFIX)), "")
        q = client.state.get(qstate)
        if q is None or q.get("key_rx_state_") != "zorgt":
            raise Mismatch(
                f"after hydrate the questionnaire is not on 'zorgt': {q and q.get('key_rx_state_')}"
            )
        wijken = q.get("wijken_rx_state_") or []
        if not wijken:
            raise Mismatch("on_load gave no wijken")
        wijk = wijken[0]["value"]
        for i in range(n):
            handler, value, want_key, want_chosen = self.CYCLE[i % len(self.CYCLE)]
            payload = {} if value is None else {"value": wijk if value == "<wijk>" else value}

            def check(want_key=want_key, want_chosen=want_chosen, qstate=qstate):
                s = client.state[qstate]
                if s.get("key_rx_state_") != want_key:
                    raise Mismatch(f"key {s.get('key_rx_state_')!r}, expected {want_key!r}")
                if want_chosen is not None and want_chosen not in s.get("chosen_rx_state_", []):
                    raise Mismatch(f"{want_chosen!r} not in chosen {s.get('chosen_rx_state_')}")

            yield f"{qstate}.{handler}", payload, check


SCENARIOS: dict[str, Scenario] = {"counter": Counter(), "questionnaire": Questionnaire()}


# --------------------------------------------------------------------------- one tab


@dataclass
class Client:
    target: Target
    idx: int
    token: str = field(default_factory=lambda: str(uuid.uuid4()))
    ws: Any = None
    state: dict[str, dict[str, Any]] = field(default_factory=dict)
    hydrated: asyncio.Future | None = None
    pending: asyncio.Future | None = None
    reader: asyncio.Task | None = None
    latencies: list[float] = field(default_factory=list)  # seconds
    errors: list[str] = field(default_factory=list)
    stray_deltas: int = 0
    frontend_events: int = 0
    hydrate_s: float | None = None
    http_s: float | None = None
    closed_by_server: str | None = None
    bytes_in: int = 0
    headers: dict[str, str] = field(default_factory=dict)  # more handshake headers (a Cookie)

    # ---- protocol

    def router_data(self) -> dict[str, Any]:
        rd: dict[str, Any] = {"pathname": self.target.path, "asPath": self.target.path}
        if self.target.params:
            rd["query"] = dict(self.target.params)
        return rd

    def boot_auth(self) -> dict[str, Any]:
        payload: dict[str, Any] = {}
        if self.target.hashes is not None:
            payload["hashes"] = self.target.hashes
        auth: dict[str, Any] = {
            "event": {
                "name": f"{ROOT}.hydrate_and_load",
                "payload": payload,
                "router_data": self.router_data(),
            }
        }
        if self.target.schema is not None:
            auth["state_schema"] = self.target.schema
        return auth

    async def open(self, timeout: float, http: bool) -> None:
        loop = asyncio.get_running_loop()
        self.hydrated = loop.create_future()
        t = self.target
        # a browser tab starts from the compiled initialState; deltas change it from there
        self.state = json.loads(t.initial) if t.initial else {}
        if http:
            t0 = time.perf_counter()
            await asyncio.to_thread(http_get, f"{t.url}{t.path}", timeout)
            self.http_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        q = urllib.parse.urlencode({"token": self.token, "EIO": "4", "transport": "websocket"})
        ws_url = f"ws://{t.host}:{t.port}{NS}/?{q}"
        self.ws = await asyncio.wait_for(
            websockets.connect(
                ws_url,
                subprotocols=[t.version],
                origin=t.url,
                additional_headers=self.headers or None,
                user_agent_header="reflex-load/1 (websockets)",
                max_size=None,
                ping_interval=None,  # Engine.IO has its own ping ("2" -> "3")
                open_timeout=timeout,
                close_timeout=2,
            ),
            timeout,
        )
        opening = await asyncio.wait_for(self.ws.recv(), timeout)
        if not opening.startswith("0"):
            raise RuntimeError(f"no Engine.IO open packet: {opening[:80]!r}")
        self.reader = asyncio.create_task(self._read())
        await self.ws.send(f"40{NS}," + json.dumps(self.boot_auth()))
        await asyncio.wait_for(asyncio.shield(self.hydrated), timeout)
        self.hydrate_s = time.perf_counter() - t0

    async def _read(self) -> None:
        prefix = f"42{NS},"
        try:
            async for msg in self.ws:
                now = time.perf_counter()
                if isinstance(msg, bytes):
                    self.errors.append("binary frame")
                    continue
                self.bytes_in += len(msg)
                if msg == "2":
                    await self.ws.send("3")
                    continue
                if msg.startswith(prefix):
                    name, *args = json.loads(msg[len(prefix) :])
                    if name == "event":
                        self._on_update(args[0] if args else {}, now)
                    elif name == "state_mismatch":
                        self.errors.append(f"state_mismatch {args}")
                    else:
                        self.errors.append(f"unexpected socket event {name}")
                elif msg.startswith(f"40{NS}"):
                    pass  # CONNECT ack
                elif msg.startswith(f"44{NS}"):
                    self._fail(f"connect refused: {msg[:200]}")
                elif msg.startswith(f"41{NS}"):
                    self.closed_by_server = "socket.io disconnect"
                    self._fail("server disconnected the namespace")
                elif msg == "1":
                    self.closed_by_server = "engine.io close"
                    self._fail("engine.io close")
        except websockets.ConnectionClosed as e:
            self.closed_by_server = self.closed_by_server or f"ws closed {e.code}"
            self._fail(f"websocket closed ({e.code})")
        except Exception as e:  # a parse error is a real finding: report it
            self._fail(f"reader: {type(e).__name__}: {e}")

    def _fail(self, why: str) -> None:
        for fut in (self.hydrated, self.pending):
            if fut is not None and not fut.done():
                fut.set_exception(ConnectionError(why))

    def _on_update(self, update: dict[str, Any], now: float) -> None:
        delta = update.get("delta") or {}
        if update.get("events"):
            self.frontend_events += len(update["events"])
        if not delta:
            return
        for sub, changes in delta.items():
            self.state.setdefault(sub, {}).update(changes)
        if self.hydrated is not None and not self.hydrated.done():
            if delta.get(ROOT, {}).get(HYDRATED) is True:
                self.hydrated.set_result(now)
            return
        if self.pending is not None and not self.pending.done():
            self.pending.set_result(now)
        else:
            self.stray_deltas += 1

    async def emit(self, name: str, payload: dict[str, Any], timeout: float) -> float:
        loop = asyncio.get_running_loop()
        self.pending = loop.create_future()
        event: dict[str, Any] = {"name": name}
        if payload:  # the browser leaves out an empty payload
            event["payload"] = payload
        event["router_data"] = self.router_data()
        msg = f"42{NS}," + json.dumps(["event", event])
        t0 = time.perf_counter()
        await self.ws.send(msg)
        t1 = await asyncio.wait_for(self.pending, timeout)
        return t1 - t0

    async def run(self, n: int, timeout: float) -> None:
        scenario = SCENARIOS[self.target.scenario]
        try:
            for name, payload, check in scenario.steps(self, n):
                try:
                    lat = await self.emit(name, payload, timeout)
                except TimeoutError:
                    self.errors.append(f"timeout after {timeout}s on {name.rsplit('.', 1)[-1]}")
                    return
                except ConnectionError as e:
                    self.errors.append(f"connection: {e}")
                    return
                self.latencies.append(lat)
                check()
        except Mismatch as e:
            self.errors.append(f"state mismatch: {e}")

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.send(f"41{NS},")
            with contextlib.suppress(Exception):
                await self.ws.close()
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(BaseException):
                await self.reader

    def find_substate(self, var: str) -> str | None:
        for sub, vars_ in self.state.items():
            if var in vars_:
                return sub
        return None


def http_get(url: str, timeout: float) -> None:
    req = urllib.request.Request(url, headers={"User-Agent": "reflex-load/1", "Accept": "text/html"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        if r.status != 200:
            raise RuntimeError(f"GET {url}: {r.status}")
        r.read()


# --------------------------------------------------------------------------- one level


def pct(xs: list[float], p: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


async def run_level(t: Target, n: int, args) -> dict[str, Any]:
    root = server_root(t)
    if root is None:
        raise SystemExit(f"{t.name}: nothing listens on port {t.port}")
    me = psutil.Process()
    await asyncio.sleep(args.settle)
    before = tree_metrics(root, t.extra)
    state_files = len(os.listdir(t.states)) if t.states and os.path.isdir(t.states) else None
    clients = [Client(t, i) for i in range(n)]
    sem = asyncio.Semaphore(args.connect_concurrency)
    connect_errors: list[str] = []

    async def open_one(c: Client):
        async with sem:
            try:
                await c.open(args.connect_timeout, not args.no_http)
            except Exception as e:
                connect_errors.append(f"{type(e).__name__}: {e}"[:200])
                c.errors.append("connect/hydrate failed")

    t_conn0 = time.perf_counter()
    await asyncio.gather(*(open_one(c) for c in clients))
    connect_wall = time.perf_counter() - t_conn0
    live = [c for c in clients if c.hydrated is not None and c.hydrated.done() and not c.hydrated.exception()]
    await asyncio.sleep(args.settle)
    after_connect = tree_metrics(root, t.extra)
    stray_before_run = sum(c.stray_deltas for c in live)

    # the measured phase: everyone starts together, closed loop, think time 0
    m0, me0, sys0 = tree_metrics(root, t.extra), sum(me.cpu_times()[:2]), system_busy_s()
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(c.run(args.events, args.event_timeout)) for c in live]
    done, not_done = await asyncio.wait(tasks, timeout=args.level_timeout) if tasks else (set(), set())
    wall = time.perf_counter() - t0
    for task in not_done:
        task.cancel()
    m1, me1, sys1 = tree_metrics(root, t.extra), sum(me.cpu_times()[:2]), system_busy_s()
    await asyncio.sleep(args.settle)  # let late deltas (if any) arrive before counting strays
    after_run = tree_metrics(root, t.extra)
    stray = sum(c.stray_deltas for c in live) - stray_before_run
    await asyncio.gather(*(c.close() for c in clients))
    await asyncio.sleep(args.settle)
    after_close = tree_metrics(root, t.extra)

    lat = [x * 1000 for c in live for x in c.latencies]
    hyd = [c.hydrate_s * 1000 for c in live if c.hydrate_s is not None]
    httpt = [c.http_s * 1000 for c in live if c.http_s is not None]
    run_errors = [e for c in live for e in c.errors]
    kinds: dict[str, int] = {}
    for e in connect_errors + run_errors:
        k = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<token>", e)[:120]
        kinds[k] = kinds.get(k, 0) + 1
    expected = len(live) * args.events
    return {
        "_lat_ms": lat,
        "_hydrate_ms": hyd,
        "target": t.name,
        "clients": n,
        "connected": len(live),
        "events_per_client": args.events,
        "events_done": len(lat),
        "events_expected": n * args.events,
        "events_missing": expected - len(lat) + (n - len(live)) * args.events,
        "wall_s": wall,
        "connect_wall_s": connect_wall,
        "events_per_s": len(lat) / wall if wall > 0 else 0.0,
        "p50_ms": pct(lat, 50),
        "p95_ms": pct(lat, 95),
        "p99_ms": pct(lat, 99),
        "max_ms": max(lat) if lat else None,
        "mean_ms": statistics.fmean(lat) if lat else None,
        "hydrate_p50_ms": pct(hyd, 50),
        "hydrate_p95_ms": pct(hyd, 95),
        "http_p50_ms": pct(httpt, 50),
        "errors": len(connect_errors) + len(run_errors),
        "error_kinds": kinds,
        "stray_deltas": stray,
        "cancelled_at_level_timeout": len(not_done),
        "frontend_events": sum(c.frontend_events for c in live),
        "bytes_in_per_client": (sum(c.bytes_in for c in live) / len(live)) if live else 0,
        "server_procs": before["procs"],
        "rss_before_mb": before["rss_mb"],
        "rss_after_connect_mb": after_connect["rss_mb"],
        "rss_after_run_mb": after_run["rss_mb"],
        "rss_after_close_mb": after_close["rss_mb"],
        "pss_before_mb": before["pss_mb"],
        "pss_after_connect_mb": after_connect["pss_mb"],
        "rss_per_session_kb": (after_connect["rss_mb"] - before["rss_mb"]) * 1024 / n,
        "rss_per_session_after_run_kb": (after_run["rss_mb"] - before["rss_mb"]) * 1024 / n,
        "server_cpu_s_run": m1["cpu_s"] - m0["cpu_s"],
        "extra_cpu_s_run": m1["extra_cpu_s"] - m0["extra_cpu_s"],
        "machine_busy_cpu_s_run": sys1 - sys0,
        "other_cpu_s_run": (sys1 - sys0)
        - (m1["cpu_s"] - m0["cpu_s"])
        - (me1 - me0)
        - (m1["extra_cpu_s"] - m0["extra_cpu_s"]),
        "extra_rss_before_mb": before["extra_rss_mb"],
        "extra_rss_after_connect_mb": after_connect["extra_rss_mb"],
        "extra_rss_after_run_mb": after_run["extra_rss_mb"],
        "loadgen_cpu_s_run": me1 - me0,
        "loadavg_start": os.getloadavg()[0],
        "state_files_before": state_files,
    }


def merge_rounds(rs: list[dict[str, Any]]) -> dict[str, Any]:
    """One row from several rounds of a level: samples pooled, memory of round 1, rates over all."""
    if len(rs) == 1:
        r = dict(rs[0])
        r["rounds"] = 1
        return r
    first, last = rs[0], rs[-1]
    lat = [x for r in rs for x in r["_lat_ms"]]
    hyd = [x for r in rs for x in r["_hydrate_ms"]]
    wall = sum(r["wall_s"] for r in rs)
    kinds: dict[str, int] = {}
    for r in rs:
        for k, v in r["error_kinds"].items():
            kinds[k] = kinds.get(k, 0) + v
    out = dict(first)
    out.update(
        {
            "rounds": len(rs),
            "_lat_ms": lat,
            "_hydrate_ms": hyd,
            "connected": sum(r["connected"] for r in rs),
            "events_done": len(lat),
            "events_expected": sum(r["events_expected"] for r in rs),
            "events_missing": sum(r["events_missing"] for r in rs),
            "wall_s": wall,
            "connect_wall_s": sum(r["connect_wall_s"] for r in rs),
            "events_per_s": len(lat) / wall if wall > 0 else 0.0,
            "events_per_s_rounds": [r["events_per_s"] for r in rs],
            "p95_ms_rounds": [r["p95_ms"] for r in rs],
            "p50_ms": pct(lat, 50),
            "p95_ms": pct(lat, 95),
            "p99_ms": pct(lat, 99),
            "max_ms": max(lat) if lat else None,
            "mean_ms": statistics.fmean(lat) if lat else None,
            "hydrate_p50_ms": pct(hyd, 50),
            "hydrate_p95_ms": pct(hyd, 95),
            "errors": sum(r["errors"] for r in rs),
            "error_kinds": kinds,
            "stray_deltas": sum(r["stray_deltas"] for r in rs),
            "cancelled_at_level_timeout": sum(r["cancelled_at_level_timeout"] for r in rs),
            "frontend_events": sum(r["frontend_events"] for r in rs),
            # memory: before/after connect of round 1 (fresh sessions), the rest after the last round
            "rss_after_run_mb": last["rss_after_run_mb"],
            "rss_after_close_mb": last["rss_after_close_mb"],
            "rss_after_all_rounds_vs_before_mb": last["rss_after_close_mb"] - first["rss_before_mb"],
            "server_cpu_s_run": sum(r["server_cpu_s_run"] for r in rs),
            "loadgen_cpu_s_run": sum(r["loadgen_cpu_s_run"] for r in rs),
            "extra_cpu_s_run": sum(r["extra_cpu_s_run"] for r in rs),
            "machine_busy_cpu_s_run": sum(r["machine_busy_cpu_s_run"] for r in rs),
            "other_cpu_s_run": sum(r["other_cpu_s_run"] for r in rs),
            "rss_retained_per_session_kb": (last["rss_after_close_mb"] - first["rss_before_mb"])
            * 1024
            / sum(r["clients"] for r in rs),
            "extra_rss_after_run_mb": last["extra_rss_after_run_mb"],
        }
    )
    return out


# --------------------------------------------------------------------------- output


def f(x, nd=1):
    return "-" if x is None else f"{x:.{nd}f}"


def print_table(rows: list[dict[str, Any]]) -> None:
    hdr = (
        f"{'target':<8} {'clients':>7} {'samples':>7} {'ev/s':>7} {'p50ms':>7} {'p95ms':>7} {'p99ms':>7} {'maxms':>7} "
        f"{'err':>4} {'lost':>4} {'stray':>5} {'hydr_p50':>8} {'RSSbefore':>9} {'RSSconn':>8} {'RSSrun':>8} "
        f"{'KB/sess':>7} {'srvCPU%':>7} {'genCPU%':>7} {'othCPU%':>7}"
    )
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        w = r["wall_s"] or 1
        print(
            f"{r['target']:<8} {r['clients']:>7} {r['events_done']:>7} {f(r['events_per_s']):>7} {f(r['p50_ms']):>7} "
            f"{f(r['p95_ms']):>7} {f(r['p99_ms']):>7} {f(r['max_ms']):>7} {r['errors']:>4} "
            f"{r['events_missing']:>4} {r['stray_deltas']:>5} {f(r['hydrate_p50_ms'], 0):>8} "
            f"{f(r['rss_before_mb']):>9} {f(r['rss_after_connect_mb']):>8} {f(r['rss_after_run_mb']):>8} "
            f"{f(r['rss_per_session_kb'], 0):>7} {f(100 * r['server_cpu_s_run'] / w, 0):>7} "
            f"{f(100 * r['loadgen_cpu_s_run'] / w, 0):>7} "
            f"{f(100 * r['other_cpu_s_run'] / w, 0) if 'other_cpu_s_run' in r else '-':>7}"
        )
    if any(r.get("rounds", 1) > 1 for r in rows):
        print("\nspread over rounds (each round: fresh clients, same level)")
        print(
            f"{'target':<9} {'clients':>7} {'rounds':>6} {'ev/s min-max':>15} {'p95 min-max ms':>16} "
            f"{'srv CPU ms/event':>16} {'retained KB/session':>19}"
        )
        for r in rows:
            if r.get("rounds", 1) < 2:
                continue
            e, p = r["events_per_s_rounds"], r["p95_ms_rounds"]
            per_ev = 1000 * r["server_cpu_s_run"] / r["events_done"] if r["events_done"] else None
            print(
                f"{r['target']:<9} {r['clients']:>7} {r['rounds']:>6} {min(e):>7.0f}-{max(e):<7.0f} "
                f"{min(p):>8.1f}-{max(p):<7.1f} {f(per_ev, 2):>16} {f(r.get('rss_retained_per_session_kb'), 0):>19}"
            )
    for r in rows:
        if r.get("extra_rss_before_mb"):
            w = r["wall_s"] or 1
            print(
                f"  {r['target']} x{r['clients']} beside the server (extra=): RSS {r['extra_rss_before_mb']:.1f} -> "
                f"{r['extra_rss_after_connect_mb']:.1f} -> {r['extra_rss_after_run_mb']:.1f} MB, "
                f"CPU {100 * r['extra_cpu_s_run'] / w:.0f}% during the run"
            )
    for r in rows:
        if r["error_kinds"]:
            print(f"  {r['target']} x{r['clients']} errors: {r['error_kinds']}")


def print_ratio(rows: list[dict[str, Any]], a: str, b: str) -> None:
    by = {(r["target"], r["clients"]): r for r in rows}
    levels = sorted({r["clients"] for r in rows})
    print(f"\nratio {a}/{b}")
    print(f"{'clients':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'ev/s':>7}")
    for n in levels:
        ra, rb = by.get((a, n)), by.get((b, n))
        if not ra or not rb:
            continue

        def q(k):
            return None if not ra[k] or not rb[k] else ra[k] / rb[k]

        print(
            f"{n:>7} {f(q('p50_ms'), 2):>7} {f(q('p95_ms'), 2):>7} {f(q('p99_ms'), 2):>7} {f(q('events_per_s'), 2):>7}"
        )


def wait_for_load(limit: float, every: float, max_wait: float) -> float:
    start = time.time()
    while True:
        la = os.getloadavg()[0]
        print(f"[{time.strftime('%H:%M:%S')}] 1-min load average {la:.2f}", flush=True)
        if la < limit:
            return la
        if time.time() - start + every > max_wait:
            print(f"load average still {la:.2f} after {time.time() - start:.0f}s; going on", flush=True)
            return la
        time.sleep(every)


async def main_async(args) -> list[dict[str, Any]]:
    targets = [parse_target(s, args.reflex_version) for s in args.target]
    for t in targets:
        root = server_root(t)
        print(
            f"# {t.name}: {t.url}{t.path} scenario={t.scenario} params={t.params} "
            f"hashes={'yes' if t.hashes else 'no'} initialState={'yes' if t.initial else 'no'} "
            f"schema={t.schema} server_root_pid={root and root.pid} "
            f"procs={len(tree(root))}",
            flush=True,
        )
    if args.warmup:
        # lazy imports, DB connections and caches are filled on first use: not part of any level
        for t in targets:
            r = await run_level(t, args.warmup, args)
            print(
                f"  warm-up {t.name}: {args.warmup} clients, {r['events_done']} events, {r['errors']} errors, "
                f"hydrate_p50={f(r['hydrate_p50_ms'])} p50={f(r['p50_ms'])}",
                flush=True,
            )
    rows = []
    levels = [int(x) for x in args.levels.split(",")]
    for n in levels:
        # targets alternate at every round of every level, so both see the same conditions
        per: dict[str, list[dict[str, Any]]] = {t.name: [] for t in targets}
        for k in range(args.rounds):
            for t in targets:
                r = await run_level(t, n, args)
                per[t.name].append(r)
                print(
                    f"  {t.name:<8} clients={n:<4} round={k + 1} ev/s={f(r['events_per_s'])} "
                    f"p50={f(r['p50_ms'])} p95={f(r['p95_ms'])} p99={f(r['p99_ms'])} err={r['errors']} "
                    f"lost={r['events_missing']} stray={r['stray_deltas']} wall={r['wall_s']:.1f}s "
                    f"connect={r['connect_wall_s']:.1f}s hydrate_p50={f(r['hydrate_p50_ms'])} "
                    f"rss={r['rss_before_mb']:.1f}->{r['rss_after_connect_mb']:.1f}->{r['rss_after_run_mb']:.1f}"
                    f"->{r['rss_after_close_mb']:.1f}MB load1={r['loadavg_start']:.2f} "
                    f"other_cpu={100 * r['other_cpu_s_run'] / (r['wall_s'] or 1):.0f}% "
                    f"srv_ms/ev={1000 * r['server_cpu_s_run'] / max(1, r['events_done']):.2f} "
                    f"state_files={r['state_files_before']}",
                    flush=True,
                )
        for t in targets:
            rows.append(merge_rounds(per[t.name]))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--target",
        action="append",
        required=False,
        default=[],
        help="name=NAME,url=http://127.0.0.1:PORT,scenario=counter|questionnaire[,path=/p][,web=APP/.web]"
        "[,params=k:v;k2:v2][,pid=ROOTPID]  (repeatable; targets alternate at each level)",
    )
    ap.add_argument("--levels", default="1,10,50,200")
    ap.add_argument("--events", type=int, default=20, help="events per client")
    ap.add_argument(
        "--warmup", type=int, default=5, help="clients of an unrecorded first round per target (0: none)"
    )
    ap.add_argument(
        "--rounds", type=int, default=1, help="repeat each level with fresh clients, pooling samples"
    )
    ap.add_argument("--event-timeout", type=float, default=15.0)
    ap.add_argument("--connect-timeout", type=float, default=30.0)
    ap.add_argument("--connect-concurrency", type=int, default=20)
    ap.add_argument("--level-timeout", type=float, default=170.0, help="cap on one level's measured phase")
    ap.add_argument("--settle", type=float, default=1.0, help="pause before each memory reading")
    ap.add_argument("--no-http", action="store_true", help="skip the GET of the page's HTML")
    ap.add_argument("--reflex-version", default="0.10.1", help="websocket subprotocol")
    ap.add_argument(
        "--wait-load", type=float, default=None, help="first wait until the 1-min load average is below this"
    )
    ap.add_argument("--wait-every", type=float, default=30.0)
    ap.add_argument("--wait-max", type=float, default=1200.0)
    ap.add_argument("--ratio", default=None, help="A/B: print ratios of target A to target B")
    ap.add_argument("--json", default=None, help="write all rows to this file")
    ap.add_argument("--table", default=None, help="print the table of a saved --json file and exit")
    args = ap.parse_args()

    if args.table:
        data = json.loads(Path(args.table).read_text())
        print_table(data["rows"])
        if args.ratio:
            print_ratio(data["rows"], *args.ratio.split("/"))
        return
    if not args.target:
        ap.error("at least one --target")
    la = None
    if args.wait_load is not None:
        la = wait_for_load(args.wait_load, args.wait_every, args.wait_max)
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    rows = asyncio.run(main_async(args))
    print()
    print_table(rows)
    if args.ratio:
        print_ratio(rows, *args.ratio.split("/"))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"started": started, "loadavg_when_started": la, "argv": sys.argv, "rows": rows}, indent=1
            )
        )


if __name__ == "__main__":
    main()
