// What the generated completions and man pages need besides the command tree: the
// configuration keys (completed after -D/--conf and `conf get`, listed in alluxio-conf(1)) and
// the version the pages carry. Plain values, so tests can build small ones by hand.
#pragma once

#include <string>
#include <vector>

#include "cmd/gendocs/command_doc.h"

namespace alluxio::cli::gendocs {

// One configuration key as the docs show it.
struct PropertyDoc {
  std::string name;           // "alluxio.master.rpc.port"
  std::string type;           // "INT", "ENUM", ...
  std::string default_value;  // as declared (may hold ${other.key}); empty = unset
  std::string scope;          // "MASTER", "ALL", ...
  std::string description;
  std::string env_var;              // environment variable that sets it, or empty
  std::vector<std::string> values;  // the words a value may be (enums, booleans), else empty
};

struct DocInputs {
  std::string version;                  // shown in every man page's header, e.g. "2.9.3"
  std::vector<PropertyDoc> properties;  // sorted by name
};

// The inputs for the real `alluxio` binary: lib/conf's key table and cmd/build_info.h's
// version. Keys whose default depends on the machine show "(computed at start-up)".
DocInputs AlluxioDocInputs();

// What the `alluxio` tree cannot say about its own values: which fs arguments are local
// files, which are Alluxio paths, which are other words.
std::vector<ValueHint> AlluxioValueHints();

}  // namespace alluxio::cli::gendocs
