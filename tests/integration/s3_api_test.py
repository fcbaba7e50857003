"""The S3 API of a running proxy, driven with boto3 (path-style) and raw HTTP requests.

Usage: s3_api_test.py ENDPOINT   (e.g. http://127.0.0.1:39999/api/v1/s3)
       s3_api_test.py --auth ENDPOINT ACCESS_KEY SECRET   (alluxio.s3.rest.authentication.enabled:
       right and wrong secrets, unknown keys, a tampered body, signed aws-chunked uploads)
Prints one line per failed check and a summary line "boto3: N passed, M failed"; exits 1 when a
check failed. Run by s3_api_test.sh against `alluxio local`.
"""
import base64
import datetime
import hashlib
import hmac
import os
import sys

import boto3
import botocore
import requests
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

AUTH = sys.argv[1] == "--auth"
ENDPOINT = sys.argv[2] if AUTH else sys.argv[1]
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


def client(key="alice", secret="dummy"):
    return boto3.client(
        "s3", endpoint_url=ENDPOINT, aws_access_key_id=key, aws_secret_access_key=secret,
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1},
                      signature_version="s3v4"))


def signed(method, url, key, secret, body=b"", headers=None, signer=S3SigV4Auth):
    """An AWSRequest signed with SigV4 (botocore's signer), ready to send with requests.
    S3SigV4Auth signs the body's hash; SigV4Auth keeps a given X-Amz-Content-SHA256."""
    req = AWSRequest(method=method, url=url, data=body, headers=headers or {})
    signer(Credentials(key, secret), "s3", "us-east-1").add_auth(req)
    return req


def hmac256(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def chunked_put(url, key, secret, data, chunk=64 * 1024, corrupt_chunk=None, signer=SigV4Auth):
    """PUT `data` as a signed aws-chunked body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), the chunk
    signatures computed here independently of the server's code; `corrupt_chunk` (an index)
    gets one byte changed after signing."""
    chunks = [data[i:i + chunk] for i in range(0, len(data), chunk)] + [b""]
    encoded_len = sum(len(f"{len(c):x};chunk-signature=") + 64 + 2 + len(c) + 2 for c in chunks)
    req = signed("PUT", url, key, secret, headers={
        "X-Amz-Content-SHA256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
        "Content-Encoding": "aws-chunked",
        "x-amz-decoded-content-length": str(len(data)),
        "Content-Length": str(encoded_len)}, signer=signer)
    amz_date = req.headers["X-Amz-Date"]
    date = amz_date[:8]
    scope = f"{date}/us-east-1/s3/aws4_request"
    k = hmac256(("AWS4" + secret).encode(), date)
    for part in ("us-east-1", "s3", "aws4_request"):
        k = hmac256(k, part)
    prev = req.headers["Authorization"].rsplit("Signature=", 1)[1]
    empty = hashlib.sha256(b"").hexdigest()
    body = b""
    for i, c in enumerate(chunks):
        to_sign = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", amz_date, scope, prev, empty,
                             hashlib.sha256(c).hexdigest()])
        prev = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
        if i == corrupt_chunk and c:
            c = bytes([c[0] ^ 1]) + c[1:]
        body += f"{len(c):x};chunk-signature={prev}\r\n".encode() + c + b"\r\n"
    return requests.put(url, data=body, headers=dict(req.headers.items()))


if AUTH:
    KEY, SECRET = sys.argv[3], sys.argv[4]
    BUCKET = f"authpy-{KEY}"
    good = client(KEY, SECRET)
    good.create_bucket(Bucket=BUCKET)
    payload = os.urandom(3 * 1024 * 1024 + 7)
    good.put_object(Bucket=BUCKET, Key="obj", Body=payload)
    check_eq("right secret round-trip", sha(payload),
             sha(good.get_object(Bucket=BUCKET, Key="obj")["Body"].read()))
    check_eq("right secret listing", ["obj"],
             [o["Key"] for o in good.list_objects_v2(Bucket=BUCKET)["Contents"]])
    check_eq("wrong secret", (403, "SignatureDoesNotMatch"),
             error_of(client(KEY, SECRET + "x").get_object, Bucket=BUCKET, Key="obj"))
    check_eq("wrong secret put", (403, "SignatureDoesNotMatch"),
             error_of(client(KEY, "wrong").put_object, Bucket=BUCKET, Key="no", Body=b"x"))
    check_eq("unknown key", (403, "InvalidAccessKeyId"),
             error_of(client("nobody", SECRET).list_objects_v2, Bucket=BUCKET))
    check_eq("nothing written by a wrong secret", (404, "404"),
             error_of(good.head_object, Bucket=BUCKET, Key="no"))
    raw = requests.get(f"{ENDPOINT}/{BUCKET}/obj")
    check("anonymous refused", raw.status_code == 403 and "<Code>AccessDenied</Code>" in raw.text,
          raw.text)
    # A body other than the one whose hash was signed.
    req = signed("PUT", f"{ENDPOINT}/{BUCKET}/swapped", KEY, SECRET, body=b"signed body")
    raw = requests.put(req.url, data=b"other body!", headers=dict(req.headers.items()))
    check("swapped body refused",
          raw.status_code == 400 and "XAmzContentSHA256Mismatch" in raw.text, raw.text)
    check_eq("swapped body left nothing", (404, "404"),
             error_of(good.head_object, Bucket=BUCKET, Key="swapped"))
    # Signed aws-chunked uploads: right, then one chunk changed after signing.
    data = os.urandom(200 * 1024 + 3)
    raw = chunked_put(f"{ENDPOINT}/{BUCKET}/chunked", KEY, SECRET, data)
    check_eq("signed chunked upload", 200, raw.status_code)
    check_eq("signed chunked bytes", sha(data),
             sha(good.get_object(Bucket=BUCKET, Key="chunked")["Body"].read()))
    raw = chunked_put(f"{ENDPOINT}/{BUCKET}/badchunk", KEY, SECRET, data, corrupt_chunk=1)
    check("bad chunk signature refused",
          raw.status_code == 403 and "SignatureDoesNotMatch" in raw.text, raw.text)
    check_eq("bad chunk left nothing", (404, "404"),
             error_of(good.head_object, Bucket=BUCKET, Key="badchunk"))
    # S3SigV4Auth signs the hash of an empty body: the chunked body does not have it.
    raw = chunked_put(f"{ENDPOINT}/{BUCKET}/emptyhash", KEY, SECRET, data, signer=S3SigV4Auth)
    check("chunked body under another payload hash refused",
          raw.status_code == 400 and "XAmzContentSHA256Mismatch" in raw.text, raw.text)
    raw = chunked_put(f"{ENDPOINT}/{BUCKET}/wrongkey", KEY, "wrong", data)
    check_eq("chunked upload with a wrong secret", 403, raw.status_code)
    # Presigned URLs (curl fetches one in s3_api_test.sh).
    url = good.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": "obj"},
                                      ExpiresIn=60)
    check_eq("presigned get", sha(payload), sha(requests.get(url).content))
    raw = requests.get(url.replace(f"{BUCKET}/obj", f"{BUCKET}/chunked"))
    check("presigned URL for another key refused",
          raw.status_code == 403 and "SignatureDoesNotMatch" in raw.text, raw.text)
    put_url = good.generate_presigned_url("put_object",
                                          Params={"Bucket": BUCKET, "Key": "viaurl"},
                                          ExpiresIn=60)
    check_eq("presigned put", 200, requests.put(put_url, data=b"via url").status_code)
    check_eq("presigned put bytes", b"via url",
             good.get_object(Bucket=BUCKET, Key="viaurl")["Body"].read())
    print(f"boto3: {PASSES} passed, {FAILURES} failed")
    sys.exit(1 if FAILURES else 0)

s3 = client()

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
