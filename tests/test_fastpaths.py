"""The suite's fast paths (tests/fastpaths.py) keep what AppTest does: a script rewritten
in place runs as rewritten, Streamlit's magic setting is honoured, and a run that does not
end fails with Streamlit's own timeout error; a DuckDB connection gets one thread unless
its caller sets another, and keeps the rest of its caller's configuration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options


def markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_a_script_rewritten_in_place_runs_as_rewritten(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text('import streamlit as st\nst.write("one")\n', "utf-8")
    assert markdown(AppTest.from_file(str(script)).run()) == ["one"]
    # the same size and modification time: only the content tells
    before = script.stat()
    script.write_text('import streamlit as st\nst.write("two")\n', "utf-8")
    os.utime(script, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert markdown(AppTest.from_file(str(script)).run()) == ["two"]


def test_the_magic_setting_is_honoured(tmp_path: Path) -> None:
    script = tmp_path / "magic.py"
    # a string on its own (not the module's docstring, which magic leaves alone)
    script.write_text('import streamlit as st\n"magic text"\n', "utf-8")
    assert markdown(AppTest.from_file(str(script)).run()) == ["magic text"]
    with patch_config_options({"runner.magicEnabled": False}):
        assert markdown(AppTest.from_file(str(script)).run()) == []


def test_a_run_that_does_not_end_fails_with_streamlits_timeout(tmp_path: Path) -> None:
    script = tmp_path / "endless.py"
    script.write_text(
        "import time\nimport streamlit as st\nwhile True:\n    time.sleep(0.05)\n    st.empty()\n",
        "utf-8",
    )
    with pytest.raises(RuntimeError, match=r"AppTest script run timed out after 0.5\(s\)"):
        AppTest.from_file(str(script), default_timeout=0.5).run()


def test_a_test_process_connection_has_one_thread_and_keeps_what_its_caller_sets(
    tmp_path: Path,
) -> None:
    import duckdb

    from pipelines.core.warehouse import BUILD_MEMORY_LIMIT, rebuilding

    def setting(con: duckdb.DuckDBPyConnection, name: str) -> object:
        return con.execute(f"select current_setting('{name}')").fetchone()[0]

    with duckdb.connect() as con:
        assert setting(con, "threads") == 1
    with duckdb.connect(config={"threads": 2}) as con:
        assert setting(con, "threads") == 2
    # the product's own configuration (a build's memory bound) is kept beside it
    with rebuilding(tmp_path / "warehouse.duckdb") as con:
        assert setting(con, "threads") == 1
        with duckdb.connect(config={"memory_limit": BUILD_MEMORY_LIMIT}) as limit:
            assert setting(con, "memory_limit") == setting(limit, "memory_limit")
