// What the UI needs from the machine it runs on, one implementation per target
// (src/platform/desktop/platform_desktop.cpp, src/platform/web/platform_web.cpp; CMake picks
// one). The UI calls these; it never includes GLFW, GL or Emscripten itself.
// Does not do: windows, GL contexts, the main loop (each target's main file owns those).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace postil::platform {

// "desktop" or "web".
const char* name();

// [SECTION] opening files
// Files the user asked to open, whatever the route: command line, drag-and-drop, the web
// file picker. Targets push them (from callbacks, JS, argv); the app takes them each frame.
struct OpenedFile {
    std::string name;  // file name as the user sees it (no directory)
    std::string path;  // full path on the desktop; empty on the web
    std::string bytes; // whole content; empty with `error` set if it could not be read
    std::string error; // why it could not be read, or empty
};
void push_opened_file(OpenedFile file);
std::vector<OpenedFile> take_opened_files();

// Shows the target's own file picker if it has one (web: the page's <input type=file>);
// picked files arrive through take_opened_files() later. Returns false when the target has no
// picker (desktop): the UI then asks for a path itself. `accept` is like the HTML attribute.
bool show_open_picker(const char* accept, bool multiple);

// [SECTION] saving
// True where projects live at a path (desktop: save in place, atomically). False on the web,
// where saving means handing the file to the browser as a download.
bool saves_to_paths();
// Web: starts a download of `bytes` named `file_name`. Desktop: not used (returns false).
bool download_file(const std::string& file_name, std::string_view bytes, const char* mime_type);

// [SECTION] clipboard (ImGui's Ctrl+C / Ctrl+V go through these)
void set_clipboard_text(const char* utf8);
const char* get_clipboard_text(); // valid until the next call; never null

// [SECTION] window and time
void set_window_title(const std::string& title);
void request_quit();          // desktop: close the window; web: nothing
bool can_quit();              // false on the web (a tab is closed by the browser)
float content_scale();        // UI scale for this display (1 = 96 dpi; devicePixelRatio on the web)
double time_seconds();        // monotonic

} // namespace postil::platform
