"""Article segmentation: a news page (text dump or HTML) to a clean :class:`Article`.

Every page runs whole in the C++ core (``_core.segment_pages``, on its thread pool with the
GIL released): a text dump is cut into blocks (its lines); an HTML page is parsed (libxml2's
HTML parser, or gumbo's HTML5 parser with ``parser="gumbo"``) and walked into blocks, its
metadata (JSON-LD, ``<meta>``, ``<title>``) and the article text kept in its scripts are read
with a JSON parser (``kotext::read_metadata``, ``kotext::script_article_html``), and
``kotext::segment_article`` labels each block (title, subtitle, kicker, date, body, byline,
boilerplate with a reason), weighs the metadata against the blocks, cleans the body
paragraphs and assembles the article, which this module wraps in an :class:`Article`. This
module keeps the API, the decoding of bytes, and the reference walk in Python over
selectolax's tree (``parser="selectolax"``) that the C++ walk is tested against.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import html as _html
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Union

from . import _core

__all__ = ["Article", "ArticleSentence", "BoilerplateBlock", "segment", "segment_many"]

PageLike = Union[str, bytes]
Format = Literal["auto", "text", "html"]
Parser = Literal["libxml2", "gumbo", "selectolax"]

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


def _detect_format(text: str) -> str:
    """ "html" when the text looks like HTML (``kotext::looks_like_html``), else "text"."""
    try:
        return "html" if _core.looks_like_html(text) else "text"
    except ValueError:  # a lone surrogate: the page fails later, naming its offset
        return "text"


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
    """What ``kotext::read_metadata`` gives (the ``parser="selectolax"`` path)."""

    evidence: tuple
    url: str = ""
    article_body: str = ""


def _html_meta(tree: Any) -> _Meta:
    """The metadata of a selectolax tree, read by the C++ core (``kotext::read_metadata``)."""
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
    return _Meta(*_core.read_metadata(meta_tags, json_ld, title, when))


def _iso(date: tuple) -> tuple[str, _dt.datetime | None]:
    """ISO 8601 text and datetime of a core date (year, month, day, hour, minute, second,
    tz_minutes or None)."""
    y, mo, d, h, mi, s, tz = date
    if h < 0:
        return f"{y:04d}-{mo:02d}-{d:02d}", None
    tzinfo = _dt.timezone(_dt.timedelta(minutes=tz)) if tz is not None else None
    when = _dt.datetime(y, mo, d, h, mi, max(s, 0), tzinfo=tzinfo)
    return when.isoformat(), when


def _article(parts: tuple, url: str | None, encoding: str) -> Article:
    """The Article of the core's assembled parts (``kotext::segment_article``)."""
    (title, subtitle, kicker, date, outlet, reporters, emails, paragraphs, boilerplate,
     sentences) = parts
    article = Article(title=title, subtitle=subtitle, kicker=kicker, outlet=outlet,
                      reporters=reporters, emails=emails, paragraphs=paragraphs,
                      boilerplate=[BoilerplateBlock(t, r) for t, r in boilerplate],
                      url=url or None,
                      encoding=encoding)
    if date is not None:
        article.date, article.datetime = _iso(date)
    text = article.text
    article.sentences = [ArticleSentence(text[b:e], p, b, e) for b, e, p in sentences]
    return article


def _block_lists(blocks: list[_Block]) -> tuple:
    return ([b.text for b in blocks], [b.tag for b in blocks], [b.level for b in blocks],
            [b.link_chars for b in blocks], [b.navigation for b in blocks],
            [b.near_image for b in blocks], [b.hidden for b in blocks])


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
            parser: Parser = "libxml2") -> Article:
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
    parser : {"libxml2", "gumbo", "selectolax"}
        The HTML parser: "libxml2" (libxml2's HTML parser, the fastest) and "gumbo" (Google's
        HTML5 parser) parse and walk the page in C++ with the GIL released; "selectolax" is
        the reference walk in Python over selectolax's lexbor tree (needs the ``html``
        extra). They repair broken markup a little differently; on real pages they give
        the same Article.

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
    _check_options(format, parser)
    result = _segment_pages([page], format, parser, 1)[0]
    if isinstance(result, Exception):
        raise result
    result.url = url or result.url
    return result


def _check_options(format: str, parser: str) -> None:
    if format not in ("auto", "text", "html"):
        raise ValueError(f"format must be 'auto', 'text' or 'html', not {format!r}")
    if parser not in ("libxml2", "gumbo", "selectolax"):
        raise ValueError(f"parser must be 'libxml2', 'gumbo' or 'selectolax', not {parser!r}")


def _page_text(page: Any) -> tuple[str, str]:
    """The page as str and how it was decoded ("str" for a str page)."""
    if isinstance(page, (bytes, bytearray, memoryview)):
        text, encoding = _decode_page(bytes(page))
    elif page is None:
        raise TypeError("page is None, not str or bytes")
    elif isinstance(page, str):
        text, encoding = page, "str"
    else:
        raise TypeError(f"page must be str or bytes, not {type(page).__name__}")
    return text.removeprefix("\ufeff"), encoding


def _segment_pages(items: Sequence[Any], format: str, parser: str,
                   n_jobs: int) -> list[Article | Exception]:
    """Segment pages: an Article, or the exception that stopped it, per item, in order.

    Each page runs whole in C++ on the core's thread pool with the GIL released
    (``_core.segment_pages``: parsing, metadata, script payloads, assembly); Python only
    decodes bytes and wraps the results.
    """
    out: list[Any] = [None] * len(items)
    texts: list[str] = []
    html: list[bool] = []
    where: list[tuple[int, str]] = []  # (item index, encoding) of each batch page
    for i, page in enumerate(items):
        try:
            text, encoding = _page_text(page)
        except (TypeError, ValueError) as err:  # not str/bytes, undecodable bytes
            out[i] = err
            continue
        if not text or text.isspace():  # (no copy of the page)
            out[i] = Article(encoding=encoding)
            continue
        fmt = _detect_format(text) if format == "auto" else format
        if fmt == "html" and parser == "selectolax":
            out[i] = _selectolax_article(text, encoding)
            continue
        texts.append(text)
        html.append(fmt == "html")
        where.append((i, encoding))
    if not texts:
        return out
    # (with parser="selectolax" only text dumps are left here: no HTML parser is used)
    results = _core.segment_pages(texts, html, n_jobs, "gumbo" if parser == "gumbo" else "libxml2")
    for k, (i, encoding) in enumerate(where):
        result = results[k]
        out[i] = (_located(RuntimeError(result), texts[k]) if isinstance(result, str)
                  else _article(result[0], result[1], encoding))
    return out


def _selectolax_article(text: str, encoding: str) -> Article | Exception:
    """The reference walk in Python over selectolax's tree, then the same C++ assembly."""
    try:
        tree = _parse_html(text)
        meta = _html_meta(tree)
        root = tree.body if tree.body is not None else tree.root
        blocks = _html_blocks(root) if root is not None else []
        blocks += _payload_blocks(tree, meta, text)
        parts = _core.segment_blocks(*_block_lists(blocks), meta.evidence)
    except (UnicodeError, ValueError, RuntimeError) as err:
        return _located(err, text)
    return _article(parts, meta.url, encoding)


def _located(err: Exception, page: str) -> Exception:
    """A lone surrogate named by its offset in the page (not in an internal block), else
    the error itself."""
    try:
        page.encode("utf-8")
    except UnicodeEncodeError as bad:
        return ValueError(f"page has a lone surrogate {page[bad.start]!r} at character offset "
                          f"{bad.start}; the text is not valid Unicode")
    return err


def _payload_blocks(tree: Any, meta: _Meta, page: str) -> list[_Block]:
    """Blocks of the article text kept in the page's scripts (JSON state objects, Next.js
    flight chunks, JSON-LD articleBody) and ``<template>`` elements, marked hidden: the
    visible copy wins when both exist."""
    # Read only when JSON-LD gave an articleBody or the page names a payload (as in C++).
    if not (meta.article_body or _core.payload_hint(page)):
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
    found = _core.script_article_html(scripts, meta.article_body)
    if found is not None:
        fragments.append(found)
    for node in tree.css("template"):
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


def segment_many(pages: PageLike | Sequence[PageLike | None] | Iterable[PageLike | None], *,
                 format: Format = "auto", n_jobs: int = 1,
                 errors: Literal["raise", "record"] = "raise",
                 parser: Parser = "libxml2") -> list[Article]:
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
        Threads of the C++ thread pool to run pages on (-1: one per core). Each page runs
        whole in C++ (parsing, metadata, script payloads, assembly) with the GIL released.
    errors : {"raise", "record"}
        "raise": the first failing page raises, its index named in the message (``None``
        items fail too). "record": the failing page gives an empty Article whose ``error``
        says what failed; no page is ever dropped.
    parser : {"libxml2", "gumbo", "selectolax"}
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
    _check_options(format, parser)
    if not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be a positive int or -1, not {n_jobs!r}")
    if isinstance(pages, (bytes, bytearray, memoryview)):
        pages, _ = _decode_page(bytes(pages))
    if isinstance(pages, str):
        items: list[Any] = _core.split_dump(pages)
    elif hasattr(pages, "to_numpy") and hasattr(pages, "index"):  # a pandas Series
        items = list(pages.to_numpy(dtype=object))
    elif isinstance(pages, Iterable):
        items = list(pages)
    else:
        raise TypeError("pages must be str, bytes, a sequence or a pandas Series of them, "
                        f"not {type(pages).__name__}")

    results = _segment_pages(items, format, parser, n_jobs)
    articles: list[Article] = []
    for index, result in enumerate(results):
        if isinstance(result, Exception):
            message = f"page {index}: {_page_error(result)}"
            if errors == "raise":
                raise ValueError(message) from result
            result = Article(error=message)
        articles.append(result)
    return articles


def _page_error(err: Exception) -> str:
    if isinstance(err, TypeError) and str(err).startswith("page is None"):
        return str(err)
    return f"{type(err).__name__}: {err}"
