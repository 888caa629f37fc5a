// Layers: a layer is every annotation (mention, stance, document stance, entity) recorded by one
// annotator. This file lists a project's layers, brings another project's annotations in as
// layers over the same documents (import_layer, directly or as one undo step), merges
// per-annotator project files (merge_layers, what `postil merge` runs), and gives the
// annotations of one layer for one document (layer_view, for showing layers side by side).
// Does not do: comparing layers (adjudication.h, agreement/), reading files or formats
// (project_io.h, formats/): inputs here are Projects already loaded or converted.
//
// Rules import_layer follows (the tests pin them down):
//  - Documents match by id when the texts are identical, else by identical text (first
//    document of `into` with that text). A document never gets added twice with the same text;
//    an id that exists with a different text is not a match. Unmatched documents are reported
//    and their annotations left out, unless LayerImportOptions::add_unmatched_documents.
//  - Every imported record keeps its annotator, unless it has none ("" or "anonymous"): then it
//    gets the override, else the source project's `annotator` if that is a name. With neither
//    the record stays unnamed (and the report says so).
//  - Ids that are free in `into` are kept; clashing ids get a fresh one (same numbering as
//    Project::new_id: "m" + next number ...). References follow (mention -> entity, stance ->
//    mention/entity). Imported records identical to one already in `into` (same content and
//    annotator, references compared after mapping) are not added again, so importing the same
//    layer twice changes nothing.
//  - Entity types, polarities, stance targets, relation types and attributes the source schema
//    has and `into` lacks are appended to `into`'s schema (labels used by records but missing
//    from both schemas too).
#pragma once
#include "history.h"
#include "ops.h"

#include <map>
#include <string>
#include <vector>

namespace postil {

// The adjudicated layer. Exports use it by default when it exists (default_export_annotator).
inline constexpr const char* kGoldAnnotator = "gold";

// "" and "anonymous" (Project's default) are not names: records carrying them are unnamed.
bool is_unnamed_annotator(const std::string& annotator);

// "gold" if the project has any gold mention, stance or document stance, else "" (= all layers).
// For the export path: ExportOptions::annotator = default_export_annotator(project).
std::string default_export_annotator(const Project& p);

// [SECTION] listing layers

struct LayerCounts {
    size_t mentions = 0, stances = 0, doc_stances = 0;
    size_t total() const { return mentions + stances + doc_stances; }
};

struct LayerInfo {
    std::string annotator;                // may be "" for records without a name
    LayerCounts counts;                   // whole project
    size_t entities = 0;                  // entities recorded by this annotator (project-wide)
    std::vector<LayerCounts> per_document;// parallel to Project::documents
    size_t documents_annotated() const;   // documents with at least one annotation of the layer
};

// Every annotator with at least one mention, stance, document stance or entity, sorted by name.
std::vector<LayerInfo> list_layers(const Project& p);
// The same names only (sorted, distinct).
std::vector<std::string> layer_names(const Project& p);

// [SECTION] one layer of one document

// Pointers into the project: valid until the project changes (rebuild it each frame).
struct LayerView {
    std::string doc_id, annotator;
    std::vector<const Mention*> mentions;     // in Project::mentions order (start, longest first)
    std::vector<const Stance*> stances;
    std::vector<const DocStance*> doc_stances;
};
LayerView layer_view(const Project& p, const std::string& doc_id, const std::string& annotator);
// Several layers of one document in the order given (two for side by side).
std::vector<LayerView> layer_views(const Project& p, const std::string& doc_id, const std::vector<std::string>& annotators);

// [SECTION] importing a layer

struct LayerImportOptions {
    // Documents of the source that match nothing are added (with their annotations) instead of
    // being left out. `postil merge` sets it: the union of everyone's documents.
    bool add_unmatched_documents = false;
};

struct DocumentMatch {
    enum class By { Id, Text, Added };
    std::string source_id; // id in the imported project
    std::string id;        // id in `into`
    By by = By::Id;
};

struct LayerReport {
    std::vector<DocumentMatch> documents; // source documents that found (or became) a document
    std::vector<std::string> unmatched;   // source document ids left out (only without add_unmatched_documents)
    std::vector<std::string> layers;      // annotator names of the imported records, sorted
    size_t mentions = 0, entities = 0, stances = 0, doc_stances = 0; // records added
    size_t duplicates = 0;                // identical records already in `into`, not added again
    size_t dropped = 0;                   // records left out (unmatched documents, broken references)
    size_t renamed = 0;                   // records that got a fresh id because theirs was taken
    size_t unnamed = 0;                   // records left without an annotator name
    // Source id -> id in `into` for the records whose id changed: renamed (theirs was taken) or
    // identical to a record already there. Every other imported record kept its id.
    std::map<std::string, std::string> mention_ids, entity_ids, stance_ids;
    std::vector<std::string> new_labels;  // schema additions: "entity type X", "polarity Y" ...
    std::vector<std::string> notes;       // conflicts and other things worth telling the user
    bool changed() const;
    std::string summary() const;          // one line: "2 documents matched (1 by text), 40 mentions ..."
};

// Brings `other`'s annotations into `into` as layers (see the rules at the top). No undo:
// for loaders and the CLI. `annotator_override` names records that have no annotator.
void import_layer(Project& into, const Project& other, const std::string& annotator_override, LayerReport& report,
                  const LayerImportOptions& options = {});
// The same, taking `other`'s records instead of copying them (callers done with it: the
// Import dialog, `postil merge`): a big import then holds its records once. `other` is left
// valid but emptied of records.
void import_layer(Project& into, Project&& other, const std::string& annotator_override, LayerReport& report,
                  const LayerImportOptions& options = {});

// The same import as one command (a CommandGroup of put_* and set_schema commands), built
// against `into` as it is now: execute it right away (History::execute) or not at all.
// Returns null when there is nothing to import.
CommandPtr import_layer_command(const Project& into, const Project& other, const std::string& annotator_override,
                                LayerReport& report, const LayerImportOptions& options = {});
CommandPtr import_layer_command(const Project& into, Project&& other, const std::string& annotator_override,
                                LayerReport& report, const LayerImportOptions& options = {});

// Undoable import through the editor's history (one undo step). Returns report.changed().
bool import_layer(Editor& editor, const Project& other, const std::string& annotator_override, LayerReport& report,
                  const LayerImportOptions& options = {});
bool import_layer(Editor& editor, Project&& other, const std::string& annotator_override, LayerReport& report,
                  const LayerImportOptions& options = {});

// [SECTION] merging per-annotator projects (`postil merge`)

struct MergeInput {
    std::string name;      // file name, for messages
    Project project;
    std::string annotator; // for this input's unnamed records ("" = the project's own `annotator`)
};

struct MergeReport {
    std::vector<std::string> order;       // input names in the order they were merged
    std::vector<LayerReport> imports;     // one per input after the first, in that order
    std::vector<std::string> warnings;
};

// Merges the inputs into one multi-layer project. The result does not depend on the order of
// `inputs`: they are merged in order of (sorted annotator names of their records after naming,
// then canonical file bytes); the first becomes the base (name, document order, ids), the
// others are imported with add_unmatched_documents. Same inputs -> byte-identical project.
Project merge_layers(std::vector<MergeInput> inputs, MergeReport& report);

// [SECTION] helpers shared with adjudication.cpp

// Allocates ids like Project::new_id (prefix + number above every number in use with that
// prefix) without rescanning the project for each id.
class IdAllocator {
public:
    explicit IdAllocator(const Project& p);
    void reserve(const std::string& id);      // counts an id as in use
    std::string next(const std::string& prefix);
private:
    std::map<std::string, unsigned long long> next_; // prefix -> next free number
    std::vector<std::string> seen_;                   // ids reserved before a prefix was asked for
};

} // namespace postil
