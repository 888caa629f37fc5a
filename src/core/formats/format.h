// Interchange formats: one Format per file kind (CLI name, offset unit, detect/import/export),
// and the entry points the CLI and the apps call. Each format lives in its own file
// (formats/<name>.cpp) and is listed once in formats.cpp.
// Importers read into a fresh Project and are merged only when the whole input is good (or
// --skip-bad), so a bad file never half-changes the project. Exporters return files and a
// report of what the format could not hold.
// Does not do: the project file's own validation (project_io.h), dataset splits (split.h).
#pragma once
#include "core/diagnostic.h"
#include "core/model.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace postil {

struct InputFile {
    std::string name;  // path or file name (diagnostics name it); "-" for stdin
    std::string bytes;
};

struct OutputFile {
    std::string name;  // relative path inside the output (e.g. "doc1.ann"); "" = the single output
    std::string bytes;
};

struct ImportOptions {
    bool skip_bad = false;           // import good records, list bad ones, instead of refusing all
    std::string annotator;           // recorded on imported annotations when the file names none
    std::string text_field;          // JSON formats: key holding the text (default per format)
    std::string label_field;         // JSON formats: key holding the labels
};

struct ImportReport {
    size_t documents = 0, mentions = 0, entities = 0, stances = 0, doc_stances = 0;
    Diagnostics skipped;             // bad records left out (only with skip_bad)
    std::vector<std::string> notes;  // what the input had that Postil did not keep, and why
    std::vector<std::string> new_labels; // labels added to the schema
    std::string summary() const;     // "5 documents, 120 mentions ...; notes ..."
    // Sets the counts from what a format's import_files read (import_into does it; a caller of
    // import_files alone, like the Import dialog, must too).
    void count_read(const Project& read);
};

// ExportOptions::annotator value that exports every layer even when a gold layer exists.
inline constexpr const char* kAllLayers = "*";

struct ExportOptions {
    std::string scheme = "iob2";     // conll/hf/webanno: iob1 | iob2 | bilou
    bool strict = false;             // refuse (InputError) instead of dropping what cannot be expressed
    // Which layer to export: a name = only that annotator's annotations; empty (the default) =
    // the gold layer if the project has one (layers.h: default_export_annotator), else every
    // annotation; kAllLayers ("*") = every annotation of every layer, gold or not.
    std::string annotator;
    std::vector<std::string> doc_ids;// only these documents; empty = all
};

struct ExportReport {
    std::vector<std::string> losses; // "3 overlapping mentions dropped (outermost kept)"
    std::map<std::string, size_t> counts; // "documents", "mentions", "tokens", "stances" ...
    std::string offset_unit;         // what the written offsets count
};

// Receives an export's bytes in bounded chunks, in order: the chunks of one file arrive together
// and the files come in the order export_files would return them. A streaming export reuses
// one buffer of about kExportChunk bytes instead of building a whole file in memory (a 100 MB
// corpus is ~230 MB of CoNLL, and a fresh string that size costs page faults on every export).
struct ExportSink {
    virtual ~ExportSink() = default;
    virtual void write(const std::string& file, std::string_view bytes) = 0; // file: OutputFile::name
};
inline constexpr size_t kExportChunk = size_t(1) << 20;

struct Format {
    std::string name;                // CLI name: "jsonl", "doccano", "brat" ...
    std::string description;
    std::string offset_unit;         // "codepoint", "utf16", "token", "none"
    std::string extension;           // default output extension, e.g. ".jsonl"
    bool multi_file = false;         // export writes several files (a folder or zip)
    // 0 = certainly not this format, 100 = certainly. Looks at the name and first bytes.
    std::function<int(const InputFile&)> detect;
    // Reads files into `out` (a fresh project whose schema may be extended). Throws InputError
    // listing every bad record unless opts.skip_bad. Null if the format cannot be imported.
    std::function<void(const std::vector<InputFile>&, Project& out, const ImportOptions&, ImportReport&)> import_files;
    // Null if the format cannot be exported.
    std::function<std::vector<OutputFile>(const Project&, const ExportOptions&, ExportReport&)> export_files;
    // Optional: the same bytes as export_files, handed to the sink in chunks (null: not streamed).
    std::function<void(const Project&, const ExportOptions&, ExportReport&, ExportSink&)> stream_files;
};

const std::vector<const Format*>& all_formats();
const Format* find_format(const std::string& name);
// Best-scoring importable format for these files, or null.
const Format* guess_format(const std::vector<InputFile>& files);
const Format* guess_file_format(const InputFile& file); // same, for one file (no copy)

// Imports into a fresh project then appends it to `into` (ids remapped on conflict, unknown
// labels added to the schema). On InputError `into` is untouched.
ImportReport import_into(Project& into, const Format& f, const std::vector<InputFile>& files, const ImportOptions& opts);
std::vector<OutputFile> export_project(const Project& p, const Format& f, const ExportOptions& opts, ExportReport& report);
// Same output into `sink`: streamed when the format can, else export_files' files whole.
// Under opts.strict a refusal (InputError) may come after some chunks were written: a caller
// that must not leave partial output behind writes to a temporary file, as the CLI does.
void export_project(const Project& p, const Format& f, const ExportOptions& opts, ExportReport& report, ExportSink& sink);

// Appends documents and annotations of `from` to `into`; document and record ids that clash
// get a suffix; entity types / polarities / targets unknown to `into` are added.
void append_project(Project& into, Project from);

// Helpers shared by formats.
// The layer opts.annotator selects in `p`, resolved: a name, or "" for every annotation
// (empty annotator without a gold layer, or kAllLayers).
std::string export_annotator(const Project& p, const ExportOptions& opts);
// The project restricted to opts.doc_ids and the layer export_annotator() resolves to
// (documents in project order).
Project filter_for_export(const Project& p, const ExportOptions& opts);
// Adds an entity type for an unknown label (returns true if added).
bool ensure_entity_type(Schema& s, const std::string& label);
// Neutralises CSV/TSV cells starting with = + - @ (formula injection) and quotes as needed.
std::string csv_cell(const std::string& value, char separator);

} // namespace postil
