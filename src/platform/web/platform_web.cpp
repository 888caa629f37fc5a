// platform.h for the browser (Emscripten). Files arrive from JS (picker, drag-and-drop) through
// exported C functions into the shared queue; saving is a download; the clipboard is the
// browser's, bridged by web/postil.js (paste events in, navigator.clipboard out).
// Does not do: the main loop (main_web.cpp), the page (web/).
#include "platform/platform.h"

#include "ui/fonts.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <map>
#include <memory>
#include <new>
#include <string>

// [SECTION] JS side (implemented in web/postil.js as window.postilGlue)
EM_JS(int, js_open_picker, (const char* accept, int multiple), {
    const glue = window.postilGlue;
    return glue && glue.openPicker(UTF8ToString(accept), !!multiple) ? 1 : 0;
});
EM_JS(int, js_download, (const char* name, const char* mime, const char* data, int size), {
    const glue = window.postilGlue;
    if (!glue) return 0;
    // Copy out of the wasm heap: the Blob must not alias memory that may move or be reused.
    glue.download(UTF8ToString(name), UTF8ToString(mime), HEAPU8.slice(data, data + size));
    return 1;
});
EM_JS(void, js_write_clipboard, (const char* text), {
    const glue = window.postilGlue;
    if (glue) glue.writeClipboard(UTF8ToString(text));
});
EM_JS(void, js_set_title, (const char* title), { document.title = UTF8ToString(title); });

// Last text copied in the app, or pasted into the page: what Ctrl+V in the app pastes.
static std::string g_clipboard;
// Files being written by glue.js (postil_file_begin .. postil_file_end), by buffer address.
static std::map<char*, std::unique_ptr<std::string>> g_incoming;

namespace postil::platform {

const char* name() { return "web"; }

bool show_open_picker(const char* accept, bool multiple) { return js_open_picker(accept, multiple ? 1 : 0) != 0; }
bool saves_to_paths() { return false; }

bool download_file(const std::string& file_name, std::string_view bytes, const char* mime_type)
{
    return js_download(file_name.c_str(), mime_type, bytes.data(), static_cast<int>(bytes.size())) != 0;
}

void set_clipboard_text(const char* utf8)
{
    g_clipboard = utf8 ? utf8 : "";
    js_write_clipboard(g_clipboard.c_str());
}

const char* get_clipboard_text() { return g_clipboard.c_str(); }

void set_window_title(const std::string& title) { js_set_title(title.c_str()); }
void request_quit() {}
bool can_quit() { return false; }
float content_scale() { return static_cast<float>(emscripten_get_device_pixel_ratio()); }
double time_seconds() { return emscripten_get_now() / 1000.0; }

} // namespace postil::platform

// [SECTION] exported to JS (see web/postil.js)
extern "C" {

// A file the user picked or dropped, in two steps so that its bytes are written once, in
// place: postil_file_begin(size) makes the file's buffer and returns where to write; glue.js
// streams the file there, then postil_file_end(buffer, name, ok) queues it for the app, or
// drops it when reading failed. A 100 MB corpus costs 100 MB of wasm heap, not 200 (a
// malloc'd copy, then a std::string of it). Null if there is no memory for it.
EMSCRIPTEN_KEEPALIVE char* postil_file_begin(int size)
{
    try {
        auto bytes = std::make_unique<std::string>(static_cast<size_t>(std::max(size, 0)), '\0');
        char* at = bytes->data(); // the string object stays put on the heap: so does its buffer
        g_incoming.emplace(at, std::move(bytes));
        return at;
    } catch (const std::bad_alloc&) {
        return nullptr;
    }
}

EMSCRIPTEN_KEEPALIVE void postil_file_end(char* buffer, const char* name, int ok)
{
    auto it = g_incoming.find(buffer);
    if (it == g_incoming.end())
        return;
    std::unique_ptr<std::string> bytes = std::move(it->second);
    g_incoming.erase(it);
    if (!ok)
        return;
    postil::platform::OpenedFile f;
    f.name = name ? name : "";
    f.bytes = std::move(*bytes);
    postil::platform::push_opened_file(std::move(f));
}

// A fallback font fetched lazily (emoji, CJK); merged before the next frame.
EMSCRIPTEN_KEEPALIVE void postil_add_font(const char* name, const char* data, int size)
{
    postil::ui::queue_fallback_font(name ? name : "font", std::string(data, static_cast<size_t>(size)));
}

// Text pasted into the page (the browser only gives it in a paste event).
EMSCRIPTEN_KEEPALIVE void postil_set_pasted_text(const char* text)
{
    g_clipboard = text ? text : "";
}

} // extern "C"
