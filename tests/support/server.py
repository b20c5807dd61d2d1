"""One production build and server of the app, on a free loopback port, with its own database.

Used once per e2e test session and by the benchmarks: `reflex run --env prod --single-port`,
after `manage setup` has migrated and seeded a fresh database.
"""

import contextlib
import fcntl
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(instance: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, **extra}
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["REFLEX_USE_NPM"] = "1"
    env["REFLEX_TELEMETRY_ENABLED"] = "false"
    env["PYTHONPATH"] = str(ROOT)
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
def _one_build_at_a_time() -> Iterator[None]:
    """Every server compiles into the one .web folder, so a second run waits for the first."""
    with (ROOT / ".web.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@dataclass(frozen=True)
class RunningApp:
    url: str
    db_url: str  # for tests that must reach past the interface, e.g. to age a code


@contextlib.contextmanager
def running_app(extra_env: dict[str, str] | None = None, timeout: float = 600) -> Iterator[RunningApp]:
    """Builds and serves the app with its own fresh database; stops it afterwards."""
    with _one_build_at_a_time(), tempfile.TemporaryDirectory(prefix="mantelzorg-") as tmp:
        instance = Path(tmp)
        env = _environment(instance, extra_env or {})
        subprocess.run(
            [sys.executable, "-m", "mantelzorg_app.manage", "setup"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        port = free_port()
        log = instance / "server.log"
        with log.open("w") as out:
            proc = subprocess.Popen(
                [
                    *("reflex", "run", "--env", "prod", "--single-port"),
                    *("--frontend-port", str(port), "--backend-port", str(port)),
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url, proc, log, timeout)
            yield RunningApp(url, env["REFLEX_DB_URL"])
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
