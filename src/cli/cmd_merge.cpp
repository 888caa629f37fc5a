// postil merge A.json B.json ... -o OUT.json: per-annotator project files of the same documents
// -> one project with a layer per annotator (core: merge_layers in core/layers.h).
// Does not do: adjudication (the app's adjudication view, core/adjudication.h).
#include "cli.h"

#include "core/formats/format.h"
#include "core/layers.h"
#include "core/project_io.h"

#include <iostream>

namespace postil::cli {


static int run_merge(const Args& a)
{
    if (a.positional.empty())
        return usage_error("merge", "no input files");
    if (!a.has("-o") && !a.has("--output"))
        return usage_error("merge", "missing -o OUT.json");
    const Format* format = nullptr;
    if (a.has("--format")) {
        format = find_format(a.get("--format"));
        if (!format || !format->import_files)
            return usage_error("merge", "unknown or import-less format '" + a.get("--format") + "'");
    }
    size_t stdin_inputs = 0;
    for (const auto& path : a.positional)
        stdin_inputs += path == "-";
    if (stdin_inputs > 1)
        return usage_error("merge", "stdin ('-') can be read only once");
    std::string out = a.get("-o", a.get("--output"));
    std::string name = a.get("--annotator");
    if (a.has("--annotator") && is_unnamed_annotator(name))
        return usage_error("merge", "--annotator needs a name (not empty, not 'anonymous')");

    std::vector<MergeInput> inputs;
    Diagnostics problems;
    for (const auto& path : a.positional) {
        try {
            std::string bytes = read_input(path);
            MergeInput in;
            in.name = path;
            InputFile file{path, bytes};
            if (find_format("postil")->detect(file) > 0 || !format) {
                in.project = load_project_string(bytes, path);
            } else {
                ImportOptions io;
                io.annotator = name;
                import_into(in.project, *format, {file}, io);
            }
            // Names for unnamed annotations: --annotator, else the project's own, else the file's stem.
            if (!name.empty())
                in.annotator = name;
            else if (is_unnamed_annotator(in.project.annotator) && path != "-")
                in.annotator = file_stem(path);
            inputs.push_back(std::move(in));
        } catch (const InputError& e) {
            problems.insert(problems.end(), e.diagnostics.begin(), e.diagnostics.end());
        }
    }
    if (!problems.empty())
        return report(problems); // nothing written unless every input reads

    MergeReport rep;
    Project merged = merge_layers(std::move(inputs), rep);
    write_output(out, save_project_string(merged));

    bool quiet = a.has("--quiet");
    if (!quiet || !rep.warnings.empty()) {
        for (const auto& w : rep.warnings)
            std::cerr << "postil merge: " << w << "\n";
    }
    if (!quiet && out != "-") {
        std::cerr << "merged " << rep.order.size() << " file(s) into " << out << ": " << merged.documents.size() << " documents; layers:";
        for (const auto& l : list_layers(merged))
            std::cerr << " " << (l.annotator.empty() ? "(unnamed)" : l.annotator) << " (" << l.counts.mentions << " mentions, "
                      << l.counts.stances << " stances)";
        std::cerr << "\n";
        for (size_t i = 0; i < rep.imports.size(); ++i)
            std::cerr << "  " << rep.order[i + 1] << ": " << rep.imports[i].summary() << "\n";
    }
    return kOk;
}

static Verb merge_verb{
    "merge", "merge per-annotator project files of the same documents into one multi-layer project",
    "Usage: postil merge PROJECT.json... -o OUT.json [--annotator NAME] [--format F] [--quiet]\n\n"
    "Each input is one annotator's project over the same documents (teams keep one file per\n"
    "annotator in git). The output holds every input's annotations as layers, one per annotator:\n"
    "  - documents match by id (same text) or by identical text; documents only some inputs\n"
    "    have are added, never a second copy of a text;\n"
    "  - every annotation keeps its annotator name; annotations without one (or 'anonymous')\n"
    "    take --annotator NAME, else the input project's annotator, else the file name's stem\n"
    "    ('bob.postil.json' -> 'bob');\n"
    "  - ids that clash get fresh ones; identical annotations (same layer) are kept once;\n"
    "  - labels missing from the first input's schema are added.\n"
    "Deterministic: the same inputs give a byte-identical file, in any argument order (inputs are\n"
    "merged in order of their annotator names, then content; the first gives the project name\n"
    "and document order).\n"
    "  -o, --output F     project file to write ('-' for stdout); may be one of the inputs\n"
    "  --annotator NAME   name for annotations that have none (every input)\n"
    "  --format F         read inputs that are not Postil projects with this importer\n"
    "  --quiet            only warnings on stderr\n"
    "Nothing is written if an input cannot be read. Exit codes: 0 ok, 1 bad input, 2 usage.\n\n"
    "Examples:\n"
    "  postil merge alice.postil.json bob.postil.json -o team.postil.json\n"
    "  postil merge base.json annotations/*.json -o merged.json --annotator unknown\n"
    "  postil merge merged.json carol.json -o merged.json   # add a layer to a merged project\n",
    {"-o", "--output", "--annotator", "--format"}, run_merge};

} // namespace postil::cli
