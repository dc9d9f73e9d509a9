// GoogleTest suite of kotext::normalize: one group per rule of normalize.hpp.
#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kotext/error.hpp"
#include "kotext/normalize.hpp"

using kotext::normalize;
using kotext::normalize_with_offsets;
using kotext::NormalizeOptions;
using kotext::UnicodeForm;

namespace {

NormalizeOptions form_only(UnicodeForm form) {
  NormalizeOptions o;
  o.form = form;
  o.decode_html = o.width = o.quotes = o.middle_dots = o.dashes = o.ellipsis = false;
  o.max_repeat = 0;
  return o;
}

NormalizeOptions with_form(UnicodeForm form) {
  NormalizeOptions o;
  o.form = form;
  return o;
}

std::vector<std::int64_t> offsets(const std::string& text, const NormalizeOptions& o = {}) {
  return normalize_with_offsets(text, o).source;
}

}  // namespace

// ------------------------------------------------------------------------------ forms
TEST(NormalizeForm, NfcComposes) {
  EXPECT_EQ(normalize("e\u0301"), "\u00e9");
  EXPECT_EQ(normalize("\u1100\u1161\u11A8"), "각");
  EXPECT_EQ(normalize("\u2126"), "\u03A9");  // OHM SIGN is canonically Omega
  EXPECT_EQ(normalize("㈜"), "㈜");
}

TEST(NormalizeForm, NfcReordersCombiningMarks) {
  // dot above (230) after dot below (220): canonical order puts the dot below first,
  // which then composes with 'a' (U+1EA1), the dot above stays.
  EXPECT_EQ(normalize("a\u0307\u0323", form_only(UnicodeForm::NFC)), "\u1EA1\u0307");
  EXPECT_EQ(normalize("a\u0323\u0307", form_only(UnicodeForm::NFC)), "\u1EA1\u0307");
}

TEST(NormalizeForm, Nfkc) {
  const auto o = with_form(UnicodeForm::NFKC);
  EXPECT_EQ(normalize("㈜한국", o), "(주)한국");
  EXPECT_EQ(normalize("ｶﾞ", o), "ガ");
  EXPECT_EQ(normalize("①②", o), "12");
  EXPECT_EQ(normalize("ﬁ", o), "fi");
}

TEST(NormalizeForm, NoneLeavesForm) {
  EXPECT_EQ(normalize("e\u0301", with_form(UnicodeForm::None)), "e\u0301");
}

TEST(NormalizeForm, NfdHangulEqualsPrecomposed) {
  // "한국어 뉴스" written as conjoining jamo (macOS file names and pasted text).
  const std::string nfd = "\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165 \u1102\u1172\u1109\u1173";
  for (auto form : {UnicodeForm::NFC, UnicodeForm::NFKC}) {
    EXPECT_EQ(normalize(nfd, with_form(form)), "한국어 뉴스");
    EXPECT_EQ(offsets(nfd, with_form(form)), (std::vector<std::int64_t>{0, 3, 6, 8, 9, 11}));
  }
}

TEST(NormalizeForm, CompatibilityJamoKeptUnderEveryForm) {
  const std::string text = "ㅋㅋ ㅠㅠ ㄱㄴㄷ ㅏㅑ ㅎㆍㄴ ㆆ ㅥ";
  for (auto form : {UnicodeForm::NFC, UnicodeForm::NFKC, UnicodeForm::None}) {
    EXPECT_EQ(normalize(text, with_form(form)), text);
    // A combining mark after a jamo does not pull the jamo into the form.
    EXPECT_EQ(normalize("ㅋ\u0301", with_form(form)).substr(0, 3), "ㅋ");
  }
}

// utf8proc before PR #317 (2.8.0 in Debian 12 among them) merged a syllable with a
// following U+11A7 (a vowel jamo that is not a trailing consonant). Feeding utf8proc one
// chunk at a time keeps U+11A7 out of the syllable's chunk, so our output is right on
// every version.
TEST(NormalizeForm, Utf8procHangulCompositionBugAvoided) {
  const std::string two = "\uC8E0\u11A7";
  const std::string nfd = "\u110C\u116D\u11A7";
  for (auto form : {UnicodeForm::NFC, UnicodeForm::NFKC}) {
    EXPECT_EQ(normalize(two, with_form(form)), two);
    EXPECT_EQ(normalize(nfd, with_form(form)), two);
  }
  // Record what the linked utf8proc does by itself (informative: the bug is fixed in 2.10).
  utf8proc_uint8_t* raw = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(two.c_str()));
  ASSERT_NE(raw, nullptr);
  const bool library_has_bug = std::string(reinterpret_cast<char*>(raw)) != two;
  std::free(raw);
  std::cout << "[ info ] utf8proc " << utf8proc_version()
            << (library_has_bug ? " has" : " does not have") << " the U+11A7 composition bug\n";
}

// ------------------------------------------------------------------------------ width
TEST(NormalizeWidth, FullAndHalfWidth) {
  EXPECT_EQ(normalize("ＡＢＣ１２３！"), "ABC123!");
  EXPECT_EQ(normalize("ﾡﾤﾷ ￂ"), "ㄱㄴㅇ ㅏ");
  EXPECT_EQ(normalize("￦1000 ￥"), "₩1000 ¥");
  NormalizeOptions o;
  o.width = false;
  EXPECT_EQ(normalize("ＡＢＣ", o), "ＡＢＣ");
}

// ------------------------------------------------------------------------------ punctuation
TEST(NormalizePunctuation, Quotes) {
  EXPECT_EQ(normalize("‘a’ “b” 「c」 『d』 ＂e＂ ＇f＇ ‚g‛ „h‟"),
            "'a' \"b\" 'c' \"d\" \"e\" 'f' 'g' \"h\"");
  NormalizeOptions o;
  o.quotes = false;
  EXPECT_EQ(normalize("“b”", o), "“b”");
}

TEST(NormalizePunctuation, MiddleDots) {
  EXPECT_EQ(normalize("한국‧미국・일본･중국∙러시아⋅영국"), "한국·미국·일본·중국·러시아·영국");
  EXPECT_EQ(normalize("경제ㆍ사회ㆍ문화"), "경제·사회·문화");  // ㆍ as a separator
  EXPECT_EQ(normalize("ㅎㆍㄴ글"), "ㅎㆍㄴ글");              // ㆍ as a vowel letter
  EXPECT_EQ(normalize("ㆍㄱ"), "ㆍㄱ");
  EXPECT_EQ(normalize("ㄱㆍ"), "ㄱㆍ");
  EXPECT_EQ(normalize("ㆍㆍ"), "··");
  NormalizeOptions o;
  o.middle_dots = false;
  EXPECT_EQ(normalize("경제ㆍ사회", o), "경제ㆍ사회");
}

TEST(NormalizePunctuation, Dashes) {
  EXPECT_EQ(normalize("1‐2‑3‒4–5—6―7−8﹘9﹣0－"), "1-2-3-4-5-6-7-8-9-0-");
  NormalizeOptions o;
  o.dashes = false;
  EXPECT_EQ(normalize("a–b", o), "a–b");
}

TEST(NormalizePunctuation, Ellipsis) {
  EXPECT_EQ(normalize("그런데… 음⋯"), "그런데... 음...");
  EXPECT_EQ(offsets("a…"), (std::vector<std::int64_t>{0, 1, 1, 1}));
  NormalizeOptions o;
  o.ellipsis = false;
  EXPECT_EQ(normalize("a…", o), "a…");
}

// ------------------------------------------------------------------------------ whitespace
TEST(NormalizeWhitespace, SpaceVariants) {
  EXPECT_EQ(normalize("가\u00A0나\u3000다\u2009라\u202F마"), "가 나 다 라 마");
}

TEST(NormalizeWhitespace, InvisibleCharacters) {
  EXPECT_EQ(normalize("가\u200B나\u200C다\uFEFF라\u00AD마\u2060바\u200E사"), "가나다라마바사");
  EXPECT_EQ(normalize("\uFEFF기사"), "기사");
  EXPECT_EQ(normalize("가\u200D나"), "가나");
  EXPECT_EQ(normalize("👨\u200D👩\u200D👧"), "👨\u200D👩\u200D👧");
  EXPECT_EQ(normalize("❤\uFE0F\u200D🔥"), "❤\uFE0F\u200D🔥");
  // Found by the fuzzer: NFKC turns 🈀 into text, so the joiner must go (idempotence).
  EXPECT_EQ(normalize("😀\u200D🈀", with_form(UnicodeForm::NFKC)), "😀ほか");
  EXPECT_EQ(normalize("😀\u200D🈀"), "😀🈀");
  EXPECT_EQ(normalize("가\u200D\u11A8"), "각");  // a removed joiner leaves nothing uncomposed
}

TEST(NormalizeWhitespace, LineBreaks) {
  EXPECT_EQ(normalize("가\r\n나\r다\n라"), "가\n나\n다\n라");
  EXPECT_EQ(normalize("가\u2028나\u2029다\u0085라"), "가\n나\n다\n라");
  EXPECT_EQ(normalize("가\r\r\n나"), "가\n\n나");
}

TEST(NormalizeWhitespace, Collapsing) {
  EXPECT_EQ(normalize("  가   나  \t 다  "), "가 나\t다");
  EXPECT_EQ(normalize("가 \n  나"), "가\n나");
  EXPECT_EQ(normalize("   "), "");
  EXPECT_EQ(normalize(""), "");
  EXPECT_EQ(offsets("a  b\n\n\nc"), (std::vector<std::int64_t>{0, 1, 3, 4, 4, 7}));
}

TEST(NormalizeWhitespace, Paragraphs) {
  const std::string text = "첫 문단.\n\n\n둘째 문단.\r\n  \r\n셋째\n줄\n\n";
  EXPECT_EQ(normalize(text), "첫 문단.\n\n둘째 문단.\n\n셋째\n줄");
  NormalizeOptions o;
  o.keep_paragraphs = false;
  EXPECT_EQ(normalize(text, o), "첫 문단.\n둘째 문단.\n셋째\n줄");
}

TEST(NormalizeControl, Removed) {
  EXPECT_EQ(normalize(std::string("가\x00나\x07다\x1B라\x7F마", 19) + "\u009F바\t사"),
            "가나다라마바\t사");
}

// ------------------------------------------------------------------------------ references
TEST(NormalizeHtml, Named) {
  EXPECT_EQ(normalize("&lt;b&gt; &amp; &quot;x&quot; &apos;y&apos;"), "<b> & \"x\" 'y'");
  EXPECT_EQ(normalize("가&nbsp;나&middot;다&hellip;"), "가 나·다...");
  EXPECT_EQ(normalize("&lsquo;a&rsquo; &ldquo;b&rdquo; &ndash; &mdash;"), "'a' \"b\" - -");
  EXPECT_EQ(normalize("&AMP;"), "&AMP;");  // case-sensitive
}

TEST(NormalizeHtml, Numeric) {
  EXPECT_EQ(normalize("&#44032;&#xAC01;&#XAC02;"), "가각갂");
  EXPECT_EQ(normalize("&#147;인용&#148;"), "\"인용\"");  // windows-1252 numbers, as HTML5
  EXPECT_EQ(normalize("&#0; &#xD800; &#x110000;"), "\uFFFD \uFFFD \uFFFD");
  EXPECT_EQ(normalize("&#13;&#10;x"), "x");
}

TEST(NormalizeHtml, DoubleEscaped) {
  EXPECT_EQ(normalize("&amp;quot;이중&amp;quot; &amp;amp;lt;"), "\"이중\" <");
  EXPECT_EQ(normalize("&amp;#8230;"), "...");
  EXPECT_EQ(offsets("x&amp;lt;"), (std::vector<std::int64_t>{0, 1}));
}

TEST(NormalizeHtml, Invalid) {
  EXPECT_EQ(normalize("&bogus; &amp &#; &#x; AT&T &#12345678901; &"),
            "&bogus; &amp &#; &#x; AT&T &#12345678901; &");
  NormalizeOptions o;
  o.decode_html = false;
  EXPECT_EQ(normalize("&amp;lt;", o), "&amp;lt;");
}

TEST(NormalizeHtml, CompletedByOtherRules) {
  EXPECT_EQ(normalize("&am\u200Bp;lt;"), "<");
  EXPECT_EQ(normalize("＆ａｍｐ；"), "&");
  EXPECT_EQ(normalize("&amp&#59;"), "&");
}

// ------------------------------------------------------------------------------ repeats
TEST(NormalizeRepeats, Squeezed) {
  EXPECT_EQ(normalize("ㅋㅋㅋㅋㅋ"), "ㅋㅋ");
  EXPECT_EQ(normalize("!!!!!"), "!!");
  EXPECT_EQ(normalize("ㅠㅠㅠㅠ"), "ㅠㅠ");
  EXPECT_EQ(normalize("하하하하"), "하하");
  EXPECT_EQ(normalize("?!?!"), "?!?!");
}

TEST(NormalizeRepeats, Kept) {
  EXPECT_EQ(normalize("1000000원"), "1000000원");
  EXPECT_EQ(normalize("www III"), "www III");
  EXPECT_EQ(normalize("그래서..."), "그래서...");
  EXPECT_EQ(normalize("그래서......"), "그래서...");
  EXPECT_EQ(normalize("٣٣٣٣"), "٣٣٣٣");
}

TEST(NormalizeRepeats, MaxRepeat) {
  NormalizeOptions o;
  o.max_repeat = 3;
  EXPECT_EQ(normalize("ㅋㅋㅋㅋ", o), "ㅋㅋㅋ");
  o.max_repeat = 1;
  EXPECT_EQ(normalize("ㅋㅋㅋ...\n\n가", o), "ㅋ...\n\n가");
  o.max_repeat = 0;
  EXPECT_EQ(normalize("ㅋㅋㅋㅋ", o), "ㅋㅋㅋㅋ");
  o.max_repeat = -1;
  EXPECT_THROW(normalize("a", o), kotext::InvalidArgument);
}

// ------------------------------------------------------------------------------ case, emoji
TEST(NormalizeOptions, Lowercase) {
  NormalizeOptions o;
  o.lowercase = true;
  EXPECT_EQ(normalize("KOTEXT Ünïcode İ 한국", o), "kotext ünïcode i 한국");
  EXPECT_EQ(normalize("W\u030A", o), "\u1E98");  // ẘ exists only in lowercase
  EXPECT_EQ(normalize("KOTEXT"), "KOTEXT");
}

TEST(NormalizeOptions, StripEmoji) {
  NormalizeOptions o;
  o.strip_emoji = true;
  EXPECT_EQ(normalize("좋아요😀👍🏻 ❤️ 🇰🇷 1️⃣", o), "좋아요 1");
  EXPECT_EQ(normalize("👨\u200D👩\u200D👧 가족", o), "가족");
  EXPECT_EQ(normalize("좋아요😀"), "좋아요😀");
}

// ------------------------------------------------------------------------------ offsets
TEST(NormalizeOffsets, PointIntoInput) {
  // code point indices: 😀=0 ' '=1 ' '=2 가=3 &amp;=4..8 나=9
  auto r = normalize_with_offsets("😀  가&amp;나");
  EXPECT_EQ(r.text, "😀 가&나");
  EXPECT_EQ(r.source, (std::vector<std::int64_t>{0, 1, 3, 4, 9}));
}

TEST(NormalizeOffsets, OneEntryPerOutputCodePoint) {
  std::mt19937 rng(7);
  const char* pieces[] = {"가", "ㅋ", " ", "\n", "&amp;", "…", "e\u0301", "😀", "\u1100\u1161", "!!"};
  for (int t = 0; t < 500; ++t) {
    std::string text;
    for (int k = 0; k < 20; ++k) text += pieces[rng() % 10];
    auto r = normalize_with_offsets(text);
    ASSERT_EQ(r.source.size(), kotext::utf8::length(r.text));
    EXPECT_EQ(r.text, normalize(text));
    for (std::size_t k = 1; k < r.source.size(); ++k) ASSERT_LE(r.source[k - 1], r.source[k]);
    if (!r.source.empty())
      ASSERT_LT(r.source.back(), static_cast<std::int64_t>(kotext::utf8::length(text)));
  }
}

TEST(NormalizeCodePoints, AgreeWithUtf8) {
  std::mt19937 rng(5);
  const char* pieces[] = {"가", "ㅋ", "ㆍ", " ", "\n", "\r\n", "&amp;", "&#x26;lt;", "…", "e\u0301",
                          "😀", "\u200D", "\u1100", "\u1161", "Ａ", "“", "W\u030A", "ab", "!!"};
  const std::size_t count = sizeof(pieces) / sizeof(pieces[0]);
  for (int t = 0; t < 1000; ++t) {
    std::string text;
    for (int k = 0; k < 16; ++k) text += pieces[rng() % count];
    NormalizeOptions o;
    o.form = (t % 2) ? UnicodeForm::NFKC : UnicodeForm::NFC;
    o.lowercase = t % 3 == 0;
    const auto expected = normalize_with_offsets(text, o);
    const std::u32string cps = kotext::utf8::decode(text);
    std::vector<std::int64_t> source;
    EXPECT_EQ(kotext::utf8::encode(kotext::normalize_codepoints(cps, o, &source)), expected.text);
    EXPECT_EQ(source, expected.source);
    bool bmp = true;
    for (char32_t c : cps) bmp = bmp && c < 0x10000;
    if (bmp) {
      const std::u16string units(cps.begin(), cps.end());
      source.clear();
      EXPECT_EQ(kotext::utf8::encode(kotext::normalize_codepoints(units, o, &source)),
                expected.text);
      EXPECT_EQ(source, expected.source);
    }
  }
}

TEST(NormalizeCodePoints, SurrogatesFollowErrorMode) {
  const std::u16string units = {u'가', 0xD800, u'나'};
  NormalizeOptions o;
  EXPECT_THROW(kotext::normalize_codepoints(units, o), kotext::InvalidArgument);
  o.errors = kotext::utf8::ErrorMode::Replace;
  EXPECT_EQ(kotext::normalize_codepoints(units, o), U"가\uFFFD나");
  o.errors = kotext::utf8::ErrorMode::Ignore;
  EXPECT_EQ(kotext::normalize_codepoints(std::u32string{U'가', 0x110000, U'나'}, o), U"가나");
}

// ------------------------------------------------------------------------------ bad input
TEST(NormalizeUtf8, StrictErrorNamesByteOffset) {
  try {
    normalize(std::string("abc\xFF" "def"));
    FAIL() << "no exception";
  } catch (const kotext::Utf8Error& e) {
    EXPECT_EQ(e.byte_offset(), 3u);
    EXPECT_EQ(e.byte_length(), 1u);
  }
  try {
    normalize(std::string("가\xEA\xB0"));  // truncated at the end
    FAIL() << "no exception";
  } catch (const kotext::Utf8Error& e) {
    EXPECT_EQ(e.byte_offset(), 3u);
    EXPECT_EQ(e.byte_length(), 2u);
  }
}

TEST(NormalizeUtf8, ReplaceAndIgnore) {
  NormalizeOptions o;
  o.errors = kotext::utf8::ErrorMode::Replace;
  o.max_repeat = 0;  // three U+FFFD in a row would be a repeat
  EXPECT_EQ(normalize(std::string("a\xFF" "b\xED\xA0\x80"), o), "a\uFFFDb\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(normalize_with_offsets(std::string("\xFF가"), o).source,
            (std::vector<std::int64_t>{0, 1}));
  o.errors = kotext::utf8::ErrorMode::Ignore;
  EXPECT_EQ(normalize(std::string("a\xFF" "b"), o), "ab");
  EXPECT_EQ(normalize_with_offsets(std::string("\xFF가"), o).source,
            (std::vector<std::int64_t>{0}));
}

// ------------------------------------------------------------------------------ properties
TEST(NormalizeProperties, IdempotentOnRandomMixes) {
  std::mt19937 rng(11);
  const char* pieces[] = {"가", "ㅋ", "ㆍ", " ", "\t", "\n", "\r", "&amp;", "&lt;", "&#x26;",
                          "amp;", "…", "e\u0301", "😀", "\u200D", "\u200B", "\u1100",
                          "\u1161", "\u11A8", "Ａ", "＆", "!", ".", "“", "—", "1", "W\u030A"};
  const std::size_t count = sizeof(pieces) / sizeof(pieces[0]);
  for (int t = 0; t < 2000; ++t) {
    std::string text;
    for (int k = 0; k < 16; ++k) text += pieces[rng() % count];
    NormalizeOptions o;
    o.form = (t % 3 == 0) ? UnicodeForm::NFKC : UnicodeForm::NFC;
    o.lowercase = t % 2;
    o.strip_emoji = t % 5 == 0;
    o.keep_paragraphs = t % 7 != 0;
    const std::string once = normalize(text, o);
    ASSERT_EQ(normalize(once, o), once) << text;
  }
}

TEST(NormalizeProperties, LargeDocumentsAndBufferReuse) {
  // Big enough to make the per-thread buffers give their memory back, then small again.
  std::string big, expected;
  for (int k = 0; k < 100000; ++k) {
    big += "가나다  ㅋㅋㅋㅋ&amp;!!! ";
    expected += "가나다 ㅋㅋ&!! ";
  }
  expected.pop_back();
  EXPECT_EQ(normalize(big), expected);
  EXPECT_EQ(normalize_with_offsets(big).source.size(), kotext::utf8::length(expected));
  EXPECT_EQ(normalize("가나다  ㅋㅋㅋㅋ"), "가나다 ㅋㅋ");
  EXPECT_EQ(normalize(big), expected);
}

TEST(NormalizeProperties, RealNewsIdempotent) {
  std::ifstream in(std::string(KOTEXT_SHARED_DIR) + "/data/news/knews8-train.jsonl");
  if (!in) GTEST_SKIP() << "../shared/data/news/knews8-train.jsonl not found";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str().substr(0, 400000);
  std::string cut = text;
  while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
  if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
  const std::string once = normalize(cut);
  EXPECT_EQ(normalize(once), once);
  EXPECT_LT(once.size(), cut.size());
}
