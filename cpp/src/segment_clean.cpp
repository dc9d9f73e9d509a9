// In-paragraph cleaning and title cleaning of the segment component. Block classification
// (segment.cpp) decides which blocks are body; this file cuts the boilerplate that portals and
// wire copies glue into the same paragraph as the text, and the site name glued to titles.
#include <algorithm>
#include <string>

#include "kotext/segment.hpp"
#include "kotext/utf8.hpp"
#include "segment_chars.hpp"

namespace kotext {
namespace {

using segment_chars::is_closer;
using segment_chars::is_digit;
using segment_chars::is_hangul;
using segment_chars::is_latin;
using segment_chars::is_space;


std::u32string_view view(const std::u32string& s) { return s; }

std::size_t skip_spaces(std::u32string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

std::u32string trimmed(std::u32string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::u32string(s.substr(b, e - b));
}

bool has(std::u32string_view s, std::u32string_view needle) {
  return s.find(needle) != std::u32string_view::npos;
}

char32_t closing_of(char32_t open) {
  switch (open) {
    case '(': return ')';
    case '[': return ']';
    case 0x3010: return 0x3011;  // 【 】
    case 0xFF08: return 0xFF09;  // （ ）
    case 0xFF3B: return 0xFF3D;  // ［ ］
    case '<': return '>';
    case 0x3008: return 0x3009;  // 〈 〉
    default: return 0;
  }
}

// Index one past the bracket closing the one at @p i (at most @p limit code points inside),
// or 0.
std::size_t bracket_end(std::u32string_view s, std::size_t i, std::size_t limit) {
  char32_t close = i < s.size() ? closing_of(s[i]) : 0;
  if (!close) return 0;
  for (std::size_t k = i + 1; k < s.size() && k <= i + 1 + limit; ++k) {
    if (s[k] == close) return k + 1;
    if (s[k] == s[i]) return 0;
  }
  return 0;
}

// Photo tags printed before a headline or a caption: "[사진]", "[포토]", "[화보]".
bool photo_tag(std::u32string_view inner) {
  return inner == U"사진" || inner == U"포토" || inner == U"사진뉴스" ||
         inner == U"포토뉴스" || inner == U"그래픽" || inner == U"영상";
}

// A bracketed photo credit: "(에버랜드 제공)", "(사진=연합뉴스)", "[사진 제공=OO]".
bool credit_bracket(std::u32string_view inner) {
  return inner.size() >= 2 &&
         (inner.size() >= 3 && inner.substr(inner.size() - 2) == U"제공" ||
          inner.substr(0, 2) == U"사진" || inner.substr(0, 3) == U"그래픽" ||
          inner.substr(0, 2) == U"자료" || inner.substr(0, 3) == U"이미지" || photo_tag(inner));
}

// "2013.3.10/뉴스1": a wire photo's date and agency. Returns the end, or 0.
std::size_t photo_date_credit(std::u32string_view s, std::size_t i, const SegmentTuning& tuning) {
  std::size_t k = i;
  auto digits = [&](std::size_t min, std::size_t max) {
    std::size_t b = k;
    while (k < s.size() && is_digit(s[k]) && k - b < max) ++k;
    return k - b >= min;
  };
  if (!digits(4, 4) || k >= s.size() || s[k] != '.') return 0;
  ++k;
  if (!digits(1, 2) || k >= s.size() || s[k] != '.') return 0;
  ++k;
  if (!digits(1, 2)) return 0;
  if (k < s.size() && s[k] == '.') ++k;
  if (k >= s.size() || s[k] != '/') return 0;
  ++k;
  std::size_t b = k;
  while (k < s.size() && !is_space(s[k]) && k - b < tuning.max_credit_word_chars) ++k;
  return k > b ? k : 0;
}

// Where a paragraph's text can end: after a Korean sentence ending or sentence punctuation,
// closing quotes and brackets aside.
bool sentence_boundary(std::u32string_view s, std::size_t i) {
  std::size_t k = i;
  while (k > 0 && is_space(s[k - 1])) --k;
  while (k > 0 && is_closer(s[k - 1])) --k;
  if (k == 0) return false;
  char32_t c = s[k - 1];
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002;
}

// Right after an e-mail address ("... hong@example.com ▶ 바로가기"): a closing byline ends
// the text as a sentence would.
bool after_email(std::u32string_view s, std::size_t i) {
  std::size_t k = i;
  while (k > 0 && is_space(s[k - 1])) --k;
  std::size_t e = k;
  while (k > 0 && !is_space(s[k - 1])) --k;
  std::u32string_view word = s.substr(k, e - k);
  return word.size() >= 5 && word.find('@') != std::u32string_view::npos &&
         word.find('.') != std::u32string_view::npos;
}

enum class Tail { None, Credit, Copyright, Promo };

// The kind of trailing element starting at @p i and its end (promo and copyright runs take
// the rest of the paragraph unless a closing bracket ends a "< 저작권자 ... >" notice).
Tail tail_element(std::u32string_view s, std::size_t i, std::size_t* end,
                  const SegmentTuning& tuning) {
  char32_t c = s[i];
  if (c == 0x261E || c == 0x25B6 || c == 0x25B7 || c == 0x25BA) {  // ☞ ▶ ▷ ►
    std::size_t k = i + 1;
    while (k < s.size() && s[k] != 0x261E && s[k] != 0x25B6 && s[k] != 0x25B7 &&
           s[k] != 0x25BA)
      ++k;
    *end = k;
    return Tail::Promo;
  }
  if (c == 0x24D2 || c == 0xA9) {  // ⓒ ©
    *end = s.size();
    return Tail::Copyright;
  }
  if (c == '<' || c == 0x3008 || c == '[' || c == '(') {
    std::size_t k = skip_spaces(s, i + 1);
    if (s.substr(k, 3) == U"저작권" || s.substr(k, 1) == U"ⓒ" || s.substr(k, 1) == U"©" ||
        s.substr(k, 9) == U"Copyright" || s.substr(k, 9) == U"copyright") {
      std::size_t e = bracket_end(s, i, tuning.max_bracket_chars);
      *end = e ? e : s.size();
      return Tail::Copyright;
    }
    std::size_t e = bracket_end(s, i, tuning.max_credit_chars);
    if (e && c != '<' && credit_bracket(trimmed(s.substr(i + 1, e - i - 2)))) {
      *end = e;
      return Tail::Credit;
    }
    if (e && c == '[') {
      // "[스타뉴스 핫이슈]": a bracketed label that opens a run of links is part of a promo
      // run only after one; handled by the caller.
      return Tail::None;
    }
  }
  if (s.substr(i, 9) == U"Copyright" || s.substr(i, 9) == U"copyright") {
    *end = s.size();
    return Tail::Copyright;
  }
  if (std::size_t e = photo_date_credit(s, i, tuning)) {
    *end = e;
    return Tail::Credit;
  }
  return Tail::None;
}

BoilerplateReason reason_of(Tail t) {
  switch (t) {
    case Tail::Credit: return BoilerplateReason::PhotoCaption;
    case Tail::Copyright: return BoilerplateReason::Copyright;
    case Tail::Promo: return BoilerplateReason::RelatedLinks;
    default: return BoilerplateReason::Other;
  }
}

struct Span {
  std::size_t begin, end;
  BoilerplateReason reason;
};

// The trailing run of boilerplate elements that starts after a sentence ending, as spans; empty
// when the paragraph does not end in one.
std::vector<Span> trailing_run(std::u32string_view s, const SegmentTuning& tuning) {
  for (std::size_t start = 1; start < s.size(); ++start) {
    if (!(sentence_boundary(s, start) || after_email(s, start)) ||
        (start > 0 && !is_space(s[start - 1]) && !is_closer(s[start - 1]) && s[start - 1] != '.'))
      continue;
    std::size_t e0 = 0;
    if (tail_element(s, start, &e0, tuning) == Tail::None) continue;
    std::vector<Span> spans;
    std::size_t i = start;
    bool ok = true;
    while (true) {
      i = skip_spaces(s, i);
      if (i >= s.size()) break;
      std::size_t e = 0;
      Tail t = tail_element(s, i, &e, tuning);
      if (t == Tail::None) {
        ok = false;
        break;
      }
      spans.push_back({i, e, reason_of(t)});
      i = e;
    }
    if (ok && !spans.empty()) return spans;
    // A credit followed by more text is an aside; a copyright notice or promo run in the
    // middle of text is left for the block classifier. Try a later start.
  }
  return {};
}

std::string encode(std::u32string_view s) { return utf8::encode(trimmed(s)); }

}  // namespace

CleanParagraph clean_paragraph(std::string_view text, bool first, const SegmentTuning& tuning) {
  CleanParagraph out;
  std::u32string s = utf8::decode(text, utf8::ErrorMode::Replace);
  std::size_t b = skip_spaces(s, 0);
  // Leading photo tags ("[사진]") and, in the first paragraph, datelines and bylines.
  for (bool again = true; again;) {
    again = false;
    if (std::size_t e = bracket_end(s, b, tuning.max_bracket_byline_chars)) {
      std::u32string inner = trimmed(view(s).substr(b + 1, e - b - 2));
      if (photo_tag(inner)) {
        out.cuts.push_back({encode(view(s).substr(b, e - b)), BoilerplateReason::PhotoCaption});
        b = skip_spaces(s, e);
        again = true;
        continue;
      }
      if (first && has(inner, U"기자") && !parse_byline(utf8::encode(inner), tuning).reporters.empty()) {
        // "[OO일보 홍길동 기자]"
        out.cuts.push_back({encode(view(s).substr(b, e - b)), BoilerplateReason::Dateline});
        b = skip_spaces(s, e);
        first = false;
        again = true;
        continue;
      }
    }
    if (first) {
      std::string rest = utf8::encode(view(s).substr(b));
      if (std::size_t bytes = dateline_length(rest, tuning)) {
        std::size_t cps = utf8::length(std::string_view(rest).substr(0, bytes));
        out.cuts.push_back({encode(view(s).substr(b, cps)), BoilerplateReason::Dateline});
        b = skip_spaces(s, b + cps);
        first = false;
        again = true;
      }
    }
  }
  std::u32string_view body = view(s).substr(b);
  std::vector<Span> tail = trailing_run(body, tuning);
  std::size_t end = tail.empty() ? body.size() : tail.front().begin;
  std::vector<ParagraphCut> tail_cuts;
  for (const Span& sp : tail)
    tail_cuts.push_back({encode(body.substr(sp.begin, sp.end - sp.begin)), sp.reason});
  // A closing byline after the last sentence ("... 밝혔다. 홍길동 기자 hong@example.com").
  {
    std::size_t k = end;
    while (k > 0 && is_space(body[k - 1])) --k;
    for (std::size_t start = k; start-- > 0 && k - start <= tuning.max_tail_byline_chars;) {
      if (!is_space(body[start]) || !sentence_boundary(body, start)) continue;
      std::u32string cand = trimmed(body.substr(start, k - start));
      Byline by = parse_byline(utf8::encode(cand), tuning);
      char32_t last = cand.empty() ? 0 : cand.back();
      if ((!by.reporters.empty() || !by.emails.empty()) && last != '.' && last != U'다') {
        tail_cuts.insert(tail_cuts.begin(), {utf8::encode(cand), BoilerplateReason::Byline});
        end = start;
      }
      break;
    }
  }
  out.text = encode(body.substr(0, end));
  out.cuts.insert(out.cuts.end(), tail_cuts.begin(), tail_cuts.end());
  return out;
}

namespace {

// Compares a title part with a site name: spaces, dots and case ignored.
std::u32string site_key(std::u32string_view s) {
  std::u32string out;
  for (char32_t c : s) {
    if (is_space(c) || c == '.' || c == '-' || c == '_') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

struct Separator {
  std::size_t begin, end;  // code point span, spaces around it included
  bool strong;             // a separator no headline uses inside itself
};

std::vector<Separator> separators(std::u32string_view s) {
  std::vector<Separator> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    std::size_t len = 0;
    bool strong = false;
    if (c == '|' || c == 0xFF5C || c == 0x3163 || c == 0x2502) {  // | ｜ ㅣ │
      len = 1;
      strong = true;
    } else if (c == ':' && i + 1 < s.size() && s[i + 1] == ':') {
      len = 2;
      strong = true;
    } else if (c == '-' || c == 0x2013 || c == 0x2014 || c == '<' || c == ':' || c == 0xFF1A) {
      len = 1;
      // " - " with spaces on both sides separates; "코로나-19" does not.
      bool spaced = i > 0 && is_space(s[i - 1]) && i + 1 < s.size() && is_space(s[i + 1]);
      strong = spaced && c != ':';
    }
    if (!len) continue;
    std::size_t b = i, e = i + len;
    while (b > 0 && is_space(s[b - 1])) --b;
    while (e < s.size() && is_space(s[e])) ++e;
    out.push_back({b, e, strong});
    i = e - 1;
  }
  return out;
}

bool names_site(std::u32string_view part, const std::vector<std::u32string>& sites,
                const SegmentTuning& tuning) {
  std::u32string key = site_key(part);
  if (key.size() < 2) return false;
  for (const auto& site : sites) {
    if (site.size() < 2) continue;
    if (key == site || (key.find(site) != std::u32string::npos && key.size() <= site.size() + tuning.site_name_extra_chars) ||
        (site.find(key) != std::u32string::npos && key.size() * 2 >= site.size()))
      return true;
  }
  return false;
}

bool label_like(std::u32string_view part, std::size_t max_chars) {
  std::u32string t = trimmed(part);
  if (t.empty() || t.size() > max_chars) return false;
  char32_t last = t.back();
  if (last == '.' || last == '?' || last == '!' || last == '"' || last == 0x201D) return false;
  std::size_t letters = 0;
  for (char32_t c : t) letters += is_hangul(c) || is_latin(c);
  return letters >= 1;
}

}  // namespace

std::string strip_site_name(std::string_view title, const std::vector<std::string>& site_names,
                            const SegmentTuning& tuning) {
  std::u32string s = trimmed(utf8::decode(title, utf8::ErrorMode::Replace));
  std::vector<std::u32string> sites;
  for (const auto& name : site_names) {
    std::u32string key = site_key(utf8::decode(name, utf8::ErrorMode::Replace));
    if (key.size() >= 2) sites.push_back(key);
  }
  // Leading photo tags ("[사진]") and a leading bracket naming the site ("[예시일보] 제목",
  // "【예시일보】제목"); other brackets ("[단독]") belong to the headline.
  bool stripped_site = false;
  while (true) {
    std::size_t e = bracket_end(s, 0, tuning.max_site_label_chars);
    if (!e || s[0] == '(' || s[0] == '<') break;
    std::u32string inner = trimmed(view(s).substr(1, e - 2));
    bool site = names_site(inner, sites, tuning);
    if (!photo_tag(inner) && !site) break;
    std::u32string rest = trimmed(view(s).substr(e));
    if (rest.empty()) break;
    s = rest;
    stripped_site = stripped_site || site;
  }
  for (int round = 0; round < 4; ++round) {
    auto seps = separators(s);
    if (seps.empty()) break;
    bool changed = false;
    // A trailing part: "제목 | 사이트", then "제목 - 섹션" next to it.
    const Separator last = seps.back();
    std::u32string_view tail = view(s).substr(last.end);
    std::u32string_view head = view(s).substr(0, last.begin);
    if (!trimmed(head).empty() && !trimmed(tail).empty()) {
      bool site = names_site(tail, sites, tuning);
      // Without a known site name, the shorter side of a strong separator is the label
      // ("제목 | 예시뉴스"), unless the head is the one naming a site ("예시뉴스 :: 제목").
      bool label = last.strong && label_like(tail, tuning.max_site_label_chars) &&
                   trimmed(tail).size() < trimmed(head).size() && !names_site(head, sites, tuning);
      if (site || label || (stripped_site && label_like(tail, tuning.max_section_chars))) {
        stripped_site |= site || last.strong;
        s = trimmed(head);
        changed = true;
      }
    }
    if (!changed) {
      // A leading part: "사이트 :: 제목".
      const Separator lead = seps.front();
      std::u32string_view h = view(s).substr(0, lead.begin);
      std::u32string_view rest = view(s).substr(lead.end);
      if (!trimmed(rest).empty() && names_site(h, sites, tuning) &&
          (lead.strong || label_like(h, tuning.max_site_label_chars))) {
        stripped_site = true;
        s = trimmed(rest);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return utf8::encode(s);
}

}  // namespace kotext
