"""The register of integrity reports (meldingen) the integriteitsfunctionaris keeps, and the
vertrouwenspersoon may add to (seeing only its own).

Owns: the meldingen catalogue (risks/meldingen.yaml: routes, positions, the policy's route
rules, statuses, outcomes, the Wbk deadlines and the Algemene termijnenwet holidays),
the deadline arithmetic, the checks (route flags, free-text warnings, refusals), and the
store RADAR_HOME/meldingen.sqlite with its own MAC-chained audit log that never holds
free text. The reporter's identity is never stored: there is no field for it.

Also the follow-up of person-level code exceptions (followup.py, risks/followup.yaml):
assigned, a conversation noted, closed with an outcome; tables in the same file.

May import ``pipelines.core`` only. It sits above the register in the layers of
pyproject.toml, so the build (``store.read_for_build``, ``followup.build_frames``) and
the reports read what may be aggregated from it.
"""
