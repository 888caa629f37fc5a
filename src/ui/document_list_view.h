// The project's documents as a list: name, status, mention count; progress (documents done),
// a filter by text and status. Click selects; the context menu and the buttons under the list
// set the status (Editor::set_doc_status, one undo step).
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
    char filter_[128] = {};
    int status_filter_ = 0; // 0 all, else DocStatus + 1
};

} // namespace postil::ui
