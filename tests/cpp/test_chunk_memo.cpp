// The TF-IDF fast path (Tokenizer::split_chunks / chunk_tokens + ChunkMemo) in plain C++, so that the
// sanitizer build covers it: a memoizing visitor must reproduce tokenize_strings() exactly.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "kotext/tokenize.hpp"
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
