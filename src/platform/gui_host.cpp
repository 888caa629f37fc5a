// The shared GUI frame. See gui_host.h.
#include "gui_host.h"

#include "gl/gl.h"
#include "platform.h"
#include "ui/fonts.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <cstdio>

namespace postil::platform {

bool GuiHost::init(GLFWwindow* window, const std::string& main_font, std::string& error)
{
    window_ = window;
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // layout is fixed; nothing worth a stray imgui.ini in the cwd
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    ImGui_ImplGlfw_InitForOpenGL(window, true);
    // Our clipboard, not GLFW's: the web has none in its GLFW, the desktop wraps GLFW's.
    ImGuiPlatformIO& pio = ImGui::GetPlatformIO();
    pio.Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) { set_clipboard_text(text); };
    pio.Platform_GetClipboardTextFn = [](ImGuiContext*) { return get_clipboard_text(); };

    if (!renderer_.init(error))
        return false;

    std::string font_error;
    if (!ui::load_main_font(main_font, font_error))
        std::fprintf(stderr, "postil: %s\n", font_error.c_str());
    app_ = std::make_unique<ui::App>();
    return true;
}

void GuiHost::frame(float content_scale)
{
    app_->before_frame(content_scale);
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    app_->frame();
    ImGui::Render();

    ImDrawData* dd = ImGui::GetDrawData();
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glViewport(0, 0, static_cast<int>(dd->DisplaySize.x * dd->FramebufferScale.x),
               static_cast<int>(dd->DisplaySize.y * dd->FramebufferScale.y));
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    renderer_.render(dd);
}

void GuiHost::shutdown()
{
    if (!ImGui::GetCurrentContext())
        return;
    app_.reset();
    renderer_.shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
}

} // namespace postil::platform
