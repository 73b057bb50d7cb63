"""An independent test organisation for validating the scoring (issue 14, item 4).

Written for the tests, not derived from pipelines/demo: its own structure, names, base
rates, signal sizes and noise. ``generator.generate_org`` writes one organisation and its
manifest; ``rates.rates`` measures detection and false-alarm rates on a built warehouse.
"""
