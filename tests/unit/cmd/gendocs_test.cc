#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cmd/gendocs/command_doc.h"
#include "cmd/gendocs/completion_emitter.h"
#include "cmd/gendocs/man_emitter.h"

namespace alluxio::cli::gendocs {
namespace {

// A tiny tree shaped like `alluxio`: global -D/--conf-dir falling through, a command taking a
// property key, a group with a leaf, and a positional checked by IsMember.
struct DemoApp {
  CLI::App app{"Demo tool for the docs generator.\nSecond line.", "demo"};
  std::vector<std::string> conf;
  std::string conf_dir, key, sort, category;
  bool source = false, recursive = false;
  std::vector<std::string> args;

  DemoApp() {
    app.fallthrough();
    app.add_option("-D,--conf", conf, "Set a property")->type_name("KEY=VALUE");
    app.add_option("--conf-dir", conf_dir, "Directory of the site file")->type_name("DIR");
    CLI::App* get = app.add_subcommand("get", "Print a key's value. More words follow.");
    get->add_option("KEY", key, "Property key");
    get->add_flag("--source", source, "Also print the source");
    CLI::App* files = app.add_subcommand("files", "File commands");
    files->require_subcommand(1);
    CLI::App* ls = files->add_subcommand("ls", "List paths");
    ls->add_option("--sort", sort, "sort by {name|size}")->type_name("FIELD");
    ls->add_flag("-R,--recursive", recursive, "Recurse into directories");
    ls->add_option("args", args, "Paths")->type_name("ARG");
    ls->footer("Usage: demo files ls [-R] <path>...\nExit codes: 0 listed, 7 nothing matched.\n");
    CLI::App* report = app.add_subcommand("report", "Report something");
    report->footer("Exit codes: 3 when the cluster is down.");
    report->add_option("category", category, "What to report")
        ->check(CLI::IsMember({"summary", "capacity"}));
  }

  CommandDoc Doc() const {
    ValueSpec local{ValueKind::kLocalPath, "", {}};
    ValueSpec path{ValueKind::kAlluxioPath, "", {}};
    return DescribeCommandTree(app, {{"files ls", "args", {local}, path}});
  }
};

std::vector<PropertyDoc> DemoKeys() {
  return {{"demo.master.hostname", "STRING", "localhost", "ALL", "Master host.", "DEMO_MASTER", {}},
          {"demo.master.port", "INT", "1", "ALL", "Master port.", "", {}},
          {"demo.mode", "ENUM", "FAST", "ALL", "Mode.", "", {"FAST", "SLOW"}}};
}

const CommandDoc& Child(const CommandDoc& doc, const std::string& name) {
  for (const CommandDoc& c : doc.subcommands) {
    if (c.Name() == name) return c;
  }
  FAIL("no subcommand " << name);
  return doc;
}

std::vector<std::string> Names(const CommandDoc& doc) {
  std::vector<std::string> out;
  for (const OptionDoc& o : doc.options) out.push_back(o.Names().back());
  return out;
}

// Sources `script` in a clean bash, runs its completion function on `words` (the last one is
// being completed) and returns COMPREPLY, one entry per line.
std::string CompleteInBash(const std::string& script, const std::vector<std::string>& words) {
  std::string dir = (std::filesystem::temp_directory_path() / "gendocs_test_XXXXXX").string();
  REQUIRE(mkdtemp(dir.data()) != nullptr);
  std::ofstream(dir + "/demo.bash") << script;
  std::string cmd = "cd '" + dir + "' && bash --norc --noprofile -c '. ./demo.bash; COMP_WORDS=(";
  for (const std::string& w : words) cmd += " \"" + w + "\"";
  cmd += "); COMP_CWORD=" + std::to_string(words.size() - 1) +
         "; _demo; printf \"%s\\n\" \"${COMPREPLY[@]}\"' 2>&1";
  std::string out;
  if (FILE* pipe = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
    pclose(pipe);
  }
  std::filesystem::remove_all(dir);
  return out;
}

}  // namespace

TEST_CASE("DescribeCommandTree sorts commands and options and inherits fallthrough options",
          "[gendocs]") {
  DemoApp demo;
  CommandDoc doc = demo.Doc();
  CHECK(doc.program == "demo");
  REQUIRE(doc.subcommands.size() == 3);
  CHECK(doc.subcommands[0].Name() == "files");
  CHECK(doc.subcommands[1].Name() == "get");
  CHECK(doc.subcommands[2].Name() == "report");

  const CommandDoc& ls = Child(Child(doc, "files"), "ls");
  CHECK(ls.FullName() == "demo files ls");
  // Own options sorted, then help, then what falls through from the root.
  CHECK(Names(ls) ==
        std::vector<std::string>{"--recursive", "--sort", "--help", "--conf", "--conf-dir"});
  CHECK(ls.options[0].short_names == std::vector<std::string>{"R"});
  CHECK(ls.options[0].value.kind == ValueKind::kNone);
  CHECK(ls.options[1].value.kind == ValueKind::kChoice);
  CHECK(ls.options[1].value.choices == std::vector<std::string>{"name", "size"});
  CHECK(ls.options[2].help);
  CHECK(ls.options[3].inherited);
  CHECK(ls.options[3].value.kind == ValueKind::kPropertyAssign);
  CHECK(ls.options[3].repeatable);
  CHECK(ls.options[4].value.kind == ValueKind::kDirectory);
}

TEST_CASE("DescribeCommandTree reads value kinds from type names, checks and hints", "[gendocs]") {
  DemoApp demo;
  CommandDoc doc = demo.Doc();
  const CommandDoc& get = Child(doc, "get");
  REQUIRE(get.positionals.size() == 1);
  CHECK(get.positionals[0].rest.kind == ValueKind::kPropertyKey);
  CHECK(get.usage == "demo get [--source] [KEY]");

  const CommandDoc& report = Child(doc, "report");
  REQUIRE(report.positionals.size() == 1);
  CHECK(report.positionals[0].rest.kind == ValueKind::kChoice);
  CHECK(report.positionals[0].rest.choices == std::vector<std::string>{"summary", "capacity"});

  const CommandDoc& ls = Child(Child(doc, "files"), "ls");
  PositionalSlots slots = SlotsOf(ls);
  REQUIRE(slots.leading.size() == 1);
  CHECK(slots.leading[0].kind == ValueKind::kLocalPath);
  CHECK(slots.rest.kind == ValueKind::kAlluxioPath);
  CHECK(slots.rest.name == "ARG");
  // A group's own positionals are not arguments to complete.
  CHECK(Child(doc, "files").positionals.empty());
  CHECK(Child(doc, "files").usage == "demo files <command>");
}

TEST_CASE("Summary keeps the first sentence of the first line", "[gendocs]") {
  CHECK(Summary("Print a key's value. More words follow.") == "Print a key's value");
  CHECK(Summary("Set it, e.g. -Dx=1 (repeatable)\nmore") == "Set it, e.g. -Dx=1 (repeatable)");
  CHECK(Summary("One line.") == "One line");
}

TEST_CASE("the bash completion completes commands, options, keys and choices in bash",
          "[gendocs]") {
  DemoApp demo;
  std::string script = EmitBashCompletion(demo.Doc(), DemoKeys());
  CHECK(script.find("complete -F _demo demo") != std::string::npos);
  CHECK(CompleteInBash(script, {"demo", ""}) == "files\nget\nreport\n");
  CHECK(CompleteInBash(script, {"demo", "files", "l"}) == "ls\n");
  CHECK(CompleteInBash(script, {"demo", "files", "ls", "--s"}) == "--sort\n");
  CHECK(CompleteInBash(script, {"demo", "files", "ls", "--sort", ""}) == "name\nsize\n");
  CHECK(CompleteInBash(script, {"demo", "get", "demo.master.p"}) == "demo.master.port\n");
  CHECK(CompleteInBash(script, {"demo", "-Ddemo.m"}) ==
        "-Ddemo.master.hostname=\n-Ddemo.master.port=\n-Ddemo.mode=\n");
  // Bash splits at '=': COMP_WORDS holds "-Ddemo.mode" "=" "S" and only "S" is replaced.
  CHECK(CompleteInBash(script, {"demo", "-Ddemo.mode", "=", "S"}) == "SLOW\n");
  CHECK(CompleteInBash(script, {"demo", "report", ""}) == "summary\ncapacity\n");
  // Options of the root before the command do not hide it.
  CHECK(CompleteInBash(script, {"demo", "--conf-dir", "/tmp", "g"}) == "get\n");
}

TEST_CASE("the zsh completion has one _arguments function per command", "[gendocs]") {
  DemoApp demo;
  std::string script = EmitZshCompletion(demo.Doc(), DemoKeys());
  CHECK(script.rfind("#compdef demo\n", 0) == 0);
  CHECK(script.find("_demo_cmd__files__ls() {") != std::string::npos);
  CHECK(script.find("'(-R --recursive)'{-R,--recursive}'[Recurse into directories]'") !=
        std::string::npos);
  CHECK(script.find("'--sort=[sort by {name|size}]:FIELD:(name size)'") != std::string::npos);
  CHECK(script.find("'*'{-D+,--conf=}'[Set a property]:KEY=VALUE:_demo_assign'") !=
        std::string::npos);
  CHECK(script.find("'1:ARG:_files'") != std::string::npos);
  CHECK(script.find("'*:ARG:_demo_apaths'") != std::string::npos);
  CHECK(script.find("'demo.mode') print -r -- 'FAST SLOW'") != std::string::npos);
  CHECK(script.find("compdef _demo demo") != std::string::npos);
}

TEST_CASE("the fish completion conditions each line on the command path", "[gendocs]") {
  DemoApp demo;
  std::string script = EmitFishCompletion(demo.Doc(), DemoKeys());
  CHECK(script.find("complete -c demo -n '__demo_at \\'files\\' 0' -a 'ls' -d 'List paths'") !=
        std::string::npos);
  CHECK(script.find("complete -c demo -n '__demo_at \\'files ls\\'' -s 'R' -l 'recursive' -d "
                    "'Recurse into directories'") != std::string::npos);
  CHECK(script.find("-l 'sort' -d 'sort by {name|size}' -x -a 'name size'") != std::string::npos);
  CHECK(script.find("complete -c demo -n '__demo_at \\'files ls\\' 0' -r -F") != std::string::npos);
  CHECK(script.find("complete -c demo -n '__demo_at \\'files ls\\' 1+' -x -a '(__demo_apaths)'") !=
        std::string::npos);
}

TEST_CASE("man pages: one per top-level command with options, exit codes and keys", "[gendocs]") {
  DemoApp demo;
  DocInputs inputs{"9.9.9", DemoKeys()};
  std::vector<ManPage> pages = EmitManPages(demo.Doc(), inputs);
  REQUIRE(pages.size() == 4);
  CHECK(pages[0].file_name == "demo.1");
  CHECK(pages[1].file_name == "demo-files.1");
  CHECK(pages[2].file_name == "demo-get.1");
  CHECK(pages[3].file_name == "demo-report.1");

  const std::string& root = pages[0].text;
  CHECK(root.find(".TH DEMO 1 \"\" \"Alluxio 9.9.9\"") != std::string::npos);
  CHECK(root.find(".SH EXIT STATUS\n.TP\n\\fB0\\fR\n") != std::string::npos);
  CHECK(root.find("\\fB255\\fR") != std::string::npos);
  CHECK(root.find("\\fB\\-D\\fR, \\fB\\-\\-conf\\fR \\fIKEY=VALUE\\fR") != std::string::npos);
  CHECK(root.find(".TP\n\\fBDEMO_MASTER\\fR\nSets demo.master.hostname.") != std::string::npos);
  CHECK(root.find("\\fIalluxio\\-site.properties\\fR") != std::string::npos);
  CHECK(root.find(".BR demo\\-files (1),") != std::string::npos);

  const std::string& files = pages[1].text;
  CHECK(files.find(".SS \"demo files ls\"") != std::string::npos);
  CHECK(files.find("\\fB\\-R\\fR, \\fB\\-\\-recursive\\fR\nRecurse into directories") !=
        std::string::npos);
  CHECK(files.find(".SH GLOBAL OPTIONS") != std::string::npos);
  CHECK(files.find("CONFIGURATION KEYS") == std::string::npos);
  // The footer after the usage line (a command's own exit codes) is in its entry.
  CHECK(files.find(".B Usage:\ndemo files ls [\\-R] <path>...") != std::string::npos);
  CHECK(files.find(".PP\nExit codes: 0 listed, 7 nothing matched.\n") != std::string::npos);
  CHECK(pages[3].text.find(".PP\nExit codes: 3 when the cluster is down.\n") != std::string::npos);

  const std::string& get = pages[2].text;
  CHECK(get.find(".SH CONFIGURATION KEYS") != std::string::npos);
  CHECK(
      get.find(".TP\n\\fBdemo.mode\\fR\nMode.\n.br\nENUM, default FAST, read by ALL. One of FAST, "
               "SLOW.") != std::string::npos);
}

TEST_CASE("RoffText escapes backslashes, minus signs, leading dots and non-ASCII", "[gendocs]") {
  CHECK(RoffText("a-b\\c") == "a\\-b\\ec\n");
  CHECK(RoffText(".x\n'y") == "\\&.x\n.br\n\\&'y\n");
  CHECK(RoffText("\xE2\x85\x94 of memory") == "\\[u2154] of memory\n");
}

TEST_CASE("the generated files do not change between runs", "[gendocs]") {
  DemoApp a, b;
  CHECK(EmitBashCompletion(a.Doc(), DemoKeys()) == EmitBashCompletion(b.Doc(), DemoKeys()));
  CHECK(EmitZshCompletion(a.Doc(), DemoKeys()) == EmitZshCompletion(b.Doc(), DemoKeys()));
  CHECK(EmitFishCompletion(a.Doc(), DemoKeys()) == EmitFishCompletion(b.Doc(), DemoKeys()));
  DocInputs inputs{"1", DemoKeys()};
  std::vector<ManPage> pa = EmitManPages(a.Doc(), inputs), pb = EmitManPages(b.Doc(), inputs);
  REQUIRE(pa.size() == pb.size());
  for (size_t i = 0; i < pa.size(); ++i) CHECK(pa[i].text == pb[i].text);
}

}  // namespace alluxio::cli::gendocs
