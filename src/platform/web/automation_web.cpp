// Automation hooks of the web build for tests and scripts (window.postil in web/glue.js):
//   postil_locate(doc, start, end) -> opens the document, scrolls the code point range into
//       view, draws, returns its on-screen rectangles (one per line) in CSS pixels relative to
//       the canvas; glue.js adds the canvas position to make them client coordinates.
//   postil_frame_stats() -> {frames, cpu_ms_p50, cpu_ms_p99, cpu_ms_max, cpu_ms_second} since the last call.
//       "CPU time" is the wall time of the frame's synchronous work (App update + ImGui +
//       GL calls) measured with performance.now(): the browser runs it on one thread without
//       yielding, so it is the CPU cost unless the OS preempts the tab.
//   postil_view_state() -> the document view's selection, selected mention and stance step.
//   postil_set_theme("dark" | "light") -> as View > Dark/Light theme (screenshots of both).
//   postil_agreement_state() -> the figures the Agreement window shows (its last report, as
//       the window formats them), or {"shown": false} before it was opened. Read only.
//   postil_adjudication_state() -> the Adjudication window's two layers and the differences in
//       the selected document between them (core compute_differences). Read only.
// All return JSON text valid until the next call of the same function.
// Does not do: input (tests use real mouse and keyboard events), anything on the desktop.
#include "web_hooks.h"

#include "gui_host.h"
#include "platform.h"

#include "core/adjudication.h"
#include "core/agreement/reliability.h"
#include "core/interaction/stance_gesture.h"

#include <nlohmann/json.hpp>

#include <emscripten.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace {

std::vector<double> g_frame_ms; // since the last postil_frame_stats()
std::string g_locate_json, g_stats_json, g_state_json, g_agreement_json, g_adjudication_json;

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    // Nearest rank: the smallest value with at least q of the samples at or below it.
    const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, rank > 0 ? rank - 1 : 0)];
}

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

} // namespace

namespace postil::platform::web {

void record_frame_time(double ms)
{
    if (g_frame_ms.size() < 1000000) // a forgotten page must not grow without bound
        g_frame_ms.push_back(ms);
}

} // namespace postil::platform::web

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* postil_locate(const char* doc_id, int start, int end)
{
    using namespace postil;
    nlohmann::json j = nlohmann::json::object();
    platform::GuiHost* host = platform::web::host();
    const std::string doc = doc_id ? doc_id : "";
    const Document* d = host ? host->app().project().document(doc) : nullptr;
    if (!d || start < 0 || end < start || static_cast<size_t>(end) > d->text->size()) {
        j["error"] = !d ? "no such document: " + doc : "range out of the document";
        g_locate_json = j.dump();
        return g_locate_json.c_str();
    }
    ui::DocumentView& view = host->app().document_view();
    view.reveal(doc, Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
    // The first frame switches the document and applies the scroll; the second one draws with
    // everything settled (fonts merged, scrollbars known).
    platform::web::draw_frame();
    platform::web::draw_frame();
    const float scale = std::max(0.01f, platform::content_scale()); // ImGui pixels per CSS pixel
    nlohmann::json rects = nlohmann::json::array();
    for (const ui::ScreenRect& r : view.screen_rects(doc, static_cast<uint32_t>(start), static_cast<uint32_t>(end)))
        rects.push_back({{"x", r.x0 / scale}, {"y", r.y0 / scale}, {"width", (r.x1 - r.x0) / scale},
                         {"height", (r.y1 - r.y0) / scale}});
    j["doc"] = doc;
    j["rects"] = rects;
    j["scale"] = scale;
    g_locate_json = j.dump();
    return g_locate_json.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* postil_frame_stats()
{
    nlohmann::json j = nlohmann::json::object();
    j["frames"] = g_frame_ms.size();
    j["cpu_ms_p50"] = round3(percentile(g_frame_ms, 0.50));
    j["cpu_ms_p99"] = round3(percentile(g_frame_ms, 0.99));
    j["cpu_ms_max"] = round3(g_frame_ms.empty() ? 0.0 : *std::max_element(g_frame_ms.begin(), g_frame_ms.end()));
    // The two largest, for work spread over frames on purpose (a big project opens in two).
    std::vector<double> sorted = g_frame_ms;
    std::sort(sorted.begin(), sorted.end());
    j["cpu_ms_second"] = round3(sorted.size() >= 2 ? sorted[sorted.size() - 2] : 0.0);
    g_frame_ms.clear();
    g_stats_json = j.dump();
    return g_stats_json.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* postil_view_state()
{
    using namespace postil;
    nlohmann::json j = nlohmann::json::object();
    if (platform::GuiHost* host = platform::web::host()) {
        ui::DocumentView& view = host->app().document_view();
        const Span s = view.text_selection();
        j["doc"] = view.shown_document();
        j["selection"] = {s.start, s.end};
        j["mention"] = view.selected_mention();
        j["gesture"] = interaction::to_string(view.gesture().step());
        j["hint"] = view.gesture().hint(host->app().project());
        j["search"] = {{"query", view.search().query()}, {"hits", view.search().hit_count()}};
        j["scroll"] = {{"y", view.scroll_y()}, {"height", view.layout().total_height()}};
        const LayerSelection& layers = view.layers();
        j["layers"] = {{"mode", to_string(layers.mode)}, {"a", layers.a}, {"b", layers.b},
                       {"editable", view.edit_policy().allowed}, {"reason", view.edit_policy().reason}};
        if (layers.mode == LayerMode::SideBySide) {
            const LayerComparison& c = view.columns().comparison();
            nlohmann::json cols = nlohmann::json::array();
            for (size_t k = 0; k < 2; ++k) {
                nlohmann::json marks = nlohmann::json::array();
                for (const ColumnMark& m : c.marks[k])
                    marks.push_back({{"item", to_string(m.item)}, {"kind", to_string(m.kind)}, {"id", m.id},
                                     {"span", {m.span.start, m.span.end}}});
                cols.push_back({{"annotator", k == 0 ? layers.a : layers.b}, {"mentions", view.columns().mention_count(k)},
                                {"marks", marks}});
            }
            j["columns"] = cols;
            j["agreements"] = c.agreements;
            j["disagreements"] = c.disagreements;
        }
    }
    g_state_json = j.dump();
    return g_state_json.c_str();
}

EMSCRIPTEN_KEEPALIVE int postil_set_theme(const char* name)
{
    postil::platform::GuiHost* host = postil::platform::web::host();
    const std::string n = name ? name : "";
    if (!host || (n != "dark" && n != "light"))
        return 0;
    host->app().set_theme(n == "dark" ? postil::ui::Theme::Dark : postil::ui::Theme::Light);
    return 1;
}

EMSCRIPTEN_KEEPALIVE const char* postil_agreement_state()
{
    using namespace postil;
    nlohmann::json j = nlohmann::json::object();
    platform::GuiHost* host = platform::web::host();
    j["shown"] = host && host->app().agreement_view().shown();
    if (j["shown"].get<bool>()) {
        const AgreementReport& r = host->app().agreement_view().report();
        // Strings with three decimals, as the window prints them ("n/a" when undefined).
        auto f = [](double v) { return std::isnan(v) ? std::string("n/a") : format_fixed(v, 3); };
        auto counts = [&](const MentionCounts& c) {
            return nlohmann::json{{"precision", f(c.precision())}, {"recall", f(c.recall())}, {"f1", f(c.f1())}};
        };
        j["annotators"] = r.annotators;
        j["documents"] = r.documents;
        j["exact"] = counts(r.mentions.exact);
        j["overlap"] = counts(r.mentions.overlap);
        j["token_kappa_mean"] = f(r.mentions.mean_token_kappa);
        j["token_alpha"] = f(r.mentions.token_alpha.value);
        j["stances"] = {{"units", r.stances.units}, {"cohen_kappa_mean", f(r.stances.mean_cohen_kappa)},
                        {"fleiss_kappa", f(r.stances.fleiss_kappa.value)}, {"alpha", f(r.stances.alpha.value)}};
        j["doc_stances"] = {{"units", r.doc_stances.units}, {"fleiss_kappa", f(r.doc_stances.fleiss_kappa.value)},
                            {"alpha", f(r.doc_stances.alpha.value)}};
        nlohmann::json pairs = nlohmann::json::array();
        for (const MentionPairAgreement& pa : r.mentions.pairs)
            pairs.push_back({{"a", pa.annotator_a}, {"b", pa.annotator_b}, {"token_kappa", f(pa.token_kappa.value)},
                             {"exact_f1", f(pa.exact.f1())}});
        j["pairs"] = pairs;
    }
    g_agreement_json = j.dump();
    return g_agreement_json.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* postil_adjudication_state()
{
    using namespace postil;
    nlohmann::json j = nlohmann::json::object();
    if (platform::GuiHost* host = platform::web::host()) {
        const ui::App& app = host->app();
        const ui::AdjudicationView& v = app.adjudication_view();
        j["left"] = v.left();
        j["right"] = v.right();
        j["doc"] = app.selected_document();
        nlohmann::json diffs = nlohmann::json::array();
        if (!v.left().empty() && !v.right().empty())
            for (const Difference& d : compute_differences(app.project(), app.selected_document(), {v.left(), v.right()}))
                diffs.push_back({{"key", d.key}, {"item", to_string(d.item)}, {"kind", to_string(d.kind)},
                                 {"sides", d.sides}, {"span", {d.span.start, d.span.end}}, {"resolved", d.resolved}});
        j["differences"] = diffs;
    }
    g_adjudication_json = j.dump();
    return g_adjudication_json.c_str();
}

} // extern "C"
