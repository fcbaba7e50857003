#include "cmd/gendocs/command_doc.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <set>

namespace alluxio::cli::gendocs {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

// A list of plain words: no empty ones, no spaces (so it is not prose in braces).
bool AreWords(const std::vector<std::string>& words) {
  if (words.size() < 2) return false;
  for (const std::string& w : words) {
    if (w.empty() || w.find_first_of(" \t\n") != std::string::npos) return false;
  }
  return true;
}

// CLI11 appends each check's description to the type name after ':'; an IsMember check's is
// "{a,b,c}".
std::vector<std::string> ChoicesFromTypeName(const std::string& type_name) {
  size_t open = type_name.find(":{");
  if (open == std::string::npos) return {};
  size_t close = type_name.find('}', open);
  if (close == std::string::npos) return {};
  std::vector<std::string> words = Split(type_name.substr(open + 2, close - open - 2), ',');
  return AreWords(words) ? words : std::vector<std::string>{};
}

// Alluxio's descriptions list the accepted words as "{a|b|c}".
std::vector<std::string> ChoicesFromDescription(const std::string& description) {
  size_t open = description.find('{');
  if (open == std::string::npos) return {};
  size_t close = description.find('}', open);
  if (close == std::string::npos) return {};
  std::vector<std::string> words = Split(description.substr(open + 1, close - open - 1), '|');
  return AreWords(words) ? words : std::vector<std::string>{};
}

bool IsDefaultTypeName(const std::string& name) {
  static const std::set<std::string> kDefaults = {"TEXT",    "INT",   "UINT",   "FLOAT",
                                                  "BOOLEAN", "VALUE", "NUMBER", ""};
  return kDefaults.count(name) > 0;
}

ValueSpec ValueOf(const CLI::Option& opt) {
  ValueSpec v;
  if (opt.get_expected_max() == 0) return v;  // a flag (CLI11 flags expect 0 values)
  std::string full = opt.get_type_name();
  std::string type = full.substr(0, full.find(':'));
  std::string positional = opt.get_positional() ? opt.get_name(true) : "";
  v.name = !positional.empty() && IsDefaultTypeName(type) ? positional : type;
  v.choices = ChoicesFromTypeName(full);
  if (!v.choices.empty()) {
    v.kind = ValueKind::kChoice;
  } else if (type == "KEY=VALUE") {
    v.kind = ValueKind::kPropertyAssign;
  } else if (type == "KEY" || (positional == "KEY" && IsDefaultTypeName(type))) {
    v.kind = ValueKind::kPropertyKey;
  } else if (type == "DIR") {
    v.kind = ValueKind::kDirectory;
  } else if (type == "PATH") {
    v.kind = ValueKind::kAlluxioPath;
  } else if (type == "FILE" || type == "URI") {
    v.kind = ValueKind::kLocalPath;
  } else {
    v.choices = ChoicesFromDescription(opt.get_description());
    v.kind = v.choices.empty() ? ValueKind::kText : ValueKind::kChoice;
  }
  return v;
}

// Sort key of an option: its first long name, else its first short one, ignoring case.
std::pair<std::string, std::string> SortKey(const OptionDoc& o) {
  std::string name = o.long_names.empty() ? o.short_names.front() : o.long_names.front();
  return {Lower(name), name};
}

const ValueHint* FindHint(const std::vector<ValueHint>& hints, const std::string& command,
                          const std::vector<std::string>& targets) {
  for (const ValueHint& h : hints) {
    if (h.command != command) continue;
    if (std::find(targets.begin(), targets.end(), h.target) != targets.end()) return &h;
  }
  return nullptr;
}

// The hint's value, keeping the display name the tree gave unless the hint names one.
ValueSpec Hinted(ValueSpec hinted, const std::string& name) {
  if (hinted.name.empty()) hinted.name = name;
  return hinted;
}

PositionalDoc DescribePositional(const CLI::Option& opt, const std::string& where,
                                 const std::vector<ValueHint>& hints) {
  PositionalDoc p;
  p.name = opt.get_name(true);
  p.description = opt.get_description();
  p.repeatable = opt.get_items_expected_max() > 1;
  p.required = opt.get_required();
  p.rest = ValueOf(opt);
  if (const ValueHint* h = FindHint(hints, where, {p.name})) {
    for (const ValueSpec& v : h->leading) p.leading.push_back(Hinted(v, p.rest.name));
    p.rest = Hinted(h->rest, p.rest.name);
  }
  return p;
}

OptionDoc DescribeOption(const CLI::Option& opt, const std::string& where,
                         const std::vector<ValueHint>& hints) {
  OptionDoc o;
  o.short_names = opt.get_snames();
  o.long_names = opt.get_lnames();
  o.description = opt.get_description();
  o.value = ValueOf(opt);
  o.repeatable = o.value.kind != ValueKind::kNone && opt.get_items_expected_max() > 1;
  o.required = opt.get_required();
  if (const ValueHint* h = FindHint(hints, where, o.Names())) {
    o.value = Hinted(h->rest, o.value.name);
  }
  return o;
}

// A hinted kSubcommand value becomes the choice of `names`.
void NameSubcommands(const std::vector<std::string>& names, ValueSpec* v) {
  if (v->kind != ValueKind::kSubcommand) return;
  v->kind = ValueKind::kChoice;
  v->choices = names;
}

// The usage line of the footer ("Usage: ..."), or one made from the options and positionals.
std::string UsageOf(const CommandDoc& doc, const CLI::App& app, bool* given) {
  const std::string& footer = app.get_footer();
  constexpr std::string_view kUsage = "Usage: ";
  *given = footer.rfind(kUsage, 0) == 0;
  if (*given) {
    return footer.substr(kUsage.size(), footer.find('\n') - kUsage.size());
  }
  std::string usage = doc.FullName();
  for (const OptionDoc& o : doc.options) {
    if (o.help || o.inherited) continue;
    std::string part =
        o.long_names.empty() ? "-" + o.short_names.front() : "--" + o.long_names.front();
    if (o.value.kind != ValueKind::kNone) part += " " + o.value.name;
    if (!o.required) part = "[" + part + "]";
    if (o.repeatable) part += "...";
    usage += " " + part;
  }
  if (!doc.subcommands.empty()) {
    usage += app.get_require_subcommand_min() > 0 ? " <command>" : " [<command>]";
  }
  for (const PositionalDoc& p : doc.positionals) {
    std::string name = p.rest.name.empty() ? p.name : p.rest.name;
    usage += " " + (p.required ? "<" + name + ">" : "[" + name + "]");
    if (p.repeatable) usage += "...";
  }
  return usage;
}

CommandDoc Describe(const CLI::App& app, const std::string& program,
                    const std::vector<std::string>& path, const std::vector<OptionDoc>& inherited,
                    const std::vector<ValueHint>& hints) {
  CommandDoc doc;
  doc.path = path;
  doc.program = program;
  doc.description = app.get_description();
  std::string where = doc.PathString();

  std::vector<OptionDoc> own;
  std::vector<OptionDoc> help;
  std::set<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_positional()) {
      doc.positionals.push_back(DescribePositional(*opt, where, hints));
      continue;
    }
    if (opt->get_snames().empty() && opt->get_lnames().empty()) continue;
    OptionDoc o = DescribeOption(*opt, where, hints);
    o.help = opt == app.get_help_ptr() || opt == app.get_help_all_ptr();
    for (const std::string& n : o.Names()) names.insert(n);
    (o.help ? help : own).push_back(std::move(o));
  }
  auto by_key = [](const OptionDoc& a, const OptionDoc& b) { return SortKey(a) < SortKey(b); };
  std::sort(own.begin(), own.end(), by_key);
  doc.options = own;
  doc.options.insert(doc.options.end(), help.begin(), help.end());
  for (const OptionDoc& o : inherited) {
    std::vector<std::string> n = o.Names();
    if (std::none_of(n.begin(), n.end(), [&](const std::string& x) { return names.count(x); })) {
      doc.options.push_back(o);
    }
  }

  // What a child accepts from here when CLI11 hands it options it does not know.
  std::vector<OptionDoc> passed;
  for (const OptionDoc& o : doc.options) {
    if (o.help) continue;
    passed.push_back(o);
    passed.back().inherited = true;
  }
  std::sort(passed.begin(), passed.end(), by_key);

  std::vector<const CLI::App*> children =
      app.get_subcommands([](const CLI::App* a) { return !a->get_name().empty(); });
  std::sort(children.begin(), children.end(),
            [](const CLI::App* a, const CLI::App* b) { return a->get_name() < b->get_name(); });
  std::vector<std::string> child_names;
  for (const CLI::App* child : children) {
    std::vector<std::string> child_path = path;
    child_path.push_back(child->get_name());
    child_names.push_back(child->get_name());
    doc.subcommands.push_back(Describe(*child, program, child_path,
                                       child->get_fallthrough() ? passed : std::vector<OptionDoc>{},
                                       hints));
  }
  // A group's positionals only catch mistyped commands; a child naming its siblings (`fs help
  // ls`) gets their names.
  if (!doc.subcommands.empty()) doc.positionals.clear();
  for (CommandDoc& child : doc.subcommands) {
    for (PositionalDoc& p : child.positionals) {
      NameSubcommands(child_names, &p.rest);
      for (ValueSpec& v : p.leading) NameSubcommands(child_names, &v);
    }
  }
  doc.usage = UsageOf(doc, app, &doc.usage_given);
  doc.notes = app.get_footer();
  if (doc.usage_given) {  // the first line was the usage
    size_t nl = doc.notes.find('\n');
    doc.notes = nl == std::string::npos ? "" : doc.notes.substr(nl + 1);
  }
  while (!doc.notes.empty() && (doc.notes.back() == '\n' || doc.notes.back() == ' ')) {
    doc.notes.pop_back();
  }
  return doc;
}

void FlattenInto(const CommandDoc& doc, std::vector<const CommandDoc*>* out) {
  out->push_back(&doc);
  for (const CommandDoc& child : doc.subcommands) FlattenInto(child, out);
}

}  // namespace

std::vector<std::string> OptionDoc::Names() const {
  std::vector<std::string> out;
  for (const std::string& s : short_names) out.push_back("-" + s);
  for (const std::string& l : long_names) out.push_back("--" + l);
  return out;
}

const ValueSpec& PositionalDoc::At(size_t index) const {
  return index < leading.size() ? leading[index] : rest;
}

std::string CommandDoc::Name() const { return path.empty() ? "" : path.back(); }

std::string CommandDoc::PathString() const {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : " ") + p;
  return out;
}

std::string CommandDoc::FullName() const {
  return path.empty() ? program : program + " " + PathString();
}

CommandDoc DescribeCommandTree(const CLI::App& root, const std::vector<ValueHint>& hints) {
  return Describe(root, root.get_name(), {}, {}, hints);
}

PositionalSlots SlotsOf(const CommandDoc& doc) {
  PositionalSlots slots;
  for (const PositionalDoc& p : doc.positionals) {
    if (p.repeatable) {
      slots.leading.insert(slots.leading.end(), p.leading.begin(), p.leading.end());
      slots.rest = p.rest;
      return slots;
    }
    slots.leading.push_back(p.At(0));
  }
  return slots;
}

std::vector<const CommandDoc*> Flatten(const CommandDoc& root) {
  std::vector<const CommandDoc*> out;
  FlattenInto(root, &out);
  return out;
}

std::string Summary(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  for (size_t dot = line.find(". "); dot != std::string::npos; dot = line.find(". ", dot + 1)) {
    // "e.g. x" and "i.e. x" do not end a sentence.
    if (dot >= 3 && (line.compare(dot - 3, 3, "e.g") == 0 || line.compare(dot - 3, 3, "i.e") == 0))
      continue;
    return line.substr(0, dot);
  }
  if (!line.empty() && line.back() == '.') line.pop_back();
  return line;
}

}  // namespace alluxio::cli::gendocs
