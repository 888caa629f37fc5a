// doccano JSONL: every real doccano/flair fixture under shared/external/doccano (imported or
// refused with the precise error), UTF-16 offset conversion after emoji, both export forms,
// stances as relations, losses, --text-field/--label-field, --skip-bad.
#include "format_test_helpers.h"

#include "core/demo.h"

#include <nlohmann/json.hpp>

using namespace test_formats;
using nlohmann::json;

static const std::string kDir = "external/doccano/";

static std::string slice(const Project& p, const Mention& m) { return std::string(p.document(m.doc_id)->text->slice(m.start, m.end)); }

static std::vector<json> lines_of(const std::string& s)
{
    std::vector<json> out;
    size_t at = 0;
    for (size_t nl; (nl = s.find('\n', at)) != std::string::npos; at = nl + 1)
        out.push_back(json::parse(s.substr(at, nl - at)));
    return out;
}

// (doc, start, end, type) of every mention and (holder surface, target surface, polarity) of
// every stance between mentions: what doccano can hold.
static std::vector<std::string> spans_of(const Project& p)
{
    std::vector<std::string> out;
    for (const auto& m : p.mentions)
        out.push_back(m.doc_id + " " + std::to_string(m.start) + " " + std::to_string(m.end) + " " + m.type);
    std::sort(out.begin(), out.end());
    return out;
}
static std::vector<std::string> mention_stances_of(const Project& p)
{
    std::vector<std::string> out;
    for (const auto& s : p.stances) {
        if (s.holder.kind != StanceRef::Kind::Mention || s.target.kind != StanceRef::Kind::Mention)
            continue;
        out.push_back(s.doc_id + " " + slice(p, *p.mention(s.holder.id)) + " -> " + slice(p, *p.mention(s.target.id)) + " " + s.polarity);
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST_CASE("doccano: flair's variant (data key, metadata pairs, integer ids)")
{
    ImportReport r;
    Project p = import_one("doccano", {input(shared(kDir + "flair-jsonl/testa.jsonl"))}, &r);
    REQUIRE(p.documents.size() == 3);
    CHECK(p.documents[0].id == "101319");
    CHECK(p.documents[0].meta.at("from") == "123");
    REQUIRE(p.mentions.size() == 5);
    const Mention* berlin = nullptr;
    for (const auto& m : p.mentions)
        if (m.doc_id == "101319")
            berlin = &m;
    REQUIRE(berlin);
    CHECK(slice(p, *berlin) == "New Berlin");
    CHECK(berlin->type == "LOC");
    CHECK(berlin->annotator == "importer");
}

TEST_CASE("doccano: import-test rows: the row without text is refused with its line; --skip-bad keeps the rest")
{
    InputFile in = input(shared(kDir + "data_import-tests/sequence_labeling/example.jsonl"));
    try {
        import_one("doccano", {in});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        CHECK(e.diagnostics[0].line == 3);
        CHECK(e.diagnostics[0].json_path == "/text");
        CHECK(e.diagnostics[0].message == "missing the text: no \"text\" key (nor \"data\")");
    }
    ImportOptions opts;
    opts.skip_bad = true;
    ImportReport r;
    Project p = import_one("doccano", {in}, &r, opts);
    CHECK(p.documents.size() == 2);
    CHECK(p.mentions.size() == 1);
    CHECK(r.skipped.size() == 1);
    CHECK(p.documents[0].meta.at("wikiPageID") == "1");
}

TEST_CASE("doccano: duplicate spans are imported once, with a note")
{
    ImportReport r;
    Project p = import_one("doccano", {input(shared(kDir + "data_import-tests/sequence_labeling/example_overlapping.jsonl"))}, &r);
    CHECK(p.mentions.size() == 1);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].find("duplicate spans") != std::string::npos);
}

TEST_CASE("doccano: text classification labels are kept in the document meta")
{
    ImportReport r;
    Project p = import_one("doccano", {input(shared(kDir + "data_import-tests/text_classification/example.jsonl"))}, &r);
    REQUIRE(p.documents.size() == 3);
    CHECK(p.documents[1].meta.at("labels") == "[\"positive\",\"negative\"]");
    CHECK(p.documents[2].meta.count("labels") == 0);
    CHECK(p.mentions.empty());
}

TEST_CASE("doccano: relation extraction files (minified, spaced, pretty-printed)")
{
    for (const char* f : {"data_import-tests/relation_extraction/example.jsonl", "data_import-examples/relation_extraction/example.jsonl",
                          "data_export-examples/relation_extraction/example.jsonl"}) {
        CAPTURE(f);
        ImportReport r;
        Project p = import_one("doccano", {input(shared(kDir + f))}, &r);
        REQUIRE(p.documents.size() == 1);
        REQUIRE(p.mentions.size() == 4);
        CHECK(slice(p, p.mentions[0]) == "Google");
        CHECK(slice(p, p.mentions[1]) == "September 4, 1998");
        CHECK(slice(p, p.mentions[3]) == "Sergey Brin");
        CHECK(p.stances.empty());
        std::string notes;
        for (const auto& n : r.notes)
            notes += n + "\n";
        CHECK(notes.find("3 relations not imported: their types (foundedAt, foundedBy) are not stance polarities") != std::string::npos);
        if (std::string(f).find("export") != std::string::npos)
            CHECK(notes.find("spread over several lines") != std::string::npos);
        CHECK(std::find(r.new_labels.begin(), r.new_labels.end(), "PERSON") != r.new_labels.end());
    }
}

TEST_CASE("doccano: column_data/column_label need --text-field/--label-field")
{
    InputFile in = input(shared(kDir + "data_import-examples/sequence_labeling/example.jsonl"));
    try {
        import_one("doccano", {in});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 3);
        CHECK(e.diagnostics[0].message.find("string fields here: column_data (name the text key with --text-field)") != std::string::npos);
    }
    ImportOptions opts;
    opts.text_field = "column_data";
    opts.label_field = "column_label";
    Project p = import_one("doccano", {in}, nullptr, opts);
    REQUIRE(p.documents.size() == 3);
    REQUIRE(p.mentions.size() == 3);
    CHECK(slice(p, p.mentions[2]) == "Obama");
}

TEST_CASE("doccano: the export example imports")
{
    Project p = import_one("doccano", {input(shared(kDir + "data_export-examples/sequence_labeling/example.jsonl"))});
    CHECK(p.documents.size() == 3);
    CHECK(p.mentions.size() == 4);
}

TEST_CASE("doccano: every real jsonl fixture is detected as doccano")
{
    for (const char* f : {"flair-jsonl/testa.jsonl", "data_import-tests/sequence_labeling/example.jsonl",
                          "data_import-tests/relation_extraction/example.jsonl", "data_export-examples/relation_extraction/example.jsonl",
                          "data_export-examples/sequence_labeling/example.jsonl"}) {
        CAPTURE(f);
        const Format* g = guess_format({input(shared(kDir + f))});
        REQUIRE(g);
        CHECK(g->name == "doccano");
    }
}

TEST_CASE("doccano: corpus export converts offsets to UTF-16 after emoji and round trips")
{
    Project p = corpus_project();
    ExportReport er;
    std::string out = export_one(p, "doccano", &er);
    check_golden("doccano/corpus.relations.jsonl", out);
    CHECK(er.offset_unit == "utf16");
    // After 🔴 the UTF-16 offset is one more than the code point offset.
    auto rows = lines_of(out);
    REQUIRE(rows.size() == 5);
    const Document& d1 = p.documents[1];
    uint32_t cp = find_cp(d1, "WhatsApp", true);
    bool found = false;
    for (const auto& e : rows[1]["entities"])
        if (e["label"] == "PRODUCT" && e["end_offset"].get<uint32_t>() - e["start_offset"].get<uint32_t>() == 8) {
            CHECK(e["start_offset"].get<uint32_t>() == cp + 1);
            found = true;
        }
    CHECK(found);
    CHECK(rows[1]["offset_unit"] == "utf16");
    // Stances between mentions are relations typed by polarity.
    bool favor = false;
    for (const auto& r : rows[3]["relations"])
        favor |= r["type"] == "FAVOR";
    CHECK(favor);
    std::string losses;
    for (const auto& l : er.losses)
        losses += l + "\n";
    CHECK(losses.find("2 stances whose holder or target is a schema topic dropped: doccano relations need two spans") != std::string::npos);
    CHECK(losses.find("2 document stances dropped") != std::string::npos);
    CHECK(losses.find("mentions' links to canonical entities dropped") != std::string::npos);

    Project q = import_one("doccano", {input_string("corpus.jsonl", out)});
    CHECK(spans_of(q) == spans_of(p));
    CHECK(mention_stances_of(q) == mention_stances_of(p));
    CHECK(q.stances.size() == 4);
    CHECK(validate_project(q).empty());
}

TEST_CASE("doccano: the label form (--scheme label) and the demo project")
{
    Project p = make_demo_project();
    ExportOptions opts;
    opts.scheme = "label";
    ExportReport er;
    std::string out = export_one(p, "doccano", &er, opts);
    check_golden("doccano/demo.label.jsonl", out);
    auto rows = lines_of(out);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0]["label"].size() == 6);
    CHECK(rows[0].count("relations") == 0);
    bool lost = false;
    for (const auto& l : er.losses)
        lost |= l.find("1 stances dropped: the label form has no relations") != std::string::npos;
    CHECK(lost);
    Project q = import_one("doccano", {input_string("demo.jsonl", out)});
    CHECK(spans_of(q) == spans_of(p));
    // Default form keeps the stance.
    std::string rel = export_one(p, "doccano");
    check_golden("doccano/demo.relations.jsonl", rel);
    Project r = import_one("doccano", {input_string("demo.jsonl", rel)});
    CHECK(mention_stances_of(r) == mention_stances_of(p));
}

TEST_CASE("doccano: UTF-16 offsets on import, polarity relations, precise errors")
{
    // "🔴 Lyon aime Paris": Lyon is [3, 7) in UTF-16, [2, 6) in code points.
    std::string good = R"({"text":"🔴 Lyon aime Paris","entities":[{"id":10,"label":"LOC","start_offset":3,"end_offset":7},)"
                       R"({"id":11,"label":"LOC","start_offset":13,"end_offset":18}],"relations":[{"id":0,"from_id":10,"to_id":11,"type":"favor"}]})";
    Project p = import_one("doccano", {input_string("a.jsonl", good + "\n")});
    REQUIRE(p.mentions.size() == 2);
    CHECK(slice(p, p.mentions[0]) == "Lyon");
    CHECK(slice(p, p.mentions[1]) == "Paris");
    REQUIRE(p.stances.size() == 1);
    CHECK(p.stances[0].polarity == "FAVOR");
    // The same line written in code points says so.
    std::string cp = R"({"offset_unit":"codepoint","text":"🔴 Lyon","label":[[2,6,"LOC"]]})";
    Project c = import_one("doccano", {input_string("c.jsonl", cp)});
    REQUIRE(c.mentions.size() == 1);
    CHECK(slice(c, c.mentions[0]) == "Lyon");

    std::string bad = R"({"text":"🔴 Lyon","label":[[3,7,"LOC"],[1,3,"X"],[0,"2","Y"]]})" "\n"
                      R"({"text":"ab","entities":[{"id":1,"label":"A","start_offset":0,"end_offset":1}],"relations":[{"from_id":1,"to_id":2,"type":"FAVOR"}]})" "\n";
    try {
        import_one("doccano", {input_string("b.jsonl", bad)});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        std::string all = diag_text(e.diagnostics);
        CHECK(all.find("b.jsonl:1:39: /label/1: start offset 1 (UTF-16) falls inside the surrogate pair of U+1F534") != std::string::npos);
        CHECK(all.find("/label/2: expected [start, end, \"label\"] with integer offsets") != std::string::npos);
        CHECK(all.find("b.jsonl:2:") != std::string::npos);
        CHECK(all.find("/relations/0/to_id: no entity with id 2 in this record") != std::string::npos);
    }
    ImportOptions opts;
    opts.skip_bad = true;
    ImportReport r;
    Project s = import_one("doccano", {input_string("b.jsonl", bad)}, &r, opts);
    CHECK(s.documents.size() == 2);
    CHECK(s.mentions.size() == 2);
    CHECK(r.skipped.size() == 3);
}
