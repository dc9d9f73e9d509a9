#include <gtest/gtest.h>

#include "kotext/normalize.hpp"

using kotext::normalize;
using kotext::NormalizeOptions;

TEST(Normalize, PlaceholderBuilds) { EXPECT_EQ(normalize("a  b"), "a b"); }
