// Dataset splits: the generator's reference values, exact shares overall and per stratum,
// determinism (same seed -> same split, whatever the document order), a fixed expected split
// that every platform must reproduce, option checks, subsets.
#include "dataset_fixtures.h"

#include "core/dataset/split.h"

#include <algorithm>
#include <set>

using namespace dataset_tests;

// n documents; document i has a document stance whose polarity cycles with weights 5:3:2
// (FAVOR, AGAINST, NEUTRAL), and one PER or ORG mention.
static Project generated(size_t n)
{
    Project p;
    p.name = "generated";
    for (size_t i = 0; i < n; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "doc%03zu", i);
        add_doc(p, id, "Texte " + std::to_string(i) + " sur Paris.");
        size_t k = i % 10;
        const char* pol = k < 5 ? "FAVOR" : k < 8 ? "AGAINST" : "NEUTRAL";
        p.doc_stances.push_back({"ds" + std::to_string(i), id, "us-export-controls", pol, "alice"});
        p.mentions.push_back({"m" + std::to_string(i), id, 0, 5, i % 4 == 0 ? "ORG" : "PER", "", "", "alice", {}});
    }
    p.keep_sorted();
    return p;
}

TEST_CASE("splitmix64 matches the reference sequence")
{
    SplitMix64 g(0);
    CHECK(g.next() == 0xE220A8397B1DCDAFull);
    CHECK(g.next() == 0x6E789E6AA1B965F4ull);
    CHECK(g.next() == 0x06C45D188009454Full);
    CHECK(fnv1a64("") == 0xCBF29CE484222325ull);
    CHECK(fnv1a64("a") == 0xAF63DC4C8601EC8Cull);
    SplitMix64 h(7);
    for (int i = 0; i < 1000; ++i)
        CHECK(h.below(3) < 3);
}

TEST_CASE("split: exact shares overall and per stratum")
{
    Project p = generated(100);
    SplitOptions o;
    o.seed = 42;
    SplitResult r = split_documents(p, o);
    CHECK(r.used == StratifyBy::DocStance);
    CHECK(r.train.size() == 80);
    CHECK(r.dev.size() == 10);
    CHECK(r.test.size() == 10);
    std::set<std::string> all;
    for (auto* v : {&r.train, &r.dev, &r.test})
        for (auto& id : *v)
            CHECK(all.insert(id).second); // each document once
    CHECK(all.size() == 100);
    // Per stratum (50 / 30 / 20 documents): within one document of the share.
    for (const char* pol : {"FAVOR", "AGAINST", "NEUTRAL"}) {
        std::string key = std::string("us-export-controls=") + pol;
        size_t n[3] = {0, 0, 0}, total = 0;
        const std::vector<std::string>* lists[3] = {&r.train, &r.dev, &r.test};
        for (int k = 0; k < 3; ++k)
            for (auto& id : *lists[k])
                if (r.stratum[id] == key) {
                    ++n[k];
                    ++total;
                }
        CAPTURE(key);
        CHECK(std::abs(static_cast<double>(n[0]) - 0.8 * total) <= 1.0);
        CHECK(std::abs(static_cast<double>(n[1]) - 0.1 * total) <= 1.0);
        CHECK(std::abs(static_cast<double>(n[2]) - 0.1 * total) <= 1.0);
    }
}

TEST_CASE("split: deterministic, independent of document order, seed-dependent")
{
    Project p = generated(60);
    SplitOptions o;
    o.seed = 1234;
    SplitResult a = split_documents(p, o);
    SplitResult b = split_documents(p, o);
    CHECK(a.test == b.test);
    CHECK(a.dev == b.dev);
    Project reversed = p;
    std::reverse(reversed.documents.begin(), reversed.documents.end());
    SplitResult c = split_documents(reversed, o);
    std::set<std::string> ta(a.test.begin(), a.test.end()), tc(c.test.begin(), c.test.end());
    CHECK(ta == tc);
    o.seed = 1235;
    SplitResult d = split_documents(p, o);
    CHECK(d.test != a.test);
}

TEST_CASE("split: the same documents on every platform (fixed expectation)")
{
    // Computed once and checked against an independent Python implementation of the same
    // algorithm; libstdc++, libc++ (Emscripten) and MSVC must all give exactly this.
    Project p = generated(30);
    SplitOptions o;
    o.seed = 2024;
    o.train = 0.6;
    o.dev = 0.2;
    o.test = 0.2;
    SplitResult r = split_documents(p, o);
    std::string dev, test;
    for (auto& id : r.dev)
        dev += id + " ";
    for (auto& id : r.test)
        test += id + " ";
    CHECK(dev == "doc003 doc005 doc006 doc014 doc020 doc029 ");
    CHECK(test == "doc001 doc012 doc019 doc021 doc025 doc026 ");
}

TEST_CASE("split: options, strata by entity, subsets")
{
    Project p = generated(20);
    SplitOptions bad;
    bad.train = 0.9;
    CHECK(check_split_options(bad).find("must be 1") != std::string::npos);
    CHECK_THROWS_AS(split_documents(p, bad), InputError);
    SplitOptions o;
    o.stratify = StratifyBy::Entity;
    SplitResult r = split_documents(p, o);
    CHECK(r.stratum["doc000"] == "ORG");
    CHECK(r.stratum["doc001"] == "PER");
    o.stratify = StratifyBy::None;
    CHECK(split_documents(p, o).stratum["doc000"] == "(all)");
    o.train = 1.0;
    o.dev = 0.0;
    o.test = 0.0;
    CHECK(split_documents(p, o).train.size() == 20);

    Project s = small_project();
    s.entities.push_back({"e1", "Dario Amodei", "PER", "", "", "alice"});
    s.entities.push_back({"e2", "Inutile", "ORG", "", "", "alice"});
    for (auto& m : s.mentions)
        if (m.id == "m2")
            m.entity_id = "e1";
    Project sub = project_subset(s, {"fr1"});
    CHECK(sub.documents.size() == 1);
    CHECK(sub.entities.size() == 1); // only the entity it refers to
    CHECK(sub.doc_stances.size() == 2);
    CHECK(validate_project(sub).empty());
}
