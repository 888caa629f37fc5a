// The document-level stance tables: stance-semeval (SemEval-2016 Task 6 TSV, TweetEval text +
// labels files) and stance-csv (P-Stance CSV). Golden exports, NONE <-> NEUTRAL, quoting and
// the formula guard, round trips, real files, precise errors.
#include "dataset_fixtures.h"

#include "core/formats/stance_common.h"

using namespace dataset_tests;

TEST_CASE("stance-semeval export: golden TSV, losses")
{
    Project p = small_project();
    ExportReport r;
    std::string tsv = export_single(p, "stance-semeval", r);
    check_golden("stance/small.semeval.tsv", tsv);
    CHECK(tsv.rfind("ID\tTarget\tTweet\tStance\n", 0) == 0);
    CHECK(tsv.find("\tUS export controls on AI chips\t") != std::string::npos); // target names, not ids
    CHECK(tsv.find("\tNONE\n") != std::string::npos);                           // NEUTRAL written NONE
    CHECK(tsv.find("NEUTRAL") == std::string::npos);
    CHECK(tsv.find("\"'=SOMME(A1)\tcellule \"\"citée\"\"\nseconde ligne\"") != std::string::npos); // guarded + quoted
    CHECK(contains(r.losses, "1 documents without a document-level stance not exported"));
    CHECK(contains(r.losses, "1 span-level stances"));
    CHECK(contains(r.losses, "12 mentions not exported"));
    CHECK(contains(r.losses, "1 cells starting with = + - @ prefixed with '"));
    CHECK(r.counts["doc_stances"] == 4);
}

TEST_CASE("stance-csv export: golden CSV")
{
    Project p = small_project();
    ExportReport r;
    std::string csv = export_single(p, "stance-csv", r);
    check_golden("stance/small.pstance.csv", csv);
    CHECK(csv.rfind("Tweet,Target,Stance\n", 0) == 0);
    CHECK(contains(r.losses, "document ids not kept"));
}

TEST_CASE("stance round trips keep texts, targets and polarities")
{
    Project p = small_project();
    for (const char* f : {"stance-semeval", "stance-csv"}) {
        CAPTURE(std::string(f));
        ExportReport r;
        std::string bytes = export_single(p, f, r);
        ImportReport ir;
        Project back = import_files(f, {{"t.txt", bytes}}, &ir);
        // fr1 has two targets: one document, two document stances.
        REQUIRE(back.documents.size() == 3);
        CHECK(back.doc_stances.size() == 4);
        CHECK(back.documents[0].text->utf8() == p.documents[0].text->utf8());
        CHECK(back.documents[2].text->utf8() == p.documents[2].text->utf8()); // guard removed, quotes undone
        std::vector<std::string> got;
        for (const DocStance& s : back.doc_stances)
            got.push_back(s.doc_id + ":" + back.schema.stance_target(s.target_id)->name + "=" + s.polarity);
        CHECK(contains(got, "US export controls on AI chips=NEUTRAL"));
        CHECK(contains(got, "China's technological self-reliance in AI=AGAINST"));
        CHECK(contains(got, "Regulating AI risk=FAVOR"));
        if (std::string(f) == "stance-semeval")
            CHECK(back.documents[0].id == "fr1"); // ID column
    }
}

TEST_CASE("stance-semeval import: header, headerless, bad rows")
{
    ImportReport r;
    Project p = import_files("stance-semeval",
                             {{"a.tsv", "ID\tTarget\tTweet\tStance\n10001\tAtheism\t@user God is good #SemST\tAGAINST\n"
                                        "10002\tHillary Clinton\tVote! \"Yes\" she can\tNONE\n"}},
                             &r);
    REQUIRE(p.documents.size() == 2);
    CHECK(p.documents[0].id == "10001");
    CHECK(p.documents[0].meta.at("source_id") == "10001");
    CHECK(p.documents[1].text->utf8() == "Vote! \"Yes\" she can"); // a quote inside a raw cell stays
    CHECK(p.schema.stance_target(p.doc_stances[0].target_id)->name == "Atheism");
    CHECK(p.doc_stances[1].polarity == "NEUTRAL");

    Project q = import_files("stance-semeval", {{"b.tsv", "1\tAtheism\ttexte\tFAVOR\n"}});
    CHECK(q.doc_stances.size() == 1);

    auto error_of = [](const std::string& name, const std::string& bytes) {
        Project p;
        try {
            import_into(p, fmt("stance-semeval"), {{name, bytes}}, {});
        } catch (const InputError& e) {
            return diagnostics_text(e.diagnostics);
        }
        return std::string("accepted");
    };
    CHECK(error_of("c.tsv", "ID\tTarget\tTweet\tStance\n1\tAtheism\ttexte\tMAYBE\n") ==
          "c.tsv:2: expected FAVOR, AGAINST or NONE in the Stance column, found 'MAYBE'\n");
    CHECK(error_of("c.tsv", "ID\tTarget\tTweet\tStance\n1\tAtheism\ttexte\n") ==
          "c.tsv:2: expected 4 TAB-separated cells (ID, Target, Tweet, Stance), found 3\n");
    CHECK(error_of("c.tsv", "id,target,text,stance\n").find("c.tsv:1: expected the SemEval-2016 Task 6 header") == 0);
}

TEST_CASE("stance-semeval import: real TweetEval files and X-Stance refused precisely")
{
    std::string dir = shared_path("external/stance/semeval2016-tweeteval-climate/");
    ImportReport r;
    Project p = import_files("stance-semeval", {file_input(dir + "train_text.txt"), file_input(dir + "train_labels.txt"),
                                                file_input(dir + "val_text.txt"), file_input(dir + "val_labels.txt"),
                                                file_input(dir + "test_text.txt"), file_input(dir + "test_labels.txt")},
                             &r);
    CHECK(p.documents.size() == 15);
    CHECK(p.doc_stances.size() == 15);
    REQUIRE(p.schema.stance_targets.size() == 1);
    CHECK(p.schema.stance_targets[0].name == "Climate Change is a Real Concern");
    CHECK(contains(r.notes, "inferred from 'climate' in the path"));
    // Lines kept verbatim (trailing spaces included); 0 = NONE -> NEUTRAL, 2 = FAVOR.
    const Document* first = p.document("train-1");
    REQUIRE(first);
    CHECK(first->text->utf8() == "Why Is The Pope Upset?  via @user #UnzippedTruth #PopeFrancis #SemST ");
    size_t favor = 0;
    for (const DocStance& s : p.doc_stances)
        favor += s.polarity == "FAVOR";
    CHECK(favor == 8);

    Project none;
    try {
        import_into(none, fmt("stance-semeval"), {file_input(dir + "train_text.txt")}, {});
        FAIL("text without labels accepted");
    } catch (const InputError& e) {
        CHECK(diagnostics_text(e.diagnostics).find("TweetEval text file without its labels file: pass train_labels.txt too") !=
              std::string::npos);
    }
    try {
        import_into(none, fmt("stance-semeval"), {file_input(shared_path("external/stance/x-stance/train.jsonl"))}, {});
        FAIL("JSON accepted");
    } catch (const InputError& e) {
        CHECK(diagnostics_text(e.diagnostics).find("train.jsonl:1: this is JSON, not a SemEval-2016 Task 6 TSV") != std::string::npos);
        CHECK(diagnostics_text(e.diagnostics).find("--from stance-jsonl") != std::string::npos);
    }
}

TEST_CASE("stance-csv import: P-Stance header, quoted cells, errors")
{
    Project p = import_files("stance-csv", {{"p.csv", "Tweet,Target,Stance\n\"Trump, again\nand again\",Donald Trump,AGAINST\n"
                                                       "Bernie rocks,Bernie Sanders,FAVOR\n"}});
    REQUIRE(p.documents.size() == 2);
    CHECK(p.documents[0].text->utf8() == "Trump, again\nand again");
    auto error_of = [](const std::string& bytes) {
        Project p;
        try {
            import_into(p, fmt("stance-csv"), {{"p.csv", bytes}}, {});
        } catch (const InputError& e) {
            return diagnostics_text(e.diagnostics);
        }
        return std::string("accepted");
    };
    CHECK(error_of("Tweet,Target,Stance\na,b,c,d\n") == "p.csv:2: expected 3 comma-separated cells like the header, found 4 (quote cells holding commas)\n");
    CHECK(error_of("text,label\nx,y\n").find("p.csv:1: expected a header naming Tweet (or Text), Target and Stance columns") == 0);
    CHECK(error_of("Tweet,Target,Stance\n,b,FAVOR\n") == "p.csv:2: empty Tweet cell\n");
    // --skip-bad keeps the good rows.
    ImportOptions o;
    o.skip_bad = true;
    ImportReport r;
    Project q = import_files("stance-csv", {{"p.csv", "Tweet,Target,Stance\nok,T,FAVOR\nbad,T,WHAT\n"}}, &r, o);
    CHECK(q.documents.size() == 1);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].line == 3);
}

TEST_CASE("delimited reader and guard")
{
    using namespace postil::stance_table;
    auto rows = parse_delimited("a,\"b,c\"\n\"x\"\"y\",\"2\nlines\"\n\"not quoted\" really,z\n\n", ',');
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].cells == std::vector<std::string>{"a", "b,c"});
    CHECK(rows[1].cells == std::vector<std::string>{"x\"y", "2\nlines"});
    CHECK(rows[2].line == 4);
    CHECK(rows[2].cells == std::vector<std::string>{"\"not quoted\" really", "z"});
    CHECK(unguard_cell("'=1+1") == "=1+1");
    CHECK(unguard_cell("'hello") == "'hello");
    CHECK(unguard_cell(csv_cell("@user hi", ',')) == "@user hi");
    CHECK(polarity_from_dataset_label("none") == std::optional<std::string>("NEUTRAL"));
    CHECK(polarity_to_dataset_label("NEUTRAL") == "NONE");
    Schema s = default_schema();
    CHECK(ensure_target(s, "US export controls on AI chips") == "us-export-controls");
    CHECK(ensure_target(s, "Climate Change is a Real Concern") == "climate-change-is-a-real-concern");
}

TEST_CASE("stance tables: degenerate inputs are refused, not crashed on")
{
    for (const char* f : {"stance-semeval", "stance-csv"})
        for (const char* bytes : {"\"\"", "\"\"\n\"\"\n", " \n", "\t,\t", "\"unclosed", "ID\tTarget\tTweet\tStance\n"}) {
            Project p;
            try {
                import_into(p, fmt(f), {{"x.txt", bytes}}, {});
            } catch (const InputError&) {
            }
            CHECK(validate_project(p).empty());
        }
}
