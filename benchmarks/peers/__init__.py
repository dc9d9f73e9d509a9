"""One adapter module per peer: the same small call shape for every library we compare with.

Every module has ``DIST`` (its PyPI name, whose version goes into RESULTS.md) and
``unavailable() -> str | None``: None when the peer imports and works offline here, else
the reason, which the tables print as "n/a (reason)". The task functions take and return
plain Python data (lists of str, (title, date, paragraphs) tuples, ...), so a task scores
every peer with one piece of code.
"""
