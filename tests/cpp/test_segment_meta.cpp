// Tests of the page path without Python (kotext/segment_meta.hpp): metadata, script
// payloads, dump splitting, and the two HTML parsers giving the same walk.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kotext/segment_meta.hpp"

namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kSentence = "정부는 수출 기업의 디지털 전환을 돕는 지원책을 내년부터 시행한다고 밝혔다. ";

}  // namespace

TEST(SegmentMeta, JsonLdAndMetaTags) {
  // A raw newline inside a JSON string (pages write them), @graph, an organization author.
  std::vector<std::string> json_ld = {
      "{\"@graph\": [{\"@type\": \"WebSite\", \"name\": \"한국일보\"}, {\"@type\": \"NewsArticle\","
      " \"headline\": \"수출 &amp; 지원\", \"datePublished\": \"2025-05-15T20:00:52+09:00\","
      " \"author\": [{\"@type\": \"Person\", \"name\": \"홍길동\"}, {\"@type\": \"Organization\","
      " \"name\": \"한국일보\"}], \"articleBody\": \"첫 줄\n둘째 줄\"}]}",
      "{not json"};
  std::vector<kotext::HtmlMetaTag> meta = {{"OG:Title", " 수출 & 지원 - 한국일보 ", true},
                                           {"og:site_name", "한국일보", true},
                                           {"og:url", "https://example.com/a", true},
                                           {"description", "", false}};
  std::string title = "수출 & 지원 | 한국일보";
  kotext::PageMetadata m = kotext::read_metadata(meta, json_ld, &title, nullptr);
  EXPECT_EQ(m.evidence.headline, "수출 & 지원");
  EXPECT_EQ(m.evidence.date, "2025-05-15T20:00:52+09:00");
  EXPECT_EQ(m.evidence.authors, std::vector<std::string>{"홍길동"});
  EXPECT_EQ(m.evidence.outlet, "한국일보");
  EXPECT_EQ(m.article_body, "첫 줄\n둘째 줄");
  EXPECT_EQ(m.url, "https://example.com/a");
  ASSERT_EQ(m.evidence.titles.size(), 2u);
  EXPECT_EQ(m.evidence.titles[0], "수출 & 지원 - 한국일보");
  EXPECT_EQ(m.evidence.titles[1], title);
  EXPECT_NE(std::find(m.evidence.site_names.begin(), m.evidence.site_names.end(), "한국일보"),
            m.evidence.site_names.end());
  EXPECT_EQ(kotext::html_unescape("a&nbsp;b &#x1F600; &#39; &bogus; &"), "a\u00a0b \U0001F600 ' &bogus; &");
}

TEST(SegmentMeta, ScriptPayloads) {
  std::string body = repeat(kSentence, 4);
  // Arc XP: the state object is followed by more script.
  std::vector<kotext::HtmlScript> arc = {
      {"", "", "Fusion.globalContent = {\"content_elements\": [{\"type\": \"text\", \"content\": \"" + body +
                   "\"}]}; Fusion.other = 1;"}};
  auto html = kotext::script_article_html(arc, "");
  ASSERT_TRUE(html.has_value());
  EXPECT_EQ(*html, "<p>" + body + "</p>");
  // Next.js flight chunks: a text row split over two pushes, with escaped HTML.
  std::string escaped = "\\u003cp\\u003e" + body + "\\u003c/p\\u003e";
  std::vector<kotext::HtmlScript> flight = {
      {"", "", "self.__next_f.push([1, \"1:T40,\"])"},
      {"", "", "self.__next_f.push([1, \"" + escaped + "\\n2:[\\\"$\\\",\\\"div\\\",null,{}]\\n\"])"}};
  html = kotext::script_article_html(flight, "");
  ASSERT_TRUE(html.has_value());
  EXPECT_EQ(*html, "<p>" + body + "</p>\n");  // the text row, to the next row
  // Nothing article-like, bad JSON, and nesting past the limit give nothing (and return).
  std::vector<kotext::HtmlScript> bad = {{"application/json", "", "{\"a\": \"짧다\"}"},
                                         {"", "__NEXT_DATA__", "{\"a\": [1, 2"},
                                         {"", "", "__INITIAL_STATE__ = " + repeat("[", 100000)}};
  EXPECT_FALSE(kotext::script_article_html(bad, "").has_value());
}

TEST(SegmentMeta, SplitDump) {
  using V = std::vector<std::string>;
  EXPECT_EQ(kotext::split_dump("첫 기사\n\n본문이다.\n----\n둘째 기사\n\n본문이다.\n"),
            (V{"첫 기사\n\n본문이다.\n", "\n둘째 기사\n\n본문이다.\n"}));
  EXPECT_EQ(kotext::split_dump("<!doctype html><p>하나</p>\n<html><p>둘</p></html>"),
            (V{"<!doctype html><p>하나</p>\n", "<html><p>둘</p></html>"}));
  std::string a = "HOT & NEW 2021-02-04\n제목 하나\n본문 하나이다.\n";
  std::string b = "HOT & NEW 2021-02-05\n제목 둘\n본문 둘이다.\n";
  EXPECT_EQ(kotext::split_dump(a + b), (V{a, b}));
  EXPECT_EQ(kotext::split_dump("  \n\n"), V{});
  EXPECT_TRUE(kotext::looks_like_html("<div><p>본문</p></div>"));
  EXPECT_FALSE(kotext::looks_like_html("a < b 이고 c > d 이다"));
}

TEST(SegmentMeta, ParsersGiveTheSameWalk) {
  std::string page =
      "<!doctype html><html><head><title>제목</title></head><body><nav><a href=/>홈</a></nav>"
      "<h1>수출 지원 확대</h1></#-- 프로필 끝 --><![if !IE]><p>정부가\x01 지원을<br>늘린다.</p>"
      "<table><tr><td>표 안의 글</td></tr></table><p>둘째 문단</body></html>";
  kotext::HtmlWalkOptions gumbo;
  gumbo.parser = kotext::HtmlParser::Gumbo;
  std::vector<kotext::Block> a = kotext::html_blocks(page), b = kotext::html_blocks(page, false, gumbo);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].text, b[i].text);
    EXPECT_EQ(a[i].tag, b[i].tag);
    EXPECT_EQ(a[i].navigation, b[i].navigation);
  }
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[2].text, "정부가\x01 지원을\n늘린다.");  // the page's characters, kept
  // Deeper than libxml2's 256 open elements: the text and what follows are kept.
  std::string deep = repeat("<div>", 300) + "<p>깊은 문단</p>" + repeat("</div>", 300) + "<p>뒤 문단</p>";
  std::vector<kotext::Block> d = kotext::html_blocks(deep);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[1].text, "뒤 문단");
}

TEST(SegmentMeta, WholeHtmlPage) {
  std::string body = repeat(kSentence, 3);
  std::string page =
      "<html><head><title>수출 지원 확대 - 한국일보</title><meta property=og:url content=https://e.com/1>"
      "<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":\"수출 지원 확대\","
      "\"datePublished\":\"2025-05-15T20:00:52+09:00\"}</script></head><body>"
      "<h1>수출 지원 확대</h1><p>" + body + "</p><p>홍길동 기자 hong@example.com</p></body></html>";
  kotext::HtmlArticle a = kotext::segment_html(page);
  EXPECT_EQ(a.parts.title, "수출 지원 확대");
  EXPECT_EQ(a.url, "https://e.com/1");
  ASSERT_TRUE(a.parts.has_date);
  EXPECT_EQ(a.parts.date.day, 15);
  ASSERT_FALSE(a.parts.paragraphs.empty());
  EXPECT_EQ(a.parts.paragraphs[0] + " ", body);
}
