// Article assembly of the segment component: from the labelled blocks of classify_blocks()
// (segment.cpp) and the page's metadata to the article's fields. The caller reads the
// metadata (JSON-LD needs a JSON parser); every rule that weighs it against the blocks is
// here, so that a page segmented alone and a page of a batch take the same path.
#include <algorithm>
#include <string>
#include <unordered_set>

#include "kotext/segment.hpp"
#include "kotext/sentences.hpp"
#include "kotext/utf8.hpp"
#include "segment_chars.hpp"
#include "segment_words.hpp"

namespace kotext {
namespace {

using segment_chars::is_digit;
using segment_chars::is_hangul;
using segment_chars::is_latin;
using segment_chars::is_space;

std::u32string decode(std::string_view s) { return utf8::decode(s, utf8::ErrorMode::Replace); }

// The characters Python's str.strip() and the metadata readers treat as blank (form feed
// and vertical tab included).
bool blank(char32_t c) { return is_space(c) || c == '\f' || c == '\v'; }

std::u32string_view trim(std::u32string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && blank(s[b])) ++b;
  while (e > b && blank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string trim(std::string_view s) { return utf8::encode(std::u32string(trim(decode(s)))); }

// The text without any blank character: how titles are compared with headings.
std::u32string squeeze(std::string_view s) {
  std::u32string out;
  for (char32_t c : decode(s))
    if (!blank(c)) out.push_back(c);
  return out;
}

char32_t lower(char32_t c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t nl = text.find('\n', pos);
    out.push_back(text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return out;
}

void add_unique(std::vector<std::string>& out, std::unordered_set<std::string>& seen,
                const std::string& x) {
  if (!x.empty() && seen.insert(x).second) out.push_back(x);
}

// The first date of @p text, preferring one not labelled as a modification time.
bool first_date(std::string_view text, DateMatch* out) {
  std::vector<DateMatch> found = find_dates(text);
  if (found.empty()) return false;
  for (const auto& m : found) {
    if (!m.modified) {
      *out = m;
      return true;
    }
  }
  *out = found.front();
  return true;
}

// The owner named in a copyright notice ("ⓒ 예시일보, 무단 전재 ...", "Copyright © 2024
// 예시경제."): 2-16 letters or digits after the mark and an optional year.
std::string copyright_owner(std::string_view text) {
  std::u32string s = decode(text);
  std::u32string low(s.size(), 0);
  std::transform(s.begin(), s.end(), low.begin(), lower);
  static const std::u32string_view marks[] = {U"ⓒ", U"©", U"(c)", U"copyright"};
  auto word_char = [](char32_t c) { return is_hangul(c) || is_latin(c) || is_digit(c); };
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::size_t k = 0;
    for (auto m : marks) {
      if (low.compare(i, m.size(), m) == 0) {
        k = i + m.size();
        break;
      }
    }
    if (k == 0) continue;
    while (k < s.size() && is_space(s[k])) ++k;
    if (k < s.size() && (s[k] == U'ⓒ' || s[k] == U'©')) ++k;
    while (k < s.size() && is_space(s[k])) ++k;
    std::size_t y = k;
    while (y < s.size() && is_digit(s[y]) && y - k < 4) ++y;
    if (y - k == 4) {
      k = y;
      while (k < s.size() && is_space(s[k])) ++k;
    }
    if (k >= s.size() || !(is_hangul(s[k]) || is_latin(s[k]))) continue;
    std::size_t e = k + 1;
    while (e < s.size() && e - k < 16 && word_char(s[e])) ++e;
    if (e - k >= 2) return utf8::encode(s.substr(k, e - k));
  }
  return {};
}

// An author part without its labels ("By 홍길동", "작성자: 홍길동", "홍길동 기자").
std::u32string strip_author_labels(std::u32string_view part) {
  std::u32string_view p = trim(part);
  auto label_at_start = [&](std::u32string_view label) {
    if (p.size() < label.size()) return false;
    for (std::size_t i = 0; i < label.size(); ++i)
      if (lower(p[i]) != label[i]) return false;
    // A whole word: "글로벌팀" is no "글" label.
    return p.size() == label.size() || is_space(p[label.size()]) || p[label.size()] == ':' ||
           p[label.size()] == '=';
  };
  auto cut_label = [&](const auto& labels) {
    for (auto l : labels) {
      if (label_at_start(l)) {
        p.remove_prefix(l.size());
        return true;
      }
    }
    return false;
  };
  if (cut_label(segment_words::kAuthorLabels) || cut_label(segment_words::kRoles)) {
    p = trim(p);
    if (!p.empty() && (p.front() == ':' || p.front() == '=')) p.remove_prefix(1);
    p = trim(p);
  }
  for (auto r : segment_words::kRoles) {
    if (p.size() > r.size() && p.substr(p.size() - r.size()) == r) {
      p = trim(p.substr(0, p.size() - r.size()));
      break;
    }
  }
  return std::u32string(p);
}

// Parts of an author string between the separators "," "·" "/" "&" "|" and " and ".
std::vector<std::u32string> author_parts(std::u32string_view s) {
  std::vector<std::u32string> out;
  std::u32string cur;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c == ',' || c == 0xB7 || c == '/' || c == '&' || c == '|') {
      out.push_back(cur);
      cur.clear();
    } else if (is_space(c) && s.compare(i + 1, 4, U"and ") == 0) {
      out.push_back(cur);
      cur.clear();
      i += 4;
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

bool korean_name(std::u32string_view w) {
  if (w.size() < 2 || w.size() > 4) return false;
  for (char32_t c : w)
    if (!is_hangul(c)) return false;
  return true;
}

bool latin_name(std::u32string_view w) {
  if (w.empty() || w.size() > 30 || w.find('@') != std::u32string_view::npos) return false;
  if (std::any_of(w.begin(), w.end(), is_hangul)) return false;
  return w.find(' ') != std::u32string_view::npos;
}

}  // namespace

std::string ArticleParts::text() const {
  std::string out;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (i) out += "\n\n";
    out += paragraphs[i];
  }
  return out;
}

Byline author_names(const std::vector<std::string>& strings) {
  Byline out;
  std::unordered_set<std::string> seen_names, seen_emails;
  for (const auto& s : strings) {
    Byline b = parse_byline(s);  // metadata strings: the default tuning
    for (auto& e : b.emails) add_unique(out.emails, seen_emails, e);
    std::vector<std::string> names = b.reporters;
    if (names.empty()) {
      for (const auto& raw : author_parts(decode(s))) {
        std::u32string part = strip_author_labels(raw);
        if (korean_name(part) || latin_name(part)) names.push_back(utf8::encode(part));
      }
    }
    for (auto& n : names)
      if (!segment_words::media_like(decode(n))) add_unique(out.reporters, seen_names, n);
  }
  return out;
}

std::string without_dates(std::string_view text) {
  std::string rest;
  std::size_t pos = 0;
  for (const auto& m : find_dates(text)) {
    rest.append(text.substr(pos, m.begin - pos));
    rest.push_back(' ');
    pos = m.end;
  }
  rest.append(text.substr(pos));
  // Words that are date labels go ("입력", "기사입력:", "Updated"), the rest is kept.
  std::u32string out;
  std::u32string s = decode(rest);
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && blank(s[i])) ++i;
    std::size_t b = i;
    while (i < s.size() && !blank(s[i])) ++i;
    if (b == i) break;
    std::u32string word = s.substr(b, i - b);
    std::u32string key = word;
    while (!key.empty() && (key.back() == ':' || key.back() == 0xFF1A)) key.pop_back();
    std::transform(key.begin(), key.end(), key.begin(), lower);
    bool label = false;
    for (auto l : segment_words::kDateLabels) label = label || key == l;
    if (label) continue;
    if (!out.empty()) out.push_back(' ');
    out += word;
  }
  static const std::u32string_view edge = U" |:/·-";
  std::size_t b = 0, e = out.size();
  while (b < e && edge.find(out[b]) != std::u32string_view::npos) ++b;
  while (e > b && edge.find(out[e - 1]) != std::u32string_view::npos) --e;
  return utf8::encode(out.substr(b, e - b));
}

std::string title_hint(const std::vector<Block>& blocks, const PageEvidence& evidence,
                       const SegmentTuning& tuning) {
  const auto& sites = evidence.site_names;
  if (!evidence.headline.empty()) return strip_site_name(evidence.headline, sites, tuning);
  // Blocks short of this many code points are labels, not a headline to match.
  const std::size_t min_chars = tuning.title_match_min_chars;
  for (const auto& t : evidence.titles) {
    std::u32string key = squeeze(t);
    std::u32string stripped = squeeze(strip_site_name(t, sites, tuning));
    for (const auto& b : blocks) {
      if (b.tag != BlockTag::Heading || utf8::length(b.text) < min_chars) continue;
      std::u32string h = squeeze(b.text);
      if (key.compare(0, h.size(), h) == 0) return b.text;
    }
    for (const auto& b : blocks) {  // the visible headline equal to the stripped meta title
      if (!b.navigation && utf8::length(b.text) >= min_chars && squeeze(b.text) == stripped)
        return b.text;
    }
  }
  if (!evidence.titles.empty()) return strip_site_name(evidence.titles.front(), sites, tuning);
  return {};
}

ArticleParts segment_article(const std::vector<Block>& blocks, const PageEvidence& evidence,
                             const SegmentTuning& tuning) {
  ArticleParts article;
  if (blocks.empty() && !evidence.present) return article;
  SegmentOptions options;
  options.tuning = tuning;
  options.text_dump = !evidence.present;
  if (evidence.present) options.title_hint = title_hint(blocks, evidence, tuning);
  const Segmentation seg = classify_blocks(blocks, options);

  std::vector<std::string> date_texts, byline_texts, dateline_texts, credit_texts;
  bool first_body = true;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const std::string& text = blocks[i].text;
    switch (seg.labels[i]) {
      case BlockLabel::Title: {
        article.title = text;
        std::replace(article.title.begin(), article.title.end(), '\n', ' ');
        break;
      }
      case BlockLabel::Subtitle:
        for (const auto& line : split_lines(text)) {
          std::string t = trim(line);
          if (!t.empty()) article.subtitle.push_back(std::move(t));
        }
        break;
      case BlockLabel::Kicker: article.kicker = text; break;
      case BlockLabel::Date: {
        date_texts.push_back(text);
        if (seg.title < 0 || static_cast<std::ptrdiff_t>(i) < seg.title) {
          // "경제 2026-03-12": the section printed on the date line above the title.
          std::string rest = without_dates(text);
          if (!rest.empty() && article.kicker.empty() &&
              utf8::length(rest) <= tuning.max_date_kicker_chars)
            article.kicker = rest;
        }
        break;
      }
      case BlockLabel::Body:
        for (const auto& line : split_lines(text)) {
          if (trim(decode(line)).empty()) continue;
          // Datelines, photo credits, copyright and promo runs glued to the text.
          CleanParagraph c = clean_paragraph(line, first_body, tuning);
          first_body = false;
          for (auto& cut : c.cuts) {
            if (cut.reason == BoilerplateReason::Dateline || cut.reason == BoilerplateReason::Byline)
              dateline_texts.push_back(cut.text);
            else if (cut.reason == BoilerplateReason::PhotoCaption)
              credit_texts.push_back(cut.text);  // "2013.3.10/뉴스1": a last-resort date
            article.boilerplate.push_back(std::move(cut));
          }
          if (!c.text.empty()) article.paragraphs.push_back(std::move(c.text));
        }
        break;
      case BlockLabel::Byline:
      case BlockLabel::Boilerplate: {
        BoilerplateReason why = seg.reasons[i] == BoilerplateReason::None ? BoilerplateReason::Other
                                                                          : seg.reasons[i];
        article.boilerplate.push_back({text, why});
        if (seg.labels[i] == BlockLabel::Byline) byline_texts.push_back(text);
        break;
      }
    }
  }

  // Title: a JSON-LD headline wins; a meta title replaces a missing visible title, and a
  // body found only in a script payload (the visible header is not near it).
  const bool hidden_body = seg.body_begin >= 0 && blocks[seg.body_begin].hidden;
  if (evidence.present && (!evidence.headline.empty() ||
                           (!options.title_hint.empty() && (article.title.empty() || hidden_body)))) {
    article.title = options.title_hint;
  } else if (!article.title.empty()) {
    // "[사진]제목" / a visible headline that still carries the site name.
    article.title = strip_site_name(article.title, evidence.site_names, tuning);
  }
  if (!evidence.section.empty() && article.kicker.empty()) article.kicker = evidence.section;

  // Date: metadata, else a date block, else a byline, else a wire photo credit.
  article.has_date = !evidence.date.empty() && first_date(evidence.date, &article.date);
  for (const auto* texts : {&date_texts, &byline_texts, &credit_texts})
    for (const auto& t : *texts)
      if (!article.has_date) article.has_date = first_date(t, &article.date);

  // Reporters, e-mails, outlet: metadata authors, else bylines and datelines.
  std::unordered_set<std::string> seen_reporters, seen_emails;
  article.outlet = evidence.outlet;
  bool from_meta = false;
  for (const auto* source : {&evidence.authors, &evidence.author_strings}) {
    if (source->empty() || from_meta) continue;
    Byline names = author_names(*source);
    for (auto& n : names.reporters) {
      if (n == article.outlet) continue;
      add_unique(article.reporters, seen_reporters, n);
      from_meta = true;
    }
    for (auto& e : names.emails) add_unique(article.emails, seen_emails, e);
  }
  for (const auto* texts : {&byline_texts, &dateline_texts}) {
    for (const auto& t : *texts) {
      Byline b = parse_byline(t, tuning);
      if (!from_meta)
        for (auto& r : b.reporters) add_unique(article.reporters, seen_reporters, r);
      for (auto& e : b.emails) add_unique(article.emails, seen_emails, e);
      if (article.outlet.empty() && !b.outlet.empty()) article.outlet = b.outlet;
    }
  }
  for (const auto& b : article.boilerplate) {
    if (!article.outlet.empty()) break;
    if (b.reason == BoilerplateReason::Copyright) article.outlet = copyright_owner(b.text);
  }

  // Sentences of the whole body at once (a blank line is a hard boundary), each with the
  // paragraph it starts in.
  const std::string body = article.text();
  std::vector<std::size_t> starts;
  std::size_t offset = 0;
  for (const auto& p : article.paragraphs) {
    starts.push_back(offset);
    offset += utf8::length(p) + 2;
  }
  SentenceOptions sentence_options;
  sentence_options.errors = utf8::ErrorMode::Replace;
  for (const auto& span : split_sentences(body, sentence_options)) {
    auto it = std::upper_bound(starts.begin(), starts.end(), span.begin);
    std::size_t paragraph = it == starts.begin() ? 0 : static_cast<std::size_t>(it - starts.begin() - 1);
    article.sentences.push_back({span.begin, span.end, paragraph});
  }
  return article;
}

}  // namespace kotext
