"""The Wegwijzer's websocket event path under load, beside a blank Reflex app with one counter.

`python -m tests.bench.load` (part of `make bench`) builds and serves both (`running_app()` and
tests/bench/blank, each one backend worker with tab states in memory) and drives them with
tests/bench/reflex_load.py: simulated tabs that hydrate as a browser does and send their events back
to back, every delta checked. Three cases, printed as the tool's tables:

1. side by side at 1, 10 and 50 tabs: events a second, latency percentiles, server CPU per event,
   memory per connected session, and the ratios app/blank;
2. a pile of sessions (PILE tabs, BATCH at a time, each hydrated, two events, closed): memory per
   session kept for TAB_STATE_KEPT;
3. side by side again at 10 tabs, after the pile: throughput must not drop as sessions accumulate.

It prints; it asserts no thresholds. Run it on a quiet machine (it waits for a low load average).
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from tests.bench import reflex_load
from tests.support.server import build_folder, running_app, serving

BLANK = Path(__file__).resolve().parent / "blank"
PILE = 15000
BATCH = 500  # open at once: the pile tests states kept, not thousands of open sockets


def _load(*argv: str) -> None:
    sys.argv = ["reflex_load", *argv]
    reflex_load.main()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--levels", default="1,10,50")
    parser.add_argument("--rounds", default="3")
    parser.add_argument("--events", default="100", help="events a tab sends in cases 1 and 3")
    parser.add_argument("--pile", type=int, default=PILE)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "REFLEX_REDIS_URL"}
    env.update(REFLEX_USE_NPM="1", REFLEX_TELEMETRY_ENABLED="false")
    with (
        running_app() as app,
        build_folder("blank", BLANK, ("rxconfig.py", "blank")) as folder,
        tempfile.TemporaryDirectory(prefix="blank-") as tmp,
    ):
        env.update(
            PYTHONPATH=str(folder),
            REFLEX_WEB_WORKDIR=str(folder / ".web"),
            REFLEX_STATES_WORKDIR=str(folder / ".states"),
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        )
        with serving(folder, env, Path(tmp) / "blank.log") as blank:
            wegwijzer = f"scenario=questionnaire,path=/leusden/hulp,web={app.folder / '.web'}"
            targets = (
                *("--target", f"name=app,url={app.url},{wegwijzer}"),
                *("--target", f"name=blank,url={blank},scenario=counter,path=/,web={folder / '.web'}"),
            )
            print("# 1. side by side", flush=True)
            ratio = ("--events", args.events, "--rounds", args.rounds, "--ratio", "app/blank")
            _load(*targets, "--levels", args.levels, *ratio, "--wait-load", "1.0")
            print(f"\n# 2. {args.pile} sessions opened and closed on the app", flush=True)
            batches = ",".join([str(BATCH)] * (args.pile // BATCH))
            pile = ("--levels", batches, "--events", "2", "--warmup", "0", "--level-timeout", "600")
            _load(*targets[:2], *pile)
            print("\n# 3. side by side again, with those sessions kept", flush=True)
            _load(*targets, "--levels", "10", *ratio)


if __name__ == "__main__":
    main()
