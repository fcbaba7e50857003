#include "server/proxy/s3_xml.h"

#include <pugixml.hpp>

#include "lib/common/logging.h"
#include "lib/common/strings.h"
#include "lib/net/http_message.h"

namespace alluxio::proxy {
namespace {

constexpr const char* kNamespace = "http://s3.amazonaws.com/doc/2006-03-01/";

class StringWriter final : public pugi::xml_writer {
 public:
  void write(const void* data, size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
  std::string out;
};

// A document with the XML declaration and a root element in S3's namespace.
pugi::xml_node NewDocument(pugi::xml_document& doc, const char* root, bool with_namespace = true) {
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node r = doc.append_child(root);
  if (with_namespace) r.append_attribute("xmlns") = kNamespace;
  return r;
}

std::string Save(const pugi::xml_document& doc) {
  StringWriter w;
  doc.save(w, "", pugi::format_raw | pugi::format_no_declaration);
  // format_no_declaration only skips the automatic one; ours is a node of the document.
  return w.out;
}

void Text(pugi::xml_node parent, const char* name, std::string_view value) {
  parent.append_child(name).text().set(std::string(value).c_str());
}
void Int(pugi::xml_node parent, const char* name, int64_t value) {
  parent.append_child(name).text().set(std::to_string(value).c_str());
}
void Bool(pugi::xml_node parent, const char* name, bool value) {
  parent.append_child(name).text().set(value ? "true" : "false");
}
std::string Quoted(std::string_view etag) { return StrCat("\"", etag, "\""); }

void Owner(pugi::xml_node parent, const char* name, std::string_view owner) {
  pugi::xml_node o = parent.append_child(name);
  Text(o, "ID", owner);
  Text(o, "DisplayName", owner);
}

// The element name without a namespace prefix.
std::string_view LocalName(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node ChildNamed(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == name) return c;
  }
  return pugi::xml_node();
}

std::string ChildText(const pugi::xml_node& parent, std::string_view name) {
  return ChildNamed(parent, name).text().get();
}

S3Result<pugi::xml_node> LoadRoot(pugi::xml_document& doc, std::string_view body,
                                  std::string_view root) {
  pugi::xml_parse_result r = doc.load_buffer(body.data(), body.size());
  if (!r) {
    return s3err::MalformedXml(
        StrCat("The XML you provided was not well-formed or did not validate against our "
               "published schema: ",
               r.description(), " at offset ", r.offset, "."));
  }
  pugi::xml_node e = doc.document_element();
  if (!e || LocalName(e) != root) {
    return s3err::MalformedXml(
        StrCat("The XML you provided was not well-formed or did not "
               "validate against our published schema: expected a <",
               root, "> document."));
  }
  return e;
}

std::string UnquoteEtag(std::string_view etag) {
  std::string_view e = Trim(etag);
  if (StartsWith(e, "&quot;")) e.remove_prefix(6);
  if (EndsWith(e, "&quot;")) e.remove_suffix(6);
  if (!e.empty() && e.front() == '"') e.remove_prefix(1);
  if (!e.empty() && e.back() == '"') e.remove_suffix(1);
  return ToLower(e);
}

}  // namespace

std::string ErrorXml(const S3Error& error, std::string_view resource, std::string_view request_id) {
  pugi::xml_document doc;
  pugi::xml_node e = NewDocument(doc, "Error", /*with_namespace=*/false);
  Text(e, "Code", error.code);
  Text(e, "Message", error.message);
  Text(e, "Resource", resource);
  Text(e, "RequestId", request_id);
  return Save(doc);
}

std::string ListBucketsXml(std::string_view owner, const std::vector<BucketEntry>& buckets) {
  pugi::xml_document doc;
  pugi::xml_node r = NewDocument(doc, "ListAllMyBucketsResult");
  Owner(r, "Owner", owner);
  pugi::xml_node list = r.append_child("Buckets");
  for (const BucketEntry& b : buckets) {
    pugi::xml_node n = list.append_child("Bucket");
    Text(n, "Name", b.name);
    Text(n, "CreationDate", FormatIso8601(b.creation_ms));
  }
  return Save(doc);
}

std::string ListObjectsXml(const ListObjectsPage& page) {
  const bool url = page.encoding_type == "url";
  auto enc = [url](std::string_view s) {
    return url ? net::PercentEncode(s, "/") : std::string(s);
  };
  pugi::xml_document doc;
  pugi::xml_node r = NewDocument(doc, "ListBucketResult");
  Text(r, "Name", page.bucket);
  Text(r, "Prefix", enc(page.prefix));
  if (page.v2) {
    if (!page.continuation_token.empty()) {
      Text(r, "ContinuationToken", page.continuation_token);
    }
    if (!page.start_after.empty()) Text(r, "StartAfter", enc(page.start_after));
    Int(r, "KeyCount", static_cast<int64_t>(page.contents.size() + page.common_prefixes.size()));
  } else {
    Text(r, "Marker", enc(page.marker));
  }
  Int(r, "MaxKeys", page.max_keys);
  if (!page.delimiter.empty()) Text(r, "Delimiter", enc(page.delimiter));
  if (url) Text(r, "EncodingType", "url");
  Bool(r, "IsTruncated", page.truncated);
  if (page.truncated) {
    if (page.v2) {
      Text(r, "NextContinuationToken", page.next_continuation_token);
    } else {
      Text(r, "NextMarker", enc(page.next_marker));
    }
  }
  for (const ObjectEntry& o : page.contents) {
    pugi::xml_node c = r.append_child("Contents");
    Text(c, "Key", enc(o.key));
    Text(c, "LastModified", FormatIso8601(o.last_modified_ms));
    Text(c, "ETag", Quoted(o.etag));  // always: s3cmd's sync needs it
    Int(c, "Size", o.size);
    if (!page.v2 || page.fetch_owner) Owner(c, "Owner", o.owner);
    Text(c, "StorageClass", "STANDARD");
  }
  for (const std::string& p : page.common_prefixes) {
    Text(r.append_child("CommonPrefixes"), "Prefix", enc(p));
  }
  return Save(doc);
}

std::string InitiateMultipartUploadXml(std::string_view bucket, std::string_view key,
                                       std::string_view upload_id) {
  pugi::xml_document doc;
  pugi::xml_node r = NewDocument(doc, "InitiateMultipartUploadResult");
  Text(r, "Bucket", bucket);
  Text(r, "Key", key);
  Text(r, "UploadId", upload_id);
  return Save(doc);
}

std::string CompleteMultipartUploadXml(std::string_view location, std::string_view bucket,
                                       std::string_view key, std::string_view etag) {
  pugi::xml_document doc;
  pugi::xml_node r = NewDocument(doc, "CompleteMultipartUploadResult");
  Text(r, "Location", location);
  Text(r, "Bucket", bucket);
  Text(r, "Key", key);
  Text(r, "ETag", Quoted(etag));
  return Save(doc);
}

std::string CopyResultXml(std::string_view root, std::string_view etag, int64_t last_modified_ms) {
  pugi::xml_document doc;
  pugi::xml_node r = NewDocument(doc, std::string(root).c_str());
  Text(r, "LastModified", FormatIso8601(last_modified_ms));
  Text(r, "ETag", Quoted(etag));
  return Save(doc);
}

std::string DeleteResultXml(const std::vector<std::string>& deleted,
                            const std::vector<DeleteError>& errors) {
  pugi::xml_document doc;
  pugi::xml_node r = NewDocument(doc, "DeleteResult");
  for (const std::string& k : deleted) Text(r.append_child("Deleted"), "Key", k);
  for (const DeleteError& e : errors) {
    pugi::xml_node n = r.append_child("Error");
    Text(n, "Key", e.key);
    Text(n, "Code", e.code);
    Text(n, "Message", e.message);
  }
  return Save(doc);
}

std::string ListPartsXml(const ListPartsPage& page) {
  pugi::xml_document doc;
  pugi::xml_node r = NewDocument(doc, "ListPartsResult");
  Text(r, "Bucket", page.bucket);
  Text(r, "Key", page.key);
  Text(r, "UploadId", page.upload_id);
  Owner(r, "Initiator", page.owner);
  Owner(r, "Owner", page.owner);
  Text(r, "StorageClass", "STANDARD");
  Int(r, "PartNumberMarker", page.part_number_marker);
  if (page.truncated) Int(r, "NextPartNumberMarker", page.next_part_number_marker);
  Int(r, "MaxParts", page.max_parts);
  Bool(r, "IsTruncated", page.truncated);
  for (const PartEntry& p : page.parts) {
    pugi::xml_node n = r.append_child("Part");
    Int(n, "PartNumber", p.number);
    Text(n, "LastModified", FormatIso8601(p.last_modified_ms));
    Text(n, "ETag", Quoted(p.etag));
    Int(n, "Size", p.size);
  }
  return Save(doc);
}

std::string ListMultipartUploadsXml(const ListUploadsPage& page) {
  const bool url = page.encoding_type == "url";
  auto enc = [url](std::string_view s) {
    return url ? net::PercentEncode(s, "/") : std::string(s);
  };
  pugi::xml_document doc;
  pugi::xml_node r = NewDocument(doc, "ListMultipartUploadsResult");
  Text(r, "Bucket", page.bucket);
  Text(r, "KeyMarker", enc(page.key_marker));
  Text(r, "UploadIdMarker", page.upload_id_marker);
  if (page.truncated) {
    Text(r, "NextKeyMarker", enc(page.next_key_marker));
    Text(r, "NextUploadIdMarker", page.next_upload_id_marker);
  }
  if (!page.prefix.empty()) Text(r, "Prefix", enc(page.prefix));
  if (!page.delimiter.empty()) Text(r, "Delimiter", enc(page.delimiter));
  if (url) Text(r, "EncodingType", "url");
  Int(r, "MaxUploads", page.max_uploads);
  Bool(r, "IsTruncated", page.truncated);
  for (const UploadEntry& u : page.uploads) {
    pugi::xml_node n = r.append_child("Upload");
    Text(n, "Key", enc(u.key));
    Text(n, "UploadId", u.upload_id);
    Owner(n, "Initiator", u.owner);
    Owner(n, "Owner", u.owner);
    Text(n, "StorageClass", "STANDARD");
    Text(n, "Initiated", FormatIso8601(u.initiated_ms));
  }
  for (const std::string& p : page.common_prefixes) {
    Text(r.append_child("CommonPrefixes"), "Prefix", enc(p));
  }
  return Save(doc);
}

std::string TaggingXml(const TagSet& tags) {
  pugi::xml_document doc;
  pugi::xml_node r = NewDocument(doc, "Tagging");
  pugi::xml_node set = r.append_child("TagSet");
  for (const auto& [k, v] : tags) {
    pugi::xml_node t = set.append_child("Tag");
    Text(t, "Key", k);
    Text(t, "Value", v);
  }
  return Save(doc);
}

std::string LocationConstraintXml() {
  pugi::xml_document doc;
  NewDocument(doc, "LocationConstraint");
  return Save(doc);
}

std::string VersioningConfigurationXml() {
  pugi::xml_document doc;
  NewDocument(doc, "VersioningConfiguration");
  return Save(doc);
}

S3Result<std::vector<CompletedPart>> ParseCompleteMultipartUpload(std::string_view body) {
  pugi::xml_document doc;
  auto root = LoadRoot(doc, body, "CompleteMultipartUpload");
  if (!root.ok()) return root.error();
  std::vector<CompletedPart> parts;
  for (pugi::xml_node n = root->first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element || LocalName(n) != "Part") continue;
    pugi::xml_node number = ChildNamed(n, "PartNumber");
    pugi::xml_node etag = ChildNamed(n, "ETag");
    int64_t num = 0;
    if (!number || !ParseInt64(Trim(number.text().get()), &num) || num < 0 || num > 1'000'000) {
      return s3err::MalformedXml(
          "The XML you provided was not well-formed or did not validate "
          "against our published schema: a Part has no valid PartNumber.");
    }
    if (!etag) {
      return s3err::MalformedXml(
          "The XML you provided was not well-formed or did not validate "
          "against our published schema: a Part has no ETag.");
    }
    parts.push_back(CompletedPart{static_cast<int>(num), UnquoteEtag(etag.text().get())});
  }
  if (parts.empty()) {
    return s3err::MalformedXml(
        "The XML you provided was not well-formed or did not validate "
        "against our published schema: there are no parts.");
  }
  return parts;
}

S3Result<DeleteRequest> ParseDeleteRequest(std::string_view body) {
  pugi::xml_document doc;
  auto root = LoadRoot(doc, body, "Delete");
  if (!root.ok()) return root.error();
  DeleteRequest req;
  req.quiet = EqualsIgnoreCase(Trim(ChildText(*root, "Quiet")), "true");
  for (pugi::xml_node n = root->first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element || LocalName(n) != "Object") continue;
    pugi::xml_node key = ChildNamed(n, "Key");
    if (!key) {
      return s3err::MalformedXml(
          "The XML you provided was not well-formed or did not validate "
          "against our published schema: an Object has no Key.");
    }
    req.keys.push_back(key.text().get());
  }
  if (req.keys.empty() || req.keys.size() > 1000) {
    return s3err::MalformedXml(
        "The XML you provided was not well-formed or did not validate "
        "against our published schema: a Delete names 1 to 1000 objects.");
  }
  return req;
}

S3Result<TagSet> ParseTagging(std::string_view body) {
  pugi::xml_document doc;
  auto root = LoadRoot(doc, body, "Tagging");
  if (!root.ok()) return root.error();
  pugi::xml_node set = ChildNamed(*root, "TagSet");
  if (!set) {
    return s3err::MalformedXml(
        "The XML you provided was not well-formed or did not validate "
        "against our published schema: there is no TagSet.");
  }
  TagSet tags;
  for (pugi::xml_node t = set.first_child(); t; t = t.next_sibling()) {
    if (t.type() != pugi::node_element || LocalName(t) != "Tag") continue;
    if (!ChildNamed(t, "Key")) {
      return s3err::MalformedXml(
          "The XML you provided was not well-formed or did not validate "
          "against our published schema: a Tag has no Key.");
    }
    std::string key = ChildText(t, "Key");
    if (!tags.emplace(key, ChildText(t, "Value")).second) {
      return s3err::InvalidTag("Cannot provide multiple Tags with the same key: " + key);
    }
  }
  return tags;
}

}  // namespace alluxio::proxy
