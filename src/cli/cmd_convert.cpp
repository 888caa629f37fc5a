// postil convert IN... --to F -o OUT: from one interchange format to another through a
// project in memory (import, then export), reporting what each side could not keep.
#include "cli.h"
#include "export_common.h"

#include "core/formats/format.h"
#include "core/project_io.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace postil::cli {

namespace fs = std::filesystem;

// Inputs with folders expanded to the files inside (sorted, hidden files skipped).
static std::vector<std::string> expand_inputs(const std::vector<std::string>& args)
{
    std::vector<std::string> out;
    for (const auto& a : args) {
        std::error_code ec;
        if (a != "-" && fs::is_directory(a, ec)) {
            std::vector<std::string> inside;
            for (auto it = fs::recursive_directory_iterator(a, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                std::string name = it->path().filename().string();
                // Dataset cards (README.md) are written beside exported data; they are not data.
                if (it->is_regular_file() && name.rfind('.', 0) != 0 && name != "README.md")
                    inside.push_back(it->path().string());
            }
            std::sort(inside.begin(), inside.end());
            out.insert(out.end(), inside.begin(), inside.end());
        } else {
            out.push_back(a);
        }
    }
    return out;
}

static int run_convert(const Args& a)
{
    if (a.positional.empty())
        return usage_error("convert", "no input files");
    if (!a.has("--to"))
        return usage_error("convert", "missing --to F (one of: " + format_list(true) + ")");
    if (!a.has("-o") && !a.has("--output"))
        return usage_error("convert", "missing -o OUT (a file, '-' for stdout, or a folder)");
    const Format* to = find_format(a.get("--to"));
    if (!to || !to->export_files)
        return usage_error("convert", "unknown or import-only format '" + a.get("--to") + "' (exportable: " + format_list(true) + ")");
    const Format* from = nullptr;
    if (a.has("--from")) {
        from = find_format(a.get("--from"));
        if (!from || !from->import_files)
            return usage_error("convert", "unknown or export-only format '" + a.get("--from") + "' (importable: " + format_list(false) + ")");
    }
    ExportJob job;
    job.verb = "convert";
    job.format = to;
    job.out = a.get("-o", a.get("--output"));
    if (std::string err = parse_export_options(a, *to, job.options); !err.empty())
        return usage_error("convert", err);
    job.options.annotator.clear(); // --annotator names who made the imported annotations
    job.split = a.has("--split");
    if (job.split)
        if (std::string err = parse_split_options(a, job.split_options); !err.empty())
            return usage_error("convert", err);
    job.card = !a.has("--no-card");

    std::vector<InputFile> files;
    {
        std::vector<std::string> paths = expand_inputs(a.positional);
        Progress bar("postil convert: reading", paths.size());
        for (const auto& path : paths) {
            files.push_back({path, read_input(path)});
            bar.step();
        }
    }
    if (files.empty())
        return report({{a.positional.front(), 0, 0, "", "no files found"}});
    if (!from) {
        from = guess_format(files);
        if (!from)
            return report({{files.front().name, 0, 0, "", "cannot tell the format: give --from (one of: " + format_list(false) + ")"}});
        std::cerr << "postil convert: reading as " << from->name << " (guessed; --from F to choose)\n";
    }

    Project p;
    p.name = files.size() == 1 ? fs::path(files.front().name).filename().string() : "Converted project";
    // Start from an empty vocabulary so the output lists only the labels and targets the input
    // has (an hf label list, a card); polarities stay (stance formats map onto them).
    p.schema.entity_types.clear();
    p.schema.stance_targets.clear();
    p.schema.relation_types.clear();
    ImportOptions io;
    io.skip_bad = a.has("--skip-bad");
    io.annotator = a.get("--annotator");
    io.text_field = a.get("--text-field");
    io.label_field = a.get("--label-field");
    ImportReport ir;
    with_spinner("postil convert: importing", [&] { ir = import_into(p, *from, files, io); });
    for (const auto& d : ir.skipped)
        std::cerr << "skipped: " << d.to_string() << "\n";
    std::cerr << "postil convert: read " << ir.documents << " documents, " << ir.mentions << " mentions, " << ir.entities
              << " entities, " << ir.stances << " stances, " << ir.doc_stances << " document stances";
    if (!ir.new_labels.empty()) {
        std::cerr << "; labels:";
        for (const auto& l : ir.new_labels)
            std::cerr << " " << l;
    }
    if (!ir.skipped.empty())
        std::cerr << "; " << ir.skipped.size() << " bad records skipped";
    std::cerr << "\n";
    for (const auto& n : ir.notes)
        std::cerr << "postil convert: note: " << n << "\n";
    job.project = &p;
    return run_export(job);
}

static Verb convert_verb{
    "convert", "convert annotation files between formats (CoNLL, hf, stance TSV/CSV, JSONL ...)",
    std::string("Usage: postil convert IN... --to F -o OUT [--from F] [options]\n\n"
    "Reads every input (files, folders, or '-' for stdin) as one import, then writes format F\n"
    "(README.md files in folders are skipped: dataset cards, not data)\n"
    "like 'postil export'. Without --from the format is guessed from the first file.\n"
    "Bad input is refused as a whole (exit 1, every problem listed with file:line) unless\n"
    "--skip-bad, which imports the good records and lists the skipped ones on stderr.\n\n"
    "  --from F            input format: ") + format_list(false) + "\n"
    "  --to F              output format: " + format_list(true) + "\n"
    "  -o, --output OUT    file, '-' (stdout) or folder (multi-file formats, --split)\n"
    "  --skip-bad          import what is good, list what is not\n"
    "  --annotator A       name recorded on the imported annotations\n"
    "  --text-field K      JSON formats: key of the text (hf: of the token list)\n"
    "  --label-field K     JSON formats: key of the labels (hf: of the tag list)\n"
    "  --scheme S          token output formats: iob1, iob2 (default) or bilou\n"
    "  --strict            refuse what the output format cannot express\n"
    "  --split             write OUT/train, OUT/dev, OUT/test (options as for 'postil export')\n" + kSplitHelp +
    "  --no-card           no README.md dataset card in folder outputs\n\n"
    "CoNLL import: 2-column (TAB or spaces), CoNLL-2002/2003 4-5 columns, GermEval (index, outer\n"
    "and nested NER), '-DOCSTART-' documents; IOB1/IOB2/BILOU read alike. Text is rebuilt from the\n"
    "tokens (one space between tokens, one line per sentence).\n\n"
    "Examples:\n"
    "  postil convert eng.train --from conll --to hf -o hf-data\n"
    "  postil convert train.tsv --to stance-csv -o pstance.csv\n"
    "  postil convert train_text.txt train_labels.txt --from stance-semeval --to stance-csv -o climate.csv\n"
    "  postil convert data.jsonl labels.txt --from hf --to conll --scheme bilou -o - \n"
    "  cat dev.conll | postil convert - --from conll --to postil -o dev.postil.json\n",
    {"--from", "--to", "-o", "--output", "--annotator", "--text-field", "--label-field", "--scheme", "--doc", "--train",
     "--dev", "--test", "--seed", "--stratify"},
    run_convert};

} // namespace postil::cli
