// The fish completion script: `complete` lines conditioned on the command path, generated
// lookup functions, and a fixed function that walks the command line.
#include <string>

#include "cmd/gendocs/completion_emitter.h"
#include "cmd/gendocs/shell_words.h"

namespace alluxio::cli::gendocs {
namespace {

// @P@ is the function prefix (__alluxio), @PROGRAM@ the command.
constexpr std::string_view kEngine = R"FISH(
# Walks the tokens before the cursor: sets @P@_path (the command path), @P@_npos (how many
# positionals were typed), @P@_program and @P@_globals (root options, for `fs ls`).
function @P@_state
    set -l key (commandline -pc)
    test "$key" = "$@P@_cached"; and return
    set -g @P@_cached $key
    set -l tokens (commandline -opc)
    set -g @P@_program $tokens[1]
    set -e tokens[1]
    set -g @P@_path
    set -g @P@_npos 0
    set -g @P@_globals
    set -l pending
    set -l dashdash 0
    for t in $tokens
        if test -n "$pending"
            set -l global (@P@_option_value '' $pending)
            test -n "$global"; and set -a @P@_globals $pending $t
            set pending
            continue
        end
        if test $dashdash = 0; and string match -q -- '-?*' $t
            if test $t = --
                set dashdash 1
                continue
            end
            set -l opt (string replace -r -- '^(--[^=]*)=.*$|^(-[^-]).+$' '$1$2' $t)
            set -l kind (@P@_option_value "$@P@_path" $opt)
            test -n "$kind"; or continue
            set -l global (@P@_option_value '' $opt)
            if test $opt = $t
                set pending $opt
            else if test -n "$global"
                set -a @P@_globals $t
            end
            continue
        end
        if test $@P@_npos = 0; and contains -- $t (@P@_subcommands "$@P@_path")
            set -g @P@_path $@P@_path $t
            continue
        end
        set -g @P@_npos (math $@P@_npos + 1)
    end
    set -g @P@_path "$@P@_path"
end

# True when the command path is $argv[1] and, with $argv[2], the next positional is at index
# $argv[2] ("N+": at N or later).
function @P@_at
    @P@_state
    test "$@P@_path" = "$argv[1]"; or return 1
    set -q argv[2]; or return 0
    if string match -q -- '*+' $argv[2]
        test $@P@_npos -ge (string trim -r -c + -- $argv[2])
    else
        test $@P@_npos = $argv[2]
    end
end

# key=value after -D/--conf: keys (with their "="), then the values of enum and boolean keys.
function @P@_assign
    set -l token (commandline -ct)
    set -l prefix (string match -r -- '^(?:-[^-]|--[^=]*=)?' $token)
    set -l word (string sub -s (math (string length -- "$prefix") + 1) -- $token)
    if string match -q -- '*=*' $word
        set -l key (string split -m1 = -- $word)[1]
        for v in (@P@_property_values $key)
            echo $prefix$key=$v
        end
    else
        for k in (@P@_keys)
            echo $prefix(string replace -r '\t' '=\t' -- $k)
        end
    end
end

# Alluxio paths under the typed directory, from `fs ls` (remote; quiet; bounded).
function @P@_apaths
    test "$ALLUXIO_COMPLETION_REMOTE" = 0; and return
    command -q timeout; or return
    @P@_state
    set -l cur (commandline -ct)
    set -l scheme (string match -r -- '^alluxio://[^/]*(?=/)' $cur)
    # An empty list would swallow "$scheme$dir" below.
    set -q scheme[1]; or set scheme ''
    if test -z "$scheme"; and not string match -q -- '/*' $cur
        return
    end
    set -l p (string sub -s (math (string length -- "$scheme") + 1) -- $cur)
    set -l dir (string replace -r -- '/[^/]*$' '' $p)
    test -n "$dir"; or set dir /
    set -l limit $ALLUXIO_COMPLETION_TIMEOUT
    test -n "$limit"; or set limit 2
    timeout $limit $@P@_program $@P@_globals fs ls $scheme$dir 2>/dev/null </dev/null |
        awk 'match($0, / (DIR|[0-9]+%) \//) {
               p = substr($0, RSTART + RLENGTH - 1); sub(/ +$/, "", p)
               if (substr($0, RSTART + 1, 3) == "DIR") p = p "/"
               print p }' | string replace -r -- '^' "$scheme"
end

complete -c @PROGRAM@ -f
)FISH";

// The `complete` flags that make fish offer a value of this kind.
std::string ValueFlags(const std::string& p, const ValueSpec& v) {
  switch (v.kind) {
    case ValueKind::kNone:
      return "";
    case ValueKind::kText:
      return " -x";
    case ValueKind::kChoice:
    case ValueKind::kSubcommand: {
      std::string words;
      for (const std::string& c : v.choices) words += (words.empty() ? "" : " ") + c;
      return " -x -a " + FishQuote(words);
    }
    case ValueKind::kPropertyKey:
      return " -x -a " + FishQuote("(" + p + "_keys)");
    case ValueKind::kPropertyAssign:
      return " -x -a " + FishQuote("(" + p + "_assign)");
    case ValueKind::kDirectory:
      return " -x -a " + FishQuote("(__fish_complete_directories (commandline -ct))");
    case ValueKind::kLocalPath:
      return " -r -F";
    case ValueKind::kAlluxioPath:
      return " -x -a " + FishQuote("(" + p + "_apaths)");
  }
  return " -x";
}

std::string Condition(const std::string& p, const CommandDoc& c, const std::string& position) {
  std::string cond = p + "_at " + FishQuote(c.PathString());
  if (!position.empty()) cond += " " + position;
  return " -n " + FishQuote(cond);
}

std::string CompletionLines(const std::string& p, const CommandDoc& c) {
  const std::string head = "complete -c " + c.program;
  std::string out = "\n# " + c.FullName() + "\n";
  for (const CommandDoc& s : c.subcommands) {
    out += head + Condition(p, c, "0") + " -a " + FishQuote(s.Name()) + " -d " +
           FishQuote(Summary(s.description)) + "\n";
  }
  for (const OptionDoc& o : c.options) {
    out += head + Condition(p, c, "");
    for (const std::string& s : o.short_names) out += " -s " + FishQuote(s);
    for (const std::string& l : o.long_names) out += " -l " + FishQuote(l);
    out += " -d " + FishQuote(Summary(o.description)) + ValueFlags(p, o.value) + "\n";
  }
  PositionalSlots slots = SlotsOf(c);
  for (size_t i = 0; i < slots.leading.size(); ++i) {
    std::string flags = ValueFlags(p, slots.leading[i]);
    if (flags.empty() || flags == " -x") continue;
    out += head + Condition(p, c, std::to_string(i)) + flags + "\n";
  }
  std::string rest = ValueFlags(p, slots.rest);
  if (!rest.empty() && rest != " -x") {
    out += head + Condition(p, c, std::to_string(slots.leading.size()) + "+") + rest + "\n";
  }
  return out;
}

std::string LookupFunctions(const std::string& p, const std::vector<const CommandDoc*>& all,
                            const std::vector<PropertyDoc>& properties) {
  std::string out = "function " + p + "_subcommands  # $argv[1]: command path\n";
  out += "    switch $argv[1]\n";
  for (const CommandDoc* c : all) {
    if (c->subcommands.empty()) continue;
    out += "        case " + FishQuote(c->PathString()) + "\n            printf '%s\\n'";
    for (const CommandDoc& s : c->subcommands) out += " " + FishQuote(s.Name());
    out += "\n";
  }
  out += "    end\nend\n\n";

  out += "function " + p +
         "_option_value  # $argv[1]: command path, $argv[2]: option. Prints the kind of value\n";
  out += "    switch $argv[1]\n";
  for (const CommandDoc* c : all) {
    std::string cases;
    for (const OptionDoc& o : c->options) {
      if (o.value.kind == ValueKind::kNone) continue;
      cases += "                case";
      for (const std::string& n : o.Names()) cases += " " + FishQuote(n);
      cases += "\n                    echo " + FishQuote(KindWord(o.value)) + "\n";
    }
    if (cases.empty()) continue;
    out += "        case " + FishQuote(c->PathString()) + "\n            switch $argv[2]\n" +
           cases + "            end\n";
  }
  out += "    end\nend\n\n";

  out += "function " + p + "_keys  # configuration keys with their descriptions\n";
  out += "    printf '%s\\t%s\\n' \\\n";
  for (size_t i = 0; i < properties.size(); ++i) {
    out += "        " + FishQuote(properties[i].name) + " " +
           FishQuote(Summary(properties[i].description)) +
           (i + 1 < properties.size() ? " \\\n" : "\n");
  }
  out += "end\n\n";

  out += "function " + p + "_property_values  # $argv[1]: key. The words its value may be\n";
  out += "    switch $argv[1]\n";
  for (const PropertyDoc& prop : properties) {
    if (prop.values.empty()) continue;
    out += "        case " + FishQuote(prop.name) + "\n            printf '%s\\n'";
    for (const std::string& v : prop.values) out += " " + FishQuote(v);
    out += "\n";
  }
  out += "    end\nend\n";
  return out;
}

}  // namespace

std::string EmitFishCompletion(const CommandDoc& root, const std::vector<PropertyDoc>& properties) {
  const std::string p = "__" + Identifier(root.program);
  std::vector<const CommandDoc*> all = Flatten(root);
  std::string out = "# fish completion for " + root.program +
                    ". Generated from the command tree by alluxio_gendocs; do not edit.\n"
                    "# Regenerate with scripts/gen-docs.sh. Alluxio paths complete with `" +
                    root.program +
                    " fs ls` on the typed\n"
                    "# directory (ALLUXIO_COMPLETION_REMOTE=0 turns that off; "
                    "ALLUXIO_COMPLETION_TIMEOUT, default 2s).\n\n";
  out += LookupFunctions(p, all, properties);
  out += ReplaceAll(ReplaceAll(std::string(kEngine), "@P@", p), "@PROGRAM@", root.program);
  for (const CommandDoc* c : all) out += CompletionLines(p, *c);
  return out;
}

}  // namespace alluxio::cli::gendocs
