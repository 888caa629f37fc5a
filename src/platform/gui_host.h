// Runs the App inside a GLFW window with our GL renderer: ImGui context, GLFW input backend,
// fonts, one frame at a time. Shared by the desktop and web mains (each owns its loop).
// Does not do: creating the window or GL context, swapping, the main loop itself.
#pragma once
#include "gl/gl_renderer.h"
#include "ui/app.h"

#include <memory>
#include <string>

struct GLFWwindow;

namespace postil::platform {

class GuiHost {
public:
    // Needs the window's GL context current. `main_font` is a TTF path. Returns false with
    // the reason in `error` if the renderer cannot start (fonts only warn).
    bool init(GLFWwindow* window, const std::string& main_font, std::string& error);
    // One frame: takes opened files, builds the UI, renders into the current framebuffer.
    void frame(float content_scale);
    void shutdown();
    ui::App& app() { return *app_; }

private:
    GLFWwindow* window_ = nullptr;
    gl::Renderer renderer_;
    std::unique_ptr<ui::App> app_;
};

} // namespace postil::platform
