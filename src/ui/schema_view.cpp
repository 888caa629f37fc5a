// The Schema editor. See schema_view.h.
// Index
// [SECTION] commit and refusals
// [SECTION] window: entity types, polarities, stance targets
#include "schema_view.h"

#include "app.h"
#include "widgets.h"

#include <nlohmann/json.hpp>
#include <imgui.h>

#include <set>

namespace postil::ui {

//-----------------------------------------------------------------------------
// [SECTION] commit and refusals
//-----------------------------------------------------------------------------

std::string SchemaView::why_refused(const Schema& s) const
{
    const Project& p = app_.project();
    // Structural problems first (empty or duplicate ids, bad colours): the core's own validator.
    Diagnostics diags;
    schema_from_json(schema_to_json(s), diags, "schema");
    std::set<std::string> hotkeys;
    for (const EntityType& t : s.entity_types)
        if (!t.hotkey.empty() && !hotkeys.insert(t.hotkey).second)
            return "Hotkey \"" + t.hotkey + "\" is used by two entity types.";
    if (!diags.empty())
        return diags.front().to_string();
    // Then ids that records still use.
    std::set<std::string> reported;
    std::string out;
    auto note = [&](const std::string& what) {
        if (reported.insert(what).second)
            out += (out.empty() ? "" : "; ") + what;
    };
    for (const Mention& m : p.mentions)
        if (!s.entity_type(m.type))
            note("entity type " + m.type + " is used by mentions");
    for (const Stance& st : p.stances) {
        if (!s.polarity(st.polarity))
            note("polarity " + st.polarity + " is used by stances");
        for (const StanceRef* r : {&st.holder, &st.target})
            if (r->kind == StanceRef::Kind::Target && !s.stance_target(r->id))
                note("target " + r->id + " is used by stances");
    }
    for (const DocStance& d : p.doc_stances) {
        if (!s.polarity(d.polarity))
            note("polarity " + d.polarity + " is used by document stances");
        if (!s.stance_target(d.target_id))
            note("target " + d.target_id + " is used by document stances");
    }
    if (!out.empty())
        out = "Refused: " + out + ". Remove or relabel those annotations first (ids in use cannot change).";
    return out;
}

void SchemaView::commit()
{
    if (draft_ == app_.project().schema)
        return;
    std::string why = why_refused(draft_);
    if (why.empty() && app_.editor().set_schema(draft_)) {
        message_.clear();
        return;
    }
    message_ = why.empty() ? "Refused by the project (an id in use would disappear)." : why;
    draft_ = app_.project().schema;
}

//-----------------------------------------------------------------------------
// [SECTION] window: entity types, polarities, stance targets
//-----------------------------------------------------------------------------

namespace {
// One colour picker per row: a swatch that opens a picker; true when the colour was released.
bool color_field(const char* id, uint32_t& rgb)
{
    ImVec4 c = rgb_to_vec4(rgb);
    float col[3] = {c.x, c.y, c.z};
    bool done = false;
    if (ImGui::ColorEdit3(id, col, ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel)) {
        rgb = vec4_to_rgb(ImVec4(col[0], col[1], col[2], 1.0f));
    }
    done = ImGui::IsItemDeactivatedAfterEdit();
    return done;
}
// What the fields of one frame did: a field is being typed in, or an edit is to be committed.
struct FieldEdits {
    bool commit_now = false, any_active = false;
    void after_field()
    {
        any_active |= ImGui::IsItemActive();
        commit_now |= ImGui::IsItemDeactivatedAfterEdit();
    }
};

// "TYPE1", "TYPE2" ...: the first id with this prefix that `exists` says is free.
template <class Exists>
std::string free_id(const char* prefix, Exists exists)
{
    for (int n = 1;; ++n)
        if (std::string id = prefix + std::to_string(n); !exists(id))
            return id;
}

// The table of entity types or of polarities (both: colour, id, name, one-key hotkey), with a
// Remove button per row and an Add button that appends a row with a free id.
// `note` prefixes the rows' noted items ("schema:type:" -> "schema:type:0:id"), for the tests.
template <class Row, class Exists>
void label_table(const char* table, std::vector<Row>& rows, const std::string& note, const char* add_label,
                 const char* add_note, Row fresh, const char* id_prefix, Exists exists, FieldEdits& fe)
{
    const float w = ImGui::GetFontSize();
    int remove = -1;
    if (ImGui::BeginTable(table, 5, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("Colour", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("Id", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthFixed, w * 2.5f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < rows.size(); ++i) {
            Row& t = rows[i];
            const std::string row = note + std::to_string(i) + ":";
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            fe.commit_now |= color_field("##color", t.color);
            fe.any_active |= ImGui::IsItemActive();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            input_string("##id", t.id);
            note_item(row + "id");
            fe.after_field();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            input_string("##name", t.name);
            note_item(row + "name");
            fe.after_field();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            input_string("##key", t.hotkey, ImGuiInputTextFlags_CharsNoBlank);
            note_item(row + "key");
            if (t.hotkey.size() > 1 && static_cast<unsigned char>(t.hotkey[0]) < 0x80)
                t.hotkey.resize(1); // one key
            fe.after_field();
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("Remove"))
                remove = static_cast<int>(i);
            note_item(row + "remove");
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (remove >= 0) {
        rows.erase(rows.begin() + remove);
        fe.commit_now = true;
    }
    const bool add = ImGui::Button(add_label);
    note_item(add_note);
    if (add) {
        fresh.id = free_id(id_prefix, exists);
        rows.push_back(fresh);
        fe.commit_now = true;
    }
}

} // namespace

void SchemaView::drawWindow(bool* open)
{
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36.0f, ImGui::GetFontSize() * 30.0f), ImGuiCond_FirstUseEver);
    // First time: centred over the workspace (later: where the user left it, from the layout).
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Schema", open)) {
        ImGui::End();
        return;
    }
    // Follow the project (undo, redo, loads) whenever nothing is being typed.
    if (!editing_)
        draft_ = app_.project().schema;
    FieldEdits fe;
    const float w = ImGui::GetFontSize();

    if (!message_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(230, 90, 70, 255));
        ImGui::TextWrapped("%s", message_.c_str());
        note_item("schema:message");
        ImGui::PopStyleColor();
    }

    if (ImGui::CollapsingHeader("Entity types", ImGuiTreeNodeFlags_DefaultOpen)) {
        EntityType fresh;
        fresh.name = "New type";
        fresh.color = 0x5b8def;
        label_table("types", draft_.entity_types, "schema:type:", "Add entity type", "schema:add-type", fresh, "TYPE",
                    [&](const std::string& id) { return draft_.entity_type(id) != nullptr; }, fe);
    }

    if (ImGui::CollapsingHeader("Polarities", ImGuiTreeNodeFlags_DefaultOpen)) {
        Polarity fresh;
        fresh.name = "New polarity";
        fresh.color = 0x9a7bd0;
        label_table("polarities", draft_.polarities, "schema:polarity:", "Add polarity", "schema:add-polarity", fresh,
                    "POLARITY", [&](const std::string& id) { return draft_.polarity(id) != nullptr; }, fe);
    }

    if (ImGui::CollapsingHeader("Stance targets", ImGuiTreeNodeFlags_DefaultOpen)) {
        int remove = -1;
        for (size_t i = 0; i < draft_.stance_targets.size(); ++i) {
            StanceTarget& t = draft_.stance_targets[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::SetNextItemWidth(w * 10.0f);
            input_string("##id", t.id, 0, "id");
            fe.after_field();
            ImGui::SameLine();
            ImGui::SetNextItemWidth(-w * 5.0f);
            input_string("##name", t.name, 0, "name");
            fe.after_field();
            ImGui::SameLine();
            if (ImGui::SmallButton("Remove"))
                remove = static_cast<int>(i);
            ImGui::SetNextItemWidth(-w * 5.0f);
            input_string("##description", t.description, 0, "description");
            fe.after_field();
            ImGui::Separator();
            ImGui::PopID();
        }
        if (remove >= 0) {
            draft_.stance_targets.erase(draft_.stance_targets.begin() + remove);
            fe.commit_now = true;
        }
        if (ImGui::Button("Add stance target")) {
            StanceTarget t;
            t.id = free_id("target-", [&](const std::string& id) { return draft_.stance_target(id) != nullptr; });
            t.name = "New target";
            draft_.stance_targets.push_back(t);
            fe.commit_now = true;
        }
    }
    ImGui::TextDisabled("Changes apply when you leave a field; Ctrl+Z undoes them.");
    editing_ = fe.any_active;
    if (fe.commit_now) {
        commit();
        editing_ = false;
    }
    ImGui::End();
}

} // namespace postil::ui
