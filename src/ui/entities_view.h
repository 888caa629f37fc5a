// The Entities panel: the corpus's canonical entities with mention counts and a filter; the
// selected entity can be renamed, given an external id (wikidata:Q…), merged into another,
// split (chosen mentions leave for a new entity) or deleted. Above the list, the selected
// mention (from the document view) can be linked to an entity ("Link to…"), to a new entity,
// or unlinked. Every change is one Editor call (one undo step).
// Does not do: creating mentions (document view), entity types (schema view).
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace postil::ui {

class App;

class EntitiesView {
public:
    explicit EntitiesView(App& app) : app_(app) {}
    void drawContent();

private:
    void draw_selected_mention();
    void draw_details(const std::string& entity_id);
    void refresh_counts();

    App& app_;
    char filter_[128] = {};
    char name_[256] = {}, external_[256] = {};
    std::string edited_entity_;          // whose fields name_/external_ hold
    std::string merge_from_;             // entity picked to merge into the selected one
    std::set<std::string> split_mentions_;
    std::map<std::string, size_t> counts_; // entity id -> mentions, per project revision
    uint64_t counts_key_ = UINT64_MAX;
};

} // namespace postil::ui
