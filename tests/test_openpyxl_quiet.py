"""openpyxl's English warnings about what it leaves out of a workbook (a workbook without a
default style, as tools other than Excel write it) never reach the user (helper-192)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook

# a styles part as some tools write it: cell formats, no named style (no <cellStyles>)
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns='
    '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font>'
    '<sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill '
    'patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs '
    'count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs '
    'count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    "</styleSheet>"
)


def test_a_workbook_without_a_default_style_is_read_without_an_english_warning(
    tmp_path: Path,
) -> None:
    wb = Workbook()
    wb.active.append(["employee_key", "received_on"])
    wb.active.append(["000104", "02-03-2026"])
    wb.save(tmp_path / "styled.xlsx")
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(tmp_path / "styled.xlsx") as src, zipfile.ZipFile(bare, "w") as dst:
        for info in src.infolist():  # styles without a named one: openpyxl warns
            dst.writestr(info, STYLES if info.filename == "xl/styles.xml" else src.read(info))
    script = (
        "import sys; from pathlib import Path;"
        "from pipelines.ingest.xlsx_reader import read_xlsx;"
        "print(read_xlsx(Path(sys.argv[1])).rows)"
    )
    run = subprocess.run(
        [sys.executable, "-W", "default", "-c", script, str(bare)],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    assert run.stdout.strip() == "[['000104', '02-03-2026']]"
    assert run.stderr == ""
