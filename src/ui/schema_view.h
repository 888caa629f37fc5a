// The Schema editor (a window): entity types (id, name, colour, hotkey), polarities (id, name,
// colour, hotkey) and stance targets (id, name, description); add, edit, remove. Edits are made
// on a draft and committed through Editor::set_schema when a field is left (one undo step);
// a refused or invalid edit is explained (which records still use the id, which field is wrong)
// and the draft goes back to the project's schema.
// Does not do: relation types and attributes (kept as they are), annotations.
#pragma once
#include "core/schema.h"

#include <string>

namespace postil::ui {

class App;

class SchemaView {
public:
    explicit SchemaView(App& app) : app_(app) {}
    void drawWindow(bool* open);
    // The last refusal shown at the top of the window ("" when none): for window.postil.uiState().
    const std::string& message() const { return message_; }

private:
    void commit();
    std::string why_refused(const Schema& s) const;

    App& app_;
    Schema draft_;
    bool editing_ = false;      // a field of the draft is active
    std::string message_;       // last refusal
};

} // namespace postil::ui
