// agreement_bench: times compute_agreement (core/agreement/project_agreement.h) on a large
// team project: 20 annotators x 1,000 documents of ~300 tokens, each annotator marking ~20
// mentions per document (a shared "true" set, perturbed per annotator: missed, shifted
// boundaries, other type, spurious extra), a few stances and document stances.
// Prints the CPU time (process CPU, best of 3 runs) with and without the per-document table,
// and a few of the resulting numbers so a change that makes it fast by computing nothing shows.
// Does not do: any check of correctness (tests/unit/test_agreement.cpp does), file I/O.
//
//   ./agreement_bench [annotators] [documents]      (defaults: 20 1000)
#include "core/agreement/project_agreement.h"
#include "core/agreement/reliability.h"
#include "core/model.h"
#include "core/tokenizer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <time.h>

using namespace postil;

namespace {

// [SECTION] timing

// Process CPU time, not wall time: the bench machine is shared, and time spent preempted by
// other processes is not ours.
double cpu_s()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double wall_s()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Timing {
    double cpu = 1e30, wall = 1e30; // best of the runs
};

Timing best_of(int runs, const std::function<void()>& work)
{
    Timing t;
    for (int i = 0; i < runs; ++i) {
        double w0 = wall_s(), c0 = cpu_s();
        work();
        double c1 = cpu_s(), w1 = wall_s();
        t.cpu = std::min(t.cpu, c1 - c0);
        t.wall = std::min(t.wall, w1 - w0);
    }
    return t;
}

// [SECTION] synthetic team project

// French-looking words; the tokenizer splits on spaces and punctuation, so ~1 token per word
// plus the punctuation.
const char* const kWords[] = {"le", "la", "les", "des", "une", "un", "gouvernement", "puces", "Chine",
                              "Washington", "annonce", "contrôles", "exportation", "société", "Nvidia",
                              "Huawei", "ministre", "accord", "marché", "technologie", "intelligence",
                              "artificielle", "sécurité", "régulation", "Pékin", "Bruxelles", "été",
                              "semaine", "dernière", "selon", "rapport", "avec", "sans", "pour", "contre"};
const char* const kTypes[] = {"PER", "ORG", "LOC", "GPE", "PRODUCT", "POLICY", "EVENT", "MISC"};
const char* const kPolarities[] = {"FAVOR", "AGAINST", "NEUTRAL"};
const char* const kTargets[] = {"us-export-controls", "china-ai-independence", "ai-safety-regulation"};

Project make_team_project(int annotators, int documents, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < p; };

    Project p;
    p.name = "agreement bench";
    std::vector<std::string> names;
    for (int a = 0; a < annotators; ++a)
        names.push_back("ann" + std::string(a < 10 ? "0" : "") + std::to_string(a));

    size_t next_id = 0;
    auto id = [&](const char* prefix) { return prefix + std::to_string(++next_id); };
    for (int d = 0; d < documents; ++d) {
        // ~300 tokens: 270 words and a full stop every ~15 words.
        std::string text;
        for (int w = 0; w < 270; ++w) {
            text += kWords[pick(sizeof kWords / sizeof kWords[0])];
            text += (w % 15 == 14) ? ". " : " ";
        }
        text += "\n";
        Document doc;
        doc.id = "d" + std::to_string(d);
        doc.name = doc.id;
        doc.text = std::make_shared<const Text>(Text::from_normalized(text));
        std::vector<Token> tokens = tokenize(*doc.text);

        // The "true" mentions of the document: 20 spans of 1-3 tokens.
        struct Truth {
            size_t first, last; // token indices
            const char* type;
        };
        std::vector<Truth> truth;
        for (int k = 0; k < 20; ++k) {
            size_t first = pick(tokens.size() - 3);
            truth.push_back({first, first + pick(3), kTypes[pick(8)]});
        }
        // Per annotator: perturbed copies. Skill varies a little between annotators.
        for (int a = 0; a < annotators; ++a) {
            const double noise = 0.05 + 0.01 * (a % 10);
            std::vector<std::string> mine;
            for (const Truth& t : truth) {
                if (chance(noise))
                    continue; // missed
                size_t first = t.first, last = t.last;
                if (chance(noise))
                    first = first > 0 ? first - 1 : first; // boundary one token wider
                if (chance(noise))
                    last = std::min(last + 1, tokens.size() - 1);
                Mention m;
                m.id = id("m");
                m.doc_id = doc.id;
                m.start = tokens[first].start;
                m.end = tokens[last].end;
                m.type = chance(noise) ? kTypes[pick(8)] : t.type;
                m.annotator = names[a];
                mine.push_back(m.id);
                p.mentions.push_back(std::move(m));
            }
            if (chance(noise * 2)) { // spurious
                size_t first = pick(tokens.size());
                Mention m;
                m.id = id("m");
                m.doc_id = doc.id;
                m.start = tokens[first].start;
                m.end = tokens[first].end;
                m.type = kTypes[pick(8)];
                m.annotator = names[a];
                p.mentions.push_back(std::move(m));
            }
            // A few stances: holder = one of the annotator's mentions, target a schema target.
            for (int s = 0; s < 3 && !mine.empty(); ++s) {
                Stance st;
                st.id = id("s");
                st.doc_id = doc.id;
                st.holder = {StanceRef::Kind::Mention, mine[std::min(mine.size() - 1, static_cast<size_t>(s))]};
                st.target = {StanceRef::Kind::Target, kTargets[s]};
                st.polarity = kPolarities[chance(noise * 3) ? pick(3) : static_cast<size_t>((d + s) % 3)];
                st.annotator = names[a];
                p.stances.push_back(std::move(st));
            }
            for (int t = 0; t < 2; ++t) {
                DocStance ds;
                ds.id = id("ds");
                ds.doc_id = doc.id;
                ds.target_id = kTargets[t];
                ds.polarity = kPolarities[chance(noise * 3) ? pick(3) : static_cast<size_t>((d * 7 + t) % 3)];
                ds.annotator = names[a];
                p.doc_stances.push_back(std::move(ds));
            }
        }
        p.documents.push_back(std::move(doc));
    }
    p.keep_sorted();
    return p;
}

} // namespace

int main(int argc, char** argv)
{
    const int annotators = argc > 1 ? std::atoi(argv[1]) : 20;
    const int documents = argc > 2 ? std::atoi(argv[2]) : 1000;
    if (annotators < 2 || documents < 1) {
        std::fprintf(stderr, "usage: agreement_bench [annotators >= 2] [documents >= 1]\n");
        return 2;
    }
    double g0 = cpu_s();
    Project p = make_team_project(annotators, documents, 42);
    std::printf("project: %d annotators x %zu documents, %zu mentions, %zu stances, %zu document stances "
                "(generated in %.2f s cpu)\n",
                annotators, p.documents.size(), p.mentions.size(), p.stances.size(), p.doc_stances.size(),
                cpu_s() - g0);

    AgreementReport r;
    AgreementOptions with_docs;
    Timing full = best_of(3, [&] { r = compute_agreement(p, with_docs); });
    AgreementOptions no_docs;
    no_docs.per_document = false;
    AgreementReport r2;
    Timing lean = best_of(3, [&] { r2 = compute_agreement(p, no_docs); });

    std::printf("compute_agreement, best of 3:\n");
    std::printf("  %-28s %8.3f s cpu %8.3f s wall\n", "with per-document table", full.cpu, full.wall);
    std::printf("  %-28s %8.3f s cpu %8.3f s wall\n", "without per-document table", lean.cpu, lean.wall);
    std::printf("result: %zu pairs, exact F1 %s, overlap F1 %s, mean token kappa %s, token alpha %s,\n"
                "        stance Fleiss kappa %s, document stance alpha %s\n",
                r.mentions.pairs.size(), format_fixed(r.mentions.exact.f1()).c_str(),
                format_fixed(r.mentions.overlap.f1()).c_str(), format_fixed(r.mentions.mean_token_kappa).c_str(),
                format_fixed(r.mentions.token_alpha.value).c_str(), format_fixed(r.stances.fleiss_kappa.value).c_str(),
                format_fixed(r.doc_stances.alpha.value).c_str());
    const double target = 1.0;
    std::printf("target < %.1f s cpu: %s\n", target, full.cpu < target ? "met" : "NOT met");
    return 0;
}
