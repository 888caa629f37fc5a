// Gold layer by default in exports: with ExportOptions::annotator empty, a project that has a
// "gold" layer exports only gold; kAllLayers ("*") exports every layer; a name exports that
// layer; a project without gold exports everything. Checked through filter_for_export,
// export_annotator and a real export (the lossless postil format, read back).
#include "core/demo.h"
#include "core/formats/format.h"
#include "core/layers.h"
#include "core/project_io.h"

#include <doctest/doctest.h>

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
