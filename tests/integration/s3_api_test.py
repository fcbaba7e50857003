"""The S3 API of a running proxy, driven with boto3 (path-style) and raw HTTP requests.

Usage: s3_api_test.py ENDPOINT   (e.g. http://127.0.0.1:39999/api/v1/s3)
Prints one line per failed check and a summary line "boto3: N passed, M failed"; exits 1 when a
check failed. Run by s3_api_test.sh against `alluxio local`.
"""
import base64
import hashlib
import os
import sys

import boto3
import botocore
import requests
from botocore.config import Config

ENDPOINT = sys.argv[1]
PASSES = 0
FAILURES = 0


def check(name, cond, detail=""):
    global PASSES, FAILURES
    if cond:
        PASSES += 1
    else:
        FAILURES += 1
        print(f"FAIL {name} {detail}")


def check_eq(name, expected, actual):
    check(name, expected == actual, f"\n  expected: {expected!r}\n  actual:   {actual!r}")


def error_of(fn, *args, **kwargs):
    """(HTTP status, S3 code) of a call expected to fail; (200, None) when it succeeds."""
    try:
        fn(*args, **kwargs)
        return (200, None)
    except botocore.exceptions.ClientError as e:
        return (e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"].get("Code"))


def sha(data):
    return hashlib.sha256(data).hexdigest()


s3 = boto3.client(
    "s3", endpoint_url=ENDPOINT, aws_access_key_id="alice", aws_secret_access_key="dummy",
    region_name="us-east-1",
    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1},
                  signature_version="s3v4"))

# --- Buckets ----------------------------------------------------------------------------------
s3.create_bucket(Bucket="py")
names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
check("bucket listed", "py" in names, names)
check("metadata dir hidden", ".alluxio_s3_api_metadata" not in names, names)
check_eq("head missing bucket", (404, "404"), error_of(s3.head_bucket, Bucket="nope"))
check_eq("list missing bucket", (404, "NoSuchBucket"),
         error_of(s3.list_objects_v2, Bucket="nope"))

# --- Objects of awkward sizes, byte for byte ----------------------------------------------------
for size in (0, 1, 5 * 1024 * 1024 + 1):
    data = os.urandom(size)
    key = f"sizes/{size}.bin"
    put = s3.put_object(Bucket="py", Key=key, Body=data, ContentType="application/x-test",
                        Metadata={"origin": "boto3"})
    check_eq(f"etag {size}", '"' + hashlib.md5(data).hexdigest() + '"', put["ETag"])
    got = s3.get_object(Bucket="py", Key=key)
    body = got["Body"].read()
    check_eq(f"bytes {size}", sha(data), sha(body))
    check_eq(f"length {size}", size, got["ContentLength"])
    check_eq(f"content type {size}", "application/x-test", got["ContentType"])
    check_eq(f"metadata {size}", {"origin": "boto3"}, got["Metadata"])

# --- Ranges ----------------------------------------------------------------------------------
data = bytes(range(256)) * 40  # 10240 bytes
s3.put_object(Bucket="py", Key="range.bin", Body=data)
r = s3.get_object(Bucket="py", Key="range.bin", Range="bytes=100-199")
check_eq("range body", data[100:200], r["Body"].read())
check_eq("range header", "bytes 100-199/10240", r["ContentRange"])
check_eq("range status", 206, r["ResponseMetadata"]["HTTPStatusCode"])
check_eq("suffix range", data[-10:],
         s3.get_object(Bucket="py", Key="range.bin", Range="bytes=-10")["Body"].read())
check_eq("range past the end", (416, "InvalidRange"),
         error_of(s3.get_object, Bucket="py", Key="range.bin", Range="bytes=10240-"))

# --- Errors in S3's XML form --------------------------------------------------------------------
check_eq("no such key", (404, "NoSuchKey"), error_of(s3.get_object, Bucket="py", Key="nope"))
check_eq("no such bucket", (404, "NoSuchBucket"),
         error_of(s3.get_object, Bucket="nope", Key="x"))
check_eq("bucket not empty", (409, "BucketNotEmpty"), error_of(s3.delete_bucket, Bucket="py"))
bad_md5 = base64.b64encode(hashlib.md5(b"other").digest()).decode()
check_eq("bad digest", (400, "BadDigest"),
         error_of(s3.put_object, Bucket="py", Key="digest", Body=b"data", ContentMD5=bad_md5))
check_eq("bad digest leaves nothing", 404, error_of(s3.head_object, Bucket="py", Key="digest")[0])
raw = requests.get(f"{ENDPOINT}/py/nope")
check("error xml", "<Code>NoSuchKey</Code>" in raw.text and "<RequestId>" in raw.text, raw.text)
raw = requests.get(f"{ENDPOINT}/py?acl")
check_eq("not implemented", 501, raw.status_code)
check("not implemented code", "<Code>NotImplemented</Code>" in raw.text, raw.text)
raw = requests.post(f"{ENDPOINT}/py?delete", data=b"<Delete><Object>")
check_eq("malformed xml", (400, True), (raw.status_code, "MalformedXML" in raw.text))
# Dots are percent-encoded, or the client would resolve them before sending.
for key in ("%2E%2E/escape", "a/%2E%2E/%2E%2E/escape", "%2E%2E"):
    status = requests.put(f"{ENDPOINT}/py/{key}", data=b"x").status_code
    check(f"key {key} refused", status == 400, status)
check("nothing escaped", requests.head(f"{ENDPOINT}/escape").status_code == 404)

# --- Listing: keys with spaces, unicode, '+', '%'; prefixes, delimiter, pages ------------------
odd_keys = ["list/with space", "list/unicode-\u00e9\u4e2d", "list/plus+sign", "list/per%cent",
            "list/sub/deep/file", "list/sub/other"]
for k in odd_keys:
    s3.put_object(Bucket="py", Key=k, Body=k.encode())
listed = s3.list_objects_v2(Bucket="py", Prefix="list/")
check_eq("odd keys round-trip", sorted(odd_keys), [o["Key"] for o in listed["Contents"]])
for k in odd_keys:
    check_eq(f"get {k!r}", k.encode(), s3.get_object(Bucket="py", Key=k)["Body"].read())
grouped = s3.list_objects_v2(Bucket="py", Prefix="list/", Delimiter="/")
check_eq("common prefixes", ["list/sub/"], [p["Prefix"] for p in grouped["CommonPrefixes"]])
check_eq("grouped keys", 4, grouped["KeyCount"] - len(grouped["CommonPrefixes"]))
for i in range(25):
    s3.put_object(Bucket="py", Key=f"page/{i:02d}", Body=b"")
seen, token, pages = [], None, 0
while True:
    kw = {"Bucket": "py", "Prefix": "page/", "MaxKeys": 7}
    if token:
        kw["ContinuationToken"] = token
    resp = s3.list_objects_v2(**kw)
    seen += [o["Key"] for o in resp.get("Contents", [])]
    pages += 1
    if not resp["IsTruncated"]:
        break
    token = resp["NextContinuationToken"]
check_eq("v2 pages", 4, pages)
check_eq("v2 keys", [f"page/{i:02d}" for i in range(25)], seen)
after = s3.list_objects_v2(Bucket="py", Prefix="page/", StartAfter="page/20")
check_eq("start-after", ["page/21", "page/22", "page/23", "page/24"],
         [o["Key"] for o in after["Contents"]])
v1 = s3.get_paginator("list_objects").paginate(Bucket="py", Prefix="page/",
                                                 PaginationConfig={"PageSize": 10})
check_eq("v1 pages", 25, sum(len(p.get("Contents", [])) for p in v1))

# --- Multipart: checks, ETag, invisibility before completion -----------------------------------
mpu = s3.create_multipart_upload(Bucket="py", Key="mp/obj", ContentType="text/x-mp")
uid = mpu["UploadId"]
part1 = os.urandom(5 * 1024 * 1024)
part2 = os.urandom(1024)
e1 = s3.upload_part(Bucket="py", Key="mp/obj", UploadId=uid, PartNumber=1, Body=part1)["ETag"]
e2 = s3.upload_part(Bucket="py", Key="mp/obj", UploadId=uid, PartNumber=2, Body=part2)["ETag"]
check_eq("invisible before completion", 0,
         s3.list_objects_v2(Bucket="py", Prefix="mp/")["KeyCount"])
parts = s3.list_parts(Bucket="py", Key="mp/obj", UploadId=uid)["Parts"]
check_eq("list parts", [(1, e1, len(part1)), (2, e2, len(part2))],
         [(p["PartNumber"], p["ETag"], p["Size"]) for p in parts])
uploads = s3.list_multipart_uploads(Bucket="py").get("Uploads", [])
check("listed upload", any(u["UploadId"] == uid for u in uploads), uploads)
check_eq("invalid part order", (400, "InvalidPartOrder"),
         error_of(s3.complete_multipart_upload, Bucket="py", Key="mp/obj", UploadId=uid,
                  MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": e2},
                                             {"PartNumber": 1, "ETag": e1}]}))
check_eq("invalid part", (400, "InvalidPart"),
         error_of(s3.complete_multipart_upload, Bucket="py", Key="mp/obj", UploadId=uid,
                  MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e2}]}))
e3 = s3.upload_part(Bucket="py", Key="mp/obj", UploadId=uid, PartNumber=3, Body=part2)["ETag"]
check_eq("entity too small", (400, "EntityTooSmall"),
         error_of(s3.complete_multipart_upload, Bucket="py", Key="mp/obj", UploadId=uid,
                  MultipartUpload={"Parts": [{"PartNumber": 2, "ETag": e2},
                                             {"PartNumber": 3, "ETag": e3}]}))
done = s3.complete_multipart_upload(
    Bucket="py", Key="mp/obj", UploadId=uid,
    MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]})
want = hashlib.md5(hashlib.md5(part1).digest() + hashlib.md5(part2).digest()).hexdigest()
check_eq("multipart etag", f'"{want}-2"', done["ETag"])
got = s3.get_object(Bucket="py", Key="mp/obj")
check_eq("multipart bytes", sha(part1 + part2), sha(got["Body"].read()))
check_eq("multipart content type", "text/x-mp", got["ContentType"])
check_eq("upload gone", (404, "NoSuchUpload"),
         error_of(s3.list_parts, Bucket="py", Key="mp/obj", UploadId=uid))
copy_uid = s3.create_multipart_upload(Bucket="py", Key="mp/copy")["UploadId"]
cp = s3.upload_part_copy(Bucket="py", Key="mp/copy", UploadId=copy_uid, PartNumber=1,
                         CopySource={"Bucket": "py", "Key": "range.bin"},
                         CopySourceRange="bytes=10-19")
s3.complete_multipart_upload(
    Bucket="py", Key="mp/copy", UploadId=copy_uid,
    MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": cp["CopyPartResult"]["ETag"]}]})
check_eq("upload part copy", data[10:20],
         s3.get_object(Bucket="py", Key="mp/copy")["Body"].read())

# --- Copy, tagging, batch delete ---------------------------------------------------------------
s3.put_object(Bucket="py", Key="src", Body=b"copy me", Metadata={"a": "1"}, Tagging="t=1")
s3.copy_object(Bucket="py", Key="dst", CopySource={"Bucket": "py", "Key": "src"})
check_eq("copy keeps metadata", {"a": "1"}, s3.head_object(Bucket="py", Key="dst")["Metadata"])
s3.copy_object(Bucket="py", Key="dst2", CopySource="py/src", MetadataDirective="REPLACE",
               Metadata={"b": "2"})
check_eq("copy replaces metadata", {"b": "2"},
         s3.head_object(Bucket="py", Key="dst2")["Metadata"])
check_eq("copy to itself", (400, "InvalidRequest"),
         error_of(s3.copy_object, Bucket="py", Key="src", CopySource="py/src"))
check_eq("tags from header", [{"Key": "t", "Value": "1"}],
         s3.get_object_tagging(Bucket="py", Key="src")["TagSet"])
s3.put_object_tagging(Bucket="py", Key="src",
                      Tagging={"TagSet": [{"Key": "x", "Value": "y"}]})
check_eq("put tags", [{"Key": "x", "Value": "y"}],
         s3.get_object_tagging(Bucket="py", Key="src")["TagSet"])
s3.put_bucket_tagging(Bucket="py", Tagging={"TagSet": [{"Key": "team", "Value": "s3"}]})
check_eq("bucket tags", [{"Key": "team", "Value": "s3"}],
         s3.get_bucket_tagging(Bucket="py")["TagSet"])
resp = s3.delete_objects(Bucket="py", Delete={"Objects": [{"Key": "src"}, {"Key": "dst"},
                                                          {"Key": "never-existed"}]})
check_eq("delete objects", ["dst", "never-existed", "src"],
         sorted(d["Key"] for d in resp.get("Deleted", [])))
resp = s3.delete_objects(Bucket="py", Delete={"Objects": [{"Key": "dst2"}], "Quiet": True})
check_eq("quiet delete", [], resp.get("Deleted", []))
check_eq("deleted", (404, "NoSuchKey"), error_of(s3.get_object, Bucket="py", Key="dst2"))

print(f"boto3: {PASSES} passed, {FAILURES} failed")
sys.exit(1 if FAILURES else 0)
