// Helpers shared by the format tests (test_format_*.cpp), header-only (each test is its own
// executable):
//  - namespace test_formats, for the JSON formats: fixture paths, the annotated
//    fr-ai-geopolitics corpus project, annotation comparison, golden files;
//  - namespace postil::test, for the standoff formats (brat, WebAnno): a corpus project with
//    mentions on token boundaries, records compared by content, golden folders.
// Golden files live in tests/golden/<format>/; POSTIL_UPDATE_GOLDEN=1 rewrites them.
#pragma once
#include "core/formats/format.h"
#include "core/import_text.h"
#include "core/project_io.h"
#include "core/tokenizer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace test_formats {

using namespace postil;

inline std::string shared(const std::string& rel) { return std::string(POSTIL_SHARED_DIR) + "/" + rel; }
inline std::string source(const std::string& rel) { return std::string(POSTIL_SOURCE_DIR) + "/" + rel; }

inline InputFile input(const std::string& path) { return InputFile{path, read_file(path)}; }
inline InputFile input_string(const std::string& name, const std::string& bytes) { return InputFile{name, bytes}; }

inline const Format& format(const std::string& name)
{
    const Format* f = find_format(name);
    REQUIRE(f != nullptr);
    return *f;
}

// Imports into a fresh project whose annotator is "importer"; rethrows InputError.
inline Project import_one(const std::string& fmt, const std::vector<InputFile>& files, ImportReport* report = nullptr,
                          ImportOptions opts = {})
{
    Project p;
    p.annotator = "importer";
    ImportReport r = import_into(p, format(fmt), files, opts);
    if (report)
        *report = r;
    return p;
}

inline std::string export_one(const Project& p, const std::string& fmt, ExportReport* report = nullptr, ExportOptions opts = {})
{
    ExportReport r;
    auto files = export_project(p, format(fmt), opts, r);
    REQUIRE(files.size() == 1);
    if (report)
        *report = r;
    return files[0].bytes;
}

// All diagnostics as text, one per line.
inline std::string diag_text(const Diagnostics& ds)
{
    std::string s;
    for (const auto& d : ds)
        s += d.to_string() + "\n";
    return s;
}

// The mention with this surface in the document (code points), or none.
inline uint32_t find_cp(const Document& d, const std::string& needle, bool last = false)
{
    const std::string& t = d.text->utf8();
    size_t at = last ? t.rfind(needle) : t.find(needle);
    REQUIRE_MESSAGE(at != std::string::npos, needle);
    return static_cast<uint32_t>(d.text->cp_of_byte(at));
}

inline std::string add_mention(Project& p, const std::string& doc_id, const std::string& surface, const std::string& type,
                               bool last = false, const std::string& entity = {})
{
    const Document* d = p.document(doc_id);
    REQUIRE(d);
    Mention m;
    m.id = p.new_id("m");
    m.doc_id = doc_id;
    m.start = find_cp(*d, surface, last);
    m.end = m.start + static_cast<uint32_t>(count_code_points(surface));
    m.type = type;
    m.entity_id = entity;
    m.annotator = "alice";
    p.mentions.push_back(m);
    return m.id;
}

// The five fr-ai-geopolitics articles, annotated with mentions placed after their emoji
// (where UTF-16 and code point offsets differ), on emoji, entity links, attributes, notes,
// stances on mentions, entities and schema targets, document stances.
inline Project corpus_project()
{
    Project p;
    p.name = "fr-ai-geopolitics";
    p.annotator = "alice";
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(shared("corpus/fr-ai-geopolitics")))
        if (e.path().extension() == ".txt")
            names.push_back(e.path().string());
    std::sort(names.begin(), names.end());
    REQUIRE(names.size() == 5);
    for (const auto& n : names)
        p.documents.push_back(make_text_document(p, n, read_file(n)));
    const std::string d0 = p.documents[0].id, d1 = p.documents[1].id, d3 = p.documents[3].id, d4 = p.documents[4].id;
    p.documents[1].status = DocStatus::Done;
    p.documents[1].meta["source"] = "01net";
    p.entities = {{"e-openai", "OpenAI", "ORG", "wikidata:Q21708200", "", "alice"},
                  {"e-amodei", "Dario Amodei", "PER", "wikidata:Q109440929", "CEO d’Anthropic", "alice"}};
    add_mention(p, d0, "Reuters", "ORG");
    add_mention(p, d0, "États-Unis", "GPE");
    std::string openai1 = add_mention(p, d1, "OpenAI", "ORG", false, "e-openai");
    std::string chine1 = add_mention(p, d1, "Chine", "GPE");
    // After 🔴 (U+1F534): UTF-16 offsets run one ahead of code points from here on.
    add_mention(p, d1, "🔴", "MISC");
    add_mention(p, d1, "01net", "ORG", true);
    std::string google = add_mention(p, d1, "Google Actualités", "PRODUCT", true);
    add_mention(p, d1, "WhatsApp", "PRODUCT", true);
    std::string guardian = add_mention(p, d1, "The Guardian", "ORG", true);
    add_mention(p, d1, "翻译", "MISC", true);
    std::string amodei = add_mention(p, d3, "Dario Amodei", "PER", false, "e-amodei");
    std::string controls = add_mention(p, d3, "renforcement des contrôles d’exportation", "POLICY");
    add_mention(p, d4, "OpenAI", "ORG", false, "e-openai");
    // After 🤩 and 👨💻 (three astral characters, the last two adjacent).
    add_mention(p, d4, "🤩", "MISC", true);
    std::string coder = add_mention(p, d4, "👨💻", "MISC", true);
    std::string refbax = add_mention(p, d4, "refbax", "ORG", true);
    add_mention(p, d4, "SEO", "MISC", true);
    for (auto& m : p.mentions) {
        if (m.id == guardian) {
            m.note = "source citée « entre guillemets »\nligne 2";
            m.attributes["role"] = "source";
        }
        if (m.id == refbax)
            m.annotator = "bob";
    }
    auto stance = [&](const std::string& doc, StanceRef h, StanceRef t, const std::string& pol, const std::string& evidence,
                      double conf, const std::string& who) {
        Stance s;
        s.id = p.new_id("s");
        s.doc_id = doc;
        s.holder = h;
        s.target = t;
        s.polarity = pol;
        if (!evidence.empty()) {
            const Document* d = p.document(doc);
            uint32_t a = find_cp(*d, evidence, true);
            s.evidence = Span{a, a + static_cast<uint32_t>(count_code_points(evidence))};
        }
        s.confidence = conf;
        s.annotator = who;
        p.stances.push_back(s);
    };
    using K = StanceRef::Kind;
    stance(d1, {K::Mention, openai1}, {K::Mention, chine1}, "AGAINST", "", 1.0, "alice");
    stance(d1, {K::Mention, guardian}, {K::Mention, google}, "NEUTRAL", "Google Actualités et WhatsApp", 0.5, "alice");
    stance(d3, {K::Mention, amodei}, {K::Mention, controls}, "FAVOR", "plaidé pour un renforcement des contrôles d’exportation", 0.9, "alice");
    stance(d3, {K::Entity, "e-amodei"}, {K::Target, "us-export-controls"}, "FAVOR", "", 1.0, "bob");
    stance(d4, {K::Mention, refbax}, {K::Mention, coder}, "FAVOR", "Qui suis-je ! 👨💻", 0.25, "bob");
    stance(d4, {K::Entity, "e-openai"}, {K::Target, "china-ai-independence"}, "AGAINST", "", 1.0, "bob");
    p.doc_stances.push_back({"ds1", d3, "us-export-controls", "FAVOR", "alice"});
    p.doc_stances.push_back({"ds2", d4, "china-ai-independence", "FAVOR", "bob"});
    p.keep_sorted();
    REQUIRE(validate_project(p).empty());
    return p;
}

// Documents (id, name, text, status, meta) and every annotation equal.
inline void check_same(const Project& a, const Project& b)
{
    REQUIRE(a.documents.size() == b.documents.size());
    for (size_t i = 0; i < a.documents.size(); ++i) {
        CHECK(a.documents[i].id == b.documents[i].id);
        CHECK(a.documents[i].name == b.documents[i].name);
        CHECK(a.documents[i].text->utf8() == b.documents[i].text->utf8());
        CHECK(a.documents[i].status == b.documents[i].status);
        CHECK(a.documents[i].meta == b.documents[i].meta);
    }
    CHECK(a.mentions == b.mentions);
    CHECK(a.entities == b.entities);
    CHECK(a.stances == b.stances);
    CHECK(a.doc_stances == b.doc_stances);
}

// Compares with tests/golden/<rel>; POSTIL_UPDATE_GOLDEN=1 writes it instead.
inline void check_golden(const std::string& rel, const std::string& bytes)
{
    std::string path = source("tests/golden/" + rel);
    const char* update = std::getenv("POSTIL_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::filesystem::create_directories(std::filesystem::path(path).parent_path());
        std::ofstream(path, std::ios::binary) << bytes;
        return;
    }
    REQUIRE_MESSAGE(std::filesystem::exists(path), "missing golden file " << path << " (run with POSTIL_UPDATE_GOLDEN=1)");
    std::string want = read_file(path);
    CHECK_MESSAGE(bytes == want, "output differs from " << path);
}

} // namespace test_formats

//-----------------------------------------------------------------------------
// [SECTION] standoff formats (brat, WebAnno)
//-----------------------------------------------------------------------------

namespace postil::test {

namespace fs = std::filesystem;

inline std::string join(const std::vector<std::string>& v)
{
    std::string s;
    for (const auto& x : v)
        s += x + "\n";
    return s;
}

inline std::vector<InputFile> as_inputs(const std::vector<OutputFile>& files)
{
    std::vector<InputFile> in;
    for (const auto& f : files)
        in.push_back({f.name, f.bytes});
    return in;
}

// Compares exported files with tests/golden/<dir>/ (POSTIL_UPDATE_GOLDEN=1 rewrites them).
inline void check_golden(const std::vector<OutputFile>& files, const std::string& dir)
{
    fs::path root = fs::path(POSTIL_SOURCE_DIR) / "tests" / "golden" / dir;
    if (std::getenv("POSTIL_UPDATE_GOLDEN")) {
        fs::create_directories(root);
        for (const auto& f : files)
            std::ofstream(root / f.name, std::ios::binary) << f.bytes;
    }
    std::set<std::string> on_disk, written;
    for (const auto& e : fs::directory_iterator(root))
        on_disk.insert(e.path().filename().string());
    for (const auto& f : files) {
        written.insert(f.name);
        INFO("golden file " << (root / f.name).string());
        REQUIRE(fs::exists(root / f.name));
        CHECK(read_file((root / f.name).string()) == f.bytes);
    }
    CHECK(on_disk == written);
}

// Records by content (ids differ after an import): sorted, comparable.
inline std::string entity_key(const Project& p, const std::string& id)
{
    if (id.empty())
        return "-";
    const Entity* e = p.entity(id);
    if (!e)
        return "missing:" + id;
    return (e->external_id.empty() ? "id:" + e->id : "ext:" + e->external_id) + " name:" + e->name + " type:" + e->type;
}

inline std::vector<std::string> mention_keys(const Project& p, bool with_notes = true)
{
    std::vector<std::string> out;
    for (const auto& m : p.mentions) {
        std::string k = m.doc_id + " " + std::to_string(m.start) + "-" + std::to_string(m.end) + " " + m.type + " '" +
                        std::string(p.document(m.doc_id)->text->slice(m.start, m.end)) + "' " + entity_key(p, m.entity_id) +
                        " by:" + m.annotator;
        if (with_notes) {
            k += " note:" + m.note;
            for (const auto& [a, v] : m.attributes)
                k += " " + a + "=" + v;
        }
        out.push_back(k);
    }
    std::sort(out.begin(), out.end());
    return out;
}

inline std::string ref_key(const Project& p, const StanceRef& r)
{
    if (r.kind == StanceRef::Kind::Mention) {
        const Mention* m = p.mention(r.id);
        return m ? "m:" + std::to_string(m->start) + "-" + std::to_string(m->end) + ":" + m->type : "missing:" + r.id;
    }
    return std::string(to_string(r.kind)) + ":" + r.id;
}

inline std::vector<std::string> stance_keys(const Project& p, bool with_notes = true)
{
    std::vector<std::string> out;
    for (const auto& s : p.stances) {
        std::string k = s.doc_id + " " + ref_key(p, s.holder) + " -> " + ref_key(p, s.target) + " " + s.polarity + " by:" + s.annotator;
        if (with_notes)
            k += " note:" + s.note + " conf:" + std::to_string(s.confidence) +
                 (s.evidence ? " ev:" + std::to_string(s.evidence->start) + "-" + std::to_string(s.evidence->end) : "");
        out.push_back(k);
    }
    std::sort(out.begin(), out.end());
    return out;
}

inline std::vector<std::string> doc_stance_keys(const Project& p)
{
    std::vector<std::string> out;
    for (const auto& s : p.doc_stances)
        out.push_back(s.doc_id + " " + s.target_id + " " + s.polarity + " by:" + s.annotator);
    std::sort(out.begin(), out.end());
    return out;
}

// The five corpus articles with mentions on token boundaries: every 37th word, the two tokens
// after each astral emoji (one mention over both, one nested over the second), one mention
// across a line break; entity links, stances, a topic stance and document stances.
inline Project corpus_project()
{
    Project p;
    p.annotator = "tester";
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(fs::path(POSTIL_SHARED_DIR) / "corpus" / "fr-ai-geopolitics"))
        paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths)
        import_text_file(p, path.string());
    p.entities = {{"e1", "", "PER", "wikidata:Q1", "", "tester"}, {"e2", "", "ORG", "", "", "tester"}};
    const char* types[] = {"PER", "ORG", "GPE", "POLICY"};
    const char* pols[] = {"FAVOR", "AGAINST", "NEUTRAL"};
    int n = 0;
    for (const auto& d : p.documents) {
        const Text& t = *d.text;
        std::vector<Token> tokens = tokenize(t);
        std::vector<std::string> made;
        auto add = [&](size_t a, size_t b, const std::string& type) {
            Mention m;
            m.id = "m" + std::to_string(++n);
            m.doc_id = d.id;
            m.start = tokens[a].start;
            m.end = tokens[b].end;
            m.type = type;
            m.annotator = "tester";
            if (n % 5 == 0)
                m.entity_id = type == "PER" ? "e1" : "e2";
            if (n % 7 == 0)
                m.note = "checked twice";
            if (n % 11 == 0)
                m.attributes["certainty"] = "high";
            p.mentions.push_back(m);
            made.push_back(m.id);
        };
        size_t words = 0;
        for (size_t i = 0; i < tokens.size(); ++i)
            if (tokens[i].kind == TokenKind::Word && words++ % 37 == 0)
                add(i, i, types[words % 4]);
        for (size_t i = 0; i + 2 < tokens.size(); ++i)
            if (tokens[i].kind == TokenKind::Emoji && t.at(tokens[i].start) >= 0x10000) {
                add(i + 1, i + 2, "ORG");
                add(i + 2, i + 2, "PER");
            }
        for (size_t i = 0; i + 1 < tokens.size(); ++i)
            if (t.slice(tokens[i].end, tokens[i + 1].start).find('\n') != std::string_view::npos) {
                add(i, i + 1, "MISC");
                break;
            }
        for (size_t k = 0; k + 1 < made.size(); k += 3) {
            Stance s;
            s.id = "s" + std::to_string(p.stances.size() + 1);
            s.doc_id = d.id;
            s.holder = {StanceRef::Kind::Mention, made[k]};
            s.target = {StanceRef::Kind::Mention, made[k + 1]};
            s.polarity = pols[k % 3];
            s.annotator = "tester";
            if (k == 3)
                s.note = "ironic";
            p.stances.push_back(s);
        }
        Stance topic;
        topic.id = "s" + std::to_string(p.stances.size() + 1);
        topic.doc_id = d.id;
        topic.holder = {StanceRef::Kind::Mention, made[1]};
        topic.target = {StanceRef::Kind::Target, "china-ai-independence"};
        topic.polarity = "AGAINST";
        topic.annotator = "tester";
        p.stances.push_back(topic);
        p.doc_stances.push_back({"ds" + std::to_string(p.doc_stances.size() + 1), d.id, "us-export-controls",
                                 pols[p.doc_stances.size() % 3], "tester"});
    }
    p.keep_sorted();
    // Entity names as a TSV import rebuilds them: the surface of the first mention.
    for (auto& e : p.entities)
        for (const auto& m : p.mentions)
            if (m.entity_id == e.id) {
                e.name = std::string(p.document(m.doc_id)->text->slice(m.start, m.end));
                break;
            }
    return p;
}

} // namespace postil::test
