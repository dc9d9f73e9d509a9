// Tests of the HTML walk (kotext/segment_html.hpp), and of an HTML page segmented end to end
// without Python.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kotext/segment.hpp"
#include "kotext/segment_html.hpp"

using kotext::BlockLabel;
using kotext::BlockTag;

TEST(SegmentHtml, BlocksCarryMarkupRoles) {
  kotext::HtmlPage page = kotext::parse_html_page(
      "<html><head><title>제목 - 사이트</title><meta property=og:title content=제목>"
      "<script type=application/ld+json>{\"headline\":\"제목\"}</script></head><body>"
      "<nav><a href=/>홈</a> <a href=/2>경제</a></nav><h1>정부, 수출 지원 확대</h1>"
      "<p>정부가 수출 기업 지원을 늘린다고 밝혔다.<br>지원은 내년부터 시작된다.</p>"
      "<div class=\"article hide\">숨은 사본</div><p>두 번째 &amp; 마지막 문단이다.</p>"
      "</body></html>");
  ASSERT_EQ(page.blocks.size(), 5u);
  EXPECT_EQ(page.blocks[0].text, "홈 경제");
  EXPECT_TRUE(page.blocks[0].navigation);
  EXPECT_EQ(page.blocks[0].link_chars, 3u);
  EXPECT_EQ(page.blocks[1].tag, BlockTag::Heading);
  EXPECT_EQ(page.blocks[1].heading_level, 1);
  EXPECT_EQ(page.blocks[2].text, "정부가 수출 기업 지원을 늘린다고 밝혔다.\n지원은 내년부터 시작된다.");
  EXPECT_EQ(page.blocks[2].tag, BlockTag::Paragraph);
  EXPECT_TRUE(page.blocks[3].hidden);
  EXPECT_EQ(page.blocks[4].text, "두 번째 & 마지막 문단이다.");
  ASSERT_TRUE(page.has_title);
  EXPECT_EQ(page.title, "제목 - 사이트");
  ASSERT_EQ(page.meta.size(), 1u);
  EXPECT_EQ(page.meta[0].key, "og:title");
  ASSERT_EQ(page.json_ld.size(), 1u);

  kotext::SegmentOptions options;
  options.title_hint = "정부, 수출 지원 확대";
  kotext::Segmentation seg = kotext::classify_blocks(page.blocks, options);
  EXPECT_EQ(seg.labels[1], BlockLabel::Title);
  EXPECT_EQ(seg.labels[2], BlockLabel::Body);
}

TEST(SegmentHtml, DeepNestingIsBounded) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div><span>";
  deep += "깊은 문단이다.";
  std::vector<kotext::Block> blocks = kotext::html_blocks(deep);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].text, "깊은 문단이다.");
}

TEST(SegmentHtml, MalformedInputGivesBlocksOrNothing) {
  EXPECT_TRUE(kotext::html_blocks("").empty());
  EXPECT_TRUE(kotext::html_blocks("<<<>>></</div>").size() <= 1u);
  std::vector<kotext::Block> blocks = kotext::html_blocks("<p>열린 문단<p>둘째 문단", true);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_TRUE(blocks[1].hidden);
}
