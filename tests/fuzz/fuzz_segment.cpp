// libFuzzer target for the segmentation core (build: see fuzz_normalize.cpp): the input is
// cut into blocks at '\n'; classify_blocks, segment_article, find_dates, parse_byline,
// dateline_length and limit_html_nesting must never crash, and their results must be
// consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "kotext/segment.hpp"

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<kotext::Block> blocks;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      kotext::Block b;
      b.text = std::string(text.substr(start, i - start));
      b.tag = static_cast<kotext::BlockTag>(b.text.size() % 3);
      b.link_chars = b.text.size() / 2;
      b.near_image = b.text.size() % 5 == 0;
      blocks.push_back(std::move(b));
      start = i + 1;
    }
  }
  auto seg = kotext::classify_blocks(blocks);
  check(seg.labels.size() == blocks.size() && seg.reasons.size() == blocks.size());
  check(seg.title < static_cast<std::ptrdiff_t>(blocks.size()));
  check(seg.body_begin <= seg.body_end && seg.body_end <= static_cast<std::ptrdiff_t>(blocks.size()));
  // The whole article, as a text dump and as a page with metadata built from the input.
  for (bool present : {false, true}) {
    kotext::PageEvidence evidence;
    evidence.present = present;
    if (present) evidence.titles = {std::string(text.substr(0, 80))};
    kotext::ArticleParts a = kotext::segment_article(blocks, evidence);
    std::size_t body = 0;
    for (const auto& p : a.paragraphs) body += p.size() + 2;  // bytes >= code points
    for (const auto& s : a.sentences)
      check(s.begin < s.end && s.end <= body && s.paragraph < a.paragraphs.size());
  }
  kotext::find_dates(text);
  kotext::parse_byline(text);
  check(kotext::dateline_length(text) <= text.size());
  kotext::limit_html_nesting(text, 16);
  return 0;
}
