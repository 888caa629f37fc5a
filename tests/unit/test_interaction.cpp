// Document-view interaction logic (src/core/interaction): mouse selection with word snapping,
// the stance gesture state machine (every transition), key resolution and the keymap table.
#include "core/demo.h"
#include "core/interaction/keymap.h"
#include "core/interaction/selection.h"
#include "core/interaction/stance_gesture.h"
#include "core/ops.h"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

using namespace postil;
using namespace postil::interaction;

namespace {

Text make_text(const std::string& s) { return Text::from_normalized(s); }

// Code point offset of the first occurrence of `needle` in `t`.
uint32_t cp_find(const Text& t, const std::string& needle)
{
    size_t byte = t.utf8().find(needle);
    REQUIRE(byte != std::string::npos);
    return static_cast<uint32_t>(t.cp_of_byte(byte));
}

std::string sel_text(const Text& t, const TextSelection& s) { return std::string(t.slice(s.span().start, s.span().end)); }

} // namespace

// [SECTION] selection

TEST_CASE("selection: a drag snaps to whole words, Alt gives exact characters")
{
    const Text t = make_text("Dans un essai, Dario Amodei, PDG d’Anthropic, a pris position.");
    const uint32_t da = cp_find(t, "Dario");
    TextSelection s;
    CHECK(s.empty());
    s.begin(t, da + 2, SnapMode::Words); // inside "Dario"
    CHECK(s.dragging());
    CHECK(s.empty()); // a press alone selects nothing
    s.update(t, da + 9, SnapMode::Words); // inside "Amodei"
    CHECK(sel_text(t, s) == "Dario Amodei");
    // Alt pressed mid-drag: exact code points from the anchor.
    s.update(t, da + 9, SnapMode::Exact);
    CHECK(sel_text(t, s) == "rio Amo");
    CHECK(s.mode() == SnapMode::Exact);
    s.update(t, da + 9, SnapMode::Words);
    s.end();
    CHECK_FALSE(s.dragging());
    CHECK(sel_text(t, s) == "Dario Amodei");
    // Once the drag is over, moves do nothing.
    s.update(t, 0, SnapMode::Words);
    CHECK(sel_text(t, s) == "Dario Amodei");
}

TEST_CASE("selection: dragging backwards, back to the anchor, trailing spaces")
{
    const Text t = make_text("un renforcement des contrôles d’exportation dans une tribune");
    const uint32_t r = cp_find(t, "renforcement"), e = cp_find(t, "exportation");
    TextSelection s;
    s.begin(t, e + 4, SnapMode::Words);
    s.update(t, r + 3, SnapMode::Words);
    CHECK(sel_text(t, s) == "renforcement des contrôles d’exportation");
    s.update(t, e + 4, SnapMode::Words); // back where it started: nothing
    CHECK(s.empty());
    // From a space to a space: whitespace trimmed, the word between kept.
    s.update(t, r - 1, SnapMode::Words);
    s.end();
    CHECK(sel_text(t, s) == "renforcement des contrôles d’exportation");
}

TEST_CASE("selection: double-click, set, clear, clamping")
{
    const Text t = make_text("L’essor de DeepSeek 🔴 et 翻译.");
    TextSelection s;
    s.select_word(t, cp_find(t, "DeepSeek") + 3);
    CHECK(sel_text(t, s) == "DeepSeek");
    CHECK_FALSE(s.dragging());
    s.select_word(t, cp_find(t, "翻译"));
    CHECK(sel_text(t, s) == "翻");
    s.set(t, Span{2, 1000});
    CHECK(s.span() == Span{2, static_cast<uint32_t>(t.size())});
    s.clear();
    CHECK(s.empty());
    s.begin(t, 5000, SnapMode::Exact); // clamped to the end
    CHECK(s.anchor() == t.size());
    s.update(t, static_cast<uint32_t>(t.size()) - 2, SnapMode::Exact);
    CHECK(sel_text(t, s) == "译.");
}

TEST_CASE("selection: Ctrl+C copies the selected code points as UTF-8, else the mention's")
{
    const Text t = make_text("« Dario Amodei », PDG d’Anthropic 🔴, a parlé de 中文 et d’œuvres.");
    const uint32_t da = cp_find(t, "Dario"), an = cp_find(t, "Anthropic");
    // A drag (word snapped) over "Dario Amodei": exactly those bytes.
    TextSelection s;
    s.begin(t, da + 1, SnapMode::Words);
    s.update(t, da + 10, SnapMode::Words);
    s.end();
    CHECK(copy_text(t, s.span(), Span{}) == "Dario Amodei");
    // The selection wins over a selected mention.
    CHECK(copy_text(t, s.span(), Span{an, an + 9}) == "Dario Amodei");
    // No selection: the mention's text. Non-ASCII, emoji (one code point, four bytes) and CJK.
    CHECK(copy_text(t, Span{}, Span{an, an + 9}) == "Anthropic");
    const uint32_t guil = 0, emoji = cp_find(t, "🔴"), zh = cp_find(t, "中文"), oe = cp_find(t, "œuvres");
    CHECK(copy_text(t, Span{guil, guil + 16}, Span{}) == "« Dario Amodei »");
    CHECK(copy_text(t, Span{an - 2, emoji + 1}, Span{}) == "d’Anthropic 🔴");
    CHECK(copy_text(t, Span{zh, zh + 2}, Span{}) == "中文");
    CHECK(copy_text(t, Span{oe, oe + 6}, Span{}) == "œuvres");
    // Nothing selected: nothing to copy. Out of range: clamped to the text.
    CHECK(copy_text(t, Span{}, Span{}).empty());
    CHECK(copy_text(t, Span{5, 5}, Span{}).empty());
    const uint32_t n = static_cast<uint32_t>(t.size());
    CHECK(copy_text(t, Span{n - 7, n + 50}, Span{}) == "œuvres.");
    CHECK(copy_text(t, Span{}, Span{n + 3, n + 9}).empty());
    // Every range of code points round-trips: copying [a, b) equals the UTF-8 of those code points.
    for (uint32_t a = 0; a < n; a += 3)
        for (uint32_t b = a + 1; b <= n; b += 5) {
            std::string want;
            for (uint32_t i = a; i < b; ++i)
                want += std::string(t.slice(i, i + 1));
            CHECK(copy_text(t, Span{a, b}, Span{}) == want);
        }
}

// [SECTION] stance gesture

TEST_CASE("gesture: the happy path, with evidence")
{
    Project p = make_demo_project();
    StanceGesture g;
    CHECK(g.step() == GestureStep::Idle);
    CHECK(g.hint(p).empty());
    CHECK(g.start("demo-1", "m1"));
    CHECK(g.step() == GestureStep::PickTarget);
    CHECK(g.holder() == "m1");
    CHECK_FALSE(g.hint(p).empty());
    CHECK(g.set_evidence(Span{3, 9}));
    CHECK(g.step() == GestureStep::PickTarget);
    CHECK(g.pick_target(StanceRef{StanceRef::Kind::Target, "us-export-controls"}));
    CHECK(g.step() == GestureStep::PickPolarity);
    CHECK(g.hint(p).find("press F Favor / A Against / N Neutral") != std::string::npos);
    CHECK(g.set_evidence(Span{4, 10})); // evidence may still change before the polarity
    auto r = g.choose_polarity(p.schema, "FAVOR");
    REQUIRE(r);
    CHECK(r->doc_id == "demo-1");
    CHECK(r->holder == StanceRef{StanceRef::Kind::Mention, "m1"});
    CHECK(r->target == StanceRef{StanceRef::Kind::Target, "us-export-controls"});
    CHECK(r->polarity == "FAVOR");
    CHECK(r->evidence == Span{4, 10});
    CHECK(g.step() == GestureStep::Idle);
    CHECK_FALSE(g.evidence());
}

TEST_CASE("gesture: refused transitions leave the state unchanged")
{
    Project p = make_demo_project();
    StanceGesture g;
    // Idle
    CHECK_FALSE(g.start("demo-1", ""));
    CHECK_FALSE(g.start("", "m1"));
    CHECK_FALSE(g.pick_target(StanceRef{StanceRef::Kind::Mention, "m2"}));
    CHECK_FALSE(g.set_evidence(Span{1, 2}));
    CHECK_FALSE(g.choose_polarity(p.schema, "FAVOR"));
    CHECK(g.step() == GestureStep::Idle);
    // PickTarget
    REQUIRE(g.start("demo-1", "m1"));
    CHECK_FALSE(g.pick_target(StanceRef{StanceRef::Kind::Mention, "m1"})); // the holder itself
    CHECK_FALSE(g.pick_target(StanceRef{}));
    CHECK_FALSE(g.pick_target(StanceRef{StanceRef::Kind::Entity, ""}));
    CHECK_FALSE(g.choose_polarity(p.schema, "FAVOR")); // no target yet
    CHECK(g.step() == GestureStep::PickTarget);
    // PickPolarity
    REQUIRE(g.pick_target(StanceRef{StanceRef::Kind::Mention, "m2"}));
    CHECK_FALSE(g.pick_target(StanceRef{StanceRef::Kind::Mention, "m3"})); // already picked
    CHECK_FALSE(g.choose_polarity(p.schema, "LOVES"));
    CHECK(g.step() == GestureStep::PickPolarity);
    CHECK(g.target().id == "m2");
}

TEST_CASE("gesture: Esc cancels from every step; evidence cleared by an empty span")
{
    Project p = make_demo_project();
    StanceGesture g;
    g.cancel();
    CHECK(g.step() == GestureStep::Idle);
    REQUIRE(g.start("demo-1", "m1"));
    g.cancel();
    CHECK(g.step() == GestureStep::Idle);
    CHECK(g.holder().empty());
    REQUIRE(g.start("demo-1", "m1"));
    REQUIRE(g.set_evidence(Span{1, 4}));
    REQUIRE(g.set_evidence(Span{4, 4}));
    CHECK_FALSE(g.evidence());
    REQUIRE(g.pick_target(StanceRef{StanceRef::Kind::Mention, "m2"}));
    g.cancel();
    CHECK(g.step() == GestureStep::Idle);
    CHECK(g.target().kind == StanceRef::Kind::None);
}

TEST_CASE("gesture: restart with another holder")
{
    StanceGesture g;
    REQUIRE(g.start("demo-1", "m1"));
    REQUIRE(g.set_evidence(Span{1, 4}));
    REQUIRE(g.pick_target(StanceRef{StanceRef::Kind::Mention, "m2"}));
    CHECK(g.start("demo-1", "m3"));
    CHECK(g.step() == GestureStep::PickTarget);
    CHECK(g.holder() == "m3");
    CHECK(g.target().kind == StanceRef::Kind::None);
    CHECK_FALSE(g.evidence());
}

TEST_CASE("gesture: revalidate cancels when the document, holder or target goes away")
{
    Project p = make_demo_project();
    History h;
    Editor ed{p, h};
    const Text& t = *p.document("demo-1")->text;
    const std::string a = ed.add_mention("demo-1", 0, 4, "PER");
    const std::string b = ed.add_mention("demo-1", 6, 10, "ORG");
    REQUIRE_FALSE(a.empty());
    REQUIRE_FALSE(b.empty());
    (void)t;
    StanceGesture g;
    CHECK_FALSE(g.revalidate(p, "demo-1")); // idle: nothing to cancel

    REQUIRE(g.start("demo-1", a));
    CHECK_FALSE(g.revalidate(p, "demo-1"));
    CHECK(g.revalidate(p, "demo-2")); // another document opened
    CHECK(g.step() == GestureStep::Idle);

    REQUIRE(g.start("demo-1", a));
    REQUIRE(g.pick_target(StanceRef{StanceRef::Kind::Mention, b}));
    CHECK_FALSE(g.revalidate(p, "demo-1"));
    REQUIRE(ed.undo()); // removes b, the target
    CHECK(g.revalidate(p, "demo-1"));
    CHECK(g.step() == GestureStep::Idle);

    REQUIRE(g.start("demo-1", a));
    REQUIRE(ed.undo()); // removes a, the holder
    CHECK(g.revalidate(p, "demo-1"));

    REQUIRE(ed.redo());
    REQUIRE(g.start("demo-1", a));
    REQUIRE(g.pick_target(StanceRef{StanceRef::Kind::Target, "no-such-target"}));
    CHECK(g.revalidate(p, "demo-1"));
}

TEST_CASE("gesture + Editor: the stance lands in the project, one undo step")
{
    Project p = make_demo_project();
    History h;
    Editor ed{p, h};
    const Text& t = *p.document("demo-1")->text;
    const std::string holder = ed.add_mention("demo-1", 0, 5, "PER");
    const std::string target = ed.add_mention("demo-1", 10, 20, "POLICY");
    StanceGesture g;
    REQUIRE(g.start("demo-1", holder));
    REQUIRE(g.pick_target(StanceRef{StanceRef::Kind::Mention, target}));
    auto r = g.choose_polarity(p.schema, "AGAINST");
    REQUIRE(r);
    const std::string id = ed.add_stance(r->doc_id, r->holder, r->target, r->polarity, r->evidence);
    REQUIRE_FALSE(id.empty());
    CHECK(p.stance(id)->polarity == "AGAINST");
    REQUIRE(ed.undo());
    CHECK_FALSE(p.stance(id));
    REQUIRE(ed.redo());
    CHECK(p.stance(id));
    CHECK(t.size() > 20);
}

TEST_CASE("add_mention is one undo step, also when the document leaves 'todo'")
{
    Project p = make_demo_project();
    History h;
    Editor ed{p, h};
    p.document("demo-3")->status = DocStatus::Todo;
    const std::string id = ed.add_mention("demo-3", 0, 3, "MISC");
    REQUIRE_FALSE(id.empty());
    CHECK(p.document("demo-3")->status == DocStatus::InProgress);
    REQUIRE(ed.undo());
    CHECK_FALSE(p.mention(id));
    CHECK(p.document("demo-3")->status == DocStatus::Todo);
}

// [SECTION] keymap

TEST_CASE("keymap: entity hotkeys create or relabel, depending on the selection")
{
    const Schema s = default_schema();
    KeyContext text{true, false, GestureStep::Idle, false};
    KeyContext ment{false, true, GestureStep::Idle, false};
    KeyContext none{};
    CHECK(resolve(s, Chord{"1"}, text) == interaction::Action{interaction::Command::AddMention, "PER"});
    CHECK(resolve(s, Chord{"6"}, text) == interaction::Action{interaction::Command::AddMention, "POLICY"});
    CHECK(resolve(s, Chord{"2"}, ment) == interaction::Action{interaction::Command::SetMentionType, "ORG"});
    CHECK(resolve(s, Chord{"1"}, none).command == interaction::Command::None);
    CHECK(resolve(s, Chord{"1", ModCtrl}, text).command == interaction::Command::None);
    CHECK(resolve(s, Chord{"9"}, text).command == interaction::Command::None);
}

TEST_CASE("keymap: mention commands, copy, help, search")
{
    const Schema s = default_schema();
    KeyContext ment{false, true, GestureStep::Idle, false};
    KeyContext text{true, false, GestureStep::Idle, false};
    KeyContext none{};
    CHECK(resolve(s, Chord{"Delete"}, ment).command == interaction::Command::DeleteMention);
    CHECK(resolve(s, Chord{"Backspace"}, ment).command == interaction::Command::DeleteMention);
    CHECK(resolve(s, Chord{"Delete"}, text).command == interaction::Command::None);
    CHECK(resolve(s, Chord{"L"}, ment).command == interaction::Command::ChangeLabel);
    CHECK(resolve(s, Chord{"E"}, ment).command == interaction::Command::Palette);
    CHECK(resolve(s, Chord{"E"}, text).command == interaction::Command::Palette);
    CHECK(resolve(s, Chord{"E"}, none).command == interaction::Command::None);
    CHECK(resolve(s, Chord{"N"}, ment).command == interaction::Command::EditNote);
    CHECK(resolve(s, Chord{"S"}, ment).command == interaction::Command::StartStance);
    CHECK(resolve(s, Chord{"S"}, text).command == interaction::Command::None);
    CHECK(resolve(s, Chord{"C", ModCtrl}, text).command == interaction::Command::Copy);
    CHECK(resolve(s, Chord{"C", ModCtrl}, ment).command == interaction::Command::Copy);
    CHECK(resolve(s, Chord{"C", ModCtrl}, none).command == interaction::Command::None);
    CHECK(resolve(s, Chord{"F", ModCtrl}, none).command == interaction::Command::Find);
    CHECK(resolve(s, Chord{"F3"}, none).command == interaction::Command::FindNext);
    CHECK(resolve(s, Chord{"F3", ModShift}, none).command == interaction::Command::FindPrevious);
    CHECK(resolve(s, Chord{"F1"}, none).command == interaction::Command::Help);
    CHECK(resolve(s, Chord{"?"}, none).command == interaction::Command::Help);
    CHECK(resolve(s, Chord{"Escape"}, text).command == interaction::Command::ClearSelection);
    CHECK(resolve(s, Chord{"Escape"}, none).command == interaction::Command::None);
    // The App's keys are never resolved here (no double undo).
    CHECK(resolve(s, Chord{"Z", ModCtrl}, ment).command == interaction::Command::None);
    CHECK(resolve(s, Chord{"S", ModCtrl}, ment).command == interaction::Command::None);
}

TEST_CASE("keymap: the stance gesture and the link prompt take over their keys")
{
    const Schema s = default_schema();
    KeyContext target{false, true, GestureStep::PickTarget, false};
    KeyContext polarity{false, true, GestureStep::PickPolarity, false};
    CHECK(resolve(s, Chord{"T"}, target).command == interaction::Command::TargetList);
    CHECK(resolve(s, Chord{"T"}, polarity).command == interaction::Command::None);
    CHECK(resolve(s, Chord{"Escape"}, target).command == interaction::Command::CancelGesture);
    CHECK(resolve(s, Chord{"Escape"}, polarity).command == interaction::Command::CancelGesture);
    CHECK(resolve(s, Chord{"F"}, polarity) == interaction::Action{interaction::Command::ChoosePolarity, "FAVOR"});
    CHECK(resolve(s, Chord{"A"}, polarity) == interaction::Action{interaction::Command::ChoosePolarity, "AGAINST"});
    // N is the note key elsewhere; waiting for a polarity it means NEUTRAL.
    CHECK(resolve(s, Chord{"N"}, polarity) == interaction::Action{interaction::Command::ChoosePolarity, "NEUTRAL"});
    CHECK(resolve(s, Chord{"N"}, target).command == interaction::Command::EditNote);
    CHECK(resolve(s, Chord{"F"}, target).command == interaction::Command::None);
    // Marking the target on the fly while picking it: text selected + type hotkey.
    KeyContext target_text{true, false, GestureStep::PickTarget, false};
    CHECK(resolve(s, Chord{"6"}, target_text) == interaction::Action{interaction::Command::AddMention, "POLICY"});

    KeyContext prompt{false, true, GestureStep::Idle, true};
    CHECK(resolve(s, Chord{"Enter"}, prompt).command == interaction::Command::ConfirmLink);
    CHECK(resolve(s, Chord{"Escape"}, prompt).command == interaction::Command::DismissLink);
    CHECK(resolve(s, Chord{"Enter"}, KeyContext{}).command == interaction::Command::None);
}

TEST_CASE("keymap: schema hotkeys of any kind, and clashes reported")
{
    Schema s = default_schema();
    CHECK(hotkey_chord("p") == Chord{"P"});
    CHECK(hotkey_chord("1") == Chord{"1"});
    CHECK(hotkey_chord("é") == Chord{"é"});
    s.entity_types[0].hotkey = "é";
    s.entity_types[1].hotkey = "s"; // S starts a stance on a selected mention
    KeyContext text{true, false, GestureStep::Idle, false};
    KeyContext ment{false, true, GestureStep::Idle, false};
    CHECK(resolve(s, Chord{"é"}, text) == interaction::Action{interaction::Command::AddMention, "PER"});
    CHECK(resolve(s, Chord{"S"}, text) == interaction::Action{interaction::Command::AddMention, "ORG"});
    CHECK(resolve(s, Chord{"S"}, ment).command == interaction::Command::StartStance);
    auto clashes = shadowed_hotkeys(s);
    REQUIRE(clashes.size() == 1);
    CHECK(clashes[0].find("type ORG") != std::string::npos);
    CHECK(shadowed_hotkeys(default_schema()).empty());
}

TEST_CASE("keymap: the reference table")
{
    const Schema s = default_schema();
    const auto all = all_bindings(s);
    CHECK(all.size() == fixed_bindings().size() + s.entity_types.size() + s.polarities.size());
    // Every resolvable fixed row is reachable: no earlier row with the same chord and an
    // overlapping context hides it completely.
    const auto& fixed = fixed_bindings();
    for (size_t i = 0; i < fixed.size(); ++i) {
        if (fixed[i].chord.key.empty() || (fixed[i].when & (WhenGlobal | WhenMouse | WhenSearchField)))
            continue;
        uint16_t left = fixed[i].when;
        for (size_t j = 0; j < i; ++j)
            if (fixed[j].chord == fixed[i].chord && !(fixed[j].when & (WhenGlobal | WhenMouse | WhenSearchField)))
                left = static_cast<uint16_t>(left & ~fixed[j].when);
        CHECK_MESSAGE(left != 0, std::string(fixed[i].keys + " (" + fixed[i].description + ") is unreachable"));
    }
    const std::string md = keymap_markdown(s);
    CHECK(md.find("| `Delete` / `Backspace` | mention selected |") != std::string::npos);
    CHECK(md.find("`Ctrl+Shift+Z` / `Ctrl+Y`") != std::string::npos);
    CHECK(md.find("`1` | text selected / mention selected | Mark as PER (Person)") != std::string::npos);
    CHECK(md.find("`F` | stance: pick polarity | Record the stance as FAVOR") != std::string::npos);
    CHECK(md.find("Shift+drag") != std::string::npos);
    MESSAGE("\n" << md);
}

// The README quotes the keyboard reference of the default schema verbatim, between two marker
// comments; this keeps the two from drifting (regenerate: the MESSAGE above prints the table).
TEST_CASE("keymap: the README's keyboard reference is keymap_markdown(default_schema())")
{
    std::ifstream in(std::string(POSTIL_SOURCE_DIR) + "/README.md", std::ios::binary);
    REQUIRE(in.good());
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string readme = buf.str();
    const std::string begin = "<!-- keymap_markdown(default_schema()) begin -->\n";
    const std::string end = "<!-- keymap_markdown(default_schema()) end -->";
    const size_t a = readme.find(begin);
    REQUIRE_MESSAGE(a != std::string::npos, "README.md has no keyboard reference block");
    const size_t b = readme.find(end, a);
    REQUIRE(b != std::string::npos);
    const std::string quoted = readme.substr(a + begin.size(), b - a - begin.size());
    const std::string md = keymap_markdown(default_schema());
    CHECK_MESSAGE(quoted == md, "README.md's keyboard table differs from keymap_markdown(); expected:\n" << md);
}

// [SECTION] the view's in-place mention layout update

#include "core/layout/mention_layout.h"

TEST_CASE("mention layout: shift_keys + insert/erase after an edit equals a rebuild")
{
    Project p = make_demo_project();
    History h;
    Editor ed{p, h};
    const std::string doc = "demo-2"; // after demo-1 in Project::mentions: its keys start > 0
    auto fresh = [&](TextLayout& tl, MentionLayout& ml) {
        tl.build(p.document(doc)->text, MonospaceMetrics(7.0f, 30.0f), 200.0f);
        ml.set_mentions(tl, mention_spans(p, doc));
    };
    auto same = [&](const TextLayout& ta, const MentionLayout& a, const TextLayout& tb, const MentionLayout& b) {
        REQUIRE(a.spans() == b.spans());
        for (size_t i = 0; i < a.size(); ++i)
            CHECK(a.level(i) == b.level(i));
        REQUIRE(ta.line_count() == tb.line_count());
        for (size_t i = 0; i < ta.line_count(); ++i)
            CHECK(ta.line(i).y == tb.line(i).y);
    };
    TextLayout tl;
    MentionLayout ml;
    fresh(tl, ml);
    REQUIRE(ml.size() > 0);

    // Add a mention overlapping existing ones, then one in another document (keys only shift).
    const std::string id = ed.add_mention(doc, 0, 20, "ORG");
    REQUIRE_FALSE(id.empty());
    const Mention* m = p.mention(id);
    const auto key = static_cast<uint32_t>(m - p.mentions.data());
    ml.shift_keys(key, +1);
    ml.insert(tl, MentionSpan{m->start, m->end, 1, key});
    {
        TextLayout t2;
        MentionLayout m2;
        fresh(t2, m2);
        same(tl, ml, t2, m2);
    }
    const std::string other = ed.add_mention("demo-1", 0, 3, "PER");
    const auto other_key = static_cast<uint32_t>(p.mention(other) - p.mentions.data());
    ml.shift_keys(other_key, +1);
    {
        TextLayout t2;
        MentionLayout m2;
        fresh(t2, m2);
        same(tl, ml, t2, m2);
    }

    // Remove the first one again.
    m = p.mention(id);
    const auto key2 = static_cast<uint32_t>(m - p.mentions.data());
    const auto span = ml.index_of_key(key2);
    REQUIRE(span);
    REQUIRE(ed.remove_mention(id));
    ml.erase(tl, *span);
    ml.shift_keys(key2 + 1, -1);
    TextLayout t2;
    MentionLayout m2;
    fresh(t2, m2);
    same(tl, ml, t2, m2);
}
