"""The translations as one static JS module of the front end, so no tab's state carries them.

``state.ui.t`` reads it in the browser (``catalogue[lang][msgid]``, the Dutch id when there is none);
this plugin writes it at every compile from Babel's compiled catalogues. Dutch is the source
language, so only the other languages are written, and only entries that differ from their id.
"""

import json
from pathlib import Path

from reflex_base.plugins import Plugin

from mantelzorg_app.services.platform import i18n

MODULE = "utils/catalogue.js"


def module_text() -> str:
    tables = {
        lang: {msgid: text for msgid, text in i18n.catalogue(lang).items() if text != msgid}
        for lang in i18n.LANGUAGES
        if lang != i18n.DEFAULT_LANGUAGE
    }
    # "__proto__": null gives each object no prototype, so no key (a forged language cookie) finds
    # Object's own properties.
    text = json.dumps(
        {"__proto__": None, **{k: {"__proto__": None, **v} for k, v in tables.items()}},
        ensure_ascii=False,
        sort_keys=True,
    )
    return f"export default {text};\n"


class CataloguePlugin(Plugin):
    def get_static_assets(self, **context):
        return [(Path(MODULE), module_text())]
