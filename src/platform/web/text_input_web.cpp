// Text fields in the browser: Emscripten's GLFW turns `keypress` events into characters, which
// misses dead keys (´ then e), IME composition (Chinese, Japanese pinyin/kana) and anything
// else the browser composes. The page (web/glue.js) keeps a hidden <textarea> focused while an
// ImGui text field is active; what the user commits there (input, compositionend) comes back
// here as UTF-8 through postil_text_input() into io.AddInputCharactersUTF8.
// This file tells the page, after each frame, whether a field wants text and where its caret
// is (so the IME's candidate window and the composition preview sit at the caret).
// Does not do: keys (Enter, Backspace, arrows, Ctrl+C/V still reach ImGui through GLFW's
// keydown), the clipboard (platform_web.cpp), the page side (web/glue.js).
#include "web/web_hooks.h"

#include <emscripten.h>
#include <imgui.h>

#include <cmath>

namespace {

struct ImeState {
    bool active = false;
    float x = 0, y = 0, line_h = 0; // caret, canvas pixels (ImGui's units on the web)
    bool operator==(const ImeState&) const = default;
};
ImeState g_ime, g_sent;
bool g_sent_once = false;

EM_JS(void, js_text_input_state, (int active, float x, float y, float line_h), {
    if (window.postilGlue && window.postilGlue.textInput) window.postilGlue.textInput(!!active, x, y, line_h);
});

// ImGui calls this at the end of a frame when the IME data changed (1.92: WantTextInput is
// the upcoming io.WantTextInput, InputPos the caret of the active field).
void set_ime_data(ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data)
{
    g_ime.active = data->WantTextInput || data->WantVisible;
    g_ime.x = std::floor(data->InputPos.x);
    g_ime.y = std::floor(data->InputPos.y);
    g_ime.line_h = data->InputLineHeight;
}

} // namespace

namespace postil::platform::web {

void install_text_input() { ImGui::GetPlatformIO().Platform_SetImeDataFn = set_ime_data; }

void sync_text_input()
{
    if (g_sent_once && g_ime == g_sent)
        return;
    g_sent = g_ime;
    g_sent_once = true;
    js_text_input_state(g_ime.active ? 1 : 0, g_ime.x, g_ime.y, g_ime.line_h);
}

} // namespace postil::platform::web

extern "C" {

// Text the user committed in the page's text area (typed, composed, dropped by an IME).
EMSCRIPTEN_KEEPALIVE void postil_text_input(const char* utf8)
{
    if (ImGui::GetCurrentContext() && utf8)
        ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

} // extern "C"
