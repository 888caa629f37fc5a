// Inter-annotator agreement: published worked examples (Krippendorff 2011, Fleiss, Cohen),
// the reliability CSV reader, mention/token/stance agreement over small hand-built projects,
// undefined cases, and a size check (20 layers x 1,000 documents).
#include "core/agreement/project_agreement.h"
#include "core/agreement/reliability.h"
#include "core/agreement/reliability_csv.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>

using namespace postil;

// [SECTION] published examples

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 observers x 12 units.
static ReliabilityData krippendorff_2011()
{
    const char* rows[4][12] = {
        {"1", "2", "3", "3", "2", "1", "4", "1", "2", ".", ".", "."},
        {"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", ".", "3"},
        {".", "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", "."},
        {"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", "."},
    };
    const char* observers[4] = {"A", "B", "C", "D"};
    ReliabilityData d;
    for (int o = 0; o < 4; ++o)
        for (int u = 0; u < 12; ++u)
            if (std::string(rows[o][u]) != ".")
                d.set("u" + std::to_string(u + 1), observers[o], rows[o][u]);
    return d;
}

TEST_CASE("Krippendorff 2011 worked example: nominal 0.743, interval 0.849")
{
    const ReliabilityData d = krippendorff_2011();
    CHECK(d.unit_count() == 12);
    CHECK(d.annotator_count() == 4);
    CHECK(d.value_count() == 41);

    const Statistic nominal = krippendorff_alpha(d, AlphaMetric::Nominal);
    REQUIRE(nominal.defined());
    CHECK(nominal.value == doctest::Approx(0.743).epsilon(0.0005));
    CHECK(nominal.units == 11); // unit 12 has a single value: not pairable
    CHECK(nominal.values == 40);

    const Statistic interval = krippendorff_alpha(d, AlphaMetric::Interval);
    REQUIRE(interval.defined());
    CHECK(interval.value == doctest::Approx(0.849).epsilon(0.0005));
    CHECK(format_fixed(nominal.value) == "0.743");
    CHECK(format_fixed(interval.value) == "0.849");
}

TEST_CASE("Fleiss kappa worked example (10 subjects x 14 raters): 0.210")
{
    const std::vector<std::vector<int>> counts = {
        {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
        {7, 7, 0, 0, 0},  {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
    };
    const Statistic k = fleiss_kappa(counts);
    REQUIRE(k.defined());
    CHECK(format_fixed(k.value) == "0.210");
    CHECK(k.observed == doctest::Approx(0.378).epsilon(0.001)); // P-bar
    CHECK(k.expected == doctest::Approx(0.213).epsilon(0.001)); // P-bar_e
    CHECK(k.units == 10);
    CHECK(k.values == 140);

    // Same data as units x raters: subject i's ratings spread over raters r1..r14.
    ReliabilityData d;
    for (size_t i = 0; i < counts.size(); ++i) {
        int rater = 0;
        for (size_t c = 0; c < counts[i].size(); ++c)
            for (int n = 0; n < counts[i][c]; ++n)
                d.set("s" + std::to_string(i), "r" + std::to_string(++rater), std::to_string(c + 1));
    }
    const Statistic k2 = fleiss_kappa(d);
    REQUIRE(k2.defined());
    CHECK(k2.value == doctest::Approx(k.value));

    // Malformed count matrices are refused, not guessed at.
    CHECK_FALSE(fleiss_kappa({{1, 2}, {1, 2, 3}}).defined());
    CHECK_FALSE(fleiss_kappa({{1, -1}}).defined());
}

static ReliabilityData cohen_50()
{
    // 20 both yes, 5 A yes / B no, 10 A no / B yes, 15 both no.
    ReliabilityData d;
    int item = 0;
    auto add = [&](int n, const char* a, const char* b) {
        for (int i = 0; i < n; ++i, ++item) {
            d.set("i" + std::to_string(item), "A", a);
            d.set("i" + std::to_string(item), "B", b);
        }
    };
    add(20, "yes", "yes");
    add(5, "yes", "no");
    add(10, "no", "yes");
    add(15, "no", "no");
    return d;
}

TEST_CASE("Cohen kappa worked example (50 items): 0.400")
{
    const ReliabilityData d = cohen_50();
    const Statistic k = cohen_kappa(d, "A", "B");
    REQUIRE(k.defined());
    CHECK(format_fixed(k.value) == "0.400");
    CHECK(k.observed == doctest::Approx(0.7));
    CHECK(k.expected == doctest::Approx(0.5));
    CHECK(k.units == 50);

    const ConfusionMatrix m = confusion_matrix(d, 0, 1);
    REQUIRE(m.labels == std::vector<std::string>{"no", "yes"});
    CHECK(m.at(1, 1) == 20); // yes, yes
    CHECK(m.at(1, 0) == 5);  // A yes, B no
    CHECK(m.at(0, 1) == 10); // A no, B yes
    CHECK(m.at(0, 0) == 15);
    CHECK(m.total == 50);

    CHECK(cohen_kappa_2x2(20, 5, 10, 15).value == doctest::Approx(0.4));
    CHECK(percent_agreement(d).value == doctest::Approx(0.7));
    CHECK(percent_agreement(d, 0, 1).value == doctest::Approx(0.7));
    CHECK_FALSE(cohen_kappa(d, "A", "nobody").defined());

    // Two annotators, no missing data: Fleiss and alpha agree with the textbook relations.
    CHECK(fleiss_kappa(d).value == doctest::Approx(0.3939).epsilon(0.001)); // Scott's pi
    // alpha = 1 - (2n - 1) / 2n * (1 - pi) with 2n = 100 values: here exactly 0.4.
    const Statistic alpha = krippendorff_alpha(d);
    CHECK(alpha.value == doctest::Approx(1 - 0.99 * (1 - 0.393939)).epsilon(1e-5));
}

// [SECTION] edge cases

TEST_CASE("perfect agreement, one category, no shared units")
{
    SUBCASE("perfect agreement on two categories")
    {
        ReliabilityData d;
        for (int i = 0; i < 6; ++i)
            for (const char* who : {"a", "b", "c"})
                d.set("u" + std::to_string(i), who, i % 2 ? "x" : "y");
        CHECK(cohen_kappa(d, "a", "b").value == doctest::Approx(1.0));
        CHECK(fleiss_kappa(d).value == doctest::Approx(1.0));
        CHECK(krippendorff_alpha(d).value == doctest::Approx(1.0));
        CHECK(percent_agreement(d).value == doctest::Approx(1.0));
    }
    SUBCASE("everything in one category: kappa and alpha undefined, percent agreement 1")
    {
        ReliabilityData d;
        for (int i = 0; i < 5; ++i)
            for (const char* who : {"a", "b"})
                d.set("u" + std::to_string(i), who, "same");
        const Statistic k = cohen_kappa(d, "a", "b");
        CHECK_FALSE(k.defined());
        CHECK(std::isnan(k.value));
        CHECK(k.observed == doctest::Approx(1.0));
        CHECK(k.expected == doctest::Approx(1.0));
        CHECK(k.undefined.find("one category") != std::string::npos);
        CHECK_FALSE(fleiss_kappa(d).defined());
        CHECK_FALSE(krippendorff_alpha(d).defined());
        CHECK_FALSE(krippendorff_alpha(d, AlphaMetric::Interval).defined());
        CHECK(percent_agreement(d).value == doctest::Approx(1.0));
        const auto j = nlohmann::json(k);
        CHECK(j["value"].is_null());
        CHECK(j.contains("undefined"));
    }
    SUBCASE("no unit coded by both")
    {
        ReliabilityData d;
        d.set("u1", "a", "x");
        d.set("u2", "b", "y");
        d.set("u3", "a", "y");
        CHECK(cohen_kappa(d, "a", "b").undefined == "no unit coded by both annotators");
        CHECK_FALSE(krippendorff_alpha(d).defined());
        CHECK_FALSE(fleiss_kappa(d).defined());
        CHECK_FALSE(percent_agreement(d).defined());
        CHECK(confusion_matrix(d, 0, 1).total == 0);
    }
    SUBCASE("interval alpha needs numbers")
    {
        ReliabilityData d;
        d.set("u1", "a", "1");
        d.set("u1", "b", "high");
        CHECK(krippendorff_alpha(d, AlphaMetric::Interval).undefined.find("'high'") != std::string::npos);
    }
    SUBCASE("numeric values and clearing")
    {
        ReliabilityData d;
        d.set_number("u1", "a", 0.1);
        d.set("u1", "b", "0.1");
        CHECK(d.category_count() == 1); // same label, same category
        CHECK(*d.category_number(0) == 0.1);
        d.set("u1", "b", "");
        CHECK(d.label(0, 1) == nullptr);
        CHECK(d.value_count() == 1);
    }
}

TEST_CASE("reliability summary: table and JSON")
{
    const ReliabilitySummary s = summarize_reliability(krippendorff_2011());
    CHECK(s.pairs.size() == 6);
    CHECK(s.alpha_nominal.value == doctest::Approx(0.743).epsilon(0.0005));
    const std::string text = render_reliability_text(s);
    CHECK(text.find("0.743") != std::string::npos);
    CHECK(text.find("0.849") != std::string::npos);
    const nlohmann::json j = to_json(s);
    CHECK(j["krippendorff_alpha_interval"]["value"].get<double>() == doctest::Approx(0.849).epsilon(0.0005));
    CHECK(j["pairs"].size() == 6);
}

// [SECTION] CSV reader

TEST_CASE("reliability CSV: quoting, missing cells, BOM, CRLF")
{
    const std::string csv = "\xEF\xBB\xBFunit,Annotator,label\r\n"
                            "u1,ann,PER\r\n"
                            "u1,bob,PER\r\n"
                            "\"u,2\",ann,\"say \"\"hi\"\"\"\r\n"
                            "\"u,2\",bob,\r\n"
                            "u3, bob \n"
                            "\n"
                            "u3,ann,\"multi\nline\"\n";
    Diagnostics diags;
    const ReliabilityData d = read_reliability_csv(csv, "r.csv", diags);
    CHECK(diags.empty());
    REQUIRE(d.unit_count() == 3);
    CHECK(d.unit_id(1) == "u,2");
    REQUIRE(d.annotator_count() == 2);
    CHECK(d.annotator_id(1) == "bob"); // unquoted blanks trimmed
    CHECK(*d.label(1, 0) == "say \"hi\"");
    CHECK(d.label(1, 1) == nullptr); // empty cell
    CHECK(d.label(2, 1) == nullptr); // missing cell
    CHECK(*d.label(2, 0) == "multi\nline");
    CHECK(d.value_count() == 4);
}

TEST_CASE("reliability CSV: columns in any order, extra columns ignored")
{
    Diagnostics diags;
    const ReliabilityData d = read_reliability_csv("label,note,unit,annotator\nX,whatever,u1,a\n", "", diags);
    CHECK(diags.empty());
    CHECK(*d.label(0, 0) == "X");
}

TEST_CASE("reliability CSV: bad rows are reported with line and column")
{
    const std::string csv = "unit,annotator,label\n"  // 1
                            "u1,a,x\n"                // 2
                            "u1,b,x,extra\n"          // 3: too many fields, column 8
                            "u2,a\"b,x\n"             // 4: quote inside unquoted field, column 5
                            "\"u3\"z,a,x\n"           // 5: text after closing quote, column 5
                            ",a,x\n"                  // 6: no unit, column 1
                            "u1,a,y\n"                // 7: conflicting value, column 6
                            "u1,a,x\n"                // 8: same value again: fine
                            "é,\"a\n";                // 9: quote not closed, column 3
    Diagnostics diags;
    const ReliabilityData d = read_reliability_csv(csv, "data.csv", diags);
    REQUIRE(diags.size() == 6);
    auto at = [&](size_t i, int line, int column) {
        INFO(diags[i].to_string());
        CHECK(diags[i].file == "data.csv");
        CHECK(diags[i].line == line);
        CHECK(diags[i].column == column);
    };
    at(0, 3, 8);
    CHECK(diags[0].message.find("expected at most 3") != std::string::npos);
    at(1, 4, 5);
    at(2, 5, 5);
    CHECK(diags[2].message.find("expected ','") != std::string::npos);
    at(3, 6, 1);
    CHECK(diags[3].message.find("expected a unit id") != std::string::npos);
    at(4, 7, 6);
    CHECK(diags[4].message.find("line 2") != std::string::npos);
    at(5, 9, 3); // column counts code points: "é" is one
    CHECK(diags[5].message.find("closing") != std::string::npos);
    // Good rows were kept.
    CHECK(*d.label(0, 0) == "x");
    CHECK(d.unit_count() == 1); // every other row was bad
}

TEST_CASE("reliability CSV: header problems")
{
    Diagnostics diags;
    read_reliability_csv("unit,coder,label\nu1,a,x\n", "h.csv", diags);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].line == 1);
    CHECK(diags[0].message.find("annotator") != std::string::npos);
    diags.clear();
    read_reliability_csv("", "e.csv", diags);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].message.find("expected a header") != std::string::npos);
    diags.clear();
    read_reliability_csv("unit,annotator,label\nu1,a,\xff\n", "u.csv", diags);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].line == 2);
    CHECK(diags[0].column == 6);
}

// [SECTION] projects

namespace {

// Builds small projects by surface form, so tests read like the text they annotate.
struct ProjectBuilder {
    Project p;
    int next = 1;

    void doc(const std::string& id, const std::string& text)
    {
        Document d;
        d.id = id;
        d.name = id + ".txt";
        d.text = std::make_shared<const Text>(Text::from_normalized(text));
        p.documents.push_back(std::move(d));
    }

    Span find(const std::string& doc_id, const std::string& surface, int occurrence = 0) const
    {
        const Text& t = *p.document(doc_id)->text;
        size_t at = t.utf8().find(surface);
        for (int i = 0; i < occurrence; ++i)
            at = t.utf8().find(surface, at + 1);
        REQUIRE(at != std::string::npos);
        return {static_cast<uint32_t>(t.cp_of_byte(at)), static_cast<uint32_t>(t.cp_of_byte(at + surface.size()))};
    }

    std::string mention(const std::string& doc_id, const std::string& who, const std::string& surface,
                        const std::string& type, const std::string& entity = {}, int occurrence = 0)
    {
        const Span s = find(doc_id, surface, occurrence);
        Mention m;
        m.id = "m" + std::to_string(next++);
        m.doc_id = doc_id;
        m.start = s.start;
        m.end = s.end;
        m.type = type;
        m.entity_id = entity;
        m.annotator = who;
        p.mentions.push_back(m);
        return m.id;
    }

    void stance(const std::string& doc_id, const std::string& who, StanceRef holder, StanceRef target,
                const std::string& polarity)
    {
        Stance s;
        s.id = "s" + std::to_string(next++);
        s.doc_id = doc_id;
        s.holder = std::move(holder);
        s.target = std::move(target);
        s.polarity = polarity;
        s.annotator = who;
        p.stances.push_back(s);
    }

    void doc_stance(const std::string& doc_id, const std::string& who, const std::string& target,
                    const std::string& polarity)
    {
        DocStance s;
        s.id = "ds" + std::to_string(next++);
        s.doc_id = doc_id;
        s.target_id = target;
        s.polarity = polarity;
        s.annotator = who;
        p.doc_stances.push_back(s);
    }

    Project done()
    {
        p.keep_sorted();
        return p;
    }
};

StanceRef ref(StanceRef::Kind k, const std::string& id) { return StanceRef{k, id}; }

const char* kBerlin = "Emmanuel Macron a rencontré Olaf Scholz à Berlin.";

} // namespace

TEST_CASE("agreement tokens: words and punctuation, code point offsets")
{
    const Text t = Text::from_normalized(kBerlin);
    const std::vector<Span> tokens = agreement_tokens(t);
    REQUIRE(tokens.size() == 9);
    CHECK(t.slice(tokens[3].start, tokens[3].end) == "rencontré");
    CHECK(t.slice(tokens[6].start, tokens[6].end) == "à");
    CHECK(t.slice(tokens[8].start, tokens[8].end) == ".");
    CHECK(tokens[8].end == t.size());
}

TEST_CASE("mention agreement: exact vs overlap, per label, tokens")
{
    ProjectBuilder b;
    b.doc("d1", kBerlin);
    b.mention("d1", "ann", "Emmanuel Macron", "PER");
    b.mention("d1", "ann", "Olaf Scholz", "PER");
    b.mention("d1", "ann", "Berlin", "LOC");
    b.mention("d1", "bob", "Macron", "PER");      // overlaps, not exact
    b.mention("d1", "bob", "Olaf Scholz", "PER"); // exact
    b.mention("d1", "bob", "Berlin", "ORG");      // same span, other type
    const AgreementReport r = compute_agreement(b.done());

    REQUIRE(r.annotators == std::vector<std::string>{"ann", "bob"});
    const MentionAgreement& m = r.mentions;
    CHECK(m.labels == std::vector<std::string>{"LOC", "ORG", "PER"});
    REQUIRE(m.pairs.size() == 1);
    const MentionPairAgreement& p = m.pairs[0];
    CHECK(p.documents == 1);
    CHECK(p.tokens == 9);

    CHECK(p.exact.count_a == 3);
    CHECK(p.exact.count_b == 3);
    CHECK(p.exact.matched_a == 1);
    CHECK(p.exact.f1() == doctest::Approx(1.0 / 3));
    CHECK(p.overlap.matched_a == 2);
    CHECK(p.overlap.matched_b == 2);
    CHECK(p.overlap.precision() == doctest::Approx(2.0 / 3));
    CHECK(p.overlap.recall() == doctest::Approx(2.0 / 3));

    CHECK(p.exact_by_label.at("PER").f1() == doctest::Approx(0.5));
    CHECK(p.overlap_by_label.at("PER").f1() == doctest::Approx(1.0));
    CHECK(p.exact_by_label.at("LOC").count_a == 1);
    CHECK(p.exact_by_label.at("LOC").count_b == 0);
    CHECK(p.exact_by_label.at("LOC").f1() == 0.0);
    CHECK(std::isnan(p.exact_by_label.at("LOC").precision()));
    CHECK(p.overlap_by_label.at("ORG").recall() != p.overlap_by_label.at("ORG").recall()); // NaN

    // Tokens: ann PER PER O O PER PER O LOC O / bob O PER O O PER PER O ORG O.
    REQUIRE(p.token_kappa.defined());
    CHECK(p.token_kappa.value == doctest::Approx(31.0 / 49)); // 0.633
    CHECK(p.token_kappa.observed == doctest::Approx(7.0 / 9));
    CHECK(p.token_kappa_by_label.at("PER").value == doctest::Approx(30.0 / 39)); // 0.769
    CHECK(p.token_kappa_by_label.at("LOC").value == doctest::Approx(0.0));
    CHECK(m.mean_token_kappa == doctest::Approx(31.0 / 49));
    REQUIRE(m.token_alpha.defined());
    CHECK(m.token_alpha.value == doctest::Approx(31.0 / 48)); // 0.646
    CHECK(m.token_alpha.units == 9);

    REQUIRE(m.documents.size() == 1);
    CHECK(m.documents[0].layers == 2);
    CHECK(m.documents[0].mentions == 6);
    CHECK(m.documents[0].exact.f1() == doctest::Approx(1.0 / 3));
    CHECK(m.documents[0].mean_token_kappa == doctest::Approx(31.0 / 49));

    const nlohmann::json j = to_json(r);
    CHECK(j["mentions"]["pairs"][0]["exact"]["f1"].get<double>() == doctest::Approx(1.0 / 3));
    CHECK(j["mentions"]["exact_by_label"]["LOC"]["precision"].is_null());
    CHECK(j["stances"]["fleiss_kappa"]["value"].is_null());
    const std::string text = render_agreement_text(r);
    CHECK(text.find("0.333") != std::string::npos);
    CHECK(text.find("0.633") != std::string::npos);
    CHECK(text.find("0.646") != std::string::npos);
}

TEST_CASE("mention agreement: nested mentions, duplicates, perfect agreement")
{
    ProjectBuilder b;
    b.doc("d1", "La Banque de France publie.");
    b.mention("d1", "ann", "Banque de France", "ORG");
    b.mention("d1", "ann", "France", "LOC"); // nested: tokens keep the outer ORG
    b.mention("d1", "bob", "Banque de France", "ORG");
    b.mention("d1", "bob", "Banque de France", "ORG"); // same mention twice
    const AgreementReport r = compute_agreement(b.done());
    const MentionPairAgreement& p = r.mentions.pairs.at(0);
    CHECK(p.exact.count_a == 2);
    CHECK(p.exact.count_b == 2);
    CHECK(p.exact.matched_a == 1); // one-to-one on multisets
    CHECK(p.exact.matched_b == 1);
    CHECK(p.overlap_by_label.at("ORG").matched_b == 2); // overlap is not one-to-one
    CHECK(p.token_kappa.value == doctest::Approx(1.0));
    CHECK(r.mentions.token_alpha.value == doctest::Approx(1.0));

    ProjectBuilder same;
    same.doc("d1", kBerlin);
    for (const char* who : {"a", "b", "c"}) {
        same.mention("d1", who, "Macron", "PER");
        same.mention("d1", who, "Berlin", "LOC");
    }
    const AgreementReport s = compute_agreement(same.done());
    CHECK(s.mentions.pairs.size() == 3);
    CHECK(s.mentions.exact.f1() == doctest::Approx(1.0));
    CHECK(s.mentions.overlap.f1() == doctest::Approx(1.0));
    CHECK(s.mentions.mean_token_kappa == doctest::Approx(1.0));
    CHECK(s.mentions.token_alpha.value == doctest::Approx(1.0));
}

TEST_CASE("mention agreement: document coverage and undefined token kappa")
{
    ProjectBuilder b;
    b.doc("d1", kBerlin);
    b.doc("d2", "Paris est belle.");
    b.doc("d3", "Rien ici.");
    b.mention("d1", "ann", "Berlin", "LOC");
    b.mention("d1", "bob", "Berlin", "LOC");
    b.mention("d2", "ann", "Paris", "LOC"); // bob never touched d2
    const Project p = b.done();

    const AgreementReport all = compute_agreement(p);
    CHECK(all.mentions.pairs[0].documents == 3);
    CHECK(all.mentions.exact.count_a == 2);
    CHECK(all.mentions.exact.recall() == doctest::Approx(0.5));
    // d3: nobody marked anything; every token is "O" for both: kappa is 0/0 there.
    REQUIRE(all.mentions.documents.size() == 3);
    CHECK(std::isnan(all.mentions.documents[2].mean_token_kappa));
    CHECK(std::isnan(all.mentions.documents[2].exact.f1()));

    AgreementOptions o;
    o.coverage = AgreementOptions::Coverage::ActiveDocuments;
    const AgreementReport active = compute_agreement(p, o);
    CHECK(active.mentions.pairs[0].documents == 1);
    CHECK(active.mentions.exact.count_a == 1);
    CHECK(active.mentions.exact.f1() == doctest::Approx(1.0));
    CHECK(active.mentions.documents[1].layers == 1);

    AgreementOptions only;
    only.documents = {"d1", "nope"};
    const AgreementReport one = compute_agreement(p, only);
    CHECK(one.documents == 1);
    CHECK(one.notes.size() >= 1);

    ProjectBuilder with_gold;
    with_gold.doc("d1", kBerlin);
    for (const char* who : {"ann", "bob", "gold"})
        with_gold.mention("d1", who, "Berlin", "LOC");
    CHECK(compute_agreement(with_gold.done()).annotators == std::vector<std::string>{"ann", "bob"});
    AgreementOptions everyone;
    everyone.exclude_annotators.clear();
    CHECK(compute_agreement(with_gold.p, everyone).annotators.size() == 3);

    AgreementOptions single;
    single.annotators = {"ann"};
    const AgreementReport lonely = compute_agreement(p, single);
    CHECK(lonely.mentions.pairs.empty());
    CHECK_FALSE(lonely.mentions.token_alpha.defined());
    CHECK(std::isnan(lonely.mentions.mean_token_kappa));
    CHECK_FALSE(render_agreement_text(lonely).empty());
}

TEST_CASE("stance agreement: holder/target keys, kappa, absent as NONE, document stances")
{
    ProjectBuilder b;
    b.doc("d1", kBerlin);
    b.doc("d2", "Paris est belle.");
    const std::string ann_macron = b.mention("d1", "ann", "Emmanuel Macron", "PER", "e-macron");
    const std::string ann_olaf = b.mention("d1", "ann", "Olaf Scholz", "PER");
    const std::string bob_macron = b.mention("d1", "bob", "Macron", "PER", "e-macron");
    const std::string bob_olaf = b.mention("d1", "bob", "Olaf Scholz", "PER");
    using K = StanceRef::Kind;
    // Same unit through different mentions linked to one entity / identical unlinked spans.
    b.stance("d1", "ann", ref(K::Mention, ann_macron), ref(K::Target, "t1"), "FAVOR");
    b.stance("d1", "bob", ref(K::Mention, bob_macron), ref(K::Target, "t1"), "FAVOR");
    b.stance("d1", "ann", ref(K::Mention, ann_olaf), ref(K::Target, "t1"), "AGAINST");
    b.stance("d1", "bob", ref(K::Mention, bob_olaf), ref(K::Target, "t1"), "AGAINST");
    b.stance("d1", "ann", ref(K::Entity, "e-macron"), ref(K::Target, "t2"), "NEUTRAL");
    b.stance("d1", "bob", ref(K::Mention, bob_macron), ref(K::Target, "t2"), "FAVOR");
    b.stance("d1", "bob", ref(K::Entity, "e-x"), ref(K::Target, "t1"), "FAVOR"); // bob only
    b.stance("d1", "bob", ref(K::Entity, "e-x"), ref(K::Target, "t1"), "AGAINST"); // duplicate
    b.doc_stance("d1", "ann", "t1", "FAVOR");
    b.doc_stance("d1", "bob", "t1", "FAVOR");
    b.doc_stance("d2", "ann", "t1", "AGAINST");
    b.doc_stance("d2", "bob", "t1", "AGAINST");
    const Project p = b.done();

    CHECK(stance_ref_key(p, ref(K::Mention, bob_olaf)) == stance_ref_key(p, ref(K::Mention, ann_olaf)));
    CHECK(stance_ref_key(p, ref(K::Mention, bob_macron)) == "entity:e-macron");
    CHECK(stance_ref_key(p, ref(K::Mention, "gone")) == "mention:gone");

    const AgreementReport r = compute_agreement(p);
    const StanceAgreement& s = r.stances;
    CHECK(s.units == 4);
    REQUIRE(s.pairs.size() == 1);
    CHECK(s.pairs[0].units_a == 3);
    CHECK(s.pairs[0].units_b == 4);
    CHECK(s.pairs[0].units_both == 3);
    // Shared units: FAVOR/FAVOR, AGAINST/AGAINST, NEUTRAL/FAVOR -> Po 2/3, Pe 1/3.
    CHECK(s.pairs[0].cohen_kappa.value == doctest::Approx(0.5));
    CHECK(s.mean_cohen_kappa == doctest::Approx(0.5));
    CHECK(s.percent_agreement.value == doctest::Approx(2.0 / 3));
    CHECK(s.alpha.defined());
    CHECK(s.fleiss_kappa.defined());
    bool noted = false;
    for (const auto& n : r.notes)
        noted = noted || n.find("repeat") != std::string::npos;
    CHECK(noted);

    // Document stances agree perfectly on two polarities.
    CHECK(r.doc_stances.units == 2);
    CHECK(r.doc_stances.pairs[0].cohen_kappa.value == doctest::Approx(1.0));
    CHECK(r.doc_stances.alpha.value == doctest::Approx(1.0));

    AgreementOptions o;
    o.stance_absent_as_none = true;
    const AgreementReport n = compute_agreement(p, o);
    // Unit 4 becomes NONE (ann) / FAVOR (bob): Po 2/4, Pe 4/16.
    CHECK(n.stances.pairs[0].units_both == 4);
    CHECK(n.stances.pairs[0].cohen_kappa.value == doctest::Approx(1.0 / 3));

    const ReliabilityData d = stance_reliability_data(p);
    CHECK(d.unit_count() == 4);
    CHECK(doc_stance_reliability_data(p).unit_count() == 2);
}

TEST_CASE("project agreement matches a brute-force computation on random layers")
{
    // Random nested, crossing, duplicate and empty mentions; the fast paths (runs, prefix
    // maxima, merges) must give what the definitions give token by token and pair by pair.
    uint64_t seed = 99;
    auto rnd = [&](uint32_t n) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<uint32_t>((seed >> 33) % n);
    };
    const char* types[] = {"PER", "ORG", "LOC"};
    const std::vector<std::string> who = {"a", "b", "c"};
    ProjectBuilder b;
    for (int d = 0; d < 30; ++d) {
        const std::string id = "d" + std::to_string(d);
        b.doc(id, "Le « Conseil d’État » a dit non, à Paris : l’accord UE–Chine tient. 3,5 % !");
        const uint32_t size = static_cast<uint32_t>(b.p.documents.back().text->size());
        for (const std::string& w : who)
            for (uint32_t k = rnd(8); k > 0; --k) {
                Mention m;
                m.id = "m" + std::to_string(b.next++);
                m.doc_id = id;
                m.start = rnd(size);
                m.end = std::min(size, m.start + rnd(20));
                m.type = types[rnd(3)];
                m.annotator = w;
                b.p.mentions.push_back(m);
                if (rnd(6) == 0) { // an exact duplicate now and then
                    m.id = "m" + std::to_string(b.next++);
                    b.p.mentions.push_back(m);
                }
            }
    }
    const Project p = b.done();
    const AgreementReport r = compute_agreement(p);

    // Token labels by definition.
    ReliabilityData tokens;
    for (const std::string& w : who)
        tokens.add_annotator(w);
    for (const Document& doc : p.documents) {
        const std::vector<Span> toks = agreement_tokens(*doc.text);
        for (size_t t = 0; t < toks.size(); ++t)
            for (const std::string& w : who) {
                const Mention* best = nullptr;
                for (const Mention& m : p.mentions) // sorted: (start, longest, id)
                    if (m.doc_id == doc.id && m.annotator == w && m.start < m.end && m.start < toks[t].end &&
                        toks[t].start < m.end && !best)
                        best = &m;
                tokens.set(doc.id + "#" + std::to_string(t), w, best ? best->type : "O");
            }
    }
    CHECK(r.mentions.token_alpha.value == doctest::Approx(krippendorff_alpha(tokens).value));
    REQUIRE(r.mentions.pairs.size() == 3);
    for (const MentionPairAgreement& pa : r.mentions.pairs) {
        CHECK(pa.token_kappa.value == doctest::Approx(cohen_kappa(tokens, pa.annotator_a, pa.annotator_b).value));

        // Mention counts by definition, quadratic on purpose.
        MentionCounts exact, overlap;
        for (const Document& doc : p.documents) {
            std::vector<const Mention*> ma, mb;
            for (const Mention& m : p.mentions) {
                if (m.doc_id != doc.id)
                    continue;
                if (m.annotator == pa.annotator_a)
                    ma.push_back(&m);
                else if (m.annotator == pa.annotator_b)
                    mb.push_back(&m);
            }
            auto same = [](const Mention* x, const Mention* y) {
                return x->start == y->start && x->end == y->end && x->type == y->type;
            };
            auto touches = [&](const Mention* x, const Mention* y) {
                return x->type == y->type &&
                       ((x->start < y->end && y->start < x->end) || (x->start == y->start && x->end == y->end));
            };
            exact.count_a += ma.size();
            exact.count_b += mb.size();
            overlap.count_a += ma.size();
            overlap.count_b += mb.size();
            std::vector<char> used(mb.size(), 0);
            for (const Mention* x : ma) {
                for (size_t k = 0; k < mb.size(); ++k)
                    if (!used[k] && same(x, mb[k])) {
                        used[k] = 1;
                        ++exact.matched_a;
                        ++exact.matched_b;
                        break;
                    }
                overlap.matched_a += std::any_of(mb.begin(), mb.end(), [&](const Mention* y) { return touches(x, y); });
            }
            for (const Mention* y : mb)
                overlap.matched_b += std::any_of(ma.begin(), ma.end(), [&](const Mention* x) { return touches(x, y); });
        }
        INFO(pa.annotator_a, " vs ", pa.annotator_b);
        CHECK(pa.exact.count_a == exact.count_a);
        CHECK(pa.exact.count_b == exact.count_b);
        CHECK(pa.exact.matched_a == exact.matched_a);
        CHECK(pa.overlap.matched_a == overlap.matched_a);
        CHECK(pa.overlap.matched_b == overlap.matched_b);
    }
}

TEST_CASE("project agreement survives broken mentions")
{
    ProjectBuilder b;
    b.doc("d1", "Court.");
    b.mention("d1", "a", "Court", "LOC");
    b.mention("d1", "b", "Court", "LOC");
    Mention bad;
    bad.doc_id = "d1";
    bad.type = "LOC";
    bad.annotator = "b";
    bad.id = "x1";
    bad.start = 4;
    bad.end = 2; // reversed
    b.p.mentions.push_back(bad);
    bad.id = "x2";
    bad.start = 3;
    bad.end = 400; // past the end of the text
    b.p.mentions.push_back(bad);
    bad.id = "x3";
    bad.start = bad.end = 2; // empty
    b.p.mentions.push_back(bad);
    bad.id = "x4";
    bad.doc_id = "elsewhere"; // no such document
    b.p.mentions.push_back(bad);
    const AgreementReport r = compute_agreement(b.done());
    CHECK(r.mentions.pairs.at(0).exact.count_b == 3);
    CHECK(r.notes.size() == 2);
    CHECK(r.mentions.pairs.at(0).tokens == 2);
}

// [SECTION] size

TEST_CASE("agreement over 20 layers x 1,000 documents")
{
    // Synthetic: every document has ~250 words and 20 "gold" mentions; each layer copies them
    // with noise (shifted boundary, other type, dropped, extra) and adds stances.
    uint64_t seed = 12345;
    auto rnd = [&](uint32_t n) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<uint32_t>((seed >> 33) % n);
    };
    const char* words[] = {"la", "banque", "de", "France", "publie", "un", "rapport", "sur", "les", "taux",
                           "Macron", "Berlin", "accord", "export", "puces", "IA", "sanctions", "Bruxelles"};
    const char* types[] = {"PER", "ORG", "LOC", "GPE", "MISC"};
    const char* polarities[] = {"FAVOR", "AGAINST", "NEUTRAL"};
    Project p;
    const int kDocs = 1000, kLayers = 20, kGold = 20;
    for (int d = 0; d < kDocs; ++d) {
        std::string text;
        std::vector<Span> spans;
        for (int w = 0; w < 250; ++w) {
            if (!text.empty())
                text += ' ';
            const std::string word = words[rnd(18)];
            spans.push_back({static_cast<uint32_t>(text.size()), static_cast<uint32_t>(text.size() + word.size())});
            text += word;
            if (rnd(12) == 0) {
                text += '.';
            }
        }
        Document doc;
        doc.id = "d" + std::to_string(d);
        doc.text = std::make_shared<const Text>(Text::from_normalized(text));
        p.documents.push_back(doc);
        for (int g = 0; g < kGold; ++g) {
            const uint32_t w = rnd(240);
            const uint32_t len = 1 + rnd(3);
            const char* type = types[rnd(5)];
            for (int a = 0; a < kLayers; ++a) {
                const uint32_t r = rnd(100);
                if (r < 5)
                    continue;
                Mention m;
                m.id = "m" + std::to_string(p.mentions.size());
                m.doc_id = doc.id;
                m.start = spans[w + (r < 12 ? 1 : 0)].start;
                m.end = spans[w + len].end;
                m.type = r >= 12 && r < 20 ? types[rnd(5)] : type;
                m.annotator = "ann" + std::to_string(a);
                p.mentions.push_back(m);
            }
        }
        for (int g = 0; g < 3; ++g)
            for (int a = 0; a < kLayers; ++a) {
                Stance s;
                s.id = "s" + std::to_string(p.stances.size());
                s.doc_id = doc.id;
                s.holder = {StanceRef::Kind::Entity, "e" + std::to_string(rnd(5))};
                s.target = {StanceRef::Kind::Target, "t" + std::to_string(g)};
                s.polarity = polarities[rnd(3)];
                s.annotator = "ann" + std::to_string(a);
                p.stances.push_back(s);
            }
    }
    p.keep_sorted();

    // Speed is measured by bench/agreement_bench.cpp, not here: this checks the result at scale.
    const AgreementReport r = compute_agreement(p);
    CHECK(r.mentions.pairs.size() == 190);
    CHECK(r.mentions.documents.size() == 1000);
    CHECK(r.mentions.exact.f1() > 0.5);
    CHECK(r.mentions.token_alpha.defined());
    CHECK(r.stances.fleiss_kappa.defined());
}
