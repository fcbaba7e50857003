#include "cmd/gendocs/man_emitter.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "cmd/exit_codes.h"

namespace alluxio::cli::gendocs {
namespace {

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Appends the code point of the UTF-8 sequence at text[*i] as \[uXXXX] and advances *i.
void AppendNonAscii(const std::string& text, size_t* i, std::string* out) {
  unsigned char lead = static_cast<unsigned char>(text[*i]);
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  uint32_t cp = extra == 3 ? lead & 0x07 : extra == 2 ? lead & 0x0F : lead & 0x1F;
  for (int k = 0; k < extra; ++k) {
    if (*i + 1 >= text.size()) break;
    unsigned char next = static_cast<unsigned char>(text[*i + 1]);
    if ((next & 0xC0) != 0x80) break;
    cp = (cp << 6) | (next & 0x3F);
    ++*i;
  }
  if (extra == 0) {
    *out += '?';
    return;
  }
  char buf[16];
  std::snprintf(buf, sizeof(buf), "\\[u%04X]", cp);
  *out += buf;
}

std::string RoffLine(const std::string& line) {
  std::string out;
  size_t start = line.find_first_not_of(' ');
  if (start == std::string::npos) return out;
  if (line[start] == '.' || line[start] == '\'') out += "\\&";
  for (size_t i = start; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      AppendNonAscii(line, &i, &out);
    } else if (c == '\t') {
      out += ' ';
    } else if (c == '|') {
      out += "|\\:";  // a place to break "[-d|-f|...]" and "{a|b|c}" lines
    } else {
      out += c;
    }
  }
  return out;
}

// Body text whose lines stay separate lines (.br between them), no empty lines.
std::string Lines(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string line = RoffLine(text.substr(start, end == std::string::npos ? end : end - start));
    if (!line.empty()) out += (out.empty() ? "" : "\n.br\n") + line;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out + "\n";
}

// `text` ending in a full stop, so that notes appended after it read as sentences.
std::string Sentence(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?') {
    text += '.';
  }
  return text;
}

std::string Bold(const std::string& text) { return "\\fB" + RoffLine(text) + "\\fR"; }
std::string Italic(const std::string& text) { return "\\fI" + RoffLine(text) + "\\fR"; }

std::string PageName(const CommandDoc& root, const CommandDoc& top) {
  return top.path.empty() ? root.program : root.program + "-" + top.path.front();
}

std::string Header(const std::string& page, const std::string& summary, const DocInputs& inputs) {
  std::string out =
      ".\\\" Generated from the command tree by alluxio_gendocs; do not edit.\n"
      ".\\\" Regenerate with scripts/gen-docs.sh.\n";
  out += ".TH " + RoffLine(Upper(page)) + " 1 \"\" \"Alluxio " + RoffLine(inputs.version) +
         "\" \"Alluxio Manual\"\n";
  out += ".nh\n.ad l\n";
  out += ".SH NAME\n" + RoffLine(page) + " \\- " + RoffLine(summary) + "\n";
  return out;
}

// "-R, --recursive FIELD" in bold and italics.
std::string OptionTag(const OptionDoc& o) {
  std::string out;
  for (const std::string& n : o.Names()) out += (out.empty() ? "" : ", ") + Bold(n);
  if (o.value.kind != ValueKind::kNone) out += " " + Italic(o.value.name);
  return out;
}

// The .TP items of the options that are (not) inherited; help flags only when asked.
std::string OptionItems(const std::vector<OptionDoc>& options, bool inherited, bool with_help) {
  std::string out;
  for (const OptionDoc& o : options) {
    if (o.inherited != inherited || (o.help && !with_help)) continue;
    out += ".TP\n" + OptionTag(o) + "\n" + Lines(Sentence(o.description));
    std::vector<std::string> notes;
    if (o.value.kind == ValueKind::kChoice && o.description.find('{') == std::string::npos) {
      std::string words;
      for (const std::string& c : o.value.choices) words += (words.empty() ? "" : ", ") + c;
      notes.push_back("One of " + words + ".");
    }
    if (o.required) notes.push_back("Required.");
    if (o.repeatable) notes.push_back("May be given more than once.");
    for (const std::string& n : notes) out += RoffLine(n) + "\n";
  }
  return out;
}

// The .TP items of the positionals, unless the command's own usage line already tells them.
std::string ArgumentItems(const CommandDoc& c) {
  std::string out;
  if (c.usage_given) return out;
  for (const PositionalDoc& p : c.positionals) {
    if (p.description.empty()) continue;
    std::string name = p.rest.name.empty() ? p.name : p.rest.name;
    out += ".TP\n" + Italic(name) + (p.repeatable ? " ..." : "") + "\n" +
           Lines(Sentence(p.description));
    if (p.rest.kind == ValueKind::kChoice && p.leading.empty()) {
      std::string words;
      for (const std::string& w : p.rest.choices) words += (words.empty() ? "" : ", ") + w;
      out += RoffLine("One of " + words + ".") + "\n";
    }
  }
  return out;
}

bool HasOwnOptions(const CommandDoc& c) {
  return std::any_of(c.options.begin(), c.options.end(),
                     [](const OptionDoc& o) { return !o.inherited && !o.help; });
}

// One command's entry in a COMMANDS section: heading, usage, description, arguments, options.
std::string CommandEntry(const CommandDoc& c) {
  std::string out = ".SS \"" + RoffLine(c.FullName()) + "\"\n";
  out += ".B Usage:\n" + RoffLine(c.usage) + "\n.PP\n" + Lines(Sentence(c.description));
  if (!c.notes.empty()) out += ".PP\n" + Lines(c.notes);
  std::string args = ArgumentItems(c);
  std::string options = OptionItems(c.options, false, false);
  if (!args.empty() || !options.empty()) out += ".RS\n" + args + options + ".RE\n";
  return out;
}

void CollectEntries(const CommandDoc& c, std::string* out) {
  for (const CommandDoc& s : c.subcommands) {
    *out += CommandEntry(s);
    CollectEntries(s, out);
  }
}

bool TakesPropertyKey(const CommandDoc& c) {
  for (const CommandDoc* d : Flatten(c)) {
    for (const PositionalDoc& p : d->positionals) {
      if (p.rest.kind == ValueKind::kPropertyKey) return true;
      for (const ValueSpec& v : p.leading) {
        if (v.kind == ValueKind::kPropertyKey) return true;
      }
    }
    for (const OptionDoc& o : d->options) {
      if (!o.inherited && o.value.kind == ValueKind::kPropertyKey) return true;
    }
  }
  return false;
}

std::string PropertySection(const DocInputs& inputs) {
  std::string out = ".SH CONFIGURATION KEYS\n";
  out += RoffLine(
             "Every key this build declares, with its type, default and the processes that read "
             "it. Set keys in alluxio-site.properties, in the environment variable named, or "
             "with -Dkey=value.") +
         "\n";
  for (const PropertyDoc& p : inputs.properties) {
    out += ".TP\n" + Bold(p.name) + "\n" + RoffLine(Sentence(p.description)) + "\n.br\n";
    std::string facts = p.type + ", " +
                        (p.default_value.empty() ? "no default" : "default " + p.default_value) +
                        ", read by " + p.scope + ".";
    if (!p.values.empty()) {
      std::string words;
      for (const std::string& v : p.values) words += (words.empty() ? "" : ", ") + v;
      facts += " One of " + words + ".";
    }
    if (!p.env_var.empty()) facts += " Environment: " + p.env_var + ".";
    out += RoffLine(facts) + "\n";
  }
  return out;
}

std::string CommonSections(const DocInputs& inputs) {
  std::string out = ".SH EXIT STATUS\n";
  const std::pair<int, const char*> codes[] = {
      {kExitOk, "Success."},
      {kExitUsage,
       "Bad command line or configuration: an unknown command or option, a missing or malformed "
       "argument, an unknown configuration key, a property value of the wrong form."},
      {kExitFailure, "The operation failed; the message is on standard error."},
  };
  for (const auto& [code, text] : codes) {
    out += ".TP\n" + Bold(std::to_string(code)) + "\n" + RoffLine(text) + "\n";
  }
  out += ".PP\n" +
         RoffLine(
             "Some commands define their own codes (for example alluxio fs test); their "
             "descriptions say so.") +
         "\n";

  out += ".SH ENVIRONMENT\n";
  std::map<std::string, std::string> env;
  env["ALLUXIO_CONF_DIR"] =
      "Directory holding alluxio-site.properties, searched after --conf-dir and before ./conf "
      "and /etc/alluxio.";
  for (const PropertyDoc& p : inputs.properties) {
    if (!p.env_var.empty() && env.count(p.env_var) == 0) env[p.env_var] = "Sets " + p.name + ".";
  }
  for (const auto& [name, text] : env) {
    out += ".TP\n" + Bold(name) + "\n" + RoffLine(text) + "\n";
  }

  out += ".SH FILES\n";
  out += ".TP\n" + Italic("alluxio-site.properties") + "\n" +
         RoffLine(
             "Configuration in Java properties syntax (key=value lines), read from the first of "
             "--conf-dir, $ALLUXIO_CONF_DIR, ./conf and /etc/alluxio that has one. Environment "
             "variables override it, and -D/--conf override both.") +
         "\n";

  return out;
}

std::string SeeAlso(const CommandDoc& root, const std::string& self) {
  std::vector<std::string> pages;
  if (self != root.program) pages.push_back(root.program);
  for (const CommandDoc& s : root.subcommands) {
    std::string name = PageName(root, s);
    if (name != self) pages.push_back(name);
  }
  std::sort(pages.begin(), pages.end());
  std::string out = ".SH SEE ALSO\n";
  for (size_t i = 0; i < pages.size(); ++i) {
    out += ".BR " + RoffLine(pages[i]) + " (1)" + (i + 1 < pages.size() ? "," : "") + "\n";
  }
  return out;
}

ManPage RootPage(const CommandDoc& root, const DocInputs& inputs) {
  std::string out = Header(root.program, Summary(root.description), inputs);
  out += ".SH SYNOPSIS\n" + Bold(root.program) + " [" + Italic("options") + "] " +
         Italic("command") + " [" + Italic("arguments") + "]\n";
  out += ".SH DESCRIPTION\n" + Lines(root.description);
  out += ".SH COMMANDS\n";
  for (const CommandDoc& s : root.subcommands) {
    out += ".TP\n" + Bold(s.Name()) + "\n" + Lines(Sentence(s.description));
    out += RoffLine("See") + " " + Bold(PageName(root, s)) + "(1).\n";
  }
  out += ".SH OPTIONS\n" +
         RoffLine("Every command accepts these options, before or after its name.") + "\n";
  out += OptionItems(root.options, false, true);
  out += CommonSections(inputs);
  out += SeeAlso(root, root.program);
  return {root.program + ".1", out};
}

ManPage CommandPage(const CommandDoc& root, const CommandDoc& top, const DocInputs& inputs) {
  std::string page = PageName(root, top);
  std::string out = Header(page, Summary(top.description), inputs);
  out += ".SH SYNOPSIS\n" + RoffLine(top.usage) + "\n";
  out += ".SH DESCRIPTION\n" + Lines(top.description);
  if (!top.notes.empty()) out += ".PP\n" + Lines(top.notes);
  std::string args = ArgumentItems(top);
  if (!args.empty()) out += ".SH ARGUMENTS\n" + args;
  if (HasOwnOptions(top)) out += ".SH OPTIONS\n" + OptionItems(top.options, false, false);
  if (!top.subcommands.empty()) {
    out += ".SH COMMANDS\n";
    CollectEntries(top, &out);
  }
  bool inherited = std::any_of(top.options.begin(), top.options.end(),
                               [](const OptionDoc& o) { return o.inherited; });
  if (inherited) {
    out += ".SH GLOBAL OPTIONS\n" +
           RoffLine("Accepted by every command, before or after its name; see") + " " +
           Bold(root.program) + "(1). " +
           RoffLine("Every command also prints its usage with --help.") + "\n" +
           OptionItems(top.options, true, false);
  }
  if (TakesPropertyKey(top)) out += PropertySection(inputs);
  out += CommonSections(inputs);
  out += SeeAlso(root, page);
  return {page + ".1", out};
}

}  // namespace

std::string RoffText(const std::string& text) { return Lines(text); }

std::vector<ManPage> EmitManPages(const CommandDoc& root, const DocInputs& inputs) {
  std::vector<ManPage> pages;
  pages.push_back(RootPage(root, inputs));
  for (const CommandDoc& s : root.subcommands) pages.push_back(CommandPage(root, s, inputs));
  return pages;
}

}  // namespace alluxio::cli::gendocs
