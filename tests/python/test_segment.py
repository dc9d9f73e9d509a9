"""Tests of kotext.segment / segment_many: golden pages, boilerplate, bad input."""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import kotext
import pytest
from kotext.__main__ import sample_text
from segment_metrics import char_f1
from segment_pages import gold_pages, naver_pages, need
from shared_data import SHARED

ROOT = Path(__file__).resolve().parents[2]
SEED = SHARED / "seeds" / "000_f7bf2c567565b81f.txt"
FUNDUS = SHARED / "data" / "pages" / "fundus-kr"
NAVER = SHARED / "data" / "pages" / "naver-html"


# --------------------------------------------------------------------------- the seed
@pytest.fixture(scope="module")
def seed() -> kotext.Article:
    return kotext.segment(need(SEED).read_text("utf-8"))


def test_seed_header(seed):
    assert seed.title == "산업자원부·한국패션산업협회, ‘K패션 디지털 전환 포럼’ 출범"
    assert seed.subtitle == ["패션산업 디지털 전환 방향 논의…산업부·패션산업협회·서울대AI연구원 MOU 체결"]
    assert seed.date == "2021-02-04"
    assert seed.datetime is None
    assert seed.kicker == "HOT & NEW"
    assert seed.outlet == "패션엔"
    assert seed.reporters == ["권승주"]
    assert seed.emails == ["fashionn@fashionn.com"]


def test_seed_body(seed):
    assert len(seed.paragraphs) == 7
    assert seed.paragraphs[0].startswith("산업통상자원부와 한국패션산업협회는")
    assert seed.paragraphs[-1].endswith("마련할 예정”이라고 밝혔다.")
    page = SEED.read_text("utf-8")
    for p in seed.paragraphs:  # characters kept as in the page
        assert p in page
    for junk in ["News Ranking", "Latest", "Popular", "Style photo", "이미지", "고원희",
                 "패션엔 포토", "권승주", "fashionn@"]:
        assert junk not in seed.text


def test_seed_boilerplate_reasons(seed):
    reasons = {b.text: b.reason for b in seed.boilerplate}
    assert reasons["News Ranking"] == "ranking list"
    assert reasons["패션엔 권승주 기자"] == "byline"
    ranked = [b for b in seed.boilerplate if b.reason == "ranking list" and "." in b.text[:4]]
    assert len(ranked) == 20
    assert sum(b.reason == "navigation" for b in seed.boilerplate if "이미지" in b.text) == 10


def test_seed_sentences(seed):
    text = seed.text
    assert seed.sentences
    for s in seed.sentences:
        assert text[s.start:s.end] == s.text
        assert s.text in seed.paragraphs[s.paragraph]
    quoted = [s.text for s in seed.sentences if "요구된다”며" in s.text]
    assert len(quoted) == 1 and quoted[0].endswith("강조했다.")


# --------------------------------------------------------------------------- fundus pages
@pytest.mark.parametrize("path", gold_pages("fundus-kr"), ids=lambda p: p.name if p else "absent")
def test_fundus_gold(path):
    gold = json.loads(path.with_name(path.name.replace(".html.gz", ".gold.json")).read_text("utf-8"))
    article = kotext.segment(gzip.decompress(path.read_bytes()))
    assert article.title == gold["title"]
    assert article.datetime == datetime.fromisoformat(gold["publishing_date"])
    assert article.date.startswith(gold["publishing_date"][:10])
    assert article.reporters == gold["authors"]
    gold_body = []
    for section in gold["body"]["sections"]:
        gold_body += section["headline"] + section["paragraphs"]
    assert char_f1("".join(article.paragraphs), "".join(gold_body)) >= 0.95
    for image in gold.get("images", []):  # photo captions stay out of the body
        caption = image.get("caption") or ""
        if len(caption) > 20:
            assert caption[:40] not in article.text
    assert any(b.reason == "photo caption" for b in article.boilerplate)


# --------------------------------------------------------------------------- naver bodies
def naver_params():
    pages = naver_pages()
    if not pages:
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=f"shared data not found: {NAVER}"))]
    return [pytest.param(name, html, id=name) for name, html in pages]


@pytest.mark.parametrize("name,html", naver_params())
def test_naver_boilerplate_out_of_body(name, html):
    from selectolax.lexbor import LexborHTMLParser

    article = kotext.segment(html)
    tree = LexborHTMLParser(html)
    captions = [n.text(deep=True).strip() for n in tree.css(".img_desc, .news_img_caption")]
    for caption in captions:
        if len(caption) >= 10:
            assert caption[:30] not in article.text, f"caption in body: {caption[:30]}"
    for p in article.paragraphs:
        assert not re.search(r"[\w.]+@[\w-]+\.[a-z]{2,}", p), f"e-mail in body: {p[:60]}"
        assert not re.match(r"^\s*[(\[【][^)\]】]{0,20}=", p), f"dateline in body: {p[:60]}"
        assert not p.lstrip().startswith(("▶", "☞", "◆", "◈", "★")), f"promo in body: {p[:60]}"
        assert "무단전재" not in p and "무단 전재" not in p
    for a in tree.css("a"):
        link = a.text(deep=True).strip()
        if link.startswith("▶") and len(link) > 5:
            assert link not in article.text


def test_naver_dateline_and_byline():
    html = need(NAVER / "news-naver.html").read_text("utf-8")
    article = kotext.segment(html)
    assert article.paragraphs[0].startswith("이탈리아 당국이")
    assert article.outlet == "연합뉴스"
    assert article.reporters == ["전성훈"]
    assert article.emails == ["lucho@yna.co.kr"]
    reasons = Counter(b.reason for b in article.boilerplate)
    assert reasons["dateline"] == 1 and reasons["photo caption"] == 1
    assert reasons["advertisement"] >= 1 and reasons["byline"] >= 1


# --------------------------------------------------------------------------- shipped sample
def test_sample_dump():
    articles = kotext.segment_many(sample_text())
    assert [a.title for a in articles] == [
        "한국섬유산업연합회, ‘섬유 디지털 전환 협의체’ 출범",
        "패션업계, 재고 줄이려 AI 수요예측 도입 잇따라",
        "프로야구 개막 앞두고 구단들 시범경기 총력전",
    ]
    assert [a.date for a in articles] == ["2026-03-12", "2026-03-14", "2026-03-15"]
    assert [a.kicker for a in articles] == ["경제", "산업", "스포츠"]
    assert [a.reporters for a in articles] == [["김하늘"], ["이바다"], ["박소리"]]
    assert [len(a.paragraphs) for a in articles] == [4, 3, 3]
    assert articles[0].subtitle == ["중소 봉제업체 스마트공장 보급 확대…AI 수요예측 시범사업 착수"]
    assert articles[0].emails == ["sky@kotext-news.example"]
    assert all(a.outlet == "코텍스트뉴스" for a in articles)
    first = articles[0]
    assert "많이 본 뉴스" not in first.text and "Copyright" not in first.text
    reasons = {b.reason for b in first.boilerplate}
    assert {"ranking list", "copyright notice", "byline"} <= reasons


def test_segment_many_list_and_html_dump():
    html = "<html><body><h1>첫 기사 제목입니다</h1><p>첫 기사의 본문이 여기에 있다.</p></body></html>"
    html2 = html.replace("첫", "둘째")
    assert [a.title for a in kotext.segment_many([html, html2])] == ["첫 기사 제목입니다",
                                                                     "둘째 기사 제목입니다"]
    assert [a.title for a in kotext.segment_many(html + "\n" + html2)] == [
        "첫 기사 제목입니다", "둘째 기사 제목입니다"]
    assert kotext.segment_many("") == []


def test_to_dict_and_html_display():
    article = kotext.segment_many(sample_text())[0]
    d = article.to_dict()
    json.dumps(d, ensure_ascii=False)
    assert d["title"] == article.title and d["text"] == article.text
    assert d["sentences"][0]["paragraph"] == 0
    evil = kotext.segment("<script>alert(1)</script> 제목 <b>굵게</b>\n\n본문이 이렇게 끝났다 <img>.",
                          format="text")
    shown = evil._repr_html_()
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "<img>" not in shown


def test_html_metadata_fallbacks():
    html = """<html><head><meta charset="utf-8">
    <meta property="og:title" content="정부, 반도체 지원 확대 - 코텍스트뉴스">
    <meta property="og:site_name" content="코텍스트뉴스">
    <meta property="article:published_time" content="2026-03-12T09:30:00+09:00">
    </head><body><nav><a href="/">홈</a><a href="/e">경제</a></nav>
    <h1>정부, 반도체 지원 확대</h1><p>홍길동 기자 hong@kotext.example</p>
    <p>정부가 반도체 기업에 대한 지원을 확대한다고 12일 밝혔다.</p>
    <figure><img src="a.jpg"><figcaption>반도체 공장 내부 모습이다. 연합뉴스</figcaption></figure>
    <p>지원 규모는 지난해보다 20% 늘어난 것으로 알려졌다.</p>
    <p>ⓒ 코텍스트뉴스 무단전재 및 재배포 금지</p></body></html>"""
    a = kotext.segment(html, url="https://example.com/1")
    assert a.title == "정부, 반도체 지원 확대"
    assert a.date == "2026-03-12T09:30:00+09:00"
    assert a.datetime == datetime.fromisoformat("2026-03-12T09:30:00+09:00")
    assert a.outlet == "코텍스트뉴스" and a.reporters == ["홍길동"]
    assert a.emails == ["hong@kotext.example"] and a.url == "https://example.com/1"
    assert len(a.paragraphs) == 2
    reasons = {b.reason for b in a.boilerplate}
    assert {"photo caption", "copyright notice", "byline"} <= reasons


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("page", ["", "   \n\n ", b"", "<html></html>", "<<<>>>", "\x00\x01"])
def test_empty_pages(page):
    a = kotext.segment(page)
    assert a.paragraphs == [] and a.sentences == [] and a.text == ""
    assert isinstance(a.title, str)


def test_bytes_decoding():
    page = "제목이 여기에 있습니다\n\n본문이 이렇게 끝났다."
    assert kotext.segment(page.encode("utf-8")).paragraphs == ["본문이 이렇게 끝났다."]
    assert kotext.segment(b"\xef\xbb\xbf" + page.encode()).title == "제목이 여기에 있습니다"
    assert kotext.segment(page.encode("utf-16")).title == "제목이 여기에 있습니다"
    html = ('<html><head><meta charset="euc-kr"></head><body><h1>제목입니다 제목</h1>'
            "<p>본문이 이렇게 끝났다.</p></body></html>")
    a = kotext.segment(html.encode("cp949"))
    assert a.title == "제목입니다 제목" and a.paragraphs == ["본문이 이렇게 끝났다."]


def test_undecodable_bytes_name_the_offset():
    bad = "제목입니다\n\n본문".encode() + b"\xff\xfe" + "이다.".encode()
    with pytest.raises(UnicodeDecodeError) as info:
        kotext.segment(bad)
    assert info.value.start == len("제목입니다\n\n본문".encode())
    assert "offset" in str(info.value)


def test_bad_arguments():
    with pytest.raises(TypeError):
        kotext.segment(123)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        kotext.segment("x", format="pdf")  # type: ignore[arg-type]


# Time bounds are ratios, not seconds: input ten times larger must take at most
# LINEAR_SLACK times ten times as long (a quadratic walk takes a hundred times), so the
# bound holds on a slow machine and under sanitizers, where seconds do not. CPU seconds of
# this process, not wall time: another test process on the same cores (pytest-xdist) does
# not count.
LINEAR_SLACK = 3.0
# Below this many CPU seconds the larger input is fast whatever its ratio (timer noise).
LINEAR_FLOOR_S = 0.5


def assert_linear(make_page, n: int, check=None) -> None:
    """kotext.segment(make_page(10 * n)) takes about ten times kotext.segment(make_page(n));
    check(article, size) is asserted on both results."""
    seconds = []
    for size in (n, 10 * n):
        page = make_page(size)
        start = time.process_time()
        article = kotext.segment(page)
        seconds.append(time.process_time() - start)
        del page
        if check is not None:
            check(article, size)
    small, large = seconds
    assert large < max(LINEAR_SLACK * 10 * small, LINEAR_FLOOR_S), \
        f"{n} took {small:.3f} CPU s, {10 * n} took {large:.3f} CPU s: not linear"


def test_deeply_nested_and_malformed_html():
    def nested(depth: int) -> str:
        return "<div>" * depth + "본문이 여기 있다. 아주 긴 문장이 이어진다고 한다." + "</div>" * depth

    def one_paragraph(a, _depth):
        assert a.paragraphs == ["본문이 여기 있다. 아주 긴 문장이 이어진다고 한다."]

    assert_linear(nested, 10_000, one_paragraph)  # up to 100,000 levels
    deep_spans = "<span>" * 50_000 + "안쪽 문장이 끝났다." + "<p>" * 20_000 + "<li><td>" * 5000
    kotext.segment("<html><body>" + deep_spans)
    for junk in ["<p>열린 문단만 있고 끝났다.<p>둘째 문단도 끝났다.", "</div></div><p>닫힘부터 시작했다.",
                 "<html><body><table><tr><td>표 안의 문장이다.</td>", "<a href='x>미완성 태그",
                 "<script>var s = '<div>';</script><p>스크립트 뒤 문장이다.</p>",
                 "<!-- 주석 <p>안</p> --><p>주석 뒤 문장이다.</p>", "<" * 1000]:
        kotext.segment(junk, format="html")
    assert kotext.segment("<p>열린 문단만 있고 끝났다.<p>둘째 문단도 끝났다.").paragraphs == [
        "열린 문단만 있고 끝났다.", "둘째 문단도 끝났다."]


def _article_paragraphs(n: int) -> list[str]:
    return [f"{i}번째 문단에서 정부와 기업은 디지털 전환 전략을 논의했다고 {i % 97}일 밝혔다."
            for i in range(n)]


def test_50mb_pages_bounded_time():
    body = "\n\n".join(["시험 기사 제목이 여기 있다"] + _article_paragraphs(50))

    def text_page(n_bytes: int) -> str:  # the article, then one line of n_bytes of junk
        return body + "\n\n" + "가나다라 마바사 아자차카 " * (n_bytes // 35)

    def text_article(a, n_bytes):
        assert len(a.paragraphs) == 50 and a.title == "시험 기사 제목이 여기 있다"

    assert_linear(text_page, 5_000_000, text_article)  # up to 50 MB
    paras = "".join(f"<p>{p}</p>" for p in _article_paragraphs(50))

    def html_page(n_bytes: int) -> str:  # a script and an inline image of n_bytes / 2 each
        blob = "A" * (n_bytes // 2)
        return (f"<html><head><title>제목 - 뉴스</title><script>var x = '{blob}';</script>"
                f"</head><body><h1>시험 기사 제목</h1>{paras}<img src='data:image/png;base64,"
                f"{blob}'></body></html>")

    def html_article(a, n_bytes):
        assert len(a.paragraphs) == 50 and a.title == "시험 기사 제목"

    # Linear up to 10 MB; past 10 MB in one text node or attribute libxml2 stops (its
    # XML_MAX_TEXT_LENGTH) and the page is parsed again with gumbo, linear again but a step
    # up: the 50 MB page is checked for its article only.
    assert_linear(html_page, 1_000_000, html_article)
    html_article(kotext.segment(html_page(50_000_000)), 50_000_000)


def test_many_paragraphs_throughput():
    def page(n: int) -> str:
        return "\n\n".join(["시험 기사 제목이 여기 있다"] + _article_paragraphs(n))

    def every_paragraph(a, n):
        assert len(a.paragraphs) == n

    assert_linear(page, 5_000, every_paragraph)  # up to 50,000 paragraphs


def test_core_helpers():
    from kotext import _core

    dates = _core.find_dates("입력 2021.02.04 10:21 수정 2021-02-05T08:00:00+0900")
    assert dates[0][2:8] == (2021, 2, 4, 10, 21, -1) and dates[0][9] is False
    assert dates[1][2:9] == (2021, 2, 5, 8, 0, 0, 540) and dates[1][9] is True
    assert _core.find_dates("2021년 2월 4일 오후 3시 5분")[0][2:7] == (2021, 2, 4, 15, 5)
    assert _core.find_dates("2021-02-30, 0.1%, 12345") == []
    assert _core.parse_byline("(서울=연합뉴스) 임화섭 김지헌 기자 =") == (
        ["임화섭", "김지헌"], [], "연합뉴스")
    assert _core.parse_byline("한겨레 홍길동 기자 hong@hani.co.kr") == (
        ["홍길동"], ["hong@hani.co.kr"], "한겨레")
    assert _core.parse_byline("순천, 광양 구현모 기자 ninek@hankookilbo.com")[0] == ["구현모"]
    assert _core.dateline_length("(로마=연합뉴스) 전성훈 특파원 = 이탈리아") == len(
        "(로마=연합뉴스) 전성훈 특파원 = ")
    assert _core.dateline_length("[헤럴드경제] 신종 코로나") == len("[헤럴드경제] ")
    assert _core.dateline_length("(1) 첫째 항목") == 0
    assert _core.dateline_length("정부는 (서울=연합뉴스) 발표") == 0


@pytest.mark.parametrize("path", gold_pages("fundus-kr"), ids=lambda p: p.name if p else "absent")
def test_fundus_as_text_dump(path):
    """The same pages as text dumps (one block per paragraph, like the seed): no markup, no
    metadata, so title, date and reporters come from the block classifier alone."""
    from kotext import _segment

    gold = json.loads(path.with_name(path.name.replace(".html.gz", ".gold.json")).read_text("utf-8"))
    tree = _segment._parse_html(gzip.decompress(path.read_bytes()).decode("utf-8"))
    dump = "\n\n".join(b.text for b in _segment._html_blocks(tree.body))
    article = kotext.segment(dump)
    assert re.sub(r"[\"'\s]", "", article.title) == re.sub(r"[\"'\s]", "", gold["title"])
    assert article.date[:10] == gold["publishing_date"][:10]
    assert article.reporters == gold["authors"]
    gold_body = []
    for section in gold["body"]["sections"]:
        gold_body += section["headline"] + section["paragraphs"]
    assert char_f1("".join(article.paragraphs), "".join(gold_body)) >= 0.95


PORTAL_DUMP = """뉴스홈 > 경제 > 산업
로그인 회원가입
[단독] 반도체 업계, 하반기 투자 30% 확대
입력 2024.05.10 14:32 수정 2024.05.10 15:01
홍길동 기자
기사 공유하기
글자크기
[서울=뉴시스] 홍길동 기자 = 국내 반도체 업계가 하반기 설비 투자를 30% 늘린다.
10일 업계에 따르면 두 회사는 하반기 설비 투자 규모를 상반기보다 30% 늘리기로 했다.
업계 관계자는 “수요 회복 속도가 예상보다 빠르다”며 “투자를 늘리는 것이 불가피하다”고 말했다.
정부도 세액 공제를 확대해 투자를 지원할 방침이다.
hong@newsis.com
▶ 네이버에서 뉴시스 구독하기
<저작권자ⓒ 공감언론 뉴시스통신사. 무단전재-재배포 금지.>
많이 본 기사
1 배터리 업계, 유럽 공장 증설 속도
2 은행권 대출 금리 또 내렸다
3 편의점 업계 1분기 실적 희비
"""

LOCAL_DUMP = """HOME
정치
경제
[경제] 중소기업 수출 지원 예산 2배로
기자명 김철수 기자
승인 2024년 5월 10일 14:32
댓글 0
산업통상자원부는 올해 중소기업 수출 지원 예산을 두 배인 2천억원으로 늘린다고 10일 밝혔다.

지원 대상은 연 매출 100억원 이하 기업으로, 해외 전시회 참가비와 물류비를 보조한다.

산업부 관계자는 "수출 초보 기업이 첫 계약을 따낼 수 있도록 돕겠다"고 말했다.

김철수 기자 cskim@example.co.kr

관련기사
중기부, 스타트업 해외 진출 지원 확대
수출 1분기 증가세 이어가
Copyright © 2024 예시경제. All rights reserved.
"""


def test_other_dump_layouts():
    a = kotext.segment(PORTAL_DUMP)
    assert a.title == "[단독] 반도체 업계, 하반기 투자 30% 확대"
    assert a.date == "2024-05-10T14:32:00" and a.kicker == ""
    assert (a.outlet, a.reporters, a.emails) == ("뉴시스", ["홍길동"], ["hong@newsis.com"])
    assert len(a.paragraphs) == 4 and a.paragraphs[0].startswith("국내 반도체 업계가")
    reasons = {b.text: b.reason for b in a.boilerplate}
    assert reasons["[서울=뉴시스] 홍길동 기자 ="] == "dateline"
    assert reasons["많이 본 기사"] == reasons["2 은행권 대출 금리 또 내렸다"] == "ranking list"
    b = kotext.segment(LOCAL_DUMP)
    assert b.title == "[경제] 중소기업 수출 지원 예산 2배로"
    assert b.date == "2024-05-10T14:32:00"
    assert b.reporters == ["김철수"] and b.outlet == "예시경제"
    assert len(b.paragraphs) == 3
    reasons = {x.text: x.reason for x in b.boilerplate}
    assert reasons["관련기사"] == reasons["수출 1분기 증가세 이어가"] == "related links"
    assert reasons["Copyright © 2024 예시경제. All rights reserved."] == "copyright notice"


def test_segment_many_repeated_page_headers():
    seed = need(SEED).read_text("utf-8")
    second = seed.replace("2021-02-04", "2021-02-05").replace("권승주", "김하늘")
    articles = kotext.segment_many(seed + "\n" + second)
    assert [a.date for a in articles] == ["2021-02-04", "2021-02-05"]
    assert [a.reporters for a in articles] == [["권승주"], ["김하늘"]]
    assert all(len(a.paragraphs) == 7 for a in articles)
    no_separators = re.sub(r"(?m)^-{4,}\s*$", "", sample_text())
    assert [a.title for a in kotext.segment_many(no_separators)] == [
        a.title for a in kotext.segment_many(sample_text())]
    assert len(kotext.segment_many(seed)) == 1


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    _pieces = st.sampled_from([
        "\n", "\n\n", " ", "<p>", "</p>", "<div>", "</div>", "<br>", "<a href='x'>", "</a>",
        "<img src=x>", "<h1>", "</h1>", "<li>", "<script>", "</script>", "<!--", "-->",
        "1.", "▶", "ⓒ", "기자", "홍길동 기자", "a@b.co", "(서울=연합뉴스)", "=", "2021-02-04",
        "입력 2021.02.04 10:21", "정부는 발표했다.", "“인용”이라고 말했다.", "…", "😀",
        "\u200b", "\ufeff", "다.", "요?", "[사진=연합뉴스]", "많이 본 뉴스", "관련기사", "&amp;",
    ])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.one_of(_pieces, st.text(max_size=8)), max_size=40))
    def test_never_fails_and_offsets_hold(parts):
        page = "".join(parts)
        for fmt in ("text", "html", "auto"):
            a = kotext.segment(page, format=fmt)
            text = a.text
            for s in a.sentences:
                assert text[s.start:s.end] == s.text
                assert 0 <= s.paragraph < len(a.paragraphs)
            assert all(p.strip() == p and p for p in a.paragraphs)
            a.to_dict()
            a._repr_html_()


PORTAL_HTML = """<html><head><meta charset="utf-8"><title>정부, 수출 지원 확대 : 뉴스</title>
<meta property="og:title" content="정부, 수출 지원 확대"><meta name="author" content="홍길동 기자">
</head><body><div class="gnb"><ul><li><a href="/">홈</a></li><li><a href="/e">경제</a></li></ul></div>
<div class="article_header"><div class="press">예시일보</div><h2 class="title">정부, 수출 지원 확대</h2>
<div class="info"><span>기사입력 <time datetime="2024-05-10T14:32:00+09:00">2024.05.10. 오후 2:32</time>
</span> <a href="#">원문보기</a></div></div>
<div id="articleBody">정부가 중소기업 수출 지원 예산을 두 배로 늘린다고 10일 밝혔다.<br><br>
지원 대상은 연 매출 100억원 이하 기업이다. 해외 전시회 참가비를 보조한다.<br><br>
<span class="photo"><img src="a.jpg"><em>수출 컨테이너가 쌓여 있다. 연합뉴스</em></span><br><br>
산업부 관계자는 "첫 계약을 돕겠다"고 말했다.<br><br>홍길동 기자 hong@example.com<br><br>
<a href="x">▶ 예시일보 구독하기</a><br><br>ⓒ 예시일보, 무단 전재 및 재배포 금지</div>
<div><h3>많이 본 뉴스</h3><ol><li><a href="1">첫째 인기 기사 제목이다</a></li>
<li><a href="2">둘째 인기 기사 제목이다</a></li></ol></div></body></html>"""


def test_portal_html_without_json_ld():
    a = kotext.segment(PORTAL_HTML)
    assert a.title == "정부, 수출 지원 확대"
    assert a.datetime == datetime.fromisoformat("2024-05-10T14:32:00+09:00")
    assert (a.outlet, a.reporters, a.emails) == ("예시일보", ["홍길동"], ["hong@example.com"])
    assert len(a.paragraphs) == 3 and a.paragraphs[-1].startswith("산업부 관계자는")
    reasons = {b.text: b.reason for b in a.boilerplate}
    assert reasons["수출 컨테이너가 쌓여 있다. 연합뉴스"] == "photo caption"
    assert reasons["▶ 예시일보 구독하기"] == "advertisement"
    assert reasons["둘째 인기 기사 제목이다"] == "ranking list"
    assert reasons["홈"] == "navigation"


def test_seed_layout_variants():
    """The seed's layout with the usual variations of such dumps."""
    seed = need(SEED).read_text("utf-8")
    title = "산업자원부·한국패션산업협회, ‘K패션 디지털 전환 포럼’ 출범"
    subtitle = "패션산업 디지털 전환 방향 논의…산업부·패션산업협회·서울대AI연구원 MOU 체결"
    single_newlines = re.sub(r"\n\s*\n+", "\n", seed)
    no_subtitle_caption = seed.replace(subtitle + "\n", "").replace(
        "이 포럼은 패션", "사진=패션엔 DB\n\n이 포럼은 패션")
    kicker_own_line = seed.replace("HOT & NEW 2021-02-04", "HOT & NEW\n\n2021.02.04 09:30")
    crlf = seed.replace("\n", "\r\n")
    for page in (single_newlines, no_subtitle_caption, kicker_own_line, crlf):
        a = kotext.segment(page)
        assert a.title == title
        assert a.kicker == "HOT & NEW"
        assert a.date.startswith("2021-02-04")
        assert (a.outlet, a.reporters) == ("패션엔", ["권승주"])
        assert len(a.paragraphs) == 7 and a.paragraphs[-1].endswith("마련할 예정”이라고 밝혔다.")
    assert kotext.segment(no_subtitle_caption).subtitle == []
    assert {b.text: b.reason for b in kotext.segment(no_subtitle_caption).boilerplate}[
        "사진=패션엔 DB"] == "photo caption"
    assert kotext.segment(kicker_own_line).datetime.hour == 9


def test_article_pickles():
    import pickle

    for a in kotext.segment_many(sample_text()):
        b = pickle.loads(pickle.dumps(a))
        assert b == a and b.text == a.text and b.sentences == a.sentences


def test_headline_first_dumps():
    """Dumps that open with the headline, followed by sub-headlines and a byline."""
    page = ("北, 당 중앙군사위 확대회의…비핵화 전 新국방정책 채택?\n\n"
            "중앙통신 \"국가방위 개선대책 결정\"\n\n"
            "(서울=뉴스1) 문대현 기자 = 북한은 노동당 중앙군사위원회 확대회의를 열었다고 밝혔다.\n\n"
            "회의에서는 국가방위사업 개선 대책이 논의된 것으로 알려졌다.\n")
    a = kotext.segment(page)
    assert a.title == "北, 당 중앙군사위 확대회의…비핵화 전 新국방정책 채택?"
    assert a.subtitle == ["중앙통신 \"국가방위 개선대책 결정\""]
    assert (a.outlet, a.reporters) == ("뉴스1", ["문대현"])
    assert a.paragraphs[0].startswith("북한은 노동당")
    quoted = kotext.segment("탈북 허씨 “통일부 찾았어도 허사…기획 탈북 맞다”\n\n[앵커]\n\n"
                            "북한 식당 여종업원들의 기획 탈북 의혹에 대해 정부는 입장을 밝혔다.\n")
    assert quoted.title == "탈북 허씨 “통일부 찾았어도 허사…기획 탈북 맞다”"
    pictured = kotext.segment("유승민, 외연확장 버리나\n\n[서울경제] 유승민(사진) 바른미래당 공동대표가 "
                              "특검과 남북 문제를 두고 여권을 비판했다.\n")
    assert pictured.paragraphs and "유승민(사진)" in pictured.paragraphs[0]


def test_json_ld_picks_the_pages_own_article():
    ld_related = ('{"@type": "NewsArticle", "headline": "다른 기사의 제목", '
                  '"datePublished": "2024-01-01T00:00:00+09:00", "author": {"name": "김철수"}}')
    ld_own = ('{"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "x"}, '
              '{"@type": "NewsArticle", "headline": "정부, &quot;수출&quot; 지원 확대", '
              '"datePublished": "2024-05-10T14:32:00+09:00", '
              '"author": [{"@type": "Person", "name": "홍길동"}, '
              '{"@type": "Organization", "name": "예시일보"}], '
              '"publisher": {"@type": "Organization", "name": "예시일보"}}]}')
    html = (f'<html><head><meta property="og:title" content="정부, “수출” 지원 확대 | 예시일보">'
            f'<script type="application/ld+json">{ld_related}</script>'
            f'<script type="application/ld+json">{ld_own}</script>'
            f'<script type="application/ld+json">{{broken json</script></head><body>'
            f'<h1>정부, “수출” 지원 확대</h1><p>정부가 중소기업 수출 지원 예산을 두 배로 늘린다고 밝혔다.</p>'
            f'</body></html>')
    a = kotext.segment(html)
    assert a.title == '정부, "수출" 지원 확대'
    assert a.date == "2024-05-10T14:32:00+09:00"
    assert a.reporters == ["홍길동"] and a.outlet == "예시일보"
    assert a.paragraphs == ["정부가 중소기업 수출 지원 예산을 두 배로 늘린다고 밝혔다."]
