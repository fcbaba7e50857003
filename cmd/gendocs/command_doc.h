// CommandDoc: a plain, sorted description of a CLI11 command tree (commands, options,
// positionals, what kind of value each takes), built once from the `CLI::App` so that the
// completion and man page emitters never touch CLI11 themselves and always agree.
//
// What a value is (a property key, an Alluxio path, one of a few words...) is read from the
// tree where it says so (type names such as KEY=VALUE, DIR, PATH; a CLI11 IsMember check; a
// "{a|b|c}" list in the description) and otherwise from a list of ValueHints.
//
// Plain values; no shared state.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace alluxio::cli::gendocs {

enum class ValueKind {
  kNone,            // a flag: takes no value
  kText,            // free text: nothing to complete
  kChoice,          // one of ValueSpec::choices
  kPropertyKey,     // a declared configuration key
  kPropertyAssign,  // key=value with a declared configuration key
  kDirectory,       // a local directory
  kLocalPath,       // a local file or directory (or a UFS URI)
  kAlluxioPath,     // a path in the Alluxio namespace
  // Hints only: a sibling command's name (`fs help ls`). DescribeCommandTree turns it into a
  // kChoice of the siblings' names, so emitters never see it.
  kSubcommand,
};

struct ValueSpec {
  ValueKind kind = ValueKind::kNone;
  std::string name;                  // shown in usages and man pages: "KEY=VALUE", "PATH"
  std::vector<std::string> choices;  // kChoice: the words
};

struct OptionDoc {
  std::vector<std::string> short_names;  // without the dash: "R"
  std::vector<std::string> long_names;   // without the dashes: "recursive"
  std::string description;
  ValueSpec value;  // kind kNone for a flag
  bool repeatable = false;
  bool required = false;
  bool help = false;       // the command's help flag
  bool inherited = false;  // declared on an ancestor; accepted here because CLI11 falls through

  // "-R", "-r", "--recursive": short names first, in declaration order.
  std::vector<std::string> Names() const;
};

struct PositionalDoc {
  std::string name;  // CLI11's name: "KEY", "args"
  std::string description;
  bool repeatable = false;
  bool required = false;
  std::vector<ValueSpec> leading;  // the value at index 0, 1, ... when they differ
  ValueSpec rest;                  // every later value

  // The value at 0-based `index` among this positional's values.
  const ValueSpec& At(size_t index) const;
};

struct CommandDoc {
  std::vector<std::string> path;  // {} for the root, {"fs", "ls"} for `alluxio fs ls`
  std::string program;            // the root app's name, "alluxio"
  std::string description;        // may hold several lines
  std::string usage;              // one line: "alluxio fs ls [-d|-f|...] <path> ..."
  bool usage_given = false;       // the command states its usage (a "Usage: " footer)
  std::string notes;  // the rest of the footer (e.g. the command's own exit codes), may be
  std::vector<OptionDoc> options;          // own options sorted, then help, then inherited ones
  std::vector<PositionalDoc> positionals;  // empty for commands with subcommands
  std::vector<CommandDoc> subcommands;     // sorted by name

  std::string Name() const;        // "fs ls" (the last path element), "" for the root
  std::string PathString() const;  // "fs ls", "" for the root
  std::string FullName() const;    // "alluxio fs ls"
};

// Replaces the value kinds of one option or positional of one command. An empty ValueSpec
// name keeps the tree's. Options take only `rest`.
struct ValueHint {
  std::string command;  // path string, e.g. "fs copyFromLocal"
  std::string target;   // an option name with its dashes ("--action") or a positional's name
  std::vector<ValueSpec> leading;
  ValueSpec rest;
};

// Describes `root` and every subcommand. Hints win over what the tree says.
CommandDoc DescribeCommandTree(const CLI::App& root, const std::vector<ValueHint>& hints = {});

// The values a command's positionals take, in order: `leading[i]` at index i, `rest` at every
// later index (kind kNone when no more values are accepted).
struct PositionalSlots {
  std::vector<ValueSpec> leading;
  ValueSpec rest;
};
PositionalSlots SlotsOf(const CommandDoc& doc);

// Every command of the tree, depth first, parents before children.
std::vector<const CommandDoc*> Flatten(const CommandDoc& root);

// The first sentence of the first line of `text` (for one-line descriptions in completions).
std::string Summary(const std::string& text);

}  // namespace alluxio::cli::gendocs
