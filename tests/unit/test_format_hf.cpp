// The hf format: Hugging Face token classification rows (one per sentence) with the ClassLabel
// names beside them; golden files, import of the exported pair, precise errors.
#include "dataset_fixtures.h"

#include "core/formats/iob.h"

#include <nlohmann/json.hpp>

using namespace dataset_tests;

static std::map<std::string, std::string> export_hf(const Project& p, ExportReport& r, ExportOptions o = {})
{
    std::map<std::string, std::string> out;
    for (auto& f : export_project(p, fmt("hf"), o, r))
        out[f.name] = f.bytes;
    return out;
}

TEST_CASE("hf export: golden rows, labels.txt and dataset_info.json")
{
    Project p = small_project();
    ExportReport r;
    auto files = export_hf(p, r);
    REQUIRE(files.size() == 3);
    check_golden("hf/small/data.jsonl", files["data.jsonl"]);
    check_golden("hf/small/labels.txt", files["labels.txt"]);
    check_golden("hf/small/dataset_info.json", files["dataset_info.json"]);
    CHECK(contains(r.losses, "2 overlapping mentions dropped (outermost kept)"));

    // Label list: O then B-/I- per schema type, in schema order; the same in dataset_info.json.
    std::vector<std::string> names;
    for (auto l : iob::split_lines(files["labels.txt"]))
        names.emplace_back(l);
    REQUIRE(names.size() == 1 + 2 * p.schema.entity_types.size());
    CHECK(names[0] == "O");
    CHECK(names[1] == "B-PER");
    CHECK(names[2] == "I-PER");
    auto info = nlohmann::json::parse(files["dataset_info.json"]);
    CHECK(info["features"]["ner_tags"]["_type"] == "Sequence");
    CHECK(info["features"]["ner_tags"]["feature"]["_type"] == "ClassLabel");
    CHECK(info["features"]["ner_tags"]["feature"]["names"].get<std::vector<std::string>>() == names);
    CHECK(info["features"]["ner_tags"]["feature"]["num_classes"] == names.size());

    // Every row: tokens and ner_tags of equal length, indices in range, no whitespace in tokens.
    size_t rows = 0;
    for (auto l : iob::split_lines(files["data.jsonl"])) {
        auto j = nlohmann::json::parse(l);
        REQUIRE(j["tokens"].size() == j["ner_tags"].size());
        for (auto& t : j["ner_tags"])
            CHECK(t.template get<size_t>() < names.size());
        for (auto& t : j["tokens"])
            CHECK(t.template get<std::string>().find_first_of(" \t\n") == std::string::npos);
        CHECK(j["id"] == std::to_string(rows));
        ++rows;
    }
    CHECK(rows == r.counts["rows"]);
}

TEST_CASE("hf export: BILOU label list has four prefixes per type")
{
    Project p = small_project();
    ExportReport r;
    ExportOptions o;
    o.scheme = "bilou";
    auto files = export_hf(p, r, o);
    CHECK(files["labels.txt"].rfind("O\nB-PER\nI-PER\nL-PER\nU-PER\nB-ORG\n", 0) == 0);
}

TEST_CASE("hf round trip: the exported pair imports to the same tokens and mentions as conll")
{
    Project p = small_project();
    ExportReport r;
    auto files = export_hf(p, r);
    ImportReport ir;
    Project back = import_files("hf", {{"out/data.jsonl", files["data.jsonl"]}, {"out/labels.txt", files["labels.txt"]}}, &ir);
    CHECK(back.documents.size() == 4);
    CHECK(back.documents[0].id == "fr1"); // doc_id regroups the sentences
    CHECK(back.mentions.size() == 10);
    CHECK(contains(ir.notes, "tags read as IOB2"));
    // Same through dataset_info.json instead of labels.txt.
    Project back2 = import_files("hf", {{"out/dataset_info.json", files["dataset_info.json"]}, {"out/data.jsonl", files["data.jsonl"]}});
    CHECK(back2.mentions.size() == 10);
    // And the CoNLL export of what came back equals the CoNLL export of the original.
    ExportReport r1, r2;
    CHECK(export_single(p, "conll", r1) == export_single(back, "conll", r2));
}

TEST_CASE("hf import: string tags, IO labels, JSON array, doc grouping")
{
    std::string rows = "{\"id\": 0, \"tokens\": [\"Emmanuel\", \"Macron\", \"à\", \"Paris\"], \"ner_tags\": [\"B-PER\", \"I-PER\", \"O\", \"B-LOC\"]}\n"
                       "{\"id\": 1, \"tokens\": [\"Jean\", \"Dupont\"], \"ner_tags\": [\"PER\", \"PER\"]}\n";
    ImportReport r;
    Project p = import_files("hf", {{"train.jsonl", rows}}, &r);
    REQUIRE(p.documents.size() == 2);
    CHECK(p.documents[0].id == "train-0");
    CHECK(p.documents[0].text->utf8() == "Emmanuel Macron à Paris");
    REQUIRE(p.mentions.size() == 3);
    CHECK(surface(p, p.mentions[2]) == "Jean Dupont");
    CHECK(contains(r.notes, "2 tags without B-/I- prefix read as IO"));

    Project q = import_files("hf", {{"train.json", "[{\"tokens\": [\"Lyon\"], \"ner_tags\": [1]}]"}, {"labels.json", "[\"O\", \"B-LOC\", \"I-LOC\"]"}});
    REQUIRE(q.mentions.size() == 1);
    CHECK(q.mentions[0].type == "LOC");
}

TEST_CASE("hf import: precise errors")
{
    auto error_of = [](const std::vector<InputFile>& files) {
        Project p;
        try {
            import_into(p, fmt("hf"), files, {});
        } catch (const InputError& e) {
            return diagnostics_text(e.diagnostics);
        }
        return std::string("accepted");
    };
    std::string ints = "{\"tokens\": [\"a\", \"b\"], \"ner_tags\": [0, 7]}\n";
    CHECK(error_of({{"d.jsonl", ints}}) ==
          "d.jsonl:1: /ner_tags/0: integer tags need the label list: pass labels.txt or dataset_info.json with the data file\n");
    CHECK(error_of({{"d.jsonl", ints}, {"labels.txt", "O\nB-X\nI-X\n"}}) ==
          "d.jsonl:1: /ner_tags/1: tag index 7 out of range (labels.txt has 3 names)\n");
    CHECK(error_of({{"d.jsonl", "{\"tokens\": [\"a\"], \"ner_tags\": [\"O\", \"O\"]}\n"}}) == "d.jsonl:1: /ner_tags: 2 tags for 1 tokens\n");
    CHECK(error_of({{"d.jsonl", "{\"tokens\": [\"a\"]}\n"}}) == "d.jsonl:1: /ner_tags: missing array of tags\n");
    CHECK(error_of({{"d.jsonl", "{oops\n"}}).find("d.jsonl:1: invalid JSON line") == 0);
}

TEST_CASE("hf detect")
{
    CHECK(fmt("hf").detect({"x.jsonl", "{\"id\": \"0\", \"tokens\": [\"a\"], \"ner_tags\": [0]}\n"}) == 90);
    CHECK(fmt("hf").detect({"x.jsonl", "{\"text\": \"a\"}\n"}) == 0);
    CHECK(guess_format({{"x.jsonl", "{\"id\": \"0\", \"tokens\": [\"a\"], \"ner_tags\": [0]}\n"}}) == &fmt("hf"));
}

TEST_CASE("hf export streamed in chunks: same files and bytes as the whole-string export")
{
    check_stream_matches("hf");
}
