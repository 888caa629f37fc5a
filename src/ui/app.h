// The application: owns the project and its undo history, draws the whole UI each frame
// (menu bar, document list, document text, status bar, dialogs) and turns user intents into
// core calls. ImHex style: the App holds state and actions; views only draw (drawContent()).
// Does not do: windows, GL, input plumbing, main loops (src/platform/); file formats (core).
#pragma once
#include "adjudication_view.h"
#include "agreement_view.h"
#include "autosave.h"
#include "document_list_view.h"
#include "document_view.h"
#include "entities_view.h"
#include "export_dialog.h"
#include "import_dialog.h"
#include "schema_view.h"
#include "settings.h"
#include "stances_view.h"
#include "path_dialog.h"
#include "problems_view.h"
#include "theme.h"

#include "core/chunk_sink.h"
#include "core/diagnostic.h"
#include "core/history.h"
#include "core/model.h"
#include "core/ops.h"

#include <memory>
#include <string>
#include <string_view>

namespace postil::platform {
struct OpenedFile;
}

namespace postil::ui {

class App {
public:
    App(); // opens on the demo project (core/demo.h)
    ~App(); // flushes the autosave

    // Between frames (before ImGui::NewFrame): merges fonts that arrived, applies the theme
    // at the display's content scale if either changed.
    void before_frame(float content_scale);
    // Draws one frame. Call between ImGui::NewFrame() and ImGui::Render().
    void frame();

    // [SECTION] actions (menus, shortcuts, platforms and tests use these)
    // A .json file replaces the project; any other file is imported as a text document.
    // Problems are shown in the Problems dialog, never thrown.
    void open(platform::OpenedFile file);
    void open_path(const std::string& path); // reads the file first (desktop)
    void save();                             // to the project's path, or asks for one / downloads
    bool save_to(const std::string& path);   // atomic write; false (and Problems shown) on failure
    void download();                         // web: the project file as a download
    void show_problems(std::string title, Diagnostics diagnostics);
    void set_theme(Theme theme);
    // Replaces the project from a project file's bytes (window.postil.loadProject). On
    // failure returns false with the problems in `diagnostics` and leaves the project alone.
    bool load_project_bytes(const std::string& bytes, const std::string& source, Diagnostics& diagnostics);
    void set_annotator(const std::string& name); // settings + Project::annotator (not an edit)
    void flush_autosave();                       // page hidden / quitting: write now
    // A change that is not in History (annotator name): autosave writes it like an edit.
    void touch() { ++generation_; }
    void save_settings();                        // after changing settings()

    // [SECTION] state for the views
    Project& project() { return project_; }
    const Project& project() const { return project_; }
    History& history() { return history_; }
    const std::string& project_path() const { return project_path_; }
    const std::string& selected_document() const { return selected_; }
    void select_document(const std::string& id) { selected_ = id; }
    // Every user operation goes through this (ops.h): one undo step each.
    Editor editor() { return Editor{project_, history_}; }
    uint64_t generation() const { return generation_; }
    Settings& settings() { return settings_; }
    const Autosave& autosave() const { return autosave_; }

    // Selection shared by the panels and the document view (ids; "" = none).
    const std::string& selected_mention() const { return selected_mention_; }
    void select_mention(const std::string& id) { selected_mention_ = id; }
    const std::string& selected_stance() const { return selected_stance_; }
    void select_stance(const std::string& id) { selected_stance_ = id; }
    const std::string& selected_entity() const { return selected_entity_; }
    void select_entity(const std::string& id) { selected_entity_ = id; }

    // Asks the document view to bring code point `cp` of document `doc_id` into view (selects
    // the document). The document view takes it with take_scroll_request(); serial grows with
    // every request so a repeated click scrolls again.
    struct ScrollRequest {
        std::string doc_id;
        uint32_t cp = 0;
        uint64_t serial = 0;
    };
    void request_scroll(const std::string& doc_id, uint32_t cp);
    bool take_scroll_request(ScrollRequest& out);
    const ScrollRequest& last_scroll_request() const { return scroll_; }
    std::string project_file() const; // the project file's bytes (save_project_string)
    void write_project_file(ChunkSink& sink) const; // the same bytes in chunks (save_project)
    Theme theme() const { return theme_; }
    const ProblemsView& problems() const { return problems_; }
    // The text view (automation hooks: locate a range on screen, its selection and gesture).
    DocumentView& document_view() { return document_view_; }
    const SchemaView& schema_view() const { return schema_view_; }
    const ImportDialog& import_dialog() const { return import_dialog_; }
    const AgreementView& agreement_view() const { return agreement_view_; }
    const AdjudicationView& adjudication_view() const { return adjudication_view_; }

private:
    void draw_menu_bar();
    void draw_status_bar(float height);
    void draw_about();
    void handle_shortcuts();
    void ask_path(PathDialog::Mode mode);
    void update_title();
    void replace_project(Project p, std::string path);
    void finish_open();        // the second frame of opening a big project file
    void start_session();      // first frame: settings, layout, autosaved or last project
    void poll_storage();       // results of asynchronous writes; layout saving
    void draw_side_panel();
    void draw_settings_window();

    Project project_;
    History history_;
    struct PendingOpen;                         // a big project file parsed, built next frame
    std::unique_ptr<PendingOpen> pending_open_;
    std::string project_path_; // where Save writes (desktop); empty until known
    std::string selected_;     // selected document id
    Theme theme_ = Theme::Dark;
    float scale_ = 1.0f;
    bool style_dirty_ = true;
    bool show_about_ = false;
    std::string last_title_;
    bool session_started_ = false;
    uint64_t generation_ = 0;
    Settings settings_;
    std::string selected_mention_, selected_stance_, selected_entity_;
    ScrollRequest scroll_;
    bool scroll_taken_ = true;
    char annotator_buf_[128] = {};
    Settings saved_panels_;      // settings as last stored (panel toggles save on change)
    float side_width_ = 0.0f;
    int side_tab_shown_ = -1;
    Autosave autosave_{*this};

    DocumentListView list_view_;
    DocumentView document_view_;
    EntitiesView entities_view_{*this};
    StancesView stances_view_{*this};
    SchemaView schema_view_{*this};
    ExportDialog export_dialog_{*this};
    ImportDialog import_dialog_{*this};
    AgreementView agreement_view_{*this};
    AdjudicationView adjudication_view_{*this};
    ProblemsView problems_;
    PathDialog path_dialog_;
};

} // namespace postil::ui
