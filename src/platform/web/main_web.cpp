// The web app's entry point (Emscripten, WebGL2 through Emscripten's built-in GLFW). Sizes the
// canvas to CSS size x devicePixelRatio every frame, runs the shared GUI frame from the
// browser's animation loop, and tells the page when the first frame is drawn.
// Does not do: the page, file picking, font fetching (web/postil.js), the UI (src/ui).
#include "gl/gl.h"
#include "gui_host.h"
#include "platform.h"
#include "web/web_hooks.h"

#include "ui/fonts.h"
#include "ui/widgets.h"

#include <nlohmann/json.hpp>

#include <emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>

// dlmalloc's (Emscripten's default malloc) counters, O(1): bytes obtained from the system now
// and at most so far. mallinfo() would walk every chunk of the heap.
extern "C" size_t malloc_footprint(void);
extern "C" size_t malloc_max_footprint(void);

namespace {

GLFWwindow* g_window = nullptr;
postil::platform::GuiHost* g_host = nullptr; // lives for the page's lifetime
int g_frames = 0;
std::string g_project_json, g_ui_state_json;

EM_JS(void, js_first_frame_drawn, (), {
    if (window.postilGlue) window.postilGlue.firstFrameDrawn();
});
EM_JS(void, js_fatal, (const char* message), {
    if (window.postilGlue) window.postilGlue.fatal(UTF8ToString(message));
});
// Resizes the canvas backbuffer and tells Emscripten's GLFW (its resize listener updates the
// window size and calls the size callbacks). Not glfwSetWindowSize: Emscripten's version asks
// for fullscreen whenever the size equals the screen's (a maximised browser, headless tests),
// which fails outside a user gesture and, inside one, turns the page fullscreen on a click.
EM_JS(void, js_set_canvas_size, (int width, int height), {
    Browser.setCanvasSize(width, height);
});

// ImGui works in canvas pixels (Emscripten's GLFW reports the mouse in backbuffer units), so
// the backbuffer is CSS size x devicePixelRatio and the UI is scaled by the same ratio:
// crisp text on high-dpi screens.
void fit_canvas(float dpr)
{
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#canvas", &css_w, &css_h);
    const int want_w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
    const int want_h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
    int w = 0, h = 0;
    glfwGetWindowSize(g_window, &w, &h);
    if (w != want_w || h != want_h)
        js_set_canvas_size(want_w, want_h);
}

// Wheel deltas to ImGui's units (about one line per notch), as SDL's Emscripten backend does.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*)
{
    float k = 1.0f / 100.0f; // DOM_DELTA_PIXEL
    if (ev->deltaMode == DOM_DELTA_LINE)
        k = 1.0f / 3.0f;
    else if (ev->deltaMode == DOM_DELTA_PAGE)
        k = 80.0f;
    ImGui::GetIO().AddMouseWheelEvent(-static_cast<float>(ev->deltaX) * k, -static_cast<float>(ev->deltaY) * k);
    return EM_TRUE; // the page itself must not scroll
}

void frame()
{
    const float dpr = postil::platform::content_scale();
    fit_canvas(dpr);
    // Frame cost for window.postil.frameStats(): the App's update and render, GL calls
    // included (automation_web.cpp).
    const double t0 = emscripten_get_now();
    g_host->frame(dpr);
    postil::platform::web::record_frame_time(emscripten_get_now() - t0);
    postil::platform::web::sync_text_input();
    if (++g_frames == 1)
        js_first_frame_drawn();
}

} // namespace

// For the automation hooks (automation_web.cpp): locate() draws frames synchronously.
namespace postil::platform::web {
GuiHost* host() { return g_host; }
void draw_frame()
{
    if (g_host)
        frame();
}
} // namespace postil::platform::web

extern "C" {

// The current project as a project file (JSON text), for window.postil.project(). Valid
// until the next call.
EMSCRIPTEN_KEEPALIVE const char* postil_project_json()
{
    g_project_json = g_host ? g_host->app().project_file() : std::string("null");
    return g_project_json.c_str();
}

// What the UI shows that the project file does not, for tests: selected document, open
// problems, merged fonts, autosave state, record counts. JSON text, valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* postil_ui_state_json()
{
    nlohmann::json j = nlohmann::json::object();
    if (g_host) {
        const postil::ui::App& app = g_host->app();
        j["selected"] = app.selected_document();
        j["theme"] = app.theme() == postil::ui::Theme::Dark ? "dark" : "light";
        nlohmann::json problems = nlohmann::json::array();
        for (const postil::Diagnostic& d : app.problems().diagnostics())
            problems.push_back(d.to_string());
        j["problems"] = {{"title", app.problems().title()}, {"items", problems}};
        j["fonts"] = postil::ui::merged_fonts();
        j["frames"] = g_frames;
        const postil::ui::Autosave& as = g_host->app().autosave();
        j["autosave"] = {{"pending", as.pending()}, {"inFlight", as.in_flight()}, {"saves", as.saves()}, {"lastWait", as.last_wait()},
                         {"error", as.error()}};
        j["annotator"] = g_host->app().project().annotator;
        j["schemaMessage"] = app.schema_view().message(); // the Schema editor's last refusal
        j["importResult"] = app.import_dialog().result();  // the Import dialog's report
        // Record counts: cheap progress checks (project() serialises everything).
        j["documents"] = g_host->app().project().documents.size();
        j["mentions"] = g_host->app().project().mentions.size();
        // malloc's heap now and at its peak (the wasm memory itself only grows, in steps).
        j["heap"] = {{"footprint", malloc_footprint()}, {"peak", malloc_max_footprint()}};
        // ImGui's focus: the active item and the keyboard-navigation item, and their windows.
        if (const ImGuiContext* g = ImGui::GetCurrentContext())
            j["imgui"] = {{"activeId", g->ActiveId}, {"activeWindow", g->ActiveIdWindow ? g->ActiveIdWindow->Name : ""},
                          {"navId", g->NavId}, {"navWindow", g->NavWindow ? g->NavWindow->Name : ""},
                          {"wantTextInput", ImGui::GetIO().WantTextInput}};
        // Screen rectangles of named UI items (canvas pixels) from the last frame, for tests.
        nlohmann::json rects = nlohmann::json::object();
        for (const auto& [key, r] : postil::ui::noted_items())
            rects[key] = {r.x0, r.y0, r.x1, r.y1};
        j["items"] = rects;
    }
    g_ui_state_json = j.dump();
    return g_ui_state_json.c_str();
}

// Replaces the project with a project file (window.postil.loadProject). Returns "" on success,
// else the problems, one per line. Valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* postil_load_project(const char* json)
{
    static std::string result;
    result.clear();
    postil::Diagnostics diags;
    if (!g_host)
        result = "Postil is not running";
    else if (!g_host->app().load_project_bytes(json ? json : "", "loadProject", diags))
        for (const postil::Diagnostic& d : diags)
            result += d.to_string() + "\n";
    return result.c_str();
}

// The page is being hidden or closed: write unsaved changes now rather than after the delay.
EMSCRIPTEN_KEEPALIVE void postil_flush_autosave()
{
    if (g_host)
        g_host->app().flush_autosave();
}

// Selects a document by id (as a click in the list would). Returns 0 if there is none.
EMSCRIPTEN_KEEPALIVE int postil_select_document(const char* id)
{
    if (!g_host || !id || !g_host->app().project().document(id))
        return 0;
    g_host->app().select_document(id);
    return 1;
}

} // extern "C"

int main()
{
    if (!glfwInit()) {
        js_fatal("Cannot start GLFW.");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_window = glfwCreateWindow(1280, 800, "Postil", nullptr, nullptr);
    if (!g_window) {
        js_fatal("This browser cannot create a WebGL2 context.");
        return 1;
    }
    glfwMakeContextCurrent(g_window);

    g_host = new postil::platform::GuiHost();
    std::string error;
    if (!g_host->init(g_window, "/fonts/NotoSans-Regular.ttf", error)) {
        js_fatal(("Cannot start the renderer: " + error).c_str());
        return 1;
    }
    // Wheel events: imgui_impl_glfw ignores Emscripten's GLFW scroll emulation. Not through
    // ImGui_ImplGlfw_InstallEmscriptenCallbacks(): its resize handler calls glfwSetWindowSize
    // with the CSS size, which Emscripten turns into a fullscreen request when it equals the
    // screen's (a rejected promise in a maximised or headless browser).
    emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
    // Text fields take their characters from the page's text area (dead keys, IME, paste).
    postil::platform::web::install_text_input();
    fit_canvas(postil::platform::content_scale());

    // Let the browser drive frames (requestAnimationFrame); main returns, the module lives on.
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
