/// @file segment_html.hpp
/// @brief HTML pages to segmentation blocks: parses a page with libxml2's HTML parser (the
/// Debian package libxml2-dev; the default: it parses about twice as fast) or gumbo (Google's
/// HTML5 parser, libgumbo-dev) and walks the tree into the Block list that
/// classify_blocks() takes, plus the raw texts the metadata reader needs (meta tags, JSON-LD,
/// <title>, candidate scripts). The walk is iterative: any nesting depth, no recursion.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/segment.hpp"

namespace kotext {

/// One <meta> element: its key (the first non-empty of property, name, itemprop, as written)
/// and its content attribute (has_content is false when the attribute is absent).
struct HtmlMetaTag {
  std::string key;
  std::string content;
  bool has_content = false;
};

/// A <script> that may hold the article (a JSON state object, a Next.js flight chunk):
/// every script that is not JSON-LD and holds at least HtmlWalkOptions::min_script_chars
/// code points, or mentions "__next_f" (flight chunks may be short).
struct HtmlScript {
  std::string type;  ///< the type attribute, lower-cased ("" when absent)
  std::string id;    ///< the id attribute ("" when absent)
  std::string text;  ///< the raw script text
};

/// The HTML parser of the walk. Both give the same blocks on real pages (tag soup is repaired
/// a little differently: libxml2 follows HTML 4's implied end tags, gumbo HTML5's tree
/// construction); libxml2 is the default because parsing is most of a page's time and it
/// parses about twice as fast as gumbo.
enum class HtmlParser { Libxml2, Gumbo };

/// Limits of the HTML walk.
struct HtmlWalkOptions {
  HtmlParser parser = HtmlParser::Libxml2;
  /// Source nesting deeper than this is flattened before parsing (limit_html_nesting):
  /// gumbo's tree construction (the open-element stack, the adoption agency) slows down
  /// with depth, and no real page nests this deep.
  std::size_t max_depth = 512;
  /// Scripts shorter than this (in code points) hold no article body: trackers and config.
  std::size_t min_script_chars = 200;
  /// <template> contents shorter than this (source bytes of the element) are widgets.
  std::size_t min_template_chars = 200;
};

/// What an HTML page gives the segmenter.
struct HtmlPage {
  std::vector<Block> blocks;           ///< blocks of <body> (or <html> when there is none)
  std::vector<Block> template_blocks;  ///< blocks of each <template>'s content, all hidden
  std::vector<HtmlMetaTag> meta;       ///< every <meta> with a key, in document order
  std::vector<std::string> json_ld;    ///< text of each <script type="application/ld+json">
  std::vector<HtmlScript> scripts;     ///< candidate payload scripts, in document order
  std::string title;                   ///< text of the first <title> (untrimmed)
  bool has_title = false;
  std::string time_datetime;           ///< datetime of the first <time datetime=...>
  bool has_time = false;
  bool payload_hint = false;           ///< payload_hint() of the page
};

/// Whether @p html mentions, in any case, a word that marks article text kept outside the
/// visible page: a JSON state object ("globalContent", "__NEXT_DATA__", "__INITIAL_STATE__",
/// "__NUXT__", "__INITIAL_DATA__", "application/json"), Next.js flight chunks ("__next_f")
/// or a <template>. Only such pages have their scripts read: one pass over the bytes
/// instead of a JSON parse of every script.
bool payload_hint(std::string_view html);

/// Parses @p html (UTF-8) and walks it. Block-level elements and a double <br> end a block;
/// a single <br> is a line break inside it; whitespace runs become one space. Each block
/// records its markup role, the code points inside links, and whether it sits in
/// navigation, a caption, next to an image, or in a container the reader does not see
/// (display:none, class "hide"/"blind"/..., aria-hidden, the hidden attribute, <noscript>;
/// with @p hidden all blocks are). Scripts, styles, forms controls, media and <template>
/// are not walked into the blocks (templates go to template_blocks).
HtmlPage parse_html_page(std::string_view html, const HtmlWalkOptions& options = {},
                         bool hidden = false);

/// Only the blocks of @p html (an HTML fragment recovered from a script payload).
std::vector<Block> html_blocks(std::string_view html, bool hidden = false,
                               const HtmlWalkOptions& options = {});

}  // namespace kotext
