"""Background work for the app's lifetime (once per backend worker; each job is safe to run twice)."""

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import reflex as rx

from mantelzorg_app import settings
from mantelzorg_app.services import housekeeping
from mantelzorg_app.services.news import importing as news_importing

log = logging.getLogger("mantelzorg.jobs")
TIDY_EVERY = 3600  # seconds
# a feed another worker (or "Nu ophalen") fetched this recently is not fetched again this hour
FEEDS_AGAIN_AFTER = timedelta(minutes=55)


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


def _fetch_feeds() -> None:
    """The general news: every hub's feeds (each feed's failure is recorded on it and logged)."""
    try:
        with rx.session() as session:
            now = datetime.now(UTC)
            outcomes = news_importing.fetch_all(session, now, not_tried_within=FEEDS_AGAIN_AFTER)
        failed = sum(1 for o in outcomes if o.error)
        log.info("news feeds fetched: %d, of which %d failed", len(outcomes), failed)
    except Exception:  # tidying and mailing go on their own; the next hour tries again
        log.exception("fetching the news feeds failed; trying again in an hour")


async def tidy_every_hour() -> None:
    while True:
        try:
            await asyncio.to_thread(_tidy_once)
        except Exception:  # a database hiccup must not end the job for the app's lifetime
            log.exception("tidying failed; trying again in an hour")
        await asyncio.to_thread(_fetch_feeds)  # after the mails: slow feeds keep no mail back
        await asyncio.sleep(TIDY_EVERY)
