// kotext's own lattice (lattice.hpp) against MeCab itself: the same morphemes (spans, tags,
// lemmas, fused parts, unknown flags, word costs) for every word, in both contexts the
// tokenizer analyses words in. The dictionary comes from KOTEXT_DICTIONARY (the Makefile
// sets it); the real-text part reads ../shared/data next to the checkout and skips without.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/lattice.hpp"
#include "kotext/lexicon.hpp"
#include "kotext/utf8.hpp"

namespace {

std::shared_ptr<const kotext::Lexicon> dictionary() {
  const char* dir = std::getenv("KOTEXT_DICTIONARY");
  if (!dir || !*dir) return nullptr;
  return kotext::Lexicon::open(dir);
}

std::string describe(const std::vector<kotext::Morpheme>& ms) {
  std::ostringstream s;
  for (const auto& m : ms) {
    s << m.begin << '-' << m.end << '/' << m.tag << '/' << m.lemma << '/' << m.parts << '/' << m.cost
      << (m.unknown ? "/unk" : "") << ' ';
  }
  return s.str();
}

// Words whose analyses differ between the two engines (empty: none), both contexts.
std::vector<std::string> differences(const kotext::Lexicon& lex, const std::set<std::u32string>& words) {
  std::vector<std::string> out;
  std::vector<kotext::Morpheme> a, b;
  for (auto context : {kotext::Lexicon::Context::neutral, kotext::Lexicon::Context::after_modifier}) {
    for (const auto& w : words) {
      lex.analyze_mecab(w, a, context);
      lex.analyze(w, b, context);
      if (describe(a) != describe(b)) {
        out.push_back(kotext::utf8::encode(w) + "\n  MeCab:  " + describe(a) + "\n  kotext: " + describe(b));
      }
    }
  }
  return out;
}

// Maximal runs of Hangul syllables, as the tokenizer sends them to the dictionary.
void hangul_runs(const std::string& text, std::set<std::u32string>& out) {
  std::u32string run;
  for (char32_t c : kotext::utf8::decode(text)) {
    if (c >= 0xAC00 && c <= 0xD7A3) {
      run += c;
    } else if (!run.empty()) {
      out.insert(run);
      run.clear();
    }
  }
  if (!run.empty()) out.insert(run);
}

std::string shared_data() {
  if (const char* d = std::getenv("KOTEXT_SHARED_DATA")) return std::string(d) + "/data";
  std::string here = __FILE__;  // <checkout>/tests/cpp/test_lattice.cpp
  for (int i = 0; i < 3; ++i) here = here.substr(0, here.rfind('/'));
  return here + "/../shared/data";
}

}  // namespace

TEST(Lattice, SameAsMeCabOnHandPickedWords) {
  auto lex = dictionary();
  if (!lex) GTEST_SKIP() << "KOTEXT_DICTIONARY not set (pip install python-mecab-ko-dic)";
  // the error classes of issue 10, bound nouns, fused entries, unknown words, long nouns,
  // one-syllable words, Latin and digits inside a word, a word with a space
  const char* list[] = {
      "되어", "먹고", "가까운", "기쁜", "노린", "속에서", "후에", "운동의", "예를", "전", "하나",
      "정도", "모두", "잘못된", "생각하지", "않는다", "자주", "훨씬", "계속", "수도", "가지",
      "것인가", "말했으니", "일해야", "목적", "다국적", "이승만", "아저씨", "고속도로", "책상",
      "수석연구원은", "주요20개국", "출범했다", "발표했다", "내가", "의대를", "이러한", "할", "수",
      "등", "법", "비", "간의", "업계", "밸류체인", "한준석", "뷁뷁뷁", "갈비탕집에서",
      "카카오뱅크는", "코로나19로", "문재인정부의", "ㅋㅋㅋ", "사람들이", "했다", "그리고",
      "대한민국헌법제1조", "AI반도체", "삼성전자 주가", "ABC", "2021년", "뽀로롱", "힣"};
  std::set<std::u32string> words;
  for (const char* w : list) words.insert(kotext::utf8::decode(w));
  const auto diff = differences(*lex, words);
  EXPECT_TRUE(diff.empty()) << diff.size() << " differ, first: " << diff.front();
}

TEST(Lattice, SameAsMeCabOnRealText) {
  auto lex = dictionary();
  if (!lex) GTEST_SKIP() << "KOTEXT_DICTIONARY not set (pip install python-mecab-ko-dic)";
  const std::string data = shared_data();
  std::set<std::u32string> words;
  for (const char* ud : {"/ud/ko_gsd-ud-dev.conllu", "/ud/ko_kaist-ud-dev.conllu"}) {
    std::ifstream f(data + ud);
    for (std::string line; std::getline(f, line);) {
      if (line.rfind("# text = ", 0) == 0) hangul_runs(line.substr(9), words);
    }
  }
  // the first 300 articles of knews8 (news: names, numbers with units, quotes)
  std::ifstream news(data + "/news/knews8-train.jsonl");
  std::string line;
  for (int i = 0; i < 300 && std::getline(news, line); ++i) hangul_runs(line, words);
  if (words.empty()) GTEST_SKIP() << "no shared data in " << data;
  for (auto it = words.begin(); it != words.end();) {  // longer runs take the rules (kMaxDictionaryRun)
    it = it->size() > 64 ? words.erase(it) : std::next(it);
  }
  const auto diff = differences(*lex, words);
  EXPECT_TRUE(diff.empty()) << diff.size() << " of " << words.size() << " differ, first: " << diff.front();
  std::cout << "[ lattice ] " << words.size() << " distinct words, both contexts: " << diff.size()
            << " differ\n";
}

// Every distinct eojeol of the news the speed benchmarks read (knews8, the YNAT headlines,
// the Naver sample): the lattice's shortcuts (one connection read per right id, the huge-
// page copies of the dictionary) change no analysis, and the compact word memo gives back
// each word's content as it was made.
TEST(Lattice, SameAsMeCabOnAllDistinctNewsWords) {
  auto lex = dictionary();
  if (!lex) GTEST_SKIP() << "KOTEXT_DICTIONARY not set (pip install python-mecab-ko-dic)";
  const std::string data = shared_data();
  std::set<std::u32string> words;
  for (const char* name : {"/news/knews8-train.jsonl", "/news/ynat-train.csv", "/news/naver-2016-10-20-sample.txt"}) {
    std::ifstream f(data + name);
    for (std::string line; std::getline(f, line);) hangul_runs(line, words);
  }
  if (words.empty()) GTEST_SKIP() << "no shared data in " << data;
  for (auto it = words.begin(); it != words.end();) {
    it = it->size() > 64 ? words.erase(it) : std::next(it);
  }
  // the known difference (MorphemesCoverTheWholeWord below): words MeCab's analysis does
  // not cover to their end (인터내셔날 + space entries) are compared by that rule instead
  std::size_t uncovered = 0;
  std::vector<kotext::Morpheme> ms;
  for (auto it = words.begin(); it != words.end();) {
    lex->analyze_mecab(*it, ms);
    if (ms.empty() || ms.back().end == it->size()) {
      ++it;
      continue;
    }
    ++uncovered;
    lex->analyze(*it, ms);
    EXPECT_TRUE(!ms.empty() && ms.back().end == it->size()) << kotext::utf8::encode(*it);
    it = words.erase(it);
  }
  EXPECT_LT(uncovered, 20u);
  const auto diff = differences(*lex, words);
  EXPECT_TRUE(diff.empty()) << diff.size() << " of " << words.size() << " differ, first: " << diff.front();
  std::vector<kotext::WordContent> first;
  for (const auto& w : words) first.push_back(lex->content(w));
  std::size_t i = 0, memo_diff = 0;
  for (const auto& w : words) {  // now from the memo (the per-thread cache holds 16k words)
    const kotext::WordContent a = lex->content(w), &b = first[i++];
    memo_diff += a.keep != b.keep || a.function_only != b.function_only || a.starts_function != b.starts_function ||
                 a.lemma != b.lemma || a.tag != b.tag || a.plural != b.plural;
  }
  EXPECT_EQ(memo_diff, 0u);
  std::cout << "[ lattice ] " << words.size() << " distinct news words, both contexts: " << diff.size()
            << " differ from MeCab (" << uncovered << " MeCab did not cover); memo round trip: " << memo_diff
            << " differ\n";
}

// The one known difference: mecab-ko-dic has entries whose surface ends in a space (내셔날 +
// space, NNG). Inside "word + ' 사람'" MeCab matches one across the word's end and the
// word's analysis lost its tail (아이스더비인터내셔날 -> 아이스더비인터); the lattice sees the
// word alone, so its morphemes always cover the whole word.
TEST(Lattice, MorphemesCoverTheWholeWord) {
  auto lex = dictionary();
  if (!lex) GTEST_SKIP() << "KOTEXT_DICTIONARY not set (pip install python-mecab-ko-dic)";
  std::vector<kotext::Morpheme> ms, reference;
  for (const char* w : {"아이스더비인터내셔날", "제우인터내셔날", "정부가", "수석연구원은"}) {
    const std::u32string u = kotext::utf8::decode(w);
    lex->analyze(u, ms);
    ASSERT_FALSE(ms.empty()) << w;
    EXPECT_EQ(ms.front().begin, 0u) << w;
    EXPECT_EQ(ms.back().end, u.size()) << w;
    for (std::size_t i = 1; i < ms.size(); ++i) EXPECT_EQ(ms[i].begin, ms[i - 1].end) << w;
  }
  lex->analyze_mecab(kotext::utf8::decode("아이스더비인터내셔날"), reference);
  ASSERT_FALSE(reference.empty());
  EXPECT_LT(reference.back().end, 10u) << "MeCab now covers the word: update lattice.hpp's note";
}

TEST(Lattice, SentenceBoundaryIsBosAndEos) {
  auto lex = dictionary();
  if (!lex) GTEST_SKIP() << "KOTEXT_DICTIONARY not set (pip install python-mecab-ko-dic)";
  kotext::mecab::Dictionary dic(std::getenv("KOTEXT_DICTIONARY"));
  kotext::mecab::Lattice lattice;
  std::vector<kotext::mecab::PathNode> path;
  EXPECT_FALSE(lattice.best(dic, "", kotext::mecab::Boundary::sentence(dic), path));
  ASSERT_TRUE(lattice.best(dic, "정부가 발표했다", kotext::mecab::Boundary::sentence(dic), path));
  std::vector<std::string> tags;
  for (const auto& n : path) {
    const std::string f = dic.sys().feature(*n.token);
    tags.push_back(f.substr(0, f.find(',')));
  }
  // MeCab 0.996 reads the same (다 as EC: plain MeCab has no mecab-ko space penalties)
  EXPECT_EQ(tags, (std::vector<std::string>{"NNG", "JKS", "NNG", "XSV+EP", "EC"}));
  EXPECT_EQ(path.front().begin, 0u);
  EXPECT_EQ(path.back().end, std::string("정부가 발표했다").size());
}

TEST(Lattice, BadDictionaryFilesAreClearErrors) {
  try {
    kotext::mecab::Dictionary dic("/nonexistent/mecab-ko-dic");
    FAIL() << "expected an error";
  } catch (const kotext::InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/mecab-ko-dic/sys.dic"), std::string::npos);
  }
}
