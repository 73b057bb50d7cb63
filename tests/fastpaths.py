"""What made the suite slow without being what it tests, replaced for the test processes
only (conftest.pytest_configure calls ``install``). Each keeps the behaviour under test:

- Streamlit's AppTest scans every installed package for custom components each time an
  AppTest is made (0.2-0.3 s here, thousands of times): scanned once per process.
- AppTest waits for a script run by polling every millisecond whether the run has ended,
  scanning all of the run's events each time; the waking thread takes the GIL from the
  script thread each time (18% of the CPU of the page tests). It now joins the script
  thread, which ends when the run ends, with the same timeout and the same error.
- AppTest compiles every page script again for each run (a new ScriptCache per run; 19
  ms a page over dashboard/app_pages with Streamlit's "magic" rewrite): one cache per
  process, by path, used while the file's content and the magic setting are unchanged.
- Passwords are hashed with argon2id at the product's parameters (RFC 9106 low memory,
  0.12 s a check); page tests log in through the real form hundreds of times. Accounts
  are hashed with a cheap argon2id setting instead, as Django's tests do; tests about the
  hash itself are marked ``real_password_hash`` (conftest puts the real one back;
  tests/test_auth.py is).
- DuckDB gives every connection as many threads as the machine has cores; the test
  workers already keep both cores busy, and for the warehouses of a few rows the tests
  build, a second thread per query only adds its hand-over (about a tenth more CPU per
  model run). A connection made in a test process gets one thread unless its caller
  says otherwise; the product's own threads are `make bench`'s to measure.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from argon2 import PasswordHasher

from pipelines.access import login
from pipelines.access import users as accounts

REAL_HASHER = accounts._hasher
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def install() -> None:
    _scan_installed_components_once()
    _wait_for_the_script_thread()
    _one_script_cache()
    _cheap_password_hashes()
    _one_duckdb_thread()


def _scan_installed_components_once() -> None:
    from streamlit.components.v2 import manifest_scanner

    if not hasattr(manifest_scanner.scan_component_manifests, "cache_info"):
        scan = functools.cache(manifest_scanner.scan_component_manifests)
        manifest_scanner.scan_component_manifests = scan


def _wait_for_the_script_thread() -> None:
    from streamlit.testing.v1 import local_script_runner

    polling = local_script_runner.require_widgets_deltas

    def require_widgets_deltas(runner: Any, timeout: float = 3) -> None:
        thread = runner._script_thread
        if thread is None:  # not started (run() starts it first): Streamlit's own wait
            polling(runner, timeout)
            return
        thread.join(timeout)
        if not thread.is_alive() and runner.script_stopped():
            return
        # still running, or ended without its SHUTDOWN event: as Streamlit's own wait
        # after its timeout
        runner.request_stop()
        runner.join()
        raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    local_script_runner.require_widgets_deltas = require_widgets_deltas


def _one_script_cache() -> None:
    from streamlit import config
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    class ContentScriptCache(ScriptCache):
        """Bytecode per path, kept while the file's content and the magic setting are the
        same (one entry per path; a rewritten file is compiled again, whatever its
        modification time)."""

        def __init__(self) -> None:
            super().__init__()
            self._by_path: dict[str, tuple[bytes, bool, Any]] = {}

        def get_bytecode(self, script_path: str) -> Any:
            path = os.path.abspath(script_path)
            with open(path, "rb") as fh:
                content = fh.read()
            magic = bool(config.get_option("runner.magicEnabled"))
            kept = self._by_path.get(path)
            if kept is not None and kept[0] == content and kept[1] == magic:
                return kept[2]
            code = ScriptCache().get_bytecode(path)
            self._by_path[path] = (content, magic, code)
            return code

    shared = ContentScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def _cheap_password_hashes() -> None:
    accounts._hasher = login._hasher = lambda: CHEAP_HASHER
    login._dummy_hash.cache_clear()


def _one_duckdb_thread() -> None:
    import duckdb

    connect = duckdb.connect
    if getattr(connect, "one_thread", False):
        return

    @functools.wraps(connect)
    def one_thread(database: Any = ":memory:", *args: Any, **kwargs: Any) -> Any:
        config = dict(kwargs.pop("config", None) or {})
        config.setdefault("threads", 1)
        return connect(database, *args, config=config, **kwargs)

    one_thread.one_thread = True  # type: ignore[attr-defined]
    duckdb.connect = one_thread
