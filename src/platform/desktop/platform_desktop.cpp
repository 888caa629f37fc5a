// platform.h for the Linux desktop (GLFW). Files live at paths: save in place, no picker
// (the UI shows its own path dialog). Clipboard through GLFW.
#include "platform/platform.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <chrono>

namespace postil::platform {

GLFWwindow* g_desktop_window = nullptr; // set by main_desktop.cpp

const char* name() { return "desktop"; }

bool show_open_picker(const char*, bool) { return false; }
bool saves_to_paths() { return true; }
bool download_file(const std::string&, std::string_view, const char*) { return false; }

void set_clipboard_text(const char* utf8) { glfwSetClipboardString(g_desktop_window, utf8 ? utf8 : ""); }

const char* get_clipboard_text()
{
    const char* s = glfwGetClipboardString(g_desktop_window);
    return s ? s : "";
}

void set_window_title(const std::string& title)
{
    if (g_desktop_window)
        glfwSetWindowTitle(g_desktop_window, title.c_str());
}

void request_quit()
{
    if (g_desktop_window)
        glfwSetWindowShouldClose(g_desktop_window, GLFW_TRUE);
}

bool can_quit() { return true; }

float content_scale()
{
    if (!g_desktop_window)
        return 1.0f;
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(g_desktop_window, &x, &y);
    return x > 0.0f ? x : 1.0f;
}

double time_seconds()
{
    using clock = std::chrono::steady_clock;
    static const clock::time_point start = clock::now();
    return std::chrono::duration<double>(clock::now() - start).count();
}

} // namespace postil::platform
