"""Each dataset's natural key: which rows of two exports are the same record."""

from __future__ import annotations

# The natural key of each dataset (docs/contracts.md, "Keys and re-exports"): for the
# same key the row from the newest export wins (the staging models keep it). side_jobs
# and gifts have one only when the source carries the register's record_id; without it
# a mapping declares the period each export covers (``covers``) and a newer export of a
# period replaces that period's rows.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "survey_responses": ("respondent_key", "wave_date", "item_code"),
    "employees": ("employee_key", "snapshot_month"),
    "org_units": ("org_unit",),
    "side_jobs": ("record_id",),
    "gifts": ("record_id",),
    "vehicle_use": ("employee_key", "year"),
    "allocations": ("allocation_id",),
    "hr_aggregates": ("org_unit", "month"),
    "feedback_360": ("manager_key", "period"),
    "suppliers": ("supplier_id",),
    "procurement": ("order_id",),
    "trainings": ("held_on", "org_unit", "kind"),
}
# The datasets whose key is one text column and whose staging model holds a key a
# mapping's drop_rows left out of an export (raw_dropped_keys) as a row of that export
# that does not count (dropped_keys.py): a cancelled allocation or order, a register's
# withdrawn record. Not the suppliers: a creditor blocked now is still the one its past
# orders went to (helper-191: a related creditor left out vanished from those orders).
DROPPED_KEYS_KEPT = ("allocations", "procurement", "gifts", "side_jobs")
# The date column a register without record_ids covers its periods by (a mapping's
# covers: month or year): a newer export of a period replaces that period's rows
PERIOD_COLUMNS = {"side_jobs": "registered_on", "gifts": "received_on"}
