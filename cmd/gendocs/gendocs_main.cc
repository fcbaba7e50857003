// alluxio_gendocs OUT_DIR: writes the shell completions and man pages of the `alluxio` command
// tree into OUT_DIR/completions/ (alluxio.bash, _alluxio, alluxio.fish) and OUT_DIR/man/
// (alluxio.1, alluxio-<command>.1), removing man pages of commands that no longer exist.
// scripts/gen-docs.sh runs it on the source tree; tests/integration/docs_test.sh on a temp dir.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cmd/command_context.h"
#include "cmd/command_tree.h"
#include "cmd/gendocs/completion_emitter.h"
#include "cmd/gendocs/man_emitter.h"

namespace {

namespace fsys = std::filesystem;

bool Write(const fsys::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) std::cerr << "alluxio_gendocs: cannot write " << path.string() << "\n";
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace alluxio::cli;
  if (argc != 2 || std::string(argv[1]).empty() || argv[1][0] == '-') {
    std::cerr << "Usage: alluxio_gendocs OUT_DIR\n"
                 "Writes OUT_DIR/completions/{alluxio.bash,_alluxio,alluxio.fish} and "
                 "OUT_DIR/man/*.1 from the alluxio command tree.\n";
    return 1;
  }
  std::ostringstream sink;
  CommandContext ctx(sink, sink);
  CLI::App app;
  BuildCommandTree(app, ctx);
  gendocs::CommandDoc doc = gendocs::DescribeCommandTree(app, gendocs::AlluxioValueHints());
  gendocs::DocInputs inputs = gendocs::AlluxioDocInputs();

  fsys::path out_dir(argv[1]);
  fsys::path completions = out_dir / "completions";
  fsys::path man = out_dir / "man";
  std::error_code ec;
  fsys::create_directories(completions, ec);
  fsys::create_directories(man, ec);
  bool ok =
      Write(completions / "alluxio.bash", gendocs::EmitBashCompletion(doc, inputs.properties));
  ok &= Write(completions / "_alluxio", gendocs::EmitZshCompletion(doc, inputs.properties));
  ok &= Write(completions / "alluxio.fish", gendocs::EmitFishCompletion(doc, inputs.properties));

  std::set<std::string> written;
  for (const gendocs::ManPage& page : gendocs::EmitManPages(doc, inputs)) {
    ok &= Write(man / page.file_name, page.text);
    written.insert(page.file_name);
  }
  for (const fsys::directory_entry& entry : fsys::directory_iterator(man, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(doc.program, 0) == 0 && entry.path().extension() == ".1" &&
        written.count(name) == 0) {
      fsys::remove(entry.path(), ec);
    }
  }
  return ok ? 0 : 255;
}
