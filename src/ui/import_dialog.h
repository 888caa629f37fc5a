// The Import dialog: files of any importable format (postil::all_formats()), the format
// guessed from their content (guess_format) and overridable, and two ways in:
//  - into the project: documents and annotations are added (one undo step);
//  - as an annotator layer: another annotator's file over the same documents (layers.h
//    import_layer; documents match by id or identical text), one undo step.
// Shows what was imported and what was not (ImportReport summary/notes/skipped, LayerReport).
// Once read, the files leave the list (their bytes are freed before the records are added:
// a 100 MB corpus must not be held twice); a file that cannot be read stays, to retry with
// another format or --skip-bad.
// Web: files come from the browser's picker; desktop: typed paths.
// Does not do: parsing (core/formats), opening a project file as the project (File > Open).
#pragma once
#include "core/formats/format.h"

#include <string>
#include <vector>

namespace postil::ui {

class App;

class ImportDialog {
public:
    explicit ImportDialog(App& app) : app_(app) {}
    void drawWindow(bool* open);
    // True while the dialog waits for files from the web picker: the App routes them here.
    bool wants_files() const { return waiting_for_files_; }
    void add_file(InputFile file);
    const std::string& result() const { return result_; } // what the last import read and added

private:
    void run_import();

    App& app_;
    std::vector<InputFile> files_;
    std::string format_;        // "" = guessed
    std::string guessed_;
    bool as_layer_ = false, skip_bad_ = false;
    std::string annotator_;     // annotator for records without one
    std::string path_;          // desktop: path to add
    bool waiting_for_files_ = false;
    std::string result_, error_;
    std::vector<std::string> notes_;
};

} // namespace postil::ui
