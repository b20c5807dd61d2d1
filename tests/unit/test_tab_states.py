"""Tab states are kept where nothing piles up: in memory without Redis, in Redis with it, and
forgotten after settings.TAB_STATE_KEPT idle either way."""

import importlib

import pytest

import rxconfig
from mantelzorg_app import settings


@pytest.mark.parametrize(("redis_url", "mode"), [(None, "memory"), ("redis://127.0.0.1:6379/0", "redis")])
def test_tab_states_live_in_memory_or_redis_and_expire(monkeypatch, redis_url, mode):
    if redis_url:
        monkeypatch.setenv("REFLEX_REDIS_URL", redis_url)
    else:
        monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    try:
        config = importlib.reload(rxconfig).config
        assert config.state_manager_mode == mode  # never the disk manager's growing .states/ folder
        assert config.redis_token_expiration == settings.TAB_STATE_KEPT.total_seconds()
    finally:
        monkeypatch.undo()
        importlib.reload(rxconfig)
