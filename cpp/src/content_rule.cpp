// The content-token rule over the morphemes of one Hangul word (see content_rule.hpp).
#include "content_rule.hpp"

#include <array>
#include <string>

#include "kotext/utf8.hpp"

namespace kotext {
namespace {

// Tags of the content-token rule (docs: ../shared/data/README.md "Content tokens"):
// nominal morphemes a content token is made of; NNBC is mecab-ko-dic's unit noun (명, 개).
bool is_nominal(std::string_view t) {
  static const std::array<std::string_view, 11> tags = {
      "NNG", "NNP", "NNB", "NNBC", "NR", "SN", "SL", "SH", "XR", "XPN", "XSN"};
  for (auto x : tags) {
    if (t == x) return true;
  }
  return false;
}

// mecab-ko-dic's tag for a stretch of Hangul that matches no entry (unk.dic's HANGUL
// category): a word the dictionary lacks, most often a name; content like a proper noun.
bool is_unknown_word(std::string_view t) { return t == "UNKNOWN"; }

// A prefix made of these alone is no content word (것, 수, 하나, 들, 제): bound nouns,
// numerals, pronouns and affixes.
bool is_function_nominal(std::string_view t) {
  return t == "NNB" || t == "NNBC" || t == "NR" || t == "NP" || t == "XSN" || t == "XPN";
}

// XR roots that are demonstrative pro-forms (이러한 = 이러+하+ㄴ): not words.
bool is_function_root(std::string_view form) {
  return form == "이러" || form == "그러" || form == "저러" || form == "요러";
}

// Tags a word can start with when it is what follows a noun inside an eojeol: particles,
// endings, the copula and the derivational suffixes of 하다/되다 verbs and adjectives.
bool is_function_start(std::string_view t) {
  return (!t.empty() && (t[0] == 'J' || t[0] == 'E')) || t.rfind("VCP", 0) == 0 ||
         t.rfind("VCN", 0) == 0 || t.rfind("XSV", 0) == 0 || t.rfind("XSA", 0) == 0;
}

// A determiner (MM) or a verb, adjective or the copula in its modifier form (밸 =
// 배/VV+ᆯ/ETM, 인 = 이/VCP+ᆫ/ETM).
bool is_modifier(std::string_view t) {
  return t == "MM" || ((t.rfind("VV+", 0) == 0 || t.rfind("VA+", 0) == 0 || t.rfind("VCP+", 0) == 0) &&
                       t.size() >= 4 && t.compare(t.size() - 3, 3, "ETM") == 0);
}

// A particle read between two nouns of one eojeol (수로원 = 수+로+원, 부양의무자 =
// 부양+의+무자, 코르도바로 alone as 코르+도+바로): in Korean a particle closes the nominal
// part of an eojeol, and what follows it inside the same eojeol is another particle, the
// copula or an ending, not a noun stem; a noun after it means the dictionary cut an
// unknown word at syllables that happen to be particles. @p keep: where the nominal
// prefix read so far ends (the particle must follow it directly).
bool particle_inside_noun(const std::vector<Morpheme>& morphs, std::size_t i, std::uint32_t keep) {
  // at the start of the word too (이란군 = 이란/JX + 군): no eojeol begins with a particle
  if ((keep == 0 && i != 0) || i + 1 >= morphs.size() || morphs[i].begin != keep) return false;
  const std::string& t = morphs[i].tag;
  const std::string& next = morphs[i + 1].tag;
  return t.size() >= 2 && t[0] == 'J' && t.find('+') == std::string::npos &&
         (next == "NNG" || next == "NNP");
}

// An ending read between two nouns of one eojeol (과학인재 = 과학 + 인/VCP+ETM + 재,
// 경제인연합회 = 경제 + 인 + 연합회, 구마라시바 = 구마 + 라/VCP+EC + 시바): inside one eojeol
// an ending closes the word, and a noun after it means the dictionary cut an unknown
// compound at a syllable that happens to be an ending. The gap is at most
// kMaxEndingGap syllables of copula / endings (fused or not) right after the nominal
// prefix, followed by a common or proper noun. Returns the index of that noun, or 0.
constexpr std::size_t kMaxEndingGap = 1;

std::size_t ending_inside_noun(const std::vector<Morpheme>& morphs, std::size_t i, std::uint32_t keep) {
  if (keep == 0 || i >= morphs.size() || morphs[i].begin != keep) return 0;
  std::size_t j = i;
  while (j < morphs.size() && morphs[j].end - keep <= kMaxEndingGap) {
    const std::string& t = morphs[j].tag;
    const bool ending = t.rfind("VCP", 0) == 0 || (!t.empty() && t[0] == 'E');
    if (!ending) break;
    ++j;
  }
  if (j == i || j >= morphs.size() || morphs[j - 1].end - keep > kMaxEndingGap) return 0;
  const std::string& next = morphs[j].tag;
  return (next == "NNG" || next == "NNP") ? j : 0;
}

// An adverb, interjection or determiner read right after a noun inside one eojeol
// (드루킹 = 드루/NNG + 킹/MAG, an unknown name; 행정안전부 = 행정 + 안/MAG + 전부,
// 한국경영자총협회 = ... + 총/MM + 협회): Korean spacing writes these words as eojeols of
// their own, so after a common or proper noun in the same eojeol the syllables are the
// rest of a word the dictionary lacks. Between two nouns that is enough; at the end of
// the word, or before a particle or ending, only for one syllable (a longer adverb there
// is a real one written without its space: 차질없이) that the dictionary has in no reading
// that may follow a noun (@p follows_noun: 마찬가지다 is 마찬가지 + the copula's 다, read
// as the adverb 다 before the right context). @p last: the tag of the last nominal
// morpheme kept.
bool word_inside_noun(std::u32string_view word, const std::vector<Morpheme>& morphs, std::size_t i,
                      std::uint32_t keep, std::string_view last, const SurfaceTest& follows_noun) {
  if (keep == 0 || morphs[i].begin != keep || (last != "NNG" && last != "NNP")) return false;
  const std::string& t = morphs[i].tag;
  if (t != "MAG" && t != "IC" && t != "MM") return false;
  if (i + 1 < morphs.size()) {
    const std::string& next = morphs[i + 1].tag;
    if (next == "NNG" || next == "NNP") return true;
    if (next[0] != 'J' && next[0] != 'E' && next.rfind("VCP", 0) != 0) return false;
  }
  if (morphs[i].end - morphs[i].begin != 1) return false;
  return !follows_noun || !follows_noun(word.substr(morphs[i].begin, morphs[i].end - morphs[i].begin));
}

}  // namespace

bool is_predicate_tag(std::string_view t) {
  return t == "VV" || t == "VA" || t.rfind("VV+", 0) == 0 || t.rfind("VA+", 0) == 0;
}

std::vector<std::string_view> split_on(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t a = 0;
  while (true) {
    std::size_t b = s.find(sep, a);
    out.push_back(s.substr(a, b == std::string_view::npos ? std::string_view::npos : b - a));
    if (b == std::string_view::npos) break;
    a = b + 1;
  }
  return out;
}

WordContent content_of(std::u32string_view word, const std::vector<Morpheme>& morphs,
                       const SurfaceTest& follows_noun) {
  WordContent c;
  std::vector<std::string_view> tags;
  for (std::size_t i = 0; i < morphs.size(); ++i) {
    const Morpheme& m = morphs[i];
    if (std::size_t j = ending_inside_noun(morphs, i, c.keep)) {
      i = j - 1;  // the loop goes on at the noun after the ending
      continue;
    }
    if (m.tag.find('+') != std::string::npos) {
      // fused entry: its leading nominal parts count when they spell the start of the
      // surface (를 = 의대+를 does not: nothing is kept); all-nominal entries count whole
      std::vector<std::string_view> parts = split_on(m.parts, '+');
      std::size_t j = 0;
      std::string head;
      std::vector<std::string_view> ptags;
      for (auto p : parts) {
        auto pf = split_on(p, '/');
        if (pf.size() < 2 || !is_nominal(pf[1])) break;
        head += std::string(pf[0]);
        ptags.push_back(pf[1]);
        ++j;
      }
      if (j == 0) break;
      const std::string surface = utf8::encode(word.substr(m.begin, m.end - m.begin));
      if (j == parts.size()) {
        c.keep = static_cast<std::uint32_t>(m.end);
        tags.insert(tags.end(), ptags.begin(), ptags.end());
        c.tag = std::string(ptags.back());
        continue;
      }
      if (surface.rfind(head, 0) == 0 && head.size() < surface.size()) {
        c.keep = static_cast<std::uint32_t>(m.begin + utf8::decode(head).size());
        tags.insert(tags.end(), ptags.begin(), ptags.end());
        c.tag = std::string(ptags.back());
      }
      break;
    }
    if (particle_inside_noun(morphs, i, c.keep)) continue;
    if (word_inside_noun(word, morphs, i, c.keep, c.tag, follows_noun)) {
      c.keep = static_cast<std::uint32_t>(m.end);
      tags.push_back("NNP");
      c.tag = "NNP";
      continue;
    }
    if (!is_nominal(m.tag) && !is_unknown_word(m.tag)) break;
    c.keep = static_cast<std::uint32_t>(m.end);
    const std::string_view tag = is_unknown_word(m.tag) ? std::string_view("NNP") : std::string_view(m.tag);
    tags.push_back(tag);
    c.tag = std::string(tag);
  }
  // An interjection is an eojeol of its own: one read at the start of a longer eojeol,
  // followed by nouns, unknown stretches or more interjections (어/IC + 나이, 음/IC + 바/NNB
  // + 페, 스/IC + 크/IC + 럭스: foreign names), is the first syllable of a word the
  // dictionary lacks, which runs to the first particle or ending.
  if (c.keep == 0 && morphs.size() >= 2 && morphs[0].tag == "IC") {
    std::size_t k = 1;
    bool noun = false;
    while (k < morphs.size() && (is_nominal(morphs[k].tag) || is_unknown_word(morphs[k].tag) || morphs[k].tag == "IC")) {
      noun |= morphs[k].tag == "NNG" || morphs[k].tag == "NNP" || is_unknown_word(morphs[k].tag);
      ++k;
    }
    if (noun) {
      c.keep = static_cast<std::uint32_t>(morphs[k - 1].end);
      c.tag = "NNP";
      tags.assign(1, "NNP");
    }
  }
  // A determiner, a modifier form or an adverb glued to the nouns after it (한+준석,
  // 밸+류체+인상, 인/VCP+ETM + 스타 + 그램, 다/MAG + 문화: Korean spacing puts a modifier or
  // an adverb in its own eojeol, so inside one eojeol this is an unknown word read
  // piecewise): the whole run is one noun. (A pronoun before a noun, 우리+카드, 우리+나라,
  // is not included: the treebanks disagree on it, GSD and the first half of Kaist lost.)
  if (c.keep == 0 && morphs.size() >= 2 && (is_modifier(morphs[0].tag) || morphs[0].tag == "MAG") &&
      (morphs[1].tag == "NNG" || morphs[1].tag == "NNP")) {
    std::size_t k = 1;
    while (k < morphs.size() && is_nominal(morphs[k].tag) && !is_function_nominal(morphs[k].tag)) ++k;
    c.keep = static_cast<std::uint32_t>(morphs[k - 1].end);
    c.tag = "NNP";
    tags.assign(1, "NNP");
  }
  if (c.keep && !morphs.empty() && morphs[0].tag == "XR" &&
      is_function_root(utf8::encode(word.substr(morphs[0].begin, morphs[0].end - morphs[0].begin)))) {
    c.keep = 0;
    tags.clear();
    c.tag.clear();
  }
  if (c.keep) {
    c.function_only = true;
    for (auto t : tags) c.function_only &= is_function_nominal(t);
    // plural 들: the last kept morpheme is the suffix 들
    for (const Morpheme& m : morphs) {
      if (m.end == c.keep && m.tag == "XSN" && m.end - m.begin == 1 && word[m.begin] == U'\uB4E4') {
        c.plural = true;
      }
    }
  } else if (!morphs.empty()) {
    c.starts_function = is_function_start(morphs[0].tag);
    if (is_predicate_tag(morphs[0].tag)) {
      c.lemma = morphs[0].lemma + "다";
      c.tag = morphs[0].tag.substr(0, 2);
    }
  }
  return c;
}

}  // namespace kotext
