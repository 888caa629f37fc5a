// The document list. See document_list_view.h.
#include "document_list_view.h"

#include "app.h"

#include <imgui.h>

#include <string>

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

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("document-list", 2, flags))
        return;
    ImGui::TableSetupColumn("Document", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Mentions", ImGuiTableColumnFlags_WidthFixed);

    std::string set_status_id;
    DocStatus set_status_to = DocStatus::Todo;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(project.documents.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
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
    // Edits after the loop: the command changes the list we were iterating.
    if (!set_status_id.empty())
        app_.history().execute(project, set_doc_status(set_status_id, set_status_to));
}

} // namespace postil::ui
