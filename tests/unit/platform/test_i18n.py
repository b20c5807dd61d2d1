"""Languages and the compiled catalogues (translations/<lang>/LC_MESSAGES/messages.mo)."""

import pytest

from mantelzorg_app.services.platform.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, gettext, supported


@pytest.mark.parametrize("lang", [None, "", "de", "fr", "EN", "nl-BE", "xx"])
def test_supported_falls_back_to_dutch(lang: str | None) -> None:
    assert supported(lang) == "nl"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_supported_keeps_known_language(lang: str) -> None:
    assert supported(lang) == lang


def test_default_is_dutch() -> None:
    assert DEFAULT_LANGUAGE == "nl"
    assert DEFAULT_LANGUAGE in LANGUAGES


def test_languages_named_in_their_own_language() -> None:
    assert LANGUAGES == {"nl": "Nederlands", "en": "English"}


def test_english_translation() -> None:
    assert gettext("en", "Hulp") == "Help"


def test_dutch_is_the_source() -> None:
    assert gettext("nl", "Hulp") == "Hulp"


def test_unknown_language_gives_dutch() -> None:
    assert gettext("de", "Hulp") == "Hulp"


def test_unknown_msgid_gives_itself() -> None:
    assert gettext("en", "Dit staat niet in de catalogus") == "Dit staat niet in de catalogus"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_placeholders_are_filled(lang: str) -> None:
    text = gettext(lang, "Zorgt u voor iemand? Hier vindt u hulp en mensen in {hub}.", hub="Leusden")
    assert "Leusden" in text
    assert "{hub}" not in text


def test_n_marks_without_translating() -> None:
    assert N_("Hulp") == "Hulp"
