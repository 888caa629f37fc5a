// postil info PROJECT.json: documents, sizes and annotation counts.
#include "cli.h"

#include "core/project_io.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace postil::cli {

static int run_info(const Args& a)
{
    if (a.positional.size() != 1)
        return usage_error("info", "expected exactly one project file");
    const std::string& path = a.positional[0];
    Project p = load_project_string(read_input(path), path);
    auto count_doc = [&](const auto& v, const std::string& doc) {
        size_t n = 0;
        for (const auto& x : v)
            n += x.doc_id == doc;
        return n;
    };
    if (a.has("--json")) {
        nlohmann::json j;
        j["name"] = p.name;
        j["documents"] = nlohmann::json::array();
        for (const auto& d : p.documents)
            j["documents"].push_back({{"id", d.id}, {"name", d.name}, {"status", to_string(d.status)},
                                      {"code_points", d.text->size()}, {"bytes", d.text->utf8().size()},
                                      {"mentions", count_doc(p.mentions, d.id)}, {"stances", count_doc(p.stances, d.id)}});
        j["totals"] = {{"documents", p.documents.size()}, {"mentions", p.mentions.size()}, {"entities", p.entities.size()},
                       {"stances", p.stances.size()}, {"document_stances", p.doc_stances.size()}};
        std::cout << j.dump(2) << "\n";
        return kOk;
    }
    std::printf("project: %s\n", p.name.c_str());
    std::printf("%-28s %-12s %10s %10s %9s %8s\n", "document", "status", "chars", "bytes", "mentions", "stances");
    for (const auto& d : p.documents)
        std::printf("%-28s %-12s %10zu %10zu %9zu %8zu\n", d.id.c_str(), to_string(d.status), d.text->size(),
                    d.text->utf8().size(), count_doc(p.mentions, d.id), count_doc(p.stances, d.id));
    std::printf("total: %zu documents, %zu mentions, %zu entities, %zu stances, %zu document stances\n", p.documents.size(),
                p.mentions.size(), p.entities.size(), p.stances.size(), p.doc_stances.size());
    return kOk;
}

static Verb info_verb{
    "info", "documents, sizes and annotation counts of a project",
    "Usage: postil info PROJECT.json [--json]\n\n"
    "Sizes are in code points ('chars') and UTF-8 bytes.\n\n"
    "Example:\n  postil info corpus.postil.json --json\n",
    {}, run_info};

} // namespace postil::cli
