// The HTML walk: gumbo's HTML5 tree to segmentation blocks. It mirrors the reference walk
// over selectolax in python/kotext/_segment.py (_html_blocks), which stays as
// segment(parser="selectolax"); tests/python/test_segment_html.py checks they agree.
#include "kotext/segment_html.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "kotext/utf8.hpp"

namespace kotext {
namespace {

// Python's str.isspace() code points: the walk splits and strips text the way the reference
// walk does (" ".join(s.split())), so both give the same block text.
bool is_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
         c == 0x202f || c == 0x205f || c == 0x3000;
}

// A <br> inside a block: a line break of the block text, kept apart from the source's own
// newlines (which are only whitespace). U+001F cannot survive the whitespace split below.
constexpr char kBreak = '\x1f';

bool contains_tag(std::string_view tag, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), tag) != set.end();
}

bool is_skip_tag(std::string_view t) {
  return contains_tag(t, {"script", "style", "iframe", "svg", "template", "head", "select",
                          "option", "button", "textarea", "canvas", "object", "video", "audio",
                          "map", "math", "input", "link", "meta", "title"});
}

bool is_block_tag(std::string_view t) {
  return contains_tag(t, {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                          "dl", "dt", "dd", "td", "th", "tr", "table", "tbody", "thead",
                          "tfoot", "blockquote", "figure", "figcaption", "caption", "pre",
                          "article", "section", "header", "footer", "nav", "aside", "main",
                          "form", "address", "hr", "fieldset", "legend", "details", "summary",
                          "menu", "body", "html", "center", "dialog"});
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

struct GumboDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};
using GumboTree = std::unique_ptr<GumboOutput, GumboDeleter>;

// Parses @p html, flattened first when it nests too deep; @p source is the text parsed
// (gumbo's offsets point into it), kept alive in @p storage when it is a flattened copy.
GumboTree parse(std::string_view html, const HtmlWalkOptions& options, std::string& storage,
                std::string_view& source) {
  bool changed = false;
  std::string flat = limit_html_nesting(html, options.max_depth, &changed);
  if (changed) storage = std::move(flat);
  source = changed ? std::string_view(storage) : html;
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;  // parse errors are not used: do not record them
  GumboOutput* out = gumbo_parse_with_options(&gumbo_options, source.data(), source.size());
  if (!out) throw std::runtime_error("HTML parser failed (out of memory)");
  return GumboTree(out);
}

// One open element of the walk.
struct Open {
  const GumboNode* node;
  std::string tag;
  bool link, nav, caption;
  int level;
  bool invisible;
};

class Walker {
 public:
  Walker(bool hidden, std::vector<Block>& out) : hidden_(hidden), blocks_(out) {}

  void walk(const GumboNode* root) {
    const GumboNode* node = root;
    while (node) {
      bool descend = false;
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
          node->type == GUMBO_NODE_CDATA) {
        text(node_text(node->v.text));
      } else if (node->type == GUMBO_NODE_ELEMENT) {
        descend = enter(node);
      }
      if (descend) {
        node = static_cast<const GumboNode*>(node->v.element.children.data[0]);
        continue;
      }
      // Leave this node and every ancestor that has no next sibling.
      while (node) {
        if (!stack_.empty() && stack_.back().node == node) leave();
        if (node == root) {
          node = nullptr;
          break;
        }
        const GumboNode* parent = node->parent;
        const GumboVector* siblings = parent ? children(parent) : nullptr;
        std::size_t next = node->index_within_parent + 1;
        if (siblings && next < siblings->length) {
          node = static_cast<const GumboNode*>(siblings->data[next]);
          break;
        }
        node = parent;
      }
    }
    flush();
  }

 private:
  static const GumboVector* children(const GumboNode* n) {
    if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) return &n->v.element.children;
    return nullptr;
  }

  void text(const std::string& value) {
    std::string_view v(value);
    bool blank = true;
    std::size_t pos = 0, cps = 0, spaces = 0;
    while (pos < v.size()) {
      char32_t cp = next_cp(v, pos);
      ++cps;
      if (cp == U' ' || cp == U'\n') ++spaces;
      if (!is_space(cp)) blank = false;
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
  bool enter(const GumboNode* node) {
    const GumboElement& el = node->v.element;
    std::string tag = tag_name(el);
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
    const char* cls = read_attrs ? attribute(el, "class") : nullptr;
    std::string cls_id;
    // "class id" in attribute order, as the reference walk joins them.
    if (read_attrs) {
      for (unsigned i = 0; i < el.attributes.length; ++i) {
        auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
        if ((std::strcmp(a->name, "class") == 0 || std::strcmp(a->name, "id") == 0) && *a->value) {
          if (!cls_id.empty()) cls_id.push_back(' ');
          cls_id += a->value;
        }
      }
    }
    bool nav = is_nav_tag(tag) || (!cls_id.empty() && nav_class(cls_id));
    if (nav && tag == "form") {  // a comment form inside the article is not navigation
      for (const Open& o : stack_)
        if (o.tag == "article") nav = false;
    }
    bool caption = tag == "figcaption" || tag == "figure" || tag == "caption" ||
                   (!cls_id.empty() && contains_icase(cls_id, "caption"));
    bool link = tag == "a";
    int level = (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') ? tag[1] - '0' : 0;
    bool invisible = tag == "noscript";
    if (!invisible && read_attrs && el.attributes.length > 0) {
      const char* aria = attribute(el, "aria-hidden");
      const char* style = attribute(el, "style");
      invisible = attribute(el, "hidden") != nullptr || (aria && std::strcmp(aria, "true") == 0) ||
                  (style && hidden_style(style)) || (cls && hidden_class(cls));
    }
    links_ += link;
    nav_ += nav;
    captions_ += caption;
    invisible_ += invisible;
    stack_.push_back(Open{node, std::move(tag), link, nav, caption, level, invisible});
    return el.children.length > 0;
  }

  void leave() {
    if (is_block_tag(stack_.back().tag)) flush();
    const Open& o = stack_.back();
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
      } else if (is_space(cp)) {
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
          if (!is_block_tag(t)) continue;
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

  bool hidden_;
  std::vector<Block>& blocks_;
  std::vector<Open> stack_;
  std::string pieces_;
  std::size_t link_chars_ = 0;
  int pending_br_ = 0;
  bool image_in_flow_ = false;
  int links_ = 0, nav_ = 0, captions_ = 0, invisible_ = 0;
};

// Text of all text descendants (script and title hold one raw-text child).
std::string deep_text(const GumboNode* node) {
  std::string out;
  std::vector<const GumboNode*> todo{node};
  while (!todo.empty()) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      out += node_text(n->v.text);
    } else if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) {
      const GumboVector& c = n->v.element.children;
      for (unsigned i = c.length; i-- > 0;) todo.push_back(static_cast<const GumboNode*>(c.data[i]));
    }
  }
  return out;
}

const GumboNode* find_child(const GumboNode* parent, GumboTag tag) {
  const GumboVector& c = parent->v.element.children;
  for (unsigned i = 0; i < c.length; ++i) {
    auto* n = static_cast<const GumboNode*>(c.data[i]);
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag) return n;
  }
  return nullptr;
}

// The source text inside a <template> (between its start and end tags).
std::string_view template_source(const GumboElement& el, std::string_view source) {
  std::size_t begin = el.start_pos.offset + el.original_tag.length;
  std::size_t end = el.end_pos.offset;
  if (el.original_tag.length == 0 || el.original_end_tag.length == 0 || end < begin ||
      end > source.size())
    return {};
  return source.substr(begin, end - begin);
}

// Metadata, scripts and templates: one pass over the whole document.
void read_document(const GumboNode* root, std::string_view source, const HtmlWalkOptions& options,
                   HtmlPage& page, std::vector<std::string_view>& templates) {
  std::vector<const GumboNode*> todo{root};
  while (!todo.empty()) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT && n->type != GUMBO_NODE_TEMPLATE)
      continue;
    const GumboVector* c = n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children : &n->v.element.children;
    if (n->type != GUMBO_NODE_DOCUMENT) {
      const GumboElement& el = n->v.element;
      if (el.tag == GUMBO_TAG_META) {
        const char* key = nullptr;
        for (const char* name : {"property", "name", "itemprop"}) {
          const char* v = attribute(el, name);
          if (v && *v) {
            key = v;
            break;
          }
        }
        if (key) {
          const char* content = attribute(el, "content");
          page.meta.push_back(HtmlMetaTag{key, content ? content : "", content != nullptr});
        }
      } else if (el.tag == GUMBO_TAG_SCRIPT) {
        const char* type = attribute(el, "type");
        std::string text = deep_text(n);
        if (type && std::strcmp(type, "application/ld+json") == 0) {
          page.json_ld.push_back(std::move(text));
        } else {
          std::string kind = type ? type : "";
          for (char& ch : kind) ch = lower(ch);
          if (kind != "application/ld+json" &&
              (code_points(text) >= options.min_script_chars || text.find("__next_f") != std::string::npos)) {
            const char* id = attribute(el, "id");
            page.scripts.push_back(HtmlScript{std::move(kind), id ? id : "", std::move(text)});
          }
        }
        continue;
      } else if (el.tag == GUMBO_TAG_TITLE && !page.has_title) {
        page.title = deep_text(n);
        page.has_title = true;
      } else if (el.tag == GUMBO_TAG_TIME && !page.has_time) {
        if (const char* dt = attribute(el, "datetime")) {
          page.time_datetime = dt;
          page.has_time = true;
        }
      } else if (el.tag == GUMBO_TAG_TEMPLATE) {
        std::string_view inner = template_source(el, source);
        std::size_t outer = el.end_pos.offset + el.original_end_tag.length - el.start_pos.offset;
        if (!inner.empty() && outer >= options.min_template_chars) templates.push_back(inner);
        continue;  // the template's content is read from its own parse
      }
    }
    for (unsigned i = c->length; i-- > 0;) todo.push_back(static_cast<const GumboNode*>(c->data[i]));
  }
}

const GumboNode* walk_root(const GumboOutput* out) {
  const GumboNode* html = out->root;
  if (!html || html->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboNode* body = find_child(html, GUMBO_TAG_BODY);
  return body ? body : html;
}

}  // namespace

HtmlPage parse_html_page(std::string_view html, const HtmlWalkOptions& options, bool hidden) {
  HtmlPage page;
  std::string storage;
  std::string_view source;
  GumboTree tree = parse(html, options, storage, source);
  if (const GumboNode* root = walk_root(tree.get())) Walker(hidden, page.blocks).walk(root);
  std::vector<std::string_view> templates;
  read_document(tree->document, source, options, page, templates);
  page.payload_hint = payload_hint(html);
  for (std::string_view t : templates) {
    std::vector<Block> more = html_blocks(t, true, options);
    page.template_blocks.insert(page.template_blocks.end(), std::make_move_iterator(more.begin()),
                                std::make_move_iterator(more.end()));
  }
  return page;
}

bool payload_hint(std::string_view html) {
  static const std::string_view hints[] = {"globalcontent", "__next_data__", "__next_f",
                                           "_state__",      "__nuxt",        "__initial_data__",
                                           "__data__",      "application/json", "<template"};
  std::string low(html);
  for (char& c : low)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (auto h : hints)
    if (low.find(h) != std::string::npos) return true;
  return false;
}

std::vector<Block> html_blocks(std::string_view html, bool hidden, const HtmlWalkOptions& options) {
  std::vector<Block> blocks;
  std::string storage;
  std::string_view source;
  GumboTree tree = parse(html, options, storage, source);
  if (const GumboNode* root = walk_root(tree.get())) Walker(hidden, blocks).walk(root);
  return blocks;
}

}  // namespace kotext
