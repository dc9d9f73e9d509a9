// Rules of kotext::split_sentences, one behaviour per test.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/sentences.hpp"

using kotext::NewlineMode;
using kotext::SentenceOptions;
using kotext::split_sentences;

namespace {
std::vector<std::string> split(const std::string& text, const SentenceOptions& o = {}) {
  std::vector<std::string> out;
  for (const auto& s : split_sentences(text, o)) out.push_back(text.substr(s.byte_begin, s.byte_end - s.byte_begin));
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST(Sentences, EmptyAndWhitespace) {
  EXPECT_TRUE(split_sentences("").empty());
  EXPECT_TRUE(split_sentences("  \n\n \t").empty());
  EXPECT_EQ(split("  한 문장.  "), V({"한 문장."}));
}

TEST(Sentences, OffsetsInCodePointsAndBytes) {
  auto s = split_sentences("가나다. 라마😀.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].begin, 0u);
  EXPECT_EQ(s[0].end, 4u);
  EXPECT_EQ(s[1].begin, 5u);
  EXPECT_EQ(s[1].end, 9u);
  EXPECT_EQ(s[1].byte_begin, 11u);
  EXPECT_EQ(s[1].byte_end, 11u + 6u + 4u + 1u);
}

TEST(Sentences, KoreanEndingsWithPunctuation) {
  EXPECT_EQ(split("밥을 먹었다. 맛있어요. 그렇죠? 정말 좋네. 갑니다!"),
            V({"밥을 먹었다.", "맛있어요.", "그렇죠?", "정말 좋네.", "갑니다!"}));
  EXPECT_EQ(split("했다.그리고 갔다."), V({"했다.", "그리고 갔다."}));
}

TEST(Sentences, EndingsWithoutPunctuation) {
  EXPECT_EQ(split("실험 결과가 나왔다 연구진은 쥐를 관찰했다"),
            V({"실험 결과가 나왔다", "연구진은 쥐를 관찰했다"}));
  EXPECT_EQ(split("정말 좋았어요 다음에 또 갈게요"), V({"정말 좋았어요", "다음에 또 갈게요"}));
  // Nouns, particles and connectives that look like endings do not split.
  EXPECT_EQ(split("지난해보다 매출이 늘었다").size(), 1u);
  EXPECT_EQ(split("주요 내용은 필요 없다").size(), 1u);
  EXPECT_EQ(split("일을 하다 보니 늦었다").size(), 1u);
  EXPECT_EQ(split("그는 먹었지 않은 척했다").size(), 1u);
  EXPECT_EQ(split("국내 최다 득점 기록을 세웠다").size(), 1u);
  SentenceOptions off;
  off.split_unpunctuated_endings = false;
  EXPECT_EQ(split("결과가 나왔다 연구진은 관찰했다", off).size(), 1u);
}

TEST(Sentences, LineBreaks) {
  EXPECT_EQ(split("첫 줄\n둘째 줄"), V({"첫 줄", "둘째 줄"}));
  SentenceOptions ending;
  ending.newline = NewlineMode::Ending;
  EXPECT_EQ(split("이 문장은 줄이\n바뀌어도 이어진다.\n새 문장이다", ending),
            V({"이 문장은 줄이\n바뀌어도 이어진다.", "새 문장이다"}));
  SentenceOptions never;
  never.newline = NewlineMode::Never;
  EXPECT_EQ(split("줄이\n바뀐다\n\n새 문단", never), V({"줄이\n바뀐다", "새 문단"}));
}

TEST(Sentences, QuotesAndBrackets) {
  const std::string seed =
      "이 자리에서 그는 “디지털 전환이 요구된다”며, “협회가 앞장서야 한다”고 강조했다. 다음 문장.";
  EXPECT_EQ(split(seed).size(), 2u);
  EXPECT_EQ(split("그는 \"어떤 것은 뿔이 있다. 다른 것은 없다\"라고 기록했다.").size(), 1u);
  EXPECT_EQ(split("그는 “준비됐다.” 하며 웃었다.").size(), 1u);
  EXPECT_EQ(split("끝마치기를(할머니가 숟가락을 가져갈지도 몰랐다. 흔한 일이다) 기다렸다.").size(), 1u);
  EXPECT_EQ(split("있는 곳이라면(가능한!) 어디든 간다.").size(), 1u);
  EXPECT_EQ(split("다행히도(?) 잘 끝났다.").size(), 1u);
  EXPECT_EQ(split("뜻은 '말이나 글의 뜻.', '행위의 뜻.'이다.").size(), 1u);
  EXPECT_EQ(split("“좋아.” “그래.”"), V({"“좋아.”", "“그래.”"}));
}

TEST(Sentences, UnbalancedQuotesRecover) {
  // The opening quote is never closed: splitting resumes instead of swallowing the text.
  EXPECT_EQ(split("그는 “이렇게 말했다. 다음 문장이다. 마지막이다.").size(), 3u);
  EXPECT_EQ(split("닫는 괄호만) 있다. 괜찮다.").size(), 2u);
}

TEST(Sentences, NumbersDatesAbbreviations) {
  EXPECT_EQ(split("금리가 0.1% 올랐다. 3.5배다.").size(), 2u);
  EXPECT_EQ(split("2010. 01. 01. 출시됐다.").size(), 1u);
  EXPECT_EQ(split("J. K. Rowling 작가와 Mr. Kim, U.S. 정부가 만났다.").size(), 1u);
  EXPECT_EQ(split("Ph.D. 학위를 땄다. 끝.").size(), 2u);
}

TEST(Sentences, UrlsAndEmails) {
  EXPECT_EQ(split("www.naver.com과 http://a.kr/x?y=1 에서 봤다. a.b@c.co.kr 로 연락.").size(), 2u);
}

TEST(Sentences, EllipsisAndTilde) {
  EXPECT_EQ(split("패션산업 디지털 전환 방향 논의…산업부 MOU 체결").size(), 1u);
  EXPECT_EQ(split("그런데..... 양이.... 어마어마 하쥬...").size(), 1u);
  EXPECT_EQ(split("정말 좋았다... 다음에 또 가야지").size(), 2u);
  EXPECT_EQ(split("저는 꼬치를 좋아해요~ 오랜만에 갔어요.").size(), 2u);
  EXPECT_EQ(split("2~3가지 샀다.").size(), 1u);
}

TEST(Sentences, Bullets) {
  EXPECT_EQ(split("가. 첫째 항목\n1. 둘째 항목\n1) 셋째\nㄱ) 넷째"),
            V({"가. 첫째 항목", "1. 둘째 항목", "1) 셋째", "ㄱ) 넷째"}));
}

TEST(Sentences, ColloquialAndNominalEndings) {
  EXPECT_EQ(split("호기심 자극함 한 줄짜리 문장이라 부담 없음 바로 들을 수 있음"),
            V({"호기심 자극함", "한 줄짜리 문장이라 부담 없음", "바로 들을 수 있음"}));
  // Weak endings do not split a one-word sentence or a noun phrase.
  EXPECT_EQ(split("천안함 침몰 원인은 미궁에 빠져 있습니다.").size(), 1u);
  EXPECT_EQ(split("볶음 우동은 맛있음.").size(), 1u);
  EXPECT_EQ(split("뻑뻑함 없이 눈이 편해졌어요.").size(), 1u);
  EXPECT_EQ(split("정말 큰일났지 하지만 괜찮아"), V({"정말 큰일났지", "하지만 괜찮아"}));
  EXPECT_EQ(split("될까 두려웠다").size(), 1u);
}

TEST(Sentences, DialectAndColloquialEndings) {
  EXPECT_EQ(split("그런 얘길 하드라구 그래서 아는 거지. 이제 알겠지 그러니 가자"),
            V({"그런 얘길 하드라구", "그래서 아는 거지.", "이제 알겠지", "그러니 가자"}));
  EXPECT_EQ(split("성을 쌓을라구 앞치마에다 쌓았다").size(), 1u);
  EXPECT_EQ(split("그 사막은 사하라 사막이다").size(), 1u);
  EXPECT_EQ(split("전기기타 시대를 열게 된다").size(), 1u);
}

TEST(Sentences, EmphasisDotsAndAsides) {
  EXPECT_EQ(split("저희는 전.부.다.요!!! 정말요.").size(), 2u);
  EXPECT_EQ(split("저희는 전. 부. 다. 요!!! 정말요.").size(), 2u);
  EXPECT_EQ(split("이런 게 중독이 되나? 싶었는데 좋았다.").size(), 1u);
  EXPECT_EQ(split("이게 뭐지?? 하고 검색했다.").size(), 1u);
}

TEST(Sentences, ListNumbersAfterSentences) {
  EXPECT_EQ(split("파일이 없어졌어요 1. 첫 파일 2. 둘째 파일"),
            V({"파일이 없어졌어요", "1. 첫 파일 2. 둘째 파일"}));
  EXPECT_EQ(split("거든요?1.마라 파일이 있었는데 없어졌어요2.시그 파일"),
            V({"거든요?", "1.마라 파일이 있었는데 없어졌어요", "2.시그 파일"}));
}

TEST(Sentences, FootnotesAndTails) {
  EXPECT_EQ(split("지진이다.[16][17] 지진의 진동은 길었다.[3]"),
            V({"지진이다.[16][17]", "지진의 진동은 길었다.[3]"}));
  EXPECT_EQ(split("너무 좋아요 ㅋㅋㅋ 다음에 봐요"), V({"너무 좋아요 ㅋㅋㅋ", "다음에 봐요"}));
}

TEST(Sentences, BlankLineIsHard) {
  SentenceOptions never;
  never.newline = NewlineMode::Never;
  EXPECT_EQ(split("그는 “시작\n\n끝”이라고", never).size(), 2u);
}

TEST(Sentences, ProtectedSpans) {
  SentenceOptions o;
  o.protected_spans = {{0, 12}};
  EXPECT_EQ(split("첫 문장. 둘째 문장. 셋째 문장.", o), V({"첫 문장. 둘째 문장.", "셋째 문장."}));
  SentenceOptions b;
  b.protected_byte_spans = {{0, 20}};
  EXPECT_EQ(split("첫 문장. 둘째 문장. 셋째 문장.", b).size(), 2u);
  SentenceOptions wild;
  wild.protected_spans = {{5, 1000000}, {3, 2}};
  EXPECT_EQ(split("첫 문장. 둘째 문장. 셋째 문장.", wild).size(), 2u);
}

TEST(Sentences, OddCharactersNeverCrash) {
  const std::string zwsp = "문장이다.\xE2\x80\x8B다음 문장.\xEF\xBB\xBF 끝";
  auto s = split_sentences(zwsp);
  EXPECT_FALSE(s.empty());
  std::string controls("\0\x01\x7f.\xC2\x85!?\"'(", 11);
  EXPECT_NO_THROW(split_sentences(controls));
  EXPECT_THROW(split_sentences("ab\xFF cd."), kotext::Utf8Error);
  SentenceOptions lenient;
  lenient.errors = kotext::utf8::ErrorMode::Replace;
  auto r = split_sentences("ab\xFF. cd.", lenient);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].begin, 5u);
}

TEST(Sentences, DeepNestingAndLongInput) {
  std::string deep(100000, '(');
  deep += "끝.";
  EXPECT_EQ(split_sentences(deep).size(), 1u);
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "문장이다. ";
  EXPECT_EQ(split_sentences(many).size(), 20000u);
}

TEST(Sentences, TextNeverLost) {
  const std::string text = " 가. 나!? “다” 라마…바 \n\n 사(아). 자 ";
  auto spans = split_sentences(text);
  std::string joined, stripped;
  std::size_t prev = 0;
  for (const auto& s : spans) {
    for (std::size_t b = prev; b < s.byte_begin; ++b) EXPECT_TRUE(text[b] == ' ' || text[b] == '\n');
    joined += text.substr(s.byte_begin, s.byte_end - s.byte_begin);
    prev = s.byte_end;
  }
  for (char c : text)
    if (c != ' ' && c != '\n') stripped += c;
  std::string joined_stripped;
  for (char c : joined)
    if (c != ' ' && c != '\n') joined_stripped += c;
  EXPECT_EQ(joined_stripped, stripped);
}

TEST(Sentences, PathologicalInputsStayLinear) {
  // Long stretches without spaces, dots, brackets, tails: each must finish quickly.
  std::string nospace;
  for (int i = 0; i < 200000; ++i) nospace += "가.";
  EXPECT_EQ(split_sentences(nospace).size(), 1u);
  std::string tails = "했다. ";
  for (int i = 0; i < 200000; ++i) tails += "ㅋ ";
  EXPECT_EQ(split_sentences(tails).size(), 1u);
  std::string quotes;
  for (int i = 0; i < 100000; ++i) quotes += "\"가. ";
  EXPECT_FALSE(split_sentences(quotes).empty());
}
