#include "lib/conf/properties_file.h"

#include <cstdint>
#include <optional>
#include <set>

namespace alluxio::conf {
namespace {

// Blanks as java.util.Properties understands them; '\n' and '\r' end lines instead.
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\f'; }
bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }

// Splits text into logical lines: java.util.Properties.LineReader#readLine, step for step
// (comments and blank lines dropped, continuations joined, the leading blanks of each natural
// line dropped).
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  // Stores the next logical line and the 1-based natural line where it starts. Returns false at
  // the end of the text.
  bool ReadLine(std::string* line, int* start_line) {
    std::string& buf = *line;
    buf.clear();
    bool skip_blanks = true;
    bool appended_line_begin = false;
    bool preceding_backslash = false;
    *start_line = line_number_;
    while (true) {
      if (pos_ >= text_.size()) {
        if (buf.empty()) return false;
        // A backslash just before the end of the text is not part of the line.
        if (preceding_backslash) buf.pop_back();
        return true;
      }
      char c = Next();
      if (skip_blanks) {
        if (IsBlank(c)) continue;
        if (!appended_line_begin && IsLineEnd(c)) continue;
        skip_blanks = false;
        appended_line_begin = false;
      }
      if (buf.empty()) {
        if (c == '#' || c == '!') {
          // A comment runs to the end of its natural line; a backslash there does not continue.
          while (true) {
            if (pos_ >= text_.size()) return false;
            if (IsLineEnd(Next())) break;
          }
          skip_blanks = true;
          continue;
        }
      }
      if (!IsLineEnd(c)) {
        if (buf.empty()) *start_line = line_number_;
        buf.push_back(c);
        preceding_backslash = (c == '\\') ? !preceding_backslash : false;
        continue;
      }
      if (buf.empty()) {
        skip_blanks = true;
        continue;
      }
      if (pos_ >= text_.size()) {
        if (preceding_backslash) buf.pop_back();
        return true;
      }
      if (!preceding_backslash) return true;
      // An odd number of backslashes: the last one joins the next natural line to this one.
      buf.pop_back();
      skip_blanks = true;
      appended_line_begin = true;
      preceding_backslash = false;
      if (c == '\r' && text_[pos_] == '\n') Next();
    }
  }

 private:
  // Consumes one character, keeping the natural line number current ("\r\n" counts once).
  char Next() {
    char c = text_[pos_++];
    if (c == '\r' || (c == '\n' && !(pos_ >= 2 && text_[pos_ - 2] == '\r'))) ++line_number_;
    return c;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_number_ = 1;  // natural line of text_[pos_]
};

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// The UTF-16 unit of "\uXXXX" at text[i], or nullopt when text[i] does not start a well-formed
// \u escape.
std::optional<uint32_t> ReadUnicodeEscape(std::string_view text, size_t i) {
  if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u') return std::nullopt;
  uint32_t value = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    char c = text[k];
    value <<= 4;
    if (c >= '0' && c <= '9') {
      value += c - '0';
    } else if (c >= 'a' && c <= 'f') {
      value += 10 + c - 'a';
    } else if (c >= 'A' && c <= 'F') {
      value += 10 + c - 'A';
    } else {
      return std::nullopt;
    }
  }
  return value;
}

Status MalformedEscape(std::string_view text, size_t i, int line) {
  std::string_view escape = text.substr(i, 6);
  return Status::InvalidArgument("Malformed \\uXXXX escape \"" + std::string(escape) +
                                 "\" on line " + std::to_string(line) +
                                 ": write exactly four hexadecimal digits after \\u, or \\\\u "
                                 "for a literal backslash followed by u.");
}

// Decodes escapes (java.util.Properties#loadConvert). \uXXXX becomes UTF-8; a surrogate pair
// written as two escapes becomes one code point, a lone surrogate becomes U+FFFD.
Result<std::string> Unescape(std::string_view text, int line) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c != '\\') {
      out.push_back(c);
      ++i;
      continue;
    }
    // The line reader never leaves an unescaped backslash at the end, but a key can end in one
    // only if escaped, so this index is always valid; guard anyway against misuse.
    if (i + 1 >= text.size()) {
      ++i;
      continue;
    }
    char escaped = text[i + 1];
    if (escaped != 'u') {
      switch (escaped) {
        case 't':
          out.push_back('\t');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'f':
          out.push_back('\f');
          break;
        default:
          out.push_back(escaped);
      }
      i += 2;
      continue;
    }
    std::optional<uint32_t> unit = ReadUnicodeEscape(text, i);
    if (!unit) return MalformedEscape(text, i, line);
    i += 6;
    uint32_t code_point = *unit;
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      std::optional<uint32_t> low = ReadUnicodeEscape(text, i);
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
        i += 6;
      } else {
        code_point = 0xFFFD;
      }
    } else if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
      code_point = 0xFFFD;
    }
    AppendUtf8(code_point, &out);
  }
  return out;
}

}  // namespace

Result<std::vector<PropertyEntry>> ParseProperties(std::string_view text) {
  std::vector<PropertyEntry> entries;
  LineReader reader(text);
  std::string line;
  int line_number = 0;
  while (reader.ReadLine(&line, &line_number)) {
    // java.util.Properties#load0: the key ends at the first unescaped '=', ':' or blank.
    size_t key_len = 0;
    size_t value_start = line.size();
    bool has_separator = false;
    bool preceding_backslash = false;
    while (key_len < line.size()) {
      char c = line[key_len];
      if ((c == '=' || c == ':') && !preceding_backslash) {
        value_start = key_len + 1;
        has_separator = true;
        break;
      }
      if (IsBlank(c) && !preceding_backslash) {
        value_start = key_len + 1;
        break;
      }
      preceding_backslash = (c == '\\') ? !preceding_backslash : false;
      ++key_len;
    }
    // Blanks around the separator, and one '=' or ':' after blanks, belong to neither side.
    while (value_start < line.size()) {
      char c = line[value_start];
      if (!IsBlank(c)) {
        if (!has_separator && (c == '=' || c == ':')) {
          has_separator = true;
        } else {
          break;
        }
      }
      ++value_start;
    }
    std::string_view view(line);
    ASSIGN_OR_RETURN(std::string key, Unescape(view.substr(0, key_len), line_number));
    ASSIGN_OR_RETURN(std::string value, Unescape(view.substr(value_start), line_number));
    entries.push_back({std::move(key), std::move(value), line_number});
  }
  // A key given twice keeps only its last entry, as Properties#put replaces the earlier value.
  std::set<std::string_view> seen;
  std::vector<bool> keep(entries.size());
  for (size_t i = entries.size(); i-- > 0;) keep[i] = seen.insert(entries[i].key).second;
  std::vector<PropertyEntry> unique;
  unique.reserve(seen.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (keep[i]) unique.push_back(std::move(entries[i]));
  }
  return unique;
}

}  // namespace alluxio::conf
