// postil export PROJECT --format F -o OUT: a project to an interchange or training format,
// optionally split into train/dev/test, with a dataset card for folder outputs.
#include "cli.h"
#include "export_common.h"

#include "core/project_io.h"

#include <iostream>

namespace postil::cli {

static int run_export_verb(const Args& a)
{
    if (a.positional.size() != 1)
        return usage_error("export", "expected exactly one project file");
    if (!a.has("--format"))
        return usage_error("export", "missing --format F (one of: " + format_list(true) + ")");
    const Format* f = find_format(a.get("--format"));
    if (!f || !f->export_files)
        return usage_error("export", "unknown or import-only format '" + a.get("--format") + "' (exportable: " + format_list(true) + ")");
    if (!a.has("-o") && !a.has("--output"))
        return usage_error("export", "missing -o OUT (a file, '-' for stdout, or a folder)");
    ExportJob job;
    job.verb = "export";
    job.format = f;
    job.out = a.get("-o", a.get("--output"));
    if (std::string err = parse_export_options(a, *f, job.options); !err.empty())
        return usage_error("export", err);
    job.split = a.has("--split");
    bool ratios = a.has("--train") || a.has("--dev") || a.has("--test") || a.has("--seed") || a.has("--stratify");
    if (ratios && !job.split)
        return usage_error("export", "--train/--dev/--test/--seed/--stratify need --split");
    if (job.split)
        if (std::string err = parse_split_options(a, job.split_options); !err.empty())
            return usage_error("export", err);
    job.card = !a.has("--no-card");
    const std::string& path = a.positional[0];
    Project p = load_project_string(read_input(path), path);
    job.project = &p;
    return run_export(job);
}

static Verb export_verb{
    "export", "write a project as CoNLL, Hugging Face, stance TSV/CSV ... (optionally split train/dev/test)",
    std::string("Usage: postil export PROJECT.json --format F -o OUT [options]\n\n"
    "Writes the project in format F. Single-file formats go to OUT (a file, or '-' for stdout);\n"
    "multi-file formats (hf, brat ...) and --split write into the folder OUT/ with a dataset card\n"
    "OUT/README.md (with the annotators' agreement when the project has two or more layers).\n"
    "What the format cannot hold (nested mentions in IOB, span-level stances in a\n"
    "stance table ...) is listed on stderr as 'not kept: ...' and in the card.\n\n"
    "  --format F          output format: ") + format_list(true) + "\n"
    "  -o, --output OUT    file, '-' (stdout) or folder\n"
    "  --scheme S          token formats (conll, hf): iob1, iob2 (default) or bilou\n"
    "  --strict            refuse (exit 1, every problem listed) instead of dropping or snapping\n"
    "                      what the format cannot express\n"
    "  --annotator A       only annotator A's annotations; '*' = every layer. Default: the\n"
    "                      adjudicated 'gold' layer if the project has one, else every layer\n"
    "  --doc ID[,ID...]    only these documents\n"
    "  --split             write OUT/train, OUT/dev, OUT/test (by document)\n" + kSplitHelp +
    "  --no-card           no README.md dataset card\n\n"
    "Tokens and sentences for conll/hf come from Postil's French-aware tokenizer; a mention whose\n"
    "boundary falls inside a token is grown to whole tokens, and of overlapping mentions only the\n"
    "outermost (longest) is kept (both reported).\n\n"
    "Examples:\n"
    "  postil export corpus.postil.json --format conll -o corpus.conll\n"
    "  postil export corpus.postil.json --format conll --scheme bilou --strict -o - | less\n"
    "  postil export corpus.postil.json --format hf --split --train 0.8 --dev 0.1 --test 0.1 --seed 7 -o hf-data\n"
    "  postil export corpus.postil.json --format stance-semeval --annotator alice -o stances.tsv\n"
    "  postil export team.postil.json --format jsonl --annotator '*' -o all-layers.jsonl\n",
    {"--format", "-o", "--output", "--scheme", "--annotator", "--doc", "--train", "--dev", "--test", "--seed", "--stratify"},
    run_export_verb};

} // namespace postil::cli
