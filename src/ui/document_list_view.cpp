// The document list. See document_list_view.h.
#include "document_list_view.h"

#include "app.h"
#include "widgets.h"

#include <imgui.h>

#include <cstdio>
#include <string>
#include <vector>

namespace postil::ui {

namespace {

ImU32 status_color(DocStatus s)
{
    switch (s) {
    case DocStatus::Todo: return IM_COL32(140, 140, 150, 255);
    case DocStatus::InProgress: return IM_COL32(230, 170, 40, 255);
    case DocStatus::Done: return IM_COL32(70, 180, 90, 255);
    }
    return IM_COL32(140, 140, 150, 255);
}

const char* status_label(DocStatus s)
{
    switch (s) {
    case DocStatus::Todo: return "To do";
    case DocStatus::InProgress: return "In progress";
    case DocStatus::Done: return "Done";
    }
    return "?";
}

// A small filled dot, drawn rather than typed: no font needs a glyph for it.
void status_dot(DocStatus s)
{
    const float r = ImGui::GetFontSize() * 0.28f;
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(r * 2.0f, ImGui::GetTextLineHeight()));
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() * 0.5f), r,
                                                status_color(s));
}

} // namespace

void DocumentListView::drawContent()
{
    Project& project = app_.project();
    ImGui::TextDisabled("DOCUMENTS");
    ImGui::SameLine();
    ImGui::TextDisabled("(%zu)", project.documents.size());

    // Progress: documents done out of all.
    size_t done = 0, in_progress = 0;
    for (const Document& d : project.documents) {
        done += d.status == DocStatus::Done;
        in_progress += d.status == DocStatus::InProgress;
    }
    char progress[64];
    std::snprintf(progress, sizeof progress, "%zu / %zu done", done, project.documents.size());
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, status_color(DocStatus::Done));
    ImGui::ProgressBar(project.documents.empty() ? 0.0f : static_cast<float>(done) / project.documents.size(),
                       ImVec2(-FLT_MIN, 0), progress);
    ImGui::PopStyleColor();
    if (ImGui::BeginItemTooltip()) {
        ImGui::Text("%zu done · %zu in progress · %zu to do", done, in_progress, project.documents.size() - done - in_progress);
        ImGui::EndTooltip();
    }

    // Filter: text (name or id) and status.
    const char* status_filters[] = {"All", "To do", "In progress", "Done"};
    const float combo_w = ImGui::CalcTextSize("In progress").x + ImGui::GetFrameHeight() * 1.6f;
    ImGui::SetNextItemWidth(-combo_w - ImGui::GetStyle().ItemSpacing.x);
    ImGui::InputTextWithHint("##doc-filter", "Filter documents", filter_, sizeof(filter_));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::Combo("##status-filter", &status_filter_, status_filters, 4);
    note_item("doc-status-filter");
    std::vector<int> shown;
    for (int i = 0; i < static_cast<int>(project.documents.size()); ++i) {
        const Document& d = project.documents[static_cast<size_t>(i)];
        if (status_filter_ > 0 && static_cast<int>(d.status) != status_filter_ - 1)
            continue;
        if (filter_[0] && !contains_ci(d.name, filter_) && !contains_ci(d.id, filter_))
            continue;
        shown.push_back(i);
    }

    // Status buttons for the selected document, below the list.
    const Document* selected = project.document(app_.selected_document());
    const float buttons_h = selected ? ImGui::GetFrameHeightWithSpacing() : 0.0f;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("document-list", 2, flags, ImVec2(0, -buttons_h)))
        return;
    ImGui::TableSetupColumn("Document", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Mentions", ImGuiTableColumnFlags_WidthFixed);

    std::string set_status_id;
    DocStatus set_status_to = DocStatus::Todo;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const int i = shown[static_cast<size_t>(row)];
            const Document& doc = project.documents[static_cast<size_t>(i)];
            ImGui::PushID(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            status_dot(doc.status);
            ImGui::SameLine();
            const bool selected = doc.id == app_.selected_document();
            if (ImGui::Selectable(doc.name.empty() ? doc.id.c_str() : doc.name.c_str(), selected,
                                  ImGuiSelectableFlags_SpanAllColumns))
                app_.select_document(doc.id);
            note_item("doc-row:" + doc.id);
            if (ImGui::BeginItemTooltip()) {
                ImGui::Text("%s", doc.id.c_str());
                ImGui::TextDisabled("%s · %zu characters", status_label(doc.status), doc.text->size());
                ImGui::EndTooltip();
            }
            if (ImGui::BeginPopupContextItem("status")) {
                ImGui::TextDisabled("Status");
                for (DocStatus s : {DocStatus::Todo, DocStatus::InProgress, DocStatus::Done})
                    if (ImGui::MenuItem(status_label(s), nullptr, doc.status == s) && doc.status != s) {
                        set_status_id = doc.id;
                        set_status_to = s;
                    }
                ImGui::EndPopup();
            }
            ImGui::TableNextColumn();
            auto [begin, end] = project.mention_range(doc.id);
            ImGui::TextDisabled("%zu", end - begin);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (selected) {
        for (DocStatus s : {DocStatus::Todo, DocStatus::InProgress, DocStatus::Done}) {
            if (toggle_button(status_label(s), selected->status == s, s == DocStatus::Todo ? 0x6e6e78u
                                                                     : s == DocStatus::InProgress ? 0xc08a1eu : 0x3c9a55u) &&
                selected->status != s) {
                set_status_id = selected->id;
                set_status_to = s;
            }
            note_item(std::string("doc-status:") + to_string(s));
            ImGui::SameLine();
        }
        ImGui::NewLine();
    }
    // Edits after the loop: the command changes the list we were iterating.
    if (!set_status_id.empty())
        app_.editor().set_doc_status(set_status_id, set_status_to);
}

} // namespace postil::ui
