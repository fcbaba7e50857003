#include "lib/ufs/s3_xml.h"

#include <time.h>

#include <cstdio>
#include <cstring>
#include <pugixml.hpp>
#include <sstream>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/net/http_message.h"

namespace alluxio::ufs::s3xml {
namespace {

// The element's name without a namespace prefix ("s3:Key" -> "Key").
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == name) return c;
  }
  return {};
}

std::string Text(const pugi::xml_node& node, std::string_view name) {
  pugi::xml_node c = Child(node, name);
  return c ? std::string(c.child_value()) : std::string();
}

std::string Excerpt(std::string_view xml) {
  constexpr size_t kMax = 200;
  return xml.size() <= kMax ? std::string(xml) : StrCat(xml.substr(0, kMax), "...");
}

Status Malformed(std::string_view what, std::string_view xml) {
  return Status::InvalidArgument(StrCat("malformed S3 ", what, " response: ", Excerpt(xml)));
}

// Parses `xml` and returns its root element, which must be called `root_name`.
Result<pugi::xml_node> LoadRoot(pugi::xml_document& doc, std::string_view xml,
                                std::string_view root_name) {
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed) return Malformed(root_name, xml);
  pugi::xml_node root = doc.document_element();
  if (!root || LocalName(root) != root_name) return Malformed(root_name, xml);
  return root;
}

bool ParseInt(std::string_view text, int64_t* out) { return ParseInt64(Trim(text), out); }

// Writes a document without a declaration or indentation.
std::string Serialize(const pugi::xml_document& doc) {
  std::ostringstream os;
  doc.save(os, "", pugi::format_raw | pugi::format_no_declaration);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + os.str();
}

}  // namespace

std::string UnquoteETag(std::string_view etag) {
  etag = Trim(etag);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  } else if (StartsWith(etag, "&quot;") && EndsWith(etag, "&quot;") && etag.size() >= 12) {
    etag = etag.substr(6, etag.size() - 12);
  }
  return std::string(etag);
}

Result<ListPage> ParseListObjectsV2(std::string_view xml) {
  pugi::xml_document doc;
  ASSIGN_OR_RETURN(pugi::xml_node root, LoadRoot(doc, xml, "ListBucketResult"));
  const bool url_encoded = EqualsIgnoreCase(Text(root, "EncodingType"), "url");
  auto decode = [url_encoded](std::string text) {
    return url_encoded ? net::PercentDecode(text, /*plus_as_space=*/true) : text;
  };
  ListPage page;
  for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = LocalName(c);
    if (name == "Contents") {
      ListedObject object;
      pugi::xml_node key = Child(c, "Key");
      if (!key) return Malformed("ListObjectsV2", xml);
      object.key = decode(key.child_value());
      if (!ParseInt(Text(c, "Size"), &object.size)) return Malformed("ListObjectsV2", xml);
      object.etag = UnquoteETag(Text(c, "ETag"));
      object.last_modified_ms = ParseIso8601Ms(Text(c, "LastModified"));
      page.objects.push_back(std::move(object));
    } else if (name == "CommonPrefixes") {
      pugi::xml_node prefix = Child(c, "Prefix");
      if (!prefix) return Malformed("ListObjectsV2", xml);
      page.common_prefixes.push_back(decode(prefix.child_value()));
    }
  }
  page.truncated = EqualsIgnoreCase(Trim(Text(root, "IsTruncated")), "true");
  page.next_continuation_token = Text(root, "NextContinuationToken");
  if (page.truncated && page.next_continuation_token.empty()) {
    return Malformed("ListObjectsV2 (truncated without a continuation token)", xml);
  }
  return page;
}

std::optional<ErrorDocument> ParseError(std::string_view xml) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) return std::nullopt;
  pugi::xml_node root = doc.document_element();
  if (!root || LocalName(root) != "Error") return std::nullopt;
  return ErrorDocument{Text(root, "Code"), Text(root, "Message")};
}

Result<std::string> ParseUploadId(std::string_view xml) {
  pugi::xml_document doc;
  ASSIGN_OR_RETURN(pugi::xml_node root, LoadRoot(doc, xml, "InitiateMultipartUploadResult"));
  std::string id = Text(root, "UploadId");
  if (id.empty()) return Malformed("InitiateMultipartUpload", xml);
  return id;
}

Result<std::string> ParseResultETag(std::string_view xml) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  pugi::xml_node root = doc.document_element();
  if (!parsed || !root) return Malformed("copy or complete", xml);
  pugi::xml_node etag = Child(root, "ETag");
  if (!etag) return Malformed(LocalName(root), xml);
  return UnquoteETag(etag.child_value());
}

Result<std::vector<DeleteFailure>> ParseDeleteResult(std::string_view xml) {
  pugi::xml_document doc;
  ASSIGN_OR_RETURN(pugi::xml_node root, LoadRoot(doc, xml, "DeleteResult"));
  std::vector<DeleteFailure> failures;
  for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == "Error") {
      failures.push_back({Text(c, "Key"), Text(c, "Code"), Text(c, "Message")});
    }
  }
  return failures;
}

Result<BucketAcl> ParseBucketAcl(std::string_view xml) {
  pugi::xml_document doc;
  ASSIGN_OR_RETURN(pugi::xml_node root, LoadRoot(doc, xml, "AccessControlPolicy"));
  BucketAcl acl;
  pugi::xml_node owner = Child(root, "Owner");
  acl.owner_id = Text(owner, "ID");
  acl.owner_name = Text(owner, "DisplayName");
  pugi::xml_node list = Child(root, "AccessControlList");
  for (pugi::xml_node grant = list.first_child(); grant; grant = grant.next_sibling()) {
    if (grant.type() != pugi::node_element || LocalName(grant) != "Grant") continue;
    pugi::xml_node grantee = Child(grant, "Grantee");
    std::string id = Text(grantee, "ID");
    std::string uri = Text(grantee, "URI");
    bool applies = (!id.empty() && id == acl.owner_id) || EndsWith(uri, "/global/AllUsers") ||
                   EndsWith(uri, "/global/AuthenticatedUsers");
    if (!applies) continue;
    std::string permission = Text(grant, "Permission");
    if (permission == "FULL_CONTROL") {
      acl.owner_bits |= 7;
    } else if (permission == "READ") {
      acl.owner_bits |= 5;  // reading a bucket includes listing it
    } else if (permission == "WRITE") {
      acl.owner_bits |= 2;
    }
  }
  return acl;
}

std::string CompleteMultipartUploadXml(const std::vector<std::string>& etags) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("CompleteMultipartUpload");
  root.append_attribute("xmlns") = "http://s3.amazonaws.com/doc/2006-03-01/";
  for (size_t i = 0; i < etags.size(); ++i) {
    pugi::xml_node part = root.append_child("Part");
    part.append_child("PartNumber").text().set(std::to_string(i + 1).c_str());
    part.append_child("ETag").text().set(StrCat("\"", etags[i], "\"").c_str());
  }
  return Serialize(doc);
}

std::string DeleteObjectsXml(const std::vector<std::string>& keys) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("Delete");
  root.append_attribute("xmlns") = "http://s3.amazonaws.com/doc/2006-03-01/";
  root.append_child("Quiet").text().set("true");
  for (const std::string& key : keys) {
    root.append_child("Object").append_child("Key").text().set(key.c_str());
  }
  return Serialize(doc);
}

int64_t ParseIso8601Ms(std::string_view text) {
  std::string s(Trim(text));
  struct tm tm;
  std::memset(&tm, 0, sizeof(tm));
  int millis = 0;
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return 0;
  }
  if (static_cast<size_t>(consumed) < s.size() && s[consumed] == '.') {
    int digits = 0;
    for (size_t i = consumed + 1; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (digits < 3) millis = millis * 10 + (s[i] - '0');
      ++digits;
    }
    for (; digits < 3; ++digits) millis *= 10;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  time_t seconds = timegm(&tm);
  if (seconds < 0) return 0;
  return static_cast<int64_t>(seconds) * 1000 + millis;
}

int64_t ParseHttpDateMs(std::string_view text) {
  std::string s(Trim(text));
  struct tm tm;
  std::memset(&tm, 0, sizeof(tm));
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
  if (end == nullptr) return 0;
  time_t seconds = timegm(&tm);
  if (seconds < 0) return 0;
  return static_cast<int64_t>(seconds) * 1000;
}

}  // namespace alluxio::ufs::s3xml
