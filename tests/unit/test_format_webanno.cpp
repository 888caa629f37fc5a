// WebAnno TSV 3.3: the real files under ../shared/external/webanno-tsv (each with what it must
// give), UTF-16 offsets, precise errors and --skip-bad, export golden files, round trips of the
// demo project and of the five corpus articles (mentions placed after astral emoji).
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

const Format& tsv() { return *find_format("webanno"); }

fs::path tsv_dir() { return fs::path(POSTIL_SHARED_DIR) / "external" / "webanno-tsv" / "inception"; }

InputFile tsv_file(const std::string& rel)
{
    fs::path p = tsv_dir() / rel;
    return {p.string(), read_file(p.string())};
}

struct Imported {
    Project p;
    ImportReport r;
};

Imported import_tsv(const std::vector<InputFile>& files, bool skip_bad = false)
{
    Imported i;
    ImportOptions o;
    o.skip_bad = skip_bad;
    i.r = import_into(i.p, tsv(), files, o);
    return i;
}

std::vector<std::string> mention_list(const Project& p)
{
    std::vector<std::string> out;
    for (const auto& m : p.mentions)
        out.push_back(m.type + " " + std::to_string(m.start) + "-" + std::to_string(m.end) + " " +
                      std::string(p.document(m.doc_id)->text->slice(m.start, m.end)));
    return out;
}

std::vector<std::string> import_errors(const std::string& bytes)
{
    Project p;
    try {
        import_into(p, tsv(), {{"bad.tsv", bytes}}, {});
    } catch (const InputError& e) {
        std::vector<std::string> out;
        for (const auto& d : e.diagnostics)
            out.push_back(d.to_string());
        return out;
    }
    return {};
}

const char* kHeader = "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n\n\n";

} // namespace

// [SECTION] real files

TEST_CASE("webanno: every real file imports, with a precise report of what was left out")
{
    struct Expect {
        const char* rel;
        size_t mentions;
        std::vector<const char*> notes;
    };
    const Expect expected[] = {
        {"relationLabelTest/user1.tsv", 0, {"26 annotations of span layer POS not imported (only NamedEntity spans become mentions) in user1.tsv",
                                            "26 annotations of span layer Lemma not imported",
                                            "26 relations of layer Dependency not imported (only relation layers over NamedEntity with a polarity feature become stances) in user1.tsv"}},
        {"tsv3/coref.tsv", 74, {"4993 annotations of span layer Lemma not imported", "651 links of chain layer CoreferenceLink (89 chains) not imported (Postil has no coreference chains) in coref.tsv"}},
        {"tsv3/example2.tsv", 9, {"86 annotations of span layer POS not imported", "86 relations of layer Dependency not imported"}},
        {"tsv3-suite/testAnnotationWithLeadingWhitespace/reference.tsv", 1, {"1 NamedEntity spans without a value imported with type 'NamedEntity' in reference.tsv; e.g. reference.tsv:7"}},
        {"tsv3-suite/testCrossSentenceSpanWithFeatureValue/reference.tsv", 0, {"1 annotations of span layer Span not imported"}},
        {"tsv3-suite/testDependencyWithValues/reference.tsv", 0, {"2 annotations of span layer POS not imported", "1 relations of layer Dependency not imported"}},
        {"tsv3-suite/testMultiTokenSpanWithFeatureValue/reference.tsv", 0, {"1 annotations of span layer Span not imported"}},
        {"tsv3-suite/testMultiTokenStackedSpanWithFeatureValue/reference.tsv", 0, {"2 annotations of span layer Span not imported"}},
        {"tsv3-suite/testSentenceWithEmoji/reference.tsv", 0, {"1 annotations of span layer Span not imported"}},
        {"tsv3-suite/testSentenceWithLineBreak/reference.tsv", 0, {"1 annotations of span layer Span not imported"}},
        {"tsv3-suite/testSentenceWithTab/reference.tsv", 0, {"1 annotations of span layer Span not imported"}},
        {"tsv3-suite/testSimpleChain/reference.tsv", 0, {"3 links of chain layer SimpleLink (1 chains) not imported"}},
        {"tsv3-suite/testSimpleSlotFeature/reference.tsv", 0, {"2 annotations of span layer SimpleSpan not imported", "1 annotations of span layer SimpleLinkHost not imported"}},
        {"tsv3-suite/testSingleNonMultiTokenRelationWithMultipleFeatureValues/reference.tsv", 0, {"2 annotations of span layer Span not imported", "1 relations of layer ComplexRelation not imported"}},
        {"tsv3-suite/testSingleTokenRelationWithFeatureValue/reference.tsv", 0, {"1 relations of layer Relation not imported"}},
        {"tsv3-suite/testSubMultiTokenSpanWithFeatureValue/reference.tsv", 0, {"12 annotations of span layer Span not imported"}},
        {"tsv3-suite/testTokenBoundedBioLookAlike/reference.tsv", 0, {"5 annotations of span layer Span not imported"}},
        {"tsv3-suite/testTokenBoundedSpanWithNastyFeatureValue/reference.tsv", 0, {"5 annotations of span layer Span not imported"}},
        {"tsv3-suite/testTokenBoundedSpanWithSpecialSymbolsValue/reference.tsv", 0, {"5 annotations of span layer Span not imported"}},
        {"tsv3-suite/testTwoSentencesWithNoSpaceInBetween/reference.tsv", 0, {}},
        {"tsv3-suite/testZeroLengthSpansWithFeatureValues/reference.tsv", 0, {"2 annotations of span layer Span not imported"}},
    };
    size_t seen = 0;
    for (const auto& e : fs::recursive_directory_iterator(tsv_dir().parent_path()))
        seen += e.path().extension() == ".tsv";
    CHECK(seen == sizeof expected / sizeof expected[0]);
    for (const auto& e : expected) {
        INFO(e.rel);
        Imported i = import_tsv({tsv_file(e.rel)});
        CHECK(i.r.documents == 1);
        CHECK(i.r.mentions == e.mentions);
        CHECK(i.r.stances == 0);
        CHECK(i.r.skipped.empty());
        CHECK(i.r.notes.size() == e.notes.size());
        std::string all = join(i.r.notes);
        for (const char* n : e.notes)
            CHECK_MESSAGE(all.find(n) != std::string::npos, "missing note: " << n << "\nnotes: " << all);
        CHECK(validate_project(i.p).empty());
    }
}

TEST_CASE("webanno: the text is rebuilt from #Text lines like INCEpTION does")
{
    auto text_of = [](const std::string& rel) { return import_tsv({tsv_file(rel)}).p.documents.at(0).text->utf8(); };
    CHECK(text_of("tsv3-suite/testSentenceWithEmoji/reference.tsv") == "I like it \xF0\x9F\x98\x8A .\n");
    CHECK(text_of("tsv3-suite/testSentenceWithLineBreak/reference.tsv") == "This is\na test .\n");
    CHECK(text_of("tsv3-suite/testSentenceWithTab/reference.tsv") == "This is\ta test .\n");
    CHECK(text_of("tsv3-suite/testTwoSentencesWithNoSpaceInBetween/reference.tsv") == "onetwo\n");
    CHECK(text_of("tsv3-suite/testAnnotationWithLeadingWhitespace/reference.tsv") == "one  two\n");
    Imported coref = import_tsv({tsv_file("tsv3/coref.tsv")});
    const Text& t = *coref.p.documents[0].text;
    std::string start = "_ Verhaftung \xE2\x80\x93\n_ Gespr\xC3\xA4" "ch mit Frau Grubach \xE2\x80\x93\n";
    CHECK(t.utf8().substr(0, start.size()) == start);
    CHECK(t.utf16_size() == 26569); // the last token ends at 26568, then the final line break
    std::vector<std::string> got = mention_list(coref.p);
    CHECK(got[0] == "PER 35-42 Grubach");
    CHECK(got[1] == "PER 63-71 B\xC3\xBCrstner");
    CHECK(got[2] == "PER 87-95 Josef K.");
}

TEST_CASE("webanno: multi-token ids, stacking and the identifier feature")
{
    Imported i = import_tsv({tsv_file("tsv3/example2.tsv")});
    std::vector<std::string> want = {
        "PER 0-8 Ms. Haag", "OTH 15-22 Elianti", "ORG 25-42 Rolls-Royce Motor", "LOC 73-77 U.S.", "LOC 186-190 U.S.",
        "ORG 191-211 BELL INDUSTRIES Inc.", "PER 191-195 BELL", "ORG 347-351 Bell", "LOC 363-374 Los Angeles",
    };
    CHECK(mention_list(i.p) == want);
    CHECK(i.r.new_labels == std::vector<std::string>{"OTH"});

    // identifier: the same value links mentions to one entity (across files); postil:<id>
    // gives the entity that id back.
    std::string a = std::string(kHeader).replace(std::string(kHeader).find("|value"), 6, "|identifier|value") +
                    "#Text=Ann met Bob and Ann .\n"
                    "1-1\t0-3\tAnn\twikidata:Q1\tPER\t\n1-2\t4-7\tmet\t_\t_\t\n1-3\t8-11\tBob\tpostil:e7\tPER\t\n"
                    "1-4\t12-15\tand\t_\t_\t\n1-5\t16-19\tAnn\twikidata:Q1\tPER\t\n1-6\t20-21\t.\t_\t_\t\n";
    Imported l = import_tsv({{"a.tsv", a}});
    REQUIRE(l.p.mentions.size() == 3);
    CHECK(l.p.mentions[0].entity_id == l.p.mentions[2].entity_id);
    CHECK(l.p.entity(l.p.mentions[0].entity_id)->external_id == "wikidata:Q1");
    CHECK(l.p.entity(l.p.mentions[0].entity_id)->name == "Ann");
    CHECK(l.p.mentions[1].entity_id == "e7");
    CHECK(l.p.entity("e7")->external_id.empty());
}

TEST_CASE("webanno: UTF-16 offsets are converted (astral emoji)")
{
    // The emoji is one code point but two UTF-16 units: 10-12 in the file, 10-11 in Postil.
    std::string s = tsv_file("tsv3-suite/testSentenceWithEmoji/reference.tsv").bytes;
    s.replace(s.find("webanno.custom.Span"), 19, "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity");
    s.replace(s.find("1-5\t13-14\t.\t_"), 13, "1-5\t13-14\t.\tPUNCT");
    Imported i = import_tsv({{"emoji.tsv", s}});
    std::vector<std::string> want = {"NamedEntity 10-11 \xF0\x9F\x98\x8A", "PUNCT 12-13 ."};
    CHECK(mention_list(i.p) == want);
}

TEST_CASE("webanno: stance relations are read from a relation layer over NamedEntity")
{
    std::string s =
        "#FORMAT=WebAnno TSV 3.3\n"
        "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n"
        "#T_RL=webanno.custom.Position|Polarity|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\n\n\n"
        "#Text=Dario Amodei backs export controls , Liang doubts them .\n"
        "1-1\t0-5\tDario\tPER[1]\t_\t_\t\n"
        "1-2\t6-12\tAmodei\tPER[1]\t_\t_\t\n"
        "1-3\t13-18\tbacks\t_\t_\t_\t\n"
        "1-4\t19-25\texport\tPOLICY[2]\tfavor|PRO\t1-1[1_2]|1-1[1_2]\t\n"
        "1-5\t26-34\tcontrols\tPOLICY[2]\t_\t_\t\n"
        "1-6\t35-36\t,\t_\t_\t_\t\n"
        "1-7\t37-42\tLiang\tPER\t*\t1-4[0_2]\t\n"
        "1-8\t43-49\tdoubts\t_\t_\t_\t\n"
        "1-9\t50-54\tthem\t_\t_\t_\t\n"
        "1-10\t55-56\t.\t_\t_\t_\t\n";
    Imported i = import_tsv({{"rel.tsv", s}});
    REQUIRE(i.p.stances.size() == 2);
    std::vector<std::string> keys = stance_keys(i.p, false);
    std::vector<std::string> want = {"rel m:0-12:PER -> m:19-34:POLICY FAVOR by:anonymous",
                                     "rel m:0-12:PER -> m:19-34:POLICY PRO by:anonymous"};
    CHECK(keys == want);
    std::string all = join(i.r.notes);
    CHECK(all.find("1 polarities added to the schema in rel.tsv; e.g. PRO") != std::string::npos);
    CHECK(all.find("1 stance relations without a polarity value not imported in rel.tsv; e.g. rel.tsv:13") != std::string::npos);
}

// [SECTION] errors

TEST_CASE("webanno: bad input is reported with line, column and what was expected")
{
    CHECK(import_errors("hello\n") ==
          std::vector<std::string>{"bad.tsv:1:1: expected '#FORMAT=WebAnno TSV 3.3' on the first line, found 'hello'"});
    CHECK(import_errors("#FORMAT=WebAnno TSV 3.3\n#T_RL=x.Rel|value\n\n\n") ==
          std::vector<std::string>{"bad.tsv:2:1: relation layer x.Rel has no BT_<base type> column"});
    CHECK(import_errors("#FORMAT=WebAnno TSV 3.3\n#T_XY=x.Y|value\n\n\n") ==
          std::vector<std::string>{"bad.tsv:2:1: expected a layer declaration (#T_SP=, #T_RL= or #T_CH=) or a blank line, found '#T_XY=x.Y|value'"});
    std::string body = std::string(kHeader) +
                       "#Text=A b \xF0\x9F\x98\x8A c\n"
                       "1-1\t0-1\tA\tPER\t\n"
                       "1-2\t2-3\tb\n"                      // too few fields
                       "1-x\t2-3\tb\t_\t\n"                 // bad id
                       "1-3\t5-4\t\xF0\x9F\x98\x8A\t_\t\n"  // end before begin
                       "1-4\t5-6\t?\tORG\t\n"               // inside the surrogate pair
                       "1-5\t8-99\tc\t_\t\n"                // outside the sentence
                       "\n"
                       "1-6\t9-10\tc\t_\t\n";               // no #Text before
    std::vector<std::string> want = {
        "bad.tsv:7:10: expected 4 TAB-separated fields (id, offsets, token and 1 layer column(s)), found 3",
        "bad.tsv:8:1: expected a token id 'SENTENCE-TOKEN' (e.g. 1-3, or 1-3.1 for a sub-token), found '1-x'",
        "bad.tsv:9:5: expected offsets 'BEGIN-END' (UTF-16 code units, BEGIN <= END), found '5-4'",
        "bad.tsv:11:5: offsets 8-99 are outside their sentence (0-8 in UTF-16 units of the #Text lines)",
        "bad.tsv:13:1: expected a '#Text=' sentence line before token rows",
        "bad.tsv:10:5: offsets 5-6 fall inside a character outside the BMP (they must count UTF-16 code units)",
    };
    CHECK(import_errors(body) == want);

    // skip_bad: the good rows import, the bad ones are listed.
    Imported i = import_tsv({{"bad.tsv", body}}, true);
    CHECK(i.r.skipped.size() == want.size());
    CHECK(mention_list(i.p) == std::vector<std::string>{"PER 0-1 A"});

    // Sentences must not go back in the text; an unfinished sentence is an error too.
    CHECK(import_errors(std::string(kHeader) + "#Text=abc\n1-1\t0-3\tabc\t_\t\n\n#Text=d\n2-1\t1-2\td\t_\t\n\n#Text=e\n") ==
          std::vector<std::string>{
              "bad.tsv:9:5: sentence starts at offset 1 but the text before it already has 4 UTF-16 units (offsets must grow from sentence to sentence)",
              "bad.tsv:11:1: the last #Text sentence has no token rows"});
}

TEST_CASE("webanno: detection")
{
    CHECK(tsv().detect({"x.tsv", "#FORMAT=WebAnno TSV 3.3\n"}) == 100);
    CHECK(tsv().detect({"-", "#FORMAT=WebAnno TSV 3.2\n"}) == 100);
    CHECK(tsv().detect({"x.tsv", "a\tb\n"}) < 30);
    CHECK(guess_format({tsv_file("tsv3/coref.tsv")}) == &tsv());
}

// [SECTION] export

TEST_CASE("webanno: demo project export matches the golden files")
{
    ExportReport r;
    auto files = export_project(make_demo_project(), tsv(), {}, r);
    check_golden(files, "webanno");
    CHECK(r.offset_unit == "utf16");
    CHECK(r.counts["mentions"] == 14);
    CHECK(r.counts["stances"] == 1);
    std::vector<std::string> losses = {
        "4 stretches of whitespace between sentences (or at the end of a text) that are not line breaks: TSV does not store them, "
        "they read back as line breaks in demo-1.tsv (2), demo-2.tsv (1), demo-3.tsv (1)",
        "1 stance evidence spans not written; e.g. s1",
        "1 document-level stances not written (TSV has no document-level layer); e.g. ds1",
        "1 entity names and notes not written (only the identifier is; names read back from the first mention)",
        "1 annotator names not written (one TSV file is one annotator's work)",
        "1 document names, status and metadata not written",
    };
    CHECK(r.losses == losses);
    // The emoji at the end of demo-1 takes two UTF-16 units.
    CHECK(files[0].bytes.find("5-17\t527-529\t\xF0\x9F\x94\xB4\t") != std::string::npos);
    // Only files with stances declare the Stance layer (a stock INCEpTION project reads the others).
    CHECK(files[0].bytes.find("#T_RL=webanno.custom.Stance|polarity|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\n") != std::string::npos);
    CHECK(files[1].bytes.find("#T_RL") == std::string::npos);
}

TEST_CASE("webanno: mentions off token boundaries are widened and reported")
{
    Project p = make_demo_project();
    p.mentions[0].end -= 2; // "département du Comme"
    ExportReport r;
    auto files = export_project(p, tsv(), {}, r);
    CHECK(join(r.losses).find("1 mentions not on token boundaries widened to whole tokens; e.g. m3 'département du Commer' -> 'département du Commerce'") !=
          std::string::npos);
}

TEST_CASE("webanno: demo project round trip")
{
    Project demo = make_demo_project();
    ExportReport er;
    auto files = export_project(demo, tsv(), {}, er);
    Project back;
    ImportOptions o;
    o.annotator = "demo";
    ImportReport r = import_into(back, tsv(), as_inputs(files), o);
    CHECK(r.notes.empty());
    CHECK(validate_project(back).empty());
    CHECK(mention_keys(back) == mention_keys(demo));
    Project expect = demo;
    for (auto& s : expect.stances)
        s.evidence.reset();
    CHECK(stance_keys(back) == stance_keys(expect));
    // Same length in code points and UTF-16; only whitespace between sentences may differ.
    for (const auto& d : demo.documents) {
        const Text& a = *d.text;
        const Text& b = *back.document(d.id)->text;
        REQUIRE(a.size() == b.size());
        CHECK(a.utf16_size() == b.utf16_size());
        for (size_t c = 0; c < a.size(); ++c)
            if (a.at(c) != b.at(c))
                CHECK(b.at(c) == U'\n');
    }
}

TEST_CASE("webanno: corpus articles round trip, mentions after astral emoji included")
{
    Project p = corpus_project();
    ExportReport er;
    auto files = export_project(p, tsv(), {}, er);
    std::string losses = join(er.losses);
    CHECK(losses.find("5 stances toward schema targets not written (TSV relations join two spans)") != std::string::npos);
    CHECK(losses.find("5 document-level stances not written") != std::string::npos);
    CHECK(losses.find("widened") == std::string::npos);

    Project back;
    ImportOptions o;
    o.annotator = "tester";
    import_into(back, tsv(), as_inputs(files), o);
    CHECK(validate_project(back).empty());
    CHECK(mention_keys(back, false) == mention_keys(p, false));
    Project expect = p;
    expect.stances.erase(std::remove_if(expect.stances.begin(), expect.stances.end(),
                                        [](const Stance& s) { return s.target.kind == StanceRef::Kind::Target; }),
                         expect.stances.end());
    CHECK(stance_keys(back, false) == stance_keys(expect, false));
    CHECK(back.doc_stances.empty());
    // The mentions after the emoji of article 004 (UTF-16 offsets in the file, code points here).
    const Document& d004 = p.documents[4];
    REQUIRE(d004.text->at(6285) == U'\U0001F929');
    size_t after = 0;
    for (const auto& m : back.mentions)
        after += m.doc_id == d004.id && m.start > 6285;
    CHECK(after >= 4);
}

TEST_CASE("webanno: escaping, stacked relations and empty documents survive a round trip")
{
    Project p;
    p.annotator = "x";
    auto doc = [&](const std::string& id, const std::string& text) {
        Document d;
        d.id = id;
        d.name = id + ".tsv";
        d.text = std::make_shared<const Text>(Text::from_normalized(text));
        p.documents.push_back(d);
    };
    doc("d1", "Ann and Bob met \\ twice.\n"); // a backslash in #Text
    doc("empty", "");
    int n = 0;
    auto mention = [&](uint32_t s, uint32_t e, const std::string& type) {
        Mention m;
        m.id = "m" + std::to_string(++n);
        m.doc_id = "d1";
        m.start = s;
        m.end = e;
        m.type = type;
        m.annotator = "x";
        p.mentions.push_back(m);
        return m.id;
    };
    std::string ann = mention(0, 3, "A|B_[1]*");      // every character TSV escapes
    std::string ann2 = mention(0, 3, "PER");          // stacked on the same token
    std::string bob = mention(8, 11, "ORG->x;y\\z");
    mention(3, 4, "GAP");                             // only a space: no token
    for (auto [h, t, pol] : {std::tuple{ann, bob, "FAVOR"}, {ann2, bob, "AGAINST"}, {bob, ann2, "NEUTRAL"}}) {
        Stance s;
        s.id = "s" + std::to_string(p.stances.size() + 1);
        s.doc_id = "d1";
        s.holder = {StanceRef::Kind::Mention, h};
        s.target = {StanceRef::Kind::Mention, t};
        s.polarity = pol;
        s.annotator = "x";
        p.stances.push_back(s);
    }
    for (const char* t : {"A|B_[1]*", "ORG->x;y\\z", "GAP"})
        ensure_entity_type(p.schema, t);
    p.keep_sorted();

    ExportReport r;
    auto files = export_project(p, tsv(), {}, r);
    REQUIRE(files.size() == 2);
    CHECK(files[0].bytes.find("\tA\\|B\\_\\[1\\]\\*[1]|PER[2]\t") != std::string::npos);
    CHECK(files[0].bytes.find("#Text=Ann and Bob met \\\\ twice.\n") != std::string::npos);
    CHECK(files[1].bytes == "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n\n");
    CHECK(join(r.losses).find("1 mentions that cover no token (only spaces) not written; e.g. m4") != std::string::npos);

    Project back;
    ImportOptions o;
    o.annotator = "x";
    ImportReport ir = import_into(back, tsv(), as_inputs(files), o);
    CHECK(ir.documents == 2);
    Project expect = p;
    expect.mentions.erase(std::remove_if(expect.mentions.begin(), expect.mentions.end(), [](const Mention& m) { return m.type == "GAP"; }),
                          expect.mentions.end());
    CHECK(mention_keys(back, false) == mention_keys(expect, false));
    CHECK(stance_keys(back, false) == stance_keys(expect, false));
    CHECK(back.document("d1")->text->utf8() == p.document("d1")->text->utf8());
}
