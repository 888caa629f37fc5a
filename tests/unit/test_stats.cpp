// Project statistics (text and JSON) and the Markdown dataset card built from them.
#include "dataset_fixtures.h"

#include "core/dataset/card.h"
#include "core/stats.h"

#include <nlohmann/json.hpp>

using namespace dataset_tests;

TEST_CASE("stats: counts per label, entity, stance, document")
{
    Project p = small_project();
    p.entities.push_back({"e1", "Dario Amodei", "PER", "", "", "alice"});
    for (auto& m : p.mentions)
        if (m.id == "m2")
            m.entity_id = "e1";
    ProjectStats s = compute_stats(p);
    CHECK(s.documents == 4);
    CHECK(s.mentions == 12);
    CHECK(s.linked_mentions == 1);
    CHECK(s.stances == 1);
    CHECK(s.doc_stances == 4);
    CHECK(s.tokens > 60);
    REQUIRE(s.labels.size() == 8); // schema types, in schema order
    CHECK(s.labels[0].label == "PER");
    CHECK(s.labels[0].mentions == 2);
    CHECK(s.labels[0].documents == 1);
    CHECK(s.labels[0].entities == 1);
    auto gpe = std::find_if(s.labels.begin(), s.labels.end(), [](const LabelStats& l) { return l.label == "GPE"; });
    CHECK(gpe->mentions == 3);
    CHECK(gpe->documents == 2);
    CHECK(s.doc_stance["china-ai-independence"]["AGAINST"] == 1);
    CHECK(s.doc_stance["china-ai-independence"]["FAVOR"] == 1);
    CHECK(s.stance_polarity["FAVOR"] == 1);
    CHECK(s.annotators["alice"] == 12 + 1 + 3);
    CHECK(s.annotators["bob"] == 1);
    REQUIRE(s.entity_rows.size() == 1);
    CHECK(s.entity_rows[0].mentions == 1);
    CHECK(s.document_rows[0].mentions == 9);
    CHECK(s.document_rows[1].doc_stances == 1);

    nlohmann::json j = stats_to_json(s);
    CHECK(j["totals"]["mentions"] == 12);
    CHECK(j["labels"][0]["label"] == "PER");
    CHECK(j["document_stances"]["us-export-controls"]["NEUTRAL"] == 1);
    CHECK(j["documents"].size() == 4);
    CHECK(j["offset_unit"] == "codepoint");

    std::string text = stats_to_text(s, p.name);
    CHECK(text.find("project: petit corpus") == 0);
    CHECK(text.find("4 documents") != std::string::npos);
}

TEST_CASE("dataset card: schema, counts per split, documents, losses, agreement hook")
{
    Project p = small_project();
    SplitOptions o;
    o.train = 0.5;
    o.dev = 0.25;
    o.test = 0.25;
    o.seed = 3;
    SplitResult r = split_documents(p, o);
    DatasetCardInfo info;
    info.format = "conll";
    info.offset_unit = "token";
    info.scheme = "iob2";
    info.split = &r;
    info.split_options = o;
    info.files = {"train.conll", "dev.conll", "test.conll"};
    info.losses = {"train: 2 overlapping mentions dropped (outermost kept)"};
    info.agreement_summary = "Cohen's kappa 0.81 on 2 documents.";
    std::string md = make_dataset_card(p, info);
    for (const char* want : {"# petit corpus", "## Summary", "| Tag scheme | iob2 |", "## Schema", "### Entity types",
                             "| `PER` | Person | 2 | 1 |", "## Splits", "ratios train 0.50, dev 0.25, test 0.25, seed 3",
                             "### Mentions per label and split", "### Document stances per target, polarity and split",
                             "## Documents", "| `fr1` |", "## Annotators", "Cohen's kappa 0.81", "2 overlapping mentions dropped",
                             "- `train.conll`"})
        CHECK_MESSAGE(md.find(want) != std::string::npos, want);
    // Same inputs, same card (no dates, no paths).
    CHECK(md == make_dataset_card(p, info));
    info.agreement_summary.clear();
    info.split = nullptr;
    md = make_dataset_card(p, info);
    CHECK(md.find("agreement was not computed") != std::string::npos);
    CHECK(md.find("## Splits") == std::string::npos);
}
