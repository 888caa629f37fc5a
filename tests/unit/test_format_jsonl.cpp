// jsonl (Postil's rich JSON Lines) and stance-jsonl: lossless round trips on the demo and the
// annotated corpus, golden output, the reader's syntax errors, bad records and --skip-bad.
#include "format_test_helpers.h"

#include "core/demo.h"
#include "core/formats/json_util.h"

#include <nlohmann/json.hpp>

using namespace test_formats;
using nlohmann::json;

TEST_CASE("jsonl: demo project round trips (documents and every annotation)")
{
    Project p = make_demo_project();
    ExportReport er;
    std::string out = export_one(p, "jsonl", &er);
    CHECK(er.offset_unit == "codepoint");
    CHECK(er.counts["documents"] == 3);
    CHECK(er.counts["mentions"] == p.mentions.size());
    check_golden("jsonl/demo.jsonl", out);
    // One document per line, each a JSON object saying its offset unit.
    size_t lines = 0;
    for (size_t at = 0; (at = out.find('\n', at)) != std::string::npos; ++at)
        ++lines;
    CHECK(lines == 3);
    json first = json::parse(out.substr(0, out.find('\n')));
    CHECK(first["offset_unit"] == "codepoint");
    CHECK(first["mentions"].size() == 6);

    ImportReport ir;
    Project q = import_one("jsonl", {input_string("demo.jsonl", out)}, &ir);
    check_same(p, q);
    CHECK(ir.skipped.empty());
    CHECK(ir.new_labels.empty());
    // Exporting again gives the same bytes.
    CHECK(export_one(q, "jsonl") == out);
}

TEST_CASE("jsonl: the five corpus articles with mentions after emoji round trip")
{
    Project p = corpus_project();
    std::string out = export_one(p, "jsonl");
    check_golden("jsonl/corpus.jsonl", out);
    Project q = import_one("jsonl", {input_string("corpus.jsonl", out)});
    check_same(p, q);
    CHECK(validate_project(q).empty());
    // A mention after 🔴 has code point offsets in the file: its slice is the surface.
    const Mention* m = nullptr;
    for (const auto& x : q.mentions)
        if (x.type == "PRODUCT" && q.document(x.doc_id)->text->slice(x.start, x.end) == "WhatsApp")
            m = &x;
    REQUIRE(m);
    CHECK(out.find("\"start\":" + std::to_string(m->start) + ",\"end\":" + std::to_string(m->end)) != std::string::npos);
}

TEST_CASE("jsonl: import into a project that already has the ids renames, never merges")
{
    Project p = make_demo_project();
    std::string out = export_one(p, "jsonl");
    Project q = make_demo_project();
    import_into(q, format("jsonl"), {input_string("demo.jsonl", out)}, {});
    CHECK(q.documents.size() == 6);
    CHECK(q.mentions.size() == 2 * p.mentions.size());
    CHECK(validate_project(q).empty());
}

TEST_CASE("jsonl: detect prefers jsonl for its own output")
{
    std::string out = export_one(make_demo_project(), "jsonl");
    const Format* f = guess_format({input_string("x.jsonl", out)});
    REQUIRE(f);
    CHECK(f->name == "jsonl");
}

TEST_CASE("jsonl: syntax errors name line and column; nothing is imported")
{
    std::string good = R"({"id":"a","text":"Abc","mentions":[{"start":0,"end":1,"type":"PER"}]})";
    std::string bad = "{\"id\":\"b\",\"text\":\"x\" \"mentions\":[]}";
    Project p;
    try {
        import_into(p, format("jsonl"), {input_string("in.jsonl", good + "\n" + bad + "\n")}, {});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        const Diagnostic& d = e.diagnostics[0];
        CHECK(d.file == "in.jsonl");
        CHECK(d.line == 2);
        CHECK(d.column == 22);
        CHECK(d.message.find("expected ',' or '}'") != std::string::npos);
        CHECK(d.message.find("'\"'") != std::string::npos);
    }
    CHECK(p.documents.empty());
}

TEST_CASE("jsonl: bad records are listed with their JSON path; --skip-bad keeps the good ones")
{
    std::string text = "{\"id\":\"a\",\"text\":\"Paris 🔴 Lyon\",\"mentions\":[{\"id\":\"m1\",\"start\":8,\"end\":12,\"type\":\"LOC\"}]}\n"
                       "{\"id\":\"b\",\"text\":\"Nice\",\"mentions\":[{\"start\":2,\"end\":9,\"type\":\"LOC\"},{\"start\":\"0\",\"end\":1,\"type\":\"LOC\"}]}\n"
                       "\n"
                       "{\"id\":\"c\",\"mentions\":[]}\n"
                       "{\"id\":\"d\",\"text\":\"Tours\",\"stances\":[{\"holder\":{\"kind\":\"mention\",\"id\":\"zz\"},\"target\":{\"kind\":\"target\",\"id\":\"t\"},\"polarity\":\"FAVOR\"}]}\n";
    InputFile in = input_string("bad.jsonl", text);
    try {
        import_one("jsonl", {in});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        std::string all = diag_text(e.diagnostics);
        CHECK(all.find("bad.jsonl:2:") != std::string::npos);
        CHECK(all.find("/mentions/0: end offset 9 is past the end of the text (4 code points)") != std::string::npos);
        CHECK(all.find("/mentions/1/start: expected a non-negative integer, found a string") != std::string::npos);
        CHECK(all.find("bad.jsonl:4:1: /text: missing \"text\" (expected a string)") != std::string::npos);
        CHECK(all.find("/stances/0/holder/id: no mention with id \"zz\"") != std::string::npos);
    }
    ImportOptions opts;
    opts.skip_bad = true;
    ImportReport r;
    Project p = import_one("jsonl", {in}, &r, opts);
    REQUIRE(p.documents.size() == 1);
    CHECK(p.documents[0].id == "a");
    REQUIRE(p.mentions.size() == 1);
    CHECK(p.documents[0].text->slice(p.mentions[0].start, p.mentions[0].end) == "Lyon");
    CHECK(p.mentions[0].annotator == "importer");
    CHECK(r.skipped.size() == 4);
}

TEST_CASE("jsonl: utf16 offset unit is honoured and CRLF text is normalised with offsets moved")
{
    std::string text = "{\"id\":\"a\",\"offset_unit\":\"utf16\",\"text\":\"🔴 Lyon\\r\\nTours\",\"mentions\":[{\"start\":3,\"end\":7,\"type\":\"LOC\"},{\"start\":9,\"end\":14,\"type\":\"LOC\"}]}\n";
    ImportReport r;
    Project p = import_one("jsonl", {input_string("u.jsonl", text)}, &r);
    REQUIRE(p.mentions.size() == 2);
    const Text& t = *p.documents[0].text;
    CHECK(t.utf8() == "🔴 Lyon\nTours");
    CHECK(t.slice(p.mentions[0].start, p.mentions[0].end) == "Lyon");
    CHECK(t.slice(p.mentions[1].start, p.mentions[1].end) == "Tours");
    CHECK(!r.notes.empty());
    // An offset inside the surrogate pair of 🔴 is refused.
    std::string split = "{\"id\":\"a\",\"offset_unit\":\"utf16\",\"text\":\"🔴 Lyon\",\"mentions\":[{\"start\":1,\"end\":7,\"type\":\"LOC\"}]}";
    try {
        import_one("jsonl", {input_string("u.jsonl", split)});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        CHECK(diag_text(e.diagnostics).find("falls inside the surrogate pair of U+1F534") != std::string::npos);
    }
}

TEST_CASE("jsonl: escapes, surrogate pairs and invalid strings in the reader")
{
    JsonDoc doc;
    JsonSyntaxError err;
    REQUIRE(doc.parse(R"({"a":"x\u00e9\ud83d\udd34\n\"","b":[1,-2.5e3,true,null],"c":{}})", err));
    CHECK(doc.root().get("a").str() == "xé🔴\n\"");
    CHECK(doc.root().get("b").size() == 4);
    double d = 0;
    CHECK((*doc.root().get("b").begin()).get_double(d));
    CHECK(d == 1.0);
    CHECK(!doc.parse(R"({"a":"\ud83d"})", err));
    CHECK(err.message.find("lone surrogate") != std::string::npos);
    CHECK(!doc.parse("{\"a\":\"\xC3\"}", err));
    CHECK(err.message.find("invalid UTF-8") != std::string::npos);
    CHECK(!doc.parse("[1,2,]", err));
    CHECK(err.message.find("trailing comma") != std::string::npos);
    CHECK(!doc.parse("{\"a\":1} x", err));
    CHECK(err.byte == 8);
    CHECK(!doc.parse("\"a\tb\"", err));
    CHECK(err.message.find("control character U+0009") != std::string::npos);
    std::string deep(600, '[');
    CHECK(!doc.parse(deep, err));
    CHECK(err.message.find("nested deeper") != std::string::npos);
    // Writer escapes what JSON needs and nothing else.
    std::string w;
    json_append_string(w, "a\"b\\c\nd\x01 é 🔴 long enough to take the 8-byte path");
    CHECK(json::parse(w).get<std::string>() == "a\"b\\c\nd\x01 é 🔴 long enough to take the 8-byte path");
}

// [SECTION] stance-jsonl

TEST_CASE("stance-jsonl: one row per stance with surfaces, spans and evidence")
{
    Project p = corpus_project();
    ExportReport er;
    std::string out = export_one(p, "stance-jsonl", &er);
    check_golden("stance-jsonl/corpus.jsonl", out);
    std::vector<json> rows;
    size_t at = 0;
    for (size_t nl; (nl = out.find('\n', at)) != std::string::npos; at = nl + 1)
        rows.push_back(json::parse(out.substr(at, nl - at)));
    REQUIRE(rows.size() == p.stances.size());
    for (const auto& r : rows) {
        CHECK(r["offset_unit"] == "codepoint");
        const Document* d = p.document(r["doc_id"].get<std::string>());
        REQUIRE(d);
        CHECK(r["text"] == d->text->utf8());
        if (r["holder"]["kind"] == "mention")
            CHECK(d->text->slice(r["holder"]["start"].get<uint32_t>(), r["holder"]["end"].get<uint32_t>()) == r["holder"]["text"].get<std::string>());
        if (!r["evidence"].is_null())
            CHECK(d->text->slice(r["evidence"]["start"].get<uint32_t>(), r["evidence"]["end"].get<uint32_t>()) == r["evidence"]["text"].get<std::string>());
    }
    // The stance on a schema target names it.
    bool target_named = false;
    for (const auto& r : rows)
        if (r["target"]["kind"] == "target" && r["target"]["name"] == "US export controls on AI chips")
            target_named = true;
    CHECK(target_named);
    CHECK(er.counts["stances"] == p.stances.size());
    // Document stances are not stance rows: the loss is reported.
    bool reported = false;
    for (const auto& l : er.losses)
        reported |= l.find("2 document stances") != std::string::npos;
    CHECK(reported);
    CHECK(format("stance-jsonl").import_files == nullptr);
}

TEST_CASE("jsonl: a UTF-16 file is refused, saying so")
{
    std::string utf16("\xFF\xFE{\0}\0", 6);
    try {
        import_one("jsonl", {input_string("u16.jsonl", utf16)});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        CHECK(e.diagnostics[0].message.find("UTF-16 encoded") != std::string::npos);
    }
}

TEST_CASE("jsonl: documents whose file order is not their id order get their mentions in project order")
{
    // File order d-9, d-10, d-2, d-1, d-30, d-3 (id order: d-1, d-10, d-2, d-3, d-30, d-9): the reader
    // moves whole blocks of mentions along the permutation's cycles (MentionBlocks::finish).
    Project p = make_demo_project();
    const Document model = p.documents[0];
    const Mention one = p.mentions[0];
    p.documents.clear();
    p.mentions.clear();
    p.stances.clear();
    p.doc_stances.clear();
    p.entities.clear();
    uint32_t n = 0;
    for (const char* id : {"d-9", "d-10", "d-2", "d-1", "d-30", "d-3"}) {
        Document d = model;
        d.id = id;
        d.name = std::string(id) + ".txt";
        p.documents.push_back(d);
        for (uint32_t k = 0; k < 1 + n % 3; ++k) { // 1 to 3 mentions: blocks of different sizes
            Mention m = one;
            m.id = "m" + std::to_string(++n);
            m.doc_id = id;
            m.start = k * 4;
            m.end = k * 4 + 3;
            m.entity_id.clear();
            p.mentions.push_back(m);
        }
    }
    p.keep_sorted();
    const std::string out = export_one(p, "jsonl");
    Project q = import_one("jsonl", {input_string("order.jsonl", out)});
    check_same(p, q);
    CHECK(std::is_sorted(q.mentions.begin(), q.mentions.end(), mention_less));
    CHECK(q.mentions.size() == n);
}
