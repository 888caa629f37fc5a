// Tests for the document view's text layout (core/layout): wrapping rules, geometry queries and
// mention decorations (levels, bands, visible segments, hit-testing, incremental edits).
#include <doctest/doctest.h>

#include "core/layout/mention_layout.h"
#include "core/layout/text_layout.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace postil;

// [SECTION] helpers

namespace {

TextPtr make_text(const std::string& s) { return std::make_shared<const Text>(Text::from_normalized(s)); }

std::vector<std::string> line_strings(const TextLayout& layout)
{
    std::vector<std::string> out;
    for (const LayoutLine& l : layout.lines())
        out.emplace_back(layout.text().slice(l.start, l.end));
    return out;
}

// Proportional fake font: ASCII widths vary per character, other BMP 9 px, astral 20 px.
class TableMetrics : public FontMetrics {
public:
    float advance(char32_t cp) const override
    {
        ++calls;
        if (cp >= 0x10000)
            return 20.0f;
        if (cp == 0xA0 || cp == 0x202F)
            return 4.0f;
        if (cp < 0x80)
            return cp == ' ' ? 4.0f : float(5 + cp % 7);
        return 9.0f;
    }
    float line_height() const override { return 18.0f; }
    mutable int calls = 0;
};

std::string read_file(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// The sentence with « ... » and " : " from the shared French corpus.
std::string corpus_sentence()
{
    std::string all = read_file(std::string(POSTIL_SHARED_DIR) + "/corpus/fr-ai-geopolitics/003_99c49da5188fee84.txt");
    size_t a = all.find("Il déclare");
    REQUIRE(a != std::string::npos);
    size_t b = all.find("» ", a);
    REQUIRE(b != std::string::npos);
    return all.substr(a, b + 2 - a) + "Amodei souligne que cette situation est attendue.";
}

// Reference level assignment: shortest first, smallest level unused by placed overlapping spans.
std::vector<int> brute_levels(const std::vector<MentionSpan>& s)
{
    std::vector<size_t> order(s.size());
    for (size_t i = 0; i < s.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return s[a].end - s[a].start < s[b].end - s[b].start;
    });
    std::vector<int> level(s.size(), -1);
    for (size_t t = 0; t < order.size(); ++t) {
        const MentionSpan& m = s[order[t]];
        std::vector<bool> used(70, false);
        for (size_t u = 0; u < t; ++u) {
            const MentionSpan& o = s[order[u]];
            if (m.start < m.end && o.start < m.end && m.start < o.end)
                used[size_t(level[order[u]])] = true;
        }
        int l = 0;
        while (l < 63 && used[size_t(l)])
            ++l;
        level[order[t]] = l;
    }
    return level;
}

std::vector<MentionSpan> sorted_spans(std::vector<MentionSpan> v)
{
    std::sort(v.begin(), v.end(), [](const MentionSpan& a, const MentionSpan& b) {
        if (a.start != b.start)
            return a.start < b.start;
        if (a.end != b.end)
            return a.end > b.end;
        return a.key < b.key;
    });
    return v;
}

} // namespace

// [SECTION] wrapping

TEST_CASE("layout: fixed-width wrapping gives exact line breaks")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    TextLayout layout(make_text("hello world foo bar"), mono, 100.0f);
    CHECK(line_strings(layout) == std::vector<std::string>{"hello ", "world foo ", "bar"});
    const LayoutLine& l0 = layout.line(0);
    CHECK(l0.start == 0);
    CHECK(l0.end == 6);
    CHECK(l0.content_end == 5); // the hanging space is not drawn
    CHECK(l0.width == 50.0f);
    CHECK(layout.line(1).width == 90.0f);
    CHECK(layout.line(2).paragraph_end);
    CHECK(!layout.line(0).paragraph_end);
    CHECK(layout.total_height() == 60.0f);
    CHECK(layout.line(2).y == 40.0f);
    CHECK(layout.baseline(1) == doctest::Approx(20.0f + 16.0f));

    // A word that fits exactly stays; one pixel less and it moves down.
    TextLayout exact(make_text("aaaaa bbbb"), mono, 100.0f);
    CHECK(line_strings(exact) == std::vector<std::string>{"aaaaa bbbb"});
    exact.set_wrap_width(99.0f);
    CHECK(line_strings(exact) == std::vector<std::string>{"aaaaa ", "bbbb"});

    // Trailing spaces hang past the wrap width instead of causing a break.
    TextLayout hang(make_text("aaaaaaaaaa    b"), mono, 100.0f);
    CHECK(line_strings(hang) == std::vector<std::string>{"aaaaaaaaaa    ", "b"});
    CHECK(hang.line(0).width == 100.0f);

    // No wrapping.
    TextLayout nowrap(make_text("hello world foo bar"), mono, 0.0f);
    CHECK(nowrap.line_count() == 1);
    CHECK(nowrap.max_line_width() == 190.0f);
}

TEST_CASE("layout: re-wrapping gives the same lines as a fresh build")
{
    TableMetrics m;
    std::string s = corpus_sentence();
    TextLayout a(make_text(s), m, 300.0f);
    int calls_after_build = m.calls;
    uint64_t v = a.version();
    a.set_wrap_width(170.0f);
    CHECK(a.version() != v);
    CHECK(m.calls == calls_after_build); // re-wrap never measures again
    TextLayout b(make_text(s), m, 170.0f);
    CHECK(line_strings(a) == line_strings(b));
    CHECK(a.total_height() == b.total_height());
    // Each distinct code point was measured once.
    TableMetrics m2;
    TextLayout c(make_text("aaaa aaaa aaaa"), m2, 50.0f);
    CHECK(m2.calls == 2);
}

TEST_CASE("layout: NBSP and narrow NBSP are not break opportunities")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    // "prix de 5 % net": a break fits after "5" but the NBSP keeps "5 %" together.
    TextLayout a(make_text("prix de 5\u00A0% net"), mono, 90.0f);
    CHECK(line_strings(a) == std::vector<std::string>{"prix de ", "5\u00A0% net"});
    TextLayout b(make_text("dit \u00AB\u202Fmot\u202F\u00BB ici"), mono, 80.0f);
    CHECK(line_strings(b) == std::vector<std::string>{"dit ", "\u00AB\u202Fmot\u202F\u00BB ", "ici"});
    // An ordinary space would break there.
    TextLayout c(make_text("prix de 5 % net"), mono, 90.0f, WrapOptions{true, false});
    CHECK(line_strings(c) == std::vector<std::string>{"prix de 5 ", "% net"});
}

TEST_CASE("layout: French spacing keeps punctuation and guillemets with their word")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    TextLayout a(make_text("Il dit : ok"), mono, 70.0f);
    CHECK(line_strings(a) == std::vector<std::string>{"Il ", "dit : ", "ok"});
    a.build(make_text("Il dit : ok"), mono, 70.0f, WrapOptions{true, false});
    CHECK(line_strings(a) == std::vector<std::string>{"Il dit ", ": ok"});
    TextLayout b(make_text("a « mot » b"), mono, 80.0f);
    CHECK(line_strings(b) == std::vector<std::string>{"a ", "« mot » ", "b"});

    // The corpus sentence at many widths: no line starts with : ; ! ? » or ends with «.
    TableMetrics m;
    std::string s = corpus_sentence();
    TextLayout c(make_text(s), m, 100.0f);
    for (float w = 60.0f; w < 600.0f; w += 7.0f) {
        c.set_wrap_width(w);
        for (size_t i = 0; i < c.line_count(); ++i) {
            const LayoutLine& l = c.line(i);
            std::string_view line = c.text().slice(l.start, l.end);
            // After a line without hanging spaces, the break was a split inside a too-wide unit.
            bool after_split = i > 0 && c.line(i - 1).content_end == c.line(i - 1).end;
            if (!after_split) {
                CHECK(c.text().at(l.start) != U':');
                CHECK(c.text().at(l.start) != U'\u00BB');
            }
            if (l.content_end < l.end) // a break at spaces: never right after "«"
                CHECK(c.text().at(l.content_end - 1) != U'\u00AB');
            CHECK(!line.empty());
        }
    }
}

TEST_CASE("layout: hyphens are break opportunities (optional)")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    TextLayout a(make_text("les semi-conducteurs"), mono, 100.0f);
    CHECK(line_strings(a) == std::vector<std::string>{"les semi-", "conducteur", "s"});
    TextLayout b(make_text("ab semi-conducteurs"), mono, 100.0f, WrapOptions{false, true});
    CHECK(line_strings(b) == std::vector<std::string>{"ab ", "semi-condu", "cteurs"});
    TextLayout c(make_text("en 2020-2025"), mono, 80.0f); // no break before a digit
    CHECK(line_strings(c) == std::vector<std::string>{"en ", "2020-202", "5"});
}

TEST_CASE("layout: long words are split only when wider than the line")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    TextLayout a(make_text("abcdefghijklmnopqrstuvwxyz"), mono, 100.0f);
    CHECK(line_strings(a) == std::vector<std::string>{"abcdefghij", "klmnopqrst", "uvwxyz"});
    TextLayout b(make_text("ab abcdefghijklmno cd"), mono, 100.0f);
    CHECK(line_strings(b) == std::vector<std::string>{"ab ", "abcdefghij", "klmno cd"});
    // Narrower than one character: still one code point per line, never zero.
    TextLayout c(make_text("abc"), mono, 5.0f);
    CHECK(line_strings(c) == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("layout: empty paragraphs and empty text")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    TextLayout a(make_text("a\n\nb\n"), mono, 100.0f);
    CHECK(line_strings(a) == std::vector<std::string>{"a", "", "b", ""});
    CHECK(a.paragraph_count() == 4);
    CHECK(a.line_of(0) == 0);
    CHECK(a.line_of(1) == 0); // the '\n' position ends line 0
    CHECK(a.line_of(2) == 1);
    CHECK(a.line_of(3) == 2);
    CHECK(a.line_of(5) == 3);
    CHECK(a.line_of(99) == 3);
    CHECK(a.y_of(3) == 40.0f);
    CHECK(a.hit_test(50.0f, 25.0f) == 2);
    auto r = a.rects_for(2, 2);
    REQUIRE(r.size() == 1);
    CHECK(r[0].y0 == 20.0f);
    CHECK(r[0].x0 == r[0].x1);
    // A range over the empty paragraph: one rectangle per line, zero-width in the middle.
    r = a.rects_for(0, 4);
    REQUIRE(r.size() == 3);
    CHECK(r[0].x1 == 10.0f);
    CHECK(r[1].x0 == r[1].x1);
    CHECK(r[2].x1 == 10.0f);

    TextLayout empty(make_text(""), mono, 100.0f);
    CHECK(empty.line_count() == 1);
    CHECK(empty.total_height() == 20.0f);
    CHECK(empty.hit_test(30.0f, 5.0f) == 0);
    CHECK(empty.rects_for(0, 0).size() == 1);
    TextLayout none;
    CHECK(none.line_count() == 1);
    CHECK(none.lines_in(0, 100).empty());
}

TEST_CASE("layout: emoji and astral code points are single units")
{
    TableMetrics m;
    // a=5+97%7=11, b=5+98%7=5, emoji=20.
    TextLayout a(make_text("a\U0001F600b \U00020BB7x"), m, 1000.0f);
    CHECK(a.text().size() == 6);
    CHECK(a.caret_x(0, 1) == 11.0f);
    CHECK(a.caret_x(0, 2) == 31.0f);
    CHECK(a.caret_x(0, 3) == 36.0f);
    CHECK(a.hit_test(11.0f + 9.0f, 5.0f) == 1);  // left half of the emoji
    CHECK(a.hit_test(11.0f + 11.0f, 5.0f) == 2); // right half
    CHECK(a.char_at(0, 25.0f) == 1);
    auto r = a.rects_for(1, 2);
    REQUIRE(r.size() == 1);
    CHECK(r[0].x0 == 11.0f);
    CHECK(r[0].x1 == 31.0f);
    std::vector<float> xs;
    a.caret_xs(0, xs);
    CHECK(xs == std::vector<float>{0, 11, 31, 36, 40, 60, 5 + 'x' % 7 + 60.0f});
    // Long-word split between astral code points, one per line.
    TextLayout b(make_text("\U0001F600\U0001F601\U0001F602"), m, 45.0f);
    CHECK(line_strings(b) == std::vector<std::string>{"\U0001F600\U0001F601", "\U0001F602"});
}

// [SECTION] geometry queries

TEST_CASE("layout: hit_test and rects_for round-trip over a corpus paragraph")
{
    TableMetrics m;
    std::string s = corpus_sentence() + "\n\n" + corpus_sentence();
    TextLayout layout(make_text(s), m, 230.0f);
    REQUIRE(layout.line_count() > 8);
    const size_t n = layout.text().size();
    size_t checked = 0;
    for (size_t cp = 0; cp < n; ++cp) {
        auto rects = layout.rects_for(cp, cp + 1);
        REQUIRE(rects.size() == 1);
        const LayoutRect& r = rects[0];
        const size_t li = layout.line_of(cp);
        CHECK(r.y0 == layout.line(li).y);
        if (r.x1 <= r.x0)
            continue; // '\n' or a hanging space: nothing drawn
        const float cy = (r.y0 + r.y1) * 0.5f;
        CHECK(layout.hit_test(r.x0 + 0.25f * (r.x1 - r.x0), cy) == cp);
        CHECK(layout.hit_test(r.x0 + 0.75f * (r.x1 - r.x0), cy) == cp + 1);
        CHECK(layout.char_at(li, (r.x0 + r.x1) * 0.5f) == cp);
        CHECK(layout.caret_x(li, cp) == r.x0);
        ++checked;
    }
    CHECK(checked > n * 8 / 10);

    // Multi-line range: one rectangle per line, first starts at the range, others at x = 0.
    auto rects = layout.rects_for(10, 200);
    CHECK(rects.size() == layout.line_of(199) - layout.line_of(10) + 1);
    CHECK(rects.front().x0 == layout.caret_x(0, 10));
    for (size_t k = 1; k < rects.size(); ++k) {
        CHECK(rects[k].x0 == 0.0f);
        CHECK(rects[k].y0 > rects[k - 1].y0);
    }
    // Clicking past the end of a soft-wrapped line lands before its hanging space.
    const LayoutLine& l0 = layout.line(0);
    CHECK(layout.hit_test(1e6f, l0.y + 1.0f) == l0.content_end);
    CHECK(layout.hit_test(-5.0f, layout.line(3).y + 1.0f) == layout.line(3).start);
    CHECK(layout.hit_test(1.0f, -100.0f) == 0);
    CHECK(layout.hit_test(1e6f, 1e9f) == n);
}

TEST_CASE("layout: lines_in returns exactly the lines intersecting the band")
{
    TableMetrics m;
    std::string s;
    for (int i = 0; i < 40; ++i)
        s += corpus_sentence() + (i % 3 == 0 ? "\n\n" : "\n");
    TextLayout layout(make_text(s), m, 250.0f);
    for (float y0 : {-50.0f, 0.0f, 7.5f, 333.0f, 1000.0f, layout.total_height() - 5.0f}) {
        float y1 = y0 + 400.0f;
        LineRange r = layout.lines_in(y0, y1);
        for (size_t i = 0; i < layout.line_count(); ++i) {
            const LayoutLine& l = layout.line(i);
            bool visible = l.y < y1 && l.y + l.height > y0;
            CHECK(visible == (i >= r.first && i < r.last));
        }
    }
    CHECK(layout.lines_in(layout.total_height(), layout.total_height() + 100).empty());
}

// [SECTION] mention levels

TEST_CASE("mentions: nested and overlapping mentions get distinct levels, inner closest")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    TextLayout layout(make_text("abcdefghijklmnopqrstuvwxyz"), mono, 1000.0f);
    MentionLayout ml;
    // A contains B, C, D; B and C cross; D is alone inside A.
    ml.set_mentions(layout, {{0, 20, 0, 1}, {2, 5, 0, 2}, {3, 10, 0, 3}, {12, 15, 0, 4}, {21, 24, 0, 5}});
    auto level_of = [&](uint32_t key) { return ml.level(*ml.index_of_key(key)); };
    CHECK(level_of(2) == 0);
    CHECK(level_of(4) == 0);
    CHECK(level_of(3) == 1);
    CHECK(level_of(1) == 2);
    CHECK(level_of(5) == 0);
    CHECK(ml.max_level() == 2);
    // Identical spans (e.g. two types on one span) stack too.
    ml.set_mentions(layout, {{4, 8, 0, 1}, {4, 8, 1, 2}});
    CHECK(level_of(1) == 0);
    CHECK(level_of(2) == 1);
    // Touching is not overlapping.
    ml.set_mentions(layout, {{0, 4, 0, 1}, {4, 8, 0, 2}});
    CHECK(level_of(1) == 0);
    CHECK(level_of(2) == 0);
}

TEST_CASE("mentions: levels match the reference greedy on random small and large clusters")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    TextLayout layout(make_text(std::string(3000, 'x')), mono, 500.0f);
    std::mt19937 rng(7);
    for (int round = 0; round < 30; ++round) {
        std::vector<MentionSpan> spans;
        int n = round < 10 ? 20 : 400; // small clusters: pairwise path; large ones: the tree
        int room = round % 2 ? 3000 : 600;
        for (int i = 0; i < n; ++i) {
            uint32_t s = uint32_t(rng() % uint32_t(room));
            bool long_one = rng() % 8 == 0; // separate statements: call order is then fixed
            uint32_t len = 1 + uint32_t(rng() % (long_one ? 300u : 12u));
            spans.push_back({s, std::min<uint32_t>(s + len, 3000), 0, uint32_t(i)});
        }
        spans = sorted_spans(spans);
        MentionLayout ml;
        ml.set_mentions(layout, spans);
        std::vector<int> ref = brute_levels(spans);
        for (size_t i = 0; i < spans.size(); ++i) {
            REQUIRE(ml.spans()[i] == spans[i]);
            CHECK(ml.level(i) == ref[i]);
            for (size_t j = 0; j < spans.size(); ++j) {
                const MentionSpan &a = spans[i], &b = spans[j];
                bool overlap = i != j && a.start < b.end && b.start < a.end;
                if (overlap && ref[i] < 63)
                    CHECK(ml.level(i) != ml.level(j));
                bool contains = overlap && a.start <= b.start && b.end <= a.end && a.end - a.start > b.end - b.start;
                if (contains)
                    CHECK(ml.level(i) > ml.level(j));
            }
        }
    }
}

TEST_CASE("mentions: level assignment of deep nesting caps at 63")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    TextLayout layout(make_text(std::string(400, 'x')), mono, 1000.0f);
    std::vector<MentionSpan> spans;
    for (uint32_t i = 0; i < 100; ++i)
        spans.push_back({i, 400 - i, 0, i});
    MentionLayout ml;
    ml.set_mentions(layout, spans);
    CHECK(ml.level(*ml.index_of_key(99)) == 0);
    CHECK(ml.level(*ml.index_of_key(50)) == 49);
    CHECK(ml.level(*ml.index_of_key(0)) == 63);
    // An edit there re-levels 100 long mentions: more work than a full pass, so it falls back
    // to one; the result is the same either way.
    ml.insert(layout, {200, 201, 0, 500});
    spans.push_back({200, 201, 0, 500});
    MentionLayout ref;
    TextLayout layout2(make_text(std::string(400, 'x')), mono, 1000.0f);
    ref.set_mentions(layout2, spans);
    for (size_t i = 0; i < ml.size(); ++i)
        CHECK(ml.level(i) == ref.level(i));
    CHECK(ml.level(*ml.index_of_key(99)) == 1);
    CHECK(layout.total_height() == layout2.total_height());
}

// [SECTION] bands, segments, hit-testing

TEST_CASE("mentions: line heights reserve bands for the levels they show")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    TextLayout layout(make_text("aaaa bbbb\ncccc dddd\neeee ffff"), mono, 1000.0f);
    MentionLayout ml;
    MentionStyle style; // first_offset 1, band_step 3, max_bands 4, reserved 1
    ml.set_style(layout, style);
    CHECK(layout.line(0).height == 20.0f + 1 + 3);
    // Line 1: three nested levels. Line 2: six levels -> 4 bands + the shared "more" band.
    std::vector<MentionSpan> spans{{10, 11, 0, 1}, {10, 12, 0, 2}, {10, 14, 0, 3}};
    for (uint32_t k = 0; k < 6; ++k)
        spans.push_back({20, 21 + k, 0, 10 + k});
    ml.set_mentions(layout, spans);
    CHECK(layout.line(0).height == 24.0f);
    CHECK(layout.line(1).height == 20.0f + 1 + 3 * 3);
    CHECK(layout.line(2).height == 20.0f + 1 + 3 * 5);
    CHECK(layout.line(2).y == 24.0f + 30.0f);
    CHECK(layout.total_height() == 24.0f + 30.0f + 36.0f);

    std::vector<MentionSegment> segs;
    ml.segments(layout, LineRange{2, 3}, segs);
    REQUIRE(segs.size() == 6);
    int more = 0;
    for (const MentionSegment& s : segs) {
        CHECK(s.line == 2);
        CHECK(s.band == std::min<int>(s.level, 4));
        CHECK(s.y == layout.line(2).y + 20 + 1 + 3 * s.band);
        more += s.band == 4;
    }
    CHECK(more == 2);
    // A click in the "more" band picks the smallest of the mentions there.
    auto hit = ml.hit_test(layout, 3.0f, layout.line(2).y + 20 + 1 + 3 * 4 + 1);
    REQUIRE(hit);
    CHECK(ml.spans()[*hit].key == 14);
    // Re-wrapping resets heights; sync restores them.
    layout.set_wrap_width(999.0f);
    CHECK(layout.line(1).height == 20.0f);
    ml.sync(layout);
    CHECK(layout.line(1).height == 30.0f);
}

TEST_CASE("mentions: segments across a soft wrap, and only for the visible lines")
{
    TableMetrics m;
    std::string s;
    for (int i = 0; i < 30; ++i)
        s += corpus_sentence() + "\n";
    TextLayout layout(make_text(s), m, 240.0f);
    const uint32_t n = uint32_t(layout.text().size());
    std::vector<MentionSpan> spans;
    for (uint32_t p = 0, k = 0; p + 40 < n; p += 23, ++k)
        spans.push_back({p, p + 5 + (k % 4) * 9, k % 4, k});
    spans.push_back({0, n, 0, 100000}); // one mention over the whole document
    MentionLayout ml;
    ml.set_mentions(layout, spans);

    float y0 = layout.line(40).y + 3.0f, y1 = y0 + 300.0f;
    LineRange vis = layout.lines_in(y0, y1);
    REQUIRE(vis.size() > 5);
    std::vector<MentionSegment> segs;
    ml.segments(layout, vis, segs);
    size_t expected = 0;
    for (size_t li = vis.first; li < vis.last; ++li) {
        const LayoutLine& l = layout.line(li);
        for (size_t i = 0; i < ml.size(); ++i) {
            const MentionSpan& sp = ml.spans()[i];
            uint32_t a = std::max(sp.start, l.start), b = std::min({sp.end, l.end, l.content_end});
            if (a < b)
                ++expected;
        }
    }
    CHECK(segs.size() == expected);
    for (const MentionSegment& g : segs) {
        CHECK(g.line >= vis.first);
        CHECK(g.line < vis.last);
        CHECK(g.x1 > g.x0);
        CHECK(g.x1 <= layout.line(g.line).width);
        // Geometry agrees with rects_for.
        const MentionSpan& sp = ml.spans()[g.mention];
        auto rects = layout.rects_for(sp.start, sp.end);
        const LayoutRect& r = rects[g.line - layout.line_of(sp.start)];
        CHECK(r.x0 == g.x0);
        CHECK(r.x1 == g.x1);
    }
    // A mention crossing a soft wrap: two segments, head on the first, tail on the second.
    const LayoutLine& l5 = layout.line(5);
    ml.set_mentions(layout, {{l5.content_end - 3, l5.end + 4, 0, 7}});
    ml.segments(layout, LineRange{5, 7}, segs);
    REQUIRE(segs.size() == 2);
    CHECK(segs[0].head);
    CHECK(!segs[0].tail);
    CHECK(segs[0].x1 == l5.width); // stops at the drawn text, not the hanging space
    CHECK(!segs[1].head);
    CHECK(segs[1].tail);
    CHECK(segs[1].x0 == 0.0f);
}

TEST_CASE("mentions: a click on the text picks the smallest mention, on a band its level")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    TextLayout layout(make_text("Emmanuel Macron et Xi Jinping"), mono, 1000.0f);
    MentionLayout ml;
    ml.set_mentions(layout, {{0, 15, 0, 1}, {9, 15, 1, 2}, {0, 29, 2, 3}});
    auto key_at = [&](float x, float y) -> int {
        auto h = ml.hit_test(layout, x, y);
        return h ? int(ml.spans()[*h].key) : -1;
    };
    CHECK(key_at(95.0f, 5.0f) == 2);   // "M" of Macron: smallest containing
    CHECK(key_at(25.0f, 5.0f) == 1);   // "m" of Emmanuel
    CHECK(key_at(205.0f, 5.0f) == 3);  // "X"
    CHECK(key_at(1000.0f, 5.0f) == -1);
    const float band0 = 20 + 1, band1 = band0 + 3, band2 = band1 + 3;
    CHECK(key_at(95.0f, band0 + 1) == 2);
    CHECK(key_at(95.0f, band1 + 1) == 1);
    CHECK(key_at(95.0f, band2 + 1) == 3);
    CHECK(key_at(25.0f, band0 + 1) == -1); // nothing at level 0 under "m"
    CHECK(key_at(25.0f, band1 + 1) == 1);
    auto at = ml.mentions_at(10);
    REQUIRE(at.size() == 3);
    CHECK(ml.spans()[at[0]].key == 2);
    CHECK(ml.spans()[at[2]].key == 3);
}

TEST_CASE("mentions: insert and erase give the same state as a full rebuild")
{
    TableMetrics m;
    std::string s;
    for (int i = 0; i < 20; ++i)
        s += corpus_sentence() + "\n";
    const uint32_t n = uint32_t(count_code_points(s));
    std::mt19937 rng(3);
    std::vector<MentionSpan> spans;
    for (uint32_t k = 0; k < 300; ++k) {
        uint32_t a = uint32_t(rng() % (n - 50));
        spans.push_back({a, a + 1 + uint32_t(rng() % (k % 10 == 0 ? 120 : 15)), k % 3, k});
    }
    TextLayout inc(make_text(s), m, 260.0f);
    TextLayout full(make_text(s), m, 260.0f);
    MentionLayout mi, mf;
    std::vector<MentionSpan> current(spans.begin(), spans.begin() + 150);
    mi.set_mentions(inc, current);
    auto same = [&]() {
        mf.set_mentions(full, current);
        REQUIRE(mi.size() == mf.size());
        for (size_t i = 0; i < mi.size(); ++i) {
            CHECK(mi.spans()[i] == mf.spans()[i]);
            CHECK(mi.level(i) == mf.level(i));
        }
        for (size_t li = 0; li < inc.line_count(); ++li) {
            CHECK(inc.line(li).y == full.line(li).y);
            CHECK(inc.line(li).height == full.line(li).height);
        }
        CHECK(inc.total_height() == full.total_height());
    };
    for (size_t k = 150; k < 300; ++k) {
        size_t idx = mi.insert(inc, spans[k]);
        CHECK(mi.spans()[idx] == spans[k]);
        current.push_back(spans[k]);
        if (k % 10 == 0)
            same();
    }
    same();
    for (int k = 0; k < 100; ++k) {
        size_t idx = rng() % mi.size();
        uint32_t key = mi.spans()[idx].key;
        mi.erase(inc, idx);
        current.erase(std::find_if(current.begin(), current.end(), [&](const MentionSpan& x) { return x.key == key; }));
        if (k % 10 == 0)
            same();
    }
    same();
    // After a re-wrap, an insert without sync still leaves a consistent state.
    inc.set_wrap_width(180.0f);
    full.set_wrap_width(180.0f);
    mi.insert(inc, {5, 9, 0, 999999});
    current.push_back({5, 9, 0, 999999});
    same();
}

TEST_CASE("mentions: incremental edits inside one giant cluster (whole-document mention)")
{
    MonospaceMetrics mono(10.0f, 20.0f);
    std::string s;
    for (int i = 0; i < 400; ++i)
        s += "mot" + std::to_string(i) + (i % 13 == 12 ? "\n" : " ");
    TextPtr text = make_text(s);
    const uint32_t n = uint32_t(text->size());
    std::vector<MentionSpan> spans{{0, n, 0, 0}};
    for (uint32_t k = 1; k < 300; ++k) {
        uint32_t a = (k * 37) % (n - 30);
        spans.push_back({a, a + 3 + k % 7 + (k % 17 == 0 ? 200 : 0), 0, k});
    }
    TextLayout inc(text, mono, 200.0f), full(text, mono, 200.0f);
    MentionLayout mi, mf;
    mi.set_mentions(inc, spans);
    std::mt19937 rng(11);
    for (int step = 0; step < 120; ++step) {
        if (step % 3 == 2) {
            size_t idx = rng() % mi.size();
            uint32_t key = mi.spans()[idx].key;
            mi.erase(inc, idx);
            spans.erase(std::find_if(spans.begin(), spans.end(), [&](const MentionSpan& x) { return x.key == key; }));
        } else {
            uint32_t a = uint32_t(rng() % (n - 300));
            MentionSpan m{a, a + 1 + uint32_t(rng() % (step % 5 == 0 ? 250 : 9)), 1, 1000u + uint32_t(step)};
            mi.insert(inc, m);
            spans.push_back(m);
        }
        mf.set_mentions(full, spans);
        REQUIRE(mi.size() == mf.size());
        for (size_t i = 0; i < mi.size(); ++i)
            REQUIRE(mi.level(i) == mf.level(i));
        for (size_t li = 0; li < inc.line_count(); ++li)
            REQUIRE(inc.line(li).height == full.line(li).height);
        REQUIRE(inc.total_height() == full.total_height());
    }
    std::vector<int> ref = brute_levels(mf.spans());
    for (size_t i = 0; i < mf.size(); ++i)
        CHECK(mf.level(i) == ref[i]);
}
