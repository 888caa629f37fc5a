// Adjudication: differences between two (or three) layers of a hand-built project covering
// every kind, decisions into the gold layer, their undo, progress, and persistence of
// decisions through the project file.
#include "core/adjudication.h"
#include "core/formats/format.h"
#include "core/project_io.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace postil;

namespace {

// [SECTION] a project with alice and bob on two documents

const char* kText1 = "Dario Amodei dirige Anthropic. Gina Raimondo défend les contrôles à Washington. Pékin dénonce la coercition.\n";
const char* kText2 = "Mistral AI lève des fonds à Paris.\n";

struct Builder {
    Project p;
    Builder()
    {
        p.name = "Two annotators";
        for (auto [id, text] : {std::pair{"d1", kText1}, std::pair{"d2", kText2}}) {
            Document d;
            d.id = d.name = id;
            d.text = std::make_shared<const Text>(Text::from_normalized(text));
            p.documents.push_back(std::move(d));
        }
    }
    Span at(const std::string& doc, const std::string& needle) const
    {
        const Text& t = *p.document(doc)->text;
        size_t byte = t.utf8().find(needle);
        REQUIRE(byte != std::string::npos);
        uint32_t start = static_cast<uint32_t>(t.cp_of_byte(byte));
        return {start, start + static_cast<uint32_t>(count_code_points(needle))};
    }
    std::string mention(const std::string& doc, const std::string& needle, const std::string& type, const std::string& who)
    {
        Mention m;
        m.id = p.new_id("m");
        m.doc_id = doc;
        Span s = at(doc, needle);
        m.start = s.start;
        m.end = s.end;
        m.type = type;
        m.annotator = who;
        p.mentions.push_back(m);
        return m.id;
    }
    std::string entity(const std::string& name, const std::string& type, const std::string& external, const std::string& who)
    {
        Entity e;
        e.id = p.new_id("e");
        e.name = name;
        e.type = type;
        e.external_id = external;
        e.annotator = who;
        p.entities.push_back(e);
        return e.id;
    }
    std::string stance(const std::string& doc, StanceRef holder, StanceRef target, const std::string& pol, const std::string& who)
    {
        Stance s;
        s.id = p.new_id("s");
        s.doc_id = doc;
        s.holder = std::move(holder);
        s.target = std::move(target);
        s.polarity = pol;
        s.annotator = who;
        p.stances.push_back(s);
        return s.id;
    }
    void doc_stance(const std::string& doc, const std::string& target, const std::string& pol, const std::string& who)
    {
        p.doc_stances.push_back({p.new_id("ds"), doc, target, pol, who});
    }
};

StanceRef M(const std::string& id) { return {StanceRef::Kind::Mention, id}; }
StanceRef E(const std::string& id) { return {StanceRef::Kind::Entity, id}; }
StanceRef T(const std::string& id) { return {StanceRef::Kind::Target, id}; }

Project two_annotators()
{
    Builder b;
    // Mentions, d1: agreement, label, boundary, missing on each side.
    std::string a_dario = b.mention("d1", "Dario Amodei", "PER", "alice");
    std::string b_dario = b.mention("d1", "Dario Amodei", "PER", "bob");
    b.mention("d1", "Anthropic", "ORG", "alice");
    b.mention("d1", "Anthropic", "PRODUCT", "bob");
    std::string a_gina = b.mention("d1", "Gina Raimondo", "PER", "alice");
    std::string b_gina = b.mention("d1", "Raimondo", "PER", "bob");
    b.mention("d1", "Washington", "GPE", "alice");
    b.mention("d1", "Pékin", "GPE", "bob");
    // Entities: one per layer, same external id -> the same thing for stance matching.
    std::string a_anthropic = b.entity("Anthropic", "ORG", "wikidata:Q116758847", "alice");
    std::string b_anthropic = b.entity("Anthropic (company)", "ORG", "wikidata:Q116758847", "bob");
    // Stances, d1.
    b.stance("d1", M(a_dario), T("us-export-controls"), "FAVOR", "alice");        // agreement
    b.stance("d1", M(b_dario), T("us-export-controls"), "FAVOR", "bob");
    b.stance("d1", M(a_dario), T("china-ai-independence"), "AGAINST", "alice");   // polarity differs
    b.stance("d1", M(b_dario), T("china-ai-independence"), "NEUTRAL", "bob");
    b.stance("d1", M(a_gina), T("us-export-controls"), "FAVOR", "alice");         // holders differ in span:
    b.stance("d1", M(b_gina), T("us-export-controls"), "FAVOR", "bob");           //   missing on both sides
    b.stance("d1", E(a_anthropic), T("ai-safety-regulation"), "FAVOR", "alice");  // entity agreement
    b.stance("d1", E(b_anthropic), T("ai-safety-regulation"), "FAVOR", "bob");
    // Document stances, d1: agreement, polarity differs, missing.
    b.doc_stance("d1", "us-export-controls", "FAVOR", "alice");
    b.doc_stance("d1", "us-export-controls", "FAVOR", "bob");
    b.doc_stance("d1", "china-ai-independence", "AGAINST", "alice");
    b.doc_stance("d1", "china-ai-independence", "FAVOR", "bob");
    b.doc_stance("d1", "ai-safety-regulation", "NEUTRAL", "alice");
    // d2: one agreement, one label difference.
    b.mention("d2", "Mistral AI", "ORG", "alice");
    b.mention("d2", "Mistral AI", "ORG", "bob");
    b.mention("d2", "Paris", "LOC", "alice");
    b.mention("d2", "Paris", "GPE", "bob");
    b.p.keep_sorted();
    REQUIRE(validate_project(b.p).empty());
    return b.p;
}

struct Fixture {
    Project p = two_annotators();
    History h;
    Editor ed{p, h};
};

// The difference of `item` whose left (or else right) side is the mention with this text.
const Difference* find_mention_diff(const Project& p, const std::vector<Difference>& diffs, const std::string& surface)
{
    for (const auto& d : diffs) {
        if (d.item != DiffItem::Mention)
            continue;
        for (const auto& side : d.sides)
            for (const auto& id : side) {
                const Mention* m = p.mention(id);
                if (m && p.document(m->doc_id)->text->slice(m->start, m->end) == surface)
                    return &d;
            }
    }
    return nullptr;
}

const Difference* find_diff(const std::vector<Difference>& diffs, DiffItem item, const std::string& holder, const std::string& target)
{
    for (const auto& d : diffs)
        if (d.item == item && (holder.empty() || d.holder == holder) && d.target == target)
            return &d;
    return nullptr;
}

size_t count(const std::vector<Difference>& diffs, DiffItem item, DiffKind kind)
{
    return static_cast<size_t>(std::count_if(diffs.begin(), diffs.end(), [&](const Difference& d) { return d.item == item && d.kind == kind; }));
}

std::vector<const Mention*> gold_mentions(const Project& p, const std::string& doc)
{
    return layer_view(p, doc, kGoldAnnotator).mentions;
}

} // namespace

// [SECTION] differences

TEST_CASE("every difference kind between alice and bob, side by side")
{
    Project p = two_annotators();
    std::vector<Difference> diffs = compute_differences(p, "d1", {"alice", "bob"});

    CHECK(count(diffs, DiffItem::Mention, DiffKind::Agreement) == 1);
    CHECK(count(diffs, DiffItem::Mention, DiffKind::Label) == 1);
    CHECK(count(diffs, DiffItem::Mention, DiffKind::Boundary) == 1);
    CHECK(count(diffs, DiffItem::Mention, DiffKind::Missing) == 2);
    CHECK(count(diffs, DiffItem::Stance, DiffKind::Agreement) == 2); // Dario -> export controls; Anthropic by external id
    CHECK(count(diffs, DiffItem::Stance, DiffKind::Label) == 1);
    CHECK(count(diffs, DiffItem::Stance, DiffKind::Missing) == 2);
    CHECK(count(diffs, DiffItem::DocStance, DiffKind::Agreement) == 1);
    CHECK(count(diffs, DiffItem::DocStance, DiffKind::Label) == 1);
    CHECK(count(diffs, DiffItem::DocStance, DiffKind::Missing) == 1);
    CHECK(diffs.size() == 13);

    const Difference* boundary = find_mention_diff(p, diffs, "Gina Raimondo");
    REQUIRE(boundary);
    CHECK(boundary->kind == DiffKind::Boundary);
    REQUIRE(boundary->sides.size() == 2);
    REQUIRE(boundary->sides[0].size() == 1);
    REQUIRE(boundary->sides[1].size() == 1);
    CHECK(p.mention(boundary->sides[0][0])->annotator == "alice");
    CHECK(p.document("d1")->text->slice(p.mention(boundary->sides[1][0])->start, p.mention(boundary->sides[1][0])->end) == "Raimondo");
    CHECK(boundary->span.start == p.mention(boundary->sides[0][0])->start); // the union of both spans
    CHECK(boundary->span.end == p.mention(boundary->sides[0][0])->end);

    const Difference* washington = find_mention_diff(p, diffs, "Washington");
    REQUIRE(washington);
    CHECK(washington->kind == DiffKind::Missing);
    CHECK(washington->sides[0].size() == 1);
    CHECK(washington->sides[1].empty());
    const Difference* pekin = find_mention_diff(p, diffs, "Pékin");
    REQUIRE(pekin);
    CHECK(pekin->sides[0].empty());
    CHECK(pekin->sides[1].size() == 1);
    CHECK(find_mention_diff(p, diffs, "Anthropic")->kind == DiffKind::Label);

    const Difference* pol = find_diff(diffs, DiffItem::Stance, "", "target china-ai-independence");
    REQUIRE(pol);
    CHECK(pol->kind == DiffKind::Label);
    CHECK(pol->holder == "PER 0-12");
    const Difference* ent = find_diff(diffs, DiffItem::Stance, "entity wikidata:Q116758847", "target ai-safety-regulation");
    REQUIRE(ent);
    CHECK(ent->kind == DiffKind::Agreement);
    const Difference* ds = find_diff(diffs, DiffItem::DocStance, "", "ai-safety-regulation");
    REQUIRE(ds);
    CHECK(ds->kind == DiffKind::Missing);
    CHECK(ds->sides[1].empty());

    // Sorted: mentions, then stances, then document stances; nothing resolved yet.
    for (size_t i = 1; i < diffs.size(); ++i)
        CHECK(diffs[i - 1].item <= diffs[i].item);
    for (const auto& d : diffs) {
        CHECK_FALSE(d.resolved);
        CHECK(d.key.find('\n') == std::string::npos);
        CHECK_FALSE(describe(p, d).empty());
    }
    CHECK(describe(p, *boundary).find("bob PER \xC2\xABRaimondo\xC2\xBB") != std::string::npos);

    // Keys do not depend on the order of the annotators; sides follow that order.
    std::vector<Difference> swapped = compute_differences(p, "d1", {"bob", "alice"});
    std::set<std::string> k1, k2;
    for (const auto& d : diffs) k1.insert(d.key);
    for (const auto& d : swapped) k2.insert(d.key);
    CHECK(k1 == k2);
    CHECK(k1.size() == diffs.size());
    CHECK(find_mention_diff(p, swapped, "Washington")->sides[1].size() == 1);

    // Default annotators: every layer but gold.
    CHECK(compute_differences(p, "d1").size() == diffs.size());
    CHECK(compute_differences(p, "nope").empty());
}

TEST_CASE("nested mentions stay separate from boundary pairs")
{
    Builder b;
    b.mention("d2", "Mistral AI lève", "EVENT", "alice"); // outer
    b.mention("d2", "Mistral", "ORG", "alice");           // nested
    b.mention("d2", "Mistral AI", "ORG", "bob");          // overlaps both
    b.p.keep_sorted();
    std::vector<Difference> diffs = compute_differences(b.p, "d2", {"alice", "bob"});
    // Same type wins the pairing: alice's ORG "Mistral" vs bob's ORG "Mistral AI" is one boundary
    // difference, alice's EVENT is missing in bob.
    REQUIRE(diffs.size() == 2);
    const Difference* org = find_mention_diff(b.p, diffs, "Mistral");
    REQUIRE(org);
    CHECK(org->kind == DiffKind::Boundary);
    CHECK(org->sides[1].size() == 1);
    const Difference* ev = find_mention_diff(b.p, diffs, "Mistral AI lève");
    REQUIRE(ev);
    CHECK(ev->kind == DiffKind::Missing);
}

TEST_CASE("three annotators: sides per annotator, partial agreement is missing")
{
    Project p = two_annotators();
    Mention m = *layer_view(p, "d1", "alice").mentions.front(); // Dario Amodei PER
    m.id = "carol-1";
    m.annotator = "carol";
    p.mentions.push_back(m);
    m = *std::find_if(p.mentions.begin(), p.mentions.end(), [](const Mention& x) { return x.annotator == "alice" && x.type == "ORG" && x.doc_id == "d1"; });
    m.id = "carol-2";
    m.annotator = "carol";
    p.mentions.push_back(m); // Anthropic ORG, like alice
    p.keep_sorted();
    std::vector<Difference> diffs = compute_differences(p, "d1", {"alice", "bob", "carol"});
    const Difference* dario = find_mention_diff(p, diffs, "Dario Amodei");
    REQUIRE(dario);
    CHECK(dario->kind == DiffKind::Agreement);
    CHECK(dario->sides.size() == 3);
    const Difference* anthropic = find_mention_diff(p, diffs, "Anthropic");
    REQUIRE(anthropic);
    CHECK(anthropic->kind == DiffKind::Label);
    CHECK(anthropic->sides[2].size() == 1);
    // Washington: alice only -> missing with two empty sides.
    const Difference* washington = find_mention_diff(p, diffs, "Washington");
    REQUIRE(washington);
    CHECK(washington->kind == DiffKind::Missing);
    CHECK(washington->sides[1].empty());
    CHECK(washington->sides[2].empty());
    // Stances: carol has none -> the alice/bob agreements are "missing" for carol.
    CHECK(count(diffs, DiffItem::Stance, DiffKind::Agreement) == 0);

    History h;
    Editor ed{p, h};
    CHECK(accept_sides(ed, *anthropic, {0, 2})); // alice and carol agree: one gold mention
    auto gold = gold_mentions(p, "d1");
    REQUIRE(gold.size() == 1);
    CHECK(gold[0]->type == "ORG");
}

// [SECTION] decisions

TEST_CASE_FIXTURE(Fixture, "decisions build gold; each one undoes exactly")
{
    const std::string initial = save_project_string(p);
    CHECK(default_export_annotator(p).empty());

    // Accept all agreements: 1 mention, 2 stances, 1 document stance in d1; 1 mention in d2.
    CHECK(accept_all_agreements(ed, "d1") == 4);
    CHECK(h.undo_description() == "Accept all agreements");
    CHECK(default_export_annotator(p) == kGoldAnnotator);
    AdjudicationProgress pr = document_progress(p, "d1");
    CHECK(pr.agreements == 4);
    CHECK(pr.agreements_resolved == 4);
    CHECK(pr.differences == 9);
    CHECK(pr.remaining() == 9);
    // The gold stance points at the gold copy of Dario Amodei, the entity stance at a gold entity.
    LayerView gold = layer_view(p, "d1", kGoldAnnotator);
    REQUIRE(gold.mentions.size() == 1);
    REQUIRE(gold.stances.size() == 2);
    for (const Stance* s : gold.stances) {
        if (s->holder.kind == StanceRef::Kind::Mention) {
            CHECK(s->holder.id == gold.mentions[0]->id);
        } else {
            REQUIRE(s->holder.kind == StanceRef::Kind::Entity);
            CHECK(p.entity(s->holder.id)->annotator == kGoldAnnotator);
            CHECK(p.entity(s->holder.id)->external_id == "wikidata:Q116758847");
        }
    }
    REQUIRE(gold.doc_stances.size() == 1);
    CHECK(gold.doc_stances[0]->polarity == "FAVOR");
    // A second bulk accept has nothing left to do (and adds no undo step).
    CHECK(accept_all_agreements(ed, "d1") == 0);
    CHECK(h.undo_description() == "Accept all agreements");
    const std::string after_agreements = save_project_string(p);

    std::vector<std::string> steps{after_agreements};
    auto diffs = [&] { return compute_differences(p, "d1", {"alice", "bob"}); };
    auto step = [&](bool ok) {
        CHECK(ok);
        steps.push_back(save_project_string(p));
    };

    // Label: bob's PRODUCT.
    step(decide(ed, *find_mention_diff(p, diffs(), "Anthropic"), Decision::AcceptRight));
    // Boundary: alice's longer span.
    step(decide(ed, *find_mention_diff(p, diffs(), "Gina Raimondo"), Decision::AcceptLeft));
    // Missing, left only: neither (recorded in the document's meta).
    step(decide(ed, *find_mention_diff(p, diffs(), "Washington"), Decision::AcceptNeither));
    CHECK(find_mention_diff(p, diffs(), "Washington")->resolved);
    CHECK(decided_keys(*p.document("d1")).size() == 1);
    // Missing, right only: the adjudicator's own version (LOC, not bob's GPE).
    {
        GoldEdit e;
        Mention m;
        m.doc_id = "d1";
        Span s = Builder().at("d1", "Pékin");
        m.start = s.start;
        m.end = s.end;
        m.type = "LOC";
        e.mentions.push_back(m);
        GoldEdit bad = e;
        bad.mentions[0].type = "NOPE";
        CHECK_FALSE(decide(ed, *find_mention_diff(p, diffs(), "Pékin"), Decision::Edit, bad));
        CHECK(save_project_string(p) == steps.back());
        step(decide(ed, *find_mention_diff(p, diffs(), "Pékin"), Decision::Edit, e));
    }
    // Stance polarity difference: both polarities kept.
    step(decide(ed, *find_diff(diffs(), DiffItem::Stance, "", "target china-ai-independence"), Decision::AcceptBoth));
    // Document stance: two polarities cannot both be gold's.
    const std::vector<Difference> now = diffs();
    const Difference* ds = find_diff(now, DiffItem::DocStance, "", "china-ai-independence");
    REQUIRE(ds);
    CHECK_FALSE(decide(ed, *ds, Decision::AcceptBoth));
    CHECK(save_project_string(p) == steps.back());
    step(decide(ed, *ds, Decision::AcceptLeft));
    // Missing stances (holders differ by span): alice's reuses gold's "Gina Raimondo".
    for (const auto& d : diffs())
        if (d.item == DiffItem::Stance && d.kind == DiffKind::Missing && !d.resolved) {
            bool alice_side = !d.sides[0].empty();
            step(decide(ed, d, alice_side ? Decision::AcceptLeft : Decision::AcceptNeither));
        }
    // Missing document stance: edited polarity.
    {
        GoldEdit e;
        e.polarity = "FAVOR";
        step(decide(ed, *find_diff(diffs(), DiffItem::DocStance, "", "ai-safety-regulation"), Decision::Edit, e));
    }

    pr = document_progress(p, "d1");
    CHECK(pr.remaining() == 0);
    CHECK(pr.complete());
    for (const auto& d : diffs())
        CHECK(d.resolved);
    gold = layer_view(p, "d1", kGoldAnnotator);
    std::multiset<std::string> types;
    for (const Mention* m : gold.mentions)
        types.insert(m->type + ":" + std::string(p.document("d1")->text->slice(m->start, m->end)));
    CHECK(types == std::multiset<std::string>{"PER:Dario Amodei", "PRODUCT:Anthropic", "PER:Gina Raimondo", "LOC:Pékin"});
    CHECK(gold.stances.size() == 5); // 2 agreements + AGAINST + NEUTRAL + Gina's
    for (const Stance* s : gold.stances)
        if (s->holder.kind == StanceRef::Kind::Mention)
            CHECK(p.mention(s->holder.id)->annotator == kGoldAnnotator);
    CHECK(p.doc_stance("d1", "china-ai-independence", kGoldAnnotator)->polarity == "AGAINST");
    CHECK(p.doc_stance("d1", "ai-safety-regulation", kGoldAnnotator)->polarity == "FAVOR");

    // Gold alone is a valid project: what exports take by default.
    ExportOptions opts;
    opts.annotator = default_export_annotator(p);
    Project exported = filter_for_export(p, opts);
    CHECK(validate_project(exported).empty());
    CHECK(exported.mentions.size() == 4);

    // d2 untouched: its agreement and label difference remain.
    AdjudicationProgress pr2 = document_progress(p, "d2");
    CHECK(pr2.agreements == 1);
    CHECK(pr2.agreements_resolved == 0);
    CHECK(pr2.remaining() == 1);
    auto all = adjudication_progress(p);
    REQUIRE(all.size() == 2);
    CHECK(all[0].doc_id == "d1");
    CHECK(all[1].remaining() == 1);

    // Decisions survive the project file.
    Project reloaded = load_project_string(save_project_string(p));
    CHECK(document_progress(reloaded, "d1").remaining() == 0);

    // Undo walks back through every state exactly, then redo forward again.
    for (size_t i = steps.size(); i-- > 1;) {
        REQUIRE(ed.undo());
        CHECK(save_project_string(p) == steps[i - 1]);
    }
    REQUIRE(ed.undo());
    CHECK(save_project_string(p) == initial);
    CHECK_FALSE(ed.undo());
    REQUIRE(ed.redo());
    CHECK(save_project_string(p) == after_agreements);
    for (size_t i = 1; i < steps.size(); ++i) {
        REQUIRE(ed.redo());
        CHECK(save_project_string(p) == steps[i]);
    }
}

TEST_CASE_FIXTURE(Fixture, "accept all agreements of every document is one undo step")
{
    const std::string initial = save_project_string(p);
    CHECK(accept_all_agreements(ed, "") == 5);
    CHECK(gold_mentions(p, "d2").size() == 1);
    CHECK(ed.undo());
    CHECK(save_project_string(p) == initial);
    CHECK_FALSE(h.can_undo());
}

TEST_CASE_FIXTURE(Fixture, "a stale difference is refused")
{
    std::vector<Difference> diffs = compute_differences(p, "d1", {"alice", "bob"});
    const Difference* pekin = find_mention_diff(p, diffs, "Pékin");
    REQUIRE(pekin);
    Difference copy = *pekin;
    CHECK(ed.remove_mention(copy.sides[1][0]));
    const std::string before = save_project_string(p);
    CHECK_FALSE(decide(ed, copy, Decision::AcceptRight));
    CHECK_FALSE(decide(ed, copy, Decision::AcceptNeither));
    CHECK(save_project_string(p) == before);
    // Side index out of range; right with a single layer.
    Difference washington = *find_mention_diff(p, compute_differences(p, "d1", {"alice", "bob"}), "Washington");
    CHECK_FALSE(accept_sides(ed, washington, {2}));
    Difference solo = compute_differences(p, "d1", {"alice"}).front();
    CHECK(solo.kind == DiffKind::Agreement); // one layer agrees with itself
    CHECK_FALSE(decide(ed, solo, Decision::AcceptRight));
    CHECK(save_project_string(p) == before);
}

TEST_CASE_FIXTURE(Fixture, "gold made by hand resolves differences; reaccepting reuses gold records")
{
    std::vector<Difference> diffs = compute_differences(p, "d1", {"alice", "bob"});
    const Difference* boundary = find_mention_diff(p, diffs, "Gina Raimondo");
    REQUIRE(boundary);
    // The adjudicator annotates gold directly with the editor (bob's span).
    p.annotator = kGoldAnnotator;
    Span s = Builder().at("d1", "Raimondo");
    REQUIRE_FALSE(ed.add_mention("d1", s.start, s.end, "PER").empty());
    CHECK(find_mention_diff(p, compute_differences(p, "d1", {"alice", "bob"}), "Gina Raimondo")->resolved);
    // Accepting the same version again adds nothing.
    size_t before = p.mentions.size();
    CHECK(decide(ed, *boundary, Decision::AcceptRight));
    CHECK(p.mentions.size() == before);
    CHECK(decided_keys(*p.document("d1")).empty()); // gold holds a version: nothing to record
}
