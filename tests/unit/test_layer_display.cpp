// Layer display (core/layout/layer_display.h): which records the document view shows for All /
// one layer / two layers side by side, how a stored choice is made valid for a project, the
// differences marked in each column, and when the view may edit.
#include "core/layout/layer_display.h"
#include "core/project_io.h"

#include <doctest/doctest.h>

#include <cmath>
#include <set>

using namespace postil;

namespace {

const char* kText = "Dario Amodei dirige Anthropic. Gina Raimondo défend les contrôles à Washington. Pékin dénonce la coercition.\n";

struct Builder {
    Project p;
    Builder()
    {
        Document d;
        d.id = d.name = "d1";
        d.text = std::make_shared<const Text>(Text::from_normalized(kText));
        p.documents.push_back(std::move(d));
        p.annotator = "carol";
    }
    Span at(const std::string& needle) const
    {
        const Text& t = *p.documents[0].text;
        const size_t byte = t.utf8().find(needle);
        REQUIRE(byte != std::string::npos);
        const auto start = static_cast<uint32_t>(t.cp_of_byte(byte));
        return {start, start + static_cast<uint32_t>(count_code_points(needle))};
    }
    std::string mention(const std::string& needle, const std::string& type, const std::string& who)
    {
        Mention m;
        m.id = p.new_id("m");
        m.doc_id = "d1";
        const Span s = at(needle);
        m.start = s.start;
        m.end = s.end;
        m.type = type;
        m.annotator = who;
        p.mentions.push_back(m);
        return m.id;
    }
    std::string stance(const std::string& holder, const std::string& target, const std::string& pol, const std::string& who)
    {
        Stance s;
        s.id = p.new_id("s");
        s.doc_id = "d1";
        s.holder = {StanceRef::Kind::Mention, holder};
        s.target = {StanceRef::Kind::Target, target};
        s.polarity = pol;
        s.annotator = who;
        p.stances.push_back(s);
        return s.id;
    }
};

struct Fixture {
    Builder b;
    std::string a_dario, b_dario, a_anthropic, b_anthropic, a_gina, b_gina, a_washington, b_pekin;
    std::string s_agree_a, s_agree_b, s_diff_a, s_diff_b;
    Fixture()
    {
        a_dario = b.mention("Dario Amodei", "PER", "alice");        // agreement
        b_dario = b.mention("Dario Amodei", "PER", "bob");
        a_anthropic = b.mention("Anthropic", "ORG", "alice");       // label
        b_anthropic = b.mention("Anthropic", "PRODUCT", "bob");
        a_gina = b.mention("Gina Raimondo", "PER", "alice");        // boundary
        b_gina = b.mention("Raimondo", "PER", "bob");
        a_washington = b.mention("Washington", "GPE", "alice");     // only alice
        b_pekin = b.mention("Pékin", "GPE", "bob");                 // only bob
        b.mention("coercition", "MISC", kGoldAnnotator);             // a third (gold) layer
        s_agree_a = b.stance(a_dario, "us-export-controls", "FAVOR", "alice");
        s_agree_b = b.stance(b_dario, "us-export-controls", "FAVOR", "bob");
        s_diff_a = b.stance(a_dario, "china-ai-independence", "AGAINST", "alice");
        s_diff_b = b.stance(b_dario, "china-ai-independence", "NEUTRAL", "bob");
        b.p.keep_sorted();
        REQUIRE(validate_project(b.p).empty());
    }
    const Project& p() const { return b.p; }
    std::set<std::string> annotators_of(const std::vector<MentionSpan>& spans) const
    {
        std::set<std::string> out;
        for (const MentionSpan& s : spans)
            out.insert(p().mentions[s.key].annotator);
        return out;
    }
};

LayerSelection one(const std::string& a) { return {LayerMode::One, a, {}}; }
LayerSelection side(const std::string& a, const std::string& b) { return {LayerMode::SideBySide, a, b}; }

} // namespace

TEST_CASE("layer display: mode names round-trip, unknown names are refused")
{
    for (LayerMode m : {LayerMode::All, LayerMode::One, LayerMode::SideBySide}) {
        LayerMode back = LayerMode::All;
        CHECK(layer_mode_from_string(to_string(m), back));
        CHECK(back == m);
    }
    LayerMode keep = LayerMode::One;
    CHECK_FALSE(layer_mode_from_string("both", keep));
    CHECK(keep == LayerMode::One);
}

TEST_CASE("layer display: selectable layers are the project's layers plus the current annotator")
{
    Fixture f;
    CHECK(selectable_layers(f.p()) == std::vector<std::string>{"alice", "bob", "carol", "gold"});
    f.b.p.annotator = "anonymous"; // not a name
    CHECK(selectable_layers(f.p()) == std::vector<std::string>{"alice", "bob", "gold"});
    // An annotator who only recorded entities has nothing to show in the text.
    Entity e;
    e.id = "e1";
    e.name = "Anthropic";
    e.type = "ORG";
    e.annotator = "dave";
    f.b.p.entities.push_back(e);
    CHECK(selectable_layers(f.p()) == std::vector<std::string>{"alice", "bob", "gold"});
}

TEST_CASE("layer display: a stored choice is made valid for the project")
{
    Fixture f;
    CHECK(resolve_layer_selection(f.p(), LayerSelection{}) == LayerSelection{});
    CHECK(resolve_layer_selection(f.p(), one("bob")) == one("bob"));
    CHECK(resolve_layer_selection(f.p(), one("carol")) == one("carol")); // own layer, still empty
    CHECK(resolve_layer_selection(f.p(), one("zoe")) == LayerSelection{});  // not here: All
    CHECK(resolve_layer_selection(f.p(), side("bob", "alice")) == side("bob", "alice"));
    CHECK(resolve_layer_selection(f.p(), side("alice", "alice")) == side("alice", "bob"));
    CHECK(resolve_layer_selection(f.p(), side("zoe", "gold")) == side("alice", "gold"));
    CHECK(resolve_layer_selection(f.p(), side("", "")) == side("alice", "bob"));

    // Only one layer to show: side by side becomes that layer.
    Builder lone;
    lone.p.annotator = "anonymous";
    lone.mention("Pékin", "GPE", "alice");
    lone.p.keep_sorted();
    CHECK(resolve_layer_selection(lone.p, side("alice", "bob")) == one("alice"));
    lone.p.mentions.clear();
    CHECK(resolve_layer_selection(lone.p, side("alice", "bob")) == LayerSelection{});
}

TEST_CASE("layer display: each column shows only its layer's mentions")
{
    Fixture f;
    const std::vector<MentionSpan> all = column_mention_spans(f.p(), "d1", LayerSelection{}, 0);
    CHECK(all.size() == f.p().mentions.size());
    CHECK(all == mention_spans(f.p(), "d1"));
    CHECK(column_mention_spans(f.p(), "d1", LayerSelection{}, 1).empty());

    const std::vector<MentionSpan> bob = column_mention_spans(f.p(), "d1", one("bob"), 0);
    CHECK(bob.size() == 4);
    CHECK(f.annotators_of(bob) == std::set<std::string>{"bob"});
    CHECK(column_mention_spans(f.p(), "d1", one("carol"), 0).empty());

    const LayerSelection s = side("alice", "gold");
    CHECK(column_count(s) == 2);
    CHECK(column_count(one("alice")) == 1);
    const std::vector<MentionSpan> left = column_mention_spans(f.p(), "d1", s, 0);
    const std::vector<MentionSpan> right = column_mention_spans(f.p(), "d1", s, 1);
    CHECK(left.size() == 4);
    CHECK(f.annotators_of(left) == std::set<std::string>{"alice"});
    REQUIRE(right.size() == 1);
    CHECK(f.p().mentions[right[0].key].type == "MISC");
    // Sorted like Project::mentions (what MentionLayout expects).
    for (size_t i = 1; i < left.size(); ++i)
        CHECK(left[i - 1].key < left[i].key);
    CHECK(column_shows(s, 0, "alice"));
    CHECK_FALSE(column_shows(s, 0, "gold"));
    CHECK(column_shows(s, 1, "gold"));
    CHECK_FALSE(column_shows(s, 2, "gold"));
}

TEST_CASE("layer display: differences between two columns are marked where they are")
{
    Fixture f;
    CHECK(compare_columns(f.p(), "d1", one("alice")).differences.empty());

    const LayerComparison c = compare_columns(f.p(), "d1", side("alice", "bob"));
    // Mentions: Dario agrees; Anthropic (label), Gina (boundary), Washington and Pékin (missing)
    // differ. Stances: one agreement, one polarity difference.
    CHECK(c.agreements == 2);
    CHECK(c.disagreements == 5);
    CHECK(c.mark_of(0, f.a_dario) == nullptr);
    CHECK(c.mark_of(1, f.b_dario) == nullptr);
    CHECK(c.mark_of(0, f.s_agree_a) == nullptr);
    REQUIRE(c.mark_of(0, f.a_anthropic));
    CHECK(c.mark_of(0, f.a_anthropic)->kind == DiffKind::Label);
    REQUIRE(c.mark_of(1, f.b_anthropic));
    CHECK(c.mark_of(1, f.b_anthropic)->kind == DiffKind::Label);
    REQUIRE(c.mark_of(0, f.a_gina));
    CHECK(c.mark_of(0, f.a_gina)->kind == DiffKind::Boundary);
    CHECK(c.mark_of(0, f.a_gina)->span == f.b.at("Gina Raimondo"));
    CHECK(c.mark_of(1, f.b_gina)->span == f.b.at("Raimondo"));
    REQUIRE(c.mark_of(0, f.a_washington));
    CHECK(c.mark_of(0, f.a_washington)->kind == DiffKind::Missing);
    CHECK(c.mark_of(1, f.a_washington) == nullptr); // alice's record is not in bob's column
    REQUIRE(c.mark_of(1, f.b_pekin));
    REQUIRE(c.mark_of(0, f.s_diff_a));
    CHECK(c.mark_of(0, f.s_diff_a)->item == DiffItem::Stance);
    CHECK(c.mark_of(0, f.s_diff_a)->kind == DiffKind::Label);
    REQUIRE(c.mark_of(1, f.s_diff_b));

    // Gaps: where the other layer has a mention this one lacks.
    auto gaps = [&](size_t col) {
        std::vector<Span> out;
        for (const ColumnMark& m : c.marks[col])
            if (m.gap())
                out.push_back(m.span);
        return out;
    };
    CHECK(gaps(0) == std::vector<Span>{f.b.at("Pékin")});
    CHECK(gaps(1) == std::vector<Span>{f.b.at("Washington")});
    // Sorted by position.
    for (const auto& marks : c.marks)
        for (size_t i = 1; i < marks.size(); ++i)
            CHECK(marks[i - 1].span.start <= marks[i].span.start);

    // The other order mirrors the marks.
    const LayerComparison r = compare_columns(f.p(), "d1", side("bob", "alice"));
    CHECK(r.disagreements == c.disagreements);
    REQUIRE(r.mark_of(0, f.b_anthropic));
    REQUIRE(r.mark_of(1, f.a_washington));
    CHECK(r.mark_of(0, f.a_washington) == nullptr);
}

TEST_CASE("layer display: edits are allowed on All and on one's own layer only")
{
    CHECK(edit_policy(LayerSelection{}, "carol").allowed);
    CHECK(edit_policy(one("carol"), "carol").allowed);
    const EditPolicy other = edit_policy(one("bob"), "carol");
    CHECK_FALSE(other.allowed);
    CHECK(other.reason.find("bob") != std::string::npos);
    CHECK(other.reason.find("carol") != std::string::npos);
    const EditPolicy both = edit_policy(side("carol", "bob"), "carol");
    CHECK_FALSE(both.allowed);
    CHECK(both.reason.find("Side by side is read only") != std::string::npos);
}

namespace {
// Fixed-width fake font: 8 px per character, 20 px lines.
class MonoMetrics : public FontMetrics {
public:
    float advance(char32_t) const override { return 8.0f; }
    float line_height() const override { return 20.0f; }
};
} // namespace

TEST_CASE("layer display: side-by-side columns stay in step line by line")
{
    Fixture f;
    const LayerSelection s = side("alice", "gold");
    const MonoMetrics metrics;
    TextLayout left, right;
    left.build(f.p().documents[0].text, metrics, 160.0f);
    right.build(f.p().documents[0].text, metrics, 160.0f);
    REQUIRE(left.line_count() > 3);
    MentionStyle style;
    style.reserved_bands = 0; // lines without mentions get no extra: the columns really differ
    MentionLayout ml, mr;
    ml.set_style(left, style);
    mr.set_style(right, style);
    ml.set_mentions(left, column_mention_spans(f.p(), "d1", s, 0));
    mr.set_mentions(right, column_mention_spans(f.p(), "d1", s, 1));
    bool differed = false;
    for (size_t i = 0; i < left.line_count(); ++i)
        differed |= left.line(i).y != right.line(i).y;
    CHECK(differed);

    REQUIRE(align_columns(left, right));
    for (size_t i = 0; i < left.line_count(); ++i) {
        CHECK(left.line(i).y == right.line(i).y);
        CHECK(left.line_extra(i) >= 0.0f);
    }
    CHECK(left.total_height() == right.total_height());
    // Each column keeps its own mentions' bands: extras only grew.
    CHECK(ml.size() == 4);
    CHECK(mr.size() == 1);

    // Different widths: different lines, nothing changed.
    TextLayout narrow;
    narrow.build(f.p().documents[0].text, metrics, 80.0f);
    const float before = narrow.total_height();
    CHECK_FALSE(align_columns(left, narrow));
    CHECK(narrow.total_height() == before);
}
