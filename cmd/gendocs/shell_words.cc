#include "cmd/gendocs/shell_words.h"

#include <cctype>

namespace alluxio::cli::gendocs {

std::string ShQuote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string FishQuote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string KindWord(const ValueSpec& value) {
  switch (value.kind) {
    case ValueKind::kNone:
      return "";
    case ValueKind::kText:
      return "text";
    case ValueKind::kPropertyKey:
      return "key";
    case ValueKind::kPropertyAssign:
      return "assign";
    case ValueKind::kDirectory:
      return "dir";
    case ValueKind::kLocalPath:
      return "file";
    case ValueKind::kAlluxioPath:
      return "apath";
    case ValueKind::kChoice:
    case ValueKind::kSubcommand: {
      std::string out = "choice";
      for (const std::string& c : value.choices) out += " " + c;
      return out;
    }
  }
  return "text";
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string Identifier(std::string_view name) {
  std::string out;
  for (char c : name) {
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  }
  return out;
}

}  // namespace alluxio::cli::gendocs
