// The Export dialog ("Datasets out"): every exportable format of postil::all_formats() with
// its options (tag scheme for token formats, strict, which annotator layer: gold by default
// when there is one, see default_export_annotator), optionally a train/dev/test split with a
// seed (core/dataset/split.h) and a dataset card (card.h). Shows the export report: counts and
// what the format could not hold (ExportReport::losses).
// Web: one file downloads as is; several files (multi-file formats, splits, the card) download
// as one .zip (core/zip.h). Desktop: files are written into a chosen folder.
// Does not do: format logic (core/formats), choosing documents (all are exported).
#pragma once
#include "core/formats/format.h"

#include <string>
#include <vector>

namespace postil::ui {

class App;

class ExportDialog {
public:
    explicit ExportDialog(App& app) : app_(app) {}
    void drawWindow(bool* open);

private:
    void run_export();

    App& app_;
    std::string format_ = "jsonl";
    int scheme_ = 1; // iob1, iob2, bilou
    bool strict_ = false;
    std::string annotator_;       // "" = default (gold if present, else all)
    bool annotator_chosen_ = false;
    bool split_ = false, card_ = true;
    float train_ = 0.8f, dev_ = 0.1f, test_ = 0.1f;
    int seed_ = 42;
    int stratify_ = 0;
    std::string folder_;          // desktop
    // Last result
    std::string result_;          // "Downloaded demo.jsonl (3 documents …)"
    std::vector<std::string> losses_, files_;
    std::string error_;
};

} // namespace postil::ui
