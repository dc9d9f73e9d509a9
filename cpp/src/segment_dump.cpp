// Dumps holding several pages, and telling HTML from a text dump (segment_meta.hpp).
#include <algorithm>
#include <array>

#include "kotext/segment_meta.hpp"
#include "kotext/utf8.hpp"
#include "segment_chars.hpp"

namespace kotext {
namespace {

using segment_chars::is_py_space;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
// A regex word character (\w): ASCII letters, digits, '_', and any non-ASCII letter.
bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool blank(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = 0;
    std::size_t bad = 1;
    if (!utf8::decode_one(s, pos, cp, bad) || !is_py_space(cp)) return false;
  }
  return true;
}

std::string_view strip(std::string_view s) { return segment_chars::py_strip(s); }

bool starts_icase(std::string_view s, std::size_t pos, std::string_view word) {
  if (s.size() < pos + word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (lower(s[pos + i]) != word[i]) return false;
  return true;
}

// `<\s*(?:!doctype\s+html|html|head|body|div|p|...|img)\b` at @p lt (a '<'); the end of the
// match, or 0.
std::size_t html_tag_at(std::string_view s, std::size_t lt) {
  static constexpr std::array<std::string_view, 18> names = {
      "html", "head", "body", "div", "p", "br", "span", "article", "section", "meta", "table",
      "ul", "li", "em", "strong", "img", "h", "a"};
  std::size_t i = lt + 1;
  while (i < s.size() && ascii_space(s[i])) ++i;
  auto boundary = [&](std::size_t e) { return e >= s.size() || !word_char(s[e]); };
  if (starts_icase(s, i, "!doctype")) {
    std::size_t j = i + 8, k = j;
    while (k < s.size() && ascii_space(s[k])) ++k;
    if (k > j && starts_icase(s, k, "html") && boundary(k + 4)) return k + 4;
  }
  for (std::string_view n : names) {
    if (!starts_icase(s, i, n)) continue;
    std::size_t e = i + n.size();
    if (n == "h") {  // h[1-6]
      if (e < s.size() && s[e] >= '1' && s[e] <= '6' && boundary(e + 1)) return e + 1;
    } else if (n == "a") {  // a\s\b: the space, then a word
      if (e < s.size() && ascii_space(s[e]) && e + 1 < s.size() && word_char(s[e + 1])) return e + 1;
    } else if (boundary(e)) {
      return e;
    }
  }
  return 0;
}

// The first @p cps code points of @p s.
std::string_view prefix_chars(std::string_view s, std::size_t cps) {
  std::size_t pos = 0, n = 0;
  while (pos < s.size() && n < cps) {
    char32_t cp = 0;
    std::size_t bad = 1;
    if (!utf8::decode_one(s, pos, cp, bad)) pos += bad ? bad : 1;
    ++n;
  }
  return s.substr(0, pos);
}

// `(?=<!doctype\s+html|<html[\s>])`, in any case, at @p i.
bool html_start_at(std::string_view s, std::size_t i) {
  if (s[i] != '<') return false;
  if (starts_icase(s, i + 1, "!doctype")) {
    std::size_t j = i + 9, k = j;
    while (k < s.size() && ascii_space(s[k])) ++k;
    return k > j && starts_icase(s, k, "html");
  }
  return starts_icase(s, i + 1, "html") && i + 5 < s.size() && (ascii_space(s[i + 5]) || s[i + 5] == '>');
}

// `^[ \t]*(?:-{4,}|={4,}|\*{3,}|_{4,}|#{3,}|\f)[ \t]*$`: a separator line.
bool separator_line(std::string_view line) {
  std::size_t b = 0, e = line.size();
  while (b < e && (line[b] == ' ' || line[b] == '\t')) ++b;
  while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
  if (b == e) return false;
  std::string_view run = line.substr(b, e - b);
  char c = run[0];
  if (run.find_first_not_of(c) != std::string_view::npos) return false;
  switch (c) {
    case '-': case '=': case '_': return run.size() >= 4;
    case '*': case '#': return run.size() >= 3;
    case '\f': return run.size() == 1;
    default: return false;
  }
}

// Lines with their line ends ("\n", "\r\n" or "\r").
std::vector<std::string_view> lines_with_ends(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out.push_back(s.substr(b, i + 1 - b));
      b = i + 1;
    }
  }
  if (b < s.size()) out.push_back(s.substr(b));
  return out;
}

std::string digits_as_zero(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= '0' && c <= '9') c = '0';
  return out;
}

// A line that is one date and a short label without digits ("경제 2026-03-12").
bool date_header(std::string_view line) {
  constexpr std::size_t kMaxChars = 40, kMaxLabelChars = 20;
  if (line.empty() || utf8::length(line) > kMaxChars) return false;
  std::vector<DateMatch> found = find_dates(line);
  if (found.size() != 1) return false;
  std::string rest = std::string(line.substr(0, found[0].begin)) + std::string(line.substr(found[0].end));
  std::string_view label = strip(rest);
  return utf8::length(label) <= kMaxLabelChars &&
         std::none_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Pages that all start with the same header line (digits aside), or each with a date header.
std::vector<std::string> split_repeated_header(std::string_view dump) {
  constexpr std::size_t kMaxHeaderChars = 80, kMinPageLines = 3;
  std::vector<std::string_view> lines = lines_with_ends(dump);
  std::string_view first;
  for (std::string_view ln : lines)
    if (!(first = strip(ln)).empty()) break;
  std::vector<std::string> whole{std::string(dump)};
  if (first.empty() || utf8::length(first) > kMaxHeaderChars) return whole;
  std::vector<std::size_t> starts;
  if (date_header(first)) {  // "경제 2026-03-12" then "산업 2026-03-14": a kicker and a date
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (date_header(strip(lines[i]))) starts.push_back(i);
  } else {
    std::string key = digits_as_zero(first);
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (digits_as_zero(strip(lines[i])) == key) starts.push_back(i);
  }
  if (starts.size() < 2) return whole;
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    std::size_t end = k + 1 < starts.size() ? starts[k + 1] : lines.size();
    std::string part;
    std::size_t filled = 0;
    for (std::size_t i = starts[k]; i < end; ++i) {
      part.append(lines[i]);
      filled += !strip(lines[i]).empty();
    }
    // Each page must be more than its header (a repeated menu line is not a page header).
    if (filled < kMinPageLines) return whole;
    parts.push_back(std::move(part));
  }
  std::string head;
  for (std::size_t i = 0; i < starts[0]; ++i) head.append(lines[i]);
  if (!blank(head)) parts[0] = head + parts[0];
  return parts;
}

}  // namespace

bool looks_like_html(std::string_view text) {
  constexpr std::size_t kSniffChars = 65536;
  std::string_view head = prefix_chars(text, kSniffChars);
  std::size_t hits = 0;
  for (std::size_t lt = head.find('<'); lt != std::string_view::npos; lt = head.find('<', lt + 1)) {
    if (std::size_t end = html_tag_at(head, lt)) {
      if (++hits >= 2) return true;
      lt = end - 1;
    }
  }
  return hits && (head.find("</") != std::string_view::npos || head.find("/>") != std::string_view::npos);
}

std::vector<std::string> split_dump(std::string_view dump) {
  std::vector<std::string> parts;
  auto add = [&](std::string_view part) {
    if (!blank(part)) parts.emplace_back(part);
  };
  if (looks_like_html(dump)) {
    std::size_t begin = 0;
    for (std::size_t i = 0; i < dump.size(); ++i) {
      if (i > begin && html_start_at(dump, i)) {
        add(dump.substr(begin, i - begin));
        begin = i;
      }
    }
    add(dump.substr(begin));
    if (parts.size() > 1) return parts;
    parts.clear();
    add(dump);
    return parts;
  }
  std::size_t begin = 0, line = 0;
  while (line <= dump.size()) {
    std::size_t nl = dump.find('\n', line);
    std::size_t end = nl == std::string_view::npos ? dump.size() : nl;
    if (separator_line(dump.substr(line, end - line))) {
      add(dump.substr(begin, line - begin));
      begin = end;
    }
    if (nl == std::string_view::npos) break;
    line = nl + 1;
  }
  add(dump.substr(begin));
  if (parts.size() == 1) return split_repeated_header(parts[0]);
  return parts;
}

}  // namespace kotext
