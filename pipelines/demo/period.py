"""The period the demo covers: 24 months from 2024-10 (eight quarters) and the export date."""

from __future__ import annotations

import numpy as np

FIRST_MONTH = "2024-10"
N_MONTHS = 24
MONTHS = np.arange(np.datetime64(FIRST_MONTH, "M"), np.datetime64(FIRST_MONTH, "M") + N_MONTHS)
MONTH_START = MONTHS.astype("datetime64[D]")
NEXT_MONTH_START = (MONTHS + 1).astype("datetime64[D]")
DAYS_IN_MONTH = (NEXT_MONTH_START - MONTH_START).astype(int)
WORKDAYS = np.busday_count(MONTH_START, NEXT_MONTH_START)
QUARTERS = [
    f"{int(str(MONTHS[t])[:4])}-Q{(int(str(MONTHS[t])[5:7]) - 1) // 3 + 1}"
    for t in range(0, N_MONTHS, 3)
]
EXPORT_DATE = np.datetime64("2026-09-30")  # the registers are exported at period end
