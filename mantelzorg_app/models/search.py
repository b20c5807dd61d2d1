"""The one search index over everything a hub has: sociale kaart services, the app's own pages, and
later activities and news. services.search fills and asks it; the full text lives in the database.

``terms_title`` and ``terms_body`` hold Dutch-stemmed words (services.search.text): SQLite's FTS5 has
no Dutch stemmer, so both databases index the same stemmed words and give the same results.
- SQLite: an FTS5 table over those two columns (external content), kept by triggers.
- PostgreSQL: a GIN index over their ``simple`` tsvector (title weighted A, body B), and ``pg_trgm``
  over the vocabulary's words for the spelling suggestion.
These are made by ``create_all`` (the DDL events below, as the unit tests do) and by the migration,
and alembic's comparison leaves them out (``is_full_text``). Careful: a SQLite batch migration that
rebuilds ``searchdocument`` drops its triggers; create them again in that migration.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, UniqueConstraint

from mantelzorg_app.models.base import UTCDateTime, utcnow


class SearchDocument(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("hub_id", "kind", "ref"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int | None = Field(default=None, foreign_key="hub.id", index=True)  # None: every hub
    kind: str = Field(max_length=20)  # service, page; later activity, news
    ref: str = Field(max_length=60)  # the service's id, the page's path part, ...
    title: str = Field(max_length=200)  # shown on the result's card
    summary: str = Field(default="", max_length=300)  # its one line
    icon: str = Field(default="", max_length=40)  # a Lucide icon name
    category: str = Field(default="", max_length=30, index=True)
    wijk_ids: str = Field(default="", max_length=200)  # space-separated; "" = the whole hub
    terms_title: str = Field(default="", sa_type=sa.Text)
    terms_body: str = Field(default="", sa_type=sa.Text)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class SearchWord(SQLModel, table=True):
    """The index's own words, as written, for "Bedoelt u: respijtzorg?"."""

    __table_args__ = (UniqueConstraint("hub_id", "word"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int | None = Field(default=None, foreign_key="hub.id", index=True)  # None: every hub
    word: str = Field(max_length=60)
    stem: str = Field(max_length=60)


class SearchSynonym(SQLModel, table=True):
    """A hub's own plain word for what the index calls otherwise, added by its coordinator
    ("even weg" means respijtzorg); services.search.synonyms has the built-in ones."""

    __table_args__ = (UniqueConstraint("hub_id", "word", "means"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    word: str = Field(max_length=60)
    means: str = Field(max_length=60)
    created_by: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


FTS_TABLE = "searchdocument_fts"
PG_DOCUMENT_INDEX = "searchdocument_tsv"
PG_WORD_INDEX = "searchword_trgm"
# The PostgreSQL expression the GIN index holds; a query must use the very same expression.
_TITLE, _BODY = (
    "setweight(to_tsvector('simple', terms_title), 'A')",
    "setweight(to_tsvector('simple', terms_body), 'B')",
)
PG_TSVECTOR = f"({_TITLE} || {_BODY})"

SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(terms_title, terms_body,"
    " content='searchdocument', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3')",
    f"CREATE TRIGGER IF NOT EXISTS searchdocument_ai AFTER INSERT ON searchdocument BEGIN"
    f" INSERT INTO {FTS_TABLE}(rowid, terms_title, terms_body)"
    " VALUES (new.id, new.terms_title, new.terms_body);"
    " END",
    f"CREATE TRIGGER IF NOT EXISTS searchdocument_ad AFTER DELETE ON searchdocument BEGIN"
    f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms_title, terms_body)"
    " VALUES ('delete', old.id, old.terms_title, old.terms_body); END",
    f"CREATE TRIGGER IF NOT EXISTS searchdocument_au AFTER UPDATE ON searchdocument BEGIN"
    f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms_title, terms_body)"
    " VALUES ('delete', old.id, old.terms_title, old.terms_body);"
    f" INSERT INTO {FTS_TABLE}(rowid, terms_title, terms_body)"
    " VALUES (new.id, new.terms_title, new.terms_body);"
    " END",
)
SQLITE_DROP = (
    *(f"DROP TRIGGER IF EXISTS searchdocument_{when}" for when in ("ai", "ad", "au")),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
PG_CREATE_DOCUMENT = (
    f"CREATE INDEX IF NOT EXISTS {PG_DOCUMENT_INDEX} ON searchdocument USING gin ({PG_TSVECTOR})",
)
PG_CREATE_WORD = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {PG_WORD_INDEX} ON searchword USING gin ((lower(word)) gin_trgm_ops)",
)


def is_full_text(name: str | None) -> bool:
    """A table or index of the full text that the models do not describe (alembic leaves it out)."""
    return bool(name) and (name.startswith(FTS_TABLE) or name in (PG_DOCUMENT_INDEX, PG_WORD_INDEX))


def _run(statements: tuple[str, ...], dialect: str):
    def run(_target, connection, **_kw) -> None:
        if connection.dialect.name == dialect:
            for statement in statements:
                connection.exec_driver_sql(statement)

    return run


sa.event.listen(SearchDocument.__table__, "after_create", _run(SQLITE_CREATE, "sqlite"))
sa.event.listen(SearchDocument.__table__, "before_drop", _run(SQLITE_DROP, "sqlite"))
sa.event.listen(SearchDocument.__table__, "after_create", _run(PG_CREATE_DOCUMENT, "postgresql"))
sa.event.listen(SearchWord.__table__, "after_create", _run(PG_CREATE_WORD, "postgresql"))
