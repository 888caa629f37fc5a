#include "core/demo.h"
#include "core/import_text.h"
#include "core/project_io.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace postil;
using nlohmann::json;

static std::string paths_of(const InputError& e)
{
    std::string s;
    for (const auto& d : e.diagnostics)
        s += d.json_path + " | " + d.message + "\n";
    return s;
}

TEST_CASE("demo project round trips byte for byte")
{
    Project p = make_demo_project();
    std::string a = save_project_string(p);
    Project q = load_project_string(a, "demo.json");
    std::string b = save_project_string(q);
    CHECK(a == b);
    CHECK(q.mentions == p.mentions);
    CHECK(q.stances == p.stances);
    CHECK(q.doc_stances == p.doc_stances);
    CHECK(q.entities == p.entities);
    CHECK(q.schema == p.schema);
    REQUIRE(q.documents.size() == p.documents.size());
    for (size_t i = 0; i < q.documents.size(); ++i)
        CHECK(q.documents[i].text->utf8() == p.documents[i].text->utf8());
}

TEST_CASE("saving is deterministic regardless of record order in memory")
{
    Project p = make_demo_project();
    Project q = p;
    std::reverse(q.mentions.begin(), q.mentions.end());
    CHECK(save_project_string(p) == save_project_string(q));
    // Keys sorted, file ends with a newline.
    std::string s = save_project_string(p);
    CHECK(s.back() == '\n');
    CHECK(s.find("\"document_stances\"") < s.find("\"documents\""));
}

TEST_CASE("demo mentions cover the intended surface forms")
{
    Project p = make_demo_project();
    const Mention* m = p.mention("m1");
    REQUIRE(m);
    CHECK(p.document(m->doc_id)->text->slice(m->start, m->end) == "Dario Amodei");
    for (const auto& x : p.mentions)
        CHECK(x.end > x.start);
    CHECK(validate_project(p).empty());
}

TEST_CASE("the five corpus articles import with their text intact")
{
    namespace fs = std::filesystem;
    Project p;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(POSTIL_SHARED_DIR) / "corpus" / "fr-ai-geopolitics"))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() == 5);
    for (const auto& f : files)
        import_text_file(p, f.string());
    CHECK(p.documents[0].id == "000_72815fe7f545c6fa");
    // Code point counts as Python's len(open(f).read()) gives them.
    CHECK(p.documents[0].text->size() == 3804);
    CHECK(p.documents[1].text->size() == 6165);
    CHECK(p.documents[4].text->size() == 6493);
    for (size_t i = 0; i < files.size(); ++i)
        CHECK(p.documents[i].text->utf8() == read_file(files[i].string()));
    Project q = load_project_string(save_project_string(p));
    CHECK(q.documents[3].text->utf8() == p.documents[3].text->utf8());
}

TEST_CASE("invalid UTF-8 in a text file is refused with its byte offset")
{
    Project p;
    std::string bad = "Caf\xC3\xA9 ok\nthen \xE9t\xE9";
    try {
        make_text_document(p, "bad.txt", bad);
        FAIL("should have thrown");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        CHECK(e.diagnostics[0].file == "bad.txt");
        CHECK(e.diagnostics[0].line == 2);
        CHECK(e.diagnostics[0].column == 6);
        CHECK(e.diagnostics[0].message.find("byte offset 14") != std::string::npos);
    }
}

TEST_CASE("text import drops a BOM and normalises CRLF")
{
    Project p;
    Document d = make_text_document(p, "dir/a.txt", "\xEF\xBB\xBFl\xE2\x80\x99IA\r\nok\rfin");
    CHECK(d.id == "a");
    CHECK(d.text->utf8() == "l\xE2\x80\x99IA\nok\nfin");
    p.documents.push_back(d);
    CHECK(make_text_document(p, "a.txt", "x").id == "a-2");
}

TEST_CASE("malformed JSON reports line and column")
{
    try {
        load_project_string("{\n  \"format\": \"postil-project\",\n  \"name\": oops\n}", "p.json");
        FAIL("should have thrown");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        CHECK(e.diagnostics[0].file == "p.json");
        CHECK(e.diagnostics[0].line == 3);
        CHECK(e.diagnostics[0].column >= 11);
        CHECK(e.diagnostics[0].message.find("invalid JSON") == 0);
    }
}

TEST_CASE("every schema and reference problem is reported with its JSON path")
{
    json j = project_to_json(make_demo_project());
    j["schema"]["entity_types"][0]["color"] = "blue";
    j["schema"]["entity_types"][1]["hotkey"] = "1"; // same as PER
    j["documents"][0]["status"] = "finished";
    j["mentions"][0]["start"] = -3;
    j["mentions"][1]["type"] = 7;
    j["surprise"] = true;
    try {
        project_from_json(j, "p.json");
        FAIL("should have thrown");
    } catch (const InputError& e) {
        std::string all = paths_of(e);
        INFO(all);
        CHECK(all.find("/schema/entity_types/0/color |") != std::string::npos);
        CHECK(all.find("/schema/entity_types/1/hotkey |") != std::string::npos);
        CHECK(all.find("/documents/0/status |") != std::string::npos);
        CHECK(all.find("/mentions/0/start | expected a non-negative integer") != std::string::npos);
        CHECK(all.find("/mentions/1/type | expected a string") != std::string::npos);
        CHECK(all.find("/surprise | unknown key") != std::string::npos);
        CHECK(e.diagnostics.size() == 6);
    }
}

TEST_CASE("referential problems: spans out of range, unknown types, dangling stance refs")
{
    json j = project_to_json(make_demo_project());
    j["mentions"][0]["end"] = 100000;
    j["mentions"][2]["type"] = "ALIEN";
    j["stances"][0]["target"]["id"] = "m999";
    j["stances"][0]["polarity"] = "MAYBE";
    j["document_stances"][0]["target"] = "nope";
    try {
        project_from_json(j, "p.json");
        FAIL("should have thrown");
    } catch (const InputError& e) {
        std::string all = paths_of(e);
        INFO(all);
        CHECK(all.find("/mentions/0 | span") != std::string::npos);
        CHECK(all.find("/mentions/2/type | entity type \"ALIEN\"") != std::string::npos);
        CHECK(all.find("/stances/0/target/id | no mention with id \"m999\"") != std::string::npos);
        CHECK(all.find("/stances/0/polarity |") != std::string::npos);
        CHECK(all.find("/document_stances/0/target |") != std::string::npos);
    }
}

TEST_CASE("a newer format version and a wrong format name are refused")
{
    json j = project_to_json(make_demo_project());
    j["format_version"] = 99;
    j["format"] = "brat";
    try {
        project_from_json(j);
        FAIL("should have thrown");
    } catch (const InputError& e) {
        std::string all = paths_of(e);
        CHECK(all.find("/format_version |") != std::string::npos);
        CHECK(all.find("/format |") != std::string::npos);
    }
}

TEST_CASE("atomic write replaces the file, and a failed write leaves the old one")
{
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / "postil-test-atomic";
    fs::create_directories(dir);
    std::string path = (dir / "p.json").string();
    Project p = make_demo_project();
    save_project_file(p, path);
    CHECK(load_project_file(path).mentions == p.mentions);
    CHECK_FALSE(fs::exists(path + ".tmp-postil"));
    // Writing into a directory that does not exist fails without touching anything.
    CHECK_THROWS_AS(write_file_atomic((dir / "missing" / "x.json").string(), "data"), InputError);
    CHECK(load_project_file(path).mentions == p.mentions);
    CHECK_THROWS_AS(load_project_file((dir / "absent.json").string()), InputError);
    fs::remove_all(dir);
}

TEST_CASE("schema validation: missing entity types and unknown keys")
{
    Diagnostics d;
    schema_from_json(json::parse(R"({"polarities": [{"id": "FAVOR"}, {"name": "x"}], "colours": 1})"), d, "/schema");
    std::string all;
    for (const auto& x : d)
        all += x.json_path + " | " + x.message + "\n";
    INFO(all);
    CHECK(all.find("/schema/entity_types | missing") != std::string::npos);
    CHECK(all.find("/schema/polarities/1/id | missing") != std::string::npos);
    CHECK(all.find("/schema/colours | unknown key") != std::string::npos);
}

TEST_CASE("new ids do not collide")
{
    Project p = make_demo_project();
    std::string id = p.new_id("m");
    CHECK_FALSE(p.mention(id));
    CHECK(id == "m" + std::to_string(p.mentions.size() + 1));
}

// [SECTION] the direct writer against nlohmann's dump (what the file format was defined by)

static std::string dumped(const Project& p)
{
    return project_to_json(p).dump(1, ' ', false, json::error_handler_t::strict) + "\n";
}

TEST_CASE("save_project_string writes what nlohmann's dump of project_to_json writes, byte for byte")
{
    Project empty;
    CHECK(save_project_string(empty) == dumped(empty));

    Project p = make_demo_project();
    CHECK(save_project_string(p) == dumped(p));

    // Everything optional, escapes, control characters, astral characters, odd numbers.
    p.name = "quotes \" backslash \\ tab \t nl \n cr \r bell \x07 del \x7f « » 😀 ∑";
    p.documents[0].meta = {{"source", "https://example.org/?a=1&b=\"2\""}, {"z", ""}, {"é", "\x01"}};
    p.documents[1].status = DocStatus::Done;
    REQUIRE(p.mentions.size() >= 2);
    p.mentions[0].note = "a note\nover two lines";
    p.mentions[0].attributes = {{"certainty", "high"}, {"role", "source"}};
    p.mentions[1].entity_id = p.entities.empty() ? std::string("e1") : p.entities[0].id;
    if (!p.entities.empty()) {
        p.entities[0].external_id = "wikidata:Q42";
        p.entities[0].note = "«note»";
    }
    REQUIRE(!p.stances.empty());
    const double confidences[] = {0.5, 0.25, 1.0 / 3.0, 0.1, 1e-5, 0.0, 1.0};
    for (size_t i = 0; i < p.stances.size(); ++i) {
        p.stances[i].confidence = confidences[i % 7];
        if (i % 2 == 0)
            p.stances[i].evidence = Span{1, 7};
        if (i % 3 == 0)
            p.stances[i].note = "ironic \"really\"";
    }
    p.doc_stances.push_back({"ds99", p.documents[0].id, "us-export-controls", "AGAINST", "zoé"});
    CHECK(save_project_string(p) == dumped(p));

    // Records out of order in memory: both sort mentions the same way.
    std::reverse(p.mentions.begin(), p.mentions.end());
    CHECK(save_project_string(p) == dumped(p));

    // Invalid UTF-8 in a name is refused as nlohmann's strict dump refused it.
    p.name = std::string("bad \xC3\x28 byte");
    CHECK_THROWS_AS(save_project_string(p), json::type_error);
}

// [SECTION] the chunked writer (the web app's autosave, files on desktop)

namespace {
struct ChunkRecorder : ChunkSink {
    std::vector<std::string> chunks;
    void write(std::string_view b) override { chunks.emplace_back(b); }
    std::string joined() const
    {
        std::string s;
        for (const auto& c : chunks)
            s += c;
        return s;
    }
};
} // namespace

TEST_CASE("save_project hands over the bytes of save_project_string in bounded chunks")
{
    ChunkRecorder empty;
    save_project(Project{}, empty);
    CHECK(empty.joined() == save_project_string(Project{}));

    // Many records (several chunks) and one text longer than a chunk, with escapes on both
    // sides of every piece boundary.
    Project p = make_demo_project();
    std::string long_text;
    while (long_text.size() < 3 * kChunkSize + 12345)
        long_text += "« Citation » \"quoted\" \\ tab\tnl\n 😀 é ";
    Document big;
    big.id = "big";
    big.name = "big.txt";
    big.text = std::make_shared<const Text>(Text::from_normalized(long_text));
    p.documents.push_back(big);
    const std::string& first_doc = p.documents[0].id;
    for (uint32_t i = 0; i < 20000; ++i) {
        Mention m;
        m.id = "bulk" + std::to_string(i);
        m.doc_id = first_doc;
        m.start = i % 10;
        m.end = i % 10 + 1;
        m.type = p.mentions.front().type;
        m.annotator = i % 2 ? "zoé" : "anne \"a\"";
        p.mentions.push_back(m);
    }
    const std::string whole = save_project_string(p);
    REQUIRE(whole.size() > 5 * kChunkSize);
    ChunkRecorder rec;
    save_project(p, rec);
    CHECK(rec.joined() == whole);
    CHECK(rec.chunks.size() >= 5);
    for (const auto& c : rec.chunks) {
        CHECK_FALSE(c.empty());
        // The buffer goes out once it reaches a chunk: one more record or text piece at most.
        CHECK(c.size() < 2 * kChunkSize + 64);
    }
    CHECK(load_project_string(rec.joined()).mentions.size() == p.mentions.size());

    // Invalid UTF-8 is refused on this path too.
    p.name = std::string("bad \xC3\x28 byte");
    ChunkRecorder bad;
    CHECK_THROWS_AS(save_project(p, bad), json::type_error);
}

TEST_CASE("a streamed atomic write that fails midway leaves the old file and no temporary file")
{
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / "postil-test-atomic-stream";
    fs::create_directories(dir);
    const std::string path = (dir / "p.json").string();
    Project p = make_demo_project();
    save_project_file(p, path);
    CHECK(read_file(path) == save_project_string(p));
    CHECK_FALSE(fs::exists(path + ".tmp-postil"));

    struct Boom {};
    CHECK_THROWS_AS(write_file_atomic(path, [](ChunkSink& s) {
                        s.write("{\"half\": ");
                        throw Boom{};
                    }),
                    Boom);
    CHECK(read_file(path) == save_project_string(p));
    CHECK_FALSE(fs::exists(path + ".tmp-postil"));

    write_file_atomic(path, [](ChunkSink& s) {
        s.write("one ");
        s.write("two");
    });
    CHECK(read_file(path) == "one two");
    fs::remove_all(dir);
}
