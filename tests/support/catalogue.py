"""A fresh `pybabel extract` of the source, exactly as `make messages` runs it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYBABEL = Path(sys.executable).parent / "pybabel"


def extract(out: Path) -> Path:
    """Writes the template to ``out`` and returns it; fails loudly when pybabel does."""
    result = subprocess.run(
        [
            str(PYBABEL),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "t",
            "-k",
            "N_",
            "--no-location",
            "-o",
            str(out),
            ".",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"pybabel extract failed:\n{result.stdout}\n{result.stderr}")
    return out
