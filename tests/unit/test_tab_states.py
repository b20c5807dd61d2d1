"""Tab states are kept where nothing piles up: in memory without Redis, in Redis with it, and
forgotten after settings.TAB_STATE_KEPT idle either way."""

import asyncio
import importlib

import pytest
import reflex as rx
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken

import mantelzorg_app.mantelzorg_app  # noqa: F401  registers every state
import rxconfig
from mantelzorg_app import settings
from state.hub import HubState


@pytest.mark.parametrize(("redis_url", "mode"), [(None, "memory"), ("redis://127.0.0.1:6379/0", "redis")])
def test_tab_states_live_in_memory_or_redis_and_expire(monkeypatch, redis_url, mode):
    if redis_url:
        monkeypatch.setenv("REFLEX_REDIS_URL", redis_url)
    else:
        monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
        monkeypatch.delenv("GRANIAN_WORKERS", raising=False)  # the scale-out run sets two
    try:
        config = importlib.reload(rxconfig).config
        assert config.state_manager_mode == mode  # never the disk manager's growing .states/ folder
        assert config.redis_token_expiration == settings.TAB_STATE_KEPT.total_seconds()
    finally:
        monkeypatch.undo()
        importlib.reload(rxconfig)


def test_several_workers_without_redis_are_refused(monkeypatch):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    monkeypatch.setenv("GRANIAN_WORKERS", "2")
    with pytest.raises(ValueError, match="REFLEX_REDIS_URL"):
        settings.state_manager_mode()
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:6379/0")
    assert settings.state_manager_mode() == "redis"


def test_an_idle_tab_state_is_forgotten_after_its_time():
    """What the hour of TAB_STATE_KEPT does to a tab, shown with a one-second hour: the memory
    manager forgets the state, and the tab's next event starts from a fresh one."""
    asyncio.run(_forgotten())


async def _forgotten() -> None:

    manager = StateManagerMemory(token_expiration=1)
    token = BaseStateToken(ident="tab-1", cls=rx.State)
    async with manager.modify_state(token) as root:
        (await root.get_state(HubState)).name = "Leusden"
    assert (await (await manager.get_state(token)).get_state(HubState)).name == "Leusden"
    await asyncio.sleep(2.2)
    assert token.cache_key not in manager.states
    assert (await (await manager.get_state(token)).get_state(HubState)).name == ""
    await manager.close()
