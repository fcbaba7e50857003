#include "cmd/shell/shell_session.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cmd/command_context.h"
#include "cmd/exit_codes.h"
#include "cmd/fs/fs_format.h"
#include "cmd/fs/fs_path_args.h"
#include "cmd/fsadmin_command.h"
#include "lib/common/logging.h"
#include "lib/common/path.h"
#include "lib/common/strings.h"
#include "lib/conf/property_key.h"
#include "lib/conf/units.h"
#include "lib/wire/fs_json.h"
#include "lib/wire/worker_json.h"

namespace alluxio::cli::shell {
namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

// Parses `args` (without the command name) into `app`. Returns -1 when the command should run,
// else the exit code (help printed: 0; bad flags: 1).
int ParseArgs(CLI::App& app, const Words& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    err << app.get_name() << ": " << e.what() << "\n";
    if (!app.get_footer().empty()) err << app.get_footer();
    return kExitUsage;
  }
  return -1;
}

std::vector<std::string> WithPrefix(const std::vector<std::string>& names,
                                    std::string_view prefix) {
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (StartsWith(n, prefix)) out.push_back(n);
  }
  return out;
}

}  // namespace

ShellSession::ShellSession(client::RestFileSystem& fs, fs::FsSettings settings,
                           std::string date_pattern, std::ostream& out, std::ostream& err)
    : fs_(fs),
      settings_(std::move(settings)),
      date_pattern_(std::move(date_pattern)),
      out_(out),
      err_(err),
      table_(fs::BuildFsCommandTable()),
      builtins_({
          {"cd", "cd [path]", "Change the current directory (default /)", &ShellSession::Cd},
          {"conf", "conf [--json] [key]",
           "Print the proxy's configuration, or one property's value", &ShellSession::Conf},
          {"exit", "exit [code]", "Leave the shell (also quit, Ctrl-D)", &ShellSession::Exit},
          {"help", "help [command]", "List the commands, or describe one", &ShellSession::Help},
          {"metrics", "metrics [--json] [substring]",
           "Print the master's metrics (those whose name contains substring)",
           &ShellSession::Metrics},
          {"mounts", "mounts", "Print the mount table (as `mount` without arguments)",
           &ShellSession::Mounts},
          {"pwd", "pwd", "Print the current directory", &ShellSession::Pwd},
          {"quit", "quit [code]", "Leave the shell (also exit, Ctrl-D)", &ShellSession::Exit},
          {"report", "report [summary|capacity] [--json]",
           "Report the cluster's summary or capacity (as `alluxio fsadmin report`)",
           &ShellSession::Report},
          {"workers", "workers [--json]", "List the workers the master knows, live and lost",
           &ShellSession::Workers},
      }) {}

const ShellSession::Builtin* ShellSession::FindBuiltin(std::string_view name) const {
  for (const auto& b : builtins_) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

std::vector<std::string> ShellSession::CommandNames() const {
  std::vector<std::string> names;
  for (const auto& b : builtins_) names.push_back(b.name);
  for (const auto& s : table_) names.push_back(s.name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

int ShellSession::Run(std::string_view text, bool stop_on_failure) {
  auto commands = SplitCommands(text);
  if (!commands.ok()) {
    err_ << commands.status().message() << "\n";
    return kExitUsage;
  }
  int first_failure = 0;
  for (const Words& words : *commands) {
    int code = RunCommand(words);
    if (exit_requested_) return first_failure ? first_failure : code;
    if (code != 0 && first_failure == 0) first_failure = code;
    if (code != 0 && stop_on_failure) break;
  }
  return first_failure;
}

int ShellSession::RunCommand(const Words& words) {
  if (words.empty()) return kExitOk;
  Words args(words.begin() + 1, words.end());
  int code;
  if (const Builtin* b = FindBuiltin(words[0])) {
    code = (this->*(b->run))(args);
  } else if (const fs::FsCommandSpec* spec = fs::FindFsCommand(table_, words[0])) {
    code = RunFs(*spec, args);
  } else {
    err_ << words[0] << " is an unknown command. Type `help` for the list.\n";
    code = kExitUsage;
  }
  out_.flush();
  err_.flush();
  return code;
}

int ShellSession::Finish(CommandContext& ctx, const Status& st) {
  out_.flush();
  if (!st.ok()) err_ << st.message() << "\n";
  if (ctx.exit_code) return *ctx.exit_code;
  return ExitCodeFor(st, ctx.usage_error);
}

int ShellSession::RunFs(const fs::FsCommandSpec& spec, const Words& args) {
  CommandContext ctx(out_, err_);
  ctx.working_dir = cwd_;
  ctx.command = "fs " + spec.name;
  CLI::App app(spec.description, spec.name);
  fs::FsCommandInstance inst = fs::InstantiateFsCommand(spec, app);
  if (int code = ParseArgs(app, args, out_, err_); code >= 0) return code;
  // As in any shell, listing without a path lists the current directory.
  if (inst.args->empty() && (spec.name == "ls" || spec.name == "du")) inst.args->push_back(cwd_);
  fs::FsEnv env{fs_, ctx, settings_};
  return Finish(ctx, inst.Run(env));
}

int ShellSession::Cd(const Words& args) {
  if (args.size() > 1) {
    err_ << "cd takes at most one path\n";
    return kExitUsage;
  }
  CommandContext ctx(out_, err_);
  ctx.working_dir = cwd_;
  auto path = fs::ParseFsPath(ctx, args.empty() ? "/" : args[0]);
  if (!path.ok()) return Finish(ctx, path.status());
  if (!path->prefix.empty()) {
    err_ << "cd: the shell talks to one proxy; give a path, not " << args[0] << "\n";
    return kExitUsage;
  }
  auto info = fs_.GetStatus(path->path, {});
  if (!info.ok()) return Finish(ctx, info.status());
  if (!info->folder) {
    return Finish(ctx,
                  Status::FailedPrecondition("Path \"" + path->path + "\" is not a directory"));
  }
  cwd_ = path->path;
  return kExitOk;
}

int ShellSession::Pwd(const Words& args) {
  if (!args.empty()) {
    err_ << "pwd takes no arguments\n";
    return kExitUsage;
  }
  out_ << cwd_ << "\n";
  return kExitOk;
}

int ShellSession::Exit(const Words& args) {
  int64_t code = 0;
  if (args.size() > 1 ||
      (args.size() == 1 && (!ParseInt64(args[0], &code) || code < 0 || code > 255))) {
    err_ << "exit takes one optional exit code between 0 and 255\n";
    return kExitUsage;
  }
  exit_requested_ = true;
  exit_code_ = static_cast<int>(code);
  return exit_code_;
}

int ShellSession::Help(const Words& args) {
  if (args.empty()) {
    out_ << "Admin commands:\n";
    for (const auto& b : builtins_) {
      out_ << "  " << fs::PadRight(b.usage, 38) << " " << b.description << "\n";
    }
    out_ << "File system commands (as `alluxio fs`; relative paths start at the current "
            "directory):\n";
    for (const auto& s : table_) {
      out_ << "  " << fs::PadRight(s.name, 20) << " " << s.usage << "\n";
    }
    out_ << "`help <command>` or `<command> --help` for details. Exit with exit, quit or "
            "Ctrl-D.\n";
    return kExitOk;
  }
  if (args.size() > 1) {
    err_ << "help takes at most one command name\n";
    return kExitUsage;
  }
  if (const Builtin* b = FindBuiltin(args[0])) {
    out_ << "Usage: " << b->usage << "\n" << b->description << "\n";
    return kExitOk;
  }
  if (const fs::FsCommandSpec* spec = fs::FindFsCommand(table_, args[0])) {
    return RunFs(*spec, {"--help"});
  }
  err_ << args[0] << " is an unknown command. Type `help` for the list.\n";
  return kExitUsage;
}

int ShellSession::Report(const Words& args) {
  CLI::App app("Report the cluster's summary or capacity", "report");
  app.set_help_flag("--help", "Print this command's flags and exit");
  ReportOptions options;
  DeclareReportOptions(app, options);
  if (int code = ParseArgs(app, args, out_, err_); code >= 0) return code;
  CommandContext ctx(out_, err_);
  return Finish(ctx, RunReport(ctx, fs_, options, date_pattern_));
}

int ShellSession::Workers(const Words& args) {
  CLI::App app("List the workers the master knows", "workers");
  app.set_help_flag("--help", "Print this command's flags and exit");
  bool as_json = false;
  app.add_flag("--json", as_json, "Print a JSON array of worker objects");
  if (int code = ParseArgs(app, args, out_, err_); code >= 0) return code;
  CommandContext ctx(out_, err_);
  auto workers = fs_.ListWorkers();
  if (!workers.ok()) return Finish(ctx, workers.status());
  if (as_json) {
    out_ << Dump(json(*workers)) << "\n";
    return kExitOk;
  }
  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  out_ << fs::PadRight("ID", 22) << fs::PadRight("Address", 24) << fs::PadRight("State", 7)
       << fs::PadRight("Heartbeat", 11) << fs::PadRight("Capacity", 12) << fs::PadRight("Used", 12)
       << "Blocks\n";
  for (const auto& w : *workers) {
    int64_t cap = 0, used = 0;
    for (const auto& t : w.tiers) {
      cap += t.capacity_bytes;
      used += t.used_bytes;
    }
    out_ << fs::PadRight(std::to_string(w.id), 22)
         << fs::PadRight(w.address.host + ":" + std::to_string(w.address.rpc_port), 24)
         << fs::PadRight(w.state, 7)
         << fs::PadRight(
                std::to_string(std::max<int64_t>(0, (now - w.last_contact_ms) / 1000)) + "s ago",
                11)
         << fs::PadRight(conf::FormatBytes(cap), 12) << fs::PadRight(conf::FormatBytes(used), 12)
         << w.block_count << "\n";
  }
  return kExitOk;
}

int ShellSession::Mounts(const Words& args) {
  const fs::FsCommandSpec* spec = fs::FindFsCommand(table_, "mount");
  for (const auto& a : args) {
    if (a.empty() || a[0] != '-') {
      err_ << "mounts takes no paths; use `mount <alluxioPath> <ufsURI>` to add one\n";
      return kExitUsage;
    }
  }
  return RunFs(*spec, args);
}

int ShellSession::Metrics(const Words& args) {
  CLI::App app("Print the master's metrics", "metrics");
  app.set_help_flag("--help", "Print this command's flags and exit");
  bool as_json = false;
  std::string filter;
  app.add_flag("--json", as_json, "Print the metrics document as JSON");
  app.add_option("substring", filter, "Only metrics whose name contains this");
  if (int code = ParseArgs(app, args, out_, err_); code >= 0) return code;
  CommandContext ctx(out_, err_);
  auto body = fs_.Request("GET", "/api/v1/proxy/admin/metrics");
  if (!body.ok()) return Finish(ctx, body.status());
  auto doc = wire::ParseJson(*body);
  if (!doc.ok() || !doc->is_object()) {
    return Finish(ctx, Status::Internal("The proxy answered metrics with a malformed body"));
  }
  // Flattened: name -> value, from {"gauges": {n: {"value"}}, "counters": {n: {"count"}}, ...}.
  std::vector<std::pair<std::string, json>> rows;
  for (const auto& [group, members] : doc->items()) {
    if (!members.is_object()) continue;
    for (const auto& [name, m] : members.items()) {
      if (!filter.empty() && name.find(filter) == std::string::npos) continue;
      json v = m;
      if (m.is_object() && m.size() == 1) v = m.begin().value();
      rows.emplace_back(name, v);
    }
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  if (as_json) {
    json out = json::object();
    for (const auto& [name, v] : rows) out[name] = v;
    out_ << Dump(out) << "\n";
    return kExitOk;
  }
  size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.first.size());
  for (const auto& [name, v] : rows) {
    out_ << fs::PadRight(name, width + 2) << (v.is_string() ? v.get<std::string>() : v.dump())
         << "\n";
  }
  return kExitOk;
}

int ShellSession::Conf(const Words& args) {
  CLI::App app("Print the proxy's configuration", "conf");
  app.set_help_flag("--help", "Print this command's flags and exit");
  bool as_json = false;
  std::string key;
  app.add_flag("--json", as_json, "Print a JSON object of key -> value");
  app.add_option("key", key, "Print only this property's value");
  if (int code = ParseArgs(app, args, out_, err_); code >= 0) return code;
  CommandContext ctx(out_, err_);
  auto body = fs_.Request("GET", "/api/v1/proxy/info");
  if (!body.ok()) return Finish(ctx, body.status());
  auto doc = wire::ParseJson(*body);
  if (!doc.ok() || !doc->is_object() || !doc->contains("configuration") ||
      !(*doc)["configuration"].is_object()) {
    return Finish(ctx, Status::Internal("The proxy's info has no configuration object"));
  }
  const json& c = (*doc)["configuration"];
  if (!key.empty()) {
    if (!c.contains(key)) {
      ctx.usage_error = conf::FindPropertyKey(key) == nullptr;
      return Finish(ctx, Status::NotFound(ctx.usage_error ? key + " is not a known property key"
                                                          : key + " has no value on the proxy"));
    }
    if (as_json) {
      out_ << Dump(json{{key, c[key]}}) << "\n";
    } else {
      out_ << (c[key].is_string() ? c[key].get<std::string>() : c[key].dump()) << "\n";
    }
    return kExitOk;
  }
  if (as_json) {
    out_ << Dump(c) << "\n";
    return kExitOk;
  }
  std::vector<std::string> keys;
  for (const auto& [k, v] : c.items()) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  for (const auto& k : keys) {
    out_ << k << "=" << (c[k].is_string() ? c[k].get<std::string>() : c[k].dump()) << "\n";
  }
  return kExitOk;
}

// ---- Completion ----

std::vector<std::string> ShellSession::CompleteFlags(const std::string& command) {
  std::vector<std::string> flags = {"--help"};
  const std::string& fs_name = command == "mounts" ? std::string("mount") : command;
  if (const fs::FsCommandSpec* spec = fs::FindFsCommand(table_, fs_name)) {
    CLI::App app(spec->description, spec->name);
    (void)fs::InstantiateFsCommand(*spec, app);
    for (const CLI::Option* opt : app.get_options()) {
      for (const auto& s : opt->get_snames()) flags.push_back("-" + s);
      for (const auto& l : opt->get_lnames()) flags.push_back("--" + l);
    }
  } else if (command == "report" || command == "workers" || command == "conf" ||
             command == "metrics") {
    flags.push_back("--json");
  }
  std::sort(flags.begin(), flags.end());
  flags.erase(std::unique(flags.begin(), flags.end()), flags.end());
  return flags;
}

std::vector<std::string> ShellSession::CompletePath(const std::string& typed, size_t limit) {
  size_t slash = typed.rfind('/');
  std::string dir_part = slash == std::string::npos ? "" : typed.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? typed : typed.substr(slash + 1);
  std::string dir = dir_part.empty() ? cwd_ : dir_part;
  if (dir[0] != '/') dir = cwd_ + "/" + dir;
  auto normalized = NormalizePath(dir);
  if (!normalized.ok()) return {};
  std::vector<std::string> out;
  Status st = fs_.ListStatus(*normalized, {}, [&](wire::FileInfo&& f) {
    if (StartsWith(f.name, base)) out.push_back(dir_part + f.name + (f.folder ? "/" : ""));
    if (out.size() >= limit) return Status::Cancelled("enough");
    return Status::OK();
  });
  (void)st;  // completion shows what it found; errors mean no candidates
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> ShellSession::Complete(std::string_view line, size_t limit) {
  PartialLine p = SplitForCompletion(line);
  std::vector<std::string> out;
  if (p.words.empty()) {
    out = WithPrefix(CommandNames(), p.current);
  } else {
    const std::string& command = p.words[0];
    if (command == "help") {
      if (p.words.size() == 1) out = WithPrefix(CommandNames(), p.current);
    } else if (StartsWith(p.current, "-")) {
      out = WithPrefix(CompleteFlags(command), p.current);
    } else if (command == "report") {
      out = WithPrefix({"capacity", "summary"}, p.current);
    } else if (command == "conf") {
      std::vector<std::string> keys;
      for (const auto& k : conf::AllPropertyKeys()) keys.push_back(std::string(k.name));
      std::sort(keys.begin(), keys.end());
      out = WithPrefix(keys, p.current);
    } else if (command == "cd" || fs::FindFsCommand(table_, command) != nullptr) {
      out = CompletePath(p.current, limit);
    }
  }
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace alluxio::cli::shell
