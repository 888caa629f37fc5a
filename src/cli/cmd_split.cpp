// postil split PROJECT -o DIR: train/dev/test project files (by document) and a dataset card.
#include "cli.h"
#include "export_common.h"

#include "core/project_io.h"

#include <iostream>

namespace postil::cli {

static int run_split(const Args& a)
{
    if (a.positional.size() != 1)
        return usage_error("split", "expected exactly one project file");
    if (!a.has("-o") && !a.has("--output"))
        return usage_error("split", "missing -o DIR");
    ExportJob job;
    job.verb = "split";
    job.format = find_format("postil");
    job.out = a.get("-o", a.get("--output"));
    if (job.out == "-")
        return usage_error("split", "-o needs a folder (three project files and README.md are written)");
    job.split = true;
    if (std::string err = parse_split_options(a, job.split_options); !err.empty())
        return usage_error("split", err);
    job.options.annotator = a.get("--annotator");
    const std::string& path = a.positional[0];
    Project p = load_project_string(read_input(path), path);
    job.project = &p;
    return run_export(job);
}

static Verb split_verb{
    "split", "split a project by document into train/dev/test project files (+ dataset card)",
    std::string("Usage: postil split PROJECT.json -o DIR [--train R --dev R --test R] [--seed N] [--stratify S]\n\n"
    "Writes DIR/train.postil.json, DIR/dev.postil.json, DIR/test.postil.json and DIR/README.md.\n"
    "Documents are dealt to the splits in proportion within each stratum (by default each\n"
    "document's document-stance labels, else its most frequent entity type), in an order drawn\n"
    "from the seed: the same project, ratios and seed give the same split on every platform.\n") +
    kSplitHelp +
    "  --annotator A               keep only annotator A's annotations; '*' = every layer\n"
    "                              (default: the 'gold' layer if there is one, else every layer)\n"
    "The card reports the annotators' agreement when the project has two or more layers.\n\n"
    "Examples:\n"
    "  postil split corpus.postil.json -o splits --seed 42\n"
    "  postil split corpus.postil.json --train 0.7 --dev 0.15 --test 0.15 --stratify entity -o splits\n",
    {"-o", "--output", "--train", "--dev", "--test", "--seed", "--stratify", "--annotator"}, run_split};

} // namespace postil::cli
