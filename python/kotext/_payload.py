"""Article text kept inside a page's scripts, decoded with a real JSON parser.

Modern news sites often ship the article only inside a script: a JSON state object (Arc XP
``Fusion.globalContent``, ``__NEXT_DATA__``, ``window.__INITIAL_STATE__``, Nuxt's
``__NUXT_DATA__``) or Next.js flight chunks (``self.__next_f.push([1, "..."])``, where the
article is React-server-component rows or escaped HTML). :func:`script_article_html` finds
the richest article text among them and returns it as HTML, which the segmenter turns into
blocks marked *hidden*: they compete for the body like any block run, and when the visible
page holds the same paragraphs the visible copy wins (the C++ classifier keeps one copy).
"""

from __future__ import annotations

import html as _html
import json
import re
from typing import Any

__all__ = ["script_article_html"]

# Assignments of a JSON state object in a script: `Fusion.globalContent = {...}`.
_STATE_MARKERS = re.compile(
    r"(?:Fusion\.globalContent|__INITIAL_STATE__|__PRELOADED_STATE__|__APOLLO_STATE__"
    r"|__NUXT__|__INITIAL_DATA__|__DATA__)\s*=\s*")
_FLIGHT_PUSH = re.compile(r"self\.__next_f\.push\(\s*")
_JSON_SCRIPT_IDS = frozenset({"__NEXT_DATA__", "__NUXT_DATA__", "__APP_DATA__"})
_HANGUL = re.compile(r"[가-힣]")
_HTML_MARKUP = re.compile(r"<(?:p|br|div|span|strong|b|em|h[1-6]|figure|img)[\s>/]", re.IGNORECASE)
_FLIGHT_ROW = re.compile(r"^([0-9a-fA-F]{1,8}):", re.MULTILINE)
_HTML_TAGS = frozenset({"p", "div", "span", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong",
                        "b", "em", "i", "u", "ul", "ol", "li", "blockquote", "figure",
                        "figcaption", "section", "article", "table", "tr", "td", "th", "a"})
# A candidate must hold at least this many Hangul syllables: shorter strings in a state object
# are headlines, teasers and labels, not an article body.
_MIN_HANGUL = 80
# Scripts larger than this are read only up to it, and at most _MAX_DECODES JSON values are
# decoded per page (bounded time on hostile pages: each decode may read a whole script).
_MAX_SCRIPT = 8_000_000
_MAX_DECODES = 32
_DECODER = json.JSONDecoder(strict=False)


def _hangul(text: str) -> int:
    return len(_HANGUL.findall(text))


def _raw_json(text: str, start: int) -> Any:
    """The JSON value that starts at (or after spaces from) ``start``, or None."""
    try:
        value, _ = _DECODER.raw_decode(text, start)
    except (ValueError, RecursionError):
        return None
    return value


def _content_elements(items: list) -> str | None:
    """Arc XP ``content_elements``: [{"type": "text", "content": "<b>..</b>"}, ...] -> HTML."""
    parts = []
    for item in items:
        if not isinstance(item, dict):
            continue
        kind, content = item.get("type"), item.get("content")
        if kind in ("text", "paragraph", "header", "heading") and isinstance(content, str):
            tag = "h3" if kind in ("header", "heading") else "p"
            parts.append(f"<{tag}>{content}</{tag}>")
        elif kind == "list" and isinstance(item.get("items"), list):
            inner = _content_elements(item["items"]) or ""
            parts.append(f"<ul>{inner.replace('<p>', '<li>').replace('</p>', '</li>')}</ul>")
    return "".join(parts) if parts else None


def _rsc_html(node: Any, depth: int = 0) -> str:
    """React server component rows (``["$", "p", key, {"children": ...}]``) rendered to HTML."""
    if depth > 200:
        return ""
    if isinstance(node, str):
        if node.startswith("$"):
            return ""  # a reference to another row, or a special value
        return node if _HTML_MARKUP.search(node) else _html.escape(node, quote=False)
    if isinstance(node, list):
        if len(node) >= 4 and node[0] == "$" and isinstance(node[1], str):
            props = node[3] if isinstance(node[3], dict) else {}
            inner_html = props.get("dangerouslySetInnerHTML")
            if isinstance(inner_html, dict) and isinstance(inner_html.get("__html"), str):
                inner = inner_html["__html"]
            else:
                inner = _rsc_html(props.get("children"), depth + 1)
            tag = node[1]
            return f"<{tag}>{inner}</{tag}>" if tag in _HTML_TAGS else inner
        return "".join(_rsc_html(x, depth + 1) for x in node)
    if isinstance(node, dict):
        return _rsc_html(node.get("children"), depth + 1)
    return ""


def _candidates(value: Any, out: list[str]) -> None:
    """Article-like text in a decoded JSON value: Arc XP content elements, long strings."""
    stack = [value]
    seen = 0
    while stack and seen < 1_000_000:
        cur = stack.pop()
        seen += 1
        if isinstance(cur, dict):
            elements = cur.get("content_elements")
            if isinstance(elements, list):
                joined = _content_elements(elements)
                if joined:
                    out.append(joined)
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
        elif isinstance(cur, str) and len(cur) >= _MIN_HANGUL:
            if cur.startswith(("[", "{")) and cur.rstrip().endswith(("]", "}")):
                inner = _raw_json(cur, 0)  # JSON inside a JSON string
                if inner is not None:
                    stack.append(inner)
                    continue
            out.append(cur)


def _flight_candidates(chunks: list[str], out: list[str]) -> None:
    """Next.js flight data: rows "id:json" or "id:T<hex length>,<text>"."""
    data = "".join(chunks)
    starts = [m.start() for m in _FLIGHT_ROW.finditer(data)] + [len(data)]
    for a, b in zip(starts, starts[1:]):
        row = data[a:b]
        colon = row.index(":")
        payload = row[colon + 1:]
        if payload.startswith("T"):
            comma = payload.find(",")
            if comma > 0:
                out.append(payload[comma + 1:])
            continue
        if payload[:1] in ("[", "{", '"'):
            value = _raw_json(payload, 0)
            if value is None:
                continue
            rendered = _rsc_html(value)
            if _hangul(rendered) >= _MIN_HANGUL:
                out.append(rendered)
            else:
                _candidates(value, out)


def _as_html(text: str) -> str:
    if _HTML_MARKUP.search(text):
        return text
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return "".join(f"<p>{_html.escape(p, quote=False)}</p>" for p in paragraphs)


def script_article_html(scripts: list[tuple[str, str, str]],
                        article_body: str = "") -> str | None:
    """HTML of the richest article text found in the page's scripts, or None.

    Parameters
    ----------
    scripts : list of (type, id, text)
        The page's ``<script>`` elements (JSON-LD excluded).
    article_body : str
        JSON-LD ``articleBody`` when the page has one (plain text), a candidate like the rest.

    Examples
    --------
    >>> s = 'Fusion.globalContent={"content_elements":[{"type":"text","content":"' + \\
    ...     '가' * 90 + '"}]};'
    >>> script_article_html([("", "", s)]).startswith("<p>가가")
    True
    """
    found: list[str] = []
    decodes = 0
    if article_body and _hangul(article_body) >= _MIN_HANGUL:
        found.append(article_body)
    flight: list[str] = []
    for kind, ident, text in scripts:
        text = text[:_MAX_SCRIPT]
        # Hangul is often \u-escaped in the script text: decode before judging it.
        if ident in _JSON_SCRIPT_IDS or kind == "application/json":
            decodes += 1
            if decodes > _MAX_DECODES:
                continue
            value = _raw_json(text, len(text) - len(text.lstrip()))
            if value is not None:
                _candidates(value, found)
            continue
        if "__next_f" in text:
            for m in _FLIGHT_PUSH.finditer(text):
                value = _raw_json(text, m.end())
                if (isinstance(value, list) and len(value) >= 2 and value[0] == 1
                        and isinstance(value[1], str)):
                    flight.append(value[1])
        for m in _STATE_MARKERS.finditer(text):
            decodes += 1
            if decodes > _MAX_DECODES:
                break
            value = _raw_json(text, m.end())
            if value is not None:
                _candidates(value, found)
    if flight:
        _flight_candidates(flight, found)
    best = max(found, key=_hangul, default=None)
    if best is None or _hangul(best) < _MIN_HANGUL:
        return None
    return _as_html(best)
