"""Background work for the app's lifetime (once per backend worker; each job is safe to run twice)."""

import asyncio
import logging
from datetime import UTC, datetime

import reflex as rx

from mantelzorg_app import settings
from mantelzorg_app.services import housekeeping

log = logging.getLogger("mantelzorg.jobs")
TIDY_EVERY = 3600  # seconds


def _tidy_once() -> None:
    try:
        with rx.session() as session:
            counts = housekeeping.tidy(session, datetime.now(UTC))
        log.info("tidied: %s", ", ".join(f"{n} {what}" for what, n in counts.items()))
    except Exception:  # the due mails go all the same
        log.exception("tidying failed; trying again in an hour")
    with rx.session() as session:
        mailed = housekeeping.send_due_mails(session, datetime.now(UTC), settings.public_url())
    log.info("mailed: %s", ", ".join(f"{n} {what}" for what, n in mailed.items()) or "nothing")


async def tidy_every_hour() -> None:
    while True:
        try:
            await asyncio.to_thread(_tidy_once)
        except Exception:  # a database hiccup must not end the job for the app's lifetime
            log.exception("tidying failed; trying again in an hour")
        await asyncio.sleep(TIDY_EVERY)
