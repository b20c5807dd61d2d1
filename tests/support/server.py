"""One production build and server of the app, on a free loopback port, with its own database.

Used once per e2e test session and by the benchmarks: `reflex run --env prod --single-port`,
after `manage setup` has migrated and seeded a fresh database.

It builds in a folder of its own, `.build/server-N/`: a copy of the app's files with its own `.web`,
`.states` and `reflex.lock`, so it never rewrites the front end of a `make run` serving from the same
checkout (whose page would then point its websocket at this server's port). The folders are kept
between runs, so `node_modules` and Reflex's install cache carry over and a build installs no npm
packages; a run takes the first folder no other run holds, so two runs at once each have one.
"""

import contextlib
import fcntl
import gzip
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHROMIUM = "/usr/bin/chromium"
BUILDS = ROOT / ".build"
# What `reflex run` reads from the checkout; the rest of the folder is Reflex's own output.
APP_FILES = (
    *("rxconfig.py", "pyproject.toml", "alembic.ini", "alembic", "reflex.lock"),
    *("mantelzorg_app", "state", "components", "assets", "translations"),
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(folder: Path, instance: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, **extra}
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["REFLEX_USE_NPM"] = "1"
    env["REFLEX_TELEMETRY_ENABLED"] = "false"
    env["PYTHONPATH"] = str(folder)
    env["REFLEX_WEB_WORKDIR"] = str(folder / ".web")
    env["REFLEX_STATES_WORKDIR"] = str(folder / ".states")
    env["MANTELZORG_INSTANCE"] = str(instance)
    env.setdefault("REFLEX_DB_URL", f"sqlite:///{instance / 'test.db'}")
    return env


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app stopped while starting:\n{log.read_text()[-4000:]}")
        if _answers(f"{url}/ping") and _answers(url):
            return
        time.sleep(1)
    raise TimeoutError(f"the app did not answer within {timeout:.0f} s:\n{log.read_text()[-4000:]}")


@contextlib.contextmanager
def build_folder(
    kind: str = "server", source: Path = ROOT, files: tuple[str, ...] = APP_FILES
) -> Iterator[Path]:
    """The first `.build/<kind>-N` no other run holds, laid out afresh with ``files`` of ``source``
    (the checkout's app by default; the bench's blank app is another)."""
    BUILDS.mkdir(exist_ok=True)
    for n in itertools.count(1):
        with (BUILDS / f"{kind}-{n}.lock").open("w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another run builds or serves there
            folder = BUILDS / f"{kind}-{n}"
            _lay_out(folder, source, files)
            yield folder
            return


def _lay_out(folder: Path, source: Path, files: tuple[str, ...]) -> None:
    """The files as they are in ``source`` now (edits not yet committed too), and no tab states."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / ".web").exists():
        _seed_web(folder / ".web")
    for name in (*files, ".states"):
        target = folder / name
        if target.is_dir():
            shutil.rmtree(target)
        target.unlink(missing_ok=True)
    for name in files:
        found = source / name
        if found.is_dir():
            shutil.copytree(found, folder / name, ignore=_ignoring(source / "assets", "external"))
        elif found.exists():
            shutil.copy2(found, folder / name)


def _seed_web(web: Path) -> None:
    """A new folder starts from a copy of another build's .web (or the checkout's, only read), so its
    first build finds node_modules and the install cache and installs nothing; else Reflex installs."""
    seed = web.with_name(".web-seed")  # renamed into place when whole, so a stopped copy is not used
    for donor in [*sorted(BUILDS.glob("*-*/.web")), ROOT / ".web"]:
        if not (donor / "node_modules").is_dir():
            continue
        shutil.rmtree(seed, ignore_errors=True)
        try:
            shutil.copytree(donor, seed, symlinks=True, ignore=_ignoring(donor, "build"))
        except (OSError, shutil.Error):  # the donor was being rebuilt meanwhile: try the next
            continue
        seed.rename(web)
        return
    shutil.rmtree(seed, ignore_errors=True)


def _ignoring(top: Path, *names_at_top: str) -> Callable[[str, list[str]], set[str]]:
    """For copytree: Python's caches anywhere, and the given entries of `top` itself (what Reflex
    writes there: assets/external, .web/build)."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        caches = {name for name in names if name == "__pycache__" or name.endswith(".pyc")}
        return caches | (set(names_at_top) if Path(directory) == top else set())

    return ignore


@dataclass(frozen=True)
class RunningApp:
    url: str
    db_url: str  # for tests that must reach past the interface, e.g. to age a code
    folder: Path  # where it was built: its .web, and its .states when tab state is kept on disk
    instance: Path  # its instance folder: the secret key it made, its log (and its SQLite database)

    @property
    def states(self) -> Path:
        return self.folder / ".states"


@contextlib.contextmanager
def running_app(extra_env: dict[str, str] | None = None, timeout: float = 600) -> Iterator[RunningApp]:
    """Builds and serves the app with its own fresh database; stops it afterwards."""
    with build_folder() as folder, tempfile.TemporaryDirectory(prefix="mantelzorg-") as tmp:
        instance = Path(tmp)
        env = _environment(folder, instance, extra_env or {})
        subprocess.run(
            [sys.executable, "-m", "mantelzorg_app.manage", "setup"],
            cwd=folder,
            env=env,
            check=True,
            capture_output=True,
        )
        with serving(folder, env, instance / "server.log", timeout) as url:
            yield RunningApp(url, env["REFLEX_DB_URL"], folder, instance)


@contextlib.contextmanager
def serving(folder: Path, env: dict[str, str], log: Path, timeout: float = 600) -> Iterator[str]:
    """`reflex run --env prod --single-port` of the app in ``folder`` on a free port: its URL."""
    port = free_port()
    command = [
        *("reflex", "run", "--env", "prod", "--single-port"),
        *("--frontend-port", str(port), "--backend-port", str(port)),
    ]
    with _process(command, folder, env, log, "w", port, timeout) as url:
        yield url


@contextlib.contextmanager
def _process(
    command: list[str], folder: Path, env: dict[str, str], log: Path, mode: str, port: int, timeout: float
) -> Iterator[str]:
    """``command`` in its own process group, its output in ``log``, until its URL answers; stopped
    (SIGTERM, then SIGKILL after 20 s) on leaving."""
    with log.open(mode) as out:
        proc = subprocess.Popen(
            command, cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, log, timeout)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


# The backend of `reflex run --env prod` without its front-end build: it serves the front end already
# built in the folder's .web/build (as --single-port does), so it starts again in seconds.
_BACKEND_ONLY = (
    "import sys\n"
    "from reflex.utils import exec\n"
    "exec.run_backend_prod('127.0.0.1', int(sys.argv[1]), mount_frontend_compiled_app=True)\n"
)


@contextlib.contextmanager
def backend_serving(
    folder: Path, env: dict[str, str], log: Path, port: int, timeout: float = 300
) -> Iterator[str]:
    """The app in ``folder`` (its front end built for ``port``) served on ``port`` by its backend
    alone; stopping and entering again restarts the backend, a tab's websocket comes back to it."""
    env = {
        **env,
        "REFLEX_ENV_MODE": "prod",
        "REFLEX_SKIP_COMPILE": "true",
        "REFLEX_FRONTEND_PORT": str(port),
        "REFLEX_BACKEND_PORT": str(port),
    }
    with _process(
        [sys.executable, "-c", _BACKEND_ONLY, str(port)], folder, env, log, "a", port, timeout
    ) as url:
        yield url


@contextlib.contextmanager
def restartable_copy(
    running: RunningApp, extra_env: dict[str, str]
) -> Iterator[tuple[Path, dict[str, str], int]]:
    """A folder of its own holding a copy of ``running``'s built front end, pointed at a new
    port (only Reflex's env module names the port), on the same database and instance folder: what
    `backend_serving` needs to serve it, without a second front-end build. Yields (folder, env, port)."""
    old = urllib.parse.urlsplit(running.url).port
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="mantelzorg-restart-") as tmp:
        folder = Path(tmp)
        web = folder / ".web"
        web.mkdir()  # no node_modules: nothing is built here
        _lay_out(folder, running.folder, APP_FILES)  # the files that front end was built from
        for found in (running.folder / ".web").iterdir():
            if found.name in ("build", "backend"):
                shutil.copytree(found, web / found.name)
            elif found.is_file():
                shutil.copy2(found, web / found.name)
        for found in [web / "env.json", *(web / "build").rglob("reflex-env-*.js")]:
            found.write_text(found.read_text().replace(f"localhost:{old}", f"localhost:{port}"))
            packed = found.with_name(found.name + ".gz")
            if packed.exists():
                packed.write_bytes(gzip.compress(found.read_bytes()))
            for other in (found.with_name(found.name + ".br"), found.with_name(found.name + ".zst")):
                other.unlink(missing_ok=True)
        env = _environment(folder, running.instance, extra_env)
        env["REFLEX_DB_URL"] = running.db_url
        yield folder, env, port
