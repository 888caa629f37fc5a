// The in-app path prompt. See path_dialog.h.
#include "path_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace postil::ui {

namespace {
const char* title_for(PathDialog::Mode m)
{
    switch (m) {
    case PathDialog::Mode::Open: return "Open project or text";
    case PathDialog::Mode::ImportText: return "Import text";
    case PathDialog::Mode::SaveAs: return "Save project as";
    }
    return "";
}
} // namespace

void PathDialog::show(Mode mode, const std::string& start_path, Done done)
{
    mode_ = mode;
    done_ = std::move(done);
    std::string start = start_path;
    if (start.empty()) {
        std::error_code ec;
        start = fs::current_path(ec).string() + "/";
    }
    std::snprintf(path_, sizeof(path_), "%s", start.c_str());
    listed_dir_.clear();
    open_requested_ = true;
}

void PathDialog::list_directory()
{
    // The folder part of what is typed: the path itself if it is a folder.
    fs::path typed(path_);
    std::error_code ec;
    fs::path dir = fs::is_directory(typed, ec) ? typed : typed.parent_path();
    if (dir.empty())
        dir = fs::current_path(ec);
    if (dir.string() == listed_dir_)
        return;
    listed_dir_ = dir.string();
    entries_.clear();
    list_error_.clear();
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.')
            continue;
        std::error_code type_ec;
        entries_.push_back({name, it->is_directory(type_ec)});
    }
    if (ec)
        list_error_ = ec.message();
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
        return a.is_dir != b.is_dir ? a.is_dir : a.name < b.name;
    });
}

void PathDialog::drawContent()
{
    const char* title = title_for(mode_);
    ImGui::PushID("path-dialog");
    if (open_requested_) {
        ImGui::OpenPopup(title);
        open_requested_ = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.6f, vp->WorkSize.y * 0.6f), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::PopID();
        return;
    }
    list_directory();

    bool accept = false;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::IsWindowAppearing())
        ImGui::SetKeyboardFocusHere();
    if (ImGui::InputText("##path", path_, sizeof(path_), ImGuiInputTextFlags_EnterReturnsTrue))
        accept = true;

    const float footer = ImGui::GetFrameHeightWithSpacing();
    ImGui::BeginChild("entries", ImVec2(0, -footer), ImGuiChildFlags_Borders);
    if (!list_error_.empty())
        ImGui::TextDisabled("%s", list_error_.c_str());
    fs::path dir(listed_dir_);
    if (ImGui::Selectable("../"))
        std::snprintf(path_, sizeof(path_), "%s/", dir.parent_path().string().c_str());
    for (const Entry& e : entries_) {
        std::string label = e.name + (e.is_dir ? "/" : "");
        if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_AllowDoubleClick)) {
            std::string full = (dir / e.name).string();
            std::snprintf(path_, sizeof(path_), "%s%s", full.c_str(), e.is_dir ? "/" : "");
            if (!e.is_dir && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
                accept = true;
        }
    }
    ImGui::EndChild();

    if (ImGui::Button(mode_ == Mode::SaveAs ? "Save" : "Open"))
        accept = true;
    ImGui::SameLine();
    bool cancel = ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape);

    std::error_code ec;
    if (accept && path_[0] != '\0' && !fs::is_directory(path_, ec)) {
        ImGui::CloseCurrentPopup();
        Done done = std::move(done_);
        done_ = nullptr;
        if (done)
            done(path_);
    } else if (cancel) {
        ImGui::CloseCurrentPopup();
        done_ = nullptr;
    }
    ImGui::EndPopup();
    ImGui::PopID();
}

} // namespace postil::ui
