// The TF-IDF fast path (Tokenizer::split_chunks / chunk_tokens + ChunkMemo) in plain C++, so that the
// sanitizer build covers it: a memoizing visitor must reproduce tokenize_strings() exactly.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/tokenize.hpp"
#include "kotext/utf8.hpp"
#include "kotext/vocabulary.hpp"

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
