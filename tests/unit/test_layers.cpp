// Layers: listing, one layer's view, importing another annotator's project as a layer (by id,
// by identical text, unmatched, annotator naming, id clashes, schema extension, idempotence),
// its undo, the five corpus articles under other document ids, and merge_layers determinism.
#include "core/adjudication.h"
#include "core/import_text.h"
#include "core/layers.h"
#include "core/project_io.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace postil;

namespace {

// [SECTION] helpers

Document text_document(const std::string& id, const std::string& text)
{
    Document d;
    d.id = d.name = id;
    d.text = std::make_shared<const Text>(Text::from_normalized(text));
    return d;
}

Span find_span(const Text& t, const std::string& needle, size_t from_byte = 0)
{
    size_t byte = t.utf8().find(needle, from_byte);
    REQUIRE(byte != std::string::npos);
    uint32_t start = static_cast<uint32_t>(t.cp_of_byte(byte));
    return {start, start + static_cast<uint32_t>(count_code_points(needle))};
}

// Every occurrence of `needle` in the document, annotated through the editor (current annotator).
size_t annotate_all(Editor& ed, const std::string& doc, const std::string& needle, const std::string& type)
{
    const Text& t = *ed.project.document(doc)->text;
    size_t n = 0;
    for (size_t at = t.utf8().find(needle); at != std::string::npos; at = t.utf8().find(needle, at + needle.size())) {
        uint32_t start = static_cast<uint32_t>(t.cp_of_byte(at));
        REQUIRE_FALSE(ed.add_mention(doc, start, start + static_cast<uint32_t>(count_code_points(needle)), type).empty());
        ++n;
    }
    return n;
}

std::string surface(const Project& p, const Mention& m)
{
    return std::string(p.document(m.doc_id)->text->slice(m.start, m.end));
}

const char* kA = "Nvidia vend des puces à la Chine malgré Washington.\n";
const char* kB = "Huawei répond avec ses propres puces Ascend.\n";
const char* kC = "Un texte que seul Bob a annoté.\n";

// alice's project: documents a and b, one mention each, a stance, a document stance.
Project alice_project()
{
    Project p;
    p.name = "alice";
    p.annotator = "alice";
    p.documents = {text_document("a", kA), text_document("b", kB)};
    History h;
    Editor ed{p, h};
    Span nv = find_span(*p.documents[0].text, "Nvidia");
    std::string m = ed.add_mention("a", nv.start, nv.end, "ORG");
    ed.add_stance("a", {StanceRef::Kind::Mention, m}, {StanceRef::Kind::Target, "us-export-controls"}, "AGAINST");
    ed.set_doc_stance("a", "us-export-controls", "AGAINST");
    Span hw = find_span(*p.documents[1].text, "Huawei");
    ed.add_mention("b", hw.start, hw.end, "ORG");
    return p;
}

// bob's project, saved without annotator names: document a under its id, b under another id
// (same text), c that alice does not have; colliding ids; a label alice's schema lacks.
Project bob_project()
{
    Project p;
    p.name = "bob";
    p.documents = {text_document("a", kA), text_document("bob-b", kB), text_document("c", kC)};
    p.schema.entity_types.push_back({"CHIP", "Chip", 0x123456, "1"}); // hotkey taken by PER
    auto add = [&](const std::string& doc, const std::string& needle, const std::string& type) {
        Mention m;
        m.id = p.new_id("m");
        m.doc_id = doc;
        Span s = find_span(*p.document(doc)->text, needle);
        m.start = s.start;
        m.end = s.end;
        m.type = type;
        m.annotator = "";
        p.mentions.push_back(m);
        return m.id;
    };
    std::string nv = add("a", "Nvidia", "ORG");
    std::string ch = add("a", "Chine", "GPE");
    add("bob-b", "Ascend", "CHIP");
    add("c", "Bob", "PER");
    Entity e{"e1", "Nvidia", "ORG", "wikidata:Q182477", "", "anonymous"};
    p.entities.push_back(e);
    p.mentions[0].entity_id = "e1";
    p.stances.push_back({"s1", "a", {StanceRef::Kind::Mention, nv}, {StanceRef::Kind::Mention, ch}, "MIXED", std::nullopt, 0.5, "", ""});
    p.doc_stances.push_back({"ds1", "a", "us-export-controls", "FAVOR", ""});
    p.keep_sorted();
    return p;
}

} // namespace

// [SECTION] listing and views

TEST_CASE("layers are listed per annotator with counts per document")
{
    Project p = alice_project();
    LayerReport r;
    import_layer(p, bob_project(), "bob", r);
    std::vector<LayerInfo> layers = list_layers(p);
    REQUIRE(layers.size() == 2);
    CHECK(layers[0].annotator == "alice");
    CHECK(layers[0].counts.mentions == 2);
    CHECK(layers[0].counts.stances == 1);
    CHECK(layers[0].counts.doc_stances == 1);
    CHECK(layers[0].per_document[0].mentions == 1);
    CHECK(layers[0].per_document[1].mentions == 1);
    CHECK(layers[0].documents_annotated() == 2);
    CHECK(layers[1].annotator == "bob");
    CHECK(layers[1].counts.mentions == 3); // c was not matched
    CHECK(layers[1].entities == 1);
    CHECK(layers[1].per_document[0].mentions == 2);
    CHECK(layer_names(p) == std::vector<std::string>{"alice", "bob"});

    LayerView v = layer_view(p, "a", "bob");
    REQUIRE(v.mentions.size() == 2);
    CHECK(surface(p, *v.mentions[0]) == "Nvidia");
    CHECK(v.stances.size() == 1);
    CHECK(v.doc_stances.size() == 1);
    auto side = layer_views(p, "a", {"alice", "bob"});
    REQUIRE(side.size() == 2);
    CHECK(side[0].mentions.size() == 1);
    CHECK(layer_view(p, "a", "carol").mentions.empty());
}

// [SECTION] import_layer

// The report lists only ids that changed; the others kept theirs.
static std::string id_after(const std::map<std::string, std::string>& changed, const std::string& source_id)
{
    auto it = changed.find(source_id);
    return it == changed.end() ? source_id : it->second;
}

TEST_CASE("import a layer: documents by id or text, names, ids, schema")
{
    Project p = alice_project();
    const Project bob = bob_project();
    LayerReport r;
    import_layer(p, bob, "bob", r);

    // Documents: a by id, bob-b by its text onto b, c unmatched; no document added.
    REQUIRE(r.documents.size() == 2);
    CHECK(r.documents[0].by == DocumentMatch::By::Id);
    CHECK(r.documents[1].source_id == "bob-b");
    CHECK(r.documents[1].id == "b");
    CHECK(r.documents[1].by == DocumentMatch::By::Text);
    CHECK(r.unmatched == std::vector<std::string>{"c"});
    CHECK(p.documents.size() == 2);
    CHECK(r.dropped == 1); // c's mention

    // Every imported record is bob's.
    CHECK(r.layers == std::vector<std::string>{"bob"});
    for (const auto& m : p.mentions)
        CHECK((m.annotator == "alice" || m.annotator == "bob"));
    CHECK(p.entities.size() == 1);
    CHECK(p.entities[0].annotator == "bob");
    CHECK(r.unnamed == 0);

    // Ids: bob's m1/m2 collided with alice's and were renumbered; references followed.
    CHECK(r.renamed >= 2);
    std::set<std::string> ids;
    for (const auto& m : p.mentions)
        CHECK(ids.insert(m.id).second);
    const Mention* nv = p.mention(r.mention_ids.at("m1"));
    REQUIRE(nv);
    CHECK(nv->annotator == "bob");
    CHECK(surface(p, *nv) == "Nvidia");
    CHECK(nv->entity_id == id_after(r.entity_ids, "e1"));
    for (const auto* changed : {&r.mention_ids, &r.entity_ids, &r.stance_ids})
        for (const auto& [from, to] : *changed)
            CHECK(from != to);
    const Stance* s = p.stance(id_after(r.stance_ids, "s1"));
    REQUIRE(s);
    CHECK(s->holder.id == nv->id);
    CHECK(surface(p, *p.mention(s->target.id)) == "Chine");
    const Mention* ascend = p.mention(id_after(r.mention_ids, "m3"));
    REQUIRE(ascend);
    CHECK(ascend->doc_id == "b");
    CHECK(surface(p, *ascend) == "Ascend");

    // Schema: CHIP (without its clashing hotkey) and the MIXED polarity were added.
    REQUIRE(p.schema.entity_type("CHIP"));
    CHECK(p.schema.entity_type("CHIP")->hotkey.empty());
    CHECK(p.schema.polarity("MIXED"));
    CHECK(std::find(r.new_labels.begin(), r.new_labels.end(), "entity type CHIP") != r.new_labels.end());

    CHECK(validate_project(p).empty());
    // The project file round-trips (the extended schema is valid).
    CHECK(save_project_string(load_project_string(save_project_string(p))) == save_project_string(p));
    CHECK(r.changed());
    CHECK(r.summary().find("1 by text") != std::string::npos);

    // Importing the same layer again changes nothing.
    const std::string once = save_project_string(p);
    LayerReport again;
    import_layer(p, bob, "bob", again);
    CHECK(save_project_string(p) == once);
    CHECK_FALSE(again.changed());
    CHECK(again.duplicates == 6); // 3 mentions, 1 entity, 1 stance, 1 document stance
}

TEST_CASE("annotator names: kept, override for unnamed, the source's own name as fallback")
{
    Project bob = bob_project();
    bob.mentions[1].annotator = "carol"; // a named record keeps its name
    SUBCASE("override")
    {
        Project p = alice_project();
        LayerReport r;
        import_layer(p, bob, "bob", r);
        CHECK(r.layers == std::vector<std::string>{"bob", "carol"});
    }
    SUBCASE("source project's annotator")
    {
        Project p = alice_project();
        bob.annotator = "robert";
        LayerReport r;
        import_layer(p, bob, "", r);
        CHECK(r.layers == std::vector<std::string>{"carol", "robert"});
    }
    SUBCASE("no name anywhere: reported")
    {
        Project p = alice_project();
        LayerReport r;
        import_layer(p, bob, "anonymous", r);
        CHECK(r.unnamed > 0);
        CHECK_FALSE(r.notes.empty());
    }
}

TEST_CASE("unmatched documents can be added; a same id with another text is not a match")
{
    Project p = alice_project();
    Project other;
    other.annotator = "bob";
    other.documents = {text_document("b", kC), text_document("a-copy", kA), text_document("a-twice", kA)};
    LayerImportOptions opts;
    opts.add_unmatched_documents = true;
    LayerReport r;
    import_layer(p, other, "", r, opts);
    // "b" has another text here: added as b-2; both copies of kA map to a (text never duplicated).
    REQUIRE(p.documents.size() == 3);
    CHECK(p.documents[2].id == "b-2");
    CHECK(p.documents[2].text->utf8() == kC);
    REQUIRE(r.documents.size() == 3);
    CHECK(r.documents[0].by == DocumentMatch::By::Added);
    CHECK(r.documents[1].id == "a");
    CHECK(r.documents[2].id == "a");
    CHECK(r.unmatched.empty());
    CHECK_FALSE(r.notes.empty()); // the id/text mismatch is reported
}

TEST_CASE("undoable import: one step, undo restores exactly, same result as the direct import")
{
    Project p = alice_project();
    const Project bob = bob_project();
    const std::string before = save_project_string(p);

    Project direct = p;
    LayerReport r1;
    import_layer(direct, bob, "bob", r1);

    History h;
    Editor ed{p, h};
    LayerReport r2;
    REQUIRE(import_layer(ed, bob, "bob", r2));
    CHECK(save_project_string(p) == save_project_string(direct));
    CHECK(h.undo_description() == "Import layer bob");
    REQUIRE(ed.undo());
    CHECK(save_project_string(p) == before);
    CHECK_FALSE(h.can_undo());
    REQUIRE(ed.redo());
    CHECK(save_project_string(p) == save_project_string(direct));

    // Nothing to import: no command, no undo step.
    LayerReport r3;
    CHECK_FALSE(import_layer(ed, bob, "bob", r3));
    CHECK(h.undo_description() == "Import layer bob");
    LayerReport r4;
    CHECK(import_layer_command(p, bob, "bob", r4) == nullptr);
}

TEST_CASE("a project given away (moved) imports exactly as a copy does, and is emptied of records")
{
    const Project bob = bob_project();
    for (bool add_unmatched : {false, true}) {
        CAPTURE(add_unmatched);
        LayerImportOptions opts;
        opts.add_unmatched_documents = add_unmatched;
        Project copied = alice_project();
        LayerReport r1;
        import_layer(copied, bob, "bob", r1, opts);

        Project moved = alice_project();
        Project given = bob;
        LayerReport r2;
        import_layer(moved, std::move(given), "bob", r2, opts);
        CHECK(save_project_string(moved) == save_project_string(copied));
        CHECK(r2.summary() == r1.summary());
        CHECK(r2.notes == r1.notes);
        CHECK(r2.mention_ids == r1.mention_ids);
        CHECK(r2.entity_ids == r1.entity_ids);
        CHECK(r2.stance_ids == r1.stance_ids);
        CHECK(given.mentions.empty());
        CHECK(given.stances.empty());

        // Through the editor (the Import dialog's path): one undo step, undo restores.
        Project p = alice_project();
        const std::string before = save_project_string(p);
        History h;
        Editor ed{p, h};
        Project given2 = bob;
        LayerReport r3;
        REQUIRE(import_layer(ed, std::move(given2), "bob", r3, opts));
        CHECK(save_project_string(p) == save_project_string(copied));
        REQUIRE(ed.undo());
        CHECK(save_project_string(p) == before);
        REQUIRE(ed.redo());
        CHECK(save_project_string(p) == save_project_string(copied));
    }
}

// [SECTION] the corpus: bob's project has the same five articles under other ids

TEST_CASE("corpus: a second annotator's project matched by identical text")
{
    const std::string dir = std::string(POSTIL_SHARED_DIR) + "/corpus/fr-ai-geopolitics/";
    const char* files[] = {"000_72815fe7f545c6fa.txt", "001_ea5ff2679fed1bd6.txt", "002_7959f240367f227e.txt",
                           "003_99c49da5188fee84.txt", "004_b0d8b637adac35fa.txt"};
    Project alice;
    alice.annotator = "alice";
    for (const char* f : files)
        import_text_file(alice, dir + f);
    REQUIRE(alice.documents.size() == 5);

    // bob imported the same files in reverse order under his own names.
    Project bob;
    bob.annotator = "bob";
    for (int i = 4; i >= 0; --i) {
        Document d = make_text_document(bob, "article-" + std::to_string(i) + ".txt", read_file(dir + files[i]));
        bob.documents.push_back(std::move(d));
    }
    History ha, hb;
    Editor ea{alice, ha}, eb{bob, hb};
    size_t chine = 0, etats = 0, openai = 0;
    for (const auto& d : alice.documents) {
        chine += annotate_all(ea, d.id, "Chine", "GPE");
        etats += annotate_all(ea, d.id, "États-Unis", "GPE");
    }
    for (const auto& d : bob.documents) {
        annotate_all(eb, d.id, "Chine", "GPE");         // agrees
        annotate_all(eb, d.id, "États-Unis", "LOC");    // label differs
        openai += annotate_all(eb, d.id, "OpenAI", "ORG"); // alice has none
    }
    REQUIRE(chine > 0);
    REQUIRE(etats > 0);
    REQUIRE(openai > 0);

    const std::string before = save_project_string(alice);
    LayerReport r;
    REQUIRE(import_layer(ea, bob, "", r));
    CHECK(r.unmatched.empty());
    REQUIRE(r.documents.size() == 5);
    for (const auto& m : r.documents) {
        CHECK(m.by == DocumentMatch::By::Text);
        CHECK(m.source_id.rfind("article-", 0) == 0);
        CHECK(alice.document(m.id)->text->utf8() == bob.document(m.source_id)->text->utf8());
    }
    CHECK(alice.documents.size() == 5); // no text twice
    CHECK(r.mentions == chine + etats + openai);
    CHECK(r.layers == std::vector<std::string>{"bob"});
    CHECK(validate_project(alice).empty());
    // Each of bob's mentions landed on the same words.
    for (const auto& m : bob.mentions) {
        const Mention* landed = alice.mention(id_after(r.mention_ids, m.id));
        REQUIRE(landed);
        CHECK(landed->annotator == "bob");
        CHECK(surface(bob, m) == surface(alice, *landed));
    }

    // Side by side: agreements on Chine, label differences on États-Unis, OpenAI missing.
    size_t agree = 0, label = 0, missing = 0;
    for (const auto& d : alice.documents)
        for (const auto& diff : compute_differences(alice, d.id, {"alice", "bob"})) {
            agree += diff.kind == DiffKind::Agreement;
            label += diff.kind == DiffKind::Label;
            missing += diff.kind == DiffKind::Missing && diff.sides[0].empty();
        }
    CHECK(agree == chine);
    CHECK(label == etats);
    CHECK(missing == openai);
    CHECK(accept_all_agreements(ea, "", {"alice", "bob"}) == chine);
    size_t remaining = 0;
    for (const auto& pr : adjudication_progress(alice, {"alice", "bob"}))
        remaining += pr.remaining();
    CHECK(remaining == etats + openai);

    // Undo the bulk accept, then the import: alice's project exactly as before.
    REQUIRE(ea.undo());
    REQUIRE(ea.undo());
    CHECK(save_project_string(alice) == before);
}

// [SECTION] merging per-annotator files

TEST_CASE("merge_layers: any input order gives the same bytes")
{
    auto inputs = [] {
        std::vector<MergeInput> v;
        v.push_back({"alice.json", alice_project(), ""});
        v.push_back({"bob.json", bob_project(), "bob"});
        return v;
    };
    MergeReport r1, r2;
    Project m1 = merge_layers(inputs(), r1);
    auto reversed = inputs();
    std::reverse(reversed.begin(), reversed.end());
    Project m2 = merge_layers(std::move(reversed), r2);
    CHECK(save_project_string(m1) == save_project_string(m2));
    CHECK(r1.order == r2.order);
    CHECK(r1.order.front() == "alice.json");
    CHECK(validate_project(m1).empty());
    CHECK(m1.documents.size() == 3); // a, b and bob's c (added: a merge keeps everyone's documents)
    CHECK(layer_names(m1) == std::vector<std::string>{"alice", "bob"});
    // Merging the merged project with one of its inputs again changes nothing.
    MergeReport r3;
    std::vector<MergeInput> again;
    again.push_back({"merged.json", m1, ""});
    again.push_back({"bob.json", bob_project(), "bob"});
    Project m3 = merge_layers(std::move(again), r3);
    CHECK(save_project_string(m3) == save_project_string(m1));

    // Two unnamed inputs given the same name are reported.
    MergeReport r4;
    std::vector<MergeInput> same;
    same.push_back({"x.json", bob_project(), "bob"});
    same.push_back({"y.json", bob_project(), "bob"});
    merge_layers(std::move(same), r4);
    CHECK_FALSE(r4.warnings.empty());
}

TEST_CASE("default export annotator is gold once gold exists")
{
    Project p = alice_project();
    CHECK(default_export_annotator(p).empty());
    Mention m = p.mentions.front();
    m.id = "g1";
    m.annotator = kGoldAnnotator;
    p.mentions.push_back(m);
    p.keep_sorted();
    CHECK(default_export_annotator(p) == "gold");
    CHECK(is_unnamed_annotator("anonymous"));
    CHECK(is_unnamed_annotator(""));
    CHECK_FALSE(is_unnamed_annotator("gold"));
}
