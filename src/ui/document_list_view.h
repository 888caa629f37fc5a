// The project's documents as a list: name, status, mention count. Click selects; the context
// menu sets the status (an undoable command).
// Does not do: document content (document_view.h).
#pragma once

namespace postil::ui {

class App;

class DocumentListView {
public:
    explicit DocumentListView(App& app) : app_(app) {}
    void drawContent();

private:
    App& app_;
};

} // namespace postil::ui
