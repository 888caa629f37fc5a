// CLI plumbing shared by the verbs: registration, argument parsing, exit codes, diagnostics.
// Each verb lives in its own cmd_<verb>.cpp and registers itself with a static Verb object.
// Does not do: any annotation logic (that is src/core).
#pragma once
#include "core/diagnostic.h"

#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace postil::cli {

enum Exit { kOk = 0, kBadInput = 1, kUsage = 2 };

// Parsed command line: positionals and --options. Flags listed in `value_options` take a value
// (`--schema S.json` or `--schema=S.json`); others are booleans.
struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options; // "--format" -> "conll"; booleans -> "1"
    std::vector<std::string> errors;            // usage problems found while parsing

    bool has(const std::string& name) const { return options.count(name) != 0; }
    std::string get(const std::string& name, const std::string& fallback = {}) const;
};
Args parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& value_options);

struct Verb {
    std::string name;
    std::string summary;                     // one line for `postil --help`
    std::string help;                        // full help text with examples
    std::vector<std::string> value_options;  // options that take a value
    std::function<int(const Args&)> run;

    Verb(std::string name, std::string summary, std::string help, std::vector<std::string> value_options,
         std::function<int(const Args&)> run);
};
const std::map<std::string, const Verb*>& verbs();

// Prints diagnostics to stderr, one per line; returns kBadInput.
int report(const Diagnostics& diags);
// Usage error: prints "postil VERB: message" and a hint; returns kUsage.
int usage_error(const std::string& verb, const std::string& message);

// "-" means stdin / stdout.
std::string read_input(const std::string& path);
void write_output(const std::string& path, const std::string& bytes); // atomic for files
// "teams/bob.postil.json" -> "bob": the layer name of a file's unnamed annotations, the same
// in `postil merge` and `postil agree` (an input keeps its name merged first or compared directly).
std::string file_stem(const std::string& path);

} // namespace postil::cli
