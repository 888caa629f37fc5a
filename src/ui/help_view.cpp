// The keyboard reference window. See help_view.h.
#include "help_view.h"

#include "core/interaction/keymap.h"

#include <imgui.h>

#include <algorithm>

namespace postil::ui {

void HelpView::draw(const Schema& schema)
{
    if (!open_)
        return;
    using namespace postil::interaction;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(em * 44.0f, std::min(vp->WorkSize.y * 0.85f, em * 40.0f)), ImGuiCond_Appearing);
    if (focus_) {
        ImGui::SetNextWindowFocus();
        focus_ = false;
    }
    if (!ImGui::Begin("Keyboard shortcuts", &open_, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    if (ImGui::IsWindowFocused() && ImGui::IsKeyPressed(ImGuiKey_Escape, false))
        open_ = false;
    ImGui::TextWrapped("Select text in the document (drag, whole words), then press a type's key to mark it. "
                       "Click a mention to select it; S starts a stance from it.");
    for (const std::string& clash : shadowed_hotkeys(schema))
        ImGui::TextColored(ImVec4(0.95f, 0.65f, 0.2f, 1.0f), "Note: %s", clash.c_str());
    ImGui::Spacing();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("keys", 3, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Keys", ImGuiTableColumnFlags_WidthFixed, em * 9.0f);
        ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthFixed, em * 11.0f);
        ImGui::TableSetupColumn("What it does", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        const std::vector<KeyBinding> all = all_bindings(schema);
        for (size_t i = 0; i < all.size(); ++i) {
            // Rows that differ only by their keys share one line (Delete / Backspace).
            std::string keys = all[i].keys;
            while (i + 1 < all.size() && all[i + 1].description == all[i].description &&
                   all[i + 1].context == all[i].context && all[i + 1].command == all[i].command)
                keys += " / " + all[++i].keys;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(keys.c_str());
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", all[i].context.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", all[i].description.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

} // namespace postil::ui
