/// @file segment_meta.hpp
/// @brief What an HTML page says about its article besides its visible text, read with a
/// JSON parser (nlohmann-json, the Debian package nlohmann-json3-dev): the metadata
/// (JSON-LD, <meta> tags, <title>, <time>) as PageEvidence, and the article text a page keeps
/// only inside its scripts (JSON state objects, Next.js flight chunks) as an HTML fragment;
/// plus the whole page path (parse, metadata, payload, assembly) and the splitting of a text
/// dump holding several pages. No Python: kotext._segment only wraps these.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/segment.hpp"
#include "kotext/segment_html.hpp"

namespace kotext {

/// The metadata of a page.
struct PageMetadata {
  PageEvidence evidence;     ///< what the article assembly weighs against the blocks
  std::string url;           ///< og:url, else the JSON-LD url ("" when none)
  std::string article_body;  ///< JSON-LD articleBody (entities decoded; "" when none)
};

/// Reads the metadata of a parsed page: its <meta> (key, content) pairs (the first
/// occurrence of each key, lower-cased), JSON-LD (the page's own NewsArticle / Article: an
/// article type over a WebPage and, when several are described, the one whose headline is
/// in og:title), <title> and the first <time datetime>. Invalid JSON-LD is skipped.
PageMetadata read_metadata(const std::vector<HtmlMetaTag>& meta, const std::vector<std::string>& json_ld,
                           const std::string* title, const std::string* time_datetime);

/// Bounds on the reading of script payloads: time and memory stay bounded on hostile pages.
struct PayloadLimits {
  /// A candidate must hold at least this many Hangul syllables: shorter strings in a state
  /// object are headlines, teasers and labels, not an article body.
  std::size_t min_hangul = 80;
  /// Strings shorter than this (code points) are not looked at as candidates.
  std::size_t min_candidate_chars = 80;
  /// Scripts are read only up to this many bytes (a state object holding an article is a
  /// few hundred KB; 8 MB leaves room for the largest real ones).
  std::size_t max_script_bytes = 8'000'000;
  /// At most this many JSON state objects are decoded per page (each may span a whole
  /// script); flight chunks are each one small value and not counted.
  std::size_t max_decodes = 32;
  /// JSON nested deeper than this is not decoded (no real state object nests this deep; the
  /// rendering of the decoded value recurses).
  std::size_t max_json_depth = 512;
  /// At most this many JSON values are visited per decoded object.
  std::size_t max_visits = 1'000'000;
  /// React server component trees are rendered this deep at most.
  std::size_t max_render_depth = 200;
};

/// HTML of the richest article text (most Hangul) found in @p scripts: Arc XP
/// content_elements, long strings of JSON state objects (__NEXT_DATA__, __INITIAL_STATE__,
/// Fusion.globalContent, Nuxt, application/json scripts), Next.js flight rows (React server
/// components rendered to HTML, or text rows) and @p article_body (JSON-LD articleBody);
/// nullopt when none holds PayloadLimits::min_hangul Hangul syllables.
std::optional<std::string> script_article_html(const std::vector<HtmlScript>& scripts,
                                               std::string_view article_body,
                                               const PayloadLimits& limits = {});

/// The text with HTML character references decoded (numeric ones, and the named ones of
/// HTML 4 via libxml2's entity table); unknown references are kept.
std::string html_unescape(std::string_view text);

/// Whether @p text looks like HTML: two HTML tags in its first 64 KB, or one and an end
/// tag or a self-closing tag.
bool looks_like_html(std::string_view text);

/// A segmented HTML page: the article parts and the page's URL from its metadata.
struct HtmlArticle {
  ArticleParts parts;
  std::string url;
};

/// The whole path of one HTML page: parse and walk (parse_html_page), read the metadata,
/// recover the article from the page's scripts and <template>s when the page has them
/// (marked hidden: the visible copy wins), and assemble the article (segment_article).
HtmlArticle segment_html(std::string_view html, const HtmlWalkOptions& options = {},
                         const PayloadLimits& limits = {});

/// Splits a dump holding several pages: HTML documents run together (split at each
/// <!doctype html> / <html>); text pages separated by lines of ---- (4 or more), ====, ***,
/// ____ or ###, or a form feed; else pages that all start with the same header line (digits
/// aside: "HOT & NEW 2021-02-04"), or each with a date header ("경제 2026-03-12"). Blank
/// parts are dropped; a dump that is one page gives itself.
std::vector<std::string> split_dump(std::string_view dump);

}  // namespace kotext
