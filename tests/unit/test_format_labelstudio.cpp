// Label Studio JSON tasks: every real fixture under shared/external/label-studio (imported,
// or refused with the precise error naming what is not representable), the benchmark task
// from shared/bench/gen_task.js, UTF-16 / code point offsets, round trips, losses.
#include "format_test_helpers.h"

#include "core/demo.h"

#include <nlohmann/json.hpp>

#include <cstdio>

using namespace test_formats;
using nlohmann::json;

static const std::string kDir = "external/label-studio/";

static std::string slice(const Project& p, const Mention& m) { return std::string(p.document(m.doc_id)->text->slice(m.start, m.end)); }
static std::string notes_of(const ImportReport& r)
{
    std::string s;
    for (const auto& n : r.notes)
        s += n + "\n";
    return s;
}

TEST_CASE("labelstudio: task list with predictions")
{
    ImportReport r;
    Project p = import_one("labelstudio", {input(shared(kDir + "label-studio-frontend/named_entity/tasks.json"))}, &r);
    REQUIRE(p.documents.size() == 1);
    REQUIRE(p.mentions.size() == 1);
    CHECK(slice(p, p.mentions[0]) == "February 22");
    CHECK(p.mentions[0].type == "Date");
    CHECK(p.mentions[0].annotator == "prediction:model 1");
    CHECK(p.mentions[0].id == "beFiQTT1cU");
    CHECK(r.new_labels == std::vector<std::string>{"Date"});
}

TEST_CASE("labelstudio: a single task object with annotations")
{
    Project p = import_one("labelstudio", {input(shared(kDir + "label-studio-frontend/named_entity/annotations/1.json"))});
    REQUIRE(p.documents.size() == 1);
    CHECK(p.documents[0].id == "task-1");
    CHECK(p.documents[0].name == "task-1");
    REQUIRE(p.mentions.size() == 1);
    CHECK(slice(p, p.mentions[0]) == "February 22");
    CHECK(p.mentions[0].annotator == "importer");
}

TEST_CASE("labelstudio: paragraphlabels dialogue is refused, saying why")
{
    InputFile in = input(shared(kDir + "label-studio-frontend/phrases/annotations/1.json"));
    try {
        import_one("labelstudio", {in});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        const Diagnostic& d = e.diagnostics[0];
        CHECK(d.line == 9);
        CHECK(d.json_path == "/data/text");
        CHECK(d.message.find("data holds dialogue (an array)") != std::string::npos);
        CHECK(d.message.find("<Paragraphs> tasks (a list of dialogue turns, labelled with paragraphlabels) are not representable") != std::string::npos);
        CHECK(d.message.find("Results lost with the task: 1 paragraphlabels") != std::string::npos);
    }
    ImportOptions opts;
    opts.skip_bad = true;
    ImportReport r;
    Project p = import_one("labelstudio", {in}, &r, opts);
    CHECK(p.documents.empty());
    CHECK(r.skipped.size() == 1);
}

TEST_CASE("labelstudio: a full export without a text field; choices are not representable")
{
    InputFile in = input(shared(kDir + "label-studio-sdk/csv_test2.json"));
    try {
        import_one("labelstudio", {in});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        CHECK(e.diagnostics[0].json_path == "/0/data/text");
        CHECK(e.diagnostics[0].message.find("no text to annotate: data has no string field \"text\"; data holds uri (a string)") == 0);
        CHECK(e.diagnostics[0].message.find("Results lost with the task: 1 choices") != std::string::npos);
    }
    ImportOptions opts;
    opts.text_field = "title";
    ImportReport r;
    Project p = import_one("labelstudio", {in}, &r, opts);
    REQUIRE(p.documents.size() == 1);
    CHECK(p.documents[0].text->utf8() == "TAN BAI");
    CHECK(p.documents[0].id == "task-4");
    CHECK(p.documents[0].meta.at("uri") == "rawWork:spotify:publisher:WCPWW008648058000");
    CHECK(notes_of(r).find("1 results of type choices (document classification) not imported") != std::string::npos);
}

TEST_CASE("labelstudio: the kiji-proxy span whose text disagrees with its offsets is reported")
{
    InputFile in = input(shared(kDir + "kiji-proxy/sample_predictions.json"));
    try {
        import_one("labelstudio", {in});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        const Diagnostic& d = e.diagnostics[0];
        CHECK(d.json_path == "/0/predictions/0/result/4/value");
        CHECK(d.message == "end offset 90 is past the end of the text (85 code points); its value.text \"john.smith@example.com\" is at [62, 84)");
    }
    ImportOptions opts;
    opts.skip_bad = true;
    ImportReport r;
    Project p = import_one("labelstudio", {in}, &r, opts);
    REQUIRE(p.mentions.size() == 4);
    CHECK(r.skipped.size() == 1);
    for (const auto& m : p.mentions)
        CHECK(m.annotator == "prediction:coref-v1");
    CHECK(slice(p, *p.mention("ent-3")) == "He");
    CHECK(notes_of(r).find("2 relations without a label not imported") != std::string::npos);
    CHECK(p.stances.empty());
}

TEST_CASE("labelstudio: value.text that disagrees with in-range offsets is a bad record")
{
    std::string t = R"([{"data":{"text":"Paris et Lyon"},"annotations":[{"result":[)"
                    R"({"id":"a","type":"labels","from_name":"l","to_name":"text","value":{"start":0,"end":5,"text":"Paris","labels":["LOC"]}},)"
                    R"({"id":"b","type":"labels","from_name":"l","to_name":"text","value":{"start":8,"end":12,"text":"Lyon","labels":["LOC"]}},)"
                    R"({"type":"relation","from_id":"a","to_id":"b","labels":["AGAINST"]}]}]}])";
    try {
        import_one("labelstudio", {input_string("t.json", t)});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        std::string all = diag_text(e.diagnostics);
        CHECK(all.find("/0/annotations/0/result/1/value/text: value.text \"Lyon\" does not match the text at [8, 12) (codepoint), which is \" Lyo\"; \"Lyon\" is at [9, 13)") !=
              std::string::npos);
        CHECK(all.find("/0/annotations/0/result/2/to_id: relation refers to region \"b\", which could not be imported") != std::string::npos);
    }
}

TEST_CASE("labelstudio: code point offsets by default, UTF-16 when value.text says so")
{
    // Lyon is [3, 7) in UTF-16 and [2, 6) in code points.
    auto task = [](int s, int e) {
        return R"({"data":{"text":"🔴 Lyon"},"annotations":[{"result":[{"id":"r","type":"labels","from_name":"l","to_name":"text","value":{"start":)" +
               std::to_string(s) + ",\"end\":" + std::to_string(e) + R"(,"text":"Lyon","labels":["LOC"]}}]}]})";
    };
    ImportReport r;
    Project c = import_one("labelstudio", {input_string("c.json", task(2, 6))}, &r);
    REQUIRE(c.mentions.size() == 1);
    CHECK(slice(c, c.mentions[0]) == "Lyon");
    CHECK(r.notes.empty());
    Project u = import_one("labelstudio", {input_string("u.json", task(3, 7))}, &r);
    REQUIRE(u.mentions.size() == 1);
    CHECK(slice(u, u.mentions[0]) == "Lyon");
    CHECK(notes_of(r).find("UTF-16 offsets") != std::string::npos);
}

TEST_CASE("labelstudio: reads the benchmark task of gen_task.js (5000 tokens, 500 regions)")
{
    std::string path = "/tmp/postil-test-ls-task-5000.json";
    std::string cmd = "node " + shared("bench/gen_task.js") + " --tokens 5000 --regions 500 > " + path + " 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) {
        MESSAGE("node not available: gen_task.js task not tested");
        return;
    }
    const Format* g = guess_format({input(path)});
    REQUIRE(g);
    CHECK(g->name == "labelstudio");
    ImportReport r;
    Project p = import_one("labelstudio", {input(path)}, &r);
    std::remove(path.c_str());
    REQUIRE(p.documents.size() == 1);
    CHECK(p.mentions.size() == 500);
    CHECK(r.skipped.empty());
    CHECK(p.documents[0].meta.at("generator") == "gen_task.js");
    CHECK(validate_project(p).empty());
}

TEST_CASE("labelstudio: corpus round trip keeps what Label Studio can hold, reports the rest")
{
    Project p = corpus_project();
    ExportReport er;
    std::string out = export_one(p, "labelstudio", &er);
    check_golden("labelstudio/corpus.json", out);
    json tasks = json::parse(out);
    REQUIRE(tasks.size() == 5);
    CHECK(tasks[1]["meta"]["offset_unit"] == "codepoint");
    // Region after 🔴: code point offsets (what Label Studio's Text tag stores), value.text is the surface.
    uint32_t cp = find_cp(p.documents[1], "WhatsApp", true);
    bool found = false;
    for (const auto& a : tasks[1]["annotations"])
        for (const auto& res : a["result"])
            if (res["type"] == "labels" && res["value"]["text"] == "WhatsApp") {
                CHECK(res["value"]["start"] == cp);
                found = true;
            }
    CHECK(found);
    std::string losses;
    for (const auto& l : er.losses)
        losses += l + "\n";
    CHECK(losses.find("2 stances whose holder or target is a canonical entity or a schema topic dropped") != std::string::npos);
    CHECK(losses.find("1 stances between mentions of different annotators dropped") != std::string::npos);

    Project q = import_one("labelstudio", {input_string("corpus.json", out)});
    REQUIRE(q.mentions.size() == p.mentions.size());
    for (size_t i = 0; i < p.mentions.size(); ++i) {
        Mention want = p.mentions[i];
        want.entity_id.clear();
        want.attributes.clear();
        CHECK(q.mentions[i] == want);
    }
    CHECK(q.doc_stances == p.doc_stances);
    REQUIRE(q.stances.size() == 3);
    for (const auto& s : q.stances) {
        bool same = false;
        for (const auto& o : p.stances)
            same |= o.holder == s.holder && o.target == s.target && o.polarity == s.polarity && o.annotator == s.annotator;
        CHECK(same);
    }
    for (size_t i = 0; i < p.documents.size(); ++i) {
        CHECK(q.documents[i].id == p.documents[i].id);
        CHECK(q.documents[i].text->utf8() == p.documents[i].text->utf8());
        CHECK(q.documents[i].meta == p.documents[i].meta);
    }
}

TEST_CASE("labelstudio: demo golden and predictions round trip as predictions")
{
    Project p = make_demo_project();
    for (auto& m : p.mentions)
        if (m.doc_id == "demo-2")
            m.annotator = "prediction:ner-v2";
    std::string out = export_one(p, "labelstudio");
    check_golden("labelstudio/demo.json", out);
    json tasks = json::parse(out);
    CHECK(tasks[1]["predictions"][0]["model_version"] == "ner-v2");
    Project q = import_one("labelstudio", {input_string("demo.json", out)});
    for (auto& m : p.mentions)
        m.entity_id.clear(); // Label Studio has no canonical entities
    CHECK(q.mentions == p.mentions);
    CHECK(q.doc_stances == p.doc_stances);
    REQUIRE(q.stances.size() == 1);
    CHECK(q.stances[0].holder == p.stances[0].holder);
    CHECK(q.stances[0].target == p.stances[0].target);
}

TEST_CASE("labelstudio: syntax errors in a task list name the task, line and column")
{
    std::string bad = "[{\"data\":{\"text\":\"a\"}},\n {\"data\":{\"text\":\"b\",}}]";
    try {
        import_one("labelstudio", {input_string("bad.json", bad)});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        const Diagnostic& d = e.diagnostics[0];
        CHECK(d.line == 2);
        CHECK(d.column == 22);
        CHECK(d.json_path == "/1");
        CHECK(d.message.find("trailing comma before '}'") != std::string::npos);
    }
    try {
        import_one("labelstudio", {input_string("bad.json", "[{\"data\":{\"text\":\"a\"}}] x")});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        CHECK(e.diagnostics[0].message == "invalid JSON: expected end of input after the array, found 'x'");
    }
}
