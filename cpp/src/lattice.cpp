// kotext's Viterbi over a MeCab dictionary: MeCab 0.996's lookup (tokenizer.cpp) and
// connect (viterbi.cpp) rules, in the same node order so that ties break the same way,
// over flat reusable buffers.
#include "kotext/lattice.hpp"

#include <algorithm>
#include <limits>

namespace kotext::mecab {
namespace {

constexpr std::int64_t kInfinity = std::numeric_limits<std::int64_t>::max();
constexpr std::uint16_t kBosEosAttr = 0;  // BOS and EOS have context id 0 and word cost 0

// MeCab's CharProperty::seekToOtherType: the end of the run from @p begin whose
// characters each share a category with the one before (the first with @p c).
const char* seek_other_type(const Dictionary& dic, const char* begin, const char* end, CharInfo c,
                            CharInfo* fail, std::size_t* mblen, std::size_t* clen) {
  const char* p = begin;
  *clen = 0;
  while (p != end && c.kind_of(*fail = dic.char_info(p, end, mblen))) {
    p += *mblen;
    ++*clen;
    c = *fail;
  }
  return p;
}

}  // namespace

void Lattice::lookup(const Dictionary& dic, std::string_view text, std::size_t pos,
                     std::vector<PathNode>& out) const {
  out.clear();
  const char* s = text.data();
  const char* begin = s + pos;
  const char* end = s + text.size();
  CharInfo cinfo;
  std::size_t mblen = 0, clen = 0;
  const char* begin2 = seek_other_type(dic, begin, end, dic.space(), &cinfo, &mblen, &clen);
  auto add = [&](const char* e, const Token* t, bool unknown) {
    const auto end_at = static_cast<std::uint32_t>(e - s);
    // Entries alike for the search (same end, ids and cost) differ only in their features;
    // MeCab's ties go to the first made of them, so the later ones are left out: same
    // result, fewer pairs (a syllable like 정 has dozens of nouns alike).
    for (const PathNode& o : out) {
      if (o.end == end_at && o.lc_attr == t->lc_attr && o.rc_attr == t->rc_attr && o.wcost == t->wcost &&
          o.unknown == unknown) {
        return;
      }
    }
    out.push_back(PathNode{static_cast<std::uint32_t>(begin2 - s), end_at, t, t->lc_attr, t->rc_attr,
                           t->wcost, unknown});
  };
  dic.sys().prefix_search(begin2, static_cast<std::size_t>(end - begin2),
                          [&](std::size_t len, const Token* t, std::size_t n) {
                            for (std::size_t j = 0; j < n; ++j) add(begin2 + len, t + j, false);
                          });
  // MeCab prepends each new node to its list: connect() sees them last-made first
  auto done = [&] { std::reverse(out.begin(), out.end()); };
  if (!out.empty() && !cinfo.invoke()) return done();

  // unknown words of the first character's category (tokenizer.cpp's ADDUNKNWON)
  const char* begin3 = begin2 + mblen;
  const char* group_begin3 = nullptr;
  auto add_unknown = [&] {
    std::size_t n = 0;
    const Token* t = dic.unk_tokens(cinfo.default_type(), &n);
    for (std::size_t k = 0; k < n; ++k) add(begin3, t + k, true);
  };
  if (begin3 > end) {
    add_unknown();
    if (!out.empty()) return done();
  }
  if (cinfo.group()) {
    const char* tmp = begin3;
    CharInfo fail;
    begin3 = seek_other_type(dic, begin3, end, cinfo, &fail, &mblen, &clen);
    if (clen <= Dictionary::kMaxGroupingSize) add_unknown();
    group_begin3 = begin3;
    begin3 = tmp;
  }
  for (std::size_t i = 1; i <= cinfo.length(); ++i) {
    if (begin3 > end) break;
    if (begin3 == group_begin3) continue;
    add_unknown();
    // past the text MeCab reads the space or NUL after it: never of the word's category
    if (begin3 == end || !cinfo.kind_of(dic.char_info(begin3, end, &mblen))) break;
    begin3 += mblen;
  }
  if (out.empty()) add_unknown();
  done();
}

void Lattice::forward(const Dictionary& dic, std::string_view text,
                      const std::vector<std::int64_t>& enter) {
  const std::size_t n = text.size();
  nodes_.clear();
  end_head_.assign(n + 1, -1);
  for (std::size_t pos = 0; pos < n; ++pos) {
    if (pos != 0 && end_head_[pos] < 0) continue;
    lookup(dic, text, pos, found_);
    entries_.clear();
    for (const PathNode& f : found_) {
      Node nd;
      nd.p = f;
      if (pos == 0) {
        nd.cost = enter[f.lc_attr] + f.wcost;
      } else {
        // The best left node depends on the left id alone: found once per id and position.
        // The first strictly cheaper left node wins, in end-list order (MeCab's connect).
        std::size_t k = 0;
        while (k < entries_.size() && entries_[k].lc_attr != f.lc_attr) ++k;
        if (k == entries_.size()) {
          Entry e{f.lc_attr, kInfinity, -1};
          for (std::int32_t l = end_head_[pos]; l >= 0; l = nodes_[l].enext) {
            const Node& ln = nodes_[l];
            const std::int64_t c = ln.cost + dic.connect(ln.p.rc_attr, f.lc_attr);
            if (c < e.cost) {
              e.cost = c;
              e.prev = l;
            }
          }
          entries_.push_back(e);
        }
        nd.cost = entries_[k].cost + f.wcost;
        nd.prev = entries_[k].prev;
      }
      nd.enext = end_head_[f.end];
      end_head_[f.end] = static_cast<std::int32_t>(nodes_.size());
      nodes_.push_back(nd);
    }
  }
}

bool Lattice::best(const Dictionary& dic, std::string_view text, const Boundary& boundary,
                   std::vector<PathNode>& out) {
  out.clear();
  if (text.empty()) return false;
  forward(dic, text, boundary.enter);
  std::int64_t best = kInfinity;
  std::int32_t at = -1;
  for (std::int32_t l = end_head_[text.size()]; l >= 0; l = nodes_[l].enext) {
    const Node& ln = nodes_[l];
    const std::int64_t c = ln.cost + boundary.leave[ln.p.rc_attr];
    if (c < best) {
      best = c;
      at = l;
    }
  }
  if (at < 0) return false;
  for (; at >= 0; at = nodes_[at].prev) out.push_back(nodes_[at].p);
  std::reverse(out.begin(), out.end());
  return true;
}

void Lattice::ends(const Dictionary& dic, std::string_view text,
                   std::vector<std::pair<std::uint16_t, std::int64_t>>& out) {
  out.clear();
  if (text.empty()) return;
  forward(dic, text, Boundary::sentence(dic).enter);
  for (std::int32_t l = end_head_[text.size()]; l >= 0; l = nodes_[l].enext) {
    out.emplace_back(nodes_[l].p.rc_attr, nodes_[l].cost);
  }
}

Boundary Boundary::sentence(const Dictionary& dic) {
  Boundary b;
  b.enter.resize(dic.n_right_ids());
  for (std::uint32_t lc = 0; lc < b.enter.size(); ++lc) {
    b.enter[lc] = dic.connect(kBosEosAttr, static_cast<std::uint16_t>(lc));
  }
  b.leave.resize(dic.n_left_ids());
  for (std::uint32_t rc = 0; rc < b.leave.size(); ++rc) {
    b.leave[rc] = dic.connect(static_cast<std::uint16_t>(rc), kBosEosAttr);
  }
  return b;
}

Boundary Boundary::between(const Dictionary& dic, std::string_view left, std::string_view right) {
  Boundary b = sentence(dic);
  Lattice lattice;
  if (!left.empty()) {
    // the cheapest path from BOS through the left words into each left id
    std::vector<std::pair<std::uint16_t, std::int64_t>> ends;
    lattice.ends(dic, left, ends);
    for (std::uint32_t lc = 0; lc < b.enter.size(); ++lc) {
      std::int64_t best = kInfinity;
      for (auto [rc, cost] : ends) {
        best = std::min(best, cost + dic.connect(rc, static_cast<std::uint16_t>(lc)));
      }
      b.enter[lc] = best;
    }
  }
  if (!right.empty()) {
    // backward over the right words: to_eos[node] = its cheapest way on to EOS
    const std::size_t n = right.size();
    std::vector<std::vector<PathNode>> starts(n + 1);
    std::vector<bool> reached(n + 1, false);
    reached[0] = true;
    for (std::size_t pos = 0; pos < n; ++pos) {
      if (!reached[pos]) continue;
      lattice.lookup(dic, right, pos, starts[pos]);
      for (const PathNode& p : starts[pos]) reached[p.end] = true;
    }
    std::vector<std::vector<std::int64_t>> to_eos(n + 1);
    for (std::size_t pos = n; pos-- > 0;) {
      for (const PathNode& p : starts[pos]) {
        std::int64_t best = kInfinity;
        if (p.end == n) {
          best = dic.connect(p.token->rc_attr, kBosEosAttr);
        } else {
          for (std::size_t k = 0; k < starts[p.end].size(); ++k) {
            const Token& w = *starts[p.end][k].token;
            best = std::min(best, dic.connect(p.token->rc_attr, w.lc_attr) + w.wcost + to_eos[p.end][k]);
          }
        }
        to_eos[pos].push_back(best);
      }
    }
    for (std::uint32_t rc = 0; rc < b.leave.size(); ++rc) {
      std::int64_t best = kInfinity;
      for (std::size_t k = 0; k < starts[0].size(); ++k) {
        const Token& w = *starts[0][k].token;
        best = std::min(best, dic.connect(static_cast<std::uint16_t>(rc), w.lc_attr) + w.wcost + to_eos[0][k]);
      }
      b.leave[rc] = best;
    }
  }
  return b;
}

}  // namespace kotext::mecab
