"""Article segmentation: a news page (text dump or HTML) to a clean :class:`Article`.

The page is cut into blocks (lines of a text dump, by the C++ core; or block-level elements
found by the C++ walk over gumbo's HTML5 tree, ``_core.parse_html_page``, or with
``parser="selectolax"`` by the reference walk in Python below, plus hidden blocks from script
payloads, see ``_payload``), the C++ core labels each block (title, subtitle, kicker, date, body, byline,
boilerplate with a reason) from features that hold across sites and cleans the body
paragraphs, and this module reads the page's metadata (JSON-LD, ``<meta>``) and assembles
the :class:`Article`.
"""

from __future__ import annotations

import bisect
import codecs
import datetime as _dt
import html as _html
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Union

from . import _core
from ._payload import script_article_html

__all__ = ["Article", "ArticleSentence", "BoilerplateBlock", "segment", "segment_many"]

PageLike = Union[str, bytes]
Format = Literal["auto", "text", "html"]
Parser = Literal["gumbo", "selectolax"]

# Block tags understood by the core (kotext::BlockTag, bound as _core.BlockTag).
_TEXT, _PARAGRAPH, _HEADING, _LIST_ITEM, _TABLE_CELL, _CAPTION, _QUOTE = (
    int(t) for t in (_core.BlockTag.Text, _core.BlockTag.Paragraph, _core.BlockTag.Heading,
                     _core.BlockTag.ListItem, _core.BlockTag.TableCell, _core.BlockTag.Caption,
                     _core.BlockTag.Quote))


@dataclass(frozen=True)
class ArticleSentence:
    """One sentence of an article body.

    Attributes
    ----------
    text : str
        The sentence, exactly ``Article.text[start:end]``.
    paragraph : int
        Index into ``Article.paragraphs``.
    start, end : int
        Character offsets into ``Article.text``.
    """

    text: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class BoilerplateBlock:
    """A block dropped from the article, with the reason it was dropped.

    ``reason`` is one of "ranking list", "navigation", "photo caption", "copyright notice",
    "related links", "advertisement", "byline", "dateline" or "other".
    """

    text: str
    reason: str


@dataclass
class Article:
    """A news article segmented from a page.

    Attributes
    ----------
    title : str
        The headline, as printed on the page ("" if none was found).
    subtitle : list of str
        Sub-headlines printed under the title.
    kicker : str
        Section label printed above the title (for example "HOT & NEW").
    date : str
        Publication date in ISO 8601 ("2021-02-04", or "2025-05-15T20:00:52+09:00" when the
        page gives a time); "" when unknown.
    datetime : datetime.datetime or None
        The publication time when the page gives one (time-zone aware when it gives a zone).
    outlet : str
        The publisher ("패션엔").
    reporters : list of str
        Reporter names ("권승주").
    emails : list of str
        E-mail addresses from the byline.
    paragraphs : list of str
        Body paragraphs, with the page's characters unchanged.
    sentences : list of ArticleSentence
        Body sentences with their paragraph index and offsets into :attr:`text`.
    boilerplate : list of BoilerplateBlock
        Dropped blocks (navigation, ranking lists, captions, bylines, ...) with reasons.
    url : str or None
        The page's URL when given or found in its metadata.
    encoding : str
        How the page was decoded and why ("str" for a str page; for bytes, for example
        "utf-8 (declared euc-kr, but the bytes are valid UTF-8)" or "cp949 (declared)").
    error : str or None
        With ``segment_many(..., errors="record")``, the error that stopped this page.

    Examples
    --------
    >>> import kotext
    >>> a = kotext.segment("경제 2026-03-12\\n\\n협의체 출범\\n\\n연합회는 11일 협의체를 열었다.")
    >>> a.title, a.date, a.paragraphs
    ('협의체 출범', '2026-03-12', ['연합회는 11일 협의체를 열었다.'])
    """

    title: str = ""
    subtitle: list[str] = field(default_factory=list)
    kicker: str = ""
    date: str = ""
    datetime: _dt.datetime | None = None
    outlet: str = ""
    reporters: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    sentences: list[ArticleSentence] = field(default_factory=list)
    boilerplate: list[BoilerplateBlock] = field(default_factory=list)
    url: str | None = None
    encoding: str = "str"
    error: str | None = None

    @property
    def text(self) -> str:
        """The body: :attr:`paragraphs` joined with blank lines ("\\n\\n")."""
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form (JSON-serializable: the datetime becomes an ISO string).

        Examples
        --------
        >>> import kotext
        >>> kotext.segment("제목입니다 여기\\n\\n본문은 이렇게 끝났다.").to_dict()["paragraphs"]
        ['본문은 이렇게 끝났다.']
        """
        d = asdict(self)
        d["datetime"] = self.datetime.isoformat() if self.datetime else None
        d["text"] = self.text
        return d

    def __repr__(self) -> str:
        return (f"Article(title={self.title!r}, date={self.date!r}, outlet={self.outlet!r}, "
                f"reporters={self.reporters!r}, paragraphs={len(self.paragraphs)}, "
                f"sentences={len(self.sentences)}, boilerplate={len(self.boilerplate)})")

    def _repr_html_(self) -> str:
        e = _html.escape
        meta = " · ".join(e(x) for x in [self.kicker, self.date, self.outlet,
                                         ", ".join(self.reporters)] if x)
        parts = ['<div class="kotext-article" style="max-width:48em">']
        if meta:
            parts.append(f'<div style="color:#666;font-size:90%">{meta}</div>')
        parts.append(f"<h3 style='margin:0.3em 0'>{e(self.title) or '<i>(no title)</i>'}</h3>")
        for s in self.subtitle:
            parts.append(f"<div style='font-weight:bold;color:#444'>{e(s)}</div>")
        from ._report import article_keywords, highlight  # the display's keyword marks

        keywords = article_keywords(self.text)
        if keywords:
            parts.append(f"<div style='color:#666;font-size:90%'>keywords: "
                         f"{e(', '.join(keywords))}</div>")
        parts.extend(f"<p>{highlight(p, keywords)}</p>" for p in self.paragraphs)
        if self.boilerplate:
            reasons: dict[str, int] = {}
            for b in self.boilerplate:
                reasons[b.reason] = reasons.get(b.reason, 0) + 1
            summary = ", ".join(f"{e(k)}: {v}" for k, v in sorted(reasons.items()))
            parts.append(f"<details><summary>{len(self.boilerplate)} boilerplate blocks "
                         f"({summary})</summary><ul>")
            parts.extend(f"<li><b>{e(b.reason)}</b>: {e(b.text[:200])}</li>"
                         for b in self.boilerplate[:200])
            parts.append("</ul></details>")
        parts.append("</div>")
        return "".join(parts)


# --------------------------------------------------------------------------- decoding
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Korean pages that say EUC-KR are usually written in its superset CP949.
_CHARSET_ALIASES = {"euc-kr": "cp949", "euckr": "cp949", "ks_c_5601-1987": "cp949",
                    "ksc5601": "cp949", "x-windows-949": "cp949", "ms949": "cp949"}


def _decode_page(page: bytes) -> tuple[str, str]:
    """Decode page bytes; returns the text and what was used and why.

    Order: a BOM; else the charset the page declares (``<meta charset>``, ``<?xml
    encoding?>``) checked against the bytes (a page declared EUC-KR / CP949 whose bytes are
    valid UTF-8 with non-ASCII characters is UTF-8: saved crawls keep the original meta tag
    after re-encoding); else strict UTF-8; else CP949 (the superset of EUC-KR that Korean
    pages are written in) when the bytes are valid CP949 with Hangul. Anything else is an
    error naming the byte offset.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if page.startswith(bom):
            return _strict_decode(page, codec, len(bom)), f"{codec} (byte order mark)"
    head = page[:8192]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    declared = None
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        name = _CHARSET_ALIASES.get(name, name)
        try:
            declared = codecs.lookup(name).name
        except LookupError:
            declared = None
    if declared and declared not in ("utf-8", "ascii"):
        if not page.isascii():
            try:
                text = page.decode("utf-8")
            except UnicodeDecodeError:
                text = None
            if text is not None:  # multi-byte UTF-8 this long is no accident in CP949 text
                return text, (f"utf-8 (declared {m.group(1).decode('ascii', 'replace')}, "
                              "but the bytes are valid UTF-8)")
        return _strict_decode(page, declared, 0), f"{declared} (declared)"
    try:
        return page.decode("utf-8"), "utf-8 (declared)" if declared else "utf-8 (default)"
    except UnicodeDecodeError as err:
        if declared is None:
            try:
                text = page.decode("cp949")
            except UnicodeDecodeError:
                text = None
            if text is not None and re.search("[가-힣]", text):
                return text, "cp949 (undeclared; not valid UTF-8, valid CP949 with Hangul)"
        utf8_error = err
    raise _offset_error(utf8_error, page, "utf-8", 0)


def _strict_decode(page: bytes, codec: str, skip: int) -> str:
    try:
        return page[skip:].decode(codec)
    except UnicodeDecodeError as err:
        raise _offset_error(err, page, codec, skip) from None


def _offset_error(err: UnicodeDecodeError, page: bytes, codec: str,
                  skip: int) -> UnicodeDecodeError:
    start, end = err.start + skip, err.end + skip
    return UnicodeDecodeError(
        err.encoding, page, start, end,
        f"{err.reason}: the page is not valid {codec} at byte offset {start} "
        f"(bytes {page[start:end + 3]!r}); decode it yourself and pass a str")


_HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|div|p|br|span|article|section|meta|table|ul|li|a\s"
    r"|h[1-6]|em|strong|img)\b", re.IGNORECASE)


def _detect_format(text: str) -> str:
    head = text[:65536]
    hits = 0
    for _ in _HTML_SNIFF.finditer(head):
        hits += 1
        if hits >= 2:
            return "html"
    return "html" if hits and ("</" in head or "/>" in head) else "text"


# --------------------------------------------------------------------------- blocks
@dataclass
class _Block:
    text: str
    tag: int = _TEXT
    level: int = 0
    link_chars: int = 0
    navigation: bool = False
    near_image: bool = False
    hidden: bool = False


def _text_blocks(text: str) -> list[_Block]:
    """Blocks of a text dump (``kotext::text_dump_blocks``: lines, wrapped lines joined)."""
    texts, tags = _core.text_dump_blocks(text)
    return [_Block(t, tag) for t, tag in zip(texts, tags)]


# <noscript> is walked (as hidden: a copy of the body for readers without scripts); the
# content of a <template> is a document fragment the walk does not reach (_payload_blocks).
_SKIP_TAGS = frozenset({"script", "style", "iframe", "svg", "template", "head",
                        "select", "option", "button", "textarea", "canvas", "object", "video",
                        "audio", "map", "math", "-comment", "input", "link", "meta", "title"})
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "td",
    "th", "tr", "table", "tbody", "thead", "tfoot", "blockquote", "figure", "figcaption",
    "caption", "pre", "article", "section", "header", "footer", "nav", "aside", "main", "form",
    "address", "hr", "fieldset", "legend", "details", "summary", "menu", "body", "html",
    "center", "dialog"})
_NAV_TAGS = frozenset({"nav", "aside", "footer", "menu", "form"})
_IMAGE_TAGS = frozenset({"img", "picture", "figure"})
_NAV_CLASS = re.compile(
    r"(?:^|[-_\s])(?:nav|navi|navigation|gnb|lnb|snb|menu|footer|breadcrumbs?|sidebar|sitemap"
    r"|banner)(?:$|[-_\s\d])", re.IGNORECASE)
_CAPTION_CLASS = re.compile(r"caption", re.IGNORECASE)
# Containers the reader does not see: a print or mail copy of the body, screen-reader text.
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hide|hidden|blind|sr-only|screen_out|print[-_]?only"
                           r"|visually-hidden|d-none)(?:$|\s)", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BR = "\x1f"  # a <br> inside a block (kept apart from newlines of the HTML source)
_QUOTES_SPACES = re.compile(r"[\s\"'“”‘’.…·]+")
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u200b\u3000]+")


def _html_blocks(root: Any, hidden: bool = False) -> list[_Block]:
    """Blocks of an HTML tree, found by an iterative walk (no recursion: any nesting depth).

    Block-level elements and double <br> end a block; a single <br> is a line break inside
    it. Each block records the characters inside links and whether it sits in navigation,
    a caption, next to an image, or in a container the reader does not see (``hidden``:
    all of them).
    """
    blocks: list[_Block] = []
    pieces: list[str] = []
    link_chars = 0
    pending_br = 0
    image_in_flow = False
    # Stack of open elements: (mem_id, tag, flags); flags: link, nav, caption, heading level,
    # hidden.
    stack: list[tuple[int, str, bool, bool, bool, int, bool]] = []
    state = {"link": 0, "nav": 0, "caption": 0, "hidden": 0}

    def flush() -> None:
        nonlocal link_chars, pending_br, image_in_flow
        if pieces:
            raw = "".join(pieces)
            lines = [" ".join(ln.split()) for ln in raw.split(_BR)]
            text = "\n".join(ln for ln in lines if ln)
            if text:
                tag, level = _TEXT, 0
                for _, t, _, _, _, lvl, _ in reversed(stack):
                    if t in _BLOCK_TAGS:
                        if lvl:
                            tag, level = _HEADING, lvl
                        elif t == "p":
                            tag = _PARAGRAPH
                        elif t in ("li", "dt", "dd"):
                            tag = _LIST_ITEM
                        elif t in ("td", "th"):
                            tag = _TABLE_CELL
                        elif t in ("figcaption", "caption"):
                            tag = _CAPTION
                        elif t == "blockquote":
                            tag = _QUOTE
                        break
                if state["caption"]:
                    tag = _CAPTION
                blocks.append(_Block(text, tag, level, link_chars, state["nav"] > 0,
                                     image_in_flow, hidden or state["hidden"] > 0))
        pieces.clear()
        link_chars = 0
        pending_br = 0
        image_in_flow = False

    node = root
    while node is not None:
        tag = node.tag
        descend = False
        if tag == "-text":
            value = node.text_content or ""
            if value.strip():
                if pending_br >= 2:
                    flush()
                elif pending_br == 1 and pieces:
                    pieces.append(_BR)
                pending_br = 0
                pieces.append(value)
                if state["link"]:
                    link_chars += len(value) - value.count(" ") - value.count("\n")
            elif pieces:
                pieces.append(" ")
        elif tag == "br":
            pending_br += 1
        elif tag in _IMAGE_TAGS and tag != "figure":
            if pieces:
                flush()  # the image starts a new block (its caption), not the previous one
            image_in_flow = True
        elif tag not in _SKIP_TAGS and not tag.startswith("-"):
            is_block = tag in _BLOCK_TAGS
            if is_block:
                flush()
            attrs = node.attributes if is_block or tag == "span" else {}
            cls = " ".join(v for k, v in attrs.items() if k in ("class", "id") and v)
            nav = tag in _NAV_TAGS or bool(cls and _NAV_CLASS.search(cls))
            if nav and tag in ("form",) and stack and any(t == "article" for _, t, *_ in stack):
                nav = False
            caption = tag in ("figcaption", "figure", "caption") or bool(
                cls and _CAPTION_CLASS.search(cls))
            link = tag == "a"
            level = int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456" else 0
            invisible = tag == "noscript" or bool(attrs) and (
                "hidden" in attrs or attrs.get("aria-hidden") == "true"
                or bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))
                or bool(_HIDDEN_CLASS.search(attrs.get("class") or "")))
            stack.append((node.mem_id, tag, link, nav, caption, level, invisible))
            state["link"] += link
            state["nav"] += nav
            state["caption"] += caption
            state["hidden"] += invisible
            descend = node.child is not None
        if descend:
            node = node.child
            continue
        # Leave this node and every ancestor that has no next sibling.
        while node is not None:
            if stack and stack[-1][0] == node.mem_id:
                if stack[-1][1] in _BLOCK_TAGS:
                    flush()
                _, _t, link, nav, caption, _, invisible = stack.pop()
                state["link"] -= link
                state["nav"] -= nav
                state["caption"] -= caption
                state["hidden"] -= invisible
            if node.mem_id == root.mem_id:
                node = None
                break
            nxt = node.next
            if nxt is not None:
                node = nxt
                break
            node = node.parent
    flush()
    return blocks


# --------------------------------------------------------------------------- metadata
@dataclass
class _Meta:
    title: str = ""
    titles: list[str] = field(default_factory=list)
    date: str = ""
    authors: list[str] = field(default_factory=list)
    author_strings: list[str] = field(default_factory=list)
    outlet: str = ""
    section: str = ""
    url: str = ""
    modified: str = ""
    article_body: str = ""
    site_names: list[str] = field(default_factory=list)


_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "opinionnewsarticle", "webpage", "reviewnewsarticle"}


def _iter_ld(obj: Any) -> Iterator[dict]:
    stack = [obj]
    while stack:
        cur = stack.pop()
        if isinstance(cur, list):
            stack.extend(reversed(cur))
        elif isinstance(cur, dict):
            yield cur
            if "@graph" in cur:
                stack.append(cur["@graph"])


def _ld_type(d: dict) -> set[str]:
    t = d.get("@type", "")
    types = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in types}


def _names(value: Any, people: bool = False) -> list[str]:
    """Names in a JSON-LD value (a string, an object with "name", or a list of them); with
    ``people``, objects typed as an organization are skipped (an outlet is no reporter)."""
    out: list[str] = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, dict):
            if people and _ld_type(v) & {"organization", "newsmediaorganization", "corporation"}:
                continue
            v = v.get("name", "")
        if isinstance(v, str) and v.strip() and "://" not in v:
            out.append(_html.unescape(v.strip()))
    return out


def _html_meta(tree: Any) -> _Meta:
    """The metadata of a selectolax tree (the ``parser="selectolax"`` path)."""
    meta_tags = []
    for node in tree.css("meta"):
        a = node.attributes
        meta_tags.append((a.get("property") or a.get("name") or a.get("itemprop") or "",
                          a.get("content")))
    json_ld = [node.text(deep=True) or "" for node in
               tree.css('script[type="application/ld+json"]')]
    title_node = tree.css_first("title")
    title = title_node.text(deep=True) if title_node is not None else None
    time_node = tree.css_first("time[datetime]")
    when = (time_node.attributes.get("datetime") or "") if time_node is not None else None
    return _read_meta(meta_tags, json_ld, title, when)


def _read_meta(meta_tags: list[tuple[str, str | None]], json_ld: list[str], title: str | None,
               time_datetime: str | None) -> _Meta:
    """Metadata from the raw texts of a page: its ``<meta>`` (key, content) pairs in
    document order, the JSON-LD script texts, the first ``<title>`` text and the
    ``datetime`` of the first ``<time datetime>`` (None when absent)."""
    meta = _Meta()
    metas: dict[str, str] = {}
    for raw_key, value in meta_tags:
        key = raw_key.lower().strip()
        if key and value and key not in metas:
            metas[key] = value.strip()
    candidates: list[dict] = []
    candidates_all: list[dict] = []
    for text in json_ld:
        try:
            data = json.loads(text or "null", strict=False)
        except (ValueError, RecursionError):
            continue
        for d in _iter_ld(data):
            candidates_all.append(d)
            if _ld_type(d) & _ARTICLE_TYPES and (d.get("headline") or d.get("datePublished")):
                candidates.append(d)
    # The page's own article: an article type over a WebPage, and when a page describes
    # several articles (related items), the one whose headline is in the page's og:title.
    def squeeze(t: str) -> str:
        return _QUOTES_SPACES.sub("", _html.unescape(t))

    og = squeeze(metas.get("og:title", "") or metas.get("twitter:title", ""))

    def rank(d: dict) -> tuple[int, int]:
        headline = d.get("headline")
        key = squeeze(headline) if isinstance(headline, str) else ""
        in_og = bool(key and og and (key in og or og in key))
        return (int(in_og), int("webpage" not in _ld_type(d)))

    best = max(candidates, key=rank) if candidates else None
    if best is not None:
        headline = best.get("headline")
        if isinstance(headline, str) and headline.strip():
            meta.title = _html.unescape(headline.strip())
        for key in ("datePublished", "dateCreated", "uploadDate"):
            if isinstance(best.get(key), str):
                meta.date = best[key]
                break
        if isinstance(best.get("dateModified"), str):
            meta.modified = best["dateModified"]
        if isinstance(best.get("articleBody"), str):
            meta.article_body = _html.unescape(best["articleBody"])
        meta.authors = _names(best.get("author", []), people=True)
        meta.outlet = next(iter(_names(best.get("publisher", []))), "")
        meta.site_names.extend(_names(best.get("publisher", [])))
        section = best.get("articleSection")
        if isinstance(section, list):
            section = section[0] if section else ""
        if isinstance(section, str):
            meta.section = section.strip()
        if isinstance(best.get("url"), str):
            meta.url = best["url"]
    for key in ("og:title", "twitter:title", "title", "dable:title"):
        if metas.get(key):
            meta.titles.append(_html.unescape(metas[key]))
    if title is not None and title.strip():
        meta.titles.append(title.strip())
    if not meta.date:
        for key in ("article:published_time", "og:article:published_time", "pubdate",
                    "publishdate", "publish_date", "article:published", "date", "dc.date",
                    "dc.date.issued", "sailthru.date", "parsely-pub-date"):
            if metas.get(key):
                meta.date = metas[key]
                break
    if not meta.date and time_datetime is not None:
        meta.date = time_datetime
    for key in ("author", "article:author", "og:article:author", "byl", "dable:author",
                "dc.creator", "sailthru.author", "parsely-author"):
        v = metas.get(key)
        if v and "://" not in v:
            meta.author_strings.append(v)
    meta.outlet = metas.get("og:site_name", "") or meta.outlet
    if not meta.modified:
        meta.modified = metas.get("article:modified_time", "") or metas.get("og:updated_time", "")
    for key in ("og:site_name", "application-name", "twitter:site", "apple-mobile-web-app-title",
                "twitter:app:name:iphone"):
        if metas.get(key):
            meta.site_names.append(_html.unescape(metas[key]).lstrip("@"))
    for d in candidates_all:  # a WebSite / Organization name anywhere in the JSON-LD
        if _ld_type(d) & {"website", "organization", "newsmediaorganization"}:
            meta.site_names.extend(_names(d.get("name", "")))
    if not meta.section:
        meta.section = metas.get("article:section", "")
    meta.url = metas.get("og:url", "") or meta.url
    return meta


def _clean_title(meta: _Meta, blocks: list[_Block]) -> str:
    """The title: JSON-LD headline, else the visible headline a meta title starts with, else
    the meta title without the site name and section glued to it (``_core.strip_site_name``:
    "제목 - 정치ㅣ한국일보" -> "제목")."""
    sites = meta.site_names
    if meta.title:
        return _core.strip_site_name(meta.title, sites)
    for t in meta.titles:
        key = _WS.sub("", t)
        stripped = _WS.sub("", _core.strip_site_name(t, sites))
        for b in blocks:
            if b.tag == _HEADING and len(b.text) >= 4 and key.startswith(_WS.sub("", b.text)):
                return b.text
        for b in blocks:  # the visible headline equal to the stripped meta title
            if not b.navigation and len(b.text) >= 4 and _WS.sub("", b.text) == stripped:
                return b.text
    for t in meta.titles:
        return _core.strip_site_name(t, sites)
    return ""


# --------------------------------------------------------------------------- dates, names
def _iso(m: tuple) -> tuple[str, _dt.datetime | None]:
    _, _, y, mo, d, h, mi, s, tz, _ = m
    if h < 0:
        return f"{y:04d}-{mo:02d}-{d:02d}", None
    tzinfo = _dt.timezone(_dt.timedelta(minutes=tz)) if tz is not None else None
    when = _dt.datetime(y, mo, d, h, mi, max(s, 0), tzinfo=tzinfo)
    return when.isoformat(), when


def _first_date(text: str, prefer_published: bool = True) -> tuple | None:
    found = _core.find_dates(text)
    if not found:
        return None
    if prefer_published:
        for m in found:
            if not m[9]:
                return m
    return found[0]


_COPYRIGHT_OWNER = re.compile(
    r"(?:ⓒ|©|\(c\)|copyright)\s*(?:ⓒ|©)?\s*(?:\d{4}\s*)?([가-힣A-Za-z][가-힣A-Za-z0-9]{1,15})",
    re.IGNORECASE)
_MEDIA = re.compile(r"(일보|신문|뉴스|경제|방송|타임스|저널|미디어|데일리|투데이|통신|닷컴|편집국|"
                    r"뉴스팀|취재팀|온라인팀)$|^(연합|뉴시스|뉴스1)")
_NAME = re.compile(r"^[가-힣]{2,4}$")
_AUTHOR_NOISE = re.compile(r"^(?:by|글|사진|기자|특파원|작성자)\s*[:=]?\s*|\s*(?:기자|특파원)$", re.IGNORECASE)


def _author_names(strings: Iterable[str]) -> tuple[list[str], list[str]]:
    names: list[str] = []
    emails: list[str] = []
    for s in strings:
        reporters, found_emails, _ = _core.parse_byline(s)
        emails.extend(found_emails)
        if reporters:
            names.extend(reporters)
            continue
        for part in re.split(r"[,·/&|]|\s+and\s+", s):
            part = _AUTHOR_NOISE.sub("", part.strip()).strip()
            if _NAME.match(part) or (part and len(part) <= 30 and "@" not in part
                                     and not re.search(r"[가-힣]", part) and " " in part):
                names.append(part)
    return _unique(names), _unique(emails)


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for x in items:
        if x and x not in seen:
            seen[x] = None
    return list(seen)


# --------------------------------------------------------------------------- sentences
def _splitter() -> Any:
    try:
        from ._sentences import split_sentences
    except ImportError:  # the sentence splitter is not built into this checkout yet
        return None
    return split_sentences


_SPLITTER = _splitter()


def _text_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans (code point offsets) of the body text, by kotext.split_sentences."""
    if _SPLITTER is None:
        return _fallback_text_spans(text)
    out = []
    for s in _SPLITTER(text, return_offsets=True):
        if isinstance(s, tuple) and len(s) == 3:
            out.append((int(s[1]), int(s[2])))
        else:
            out.append((int(s[0]), int(s[1])))
    return out


def _fallback_text_spans(text: str) -> list[tuple[int, int]]:
    out = []
    offset = 0
    for p in text.split("\n\n"):
        out.extend((offset + b, offset + e) for b, e in _fallback_spans(p))
        offset += len(p) + 2
    return out


_FALLBACK_END = re.compile(r"(?<=[가-힣][.!?])[\"'”’)]*(?=\s+|$)")


def _fallback_spans(paragraph: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _FALLBACK_END.finditer(paragraph):
        end = m.end()
        if paragraph[start:end].strip():
            spans.append((start, end))
        start = end
    if paragraph[start:].strip():
        spans.append((start, len(paragraph)))
    out = []
    for b, e in spans:
        while b < e and paragraph[b].isspace():
            b += 1
        while e > b and paragraph[e - 1].isspace():
            e -= 1
        if e > b:
            out.append((b, e))
    return out


def _sentences(paragraphs: list[str]) -> list[ArticleSentence]:
    """Split the whole body at once (a blank line is a hard boundary for the splitter), then
    give each sentence the index of the paragraph it starts in."""
    text = "\n\n".join(paragraphs)
    starts = []
    offset = 0
    for p in paragraphs:
        starts.append(offset)
        offset += len(p) + 2
    out: list[ArticleSentence] = []
    for b, e in _text_spans(text):
        out.append(ArticleSentence(text[b:e], bisect.bisect_right(starts, b) - 1, b, e))
    return out


# --------------------------------------------------------------------------- assembly
_DATE_LABELS = re.compile(r"(기사입력|입력|수정|등록|승인|발행|송고|업데이트|게재|작성|최종|"
                          r"published|updated|posted)\s*[:：]?", re.IGNORECASE)


def _without_dates(text: str) -> str:
    found = _core.find_dates(text)
    out, pos = [], 0
    for m in found:
        out.append(text[pos:m[0]])
        pos = m[1]
    out.append(text[pos:])
    rest = _DATE_LABELS.sub(" ", "".join(out))
    return _WS.sub(" ", rest).strip(" |:/·-")


def _assemble(blocks: list[_Block], meta: _Meta | None, url: str | None) -> Article:
    article = Article(url=url or (meta.url if meta and meta.url else None))
    if not blocks and meta is None:
        return article
    title_hint = _clean_title(meta, blocks) if meta else ""
    res = _core.classify_blocks(
        [b.text for b in blocks], [b.tag for b in blocks], [b.level for b in blocks],
        [b.link_chars for b in blocks], [b.navigation for b in blocks],
        [b.near_image for b in blocks], title_hint, [b.hidden for b in blocks], meta is None)
    labels, reasons = res["labels"], res["reasons"]

    byline_texts: list[str] = []
    date_texts: list[str] = []
    paragraphs: list[str] = []
    boilerplate: list[BoilerplateBlock] = []
    dateline_info: list[str] = []
    credit_texts: list[str] = []  # "2013.3.10/뉴스1": a wire photo's date, a last resort
    first_body = True
    for index, (b, label, reason) in enumerate(zip(blocks, labels, reasons)):
        if label == "title":
            article.title = b.text.replace("\n", " ")
        elif label == "subtitle":
            article.subtitle.extend(x.strip() for x in b.text.split("\n") if x.strip())
        elif label == "kicker":
            article.kicker = b.text
        elif label == "date":
            date_texts.append(b.text)
            if res["title"] < 0 or index < res["title"]:
                rest = _without_dates(b.text)
                if rest and not article.kicker and len(rest) <= 30:
                    article.kicker = rest
        elif label == "body":
            for line in b.text.split("\n"):
                if not line.strip():
                    continue
                # Datelines, photo credits, copyright and promo runs glued to the text.
                line, cuts = _core.clean_paragraph(line, first_body)
                first_body = False
                for cut, why in cuts:
                    boilerplate.append(BoilerplateBlock(cut, why))
                    if why in ("dateline", "byline"):
                        dateline_info.append(cut)
                    elif why == "photo caption":
                        credit_texts.append(cut)
                if line:
                    paragraphs.append(line)
        else:
            boilerplate.append(BoilerplateBlock(b.text, reason or "other"))
            if label == "byline":
                byline_texts.append(b.text)
    article.paragraphs = paragraphs
    article.boilerplate = boilerplate

    # A body found only in a script payload: the page's visible header is not near it, the
    # metadata's title is the better evidence.
    hidden_body = res["body_begin"] >= 0 and blocks[res["body_begin"]].hidden
    if meta and (meta.title or (title_hint and (not article.title or hidden_body))):
        article.title = title_hint  # a JSON-LD headline wins; other meta titles are a fallback
    elif article.title:
        # "[사진]제목" / a visible headline that still carries the site name.
        article.title = _core.strip_site_name(article.title, meta.site_names if meta else [])
    if meta and meta.section and not article.kicker:
        article.kicker = meta.section

    # Date: metadata, else a date block, else a byline.
    date_match = None
    if meta and meta.date:
        date_match = _first_date(meta.date)
    for t in date_texts + byline_texts + credit_texts:
        if date_match is None:
            date_match = _first_date(t)
    if date_match is not None:
        article.date, article.datetime = _iso(date_match)

    # Reporters, e-mails, outlet.
    reporters: list[str] = []
    emails: list[str] = []
    outlet = meta.outlet if meta else ""
    for source in (meta.authors, meta.author_strings) if meta else ():
        if source and not reporters:
            names, mails = _author_names(source)
            reporters.extend(n for n in names if n != outlet and not _MEDIA.search(n))
            emails.extend(mails)
    from_meta = bool(reporters)
    for t in byline_texts + dateline_info:
        found_reporters, found_emails, found_outlet = _core.parse_byline(t)
        if not from_meta:
            reporters.extend(found_reporters)
        emails.extend(found_emails)
        if not outlet and found_outlet:
            outlet = found_outlet
    if not outlet:  # "ⓒ 예시일보, 무단 전재 ..." / "Copyright © 2024 예시경제."
        for b in boilerplate:
            m = _COPYRIGHT_OWNER.search(b.text) if b.reason == "copyright notice" else None
            if m:
                outlet = m.group(1)
                break
    article.reporters = _unique(reporters)
    article.emails = _unique(emails)
    article.outlet = outlet
    article.sentences = _sentences(paragraphs)
    return article


def _parse_html(text: str) -> Any:
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("kotext.segment needs selectolax for HTML pages: "
                          "pip install 'kotext[html]' (or pip install selectolax)") from err
    # Lexbor's tree construction slows down with the depth of open elements: flatten
    # pathological nesting first (a no-op for real pages).
    flat = _core.limit_html_nesting(text, _MAX_DEPTH)
    return LexborHTMLParser(flat if flat is not None else text)


_MAX_DEPTH = 512


def segment(page: PageLike, *, format: Format = "auto", url: str | None = None,
            parser: Parser = "gumbo") -> Article:
    """Segment one news page into an :class:`Article`.

    Parameters
    ----------
    page : str or bytes
        A text dump of a page (one block per line or paragraph) or an HTML page. Bytes are
        decoded by their BOM, else by the declared charset checked against the bytes (a page
        declared EUC-KR whose bytes are valid UTF-8 is UTF-8), else as UTF-8, else as CP949;
        ``Article.encoding`` says which and why.
    format : {"auto", "text", "html"}
        Input format; "auto" looks for HTML tags in the first 64 KB.
    url : str, optional
        The page's URL, kept in ``Article.url``.
    parser : {"gumbo", "selectolax"}
        The HTML walk: "gumbo" parses and walks the page in C++ (gumbo, Google's HTML5
        parser) with the GIL released; "selectolax" is the reference walk in Python over
        selectolax's lexbor tree (needs the ``html`` extra). Both give the same Article.

    Returns
    -------
    Article
        Title, subtitle, kicker, date, outlet, reporters, e-mails, body paragraphs and
        sentences, and the dropped blocks with their reasons. An empty page gives an Article
        with empty fields.

    Raises
    ------
    UnicodeDecodeError
        When ``page`` is bytes that are not valid in their encoding (the message gives the
        byte offset).
    TypeError, ValueError
        For a page that is not str/bytes, or an unknown format.

    Notes
    -----
    The C++ block classifier uses only features that hold across sites (length, Hangul
    ratio, Korean sentence endings, link density, list numbering, repetition within the
    page, position relative to the title and the body, byline / e-mail / dateline /
    copyright / photo-credit patterns); the body is the run of blocks with the largest total
    text score. HTML metadata (JSON-LD ``NewsArticle``, ``og:``/``article:`` meta tags) gives
    the title, date, authors and outlet when the page has it; the site name and section are
    stripped from meta titles ("제목-정치ㅣ한국일보" -> "제목") and the visible headline is
    preferred when it matches. Article text kept only in scripts (Arc XP
    ``Fusion.globalContent``, ``__NEXT_DATA__``, ``__INITIAL_STATE__``, Nuxt, Next.js flight
    chunks, JSON-LD ``articleBody``) and hidden copies (``display:none`` / ``class="hide"``,
    ``<noscript>``, ``<template>``) are body candidates too: a copy of visible text is kept
    once (the visible one, reason "duplicate copy" for the other), and the visible body wins
    unless the hidden one holds more than twice its text. Datelines, bylines, photo credits,
    copyright notices and promo links glued into paragraphs are cut (C++
    ``clean_paragraph``) and recorded in ``boilerplate``; reporters and outlet are read from
    them. Time and memory are linear in the page size; HTML nested deeper than 512 elements
    is flattened before parsing so that pathological nesting stays fast.

    Examples
    --------
    >>> import kotext
    >>> page = '''HOT & NEW 2021-02-04
    ...
    ... 협회, ‘디지털 전환 포럼’ 출범
    ...
    ... 한국패션산업협회는 3일 디지털 전환 포럼을 열었다고 밝혔다.
    ...
    ... 패션엔 권승주 기자
    ... fashionn@fashionn.com'''
    >>> a = kotext.segment(page)
    >>> a.title, a.kicker, a.date, a.outlet, a.reporters
    ('협회, ‘디지털 전환 포럼’ 출범', 'HOT & NEW', '2021-02-04', '패션엔', ['권승주'])
    >>> a.paragraphs
    ['한국패션산업협회는 3일 디지털 전환 포럼을 열었다고 밝혔다.']
    """
    encoding = "str"
    if isinstance(page, (bytes, bytearray, memoryview)):
        page, encoding = _decode_page(bytes(page))
    elif not isinstance(page, str):
        raise TypeError(f"page must be str or bytes, not {type(page).__name__}")
    if format not in ("auto", "text", "html"):
        raise ValueError(f"format must be 'auto', 'text' or 'html', not {format!r}")
    if parser not in ("gumbo", "selectolax"):
        raise ValueError(f"parser must be 'gumbo' or 'selectolax', not {parser!r}")
    page = page.removeprefix("\ufeff")
    if not page.strip():
        return Article(url=url, encoding=encoding)
    try:
        return _segment_str(page, format, url, encoding, parser)
    except (UnicodeError, ValueError):
        _check_surrogates(page)  # name the offset in the page, not in an internal block
        raise


def _check_surrogates(page: str) -> None:
    try:
        page.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(f"page has a lone surrogate {page[err.start]!r} at character offset "
                         f"{err.start}; the text is not valid Unicode") from None


def _segment_str(page: str, format: str, url: str | None, encoding: str,
                 parser: str = "gumbo") -> Article:
    fmt = _detect_format(page) if format == "auto" else format
    if fmt == "text":
        article = _assemble(_text_blocks(page), None, url)
    elif parser == "gumbo":
        parsed = _core.parse_html_page(page)  # the C++ walk, GIL released
        meta = _read_meta(parsed["meta"], parsed["json_ld"], parsed["title"],
                          parsed["time_datetime"])
        blocks = _core_blocks(parsed["blocks"])
        if _wants_payload(meta, page):
            found = script_article_html(parsed["scripts"], meta.article_body)
            if found is not None:
                blocks += _core_blocks(_core.html_blocks(found, True))
            if "<template" in page:
                blocks += _core_blocks(parsed["template_blocks"])
        article = _assemble(blocks, meta, url)
    else:
        tree = _parse_html(page)
        meta = _html_meta(tree)
        root = tree.body if tree.body is not None else tree.root
        blocks = _html_blocks(root) if root is not None else []
        blocks += _payload_blocks(tree, meta, page)
        article = _assemble(blocks, meta, url)
    article.encoding = encoding
    return article


def _core_blocks(lists: tuple) -> list[_Block]:
    """Blocks from the parallel lists of ``_core.parse_html_page`` / ``_core.html_blocks``."""
    return [_Block(*fields) for fields in zip(*lists)]


def _wants_payload(meta: _Meta, page: str) -> bool:
    """Whether the page's scripts and templates are worth reading (one scan of the page
    instead of reading every script)."""
    if meta.article_body:
        return True
    low = page.lower()
    return any(hint in low for hint in _PAYLOAD_HINTS)


# Words a page must contain (in any case) for its scripts or templates to be read; plain
# substring tests of the lower-cased page (a case-insensitive regex alternation over the
# whole page cost more than the rest of the metadata reading).
_PAYLOAD_HINTS = ("globalcontent", "__next_data__", "__next_f", "_state__", "__nuxt",
                  "__initial_data__", "__data__", "application/json", "<template")


def _payload_blocks(tree: Any, meta: _Meta, page: str) -> list[_Block]:
    """Blocks of the article text kept in the page's scripts (JSON state objects, Next.js
    flight chunks, JSON-LD articleBody) and ``<template>`` elements, marked hidden: the
    visible copy wins when both exist."""
    if not _wants_payload(meta, page):
        return []
    scripts = []
    for node in tree.css("script"):
        a = node.attributes
        kind = (a.get("type") or "").lower()
        if kind == "application/ld+json":
            continue
        text = node.text(deep=True) or ""
        if len(text) >= 200 or "__next_f" in text:  # flight chunks may be short
            scripts.append((kind, a.get("id") or "", text))
    fragments = []
    found = script_article_html(scripts, meta.article_body)
    if found is not None:
        fragments.append(found)
    for node in tree.css("template") if "<template" in page else ():
        inner = node.html or ""
        if len(inner) >= 200:
            fragments.append(inner[inner.find(">") + 1:])
    blocks: list[_Block] = []
    for fragment in fragments:
        sub = _parse_html(fragment)
        root = sub.body if sub.body is not None else sub.root
        if root is not None:
            blocks += _html_blocks(root, hidden=True)
    return blocks


_SEPARATOR = re.compile(r"^[ \t]*(?:-{4,}|={4,}|\*{3,}|_{4,}|#{3,}|\f)[ \t]*$", re.MULTILINE)
_HTML_START = re.compile(r"(?=<!doctype\s+html|<html[\s>])", re.IGNORECASE)


_DIGITS = re.compile(r"\d")


def _is_date_header(line: str) -> bool:
    if not line or len(line) > 40:
        return False
    found = _core.find_dates(line)
    if len(found) != 1:
        return False
    rest = (line[:found[0][0]] + line[found[0][1]:]).strip()
    return len(rest) <= 20 and not _DIGITS.search(rest)


def _split_repeated_header(dump: str) -> list[str]:
    """Split a dump whose pages all start with the same header line (digits aside, so
    "HOT & NEW 2021-02-04" and "HOT & NEW 2021-02-05" count as the same header)."""
    lines = dump.splitlines(keepends=True)
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    if not first or len(first) > 80:
        return [dump]
    key = _DIGITS.sub("0", first)
    if _is_date_header(first):  # "경제 2026-03-12" then "산업 2026-03-14": a kicker and a date
        starts = [i for i, ln in enumerate(lines) if _is_date_header(ln.strip())]
    else:
        starts = [i for i, ln in enumerate(lines) if _DIGITS.sub("0", ln.strip()) == key]
    if len(starts) < 2:
        return [dump]
    parts = ["".join(lines[a:b]) for a, b in zip(starts, starts[1:] + [len(lines)])]
    # Each page must be more than its header (a repeated menu line is not a page header).
    if any(sum(1 for ln in p.splitlines() if ln.strip()) < 3 for p in parts):
        return [dump]
    head = "".join(lines[:starts[0]])
    if head.strip():
        parts[0] = head + parts[0]
    return parts


def _split_dump(dump: str) -> list[str]:
    if _detect_format(dump) == "html":
        parts = [p for p in _HTML_START.split(dump) if p.strip()]
        if len(parts) > 1:
            return parts
        return [dump] if dump.strip() else []
    parts = [p for p in _SEPARATOR.split(dump) if p.strip()]
    if len(parts) == 1:
        parts = _split_repeated_header(parts[0])
    return parts


def segment_many(pages: PageLike | Sequence[PageLike | None] | Iterable[PageLike | None], *,
                 format: Format = "auto", n_jobs: int = 1,
                 errors: Literal["raise", "record"] = "raise",
                 parser: Parser = "gumbo") -> list[Article]:
    """Segment many pages: a list (or pandas Series) of pages, or one dump holding several.

    Parameters
    ----------
    pages : sequence of str / bytes, pandas Series, or one str / bytes dump
        A list, tuple, iterable or pandas Series gives one Article per item, in order. One
        str or bytes is a dump holding several pages, separated by lines of ``----`` (4 or
        more), ``====``, ``***``, ``____`` or ``###``, or by a form feed; without such lines,
        pages that all start with the same header line (digits aside: "HOT & NEW
        2021-02-04") are split there; or several HTML documents run together (split at each
        ``<!doctype html>`` / ``<html>``).
    format : {"auto", "text", "html"}
        Passed to :func:`segment`.
    n_jobs : int
        Threads to run pages on (-1: one per core). The C++ stages release the GIL.
    errors : {"raise", "record"}
        "raise": the first failing page raises, its index named in the message (``None``
        items fail too). "record": the failing page gives an empty Article whose ``error``
        says what failed; no page is ever dropped.
    parser : {"gumbo", "selectolax"}
        Passed to :func:`segment`.

    Returns
    -------
    list of Article
        One Article per page, in input order (blank parts of a dump are skipped; blank items
        of a list give an empty Article).

    Raises
    ------
    ValueError
        With ``errors="raise"``, for a failing page (``from`` the original error), naming its
        index; for a bad ``n_jobs`` or ``errors``.

    Examples
    --------
    >>> import kotext
    >>> dump = "첫 기사 제목입니다\\n\\n첫 기사 본문이다.\\n\\n----\\n\\n둘째 기사 제목\\n\\n본문이 있다."
    >>> [a.title for a in kotext.segment_many(dump)]
    ['첫 기사 제목입니다', '둘째 기사 제목']
    >>> [a.error for a in kotext.segment_many(["제목\\n\\n본문이다.", None], errors="record")]
    [None, 'page 1: page is None, not str or bytes']
    """
    if errors not in ("raise", "record"):
        raise ValueError(f"errors must be 'raise' or 'record', not {errors!r}")
    if not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be a positive int or -1, not {n_jobs!r}")
    if isinstance(pages, (bytes, bytearray, memoryview)):
        pages, _ = _decode_page(bytes(pages))
    if isinstance(pages, str):
        items: list[Any] = _split_dump(pages)
    elif hasattr(pages, "to_numpy") and hasattr(pages, "index"):  # a pandas Series
        items = list(pages.to_numpy(dtype=object))
    elif isinstance(pages, Iterable):
        items = list(pages)
    else:
        raise TypeError("pages must be str, bytes, a sequence or a pandas Series of them, "
                        f"not {type(pages).__name__}")

    def one(index: int) -> Article:
        page = items[index]
        try:
            if page is None:
                raise TypeError("page is None, not str or bytes")
            return segment(page, format=format, parser=parser)
        except Exception as err:
            message = f"page {index}: {_page_error(err)}"
            if errors == "record":
                return Article(error=message)
            raise ValueError(message) from err

    jobs = (os.cpu_count() or 1) if n_jobs == -1 else n_jobs
    if jobs == 1 or len(items) < 2:
        return [one(i) for i in range(len(items))]
    with ThreadPoolExecutor(max_workers=min(jobs, len(items))) as pool:
        return list(pool.map(one, range(len(items))))


def _page_error(err: Exception) -> str:
    if isinstance(err, TypeError) and str(err).startswith("page is None"):
        return str(err)
    return f"{type(err).__name__}: {err}"
