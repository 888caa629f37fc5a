// The conll format: CoNLL-2003 export in IOB1/IOB2/BILOU (golden files), what IOB cannot hold
// (nested mentions, boundaries inside tokens) reported or refused, and import of real CoNLL
// files from other projects (../shared/external), including the invalid one.
#include "dataset_fixtures.h"

#include "core/formats/iob.h"

#include <algorithm>

using namespace dataset_tests;

TEST_CASE("conll export: golden IOB2, IOB1, BILOU")
{
    Project p = small_project();
    for (const char* scheme : {"iob2", "iob1", "bilou"}) {
        ExportOptions o;
        o.scheme = scheme;
        ExportReport r;
        std::string out = export_single(p, "conll", r, o);
        check_golden(std::string("conll/small.") + scheme + ".conll", out);
        CHECK(out.rfind("-DOCSTART- -X- -X- O\n\n", 0) == 0);
        CHECK(r.offset_unit == "token");
    }
}

TEST_CASE("conll export: the lossy cases are reported")
{
    Project p = small_project();
    ExportReport r;
    std::string out = export_single(p, "conll", r);
    CHECK(contains(r.losses, "2 overlapping mentions dropped (outermost kept)"));
    CHECK(contains(r.losses, "1 mentions with a boundary inside a token snapped to whole tokens"));
    CHECK(contains(r.losses, "1 sentence breaks inside mentions ignored"));
    CHECK(contains(r.losses, "1 stances not exported"));
    CHECK(contains(r.losses, "4 document stances not exported"));
    // Outermost kept, inner dropped; the snapped mention covers the whole token.
    CHECK(out.find("Dario -X- _ B-PER\nAmodei -X- _ I-PER\n") != std::string::npos);
    CHECK(out.find("GPT‑4o -X- _ B-PRODUCT\n") != std::string::npos);
    CHECK(out.find("répond -X- _ B-MISC\n. -X- _ I-MISC\nLes -X- _ I-MISC\nÉtats-Unis -X- _ I-MISC\n") != std::string::npos);
    // NBSP is a separator, never inside a token; every line has 4 space-separated fields.
    CHECK(out.find("\xC2\xA0") == std::string::npos);
    for (std::string_view l : iob::split_lines(out)) {
        if (l.empty())
            continue;
        size_t spaces = 0;
        for (char c : l)
            spaces += c == ' ';
        CHECK_MESSAGE(spaces == 3, std::string(l));
    }
    CHECK(r.counts["mentions"] == 10); // 12 - 2 nested
}

TEST_CASE("conll export: --strict refuses, naming every changed mention")
{
    Project p = small_project();
    ExportOptions o;
    o.strict = true;
    ExportReport r;
    try {
        export_project(p, fmt("conll"), o, r);
        FAIL("strict export should refuse");
    } catch (const InputError& e) {
        std::string s = diagnostics_text(e.diagnostics);
        CHECK(s.find("document fr1: mention m3") != std::string::npos); // "Dario" inside "Dario Amodei"
        CHECK(s.find("overlaps mention m2") != std::string::npos);
        CHECK(s.find("boundary inside a token") != std::string::npos);
        CHECK(s.find("refused (--strict)") != std::string::npos);
    }
    // Without the lossy mentions, strict passes.
    Project clean = small_project();
    std::erase_if(clean.mentions, [](const Mention& m) { return m.id == "m3" || m.id == "m8" || m.id == "m10" || m.id == "m11"; });
    CHECK_NOTHROW(export_project(clean, fmt("conll"), o, r));
}

TEST_CASE("conll round trip: export, import, export gives the same file; surfaces survive")
{
    Project p = small_project();
    ExportReport r1, r2;
    std::string first = export_single(p, "conll", r1);
    ImportReport ir;
    Project back = import_files("conll", {{"small.conll", first}}, &ir);
    CHECK(back.documents.size() == 4);
    CHECK(back.mentions.size() == 10);
    std::string second = export_single(back, "conll", r2);
    CHECK(first == second);
    // Every imported mention's text is the original surface with tokens joined by one space.
    std::vector<std::string> surfaces;
    for (const Mention& m : back.mentions)
        surfaces.push_back(m.type + ":" + surface(back, m));
    CHECK(contains(surfaces, "PER:Dario Amodei"));
    CHECK(contains(surfaces, "GPE:Chine"));
    CHECK(contains(surfaces, "ORG:Commission européenne"));
    CHECK(contains(surfaces, "MISC:👨‍💻"));
    CHECK(contains(surfaces, "MISC:répond . Les États-Unis"));
    CHECK(back.documents[0].text->utf8().rfind("Le PDG d’ Anthropic , Dario Amodei ,", 0) == 0);
    // The imported documents keep their tokens: no re-tokenizing of "d’ Anthropic" on export.
    CHECK(back.documents[0].meta.at("tokenization") == "whitespace");
}

TEST_CASE("conll import: real files from other projects")
{
    struct Case {
        const char* path;
        size_t docs, mentions;
        const char* some; // "TYPE:surface" of one mention
    };
    const Case cases[] = {
        {"external/conll/dkpro-core/2003/en-orig.conll", 1, 3, "ORG:U.N."},                       // IOB1, 4 columns
        {"external/conll/dkpro-core/2002/ner2002_test.conll", 1, 4, "PER:Del Bosque"},            // 2 columns, spaces
        {"external/conll/dkpro-core/2002/germeval2014_test.conll", 1, 6, "OTH:Troia - Traum und Wirklichkeit"},
        {"external/conll/FARM/ner/train-sample.txt", 1, 4, "PER:Albrecht Lehmann"},               // 5 columns, IOB1
        {"external/conll/fastNLP/conll2003/dev.txt", 1, 5, "PER:Phil Simmons"},
        {"external/conll/fastNLP/weibo_NER/dev.conll", 1, 4, "GPE.NAM:新 乡"}, // character-level: tokens joined by spaces,
        {"external/conll/fastNLP/MSRA_NER/dev.conll", 1, 8, nullptr},
        {"external/conll/flair/column_corpus_options/eng.testa", 1, 0, nullptr},                  // header row, "Coca Cola"
        {"external/conll/flair/column_with_whitespaces/eng.testa", 1, 1, "LOC:French"},           // +/- column
        {"external/conll/flair/fashion_nodev/test.tsv", 1, 3, "ProductDesign:DIY dyeing"},
        {"external/conll/flair/ner_german_germeval/NER-de-dev.tsv", 1, 3, "ORG:Toyota"},
        {"external/conll/flair/trivial_bioes_with_boundaries/dev.txt", 2, 8, "LOC:New York"},    // bare -DOCSTART-
        {"external/conll/hf-datasets/wnut_17/emerging.dev.conll", 1, 7, "location:Redondo Beach Blvd"},
        {"external/conll/hf-datasets/wnut_17/wnut17train.conll", 1, 5, "location:Empire State Building"}, // lone TAB line
        {"external/doccano/data_import-tests/sequence_labeling/example.conll", 1, 2, "PER:Nadim Ladki"},
        {"external/doccano/data_import-tests/sequence_labeling/labeling.trailing.conll", 1, 2, "LOC:JAPAN"},
        {"external/doccano/data_import-examples/sequence_labeling/example.txt", 1, 4, "PER:Peter Blackburn"},
    };
    for (const Case& c : cases) {
        std::string path = c.path;
        CAPTURE(path);
        InputFile in = file_input(shared_path(c.path));
        CHECK(guess_format({in}) == &fmt("conll"));
        ImportReport r;
        Project p = import_files("conll", {in}, &r);
        CHECK(p.documents.size() == c.docs);
        CHECK(p.mentions.size() == c.mentions);
        if (c.some) {
            std::vector<std::string> s;
            for (const Mention& m : p.mentions)
                s.push_back(m.type + ":" + surface(p, m));
            CHECK_MESSAGE(contains(s, c.some), c.some);
        }
    }
}

TEST_CASE("conll import: layouts are reported")
{
    ImportReport r;
    Project p = import_files("conll", {file_input(shared_path("external/conll/dkpro-core/2002/germeval2014_test.conll"))}, &r);
    CHECK(contains(r.notes, "read as outer and nested NER layers"));
    CHECK(contains(r.notes, "1 mentions from the nested NER column"));
    CHECK(p.documents[0].meta.at("comments").find("Manfred_Korfmann") != std::string::npos);

    p = import_files("conll", {file_input(shared_path("external/conll/dkpro-core/2003/en-orig.conll"))}, &r);
    CHECK(contains(r.notes, "tags read as IOB1"));
    CHECK(contains(r.notes, "columns 2, 3 of 4"));

    p = import_files("conll", {file_input(shared_path("external/conll/flair/column_with_whitespaces/eng.testa"))}, &r);
    CHECK(p.documents[0].text->utf8() == "It is a French-speaking town.");
}

TEST_CASE("conll import: labeling.invalid.conll is refused at line 1, saying what was expected")
{
    InputFile in = file_input(shared_path("external/doccano/data_import-tests/sequence_labeling/labeling.invalid.conll"));
    Project p;
    try {
        import_into(p, fmt("conll"), {in}, {});
        FAIL("invalid file accepted");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        const Diagnostic& d = e.diagnostics[0];
        CHECK(d.line == 1);
        CHECK(d.file == in.name);
        CHECK(d.message == "expected 2 TAB-separated columns (TOKEN TAG) like the other lines, found 1: "
                           "'SOCCERO SOCCERO SOCCERO' has no TAB");
    }
    CHECK(p.documents.empty()); // nothing merged
    // --skip-bad: the bad line is listed, the rest imported.
    ImportOptions o;
    o.skip_bad = true;
    ImportReport r;
    Project q = import_files("conll", {in}, &r, o);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].line == 1);
    CHECK(q.mentions.size() == 5);
}

TEST_CASE("conll import: precise errors")
{
    auto error_of = [](const std::string& bytes) {
        Project p;
        try {
            import_into(p, fmt("conll"), {{"t.conll", bytes}}, {});
        } catch (const InputError& e) {
            return diagnostics_text(e.diagnostics);
        }
        return std::string("accepted");
    };
    CHECK(error_of("Paris\tB-LOC\nest\tX-Y\n") == "t.conll:2:5: expected a tag in column 2 (O, or B-/I-/E-/S-/L-/U- followed by a type), found 'X-Y'\n");
    CHECK(error_of("") == "t.conll: empty file: expected CoNLL lines 'TOKEN TAG'\n");
    CHECK(error_of("just\nwords\n").find("expected at least 2 columns") != std::string::npos);
    CHECK(error_of("a\tO\nb\tO\tO\nc\tO\n").find("t.conll:2: expected 2 TAB-separated columns") == 0);
    CHECK(error_of(std::string("caf\xC3") + "\tO\n").find("t.conll:1:4: invalid UTF-8") != std::string::npos);
    // '#' lines that are tokens stay tokens; others are comments.
    Project p = import_files("conll", {{"t.conll", "# comment here\n#\tO\nParis\tB-LOC\n"}});
    CHECK(p.documents[0].text->utf8() == "# Paris");
    CHECK(p.mentions.size() == 1);
}

TEST_CASE("iob decoder reads IOB1, IOB2 and BILOU alike")
{
    auto chunks = [](std::vector<std::string> tags) {
        std::vector<iob::ParsedTag> parsed;
        for (const auto& t : tags) {
            iob::ParsedTag pt;
            REQUIRE(iob::parse_tag(t, pt));
            parsed.push_back(pt);
        }
        iob::TagDecodeStats st;
        std::string s;
        for (const auto& c : iob::decode_tags(parsed, st))
            s += c.type + "[" + std::to_string(c.first) + "," + std::to_string(c.end) + ")";
        return s + " " + st.scheme();
    };
    CHECK(chunks({"B-PER", "I-PER", "O", "B-LOC"}) == "PER[0,2)LOC[3,4) IOB2");
    CHECK(chunks({"I-PER", "I-PER", "B-PER", "O", "I-LOC"}) == "PER[0,2)PER[2,3)LOC[4,5) IOB1");
    CHECK(chunks({"B-PER", "L-PER", "U-LOC", "S-ORG", "B-X", "I-X", "E-X"}) == "PER[0,2)LOC[2,3)ORG[3,4)X[4,7) BILOU/BIOES");
    CHECK(chunks({"I-PER", "I-LOC"}) == "PER[0,1)LOC[1,2) IOB1");
    iob::ParsedTag t;
    CHECK_FALSE(iob::parse_tag("B-", t));
    CHECK_FALSE(iob::parse_tag("PER", t));
    CHECK_FALSE(iob::parse_tag("b-PER", t));
    CHECK(iob::parse_tag("B_PER", t));
}

TEST_CASE("conll detect")
{
    CHECK(fmt("conll").detect({"x.conll", "-DOCSTART- -X- -X- O\n\nParis NNP B-NP B-LOC\n"}) >= 90);
    CHECK(fmt("conll").detect({"x.txt", "Le chat dort.\nIl fait beau.\n"}) == 0);
    CHECK(fmt("conll").detect({"x.jsonl", "{\"text\": \"a\"}\n"}) == 0);
}

TEST_CASE("conll/hf export: random texts and mentions always give files that import back")
{
    // Deterministic pseudo-random projects: texts from a pool of awkward pieces, mentions on
    // random (valid) ranges, so nested, crossing, whitespace-only and mid-token mentions all occur.
    const char* pieces[] = {"Paris", " ", "\u00A0", "\n", "\n\n", "l’", "État", "-", "Unis", ".", " « ", " » ", "🔴", "👨‍💻",
                            "翻译", "5,38", "€", "M.", "?!", "\t", "OpenAI", "d’", "Anthropic", "...", "x"};
    uint64_t state = 12345;
    auto rnd = [&](uint64_t n) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<uint32_t>((state >> 33) % n);
    };
    for (int round = 0; round < 40; ++round) {
        Project p;
        for (int d = 0; d < 3; ++d) {
            std::string text;
            int n = static_cast<int>(rnd(60));
            for (int k = 0; k < n; ++k)
                text += pieces[rnd(sizeof pieces / sizeof pieces[0])];
            add_doc(p, "d" + std::to_string(d), text);
            uint32_t size = static_cast<uint32_t>(p.documents.back().text->size());
            for (int k = 0; size > 0 && k < static_cast<int>(rnd(8)); ++k) {
                uint32_t a = rnd(size), b = a + 1 + rnd(std::min<uint32_t>(size - a, 12));
                const char* types[] = {"PER", "ORG", "LOC"};
                p.mentions.push_back({p.new_id("m"), "d" + std::to_string(d), a, std::min(b, size), types[rnd(3)], "", "", "x", {}});
            }
        }
        p.keep_sorted();
        REQUIRE(validate_project(p).empty());
        for (const char* scheme : {"iob1", "iob2", "bilou"}) {
            ExportOptions o;
            o.scheme = scheme;
            ExportReport r;
            std::string out = export_single(p, "conll", r, o);
            for (std::string_view l : iob::split_lines(out))
                if (!l.empty())
                    REQUIRE_MESSAGE(std::count(l.begin(), l.end(), ' ') == 3, std::string(l));
            Project back = import_files("conll", {{"r.conll", out}});
            CHECK(back.mentions.size() == r.counts["mentions"]);
            ExportReport r2;
            // Stable once imported, but for documents without tokens (nothing to import).
            std::string expected = out;
            const std::string empty_doc = "-DOCSTART- -X- -X- O\n\n";
            for (size_t at; (at = expected.find(empty_doc + empty_doc)) != std::string::npos;)
                expected.erase(at, empty_doc.size());
            if (expected.size() >= empty_doc.size() && expected.compare(expected.size() - empty_doc.size(), empty_doc.size(), empty_doc) == 0)
                expected.resize(expected.size() - empty_doc.size());
            CHECK(export_single(back, "conll", r2, o) == expected);
            ExportReport rh;
            auto files = export_project(p, fmt("hf"), o, rh);
            Project hb = import_files("hf", {{"data.jsonl", files[0].bytes}, {"labels.txt", files[1].bytes}});
            CHECK(hb.mentions.size() == rh.counts["mentions"]);
        }
    }
}

TEST_CASE("conll export streamed in chunks: same files and bytes as the whole-string export")
{
    check_stream_matches("conll");
}
