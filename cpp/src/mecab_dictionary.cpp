// The compiled mecab-ko-dic files, mapped read-only (formats: mecab_dictionary.hpp).
#include "kotext/mecab_dictionary.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "kotext/error.hpp"

namespace kotext::mecab {
namespace {

constexpr std::uint32_t kDictionaryMagic = 0xef718f77u;  // MeCab's DictionaryMagicID
constexpr std::uint32_t kDictionaryVersion = 102;        // MeCab 0.996's DIC_VERSION
constexpr std::size_t kHeaderWords = 10;
constexpr std::size_t kCharsetBytes = 32;
constexpr std::size_t kCategoryNameBytes = 32;
constexpr std::size_t kUcs2Size = 0xffff;  // char.bin holds this many CharInfo

std::uint32_t read_u32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// MeCab's utf8_to_ucs2: code points beyond the BMP (and bad bytes) read as 0.
std::uint32_t utf8_to_ucs2(const char* b, const char* e, std::size_t* mblen) {
  const std::size_t len = static_cast<std::size_t>(e - b);
  const auto c0 = static_cast<unsigned char>(b[0]);
  if (c0 < 0x80) {
    *mblen = 1;
    return c0;
  }
  if (len >= 2 && (c0 & 0xe0) == 0xc0) {
    *mblen = 2;
    return ((c0 & 0x1f) << 6) | (b[1] & 0x3f);
  }
  if (len >= 3 && (c0 & 0xf0) == 0xe0) {
    *mblen = 3;
    return ((c0 & 0x0f) << 12) | ((b[1] & 0x3f) << 6) | (b[2] & 0x3f);
  }
  if (len >= 4 && (c0 & 0xf8) == 0xf0) {
    *mblen = 4;
  } else if (len >= 5 && (c0 & 0xfc) == 0xf8) {
    *mblen = 5;
  } else if (len >= 6 && (c0 & 0xfe) == 0xfc) {
    *mblen = 6;
  } else {
    *mblen = 1;
  }
  return 0;
}

}  // namespace

MappedFile::MappedFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InvalidArgument("cannot open the dictionary file '" + path + "'");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    throw InvalidArgument("the dictionary file '" + path + "' is empty or unreadable");
  }
  size_ = static_cast<std::size_t>(st.st_size);
  void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) throw InvalidArgument("cannot map the dictionary file '" + path + "'");
  data_ = static_cast<const char*>(p);
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

LexiconFile::LexiconFile(const std::string& path) : file_(path) {
  const char* p = file_.data();
  const std::size_t head = kHeaderWords * 4 + kCharsetBytes;
  auto bad = [&](const char* why) {
    return InvalidArgument("'" + path + "' is not a MeCab 0.996 dictionary (" + why + ")");
  };
  if (file_.size() < head) throw bad("too short");
  std::uint32_t h[kHeaderWords];
  for (std::size_t i = 0; i < kHeaderWords; ++i) h[i] = read_u32(p + 4 * i);
  if ((h[0] ^ kDictionaryMagic) != file_.size()) throw bad("magic number");
  if (h[1] != kDictionaryVersion) throw bad("version");
  lsize_ = h[4];
  rsize_ = h[5];
  const std::size_t dsize = h[6], tsize = h[7], fsize = h[8];
  if (head + dsize + tsize + fsize != file_.size() || dsize % sizeof(Unit) || tsize % sizeof(Token)) {
    throw bad("section sizes");
  }
  units_ = reinterpret_cast<const Unit*>(p + head);
  n_units_ = dsize / sizeof(Unit);
  if (n_units_ == 0) throw bad("empty double array");
  n_token_entries_ = tsize / sizeof(Token);
  tokens_ = reinterpret_cast<const Token*>(p + head + dsize);
  features_ = p + head + dsize + tsize;
}

std::int32_t LexiconFile::exact(const std::string& key) const {
  std::int32_t b = units_[0].base;
  for (char c : key) {
    const std::size_t p = static_cast<std::uint32_t>(b) + static_cast<unsigned char>(c) + 1;
    if (p >= n_units_ || static_cast<std::uint32_t>(b) != units_[p].check) return -1;
    b = units_[p].base;
  }
  if (static_cast<std::uint32_t>(b) >= n_units_) return -1;
  const Unit& u = units_[b];
  return static_cast<std::uint32_t>(b) == u.check && u.base < 0 ? -u.base - 1 : -1;
}

Dictionary::Dictionary(const std::string& dir)
    : sys_(dir + "/sys.dic"),
      unk_(dir + "/unk.dic"),
      matrix_file_(dir + "/matrix.bin"),
      char_file_(dir + "/char.bin") {
  const char* m = matrix_file_.data();
  std::uint16_t sizes[2];
  std::memcpy(sizes, m, sizeof sizes);
  lsize_ = sizes[0];
  rsize_ = sizes[1];
  if (matrix_file_.size() != 4 + 2 * static_cast<std::size_t>(lsize_) * rsize_ ||
      lsize_ != sys_.left_size() || rsize_ != sys_.right_size()) {
    throw InvalidArgument("'" + dir + "/matrix.bin' does not match sys.dic");
  }
  matrix_ = reinterpret_cast<const std::int16_t*>(m + 4);

  const char* c = char_file_.data();
  const std::uint32_t n_categories = read_u32(c);
  if (char_file_.size() != 4 + kCategoryNameBytes * n_categories + 4 * kUcs2Size) {
    throw InvalidArgument("'" + dir + "/char.bin' is not a MeCab character table");
  }
  char_map_ = reinterpret_cast<const std::uint32_t*>(c + 4 + kCategoryNameBytes * n_categories);
  // the unknown-word entries of each category, found in unk.dic by the category's name
  for (std::uint32_t i = 0; i < n_categories; ++i) {
    const char* name = c + 4 + kCategoryNameBytes * i;
    const std::string key(name, strnlen(name, kCategoryNameBytes));
    const std::int32_t v = unk_.exact(key);
    if (v < 0) throw InvalidArgument("unk.dic in '" + dir + "' has no entries for category " + key);
    unk_first_.push_back(unk_.tokens(v));
    unk_count_.push_back(LexiconFile::n_tokens(v));
  }
  space_.bits = char_map_[0x20];
}

CharInfo Dictionary::char_info(const char* p, const char* end, std::size_t* mblen) const {
  CharInfo ci;
  const std::uint32_t u = utf8_to_ucs2(p, end, mblen);
  ci.bits = char_map_[u < kUcs2Size ? u : 0];  // U+FFFF is past the table
  return ci;
}

}  // namespace kotext::mecab
