// postil layers PROJECT.json: the annotators' layers with counts per document, and optionally
// the adjudication state between them (differences left per document, or one document's list).
// Does not do: agreement statistics (see the agreement verb), changing anything.
#include "cli.h"

#include "core/adjudication.h"
#include "core/project_io.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace postil::cli {

static std::vector<std::string> split_names(const std::string& s)
{
    std::vector<std::string> out;
    size_t from = 0;
    while (from <= s.size()) {
        size_t comma = s.find(',', from);
        if (comma == std::string::npos)
            comma = s.size();
        if (comma > from)
            out.push_back(s.substr(from, comma - from));
        from = comma + 1;
    }
    return out;
}

static const char* shown(const std::string& annotator)
{
    return annotator.empty() ? "(unnamed)" : annotator.c_str();
}

static int run_layers(const Args& a)
{
    if (a.positional.size() != 1)
        return usage_error("layers", "expected exactly one project file");
    const std::string& path = a.positional[0];
    Project p = load_project_string(read_input(path), path);
    std::vector<std::string> compared = split_names(a.get("--annotators"));
    bool json_out = a.has("--json");

    if (a.has("--diff")) {
        std::string doc = a.get("--diff");
        if (!p.document(doc))
            return report({{path, 0, 0, "", "no document with id \"" + doc + "\""}});
        std::vector<Difference> diffs = compute_differences(p, doc, compared);
        if (json_out) {
            nlohmann::json j = nlohmann::json::array();
            for (const auto& d : diffs)
                j.push_back({{"item", to_string(d.item)}, {"kind", to_string(d.kind)}, {"key", d.key}, {"annotators", d.annotators},
                             {"sides", d.sides}, {"span", {d.span.start, d.span.end}}, {"resolved", d.resolved}});
            std::cout << j.dump(2) << "\n";
            return kOk;
        }
        for (const auto& d : diffs)
            if (d.kind != DiffKind::Agreement || a.has("--all"))
                std::printf("%s %-9s %s\n", d.resolved ? "[x]" : "[ ]", to_string(d.item), describe(p, d).c_str());
        return kOk;
    }

    if (a.has("--progress")) {
        std::vector<AdjudicationProgress> progress = adjudication_progress(p, compared);
        if (json_out) {
            nlohmann::json j = nlohmann::json::array();
            for (const auto& pr : progress)
                j.push_back({{"document", pr.doc_id}, {"agreements", pr.agreements}, {"agreements_accepted", pr.agreements_resolved},
                             {"differences", pr.differences}, {"resolved", pr.differences_resolved}, {"remaining", pr.remaining()}});
            std::cout << j.dump(2) << "\n";
            return kOk;
        }
        std::printf("%-28s %10s %9s %11s %9s %9s\n", "document", "agreements", "accepted", "differences", "resolved", "remaining");
        size_t remaining = 0;
        for (const auto& pr : progress) {
            std::printf("%-28s %10zu %9zu %11zu %9zu %9zu\n", pr.doc_id.c_str(), pr.agreements, pr.agreements_resolved, pr.differences,
                        pr.differences_resolved, pr.remaining());
            remaining += pr.remaining();
        }
        std::printf("total: %zu differences remaining\n", remaining);
        return kOk;
    }

    std::vector<LayerInfo> layers = list_layers(p);
    if (json_out) {
        nlohmann::json j;
        j["default_export_annotator"] = default_export_annotator(p);
        j["layers"] = nlohmann::json::array();
        for (const auto& l : layers) {
            nlohmann::json docs = nlohmann::json::object();
            for (size_t i = 0; i < p.documents.size(); ++i) {
                const LayerCounts& c = l.per_document[i];
                if (c.total())
                    docs[p.documents[i].id] = {{"mentions", c.mentions}, {"stances", c.stances}, {"document_stances", c.doc_stances}};
            }
            j["layers"].push_back({{"annotator", l.annotator}, {"mentions", l.counts.mentions}, {"stances", l.counts.stances},
                                   {"document_stances", l.counts.doc_stances}, {"entities", l.entities}, {"documents", docs}});
        }
        std::cout << j.dump(2) << "\n";
        return kOk;
    }
    std::printf("%-16s %9s %8s %10s %9s %10s\n", "layer", "mentions", "stances", "doc-stance", "entities", "documents");
    for (const auto& l : layers)
        std::printf("%-16s %9zu %8zu %10zu %9zu %10zu\n", shown(l.annotator), l.counts.mentions, l.counts.stances, l.counts.doc_stances,
                    l.entities, l.documents_annotated());
    if (!layers.empty()) {
        std::printf("\nmentions/stances per document:\n%-28s", "document");
        for (const auto& l : layers)
            std::printf(" %12.12s", shown(l.annotator));
        std::printf("\n");
        for (size_t i = 0; i < p.documents.size(); ++i) {
            std::printf("%-28s", p.documents[i].id.c_str());
            for (const auto& l : layers) {
                std::string cell = std::to_string(l.per_document[i].mentions) + "/" + std::to_string(l.per_document[i].stances);
                std::printf(" %12s", cell.c_str());
            }
            std::printf("\n");
        }
    }
    std::string gold = default_export_annotator(p);
    std::printf("exports use: %s\n", gold.empty() ? "all layers (no gold layer)" : "the gold layer");
    return kOk;
}

static Verb layers_verb{
    "layers", "annotators' layers of a project, per document; adjudication progress",
    "Usage: postil layers PROJECT.json [--json]\n"
    "       postil layers PROJECT.json --progress [--annotators A,B] [--json]\n"
    "       postil layers PROJECT.json --diff DOC [--annotators A,B] [--all] [--json]\n\n"
    "A layer is every annotation of one annotator. Without options: each layer's mentions,\n"
    "stances, document stances and entities, then mentions/stances per document.\n"
    "  --progress        differences between the layers left to adjudicate, per document\n"
    "  --diff DOC        the differences in one document, side by side ([x] = decided);\n"
    "                    --all lists agreements too\n"
    "  --annotators A,B  layers to compare (default: every layer but gold)\n"
    "  --json            machine-readable output\n\n"
    "Examples:\n"
    "  postil layers team.postil.json\n"
    "  postil layers team.postil.json --progress --annotators alice,bob\n"
    "  postil layers team.postil.json --diff 000_72815fe7f545c6fa\n",
    {"--annotators", "--diff"}, run_layers};

} // namespace postil::cli
