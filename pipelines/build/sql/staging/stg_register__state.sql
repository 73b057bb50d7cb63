-- The register these scores were computed from, as its fingerprint (a digest of every row
-- of risks, measures, audits and findings; pipelines/register/store.py): the Risicoregister
-- page compares it with the register's own to say whether the scores are current. Grain:
-- one row.
with

source as (
    select * from raw_register__state
),

final as (
    select cast(max(fingerprint) as varchar) as register_fingerprint from source
)

select * from final
