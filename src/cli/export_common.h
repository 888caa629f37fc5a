// Shared by the dataset verbs (export, convert, split): progress display on a terminal,
// ratio/seed options, and writing an export (one file, stdout, or a folder with a dataset card).
// Does not do: format logic (src/core/formats), argument parsing (cli.h).
#pragma once
#include "cli.h"

#include "core/dataset/split.h"
#include "core/formats/format.h"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace postil::cli {

// [SECTION] progress

bool stderr_is_terminal();

// A one-line progress bar on stderr, drawn only when stderr is a terminal and the work has
// taken more than half a second (short runs and pipes/logs stay clean).
class Progress {
public:
    Progress(std::string label, size_t total);
    ~Progress();
    void step(size_t n = 1);
    void finish();

private:
    void draw(bool force);
    std::string label_;
    size_t total_ = 0, done_ = 0;
    bool enabled_ = false, drawn_ = false;
    std::chrono::steady_clock::time_point start_, last_;
};

// Runs `work` while a spinner with the elapsed time turns on stderr (terminal only, after
// half a second). For single calls into the core that report no progress of their own.
void with_spinner(const std::string& label, const std::function<void()>& work);

// [SECTION] options

// --train/--dev/--test/--seed/--stratify into SplitOptions. Missing ratios take what is left
// (shared equally); none given: 0.8 / 0.1 / 0.1. Returns an error message or "".
std::string parse_split_options(const Args& a, SplitOptions& out);
extern const char* const kSplitHelp;

// Export options from --scheme/--strict/--annotator/--doc. Returns an error message or "".
std::string parse_export_options(const Args& a, const Format& f, ExportOptions& out);

// Names of the formats that can be exported / imported, for help and errors.
std::string format_list(bool exportable);

// [SECTION] writing

struct ExportJob {
    const Project* project = nullptr;
    const Format* format = nullptr;
    ExportOptions options;
    std::string out;            // file, "-" or folder
    bool split = false;
    SplitOptions split_options;
    bool card = true;           // README.md in folder outputs
    std::string verb;           // for messages
};
// Exports (split or not), writes the files, prints losses and a summary on stderr.
// Returns an exit code.
int run_export(const ExportJob& job);

// Creates the folder (and parents) if needed; throws InputError naming it if it cannot.
void make_dirs(const std::string& path);
std::string join_path(const std::string& dir, const std::string& name);

} // namespace postil::cli
