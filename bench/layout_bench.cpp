// layout_bench: times the document view's layout (core/layout) on a large synthetic document -
// 200,000 French-like tokens with 20,000 mentions from /work/shared/bench/gen_task.js - and
// prints a table: full layout, re-wrap, mention levels, visible-lines query, segments per
// screen, hit-tests, rects, incremental mention edits. A second scenario adds 2,000 enclosing
// mentions and one whole-document mention, so everything is one deeply nested overlap cluster.
// Does not do: drawing, or any check of correctness (tests/unit/test_layout.cpp does).
//
//   node /work/shared/bench/gen_task.js --tokens 200000 --regions 20000 > /tmp/task.json
//   ./layout_bench /tmp/task.json        (without an argument it runs the generator itself)
//
// Standalone build until bench/CMakeLists.txt is wired in (optimised, against a built core):
//   cmake -S /work/main -B /tmp/build-rel -DCMAKE_BUILD_TYPE=Release -DPOSTIL_BUILD_GUI=OFF -G Ninja
//   cmake --build /tmp/build-rel --target postil_core
//   g++ -std=c++20 -O2 -DNDEBUG -I/work/main/src -I/tmp/build-rel/deps-include
//       /work/main/bench/layout_bench.cpp /tmp/build-rel/src/core/libpostil_core.a -o /tmp/layout_bench
#include "bench_clock.h"
#include "core/layout/mention_layout.h"
#include "core/layout/text_layout.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>


using namespace postil;

// [SECTION] helpers

namespace {

// Thread CPU time (bench_clock.h), not wall time.
struct Clock {
    using time_point = double;
    static double now() { return bench::thread_cpu_ms(); }
};

double ms_since(double t0) { return Clock::now() - t0; }

// Proportional fake of a 16 px UI font: narrow i/l/punctuation, wide m/w/capitals.
class ProportionalMetrics : public FontMetrics {
public:
    float advance(char32_t cp) const override
    {
        if (cp == ' ' || cp == 0xA0)
            return 4.0f;
        if (cp == 'i' || cp == 'l' || cp == 'j' || cp == '.' || cp == ',' || cp == '\'' || cp == 0x2019)
            return 3.5f;
        if (cp == 'm' || cp == 'w')
            return 12.0f;
        if (cp >= 'A' && cp <= 'Z')
            return 10.0f;
        if (cp >= 0x10000)
            return 16.0f;
        return 7.5f;
    }
    float line_height() const override { return 19.0f; }
    float ascent() const override { return 15.0f; }
};

std::string load_task_json(int argc, char** argv)
{
    if (argc > 1) {
        std::ifstream f(argv[1], std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        return ss.str();
    }
    std::string out;
    FILE* p = popen("node /work/shared/bench/gen_task.js --tokens 200000 --regions 20000", "r");
    if (!p)
        return out;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        out.append(buf, n);
    pclose(p);
    return out;
}

struct Row {
    std::string what;
    std::string size;
    double ms;    // per operation
    int repeats;
};

std::vector<Row> rows;
double sink = 0; // keeps results alive

// Runs fn `repeats` times and records the median time per run.
template <class Fn>
void timed(const std::string& what, const std::string& size, int repeats, Fn fn)
{
    std::vector<double> t;
    for (int r = 0; r < repeats; ++r) {
        auto t0 = Clock::now();
        fn(r);
        t.push_back(ms_since(t0));
    }
    std::sort(t.begin(), t.end());
    rows.push_back({what, size, t[t.size() / 2], repeats});
}

// Same, for an operation too fast to time alone: one timing over `count` calls.
template <class Fn>
void timed_batch(const std::string& what, const std::string& size, int count, Fn fn)
{
    auto t0 = Clock::now();
    for (int r = 0; r < count; ++r)
        fn(r);
    rows.push_back({what, size, ms_since(t0) / count, count});
}

std::string fmt_time(double ms)
{
    char buf[64];
    if (ms >= 1.0)
        std::snprintf(buf, sizeof buf, "%9.2f ms", ms);
    else
        std::snprintf(buf, sizeof buf, "%9.2f us", ms * 1000.0);
    return buf;
}

} // namespace

// [SECTION] scenarios

static void run_scenario(const char* name, TextLayout& layout, std::vector<MentionSpan> spans,
                         const std::string& mention_desc)
{
    std::printf("-- %s: %s\n", name, mention_desc.c_str());
    MentionLayout ml;
    timed(std::string(name) + ": set_mentions (levels + line bands + y)", mention_desc, 9,
          [&](int) { ml.set_mentions(layout, spans); });
    std::printf("   max level %d, lines %zu, height %.0f px\n", ml.max_level(), layout.line_count(),
                layout.total_height());

    const float screen_h = 50 * (layout.line_height() + 4.0f);
    std::mt19937 rng(42);
    std::uniform_real_distribution<float> ys(0.0f, layout.total_height() - screen_h);
    std::vector<MentionSegment> segs;
    size_t seg_count = 0, screens = 0;
    timed_batch(std::string(name) + ": lines_in + segments, one screen", "~50 lines", 2000, [&](int) {
        float y0 = ys(rng);
        LineRange r = layout.lines_in(y0, y0 + screen_h);
        ml.segments(layout, r, segs);
        seg_count += segs.size();
        ++screens;
    });
    std::printf("   %.1f segments per screen\n", double(seg_count) / double(screens));
    timed_batch(std::string(name) + ": mention hit_test (text or band)", "random point", 20000, [&](int) {
        float y = ys(rng);
        float x = float(rng() % 800);
        auto h = ml.hit_test(layout, x, y);
        sink += h ? double(*h) : 0.0;
    });

    // Incremental edits: insert a mention then erase it again (layout stays the same).
    const uint32_t n = uint32_t(layout.text().size());
    timed(std::string(name) + ": insert one mention (incremental)", "+1", 201, [&](int r) {
        uint32_t a = uint32_t((uint64_t(r) * 7919u * 104729u) % (n - 40));
        ml.insert(layout, MentionSpan{a, a + 12, 0, 0xFFFFFFFFu - uint32_t(r)});
    });
    timed(std::string(name) + ": erase one mention (incremental)", "-1", 201, [&](int r) {
        auto i = ml.index_of_key(0xFFFFFFFFu - uint32_t(r));
        if (i)
            ml.erase(layout, *i);
    });
    // The full path, as a UI rebuilding from Project::mentions (kept sorted) would use it.
    auto less = [](const MentionSpan& a, const MentionSpan& b) {
        return a.start != b.start ? a.start < b.start : a.end != b.end ? a.end > b.end : a.key < b.key;
    };
    std::sort(spans.begin(), spans.end(), less);
    timed(std::string(name) + ": full set_mentions after an edit", mention_desc, 9, [&](int r) {
        MentionSpan added{uint32_t(r) * 1000u, uint32_t(r) * 1000u + 12u, 0, 0xFFFFFF00u + uint32_t(r)};
        auto at = spans.insert(std::upper_bound(spans.begin(), spans.end(), added, less), added);
        ml.set_mentions(layout, spans);
        spans.erase(at);
    });
}

int main(int argc, char** argv)
{
    std::string raw = load_task_json(argc, argv);
    if (raw.empty()) {
        std::fprintf(stderr, "layout_bench: no task JSON (pass a file made by gen_task.js)\n");
        return 1;
    }
    nlohmann::json task = nlohmann::json::parse(raw);
    std::string utf8 = task["data"]["text"].get<std::string>();
    std::vector<MentionSpan> spans;
    uint32_t key = 0;
    for (const auto& r : task["annotations"][0]["result"])
        spans.push_back({r["value"]["start"].get<uint32_t>(), r["value"]["end"].get<uint32_t>(), 0, key++});

    TextPtr text;
    timed("Text index (code point/byte/UTF-16)", std::to_string(utf8.size() / 1024) + " KiB", 5,
          [&](int) { text = std::make_shared<const Text>(Text::from_normalized(utf8)); });
    std::printf("text: %zu bytes, %zu code points, %zu mentions\n", utf8.size(), text->size(), spans.size());

    ProportionalMetrics metrics;
    TextLayout layout;
    timed("TextLayout build (measure + wrap 800 px)", "1 doc", 9,
          [&](int) { layout.build(text, metrics, 800.0f); });
    std::printf("lines: %zu, paragraphs: %zu\n", layout.line_count(), layout.paragraph_count());
    timed("re-wrap (set_wrap_width 640 <-> 800 px)", "1 doc", 9,
          [&](int r) { layout.set_wrap_width(r % 2 ? 800.0f : 640.0f); });
    layout.set_wrap_width(800.0f);

    std::mt19937 rng(1);
    std::uniform_real_distribution<float> ys(0.0f, layout.total_height());
    timed_batch("lines_in (visible lines query)", "one screen", 100000, [&](int) {
        float y0 = ys(rng);
        LineRange r = layout.lines_in(y0, y0 + 1000.0f);
        sink += double(r.size());
    });
    timed_batch("hit_test (caret from mouse point)", "random point", 100000, [&](int) {
        sink += double(layout.hit_test(float(rng() % 820), ys(rng)));
    });
    timed_batch("line_of + y_of (scroll to a position)", "random cp", 100000, [&](int) {
        sink += double(layout.y_of(rng() % text->size()));
    });
    std::vector<LayoutRect> rects;
    timed_batch("rects_for (a mention, for locate())", "one span", 100000, [&](int i) {
        const MentionSpan& s = spans[size_t(i) % spans.size()];
        layout.rects_for(s.start, s.end, rects);
        sink += double(rects.size());
    });

    run_scenario("flat", layout, spans, std::to_string(spans.size()) + " non-overlapping");

    // Nested: every 10th region gets an enclosing mention over it and the next region, each
    // 100th a second, crossing one; plus one mention over the whole text.
    std::vector<MentionSpan> nested = spans;
    for (size_t i = 0; i + 1 < spans.size(); i += 10)
        nested.push_back({spans[i].start, spans[i + 1].end, 1, key++});
    for (size_t i = 5; i + 2 < spans.size(); i += 100)
        nested.push_back({spans[i].start, spans[i + 2].end, 2, key++});
    nested.push_back({0, uint32_t(text->size()), 3, key++});
    run_scenario("nested", layout, nested, std::to_string(nested.size()) + " incl. nested + whole-doc");

    std::printf("\n%-58s %-28s %12s %8s\n", "operation", "size", "time/op", "runs");
    std::printf("%s\n", std::string(110, '-').c_str());
    for (const Row& r : rows)
        std::printf("%-58s %-28s %12s %8d\n", r.what.c_str(), r.size.c_str(), fmt_time(r.ms).c_str(), r.repeats);
    std::printf("(thread CPU time; median of runs, or mean over a batch for sub-microsecond operations; checksum %.0f)\n", sink);
    return 0;
}
