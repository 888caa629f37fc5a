#include "core/demo.h"
#include "core/history.h"
#include "core/project_io.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace postil;

static Mention make_mention(const std::string& id, uint32_t s, uint32_t e, const std::string& type = "PER")
{
    Mention m;
    m.id = id;
    m.doc_id = "demo-1";
    m.start = s;
    m.end = e;
    m.type = type;
    m.annotator = "test";
    return m;
}

TEST_CASE("undo and redo restore the exact project, step by step")
{
    Project p = make_demo_project();
    History h;
    const std::string s0 = save_project_string(p);

    h.execute(p, put_mention(make_mention("m100", 0, 10)));
    const std::string s1 = save_project_string(p);
    CHECK(p.mention("m100"));
    CHECK(h.dirty());

    Mention changed = *p.mention("m100");
    changed.type = "ORG";
    changed.note = "relabelled";
    h.execute(p, put_mention(changed));
    const std::string s2 = save_project_string(p);
    CHECK(p.mention("m100")->type == "ORG");

    h.execute(p, erase_mention("m100"));
    CHECK_FALSE(p.mention("m100"));

    REQUIRE(h.undo(p));
    CHECK(save_project_string(p) == s2);
    REQUIRE(h.undo(p));
    CHECK(save_project_string(p) == s1);
    REQUIRE(h.undo(p));
    CHECK(save_project_string(p) == s0);
    CHECK_FALSE(h.dirty());
    CHECK_FALSE(h.undo(p));

    REQUIRE(h.redo(p));
    CHECK(save_project_string(p) == s1);
    REQUIRE(h.redo(p));
    CHECK(save_project_string(p) == s2);
    CHECK(h.redo_description() == "Delete mention m100");
}

TEST_CASE("a new edit after undo clears redo")
{
    Project p = make_demo_project();
    History h;
    h.execute(p, put_mention(make_mention("m100", 0, 10)));
    h.undo(p);
    CHECK(h.can_redo());
    h.execute(p, put_mention(make_mention("m101", 5, 9)));
    CHECK_FALSE(h.can_redo());
    CHECK(p.mention("m101"));
    CHECK_FALSE(p.mention("m100"));
}

TEST_CASE("grouped commands undo as one step, nested groups too")
{
    Project p = make_demo_project();
    History h;
    const std::string before = save_project_string(p);
    h.begin_group("Delete mention and its stances");
    h.execute(p, erase_stance("s1"));
    h.begin_group("inner");
    h.execute(p, erase_mention("m1"));
    h.end_group();
    h.end_group();
    CHECK_FALSE(p.stance("s1"));
    CHECK_FALSE(p.mention("m1"));
    CHECK(h.undo_description() == "Delete mention and its stances");
    REQUIRE(h.undo(p));
    CHECK(save_project_string(p) == before);
    CHECK_FALSE(h.can_undo());
    REQUIRE(h.redo(p));
    CHECK_FALSE(p.stance("s1"));
    CHECK_FALSE(p.mention("m1"));
}

TEST_CASE("dirty flag follows saves through undo and redo")
{
    Project p = make_demo_project();
    History h;
    CHECK_FALSE(h.dirty());
    h.execute(p, set_doc_status("demo-2", DocStatus::Done));
    CHECK(p.document("demo-2")->status == DocStatus::Done);
    h.mark_saved();
    CHECK_FALSE(h.dirty());
    h.undo(p);
    CHECK(p.document("demo-2")->status == DocStatus::Todo);
    CHECK(h.dirty());
    h.redo(p);
    CHECK_FALSE(h.dirty());
    uint64_t r = h.revision();
    h.execute(p, set_project_name("Renamed"));
    CHECK(h.revision() > r);
    CHECK(h.dirty());
}

TEST_CASE("schema, documents and document stances are undoable")
{
    Project p = make_demo_project();
    History h;
    Schema s = p.schema;
    s.entity_types.push_back({"WEAPON", "Weapon", 0x123456, ""});
    h.execute(p, set_schema(s));
    CHECK(p.schema.entity_type("WEAPON"));
    h.undo(p);
    CHECK_FALSE(p.schema.entity_type("WEAPON"));

    Document d = p.documents[1];
    h.execute(p, erase_document(d.id));
    CHECK(p.document_index(d.id) == -1);
    h.undo(p);
    CHECK(p.document_index(d.id) == 1); // back at its place in the list

    DocStance ds{"ds9", "demo-2", "us-export-controls", "AGAINST", "test"};
    h.execute(p, put_doc_stance(ds));
    CHECK(p.doc_stance("demo-2", "us-export-controls", "test"));
    h.undo(p);
    CHECK_FALSE(p.doc_stance("demo-2", "us-export-controls", "test"));
}

TEST_CASE("mentions stay sorted after puts")
{
    Project p = make_demo_project();
    History h;
    h.execute(p, put_mention(make_mention("m200", 3, 4)));
    h.execute(p, put_mention(make_mention("m201", 0, 50)));
    CHECK(std::is_sorted(p.mentions.begin(), p.mentions.end(), mention_less));
    auto in = p.mentions_in("demo-1", 3, 4);
    bool found200 = false, found201 = false;
    for (size_t i : in) {
        found200 |= p.mentions[i].id == "m200";
        found201 |= p.mentions[i].id == "m201";
    }
    CHECK(found200);
    CHECK(found201);
}

TEST_CASE("add_records: the project one put_* after the other gives, one undo step, no copy kept")
{
    Project base = make_demo_project();
    REQUIRE(!base.mentions.empty());
    NewRecords r;
    Document d = base.documents[0];
    d.id = "new-doc";
    r.documents.push_back(d);
    r.entities.push_back({"e900", "Someone", "PER", "", "", "test"});
    r.entities.push_back({"e0", "First by id", "ORG", "", "", "test"});
    // Out of order, one at the same place as an existing mention (ties go after it), one in
    // the new document.
    Mention same = base.mentions.front();
    same.id = "m900";
    r.mentions.push_back(make_mention("m901", 40, 45));
    r.mentions.push_back(same);
    r.mentions.push_back(make_mention("m902", 0, 3));
    Mention elsewhere = make_mention("m903", 1, 2);
    elsewhere.doc_id = "new-doc";
    r.mentions.push_back(elsewhere);
    Stance s;
    s.id = "s900";
    s.doc_id = "demo-1";
    s.holder = {StanceRef::Kind::Mention, "m901"};
    s.target = {StanceRef::Kind::Mention, "m902"};
    s.polarity = "FAVOR";
    r.stances.push_back(s);
    r.doc_stances.push_back({"ds900", "new-doc", "us-export-controls", "AGAINST", "test"});

    Project by_puts = base;
    History h1;
    for (const auto& x : r.documents) h1.execute(by_puts, put_document(x));
    for (const auto& x : r.entities) h1.execute(by_puts, put_entity(x));
    for (const auto& x : r.mentions) h1.execute(by_puts, put_mention(x));
    for (const auto& x : r.stances) h1.execute(by_puts, put_stance(x));
    for (const auto& x : r.doc_stances) h1.execute(by_puts, put_doc_stance(x));

    Project p = base;
    History h;
    const std::string before = save_project_string(p);
    h.execute(p, add_records(r, "Import"));
    const std::string after = save_project_string(p);
    CHECK(after == save_project_string(by_puts));
    CHECK(p.mentions == by_puts.mentions); // the same order, ties included
    CHECK(p.documents.back().id == "new-doc");
    CHECK(h.undo_description() == "Import");

    REQUIRE(h.undo(p));
    CHECK(save_project_string(p) == before);
    CHECK(p.mentions == base.mentions);
    REQUIRE(h.redo(p));
    CHECK(save_project_string(p) == after);
    REQUIRE(h.undo(p));
    CHECK(save_project_string(p) == before);

    // The same when the new records' vectors have room for the project's (then they are merged
    // in that buffer), already sorted or not.
    for (bool presorted : {false, true}) {
        CAPTURE(presorted);
        NewRecords roomy = r;
        if (presorted) {
            std::stable_sort(roomy.mentions.begin(), roomy.mentions.end(), [](const Mention& a, const Mention& b) { return mention_less(a, b); });
            std::stable_sort(roomy.entities.begin(), roomy.entities.end(), [](const Entity& a, const Entity& b) { return a.id < b.id; });
        }
        roomy.mentions.reserve(roomy.mentions.size() + base.mentions.size() + 7);
        roomy.entities.reserve(roomy.entities.size() + base.entities.size() + 7);
        Project q = base;
        History hq;
        hq.execute(q, add_records(std::move(roomy), "Import"));
        CHECK(q.mentions == by_puts.mentions);
        CHECK(save_project_string(q) == after);
        REQUIRE(hq.undo(q));
        CHECK(save_project_string(q) == before);
        REQUIRE(hq.redo(q));
        CHECK(save_project_string(q) == after);
    }

    // Into a project without records: the new vectors are taken as they are.
    Project empty;
    empty.schema = base.schema;
    empty.documents = base.documents;
    Project empty_by_puts = empty;
    History he1, he2;
    for (const auto& x : r.documents) he1.execute(empty_by_puts, put_document(x));
    for (const auto& x : r.entities) he1.execute(empty_by_puts, put_entity(x));
    for (const auto& x : r.mentions) he1.execute(empty_by_puts, put_mention(x));
    he2.execute(empty, add_records(NewRecords{r.documents, r.entities, r.mentions, {}, {}}, "Import"));
    CHECK(empty.mentions == empty_by_puts.mentions);
    CHECK(empty.entities == empty_by_puts.entities);
}
