// Shell completion scripts generated from a CommandDoc: bash, zsh and fish.
//
// Each script knows every command path, the options accepted there (inherited ones too), which
// options take a value and what kind of value, what each positional is, and the configuration
// keys. It completes subcommands, options, `-Dkey=` / `--conf key=` (and the values of enum and
// boolean keys), `conf get KEY`, local files and directories, fixed words, and Alluxio paths by
// running `<program> fs ls DIR` on the typed directory (quietly, under `timeout`,
// ALLUXIO_COMPLETION_TIMEOUT seconds, default 2; ALLUXIO_COMPLETION_REMOTE=0 turns it off).
//
// The output depends only on the arguments (no dates), so regenerating is idempotent.
#pragma once

#include <string>
#include <vector>

#include "cmd/gendocs/command_doc.h"
#include "cmd/gendocs/doc_inputs.h"

namespace alluxio::cli::gendocs {

// completions/alluxio.bash: defines _<program> and registers it with `complete -F`.
std::string EmitBashCompletion(const CommandDoc& root, const std::vector<PropertyDoc>& properties);

// completions/_alluxio: a zsh completion function file (`#compdef <program>`).
std::string EmitZshCompletion(const CommandDoc& root, const std::vector<PropertyDoc>& properties);

// completions/alluxio.fish: `complete -c <program> ...` lines and their helper functions.
std::string EmitFishCompletion(const CommandDoc& root, const std::vector<PropertyDoc>& properties);

}  // namespace alluxio::cli::gendocs
