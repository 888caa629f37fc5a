#include "core/demo.h"
#include "core/ops.h"
#include "core/project_io.h"

#include <doctest/doctest.h>

using namespace postil;

struct Fixture {
    Project p = make_demo_project();
    History h;
    Editor ed{p, h};
    Fixture() { p.annotator = "alice"; }
};

TEST_CASE_FIXTURE(Fixture, "add a mention, relabel, note, delete, undo all")
{
    const std::string before = save_project_string(p);
    const Text& t = *p.document("demo-2")->text;
    std::string id = ed.add_mention("demo-2", 0, 8, "ORG");
    REQUIRE_FALSE(id.empty());
    CHECK(t.slice(0, 8) == "DeepSeek");
    CHECK(p.mention(id)->annotator == "alice");
    CHECK(p.document("demo-2")->status == DocStatus::InProgress);
    CHECK(ed.set_mention_type(id, "PRODUCT"));
    CHECK_FALSE(ed.set_mention_type(id, "NOPE"));
    CHECK(ed.set_mention_note(id, "company, not model"));
    CHECK(p.mention(id)->type == "PRODUCT");
    CHECK(ed.remove_mention(id));
    CHECK_FALSE(p.mention(id));
    while (ed.undo()) {}
    CHECK(save_project_string(p) == before);
}

TEST_CASE_FIXTURE(Fixture, "invalid mentions are refused without touching history")
{
    CHECK(ed.add_mention("demo-2", 5, 5, "ORG").empty());
    CHECK(ed.add_mention("demo-2", 0, 100000, "ORG").empty());
    CHECK(ed.add_mention("nope", 0, 3, "ORG").empty());
    CHECK(ed.add_mention("demo-2", 0, 3, "ALIEN").empty());
    CHECK_FALSE(h.can_undo());
}

TEST_CASE_FIXTURE(Fixture, "deleting a mention deletes its stances in one undo step")
{
    REQUIRE(p.stance("s1"));
    CHECK(ed.remove_mention("m1"));
    CHECK_FALSE(p.stance("s1"));
    CHECK(ed.undo());
    CHECK(p.stance("s1"));
    CHECK(p.mention("m1"));
}

TEST_CASE_FIXTURE(Fixture, "stance by the S gesture: holder mention, target mention, polarity")
{
    std::string holder = "m4"; // Gina Raimondo
    std::string s = ed.add_stance("demo-1", {StanceRef::Kind::Mention, holder}, {StanceRef::Kind::Target, "us-export-controls"}, "FAVOR");
    REQUIRE_FALSE(s.empty());
    Stance st = *p.stance(s);
    st.polarity = "AGAINST";
    st.confidence = 0.5;
    CHECK(ed.update_stance(st));
    CHECK(p.stance(s)->polarity == "AGAINST");
    st.confidence = 2;
    CHECK_FALSE(ed.update_stance(st));
    // Holder from another document, same holder and target, unknown polarity: refused.
    CHECK(ed.add_stance("demo-2", {StanceRef::Kind::Mention, holder}, {StanceRef::Kind::Target, "us-export-controls"}, "FAVOR").empty());
    CHECK(ed.add_stance("demo-1", {StanceRef::Kind::Mention, holder}, {StanceRef::Kind::Mention, holder}, "FAVOR").empty());
    CHECK(ed.add_stance("demo-1", {StanceRef::Kind::Mention, holder}, {StanceRef::Kind::Target, "us-export-controls"}, "MAYBE").empty());
    CHECK(ed.remove_stance(s));
    CHECK_FALSE(p.stance(s));
}

TEST_CASE_FIXTURE(Fixture, "document stance per annotator: set, change, clear")
{
    CHECK(ed.set_doc_stance("demo-2", "china-ai-independence", "FAVOR"));
    const DocStance* d = p.doc_stance("demo-2", "china-ai-independence", "alice");
    REQUIRE(d);
    std::string id = d->id;
    CHECK(ed.set_doc_stance("demo-2", "china-ai-independence", "AGAINST"));
    CHECK(p.doc_stance("demo-2", "china-ai-independence", "alice")->id == id);
    CHECK(p.doc_stance("demo-2", "china-ai-independence", "alice")->polarity == "AGAINST");
    CHECK(ed.set_doc_stance("demo-2", "china-ai-independence", ""));
    CHECK_FALSE(p.doc_stance("demo-2", "china-ai-independence", "alice"));
    CHECK_FALSE(ed.set_doc_stance("demo-2", "unknown-target", "FAVOR"));
}

TEST_CASE_FIXTURE(Fixture, "entities: suggest by surface form, create, merge, split, rename")
{
    // "DeepSeek" in demo-2 is linked to e2; a second mention of it gets e2 suggested.
    const Text& t = *p.document("demo-2")->text;
    size_t byte = t.utf8().find("DeepSeek a publié");
    REQUIRE(byte != std::string::npos);
    uint32_t s = static_cast<uint32_t>(t.cp_of_byte(byte));
    std::string m = ed.add_mention("demo-2", s, s + 8, "ORG");
    CHECK(ed.suggest_entity(m) == "e2");
    CHECK(ed.link_mention(m, "e2"));
    CHECK(p.mention_count("e2") == 2);

    std::string e = ed.create_entity("m9"); // Liang Wenfeng
    REQUIRE_FALSE(e.empty());
    CHECK(p.entity(e)->name == "Liang Wenfeng");
    CHECK(p.mention("m9")->entity_id == e);
    CHECK(ed.rename_entity(e, "Liang Wenfeng (梁文锋)"));
    CHECK(ed.set_entity_external_id(e, "wikidata:Q130309446"));

    CHECK(ed.merge_entities("e2", e));
    CHECK_FALSE(p.entity(e));
    CHECK(p.mention("m9")->entity_id == "e2");
    CHECK(p.mention_count("e2") == 3);

    std::string split = ed.split_entity("e2", {"m9"});
    REQUIRE_FALSE(split.empty());
    CHECK(p.mention("m9")->entity_id == split);
    CHECK(p.mention_count("e2") == 2);
    CHECK(ed.undo());
    CHECK(p.mention("m9")->entity_id == "e2");
}

TEST_CASE_FIXTURE(Fixture, "entity stances follow merges and vanish with the entity")
{
    std::string s = ed.add_stance("demo-1", {StanceRef::Kind::Entity, "e1"}, {StanceRef::Kind::Entity, "e2"}, "AGAINST");
    REQUIRE_FALSE(s.empty());
    Entity extra{"e9", "Amodei", "PER", "", "", "alice"};
    h.execute(p, put_entity(extra));
    CHECK(ed.merge_entities("e9", "e1"));
    CHECK(p.stance(s)->holder.id == "e9");
    CHECK(ed.remove_entity("e9"));
    CHECK_FALSE(p.stance(s));
    CHECK(p.mention("m1")->entity_id.empty());
    CHECK(validate_project(p).empty());
}

TEST_CASE_FIXTURE(Fixture, "schema edits that would orphan annotations are refused")
{
    Schema s = p.schema;
    s.entity_types.erase(s.entity_types.begin()); // PER is used
    CHECK_FALSE(ed.set_schema(s));
    s = p.schema;
    s.entity_types.push_back({"WEAPON", "Weapon", 0x101010, "9"});
    s.stance_targets.push_back({"open-weights", "Open-weight models", ""});
    CHECK(ed.set_schema(s));
    CHECK(p.schema.stance_target("open-weights"));
}

TEST_CASE_FIXTURE(Fixture, "removing a document removes its annotations, undo brings all back")
{
    const std::string before = save_project_string(p);
    CHECK(ed.remove_document("demo-1"));
    CHECK_FALSE(p.document("demo-1"));
    CHECK(p.mention_range("demo-1").first == p.mention_range("demo-1").second);
    CHECK(validate_project(p).empty());
    CHECK(ed.undo());
    CHECK(save_project_string(p) == before);
}
