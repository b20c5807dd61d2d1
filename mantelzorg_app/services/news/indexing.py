"""A published post as the search index holds it (services.search.index): the Zoeken page shows it
under "Nieuws" and its card leads to the post's page.

Only a published post is in the index. The decisions (services.news.moderation) call ``index`` when
a post is published and ``unindex`` when it is taken down or rejected, in the same commit; ``index``
of a post that is not published takes it out, so calling it after any change is always right.
The writer's name is not in the index: what finds a post is its title, its text and its wijk.
"""

from sqlmodel import Session, col, select

from mantelzorg_app.models import NewsPost, PostStatus, SearchDocument, Wijk
from mantelzorg_app.services.news import sanitising
from mantelzorg_app.services.search import index as search_index

KIND = "post"
ICON = "newspaper"
SUMMARY_MOST = 140  # letters of the text on the result's card
# The words that find any post, in Dutch and English as people type them (not shown).
KIND_WORDS = "nieuws bericht buurt wijk trekkersgroep news"


def document_of(post: NewsPost, wijk_name: str = "") -> search_index.Document:
    return search_index.Document(
        kind=KIND,
        ref=str(post.id),
        title=post.title,
        summary=sanitising.shorten(" ".join(post.body.split()), SUMMARY_MOST),
        icon=ICON,
        wijk_ids=str(post.wijk_id) if post.wijk_id else "",
        body=(post.body, wijk_name, KIND_WORDS),
    )


def index(session: Session, post: NewsPost) -> bool:
    """Puts the post in its hub's index when it is published, else takes it out; whether it is in.
    Commits nothing: the caller's decision and its index entry go in one commit."""
    session.flush()  # the post has its id
    if post.status != PostStatus.published:
        search_index.remove(session, post.hub_id, KIND, str(post.id))
        return False
    wijk = session.get(Wijk, post.wijk_id) if post.wijk_id else None
    search_index.put(session, post.hub_id, document_of(post, wijk.name if wijk else ""))
    return True


def unindex(session: Session, post_id: int) -> None:
    """Takes the post out of the index (taken down, rejected, deleted). Commits nothing."""
    post = session.get(NewsPost, post_id)
    if post is not None:
        search_index.remove(session, post.hub_id, KIND, str(post_id))
        return
    for row in session.exec(
        select(SearchDocument).where(SearchDocument.kind == KIND, SearchDocument.ref == str(post_id))
    ).all():
        session.delete(row)


def index_all(session: Session) -> int:
    """Every post put in the index again, or taken out when it is not published (manage migrate:
    idempotent); the number in it. Commits nothing."""
    posts = session.exec(select(NewsPost).order_by(col(NewsPost.id))).all()
    return sum(index(session, post) for post in posts)
