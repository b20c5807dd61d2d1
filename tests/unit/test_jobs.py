"""The hourly job forgets tab states Reflex keeps on disk once they have been idle too long."""

import os
import time

from mantelzorg_app import jobs, settings


def test_idle_tab_states_are_deleted_and_recent_ones_kept(tmp_path):
    kept = settings.TAB_STATE_KEPT.total_seconds()
    now = time.time()
    idle, recent, other = tmp_path / "idle.pkl", tmp_path / "recent.pkl", tmp_path / "notes.txt"
    for path in (idle, recent, other):
        path.write_bytes(b"state")
    os.utime(idle, (now - kept - 60, now - kept - 60))
    os.utime(other, (now - kept - 60, now - kept - 60))

    assert jobs.forget_idle_tab_states(tmp_path, now) == 1
    assert not idle.exists() and recent.exists() and other.exists()
