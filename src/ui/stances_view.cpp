// The Stances panel. See stances_view.h.
// Index
// [SECTION] stance list
// [SECTION] selected stance
// [SECTION] document-level stances
#include "stances_view.h"

#include "app.h"
#include "widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace postil::ui {

namespace {
// Where a stance is in its text: evidence, else the holder or target mention.
uint32_t stance_position(const Project& p, const Stance& s)
{
    if (s.evidence)
        return s.evidence->start;
    for (const StanceRef* r : {&s.holder, &s.target})
        if (r->kind == StanceRef::Kind::Mention)
            if (const Mention* m = p.mention(r->id))
                return m->start;
    return 0;
}
} // namespace

//-----------------------------------------------------------------------------
// [SECTION] stance list
//-----------------------------------------------------------------------------

void StancesView::drawContent()
{
    const Project& p = app_.project();
    const std::string doc_id = app_.selected_document();
    const Document* doc = p.document(doc_id);
    if (!doc) {
        ImGui::TextDisabled("No document selected.");
        return;
    }
    ImGui::SeparatorText("Stances in this document");
    size_t n = 0;
    const float list_h = std::max(ImGui::GetTextLineHeightWithSpacing() * 5.0f, ImGui::GetContentRegionAvail().y * 0.4f);
    ImGui::BeginChild("stance-list", ImVec2(0, list_h), ImGuiChildFlags_Borders);
    std::string clicked;
    for (const Stance& s : p.stances) {
        if (s.doc_id != doc_id)
            continue;
        ++n;
        ImGui::PushID(s.id.c_str());
        const uint32_t rgb = polarity_rgb(p.schema, s.polarity);
        std::string label = ref_label(p, s.holder) + "  →  " + ref_label(p, s.target) + "  [" + s.polarity + "]";
        ImGui::PushStyleColor(ImGuiCol_Text, rgb_to_u32(rgb));
        // Draw the polarity colour as text: readable on both themes (schema colours are mid-tones).
        if (ImGui::Selectable(label.c_str(), app_.selected_stance() == s.id))
            clicked = s.id;
        ImGui::PopStyleColor();
        if (ImGui::BeginItemTooltip()) {
            ImGui::Text("%s · %s · confidence %.2f", s.id.c_str(), s.annotator.c_str(), s.confidence);
            if (!s.note.empty())
                ImGui::TextWrapped("%s", s.note.c_str());
            ImGui::EndTooltip();
        }
        ImGui::PopID();
    }
    if (n == 0)
        ImGui::TextDisabled("No stances yet. Create them in the text (holder, then target).");
    ImGui::EndChild();
    if (!clicked.empty()) {
        app_.select_stance(clicked);
        if (const Stance* s = p.stance(clicked))
            app_.request_scroll(doc_id, stance_position(p, *s));
    }

    const Stance* sel = app_.selected_stance().empty() ? nullptr : p.stance(app_.selected_stance());
    if (sel && sel->doc_id == doc_id)
        draw_editor(sel->id);
    draw_doc_stances(doc_id);
}

//-----------------------------------------------------------------------------
// [SECTION] selected stance
//-----------------------------------------------------------------------------

void StancesView::draw_editor(const std::string& stance_id)
{
    const Project& p = app_.project();
    Stance s = *p.stance(stance_id); // a copy: edits go through Editor::update_stance
    if (note_for_ != stance_id) {
        note_for_ = stance_id;
        std::snprintf(note_, sizeof(note_), "%s", s.note.c_str());
    }
    ImGui::SeparatorText("Selected stance");
    ImGui::TextWrapped("%s → %s", ref_label(p, s.holder).c_str(), ref_label(p, s.target).c_str());
    bool changed = false, remove = false;
    const float label_w = ImGui::GetFontSize() * 6.0f;
    ImGui::SetNextItemWidth(-label_w);
    if (ImGui::BeginCombo("Polarity", s.polarity.c_str())) {
        for (const Polarity& pol : p.schema.polarities) {
            ImGui::PushStyleColor(ImGuiCol_Text, rgb_to_u32(pol.color ? pol.color : 0x8c8c96));
            if (ImGui::Selectable(pol.id.c_str(), pol.id == s.polarity) && pol.id != s.polarity) {
                s.polarity = pol.id;
                changed = true;
            }
            ImGui::PopStyleColor();
        }
        ImGui::EndCombo();
    }
    float conf = static_cast<float>(s.confidence);
    ImGui::SetNextItemWidth(-label_w);
    ImGui::SliderFloat("Confidence", &conf, 0.0f, 1.0f, "%.2f");
    // One undo step per drag, not per frame of it.
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        s.confidence = conf;
        changed = true;
    } else if (ImGui::IsItemActive()) {
        s.confidence = conf; // shown while dragging; written on release
    }
    ImGui::SetNextItemWidth(-label_w);
    ImGui::InputText("Note", note_, sizeof(note_));
    if (ImGui::IsItemDeactivatedAfterEdit() && s.note != note_) {
        s.note = note_;
        changed = true;
    } else if (!ImGui::IsItemActive() && s.note != note_) {
        std::snprintf(note_, sizeof(note_), "%s", s.note.c_str()); // undo/redo changed it
    }
    if (ImGui::Button("Delete stance"))
        remove = true;
    ImGui::SameLine();
    ImGui::TextDisabled("by %s", s.annotator.c_str());

    if (remove) {
        app_.editor().remove_stance(stance_id);
        app_.select_stance("");
    } else if (changed) {
        app_.editor().update_stance(s);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] document-level stances
//-----------------------------------------------------------------------------

void StancesView::draw_doc_stances(const std::string& doc_id)
{
    const Project& p = app_.project();
    ImGui::SeparatorText("Document stance toward each target");
    if (p.schema.stance_targets.empty()) {
        ImGui::TextDisabled("The schema has no stance targets (View > Schema).");
        return;
    }
    std::string set_target, set_polarity;
    bool set = false;
    for (const StanceTarget& t : p.schema.stance_targets) {
        ImGui::PushID(t.id.c_str());
        const DocStance* ds = p.doc_stance(doc_id, t.id, p.annotator);
        const std::string current = ds ? ds->polarity : std::string();
        ImGui::TextWrapped("%s", t.name.empty() ? t.id.c_str() : t.name.c_str());
        if (!t.description.empty() && ImGui::BeginItemTooltip()) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 25.0f);
            ImGui::TextUnformatted(t.description.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        for (const Polarity& pol : p.schema.polarities) {
            if (toggle_button(pol.id.c_str(), current == pol.id, pol.color ? pol.color : 0x8c8c96)) {
                set = true;
                set_target = t.id;
                set_polarity = current == pol.id ? std::string() : pol.id; // pressing again clears
            }
            ImGui::SameLine();
        }
        if (toggle_button("none", current.empty())) {
            set = true;
            set_target = t.id;
            set_polarity.clear();
        }
        // Other annotators' document stances on this target, for reference.
        for (const DocStance& o : p.doc_stances)
            if (o.doc_id == doc_id && o.target_id == t.id && o.annotator != p.annotator) {
                ImGui::SameLine();
                ImGui::TextDisabled("%s: %s", o.annotator.c_str(), o.polarity.c_str());
            }
        ImGui::PopID();
    }
    if (set) {
        const DocStance* ds = p.doc_stance(doc_id, set_target, p.annotator);
        if ((ds ? ds->polarity : std::string()) != set_polarity)
            app_.editor().set_doc_stance(doc_id, set_target, set_polarity);
    }
}

} // namespace postil::ui
