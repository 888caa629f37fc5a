// The Export dialog. See export_dialog.h.
// Index
// [SECTION] helpers
// [SECTION] export
// [SECTION] window
#include "export_dialog.h"

#include "app.h"
#include "widgets.h"
#include "platform/platform.h"

#include "core/dataset/card.h"
#include "core/dataset/card_agreement.h"
#include "core/dataset/split.h"
#include "core/layers.h"
#include "core/project_io.h"
#include "core/zip.h"

#include <imgui.h>

#include <cctype>
#include <filesystem>

namespace postil::ui {

//-----------------------------------------------------------------------------
// [SECTION] helpers
//-----------------------------------------------------------------------------

namespace {

const char* kSchemes[] = {"iob1", "iob2", "bilou"};
const char* kStratify[] = {"auto", "doc-stance", "entity", "none"};

bool uses_scheme(const std::string& format) { return format == "conll" || format == "hf" || format == "webanno"; }

std::string base_name_for(const std::string& project_name)
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
    return out.empty() ? std::string("dataset") : out;
}

// An export's files named inside the output: the single unnamed file gets base + extension.
void add_files(std::vector<ZipEntry>& out, const std::string& dir, const std::string& base, const Format& f,
               std::vector<OutputFile> files)
{
    for (OutputFile& o : files) {
        std::string name = o.name.empty() ? base + f.extension : o.name;
        out.push_back({dir.empty() ? name : dir + "/" + name, std::move(o.bytes)});
    }
}

std::string count_line(const ExportReport& r)
{
    std::string s;
    for (const auto& [k, v] : r.counts)
        s += (s.empty() ? "" : ", ") + std::to_string(v) + " " + k;
    return s;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] export
//-----------------------------------------------------------------------------

void ExportDialog::run_export()
{
    result_.clear();
    error_.clear();
    losses_.clear();
    files_.clear();
    const Project& p = app_.project();
    const Format* f = find_format(format_);
    if (!f || !f->export_files) {
        error_ = "Unknown format " + format_;
        return;
    }
    ExportOptions opts;
    opts.scheme = kSchemes[scheme_];
    opts.strict = strict_;
    // "all annotators" is an explicit choice: kAllLayers, since an empty name now means the
    // default (gold if adjudicated) in the export path too.
    opts.annotator = annotator_chosen_ ? (annotator_.empty() ? std::string(kAllLayers) : annotator_)
                                       : default_export_annotator(p);
    const std::string base = base_name_for(p.name);

    std::vector<ZipEntry> out;
    DatasetCardInfo card;
    card.format = f->name;
    card.format_description = f->description;
    card.offset_unit = f->offset_unit;
    card.scheme = uses_scheme(f->name) ? opts.scheme : "";
    card.annotator = export_annotator(p, opts);
    SplitResult split;
    try {
        if (split_) {
            SplitOptions so;
            so.train = train_;
            so.dev = dev_;
            so.test = test_;
            so.seed = static_cast<uint64_t>(seed_);
            stratify_from_string(kStratify[stratify_], so.stratify);
            // Ratios from sliders: tolerate float rounding by normalising to a sum of 1.
            const double sum = so.train + so.dev + so.test;
            if (sum <= 0) {
                error_ = "The split ratios add up to 0.";
                return;
            }
            so.train /= sum;
            so.dev /= sum;
            so.test = 1.0 - so.train - so.dev;
            if (std::string why = check_split_options(so); !why.empty()) {
                error_ = why;
                return;
            }
            split = split_documents(p, so);
            card.split = &split;
            card.split_options = so;
            const std::pair<const char*, const std::vector<std::string>*> parts[] = {
                {"train", &split.train}, {"dev", &split.dev}, {"test", &split.test}};
            for (const auto& [name, ids] : parts) {
                if (ids->empty())
                    continue;
                ExportOptions o = opts;
                o.doc_ids = *ids;
                ExportReport r;
                add_files(out, name, name, *f, export_project(p, *f, o, r));
                for (const std::string& l : r.losses)
                    losses_.push_back(std::string(name) + ": " + l);
                result_ += (result_.empty() ? "" : "; ") + std::string(name) + ": " + count_line(r);
            }
        } else {
            ExportReport r;
            add_files(out, "", base, *f, export_project(p, *f, opts, r));
            losses_ = r.losses;
            result_ = count_line(r);
        }
    } catch (const InputError& e) {
        error_ = (strict_ ? "Strict export refused: " : "Export failed: ") + e.what();
        return;
    }
    if (card_ && (split_ || f->multi_file)) {
        for (const ZipEntry& e : out)
            card.files.push_back(e.name);
        card.losses = losses_;
        // Every document is exported, so the agreement is over all of them (as `postil export`).
        card.agreement_summary = card_agreement_summary(p, {}, card.annotator);
        out.push_back({"README.md", make_dataset_card(p, card)});
    }
    for (const ZipEntry& e : out)
        files_.push_back(e.name);

    if (!platform::saves_to_paths()) {
        // Web: one file as itself, several as a zip.
        const bool single = out.size() == 1 && out.front().name.find('/') == std::string::npos;
        const std::string name = single ? out.front().name : base + "-" + f->name + ".zip";
        const std::string bytes = single ? out.front().bytes : make_zip(out);
        const char* mime = single ? "application/octet-stream" : "application/zip";
        if (platform::download_file(name, bytes, mime))
            result_ = "Downloaded " + name + " — " + result_;
        else
            error_ = "The browser did not start the download.";
        return;
    }
    // Desktop: into the folder.
    std::filesystem::path dir = folder_;
    try {
        for (const ZipEntry& e : out) {
            std::filesystem::path path = dir / std::filesystem::u8path(e.name);
            std::error_code ec;
            std::filesystem::create_directories(path.parent_path(), ec);
            write_file_atomic(path.string(), e.bytes);
        }
    } catch (const InputError& e) {
        error_ = "Could not write the files: " + e.what();
        return;
    }
    result_ = "Wrote " + std::to_string(out.size()) + " file" + (out.size() == 1 ? "" : "s") + " to " + dir.string() +
              " — " + result_;
}

//-----------------------------------------------------------------------------
// [SECTION] window
//-----------------------------------------------------------------------------

void ExportDialog::drawWindow(bool* open)
{
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34.0f, ImGui::GetFontSize() * 30.0f), ImGuiCond_FirstUseEver);
    // First time: centred over the workspace (later: where the user left it, from the layout).
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Export", open)) {
        ImGui::End();
        return;
    }
    const Project& p = app_.project();
    const float w = ImGui::GetFontSize();
    const Format* current = find_format(format_);

    ImGui::SeparatorText("Format");
    ImGui::SetNextItemWidth(w * 14.0f);
    const bool combo = ImGui::BeginCombo("Format", format_.c_str());
    note_item("export:format");
    if (combo) {
        for (const Format* f : all_formats()) {
            if (!f->export_files)
                continue;
            if (ImGui::Selectable(f->name.c_str(), f->name == format_))
                format_ = f->name;
            note_item("export:format:" + f->name);
            if (ImGui::BeginItemTooltip()) {
                ImGui::TextUnformatted(f->description.c_str());
                ImGui::EndTooltip();
            }
        }
        ImGui::EndCombo();
    }
    if (current) {
        ImGui::TextWrapped("%s", current->description.c_str());
        ImGui::TextDisabled("Offsets: %s · %s", current->offset_unit.c_str(),
                            current->multi_file ? "several files" : ("one " + current->extension + " file").c_str());
    }

    ImGui::SeparatorText("Options");
    ImGui::BeginDisabled(!uses_scheme(format_));
    ImGui::SetNextItemWidth(w * 8.0f);
    ImGui::Combo("Tag scheme", &scheme_, kSchemes, 3);
    ImGui::EndDisabled();
    ImGui::Checkbox("Strict (refuse instead of dropping what the format cannot hold)", &strict_);
    const std::string def = default_export_annotator(p);
    const std::string shown = annotator_chosen_ ? (annotator_.empty() ? "all annotators" : annotator_)
                                                : "default: " + (def.empty() ? std::string("all annotators") : def);
    ImGui::SetNextItemWidth(w * 14.0f);
    if (ImGui::BeginCombo("Layer", shown.c_str())) {
        if (ImGui::Selectable("default (gold if adjudicated, else all)", !annotator_chosen_))
            annotator_chosen_ = false;
        if (ImGui::Selectable("all annotators", annotator_chosen_ && annotator_.empty())) {
            annotator_chosen_ = true;
            annotator_.clear();
        }
        for (const std::string& a : layer_names(p))
            if (!a.empty() && ImGui::Selectable(a.c_str(), annotator_chosen_ && annotator_ == a)) {
                annotator_chosen_ = true;
                annotator_ = a;
            }
        ImGui::EndCombo();
    }

    ImGui::Checkbox("Split into train / dev / test", &split_);
    if (split_) {
        ImGui::Indent();
        ImGui::SetNextItemWidth(w * 6.0f);
        ImGui::DragFloat("train", &train_, 0.01f, 0.0f, 1.0f, "%.2f");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(w * 6.0f);
        ImGui::DragFloat("dev", &dev_, 0.01f, 0.0f, 1.0f, "%.2f");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(w * 6.0f);
        ImGui::DragFloat("test", &test_, 0.01f, 0.0f, 1.0f, "%.2f");
        ImGui::SetNextItemWidth(w * 6.0f);
        ImGui::InputInt("Seed", &seed_);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(w * 8.0f);
        ImGui::Combo("Stratify by", &stratify_, kStratify, 4);
        ImGui::Unindent();
    }
    ImGui::Checkbox("Dataset card (README.md) with splits and multi-file formats", &card_);

    if (platform::saves_to_paths()) {
        if (folder_.empty()) {
            std::error_code ec;
            folder_ = (std::filesystem::current_path(ec) / ("export-" + base_name_for(p.name))).string();
        }
        ImGui::SetNextItemWidth(-w * 4.0f);
        input_string("Folder", folder_);
    }
    ImGui::Spacing();
    if (ImGui::Button(platform::saves_to_paths() ? "Export to folder" : "Export and download"))
        run_export();
    note_item("export:run");
    ImGui::SameLine();
    if (ImGui::Button(platform::saves_to_paths() ? "Save project file…" : "Download project file"))
        app_.save();
    note_item("export:project");

    if (!error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(230, 90, 70, 255));
        ImGui::TextWrapped("%s", error_.c_str());
        ImGui::PopStyleColor();
    }
    if (!result_.empty()) {
        ImGui::SeparatorText("Result");
        ImGui::TextWrapped("%s", result_.c_str());
        if (!files_.empty() && ImGui::TreeNode("files", "%zu file%s", files_.size(), files_.size() == 1 ? "" : "s")) {
            for (const std::string& f : files_)
                ImGui::BulletText("%s", f.c_str());
            ImGui::TreePop();
        }
        if (losses_.empty()) {
            ImGui::TextDisabled("Nothing was lost in this format.");
        } else {
            ImGui::Text("Not exported (the format cannot hold it):");
            for (const std::string& l : losses_)
                ImGui::BulletText("%s", l.c_str());
        }
    }
    ImGui::End();
}

} // namespace postil::ui
