// Man pages (roff, man macros) generated from a CommandDoc: <program>(1) with the global
// options and the list of commands, and one <program>-<command>(1) per top-level command with
// every subcommand, its usage, description and options. Each page also has EXIT STATUS (from
// cmd/exit_codes.h), ENVIRONMENT, FILES and SEE ALSO; a page whose commands take configuration
// keys (alluxio-conf) lists every key with its type, default and description.
//
// Deterministic: no dates; the only version is DocInputs::version.
#pragma once

#include <string>
#include <vector>

#include "cmd/gendocs/command_doc.h"
#include "cmd/gendocs/doc_inputs.h"

namespace alluxio::cli::gendocs {

struct ManPage {
  std::string file_name;  // "alluxio.1", "alluxio-fs.1"
  std::string text;
};

// The root page first, then one page per subcommand of the root, sorted by name.
std::vector<ManPage> EmitManPages(const CommandDoc& root, const DocInputs& inputs);

// `text` as roff body text: backslashes and minus signs escaped, non-ASCII characters as
// \[uXXXX], control characters at the start of a line neutralised.
std::string RoffText(const std::string& text);

}  // namespace alluxio::cli::gendocs
