"""The demo's registers in RADAR_HOME: its meldingen (pipelines/demo/meldingen.py) into
meldingen.sqlite and its audits and findings (pipelines/demo/findings.py) into
register.sqlite, each through its store, as the corporation's own people would enter them
(the demo accounts, named after their roles), on the export date. ``radar demo`` and the
tests' demo home call ``fill_registers`` after writing the exports; a register that already
holds reports or audits is left as it is (running the demo twice adds nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.demo.findings import DEMO_FINDINGS
from pipelines.demo.meldingen import TODAY, demo_meldingen
from pipelines.meldingen.store import Meldingen, Viewer
from pipelines.register.findings import Findings
from pipelines.register.store import Register

FINDINGS_ACTOR = "risicomanager"


@dataclass(frozen=True)
class Filled:
    """What ``fill_registers`` added (0 where a register already had content)."""

    meldingen: int
    findings: int
    audits: int


def fill_registers(home: Path, size: str = "small", seed: int = 42) -> Filled:
    """Add the demo's reports and findings to the registers in ``home``."""
    home = Path(home)
    store = Meldingen(home / "meldingen.sqlite")
    added = 0
    if read_count(store) == 0:
        for user, fields in demo_meldingen(size, seed):
            store.register(fields, viewer=Viewer(user, user), today=TODAY)
            added += 1
    findings = Findings(Register(path=home / "register.sqlite"))
    new_findings = audits = 0
    if findings.audits().empty:
        ids = findings.import_rows(DEMO_FINDINGS, actor=FINDINGS_ACTOR, today=TODAY)
        new_findings = sum(1 for i in ids if i)
        audits = len(findings.audits())
    return Filled(added, new_findings, audits)


def read_count(store: Meldingen) -> int:
    """How many reports the register holds (as its keeper sees them)."""
    viewer = Viewer("integriteitsfunctionaris", "radar demo")
    return len(store.meldingen(viewer=viewer, today=TODAY))
