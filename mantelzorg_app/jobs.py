"""Background work for the app's lifetime (once per backend worker; each job is safe to run twice)."""

import asyncio
import logging
import time
from datetime import UTC, datetime
from pathlib import Path

import reflex as rx
from reflex.utils.prerequisites import get_states_dir

from mantelzorg_app import settings
from mantelzorg_app.services import housekeeping
from mantelzorg_app.services.help import notices

log = logging.getLogger("mantelzorg.jobs")
TIDY_EVERY = 3600  # seconds


def forget_idle_tab_states(directory: Path, now: float) -> int:
    """Deletes the tab states Reflex keeps on disk (without Redis) that were idle longer than
    settings.TAB_STATE_KEPT; Reflex itself does so only when a worker starts."""
    forgotten = 0
    for path in directory.glob("*.pkl"):
        try:
            if now - path.stat().st_mtime > settings.TAB_STATE_KEPT.total_seconds():
                path.unlink()
                forgotten += 1
        except FileNotFoundError:  # another worker was first
            pass
    return forgotten


def _tidy_once() -> None:
    states = forget_idle_tab_states(get_states_dir(), time.time())
    with rx.session() as session:
        counts = housekeeping.tidy(session, datetime.now(UTC))
    counts["idle tab states"] = states
    log.info("tidied: %s", ", ".join(f"{n} {what}" for what, n in counts.items()))
    with rx.session() as session:
        asked = notices.due_follow_ups(session, datetime.now(UTC), settings.public_url())
    notices.send(asked)
    log.info("asked 'Is het gelukt?' by mail: %d", len(asked))


async def tidy_every_hour() -> None:
    while True:
        try:
            await asyncio.to_thread(_tidy_once)
        except Exception:  # a database hiccup must not end the job for the app's lifetime
            log.exception("tidying failed; trying again in an hour")
        await asyncio.sleep(TIDY_EVERY)
