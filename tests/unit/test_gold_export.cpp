// Gold layer by default in exports: with ExportOptions::annotator empty, a project that has a
// "gold" layer exports only gold; kAllLayers ("*") exports every layer; a name exports that
// layer; a project without gold exports everything. Checked through filter_for_export,
// export_annotator and a real export (the lossless postil format, read back).
#include "core/agreement/project_agreement.h"
#include "core/agreement/reliability.h"
#include "core/dataset/card.h"
#include "core/dataset/card_agreement.h"
#include "core/demo.h"
#include "core/formats/format.h"
#include "core/layers.h"
#include "core/project_io.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace postil;

namespace {

// The demo's annotations copied into the layers `names` (fresh ids per layer, stances pointing
// at their own layer's mentions), the demo's own "demo" layer removed.
Project layered_demo(const std::vector<std::string>& names)
{
    Project demo = make_demo_project();
    Project p = demo;
    p.mentions.clear();
    p.stances.clear();
    p.doc_stances.clear();
    for (const std::string& who : names) {
        for (Mention m : demo.mentions) {
            m.id = who + "-" + m.id;
            m.annotator = who;
            p.mentions.push_back(m);
        }
        for (Stance s : demo.stances) {
            s.id = who + "-" + s.id;
            s.annotator = who;
            for (StanceRef* r : {&s.holder, &s.target})
                if (r->kind == StanceRef::Kind::Mention)
                    r->id = who + "-" + r->id;
            p.stances.push_back(s);
        }
        for (DocStance d : demo.doc_stances) {
            d.id = who + "-" + d.id;
            d.annotator = who;
            p.doc_stances.push_back(d);
        }
    }
    p.keep_sorted();
    return p;
}

std::set<std::string> annotators_of(const Project& p)
{
    std::set<std::string> out;
    for (const auto& m : p.mentions)
        out.insert(m.annotator);
    for (const auto& s : p.stances)
        out.insert(s.annotator);
    for (const auto& s : p.doc_stances)
        out.insert(s.annotator);
    return out;
}

// Exports with the lossless postil format and reads the result back.
Project export_roundtrip(const Project& p, const ExportOptions& opts)
{
    ExportReport r;
    std::vector<OutputFile> files = export_project(p, *find_format("postil"), opts, r);
    REQUIRE(files.size() == 1);
    return load_project_string(files.front().bytes, "exported");
}

} // namespace

TEST_CASE("gold export: an empty annotator exports the gold layer when there is one")
{
    Project p = layered_demo({"alice", "bob", kGoldAnnotator});
    REQUIRE(!make_demo_project().mentions.empty());
    const size_t per_layer = make_demo_project().mentions.size();

    ExportOptions opts; // annotator empty: the default
    CHECK(export_annotator(p, opts) == kGoldAnnotator);
    Project f = filter_for_export(p, opts);
    CHECK(annotators_of(f) == std::set<std::string>{kGoldAnnotator});
    CHECK(f.mentions.size() == per_layer);
    CHECK(f.stances.size() == make_demo_project().stances.size());
    CHECK(f.doc_stances.size() == make_demo_project().doc_stances.size());
    CHECK(validate_project(f).empty());

    Project exported = export_roundtrip(p, opts);
    CHECK(annotators_of(exported) == std::set<std::string>{kGoldAnnotator});
    CHECK(exported.mentions.size() == per_layer);
}

TEST_CASE("gold export: kAllLayers exports every layer, gold included")
{
    Project p = layered_demo({"alice", "bob", kGoldAnnotator});
    ExportOptions opts;
    opts.annotator = kAllLayers;
    CHECK(export_annotator(p, opts).empty());
    Project f = filter_for_export(p, opts);
    CHECK(annotators_of(f) == std::set<std::string>{"alice", "bob", kGoldAnnotator});
    CHECK(f.mentions.size() == p.mentions.size());
    CHECK(f.stances.size() == p.stances.size());
    CHECK(f.doc_stances.size() == p.doc_stances.size());

    // Filtering twice with "*" (what the CLI does: filter, split, then export the parts) keeps
    // every layer; an empty annotator in the second pass would have narrowed it to gold.
    Project twice = export_roundtrip(f, opts);
    CHECK(twice.mentions.size() == p.mentions.size());
}

TEST_CASE("gold export: a named layer exports that layer only")
{
    Project p = layered_demo({"alice", "bob", kGoldAnnotator});
    ExportOptions opts;
    opts.annotator = "bob";
    CHECK(export_annotator(p, opts) == "bob");
    Project f = filter_for_export(p, opts);
    CHECK(annotators_of(f) == std::set<std::string>{"bob"});
    CHECK(f.mentions.size() == make_demo_project().mentions.size());

    opts.annotator = "nobody"; // a layer that does not exist: nothing, not everything
    CHECK(filter_for_export(p, opts).mentions.empty());
}

TEST_CASE("gold export: without a gold layer an empty annotator exports everything")
{
    Project p = layered_demo({"alice", "bob"});
    ExportOptions opts;
    CHECK(export_annotator(p, opts).empty());
    Project f = filter_for_export(p, opts);
    CHECK(f.mentions.size() == p.mentions.size());
    CHECK(annotators_of(f) == std::set<std::string>{"alice", "bob"});

    // Gold made of a single document stance still counts as a gold layer.
    DocStance ds = p.doc_stances.front();
    ds.id = "gold-ds";
    ds.annotator = kGoldAnnotator;
    p.doc_stances.push_back(ds);
    p.keep_sorted();
    CHECK(export_annotator(p, opts) == kGoldAnnotator);
    Project g = filter_for_export(p, opts);
    CHECK(g.mentions.empty());
    CHECK(g.doc_stances.size() == 1);
}

TEST_CASE("gold export: document filter and gold default combine")
{
    Project p = layered_demo({"alice", kGoldAnnotator});
    REQUIRE(p.documents.size() >= 1);
    ExportOptions opts;
    opts.doc_ids = {p.documents.front().id};
    Project f = filter_for_export(p, opts);
    CHECK(f.documents.size() == 1);
    for (const auto& m : f.mentions) {
        CHECK(m.doc_id == p.documents.front().id);
        CHECK(m.annotator == kGoldAnnotator);
    }
}

// The Export dialog's card (src/ui/export_dialog.cpp) is made by these core calls, in this order:
// the layer the export writes, the agreement paragraph, the card. The same paragraph as the CLI's.
namespace {
std::string app_card(const Project& p)
{
    ExportOptions opts;
    opts.annotator = default_export_annotator(p);
    DatasetCardInfo card;
    card.format = "hf";
    card.annotator = export_annotator(p, opts);
    card.agreement_summary = card_agreement_summary(p, {}, card.annotator);
    return make_dataset_card(p, card);
}
} // namespace

TEST_CASE("dataset card (app path): agreement table when two annotators' layers are there")
{
    Project p = layered_demo({"alice", "bob", kGoldAnnotator});
    // bob misses alice's first mention: agreement is below 1.
    const std::string first = "bob-" + make_demo_project().mentions.front().id;
    p.mentions.erase(std::remove_if(p.mentions.begin(), p.mentions.end(), [&](const Mention& m) { return m.id == first; }),
                     p.mentions.end());
    std::vector<std::string> refs_gone;
    for (const Stance& s : p.stances)
        if (s.holder.id == first || s.target.id == first)
            refs_gone.push_back(s.id);
    p.stances.erase(std::remove_if(p.stances.begin(), p.stances.end(),
                                   [&](const Stance& s) { return std::find(refs_gone.begin(), refs_gone.end(), s.id) != refs_gone.end(); }),
                    p.stances.end());

    const std::string md = app_card(p);
    const size_t section = md.find("## Agreement\n\n");
    REQUIRE(section != std::string::npos);
    const std::string agreement = md.substr(section, md.find("\n## ", section + 1) - section);
    CHECK(agreement.find("The exported `gold` layer was adjudicated from 2 annotators' layers (`alice`, `bob`)") != std::string::npos);
    CHECK(agreement.find("not computed") == std::string::npos);

    // The figures are the agreement module's, for the two layers (gold left out).
    AgreementOptions ao;
    ao.annotators = {"alice", "bob"};
    const AgreementReport r = compute_agreement(p, ao);
    CHECK(r.mentions.exact.f1() < 1.0);
    CHECK(agreement.find("| Mentions, exact match F1 | " + format_fixed(r.mentions.exact.f1()) + " |") != std::string::npos);
    CHECK(agreement.find("| Tokens, mean pairwise Cohen's kappa | " + format_fixed(r.mentions.mean_token_kappa) + " |") != std::string::npos);
    CHECK(agreement.find("| Stances (") != std::string::npos);
}

TEST_CASE("dataset card (app path): no agreement table with a single annotator")
{
    Project p = layered_demo({"alice", kGoldAnnotator});
    CHECK(card_agreement_summary(p, {}, kGoldAnnotator).empty());
    CHECK(app_card(p).find("Inter-annotator agreement was not computed for this export.") != std::string::npos);
    // Without gold, every layer is exported and the wording says so.
    Project q = layered_demo({"alice", "bob"});
    const std::string summary = card_agreement_summary(q, {}, "");
    CHECK(summary.rfind("Agreement between the 2 annotators' layers (`alice`, `bob`)", 0) == 0);
}
