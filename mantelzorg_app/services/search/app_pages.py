"""The app's own pages in the one search index, for every hub (hub_id None): "terugbellen" finds
"Bel mij terug", "mijn gegevens" finds Mijn gegevens.

A page's ``ref`` is its hub path part from mantelzorg_app.routes (the link is /<hub>/<ref>); its
title and summary are Dutch msgids the search page translates. The words that find it are plain
Dutch and English, as people type them in either language. A page that is not built yet is not here.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from mantelzorg_app import routes
from mantelzorg_app.models import SearchDocument
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.search import index

KIND = "page"
# The Wegwijzer's result has the call-back form: the same page, found by its own words (the
# fragment keeps the row apart from the Wegwijzer's own; the page opens at its start).
CALLBACK = f"{routes.HELP}#bel-mij-terug"


@dataclass(frozen=True)
class Page:
    ref: str
    title: str  # msgid: the page's heading
    summary: str  # msgid: one line
    icon: str
    keywords: str  # Dutch and English, not shown


PAGES: tuple[Page, ...] = (
    Page(
        CALLBACK,
        N_("Bel mij terug"),
        N_("Beantwoord een paar vragen. Daarna laat u uw nummer achter en bellen wij u terug."),
        "phone",
        "terugbellen teruggebeld bellen gebeld telefoon telefoonnummer nummer consulent praten"
        " call back callback ring phone call talk",
    ),
    Page(
        routes.HELP,
        N_("Welke hulp past bij u?"),
        N_("Een paar vragen. Dan ziet u welke hulp bij u past."),
        "hand-heart",
        "wegwijzer hulp vragenlijst vragen test zorgen mantelzorg zwaar advies"
        " help guide questions questionnaire support advice",
    ),
    Page(
        routes.REQUEST_NEW,
        N_("Hulp vragen aan een vrijwilliger"),
        N_("Vraag een vrijwilliger uit de buurt om hulp."),
        "hand-helping",
        "hulpvraag hulp vragen vrijwilliger vrijwilligers buurt nieuw ask for help volunteer request",
    ),
    Page(
        routes.REQUESTS,
        N_("Mijn hulpvragen"),
        N_("Uw hulpvragen en hoe het ermee staat."),
        "list-checks",
        "hulpvragen hulpvraag status vrijwilliger my requests help requests",
    ),
    Page(
        routes.HELPING,
        N_("Helpen"),
        N_("Hulpvragen die passen bij wat u graag doet."),
        "hand-helping",
        "helpen vrijwilliger vrijwilligerswerk hulpvragen help helping volunteer volunteering",
    ),
    Page(
        routes.VOLUNTEER_PROFILE,
        N_("Wat ik graag doe"),
        N_("Vertel wat u als vrijwilliger graag doet."),
        "heart",
        "profiel vrijwilliger voorkeuren dagen wijken volunteer profile preferences",
    ),
    Page(
        routes.DIRECTORY,
        N_("Sociale kaart"),
        N_("Wie doet wat in uw gemeente."),
        "map",
        "sociale kaart organisaties diensten instanties adressen telefoonnummers hulp in de buurt"
        " directory services organisations organizations",
    ),
    Page(
        routes.ACCOUNT,
        N_("Mijn gegevens"),
        N_("Uw naam, telefoon en e-mail. U kunt ze ook wissen."),
        "user",
        "gegevens naam adres telefoonnummer e-mail account profiel privacy wissen verwijderen uitloggen"
        " my details account profile personal data delete sign out",
    ),
    Page(
        routes.SIGN_IN,
        N_("Inloggen"),
        N_("Inloggen met een code of een link in uw e-mail."),
        "log-in",
        "inloggen aanmelden code link wachtwoord sign in log in login password",
    ),
    Page(
        routes.SIGN_UP,
        N_("Welkom!"),
        N_("Maak een account om hulp te vragen of te helpen."),
        "user-plus",
        "aanmelden account maken registreren nieuw lid worden sign up register join create account",
    ),
)


def document_of(page: Page) -> index.Document:
    return index.Document(
        kind=KIND, ref=page.ref, title=page.title, summary=page.summary, icon=page.icon, body=(page.keywords,)
    )


def index_pages(session: Session) -> None:
    """Puts PAGES in the index for every hub and takes out pages no longer listed. Safe to run
    again (every start-up runs it); the caller commits."""
    listed = {page.ref for page in PAGES}
    gone = session.exec(
        select(SearchDocument.ref).where(
            col(SearchDocument.hub_id).is_(None),
            SearchDocument.kind == KIND,
            col(SearchDocument.ref).not_in(listed),
        )
    ).all()
    for ref in gone:
        index.remove(session, None, KIND, ref)
    for page in PAGES:
        index.put(session, None, document_of(page))
