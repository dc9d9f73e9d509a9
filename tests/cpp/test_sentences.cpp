#include <gtest/gtest.h>

#include "kotext/sentences.hpp"

using kotext::split_sentences;

TEST(Sentences, EmptyAndLines) {
  EXPECT_TRUE(split_sentences("").empty());
  EXPECT_TRUE(split_sentences("  \n\n ").empty());
  auto s = split_sentences("가나\n다라");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].begin, 3u);
  EXPECT_EQ(s[1].byte_begin, 7u);
}
