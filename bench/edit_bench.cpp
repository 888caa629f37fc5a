// edit_bench: CPU cost of each kind of edit through the core (Editor + History) on a large
// project - 200,000 tokens / 20,000 mentions from /work/shared/bench/gen_task.js by default -
// 25 times each at places spread over the document: add mention, relabel, delete (with its
// stances), add stance, undo, redo, the "link to entity?" lookup, Project::new_id.
// Prints p50 and max per operation, in thread CPU time (the machine is shared).
// Does not do: the UI's share of an edit (frame_bench measures the frames around a key press).
//
//   edit_bench                 runs node /work/shared/bench/gen_task.js --tokens 200000 --regions 20000
//   edit_bench task.json       a Label Studio task (data.text, annotations[0].result[].value)
#include "bench_clock.h"
#include "bench_task.h"
#include "core/ops.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>


using namespace postil;

namespace {

struct Row {
    std::string what;
    std::vector<double> t;
};

} // namespace

int main(int argc, char** argv)
{
    std::string json;
    if (argc > 1) {
        std::ifstream f(argv[1], std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        json = ss.str();
    } else {
        json = bench::task_json(200000, 20000);
        if (json.empty()) {
            std::fprintf(stderr, "edit_bench: cannot run node\n");
            return 1;
        }
    }
    Project p = bench::project_from_task(json);
    History h;
    Editor ed{p, h};
    const auto size = static_cast<uint32_t>(p.documents[0].text->size());
    const std::string polarity = p.schema.polarities.empty() ? std::string() : p.schema.polarities.front().id;

    Row add{"add_mention", {}}, relabel{"set_mention_type", {}}, remove{"remove_mention", {}}, stance{"add_stance", {}},
        undo{"undo", {}}, redo{"redo", {}}, suggest{"suggest_entity (1,000 linked)", {}}, new_id{"Project::new_id", {}};
    auto timed = [](Row& row, auto&& fn) {
        const double t0 = bench::thread_cpu_ms();
        fn();
        row.t.push_back(bench::thread_cpu_ms() - t0);
    };
    auto undo_redo = [&]() {
        timed(undo, [&] { ed.undo(); });
        timed(redo, [&] { ed.redo(); });
        timed(undo, [&] { ed.undo(); });
    };
    for (int k = 0; k < 25; ++k) {
        const size_t i = (p.mentions.size() / 25) * static_cast<size_t>(k) + 3;
        const Mention m = p.mentions[i], other = p.mentions[i + 2];
        const uint32_t at = std::min(size - 5, static_cast<uint32_t>(uint64_t(size) * uint64_t(k) / 25 + 1));
        timed(new_id, [&] { volatile size_t n = p.new_id("m").size(); (void)n; });
        timed(add, [&] { ed.add_mention("bench", at, at + 4, "PER"); });
        undo_redo();
        timed(relabel, [&] { ed.set_mention_type(m.id, m.type == "PER" ? "ORG" : "PER"); });
        undo_redo();
        timed(remove, [&] { ed.remove_mention(m.id); });
        undo_redo();
        timed(stance, [&] { ed.add_stance("bench", {StanceRef::Kind::Mention, m.id}, {StanceRef::Kind::Mention, other.id}, polarity); });
        undo_redo();
    }
    // The "link to entity?" lookup once mentions are linked: 1,000 entities, one per mention.
    for (size_t k = 0; k < 1000; ++k)
        ed.create_entity(p.mentions[k * (p.mentions.size() / 1000)].id);
    for (int k = 0; k < 25; ++k) {
        const std::string id = p.mentions[(p.mentions.size() / 25) * static_cast<size_t>(k) + 7].id;
        timed(suggest, [&] { volatile size_t n = ed.suggest_entity(id).size(); (void)n; });
    }

    std::printf("Core edits at %zu code points / %zu mentions, thread CPU ms, 25 runs each (undo, redo: 75, 25)\n\n",
                static_cast<size_t>(size), p.mentions.size());
    std::printf("| operation | p50 | max |\n|---|---:|---:|\n");
    for (Row* r : {&add, &relabel, &remove, &stance, &undo, &redo, &suggest, &new_id}) {
        std::sort(r->t.begin(), r->t.end());
        std::printf("| %s | %.3f | %.3f |\n", r->what.c_str(), r->t[r->t.size() / 2], r->t.back());
    }
    return 0;
}
