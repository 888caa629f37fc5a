// The Entities panel. See entities_view.h.
// Index
// [SECTION] selected mention: link to an entity
// [SECTION] entity list
// [SECTION] selected entity: rename, external id, merge, split, delete
#include "entities_view.h"

#include "app.h"
#include "widgets.h"

#include <imgui.h>

#include <cstdio>
#include <vector>

namespace postil::ui {

void EntitiesView::refresh_counts()
{
    const uint64_t key = app_.history().revision() + app_.generation();
    if (key == counts_key_)
        return;
    counts_key_ = key;
    counts_.clear(); // one pass over the mentions instead of Project::mention_count per row
    for (const Mention& m : app_.project().mentions)
        if (!m.entity_id.empty())
            ++counts_[m.entity_id];
}

void EntitiesView::drawContent()
{
    refresh_counts();
    draw_selected_mention();

    const Project& p = app_.project();
    ImGui::SeparatorText("Entities");
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##entity-filter", "Filter by name, type or id", filter_, sizeof(filter_));

    // [SECTION] entity list
    const std::string filter = filter_;
    const float list_h = std::max(ImGui::GetTextLineHeightWithSpacing() * 6.0f, ImGui::GetContentRegionAvail().y * 0.45f);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("entities", 3, flags, ImVec2(0, list_h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Entity", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("Mentions", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableHeadersRow();
        std::vector<const Entity*> shown;
        for (const Entity& e : p.entities)
            if (contains_ci(e.name, filter) || contains_ci(e.type, filter) || contains_ci(e.id, filter) ||
                contains_ci(e.external_id, filter))
                shown.push_back(&e);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(shown.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const Entity& e = *shown[static_cast<size_t>(i)];
                ImGui::PushID(e.id.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string label = e.name.empty() ? e.id : e.name;
                if (ImGui::Selectable(label.c_str(), app_.selected_entity() == e.id, ImGuiSelectableFlags_SpanAllColumns))
                    app_.select_entity(e.id);
                note_item("entity-row:" + e.id);
                if (!e.external_id.empty() && ImGui::BeginItemTooltip()) {
                    ImGui::Text("%s · %s", e.id.c_str(), e.external_id.c_str());
                    ImGui::EndTooltip();
                }
                ImGui::TableNextColumn();
                const EntityType* t = p.schema.entity_type(e.type);
                color_chip(t ? t->color : 0x888888);
                ImGui::SameLine(0, 4);
                ImGui::TextUnformatted(e.type.c_str());
                ImGui::TableNextColumn();
                auto it = counts_.find(e.id);
                ImGui::Text("%zu", it == counts_.end() ? size_t(0) : it->second);
                ImGui::PopID();
            }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("%zu entities", p.entities.size());
    if (!filter.empty()) {
        size_t n = 0;
        for (const Entity& e : p.entities)
            n += contains_ci(e.name, filter) || contains_ci(e.type, filter) || contains_ci(e.id, filter) ||
                 contains_ci(e.external_id, filter);
        ImGui::SameLine();
        ImGui::TextDisabled("(%zu match the filter)", n);
    }

    if (!app_.selected_entity().empty() && p.entity(app_.selected_entity()))
        draw_details(app_.selected_entity());
}

//-----------------------------------------------------------------------------
// [SECTION] selected mention: link to an entity
//-----------------------------------------------------------------------------

void EntitiesView::draw_selected_mention()
{
    const Project& p = app_.project();
    const Mention* m = app_.selected_mention().empty() ? nullptr : p.mention(app_.selected_mention());
    ImGui::SeparatorText("Selected mention");
    if (!m) {
        ImGui::TextDisabled("Select a mention in the text to link it to an entity.");
        return;
    }
    const EntityType* t = p.schema.entity_type(m->type);
    color_chip(t ? t->color : 0x888888);
    ImGui::SameLine(0, 4);
    ImGui::TextWrapped("«%s» %s", mention_text(p, *m).c_str(), m->type.c_str());
    const Entity* linked = m->entity_id.empty() ? nullptr : p.entity(m->entity_id);
    ImGui::TextDisabled("Entity: %s", linked ? (linked->name + " (" + linked->id + ")").c_str() : "not linked");

    std::string link_to;
    bool create = false, unlink = false;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##link", "Link to…", ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("New entity from this mention"))
            create = true;
        if (linked && ImGui::Selectable("Unlink"))
            unlink = true;
        ImGui::Separator();
        // Same type first: the likely candidates.
        for (int pass = 0; pass < 2; ++pass)
            for (const Entity& e : p.entities) {
                if ((e.type == m->type) != (pass == 0))
                    continue;
                std::string label = (e.name.empty() ? e.id : e.name) + "  [" + e.type + "]##" + e.id;
                if (ImGui::Selectable(label.c_str(), e.id == m->entity_id))
                    link_to = e.id;
            }
        ImGui::EndCombo();
    }
    const std::string suggestion = linked ? std::string() : app_.editor().suggest_entity(m->id);
    if (!suggestion.empty()) {
        if (const Entity* s = p.entity(suggestion)) {
            std::string label = "Link to " + s->name;
            if (ImGui::SmallButton(label.c_str()))
                link_to = s->id;
            ImGui::SameLine();
            ImGui::TextDisabled("(same text)");
        }
    }
    // After drawing: these change the project we were reading.
    const std::string mid = m->id;
    if (create) {
        std::string id = app_.editor().create_entity(mid);
        if (!id.empty())
            app_.select_entity(id);
    } else if (unlink) {
        app_.editor().link_mention(mid, "");
    } else if (!link_to.empty()) {
        app_.editor().link_mention(mid, link_to);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] selected entity: rename, external id, merge, split, delete
//-----------------------------------------------------------------------------

void EntitiesView::draw_details(const std::string& entity_id)
{
    const Project& p = app_.project();
    const Entity& e = *p.entity(entity_id);
    if (edited_entity_ != entity_id) { // another entity: reload the fields
        edited_entity_ = entity_id;
        std::snprintf(name_, sizeof(name_), "%s", e.name.c_str());
        std::snprintf(external_, sizeof(external_), "%s", e.external_id.c_str());
        split_mentions_.clear();
        merge_from_.clear();
    }
    ImGui::SeparatorText(("Entity " + e.id).c_str());
    const float label_w = ImGui::GetFontSize() * 6.0f;
    ImGui::SetNextItemWidth(-label_w);
    ImGui::InputText("Name", name_, sizeof(name_));
    note_item("entity:name");
    if (ImGui::IsItemDeactivatedAfterEdit() && e.name != name_)
        app_.editor().rename_entity(entity_id, name_);
    ImGui::SetNextItemWidth(-label_w);
    ImGui::InputTextWithHint("External id", "wikidata:Q…", external_, sizeof(external_));
    note_item("entity:external-id");
    if (ImGui::IsItemDeactivatedAfterEdit() && e.external_id != external_)
        app_.editor().set_entity_external_id(entity_id, external_);
    // Undo/redo may change the entity under the fields: follow it when not editing.
    if (!ImGui::IsAnyItemActive()) {
        if (e.name != name_)
            std::snprintf(name_, sizeof(name_), "%s", e.name.c_str());
        if (e.external_id != external_)
            std::snprintf(external_, sizeof(external_), "%s", e.external_id.c_str());
    }

    // Merge: another entity's mentions and stances move here.
    const Entity* from = merge_from_.empty() ? nullptr : p.entity(merge_from_);
    ImGui::SetNextItemWidth(-label_w);
    const bool merge_open = ImGui::BeginCombo("Merge in", from ? from->name.c_str() : "pick an entity…");
    note_item("entity:merge-in");
    if (merge_open) {
        for (const Entity& o : p.entities) {
            if (o.id == entity_id)
                continue;
            std::string label = (o.name.empty() ? o.id : o.name) + "  [" + o.type + "]##" + o.id;
            if (ImGui::Selectable(label.c_str(), o.id == merge_from_))
                merge_from_ = o.id;
            note_item("entity:merge-option:" + o.id);
        }
        ImGui::EndCombo();
    }
    ImGui::BeginDisabled(!from);
    bool do_merge = ImGui::Button("Merge");
    note_item("entity:merge");
    ImGui::EndDisabled();
    if (from && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s (%s) is deleted; its mentions and stances move to %s", from->name.c_str(),
                          from->id.c_str(), e.name.c_str());
    ImGui::SameLine();
    bool do_delete = ImGui::Button("Delete entity");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Unlinks its mentions (they stay) and removes stances on it");

    // Split: mentions chosen below leave for a new entity.
    ImGui::SeparatorText("Mentions");
    std::vector<const Mention*> mentions;
    for (const Mention& m : p.mentions)
        if (m.entity_id == entity_id)
            mentions.push_back(&m);
    std::string goto_doc;
    uint32_t goto_cp = 0;
    const float h = std::min(ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 1.5f,
                             ImGui::GetTextLineHeightWithSpacing() * (mentions.size() + 1.0f));
    ImGui::BeginChild("entity-mentions", ImVec2(0, std::max(h, ImGui::GetTextLineHeightWithSpacing() * 3)), ImGuiChildFlags_Borders);
    for (const Mention* m : mentions) {
        ImGui::PushID(m->id.c_str());
        bool checked = split_mentions_.count(m->id) > 0;
        if (ImGui::Checkbox("##split", &checked)) {
            if (checked)
                split_mentions_.insert(m->id);
            else
                split_mentions_.erase(m->id);
        }
        note_item("entity:split-check:" + m->id);
        ImGui::SameLine();
        const Document* d = p.document(m->doc_id);
        std::string label = "«" + mention_text(p, *m, 40) + "»  " + (d ? d->name : m->doc_id);
        if (ImGui::Selectable(label.c_str(), app_.selected_mention() == m->id)) {
            goto_doc = m->doc_id;
            goto_cp = m->start;
            app_.select_mention(m->id);
        }
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::BeginDisabled(split_mentions_.empty() || split_mentions_.size() == mentions.size());
    bool do_split = ImGui::Button("Split checked into a new entity");
    note_item("entity:split");
    ImGui::EndDisabled();

    if (!goto_doc.empty())
        app_.request_scroll(goto_doc, goto_cp);
    if (do_merge && from) {
        app_.editor().merge_entities(entity_id, merge_from_);
        merge_from_.clear();
    } else if (do_delete) {
        app_.editor().remove_entity(entity_id);
        app_.select_entity("");
    } else if (do_split) {
        std::vector<std::string> ids(split_mentions_.begin(), split_mentions_.end());
        std::string id = app_.editor().split_entity(entity_id, ids);
        split_mentions_.clear();
        if (!id.empty())
            app_.select_entity(id);
    }
}

} // namespace postil::ui
