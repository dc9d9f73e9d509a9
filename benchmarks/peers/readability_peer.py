"""readability-lxml: Arc90 Readability's article extraction (title and body; no date)."""

from __future__ import annotations

from ._pages import paragraphs_of_html
from ._util import missing

DIST = "readability-lxml"


def unavailable() -> str | None:
    return missing("readability", DIST)


def extract(html: str) -> tuple[str, str, list[str]]:
    """(title, "", body paragraphs): readability finds no dates."""
    import logging

    from readability import Document

    logging.getLogger("readability.readability").setLevel(logging.ERROR)
    doc = Document(html)
    return doc.short_title() or "", "", paragraphs_of_html(doc.summary(html_partial=True))
