"""trafilatura: main-text and metadata extraction (title, date, body)."""

from __future__ import annotations

from ._util import missing

DIST = "trafilatura"


def unavailable() -> str | None:
    return missing("trafilatura", DIST)


def extract(html: str) -> tuple[str, str, list[str]]:
    """(title, date, body paragraphs) of one page."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False)
    if doc is None:
        return "", "", []
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = [p.strip() for p in (d.get("text") or "").split("\n") if p.strip()]
    return d.get("title") or "", d.get("date") or "", body
