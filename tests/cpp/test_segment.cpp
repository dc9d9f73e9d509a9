// Tests of the block classifier and its pattern helpers (kotext/segment.hpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kotext/segment.hpp"
#include "kotext/utf8.hpp"

using kotext::Block;
using kotext::BlockLabel;
using kotext::BlockTag;
using kotext::BoilerplateReason;

namespace {

std::vector<Block> lines(const std::vector<std::string>& texts) {
  std::vector<Block> blocks;
  for (const auto& t : texts) {
    Block b;
    b.text = t;
    blocks.push_back(b);
  }
  return blocks;
}

Block link(const std::string& text) {
  Block b;
  b.text = text;
  b.link_chars = text.size();  // bytes >= code points: fully linked
  return b;
}

}  // namespace

TEST(Segment, TextDumpLabels) {
  auto blocks = lines({
      "HOT & NEW 2021-02-04",
      "산업자원부·한국패션산업협회, ‘K패션 디지털 전환 포럼’ 출범",
      "패션산업 디지털 전환 방향 논의…산업부·패션산업협회 MOU 체결",
      "산업통상자원부와 한국패션산업협회는 2월 3일 정책협의회를 개최했다.",
      "이 포럼은 패션 산업의 디지털 전환 방향을 논의하기 위해 출범했다.",
      "시작부터 통합이었다.",
      "한편, 산업부 실장은 “전략을 조속히 마련할 예정”이라고 밝혔다.",
      "패션엔 권승주 기자",
      "fashionn@fashionn.com",
      "News Ranking",
      "1.고원희, 미니멀 블랙룩의 진수! 숏컷과 찰떡 터틀넥",
      "2.송가인, 이젠 파워 인플루언서! 10만 유튜버",
      "3.한지혜, 땡땡이 원피스도 럭셔리!",
      "이미지",
      "이미지",
      "Copyright ⓒ 패션엔. 무단전재 및 재배포 금지",
  });
  auto seg = kotext::classify_blocks(blocks);
  ASSERT_EQ(seg.labels.size(), blocks.size());
  EXPECT_EQ(seg.labels[0], BlockLabel::Date);
  EXPECT_EQ(seg.title, 1);
  EXPECT_EQ(seg.labels[1], BlockLabel::Title);
  EXPECT_EQ(seg.labels[2], BlockLabel::Subtitle);
  for (int i = 3; i <= 6; ++i) EXPECT_EQ(seg.labels[i], BlockLabel::Body) << i;
  EXPECT_EQ(seg.body_begin, 3);
  EXPECT_EQ(seg.body_end, 7);
  EXPECT_EQ(seg.labels[7], BlockLabel::Byline);
  EXPECT_EQ(seg.labels[8], BlockLabel::Byline);
  EXPECT_EQ(seg.reasons[9], BoilerplateReason::RankingList);
  EXPECT_EQ(seg.reasons[10], BoilerplateReason::RankingList);
  EXPECT_EQ(seg.reasons[13], BoilerplateReason::Navigation);
  EXPECT_EQ(seg.reasons[15], BoilerplateReason::Copyright);
  EXPECT_EQ(seg.reasons[3], BoilerplateReason::None);
}

TEST(Segment, HtmlLinksCaptionsAndTitleHint) {
  std::vector<Block> blocks;
  blocks.push_back(link("홈"));
  blocks.push_back(link("정치"));
  Block h1;
  h1.text = "정부, 반도체 지원 확대";
  h1.tag = BlockTag::Heading;
  h1.heading_level = 1;
  blocks.push_back(h1);
  auto body = lines({"정부가 반도체 기업에 대한 지원을 확대한다고 12일 밝혔다.",
                     "지원 규모는 지난해보다 20% 늘어난 것으로 알려졌다."});
  blocks.push_back(body[0]);
  Block cap;
  cap.text = "반도체 공장 내부 모습. [사진=코텍스트뉴스]";
  cap.tag = BlockTag::Caption;
  blocks.push_back(cap);
  blocks.push_back(body[1]);
  blocks.push_back(link("▶ 관련기사: 반도체 수출 역대 최대 기록을 세웠다"));
  blocks.push_back(link("다른 기사 제목이 여기에 길게 이어진다"));
  kotext::SegmentOptions options;
  options.title_hint = "정부, 반도체 지원 확대 - 코텍스트뉴스";
  auto seg = kotext::classify_blocks(blocks, options);
  EXPECT_EQ(seg.title, 2);
  EXPECT_EQ(seg.labels[3], BlockLabel::Body);
  EXPECT_EQ(seg.reasons[4], BoilerplateReason::PhotoCaption);
  EXPECT_EQ(seg.labels[5], BlockLabel::Body);
  EXPECT_EQ(seg.reasons[6], BoilerplateReason::Advertisement);
  EXPECT_EQ(seg.reasons[7], BoilerplateReason::RelatedLinks);
  EXPECT_EQ(seg.reasons[0], BoilerplateReason::Navigation);
}

TEST(Segment, EmptyAndOddInput) {
  EXPECT_TRUE(kotext::classify_blocks({}).labels.empty());
  auto seg = kotext::classify_blocks(lines({"", " ", "\xff\xfe", std::string(1, '\0')}));
  EXPECT_EQ(seg.labels.size(), 4u);
  EXPECT_EQ(seg.body_begin, -1);
  for (auto l : seg.labels) EXPECT_EQ(l, BlockLabel::Boilerplate);
}

TEST(Segment, Features) {
  Block b;
  b.text = "1. 고원희, 미니멀 블랙룩의 진수!";
  auto f = kotext::block_features(b);
  EXPECT_TRUE(f.numbered);
  EXPECT_FALSE(f.content);
  b.text = "정부가 반도체 기업에 대한 지원을 확대한다고 밝혔다. 규모는 늘었다.";
  f = kotext::block_features(b);
  EXPECT_EQ(f.sentence_ends, 2u);
  EXPECT_TRUE(f.terminal);
  EXPECT_TRUE(f.content);
  EXPECT_GT(f.hangul_ratio, 0.9);
  b.text = "홍길동 기자 hong@example.com";
  f = kotext::block_features(b);
  EXPECT_TRUE(f.byline);
  EXPECT_TRUE(f.email);
  b.text = "입력 2021.02.04 10:21";
  EXPECT_TRUE(kotext::block_features(b).date);
}

TEST(Segment, FindDates) {
  auto d = kotext::find_dates("입력 2021.02.04 10:21 | 수정 2021-02-05T08:00:00.000+0900");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].year, 2021);
  EXPECT_EQ(d[0].month, 2);
  EXPECT_EQ(d[0].day, 4);
  EXPECT_EQ(d[0].hour, 10);
  EXPECT_EQ(d[0].minute, 21);
  EXPECT_FALSE(d[0].has_tz);
  EXPECT_FALSE(d[0].modified);
  EXPECT_EQ(std::string("입력 ").size(), d[0].begin);
  EXPECT_TRUE(d[1].has_tz);
  EXPECT_EQ(d[1].tz_minutes, 540);
  EXPECT_TRUE(d[1].modified);
  auto k = kotext::find_dates("2021년 2월 4일 오후 3시 5분");
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k[0].hour, 15);
  EXPECT_EQ(k[0].minute, 5);
  EXPECT_TRUE(kotext::find_dates("2021-02-30 0.1% 123456789 2010.13.01").empty());
  EXPECT_EQ(kotext::find_dates("2010. 01. 01. 발표").size(), 1u);
}

TEST(Segment, Bylines) {
  auto b = kotext::parse_byline("패션엔 권승주 기자");
  ASSERT_EQ(b.reporters.size(), 1u);
  EXPECT_EQ(b.reporters[0], "권승주");
  EXPECT_EQ(b.outlet, "패션엔");
  b = kotext::parse_byline("(서울=연합뉴스) 임화섭 김지헌 기자 =");
  ASSERT_EQ(b.reporters.size(), 2u);
  EXPECT_EQ(b.reporters[1], "김지헌");
  EXPECT_EQ(b.outlet, "연합뉴스");
  b = kotext::parse_byline("한국일보 홍길동·김철수 기자 hong@hk.co.kr");
  ASSERT_EQ(b.reporters.size(), 2u);
  EXPECT_EQ(b.outlet, "한국일보");
  ASSERT_EQ(b.emails.size(), 1u);
  EXPECT_EQ(b.emails[0], "hong@hk.co.kr");
  EXPECT_TRUE(kotext::parse_byline("그는 기자회견에서 말했다.").reporters.empty());
  EXPECT_EQ(kotext::dateline_length("(로마=연합뉴스) 전성훈 특파원 = 이탈리아"),
            std::string("(로마=연합뉴스) 전성훈 특파원 = ").size());
  EXPECT_EQ(kotext::dateline_length("[헤럴드경제] 신종"), std::string("[헤럴드경제] ").size());
  EXPECT_EQ(kotext::dateline_length("(1) 첫째"), 0u);
  EXPECT_EQ(kotext::dateline_length("(서울=연합뉴스)"), 0u);
}

TEST(Segment, LimitHtmlNesting) {
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "<div class='a>b'>";
  deep += "text";
  for (int i = 0; i < 2000; ++i) deep += "</div>";
  bool changed = false;
  std::string flat = kotext::limit_html_nesting(deep, 100, &changed);
  EXPECT_TRUE(changed);
  std::size_t opens = 0, closes = 0;
  for (std::size_t p = flat.find("<div"); p != std::string::npos; p = flat.find("<div", p + 1))
    ++opens;
  for (std::size_t p = flat.find("</div"); p != std::string::npos; p = flat.find("</div", p + 1))
    ++closes;
  EXPECT_EQ(opens, 100u);
  EXPECT_EQ(closes, 100u);
  std::string normal = "<p>a<p>b<script>'<div><div>'</script><!-- <div> --><br></p>";
  EXPECT_EQ(kotext::limit_html_nesting(normal, 2, &changed), normal);
  EXPECT_FALSE(changed);
  EXPECT_EQ(kotext::limit_html_nesting("<<<<a", 1, &changed), "<<<<a");
}

TEST(Segment, CleanParagraphWireCopy) {
  // The layout of KSS's clean-news example: dateline + byline before the first sentence,
  // photo credit, copyright notice and promo links after the last one.
  auto c = kotext::clean_paragraph(
      "(서울=뉴스1) 이동원 기자 = 10일 직원들이 정원을 손질하고 있다. 정원은 다음 달 공개된다. "
      "(에버랜드 제공)2013.3.10/뉴스1 < 저작권자 뉴스1 코리아, 무단전재 및 재배포 금지 > "
      "☞ 뉴스1 바로가기 [스타뉴스 핫이슈] 봄나들이 명소",
      true);
  EXPECT_EQ(c.text, "10일 직원들이 정원을 손질하고 있다. 정원은 다음 달 공개된다.");
  ASSERT_EQ(c.cuts.size(), 5u);
  EXPECT_EQ(c.cuts[0].text, "(서울=뉴스1) 이동원 기자 =");
  EXPECT_EQ(c.cuts[0].reason, BoilerplateReason::Dateline);
  EXPECT_EQ(c.cuts[1].text, "(에버랜드 제공)");
  EXPECT_EQ(c.cuts[1].reason, BoilerplateReason::PhotoCaption);
  EXPECT_EQ(c.cuts[2].text, "2013.3.10/뉴스1");
  EXPECT_EQ(c.cuts[3].reason, BoilerplateReason::Copyright);
  EXPECT_EQ(c.cuts[4].reason, BoilerplateReason::RelatedLinks);
  auto by = kotext::parse_byline(c.cuts[0].text);
  EXPECT_EQ(by.outlet, "뉴스1");
  ASSERT_EQ(by.reporters.size(), 1u);
  EXPECT_EQ(by.reporters[0], "이동원");
}

TEST(Segment, CleanParagraphKeepsText) {
  // A credit in the middle of text, datelines outside the first paragraph and a bracketed
  // aside are text.
  auto c = kotext::clean_paragraph("정원은 (에버랜드 제공) 다음 달 공개된다. 관람객이 많다.", true);
  EXPECT_EQ(c.text, "정원은 (에버랜드 제공) 다음 달 공개된다. 관람객이 많다.");
  EXPECT_TRUE(c.cuts.empty());
  c = kotext::clean_paragraph("(서울=연합뉴스) 홍길동 기자 = 정부는 11일 발표했다.", false);
  EXPECT_TRUE(c.cuts.empty());
  c = kotext::clean_paragraph("[한국일보 홍길동 기자] 정부는 11일 대책을 발표했다.", true);
  EXPECT_EQ(c.text, "정부는 11일 대책을 발표했다.");
  ASSERT_EQ(c.cuts.size(), 1u);
  c = kotext::clean_paragraph("【서울=뉴시스】 정부는 11일 대책을 발표했다. ⓒ 뉴시스 무단전재 금지", true);
  EXPECT_EQ(c.text, "정부는 11일 대책을 발표했다.");
  ASSERT_EQ(c.cuts.size(), 2u);
  EXPECT_EQ(c.cuts[1].reason, BoilerplateReason::Copyright);
  c = kotext::clean_paragraph("정부는 대책을 발표했다. 홍길동 기자 hong@example.com", false);
  EXPECT_EQ(c.text, "정부는 대책을 발표했다.");
  ASSERT_EQ(c.cuts.size(), 1u);
  EXPECT_EQ(c.cuts[0].reason, BoilerplateReason::Byline);
  c = kotext::clean_paragraph("", true);
  EXPECT_EQ(c.text, "");
  c = kotext::clean_paragraph("\xff\xfe 잘못된 바이트", true);  // lenient, never throws
  EXPECT_FALSE(c.text.empty());
}

TEST(Segment, StripSiteName) {
  using kotext::strip_site_name;
  EXPECT_EQ(strip_site_name("정부, 대책 발표-정치ㅣ한국일보", {"한국일보"}), "정부, 대책 발표");
  EXPECT_EQ(strip_site_name("정부, 대책 발표 | 예시뉴스", {}), "정부, 대책 발표");
  EXPECT_EQ(strip_site_name("정부, 대책 발표 - 예시경제", {"예시경제"}), "정부, 대책 발표");
  EXPECT_EQ(strip_site_name("예시뉴스 :: 정부, 대책 발표", {"예시뉴스"}), "정부, 대책 발표");
  EXPECT_EQ(strip_site_name("정부, 대책 발표 ｜ 예시 뉴스", {"예시뉴스"}), "정부, 대책 발표");
  EXPECT_EQ(strip_site_name("정부, 대책 발표 < 정치 < 기사본문 - 예시일보", {"예시일보"}),
            "정부, 대책 발표");
  EXPECT_EQ(strip_site_name("[사진]봄꽃 축제 개막", {}), "봄꽃 축제 개막");
  // Headlines that only look like a site-name suffix stay whole.
  EXPECT_EQ(strip_site_name("코로나-19 확산세 주춤", {}), "코로나-19 확산세 주춤");
  EXPECT_EQ(strip_site_name("[속보] 정부: 대책 발표", {}), "[속보] 정부: 대책 발표");
  EXPECT_EQ(strip_site_name("예시뉴스", {"예시뉴스"}), "예시뉴스");
}

TEST(Segment, HiddenCopyKeptOnce) {
  std::vector<Block> blocks;
  const std::vector<std::string> body = {
      "정부는 11일 새 대책을 발표하고 내년부터 시행한다고 밝혔다. 관계 부처는 준비에 들어갔다.",
      "대책에는 지원금 확대와 규제 완화가 담겼다. 업계는 환영한다는 입장을 냈다고 전했다.",
      "전문가들은 실효성을 높이려면 후속 조치가 필요하다고 지적했다. 논의는 이어질 전망이다."};
  auto add = [&](bool hidden) {
    for (const auto& t : body) {
      Block b;
      b.text = t;
      b.tag = BlockTag::Paragraph;
      b.hidden = hidden;
      blocks.push_back(b);
    }
  };
  add(true);  // a hidden print copy first
  blocks.push_back(link("홈"));
  add(false);
  auto seg = kotext::classify_blocks(blocks);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(seg.labels[i], BlockLabel::Boilerplate) << i;
    EXPECT_EQ(seg.reasons[i], BoilerplateReason::Duplicate) << i;
    EXPECT_EQ(seg.labels[i + 4], BlockLabel::Body) << i;
  }
  // The hidden copy alone is the body.
  blocks.resize(3);
  seg = kotext::classify_blocks(blocks);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(seg.labels[i], BlockLabel::Body) << i;
  // Two visible copies (an AMP or mail copy printed twice): the first is kept.
  blocks.clear();
  add(false);
  add(false);
  seg = kotext::classify_blocks(blocks);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(seg.labels[i], BlockLabel::Body) << i;
    EXPECT_EQ(seg.reasons[i + 3], BoilerplateReason::Duplicate) << i;
  }
}

TEST(Segment, TextDumpPathWithoutPython) {
  // The whole text path in C++: dump -> blocks -> labels -> cleaned paragraphs.
  const std::string dump =
      "[사진]에버랜드, 봄꽃 축제 앞두고 튤립 정원 단장\r\n\r\n"
      "(서울=뉴스1) 이동원 기자 = 10일 경기도 용인 에버랜드에서 직원들이 튤립 정원을 손질하고 "
      "있다. (에버랜드 제공)2013.3.10/뉴스1 < 저작권자 뉴스1 코리아, 무단전재 및 재배포 금지 >\n"
      "\n"
      "관람객들은 다음 달부터 정원을 둘러볼 수 있다고 에버랜드는 밝혔다.\n"
      "\n"
      "• 관람 시간은 오전 10시부터다\n";
  auto blocks = kotext::text_dump_blocks(dump);
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_EQ(blocks[3].tag, BlockTag::ListItem);
  kotext::SegmentOptions options;
  options.text_dump = true;
  auto seg = kotext::classify_blocks(blocks, options);
  EXPECT_EQ(seg.title, 0);
  EXPECT_EQ(kotext::strip_site_name(blocks[0].text, {}), "에버랜드, 봄꽃 축제 앞두고 튤립 정원 단장");
  ASSERT_EQ(seg.labels[1], BlockLabel::Body);
  EXPECT_EQ(seg.labels[2], BlockLabel::Body);
  auto first = kotext::clean_paragraph(blocks[1].text, true);
  EXPECT_EQ(first.text, "10일 경기도 용인 에버랜드에서 직원들이 튤립 정원을 손질하고 있다.");
  EXPECT_EQ(first.cuts.size(), 4u);
}

TEST(Segment, TextDumpBlocksJoinWrappedLinesAndRoles) {
  std::string dump = "제목 줄입니다 여기\n\n";
  const std::string line = "가나다라마바사아자차카타파하 가나다라마바사아자차카타파하 가나다";  // 33
  for (int i = 0; i < 10; ++i) dump += line + "\n";
  dump += "끝났다.\n\n홍길동\n기자\n";
  auto blocks = kotext::text_dump_blocks(dump);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0].text, "제목 줄입니다 여기");
  EXPECT_NE(blocks[1].text.find("끝났다."), std::string::npos);  // ten wrapped lines + the end
  EXPECT_EQ(blocks[2].text, "홍길동 기자");
  EXPECT_TRUE(kotext::text_dump_blocks("").empty());
  EXPECT_TRUE(kotext::text_dump_blocks("\n \n\t\n").empty());
  EXPECT_EQ(kotext::text_dump_blocks("\xff\xfe").size(), 1u);  // lenient
}

TEST(Segment, TuningValuesAreHonoured) {
  kotext::SegmentTuning tight;
  tight.max_site_label_chars = 3;  // "예시뉴스" (4) is no longer a label by length alone
  EXPECT_EQ(kotext::strip_site_name("정부, 대책 발표 | 예시뉴스", {}, tight),
            "정부, 대책 발표 | 예시뉴스");
  EXPECT_EQ(kotext::strip_site_name("정부, 대책 발표 | 예시뉴스", {"예시뉴스"}, tight),
            "정부, 대책 발표");  // a known site name still goes
  tight.max_credit_chars = 4;  // "(에버랜드 제공)" is 7 inside
  auto c = kotext::clean_paragraph("정원은 다음 달 공개된다. (에버랜드 제공)", false, tight);
  EXPECT_TRUE(c.cuts.empty());
  EXPECT_EQ(kotext::clean_paragraph("정원은 다음 달 공개된다. (에버랜드 제공)", false).cuts.size(), 1u);
}

TEST(Segment, ArticleFromATextDumpWithoutPython) {
  // Dump -> blocks -> segment_article: every field of the article in C++.
  const std::string dump =
      "경제 2026-03-12\n\n"
      "[사진]에버랜드, 봄꽃 축제 앞두고 튤립 정원 단장\n\n"
      "(서울=뉴스1) 이동원 기자 = 10일 경기도 용인 에버랜드에서 직원들이 튤립 정원을 손질하고 "
      "있다. (에버랜드 제공)2013.3.10/뉴스1 < 저작권자 뉴스1 코리아, 무단전재 및 재배포 금지 >\n\n"
      "관람객들은 다음 달부터 정원을 둘러볼 수 있다. 입장료는 그대로다.\n";
  kotext::ArticleParts a = kotext::segment_article(kotext::text_dump_blocks(dump), {});
  EXPECT_EQ(a.title, "에버랜드, 봄꽃 축제 앞두고 튤립 정원 단장");
  EXPECT_EQ(a.kicker, "경제");
  ASSERT_TRUE(a.has_date);
  EXPECT_EQ(a.date.year, 2026);
  EXPECT_EQ(a.date.month, 3);
  EXPECT_EQ(a.date.day, 12);
  ASSERT_EQ(a.paragraphs.size(), 2u);
  EXPECT_EQ(a.paragraphs[0], "10일 경기도 용인 에버랜드에서 직원들이 튤립 정원을 손질하고 있다.");
  EXPECT_EQ(a.reporters, std::vector<std::string>{"이동원"});
  EXPECT_EQ(a.outlet, "뉴스1");
  ASSERT_EQ(a.sentences.size(), 3u);  // one in the first paragraph, two in the second
  EXPECT_EQ(a.sentences[0].paragraph, 0u);
  EXPECT_EQ(a.sentences[1].paragraph, 1u);
  EXPECT_EQ(a.sentences[2].paragraph, 1u);
  EXPECT_EQ(a.sentences[1].begin, kotext::utf8::length(a.paragraphs[0]) + 2);
  std::vector<BoilerplateReason> reasons;
  for (const auto& b : a.boilerplate) reasons.push_back(b.reason);
  EXPECT_EQ(reasons.front(), BoilerplateReason::Dateline);
  EXPECT_TRUE(kotext::segment_article({}, {}).paragraphs.empty());
}

TEST(Segment, ArticleWeighsMetadataAgainstBlocks) {
  std::vector<Block> blocks = lines({"홈 | 정치 | 경제 | 사회",
                                     "정부, 내년부터 중소기업 지원 확대",
                                     "정부가 내년부터 중소기업 지원 사업을 크게 늘리기로 했다.",
                                     "업계는 환영한다는 입장을 냈다고 관계자가 밝혔다.",
                                     "ⓒ 예시일보, 무단 전재 및 재배포 금지"});
  blocks[1].tag = BlockTag::Heading;
  blocks[1].heading_level = 1;
  kotext::PageEvidence meta;
  meta.present = true;
  meta.titles = {"정부, 내년부터 중소기업 지원 확대-정치ㅣ예시일보"};
  meta.site_names = {"예시일보"};
  meta.date = "2024-03-11T14:20:00+09:00";
  meta.author_strings = {"By 홍길동 기자, 예시일보 온라인팀"};
  kotext::ArticleParts a = kotext::segment_article(blocks, meta);
  EXPECT_EQ(a.title, "정부, 내년부터 중소기업 지원 확대");  // the visible headline
  EXPECT_EQ(a.paragraphs.size(), 2u);
  EXPECT_EQ(a.reporters, std::vector<std::string>{"홍길동"});  // the desk is no reporter
  EXPECT_EQ(a.outlet, "예시일보");  // from the copyright notice
  ASSERT_TRUE(a.has_date);
  EXPECT_TRUE(a.date.has_tz);
  EXPECT_EQ(a.date.tz_minutes, 540);
  // A JSON-LD headline wins over the visible one.
  meta.headline = "정부 \"중소기업 지원 확대\"";
  EXPECT_EQ(kotext::segment_article(blocks, meta).title, meta.headline);
}

TEST(Segment, AuthorNamesAndDateLabels) {
  auto names = kotext::author_names({"작성자: 김철수", "Jane Doe and John Roe", "글로벌팀",
                                     "hong@example.com", "예시경제"});
  EXPECT_EQ(names.reporters, (std::vector<std::string>{"김철수", "Jane Doe", "John Roe"}));
  EXPECT_EQ(names.emails, std::vector<std::string>{"hong@example.com"});
  EXPECT_EQ(kotext::without_dates("경제 입력 2026-03-12 10:21 | 수정: 2026.03.12"), "경제");
  EXPECT_EQ(kotext::without_dates("일본 2026-03-12"), "일본");  // labels are whole words
  EXPECT_EQ(kotext::without_dates("2026-03-12"), "");
}

TEST(Segment, LeadingSiteBracketStripped) {
  EXPECT_EQ(kotext::strip_site_name("[예시일보] 정부, 대책 발표", {"예시일보"}), "정부, 대책 발표");
  EXPECT_EQ(kotext::strip_site_name("【예시일보】정부, 대책 발표", {"예시일보"}), "정부, 대책 발표");
  EXPECT_EQ(kotext::strip_site_name("[단독] 정부, 대책 발표", {"예시일보"}), "[단독] 정부, 대책 발표");
  EXPECT_EQ(kotext::strip_site_name("[예시일보]", {"예시일보"}), "[예시일보]");  // never empty
}

TEST(Segment, ClassifierTuningIsHonoured) {
  // The same short page, with and without a content length floor above its paragraphs.
  std::vector<Block> blocks = lines({"정부, 내년부터 중소기업 지원 확대",
                                     "정부가 내년부터 중소기업 지원을 늘린다.",
                                     "업계는 환영한다는 입장을 냈다."});
  kotext::SegmentOptions options;
  auto seg = kotext::classify_blocks(blocks, options);
  EXPECT_TRUE(seg.features[1].content);
  options.tuning.content_min_chars = 40;
  options.tuning.short_page_min_chars = 40;  // no fallback for short pages either
  seg = kotext::classify_blocks(blocks, options);
  EXPECT_FALSE(seg.features[1].content);
  kotext::SegmentTuning short_headlines;
  short_headlines.headline_max_chars = 10;  // the first block (18 characters) is no headline
  options.tuning = short_headlines;
  EXPECT_EQ(kotext::classify_blocks(blocks, {}).title, 0);
  EXPECT_NE(kotext::classify_blocks(blocks, options).title, 0);
}
