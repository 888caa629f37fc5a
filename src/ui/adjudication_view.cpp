// The Adjudication window. See adjudication_view.h.
// Index
// [SECTION] helpers
// [SECTION] window: layers, progress, differences
#include "adjudication_view.h"

#include "app.h"
#include "widgets.h"

#include "core/adjudication.h"

#include <imgui.h>

#include <vector>

namespace postil::ui {

//-----------------------------------------------------------------------------
// [SECTION] helpers
//-----------------------------------------------------------------------------

namespace {

// One side's version of a difference, in words.
std::string side_text(const Project& p, const Difference& d, size_t side)
{
    if (side >= d.sides.size() || d.sides[side].empty())
        return "—";
    std::string out;
    for (const std::string& id : d.sides[side]) {
        if (!out.empty())
            out += "; ";
        if (d.item == DiffItem::Mention) {
            if (const Mention* m = p.mention(id))
                out += "«" + mention_text(p, *m, 40) + "» " + m->type + " " + std::to_string(m->start) + "-" + std::to_string(m->end);
        } else if (d.item == DiffItem::Stance) {
            if (const Stance* s = p.stance(id))
                out += ref_label(p, s->holder) + " → " + ref_label(p, s->target) + " [" + s->polarity + "]";
        } else {
            for (const DocStance& ds : p.doc_stances)
                if (ds.id == id)
                    out += ds.target_id + " [" + ds.polarity + "]";
        }
    }
    return out.empty() ? d.sides[side].front() + " (gone)" : out;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] window: layers, progress, differences
//-----------------------------------------------------------------------------

void AdjudicationView::drawWindow(bool* open)
{
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 44.0f, ImGui::GetFontSize() * 32.0f), ImGuiCond_FirstUseEver);
    // First time: centred over the workspace (later: where the user left it, from the layout).
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Adjudication", open)) {
        ImGui::End();
        return;
    }
    const Project& p = app_.project();
    std::vector<std::string> layers;
    for (const std::string& a : layer_names(p))
        if (!a.empty() && a != kGoldAnnotator)
            layers.push_back(a);
    if (layers.size() < 2) {
        ImGui::TextWrapped("Adjudication compares two annotator layers. This project has %zu. Import another "
                           "annotator's file with File > Import… > As an annotator layer.", layers.size());
        ImGui::End();
        return;
    }
    auto known = [&](const std::string& a) { for (const auto& l : layers) if (l == a) return true; return false; };
    if (!known(left_))
        left_ = layers[0];
    if (!known(right_) || right_ == left_)
        right_ = layers[0] == left_ ? layers[1] : layers[0];
    const float w = ImGui::GetFontSize();
    for (int side = 0; side < 2; ++side) {
        std::string& v = side == 0 ? left_ : right_;
        if (side)
            ImGui::SameLine();
        ImGui::SetNextItemWidth(w * 9.0f);
        if (ImGui::BeginCombo(side == 0 ? "left" : "right", v.c_str())) {
            for (const std::string& a : layers)
                if (ImGui::Selectable(a.c_str(), a == v))
                    v = a;
            ImGui::EndCombo();
        }
    }
    const std::vector<std::string> pair = {left_, right_};

    // Progress per document: a compact table; click a row to adjudicate that document.
    if (ImGui::CollapsingHeader("Progress", ImGuiTreeNodeFlags_DefaultOpen)) {
        std::vector<AdjudicationProgress> progress = adjudication_progress(p, pair);
        const float h = std::min(ImGui::GetTextLineHeightWithSpacing() * (progress.size() + 1.5f), w * 9.0f);
        if (ImGui::BeginTable("progress", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp, ImVec2(0, h))) {
            ImGui::TableSetupColumn("Document", ImGuiTableColumnFlags_WidthStretch, 2.0f);
            ImGui::TableSetupColumn("Differences", ImGuiTableColumnFlags_WidthStretch, 2.0f);
            ImGui::TableSetupColumn("Agreements", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableHeadersRow();
            for (const AdjudicationProgress& pr : progress) {
                const Document* d = p.document(pr.doc_id);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (ImGui::Selectable((d ? d->name : pr.doc_id).c_str(), pr.doc_id == app_.selected_document(),
                                      ImGuiSelectableFlags_SpanAllColumns))
                    app_.select_document(pr.doc_id);
                ImGui::TableNextColumn();
                char buf[64];
                std::snprintf(buf, sizeof buf, "%zu / %zu", pr.differences_resolved, pr.differences);
                ImGui::ProgressBar(pr.differences ? static_cast<float>(pr.differences_resolved) / pr.differences : 1.0f,
                                   ImVec2(-FLT_MIN, 0), buf);
                ImGui::TableNextColumn();
                ImGui::Text("%zu / %zu", pr.agreements_resolved, pr.agreements);
            }
            ImGui::EndTable();
        }
    }

    const std::string doc_id = app_.selected_document();
    const Document* doc = p.document(doc_id);
    if (!doc) {
        ImGui::End();
        return;
    }
    std::vector<Difference> diffs = compute_differences(p, doc_id, pair);
    ImGui::SeparatorText(("Differences in " + doc->name).c_str());
    Editor ed = app_.editor();
    if (ImGui::Button("Accept all agreements"))
        accept_all_agreements(ed, doc_id, pair);
    note_item("adjudication:accept-all");
    ImGui::SameLine();
    ImGui::Checkbox("hide agreements", &hide_agreements_);
    note_item("adjudication:hide-agreements");
    ImGui::SameLine();
    ImGui::Checkbox("hide resolved", &hide_resolved_);

    // Decisions are applied after the loop: they change the project the rows point into.
    int decide_index = -1;
    Decision decision = Decision::AcceptNeither;
    if (ImGui::BeginTable("differences", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                                ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn(left_.c_str(), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(right_.c_str(), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Decision", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < diffs.size(); ++i) {
            const Difference& d = diffs[i];
            if ((hide_agreements_ && d.kind == DiffKind::Agreement) || (hide_resolved_ && d.resolved))
                continue;
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const ImU32 kind_col = d.kind == DiffKind::Agreement ? IM_COL32(70, 180, 90, 255)
                                 : d.kind == DiffKind::Missing   ? IM_COL32(230, 170, 40, 255)
                                                                 : IM_COL32(230, 90, 70, 255);
            ImGui::PushStyleColor(ImGuiCol_Text, kind_col);
            std::string kind = std::string(to_string(d.item)) + " " + to_string(d.kind);
            if (ImGui::Selectable(kind.c_str(), false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap) &&
                d.span.end > d.span.start)
                app_.request_scroll(doc_id, d.span.start);
            ImGui::PopStyleColor();
            if (ImGui::BeginItemTooltip()) {
                ImGui::TextUnformatted(describe(p, d).c_str());
                ImGui::EndTooltip();
            }
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", side_text(p, d, 0).c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", side_text(p, d, 1).c_str());
            ImGui::TableNextColumn();
            if (d.resolved) {
                ImGui::TextDisabled("resolved");
                ImGui::SameLine();
            }
            const bool has_left = !d.sides[0].empty(), has_right = d.sides.size() > 1 && !d.sides[1].empty();
            ImGui::BeginDisabled(!has_left);
            if (ImGui::SmallButton("left")) { decide_index = static_cast<int>(i); decision = Decision::AcceptLeft; }
            note_item("adjudication:left:" + d.key);
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::BeginDisabled(!has_right);
            if (ImGui::SmallButton("right")) { decide_index = static_cast<int>(i); decision = Decision::AcceptRight; }
            note_item("adjudication:right:" + d.key);
            ImGui::EndDisabled();
            ImGui::SameLine();
            ImGui::BeginDisabled(!(has_left && has_right) || d.item == DiffItem::DocStance);
            if (ImGui::SmallButton("both")) { decide_index = static_cast<int>(i); decision = Decision::AcceptBoth; }
            ImGui::EndDisabled();
            ImGui::SameLine();
            if (ImGui::SmallButton("neither")) { decide_index = static_cast<int>(i); decision = Decision::AcceptNeither; }
            note_item("adjudication:neither:" + d.key);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (decide_index >= 0)
        decide(ed, diffs[static_cast<size_t>(decide_index)], decision);
    ImGui::End();
}

} // namespace postil::ui
