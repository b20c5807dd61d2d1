"""For every test run: the news feeds may come from loopback (the tests' stand-in feed servers), which
production refuses (settings.feeds_reach_private_addresses). Set before any server starts, so the
e2e servers, which take this environment, allow it too."""

import os

os.environ.setdefault("MANTELZORG_FEEDS_PRIVATE", "1")
