// The Stances panel for the selected document: its stances as "holder → target [POLARITY]"
// coloured by polarity; clicking one selects it and asks the document view to scroll to it
// (App::request_scroll); the selected one is editable (polarity, confidence, note, delete).
// Below, the document-level stance toward each schema target: one row per target with a
// button per polarity and "none" (Editor::set_doc_stance, the current annotator's).
// Does not do: creating stances from the text (document view gestures).
#pragma once
#include <string>

namespace postil::ui {

class App;

class StancesView {
public:
    explicit StancesView(App& app) : app_(app) {}
    void drawContent();

private:
    void draw_editor(const std::string& stance_id);
    void draw_doc_stances(const std::string& doc_id);

    App& app_;
    char note_[512] = {};
    std::string note_for_;
};

} // namespace postil::ui
