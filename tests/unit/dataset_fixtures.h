// Fixtures shared by the dataset tests (conll, hf, stance formats, split, stats): a small French
// project whose text has what breaks exporters (elision d’, NBSP, guillemets, emoji before
// mentions, CJK, a ZWJ emoji sequence) and whose mentions cover the lossy cases (nested,
// boundary inside a token, a mention across a sentence end), plus golden-file helpers.
// Golden files live in tests/golden/<format>/; POSTIL_UPDATE_GOLDEN=1 rewrites them.
#pragma once
#include "core/formats/format.h"
#include "core/project_io.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace dataset_tests {

using namespace postil;

inline std::string shared_path(const std::string& rel) { return std::string(POSTIL_SHARED_DIR) + "/" + rel; }
inline std::string source_path(const std::string& rel) { return std::string(POSTIL_SOURCE_DIR) + "/" + rel; }

inline const Format& fmt(const std::string& name)
{
    const Format* f = find_format(name);
    REQUIRE(f != nullptr);
    return *f;
}

inline std::string diagnostics_text(const Diagnostics& ds)
{
    std::string s;
    for (const auto& d : ds)
        s += d.to_string() + "\n";
    return s;
}

// Code point offset of the n-th occurrence of `needle`.
inline uint32_t cp_of(const Document& d, const std::string& needle, int occurrence = 0)
{
    const std::string& t = d.text->utf8();
    size_t at = std::string::npos, from = 0;
    for (int i = 0; i <= occurrence; ++i) {
        at = t.find(needle, from);
        REQUIRE_MESSAGE(at != std::string::npos, needle);
        from = at + needle.size();
    }
    return static_cast<uint32_t>(d.text->cp_of_byte(at));
}

inline std::string mention(Project& p, const std::string& doc, const std::string& surface, const std::string& type,
                           int occurrence = 0, const std::string& annotator = "alice")
{
    const Document* d = p.document(doc);
    REQUIRE(d);
    Mention m;
    m.id = p.new_id("m");
    m.doc_id = doc;
    m.start = cp_of(*d, surface, occurrence);
    m.end = m.start + static_cast<uint32_t>(count_code_points(surface));
    m.type = type;
    m.annotator = annotator;
    p.mentions.push_back(m);
    return m.id;
}

// Surface text of a mention.
inline std::string surface(const Project& p, const Mention& m)
{
    const Document* d = p.document(m.doc_id);
    REQUIRE(d);
    return std::string(d->text->slice(m.start, m.end));
}

inline void add_doc(Project& p, const std::string& id, const std::string& text)
{
    Document d;
    d.id = id;
    d.name = id + ".txt";
    d.text = std::make_shared<const Text>(Text::from_bytes(text));
    p.documents.push_back(std::move(d));
}

// Two French documents; fr1 has clean mentions (after an emoji too), a nested one and one
// whose boundary falls inside a token; fr2 has a mention across a sentence end with a nested
// one inside it. Document stances on both, a span-level stance, a third document for stance
// tables (text starting with '=', with TAB, quotes and a newline) and a fourth with nothing.
inline Project small_project()
{
    Project p;
    p.name = "petit corpus";
    p.annotator = "alice";
    add_doc(p, "fr1",
            "Le PDG d’Anthropic, Dario Amodei, a rencontré la\u00A0Commission européenne à Bruxelles. "
            "OpenAI 🔴 bloque l’accès en Chine : « C’est la fin » ! M. Dupont paie 5,38 € pour GPT‑4o 翻译 👨‍💻.\n");
    add_doc(p, "fr2", "Pékin répond. Les États-Unis durcissent le ton...\n");
    add_doc(p, "tab", "=SOMME(A1)\tcellule \"citée\"\nseconde ligne");
    add_doc(p, "vide", "@rien à signaler");
    mention(p, "fr1", "Anthropic", "ORG");
    std::string amodei = mention(p, "fr1", "Dario Amodei", "PER");
    mention(p, "fr1", "Dario", "PER");                  // nested in "Dario Amodei": dropped in IOB
    mention(p, "fr1", "Commission européenne", "ORG");  // after a NBSP
    mention(p, "fr1", "Bruxelles", "LOC");
    mention(p, "fr1", "OpenAI", "ORG");
    mention(p, "fr1", "Chine", "GPE");                  // after 🔴
    mention(p, "fr1", "GPT", "PRODUCT");                // inside the token "GPT‑4o": snapped
    mention(p, "fr1", "👨‍💻", "MISC");                    // a ZWJ sequence, one token
    mention(p, "fr2", "répond. Les États-Unis", "MISC"); // across a sentence end
    mention(p, "fr2", "États-Unis", "GPE");             // nested in it: dropped
    mention(p, "fr2", "Pékin", "GPE");
    Stance s;
    s.id = "s1";
    s.doc_id = "fr1";
    s.holder = {StanceRef::Kind::Mention, amodei};
    s.target = {StanceRef::Kind::Target, "us-export-controls"};
    s.polarity = "FAVOR";
    s.annotator = "alice";
    p.stances.push_back(s);
    p.doc_stances.push_back({"ds1", "fr1", "us-export-controls", "NEUTRAL", "alice"});
    p.doc_stances.push_back({"ds2", "fr1", "china-ai-independence", "AGAINST", "alice"});
    p.doc_stances.push_back({"ds3", "fr2", "china-ai-independence", "FAVOR", "bob"});
    p.doc_stances.push_back({"ds4", "tab", "ai-safety-regulation", "FAVOR", "alice"});
    p.keep_sorted();
    REQUIRE(validate_project(p).empty());
    return p;
}

inline std::string export_single(const Project& p, const std::string& format, ExportReport& report, ExportOptions opts = {})
{
    auto files = export_project(p, fmt(format), opts, report);
    REQUIRE(files.size() == 1);
    return files[0].bytes;
}

inline Project import_files(const std::string& format, const std::vector<InputFile>& files, ImportReport* report = nullptr,
                            ImportOptions opts = {})
{
    Project p;
    p.annotator = "importer";
    p.schema.entity_types.clear();
    p.schema.stance_targets.clear();
    ImportReport r = import_into(p, fmt(format), files, opts);
    if (report)
        *report = r;
    REQUIRE_MESSAGE(validate_project(p).empty(), diagnostics_text(validate_project(p)));
    return p;
}

inline InputFile file_input(const std::string& path) { return {path, read_file(path)}; }

inline bool contains(const std::vector<std::string>& v, const std::string& needle)
{
    for (const auto& s : v)
        if (s.find(needle) != std::string::npos)
            return true;
    return false;
}

// Compares with tests/golden/<rel>; POSTIL_UPDATE_GOLDEN=1 writes it instead.
inline void check_golden(const std::string& rel, const std::string& bytes)
{
    std::string path = source_path("tests/golden/" + rel);
    const char* update = std::getenv("POSTIL_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::filesystem::create_directories(std::filesystem::path(path).parent_path());
        std::ofstream(path, std::ios::binary) << bytes;
        return;
    }
    REQUIRE_MESSAGE(std::filesystem::exists(path), "missing golden file " << path << " (run with POSTIL_UPDATE_GOLDEN=1)");
    CHECK_MESSAGE(bytes == read_file(path), "output differs from " << path);
}

// Records what a streaming export hands over: files in order, and each chunk's size.
struct RecordingSink : ExportSink {
    std::vector<OutputFile> files;
    std::vector<size_t> chunk_sizes;
    void write(const std::string& file, std::string_view bytes) override
    {
        if (files.empty() || files.back().name != file)
            files.push_back({file, {}});
        files.back().bytes.append(bytes);
        chunk_sizes.push_back(bytes.size());
    }
};

// The streamed export of `format` must give the same files, same order, same bytes, as
// export_project returning strings, and the same report; a project of several MB of text must
// arrive in several chunks, none far above kExportChunk (one document's output at most more).
inline void check_stream_matches(const std::string& format)
{
    const Format& f = fmt(format);
    REQUIRE(f.stream_files);
    Project small = small_project();
    Project big = small_project();
    // ~3 MB of text: documents of ~25 KB each, so chunks are handed over between documents.
    std::string para;
    for (int k = 0; k < 200; ++k)
        para += "Le PDG d’Anthropic, Dario Amodei, a rencontré la Commission européenne à Bruxelles. ";
    for (int k = 0; k < 180; ++k)
        add_doc(big, "long" + std::to_string(k), para);
    for (const Project* p : {&small, &big}) {
        for (const char* scheme : {"iob2", "iob1", "bilou"}) {
            ExportOptions o;
            o.scheme = scheme;
            ExportReport whole_report, stream_report;
            std::vector<OutputFile> whole = export_project(*p, f, o, whole_report);
            RecordingSink sink;
            export_project(*p, f, o, stream_report, sink);
            REQUIRE(sink.files.size() == whole.size());
            for (size_t i = 0; i < whole.size(); ++i) {
                CHECK(sink.files[i].name == whole[i].name);
                CHECK(sink.files[i].bytes == whole[i].bytes);
            }
            CHECK(stream_report.losses == whole_report.losses);
            CHECK(stream_report.counts == whole_report.counts);
            CHECK(stream_report.offset_unit == whole_report.offset_unit);
            if (p == &big) {
                CHECK(sink.chunk_sizes.size() > whole.size() + 1);
                for (size_t n : sink.chunk_sizes)
                    CHECK(n < kExportChunk + 100000);
            }
        }
    }
}

} // namespace dataset_tests
