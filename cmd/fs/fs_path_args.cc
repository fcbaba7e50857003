#include "cmd/fs/fs_path_args.h"

#include <algorithm>

#include "cmd/command_context.h"
#include "lib/common/path.h"
#include "lib/common/strings.h"

namespace alluxio::cli::fs {

namespace {
constexpr std::string_view kScheme = "alluxio://";
}  // namespace

Result<FsPath> ParseFsPath(CommandContext& ctx, std::string_view arg) {
  FsPath out;
  if (StartsWith(arg, kScheme)) {
    auto uri = ParseAlluxioUri(arg);
    if (!uri.ok()) return ctx.UsageError(std::string(uri.status().message()));
    out.prefix = std::string(kScheme) + uri->authority;
    out.path = std::move(uri->path);
  } else {
    std::string joined;
    if (!arg.empty() && arg[0] != '/' && ctx.working_dir) {
      joined = *ctx.working_dir + "/" + std::string(arg);
    }
    auto normalized = NormalizePath(joined.empty() ? arg : std::string_view(joined));
    if (!normalized.ok()) return ctx.UsageError(std::string(normalized.status().message()));
    out.path = std::move(*normalized);
  }
  out.display = out.prefix + out.path;
  return out;
}

FsPath WithPath(const FsPath& base, std::string path) {
  FsPath out;
  out.prefix = base.prefix;
  out.path = std::move(path);
  out.display = out.prefix + out.path;
  return out;
}

Result<std::vector<FsPath>> ExpandGlob(client::FileSystem& fs, const FsPath& pattern) {
  if (!HasGlob(pattern.path)) return std::vector<FsPath>{pattern};
  std::vector<std::string> current = {"/"};
  bool expanded = false;  // once a component matched by listing, later plain ones need a check
  for (const std::string& component : PathComponents(pattern.path)) {
    std::vector<std::string> next;
    if (HasGlob(component)) {
      for (const std::string& dir : current) {
        Status st = fs.ListStatus(dir, {}, [&](wire::FileInfo&& child) {
          // Listing a file yields the file itself: it has no children to match.
          if (child.path != dir && GlobMatch(component, child.name)) {
            next.push_back(std::move(child.path));
          }
          return Status::OK();
        });
        if (!st.ok() && st.code() != StatusCode::kNotFound) return st;
      }
      expanded = true;
    } else {
      for (const std::string& dir : current) {
        std::string candidate = JoinPath(dir, component);
        if (expanded) {
          ASSIGN_OR_RETURN(bool exists, fs.Exists(candidate));
          if (!exists) continue;
        }
        next.push_back(std::move(candidate));
      }
    }
    current = std::move(next);
    if (current.empty()) break;
  }
  if (current.empty()) return Status::NotFound(pattern.display + " does not exist.");
  std::sort(current.begin(), current.end());
  std::vector<FsPath> out;
  out.reserve(current.size());
  for (std::string& p : current) out.push_back(WithPath(pattern, std::move(p)));
  return out;
}

Status JoinErrors(const std::vector<Status>& errors) {
  if (errors.empty()) return Status::OK();
  std::string message;
  for (const Status& e : errors) {
    if (!message.empty()) message += "\n";
    message += e.message();
  }
  return Status(errors.front().code(), std::move(message));
}

Status ForEachPath(FsEnv& env, const std::vector<std::string>& args,
                   const std::function<Status(const FsPath&)>& fn,
                   const std::function<void()>& before_first) {
  std::vector<FsPath> patterns;
  for (const std::string& arg : args) {
    ASSIGN_OR_RETURN(FsPath p, ParseFsPath(env.ctx, arg));
    patterns.push_back(std::move(p));
  }
  std::vector<Status> errors;
  bool started = false;
  for (const FsPath& pattern : patterns) {
    auto matches = ExpandGlob(env.fs, pattern);
    if (!matches.ok()) {
      errors.push_back(matches.status());
      continue;
    }
    if (!started && before_first) before_first();
    started = true;
    for (const FsPath& path : *matches) {
      Status st = fn(path);
      if (!st.ok()) errors.push_back(st);
    }
  }
  return JoinErrors(errors);
}

Status CheckArgCount(CommandContext& ctx, std::string_view command, std::string_view usage,
                     const std::vector<std::string>& args, int min, int max) {
  int n = static_cast<int>(args.size());
  std::string message;
  if (min == max && n != min) {
    message = "Command " + std::string(command) + " takes " + std::to_string(min) +
              " arguments, not " + std::to_string(n);
  } else if (n < min) {
    message = "Command " + std::string(command) + " requires at least " + std::to_string(min) +
              " arguments (" + std::to_string(n) + " provided)";
  } else if (max >= 0 && n > max) {
    message = "Command " + std::string(command) + " requires at most " + std::to_string(max) +
              " arguments (" + std::to_string(n) + " provided)";
  } else {
    return Status::OK();
  }
  return ctx.UsageError(message + "\nUsage: alluxio fs " + std::string(usage));
}

}  // namespace alluxio::cli::fs
