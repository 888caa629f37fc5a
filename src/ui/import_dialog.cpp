// The Import dialog. See import_dialog.h.
// Index
// [SECTION] files
// [SECTION] import
// [SECTION] window
#include "import_dialog.h"

#include "app.h"
#include "widgets.h"
#include "platform/platform.h"

#include "core/layers.h"
#include "core/project_io.h"

#include <imgui.h>

#include <filesystem>

namespace postil::ui {

//-----------------------------------------------------------------------------
// [SECTION] files
//-----------------------------------------------------------------------------

void ImportDialog::add_file(InputFile file)
{
    waiting_for_files_ = false;
    files_.push_back(std::move(file));
    const Format* g = guess_format(files_);
    guessed_ = g ? g->name : "";
    result_.clear();
    error_.clear();
    notes_.clear();
}

//-----------------------------------------------------------------------------
// [SECTION] import
//-----------------------------------------------------------------------------

void ImportDialog::run_import()
{
    result_.clear();
    error_.clear();
    notes_.clear();
    const std::string name = format_.empty() ? guessed_ : format_;
    const Format* f = find_format(name);
    if (!f || !f->import_files) {
        error_ = name.empty() ? "Could not tell the format of these files: pick one." : "Format " + name + " cannot be imported.";
        return;
    }
    // The format reads into a fresh project with our schema (so known labels keep their
    // colours); the result comes in through layers.h as one undoable command.
    Project fresh;
    fresh.schema = app_.project().schema;
    fresh.annotator = annotator_.empty() ? std::string("anonymous") : annotator_;
    ImportOptions opts;
    opts.skip_bad = skip_bad_;
    opts.annotator = annotator_;
    ImportReport report;
    try {
        f->import_files(files_, fresh, opts, report);
        report.count_read(fresh);
    } catch (const InputError& e) {
        error_ = "Nothing was imported: " + std::to_string(e.diagnostics.size()) + " problem(s).";
        app_.show_problems("Could not import " + files_.front().name, e.diagnostics);
        return;
    }
    // The files are read: their bytes are not needed any more. Freed before the records are added,
    // so that a 100 MB corpus is not held twice (bytes + records) while the project grows.
    const std::string read_from = files_.size() == 1 ? std::filesystem::path(files_.front().name).filename().string()
                                                     : std::to_string(files_.size()) + " files";
    files_.clear();
    guessed_.clear();
    fresh.keep_sorted();
    LayerImportOptions lopts;
    lopts.add_unmatched_documents = !as_layer_; // as a layer: only documents we already have
    LayerReport lr;
    Editor ed = app_.editor();
    // `fresh` is not needed afterwards: its records move into the project instead of being copied.
    const bool changed = import_layer(ed, std::move(fresh), annotator_, lr, lopts);
    result_ = "Read from " + read_from + ": " + report.summary();
    result_ += "\nAdded: " + (changed ? lr.summary() : std::string("nothing (everything was already there)"));
    for (const std::string& n : report.notes)
        notes_.push_back(n);
    for (const Diagnostic& d : report.skipped)
        notes_.push_back("skipped: " + d.to_string());
    for (const std::string& n : lr.notes)
        notes_.push_back(n);
    if (!lr.unmatched.empty())
        notes_.push_back(std::to_string(lr.unmatched.size()) +
                         " document(s) matched no document of this project and were left out (import into the project to add them)");
    if (!lr.new_labels.empty()) {
        std::string s = "added to the schema:";
        for (const std::string& l : lr.new_labels)
            s += " " + l + ";";
        notes_.push_back(s);
    }
    if (changed && !lr.documents.empty())
        app_.select_document(lr.documents.back().id);
}

//-----------------------------------------------------------------------------
// [SECTION] window
//-----------------------------------------------------------------------------

void ImportDialog::drawWindow(bool* open)
{
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34.0f, ImGui::GetFontSize() * 26.0f), ImGuiCond_FirstUseEver);
    // First time: centred over the workspace (later: where the user left it, from the layout).
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Import", open)) {
        ImGui::End();
        return;
    }
    const float w = ImGui::GetFontSize();
    ImGui::SeparatorText("Files");
    if (platform::saves_to_paths()) {
        ImGui::SetNextItemWidth(-w * 6.0f);
        const bool enter = input_string("##path", path_, ImGuiInputTextFlags_EnterReturnsTrue, "/path/to/file");
        ImGui::SameLine();
        if ((ImGui::Button("Add file") || enter) && !path_.empty()) {
            try {
                InputFile f;
                f.name = path_;
                f.bytes = read_file(path_);
                add_file(std::move(f));
                path_.clear();
            } catch (const InputError& e) {
                error_ = e.what();
            }
        }
    } else {
        if (ImGui::Button("Choose files…"))
            waiting_for_files_ = platform::show_open_picker("", true);
        note_item("import:choose");
    }
    if (files_.empty()) {
        ImGui::TextDisabled("No files yet. Formats: ");
        for (const Format* f : all_formats())
            if (f->import_files) {
                ImGui::SameLine(0, 4);
                ImGui::TextDisabled("%s", f->name.c_str());
            }
    }
    int remove = -1;
    for (size_t i = 0; i < files_.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::SmallButton("x"))
            remove = static_cast<int>(i);
        ImGui::SameLine();
        ImGui::Text("%s", std::filesystem::path(files_[i].name).filename().string().c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%zu bytes", files_[i].bytes.size());
        note_item("import:file:" + std::to_string(i));
        ImGui::PopID();
    }
    if (remove >= 0) {
        files_.erase(files_.begin() + remove);
        const Format* g = files_.empty() ? nullptr : guess_format(files_);
        guessed_ = g ? g->name : "";
    }

    ImGui::SeparatorText("Format");
    const std::string shown = format_.empty() ? (guessed_.empty() ? std::string("(cannot tell)") : "guessed: " + guessed_) : format_;
    ImGui::SetNextItemWidth(w * 14.0f);
    if (ImGui::BeginCombo("Format", shown.c_str())) {
        if (ImGui::Selectable("guess from the content", format_.empty()))
            format_.clear();
        for (const Format* f : all_formats())
            if (f->import_files && ImGui::Selectable(f->name.c_str(), f->name == format_))
                format_ = f->name;
        ImGui::EndCombo();
    }
    if (!guessed_.empty())
        note_item("import:guessed:" + guessed_); // the e2e tests read what was guessed
    if (const Format* f = find_format(format_.empty() ? guessed_ : format_))
        ImGui::TextWrapped("%s", f->description.c_str());

    ImGui::SeparatorText("How");
    if (ImGui::RadioButton("Into the project (add documents and annotations)", !as_layer_))
        as_layer_ = false;
    if (ImGui::RadioButton("As an annotator layer (another annotator's work on these documents)", as_layer_))
        as_layer_ = true;
    ImGui::SetNextItemWidth(w * 12.0f);
    input_string("Annotator", annotator_, 0, as_layer_ ? "their name" : "optional");
    ImGui::SameLine();
    ImGui::TextDisabled("(for records that name nobody)");
    ImGui::Checkbox("Skip bad records instead of refusing the file", &skip_bad_);

    ImGui::BeginDisabled(files_.empty());
    if (ImGui::Button("Import"))
        run_import();
    note_item("import:run");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Clear")) {
        files_.clear();
        guessed_.clear();
        result_.clear();
        error_.clear();
        notes_.clear();
    }
    if (!error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(230, 90, 70, 255));
        ImGui::TextWrapped("%s", error_.c_str());
        ImGui::PopStyleColor();
    }
    if (!result_.empty()) {
        ImGui::SeparatorText("Result");
        ImGui::TextWrapped("%s", result_.c_str());
        if (!notes_.empty()) {
            ImGui::Text("Not imported, or changed on the way:");
            for (const std::string& n : notes_)
                ImGui::BulletText("%s", n.c_str());
        }
        ImGui::TextDisabled("Ctrl+Z undoes the import.");
    }
    ImGui::End();
}

} // namespace postil::ui
