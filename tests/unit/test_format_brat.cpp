// brat standoff: the real files under ../shared/external/brat (each with what it must give),
// precise errors and --skip-bad, export golden files, round trips of the demo project and of
// the five corpus articles (mentions placed after astral emoji).
#include "format_test_helpers.h"

#include "core/demo.h"
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

using namespace postil;
using namespace postil::test;

namespace {

const Format& brat() { return *find_format("brat"); }

fs::path brat_dir() { return fs::path(POSTIL_SHARED_DIR) / "external" / "brat"; }

// The .ann and its .txt as input files.
std::vector<InputFile> pair_of(const std::string& rel)
{
    fs::path ann = brat_dir() / (rel + ".ann");
    fs::path txt = brat_dir() / (rel + ".txt");
    return {{ann.string(), read_file(ann.string())}, {txt.string(), read_file(txt.string())}};
}

struct Imported {
    Project p;
    ImportReport r;
};

Imported import_brat(const std::vector<InputFile>& files, bool skip_bad = false)
{
    Imported i;
    ImportOptions o;
    o.skip_bad = skip_bad;
    i.r = import_into(i.p, brat(), files, o);
    return i;
}

const Mention* mention_at(const Project& p, uint32_t start, uint32_t end)
{
    for (const auto& m : p.mentions)
        if (m.start == start && m.end == end)
            return &m;
    return nullptr;
}

} // namespace

// [SECTION] real files

TEST_CASE("brat: every real file imports, with a precise report of what was left out")
{
    struct Expect {
        const char* rel;
        size_t mentions, entities, stances;
        std::vector<const char*> notes; // substrings of ImportReport::notes, in order of appearance
    };
    const Expect expected[] = {
        {"dkpro-core/brat/document0a", 5, 0, 0, {"5 events (E) not imported: Postil has no events (their trigger spans are kept as mentions) (Token 5)"}},
        {"dkpro-core/brat/document0c", 4, 0, 0, {"1 discontinuous T split only at line breaks or spaces imported as one mention over the covering span in document0c.ann; e.g. document0c.ann:2 T2 '5 7;8 9'", "4 events (E)"}},
        {"dkpro-core/brat/document0d", 4, 0, 0, {"1 discontinuous T imported as one mention over the covering span (the text in the gaps is now inside the mention) in document0d.ann; e.g. document0d.ann:2 T2 '5 7;9 10' -> 5-10", "4 events (E)"}},
        {"dkpro-core/brat/document1", 4, 0, 0, {"1 events (E) not imported", "1 relations (R) not imported: only relations typed by a stance polarity (FAVOR/AGAINST/NEUTRAL) become stances (Origin 1)", "1 notes (#) on events not imported", "1 notes (#) on relations that are not stances not imported"}},
        {"dkpro-core/conll2012/en-ref", 203, 0, 0, {"126 events (E) not imported", "73 attributes (A) on events not imported"}},
        {"etude-engine/brat_reference/ibm", 3, 1, 0, {"1 equivalences (*) imported as canonical entities linking their mentions (Equiv 1) in ibm.ann"}},
        {"nlplab-brat/BioNLP-ST_2011_ID/PMC2593050-03-RESULTS-03", 32, 0, 0, {"7 events (E) not imported", "3 attributes (M) on events not imported (Negation 2, Speculation 1)"}},
        {"nlplab-brat/BioNLP-ST_2011_ID/PMC2639726-00-TIAB", 30, 1, 0, {"13 events (E) not imported", "1 equivalences (*) imported"}},
        {"nlplab-brat/CoNLL-ST_2002-esp/esp.train-doc-29", 13, 0, 0, {}},
        {"nlplab-brat/TDT/wn071", 74, 0, 0, {"72 relations (R) not imported", "74 '#' comments that are not AnnotatorNotes kept as a mention attribute named after their type"}},
        {"nlplab-brat/tutorials-news/000-introduction", 7, 1, 0, {"1 events (E) not imported", "2 relations (R) not imported", "1 attributes (A) on events not imported (Confidence 1)"}},
        {"nlplab-brat/tutorials-news/060-relation_annotation", 10, 1, 0, {"1 relations (R) not imported", "1 equivalences (*) imported as canonical entities linking their mentions (Alias 1)"}},
        {"nlplab-brat/tutorials-news/090-event_structures", 22, 0, 0, {"6 events (E) not imported: Postil has no events (their trigger spans are kept as mentions) (Report 4, Merge-org 2)"}},
        {"nlplab-brat/tutorials-news/100-attribute_annotation", 26, 0, 0, {"10 events (E) not imported", "5 attributes (A) on events not imported (Confidence 5)"}},
        {"nlplab-brat/tutorials-news/110-note_annotation", 14, 0, 0, {"2 events (E)", "2 relations (R)", "1 notes (#) on events not imported", "1 notes (#) on relations that are not stances not imported"}},
        {"nlplab-brat/tutorials-news/999-complete", 0, 0, 0, {}},
    };
    for (const auto& e : expected) {
        INFO(e.rel);
        Imported i = import_brat(pair_of(e.rel));
        CHECK(i.r.documents == 1);
        CHECK(i.r.mentions == e.mentions);
        CHECK(i.r.entities == e.entities);
        CHECK(i.r.stances == e.stances);
        CHECK(i.r.skipped.empty());
        CHECK(i.r.notes.size() == e.notes.size());
        std::string all = join(i.r.notes);
        for (const char* n : e.notes)
            CHECK_MESSAGE(all.find(n) != std::string::npos, "missing note: " << n << "\nnotes: " << all);
        CHECK(validate_project(i.p).empty());
        // Every mention's span lies in its text (the offsets are code points).
        for (const auto& m : i.p.mentions)
            CHECK(m.end <= i.p.document(m.doc_id)->text->size());
    }
}

TEST_CASE("brat: offsets are code points (accents, Finnish, line-crossing fragments)")
{
    Imported esp = import_brat(pair_of("nlplab-brat/CoNLL-ST_2002-esp/esp.train-doc-29"));
    const Mention* cela = mention_at(esp.p, 361, 397);
    REQUIRE(cela);
    CHECK(esp.p.documents[0].text->slice(cela->start, cela->end) == "Nobel de Literatura Camilo José Cela");
    CHECK(cela->type == "PER");

    Imported c = import_brat(pair_of("dkpro-core/brat/document0c"));
    const Mention* isa = mention_at(c.p, 5, 9);
    REQUIRE(isa);
    CHECK(c.p.documents[0].text->slice(5, 9) == "is\na");

    Imported tdt = import_brat(pair_of("nlplab-brat/TDT/wn071"));
    // '#4 Lemma T4 <space>tasa|valta': an attribute, spaces around trimmed, '|' kept.
    const Mention* t4 = mention_at(tdt.p, 25, 35);
    REQUIRE(t4);
    CHECK(t4->attributes.at("Lemma") == "tasa|valta");
    CHECK(t4->attributes.at("CASE") == "Gen");
    CHECK(t4->note.empty());
}

TEST_CASE("brat: notes, attributes, normalizations and equivalences")
{
    Imported i = import_brat(pair_of("nlplab-brat/tutorials-news/000-introduction"));
    const Mention* money = mention_at(i.p, 456, 468);
    REQUIRE(money);
    CHECK(money->note == "100000000 USD");
    const Mention* raul = mention_at(i.p, 473, 496);
    REQUIRE(raul);
    CHECK(raul->attributes.at("Mention") == "Name");
    CHECK(raul->attributes.at("Individual") == "true"); // binary attribute
    const Mention* pres = mention_at(i.p, 511, 535);
    REQUIRE(pres);
    REQUIRE(!pres->entity_id.empty());
    const Entity* e = i.p.entity(pres->entity_id);
    REQUIRE(e);
    CHECK(e->external_id == "Wikipedia:64488");
    CHECK(e->name == "Carlos Salinas de Gortari");
    CHECK(e->type == "Person");
    // The trigger of the event is kept as a mention of its event type.
    const Mention* moving = mention_at(i.p, 443, 449);
    REQUIRE(moving);
    CHECK(moving->type == "Transfer-money");

    Imported ibm = import_brat(pair_of("etude-engine/brat_reference/ibm"));
    REQUIRE(ibm.p.mentions.size() == 3);
    std::string ent = ibm.p.mentions[0].entity_id;
    CHECK(!ent.empty());
    for (const auto& m : ibm.p.mentions)
        CHECK(m.entity_id == ent);
    CHECK(ibm.p.entity(ent)->name == "International Business Machines Corporation");
    CHECK(ibm.p.entity(ent)->external_id.empty());
    CHECK(mention_at(ibm.p, 0, 43)->note == "this annotation is suspect");
}

TEST_CASE("brat: DKPro's document1-ref.ann has no .txt of its own")
{
    fs::path ann = brat_dir() / "dkpro-core/brat/document1-ref.ann";
    std::vector<InputFile> alone{{ann.string(), read_file(ann.string())}};
    Project p;
    try {
        import_into(p, brat(), alone, {});
        FAIL("expected an error");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        CHECK(e.diagnostics[0].file == ann.string());
        CHECK(e.diagnostics[0].message == "no matching text file: expected document1-ref.txt next to document1-ref.ann (brat offsets point into the .txt)");
    }
    CHECK(p.documents.empty());

    // Its text is document1.txt: given under the matching name it imports, long DKPro type
    // names, attribute values with spaces, source:/target: roles and no final newline included.
    std::string txt = read_file((brat_dir() / "dkpro-core/brat/document1.txt").string());
    Imported i = import_brat({{ann.string(), alone[0].bytes}, {"document1-ref.txt", txt}});
    CHECK(i.r.mentions == 4);
    const Mention* sony = mention_at(i.p, 0, 4);
    REQUIRE(sony);
    CHECK(sony->type == "de-tudarmstadt-ukp-dkpro-core-api-ner-type-Organization");
    CHECK(sony->attributes.at("de-tudarmstadt-ukp-dkpro-core-api-ner-type-Organization_value") == "This is a named entity.");
    std::string all = join(i.r.notes);
    CHECK(all.find("1 attribute values containing spaces (not standard brat) kept whole") != std::string::npos);
    CHECK(all.find("1 attributes (A) on events not imported") != std::string::npos);
    CHECK(all.find("1 relations (R) not imported: only relations typed by a stance polarity (FAVOR/AGAINST/NEUTRAL) become stances (de-tudarmstadt-ukp-dkpro-core-io-brat-type-AnnotationRelation 1)") != std::string::npos);
}

TEST_CASE("brat: problems_and_allergens.ann - a dangling reference and text fields that disagree")
{
    // A6 'Negated T40' names a T that the file never defines: by default nothing is imported.
    std::vector<InputFile> in = pair_of("etude-engine/brat_reference/problems_and_allergens");
    Project p;
    try {
        import_into(p, brat(), in, {});
        FAIL("expected an error");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 1);
        CHECK(e.diagnostics[0].line == 72);
        CHECK(e.diagnostics[0].column == 12);
        CHECK(e.diagnostics[0].message == "A6: target T40 is not defined in this file");
        CHECK(e.what().find("problems_and_allergens.ann:72:12: A6: target T40 is not defined in this file") != std::string::npos);
    }
    CHECK(p.documents.empty());

    // With skip_bad the rest imports; the masked text makes every T text field disagree.
    Imported i = import_brat(in, true);
    CHECK(i.r.mentions == 37);
    CHECK(i.r.skipped.size() == 1);
    CHECK(i.r.entities == 22); // one per distinct UMLS CUI of the N records
    std::string all = join(i.r.notes);
    CHECK(all.find("37 T records whose text field differs from the .txt at their offsets (offsets kept, text field ignored) in problems_and_allergens.ann; "
                   "e.g. problems_and_allergens.ann:1 T8 says 'Essential hypertension', the .txt has 'Zzzzzzzzz zzzzzzzzzzzz'") != std::string::npos);
    const Mention* t8 = mention_at(i.p, 3830, 3852);
    REQUIRE(t8);
    CHECK(i.p.entity(t8->entity_id)->external_id == "freePA3L:C0085580");
    CHECK(i.p.entity(t8->entity_id)->name == "essential hypertension");
    CHECK(t8->attributes.empty());
}

// [SECTION] errors

TEST_CASE("brat: bad records are all reported with line and column, or skipped with skip_bad")
{
    std::string txt = "Dario Amodei dirige Anthropic.\n";
    std::string ann =
        "T1\tPER 0 12\tDario Amodei\n"
        "T2\tORG 20 29\tAnthropic\n"
        "T3\tORG 20 99\tAnthropic\n"          // past the end of the text
        "T4\tORG twenty 29\tAnthropic\n"      // not a number
        "R1\tFAVOR Arg1:T1 Arg2:T2\n"
        "R2\tFAVOR Arg1:T1 Arg2:T9\n"         // T9 undefined
        "T2\tPER 0 5\tDario\n"                // duplicate id
        "X1\tfoo\n"                           // unknown record
        "A1\tNegated\n"                       // no target
        "N1\tReference T3 Wikidata:Q1\tx\n"   // refers to a bad record
        "#1\tAnnotatorNotes T1\tfounder\n";
    std::vector<InputFile> in{{"d/x.ann", ann}, {"d/x.txt", txt}};
    Project p;
    try {
        import_into(p, brat(), in, {});
        FAIL("expected an error");
    } catch (const InputError& e) {
        std::vector<std::string> got;
        for (const auto& d : e.diagnostics)
            got.push_back(d.to_string());
        std::vector<std::string> want = {
            "d/x.ann:4:8: expected offsets 'START END' (or 'START END;START END' for fragments), found 'twenty 29'",
            "d/x.ann:8:1: unknown record id 'X1': expected an id starting with T, R, E, A, M, N, # or *",
            "d/x.ann:9:11: expected 'NAME TARGET [VALUE]' after the TAB",
            "d/x.ann:3:8: T3: fragment 20-99 ends after the text (31 code points in x.txt)",
            "d/x.ann:7:1: duplicate id T2 (first defined on line 2)",
            "d/x.ann:6:18: R2: argument T9 is not defined in this file",
            "d/x.ann:10:14: N1: target T3 (line 3) is not valid",
        };
        CHECK_MESSAGE(got == want, join(got));
    }
    CHECK(p.documents.empty());

    Imported i = import_brat(in, true);
    CHECK(i.r.skipped.size() == 7);
    CHECK(i.r.mentions == 2);
    CHECK(i.r.stances == 1);
    CHECK(i.p.stances[0].polarity == "FAVOR");
    CHECK(mention_at(i.p, 0, 12)->note == "founder");
}

TEST_CASE("brat: pairing, CRLF texts, empty and odd inputs")
{
    // An annotation file alone, a file of another kind.
    Project p;
    try {
        import_into(p, brat(), {{"a.ann", "T1\tPER 0 1\tx\n"}, {"notes.md", "x"}}, {});
        FAIL("expected an error");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics.size() == 2);
        CHECK(e.diagnostics[0].to_string() == "notes.md: not a brat file: expected a .txt (text) or .ann (annotations) file name");
        CHECK(e.diagnostics[1].to_string() == "a.ann: no matching text file: expected a.txt next to a.ann (brat offsets point into the .txt)");
    }
    // Pairing by path first: two folders with the same file names.
    Imported two = import_brat({{"x/d.ann", "T1\tPER 0 3\tAnn\n"}, {"y/d.ann", "T1\tORG 0 3\tBob\n"},
                                {"y/d.txt", "Bob\n"}, {"x/d.txt", "Ann\n"}});
    REQUIRE(two.p.documents.size() == 2);
    CHECK(two.p.documents[0].text->utf8() == "Bob\n");
    CHECK(two.p.documents[0].id == "d");
    CHECK(two.p.documents[1].id == "d-2");
    CHECK(two.p.mentions.size() == 2);
    CHECK(two.r.notes.empty());

    // brat counts the CR of CRLF (and a BOM); Postil drops them: offsets are mapped.
    Imported crlf = import_brat({{"c.txt", "\xEF\xBB\xBFOne\r\nTwo three\r\n"}, {"c.ann", "T1\tNUM 6 9\tTwo\nT2\tNUM 10 15\tthree\n"}});
    REQUIRE(crlf.p.mentions.size() == 2);
    CHECK(crlf.p.documents[0].text->slice(crlf.p.mentions[0].start, crlf.p.mentions[0].end) == "Two");
    CHECK(crlf.p.documents[0].text->slice(crlf.p.mentions[1].start, crlf.p.mentions[1].end) == "three");
    CHECK(join(crlf.r.notes).find("CRLF line ends or a BOM") != std::string::npos);

    // Empty .ann, missing .ann, no final newline, trailing TABs and spaces, records out of order.
    Imported odd = import_brat({{"e.txt", "Alpha Beta"}, {"e.ann", ""}, {"f.txt", "Gamma Delta"},
                                {"g.txt", "Ann likes Bob"},
                                {"g.ann", "R1\tFAVOR Arg1:T1 Arg2:T2\t\nT2\tPER 10 13\tBob\nT1\tPER 0 3\tAnn \t"}});
    CHECK(odd.p.documents.size() == 3);
    CHECK(odd.p.stances.size() == 1);
    CHECK(join(odd.r.notes).find("1 .txt files without a .ann imported as documents without annotations in f.txt") != std::string::npos);
    // "Ann \t" differs from "Ann" only by the text field's trailing space: reported, offsets kept.
    CHECK(join(odd.r.notes).find("g.ann:3 T1 says 'Ann \t'") != std::string::npos);
}

TEST_CASE("brat: detection")
{
    CHECK(brat().detect({"x.ann", ""}) >= 90);
    CHECK(brat().detect({"-", "T1\tPER 0 5\tHello\n"}) >= 50);
    CHECK(brat().detect({"x.txt", "T1\tPER 0 5\tHello\n"}) == 0);
    CHECK(brat().detect({"x.json", "{\"a\": 1}"}) == 0);
    CHECK(guess_format({{"doc.ann", "T1\tPER 0 5\tHello\n"}, {"doc.txt", "Hello"}}) == &brat());
}

// [SECTION] export

TEST_CASE("brat: demo project export matches the golden files")
{
    ExportReport r;
    auto files = export_project(make_demo_project(), brat(), {}, r);
    check_golden(files, "brat");
    CHECK(r.offset_unit == "codepoint");
    CHECK(r.counts["mentions"] == 14);
    CHECK(r.counts["stances"] == 1);
    CHECK(r.counts["doc_stances"] == 1);
    CHECK(r.counts["normalizations"] == 2);
    std::vector<std::string> losses = {
        "3 document names not written (files are named after document ids)",
        "1 documents whose status or metadata is not written (brat keeps only the text)",
        "1 stance evidence spans not written (a brat relation has no span); e.g. s1",
        "15 annotator names not written (brat has no per-annotation annotator)",
    };
    CHECK(r.losses == losses);

    ExportOptions strict;
    strict.strict = true;
    CHECK_THROWS_AS(export_project(make_demo_project(), brat(), strict, r), InputError);
}

TEST_CASE("brat: demo project round trip")
{
    Project demo = make_demo_project();
    ExportReport er;
    auto files = export_project(demo, brat(), {}, er);
    Project back;
    back.annotator = "demo";
    ImportOptions o;
    o.annotator = "demo";
    ImportReport r = import_into(back, brat(), as_inputs(files), o);
    CHECK(r.notes == std::vector<std::string>{"1 brat configuration files not read (types are taken from the .ann files) in annotation.conf"});
    CHECK(validate_project(back).empty());
    CHECK(mention_keys(back) == mention_keys(demo));
    // Evidence is the one thing brat relations cannot carry (reported in losses above).
    Project no_evidence = demo;
    for (auto& s : no_evidence.stances)
        s.evidence.reset();
    CHECK(stance_keys(back) == stance_keys(no_evidence));
    CHECK(doc_stance_keys(back) == doc_stance_keys(demo));
    for (const auto& d : demo.documents)
        CHECK(back.document(d.id)->text->utf8() == d.text->utf8());
}

TEST_CASE("brat: corpus articles round trip, mentions after astral emoji included")
{
    Project p = corpus_project();
    ExportReport er;
    auto files = export_project(p, brat(), {}, er);
    // Offsets in the .ann are code points: the mentions right after 🔴 in article 001.
    const Document& d001 = p.documents[1];
    REQUIRE(d001.text->at(5931) == U'\U0001F534');
    const Mention* after = nullptr;
    for (const auto& m : p.mentions)
        if (m.doc_id == d001.id && m.start > 5931 && (!after || m.start < after->start))
            after = &m;
    REQUIRE(after);
    CHECK(after->start == 5933); // "Pour", after the emoji and a space
    bool found = false;
    for (const auto& f : files)
        if (f.name == d001.id + ".ann")
            found = f.bytes.find("\tORG 5933 " + std::to_string(after->end) + "\t") != std::string::npos;
    CHECK(found);

    Project back;
    ImportOptions o;
    o.annotator = "tester";
    back.annotator = "tester";
    import_into(back, brat(), as_inputs(files), o);
    CHECK(validate_project(back).empty());
    CHECK(mention_keys(back) == mention_keys(p));
    CHECK(stance_keys(back) == stance_keys(p));
    CHECK(doc_stance_keys(back) == doc_stance_keys(p));
    // Entities come back with their external ids, or their own ids when they had none.
    for (const auto& e : p.entities) {
        const Entity* b = back.entity(e.id);
        if (e.external_id.empty()) {
            REQUIRE(b);
            CHECK(b->name == e.name);
        }
    }
}

TEST_CASE("brat: awkward projects export with every loss named, and read back")
{
    Project p;
    p.annotator = "";
    Document d;
    d.id = "a/b";
    d.name = "a/b.txt";
    d.text = std::make_shared<const Text>(Text::from_normalized("Ann Lee\nlikes Bob.\n"));
    p.documents.push_back(d);
    auto mention = [&](const std::string& id, uint32_t s, uint32_t e, const std::string& type) {
        Mention m;
        m.id = id;
        m.doc_id = "a/b";
        m.start = s;
        m.end = e;
        m.type = type;
        p.mentions.push_back(m);
        return &p.mentions.back();
    };
    mention("m1", 0, 13, "Full name");          // crosses the line break; type with a space
    mention("m2", 14, 17, "PER")->entity_id = "e1";
    p.mentions.back().attributes["mood"] = "very happy";
    p.mentions.back().note = "two\nlines";
    p.entities = {{"e1", "Bob", "PER", "", "", ""}, {"e2", "Nobody", "PER", "", "", ""}};
    p.schema.entity_types.push_back({"Full name", "Full name", 0, ""});
    Stance s;
    s.id = "s1";
    s.doc_id = "a/b";
    s.holder = {StanceRef::Kind::Mention, "m1"};
    s.target = {StanceRef::Kind::Entity, "e1"};
    s.polarity = "AGAINST";
    s.confidence = 0.5;
    p.stances.push_back(s);
    s.id = "s2";
    s.target = {StanceRef::Kind::Target, "ai-safety-regulation"};
    p.stances.push_back(s);
    s.id = "s3"; // the same holder and target again: one attribute per mention and target
    p.stances.push_back(s);
    p.keep_sorted();

    ExportReport r;
    auto files = export_project(p, brat(), {}, r);
    REQUIRE(files.size() == 3);
    CHECK(files[1].name == "a_b.txt");
    CHECK(files[2].name == "a_b.ann");
    CHECK(files[2].bytes ==
          "T1\tFull_name 0 7;8 13\tAnn Lee likes\n"
          "T2\tPER 14 17\tBob\n"
          "R1\tAGAINST Arg1:T1 Arg2:T2\n"
          "A1\tmood T2 very_happy\n"
          "A2\tStance_ai-safety-regulation T1 AGAINST\n"
          "N1\tReference T2 Postil:e1\tBob\n"
          "#1\tAnnotatorNotes T2\ttwo lines\n");
    std::vector<std::string> losses = {
        "1 document ids changed to make file names (import gives the file name back as the id); e.g. a/b -> a_b",
        "1 document names not written (files are named after document ids)",
        "1 entity types renamed for brat (no spaces or : ; | , =) (Full name 1); e.g. Full name -> Full_name",
        "1 attribute values with spaces written with '_' instead (brat values are one word); e.g. mood='very happy'",
        "1 notes with line breaks or TABs written on one line",
        "1 stance confidences not written; e.g. s1",
        "1 stances on entities written between the entities' first mentions in the document (they read back as mention stances); e.g. s1",
        "1 notes, evidence spans or confidences of stances toward schema targets not written (brat attributes hold one value); e.g. s2",
        "1 stances toward a target already given by the same holder mention not written (one attribute per mention and target); e.g. s3",
        "1 entities with no mention in the exported documents not written; e.g. e2",
    };
    CHECK_MESSAGE(r.losses == losses, join(r.losses));
    CHECK(files[0].bytes.find("Full_name\n") != std::string::npos);
    CHECK(files[0].bytes.find("mood\tArg:<ENTITY>, Value:very_happy\n") != std::string::npos);

    Imported back = import_brat(as_inputs(files));
    CHECK(validate_project(back.p).empty());
    REQUIRE(back.p.mentions.size() == 2);
    CHECK(back.p.mentions[0].start == 0);
    CHECK(back.p.mentions[0].end == 13); // the fragments come back as the covering span
    CHECK(back.p.mentions[1].entity_id == "e1");
    CHECK(back.p.entity("e1")->name == "Bob");
    CHECK(back.p.stances.size() == 2);
}
