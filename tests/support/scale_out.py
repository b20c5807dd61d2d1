"""Runs the whole suite again on PostgreSQL and Redis with two backend workers.

Called inside Debian's `pg_virtualenv` (a throw-away PostgreSQL cluster on loopback, its address in
the PG* variables); starts its own redis-server on a free loopback port. `make test` runs it after
the SQLite run: `pg_virtualenv python -m tests.support.scale_out [pytest args]`.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

import pytest
import redis

from tests.support.server import free_port


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="redis-") as workdir:
        proc = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--dir", workdir],
            stdout=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{port}/0"
        try:
            client = redis.Redis.from_url(url)
            for _ in range(50):
                with contextlib.suppress(redis.ConnectionError):
                    if client.ping():
                        break
                time.sleep(0.1)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def postgres_url() -> str:
    env = os.environ
    return (
        f"postgresql+psycopg://{env['PGUSER']}:{env['PGPASSWORD']}"
        f"@{env['PGHOST']}:{env['PGPORT']}/{env['PGDATABASE']}"
    )


def main(args: list[str]) -> int:
    with redis_server() as redis_url:
        os.environ["REFLEX_DB_URL"] = postgres_url()
        os.environ["REFLEX_REDIS_URL"] = redis_url
        os.environ["GRANIAN_WORKERS"] = "2"
        print(f"suite on PostgreSQL {os.environ['PGPORT']} and Redis {redis_url}", flush=True)
        return pytest.main(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
