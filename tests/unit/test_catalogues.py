"""The message catalogues match the source: nothing new untranslated, nothing old left over.

A failure here means user-facing text changed. Fix it with `make messages`, then translate the
new entries in translations/nl and translations/en (and `make translations` to compile them).
"""

import string
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from mantelzorg_app import settings
from mantelzorg_app.services.platform.i18n import LANGUAGES
from tests.support.catalogue import extract

ROOT = settings.ROOT
TRANSLATIONS = settings.TRANSLATIONS
POT = TRANSLATIONS / "messages.pot"
PYBABEL = Path(sys.executable).parent / "pybabel"
FIX = "run `make messages` and translate the entries in translations/*/LC_MESSAGES/messages.po"

MsgId = str | tuple[str, ...]


def _read_po(path: Path) -> Catalog:
    with path.open("rb") as fileobj:
        return read_po(fileobj)


def _messages(catalog: Catalog) -> dict[MsgId, Message]:
    """Every real entry, keyed by msgid (the header entry with the empty msgid left out)."""
    return {message.id: message for message in catalog if message.id}


def _listing(ids) -> str:
    return "\n".join(f"  {msgid!r}" for msgid in sorted(ids, key=str))


def _placeholders(texts: MsgId) -> set[str]:
    texts = (texts,) if isinstance(texts, str) else texts
    names = set()
    for text in texts:
        if not text:
            continue
        for _literal, field, _spec, _conversion in string.Formatter().parse(text):
            if field is not None:
                names.add(field)
    return names


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[MsgId, Message]:
    """A fresh extraction from the source, as `make messages` does it."""
    out = extract(tmp_path_factory.mktemp("babel") / "fresh.pot")
    messages = _messages(_read_po(out))
    assert messages, "pybabel extracted no messages: check babel.cfg and the keywords t and N_"
    return messages


@pytest.fixture(scope="module")
def template() -> dict[MsgId, Message]:
    return _messages(_read_po(POT))


@pytest.fixture(scope="module", params=sorted(LANGUAGES))
def po(request: pytest.FixtureRequest) -> tuple[str, Catalog]:
    lang = request.param
    path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    assert path.is_file(), f"{path} is missing: {FIX}"
    return lang, _read_po(path)


def test_every_extracted_message_is_in_the_template(extracted, template) -> None:
    missing = set(extracted) - set(template)
    assert not missing, f"not in {POT.relative_to(ROOT)}; {FIX}:\n{_listing(missing)}"


def test_template_has_no_left_over_messages(extracted, template) -> None:
    stale = set(template) - set(extracted)
    assert not stale, f"in {POT.relative_to(ROOT)} but no longer in the source; {FIX}:\n{_listing(stale)}"


def test_every_message_translated(template, po) -> None:
    lang, catalog = po
    messages = _messages(catalog)

    def empty(message: Message) -> bool:
        strings = (message.string,) if isinstance(message.string, str) else message.string
        return not strings or not all(strings)

    problems = {
        "missing": sorted(set(template) - set(messages), key=str),
        "empty msgstr": [msgid for msgid in template if msgid in messages and empty(messages[msgid])],
        "fuzzy (check the translation, then remove the '#, fuzzy' line)": [
            msgid for msgid in template if msgid in messages and messages[msgid].fuzzy
        ],
    }
    report = [f"{what}:\n{_listing(ids)}" for what, ids in problems.items() if ids]
    assert not report, f"translations/{lang} is incomplete; {FIX}.\n" + "\n".join(report)


def test_no_obsolete_or_left_over_translations(extracted, po) -> None:
    lang, catalog = po
    obsolete = set(catalog.obsolete)
    assert not obsolete, f"obsolete (#~) entries in translations/{lang}; {FIX}:\n{_listing(obsolete)}"
    left_over = set(_messages(catalog)) - set(extracted)
    assert not left_over, f"in translations/{lang} but no longer in the source; {FIX}:\n{_listing(left_over)}"


def test_translations_keep_every_placeholder(po) -> None:
    lang, catalog = po
    wrong = {}
    for msgid, message in _messages(catalog).items():
        if not message.string:
            continue  # reported by test_every_message_translated
        expected, got = _placeholders(msgid), _placeholders(message.string)
        if expected != got:
            wrong[msgid] = f"expects {sorted(expected)}, translation has {sorted(got)}"
    assert not wrong, f"placeholders differ in translations/{lang}; {FIX}:\n" + "\n".join(
        f"  {msgid!r}: {problem}" for msgid, problem in sorted(wrong.items(), key=lambda item: str(item[0]))
    )


def test_compiled_catalogue_matches_po(po) -> None:
    """The app reads the .mo files; a stale one would show old text. `make translations` compiles them."""
    lang, catalog = po
    mo_path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo"
    assert mo_path.is_file(), f"{mo_path} is missing: run `make translations`"
    with mo_path.open("rb") as fileobj:
        compiled = {m.id: m.string for m in read_mo(fileobj) if m.id}
    source = {m.id: m.string for m in _messages(catalog).values() if m.string and not m.fuzzy}
    differ = {msgid for msgid in source.keys() | compiled.keys() if source.get(msgid) != compiled.get(msgid)}
    assert not differ, f"{mo_path.relative_to(ROOT)} is stale: run `make translations`:\n{_listing(differ)}"
