// frame_bench: CPU cost of the document view's frames on large documents, natively and
// headless - an ImGui context with a display size and the UI font (Noto Sans, the same file the
// apps load) but no window and no renderer: each frame is NewFrame, the view's drawContent()
// in a full-screen window, Render; textures are "uploaded" by marking them done. Measures
//   open   - the first frame after a document is opened (layout build, mention levels, glyphs)
//   scroll - every frame while the mouse wheel scrolls through the whole document (p50/p99/max)
//   edit   - one Editor::add_mention on a visible word, and the frame that follows it
//   app    - the same scroll with the whole App frame (side panels, status bar...), for scale
// for Label Studio tasks from /work/shared/bench/gen_task.js: 5k tokens / 500 regions,
// 25k / 2.5k and 200k / 20k (data.text, annotations[0].result[].value.start/end/labels; the
// offsets are code points: the generator's text is BMP-only).
// Times are thread CPU time (CLOCK_THREAD_CPUTIME_ID): the machine is shared, and time spent
// preempted by other processes is not ours. Results and their reading: bench/frame_bench.md.
//
//   frame_bench                 runs node /work/shared/bench/gen_task.js for each size
//   frame_bench task.json ...   uses the given task files instead
// Does not do: GPU time (no renderer), checks of what is drawn (tests/e2e does that).
#include "platform/platform.h"
#include "ui/app.h"
#include "ui/fonts.h"

#include "bench_clock.h"
#include "bench_task.h"
#include "core/layout/mention_layout.h"
#include "core/layout/text_layout.h"
#include "core/ops.h"
#include "core/tokenizer.h"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace postil;

// [SECTION] helpers

namespace {

struct Stats {
    double p50 = 0, p99 = 0, max = 0, mean = 0;
    size_t n = 0;
};

Stats stats(std::vector<double> v)
{
    Stats s;
    s.n = v.size();
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    auto rank = [&](double q) {
        size_t r = static_cast<size_t>(q * double(v.size()) + 0.999999);
        return v[std::min(v.size() - 1, r > 0 ? r - 1 : 0)];
    };
    s.p50 = rank(0.50);
    s.p99 = rank(0.99);
    s.max = v.back();
    double sum = 0;
    for (double x : v)
        sum += x;
    s.mean = sum / double(v.size());
    return s;
}

// After Render: a renderer would upload the font atlas pages ImGui asks for; pretend it did.
void fake_texture_uploads()
{
    for (ImTextureData* tex : ImGui::GetPlatformIO().Textures) {
        if (tex->Status == ImTextureStatus_WantCreate) {
            tex->SetTexID(static_cast<ImTextureID>(1));
            tex->SetStatus(ImTextureStatus_OK);
        } else if (tex->Status == ImTextureStatus_WantUpdates) {
            tex->SetStatus(ImTextureStatus_OK);
        } else if (tex->Status == ImTextureStatus_WantDestroy && tex->UnusedFrames > 0) {
            tex->SetTexID(ImTextureID_Invalid);
            tex->SetStatus(ImTextureStatus_Destroyed);
        }
    }
}

enum class What { View, App };
int g_last_vertices = 0; // of the last frame: proof that the text was drawn

// One frame; returns its CPU time in ms.
double frame(ui::App& app, What what)
{
    const double t0 = bench::thread_cpu_ms();
    app.before_frame(1.0f);
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    if (what == What::App) {
        app.frame();
    } else {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("document", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        app.document_view().drawContent();
        ImGui::End();
    }
    ImGui::Render();
    fake_texture_uploads();
    const double t = bench::thread_cpu_ms() - t0;
    g_last_vertices = ImGui::GetDrawData()->TotalVtxCount;
    return t;
}

struct Result {
    std::string name;
    size_t chars = 0, mentions = 0, lines = 0;
    double open_ms = 0;
    Stats scroll, scroll_app, edit_core, edit_key_frame, edit_frame;
    double plain_frame_ms = 0;
    int vertices = 0;
    std::string diag;
};

// Scrolls with the mouse wheel from the top to the bottom; returns per-frame CPU times.
std::vector<double> scroll_through(ui::App& app, What what, float notches_per_frame)
{
    ImGuiIO& io = ImGui::GetIO();
    std::vector<double> times;
    // Hover the text (the middle of the screen, or of the App's document column).
    const ImVec2 pos = what == What::View ? ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.6f)
                                          : ImVec2(io.DisplaySize.x * 0.45f, io.DisplaySize.y * 0.6f);
    io.AddMousePosEvent(pos.x, pos.y);
    frame(app, what);
    frame(app, what);
    float last_y = -1.0f;
    int stuck = 0;
    for (int i = 0; i < 200000 && stuck < 5; ++i) {
        io.AddMouseWheelEvent(0.0f, -notches_per_frame);
        times.push_back(frame(app, what));
        // Progress: where the text's first line is now; at the bottom it stops moving.
        const std::vector<ui::ScreenRect> r = app.document_view().screen_rects("bench", 0, 0);
        const float scrolled = r.empty() ? 0.0f : -r[0].y0;
        stuck = scrolled == last_y ? stuck + 1 : 0;
        last_y = scrolled;
    }
    return times;
}

Result run(ui::App& app, const std::string& name, const std::string& json)
{
    Result res;
    res.name = name;
    Project p = bench::project_from_task(json, name);
    res.chars = p.documents[0].text->size();
    res.mentions = p.mentions.size();

    // "Open": the project replaced, the document selected, then the first frame.
    app.project() = std::move(p);
    app.history().clear();
    app.select_document("bench");
    res.open_ms = frame(app, What::View);
    res.lines = app.document_view().layout().line_count();
    for (int i = 0; i < 30; ++i)
        frame(app, What::View);
    std::vector<double> plain;
    for (int i = 0; i < 60; ++i)
        plain.push_back(frame(app, What::View));
    res.plain_frame_ms = stats(plain).p50;
    res.vertices = g_last_vertices;

    // Scroll through everything, about 1.5 screens per 10 frames (a brisk wheel).
    res.scroll = stats(scroll_through(app, What::View, 3.0f));

    // Edits, as a user makes them: a free word selected (through the view), key 1 pressed
    // (PER); the frame that handles the key runs Editor::add_mention, the next one shows the
    // mention. Then undo. 25 times. Also Editor::add_mention alone, for the core's share.
    std::vector<double> core, key_frame, next;
    Editor ed{app.project(), app.history()};
    const Text& text = *app.project().documents[0].text;
    uint32_t cp = static_cast<uint32_t>(text.size() / 2);
    auto free_word = [&]() {
        Span w{};
        for (int tries = 0; tries < 1000; ++tries, cp += 7) {
            w = word_at(text, cp % static_cast<uint32_t>(text.size()));
            if (w.end > w.start && app.project().mentions_in("bench", w.start, w.end).empty())
                break;
        }
        cp += 101;
        return w;
    };
    for (int k = 0; k < 25; ++k) {
        const Span w = free_word();
        app.document_view().reveal("bench", w, true);
        frame(app, What::View);
        frame(app, What::View);
        const size_t before = app.project().mentions.size();
        ImGuiIO& io = ImGui::GetIO();
        io.AddKeyEvent(ImGuiKey_1, true);
        key_frame.push_back(frame(app, What::View));
        io.AddKeyEvent(ImGuiKey_1, false);
        next.push_back(frame(app, What::View));
        if (app.project().mentions.size() != before + 1)
            std::fprintf(stderr, "frame_bench: key 1 did not add a mention at %u\n", w.start);
        ed.undo();
        frame(app, What::View);
        frame(app, What::View);

        const Span w2 = free_word();
        const double t0 = bench::thread_cpu_ms();
        const std::string id = ed.add_mention("bench", w2.start, w2.end, "PER");
        core.push_back(bench::thread_cpu_ms() - t0);
        if (id.empty())
            std::fprintf(stderr, "frame_bench: add_mention refused at %u\n", w2.start);
        ed.undo();
        frame(app, What::View);
    }
    res.edit_core = stats(core);
    res.edit_key_frame = stats(key_frame);
    res.edit_frame = stats(next);

    // Where an edit's time goes (diagnostics for the notes).
    {
        std::vector<double> t_id, t_spans, t_set, t_find;
        TextLayout layout(app.project().documents[0].text, MonospaceMetrics(7.0f, 33.0f), 560.0f);
        MentionLayout ml;
        for (int k = 0; k < 20; ++k) {
            double t0 = bench::thread_cpu_ms();
            volatile size_t n = app.project().new_id("m").size();
            (void)n;
            t_id.push_back(bench::thread_cpu_ms() - t0);
            t0 = bench::thread_cpu_ms();
            std::vector<MentionSpan> spans = mention_spans(app.project(), "bench");
            t_spans.push_back(bench::thread_cpu_ms() - t0);
            t0 = bench::thread_cpu_ms();
            ml.set_mentions(layout, std::move(spans));
            t_set.push_back(bench::thread_cpu_ms() - t0);
            t0 = bench::thread_cpu_ms();
            volatile bool found = app.project().mention("m" + std::to_string(19000 + k)) != nullptr;
            (void)found;
            t_find.push_back(bench::thread_cpu_ms() - t0);
        }
        res.diag = "new_id " + std::to_string(stats(t_id).p50) + " ms, mention_spans " + std::to_string(stats(t_spans).p50) +
                   " ms, set_mentions " + std::to_string(stats(t_set).p50) + " ms, Project::mention " +
                   std::to_string(stats(t_find).p50) + " ms";
    }

    // Every kind of edit through the core alone, 25 times each on mentions spread over the
    // document: add, relabel, delete, add stance, and the undo and redo of each.
    {
        std::vector<double> t_add, t_relabel, t_delete, t_stance, t_undo, t_redo;
        auto timed = [&](std::vector<double>& into, auto&& fn) {
            const double t0 = bench::thread_cpu_ms();
            fn();
            into.push_back(bench::thread_cpu_ms() - t0);
        };
        auto undo_redo = [&]() {
            timed(t_undo, [&] { ed.undo(); });
            timed(t_redo, [&] { ed.redo(); });
            timed(t_undo, [&] { ed.undo(); });
        };
        const std::string polarity = app.project().schema.polarities.empty() ? std::string() : app.project().schema.polarities.front().id;
        for (int k = 0; k < 25; ++k) {
            const Span w = free_word();
            timed(t_add, [&] { ed.add_mention("bench", w.start, w.end, "PER"); });
            undo_redo();
            const std::vector<Mention>& ms = app.project().mentions;
            const Mention m = ms[(ms.size() / 25) * static_cast<size_t>(k) + 3];
            timed(t_relabel, [&] { ed.set_mention_type(m.id, m.type == "PER" ? "ORG" : "PER"); });
            undo_redo();
            timed(t_delete, [&] { ed.remove_mention(m.id); });
            undo_redo();
            const Mention other = ms[(ms.size() / 25) * static_cast<size_t>(k) + 5];
            timed(t_stance, [&] {
                ed.add_stance("bench", {StanceRef::Kind::Mention, m.id}, {StanceRef::Kind::Mention, other.id}, polarity);
            });
            undo_redo();
        }
        auto fmt = [](const char* what, const std::vector<double>& v) {
            const Stats s = stats(v);
            char buf[96];
            std::snprintf(buf, sizeof buf, "%s %.3f (%.3f)", what, s.p50, s.max);
            return std::string(buf);
        };
        res.diag += "\ncore edits p50 (max) ms: " + fmt("add_mention", t_add) + ", set_mention_type " +
                    fmt("", t_relabel).substr(1) + ", remove_mention " + fmt("", t_delete).substr(1) + ", add_stance " +
                    fmt("", t_stance).substr(1) + ", undo " + fmt("", t_undo).substr(1) + ", redo " + fmt("", t_redo).substr(1);
    }

    // The whole App frame while scrolling (side panels, status bar, menus included).
    app.document_view().reveal("bench", Span{0, 0});
    frame(app, What::App);
    frame(app, What::App);
    res.scroll_app = stats(scroll_through(app, What::App, 3.0f));
    return res;
}

} // namespace

// [SECTION] main

int main(int argc, char** argv)
{
    // The App reads and writes settings and autosaves: keep them out of the user's folders.
    char tmpl[] = "/tmp/postil-frame-bench-XXXXXX";
    const char* home = mkdtemp(tmpl);
    if (home) {
        setenv("XDG_CONFIG_HOME", home, 1);
        setenv("XDG_DATA_HOME", home, 1);
    }

    std::vector<std::pair<std::string, std::string>> tasks; // name, json
    if (argc > 1) {
        for (int i = 1; i < argc; ++i) {
            std::ifstream f(argv[i], std::ios::binary);
            std::stringstream ss;
            ss << f.rdbuf();
            tasks.emplace_back(argv[i], ss.str());
        }
    } else {
        const int sizes[][2] = {{5000, 500}, {25000, 2500}, {200000, 20000}};
        for (const auto& s : sizes) {
            std::string json = bench::task_json(s[0], s[1]);
            if (json.empty()) {
                std::fprintf(stderr, "frame_bench: cannot run node %s\n", POSTIL_GEN_TASK);
                return 1;
            }
            tasks.emplace_back(std::to_string(s[0] / 1000) + "k tokens / " + std::to_string(s[1]) + " mentions", json);
        }
    }

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
    std::string error;
    if (!ui::load_main_font(POSTIL_FONT_PATH, error))
        std::fprintf(stderr, "frame_bench: %s\n", error.c_str());

    std::vector<Result> results;
    {
        ui::App app;
        frame(app, What::View); // the demo project: fonts and styles set up once
        for (const auto& [name, json] : tasks) {
            std::fprintf(stderr, "frame_bench: %s ...\n", name.c_str());
            results.push_back(run(app, name, json));
        }
    }
    ImGui::DestroyContext();

    std::printf("Document view frame CPU times (ms), 1280x800, Noto Sans %.0f px, headless, thread CPU time\n\n",
                ui::kFontSize);
    std::printf("| task | chars | lines | vertices/frame | open (1st frame) | idle frame p50 | scroll p50 | scroll p99 | scroll max | frames |"
                " add_mention p50 (max) | key frame p50 (max) | next frame p50 (max) | App scroll p50 | App scroll p99 |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Result& r : results)
        std::printf("| %s | %zu | %zu | %d | %.2f | %.3f | %.3f | %.3f | %.3f | %zu | %.3f (%.3f) | %.3f (%.3f) | %.3f (%.3f) | %.3f | %.3f |\n",
                    r.name.c_str(), r.chars, r.lines, r.vertices, r.open_ms, r.plain_frame_ms, r.scroll.p50, r.scroll.p99,
                    r.scroll.max, r.scroll.n, r.edit_core.p50, r.edit_core.max, r.edit_key_frame.p50, r.edit_key_frame.max,
                    r.edit_frame.p50, r.edit_frame.max,
                    r.scroll_app.p50, r.scroll_app.p99);
    for (const Result& r : results)
        std::printf("\n%s: %s", r.name.c_str(), r.diag.c_str());
    std::printf("\n");
    return 0;
}
