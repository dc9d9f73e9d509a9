// Block classifier for news pages. The design favours features that any Korean news page
// shows (sentence endings, link density, list numbering, bylines) over markup details, so a
// text dump and an HTML page go through the same code; see segment.hpp for the overview.
#include "kotext/segment.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "kotext/normalize.hpp"
#include "kotext/utf8.hpp"
#include "segment_chars.hpp"
#include "segment_words.hpp"

namespace kotext {
namespace {

// ---------------------------------------------------------------- character classes
using segment_chars::is_closer;
using segment_chars::is_digit;
using segment_chars::is_email_char;
using segment_chars::is_han;
using segment_chars::is_hangul;
using segment_chars::is_jamo;
using segment_chars::is_latin;
using segment_chars::is_space;
using segment_words::kDateLabels;
using segment_words::media_like;
using segment_words::kRoles;

// Lenient decode with the byte offset of each code point (and one past the end).
struct Decoded {
  std::u32string s;
  std::vector<std::size_t> bytes;
};
Decoded decode_with_bytes(std::string_view text) {
  Decoded d;
  d.s = utf8::decode(text, utf8::ErrorMode::Replace, &d.bytes);
  d.bytes.push_back(text.size());
  return d;
}

bool contains(std::u32string_view s, std::u32string_view needle) {
  return s.find(needle) != std::u32string_view::npos;
}

std::u32string lower_ascii(std::u32string_view s) {
  std::u32string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  return out;
}

std::u32string trim(std::u32string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::u32string(s.substr(b, e - b));
}

// Whitespace-separated words with their code point spans.
struct Word {
  std::size_t begin, end;
};
std::vector<Word> split_words(std::u32string_view s) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t b = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > b) words.push_back({b, i});
  }
  return words;
}

// ---------------------------------------------------------------- bylines
bool is_role(std::u32string_view w) {
  for (auto r : kRoles)
    if (w == r) return true;
  return false;
}

// Role word at the end of w ("권승주기자"): returns the length of the role, or 0.
std::size_t role_suffix(std::u32string_view w) {
  for (auto r : kRoles) {
    if (w.size() > r.size() && w.substr(w.size() - r.size()) == r) return r.size();
  }
  return 0;
}

// Common Korean surnames (first syllable of a name); used only to tell a second reporter
// name from an outlet or place name in front of a byline.
const std::u32string_view kSurnames =
    U"김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민류나진지엄채원"
    U"천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부";

bool all_hangul(std::u32string_view w) {
  if (w.empty()) return false;
  for (char32_t c : w)
    if (!is_hangul(c)) return false;
  return true;
}

// Words that stand next to a reporter's name but are not names ("기자명 홍길동 기자").
const std::u32string_view kNotNames[] = {
    U"기자명", U"기자", U"사진", U"입력", U"수정", U"승인", U"등록", U"편집", U"취재", U"정리",
    U"에디터", U"작성자", U"필자", U"담당", U"글쓴이", U"기사", U"제공", U"발행", U"구성",
    U"영상", U"촬영", U"그래픽", U"기획", U"글", U"특파원", U"온라인", U"디지털", U"뉴스팀",
    U"인턴", U"수습", U"객원", U"선임", U"전문", U"사회부", U"경제부", U"정치부", U"국제부",
    U"산업부", U"문화부", U"체육부", U"연예부", U"편집국", U"보도국", U"취재팀", U"기자단"};

bool name_like(std::u32string_view w, bool nearest) {
  if (!all_hangul(w) || w.size() < 2 || w.size() > 4 || media_like(w)) return false;
  for (auto x : kNotNames)
    if (w == x) return false;
  if (nearest) return true;
  if (w.size() == 4) return false;
  return kSurnames.find(w[0]) != std::u32string_view::npos;
}

// Strips punctuation that sticks to byline words ("기자=", "홍길동·", "(서울").
std::u32string_view strip_punct(std::u32string_view w) {
  auto junk = [](char32_t c) {
    return c == '=' || c == ',' || c == '/' || c == '|' || c == ')' || c == '(' || c == '[' ||
           c == ']' || c == 0xB7 || c == 0x3010 || c == 0x3011 || c == ':' || c == '<' ||
           c == '>' || c == '"' || c == '\'' || c == '.' || c == 0x2019 || c == 0x201D;
  };
  while (!w.empty() && junk(w.front())) w.remove_prefix(1);
  while (!w.empty() && junk(w.back())) w.remove_suffix(1);
  return w;
}

std::vector<Word> find_emails(std::u32string_view s) {
  std::vector<Word> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '@') continue;
    std::size_t b = i, e = i + 1;
    while (b > 0 && is_email_char(s[b - 1])) --b;
    while (e < s.size() && is_email_char(s[e])) ++e;
    while (e > i + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
    while (b < i && (s[b] == '.' || s[b] == '-')) ++b;
    if (b == i || e <= i + 1) continue;
    auto domain = s.substr(i + 1, e - i - 1);
    auto dot = domain.rfind('.');
    if (dot == std::u32string_view::npos || dot + 2 > domain.size()) continue;
    bool tld_ok = true;
    for (std::size_t k = dot + 1; k < domain.size(); ++k) tld_ok &= is_latin(domain[k]);
    if (!tld_ok) continue;
    out.push_back({b, e});
    i = e;
  }
  return out;
}

// A leading bracket "(서울=연합뉴스)", "[헤럴드경제]", "【서울=뉴시스】": returns the index
// one past the closing bracket (0 if none) and the outlet named inside.
std::size_t leading_bracket(std::u32string_view s, std::size_t start, std::u32string* outlet) {
  if (start >= s.size()) return 0;
  char32_t open = s[start], close;
  if (open == '(') close = ')';
  else if (open == '[') close = ']';
  else if (open == 0x3010) close = 0x3011;
  else if (open == '<') close = '>';
  else if (open == 0xFF08) close = 0xFF09;
  else return 0;
  std::size_t limit = std::min(s.size(), start + 32);
  std::size_t k = start + 1;
  while (k < limit && s[k] != close && s[k] != open) ++k;
  if (k >= limit || s[k] != close) return 0;
  std::u32string inner = trim(s.substr(start + 1, k - start - 1));
  if (inner.size() < 2 || contains(inner, U"사진") || contains(inner, U"그래픽") ||
      contains(inner, U"영상") || contains(inner, U"자료")) {
    return 0;
  }
  auto eq = inner.find('=');
  std::u32string name = eq == std::u32string::npos ? inner : trim(inner.substr(eq + 1));
  std::size_t letters = 0;
  for (char32_t c : name) letters += is_hangul(c) || is_latin(c);
  if (letters < 2 || name.size() > 16) return 0;
  if (eq == std::u32string::npos && split_words(name).size() > 2) return 0;
  if (outlet) *outlet = name;
  return k + 1;
}

struct BylineCore {
  std::vector<std::u32string> reporters;
  std::vector<Word> emails;
  std::u32string outlet;
  std::size_t role_end = 0;  // code point one past the last role word (0: no role word)
  std::size_t first_name = std::u32string::npos;  // word index of the first name
};

BylineCore parse_byline_u32(std::u32string_view s, const SegmentTuning& tune) {
  BylineCore out;
  out.emails = find_emails(s);
  std::size_t start = 0;
  while (start < s.size() && is_space(s[start])) ++start;
  std::u32string bracket_outlet;
  std::size_t after_bracket = leading_bracket(s, start, &bracket_outlet);
  auto words = split_words(s);
  // Only the first role word counts (a byline names its reporters once).
  for (std::size_t wi = 0; wi < words.size() && wi < tune.byline_max_words; ++wi) {
    std::u32string_view raw = s.substr(words[wi].begin, words[wi].end - words[wi].begin);
    std::u32string_view w = strip_punct(raw);
    std::size_t suffix = 0;
    bool role = is_role(w);
    if (!role) {
      suffix = role_suffix(w);
      if (suffix == 0 || !name_like(w.substr(0, w.size() - suffix), true)) continue;
      // "기자입니다" etc. are not bylines: the role must end the word (punctuation aside).
    }
    std::vector<std::u32string> names;
    std::size_t first = wi;
    if (suffix) {
      names.emplace_back(w.substr(0, w.size() - suffix));
    }
    for (std::size_t k = wi; k-- > 0 && names.size() < tune.byline_max_names;) {
      if (words[k].end <= after_bracket) break;
      std::u32string_view rw = s.substr(words[k].begin, words[k].end - words[k].begin);
      // "홍길동·김철수" or "홍길동, 김철수": split on the separators.
      std::vector<std::u32string> parts;
      std::u32string cur;
      for (char32_t c : rw) {
        if (c == 0xB7 || c == ',' || c == '/' || c == 0x2027 || c == 0x30FB) {
          if (!cur.empty()) parts.push_back(cur);
          cur.clear();
        } else {
          cur.push_back(c);
        }
      }
      if (!cur.empty()) parts.push_back(cur);
      bool ok = !parts.empty();
      for (auto& p : parts) {
        auto sp = strip_punct(p);
        p = std::u32string(sp);
        ok &= name_like(p, names.empty() && parts.size() == 1);
      }
      if (!ok) break;
      for (auto it = parts.rbegin(); it != parts.rend(); ++it) names.insert(names.begin(), *it);
      first = k;
      if (rw.back() == ',') break;  // "순천, 광양 ..." style places end at a comma
    }
    if (names.empty()) continue;
    out.reporters = names;
    out.role_end = words[wi].end;
    out.first_name = first;
    if (!bracket_outlet.empty()) {
      out.outlet = bracket_outlet;
    } else if (first == 1 && !suffix) {
      std::u32string_view ow = s.substr(words[0].begin, words[0].end - words[0].begin);
      std::u32string_view o = strip_punct(ow);
      bool label = false;
      for (auto x : kNotNames) label |= o == x;
      if (ow.back() != ',' && ow.size() <= tune.byline_outlet_max_chars && ow.find('@') == std::u32string_view::npos &&
          !label) {
        out.outlet = std::u32string(o);
      }
    } else if (first == 1 && suffix) {
      std::u32string_view ow = s.substr(words[0].begin, words[0].end - words[0].begin);
      if (ow.back() != ',' && ow.size() <= tune.byline_outlet_max_chars) out.outlet = std::u32string(strip_punct(ow));
    }
    break;
  }
  if (out.reporters.empty() && !bracket_outlet.empty()) out.outlet = bracket_outlet;
  return out;
}

// ---------------------------------------------------------------- dates
struct Reader {
  std::u32string_view s;
  std::size_t i;
  bool digits(int min, int max, int* value, bool allow_more = false) {
    std::size_t k = i;
    int v = 0, n = 0;
    while (k < s.size() && is_digit(s[k]) && n < max) {
      v = v * 10 + static_cast<int>(s[k] - '0');
      ++k;
      ++n;
    }
    if (n < min || (!allow_more && k < s.size() && is_digit(s[k]))) return false;
    *value = v;
    i = k;
    return true;
  }
  void spaces() {
    while (i < s.size() && (s[i] == ' ' || s[i] == 0xA0)) ++i;
  }
  bool lit(std::u32string_view w) {
    if (s.substr(i, w.size()) == w) {
      i += w.size();
      return true;
    }
    return false;
  }
};

bool valid_date(int y, int m, int d) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

// Optional time after a date; updates r.i only on success.
void read_time(Reader& r, DateMatch& m) {
  Reader t = r;
  t.spaces();
  if (t.i < t.s.size() && (t.s[t.i] == 'T' || t.s[t.i] == ',')) ++t.i;
  t.spaces();
  // A weekday in brackets: "2021.02.04(목) 10:21"
  if (t.i < t.s.size() && t.s[t.i] == '(' && t.i + 2 < t.s.size() && t.s[t.i + 2] == ')') {
    t.i += 3;
    t.spaces();
  }
  bool pm = false, am = false;
  if (t.lit(U"오후") || t.lit(U"PM") || t.lit(U"pm")) pm = true;
  else if (t.lit(U"오전") || t.lit(U"AM") || t.lit(U"am")) am = true;
  t.spaces();
  int h = 0, mi = 0, se = -1;
  Reader save = t;
  if (t.digits(1, 2, &h) && t.lit(U":") && t.digits(2, 2, &mi)) {
    if (t.i < t.s.size() && t.s[t.i] == ':') {
      Reader u = t;
      ++u.i;
      int v;
      if (u.digits(2, 2, &v)) {
        se = v;
        t = u;
        if (t.i < t.s.size() && t.s[t.i] == '.') {
          Reader f = t;
          ++f.i;
          int frac;
          if (f.digits(1, 9, &frac)) t = f;
        }
      }
    }
  } else {
    t = save;
    if (!(t.digits(1, 2, &h) && t.lit(U"시"))) return;
    Reader u = t;
    u.spaces();
    if (u.digits(1, 2, &mi) && u.lit(U"분")) t = u;
    else mi = 0;
  }
  if (pm && h < 12) h += 12;
  if (am && h == 12) h = 0;
  if (h > 23 || mi > 59 || se > 59) return;
  m.hour = h;
  m.minute = mi;
  m.second = se;
  // Time zone: Z, +09:00, +0900
  if (t.i < t.s.size() && t.s[t.i] == 'Z') {
    m.has_tz = true;
    m.tz_minutes = 0;
    ++t.i;
  } else if (t.i < t.s.size() && (t.s[t.i] == '+' || t.s[t.i] == '-')) {
    Reader u = t;
    int sign = u.s[u.i] == '-' ? -1 : 1;
    ++u.i;
    int th = 0, tm = 0;
    if (u.digits(2, 2, &th, true)) {
      if (u.i < u.s.size() && u.s[u.i] == ':') ++u.i;
      if (!u.digits(2, 2, &tm)) tm = 0;
      if (th <= 14 && tm < 60) {
        m.has_tz = true;
        m.tz_minutes = sign * (th * 60 + tm);
        t = u;
      }
    }
  }
  r = t;
}

std::vector<std::pair<DateMatch, std::size_t>> find_dates_u32(std::u32string_view s) {
  // Returns matches with code point spans in begin/end (caller converts to bytes).
  std::vector<std::pair<DateMatch, std::size_t>> out;
  for (std::size_t i = 0; i + 8 <= s.size() + 0; ++i) {
    if (!is_digit(s[i]) || (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.'))) continue;
    Reader r{s, i};
    int y, mo, d;
    if (!r.digits(4, 4, &y) || y < 1900 || y > 2099) continue;
    DateMatch m;
    bool ok = false;
    Reader k = r;
    if (k.i < s.size() && (s[k.i] == '-' || s[k.i] == '.' || s[k.i] == '/')) {
      char32_t sep = s[k.i];
      ++k.i;
      if (sep == '.') k.spaces();
      if (k.digits(1, 2, &mo) && k.i < s.size() && s[k.i] == sep) {
        ++k.i;
        if (sep == '.') k.spaces();
        if (k.digits(1, 2, &d)) {
          ok = valid_date(y, mo, d);
          if (ok && sep == '.' && k.i < s.size() && s[k.i] == '.') ++k.i;
        }
      }
    } else {
      k.spaces();
      if (k.lit(U"년")) {
        k.spaces();
        if (k.digits(1, 2, &mo) && k.lit(U"월")) {
          k.spaces();
          if (k.digits(1, 2, &d) && k.lit(U"일")) ok = valid_date(y, mo, d);
        }
      }
    }
    if (!ok) continue;
    m.year = y;
    m.month = mo;
    m.day = d;
    read_time(k, m);
    m.begin = i;
    m.end = k.i;
    // "수정 2021.02.04" / "Updated": a modification date
    std::size_t lb = i >= 12 ? i - 12 : 0;
    std::u32string before = lower_ascii(s.substr(lb, i - lb));
    m.modified = contains(before, U"수정") || contains(before, U"업데이트") ||
                 contains(before, U"updated") || contains(before, U"modified") ||
                 contains(before, U"최종");
    out.emplace_back(m, k.i);
    i = k.i > i ? k.i - 1 : i;
  }
  return out;
}

// ---------------------------------------------------------------- features
bool starts_numbered(std::u32string_view s, const SegmentTuning& tune) {
  const std::size_t max_digits = tune.list_number_max_digits;
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  if (i >= s.size()) return false;
  char32_t c = s[i];
  if ((c >= 0x2460 && c <= 0x2473) || (c >= 0x2776 && c <= 0x2793)) return true;
  if (c == '[' || c == '(') {
    std::size_t k = i + 1, n = 0;
    while (k < s.size() && is_digit(s[k]) && n <= max_digits) ++k, ++n;
    return n > 0 && k < s.size() && (s[k] == ']' || s[k] == ')');
  }
  std::size_t k = i, n = 0;
  while (k < s.size() && is_digit(s[k]) && n <= max_digits) ++k, ++n;
  if (n == 0 || n > max_digits || k >= s.size()) return false;
  if (s[k] == '.' || s[k] == ')') return k + 1 >= s.size() || !is_digit(s[k + 1]);
  return false;
}

bool is_bullet_char(char32_t c) {
  static const std::u32string_view bullets =
      U"•·‧∙◦▪▫■□●○-–—*※◇◆▶▷►▸▹☞→◈★☆♦◎";
  return bullets.find(c) != std::u32string_view::npos;
}
bool is_promo_char(char32_t c) {
  static const std::u32string_view promo = U"▶▷►▸◆◇◈★☆☞■◀";
  return promo.find(c) != std::u32string_view::npos;
}

std::size_t count_sentence_ends(std::u32string_view s, bool* terminal) {
  std::size_t n = 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c != '.' && c != '!' && c != '?') continue;
    if (!is_hangul(s[i - 1])) continue;
    std::size_t k = i + 1;
    while (k < s.size() && (s[k] == '.' || s[k] == '!' || s[k] == '?')) ++k;
    while (k < s.size() && is_closer(s[k])) ++k;
    if (k >= s.size() || is_space(s[k])) ++n;
  }
  // Terminal: the last non-space characters end like a sentence.
  std::size_t e = s.size();
  while (e > 0 && (is_space(s[e - 1]) || is_closer(s[e - 1]))) --e;
  bool term = false;
  if (e >= 2) {
    char32_t last = s[e - 1];
    if ((last == '.' || last == '!' || last == '?') && s[e - 2] != '.') {
      term = is_hangul(s[e - 2]) || is_closer(s[e - 2]) || is_digit(s[e - 2]) ||
             is_latin(s[e - 2]) || s[e - 2] == ')';
    } else if (last == U'다' || last == U'요') {
      term = true;
    }
  }
  if (terminal) *terminal = term;
  return n;
}

bool copyright_like(std::u32string_view low) {
  return contains(low, U"copyright") || contains(low, U"all rights reserved") ||
         contains(low, U"ⓒ") || contains(low, U"©") || contains(low, U"무단전재") ||
         contains(low, U"무단 전재") || contains(low, U"재배포 금지") ||
         contains(low, U"재배포금지") || contains(low, U"무단복제") ||
         contains(low, U"무단 복제") || contains(low, U"저작권자");
}

bool caption_marker(std::u32string_view s) {
  // "유승민(사진) 대표는" names who is pictured inside body text: only credit forms count.
  static const std::u32string_view markers[] = {
      U"사진=", U"사진 =", U"/사진", U"사진제공", U"사진 제공", U"사진출처", U"사진 출처",
      U"그래픽=", U"그래픽 =", U"[자료사진", U"(자료사진", U"이미지 출처", U"이미지출처",
      U"사진|", U"사진ㅣ", U"Photo by", U"[캡처", U"캡처]", U"캡처)", U"제공]", U"제공)"};
  if (!contains(s, U"사진") && !contains(s, U"그래픽") && !contains(s, U"자료") &&
      !contains(s, U"이미지") && !contains(s, U"영상") && !contains(s, U"캡처") &&
      !contains(s, U"제공") && !contains(s, U"Photo")) {
    return false;
  }
  for (auto m : markers)
    if (contains(s, m)) return true;
  return false;
}

// "... 연설하고 있다. 연합뉴스": a sentence followed by a short bare credit.
bool credit_tail(std::u32string_view s, const SegmentTuning& tune) {
  std::size_t e = s.size();
  while (e > 0 && is_space(s[e - 1])) --e;
  std::size_t k = e;
  while (k > 0 && !(s[k - 1] == '.' && k >= 2 && is_hangul(s[k - 2]) && k < e && is_space(s[k]))) {
    if (e - k > tune.credit_tail_window) return false;
    --k;
  }
  if (k == 0) return false;
  std::u32string tail = trim(s.substr(k, e - k));
  if (tail.empty() || tail.size() > tune.credit_tail_max_chars) return false;
  auto words = split_words(tail);
  if (words.size() > tune.credit_tail_max_words) return false;
  char32_t last = tail.back();
  if (last == U'다' || last == U'요' || last == '.' || last == '!' || last == '?' ||
      last == '"' || last == '\'') {
    return false;
  }
  std::size_t letters = 0;
  for (char32_t c : tail) letters += is_hangul(c) || is_latin(c);
  return letters >= 2;
}

bool date_line(std::u32string_view s, const std::vector<std::pair<DateMatch, std::size_t>>& dates,
               const SegmentTuning& tune) {
  if (dates.empty()) return false;
  std::u32string rest;
  std::size_t pos = 0;
  for (auto& dm : dates) {
    rest.append(s.substr(pos, dm.first.begin - pos));
    pos = dm.first.end;
  }
  rest.append(s.substr(pos));
  std::u32string low = lower_ascii(rest);
  for (auto l : kDateLabels) {
    for (std::size_t p; (p = low.find(l)) != std::u32string::npos;) low.erase(p, l.size());
  }
  std::size_t letters = 0;
  for (char32_t c : low) letters += !is_space(c) && c != ':' && c != '|' && c != '/';
  bool term = false;
  std::size_t ends = count_sentence_ends(rest, &term);
  return letters <= tune.date_line_max_letters && ends == 0;
}

BlockFeatures compute_features(const Block& block, const SegmentTuning& tune) {
  BlockFeatures f;
  // Features read the raw code points (the patterns above accept the usual variants of
  // quotes and brackets), which keeps the classifier fast on very large pages.
  std::u32string s = utf8::decode(block.text, utf8::ErrorMode::Replace);
  std::size_t hangul = 0, letters = 0;
  for (char32_t c : s) {
    if (is_space(c)) continue;
    ++f.chars;
    if (is_hangul(c)) ++hangul, ++letters;
    else if (is_latin(c) || is_han(c) || is_jamo(c)) ++letters;
  }
  f.hangul_ratio = letters ? static_cast<double>(hangul) / static_cast<double>(letters) : 0.0;
  f.sentence_ends = count_sentence_ends(s, &f.terminal);
  if (f.sentence_ends == 1 && f.chars <= tune.question_headline_max_chars) {
    // A short line ending in one "?" or "!" is a headline ("...신국방정책 채택?").
    std::size_t e = s.size();
    while (e > 0 && (is_space(s[e - 1]) || is_closer(s[e - 1]))) --e;
    if (e > 0 && (s[e - 1] == '?' || s[e - 1] == '!')) f.sentence_ends = 0;
  }
  f.link_density =
      f.chars ? std::min(1.0, static_cast<double>(block.link_chars) / static_cast<double>(f.chars))
              : 0.0;
  f.numbered = starts_numbered(s, tune);
  std::size_t first = 0;
  while (first < s.size() && is_space(s[first])) ++first;
  if (first < s.size()) {
    f.bullet = is_bullet_char(s[first]);
    f.promo = is_promo_char(s[first]);
  }
  if (f.chars <= tune.menu_max_chars) {
    // Menus and breadcrumbs: three or more short items between separators.
    std::size_t items = 1, seps = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      char32_t c = s[i];
      bool sep = c == '|' || c == '>' || c == 0x203A || c == 0xBB || c == 0x3009;
      if (c == '/' && i > 0 && i + 1 < s.size() && is_space(s[i - 1]) && is_space(s[i + 1]))
        sep = true;
      if (sep) ++seps, ++items;
    }
    f.menu = seps >= tune.menu_min_separators && f.chars / items <= tune.menu_max_item_chars &&
             f.sentence_ends == 0;
  }
  std::u32string low = lower_ascii(s);
  auto emails = find_emails(s);
  f.email = !emails.empty();
  f.copyright = f.chars <= tune.copyright_max_chars && copyright_like(low);
  if (f.chars <= tune.byline_max_chars) {
    BylineCore b = parse_byline_u32(s, tune);
    std::size_t email_chars = 0;
    for (auto& e : emails) email_chars += e.end - e.begin;
    bool role_dominates = !b.reporters.empty() && f.sentence_ends == 0 &&
                          (f.chars <= tune.byline_short_chars ||
                           s.size() - b.role_end <= tune.byline_tail_chars ||
                           b.role_end + 1 >= s.size());
    bool email_dominates = f.email && f.chars <= email_chars + tune.byline_email_extra_chars &&
                           f.sentence_ends == 0;
    f.byline = role_dominates || email_dominates;
  }
  f.caption = block.tag == BlockTag::Caption ||
              (f.chars <= tune.caption_marker_max_chars && caption_marker(s)) ||
              (f.chars <= tune.credit_tail_block_max_chars &&
               f.sentence_ends <= tune.caption_max_sentences && credit_tail(s, tune)) ||
              (block.near_image && f.chars <= tune.near_image_caption_max_chars &&
               f.sentence_ends <= tune.caption_max_sentences &&
               block.tag != BlockTag::Paragraph &&
               block.tag != BlockTag::Heading);
  if (f.chars <= tune.date_line_max_chars) {
    auto dates = find_dates_u32(s);
    f.date = date_line(s, dates, tune);
  }
  // A final "다" without a period ends a paragraph only in long text: headlines often end
  // in a quoted "...맞다”".
  bool ends = f.sentence_ends >= 1 || (f.terminal && f.chars >= tune.terminal_min_chars);
  // Korean sentences citing English titles ("저널(the Journal of ...)에 실렸다.") have a
  // lower Hangul ratio; a Korean sentence ending makes up for it.
  bool korean = f.hangul_ratio >= tune.korean_min_ratio ||
                (f.sentence_ends >= 1 && hangul >= tune.korean_cited_min_hangul &&
                 f.hangul_ratio >= tune.korean_cited_min_ratio);
  bool promo_line = f.promo && (f.link_density >= tune.promo_link_density || f.sentence_ends == 0);
  f.content = f.chars >= tune.content_min_chars && hangul >= tune.content_min_hangul && korean &&
              ends && f.link_density < tune.content_max_link_density && !f.copyright &&
              !f.byline && !f.caption && !f.date && !block.navigation && !f.menu &&
              !(f.numbered && f.chars < tune.numbered_content_min_chars) && !promo_line;
  return f;
}

bool short_text(const BlockFeatures& f, const SegmentTuning& tune) {
  return f.chars <= tune.short_text_chars;
}

// The list number a block starts with ("3 편의점 업계..." / "3. " / "3)"), or -1.
int leading_number(std::string_view text, const SegmentTuning& tune) {
  const std::size_t max_digits = tune.list_number_max_digits;
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  int v = 0;
  std::size_t n = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && n <= max_digits) {
    v = v * 10 + (text[i] - '0');
    ++i;
    ++n;
  }
  if (n == 0 || n > max_digits || i >= text.size()) return -1;
  char c = text[i];
  if (c == '.' || c == ')') return (i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') ? -1 : v;
  return c == ' ' ? v : -1;
}

// Headings that introduce a list of other articles, in the words Korean news sites use.
BoilerplateReason list_header(std::string_view text, const BlockFeatures& f,
                              const SegmentTuning& tune) {
  if (f.chars == 0 || f.chars > tune.list_header_max_chars || f.sentence_ends > 0)
    return BoilerplateReason::None;
  std::u32string low = lower_ascii(utf8::decode(text, utf8::ErrorMode::Replace));
  static const std::u32string_view ranking[] = {
      U"많이 본", U"많이본", U"인기 기사", U"인기기사", U"인기 뉴스", U"인기뉴스", U"랭킹",
      U"ranking", U"popular", U"most read", U"most viewed", U"최신 기사", U"최신기사",
      U"최신 뉴스", U"최신뉴스", U"latest", U"실시간", U"핫 이슈", U"핫이슈", U"top 10",
      U"베스트", U"best"};
  static const std::u32string_view related[] = {
      U"관련기사", U"관련 기사", U"관련뉴스", U"관련 뉴스", U"함께 보면", U"함께보면",
      U"추천 기사", U"추천기사", U"추천 뉴스", U"이 기사와", U"related", U"다른 기사",
      U"주요뉴스", U"주요 뉴스", U"오늘의 주요", U"더 보기", U"더보기", U"연관 기사",
      U"연관기사", U"you may also"};
  for (auto w : ranking)
    if (contains(low, w)) return BoilerplateReason::RankingList;
  for (auto w : related)
    if (contains(low, w)) return BoilerplateReason::RelatedLinks;
  return BoilerplateReason::None;
}

BoilerplateReason reason_for(const BlockFeatures& f, const Block& b, const SegmentTuning& tune) {
  if (f.copyright) return BoilerplateReason::Copyright;
  if (f.byline) return BoilerplateReason::Byline;
  if (f.caption) return BoilerplateReason::PhotoCaption;
  if (f.promo && (f.link_density >= tune.link_list_density || f.chars <= tune.advert_max_chars))
    return BoilerplateReason::Advertisement;
  if (f.chars <= tune.ad_label_max_chars) {
    std::u32string low = lower_ascii(utf8::decode(b.text, utf8::ErrorMode::Replace));
    std::u32string t = trim(low);
    if (t == U"광고" || t == U"ad" || t == U"advertisement" || t == U"sponsored" ||
        t == U"[광고]" || t == U"ads") {
      return BoilerplateReason::Advertisement;
    }
  }
  if (f.numbered) return BoilerplateReason::RankingList;
  if (f.link_density >= tune.link_list_density) {
    return f.chars >= tune.related_min_chars ? BoilerplateReason::RelatedLinks
                                             : BoilerplateReason::Navigation;
  }
  if (b.navigation || f.repeats > 1 || f.bullet || f.menu || b.tag == BlockTag::ListItem)
    return BoilerplateReason::Navigation;
  if (f.chars <= tune.ui_text_max_chars && f.sentence_ends == 0)
    return BoilerplateReason::Navigation;  // UI text
  return BoilerplateReason::Other;
}

double block_score(const BlockFeatures& f, const Block& b, const SegmentTuning& tune) {
  const double c = static_cast<double>(std::min(f.chars, tune.score_max_chars));
  if (f.content) {
    return c * (1.0 - f.link_density) * (1.0 - f.link_density) + tune.content_bonus;
  }
  if (f.chars < tune.score_min_chars) return -tune.tiny_penalty;
  if (f.link_density >= tune.content_max_link_density || f.numbered || f.repeats > 1 ||
      b.navigation || f.menu || (f.bullet && f.chars < tune.bullet_noise_max_chars) ||
      f.copyright ||
      (f.promo && (f.link_density >= tune.promo_link_density || f.sentence_ends == 0))) {
    return -(tune.noise_penalty + c);
  }
  return -(tune.other_penalty + tune.other_penalty_per_char * c);
}

// Compares texts ignoring spaces, quotes and case, for matching the title hint.
std::u32string match_key(std::string_view text) {
  std::u32string s = utf8::decode(text, utf8::ErrorMode::Replace);
  std::u32string out;
  for (char32_t c : s) {
    if (is_space(c) || c == '"' || c == '\'' || c == '.' || c == ',' || c == 0x2018 ||
        c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x2026 || c == 0xB7) {
      continue;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

bool headline_like(const BlockFeatures& f, const Block& b, const SegmentTuning& tune) {
  return f.chars >= tune.headline_min_chars && f.chars <= tune.headline_max_chars && !f.date &&
         !f.byline && !f.copyright && f.link_density < tune.link_list_density && !f.numbered &&
         !b.navigation && !f.caption && f.repeats == 1 && !f.menu &&
         b.tag != BlockTag::ListItem && !(f.bullet && f.chars <= tune.bulleted_headline_min_chars);
}

}  // namespace

// ---------------------------------------------------------------- public API
const char* label_name(BlockLabel label) {
  switch (label) {
    case BlockLabel::Title: return "title";
    case BlockLabel::Subtitle: return "subtitle";
    case BlockLabel::Kicker: return "kicker";
    case BlockLabel::Date: return "date";
    case BlockLabel::Body: return "body";
    case BlockLabel::Byline: return "byline";
    case BlockLabel::Boilerplate: return "boilerplate";
  }
  return "boilerplate";
}

const char* reason_name(BoilerplateReason reason) {
  switch (reason) {
    case BoilerplateReason::None: return "";
    case BoilerplateReason::RankingList: return "ranking list";
    case BoilerplateReason::Navigation: return "navigation";
    case BoilerplateReason::PhotoCaption: return "photo caption";
    case BoilerplateReason::Copyright: return "copyright notice";
    case BoilerplateReason::RelatedLinks: return "related links";
    case BoilerplateReason::Advertisement: return "advertisement";
    case BoilerplateReason::Byline: return "byline";
    case BoilerplateReason::Dateline: return "dateline";
    case BoilerplateReason::Other: return "other";
    case BoilerplateReason::Duplicate: return "duplicate copy";
  }
  return "other";
}

BlockFeatures block_features(const Block& block, const SegmentTuning& tuning) {
  BlockFeatures f = compute_features(block, tuning);
  f.score = block_score(f, block, tuning);
  return f;
}

std::vector<DateMatch> find_dates(std::string_view text) {
  Decoded d = decode_with_bytes(text);
  std::vector<DateMatch> out;
  for (auto& m : find_dates_u32(d.s)) {
    DateMatch dm = m.first;
    dm.begin = d.bytes[dm.begin];
    dm.end = d.bytes[dm.end];
    out.push_back(dm);
  }
  return out;
}

Byline parse_byline(std::string_view text, const SegmentTuning& tuning) {
  Decoded d = decode_with_bytes(text);
  BylineCore b = parse_byline_u32(d.s, tuning);
  Byline out;
  for (auto& r : b.reporters) out.reporters.push_back(utf8::encode(r));
  for (auto& e : b.emails) out.emails.push_back(utf8::encode(d.s.substr(e.begin, e.end - e.begin)));
  out.outlet = utf8::encode(b.outlet);
  return out;
}

std::size_t dateline_length(std::string_view text, const SegmentTuning& tuning) {
  Decoded d = decode_with_bytes(text);
  const std::u32string& s = d.s;
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  std::u32string outlet;
  std::size_t after = leading_bracket(s, i, &outlet);
  std::size_t end = after;
  // Names + role + "=" after the bracket (or at the very start).
  std::size_t from = after ? after : i;
  std::size_t limit = std::min(s.size(), from + tuning.dateline_max_chars);
  std::size_t eq = std::u32string::npos;
  for (std::size_t k = from; k < limit; ++k) {
    if (s[k] == '=' || s[k] == 0xFF1D) {
      eq = k;
      break;
    }
    if (s[k] == '.' || s[k] == '"' || s[k] == '\n') break;
  }
  if (eq != std::u32string::npos) {
    BylineCore b = parse_byline_u32(s.substr(from, eq - from), tuning);
    if (!b.reporters.empty()) end = eq + 1;
  }
  if (end == 0) return 0;
  // Keep at least some text after the dateline.
  std::size_t k = end;
  while (k < s.size() && is_space(s[k])) ++k;
  if (k >= s.size()) return 0;
  return d.bytes[k];
}

// Features of a block as the body would print it: boilerplate glued to the end of a
// paragraph (a photo credit, "< 저작권자 ... >", "☞ ..." links) does not make the whole
// paragraph a copyright notice or a promo line.
BlockFeatures paragraph_features(const Block& block, const SegmentTuning& tuning) {
  const std::string& t = block.text;
  bool maybe_glued = t.find("\xe2\x93\x92") != std::string::npos ||  // ⓒ
                     t.find("\xc2\xa9") != std::string::npos ||      // ©
                     t.find("\xe2\x98\x9e") != std::string::npos ||  // ☞
                     t.find("\xe2\x96\xb6") != std::string::npos ||  // ▶
                     t.find("저작권") != std::string::npos || t.find("제공") != std::string::npos ||
                     t.find("opyright") != std::string::npos;
  if (!maybe_glued) return compute_features(block, tuning);
  CleanParagraph c = clean_paragraph(t, false, tuning);
  if (c.cuts.empty() || c.text.empty()) return compute_features(block, tuning);
  Block copy = block;
  std::size_t cut_chars = 0;
  for (const auto& cut : c.cuts) cut_chars += utf8::length(cut.text);
  copy.text = std::move(c.text);
  copy.link_chars = block.link_chars > cut_chars ? block.link_chars - cut_chars : 0;
  return compute_features(copy, tuning);
}

// Ends like a statement ("...했다.", "...입니다."): a sentence, not a headline.
bool ends_declarative(std::string_view text) {
  std::u32string s = utf8::decode(text, utf8::ErrorMode::Replace);
  std::size_t k = s.size();
  while (k > 0 && (is_space(s[k - 1]) || is_closer(s[k - 1]))) --k;
  if (k < 2 || s[k - 1] != '.' || s[k - 2] == '.') return false;
  char32_t c = s[k - 2];
  return c == U'다' || c == U'요' || c == U'죠' || c == U'음' || c == U'함' || c == U'임';
}


namespace {

// Pass: repetition within the page, on normalized texts (keys). Short repeated texts are
// navigation (menus, ranking lists printed twice): their repeats count is set. A repeated
// sentence-like paragraph is a second copy of the body (a hidden print/mail copy, a script
// payload, an AMP copy): one copy is kept, the visible one when there is one, and only the
// others are marked duplicate.
void mark_repetitions(const std::vector<Block>& blocks, std::vector<BlockFeatures>& F,
                      const SegmentTuning& tune, std::vector<std::u32string>& keys,
                      std::vector<bool>& duplicate) {
  const std::size_t n = blocks.size();
  std::unordered_map<std::u32string, std::size_t> counts;
  std::unordered_map<std::u32string, std::size_t> kept;  // key -> index of the kept copy
  auto copy_like = [&](std::size_t i) {
    return F[i].chars >= tune.copy_min_chars && F[i].sentence_ends >= 1 &&
           F[i].link_density < tune.copy_max_link_density;
  };
  for (int pass = 0; pass < 2; ++pass) {  // visible blocks first, then hidden ones
    for (std::size_t i = 0; i < n; ++i) {
      if (blocks[i].hidden != (pass == 1) || F[i].chars == 0) continue;
      bool copy = copy_like(i);
      if (!copy && !blocks[i].hidden && F[i].chars > tune.repeat_max_chars) continue;
      keys[i] = match_key(blocks[i].text);
      if (blocks[i].hidden) {
        // A copy of visible text (or of an earlier hidden block) goes; the first hidden
        // copy of text the page does not show stays.
        duplicate[i] = counts.count(keys[i]) > 0 || !kept.emplace(keys[i], i).second;
      } else if (copy) {
        duplicate[i] = !kept.emplace(keys[i], i).second;
      } else {
        ++counts[keys[i]];
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!keys[i].empty() && !copy_like(i)) F[i].repeats = std::max<std::size_t>(1, counts[keys[i]]);
}

// Pass: runs of three or more blocks numbered 1, 2, 3... are lists (rankings), even when the
// numbers carry no period ("1 배터리 업계, ...").
void mark_numbered_runs(const std::vector<Block>& blocks, std::vector<BlockFeatures>& F,
                        const SegmentTuning& tune) {
  const std::size_t n = blocks.size();
  std::vector<int> num(n, -1);
  for (std::size_t i = 0; i < n; ++i)
    if (F[i].chars <= tune.numbered_run_max_chars) num[i] = leading_number(blocks[i].text, tune);
  std::size_t i = 0;
  while (i < n) {
    if (num[i] < 0) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    int expect = num[i] + 1;
    std::vector<std::size_t> run{i};
    while (j < n) {
      if (F[j].chars == 0) {
        ++j;
        continue;
      }
      if (num[j] != expect) break;
      run.push_back(j);
      ++expect;
      ++j;
    }
    if (run.size() >= tune.numbered_run_min) {
      for (std::size_t k : run) {
        F[k].numbered = true;
        if (F[k].chars < tune.numbered_content_min_chars) F[k].content = false;
      }
    }
    i = run.back() + 1;
  }
}

// Pass: the block matching the title the page's metadata gives (spaces, quotes and case
// ignored; a heading preferred), or -1.
std::ptrdiff_t title_from_hint(const std::vector<Block>& blocks,
                               const std::vector<BlockFeatures>& F,
                               const std::vector<std::u32string>& keys,
                               const std::string& title_hint, const SegmentTuning& tune) {
  const std::size_t n = blocks.size();
  std::ptrdiff_t title = -1;
  if (title_hint.empty()) return title;
  std::u32string hint = match_key(title_hint);
  std::size_t best_len = 0;
  for (std::size_t i = 0; i < n && !hint.empty(); ++i) {
    if (F[i].chars == 0 || F[i].chars > tune.hint_max_chars) continue;
    std::u32string key = keys[i].empty() ? match_key(blocks[i].text) : keys[i];
    if (key.empty()) continue;
    // One holds the other, and the shorter is most of the longer.
    auto holds = [&](const std::u32string& big, const std::u32string& small) {
      return small.size() >= tune.hint_min_partial && big.find(small) != std::u32string::npos &&
             small.size() * 100 >= big.size() * tune.hint_min_overlap_percent;
    };
    bool match = key == hint || holds(hint, key) || holds(key, hint);
    if (!match) continue;
    std::size_t quality = key == hint ? 3 : 1;
    if (blocks[i].tag == BlockTag::Heading) quality += 2;
    if (blocks[i].heading_level == 1) quality += 1;
    if (blocks[i].navigation) quality = 0;
    // Prefer a heading; among equals, the first one followed by body text.
    if (quality > best_len) {
      best_len = quality;
      title = static_cast<std::ptrdiff_t>(i);
    }
  }
  return title;
}

// Pass: a heading such as "많이 본 기사" / "관련기사" makes the short boilerplate items below
// it a list of that kind, and list headers take the reason of the list they introduce.
void label_lists(const std::vector<Block>& blocks, Segmentation& seg, const SegmentTuning& tune) {
  const std::size_t n = blocks.size();
  const auto& F = seg.features;
  // A heading such as "많이 본 기사" / "관련기사" makes the short items below it a list.
  for (std::size_t i = 0; i < n; ++i) {
    if (seg.labels[i] != BlockLabel::Boilerplate) continue;
    BoilerplateReason header = list_header(blocks[i].text, F[i], tune);
    if (header == BoilerplateReason::None) continue;
    seg.reasons[i] = header;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (F[j].chars == 0) continue;
      auto rj = seg.reasons[j];
      if (seg.labels[j] != BlockLabel::Boilerplate || F[j].content ||
          F[j].chars > tune.list_item_max_chars || F[j].copyright || F[j].byline || F[j].date ||
          F[j].repeats > 1 || (rj == BoilerplateReason::Navigation && F[j].chars < tune.list_nav_min_chars) ||
          !(rj == BoilerplateReason::Other || rj == BoilerplateReason::Navigation ||
            rj == BoilerplateReason::RelatedLinks || rj == BoilerplateReason::RankingList)) {
        break;
      }
      if (list_header(blocks[j].text, F[j], tune) != BoilerplateReason::None) break;
      seg.reasons[j] = header;
      i = j;
    }
  }
  // Headers of lists take the reason of the list they introduce ("News Ranking", "관련기사").
  for (std::size_t i = n; i-- > 0;) {
    if (seg.labels[i] != BlockLabel::Boilerplate) continue;
    auto r = seg.reasons[i];
    if ((r != BoilerplateReason::Other && r != BoilerplateReason::Navigation) ||
        !short_text(F[i], tune)) {
      continue;
    }
    for (std::size_t j = i + 1; j < n && j <= i + 1; ++j) {
      if (seg.labels[j] != BlockLabel::Boilerplate) break;
      auto rj = seg.reasons[j];
      if (rj == BoilerplateReason::RankingList || rj == BoilerplateReason::RelatedLinks ||
          (rj == BoilerplateReason::Navigation && r == BoilerplateReason::Other))
        seg.reasons[i] = rj;
    }
  }
}

// Pass: the body region, the maximum-sum contiguous run of block scores (searched after the
// title when there is one). Hidden blocks (a print copy, a script payload) count only when
// the visible page has no body of comparable size: the visible text wins when both exist,
// a payload may still replace a teaser. May mark more blocks as content (very short pages).
struct BodyRegion {
  bool found = false;
  std::size_t begin = 0, end = 0;
};

BodyRegion find_body_region(const std::vector<Block>& blocks, std::vector<BlockFeatures>& F,
                            const std::vector<bool>& duplicate, std::ptrdiff_t title,
                            const SegmentTuning& tune) {
  const std::size_t n = blocks.size();
  bool visible_only = false;
  auto score_of = [&](std::size_t i) {
    return visible_only && blocks[i].hidden ? std::min(F[i].score, 0.0) : F[i].score;
  };
  auto best_run = [&](std::size_t from, std::size_t to, std::size_t* b, std::size_t* e) {
    double best = 0, cur = 0;
    std::size_t cur_b = from;
    bool found = false;
    for (std::size_t i = from; i < to; ++i) {
      if (cur <= 0) {
        cur = 0;
        cur_b = i;
      }
      cur += score_of(i);
      if (cur > best) {
        best = cur;
        *b = cur_b;
        *e = i + 1;
        found = true;
      }
    }
    return found ? best : 0.0;
  };
  auto search = [&](std::size_t* b, std::size_t* e) {
    double best = 0;
    if (title >= 0) best = best_run(static_cast<std::size_t>(title) + 1, n, b, e);
    if (best <= 0) {
      best = best_run(0, n, b, e);
      if (title >= 0 && best > 0 && *b <= static_cast<std::size_t>(title)) {
        // The title sits inside the best run: keep the part after it.
        std::size_t b2, e2;
        if (best_run(static_cast<std::size_t>(title) + 1, *e, &b2, &e2) > 0) *b = b2, *e = e2;
      }
    }
    return best;
  };
  auto content_chars = [&](std::size_t b, std::size_t e, bool visible) {
    std::size_t total = 0;
    for (std::size_t i = b; i < e; ++i)
      if (F[i].content && (!visible || !blocks[i].hidden)) total += F[i].chars;
    return total;
  };
  std::size_t bb = 0, be = 0;
  double best = search(&bb, &be);
  bool hidden_content = false;
  for (std::size_t i = 0; i < n && !hidden_content; ++i)
    hidden_content = blocks[i].hidden && F[i].content;
  if (hidden_content) {
    visible_only = true;
    std::size_t vb = 0, ve = 0;
    double visible_best = search(&vb, &ve);
    if (visible_best > 0 &&
        content_chars(vb, ve, true) * tune.visible_body_share >= content_chars(bb, be, false)) {
      best = visible_best, bb = vb, be = ve;
    } else {
      visible_only = false;
    }
  }
  if (best <= 0) {
    // No block passes the content test (a very short page): relax the length floor.
    bool any = false;
    for (std::size_t i = 0; i < n; ++i) {
      auto& f = F[i];
      if (!f.content && f.chars >= tune.short_page_min_chars &&
          f.hangul_ratio >= tune.korean_min_ratio && f.sentence_ends >= 1 &&
          f.link_density < tune.content_max_link_density && !f.copyright &&
          !f.byline && !f.caption && !f.date && !blocks[i].navigation && f.repeats == 1 &&
          !f.numbered && !duplicate[i] && static_cast<std::ptrdiff_t>(i) != title) {
        f.content = true;
        f.score = block_score(f, blocks[i], tune);
        any = true;
      }
    }
    if (any) {
      if (title >= 0) best = best_run(static_cast<std::size_t>(title) + 1, n, &bb, &be);
      if (best <= 0) best = best_run(0, n, &bb, &be);
    }
  }
  const bool has_body = best > 0;
  if (has_body) {
    // A byline or copyright notice ends an article: a little text-like content after the
    // last one (a teaser, a comment) is not part of the body.
    std::size_t total = 0;
    for (std::size_t i = bb; i < be; ++i) total += F[i].content ? F[i].chars : 0;
    std::size_t after = 0;
    for (std::size_t i = be; i-- > bb;) {
      if (F[i].content) after += F[i].chars;
      if ((F[i].byline || F[i].copyright) && i > bb) {
        if (after * tune.trailing_content_ratio < total - after) be = i;
        break;
      }
    }
  }
  return {has_body, bb, be};
}

// Pass: the title when the metadata gave none: a level-1 heading close before the body,
// else a headline anchored by a date line or byline, else the run of headline-like blocks
// that ends right before the body, else a small page's first block; -1 if none.
std::ptrdiff_t find_title(const std::vector<Block>& blocks, const std::vector<BlockFeatures>& F,
                          const std::vector<BlockLabel>& labels, std::size_t head_end,
                          const SegmentTuning& tune) {
  const std::size_t n = blocks.size();
  std::ptrdiff_t title = -1;
  // Heading level 1 close before the body, else the run of headline-like blocks that
  // ends right before the body (the first of them is the title, the rest subtitles).
  std::size_t lo = head_end > tune.title_h1_window ? head_end - tune.title_h1_window : 0;
  for (std::size_t i = head_end; i-- > lo;) {
    if (blocks[i].heading_level == 1 && F[i].chars >= tune.title_h1_min_chars &&
        F[i].chars <= tune.headline_max_chars && !blocks[i].navigation &&
        F[i].link_density < tune.link_list_density && !F[i].date && !F[i].byline &&
        F[i].repeats == 1 && labels[i] == BlockLabel::Boilerplate) {
      title = static_cast<std::ptrdiff_t>(i);
      break;
    }
  }
  if (title < 0) {
    // A headline anchored by the page's header: right below a date line, or right above
    // a byline or date line (within three blocks); the one closest to the body wins.
    std::size_t lo2 =
        head_end > tune.anchored_title_window ? head_end - tune.anchored_title_window : 0;
    std::size_t first_nonempty = 0;
    while (first_nonempty < n && F[first_nonempty].chars == 0) ++first_nonempty;
    for (std::size_t i = head_end; i-- > lo2 && title < 0;) {
      BlockFeatures g = F[i];
      g.repeats = 1;  // a headline may repeat (sticky header, related list)
      // Under a page-header date line ("경제 2026-03-12" opening the page) a short
      // headline counts too.
      bool below_header_date = false;
      for (std::size_t j = i; j-- > 0;) {
        if (F[j].chars == 0) continue;
        below_header_date = F[j].date && j == first_nonempty;
        break;
      }
      if (below_header_date && g.chars >= tune.short_headline_min_chars &&
          g.chars < tune.headline_min_chars)
        g.chars = tune.headline_min_chars;
      if (!headline_like(g, blocks[i], tune) || F[i].content || F[i].sentence_ends > 0 ||
          F[i].repeats > tune.headline_max_repeats) {
        continue;
      }
      bool anchored = false;
      for (std::size_t j = i; j-- > 0;) {
        if (F[j].chars == 0) continue;
        anchored = F[j].date;
        break;
      }
      std::size_t seen = 0;
      for (std::size_t j = i + 1; j < head_end && seen < tune.anchor_window && !anchored; ++j) {
        if (F[j].chars == 0) continue;
        ++seen;
        anchored = F[j].date || F[j].byline;
      }
      if (anchored) title = static_cast<std::ptrdiff_t>(i);
    }
    // Dumps that open with the headline: when the headline-like run above the anchored
    // block reaches the first block of the page, the run's first block is the title.
    if (title > 0) {
      std::size_t top = static_cast<std::size_t>(title);
      std::size_t steps = 0;
      for (std::size_t j = top; j-- > 0 && steps < tune.headline_run_max;) {
        if (F[j].chars == 0) continue;
        ++steps;
        BlockFeatures g = F[j];
        if (j == first_nonempty && g.chars >= tune.short_headline_min_chars &&
            g.chars < tune.headline_min_chars)
          g.chars = tune.headline_min_chars;
        if (!headline_like(g, blocks[j], tune) || F[j].content || F[j].sentence_ends > 0) break;
        top = j;
      }
      if (top == first_nonempty) title = static_cast<std::ptrdiff_t>(top);
    }
  }
  if (title < 0) {
    std::ptrdiff_t first = -1;
    std::size_t taken = 0;
    for (std::size_t i = head_end; i-- > 0 && head_end - i <= tune.headline_run_window;) {
      if (F[i].chars == 0) continue;
      if (F[i].date && taken > 0) break;
      if (F[i].date || F[i].byline || F[i].caption) continue;
      if (!headline_like(F[i], blocks[i], tune) || taken >= tune.headline_run_max) break;
      first = static_cast<std::ptrdiff_t>(i);
      ++taken;
    }
    title = first;
  }
  if (title < 0) {
    // A small page: its first block, when it reads like a headline.
    for (std::size_t i = 0; i < head_end; ++i) {
      if (F[i].chars == 0) continue;
      if (F[i].chars >= tune.title_h1_min_chars && F[i].chars <= tune.headline_max_chars &&
          F[i].hangul_ratio + 1e-9 >= tune.small_page_min_hangul_ratio &&
          F[i].sentence_ends == 0 && !F[i].date && !F[i].byline && !F[i].copyright &&
          !F[i].numbered && F[i].link_density < tune.link_list_density &&
          !blocks[i].navigation && !F[i].content && head_end - i <= tune.small_page_window) {
        title = static_cast<std::ptrdiff_t>(i);
      }
      break;
    }
  }
  return title;
}

// Pass: the features of every block, with the page context: numbered runs, repetitions
// (a copy of body text is marked duplicate and scores zero: it neither extends nor breaks
// the body run it sits in), and the body score.
void page_features(const std::vector<Block>& blocks, const SegmentTuning& tune,
                   std::vector<BlockFeatures>& F, std::vector<std::u32string>& keys,
                   std::vector<bool>& duplicate) {
  const std::size_t n = blocks.size();
  for (std::size_t i = 0; i < n; ++i) F[i] = paragraph_features(blocks[i], tune);
  mark_numbered_runs(blocks, F, tune);
  mark_repetitions(blocks, F, tune, keys, duplicate);
  for (std::size_t i = 0; i < n; ++i) {
    auto& f = F[i];
    if (f.repeats > 1) f.content = false;
    f.score = block_score(f, blocks[i], tune);
    if (duplicate[i]) {
      f.content = false;
      f.score = 0;
    }
  }
}

void set_label(Segmentation& seg, std::size_t i, BlockLabel label) {
  seg.labels[i] = label;
  seg.reasons[i] = label == BlockLabel::Byline ? BoilerplateReason::Byline : BoilerplateReason::None;
}

// Pass: every block gets the reason of its own features; inside the body region, content
// is body, and so are short blocks that are neither links nor lists (intertitles, short
// paragraphs, bulleted items of the article), bylines are bylines.
void label_body(const std::vector<Block>& blocks, const std::vector<bool>& duplicate,
                const BodyRegion& region, const SegmentTuning& tune, Segmentation& seg) {
  const auto& F = seg.features;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    seg.reasons[i] = duplicate[i] ? BoilerplateReason::Duplicate : reason_for(F[i], blocks[i], tune);
  if (!region.found) return;
  for (std::size_t i = region.begin; i < region.end; ++i) {
    if (F[i].content) {
      set_label(seg, i, BlockLabel::Body);
      continue;
    }
    if (F[i].chars == 0) continue;
    if (F[i].byline) {
      set_label(seg, i, BlockLabel::Byline);
      continue;
    }
    bool item = (F[i].bullet || blocks[i].tag == BlockTag::ListItem) && !F[i].promo &&
                !blocks[i].navigation && F[i].repeats == 1 && F[i].chars >= tune.item_min_chars &&
                F[i].hangul_ratio >= tune.korean_min_ratio &&
                seg.reasons[i] == BoilerplateReason::Navigation;
    if ((seg.reasons[i] == BoilerplateReason::Other || item) && !F[i].date &&
        F[i].chars <= tune.intertitle_max_chars && F[i].link_density < tune.link_list_density) {
      set_label(seg, i, BlockLabel::Body);
    }
  }
}

// Pass (text dumps): "title, blank line, body": the dump's first block, when it reads like
// a headline, is the title; what the search found after it is a subtitle (a headline
// followed by sub-headlines and a bracketed note is the usual layout of portal copies).
// Returns the title (unchanged when the first block is no headline).
std::ptrdiff_t dump_headline(const std::vector<Block>& blocks, const BodyRegion& region,
                             std::size_t head_end, std::ptrdiff_t title,
                             const SegmentTuning& tune, Segmentation& seg) {
  const std::size_t n = blocks.size();
  const auto& F = seg.features;
  std::size_t first = 0;
  while (first < n && F[first].chars == 0) ++first;
  const bool opens_body = region.found && region.begin == first;
  if (!(first < head_end || opens_body) || (title >= 0 && static_cast<std::size_t>(title) <= first))
    return title;
  BlockFeatures g = F[first];
  g.repeats = 1;  // the headline may be repeated in the body
  // Headlines ask and exclaim ("누구 책임?", "해도 너무 해!") but do not end declaratively.
  g.bullet = false;
  // A question or exclamation reads as text to the content test: the first block of the
  // body region may still be the headline when more body follows it.
  bool free = seg.labels[first] == BlockLabel::Boilerplate ||
              (seg.labels[first] == BlockLabel::Body && opens_body && region.end > first + 1);
  g.content = false;
  if (free && headline_like(g, blocks[first], tune) && F[first].chars <= tune.dump_headline_max_chars &&
      !ends_declarative(blocks[first].text)) {
    title = static_cast<std::ptrdiff_t>(first);
    if (seg.body_begin == title) seg.body_begin = title + 1;
  }
  return title;
}

// Pass: the header around the title: subtitles, the date and bylines after it (up to the
// body), subtitles right above the body, the kicker and date just above the title, and a
// date line near the body when the header has none.
void label_header(const std::vector<Block>& blocks, std::size_t t, std::size_t head_end,
                  const BodyRegion& region, const SegmentTuning& tune, Segmentation& seg) {
  const std::size_t n = blocks.size();
  const auto& F = seg.features;
  set_label(seg, t, BlockLabel::Title);
  bool date_found = false;
  bool header_run = true;  // only subtitles, dates and bylines so far after the title
  for (std::size_t i = t + 1; i < head_end && i < t + tune.header_window; ++i) {
    if (F[i].chars == 0) continue;
    if (F[i].date && !date_found) {
      set_label(seg, i, BlockLabel::Date);
      date_found = true;
    } else if (F[i].byline) {
      set_label(seg, i, BlockLabel::Byline);
    } else if (header_run && headline_like(F[i], blocks[i], tune) && !F[i].content) {
      set_label(seg, i, BlockLabel::Subtitle);
    } else {
      header_run = false;
    }
  }
  // Subtitles right above the body (captions and empty blocks in between are skipped).
  for (std::size_t i = head_end; i-- > t + 1 && i + tune.header_window > head_end;) {
    if (F[i].chars == 0 || F[i].caption || seg.labels[i] != BlockLabel::Boilerplate) {
      if (seg.labels[i] == BlockLabel::Subtitle) break;
      continue;
    }
    if (!headline_like(F[i], blocks[i], tune) || F[i].content) break;
    set_label(seg, i, BlockLabel::Subtitle);
  }
  // Kicker and date just above the title. A short line under other short lines is a
  // menu item, not a kicker.
  auto menu_item_above = [&](std::size_t k) {
    for (std::size_t j = k; j-- > 0;) {
      if (F[j].chars == 0) continue;
      return F[j].chars <= tune.kicker_max_chars && F[j].sentence_ends == 0 && !F[j].date;
    }
    return false;
  };
  std::size_t seen = 0;
  bool only_dates = true;  // every block between this one and the title is a date line
  for (std::size_t i = t; i-- > 0 && seen < tune.kicker_window;) {
    if (F[i].chars == 0) continue;
    ++seen;
    if (F[i].date && !date_found) {
      set_label(seg, i, BlockLabel::Date);
      date_found = true;
    } else if (only_dates && F[i].chars <= tune.kicker_max_chars &&
               F[i].link_density < tune.link_list_density && !blocks[i].navigation &&
               !F[i].byline && !F[i].copyright && !F[i].numbered && F[i].sentence_ends == 0 &&
               F[i].repeats == 1 && !menu_item_above(i)) {
      set_label(seg, i, BlockLabel::Kicker);
      only_dates = false;
    } else {
      break;
    }
  }
  if (date_found) return;
  for (std::size_t i = head_end; i < n && i < head_end + tune.date_search_window; ++i) {
    if (seg.labels[i] == BlockLabel::Boilerplate && F[i].date && !F[i].copyright) {
      set_label(seg, i, BlockLabel::Date);
      break;
    }
    if (region.found && i >= region.end + tune.date_after_body_blocks) break;
  }
}

// Pass: the byline right after the body (dates and captions in between are skipped).
void label_trailing_byline(const BodyRegion& region, const SegmentTuning& tune,
                           Segmentation& seg) {
  if (!region.found) return;
  const auto& F = seg.features;
  std::size_t seen = 0;
  for (std::size_t i = region.end; i < F.size() && seen < tune.byline_after_body_blocks; ++i) {
    if (F[i].chars == 0) continue;
    ++seen;
    if (F[i].byline) {
      set_label(seg, i, BlockLabel::Byline);
    } else if (!F[i].date && !F[i].caption) {
      break;
    }
  }
}

}  // namespace

Segmentation classify_blocks(const std::vector<Block>& blocks, const SegmentOptions& options) {
  const std::size_t n = blocks.size();
  const SegmentTuning& tune = options.tuning;
  Segmentation seg;
  seg.labels.assign(n, BlockLabel::Boilerplate);
  seg.reasons.assign(n, BoilerplateReason::Other);
  seg.features.resize(n);
  if (n == 0) return seg;

  std::vector<std::u32string> keys(n);
  std::vector<bool> duplicate(n, false);
  page_features(blocks, tune, seg.features, keys, duplicate);
  std::ptrdiff_t title = title_from_hint(blocks, seg.features, keys, options.title_hint, tune);
  const BodyRegion region = find_body_region(blocks, seg.features, duplicate, title, tune);
  if (region.found) {
    seg.body_begin = static_cast<std::ptrdiff_t>(region.begin);
    seg.body_end = static_cast<std::ptrdiff_t>(region.end);
  }
  label_body(blocks, duplicate, region, tune, seg);
  const std::size_t head_end = region.found ? region.begin : n;
  if (title < 0) title = find_title(blocks, seg.features, seg.labels, head_end, tune);
  if (options.text_dump && title != 0) title = dump_headline(blocks, region, head_end, title, tune, seg);
  if (title >= 0) {
    seg.title = title;
    label_header(blocks, static_cast<std::size_t>(title), head_end, region, tune, seg);
  }
  label_trailing_byline(region, tune, seg);
  label_lists(blocks, seg, tune);
  for (std::size_t i = 0; i < n; ++i) {
    if (seg.labels[i] != BlockLabel::Boilerplate && seg.labels[i] != BlockLabel::Byline)
      seg.reasons[i] = BoilerplateReason::None;
  }
  return seg;
}

namespace {

// Lines of a text dump: split at \n, \r\n, \r, form feed, vertical tab, U+0085, U+2028 and
// U+2029 (the line ends Python's str.splitlines knows, so dumps read either way agree).
std::vector<std::u32string_view> dump_lines(std::u32string_view s) {
  std::vector<std::u32string_view> out;
  std::size_t b = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x85 || c == 0x2028 ||
        c == 0x2029 || c == 0x1C || c == 0x1D || c == 0x1E) {
      out.push_back(s.substr(b, i - b));
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      b = i + 1;
    }
  }
  if (b < s.size()) out.push_back(s.substr(b));
  return out;
}

bool dump_space(char32_t c) { return is_space(c) || c == '\f' || c == '\v' || c == 0x1F; }

std::u32string_view strip_dump(std::u32string_view s) {
  while (!s.empty() && dump_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && dump_space(s.back())) s.remove_suffix(1);
  return s;
}

// Lines of a dump hard-wrapped at a fixed width ("…의 디지털 전환 방향을\n논의했다."): the
// width, or 0 when the lines are not wrapped. Most long lines of a wrapped dump end within a
// few characters of the same width.
std::size_t wrap_width(const std::vector<std::u32string_view>& lines,
                       const SegmentTuning& tuning) {
  std::vector<std::size_t> lengths;
  for (auto line : lines) {
    if (strip_dump(line).size() < tuning.wrap_min_line) continue;
    while (!line.empty() && dump_space(line.back())) line.remove_suffix(1);
    lengths.push_back(line.size());
  }
  if (lengths.size() < tuning.wrap_min_lines) return 0;
  std::sort(lengths.begin(), lengths.end());
  std::size_t width = lengths[lengths.size() * tuning.wrap_width_percentile / 100];
  std::size_t near = 0;
  for (std::size_t n : lengths)
    near += n * 100 >= width * tuning.wrap_near_low && n * 100 <= width * tuning.wrap_near_high;
  return near * 100 >= lengths.size() * tuning.wrap_near_share ? width : 0;
}

// "기자" alone on a line after a name ("구현모" / "기자"): a byline cut after the name.
bool role_line(std::u32string_view line) {
  for (auto r : kRoles) {
    if (line.substr(0, r.size()) != r) continue;
    if (line.size() == r.size()) return true;
    char32_t next = line[r.size()];
    if (!is_hangul(next) && !is_latin(next) && !is_digit(next) && next != '_') return true;
  }
  return false;
}

bool terminal_line(std::u32string_view s) {
  while (!s.empty() && dump_space(s.back())) s.remove_suffix(1);
  if (s.empty()) return false;
  static const std::u32string_view ends = U".!?。\"'”’)」』:";
  return ends.find(s.back()) != std::u32string_view::npos;
}

}  // namespace

std::vector<Block> text_dump_blocks(std::string_view text, const SegmentTuning& tuning) {
  std::u32string s = utf8::decode(text, utf8::ErrorMode::Replace);
  auto lines = dump_lines(s);
  const std::size_t width = wrap_width(lines, tuning);
  std::vector<Block> blocks;
  std::vector<std::size_t> lengths;  // code points of each block's text
  bool blank = true;
  for (auto raw : lines) {
    std::u32string_view line = strip_dump(raw);
    if (line.empty()) {
      blank = true;
      continue;
    }
    if (!blocks.empty() && !blank && role_line(line)) {
      blocks.back().text += ' ';
      blocks.back().text += utf8::encode(line);
      lengths.back() += 1 + line.size();
      continue;
    }
    bool numbered = starts_numbered(line, tuning);
    bool item = numbered || is_bullet_char(line.front());
    if (width && !blank && !blocks.empty() && !item && blocks.back().tag == BlockTag::Text &&
        lengths.back() * 100 >= width * tuning.wrap_near_low && !terminal_line(utf8::decode(blocks.back().text, utf8::ErrorMode::Replace))) {
      blocks.back().text += ' ';
      blocks.back().text += utf8::encode(line);
      lengths.back() += 1 + line.size();
    } else {
      Block b;
      b.text = utf8::encode(line);
      b.tag = item && !numbered ? BlockTag::ListItem : BlockTag::Text;
      blocks.push_back(std::move(b));
      lengths.push_back(line.size());
    }
    blank = false;
  }
  return blocks;
}

namespace {
char lower_char(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == ':' || c == '_';
}
bool one_of(const std::string& name, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (name == n) return true;
  return false;
}
// Case-insensitive search for "</name" from @p from; npos if absent.
std::size_t find_close(std::string_view html, const std::string& name, std::size_t from) {
  for (std::size_t k = html.find("</", from); k != std::string_view::npos;
       k = html.find("</", k + 2)) {
    std::size_t j = 0;
    while (j < name.size() && k + 2 + j < html.size() &&
           lower_char(html[k + 2 + j]) == name[j]) {
      ++j;
    }
    if (j == name.size()) return k;
  }
  return std::string_view::npos;
}
}  // namespace

std::string limit_html_nesting(std::string_view html, std::size_t max_depth, bool* changed,
                               bool drop_bogus_comments) {
  struct Open {
    std::string name;
    bool dropped;
  };
  std::vector<Open> stack;
  std::vector<std::pair<std::size_t, std::size_t>> drops;  // byte ranges to remove
  std::size_t i = 0;
  const std::size_t n = html.size();
  while (i < n) {
    std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    if (html.compare(lt, 4, "<!--") == 0) {
      std::size_t e = html.find("-->", lt + 4);
      i = e == std::string_view::npos ? n : e + 3;
      continue;
    }
    char c = html[lt + 1];
    if (c == '!' || c == '?') {
      std::size_t e = html.find('>', lt + 2);
      i = e == std::string_view::npos ? n : e + 1;
      bool doctype = n - lt >= 9 && lower_char(html[lt + 2]) == 'd' && lower_char(html[lt + 3]) == 'o' &&
                     lower_char(html[lt + 4]) == 'c' && lower_char(html[lt + 5]) == 't';
      if (drop_bogus_comments && c == '!' && !doctype && e != std::string_view::npos) drops.emplace_back(lt, i);
      continue;
    }
    bool closing = c == '/';
    std::size_t p = lt + (closing ? 2 : 1);
    std::string name;
    while (p < n && name_char(html[p]) && name.size() < 32) name.push_back(lower_char(html[p++]));
    if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z'))) {
      if (closing && drop_bogus_comments) {  // "</" and no letter: a bogus comment to '>'
        std::size_t e = html.find('>', lt + 2);
        if (e != std::string_view::npos) {
          drops.emplace_back(lt, e + 1);
          i = e + 1;
          continue;
        }
      }
      i = lt + 1;
      continue;
    }
    // End of the tag, skipping quoted attribute values.
    char quote = 0;
    std::size_t e = p;
    for (; e < n; ++e) {
      char ch = html[e];
      if (quote) {
        if (ch == quote) quote = 0;
      } else if (ch == '"' || ch == '\'') {
        quote = ch;
      } else if (ch == '>') {
        break;
      }
    }
    if (e >= n) break;
    std::size_t tag_end = e + 1;
    bool self_closing = e > p && html[e - 1] == '/';
    if (closing) {
      // Pop to the matching open element when it is near the top of the stack.
      std::size_t limit = stack.size() > 64 ? stack.size() - 64 : 0;
      for (std::size_t k = stack.size(); k-- > limit;) {
        if (stack[k].name == name) {
          if (stack[k].dropped) drops.emplace_back(lt, tag_end);
          stack.resize(k);
          break;
        }
      }
      i = tag_end;
      continue;
    }
    if (one_of(name, {"script", "style", "textarea", "title", "xmp", "plaintext", "noscript"})) {
      std::size_t close = find_close(html, name, tag_end);
      i = close == std::string_view::npos ? n : close;
      if (close != std::string_view::npos) {
        std::size_t ce = html.find('>', close);
        i = ce == std::string_view::npos ? n : ce + 1;
      }
      continue;
    }
    bool uncounted =
        self_closing ||
        one_of(name, {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed",
                      "param", "source", "track", "wbr", "keygen", "p", "li", "dt", "dd", "tr",
                      "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
                      "rb", "rt", "rp", "rtc", "html", "head", "body"});
    if (!uncounted) {
      bool drop = stack.size() >= max_depth;
      if (drop) drops.emplace_back(lt, tag_end);
      stack.push_back({name, drop});
    }
    i = tag_end;
  }
  if (changed) *changed = !drops.empty();
  if (drops.empty()) return std::string(html);
  std::string out;
  out.reserve(html.size());
  std::size_t pos = 0;
  for (auto& d : drops) {
    out.append(html.substr(pos, d.first - pos));
    pos = d.second;
  }
  out.append(html.substr(pos));
  return out;
}

}  // namespace kotext
