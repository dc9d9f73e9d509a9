// The TF-IDF fast path (Tokenizer::split_chunks / chunk_tokens + ChunkMemo) in plain C++, so that the
// sanitizer build covers it: a memoizing visitor must reproduce tokenize_strings() exactly.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <thread>
#include <string>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/tokenize.hpp"
#include "kotext/utf8.hpp"
#include "kotext/vocabulary.hpp"
#include "kotext/word_counts.hpp"

namespace {

// Maps token texts to columns, memoizes chunk -> columns, and records the token stream
// of one text as the TF-IDF counting path does: split_chunks, then per chunk either the
// memoized columns or chunk_tokens.
struct MemoTokens {
  void run(const kotext::Tokenizer& tokenizer, const char* text) {
    std::u32string prepared;
    std::vector<kotext::TextChunk> chunks;
    tokenizer.split_chunks(text, prepared, chunks);
    for (const auto& chunk : chunks) {
      const std::u32string_view key(prepared.data() + chunk.begin, chunk.end - chunk.begin);
      std::size_t n = 0;
      const std::int32_t* known = chunk.memoizable ? memo.find(key, n) : nullptr;
      if (known) {
        for (std::size_t k = 0; k < n; ++k) stream.push_back(names.at(known[k]));
        ++hits;
        continue;
      }
      std::vector<std::string> toks;
      tokenizer.chunk_tokens(prepared, chunk, toks);
      std::vector<std::int32_t> cols;
      for (const auto& t : toks) {
        auto it = ids.emplace(t, static_cast<std::int32_t>(names.size())).first;
        if (it->second == static_cast<std::int32_t>(names.size())) names.push_back(t);
        cols.push_back(it->second);
        stream.push_back(t);
      }
      if (chunk.memoizable) memo.add(key, cols);
    }
  }
  kotext::ChunkMemo memo;
  std::map<std::string, std::int32_t> ids;
  std::vector<std::string> names;
  std::vector<std::string> stream;
  int hits = 0;
};

const char* kTexts[] = {
    "산업통상자원부와 한국패션산업협회는 2월 3일 'K패션 디지털 전환 포럼' 정책협의회를 개최했다.",
    "한국패션산업협회는 포럼을 개최했다. 포럼은 디지털 전환을 논의했다.",
    "  \n\n 😀 이모지와 ＡＢＣ 전각   문자, 3.5%와 120만원.\t탭\r\n줄바꿈",
    "하지 않았다 먹지 말라 가지 않는다",  // chunks ending in 지 look at the next chunk
    "쉽지 않다 쉽지 말고 쉽지 못하다 쉽지 못한다 쉽지\r\n않다 쉽지",  // one chunk, 2 contexts
    "",
    "a",
    "ㅋㅋㅋㅋㅋ ㅠㅠ 하하하하 !!!!",
};

}  // namespace

TEST(ChunkMemo, MemoizedChunksReproduceTokenizeStrings) {
  kotext::Tokenizer tokenizer;
  ASSERT_TRUE(tokenizer.chunkable());
  MemoTokens visitor;
  for (int round = 0; round < 3; ++round) {  // later rounds hit the memo
    for (const char* text : kTexts) {
      visitor.stream.clear();
      visitor.run(tokenizer, text);
      std::vector<std::string> expected;
      tokenizer.tokenize_strings(text, expected);
      EXPECT_EQ(visitor.stream, expected) << "text: " << text << ", round " << round;
    }
  }
  EXPECT_GT(visitor.hits, 0);
}

TEST(ChunkMemo, NotChunkableWithNgramsOrMultiWordTerms) {
  kotext::TokenizerOptions bigrams;
  bigrams.ngram_max = 2;
  EXPECT_FALSE(kotext::Tokenizer(bigrams).chunkable());
  kotext::Tokenizer with_terms;
  with_terms.add_words({"디지털 전환"});
  EXPECT_FALSE(with_terms.chunkable());
}

TEST(ChunkMemo, UnknownKeysAndManyEntries) {
  kotext::ChunkMemo memo;
  std::size_t n = 99;
  EXPECT_EQ(memo.find(U"없음", n), nullptr);
  for (int i = 0; i < 20000; ++i) {  // grows the table several times
    std::u32string key = U"키" + std::u32string(1, static_cast<char32_t>(0xAC00 + i % 11172)) +
                         std::u32string(1, static_cast<char32_t>('0' + i % 10)) +
                         std::u32string(static_cast<std::size_t>(i / 11172), U'x');
    memo.add(key, {i, i + 1});
  }
  std::u32string probe = U"키" + std::u32string(1, static_cast<char32_t>(0xAC00 + 5)) + U"5";
  const std::int32_t* cols = memo.find(probe, n);
  ASSERT_NE(cols, nullptr);
  ASSERT_EQ(n, 2u);
  EXPECT_EQ(cols[0], 5);
  EXPECT_EQ(cols[1], 6);
}

namespace {
// The text of @p utf8 in the fixed-width storage of @p Unit (all its code points fit).
template <class Unit>
std::basic_string<Unit> widen(const char* utf8) {
  std::basic_string<Unit> out;
  for (char32_t c : kotext::utf8::decode(utf8)) out.push_back(static_cast<Unit>(c));
  return out;
}

void expect_same_chunks(const kotext::Tokenizer& tokenizer, const char* utf8,
                        const kotext::TextView& view) {
  std::u32string a, b;
  std::vector<kotext::TextChunk> ca, cb;
  tokenizer.split_chunks(utf8, a, ca);
  tokenizer.split_chunks(view, b, cb);
  EXPECT_EQ(a, b) << utf8;
  ASSERT_EQ(ca.size(), cb.size()) << utf8;
  for (std::size_t i = 0; i < ca.size(); ++i) {
    EXPECT_EQ(ca[i].begin, cb[i].begin);
    EXPECT_EQ(ca[i].end, cb[i].end);
    EXPECT_EQ(ca[i].memoizable, cb[i].memoizable);
  }
}
}  // namespace

TEST(ChunkMemo, FixedWidthInputSplitsLikeUtf8) {
  kotext::Tokenizer tokenizer;
  const char* texts[] = {
      "산업통상자원부와 한국패션산업협회는 2월 3일 'K패션 디지털 전환 포럼'을 개최했다.",
      "  \n\n 😀 이모지와 ＡＢＣ 전각   문자, 3.5%와 120만원.\t탭\r\n줄바꿈",
      "하하하하하하 웃었다 ㅋㅋㅋㅋㅋㅋ 정말 좋아요오오오오",  // repeats: normalized
      "디지털\u200b전환 제어\x07문자 &amp; 하지 않았다",
      "R&D 투자 확대 & 반도체",      // '&' without a reference: kept
      "AT&amp;T 주가 &#51228;품",  // references: decoded
      "", "a", "   ",
  };
  for (const char* t : texts) {
    const auto u32 = widen<char32_t>(t);
    expect_same_chunks(tokenizer, t, kotext::TextView(u32.data(), u32.size(), kotext::TextEncoding::Ucs4));
    bool bmp = true;
    for (char32_t c : u32) bmp = bmp && c < 0x10000;
    if (bmp) {
      const auto u16 = widen<char16_t>(t);
      expect_same_chunks(tokenizer, t, kotext::TextView(u16.data(), u16.size(), kotext::TextEncoding::Ucs2));
    }
  }
  // Longer than the splitter's block of 2048 code points: chunks straddle the blocks.
  std::string longer;
  for (int k = 0; k < 700; ++k) longer += k % 3 ? "가나다 라마바사  " : "아\n";
  const auto u16 = widen<char16_t>(longer.c_str());
  expect_same_chunks(tokenizer, longer.c_str(),
                     kotext::TextView(u16.data(), u16.size(), kotext::TextEncoding::Ucs2));
  const std::string latin1 = "Caf\xE9 na\xEFve 2024";  // Latin-1 bytes
  std::u32string a;
  std::vector<kotext::TextChunk> chunks;
  tokenizer.split_chunks(kotext::TextView(latin1.data(), latin1.size(), kotext::TextEncoding::Latin1),
                         a, chunks);
  EXPECT_EQ(a, U"Caf\u00E9 na\u00EFve 2024");
  EXPECT_EQ(chunks.size(), 3u);
}

TEST(ChunkMemo, LoneSurrogateNamesItsCharacter) {
  kotext::Tokenizer tokenizer;
  const std::u16string text = u"가나다 \xDC00";
  std::u32string out;
  std::vector<kotext::TextChunk> chunks;
  try {
    tokenizer.split_chunks(kotext::TextView(text.data(), text.size(), kotext::TextEncoding::Ucs2),
                           out, chunks);
    FAIL() << "no exception";
  } catch (const kotext::InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("surrogate at character 4"), std::string::npos) << e.what();
  }
}

namespace {

// Documents of many distinct eojeols (syllable pairs with particles) and some repeats.
std::vector<std::string> memo_corpus(int n_docs, int seed) {
  const char* particles[] = {"", "은", "을", "에서", "이다", "와", "의"};
  std::vector<std::string> docs;
  for (int d = 0; d < n_docs; ++d) {
    std::u32string text;
    for (int w = 0; w < 12; ++w) {
      const int k = (d * 131 + w * 17 + seed * 7919) % 3000;
      text += static_cast<char32_t>(0xAC00 + (k * 37) % 11172);
      text += static_cast<char32_t>(0xAC00 + (k * 91 + seed) % 11172);
      text += kotext::utf8::decode(particles[(k + w) % 7]);
      text += (w % 5 == 4) ? U'\n' : U' ';
    }
    if (d % 3 == 0) text += U"ＡＩ 반도체 AI 하지 않았다 ";
    docs.push_back(kotext::utf8::encode(text));
  }
  return docs;
}

void expect_same(const kotext::CountResult& a, const kotext::CountResult& b) {
  EXPECT_EQ(a.terms, b.terms);
  EXPECT_EQ(a.counts.indptr, b.counts.indptr);
  EXPECT_EQ(std::vector<std::int32_t>(a.counts.indices.begin(), a.counts.indices.end()),
            std::vector<std::int32_t>(b.counts.indices.begin(), b.counts.indices.end()));
  EXPECT_EQ(std::vector<double>(a.counts.data.begin(), a.counts.data.end()),
            std::vector<double>(b.counts.data.begin(), b.counts.data.end()));
}

struct Corpus {
  explicit Corpus(std::vector<std::string> texts) : texts(std::move(texts)) {
    for (const auto& t : this->texts) views.emplace_back(std::string_view(t));
  }
  std::vector<std::string> texts;
  std::vector<kotext::TextView> views;
};

}  // namespace

TEST(TermMemo, FitsThroughItEqualFitsWithout) {
  kotext::Tokenizer tokenizer;
  kotext::WordAnalyzerOptions options;
  ASSERT_TRUE(kotext::word_analyzer_memoizes(tokenizer, options));
  Corpus a(memo_corpus(400, 1)), b(memo_corpus(300, 2));
  const auto in_a = kotext::word_analyzer(a.views, tokenizer, options);
  const auto in_b = kotext::word_analyzer(b.views, tokenizer, options);
  kotext::TermMemo memo;
  for (int threads : {1, 3}) {
    for (int round = 0; round < 2; ++round) {  // cold, then warm
      expect_same(kotext::count_learn(a.views.size(), in_a, threads, &memo),
                  kotext::count_learn(a.views.size(), in_a, threads));
      expect_same(kotext::count_learn(b.views.size(), in_b, threads, &memo),
                  kotext::count_learn(b.views.size(), in_b, threads));
    }
  }
  EXPECT_GT(memo.chunks(), 1000u);
  EXPECT_GT(memo.terms(), 1000u);
  // transform: a fixed vocabulary (a's terms) over b
  const kotext::Vocabulary fixed(kotext::count_learn(a.views.size(), in_a, 1).terms);
  const kotext::CsrMatrix with = kotext::count_fixed(b.views.size(), in_b, fixed, 2, &memo);
  const kotext::CsrMatrix without = kotext::count_fixed(b.views.size(), in_b, fixed, 2);
  EXPECT_EQ(with.indptr, without.indptr);
  EXPECT_EQ(std::vector<std::int32_t>(with.indices.begin(), with.indices.end()),
            std::vector<std::int32_t>(without.indices.begin(), without.indices.end()));
  EXPECT_EQ(std::vector<double>(with.data.begin(), with.data.end()),
            std::vector<double>(without.data.begin(), without.data.end()));
}

TEST(TermMemo, StaysNearItsCapAndFollowsNewText) {
  kotext::Tokenizer tokenizer;
  kotext::WordAnalyzerOptions options;
  Corpus a(memo_corpus(2000, 3)), b(memo_corpus(2000, 4));
  const auto in_a = kotext::word_analyzer(a.views, tokenizer, options);
  const auto in_b = kotext::word_analyzer(b.views, tokenizer, options);
  constexpr std::size_t kCap = std::size_t{1} << 18;  // 256 KB: far fewer chunks than a's
  kotext::TermMemo memo(kCap);
  expect_same(kotext::count_learn(a.views.size(), in_a, 2, &memo),
              kotext::count_learn(a.views.size(), in_a, 2));
  const std::size_t full = memo.chunks();
  EXPECT_GT(full, 0u);
  EXPECT_LE(memo.bytes(), kCap * 5 / 4);
  // b shares few chunks with a: the full memo starts over with b's
  expect_same(kotext::count_learn(b.views.size(), in_b, 1, &memo),
              kotext::count_learn(b.views.size(), in_b, 1));
  EXPECT_LE(memo.bytes(), kCap * 5 / 4);
  expect_same(kotext::count_learn(b.views.size(), in_b, 1, &memo),
              kotext::count_learn(b.views.size(), in_b, 1));
}

TEST(TermMemo, ConcurrentFitsShareIt) {
  kotext::Tokenizer tokenizer;
  kotext::WordAnalyzerOptions options;
  const std::shared_ptr<kotext::TermMemo> memo = kotext::word_term_memo(tokenizer, options);
  ASSERT_NE(memo, nullptr);
  EXPECT_EQ(kotext::word_term_memo(tokenizer, options), memo);  // one per settings
  kotext::Tokenizer copy = tokenizer;
  EXPECT_EQ(kotext::word_term_memo(copy, options), memo);  // copies share the state
  copy.add_words({"가나다라"});
  EXPECT_NE(kotext::word_term_memo(copy, options), memo);  // a new state, another memo
  kotext::WordAnalyzerOptions as_is;
  as_is.lowercase = false;
  EXPECT_NE(kotext::word_term_memo(tokenizer, as_is), memo);
  Corpus a(memo_corpus(300, 5)), b(memo_corpus(300, 6));
  const auto in_a = kotext::word_analyzer(a.views, tokenizer, options);
  const auto in_b = kotext::word_analyzer(b.views, tokenizer, options);
  const auto ref_a = kotext::count_learn(a.views.size(), in_a, 1);
  const auto ref_b = kotext::count_learn(b.views.size(), in_b, 1);
  std::thread other([&] {
    for (int r = 0; r < 3; ++r) expect_same(kotext::count_learn(b.views.size(), in_b, 2, memo.get()), ref_b);
  });
  for (int r = 0; r < 3; ++r) expect_same(kotext::count_learn(a.views.size(), in_a, 2, memo.get()), ref_a);
  other.join();
}
