"""The service worker's offline page and what it keeps (assets/sw.js, assets/offline.html)."""

import hashlib
import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "assets"
SW = (ASSETS / "sw.js").read_text()
PAGE = (ASSETS / "offline.html").read_text()


def _kept() -> list[str]:
    found = re.search(r"var KEPT = \[([^\]]*)\]", SW)
    assert found, "sw.js lists what it keeps in `var KEPT = [...]`"
    names = [name.strip().strip('"') for name in found.group(1).split(",")]
    return ["/offline.html" if name == "OFFLINE" else name for name in names]


def test_a_changed_offline_page_gets_a_new_cache():
    wanted = f"mz-offline-{hashlib.sha256((ASSETS / 'offline.html').read_bytes()).hexdigest()[:8]}"
    assert f'var VERSION = "{wanted}";' in SW, f"set VERSION in assets/sw.js to {wanted!r}"


def test_only_static_files_without_personal_data_are_kept():
    kept = _kept()
    assert "/offline.html" in kept
    for path in kept:
        assert (ASSETS / path.lstrip("/")).is_file(), path
        assert not path.startswith(("/_", "/auth", "/api")), path
    assert [path for path in kept if path.endswith(".html")] == ["/offline.html"]


def test_pages_come_from_the_network_first_and_only_the_kept_files_are_stored():
    assert SW.count("cache.put(") == 1 and "KEPT.indexOf(url.pathname) >= 0" in SW
    assert 'request.method !== "GET"' in SW and 'request.mode === "navigate"' in SW


def test_the_offline_page_speaks_both_languages_and_needs_no_inline_script():
    assert 'lang="nl"' in PAGE and '<section lang="en"' in PAGE
    assert "Even geen verbinding" in PAGE and "No connection for a moment" in PAGE
    # every script comes from our origin: the Content-Security-Policy allows no other inline one
    assert re.findall(r"<script[^>]*>", PAGE) == ['<script src="/offline.js" defer>']
    assert "style=" not in PAGE
