"""The ``radar`` command line: ``main`` builds the parser and runs a command, one module
per command group (audit, export, findings, ops, report, users), ``texts`` its words in nl and en.

The top layer: may import every package of pipelines; nothing imports it. Only what
``radar --help`` needs is imported at module level.
"""
