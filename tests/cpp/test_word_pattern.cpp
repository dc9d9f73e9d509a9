// The C++ side of kotext.sklearn: the default token pattern, Python's lowercasing rules,
// scikit-learn's hashing and the n-gram range check (the Python tests compare all of them
// with scikit-learn and Python's re over every code point).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/hashing.hpp"
#include "kotext/word_pattern.hpp"

namespace {

std::vector<std::string> tokens(const std::string& text, bool lowercase = true) {
  std::string bytes;
  std::vector<std::size_t> offsets;
  kotext::regex_word_tokens(text, lowercase, kotext::UnicodeTables::builtin(), bytes, offsets);
  std::vector<std::string> out;
  for (std::size_t k = 0; k + 1 < offsets.size(); ++k) {
    out.emplace_back(bytes.substr(offsets[k], offsets[k + 1] - offsets[k]));
  }
  return out;
}

TEST(WordPattern, RunsOfTwoOrMoreWordCharacters) {
  EXPECT_EQ(tokens("The cat, a x_y 42 정부가 비"),
            (std::vector<std::string>{"the", "cat", "x_y", "42", "정부가"}));
  EXPECT_EQ(tokens("ABC", false), (std::vector<std::string>{"ABC"}));
  EXPECT_EQ(tokens(""), std::vector<std::string>{});
}

TEST(WordPattern, LowercaseFollowsPythonStrLower) {
  // U+0130 lowercases to "i" + U+0307 (not a word character): "İstanbul" -> "stanbul"
  EXPECT_EQ(tokens("\xC4\xB0stanbul"), (std::vector<std::string>{"stanbul"}));
  // final sigma at the end of a word, small sigma inside
  EXPECT_EQ(tokens("ΟΔΟΣ ΣΟΦΙΑ"), (std::vector<std::string>{"οδος", "σοφια"}));
}

TEST(WordPattern, InvalidUtf8Throws) {
  EXPECT_THROW(tokens(std::string("ab\xff", 3)), kotext::Utf8Error);
}

TEST(Hashing, MurmurHash3MatchesScikitLearn) {
  // values of sklearn.utils.murmurhash3_32(key, seed=0, positive=True)
  EXPECT_EQ(kotext::murmurhash3_32("", 0, 0), 0u);
  EXPECT_EQ(kotext::murmurhash3_32("foo", 3, 0), 4138058784u);
  EXPECT_EQ(kotext::murmurhash3_32("hello", 5, 0), 613153351u);
  EXPECT_EQ(kotext::murmurhash3_32("정부", 6, 0), 3060983234u);
  kotext::HashingOptions o;
  o.n_features = 1000;
  int sign = 0;
  EXPECT_EQ(kotext::hashed_column("foo", o, sign), 156908512 % 1000);
  EXPECT_EQ(sign, -1);
}

TEST(Hashing, CancellingSignsStayStored) {
  kotext::HashingOptions o;
  o.n_features = 1;  // every feature in column 0: "foo" counts -1, "hello" +1
  const std::vector<std::vector<std::string>> docs{{"foo", "hello"}, {"hello", "hello"}};
  kotext::Analyzer analyze = [&](std::size_t d, kotext::FeatureSink& sink) {
    for (const auto& f : docs[d]) sink.add(f);
  };
  const kotext::CsrMatrix m = kotext::count_hashed(docs.size(), analyze, o, 2);
  ASSERT_EQ(m.nnz(), 2u);
  EXPECT_EQ(m.data[0], 0.0);
  EXPECT_EQ(m.data[1], 2.0);
}

TEST(Ngrams, RangeCheckedWithScikitLearnsMessage) {
  EXPECT_NO_THROW(kotext::check_ngram_range(1, 3));
  try {
    kotext::check_ngram_range(2, 1);
    FAIL();
  } catch (const kotext::InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("lower boundary larger than the upper boundary"),
              std::string::npos);
  }
  EXPECT_THROW(kotext::check_ngram_range(0, 1), kotext::InvalidArgument);
}

}  // namespace
