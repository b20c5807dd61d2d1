"""Lighthouse on the hub Home page: default mobile mode (simulated throttling), median of three runs.

`make bench` runs it: installs the pinned Lighthouse CLI (package.json) when missing, serves the production
build with `running_app()`, keeps each HTML report in tests/bench/reports/ and prints the median figures,
then the failing accessibility and best-practices audits and the top performance opportunities of the run
with the median performance score. It prints; it asserts no thresholds.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.server import BROWSER_ARGS, CHROMIUM, running_app

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CLI = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = HERE / "reports"
PAGE = "/leusden"
RUNS = 3
PASS = 0.9  # an audit scoring below this is shown as failed in Lighthouse's own report
SCORES = ("performance", "accessibility", "best-practices")
UNITS = {"LCP": "ms", "TBT": "ms", "weight": "KiB"}


def install_lighthouse() -> None:
    """`npm ci` into tests/bench/node_modules unless the pinned version is there already."""
    pinned = json.loads((HERE / "package.json").read_text())["dependencies"]["lighthouse"]
    installed = CLI.parents[1] / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != pinned:
        subprocess.run([BIN / "npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def lighthouse(url: str, run: int, tmp: Path) -> dict:
    """One Lighthouse run; keeps the HTML report and returns the JSON one."""
    chrome_flags = " ".join(["--headless=new", *BROWSER_ARGS])
    subprocess.run(
        [
            *(BIN / "node", CLI, url, "--quiet", "--output=json", "--output=html"),
            *(f"--output-path={tmp / 'home'}", f"--chrome-flags={chrome_flags}"),
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    shutil.copy(tmp / "home.report.html", REPORTS / f"home-{run}.html")
    return json.loads((tmp / "home.report.json").read_text())


def figures(report: dict) -> dict[str, float]:
    audits = report["audits"]
    return {
        **{category: report["categories"][category]["score"] for category in SCORES},
        "LCP": audits["largest-contentful-paint"]["numericValue"],
        "TBT": audits["total-blocking-time"]["numericValue"],
        "weight": audits["total-byte-weight"]["numericValue"] / 1024,
    }


def failing(report: dict, category: str) -> list[dict]:
    """The category's audits that Lighthouse shows as failed, skipping the performance metrics."""
    refs = report["categories"][category]["auditRefs"]
    audits = [report["audits"][ref["id"]] for ref in refs if ref.get("group") != "metrics"]
    return [audit for audit in audits if audit["score"] is not None and audit["score"] < PASS]


def savings(audit: dict) -> dict[str, float]:
    return {metric: ms for metric, ms in (audit.get("metricSavings") or {}).items() if ms}


def describe(audit: dict) -> str:
    """id, title, value, estimated savings and up to three offending elements."""
    items = (audit.get("details") or {}).get("items", [])
    nodes = [item["node"]["selector"] for item in items if "node" in item][:3]
    parts = [
        audit.get("displayValue"),
        " ".join(f"{metric} -{ms:.0f} ms" for metric, ms in savings(audit).items()),
        nodes and "at " + ", ".join(nodes),
    ]
    return f"  {audit['id']}: {audit['title']}" + "".join(f"; {part}" for part in parts if part)


def listing(heading: str, audits: list[dict]) -> None:
    print(f"{heading}:", *([describe(audit) for audit in audits] or ["  none"]), sep="\n")


def main() -> None:
    install_lighthouse()
    REPORTS.mkdir(exist_ok=True)
    with running_app() as app, tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        reports = [lighthouse(app.url + PAGE, run, Path(tmp)) for run in range(1, RUNS + 1)]
    runs = [figures(report) for report in reports]
    median = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    print(
        f"lighthouse home (mobile, median of {RUNS}):",
        *(f"{name} {value:.2f}" for name, value in median.items() if name in SCORES),
        *(f"{name} {median[name]:.0f} {unit}" for name, unit in UNITS.items()),
    )
    middle = sorted(range(RUNS), key=lambda i: runs[i]["performance"])[RUNS // 2]
    report = reports[middle]
    print(f"details of run {middle + 1} (median performance): {REPORTS / f'home-{middle + 1}.html'}")
    for category in ("accessibility", "best-practices"):
        listing(f"failing {category} audits", failing(report, category))
    top = sorted(failing(report, "performance"), key=lambda audit: -max(savings(audit).values(), default=0))
    listing("top performance opportunities", top[:5])


if __name__ == "__main__":
    main()
