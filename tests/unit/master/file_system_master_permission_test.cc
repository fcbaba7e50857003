// FileSystemMaster permission checks (permission_enabled, superuser "root", supergroup
// "supergroup"): traversal, create, list, delete, rename, set attribute (chown, chmod, chgrp,
// pin), free, and the superuser / supergroup bypass. Messages follow Alluxio's
// "Permission denied: user=..., access=..., path=...: failed at ..." form.
#include <catch2/catch.hpp>
#include <string>

#include "server/master/file_system_master.h"
#include "tests/unit/master/file_system_master_test_util.h"

namespace alluxio::master {
namespace {

using testing::Harness;
using testing::HarnessConfig;

const CallerInfo kRoot{"root", {"root"}};
const CallerInfo kAlice{"alice", {"staff", "dev"}};
const CallerInfo kBob{"bob", {"users"}};
const CallerInfo kCarol{"carol", {"supergroup"}};  // superuser by group

HarnessConfig Secure() {
  HarnessConfig config;
  config.permissions = true;
  return config;
}

void MkdirAs(Harness& h, const CallerInfo& who, const std::string& path, int mode) {
  wire::CreateDirectoryOptions options;
  options.recursive = true;
  options.write_type = wire::WriteType::kMustCache;
  options.mode = mode;
  MASTER_REQUIRE_OK(h->CreateDirectory(who, path, options));
}

void FileAs(Harness& h, const CallerInfo& who, const std::string& path, int mode = 0644) {
  wire::CreateFileOptions create;
  create.write_type = wire::WriteType::kMustCache;
  create.mode = mode;
  MASTER_REQUIRE_OK(h->CreateFile(who, path, create));
  CompleteFileOptions complete;
  complete.length = 1;
  complete.write_type = wire::WriteType::kMustCache;
  MASTER_REQUIRE_OK(h->CompleteFile(who, path, complete));
}

Status Chmod(Harness& h, const CallerInfo& who, const std::string& path, int mode) {
  wire::SetAttributeOptions options;
  options.mode = mode;
  return h->SetAttribute(who, path, options);
}

Status CreateAs(Harness& h, const CallerInfo& who, const std::string& path) {
  wire::CreateFileOptions create;
  create.recursive = true;
  create.write_type = wire::WriteType::kMustCache;
  return h->CreateFile(who, path, create).status();
}

std::string Denied(const std::string& user, const std::string& access, const std::string& path,
                   const std::string& at, const std::string& owner, const std::string& group,
                   const std::string& mode) {
  return "Permission denied: user=" + user + ", access=" + access + ", path=" + path +
         ": failed at " + at + ", inode owner=" + owner + ", inode group=" + group +
         ", inode mode=" + mode;
}

TEST_CASE("traversal needs execute on every ancestor", "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/private", 0700);
  FileAs(h, kRoot, "/private/f");
  MASTER_CHECK_ERROR(h->GetStatus(kAlice, "/private/f", wire::GetStatusOptions{}),
                     kPermissionDenied,
                     Denied("alice", "--x", "/private/f", "private", "root", "root", "rwx------"));
  MASTER_CHECK_CODE(h->Exists(kAlice, "/private/f", wire::ExistsOptions{}), kPermissionDenied);
  MASTER_CHECK_CODE(h->ListStatus(kAlice, "/private/f", wire::ListStatusOptions{}, "", 0),
                    kPermissionDenied);
  // The directory itself only needs execute on "/".
  MASTER_REQUIRE_OK(h->GetStatus(kAlice, "/private", wire::GetStatusOptions{}));
  auto by_id = h->GetStatus(kRoot, "/private/f", wire::GetStatusOptions{});
  MASTER_REQUIRE_OK(by_id);
  MASTER_CHECK_CODE(h->GetStatusById(kAlice, by_id->file_id), kPermissionDenied);
  // Group members get the group bits.
  MASTER_REQUIRE_OK(Chmod(h, kRoot, "/private", 0710));
  wire::SetAttributeOptions chgrp;
  chgrp.group = "staff";
  MASTER_REQUIRE_OK(h->SetAttribute(kRoot, "/private", chgrp));
  MASTER_REQUIRE_OK(h->GetStatus(kAlice, "/private/f", wire::GetStatusOptions{}));
  MASTER_CHECK_CODE(h->GetStatus(kBob, "/private/f", wire::GetStatusOptions{}), kPermissionDenied);
}

TEST_CASE("create needs write and execute on the parent", "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/shared", 0755);
  MASTER_CHECK_ERROR(CreateAs(h, kAlice, "/shared/f"), kPermissionDenied,
                     Denied("alice", "-wx", "/shared/f", "shared", "root", "root", "rwxr-xr-x"));
  wire::CreateDirectoryOptions mkdir;
  mkdir.write_type = wire::WriteType::kMustCache;
  MASTER_CHECK_ERROR(h->CreateDirectory(kAlice, "/shared/d", mkdir), kPermissionDenied,
                     Denied("alice", "-wx", "/shared/d", "shared", "root", "root", "rwxr-xr-x"));
  // Missing directories are checked at the deepest existing one.
  MASTER_CHECK_ERROR(CreateAs(h, kAlice, "/x/y/f"), kPermissionDenied,
                     Denied("alice", "-wx", "/x/y/f", "/", "root", "root", "rwxr-xr-x"));
  MASTER_REQUIRE_OK(Chmod(h, kRoot, "/shared", 0777));
  MASTER_REQUIRE_OK(CreateAs(h, kAlice, "/shared/f"));
  wire::FileInfo f = h.Stat("/shared/f", kAlice);
  CHECK(f.owner == "alice");
  CHECK(f.group == "staff");
  MASTER_REQUIRE_OK(CreateAs(h, kAlice, "/shared/a/b/g"));
  CHECK(h.Stat("/shared/a", kAlice).owner == "alice");
}

TEST_CASE("listing a directory needs read on it", "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/noread", 0711);
  FileAs(h, kRoot, "/noread/f");
  MASTER_CHECK_ERROR(h->ListStatus(kAlice, "/noread", wire::ListStatusOptions{}, "", 0),
                     kPermissionDenied,
                     Denied("alice", "r-x", "/noread", "noread", "root", "root", "rwx--x--x"));
  // Without read, a known child can still be looked up.
  MASTER_REQUIRE_OK(h->GetStatus(kAlice, "/noread/f", wire::GetStatusOptions{}));
  MkdirAs(h, kRoot, "/open", 0755);
  FileAs(h, kRoot, "/open/f");
  auto page = h->ListStatus(kAlice, "/open", wire::ListStatusOptions{}, "", 0);
  MASTER_REQUIRE_OK(page);
  CHECK(page->entries.size() == 1);
}

TEST_CASE("delete needs write on the parent", "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/dir", 0755);
  FileAs(h, kRoot, "/dir/f");
  wire::SetAttributeOptions chown;
  chown.owner = "alice";
  MASTER_REQUIRE_OK(h->SetAttribute(kRoot, "/dir/f", chown));
  // Owning the file is not enough.
  MASTER_CHECK_ERROR(h->Delete(kAlice, "/dir/f", wire::DeleteOptions{}), kPermissionDenied,
                     Denied("alice", "-wx", "/dir/f", "dir", "root", "root", "rwxr-xr-x"));
  CHECK(h->Exists(kRoot, "/dir/f", wire::ExistsOptions{}).value_or(false));
  MASTER_REQUIRE_OK(Chmod(h, kRoot, "/dir", 0777));
  FileAs(h, kRoot, "/dir/g", 0600);
  MASTER_REQUIRE_OK(h->Delete(kAlice, "/dir/g", wire::DeleteOptions{}));
  MASTER_REQUIRE_OK(h->Delete(kAlice, "/dir/f", wire::DeleteOptions{}));
  CHECK(h.Stat("/dir", kRoot).length == 0);
}

TEST_CASE("rename needs write on both parents", "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/src", 0777);
  MkdirAs(h, kRoot, "/dst", 0755);
  FileAs(h, kAlice, "/src/f");
  MASTER_CHECK_ERROR(h->Rename(kAlice, "/src/f", "/dst/f", wire::RenameOptions{}),
                     kPermissionDenied,
                     Denied("alice", "-wx", "/dst/f", "dst", "root", "root", "rwxr-xr-x"));
  MASTER_REQUIRE_OK(h->Rename(kAlice, "/src/f", "/src/g", wire::RenameOptions{}));
  MASTER_CHECK_ERROR(h->Rename(kAlice, "/dst", "/src/dst", wire::RenameOptions{}),
                     kPermissionDenied,
                     Denied("alice", "-wx", "/dst", "/", "root", "root", "rwxr-xr-x"));
}

TEST_CASE("only the superuser changes the owner", "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/home", 0777);
  FileAs(h, kAlice, "/home/f");
  wire::SetAttributeOptions chown;
  chown.owner = "bob";
  MASTER_CHECK_CODE(h->SetAttribute(kAlice, "/home/f", chown), kPermissionDenied);
  MASTER_CHECK_CODE(h->SetAttribute(kBob, "/home/f", chown), kPermissionDenied);
  CHECK(h.Stat("/home/f", kAlice).owner == "alice");
  MASTER_REQUIRE_OK(h->SetAttribute(kRoot, "/home/f", chown));
  CHECK(h.Stat("/home/f", kAlice).owner == "bob");
  chown.owner = "carol";
  MASTER_REQUIRE_OK(h->SetAttribute(kCarol, "/home/f", chown));
  CHECK(h.Stat("/home/f", kAlice).owner == "carol");
}

TEST_CASE("only the owner or the superuser changes the mode", "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/home", 0777);
  FileAs(h, kAlice, "/home/f");
  MASTER_CHECK_CODE(Chmod(h, kBob, "/home/f", 0666), kPermissionDenied);
  CHECK(h.Stat("/home/f", kAlice).mode == 0644);
  MASTER_REQUIRE_OK(Chmod(h, kAlice, "/home/f", 0600));
  CHECK(h.Stat("/home/f", kAlice).mode == 0600);
  MASTER_REQUIRE_OK(Chmod(h, kRoot, "/home/f", 0640));
  CHECK(h.Stat("/home/f", kAlice).mode == 0640);
}

TEST_CASE("changing the group to one the caller is not in is refused", "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/home", 0777);
  FileAs(h, kAlice, "/home/f");
  wire::SetAttributeOptions chgrp;
  chgrp.group = "users";
  MASTER_CHECK_CODE(h->SetAttribute(kAlice, "/home/f", chgrp), kPermissionDenied);
  CHECK(h.Stat("/home/f", kAlice).group == "staff");
  chgrp.group = "dev";
  MASTER_REQUIRE_OK(h->SetAttribute(kAlice, "/home/f", chgrp));
  CHECK(h.Stat("/home/f", kAlice).group == "dev");
  // Bob is in "users" but does not own the file.
  chgrp.group = "users";
  MASTER_CHECK_CODE(h->SetAttribute(kBob, "/home/f", chgrp), kPermissionDenied);
  MASTER_REQUIRE_OK(h->SetAttribute(kRoot, "/home/f", chgrp));
  CHECK(h.Stat("/home/f", kAlice).group == "users");
}

// Regression: chmod and chgrp checked only ownership, so the owner of a file could change it
// through a directory that denied them traversal. Alluxio checks traversal first.
TEST_CASE(
    "changing the mode needs traversal of the ancestors (regression - chmod skipped traversal)",
    "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/home", 0777);
  FileAs(h, kAlice, "/home/f");
  MASTER_REQUIRE_OK(Chmod(h, kRoot, "/home", 0700));
  MASTER_CHECK_ERROR(Chmod(h, kAlice, "/home/f", 0777), kPermissionDenied,
                     Denied("alice", "--x", "/home/f", "home", "root", "root", "rwx------"));
  wire::SetAttributeOptions chgrp;
  chgrp.group = "dev";
  MASTER_CHECK_CODE(h->SetAttribute(kAlice, "/home/f", chgrp), kPermissionDenied);
  wire::FileInfo f = h.Stat("/home/f", kRoot);
  CHECK(f.mode == 0644);
  CHECK(f.group == "staff");
}

TEST_CASE("pinning or setting a TTL needs write on the path", "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/pub", 0777);
  FileAs(h, kRoot, "/pub/f", 0644);
  wire::SetAttributeOptions pin;
  pin.pinned = true;
  MASTER_CHECK_ERROR(h->SetAttribute(kAlice, "/pub/f", pin), kPermissionDenied,
                     Denied("alice", "-w-", "/pub/f", "f", "root", "root", "rw-r--r--"));
  wire::SetAttributeOptions ttl;
  ttl.common.ttl = 1000;
  MASTER_CHECK_CODE(h->SetAttribute(kAlice, "/pub/f", ttl), kPermissionDenied);
  CHECK_FALSE(h.Stat("/pub/f", kAlice).pinned);
  FileAs(h, kAlice, "/pub/mine");
  MASTER_REQUIRE_OK(h->SetAttribute(kAlice, "/pub/mine", pin));
  CHECK(h.Stat("/pub/mine", kAlice).pinned);
}

TEST_CASE("free needs read on the path", "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/pub", 0777);
  FileAs(h, kRoot, "/pub/secret", 0600);
  MASTER_CHECK_ERROR(h->Free(kAlice, "/pub/secret", wire::FreeOptions{}), kPermissionDenied,
                     Denied("alice", "r--", "/pub/secret", "secret", "root", "root", "rw-------"));
}

TEST_CASE("the superuser, supergroup members and NOSASL callers bypass permission checks",
          "[master]") {
  Harness h(Secure());
  MkdirAs(h, kRoot, "/private", 0700);
  FileAs(h, kRoot, "/private/f", 0600);
  for (const CallerInfo& who : {kRoot, kCarol, CallerInfo{}}) {
    INFO(who.user);
    MASTER_REQUIRE_OK(h->GetStatus(who, "/private/f", wire::GetStatusOptions{}));
    MASTER_REQUIRE_OK(h->ListStatus(who, "/private", wire::ListStatusOptions{}, "", 0));
    MASTER_REQUIRE_OK(CreateAs(h, who, "/private/new"));
    MASTER_REQUIRE_OK(Chmod(h, who, "/private/f", 0640));
    MASTER_REQUIRE_OK(h->Delete(who, "/private/new", wire::DeleteOptions{}));
  }
  CHECK(h.Stat("/private", kRoot).length == 1);
}

TEST_CASE("with permissions disabled every caller may do anything", "[master]") {
  Harness h;  // permission_enabled = false
  MkdirAs(h, kRoot, "/private", 0700);
  FileAs(h, kRoot, "/private/f", 0600);
  MASTER_REQUIRE_OK(h->GetStatus(kBob, "/private/f", wire::GetStatusOptions{}));
  MASTER_REQUIRE_OK(Chmod(h, kBob, "/private/f", 0666));
  MASTER_REQUIRE_OK(h->Delete(kBob, "/private/f", wire::DeleteOptions{}));
}

}  // namespace
}  // namespace alluxio::master
