// pybind11 shim for the segment component: converts the blocks once, releases the GIL,
// runs the core classifier and returns plain Python lists.
#include <pybind11/stl.h>

#include "common.hpp"
#include "kotext/parallel.hpp"
#include "kotext/segment.hpp"
#include "kotext/segment_html.hpp"
#include "kotext/segment_meta.hpp"
#include "kotext/utf8.hpp"

namespace kotext::bindings {
namespace {

HtmlParser html_parser(const std::string& name) {
  if (name == "libxml2") return HtmlParser::Libxml2;
  if (name == "gumbo") return HtmlParser::Gumbo;
  throw py::value_error("parser must be 'libxml2' or 'gumbo', not '" + name + "'");
}

// Blocks from parallel lists (the fields of kotext::Block); errors name the block.
std::vector<Block> blocks_from_py(const py::list& texts, const std::vector<int>& tags,
                                  const std::vector<int>& heading_levels,
                                  const std::vector<std::size_t>& link_chars,
                                  const std::vector<bool>& navigation,
                                  const std::vector<bool>& near_image,
                                  const std::vector<bool>& hidden) {
  const std::size_t n = texts.size();
  if (tags.size() != n || heading_levels.size() != n || link_chars.size() != n ||
      navigation.size() != n || near_image.size() != n || (!hidden.empty() && hidden.size() != n)) {
    throw py::value_error("all block lists must have the same length");
  }
  std::vector<Block> blocks(n);
  for (std::size_t i = 0; i < n; ++i) {
    py::object item = texts[i];
    blocks[i].text = std::string(utf8_view(item.ptr(), "block " + std::to_string(i)));
    if (tags[i] < 0 || tags[i] > static_cast<int>(BlockTag::Quote))
      throw py::value_error("block " + std::to_string(i) + ": tag out of range");
    blocks[i].tag = static_cast<BlockTag>(tags[i]);
    blocks[i].heading_level = heading_levels[i];
    blocks[i].link_chars = link_chars[i];
    blocks[i].navigation = navigation[i];
    blocks[i].near_image = near_image[i];
    blocks[i].hidden = !hidden.empty() && hidden[i];
  }
  return blocks;
}

py::dict classify(const py::list& texts, const std::vector<int>& tags,
                  const std::vector<int>& heading_levels, const std::vector<std::size_t>& link_chars,
                  const std::vector<bool>& navigation, const std::vector<bool>& near_image,
                  const std::string& title_hint, const std::vector<bool>& hidden, bool text_dump) {
  std::vector<Block> blocks =
      blocks_from_py(texts, tags, heading_levels, link_chars, navigation, near_image, hidden);
  const std::size_t n = blocks.size();
  SegmentOptions options;
  options.title_hint = title_hint;
  options.text_dump = text_dump;
  Segmentation seg;
  {
    py::gil_scoped_release release;
    seg = classify_blocks(blocks, options);
  }
  py::list labels(n), reasons(n), chars(n), scores(n), content(n);
  for (std::size_t i = 0; i < n; ++i) {
    labels[i] = py::str(label_name(seg.labels[i]));
    reasons[i] = py::str(reason_name(seg.reasons[i]));
    chars[i] = py::int_(seg.features[i].chars);
    scores[i] = py::float_(seg.features[i].score);
    content[i] = py::bool_(seg.features[i].content);
  }
  py::dict out;
  out["labels"] = labels;
  out["reasons"] = reasons;
  out["chars"] = chars;
  out["scores"] = scores;
  out["content"] = content;
  out["title"] = seg.title;
  out["body_begin"] = seg.body_begin;
  out["body_end"] = seg.body_end;
  return out;
}

py::list find_dates_py(const py::str& text) {
  std::string_view v = utf8_view(text.ptr(), "text");
  py::list out;
  std::vector<DateMatch> dates;
  {
    py::gil_scoped_release release;
    dates = find_dates(v);
  }
  for (const auto& d : dates) {
    // Byte offsets to code point offsets.
    std::size_t b = utf8::length(v.substr(0, d.begin));
    std::size_t e = b + utf8::length(v.substr(d.begin, d.end - d.begin));
    py::object tz = d.has_tz ? py::object(py::int_(d.tz_minutes)) : py::object(py::none());
    out.append(py::make_tuple(b, e, d.year, d.month, d.day, d.hour, d.minute, d.second, tz,
                              d.modified));
  }
  return out;
}

py::tuple parse_byline_py(const py::str& text) {
  Byline b = parse_byline(utf8_view(text.ptr(), "text"));
  py::list reporters, emails;
  for (auto& r : b.reporters) reporters.append(to_py_str(r));
  for (auto& e : b.emails) emails.append(to_py_str(e));
  return py::make_tuple(reporters, emails, to_py_str(b.outlet));
}

std::size_t dateline_length_py(const py::str& text) {
  std::string_view v = utf8_view(text.ptr(), "text");
  std::size_t bytes = dateline_length(v);
  return utf8::length(v.substr(0, bytes));
}

py::object limit_html_nesting_py(const py::str& html, std::size_t max_depth) {
  std::string_view v = utf8_view(html.ptr(), "html");
  bool changed = false;
  std::string out;
  {
    py::gil_scoped_release release;
    out = limit_html_nesting(v, max_depth, &changed);
  }
  if (!changed) return py::none();
  return to_py_str(out);
}

py::tuple clean_paragraph_py(const py::str& text, bool first) {
  std::string_view v = utf8_view(text.ptr(), "text");
  CleanParagraph c = clean_paragraph(v, first);
  py::list cuts;
  for (auto& cut : c.cuts) cuts.append(py::make_tuple(to_py_str(cut.text), reason_name(cut.reason)));
  return py::make_tuple(to_py_str(c.text), cuts);
}

py::str strip_site_name_py(const py::str& title, const std::vector<std::string>& site_names) {
  return to_py_str(strip_site_name(utf8_view(title.ptr(), "title"), site_names));
}

py::tuple text_dump_blocks_py(const py::str& text) {
  std::string_view v = utf8_view(text.ptr(), "page");
  std::vector<Block> blocks;
  {
    py::gil_scoped_release release;
    blocks = text_dump_blocks(v);
  }
  py::list texts(blocks.size()), tags(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    texts[i] = to_py_str(blocks[i].text);
    tags[i] = py::int_(static_cast<int>(blocks[i].tag));
  }
  return py::make_tuple(texts, tags);
}

// Blocks as parallel lists: texts, tags, heading levels, link chars, navigation, near image,
// hidden (the fields of kotext::Block).
py::tuple blocks_to_py(const std::vector<Block>& blocks) {
  const std::size_t n = blocks.size();
  py::list texts(n), tags(n), levels(n), links(n), nav(n), image(n), hidden(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Block& b = blocks[i];
    texts[i] = to_py_str(b.text);
    tags[i] = py::int_(static_cast<int>(b.tag));
    levels[i] = py::int_(b.heading_level);
    links[i] = py::int_(b.link_chars);
    nav[i] = py::bool_(b.navigation);
    image[i] = py::bool_(b.near_image);
    hidden[i] = py::bool_(b.hidden);
  }
  return py::make_tuple(texts, tags, levels, links, nav, image, hidden);
}

py::object optional_str(bool present, const std::string& s) {
  return present ? py::object(to_py_str(s)) : py::object(py::none());
}

// The raw metadata texts of a parsed page: meta [(key, content or None)], json_ld [str],
// scripts [(type, id, text)].
py::tuple page_texts(const HtmlPage& page) {
  py::list meta, json_ld, scripts;
  for (const auto& m : page.meta)
    meta.append(py::make_tuple(to_py_str(m.key), optional_str(m.has_content, m.content)));
  for (const auto& t : page.json_ld) json_ld.append(to_py_str(t));
  for (const auto& s : page.scripts)
    scripts.append(py::make_tuple(to_py_str(s.type), to_py_str(s.id), to_py_str(s.text)));
  return py::make_tuple(meta, json_ld, scripts);
}

py::dict parse_html_page_py(const py::str& html, const std::string& parser) {
  std::string_view v = utf8_view(html.ptr(), "page");
  HtmlWalkOptions options;
  options.parser = html_parser(parser);
  HtmlPage page;
  {
    py::gil_scoped_release release;
    page = parse_html_page(v, options);
  }
  py::tuple texts = page_texts(page);
  py::dict out;
  out["blocks"] = blocks_to_py(page.blocks);
  out["template_blocks"] = blocks_to_py(page.template_blocks);
  out["meta"] = texts[0];
  out["json_ld"] = texts[1];
  out["scripts"] = texts[2];
  out["title"] = optional_str(page.has_title, page.title);
  out["time_datetime"] = optional_str(page.has_time, page.time_datetime);
  return out;
}

py::tuple html_blocks_py(const py::str& html, bool hidden, const std::string& parser) {
  std::string_view v = utf8_view(html.ptr(), "html");
  HtmlWalkOptions options;
  options.parser = html_parser(parser);
  std::vector<Block> blocks;
  {
    py::gil_scoped_release release;
    blocks = html_blocks(v, hidden, options);
  }
  return blocks_to_py(blocks);
}


// PageEvidence from None (a text dump) or the tuple (headline, titles, site_names, date,
// authors, author_strings, outlet, section) that kotext._segment builds from the metadata.
using EvidenceTuple = std::tuple<std::string, std::vector<std::string>, std::vector<std::string>,
                                 std::string, std::vector<std::string>, std::vector<std::string>,
                                 std::string, std::string>;

PageEvidence to_evidence(const py::object& obj) {
  PageEvidence e;
  if (obj.is_none()) return e;
  auto t = obj.cast<EvidenceTuple>();
  e.present = true;
  std::tie(e.headline, e.titles, e.site_names, e.date, e.authors, e.author_strings, e.outlet,
           e.section) = std::move(t);
  return e;
}

// ArticleParts as (title, subtitle, kicker, date, outlet, reporters, emails, paragraphs,
// boilerplate [(text, reason)], sentences [(begin, end, paragraph)]); date is None or
// (year, month, day, hour, minute, second, tz_minutes or None).
py::tuple parts_to_py(const ArticleParts& a) {
  auto strs = [](const std::vector<std::string>& v) {
    py::list out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = to_py_str(v[i]);
    return out;
  };
  py::object date = py::none();
  if (a.has_date) {
    const DateMatch& d = a.date;
    py::object tz = d.has_tz ? py::object(py::int_(d.tz_minutes)) : py::object(py::none());
    date = py::make_tuple(d.year, d.month, d.day, d.hour, d.minute, d.second, tz);
  }
  py::list boilerplate(a.boilerplate.size());
  for (std::size_t i = 0; i < a.boilerplate.size(); ++i)
    boilerplate[i] = py::make_tuple(to_py_str(a.boilerplate[i].text),
                                    reason_name(a.boilerplate[i].reason));
  py::list sentences(a.sentences.size());
  for (std::size_t i = 0; i < a.sentences.size(); ++i)
    sentences[i] = py::make_tuple(a.sentences[i].begin, a.sentences[i].end, a.sentences[i].paragraph);
  return py::make_tuple(to_py_str(a.title), strs(a.subtitle), to_py_str(a.kicker), date,
                        to_py_str(a.outlet), strs(a.reporters), strs(a.emails),
                        strs(a.paragraphs), boilerplate, sentences);
}

py::tuple segment_blocks_py(const py::list& texts, const std::vector<int>& tags,
                            const std::vector<int>& heading_levels,
                            const std::vector<std::size_t>& link_chars,
                            const std::vector<bool>& navigation, const std::vector<bool>& near_image,
                            const std::vector<bool>& hidden, const py::object& evidence) {
  std::vector<Block> blocks =
      blocks_from_py(texts, tags, heading_levels, link_chars, navigation, near_image, hidden);
  PageEvidence e = to_evidence(evidence);
  ArticleParts parts;
  {
    py::gil_scoped_release release;
    parts = segment_article(blocks, e);
  }
  return parts_to_py(parts);
}

// Pages on the core's thread pool with the GIL released, each page whole in C++: an HTML
// page (html[i]) by segment_html (parse, metadata, script payloads, assembly), a text dump
// by text_dump_blocks and segment_article. Per page, in order: (parts, url or None), or the
// error message (str) of a page that failed; an interruption stops the whole call.
py::list segment_pages_py(const py::list& pages, const std::vector<bool>& html, int n_jobs,
                          const std::string& parser) {
  const std::size_t n = pages.size();
  if (html.size() != n) throw py::value_error("segment_pages: pages and html differ in length");
  HtmlWalkOptions options;
  options.parser = html_parser(parser);
  std::vector<std::string_view> texts(n);
  std::vector<std::string> errors(n);
  for (std::size_t i = 0; i < n; ++i) {
    py::object item = pages[i];
    try {
      texts[i] = utf8_view(item.ptr(), "page " + std::to_string(i));
    } catch (const std::exception& err) {  // a lone surrogate, a non-str item
      PyErr_Clear();
      errors[i] = err.what();
    }
  }
  std::vector<HtmlArticle> out(n);
  run_batch(n, n_jobs, [&](std::size_t i) {  // the GIL released
    if (!errors[i].empty()) return;
    try {
      if (html[i]) {
        out[i] = segment_html(texts[i], options);
      } else {
        out[i].parts = segment_article(text_dump_blocks(texts[i]), PageEvidence{});
      }
    } catch (const Cancelled&) {
      throw;
    } catch (const std::exception& err) {
      errors[i] = std::string(err.what()).empty() ? "error" : err.what();
      out[i] = HtmlArticle{};
    }
  });
  py::list result(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!errors[i].empty()) {
      result[i] = to_py_str(errors[i]);
    } else {
      py::object url = out[i].url.empty() ? py::object(py::none()) : py::object(to_py_str(out[i].url));
      result[i] = py::make_tuple(parts_to_py(out[i].parts), url);
    }
  }
  return result;
}

py::tuple evidence_to_py(const PageEvidence& e) {
  return py::make_tuple(e.headline, e.titles, e.site_names, e.date, e.authors, e.author_strings,
                        e.outlet, e.section);
}

// read_metadata from the raw texts of a page (the selectolax walk reads them from its tree).
py::tuple read_metadata_py(const std::vector<std::pair<std::string, std::optional<std::string>>>& meta,
                           const std::vector<std::string>& json_ld, const std::optional<std::string>& title,
                           const std::optional<std::string>& time_datetime) {
  std::vector<HtmlMetaTag> tags;
  for (const auto& [key, content] : meta) tags.push_back(HtmlMetaTag{key, content.value_or(""), content.has_value()});
  PageMetadata m = read_metadata(tags, json_ld, title ? &*title : nullptr, time_datetime ? &*time_datetime : nullptr);
  return py::make_tuple(evidence_to_py(m.evidence), m.url, m.article_body);
}

py::object script_article_html_py(const std::vector<std::tuple<std::string, std::string, std::string>>& scripts,
                                  const std::string& article_body) {
  std::vector<HtmlScript> s;
  for (const auto& [type, id, text] : scripts) s.push_back(HtmlScript{type, id, text});
  std::optional<std::string> html;
  {
    py::gil_scoped_release release;
    html = script_article_html(s, article_body);
  }
  return html ? py::object(to_py_str(*html)) : py::object(py::none());
}
}  // namespace

void bind_segment(py::module_& m) {
  // The enums are defined once, in segment.hpp; Python reads their values from here.
  py::enum_<BlockTag>(m, "BlockTag", py::arithmetic(), "kotext::BlockTag")
      .value("Text", BlockTag::Text)
      .value("Paragraph", BlockTag::Paragraph)
      .value("Heading", BlockTag::Heading)
      .value("ListItem", BlockTag::ListItem)
      .value("TableCell", BlockTag::TableCell)
      .value("Caption", BlockTag::Caption)
      .value("Quote", BlockTag::Quote);
  py::enum_<BlockLabel>(m, "BlockLabel", py::arithmetic(), "kotext::BlockLabel")
      .value("Title", BlockLabel::Title)
      .value("Subtitle", BlockLabel::Subtitle)
      .value("Kicker", BlockLabel::Kicker)
      .value("Date", BlockLabel::Date)
      .value("Body", BlockLabel::Body)
      .value("Byline", BlockLabel::Byline)
      .value("Boilerplate", BlockLabel::Boilerplate);
  py::enum_<BoilerplateReason>(m, "BoilerplateReason", py::arithmetic(),
                               "kotext::BoilerplateReason")
      .value("None_", BoilerplateReason::None)
      .value("RankingList", BoilerplateReason::RankingList)
      .value("Navigation", BoilerplateReason::Navigation)
      .value("PhotoCaption", BoilerplateReason::PhotoCaption)
      .value("Copyright", BoilerplateReason::Copyright)
      .value("RelatedLinks", BoilerplateReason::RelatedLinks)
      .value("Advertisement", BoilerplateReason::Advertisement)
      .value("Byline", BoilerplateReason::Byline)
      .value("Dateline", BoilerplateReason::Dateline)
      .value("Other", BoilerplateReason::Other)
      .value("Duplicate", BoilerplateReason::Duplicate);
  m.def("label_name", &label_name, py::arg("label"), "Name of a block label (\"title\", ...).");
  m.def("reason_name", &reason_name, py::arg("reason"),
        "Name of a boilerplate reason (\"navigation\", ...).");
  m.def("classify_blocks", &classify, py::arg("texts"), py::arg("tags"), py::arg("heading_levels"),
        py::arg("link_chars"), py::arg("navigation"), py::arg("near_image"),
        py::arg("title_hint") = std::string(), py::arg("hidden") = std::vector<bool>(), py::arg("text_dump") = false,
        "Label page blocks (title, subtitle, kicker, date, body, byline, boilerplate).");
  m.def("segment_blocks", &segment_blocks_py, py::arg("texts"), py::arg("tags"),
        py::arg("heading_levels"), py::arg("link_chars"), py::arg("navigation"),
        py::arg("near_image"), py::arg("hidden"), py::arg("evidence"),
        "Article parts (title, subtitle, kicker, date, outlet, reporters, emails, paragraphs, "
        "boilerplate, sentences) of blocks given as parallel lists; evidence None for a text "
        "dump, else (headline, titles, site_names, date, authors, author_strings, outlet, "
        "section).");
  m.def("segment_pages", &segment_pages_py, py::arg("pages"), py::arg("html"), py::arg("n_jobs") = 1,
        py::arg("parser") = "libxml2",
        "Segment pages on the core's thread pool with the GIL released (HTML where html[i], "
        "parsed with parser \"libxml2\" or \"gumbo\"; else text dumps): per page "
        "(parts, url or None) or the page's error message (str).");
  m.def("read_metadata", &read_metadata_py, py::arg("meta"), py::arg("json_ld"), py::arg("title"),
        py::arg("time_datetime"),
        "(evidence, url, article_body) of a page's <meta> (key, content or None) pairs, JSON-LD "
        "texts, <title> text and first <time datetime> (None when absent).");
  m.def("script_article_html", &script_article_html_py, py::arg("scripts"),
        py::arg("article_body") = std::string(),
        "HTML of the richest article text in a page's scripts [(type, id, text)] and its "
        "JSON-LD articleBody, or None.");
  m.def("split_dump", [](const py::str& dump) {
        std::string_view v = utf8_view(dump.ptr(), "dump");
        std::vector<std::string> parts;
        {
          py::gil_scoped_release release;
          parts = split_dump(v);
        }
        py::list out(parts.size());
        for (std::size_t i = 0; i < parts.size(); ++i) out[i] = to_py_str(parts[i]);
        return out;
      }, py::arg("dump"), "The pages of a dump holding several (kotext::split_dump).");
  m.def("looks_like_html", [](const py::str& text) {
        return looks_like_html(utf8_view(text.ptr(), "text"));
      }, py::arg("text"), "Whether the text looks like HTML (tags in its first 64 KB).");
  m.def("author_names", [](const std::vector<std::string>& strings) {
        Byline b = author_names(strings);
        return py::make_tuple(b.reporters, b.emails);
      }, py::arg("strings"), "(names, emails) in author metadata strings.");
  m.def("without_dates", [](const std::string& text) { return without_dates(text); },
        py::arg("text"), "The text without its dates and date labels.");
  m.def("find_dates", &find_dates_py, py::arg("text"),
        "Dates in text: (begin, end, year, month, day, hour, minute, second, tz_minutes, "
        "modified) with code point offsets; -1 for missing time parts, None for no zone.");
  m.def("parse_byline", &parse_byline_py, py::arg("text"),
        "(reporters, emails, outlet) found in a byline or dateline.");
  m.def("parse_html_page", &parse_html_page_py, py::arg("html"), py::arg("parser") = "libxml2",
        "Parse an HTML page (parser \"libxml2\" or \"gumbo\") and walk it (GIL released): a dict with blocks and "
        "template_blocks (tuples of parallel lists: texts, tags, levels, link_chars, "
        "navigation, near_image, hidden), meta [(key, content or None)], json_ld [str], "
        "scripts [(type, id, text)], title (str or None), time_datetime (str or None).");
  m.def("payload_hint", [](const py::str& html) {
        return payload_hint(utf8_view(html.ptr(), "html"));
      }, py::arg("html"), "Whether the page mentions a script-payload or <template> marker.");
  m.def("html_blocks", &html_blocks_py, py::arg("html"), py::arg("hidden") = false,
        py::arg("parser") = "libxml2",
        "Blocks of an HTML fragment (the tuple of parallel lists of parse_html_page).");
  m.def("limit_html_nesting", &limit_html_nesting_py, py::arg("html"), py::arg("max_depth") = 512,
        "HTML with tags nested deeper than max_depth dropped, or None when nothing was dropped.");
  m.def("clean_paragraph", &clean_paragraph_py, py::arg("text"), py::arg("first") = false,
        "(text, [(cut, reason), ...]): datelines, photo credits, copyright and promo runs cut "
        "from a body paragraph.");
  m.def("strip_site_name", &strip_site_name_py, py::arg("title"),
        py::arg("site_names") = std::vector<std::string>(),
        "The title without the site name / section the page glued to it.");
  m.def("text_dump_blocks", &text_dump_blocks_py, py::arg("text"),
        "(texts, tags): the blocks of a text dump (lines; wrapped lines joined).");
  m.def("dateline_length", &dateline_length_py, py::arg("text"),
        "Length in code points of a dateline at the start of text (0 if none).");
}

}  // namespace kotext::bindings
