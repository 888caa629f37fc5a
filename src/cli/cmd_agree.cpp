// postil agree: inter-annotator agreement, either between the annotator layers of projects and
// exports (mentions, tokens, stances, document stances: core/agreement/project_agreement.h) or
// on plain reliability data from a CSV (unit,annotator,label: core/agreement/reliability.h).
// Does not do: the statistics themselves, adjudication (the app), writing files (stdout only).
#include "cli.h"

#include "core/agreement/project_agreement.h"
#include "core/agreement/reliability.h"
#include "core/agreement/reliability_csv.h"
#include "core/formats/format.h"
#include "core/layers.h"
#include "core/project_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace postil::cli {

// [SECTION] helpers


// "a,b,,c" -> {"a", "b", "c"} (the option parser keeps one value per option).
static std::vector<std::string> split_list(const std::string& s)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t c = s.find(',', start);
        std::string item = s.substr(start, c == std::string::npos ? std::string::npos : c - start);
        if (!item.empty())
            out.push_back(item);
        if (c == std::string::npos)
            break;
        start = c + 1;
    }
    return out;
}

static std::string join(const std::vector<std::string>& v)
{
    std::string s;
    for (const auto& x : v)
        s += (s.empty() ? "" : ", ") + x;
    return s;
}

// [SECTION] --table: plain reliability data

static int run_table(const Args& a)
{
    if (!a.positional.empty())
        return usage_error("agree", "--table takes one CSV file and no other inputs");
    if (a.has("--documents"))
        return usage_error("agree", "--documents applies to project inputs, not to --table");
    std::string metric = a.get("--metric", "nominal");
    if (metric != "nominal" && metric != "interval")
        return usage_error("agree", "--metric expects nominal or interval, got '" + metric + "'");
    const std::string path = a.get("--table");
    Diagnostics diags;
    ReliabilityData data = read_reliability_csv(read_input(path), path == "-" ? std::string("<stdin>") : path, diags);
    if (!diags.empty())
        return report(diags);

    if (a.has("--annotators")) {
        // Keep only the chosen annotators: rebuild the data so categories and unit counts are
        // those of the selection (a category only the others used must not count).
        std::vector<std::string> chosen = split_list(a.get("--annotators"));
        std::vector<std::string> unknown;
        for (const auto& name : chosen)
            if (!data.find_annotator(name))
                unknown.push_back(name);
        if (!unknown.empty()) {
            std::cerr << "postil agree: " << path << ": no annotator named " << join(unknown)
                      << " (annotators: " << join(data.annotators()) << ")\n";
            return kBadInput;
        }
        ReliabilityData kept;
        for (const auto& name : chosen)
            kept.add_annotator(name);
        for (size_t u = 0; u < data.unit_count(); ++u) {
            size_t ku = kept.add_unit(data.unit_id(u));
            for (const auto& cell : data.cells(u)) {
                const std::string& who = data.annotator_id(cell.annotator);
                if (auto ka = kept.find_annotator(who))
                    kept.set(ku, *ka, data.category_label(cell.category));
            }
        }
        data = std::move(kept);
    }
    if (data.annotator_count() < 2 || data.value_count() == 0) {
        std::cerr << "postil agree: " << path << ": agreement needs values from at least two annotators (found "
                  << data.annotator_count() << " annotator(s), " << data.value_count() << " value(s))\n";
        return kBadInput;
    }

    ReliabilitySummary s = summarize_reliability(data);
    const Statistic& alpha = metric == "interval" ? s.alpha_interval : s.alpha_nominal;
    if (a.has("--json")) {
        nlohmann::json j = to_json(s);
        j["input"] = path;
        j["metric"] = metric;
        j["krippendorff_alpha"] = alpha; // the one --metric asked for
        if (s.pairs.size() == 1)
            j["cohen_kappa"] = s.pairs.front().cohen_kappa;
        std::cout << j.dump(2) << "\n";
        return kOk;
    }
    std::cout << render_reliability_text(s);
    std::cout << "\nKrippendorff alpha (" << metric << "): " << format_fixed(alpha.value);
    if (!alpha.defined())
        std::cout << " (" << alpha.undefined << ")";
    std::cout << "\n";
    return kOk;
}

// [SECTION] projects and exports

// One input as a project: a Postil project file as is, anything else through the importer
// `forced` or, without one, the best guess. Throws InputError.
static Project read_project_input(const std::string& path, const Format* forced)
{
    std::string bytes = read_input(path);
    InputFile file{path, bytes};
    if (find_format("postil")->detect(file) > 0)
        return load_project_string(bytes, path);
    const Format* f = forced ? forced : guess_format({file});
    if (!f)
        throw InputError{{{path, 0, 0, "", "not a Postil project and no importer recognises it (try --format F)"}}};
    Project p;
    import_into(p, *f, {file}, ImportOptions{});
    return p;
}

static int run_projects(const Args& a)
{
    if (a.positional.empty())
        return usage_error("agree", "no input files (give projects or exports, or --table FILE.csv)");
    if (a.has("--metric"))
        return usage_error("agree", "--metric applies to --table (project agreement uses nominal labels)");
    size_t stdin_inputs = 0;
    for (const auto& path : a.positional)
        stdin_inputs += path == "-";
    if (stdin_inputs > 1)
        return usage_error("agree", "stdin ('-') can be read only once");
    const Format* forced = nullptr;
    if (a.has("--format")) {
        forced = find_format(a.get("--format"));
        if (!forced || !forced->import_files)
            return usage_error("agree", "unknown or import-less format '" + a.get("--format") + "'");
    }

    // Read every input before complaining, so one run lists every bad file.
    std::vector<MergeInput> inputs;
    Diagnostics problems;
    for (const auto& path : a.positional) {
        try {
            MergeInput in;
            in.name = path;
            in.project = read_project_input(path, forced);
            if (is_unnamed_annotator(in.project.annotator) && path != "-")
                in.annotator = file_stem(path);
            inputs.push_back(std::move(in));
        } catch (const InputError& e) {
            problems.insert(problems.end(), e.diagnostics.begin(), e.diagnostics.end());
        }
    }
    if (!problems.empty())
        return report(problems);

    Project project;
    if (inputs.size() == 1) {
        project = std::move(inputs.front().project);
    } else {
        MergeReport rep;
        project = merge_layers(std::move(inputs), rep);
        for (const auto& w : rep.warnings)
            std::cerr << "postil agree: " << w << "\n";
    }

    AgreementOptions opts;
    std::vector<std::string> layers = layer_names(project);
    if (a.has("--annotators")) {
        opts.annotators = split_list(a.get("--annotators"));
        std::vector<std::string> unknown;
        for (const auto& name : opts.annotators)
            if (std::find(layers.begin(), layers.end(), name) == layers.end())
                unknown.push_back(name);
        if (!unknown.empty()) {
            std::cerr << "postil agree: no layer named " << join(unknown) << " (layers: " << join(layers) << ")\n";
            return kBadInput;
        }
    }
    if (a.has("--documents")) {
        opts.documents = split_list(a.get("--documents"));
        std::vector<std::string> unknown;
        for (const auto& id : opts.documents)
            if (!project.document(id))
                unknown.push_back(id);
        if (!unknown.empty()) {
            std::cerr << "postil agree: no document " << join(unknown) << "\n";
            return kBadInput;
        }
    }

    AgreementReport r = compute_agreement(project, opts);
    if (r.annotators.size() < 2) {
        std::cerr << "postil agree: agreement needs at least two annotator layers; found "
                  << (r.annotators.empty() ? std::string("none") : join(r.annotators))
                  << (layers.empty() ? std::string() : " (all layers: " + join(layers) + ")")
                  << ". Give one file per annotator, or a project merged with 'postil merge'.\n";
        return kBadInput;
    }
    if (a.has("--json"))
        std::cout << to_json(r).dump(2) << "\n";
    else
        std::cout << render_agreement_text(r);
    return kOk;
}

static int run_agree(const Args& a)
{
    return a.has("--table") ? run_table(a) : run_projects(a);
}

static Verb agree_verb{
    "agree", "inter-annotator agreement between annotator layers, or on a unit,annotator,label CSV",
    "Usage: postil agree INPUT... [--json] [--annotators A,B,...] [--documents D1,D2,...] [--format F]\n"
    "       postil agree --table FILE.csv [--json] [--metric nominal|interval] [--annotators A,B,...]\n\n"
    "Projects and exports. Each INPUT is a Postil project or any importable file (the format is\n"
    "guessed, or given with --format). Several inputs are merged as layers, as 'postil merge'\n"
    "does: annotations without an annotator name take the file name's stem ('bob.jsonl' -> bob).\n"
    "A single project with several layers works too. The 'gold' layer is left out unless named\n"
    "in --annotators. Reported for every pair of layers: mention precision/recall/F1 (exact and\n"
    "overlap, per type, per document), Cohen's kappa over tokens; Krippendorff's alpha over\n"
    "tokens; Cohen/Fleiss kappa and Krippendorff alpha on stances and document stances.\n"
    "  --annotators A,B    compare only these layers (in this order; a pair's first is the reference)\n"
    "  --documents D1,D2   compare only these documents\n"
    "  --format F          read inputs that are not Postil projects with this importer\n"
    "  --json              the full report as JSON (undefined numbers are null, with the reason)\n\n"
    "Reliability data. --table FILE.csv reads a CSV with the columns unit, annotator, label\n"
    "(header required, any order; an empty or missing label = no value) and reports percent\n"
    "agreement, Fleiss' kappa, Krippendorff's alpha (nominal and interval; interval needs numeric\n"
    "labels), and Cohen's kappa for every pair of annotators (top-level 'cohen_kappa' in JSON\n"
    "when there are exactly two). Bad rows are reported as FILE:LINE:COLUMN.\n"
    "  --metric M          nominal (default) or interval: the alpha shown as the headline and\n"
    "                      as 'krippendorff_alpha' in JSON (both are always computed)\n\n"
    "Exit codes: 0 ok, 1 bad input (unreadable file, fewer than two layers, unknown name),\n"
    "2 usage error.\n\n"
    "Examples:\n"
    "  postil agree alice.postil.json bob.postil.json\n"
    "  postil agree team.postil.json --annotators alice,bob --documents d1,d2 --json\n"
    "  postil agree alice.jsonl bob.jsonl carol.postil.json --json | jq .mentions.exact.f1\n"
    "  postil agree --table codings.csv --metric interval\n",
    {"--annotators", "--documents", "--format", "--table", "--metric"}, run_agree};

} // namespace postil::cli
