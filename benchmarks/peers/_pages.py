"""Helpers of the page extractors: HTML fragment -> paragraphs."""

from __future__ import annotations

BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "td", "pre")


def paragraphs_of_html(fragment: str) -> list[str]:
    """Text of the innermost block elements of an HTML fragment, in order."""
    import lxml.html

    if not fragment.strip():
        return []
    root = lxml.html.fromstring(fragment)
    out = []
    for el in root.iter(*BLOCKS):
        if any(child.tag in BLOCKS for child in el.iterdescendants()):
            text = (el.text or "").strip()  # text directly in a container, before its blocks
        else:
            text = el.text_content().strip()
        if text:
            out.append(" ".join(text.split()))
    return out
