/// @file mecab_dictionary.hpp
/// @brief Read access to a compiled MeCab dictionary (mecab-ko-dic): the files MeCab 0.996
/// itself loads, mapped read-only and shared by every thread.
///
/// The formats (MeCab's dictionary.cpp, char_property.cpp, connector.cpp, darts.h):
/// - sys.dic / unk.dic: a header of ten uint32 (magic ^ 0xef718f77 == file size, version
///   102, type, lexicon size, left and right id counts, then the byte sizes of the double
///   array, the token table and the feature strings), a 32-byte charset name, the Darts
///   double array ({int32 base, uint32 check} units over the UTF-8 bytes of the surfaces;
///   a value v holds v >> 8 = index of the first token and v & 0xff = how many), the token
///   table (Token below) and the NUL-terminated CSV feature strings;
/// - matrix.bin: uint16 lsize, uint16 rsize, then int16 costs, cost(rc, lc) at
///   rc + lsize * lc;
/// - char.bin: uint32 number of character categories, their names (32 bytes each), then one
///   packed CharInfo per UCS-2 code point (code points beyond the BMP read as U+0000, as in
///   MeCab's utf8_to_ucs2).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kotext::mecab {

/// One dictionary entry (MeCab's mecab_token_t, 16 bytes on disk).
struct Token {
  std::uint16_t lc_attr;   ///< left context id (row of the connection matrix)
  std::uint16_t rc_attr;   ///< right context id
  std::uint16_t posid;
  std::int16_t wcost;      ///< word cost (lower: likelier)
  std::uint32_t feature;   ///< offset of the feature string
  std::uint32_t compound;
};
static_assert(sizeof(Token) == 16, "MeCab's token layout");

/// The character category of a code point (MeCab's CharInfo bit fields, GCC layout).
struct CharInfo {
  std::uint32_t bits = 0;
  std::uint32_t type() const { return bits & 0x3ffff; }         ///< category bit set
  std::uint32_t default_type() const { return (bits >> 18) & 0xff; }
  std::uint32_t length() const { return (bits >> 26) & 0xf; }   ///< unknown-word lengths tried
  bool group() const { return (bits >> 30) & 1; }              ///< group a run as one word
  bool invoke() const { return (bits >> 31) & 1; }             ///< unknown words even when known
  bool kind_of(CharInfo c) const { return (type() & c.type()) != 0; }
};

/// A file mapped read-only for the life of the object.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);  ///< throws InvalidArgument naming the file
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

/// One compiled lexicon (sys.dic or unk.dic).
class LexiconFile {
 public:
  explicit LexiconFile(const std::string& path);  ///< throws InvalidArgument on a bad file

  /// Calls @p f(length_in_bytes, first_token, n_tokens) for every entry whose surface is a
  /// prefix of [key, key + len), shortest first (Darts' commonPrefixSearch).
  template <class F>
  void prefix_search(const char* key, std::size_t len, F&& f) const {
    std::int32_t b = units_[0].base;
    for (std::size_t i = 0; i < len; ++i) {
      if (static_cast<std::uint32_t>(b) >= n_units_) return;  // a damaged file: no read past it
      const Unit& u = units_[b];
      if (static_cast<std::uint32_t>(b) == u.check && u.base < 0) emit(-u.base - 1, i, f);
      const std::size_t p = static_cast<std::uint32_t>(b) + static_cast<unsigned char>(key[i]) + 1;
      if (p >= n_units_ || static_cast<std::uint32_t>(b) != units_[p].check) return;
      b = units_[p].base;
    }
    if (static_cast<std::uint32_t>(b) >= n_units_) return;
    const Unit& u = units_[b];
    if (static_cast<std::uint32_t>(b) == u.check && u.base < 0) emit(-u.base - 1, len, f);
  }
  /// The value of the entry spelled exactly @p key, or -1.
  std::int32_t exact(const std::string& key) const;

  const Token* tokens(std::int32_t value) const { return tokens_ + (value >> 8); }
  static std::size_t n_tokens(std::int32_t value) { return static_cast<std::size_t>(value & 0xff); }
  const char* feature(const Token& t) const { return features_ + t.feature; }
  std::uint32_t left_size() const { return lsize_; }
  std::uint32_t right_size() const { return rsize_; }

 private:
  struct Unit {
    std::int32_t base;
    std::uint32_t check;
  };
  template <class F>
  void emit(std::int32_t value, std::size_t length, F& f) const {
    if (static_cast<std::size_t>(value >> 8) + n_tokens(value) > n_token_entries_) return;  // damaged
    f(length, tokens(value), n_tokens(value));
  }
  MappedFile file_;
  const Unit* units_ = nullptr;
  std::size_t n_units_ = 0;
  const Token* tokens_ = nullptr;
  std::size_t n_token_entries_ = 0;
  const char* features_ = nullptr;
  std::uint32_t lsize_ = 0, rsize_ = 0;
};

/// The whole model: system and unknown-word lexicons, character categories, connection
/// costs. Immutable and shared between threads.
class Dictionary {
 public:
  explicit Dictionary(const std::string& directory);  ///< throws InvalidArgument

  const LexiconFile& sys() const { return sys_; }
  const LexiconFile& unk() const { return unk_; }

  /// Connection cost from a morpheme with right id @p rc to one with left id @p lc.
  int connect(std::uint16_t rc, std::uint16_t lc) const {
    return matrix_[rc + static_cast<std::size_t>(lsize_) * lc];
  }
  std::uint32_t n_left_ids() const { return lsize_; }   ///< bound of rc_attr
  std::uint32_t n_right_ids() const { return rsize_; }  ///< bound of lc_attr

  /// Category of the UTF-8 character at [p, end); @p mblen receives its byte length.
  CharInfo char_info(const char* p, const char* end, std::size_t* mblen) const;
  CharInfo space() const { return space_; }
  /// How many character categories char.bin defines (unk_tokens' bound).
  std::uint32_t n_categories() const { return static_cast<std::uint32_t>(unk_count_.size()); }
  /// The unknown-word entries of a category (by CharInfo::default_type).
  const Token* unk_tokens(std::uint32_t category, std::size_t* n) const {
    *n = unk_count_[category];
    return unk_first_[category];
  }
  /// MeCab's max-grouping-size (dicrc does not set it: MeCab's default).
  static constexpr std::size_t kMaxGroupingSize = 24;

 private:
  LexiconFile sys_;
  LexiconFile unk_;
  MappedFile matrix_file_;
  MappedFile char_file_;
  const std::int16_t* matrix_ = nullptr;
  std::uint32_t lsize_ = 0, rsize_ = 0;
  const std::uint32_t* char_map_ = nullptr;
  CharInfo space_;
  std::vector<const Token*> unk_first_;
  std::vector<std::size_t> unk_count_;
};

}  // namespace kotext::mecab
