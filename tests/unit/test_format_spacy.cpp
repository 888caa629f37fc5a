// spaCy/Prodigy span JSONL: code point offsets after emoji, round trips, Doc.to_json input,
// errors with JSON paths, detection.
#include "format_test_helpers.h"

#include "core/demo.h"

#include <nlohmann/json.hpp>

using namespace test_formats;
using nlohmann::json;

static std::vector<std::string> spans_of(const Project& p)
{
    std::vector<std::string> out;
    for (const auto& m : p.mentions)
        out.push_back(m.doc_id + " " + std::to_string(m.start) + " " + std::to_string(m.end) + " " + m.type);
    std::sort(out.begin(), out.end());
    return out;
}

TEST_CASE("spacy: demo and corpus round trip the spans, in code points")
{
    for (int which = 0; which < 2; ++which) {
        Project p = which ? corpus_project() : make_demo_project();
        ExportReport er;
        std::string out = export_one(p, "spacy", &er);
        check_golden(which ? "spacy/corpus.jsonl" : "spacy/demo.jsonl", out);
        CHECK(er.offset_unit == "codepoint");
        const Format* g = guess_format({input_string("x.jsonl", out)});
        REQUIRE(g);
        CHECK(g->name == "spacy");
        Project q = import_one("spacy", {input_string("x.jsonl", out)});
        CHECK(spans_of(q) == spans_of(p));
        REQUIRE(q.documents.size() == p.documents.size());
        for (size_t i = 0; i < p.documents.size(); ++i)
            CHECK(q.documents[i].id == p.documents[i].id);
        bool lost = false;
        for (const auto& l : er.losses)
            lost |= l.find("stances dropped") != std::string::npos;
        CHECK(lost);
    }
    // Offsets are code points: the span after 🔴 is written as Python would index it.
    Project c = corpus_project();
    std::string out = export_one(c, "spacy");
    uint32_t cp = find_cp(c.documents[1], "WhatsApp", true);
    CHECK(out.find("{\"start\":" + std::to_string(cp) + ",\"end\":" + std::to_string(cp + 8) + ",\"label\":\"PRODUCT\"}") != std::string::npos);
}

TEST_CASE("spacy: Doc.to_json output (ents + span groups) imports, duplicates once")
{
    std::string line = R"({"text":"Emmanuel Macron à Paris","ents":[{"start":0,"end":15,"label":"PER"}],)"
                       R"("spans":{"sc":[{"start":0,"end":15,"label":"PER"},{"start":18,"end":23,"label":"LOC","kb_id":""}]},"tokens":[]})";
    ImportReport r;
    Project p = import_one("spacy", {input_string("d.jsonl", line)}, &r);
    REQUIRE(p.mentions.size() == 2);
    CHECK(p.documents[0].text->slice(p.mentions[1].start, p.mentions[1].end) == "Paris");
    CHECK(!r.notes.empty());
}

TEST_CASE("spacy: bad spans name their JSON path; --skip-bad keeps the rest")
{
    std::string bad = R"({"text":"abc","spans":[{"start":0,"end":2,"label":"A"},{"start":1,"end":9,"label":"B"},{"start":0,"label":"C"}]})";
    try {
        import_one("spacy", {input_string("s.jsonl", bad)});
        FAIL("expected InputError");
    } catch (const InputError& e) {
        std::string all = diag_text(e.diagnostics);
        CHECK(all.find("s.jsonl:1:56: /spans/1: end offset 9 is past the end of the text (3 code points)") != std::string::npos);
        CHECK(all.find("/spans/2/end: missing \"end\" (expected a non-negative integer)") != std::string::npos);
    }
    ImportOptions opts;
    opts.skip_bad = true;
    ImportReport r;
    Project p = import_one("spacy", {input_string("s.jsonl", bad)}, &r, opts);
    CHECK(p.mentions.size() == 1);
    CHECK(r.skipped.size() == 2);
}
