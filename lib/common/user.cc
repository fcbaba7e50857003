#include "lib/common/user.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace alluxio {

std::string CurrentUserName() {
  uid_t uid = geteuid();
  passwd pw;
  passwd* result = nullptr;
  char buf[4096];
  if (getpwuid_r(uid, &pw, buf, sizeof(buf), &result) == 0 && result) return pw.pw_name;
  return std::to_string(uid);
}

std::vector<std::string> GroupsOfUser(const std::string& user) {
  passwd pw;
  passwd* result = nullptr;
  char buf[4096];
  if (getpwnam_r(user.c_str(), &pw, buf, sizeof(buf), &result) != 0 || !result) return {};
  int n = 64;
  std::vector<gid_t> gids(static_cast<size_t>(n));
  if (getgrouplist(user.c_str(), pw.pw_gid, gids.data(), &n) < 0) {
    gids.resize(static_cast<size_t>(n));
    if (getgrouplist(user.c_str(), pw.pw_gid, gids.data(), &n) < 0) return {};
  }
  gids.resize(static_cast<size_t>(n));
  std::vector<std::string> out;
  for (gid_t g : gids) {
    group gr;
    group* gres = nullptr;
    char gbuf[4096];
    if (getgrgid_r(g, &gr, gbuf, sizeof(gbuf), &gres) == 0 && gres) {
      std::string name = gr.gr_name;
      if (g == pw.pw_gid) {
        out.insert(out.begin(), name);
      } else {
        out.push_back(name);
      }
    }
  }
  return out;
}

}  // namespace alluxio
