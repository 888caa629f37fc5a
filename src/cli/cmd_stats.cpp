// postil stats PROJECT [--json]: counts per label, entity, stance, document and annotator.
#include "cli.h"

#include "core/project_io.h"
#include "core/stats.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace postil::cli {

static int run_stats(const Args& a)
{
    if (a.positional.size() != 1)
        return usage_error("stats", "expected exactly one project file");
    const std::string& path = a.positional[0];
    Project p = load_project_string(read_input(path), path);
    StatsOptions opts;
    opts.count_tokens = !a.has("--no-tokens");
    ProjectStats s = compute_stats(p, opts);
    if (a.has("--json")) {
        nlohmann::json j = stats_to_json(s);
        j["name"] = p.name;
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << stats_to_text(s, p.name);
    }
    return kOk;
}

static Verb stats_verb{
    "stats", "counts per label, entity, stance, document and annotator",
    "Usage: postil stats PROJECT.json [--json] [--no-tokens]\n\n"
    "Documents (code points, tokens), mentions per entity type (and in how many documents),\n"
    "canonical entities, span-level stances per polarity, document stances per target and polarity,\n"
    "annotations per annotator. '-' reads the project from stdin.\n"
    "  --json        machine-readable output (keys: totals, labels, entities, documents ...)\n"
    "  --no-tokens   skip tokenizing (faster on very large projects; tokens reported as 0)\n\n"
    "Examples:\n  postil stats corpus.postil.json\n  postil stats corpus.postil.json --json | jq '.labels'\n",
    {}, run_stats};

} // namespace postil::cli
