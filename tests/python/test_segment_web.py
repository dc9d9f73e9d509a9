"""kotext.segment on the patterns of the modern Korean web, each reproduced by a small
hand-written page: article text only in a script (Arc XP, __NEXT_DATA__, __INITIAL_STATE__,
Nuxt, Next.js flight chunks), hidden copies of the body, site names glued to titles,
mis-declared charsets, in-paragraph boilerplate; then segment_many's batch contract and the
figures on the shared gold pages (skipped without ../shared)."""

from __future__ import annotations

import gzip
import html
import json
import re

import kotext
import pytest
from segment_metrics import (
    KSS_CLEAN_NEWS,
    KSS_CLEAN_NEWS_GOLD,
    bigram_f1,
    same_day_kst,
    title_exact,
)
from segment_pages import (
    BODY,
    TITLE,
    assert_body,
    flight,
    gold_pages,
    need,
    page,
    visible_article,
)
from shared_data import DATA as SHARED_DATA

DATA = SHARED_DATA


# --------------------------------------------------------------------------- script payloads
def test_arc_xp_global_content():
    state = {"headlines": {"basic": TITLE}, "display_date": "2024-03-11T05:20:00Z",
             "content_elements": [{"type": "text", "content": p} for p in BODY]
             + [{"type": "image", "url": "/a.jpg"}]}
    script = f"<script>Fusion.globalContent={json.dumps(state)};Fusion.x=1;</script>"
    article = kotext.segment(page("<div id='fusion-app'></div>", scripts=script))
    assert_body(article)
    assert article.title == TITLE  # "<title> - 예시일보" without the site name


def test_next_data_json():
    data = {"props": {"pageProps": {"article": {
        "title": TITLE, "content": "".join(f"<p>{html.escape(p)}</p>" for p in BODY)}}}}
    script = (f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(data)}"
              "</script>")
    article = kotext.segment(page("<div id='__next'></div>", scripts=script))
    assert_body(article)


def test_initial_state_plain_text():
    state = {"article": {"body": "\n".join(BODY), "title": TITLE}}
    script = ("<script>window.__INITIAL_STATE__ = "
              f"{json.dumps(state, ensure_ascii=False)};</script>")
    assert_body(kotext.segment(page("<div id='app'></div>", scripts=script)))


def test_nuxt_data_payload():
    payload = [{"data": 1}, {"article": 2}, {"html": 3},
               "".join(f"<p>{html.escape(p)}</p>" for p in BODY)]
    script = (f"<script type='application/json' id='__NUXT_DATA__'>{json.dumps(payload)}"
              "</script>")
    assert_body(kotext.segment(page("<div id='__nuxt'></div>", scripts=script)))


def test_next_flight_chunks_with_escaped_html():
    inner = "".join(f'<p class="editor-p">{html.escape(p)}</p>' for p in BODY)
    row = "5:" + json.dumps(["$", "div", None, {"className": "article-body",
                                                 "dangerouslySetInnerHTML": {"__html": inner}}])
    # The row arrives split over two chunks, as Next.js streams it.
    scripts = ("<script>(self.__next_f=self.__next_f||[]).push([0])</script>"
               + flight(row[:70]) + flight(row[70:] + "\n"))
    assert_body(kotext.segment(page("<main></main>", scripts=scripts)))


def test_next_flight_component_rows():
    children = [["$", "p", str(i), {"children": p}] for i, p in enumerate(BODY)]
    row = "a:" + json.dumps(["$", "section", None, {"children": children}]) + "\n"
    assert_body(kotext.segment(page("<main></main>", scripts=flight(row))))


def test_json_ld_article_body_only():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE,
          "datePublished": "2024-03-11T14:20:00+09:00", "articleBody": "\n".join(BODY)}
    head = f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    article = kotext.segment(page("<div class='player'></div>", head=head))
    assert_body(article)
    assert article.title == TITLE
    assert article.date == "2024-03-11T14:20:00+09:00"


def test_visible_text_wins_over_payload():
    state = {"content_elements": [{"type": "text", "content": p} for p in BODY]}
    script = f"<script>Fusion.globalContent={json.dumps(state)};</script>"
    article = kotext.segment(page(visible_article(), scripts=script))
    assert_body(article)  # once, not twice
    assert sum(b.reason == "duplicate copy" for b in article.boilerplate) == len(BODY)


def test_bad_payloads_are_ignored():
    scripts = ("<script>Fusion.globalContent={not json at all" + "가" * 200 + "</script>"
               "<script>self.__next_f.push([1,\"unterminated</script>"
               "<script id='__NEXT_DATA__' type='application/json'>[[[[</script>")
    article = kotext.segment(page(visible_article(), scripts=scripts))
    assert_body(article)


# --------------------------------------------------------------------------- hidden copies
@pytest.mark.parametrize("attrs", ["style='display:none'", "class='hide'", "hidden",
                                   "style='visibility: hidden'"])
def test_hidden_print_copy_kept_once(attrs):
    copy = f"<div {attrs}>" + "".join(f"<p>{p}</p>" for p in BODY) + "</div>"
    article = kotext.segment(page(copy + visible_article()))
    assert_body(article)
    assert article.title == TITLE
    # The hidden copy after the visible one: the same.
    assert_body(kotext.segment(page(visible_article() + copy)))


def test_hidden_copy_that_is_the_only_copy():
    copy = "<div class='hide'>" + "".join(f"<p>{p}</p>" for p in BODY) + "</div>"
    assert_body(kotext.segment(page(f"<h1>{TITLE}</h1>" + copy)))


# --------------------------------------------------------------------------- titles
@pytest.mark.parametrize("raw", [f"{TITLE}-경제ㅣ예시일보", f"{TITLE} | 예시일보",
                                 f"{TITLE} ｜ 예시일보", f"예시일보 :: {TITLE}",
                                 f"{TITLE} < 경제 < 기사본문 - 예시일보"])
def test_site_name_stripped_from_title(raw):
    body = "<div class='article'>" + "".join(f"<p>{p}</p>" for p in BODY) + "</div>"
    article = kotext.segment(page(body, title=raw))
    assert article.title == TITLE
    assert_body(article)


def test_visible_headline_reconciled_with_meta_title():
    head = f"<meta property='og:title' content='{TITLE} - 예시일보'>"
    article = kotext.segment(page(visible_article(), head=head))
    assert article.title == TITLE


def test_kss_clean_news_case():
    article = kotext.segment(KSS_CLEAN_NEWS)
    gold = KSS_CLEAN_NEWS_GOLD
    assert article.title == gold["title"]
    assert article.text == gold["body"]
    assert article.reporters == gold["reporters"]
    assert article.outlet == gold["outlet"]
    reasons = [b.reason for b in article.boilerplate]
    assert reasons == ["dateline", "photo caption", "photo caption", "copyright notice",
                       "related links"]


def test_in_paragraph_boilerplate_in_html():
    paragraphs = [f"<p>【서울=뉴시스】 {BODY[0]}</p>"] + [f"<p>{p}</p>" for p in BODY[1:-1]] + [
        f"<p>{BODY[-1]} 홍길동 기자 hong@example.com ▶ 예시일보 바로가기 ▶ 구독하기</p>"]
    article = kotext.segment(page(f"<h1>{TITLE}</h1>" + "".join(paragraphs)))
    assert_body(article)
    assert article.reporters == ["홍길동"]
    assert article.emails == ["hong@example.com"]
    assert {"dateline", "byline", "related links"} <= {b.reason for b in article.boilerplate}


# --------------------------------------------------------------------------- bytes in
def test_declared_euc_kr_but_utf8_bytes():
    text = page(visible_article()).replace("charset='utf-8'", "charset='euc-kr'")
    article = kotext.segment(text.encode("utf-8"))
    assert_body(article)
    assert article.encoding.startswith("utf-8") and "euc-kr" in article.encoding
    assert article.paragraphs == kotext.segment(text).paragraphs


def test_euc_kr_declared_and_undeclared():
    text = page(visible_article()).replace("charset='utf-8'", "charset='euc-kr'")
    article = kotext.segment(text.encode("cp949"))
    assert_body(article)
    assert article.encoding == "cp949 (declared)"
    bare = text.replace("<meta charset='euc-kr'>", "")
    article = kotext.segment(bare.encode("cp949"))
    assert_body(article)
    assert article.encoding.startswith("cp949 (undeclared")
    assert kotext.segment(codecs_bom(bare)).encoding == "utf-8 (byte order mark)"


def codecs_bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def test_undecodable_bytes_name_the_offset():
    raw = page(visible_article()).encode("utf-8")
    bad = raw[:300] + b"\xff\xfe\xfa" + raw[300:]
    with pytest.raises(UnicodeDecodeError, match="byte offset 300"):
        kotext.segment(bad)


# --------------------------------------------------------------------------- segment_many
def test_segment_many_order_threads_and_errors():
    pages = [f"{i}번째 기사의 제목입니다\n\n{i}번째 기사의 본문은 이렇게 끝났다." for i in range(12)]
    pages.insert(5, page(visible_article()))
    one = kotext.segment_many(pages)
    two = kotext.segment_many(pages, n_jobs=2)
    assert [a.to_dict() for a in one] == [a.to_dict() for a in two]
    assert [a.title for a in one][:2] == ["0번째 기사의 제목입니다", "1번째 기사의 제목입니다"]
    assert one[5].title == TITLE
    bad = pages[:3] + [None] + pages[3:4] + ["가\ud800나 본문이다."]
    with pytest.raises(ValueError, match="page 3: page is None"):
        kotext.segment_many(bad, n_jobs=2)
    recorded = kotext.segment_many(bad, errors="record", n_jobs=2)
    assert len(recorded) == len(bad)
    assert recorded[3].error == "page 3: page is None, not str or bytes"
    assert recorded[5].error is not None and "character offset 1" in recorded[5].error
    assert [a.error for a in recorded[:3]] == [None] * 3
    with pytest.raises(ValueError, match="n_jobs"):
        kotext.segment_many(pages, n_jobs=0)
    with pytest.raises(ValueError, match="errors"):
        kotext.segment_many(pages, errors="ignore")


def test_segment_many_pandas_series():
    pd = pytest.importorskip("pandas")
    pages = pd.Series([page(visible_article()), "제목 줄입니다 여기\n\n본문이 이렇게 있다."],
                      index=[10, 20])
    out = kotext.segment_many(pages)
    assert [a.title for a in out] == [TITLE, "제목 줄입니다 여기"]


def test_lone_surrogate_names_page_offset():
    with pytest.raises(ValueError, match="character offset 13"):
        kotext.segment("제목입니다\n\n본문은 이렇\ud800게 끝났다.")


# --------------------------------------------------------------------------- shared data
@pytest.mark.parametrize("path", gold_pages("dev"), ids=lambda p: p.name if p else "absent")
def test_dev_gold_pages(path):
    gold = json.loads(path.with_name(path.name.replace(".html.gz", ".gold.json")).read_text("utf-8"))
    raw = gzip.decompress(path.read_bytes())
    article = kotext.segment(raw)
    assert title_exact(article.title, gold["title"])
    assert same_day_kst(article.date, gold["date"])
    assert bigram_f1(article.text, "\n".join(gold["body"])) >= 0.90
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d$", article.date)
    # Bytes and the decoded str give the same article.
    assert article.paragraphs == kotext.segment(raw.decode(gold.get("encoding") or "utf-8")).paragraphs


def test_knews8_headlines_kept():
    rows = [json.loads(line) for line in
            need(DATA / "news" / "knews8-train.jsonl").read_text("utf-8").split("\n") if line]
    articles = kotext.segment_many([r["title"] + "\n\n" + r["body"] for r in rows])
    exact = sum(title_exact(a.title, r["title"]) for a, r in zip(articles, rows))
    assert exact >= 0.99 * len(rows), exact


@pytest.mark.parametrize("tag", ["noscript", "template"])
def test_noscript_and_template_copies(tag):
    copy = f"<{tag}>" + "".join(f"<p>{p}</p>" for p in BODY) + f"</{tag}>"
    article = kotext.segment(page(copy + visible_article()))
    assert_body(article)  # the visible copy, once
    assert_body(kotext.segment(page(f"<h1>{TITLE}</h1>" + copy)))  # the only copy


def test_hostile_payloads_bounded():
    # Thousands of state markers and JSON nested 50,000 deep: a bounded number of decodes,
    # the recursion limit caught, the visible article still found.
    big = "<script>" + "Fusion.globalContent=" * 2000 + "{" + '"a":[' * 50_000 + "</script>"
    assert_body(kotext.segment(page(visible_article(), scripts=big * 3)))


def test_visible_body_beats_a_longer_payload_article():
    # The state object also holds another, longer article (a related story): the page's
    # visible body wins.
    other = ["다른 기사의 문장이 길게 이어진다. 이 기사는 관련 기사 목록에 실려 있었다고 한다."] * 6
    data = {"props": {"related": [{"content": "".join(f"<p>{p}</p>" for p in other)}]}}
    script = (f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(data)}"
              "</script>")
    assert_body(kotext.segment(page(visible_article(), scripts=script)))


def test_payload_replaces_a_visible_teaser():
    teaser = f"<article><h1>{TITLE}</h1><p>{BODY[0]}</p><p>유료 회원만 볼 수 있습니다</p></article>"
    state = {"content_elements": [{"type": "text", "content": p} for p in BODY]}
    script = f"<script>Fusion.globalContent={json.dumps(state)};</script>"
    article = kotext.segment(page(teaser, scripts=script))
    assert article.paragraphs[-3:] == BODY[1:]
