"""The shared core: what every capability and the dashboard may use, importing no other
package of pipelines.

The risk catalogue (risks/*.yaml, read and checked), the warehouse file and its atomic
swap, the key directory, Dutch-first formatting (Babel), labels for codes, the risk map's
geometry and colours, the headline sentences, cell neutralising for exports, and the
locale files (``locales/``: every UI, report, CLI and message text in nl and en) with
their one loader (``texts``).
"""
