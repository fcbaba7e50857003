// The zsh completion function file: one _arguments function per command, helpers for property
// keys and Alluxio paths.
#include <string>

#include "cmd/gendocs/completion_emitter.h"
#include "cmd/gendocs/shell_words.h"

namespace alluxio::cli::gendocs {
namespace {

// Helpers. @P@ is the function prefix (_alluxio); @GLOBALS@ the root options whose values are
// handed to `fs ls` when listing Alluxio paths.
constexpr std::string_view kHelpers = R"ZSH(
# Alluxio paths under the typed directory, from `fs ls` (remote; quiet; bounded).
@P@_apaths() {
  [[ ${ALLUXIO_COMPLETION_REMOTE:-1} == 0 ]] && return 1
  (( $+commands[timeout] )) || return 1
  local cur=$PREFIX scheme='' p dir
  case $cur in
    alluxio://*/*) scheme=${cur#alluxio://}; scheme=alluxio://${scheme%%/*} ;;
    /*) ;;
    *) return 1 ;;
  esac
  p=${cur#$scheme}
  dir=${p%/*}
  local -a paths dirs files
  paths=(${(f)"$(timeout ${ALLUXIO_COMPLETION_TIMEOUT:-2} ${~@P@_program} $@P@_globals fs ls \
      $scheme${dir:-/} 2>/dev/null </dev/null |
    awk 'match($0, / (DIR|[0-9]+%) \//) {
           p = substr($0, RSTART + RLENGTH - 1); sub(/ +$/, "", p)
           if (substr($0, RSTART + 1, 3) == "DIR") p = p "/"
           print p }')"})
  dirs=(${(M)paths:#*/})
  files=(${paths:#*/})
  local ret=1
  (( $#dirs )) && compadd -S '' -- $scheme${^dirs} && ret=0
  (( $#files )) && compadd -- $scheme${^files} && ret=0
  return ret
}

# key=value after -D/--conf: keys, then the values of enum and boolean keys.
@P@_assign() {
  local key=${PREFIX%%=*}
  if compset -P '*='; then
    local -a values
    values=(${=$(@P@_property_values $key)})
    (( $#values )) && compadd -a values || _message value
  else
    @P@_keys -S =
  fi
}

# Remembers the program and the global options typed so far (for `fs ls`).
@P@_context() {
  @P@_program=$words[1]
  @P@_globals=()
  local i
  for (( i = 2; i < CURRENT; i++ )); do
    case $words[i] in
      @GLOBAL_PAIRS@) @P@_globals+=($words[i] $words[i+1]); (( i++ )) ;;
      @GLOBAL_JOINED@) @P@_globals+=($words[i]) ;;
    esac
  done
}
)ZSH";

constexpr std::string_view kFooter = R"ZSH(
@P@() {
  local @P@_program
  local -a @P@_globals
  @P@_context
  @P@_cmd "$@"
}

if [[ $funcstack[1] == @P@ ]]; then
  @P@ "$@"
else
  compdef @P@ @PROGRAM@
fi
)ZSH";

// Text inside an _arguments spec's [description] or :message:, single-quoted by the caller.
std::string SpecText(const std::string& text) {
  std::string out;
  for (char c : Summary(text)) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Text for a `name:description` item of _describe.
std::string DescribeItem(const std::string& name, const std::string& description) {
  std::string out;
  for (char c : name) {
    if (c == ':') out += '\\';
    out += c;
  }
  return ShQuote(out + ":" + Summary(description));
}

std::string Action(const std::string& p, const ValueSpec& v) {
  switch (v.kind) {
    case ValueKind::kNone:
    case ValueKind::kText:
      return " ";
    case ValueKind::kChoice:
    case ValueKind::kSubcommand: {
      std::string out = "(";
      for (const std::string& c : v.choices) out += (out.size() > 1 ? " " : "") + c;
      return out + ")";
    }
    case ValueKind::kPropertyKey:
      return p + "_keys";
    case ValueKind::kPropertyAssign:
      return p + "_assign";
    case ValueKind::kDirectory:
      return "_files -/";
    case ValueKind::kLocalPath:
      return "_files";
    case ValueKind::kAlluxioPath:
      return p + "_apaths";
  }
  return " ";
}

// ':NAME:action' (inside the single-quoted spec).
std::string ValuePart(const std::string& p, const ValueSpec& v) {
  std::string name = v.name.empty() ? "value" : v.name;
  return ":" + SpecText(name) + ":" + Action(p, v);
}

std::string OptionSpec(const std::string& p, const OptionDoc& o) {
  std::vector<std::string> names;
  for (const std::string& s : o.short_names) {
    names.push_back("-" + s + (o.value.kind == ValueKind::kNone ? "" : "+"));
  }
  for (const std::string& l : o.long_names) {
    names.push_back("--" + l + (o.value.kind == ValueKind::kNone ? "" : "="));
  }
  std::string body = "[" + SpecText(o.description) + "]";
  if (o.value.kind != ValueKind::kNone) body += ValuePart(p, o.value);
  std::string prefix;
  if (o.help) {
    prefix = "(- *)";
  } else if (o.repeatable) {
    prefix = "*";
  } else if (names.size() > 1) {
    prefix = "(";
    for (const std::string& n : o.Names()) prefix += (prefix.size() > 1 ? " " : "") + n;
    prefix += ")";
  }
  if (names.size() == 1) return ShQuote(prefix + names[0] + body);
  std::string braces = "{";
  for (const std::string& n : names) braces += (braces.size() > 1 ? "," : "") + n;
  braces += "}";
  return (prefix.empty() ? "" : ShQuote(prefix)) + braces + ShQuote(body);
}

std::string FunctionName(const std::string& p, const CommandDoc& c) {
  std::string out = p + "_cmd";
  for (const std::string& part : c.path) out += "__" + Identifier(part);
  return out;
}

std::string CommandFunction(const std::string& p, const CommandDoc& c) {
  std::string fn = FunctionName(p, c);
  std::string out = fn + "() {\n";
  std::vector<std::string> specs;
  for (const OptionDoc& o : c.options) specs.push_back(OptionSpec(p, o));
  if (!c.subcommands.empty()) {
    out += "  local curcontext=$curcontext state state_descr line ret=1\n";
    out += "  typeset -A opt_args\n";
    specs.push_back("': :->command'");
    specs.push_back("'*:: :->args'");
    out += "  _arguments -C -s -S";
  } else {
    PositionalSlots slots = SlotsOf(c);
    for (size_t i = 0; i < slots.leading.size(); ++i) {
      specs.push_back(ShQuote(std::to_string(i + 1) + ValuePart(p, slots.leading[i])));
    }
    if (slots.rest.kind != ValueKind::kNone) {
      specs.push_back(ShQuote("*" + ValuePart(p, slots.rest)));
    }
    out += "  _arguments -s -S";
  }
  for (const std::string& s : specs) out += " \\\n    " + s;
  if (c.subcommands.empty()) return out + "\n}\n\n";
  out += " && ret=0\n";
  out += "  case $state in\n";
  out += "    command)\n      local -a commands\n      commands=(\n";
  for (const CommandDoc& s : c.subcommands) {
    out += "        " + DescribeItem(s.Name(), s.description) + "\n";
  }
  out += "      )\n";
  out += "      _describe -t commands " + ShQuote(c.FullName() + " command") +
         " commands && ret=0 ;;\n";
  out += "    args)\n";
  out += "      curcontext=${curcontext%:*:*}:" + Identifier(c.FullName()) + "-$words[1]:\n";
  out += "      case $words[1] in\n";
  for (const CommandDoc& s : c.subcommands) {
    out += "        " + ShQuote(s.Name()) + ") " + FunctionName(p, s) + " && ret=0 ;;\n";
  }
  out += "      esac ;;\n  esac\n  return ret\n}\n\n";
  return out;
}

std::string PropertyFunctions(const std::string& p, const std::vector<PropertyDoc>& properties) {
  std::string out = p + "_keys() {  # configuration keys; arguments go to compadd\n";
  out += "  local -a keys\n  keys=(\n";
  for (const PropertyDoc& prop : properties) {
    out += "    " + DescribeItem(prop.name, prop.description) + "\n";
  }
  out += "  )\n  _describe -t property-keys 'property key' keys \"$@\"\n}\n\n";
  out += p + "_property_values() {  # $1: key. Prints the words its value may be\n";
  out += "  case $1 in\n";
  for (const PropertyDoc& prop : properties) {
    if (prop.values.empty()) continue;
    std::string words;
    for (const std::string& v : prop.values) words += (words.empty() ? "" : " ") + v;
    out += "    " + ShQuote(prop.name) + ") print -r -- " + ShQuote(words) + " ;;\n";
  }
  out += "  esac\n}\n";
  return out;
}

}  // namespace

std::string EmitZshCompletion(const CommandDoc& root, const std::vector<PropertyDoc>& properties) {
  const std::string p = "_" + Identifier(root.program);
  std::string pairs;
  std::string joined;
  for (const OptionDoc& o : root.options) {
    if (o.value.kind == ValueKind::kNone) continue;
    for (const std::string& s : o.short_names) {
      pairs += (pairs.empty() ? "" : "|") + ("-" + s);
      joined += (joined.empty() ? "" : "|") + ("-" + s + "?*");
    }
    for (const std::string& l : o.long_names) {
      pairs += (pairs.empty() ? "" : "|") + ("--" + l);
      joined += (joined.empty() ? "" : "|") + ("--" + l + "=*");
    }
  }
  if (pairs.empty()) pairs = joined = "--";

  std::string out = "#compdef " + root.program + "\n";
  out += "# zsh completion for " + root.program +
         ". Generated from the command tree by alluxio_gendocs; do not edit.\n"
         "# Regenerate with scripts/gen-docs.sh. Alluxio paths complete with `" +
         root.program +
         " fs ls` on the typed\n"
         "# directory (ALLUXIO_COMPLETION_REMOTE=0 turns that off; ALLUXIO_COMPLETION_TIMEOUT, "
         "default 2s).\n\n";
  for (const CommandDoc* c : Flatten(root)) out += CommandFunction(p, *c);
  out += PropertyFunctions(p, properties);
  std::string helpers = ReplaceAll(std::string(kHelpers), "@GLOBAL_PAIRS@", pairs);
  helpers = ReplaceAll(helpers, "@GLOBAL_JOINED@", joined);
  out += ReplaceAll(helpers, "@P@", p);
  out += ReplaceAll(ReplaceAll(std::string(kFooter), "@P@", p), "@PROGRAM@", root.program);
  return out;
}

}  // namespace alluxio::cli::gendocs
