// The `alluxio` binary's inputs to the generated docs: its key table and its value hints.
#include <string>

#include "cmd/build_info.h"
#include "cmd/fs/fs_command_table.h"
#include "cmd/gendocs/doc_inputs.h"
#include "lib/conf/property_key.h"

namespace alluxio::cli::gendocs {
namespace {

std::vector<std::string> SplitList(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    size_t comma = list.find(',');
    out.emplace_back(list.substr(0, comma));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

ValueSpec Kind(ValueKind kind, std::string name = "", std::vector<std::string> choices = {}) {
  return ValueSpec{kind, std::move(name), std::move(choices)};
}

}  // namespace

DocInputs AlluxioDocInputs() {
  DocInputs inputs;
  inputs.version = kAlluxioVersion;
  for (const conf::PropertyKey& key : conf::AllPropertyKeys()) {
    PropertyDoc p;
    p.name = key.name;
    p.type = conf::PropertyTypeName(key.type);
    p.default_value =
        key.dynamic_default != nullptr ? "(computed at start-up)" : std::string(key.default_value);
    p.scope = conf::ScopeName(key.scope);
    p.description = key.description;
    p.env_var = key.env_var;
    if (key.type == conf::PropertyType::kEnum) p.values = SplitList(key.enum_values);
    if (key.type == conf::PropertyType::kBool) p.values = {"false", "true"};
    inputs.properties.push_back(std::move(p));
  }
  return inputs;
}

std::vector<ValueHint> AlluxioValueHints() {
  const ValueSpec path = Kind(ValueKind::kAlluxioPath);
  const ValueSpec local = Kind(ValueKind::kLocalPath);
  const ValueSpec text = Kind(ValueKind::kText);
  // Specific hints first: the first hint naming a command and target wins.
  std::vector<ValueHint> hints = {
      {"fs chgrp", "args", {Kind(ValueKind::kText, "GROUP")}, path},
      {"fs chmod", "args", {Kind(ValueKind::kText, "MODE")}, path},
      {"fs chown", "args", {Kind(ValueKind::kText, "OWNER")}, path},
      {"fs copyFromLocal", "args", {local}, path},
      {"fs copyToLocal", "args", {path}, local},
      {"fs help", "args", {}, Kind(ValueKind::kSubcommand, "COMMAND")},
      {"fs mount", "args", {path}, local},
      {"fs pin", "args", {path}, Kind(ValueKind::kChoice, "MEDIUM", {"HDD", "MEM", "SSD"})},
      {"fs setTtl",
       "--action",
       {},
       Kind(ValueKind::kChoice, "ACTION", {"delete", "delete_alluxio", "free"})},
      {"fs setTtl", "args", {path}, text},
      {"mount add", "--ufs-uri", {}, local},
  };
  // Every other fs command takes Alluxio paths.
  for (const fs::FsCommandSpec& spec : fs::BuildFsCommandTable()) {
    hints.push_back({"fs " + spec.name, "args", {}, path});
  }
  return hints;
}

}  // namespace alluxio::cli::gendocs
