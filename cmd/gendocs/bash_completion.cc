// The bash completion script: generated tables (case statements) plus one fixed engine.
#include <string>

#include "cmd/gendocs/completion_emitter.h"
#include "cmd/gendocs/shell_words.h"

namespace alluxio::cli::gendocs {
namespace {

// The engine. @P@ is the function prefix (_alluxio); tables come before it in the file.
// Words: bash splits `-Dk=v` and `alluxio://h:1/p` at COMP_WORDBREAKS; the engine glues them
// back, completes the whole word, then drops what bash keeps before the last `=` or `:`.
constexpr std::string_view kEngine = R"BASH(
# Completes Alluxio paths under the typed directory with `fs ls` (remote; quiet; bounded).
@P@_remote_paths() {
  local cur=$1 scheme='' path dir line
  [[ ${ALLUXIO_COMPLETION_REMOTE:-1} == 0 ]] && return
  command -v timeout >/dev/null 2>&1 || return
  case $cur in
    alluxio://*/*) scheme=${cur#alluxio://}; scheme=alluxio://${scheme%%/*} ;;
    /*) ;;
    *) return ;;
  esac
  path=${cur#"$scheme"}
  dir=${path%/*}
  while IFS= read -r line; do
    [[ $line == "$path"* ]] && found+=("$scheme$line")
  done < <(timeout "${ALLUXIO_COMPLETION_TIMEOUT:-2}" "$program" "${globals[@]}" fs ls \
             "$scheme${dir:-/}" 2>/dev/null </dev/null |
           awk 'match($0, / (DIR|[0-9]+%) \//) {
                  p = substr($0, RSTART + RLENGTH - 1); sub(/ +$/, "", p)
                  if (substr($0, RSTART + 1, 3) == "DIR") p = p "/"
                  print p }')
  for line in "${found[@]}"; do  # a directory: keep typing after its /
    [[ $line == */ ]] && { compopt -o nospace 2>/dev/null; break; }
  done
}

# Adds to COMPREPLY the values of kind $1 matching $3, each prefixed with $2.
@P@_complete_value() {
  local kind=$1 prefix=$2 cur=$3 c
  local -a found=()
  case $kind in
    choice\ *) mapfile -t found < <(compgen -W "${kind#choice }" -- "$cur") ;;
    key) mapfile -t found < <(compgen -W "$@P@_property_keys" -- "$cur") ;;
    assign)
      if [[ $cur == *=* ]]; then
        @P@_property_values "${cur%%=*}"
        mapfile -t found < <(compgen -P "${cur%%=*}=" -W "$REPLY" -- "${cur#*=}")
      else
        mapfile -t found < <(compgen -S = -W "$@P@_property_keys" -- "$cur")
        compopt -o nospace 2>/dev/null
      fi ;;
    dir) mapfile -t found < <(compgen -d -- "$cur"); compopt -o filenames 2>/dev/null ;;
    file) mapfile -t found < <(compgen -f -- "$cur"); compopt -o filenames 2>/dev/null ;;
    apath) @P@_remote_paths "$cur"; compopt -o filenames 2>/dev/null ;;  # quotes blanks
  esac
  for c in "${found[@]}"; do COMPREPLY+=("$prefix$c"); done
}

@P@() {
  local REPLY i w opt cur path='' pending='' npos=0 dashdash=0 glue=0
  local program=${COMP_WORDS[0]}
  local -a words=() globals=()
  for ((i = 1; i <= COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if ((${#words[@]})) && [[ -n $w && $w != *[!=:]* ]]; then
      words[${#words[@]}-1]+=$w; glue=1
    elif ((glue)) && [[ -n $w ]]; then
      words[${#words[@]}-1]+=$w; glue=0
    else
      words+=("$w"); glue=0
    fi
  done
  cur=${words[${#words[@]}-1]}
  for ((i = 0; i < ${#words[@]} - 1; i++)); do
    w=${words[i]}
    if [[ -n $pending ]]; then
      @P@_option_value '' "$pending"
      [[ -n $REPLY ]] && globals+=("$pending" "$w")
      pending=''
      continue
    fi
    if ((!dashdash)) && [[ $w == -?* ]]; then
      [[ $w == -- ]] && { dashdash=1; continue; }
      opt=$w
      [[ $w == --*=* ]] && opt=${w%%=*}
      [[ $w != --* ]] && opt=${w:0:2}
      @P@_option_value "$path" "$opt"
      if [[ -n $REPLY && $opt == "$w" ]]; then
        pending=$opt
      elif [[ -n $REPLY ]]; then
        @P@_option_value '' "$opt"
        [[ -n $REPLY ]] && globals+=("$w")
      fi
      continue
    fi
    if ((npos == 0)); then
      @P@_subcommands "$path"
      if [[ " $REPLY " == *" $w "* ]]; then
        path=${path:+$path }$w
        continue
      fi
    fi
    npos=$((npos + 1))
  done

  COMPREPLY=()
  if [[ -n $pending ]]; then
    @P@_option_value "$path" "$pending"
    @P@_complete_value "$REPLY" '' "$cur"
  elif ((!dashdash)) && [[ $cur == -* ]]; then
    opt=${cur:0:2}
    [[ $cur == --*=* ]] && opt=${cur%%=*}
    REPLY=''
    [[ $cur == --*=* || ($cur != --* && ${#cur} -gt 2) ]] && @P@_option_value "$path" "$opt"
    if [[ -n $REPLY ]]; then
      [[ $opt == --* ]] && opt+='='
      @P@_complete_value "$REPLY" "$opt" "${cur#"$opt"}"
    else
      @P@_options "$path"
      mapfile -t COMPREPLY < <(compgen -W "$REPLY" -- "$cur")
    fi
  else
    @P@_subcommands "$path"
    if ((npos == 0)) && [[ -n $REPLY ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$REPLY" -- "$cur")
    else
      @P@_positional "$path" "$npos"
      @P@_complete_value "$REPLY" '' "$cur"
    fi
  fi

  # Bash replaces only the text after the last word break; keep the candidates to that.
  local breaks=''
  [[ $COMP_WORDBREAKS == *=* ]] && breaks+='='
  [[ $COMP_WORDBREAKS == *:* ]] && breaks+=':'
  if [[ -n $breaks && $cur == *["$breaks"]* ]]; then
    w=${cur##*["$breaks"]}
    for i in "${!COMPREPLY[@]}"; do
      COMPREPLY[i]=${COMPREPLY[i]:${#cur}-${#w}}
    done
  fi
}

complete -F @P@ @PROGRAM@
)BASH";

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// `case "$1" in` ... with one `'path') REPLY=...` line per command that has something to say.
std::string SubcommandsTable(const std::string& p, const std::vector<const CommandDoc*>& all) {
  std::string out = p + "_subcommands() {  # $1: command path. REPLY: its subcommands\n";
  out += "  case $1 in\n";
  for (const CommandDoc* c : all) {
    if (c->subcommands.empty()) continue;
    std::vector<std::string> names;
    for (const CommandDoc& s : c->subcommands) names.push_back(s.Name());
    out += "    " + ShQuote(c->PathString()) + ") REPLY=" + ShQuote(Join(names)) + " ;;\n";
  }
  out += "    *) REPLY='' ;;\n  esac\n}\n\n";
  return out;
}

std::string OptionsTable(const std::string& p, const std::vector<const CommandDoc*>& all) {
  std::string out = p + "_options() {  # $1: command path. REPLY: the options accepted there\n";
  out += "  case $1 in\n";
  for (const CommandDoc* c : all) {
    std::vector<std::string> names;
    for (const OptionDoc& o : c->options) {
      for (const std::string& n : o.Names()) names.push_back(n);
    }
    if (names.empty()) continue;
    out += "    " + ShQuote(c->PathString()) + ") REPLY=" + ShQuote(Join(names)) + " ;;\n";
  }
  out += "    *) REPLY='' ;;\n  esac\n}\n\n";
  return out;
}

std::string OptionValueTable(const std::string& p, const std::vector<const CommandDoc*>& all) {
  std::string out = p +
                    "_option_value() {  # $1: command path, $2: option. REPLY: the kind of value "
                    "it takes, empty for a flag\n";
  out += "  REPLY=''\n  case $1 in\n";
  for (const CommandDoc* c : all) {
    std::string cases;
    for (const OptionDoc& o : c->options) {
      if (o.value.kind == ValueKind::kNone) continue;
      std::string names;
      for (const std::string& n : o.Names()) names += (names.empty() ? "" : "|") + n;
      cases += "        " + names + ") REPLY=" + ShQuote(KindWord(o.value)) + " ;;\n";
    }
    if (cases.empty()) continue;
    out += "    " + ShQuote(c->PathString()) + ")\n      case $2 in\n" + cases + "      esac ;;\n";
  }
  out += "  esac\n}\n\n";
  return out;
}

std::string PositionalTable(const std::string& p, const std::vector<const CommandDoc*>& all) {
  std::string out = p +
                    "_positional() {  # $1: command path, $2: index. REPLY: the kind of that "
                    "argument\n";
  out += "  REPLY=''\n  case $1 in\n";
  for (const CommandDoc* c : all) {
    PositionalSlots slots = SlotsOf(*c);
    if (slots.leading.empty() && slots.rest.kind == ValueKind::kNone) continue;
    out += "    " + ShQuote(c->PathString()) + ")\n      case $2 in\n";
    for (size_t i = 0; i < slots.leading.size(); ++i) {
      out += "        " + std::to_string(i) + ") REPLY=" + ShQuote(KindWord(slots.leading[i])) +
             " ;;\n";
    }
    out += "        *) REPLY=" + ShQuote(KindWord(slots.rest)) + " ;;\n      esac ;;\n";
  }
  out += "  esac\n}\n\n";
  return out;
}

std::string PropertyTables(const std::string& p, const std::vector<PropertyDoc>& properties) {
  std::string out = p + "_property_keys='";
  for (size_t i = 0; i < properties.size(); ++i) out += (i ? "\n" : "") + properties[i].name;
  out += "'\n\n";
  out += p + "_property_values() {  # $1: key. REPLY: the words its value may be\n";
  out += "  case $1 in\n";
  for (const PropertyDoc& prop : properties) {
    if (prop.values.empty()) continue;
    out += "    " + ShQuote(prop.name) + ") REPLY=" + ShQuote(Join(prop.values)) + " ;;\n";
  }
  out += "    *) REPLY='' ;;\n  esac\n}\n";
  return out;
}

}  // namespace

std::string EmitBashCompletion(const CommandDoc& root, const std::vector<PropertyDoc>& properties) {
  const std::string p = "_" + Identifier(root.program);
  std::vector<const CommandDoc*> all = Flatten(root);
  std::string out = "# bash completion for " + root.program + "  -*- shell-script -*-\n";
  out +=
      "# Generated from the command tree by alluxio_gendocs; do not edit. Regenerate with\n"
      "# scripts/gen-docs.sh. Alluxio paths complete with `" +
      root.program +
      " fs ls` on the typed directory\n"
      "# (ALLUXIO_COMPLETION_REMOTE=0 turns that off; ALLUXIO_COMPLETION_TIMEOUT, default 2s).\n\n";
  out += SubcommandsTable(p, all);
  out += OptionsTable(p, all);
  out += OptionValueTable(p, all);
  out += PositionalTable(p, all);
  out += PropertyTables(p, properties);
  out += ReplaceAll(ReplaceAll(std::string(kEngine), "@P@", p), "@PROGRAM@", root.program);
  return out;
}

}  // namespace alluxio::cli::gendocs
