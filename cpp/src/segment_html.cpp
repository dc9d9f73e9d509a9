// The HTML walk: a parsed tree (libxml2's HTML parser by default, or gumbo's HTML5 tree) to
// segmentation blocks. Both trees are read through a small adapter (LibxmlDom, GumboDom), so
// the walk and the metadata pass are written once. It mirrors the reference walk over
// selectolax in python/kotext/_segment.py (_html_blocks), which stays as
// segment(parser="selectolax"); tests/python/test_segment_html.py checks they agree.
#include "kotext/segment_html.hpp"

#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <unordered_set>
#include <stdexcept>

#include "kotext/utf8.hpp"
#include "segment_chars.hpp"

namespace kotext {
namespace {

using segment_chars::is_py_space;

// A <br> inside a block: a line break of the block text, kept apart from the source's own
// newlines (which are only whitespace). U+001F cannot survive the whitespace split below.
constexpr char kBreak = '\x1f';

bool contains_tag(std::string_view tag, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), tag) != set.end();
}

// The tag sets, hashed once: the walk asks for every element.
bool in_set(const std::unordered_set<std::string_view>& set, std::string_view tag) { return set.count(tag) != 0; }

bool is_skip_tag(std::string_view t) {
  static const std::unordered_set<std::string_view> tags = {
      "script", "style", "iframe", "svg", "template", "head", "select", "option", "button", "textarea",
      "canvas", "object", "video", "audio", "map", "math", "input", "link", "meta", "title"};
  return in_set(tags, t);
}

bool is_block_tag(std::string_view t) {
  static const std::unordered_set<std::string_view> tags = {
      "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "td", "th",
      "tr", "table", "tbody", "thead", "tfoot", "blockquote", "figure", "figcaption", "caption", "pre",
      "article", "section", "header", "footer", "nav", "aside", "main", "form", "address", "hr",
      "fieldset", "legend", "details", "summary", "menu", "body", "html", "center", "dialog"};
  return in_set(tags, t);
}

bool is_nav_tag(std::string_view t) { return contains_tag(t, {"nav", "aside", "footer", "menu", "form"}); }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_icase(std::string_view s, std::size_t pos, std::string_view word) {
  if (s.size() - pos < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (lower(s[pos + i]) != word[i]) return false;
  return true;
}

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// (?:^|[-_\s])(?:nav|navi|navigation|gnb|...|banner)(?:$|[-_\s\d]) over "class id".
bool nav_class(std::string_view s) {
  static constexpr std::array<std::string_view, 13> words = {
      "nav", "navi", "navigation", "gnb", "lnb", "snb", "menu", "footer", "breadcrumb",
      "breadcrumbs", "sidebar", "sitemap", "banner"};
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && !(s[i - 1] == '-' || s[i - 1] == '_' || ascii_space(s[i - 1]))) continue;
    for (std::string_view w : words) {
      if (!starts_with_icase(s, i, w)) continue;
      std::size_t e = i + w.size();
      if (e == s.size() || s[e] == '-' || s[e] == '_' || ascii_space(s[e]) ||
          (s[e] >= '0' && s[e] <= '9'))
        return true;
    }
  }
  return false;
}

bool contains_icase(std::string_view s, std::string_view word) {
  for (std::size_t i = 0; i + word.size() <= s.size(); ++i)
    if (starts_with_icase(s, i, word)) return true;
  return false;
}

// A class token the reader does not see: a print or mail copy of the body, screen-reader text.
bool hidden_class(std::string_view s) {
  static constexpr std::array<std::string_view, 10> words = {
      "hide", "hidden", "blind", "sr-only", "screen_out", "print-only", "print_only",
      "printonly", "visually-hidden", "d-none"};
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && ascii_space(s[i])) ++i;
    std::size_t b = i;
    while (i < s.size() && !ascii_space(s[i])) ++i;
    std::string_view token = s.substr(b, i - b);
    for (std::string_view w : words)
      if (token.size() == w.size() && starts_with_icase(token, 0, w)) return true;
  }
  return false;
}

// display\s*:\s*none | visibility\s*:\s*hidden
bool hidden_style(std::string_view s) {
  auto match = [&](std::size_t i, std::string_view name, std::string_view value) {
    if (!starts_with_icase(s, i, name)) return false;
    i += name.size();
    while (i < s.size() && ascii_space(s[i])) ++i;
    if (i >= s.size() || s[i] != ':') return false;
    ++i;
    while (i < s.size() && ascii_space(s[i])) ++i;
    return starts_with_icase(s, i, value);
  };
  for (std::size_t i = 0; i < s.size(); ++i)
    if (match(i, "display", "none") || match(i, "visibility", "hidden")) return true;
  return false;
}

// The lower-case tag name; gumbo names only the tags of HTML5 it knows (not <picture>,
// <dialog> or custom elements), the others are read from the source.
std::string tag_name(const GumboElement& el) {
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece piece = el.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name;
  for (std::size_t i = 0; i < piece.length; ++i) {
    char c = piece.data[i];
    if (ascii_space(c) || c == '/' || c == '>') break;
    name.push_back(lower(c));
  }
  return name;
}

const char* attribute(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? a->value : nullptr;
}

std::size_t code_points(std::string_view s) { return utf8::length(s); }

// The next code point (U+FFFD for bytes that are not UTF-8; gumbo's output always is).
char32_t next_cp(std::string_view s, std::size_t& pos) {
  char32_t cp = 0;
  std::size_t bad = 1;
  if (!utf8::decode_one(s, pos, cp, bad)) {
    pos += bad ? bad : 1;
    cp = 0xFFFD;
  }
  return cp;
}

bool gumbo_replaces(char32_t c) {
  return (c >= 0x1 && c <= 0x8) || c == 0xB || (c >= 0xE && c <= 0x1F) || (c >= 0x7F && c <= 0x9F) ||
         (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFF) == 0xFFFE || (c & 0xFFFF) == 0xFFFF;
}

// The text of a text node as the page has it. Gumbo replaces control characters and
// noncharacters (U+0001-U+0008, U+000B, U+000E-U+001F, U+007F-U+009F, U+FDD0-U+FDEF, U+xFFFE/F)
// with U+FFFD, which HTML5 does not ask for and which would change the page's characters:
// each U+FFFD of the text gets back, in order, the replaced character of the node's source
// (when the counts agree; the source span may also hold ignored tags, never these).
std::string node_text(const GumboText& t) {
  std::string_view text(t.text);
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  if (text.find(kReplacement) == std::string_view::npos) return std::string(text);
  std::string_view original(t.original_text.data, t.original_text.length);
  if (original.find(kReplacement) != std::string_view::npos) return std::string(text);
  std::vector<std::string_view> replaced;
  for (std::size_t pos = 0; pos < original.size();) {
    std::size_t start = pos;
    if (gumbo_replaces(next_cp(original, pos))) replaced.push_back(original.substr(start, pos - start));
  }
  std::size_t count = 0;
  for (std::size_t p = text.find(kReplacement); p != std::string_view::npos; p = text.find(kReplacement, p + 3))
    ++count;
  if (count != replaced.size()) return std::string(text);
  std::string out;
  std::size_t k = 0, pos = 0;
  for (std::size_t p = text.find(kReplacement); p != std::string_view::npos; p = text.find(kReplacement, pos)) {
    out.append(text.substr(pos, p - pos));
    out.append(replaced[k++]);
    pos = p + 3;
  }
  out.append(text.substr(pos));
  return out;
}

// --- the trees ------------------------------------------------------------------------
// What the walk and the metadata pass read of a parsed tree; one adapter per parser.
// Node is a pointer into the tree; text() is the text of a text node, tag() the lower-case
// tag name of an element, attr() an attribute value ("" for a bare attribute, nullptr when
// absent).

struct GumboDom {
  using Node = const GumboNode*;
  static bool is_text(Node n) {
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA;
  }
  static bool is_element(Node n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }
  static std::string text(Node n) { return node_text(n->v.text); }
  static std::string tag(Node n) { return tag_name(n->v.element); }
  static const char* attr(Node n, const char* name) { return attribute(n->v.element, name); }
  static std::optional<std::string> attr_text(Node n, const char* name) {
    const char* v = attr(n, name);
    return v ? std::optional<std::string>(v) : std::nullopt;
  }
  template <class Fn>
  static void for_each_attr(Node n, Fn&& fn) {
    const GumboVector& a = n->v.element.attributes;
    for (unsigned i = 0; i < a.length; ++i) {
      auto* at = static_cast<const GumboAttribute*>(a.data[i]);
      fn(at->name, at->value);
    }
  }
  static bool has_attrs(Node n) { return n->v.element.attributes.length > 0; }
  static const GumboVector* children(Node n) {
    if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
    if (is_element(n)) return &n->v.element.children;
    return nullptr;
  }
  static Node first_child(Node n) {
    const GumboVector* c = children(n);
    return c && c->length ? static_cast<Node>(c->data[0]) : nullptr;
  }
  static Node next_sibling(Node n) {
    const GumboVector* siblings = n->parent ? children(n->parent) : nullptr;
    std::size_t next = n->index_within_parent + 1;
    return siblings && next < siblings->length ? static_cast<Node>(siblings->data[next]) : nullptr;
  }
  static Node parent(Node n) { return n->parent; }
};

// libxml2 drops the characters XML does not allow (C0 controls but tab, LF and CR; U+FFFE,
// U+FFFF) and stops at NUL, where the walk must keep the page's characters as HTML5 does:
// before parsing they are replaced by placeholders, code points of a private-use plane
// (U+F0000 + the character's low byte), which text() and attr_text() turn back; NUL, which
// HTML5 drops from text, is dropped. Only pages that hold no such placeholder themselves are
// mapped (almost all; the others lose those characters).
constexpr char32_t kPlaceholderBase = 0xF0000;

bool xml_drops(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
}

// @p source with the characters libxml2 drops replaced by placeholders (into @p storage);
// @p source itself when it has none, or holds placeholders already.
std::string_view with_placeholders(std::string_view source, std::string& storage, bool& mapped) {
  mapped = false;
  bool any = false;
  for (std::size_t pos = 0; pos < source.size();) {
    unsigned char b = static_cast<unsigned char>(source[pos]);
    if (b >= 0x20 && b < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp = next_cp(source, pos);
    if (cp >= kPlaceholderBase && cp <= kPlaceholderBase + 0xFF) return source;
    any = any || xml_drops(cp);
  }
  if (!any) return source;
  std::string out;
  out.reserve(source.size() + 64);
  for (std::size_t pos = 0; pos < source.size();) {
    std::size_t start = pos;
    char32_t cp = next_cp(source, pos);
    if (cp == 0) continue;
    if (xml_drops(cp)) {
      utf8::append(out, kPlaceholderBase + (cp & 0xFF));
    } else {
      out.append(source.substr(start, pos - start));
    }
  }
  storage = std::move(out);
  mapped = true;
  return storage;
}

struct LibxmlDom {
  using Node = const xmlNode*;
  bool mapped = false;  ///< the source holds placeholders (with_placeholders)

  // @p s with its placeholders turned back into the page's characters.
  std::string restore(const char* s) const {
    std::string_view v(s);
    if (!mapped || v.find("\xF3\xB0") == std::string_view::npos) return std::string(v);  // U+F0000..U+F0FFF
    std::string out;
    for (std::size_t pos = 0; pos < v.size();) {
      std::size_t start = pos;
      char32_t cp = next_cp(v, pos);
      if (cp >= kPlaceholderBase && cp <= kPlaceholderBase + 0xFF) {
        char32_t low = cp - kPlaceholderBase;
        utf8::append(out, low >= 0xFE ? 0xFF00 + low : low);
      } else {
        out.append(v.substr(start, pos - start));
      }
    }
    return out;
  }
  static bool is_text(Node n) { return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE; }
  static bool is_element(Node n) { return n->type == XML_ELEMENT_NODE; }
  std::string text(Node n) const { return n->content ? restore(reinterpret_cast<const char*>(n->content)) : std::string(); }
  static std::string tag(Node n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }
  static const char* value(const xmlAttr* a) {
    return a->children && a->children->content ? reinterpret_cast<const char*>(a->children->content) : "";
  }
  // An attribute value as written (placeholders kept: the walk only matches class names).
  static const char* attr(Node n, const char* name) {
    for (const xmlAttr* a = n->properties; a; a = a->next)
      if (std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0) return value(a);
    return nullptr;
  }
  // An attribute value with the page's characters (metadata the article shows).
  std::optional<std::string> attr_text(Node n, const char* name) const {
    const char* v = attr(n, name);
    return v ? std::optional<std::string>(restore(v)) : std::nullopt;
  }
  template <class Fn>
  static void for_each_attr(Node n, Fn&& fn) {
    for (const xmlAttr* a = n->properties; a; a = a->next) fn(reinterpret_cast<const char*>(a->name), value(a));
  }
  static bool has_attrs(Node n) { return n->properties != nullptr; }
  static Node first_child(Node n) { return n->children; }
  static Node next_sibling(Node n) { return n->next; }
  static Node parent(Node n) { return n->parent; }
};

// --- parsing ----------------------------------------------------------------------------

// Flattens @p html when it nests deeper than options.max_depth; returns the text to parse,
// kept alive in @p storage when it is a flattened copy.
std::string_view flattened(std::string_view html, const HtmlWalkOptions& options, std::string& storage,
                           bool drop_bogus_comments = false) {
  bool changed = false;
  std::string flat = limit_html_nesting(html, options.max_depth, &changed, drop_bogus_comments);
  if (!changed) return html;
  storage = std::move(flat);
  return storage;
}

struct GumboDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};
using GumboTree = std::unique_ptr<GumboOutput, GumboDeleter>;

GumboTree parse_gumbo(std::string_view source) {
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;  // parse errors are not used: do not record them
  GumboOutput* out = gumbo_parse_with_options(&gumbo_options, source.data(), source.size());
  if (!out) throw std::runtime_error("HTML parser failed (out of memory)");
  return GumboTree(out);
}

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlTree = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// libxml2's HTML parser in recovery mode (tag soup is repaired, never an error), silent, no
// network; the text is UTF-8 already, so the page's own <meta charset> is ignored (a page
// decoded from EUC-KR still says so). A null tree is an empty document. @p stopped is set
// when the parser gave up part way (a fatal error: libxml2 stops at 256 open elements),
// which the caller answers by parsing with gumbo.
XmlTree parse_libxml2(std::string_view source, bool& stopped) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });  // before any thread parses (libxml2's rule)
  if (source.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw std::length_error("HTML page larger than 2 GB");
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  std::unique_ptr<htmlParserCtxt, void (*)(htmlParserCtxtPtr)> ctxt(htmlNewParserCtxt(), htmlFreeParserCtxt);
  if (!ctxt) throw std::bad_alloc();
  XmlTree tree(htmlCtxtReadMemory(ctxt.get(), source.data(), static_cast<int>(source.size()), nullptr, "UTF-8",
                                  kOptions));
  stopped = ctxt->disableSAX != 0 || ctxt->lastError.level == XML_ERR_FATAL;
  return tree;
}

// One open element of the walk.
template <class Node>
struct Open {
  Node node;
  std::string tag;
  bool block;  ///< is_block_tag(tag)
  bool link, nav, caption;
  int level;
  bool invisible;
};

template <class Dom>
class Walker {
  using Node = typename Dom::Node;

 public:
  Walker(const Dom& dom, bool hidden, std::vector<Block>& out) : dom_(dom), hidden_(hidden), blocks_(out) {}

  // Walks @p root and its descendants; with @p container the root element itself is only
  // a container (a <template> whose content is read).
  void walk(Node root, bool container = false) {
    Node node = root;
    while (node) {
      bool descend = false;
      if (dom_.is_text(node)) {
        text(dom_.text(node));
      } else if (dom_.is_element(node)) {
        descend = (container && node == root) ? dom_.first_child(node) != nullptr : enter(node);
      }
      if (descend) {
        node = dom_.first_child(node);
        continue;
      }
      // Leave this node and every ancestor that has no next sibling.
      while (node) {
        if (!stack_.empty() && stack_.back().node == node) leave();
        if (node == root) {
          node = nullptr;
          break;
        }
        if (Node next = dom_.next_sibling(node)) {
          node = next;
          break;
        }
        node = dom_.parent(node);
      }
    }
    flush();
  }

 private:
  void text(const std::string& value) {
    std::string_view v(value);
    bool blank = true;
    std::size_t pos = 0, cps = 0, spaces = 0;
    while (pos < v.size()) {
      char32_t cp = next_cp(v, pos);
      ++cps;
      if (cp == U' ' || cp == U'\n') ++spaces;
      if (!is_py_space(cp)) blank = false;
    }
    if (blank) {
      if (!pieces_.empty()) pieces_.push_back(' ');
      return;
    }
    if (pending_br_ >= 2) {
      flush();
    } else if (pending_br_ == 1 && !pieces_.empty()) {
      pieces_.push_back(kBreak);
    }
    pending_br_ = 0;
    pieces_.append(v);
    if (links_) link_chars_ += cps - spaces;
  }

  // Returns whether to descend into the element's children.
  bool enter(Node node) {
    std::string tag = dom_.tag(node);
    if (tag == "br") {
      ++pending_br_;
      return false;
    }
    if (tag == "img" || tag == "picture") {
      if (!pieces_.empty()) flush();  // the image starts a new block (its caption)
      image_in_flow_ = true;
      return false;
    }
    if (tag.empty() || is_skip_tag(tag)) return false;
    bool is_block = is_block_tag(tag);
    if (is_block) flush();
    bool read_attrs = is_block || tag == "span";
    const char* cls = read_attrs ? dom_.attr(node, "class") : nullptr;
    std::string cls_id;
    // "class id" in attribute order, as the reference walk joins them.
    if (read_attrs) {
      dom_.for_each_attr(node, [&](const char* name, const char* value) {
        if ((std::strcmp(name, "class") == 0 || std::strcmp(name, "id") == 0) && *value) {
          if (!cls_id.empty()) cls_id.push_back(' ');
          cls_id += value;
        }
      });
    }
    bool nav = is_nav_tag(tag) || (!cls_id.empty() && nav_class(cls_id));
    if (nav && tag == "form") {  // a comment form inside the article is not navigation
      for (const auto& o : stack_)
        if (o.tag == "article") nav = false;
    }
    bool caption = tag == "figcaption" || tag == "figure" || tag == "caption" ||
                   (!cls_id.empty() && contains_icase(cls_id, "caption"));
    bool link = tag == "a";
    int level = (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') ? tag[1] - '0' : 0;
    bool invisible = tag == "noscript";
    if (!invisible && read_attrs && dom_.has_attrs(node)) {
      const char* aria = dom_.attr(node, "aria-hidden");
      const char* style = dom_.attr(node, "style");
      invisible = dom_.attr(node, "hidden") != nullptr || (aria && std::strcmp(aria, "true") == 0) ||
                  (style && hidden_style(style)) || (cls && hidden_class(cls));
    }
    links_ += link;
    nav_ += nav;
    captions_ += caption;
    invisible_ += invisible;
    stack_.push_back(Open<Node>{node, std::move(tag), is_block, link, nav, caption, level, invisible});
    return dom_.first_child(node) != nullptr;
  }

  void leave() {
    if (stack_.back().block) flush();
    const auto& o = stack_.back();
    links_ -= o.link;
    nav_ -= o.nav;
    captions_ -= o.caption;
    invisible_ -= o.invisible;
    stack_.pop_back();
  }

  // The block text: lines split at <br>, whitespace runs as one space, blank lines dropped.
  static std::string block_text(std::string_view raw) {
    std::string out, line;
    std::size_t pos = 0;
    bool space = false;
    auto end_line = [&]() {
      if (!line.empty()) {
        if (!out.empty()) out.push_back('\n');
        out += line;
      }
      line.clear();
      space = false;
    };
    while (pos < raw.size()) {
      std::size_t start = pos;
      char32_t cp = next_cp(raw, pos);
      if (cp == static_cast<char32_t>(kBreak)) {
        end_line();
      } else if (is_py_space(cp)) {
        space = !line.empty();
      } else {
        if (space) line.push_back(' ');
        space = false;
        line.append(raw.substr(start, pos - start));
      }
    }
    end_line();
    return out;
  }

  void flush() {
    if (!pieces_.empty()) {
      std::string text = block_text(pieces_);
      if (!text.empty()) {
        Block b;
        b.text = std::move(text);
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
          const std::string& t = it->tag;
          if (!it->block) continue;
          if (it->level) {
            b.tag = BlockTag::Heading;
            b.heading_level = it->level;
          } else if (t == "p") {
            b.tag = BlockTag::Paragraph;
          } else if (t == "li" || t == "dt" || t == "dd") {
            b.tag = BlockTag::ListItem;
          } else if (t == "td" || t == "th") {
            b.tag = BlockTag::TableCell;
          } else if (t == "figcaption" || t == "caption") {
            b.tag = BlockTag::Caption;
          } else if (t == "blockquote") {
            b.tag = BlockTag::Quote;
          }
          break;
        }
        if (captions_) b.tag = BlockTag::Caption;
        b.link_chars = link_chars_;
        b.navigation = nav_ > 0;
        b.near_image = image_in_flow_;
        b.hidden = hidden_ || invisible_ > 0;
        blocks_.push_back(std::move(b));
      }
    }
    pieces_.clear();
    link_chars_ = 0;
    pending_br_ = 0;
    image_in_flow_ = false;
  }

  const Dom& dom_;
  bool hidden_;
  std::vector<Block>& blocks_;
  std::vector<Open<Node>> stack_;
  std::string pieces_;
  std::size_t link_chars_ = 0;
  int pending_br_ = 0;
  bool image_in_flow_ = false;
  int links_ = 0, nav_ = 0, captions_ = 0, invisible_ = 0;
};

// Text of all text descendants (script and title hold one raw-text child).
template <class Dom>
std::string deep_text(const Dom& dom, typename Dom::Node node) {
  std::string out;
  std::vector<typename Dom::Node> todo{node};
  while (!todo.empty()) {
    auto n = todo.back();
    todo.pop_back();
    if (dom.is_text(n)) {
      out += dom.text(n);
    } else if (dom.is_element(n)) {
      std::size_t mark = todo.size();
      for (auto c = dom.first_child(n); c; c = dom.next_sibling(c)) todo.push_back(c);
      std::reverse(todo.begin() + static_cast<std::ptrdiff_t>(mark), todo.end());
    }
  }
  return out;
}

// A <template>'s content: gumbo keeps it out of the tree (its source is parsed on its own,
// from the element's source span); libxml2 parses it as ordinary children, walked in place.
// Contents whose element is shorter than options.min_template_chars (source bytes) are
// widgets and skipped.
struct TemplateReader {
  std::string_view source;
  const HtmlWalkOptions& options;
  std::vector<Block>& out;

  void read(const GumboDom&, const GumboNode* n) const {
    const GumboElement& el = n->v.element;
    std::size_t begin = el.start_pos.offset + el.original_tag.length;
    std::size_t end = el.end_pos.offset;
    if (el.original_tag.length == 0 || el.original_end_tag.length == 0 || end < begin ||
        end > source.size())
      return;
    std::size_t outer = el.end_pos.offset + el.original_end_tag.length - el.start_pos.offset;
    if (begin == end || outer < options.min_template_chars) return;
    std::vector<Block> more = html_blocks(source.substr(begin, end - begin), true, options);
    out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }

  void read(const LibxmlDom& dom, const xmlNode* n) const {
    if (!n->children) return;
    xmlBufferPtr buffer = xmlBufferCreate();
    if (!buffer) throw std::bad_alloc();
    int outer = htmlNodeDump(buffer, n->doc, const_cast<xmlNode*>(n));
    xmlBufferFree(buffer);
    if (outer < 0 || static_cast<std::size_t>(outer) < options.min_template_chars) return;
    Walker<LibxmlDom>(dom, true, out).walk(n, true);
  }
};

// Metadata, scripts and templates: one pass over the whole document.
template <class Dom>
void read_document(const Dom& dom, typename Dom::Node root, const HtmlWalkOptions& options, HtmlPage& page,
                   const TemplateReader& templates) {
  std::vector<typename Dom::Node> todo{root};
  while (!todo.empty()) {
    auto n = todo.back();
    todo.pop_back();
    if (dom.is_text(n)) continue;
    if (dom.is_element(n)) {
      std::string tag = dom.tag(n);
      if (tag == "meta") {
        std::optional<std::string> key;
        for (const char* name : {"property", "name", "itemprop"}) {
          key = dom.attr_text(n, name);
          if (key && !key->empty()) break;
          key.reset();
        }
        if (key) {
          std::optional<std::string> content = dom.attr_text(n, "content");
          page.meta.push_back(HtmlMetaTag{std::move(*key), content.value_or(""), content.has_value()});
        }
      } else if (tag == "script") {
        const char* type = dom.attr(n, "type");
        std::string text = deep_text(dom, n);
        if (type && std::strcmp(type, "application/ld+json") == 0) {
          page.json_ld.push_back(std::move(text));
        } else {
          std::string kind = type ? type : "";
          for (char& ch : kind) ch = lower(ch);
          if (kind != "application/ld+json" &&
              (code_points(text) >= options.min_script_chars || text.find("__next_f") != std::string::npos)) {
            page.scripts.push_back(HtmlScript{std::move(kind), dom.attr_text(n, "id").value_or(""), std::move(text)});
          }
        }
        continue;
      } else if (tag == "title" && !page.has_title) {
        page.title = deep_text(dom, n);
        page.has_title = true;
      } else if (tag == "time" && !page.has_time) {
        if (std::optional<std::string> dt = dom.attr_text(n, "datetime")) {
          page.time_datetime = std::move(*dt);
          page.has_time = true;
        }
      } else if (tag == "template") {
        templates.read(dom, n);
        continue;  // the template's content is read as hidden blocks only
      }
    }
    std::size_t mark = todo.size();
    for (auto c = dom.first_child(n); c; c = dom.next_sibling(c)) todo.push_back(c);
    std::reverse(todo.begin() + static_cast<std::ptrdiff_t>(mark), todo.end());
  }
}

// <body>, else <html>, else nothing.
template <class Dom>
typename Dom::Node walk_root(const Dom& dom, typename Dom::Node html) {
  if (!html || !dom.is_element(html)) return nullptr;
  for (auto c = dom.first_child(html); c; c = dom.next_sibling(c))
    if (dom.is_element(c) && dom.tag(c) == "body") return c;
  return html;
}

// Parses @p html with the chosen parser and hands its root element and document to @p fn.
// For libxml2 the bogus comments of HTML5 are dropped first (it would keep them as text) and
// the nesting is flattened to kLibxml2MaxDepth (its own limit is 256 open
// elements, and implied ones such as <tbody> add to the source's); a page it still stops on
// is parsed with gumbo.
template <class Fn>
void with_tree(std::string_view html, const HtmlWalkOptions& options, Fn&& fn) {
  constexpr std::size_t kLibxml2MaxDepth = 160;
  std::string storage;
  if (options.parser == HtmlParser::Libxml2) {
    HtmlWalkOptions shallow = options;
    shallow.max_depth = std::min(options.max_depth, kLibxml2MaxDepth);
    std::string_view source = flattened(html, shallow, storage, true);
    std::string mapped_storage;
    LibxmlDom dom;
    source = with_placeholders(source, mapped_storage, dom.mapped);
    constexpr std::string_view kBom = "\xEF\xBB\xBF";  // HTML5's decoder drops a leading BOM
    if (source.substr(0, kBom.size()) == kBom) source.remove_prefix(kBom.size());
    bool stopped = false;
    XmlTree tree = parse_libxml2(source, stopped);
    if (!stopped) {
      const xmlNode* doc = reinterpret_cast<const xmlNode*>(tree.get());
      fn(dom, source, doc ? static_cast<const xmlNode*>(xmlDocGetRootElement(tree.get())) : nullptr, doc);
      return;
    }
    storage.clear();
  }
  std::string_view source = flattened(html, options, storage);
  GumboTree tree = parse_gumbo(source);
  fn(GumboDom{}, source, static_cast<const GumboNode*>(tree->root), static_cast<const GumboNode*>(tree->document));
}

}  // namespace

HtmlPage parse_html_page(std::string_view html, const HtmlWalkOptions& options, bool hidden) {
  HtmlPage page;
  with_tree(html, options, [&](const auto& dom, std::string_view source, auto root, auto document) {
    using Dom = std::decay_t<decltype(dom)>;
    if (auto body = walk_root(dom, root)) Walker<Dom>(dom, hidden, page.blocks).walk(body);
    if (document) read_document(dom, document, options, page, TemplateReader{source, options, page.template_blocks});
  });
  page.payload_hint = payload_hint(html);
  return page;
}

bool payload_hint(std::string_view html) {
  static const std::string_view hints[] = {"globalcontent", "__next_data__", "__next_f",
                                           "_state__",      "__nuxt",        "__initial_data__",
                                           "__data__",      "application/json", "<template"};
  // One pass, no lower-cased copy: only positions whose byte starts a hint are compared.
  for (std::size_t i = 0; i < html.size(); ++i) {
    char c = lower(html[i]);
    if (c != '_' && c != 'g' && c != 'a' && c != '<') continue;
    for (std::string_view h : hints)
      if (h[0] == c && starts_with_icase(html, i, h)) return true;
  }
  return false;
}

std::vector<Block> html_blocks(std::string_view html, bool hidden, const HtmlWalkOptions& options) {
  std::vector<Block> blocks;
  with_tree(html, options, [&](const auto& dom, std::string_view, auto root, auto) {
    using Dom = std::decay_t<decltype(dom)>;
    if (auto body = walk_root(dom, root)) Walker<Dom>(dom, hidden, blocks).walk(body);
  });
  return blocks;
}

}  // namespace kotext
