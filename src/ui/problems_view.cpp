// The Problems modal. See problems_view.h.
#include "problems_view.h"

#include <imgui.h>

#include <utility>

namespace postil::ui {

void ProblemsView::show(std::string title, Diagnostics diagnostics)
{
    title_ = std::move(title);
    diagnostics_ = std::move(diagnostics);
    open_requested_ = true;
}

void ProblemsView::drawContent()
{
    if (open_requested_) {
        ImGui::OpenPopup("Problems");
        open_requested_ = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.6f, 0), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal("Problems", nullptr, ImGuiWindowFlags_NoSavedSettings))
        return;
    ImGui::TextWrapped("%s", title_.c_str());
    ImGui::TextDisabled("%zu problem%s", diagnostics_.size(), diagnostics_.size() == 1 ? "" : "s");
    ImGui::Separator();
    const float list_h = ImGui::GetTextLineHeightWithSpacing() * std::min<float>(12.0f, 1.5f * diagnostics_.size() + 1);
    ImGui::BeginChild("list", ImVec2(0, list_h), ImGuiChildFlags_Borders);
    for (const Diagnostic& d : diagnostics_) {
        std::string line = d.to_string();
        ImGui::Bullet();
        ImGui::TextWrapped("%s", line.c_str());
    }
    ImGui::EndChild();
    if (ImGui::Button("Copy")) {
        std::string all;
        for (const Diagnostic& d : diagnostics_)
            all += d.to_string() + "\n";
        ImGui::SetClipboardText(all.c_str());
    }
    ImGui::SameLine();
    if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        ImGui::CloseCurrentPopup();
        title_.clear();
        diagnostics_.clear();
    }
    ImGui::EndPopup();
}

} // namespace postil::ui
