"""`streamlit run` that also writes down how long each script run took on the server.

For bench/browser.py only: the browser cannot tell the server's part of a page's time
(its websocket frames reach the DevTools protocol through the tab's main thread, so a
busy tab delays them). Each run (Streamlit's ScriptRunner._run_script, reruns included)
appends "start end" (wall-clock seconds) to the file RADAR_BENCH_RUNS names.
"""

from __future__ import annotations

import os
import sys
import time

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web.cli import main

_run_script = script_runner.ScriptRunner._run_script


def timed_run_script(self, rerun_data) -> None:
    start = time.time()
    try:
        _run_script(self, rerun_data)
    finally:
        with open(os.environ["RADAR_BENCH_RUNS"], "a", encoding="utf-8") as runs:
            runs.write(f"{start:.4f} {time.time():.4f}\n")


script_runner.ScriptRunner._run_script = timed_run_script

if __name__ == "__main__":
    sys.exit(main())
