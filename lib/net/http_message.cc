#include "lib/net/http_message.h"

#include "lib/common/strings.h"

namespace alluxio::net {

void Headers::Set(std::string_view name, std::string value) {
  Remove(name);
  fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::Add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

void Headers::Remove(std::string_view name) {
  std::erase_if(fields_, [&](const Field& f) { return EqualsIgnoreCase(f.first, name); });
}

const std::string* Headers::Find(std::string_view name) const {
  for (const auto& f : fields_) {
    if (EqualsIgnoreCase(f.first, name)) return &f.second;
  }
  return nullptr;
}

std::string Headers::Get(std::string_view name, std::string_view fallback) const {
  const std::string* v = Find(name);
  return v ? *v : std::string(fallback);
}

Result<std::string> ReadAll(BodyReader& reader, size_t limit) {
  std::string out;
  char buf[64 * 1024];
  while (true) {
    ASSIGN_OR_RETURN(size_t n, reader.Read(buf, sizeof(buf)));
    if (n == 0) return out;
    if (out.size() + n > limit) {
      return Status::ResourceExhausted("Body is larger than the limit of " + std::to_string(limit) +
                                       " bytes");
    }
    out.append(buf, n);
  }
}

std::vector<std::pair<std::string, std::string>> HttpRequest::QueryParams() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (query.empty()) return out;
  for (const std::string& part : Split(query, '&')) {
    if (part.empty()) continue;
    size_t eq = part.find('=');
    if (eq == std::string::npos) {
      out.emplace_back(PercentDecode(part, true), "");
    } else {
      out.emplace_back(PercentDecode(std::string_view(part).substr(0, eq), true),
                       PercentDecode(std::string_view(part).substr(eq + 1), true));
    }
  }
  return out;
}

std::optional<std::string> HttpRequest::Query(std::string_view name) const {
  for (auto& [k, v] : QueryParams()) {
    if (k == name) return v;
  }
  return std::nullopt;
}

void HttpResponse::Set(int code, std::string content_type, std::string content) {
  status = code;
  headers.Set("Content-Type", std::move(content_type));
  body = std::move(content);
}

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string PercentDecode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_as_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string PercentEncode(std::string_view text, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                      u == '-' || u == '_' || u == '.' || u == '~';
    if (unreserved || keep.find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 416:
      return "Range Not Satisfiable";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 499:
      return "Client Closed Request";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

namespace {
// "1.2.3.4:80" -> "1.2.3.4"; "::1:80" -> "::1".
std::string_view IpOf(std::string_view address) {
  size_t colon = address.rfind(':');
  return colon == std::string_view::npos ? address : address.substr(0, colon);
}
}  // namespace

bool HttpRequest::FromSameHost() const {
  std::string_view remote = IpOf(remote_address);
  return !remote.empty() && remote == IpOf(local_address);
}

}  // namespace alluxio::net
