// Page metadata (JSON-LD, <meta>, <title>, <time>) and script payloads, read with
// nlohmann-json; the whole HTML page path; the splitting of dumps. The JSON values are
// nlohmann::ordered_json: objects keep the page's key order, so "the first candidate with
// the most Hangul" is the same one on every run and platform.
#include "kotext/segment_meta.hpp"

#include <libxml/HTMLparser.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "kotext/utf8.hpp"
#include "segment_chars.hpp"

namespace kotext {
namespace {

using Json = nlohmann::ordered_json;
using segment_chars::is_hangul;
using segment_chars::is_py_space;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view strip(std::string_view s) { return segment_chars::py_strip(s); }

bool is_blank(std::string_view s) { return strip(s).empty(); }

std::size_t hangul_count(std::string_view s) {
  std::size_t n = 0, pos = 0;
  while (pos < s.size()) {
    char32_t cp = 0;
    std::size_t bad = 1;
    if (!utf8::decode_one(s, pos, cp, bad)) {
      pos += bad ? bad : 1;
      continue;
    }
    n += is_hangul(cp);
  }
  return n;
}

// --- JSON -----------------------------------------------------------------------------

// The JSON value (object, array or string) starting at @p start, with raw control
// characters inside its strings escaped (pages write them, as Python's
// json.loads(strict=False) accepts), and in @p end where it ends in @p text; nullopt when it
// does not close, nests deeper than @p max_depth, or starts with something else.
std::optional<std::string> json_span(std::string_view text, std::size_t start, std::size_t max_depth,
                                     std::size_t& end) {
  if (start >= text.size()) return std::nullopt;
  char first = text[start];
  if (first != '{' && first != '[' && first != '"') return std::nullopt;
  std::string out;
  std::size_t depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = start; i < text.size(); ++i) {
    char c = text[i];
    bool closes = false;
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
        closes = depth == 0;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        static const char hex[] = "0123456789abcdef";
        out += "\\u00";
        out.push_back(hex[(c >> 4) & 0xF]);
        out.push_back(hex[c & 0xF]);
        continue;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return std::nullopt;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return std::nullopt;
      closes = --depth == 0;
    }
    out.push_back(c);
    if (closes) {
      end = i + 1;
      return out;
    }
  }
  return std::nullopt;
}

// The JSON value that starts at @p start (after spaces), ignoring what follows it; nullopt
// when there is none. With @p whole, nothing but spaces may follow (a JSON-LD script).
std::optional<Json> decode_json(std::string_view text, std::size_t start, std::size_t max_depth,
                                bool whole = false) {
  while (start < text.size() && ascii_space(text[start])) ++start;
  std::size_t end = 0;
  std::optional<std::string> span = json_span(text, start, max_depth, end);
  if (!span || (whole && !is_blank(text.substr(end)))) return std::nullopt;
  // nlohmann's own DOM builder behind its SAX interface, which alone can read a value that
  // more script follows (strict=false); no exceptions.
  Json value;
  nlohmann::detail::json_sax_dom_parser<Json> builder(value, false);
  if (!Json::sax_parse(span->begin(), span->end(), &builder, nlohmann::json::input_format_t::json, false) ||
      value.is_discarded())
    return std::nullopt;
  return value;
}

// Python truthiness of a JSON value.
bool truthy(const Json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0;
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  return !v.empty();
}

const Json* member(const Json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

const std::string* string_member(const Json& obj, const char* key) {
  const Json* v = member(obj, key);
  return v && v->is_string() ? &v->get_ref<const std::string&>() : nullptr;
}

// --- metadata ---------------------------------------------------------------------------

// The @type of a JSON-LD object, lower-cased (a string or a list of them).
std::set<std::string> ld_types(const Json& d) {
  std::set<std::string> out;
  const Json* t = member(d, "@type");
  if (!t) return out;
  if (t->is_string()) out.insert(lower_ascii(t->get_ref<const std::string&>()));
  if (t->is_array())
    for (const Json& x : *t)
      if (x.is_string()) out.insert(lower_ascii(x.get_ref<const std::string&>()));
  return out;
}

bool has_any(const std::set<std::string>& types, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (types.count(n)) return true;
  return false;
}

bool is_article_type(const std::set<std::string>& types) {
  return has_any(types, {"newsarticle", "article", "reportagenewsarticle", "blogposting",
                         "analysisnewsarticle", "opinionnewsarticle", "webpage", "reviewnewsarticle"});
}

bool is_organization(const std::set<std::string>& types) {
  return has_any(types, {"organization", "newsmediaorganization", "corporation"});
}

// Every object of a JSON-LD value, in document order: lists are walked, and an object's
// "@graph" after the object itself.
std::vector<const Json*> ld_objects(const Json& root) {
  std::vector<const Json*> out, stack{&root};
  while (!stack.empty()) {
    const Json* cur = stack.back();
    stack.pop_back();
    if (cur->is_array()) {
      for (auto it = cur->rbegin(); it != cur->rend(); ++it) stack.push_back(&*it);
    } else if (cur->is_object()) {
      out.push_back(cur);
      if (const Json* g = member(*cur, "@graph")) stack.push_back(g);
    }
  }
  return out;
}

// Names in a JSON-LD value (a string, an object with "name", or a list of them); with
// @p people, objects typed as an organization are skipped (an outlet is no reporter).
std::vector<std::string> ld_names(const Json* value, bool people = false) {
  std::vector<std::string> out;
  if (!value) return out;
  auto one = [&](const Json& v) {
    const Json* name = &v;
    if (v.is_object()) {
      if (people && is_organization(ld_types(v))) return;
      name = member(v, "name");
      if (!name) return;
    }
    if (!name->is_string()) return;
    std::string_view s = strip(name->get_ref<const std::string&>());
    if (!s.empty() && s.find("://") == std::string_view::npos) out.push_back(html_unescape(s));
  };
  if (value->is_array()) {
    for (const Json& v : *value) one(v);
  } else {
    one(*value);
  }
  return out;
}

// A title without quotes, spaces and dots, for matching a headline against og:title.
std::string squeeze(std::string_view title) {
  std::string text = html_unescape(title), out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t start = pos;
    char32_t cp = 0;
    std::size_t bad = 1;
    if (!utf8::decode_one(text, pos, cp, bad)) {
      pos = start + (bad ? bad : 1);
      out.append(text, start, pos - start);
      continue;
    }
    bool drop = is_py_space(cp) || cp == '"' || cp == '\'' || cp == U'“' || cp == U'”' || cp == U'‘' ||
                cp == U'’' || cp == '.' || cp == U'…' || cp == U'·';
    if (!drop) out.append(text, start, pos - start);
  }
  return out;
}

}  // namespace

std::string html_unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) break;
    out.append(text.substr(i, amp - i));
    std::size_t semi = text.find(';', amp + 1);
    char32_t cp = 0;
    bool ok = false;
    if (semi != std::string_view::npos && semi - amp <= 32) {
      std::string_view name = text.substr(amp + 1, semi - amp - 1);
      if (name.size() >= 2 && name[0] == '#') {
        bool hex = name[1] == 'x' || name[1] == 'X';
        std::string_view digits = name.substr(hex ? 2 : 1);
        ok = !digits.empty() && digits.size() <= 8;
        unsigned long value = 0;
        for (char c : digits) {
          int d = (c >= '0' && c <= '9') ? c - '0'
                  : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
          if (d < 0) ok = false;
          value = value * (hex ? 16 : 10) + static_cast<unsigned long>(d < 0 ? 0 : d);
        }
        // Python's html.unescape: NUL, surrogates and values past Unicode are U+FFFD.
        if (ok) cp = (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
                         ? 0xFFFD : static_cast<char32_t>(value);
      } else if (!name.empty()) {
        std::string key(name);
        if (const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(key.c_str()))) {
          cp = e->value;
          ok = true;
        }
      }
    }
    if (ok) {
      utf8::append(out, cp);
      i = semi + 1;
    } else {
      out.push_back('&');
      i = amp + 1;
    }
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

PageMetadata read_metadata(const std::vector<HtmlMetaTag>& meta, const std::vector<std::string>& json_ld,
                           const std::string* title, const std::string* time_datetime) {
  constexpr std::size_t kMaxDepth = PayloadLimits{}.max_json_depth;
  PageMetadata out;
  PageEvidence& e = out.evidence;
  e.present = true;
  // The first non-empty value of each key, keys lower-cased and trimmed.
  std::vector<std::pair<std::string, std::string>> metas;
  auto get = [&](const char* key) -> std::string {
    for (auto& kv : metas)
      if (kv.first == key) return kv.second;
    return std::string();
  };
  for (const HtmlMetaTag& m : meta) {
    std::string key = lower_ascii(strip(m.key));
    if (key.empty() || m.content.empty()) continue;
    bool seen = false;
    for (auto& kv : metas) seen = seen || kv.first == key;
    if (!seen) metas.emplace_back(std::move(key), std::string(strip(m.content)));
  }
  std::vector<Json> documents;
  for (const std::string& text : json_ld) {
    if (auto v = decode_json(text, 0, kMaxDepth, true)) documents.push_back(std::move(*v));
  }
  std::vector<const Json*> candidates, all;
  for (const Json& doc : documents) {
    for (const Json* d : ld_objects(doc)) {
      all.push_back(d);
      const Json* headline = member(*d, "headline");
      const Json* published = member(*d, "datePublished");
      if (is_article_type(ld_types(*d)) && ((headline && truthy(*headline)) || (published && truthy(*published))))
        candidates.push_back(d);
    }
  }
  // The page's own article: an article type over a WebPage, and when a page describes
  // several articles (related items), the one whose headline is in the page's og:title.
  std::string og_title = get("og:title");
  std::string og = squeeze(og_title.empty() ? get("twitter:title") : og_title);
  const Json* best = nullptr;
  int best_rank = -1;
  for (const Json* d : candidates) {
    const std::string* headline = string_member(*d, "headline");
    std::string key = headline ? squeeze(*headline) : std::string();
    bool in_og = !key.empty() && !og.empty() &&
                 (og.find(key) != std::string::npos || key.find(og) != std::string::npos);
    int rank = 2 * in_og + (ld_types(*d).count("webpage") == 0);
    if (rank > best_rank) best = d, best_rank = rank;
  }
  if (best) {
    const Json& b = *best;
    if (const std::string* h = string_member(b, "headline"); h && !strip(*h).empty())
      e.headline = html_unescape(strip(*h));
    for (const char* key : {"datePublished", "dateCreated", "uploadDate"}) {
      if (const std::string* d = string_member(b, key)) {
        e.date = *d;
        break;
      }
    }
    if (const std::string* body = string_member(b, "articleBody")) out.article_body = html_unescape(*body);
    e.authors = ld_names(member(b, "author"), true);
    std::vector<std::string> publisher = ld_names(member(b, "publisher"));
    if (!publisher.empty()) e.outlet = publisher.front();
    e.site_names.insert(e.site_names.end(), publisher.begin(), publisher.end());
    if (const Json* section = member(b, "articleSection")) {
      const Json* s = section->is_array() ? (section->empty() ? nullptr : &(*section)[0]) : section;
      if (s && s->is_string()) e.section = std::string(strip(s->get_ref<const std::string&>()));
    }
    if (const std::string* u = string_member(b, "url")) out.url = *u;
  }
  for (const char* key : {"og:title", "twitter:title", "title", "dable:title"}) {
    std::string v = get(key);
    if (!v.empty()) e.titles.push_back(html_unescape(v));
  }
  if (title && !strip(*title).empty()) e.titles.emplace_back(strip(*title));
  if (e.date.empty()) {
    for (const char* key : {"article:published_time", "og:article:published_time", "pubdate", "publishdate",
                            "publish_date", "article:published", "date", "dc.date", "dc.date.issued",
                            "sailthru.date", "parsely-pub-date"}) {
      std::string v = get(key);
      if (!v.empty()) {
        e.date = v;
        break;
      }
    }
  }
  if (e.date.empty() && time_datetime) e.date = *time_datetime;
  for (const char* key : {"author", "article:author", "og:article:author", "byl", "dable:author", "dc.creator",
                          "sailthru.author", "parsely-author"}) {
    std::string v = get(key);
    if (!v.empty() && v.find("://") == std::string::npos) e.author_strings.push_back(v);
  }
  if (std::string site = get("og:site_name"); !site.empty()) e.outlet = site;
  for (const char* key : {"og:site_name", "application-name", "twitter:site", "apple-mobile-web-app-title",
                          "twitter:app:name:iphone"}) {
    std::string v = get(key);
    if (v.empty()) continue;
    std::string name = html_unescape(v);
    name.erase(0, name.find_first_not_of('@') == std::string::npos ? name.size() : name.find_first_not_of('@'));
    e.site_names.push_back(std::move(name));
  }
  for (const Json* d : all) {  // a WebSite / Organization name anywhere in the JSON-LD
    if (has_any(ld_types(*d), {"website", "organization", "newsmediaorganization"})) {
      std::vector<std::string> names = ld_names(member(*d, "name"));
      e.site_names.insert(e.site_names.end(), names.begin(), names.end());
    }
  }
  if (e.section.empty()) e.section = get("article:section");
  if (std::string u = get("og:url"); !u.empty()) out.url = u;
  return out;
}

// --- script payloads ----------------------------------------------------------------------
namespace {

// <(?:p|br|div|span|strong|b|em|h[1-6]|figure|img)[\s>/], in any case: text that is HTML.
bool has_markup(std::string_view s) {
  static constexpr std::array<std::string_view, 15> tags = {
      "p", "br", "div", "span", "strong", "b", "em", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "img"};
  for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    for (std::string_view t : tags) {
      std::size_t e = i + 1 + t.size();
      if (e >= s.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < t.size() && same; ++k) same = lower(s[i + 1 + k]) == t[k];
      char c = s[e];
      if (same && (ascii_space(c) || c == '>' || c == '/')) return true;
    }
  }
  return false;
}

// html.escape(text, quote=False).
std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out.push_back(c);
  }
  return out;
}

bool is_html_tag(std::string_view t) {
  static constexpr std::array<std::string_view, 28> tags = {
      "p", "div", "span", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i",
      "u", "ul", "ol", "li", "blockquote", "figure", "figcaption", "section", "article", "table",
      "tr", "td", "th", "a"};
  return std::find(tags.begin(), tags.end(), t) != tags.end();
}

// Arc XP content_elements: [{"type": "text", "content": "<b>..</b>"}, ...] as HTML.
std::string content_elements(const Json& items) {
  std::string out;
  for (const Json& item : items) {
    if (!item.is_object()) continue;
    const std::string* kind = string_member(item, "type");
    const std::string* content = string_member(item, "content");
    if (!kind) continue;
    bool heading = *kind == "header" || *kind == "heading";
    if ((heading || *kind == "text" || *kind == "paragraph") && content) {
      const char* tag = heading ? "h3" : "p";
      out += std::string("<") + tag + ">" + *content + "</" + tag + ">";
    } else if (*kind == "list") {
      const Json* sub = member(item, "items");
      if (!sub || !sub->is_array()) continue;
      std::string inner = content_elements(*sub);
      for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"<p>", "<li>"}, {"</p>", "</li>"}}) {
        for (std::size_t p = inner.find(from); p != std::string::npos; p = inner.find(from, p + to.size()))
          inner.replace(p, from.size(), to);
      }
      out += "<ul>" + inner + "</ul>";
    }
  }
  return out;
}

// React server component rows (["$", "p", key, {"children": ...}]) rendered to HTML.
std::string rsc_html(const Json& node, std::size_t depth, const PayloadLimits& limits) {
  if (depth > limits.max_render_depth) return "";
  if (node.is_string()) {
    const std::string& s = node.get_ref<const std::string&>();
    if (!s.empty() && s[0] == '$') return "";  // a reference to another row, or a special value
    return has_markup(s) ? s : escape_html(s);
  }
  if (node.is_array()) {
    if (node.size() >= 4 && node[0].is_string() && node[0].get_ref<const std::string&>() == "$" &&
        node[1].is_string()) {
      static const Json kEmpty = Json::object();
      const Json& props = node[3].is_object() ? node[3] : kEmpty;
      std::string inner;
      const Json* dangerous = member(props, "dangerouslySetInnerHTML");
      const std::string* raw = dangerous ? string_member(*dangerous, "__html") : nullptr;
      if (raw) {
        inner = *raw;
      } else if (const Json* children = member(props, "children")) {
        inner = rsc_html(*children, depth + 1, limits);
      }
      const std::string& tag = node[1].get_ref<const std::string&>();
      return is_html_tag(tag) ? "<" + tag + ">" + inner + "</" + tag + ">" : inner;
    }
    std::string out;
    for (const Json& x : node) out += rsc_html(x, depth + 1, limits);
    return out;
  }
  if (node.is_object()) {
    if (const Json* children = member(node, "children")) return rsc_html(*children, depth + 1, limits);
  }
  return "";
}

struct Finder {
  const PayloadLimits& limits;
  std::vector<std::string>& out;

  // Article-like text in a decoded JSON value: Arc XP content elements, long strings (and
  // JSON inside a JSON string).
  void candidates(const Json& root) const {
    std::vector<Json> inner_values;  // decoded JSON strings, kept alive while walked
    inner_values.reserve(64);
    std::vector<const Json*> stack{&root};
    std::size_t seen = 0;
    while (!stack.empty() && seen < limits.max_visits) {
      const Json* cur = stack.back();
      stack.pop_back();
      ++seen;
      if (cur->is_object()) {
        if (const Json* elements = member(*cur, "content_elements"); elements && elements->is_array()) {
          std::string joined = content_elements(*elements);
          if (!joined.empty()) out.push_back(std::move(joined));
        }
        for (const auto& item : cur->items()) stack.push_back(&item.value());
      } else if (cur->is_array()) {
        for (const Json& x : *cur) stack.push_back(&x);
      } else if (cur->is_string()) {
        const std::string& s = cur->get_ref<const std::string&>();
        if (s.size() < limits.min_candidate_chars || utf8::length(s) < limits.min_candidate_chars) continue;
        std::string_view tail = strip(s);
        if ((s[0] == '[' || s[0] == '{') && !tail.empty() && (tail.back() == ']' || tail.back() == '}') &&
            inner_values.size() < inner_values.capacity()) {
          if (auto inner = decode_json(s, 0, limits.max_json_depth)) {
            inner_values.push_back(std::move(*inner));  // capacity reserved: no reallocation
            stack.push_back(&inner_values.back());
            continue;
          }
        }
        out.push_back(s);
      }
    }
  }

  // Next.js flight data: rows "id:json" or "id:T<hex length>,<text>".
  void flight(const std::string& data) const {
    std::vector<std::pair<std::size_t, std::size_t>> rows;  // (row start, colon)
    for (std::size_t line = 0; line < data.size();) {
      std::size_t k = 0;
      while (line + k < data.size() && k <= 8 && std::isxdigit(static_cast<unsigned char>(data[line + k]))) ++k;
      if (k >= 1 && k <= 8 && line + k < data.size() && data[line + k] == ':') rows.emplace_back(line, line + k);
      std::size_t nl = data.find('\n', line);
      if (nl == std::string::npos) break;
      line = nl + 1;
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::size_t end = r + 1 < rows.size() ? rows[r + 1].first : data.size();
      std::string_view payload = std::string_view(data).substr(rows[r].second + 1, end - rows[r].second - 1);
      if (!payload.empty() && payload[0] == 'T') {
        std::size_t comma = payload.find(',');
        if (comma != std::string_view::npos && comma > 0) out.emplace_back(payload.substr(comma + 1));
        continue;
      }
      if (payload.empty() || (payload[0] != '[' && payload[0] != '{' && payload[0] != '"')) continue;
      std::optional<Json> value = decode_json(payload, 0, limits.max_json_depth);
      if (!value) continue;
      std::string rendered = rsc_html(*value, 0, limits);
      if (hangul_count(rendered) >= limits.min_hangul) {
        out.push_back(std::move(rendered));
      } else {
        candidates(*value);
      }
    }
  }
};

// The next match of `(?:Fusion\.globalContent|__INITIAL_STATE__|...)\s*=\s*` in @p text
// from @p pos: the offset after it, or npos.
std::size_t next_state_assignment(std::string_view text, std::size_t& pos) {
  static constexpr std::array<std::string_view, 7> markers = {
      "Fusion.globalContent", "__INITIAL_STATE__", "__PRELOADED_STATE__", "__APOLLO_STATE__",
      "__NUXT__", "__INITIAL_DATA__", "__DATA__"};
  while (pos < text.size()) {
    std::size_t best = std::string_view::npos, len = 0;
    for (std::string_view m : markers) {
      std::size_t at = text.find(m, pos);
      if (at < best) best = at, len = m.size();
    }
    if (best == std::string_view::npos) {
      pos = text.size();
      return std::string_view::npos;
    }
    std::size_t i = best + len;
    while (i < text.size() && ascii_space(text[i])) ++i;
    if (i < text.size() && text[i] == '=') {
      ++i;
      while (i < text.size() && ascii_space(text[i])) ++i;
      pos = i;
      return i;
    }
    pos = best + 1;
  }
  return std::string_view::npos;
}

// Text as HTML: HTML as it is, else one <p> per line.
std::string as_html(const std::string& text) {
  if (has_markup(text)) return text;
  std::string out;
  std::string_view v(text);
  for (std::size_t b = 0; b <= v.size();) {
    std::size_t e = v.find('\n', b);
    if (e == std::string_view::npos) e = v.size();
    std::string_view line = strip(v.substr(b, e - b));
    if (!line.empty()) out += "<p>" + escape_html(line) + "</p>";
    b = e + 1;
  }
  return out;
}

// The script's text cut to @p max bytes, at a UTF-8 boundary.
std::string_view bounded(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

std::optional<std::string> script_article_html(const std::vector<HtmlScript>& scripts,
                                               std::string_view article_body,
                                               const PayloadLimits& limits) {
  std::vector<std::string> found;
  Finder finder{limits, found};
  std::size_t decodes = 0;
  if (!article_body.empty() && hangul_count(article_body) >= limits.min_hangul) found.emplace_back(article_body);
  std::string flight;
  for (const HtmlScript& script : scripts) {
    std::string_view text = bounded(script.text, limits.max_script_bytes);
    // Hangul is often \u-escaped in the script text: decode before judging it.
    if (script.id == "__NEXT_DATA__" || script.id == "__NUXT_DATA__" || script.id == "__APP_DATA__" ||
        script.type == "application/json") {
      if (++decodes > limits.max_decodes) continue;
      if (auto value = decode_json(text, 0, limits.max_json_depth)) finder.candidates(*value);
      continue;
    }
    if (text.find("__next_f") != std::string_view::npos) {
      static constexpr std::string_view kPush = "self.__next_f.push(";
      for (std::size_t at = text.find(kPush); at != std::string_view::npos; at = text.find(kPush, at + 1)) {
        auto value = decode_json(text, at + kPush.size(), limits.max_json_depth);
        if (value && value->is_array() && value->size() >= 2 && (*value)[0].is_number() &&
            (*value)[0].get<double>() == 1 && (*value)[1].is_string())
          flight += (*value)[1].get_ref<const std::string&>();
      }
    }
    std::size_t pos = 0;
    for (std::size_t start = next_state_assignment(text, pos); start != std::string_view::npos;
         start = next_state_assignment(text, pos)) {
      if (++decodes > limits.max_decodes) break;
      if (auto value = decode_json(text, start, limits.max_json_depth)) finder.candidates(*value);
    }
  }
  if (!flight.empty()) finder.flight(flight);
  const std::string* best = nullptr;
  std::size_t best_hangul = 0;
  for (const std::string& f : found) {
    std::size_t h = hangul_count(f);
    if (!best || h > best_hangul) best = &f, best_hangul = h;
  }
  if (!best || best_hangul < limits.min_hangul) return std::nullopt;
  return as_html(*best);
}

HtmlArticle segment_html(std::string_view html, const HtmlWalkOptions& options, const PayloadLimits& limits) {
  HtmlPage page = parse_html_page(html, options);
  PageMetadata meta = read_metadata(page.meta, page.json_ld, page.has_title ? &page.title : nullptr,
                                    page.has_time ? &page.time_datetime : nullptr);
  std::vector<Block>& blocks = page.blocks;
  // Only pages that name a payload (or give an articleBody) have their scripts read.
  if (!meta.article_body.empty() || page.payload_hint) {
    if (auto fragment = script_article_html(page.scripts, meta.article_body, limits)) {
      std::vector<Block> extra = html_blocks(*fragment, true, options);
      blocks.insert(blocks.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
    }
    blocks.insert(blocks.end(), std::make_move_iterator(page.template_blocks.begin()),
                  std::make_move_iterator(page.template_blocks.end()));
  }
  HtmlArticle out;
  out.parts = segment_article(blocks, meta.evidence);
  out.url = std::move(meta.url);
  return out;
}

}  // namespace kotext
