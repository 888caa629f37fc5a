// Dark and light themes, scaled. See theme.h.
#include "theme.h"

#include "fonts.h"

#include <imgui.h>

namespace postil::ui {

void apply_theme(Theme theme, float scale)
{
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle(); // from scratch: ScaleAllSizes() multiplies, it must not compound
    if (theme == Theme::Dark)
        ImGui::StyleColorsDark(&style);
    else
        ImGui::StyleColorsLight(&style);

    // A reading tool: calmer, roomier than ImGui's debug-tool defaults.
    style.WindowRounding = 0.0f;
    style.ChildRounding = 4.0f;
    style.FrameRounding = 4.0f;
    style.PopupRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.WindowPadding = ImVec2(10, 10);
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    style.ScrollbarSize = 14.0f;
    style.WindowBorderSize = 0.0f;
    if (theme == Theme::Dark) {
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.115f, 0.125f, 1.0f);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(0.135f, 0.14f, 0.15f, 1.0f);
    } else {
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.95f, 0.95f, 0.94f, 1.0f);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 0.995f, 1.0f);
    }

    style.ScaleAllSizes(scale);
    style.FontSizeBase = kFontSize;
    style.FontScaleDpi = scale;
}

} // namespace postil::ui
