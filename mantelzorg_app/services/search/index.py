"""Putting documents into the one search index and taking them out. Each domain says what its
documents are (services.directory.indexing for the sociale kaart); this module knows nothing of them.

Nothing here commits: the caller's change and its index entry go in one commit.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select
from sqlmodel import delete as delete_rows

from mantelzorg_app.models import SearchDocument, SearchWord
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.search.text import stem, terms, words

# Words worth suggesting in "Bedoelt u ...?": not too short to be typed wrong, not a number.
SUGGESTIBLE = range(4, 31)


@dataclass(frozen=True)
class Document:
    kind: str  # service, page, activity, post (a news post)
    ref: str  # the id within its kind: the service's id, the page's path part
    title: str
    summary: str = ""
    icon: str = ""
    category: str = ""
    wijk_ids: str = ""  # space-separated; "" = the whole hub
    body: tuple[str, ...] = ()  # more text that finds it, weighted below the title


def _hub(hub_id: int | None):
    return col(SearchDocument.hub_id).is_(None) if hub_id is None else SearchDocument.hub_id == hub_id


def _one(hub_id: int | None, kind: str, ref: str) -> tuple:
    return (_hub(hub_id), SearchDocument.kind == kind, SearchDocument.ref == ref)


def _found(session: Session, hub_id: int | None, kind: str, ref: str) -> SearchDocument | None:
    return session.exec(select(SearchDocument).where(*_one(hub_id, kind, ref))).first()


def put(session: Session, hub_id: int | None, document: Document) -> None:
    """Adds the document to the hub's index (``hub_id`` None: every hub's), or replaces it."""
    body = " ".join((document.summary, *document.body))
    row = _found(session, hub_id, document.kind, document.ref) or SearchDocument(
        hub_id=hub_id, kind=document.kind, ref=document.ref, title=""
    )
    row.title = document.title[:200]
    row.summary = document.summary[:300]
    row.icon = document.icon
    row.category = document.category
    row.wijk_ids = document.wijk_ids
    row.terms_title = terms(document.title)
    row.terms_body = terms(body)
    row.updated_at = utcnow()
    session.add(row)
    _learn(session, hub_id, f"{document.title} {body}")


def remove(session: Session, hub_id: int | None, kind: str, ref: str) -> None:
    session.exec(delete_rows(SearchDocument).where(*_one(hub_id, kind, ref)))


def _learn(session: Session, hub_id: int | None, text: str) -> None:
    """Keeps the text's words in the hub's vocabulary, for spelling suggestions."""
    new = {word for word in words(text) if len(word) in SUGGESTIBLE and not word.isdigit()}
    if not new:
        return
    known = set(
        session.exec(
            select(SearchWord.word).where(
                col(SearchWord.hub_id).is_(None) if hub_id is None else SearchWord.hub_id == hub_id,
                col(SearchWord.word).in_(new),
            )
        ).all()
    )
    session.add_all(SearchWord(hub_id=hub_id, word=word, stem=stem(word)) for word in sorted(new - known))
