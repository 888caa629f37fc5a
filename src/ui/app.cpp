// The application: state, actions, menu bar, layout. See app.h.
// Index
// [SECTION] construction, per-frame setup
// [SECTION] actions: open, save, download
// [SECTION] frame: layout, menu bar, status bar, shortcuts
#include "app.h"

#include "fonts.h"
#include "widgets.h"
#include "platform/platform.h"
#include "platform/storage.h"

#include "core/demo.h"
#include "core/formats/open_route.h"
#include "core/import_text.h"
#include "core/project_io.h"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <utility>

namespace postil::ui {

namespace {

Diagnostics one_problem(const std::string& file, const std::string& message)
{
    Diagnostic d;
    d.file = file;
    d.message = message;
    return {d};
}

// "Postil demo" -> "postil-demo.json": a download name that any OS accepts.
std::string file_name_for(const std::string& project_name)
{
    std::string out;
    for (unsigned char c : project_name) {
        if (std::isalnum(c) || c >= 0x80)
            out += static_cast<char>(c);
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return (out.empty() ? std::string("project") : out) + ".json";
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] construction, per-frame setup
//-----------------------------------------------------------------------------

// A project file at least this big opens over two frames: the JSON parse in one, building
// and checking the project (and the first layout of its document) in the next, so that no
// single frame holds the page for the whole open. 200k tokens / 20k mentions (4 MB) in the
// browser: ~280 ms in one frame before (bench/frame_bench.md).
constexpr size_t kTwoFrameOpenBytes = 1u << 20;

struct App::PendingOpen {
    nlohmann::json json;
    std::string name, path;
};

App::~App()
{
    // Quitting (desktop window closed): write what the timer has not written yet.
    if (session_started_)
        autosave_.flush(platform::time_seconds());
}

App::App() : list_view_(*this), document_view_(*this)
{
    project_ = make_demo_project();
    if (!project_.documents.empty())
        selected_ = project_.documents.front().id;
}

void App::before_frame(float content_scale)
{
    if (!session_started_) {
        session_started_ = true;
        start_session();
    }
    poll_storage();
    apply_queued_fonts();
    if (content_scale > 0.0f && content_scale != scale_) {
        scale_ = content_scale;
        style_dirty_ = true;
    }
    if (style_dirty_) {
        apply_theme(theme_, scale_);
        style_dirty_ = false;
    }
    update_title();
}

std::string App::project_file() const { return save_project_string(project_); }
void App::write_project_file(ChunkSink& sink) const { save_project(project_, sink); }

//-----------------------------------------------------------------------------
// [SECTION] session: settings, layout, autosave
//-----------------------------------------------------------------------------

// Before the first NewFrame: windows read their saved layout when they first appear.
void App::start_session()
{
    std::string text, error;
    if (platform::stored_read(platform::Store::Settings, text))
        settings_ = settings_from_json(text);
    theme_ = settings_.theme;
    style_dirty_ = true;
    if (platform::stored_read(platform::Store::Layout, text))
        ImGui::LoadIniSettingsFromMemory(text.data(), text.size());

    // Desktop: the last project file if it is still there; then (both targets) the autosave.
    bool restored = false;
    if (platform::saves_to_paths() && !settings_.last_project.empty()) {
        std::error_code ec;
        if (std::filesystem::exists(settings_.last_project, ec)) {
            try {
                replace_project(load_project_file(settings_.last_project), settings_.last_project);
                restored = true;
            } catch (const InputError& e) {
                show_problems("Could not reopen " + settings_.last_project, e.diagnostics);
            }
        }
    }
    if (!restored && platform::stored_read(platform::Store::Autosave, text, &error)) {
        try {
            replace_project(load_project_string(text, platform::stored_location(platform::Store::Autosave)), "");
            restored = true;
        } catch (const InputError& e) {
            // Keep the broken copy's problems visible; the demo opens instead. The store is
            // only overwritten after the next edit.
            show_problems("The autosaved project could not be restored", e.diagnostics);
        }
    } else if (!error.empty()) {
        show_problems("The autosaved project could not be read", one_problem(platform::stored_location(platform::Store::Autosave), error));
    }
    saved_panels_ = settings_;
    if (!settings_.annotator.empty())
        project_.annotator = settings_.annotator;
    std::snprintf(annotator_buf_, sizeof(annotator_buf_), "%s", project_.annotator.c_str());
    autosave_.mark_current(); // restored (or the demo, which needs no saving until edited)
}

void App::poll_storage()
{
    const double now = platform::time_seconds();
    for (const platform::StoreResult& r : platform::take_store_results()) {
        if (r.store == platform::Store::Autosave)
            autosave_.store_finished(r.ok, r.error, now);
        else if (!r.ok)
            show_problems("Could not save your settings", one_problem(platform::stored_location(r.store), r.error));
    }
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantSaveIniSettings) { // set by ImGui a few seconds after a window moved or resized
        size_t size = 0;
        const char* ini = ImGui::SaveIniSettingsToMemory(&size);
        platform::stored_write(platform::Store::Layout, std::string(ini, size));
        io.WantSaveIniSettings = false;
    }
}

void App::save_settings()
{
    saved_panels_ = settings_;
    platform::stored_write(platform::Store::Settings, settings_to_json(settings_));
}

void App::set_theme(Theme theme)
{
    theme_ = theme;
    style_dirty_ = true;
    if (settings_.theme != theme) {
        settings_.theme = theme;
        save_settings();
    }
}

void App::set_annotator(const std::string& name)
{
    if (name.empty() || name == project_.annotator)
        return;
    project_.annotator = name; // who annotates now: session identity, not an undoable edit
    settings_.annotator = name;
    save_settings();
    touch();
}

void App::flush_autosave() { autosave_.flush(platform::time_seconds()); }

bool App::load_project_bytes(const std::string& bytes, const std::string& source, Diagnostics& diagnostics)
{
    try {
        replace_project(load_project_string(bytes, source), "");
    } catch (const InputError& e) {
        diagnostics = e.diagnostics;
        return false;
    }
    autosave_.mark_changed(platform::time_seconds());
    return true;
}

void App::request_scroll(const std::string& doc_id, uint32_t cp)
{
    if (project_.document(doc_id))
        selected_ = doc_id;
    scroll_.doc_id = doc_id;
    scroll_.cp = cp;
    ++scroll_.serial;
    scroll_taken_ = false;
}

bool App::take_scroll_request(ScrollRequest& out)
{
    if (scroll_taken_)
        return false;
    scroll_taken_ = true;
    out = scroll_;
    return true;
}

void App::update_title()
{
    std::string title = "Postil — " + project_.name + (history_.dirty() ? " •" : "");
    if (title != last_title_) {
        platform::set_window_title(title);
        last_title_ = std::move(title);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] actions: open, save, download
//-----------------------------------------------------------------------------

void App::replace_project(Project p, std::string path)
{
    project_ = std::move(p);
    history_.clear();
    project_path_ = std::move(path);
    selected_ = project_.documents.empty() ? std::string() : project_.documents.front().id;
    selected_mention_.clear();
    selected_stance_.clear();
    selected_entity_.clear();
    if (!settings_.annotator.empty())
        project_.annotator = settings_.annotator; // whoever annotates now, whatever the file says
    ++generation_;
    if (!project_path_.empty()) {
        autosave_.mark_current(); // it is what the file holds
        if (settings_.last_project != project_path_) {
            settings_.last_project = project_path_;
            save_settings();
        }
    } else {
        autosave_.mark_changed(platform::time_seconds()); // only in memory so far
    }
}

void App::finish_open()
{
    std::unique_ptr<PendingOpen> p = std::move(pending_open_);
    if (!p)
        return;
    try {
        replace_project(project_from_json(p->json, p->name), p->path);
    } catch (const InputError& e) {
        show_problems("Could not open " + p->name, e.diagnostics);
    } catch (const std::exception& e) {
        show_problems("Could not open " + p->name, one_problem(p->name, e.what()));
    }
}

void App::open(platform::OpenedFile file)
{
    finish_open(); // files open in the order they came
    if (!file.error.empty()) {
        show_problems("Could not open " + file.name, one_problem(file.name, file.error));
        return;
    }
    InputFile input{file.name, std::move(file.bytes)};
    const OpenRoute route = route_opened_file(input);
    if (route.action == OpenAction::Import) {
        // An interchange file (jsonl, doccano, brat ...) is not a text to read: the Import
        // dialog shows the guessed format and what the file holds before anything is added.
        settings_.show_import = true;
        import_dialog_.add_file(std::move(input));
        return;
    }
    try {
        if (route.action == OpenAction::OpenProject && input.bytes.size() >= kTwoFrameOpenBytes) {
            auto p = std::make_unique<PendingOpen>();
            p->json = parse_project_json(input.bytes, input.name);
            p->name = input.name;
            p->path = file.path;
            pending_open_ = std::move(p); // finish_open() at the start of the next frame
        } else if (route.action == OpenAction::OpenProject) {
            replace_project(load_project_string(input.bytes, input.name), file.path);
        } else {
            Document doc = make_text_document(project_, input.name, input.bytes);
            std::string id = doc.id;
            history_.execute(project_, put_document(std::move(doc)));
            selected_ = id;
        }
    } catch (const InputError& e) {
        show_problems("Could not open " + input.name, e.diagnostics);
    } catch (const std::exception& e) {
        show_problems("Could not open " + input.name, one_problem(input.name, e.what()));
    }
}

void App::open_path(const std::string& path)
{
    platform::OpenedFile file;
    file.path = path;
    file.name = std::filesystem::path(path).filename().string();
    try {
        file.bytes = read_file(path);
    } catch (const InputError& e) {
        show_problems("Could not open " + file.name, e.diagnostics);
        return;
    }
    open(std::move(file));
}

bool App::save_to(const std::string& path)
{
    try {
        save_project_file(project_, path);
    } catch (const InputError& e) {
        show_problems("Could not save " + path, e.diagnostics);
        return false;
    } catch (const std::exception& e) {
        show_problems("Could not save " + path, one_problem(path, e.what()));
        return false;
    }
    const bool first_path = project_path_.empty();
    project_path_ = path;
    history_.mark_saved();
    autosave_.mark_current();
    if (settings_.last_project != path) {
        settings_.last_project = path;
        save_settings();
    }
    if (first_path) // from now on the project's own file is autosaved; the untitled copy goes
        platform::stored_remove(platform::Store::Autosave);
    return true;
}

void App::save()
{
    if (!platform::saves_to_paths())
        download();
    else if (project_path_.empty())
        ask_path(PathDialog::Mode::SaveAs);
    else
        save_to(project_path_);
}

void App::download()
{
    if (platform::download_file(file_name_for(project_.name), project_file(), "application/json"))
        history_.mark_saved();
}

void App::show_problems(std::string title, Diagnostics diagnostics)
{
    problems_.show(std::move(title), std::move(diagnostics));
}

void App::ask_path(PathDialog::Mode mode)
{
    std::string start = project_path_;
    if (mode == PathDialog::Mode::SaveAs && start.empty()) {
        std::error_code ec;
        start = (std::filesystem::current_path(ec) / file_name_for(project_.name)).string();
    }
    path_dialog_.show(mode, start, [this, mode](const std::string& path) {
        if (mode == PathDialog::Mode::SaveAs)
            save_to(path);
        else
            open_path(path);
    });
}

//-----------------------------------------------------------------------------
// [SECTION] frame: layout, menu bar, status bar, shortcuts
//-----------------------------------------------------------------------------

void App::frame()
{
    clear_noted_items();
    finish_open(); // parsed last frame
    for (platform::OpenedFile& f : platform::take_opened_files()) {
        if (settings_.show_import && import_dialog_.wants_files() && f.error.empty())
            import_dialog_.add_file({f.name, std::move(f.bytes)}); // picked from the Import dialog; moved (100 MB corpora)
        else
            open(std::move(f));
    }

    handle_shortcuts();
    draw_menu_bar();

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##workspace", nullptr, flags);
    {
        const float status_h = ImGui::GetFrameHeight();
        const float body_h = ImGui::GetContentRegionAvail().y - status_h - ImGui::GetStyle().ItemSpacing.y;
        const float list_w = std::max(ImGui::GetFontSize() * 16.0f, vp->WorkSize.x * 0.22f);
        const float side_w = std::max(ImGui::GetFontSize() * 18.0f, vp->WorkSize.x * 0.24f);

        ImGui::BeginChild("documents", ImVec2(list_w, body_h), ImGuiChildFlags_ResizeX | ImGuiChildFlags_Borders);
        list_view_.drawContent();
        ImGui::EndChild();
        ImGui::SameLine();
        // The text takes what the side panel leaves; the side panel keeps its (saved) width.
        const float side_now = side_width_ > 0.0f ? side_width_ : side_w;
        const float doc_w = std::max(ImGui::GetFontSize() * 10.0f,
                                     ImGui::GetContentRegionAvail().x - side_now - ImGui::GetStyle().ItemSpacing.x);
        ImGui::BeginChild("document", ImVec2(doc_w, body_h), ImGuiChildFlags_Borders);
        document_view_.drawContent();
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("side", ImVec2(0, body_h), ImGuiChildFlags_Borders);
        side_width_ = ImGui::GetWindowWidth();
        draw_side_panel();
        ImGui::EndChild();

        draw_status_bar(status_h);
        if (settings_.show_schema)
            schema_view_.drawWindow(&settings_.show_schema);
        if (settings_.show_export)
            export_dialog_.drawWindow(&settings_.show_export);
        if (settings_.show_import)
            import_dialog_.drawWindow(&settings_.show_import);
        if (settings_.show_agreement)
            agreement_view_.drawWindow(&settings_.show_agreement);
        if (settings_.show_adjudication)
            adjudication_view_.drawWindow(&settings_.show_adjudication);
        if (settings_.show_settings)
            draw_settings_window();
        if (!(settings_ == saved_panels_)) { // a panel was opened or closed
            saved_panels_ = settings_;
            save_settings();
        }
        autosave_.update(platform::time_seconds());
        problems_.drawContent();
        path_dialog_.drawContent();
        draw_about();
    }
    ImGui::End();
}

void App::handle_shortcuts()
{
    using namespace ImGui;
    const ImGuiInputFlags global = ImGuiInputFlags_RouteGlobal;
    if (Shortcut(ImGuiMod_Ctrl | ImGuiKey_O, global))
        if (!platform::show_open_picker(".json,.txt,application/json,text/plain", true))
            ask_path(PathDialog::Mode::Open);
    if (Shortcut(ImGuiMod_Ctrl | ImGuiKey_S, global))
        save();
    if (Shortcut(ImGuiMod_Ctrl | ImGuiKey_E, global))
        settings_.show_export = true;
    if (Shortcut(ImGuiMod_Ctrl | ImGuiKey_Z, global))
        history_.undo(project_);
    if (Shortcut(ImGuiMod_Ctrl | ImGuiMod_Shift | ImGuiKey_Z, global) || Shortcut(ImGuiMod_Ctrl | ImGuiKey_Y, global))
        history_.redo(project_);
}

void App::draw_menu_bar()
{
    if (!ImGui::BeginMainMenuBar())
        return;
    const bool paths = platform::saves_to_paths();
    const bool file_menu = ImGui::BeginMenu("File");
    note_item("menu:File");
    if (file_menu) {
        if (ImGui::MenuItem("Open…", "Ctrl+O"))
            if (!platform::show_open_picker(".json,.txt,application/json,text/plain", true))
                ask_path(PathDialog::Mode::Open);
        if (ImGui::MenuItem("Import text…"))
            if (!platform::show_open_picker(".txt,text/plain", true))
                ask_path(PathDialog::Mode::ImportText);
        ImGui::Separator();
        if (ImGui::MenuItem("Import…", nullptr, settings_.show_import))
            settings_.show_import = !settings_.show_import;
        note_item("menu:Import");
        if (ImGui::MenuItem("Export…", "Ctrl+E", settings_.show_export))
            settings_.show_export = !settings_.show_export;
        note_item("menu:Export");
        ImGui::Separator();
        if (paths) {
            if (ImGui::MenuItem("Save", "Ctrl+S"))
                save();
            if (ImGui::MenuItem("Save as…"))
                ask_path(PathDialog::Mode::SaveAs);
        } else if (ImGui::MenuItem("Download project", "Ctrl+S")) {
            download();
        }
        if (platform::can_quit()) {
            ImGui::Separator();
            if (ImGui::MenuItem("Quit"))
                platform::request_quit();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        std::string undo = "Undo " + history_.undo_description();
        std::string redo = "Redo " + history_.redo_description();
        if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, history_.can_undo()))
            history_.undo(project_);
        if (ImGui::MenuItem(redo.c_str(), "Ctrl+Shift+Z / Ctrl+Y", false, history_.can_redo()))
            history_.redo(project_);
        ImGui::Separator();
        if (ImGui::MenuItem("Find…", "Ctrl+F"))
            document_view_.open_search();
        ImGui::EndMenu();
    }
    const bool view_menu = ImGui::BeginMenu("View");
    note_item("menu:View");
    if (view_menu) {
        if (ImGui::MenuItem("Dark theme", nullptr, theme_ == Theme::Dark))
            set_theme(Theme::Dark);
        if (ImGui::MenuItem("Light theme", nullptr, theme_ == Theme::Light))
            set_theme(Theme::Light);
        ImGui::Separator();
        if (ImGui::MenuItem("Entities", nullptr, settings_.side_tab == 0))
            settings_.side_tab = 0;
        if (ImGui::MenuItem("Stances", nullptr, settings_.side_tab == 1))
            settings_.side_tab = 1;
        ImGui::MenuItem("Schema", nullptr, &settings_.show_schema);
        note_item("menu:View:Schema");
        ImGui::Separator();
        ImGui::MenuItem("Settings…", nullptr, &settings_.show_settings);
        ImGui::EndMenu();
    }
    const bool annotators_menu = ImGui::BeginMenu("Annotators");
    note_item("menu:Annotators");
    if (annotators_menu) {
        ImGui::MenuItem("Agreement", nullptr, &settings_.show_agreement);
        note_item("menu:Agreement");
        ImGui::MenuItem("Adjudication", nullptr, &settings_.show_adjudication);
        note_item("menu:Adjudication");
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Keyboard shortcuts", "F1"))
            document_view_.show_help();
        if (ImGui::MenuItem("About Postil"))
            show_about_ = true;
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void App::draw_status_bar(float height)
{
    ImGui::BeginChild("status", ImVec2(0, height), ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar);
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s", project_.name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%zu documents · %zu mentions · %zu entities · %zu stances%s",
                        project_.documents.size(), project_.mentions.size(), project_.entities.size(),
                        project_.stances.size(), history_.dirty() ? " · unsaved changes" : "");
    if (!project_path_.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("· %s", project_path_.c_str());
    }
    ImGui::SameLine();
    ImGui::TextDisabled("· %s", project_.annotator.c_str());
    // Autosave state, right-aligned: a failure stays visible until a write succeeds.
    std::string state;
    ImU32 color = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    if (!autosave_.error().empty()) {
        state = "Autosave failed (retrying): " + autosave_.error();
        color = IM_COL32(230, 80, 70, 255);
    } else if (autosave_.in_flight() || autosave_.pending()) {
        state = "Saving…";
    } else if (autosave_.saves() > 0) {
        state = "All changes saved";
    } else {
        state = platform::saves_to_paths() ? "Autosave on" : "Autosave on (this browser)";
    }
    const float w = ImGui::CalcTextSize(state.c_str()).x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + ImGui::GetStyle().ItemSpacing.x, ImGui::GetWindowWidth() - w - ImGui::GetStyle().WindowPadding.x));
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(state.c_str());
    ImGui::PopStyleColor();
    if (ImGui::BeginItemTooltip()) {
        ImGui::Text("Autosave target: %s", autosave_.target().c_str());
        ImGui::EndTooltip();
    }
    ImGui::EndChild();
}

void App::draw_side_panel()
{
    if (!ImGui::BeginTabBar("side-tabs"))
        return;
    // SetSelected only when the menu changed it, so clicks on tabs still work.
    const int wanted = settings_.side_tab;
    ImGuiTabItemFlags f0 = side_tab_shown_ != wanted && wanted == 0 ? ImGuiTabItemFlags_SetSelected : 0;
    ImGuiTabItemFlags f1 = side_tab_shown_ != wanted && wanted == 1 ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem("Entities", nullptr, f0)) {
        settings_.side_tab = side_tab_shown_ = 0;
        entities_view_.drawContent();
        ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Stances", nullptr, f1)) {
        settings_.side_tab = side_tab_shown_ = 1;
        stances_view_.drawContent();
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

void App::draw_settings_window()
{
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 26.0f, 0), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Settings", &settings_.show_settings)) {
        ImGui::End();
        return;
    }
    ImGui::TextWrapped("Your name is recorded on every annotation you make, so several annotators' work can be compared and adjudicated.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
    const bool entered = ImGui::InputText("Annotator name", annotator_buf_, sizeof(annotator_buf_),
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    if (entered || ImGui::IsItemDeactivatedAfterEdit())
        set_annotator(annotator_buf_);
    ImGui::SeparatorText("Theme");
    if (ImGui::RadioButton("Dark", theme_ == Theme::Dark))
        set_theme(Theme::Dark);
    ImGui::SameLine();
    if (ImGui::RadioButton("Light", theme_ == Theme::Light))
        set_theme(Theme::Light);
    ImGui::SeparatorText("Storage");
    ImGui::TextDisabled("Settings: %s", platform::stored_location(platform::Store::Settings).c_str());
    ImGui::TextDisabled("Layout: %s", platform::stored_location(platform::Store::Layout).c_str());
    ImGui::TextDisabled("Autosave: %s", autosave_.target().c_str());
    ImGui::End();
}

void App::draw_about()
{
    if (show_about_) {
        ImGui::OpenPopup("About Postil");
        show_about_ = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal("About Postil", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    ImGui::Text("Postil %s (%s)", POSTIL_VERSION, platform::name());
    ImGui::TextDisabled("Text annotation workbench: entities, stances, agreement.");
    ImGui::Text("Dear ImGui %s", IMGUI_VERSION);
    std::string fonts = "Noto Sans";
    for (const std::string& f : merged_fonts())
        fonts += " + " + f;
    ImGui::Text("Fonts: %s", fonts.c_str());
    if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGuiKey_Escape))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

} // namespace postil::ui
