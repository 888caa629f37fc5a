// Project::new_id's cache (IdCache) and the record commands' scan-free lookups: every id
// new_id hands out equals the full scan's answer (max number in use + 1) through edits,
// undo, redo, direct changes of the vectors, loads, copies and imports; undo/redo restore
// the exact file bytes.
#include "core/demo.h"
#include "core/formats/format.h"
#include "core/ops.h"
#include "core/project_io.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

using namespace postil;

// The definition new_id must keep: prefix + (largest number after the prefix, any record kind) + 1.
static std::string scanned_id(const Project& p, const std::string& prefix)
{
    unsigned long long best = 0;
    auto consider = [&](const std::string& id) {
        if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0)
            return;
        unsigned long long n = 0;
        for (size_t i = prefix.size(); i < id.size(); ++i) {
            if (id[i] < '0' || id[i] > '9')
                return;
            n = n * 10 + static_cast<unsigned>(id[i] - '0');
        }
        best = std::max(best, n);
    };
    for (const auto& x : p.documents) consider(x.id);
    for (const auto& x : p.mentions) consider(x.id);
    for (const auto& x : p.entities) consider(x.id);
    for (const auto& x : p.stances) consider(x.id);
    for (const auto& x : p.doc_stances) consider(x.id);
    return prefix + std::to_string(best + 1);
}

static void check_ids(const Project& p)
{
    for (const char* prefix : {"m", "e", "s", "d", "ds"})
        CHECK(p.new_id(prefix) == scanned_id(p, prefix));
    CHECK(std::is_sorted(p.mentions.begin(), p.mentions.end(), mention_less));
}

static bool ids_unique(const Project& p)
{
    std::vector<std::string> ids;
    for (const auto& m : p.mentions) ids.push_back(m.id);
    std::sort(ids.begin(), ids.end());
    return std::adjacent_find(ids.begin(), ids.end()) == ids.end();
}

struct Fixture {
    Project p = make_demo_project();
    History h;
    Editor ed{p, h};
    Fixture() { p.annotator = "alice"; }
};

TEST_CASE_FIXTURE(Fixture, "new_id stays the scan's answer through add, undo, redo and delete")
{
    check_ids(p);
    const std::string first = p.new_id("m");
    const std::string id = ed.add_mention("demo-1", 0, 4, "PER");
    CHECK(id == first);
    CHECK(p.ids_cached()); // the command kept the cache in step: no rescan
    check_ids(p);
    CHECK(p.new_id("m") != first);

    REQUIRE(ed.undo());
    CHECK(p.ids_cached());
    CHECK(p.new_id("m") == first); // the number is free again, as the scan says
    REQUIRE(ed.redo());
    check_ids(p);
    CHECK(p.mention(first));

    REQUIRE(ed.remove_mention(first));
    CHECK(p.ids_cached());
    check_ids(p);
    REQUIRE(ed.undo());
    check_ids(p);
    CHECK(p.mention(first));
}

TEST_CASE_FIXTURE(Fixture, "direct changes of the vectors are seen: push_back, clear and refill, ids_changed")
{
    check_ids(p);
    Mention m = p.mentions.front();
    m.id = "m500";
    p.mentions.push_back(m); // size changed: the cache notices
    p.keep_sorted();
    CHECK(p.new_id("m") == "m501");

    // Same buffer, same size, other ids: only ids_changed() can tell.
    p.mentions.back().id = "m900";
    p.ids_changed();
    CHECK(p.new_id("m") == "m901");

    // A document or stance id with the prefix counts too (every record kind).
    p.stances.front().id = "m2000";
    p.ids_changed();
    CHECK(p.new_id("m") == "m2001");
}

TEST_CASE_FIXTURE(Fixture, "copies and moved projects number on their own")
{
    (void)p.new_id("m"); // build the cache
    Project q = p;
    CHECK_FALSE(q.ids_cached());
    Mention m = q.mentions.front();
    m.id = "m77";
    q.mentions.push_back(m);
    q.keep_sorted();
    CHECK(q.new_id("m") == "m78");
    CHECK(p.new_id("m") == scanned_id(p, "m"));

    Project r = std::move(q);
    CHECK(r.new_id("m") == "m78");
    q = Project{}; // moved-from, then reused: empty
    CHECK(q.new_id("m") == "m1");
}

TEST_CASE("loading, saving and importing keep new_id exact, and the file byte-identical")
{
    Project p = make_demo_project();
    const std::string bytes = save_project_string(p);
    Project q = load_project_string(bytes, "demo.json");
    check_ids(q);
    CHECK(save_project_string(q) == bytes);

    // Import the same project into itself: every id is taken, so they get suffixes.
    History h;
    Editor ed{q, h};
    (void)q.new_id("m");
    append_project(q, load_project_string(bytes, "again.json"));
    check_ids(q);
    CHECK(ids_unique(q));
    const std::string expect = scanned_id(q, "m");
    CHECK(ed.add_mention(q.documents.front().id, 0, 3, "PER") == expect);
    check_ids(q);
}

TEST_CASE_FIXTURE(Fixture, "random edits, undo and redo: ids exact, files restored byte for byte")
{
    std::mt19937 rnd(7);
    auto pick = [&](size_t n) { return static_cast<size_t>(rnd() % n); };
    const Document& doc = p.documents.front();
    const auto size = static_cast<uint32_t>(doc.text->size());
    std::vector<std::string> snapshots{save_project_string(p)};
    for (int step = 0; step < 300; ++step) {
        const size_t what = pick(10);
        bool changed = false;
        if (what < 3) {
            const auto a = static_cast<uint32_t>(pick(size - 1));
            const auto b = std::min(size, a + 1 + static_cast<uint32_t>(pick(12)));
            changed = !ed.add_mention(doc.id, a, b, pick(2) ? "PER" : "ORG").empty();
        } else if (what == 3 && !p.mentions.empty()) {
            changed = ed.remove_mention(p.mentions[pick(p.mentions.size())].id);
        } else if (what == 4 && !p.mentions.empty()) {
            const Mention& m = p.mentions[pick(p.mentions.size())];
            changed = ed.set_mention_type(m.id, m.type == "PER" ? "ORG" : "PER");
        } else if (what == 5 && !p.mentions.empty()) {
            const Mention m = p.mentions[pick(p.mentions.size())];
            if (m.doc_id == doc.id && m.end + 1 <= size)
                changed = ed.set_mention_span(m.id, m.start, m.end + 1);
        } else if (what == 6 && p.mentions.size() >= 2) {
            const Mention& a = p.mentions[pick(p.mentions.size())];
            const Mention& b = p.mentions[pick(p.mentions.size())];
            if (a.doc_id == b.doc_id && a.id != b.id)
                changed = !ed.add_stance(a.doc_id, {StanceRef::Kind::Mention, a.id}, {StanceRef::Kind::Mention, b.id},
                                         p.schema.polarities.front().id).empty();
        } else if (what == 7 && snapshots.size() > 1) {
            REQUIRE(ed.undo());
            snapshots.pop_back();
            CHECK(save_project_string(p) == snapshots.back());
        } else if (what == 8 && ed.redo()) {
            snapshots.push_back(save_project_string(p));
        }
        if (changed)
            snapshots.push_back(save_project_string(p));
        check_ids(p);
        REQUIRE(ids_unique(p));
    }
    while (snapshots.size() > 1 && ed.undo()) {
        snapshots.pop_back();
        CHECK(save_project_string(p) == snapshots.back());
    }
    check_ids(p);
}

TEST_CASE("erase and put with the mention as hint find it without a scan, undo restores it")
{
    Project p = make_demo_project();
    History h;
    const std::string before = save_project_string(p);
    const Mention m = p.mentions[p.mentions.size() / 2];
    h.execute(p, erase_mention(m));
    CHECK_FALSE(p.mention(m.id));
    Mention moved = p.mentions.front();
    const Mention current = moved;
    moved.start += 1;
    moved.end += 1;
    h.execute(p, put_mention(moved, &current));
    CHECK(p.mention(moved.id)->start == current.start + 1);
    CHECK(std::is_sorted(p.mentions.begin(), p.mentions.end(), mention_less));
    REQUIRE(h.undo(p));
    REQUIRE(h.undo(p));
    CHECK(save_project_string(p) == before);
    REQUIRE(h.redo(p));
    REQUIRE(h.redo(p));
    CHECK_FALSE(p.mention(m.id));
    CHECK(p.mention(moved.id)->start == current.start + 1);
}
