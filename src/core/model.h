// The annotation model: documents, mentions, canonical entities, stances, document-level
// stances, document status. Plain data plus the queries every front end needs.
// Edits that users make go through history.h (undoable commands), not through these fields.
// Does not do: file formats (project_io.h, formats/), undo (history.h), layout.
#pragma once
#include "schema.h"
#include "text.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace postil {

enum class DocStatus { Todo, InProgress, Done };
const char* to_string(DocStatus s);
std::optional<DocStatus> doc_status_from_string(const std::string& s);

struct Document {
    std::string id;   // stable, unique in the project
    std::string name; // e.g. the file name it came from
    TextPtr text;     // never null
    DocStatus status = DocStatus::Todo;
    std::map<std::string, std::string> meta; // free key/values (source URL, date ...)
};

// A span of text tagged with an entity type. Overlapping and nested mentions are allowed.
struct Mention {
    std::string id;
    std::string doc_id;
    uint32_t start = 0, end = 0; // code points, [start, end)
    std::string type;            // EntityType id
    std::string entity_id;       // canonical entity, empty if not linked
    std::string note;
    std::string annotator;
    std::map<std::string, std::string> attributes;
    bool operator==(const Mention&) const = default;
};

// A canonical entity grouping mentions across documents.
struct Entity {
    std::string id;
    std::string name;
    std::string type;        // EntityType id
    std::string external_id; // e.g. "wikidata:Q7251"; free form
    std::string note;
    std::string annotator;
    bool operator==(const Entity&) const = default;
};

// What a stance's holder or target points at.
struct StanceRef {
    enum class Kind { None, Mention, Entity, Target };
    Kind kind = Kind::None;
    std::string id; // mention id, entity id or schema stance-target id
    bool operator==(const StanceRef&) const = default;
};
const char* to_string(StanceRef::Kind k);
std::optional<StanceRef::Kind> stance_ref_kind_from_string(const std::string& s);

struct Span {
    uint32_t start = 0, end = 0;
    bool operator==(const Span&) const = default;
};

// "holder FAVORS/OPPOSES target" inside one document.
struct Stance {
    std::string id;
    std::string doc_id;
    StanceRef holder;
    StanceRef target;
    std::string polarity;          // Polarity id
    std::optional<Span> evidence;  // code points
    double confidence = 1.0;       // 0..1
    std::string note;
    std::string annotator;
    bool operator==(const Stance&) const = default;
};

// Document-level stance toward a schema target.
struct DocStance {
    std::string id;
    std::string doc_id;
    std::string target_id; // StanceTarget id
    std::string polarity;  // Polarity id
    std::string annotator;
    bool operator==(const DocStance&) const = default;
};

// The numbers behind Project::new_id, per prefix, so a new id costs O(log n) and not a scan
// of every record. Valid while the record vectors are the ones it was built from (same
// buffer, same size); record commands (history.cpp) keep it in step with their edits.
// Copies start empty (they hold other buffers). Internal to model.cpp and history.cpp.
struct IdCache {
    struct Numbers {
        std::string prefix;
        std::vector<unsigned long long> used; // numeric suffixes in use, sorted, with repeats
    };
    std::vector<Numbers> prefixes;
    const void* data[5] = {};
    size_t size[5] = {};
    bool built = false;

    IdCache() = default;
    IdCache(const IdCache&) {}
    IdCache& operator=(const IdCache&) { prefixes.clear(); built = false; return *this; }
    IdCache(IdCache&&) = default;
    IdCache& operator=(IdCache&&) = default;
};

struct Project {
    static constexpr int kFormatVersion = 1;
    std::string name = "Untitled";
    std::string annotator = "anonymous"; // who is annotating now (recorded on new annotations)
    Schema schema = default_schema();
    std::vector<Document> documents;   // in display order, saved in that order
    std::vector<Mention> mentions;     // sorted by (doc_id, start, end desc, id) - keep_sorted()
    std::vector<Entity> entities;      // sorted by id
    std::vector<Stance> stances;       // sorted by (doc_id, id)
    std::vector<DocStance> doc_stances;// sorted by (doc_id, target_id, annotator)

    // [SECTION] lookups (linear or binary search; fine for the sizes we edit)
    const Document* document(const std::string& id) const;
    Document* document(const std::string& id);
    int document_index(const std::string& id) const; // -1 if absent
    const Mention* mention(const std::string& id) const;
    const Entity* entity(const std::string& id) const;
    const Stance* stance(const std::string& id) const;
    const DocStance* doc_stance(const std::string& doc_id, const std::string& target_id,
                                const std::string& annotator) const;

    // Mentions of one document, as a contiguous range of `mentions`.
    std::pair<size_t, size_t> mention_range(const std::string& doc_id) const;
    // Indices into `mentions` of the document's mentions overlapping [start, end).
    std::vector<size_t> mentions_in(const std::string& doc_id, uint32_t start, uint32_t end) const;
    size_t mention_count(const std::string& entity_id) const;

    // A fresh id with the prefix ("m", "e", "s", "d", "ds"): prefix + (max used number + 1),
    // counting ids of every record kind. O(log n) through `id_cache` while the vectors are
    // only changed by record commands (history.h); any other change of their size or buffer
    // is detected and costs one scan. Code that rewrites ids in place, or refills a vector
    // to the same size in the same buffer, must call ids_changed() (keep_sorted() does).
    std::string new_id(const std::string& prefix) const;
    // True when no record has this id, if that can be told without a scan (prefix + a number
    // above every number in use with a prefix new_id has seen); false means "unknown".
    bool id_surely_unused(const std::string& id) const;
    void ids_changed() const { id_cache.built = false; }
    // For record commands: whether id_cache matches the vectors (call before the edit), then
    // the edit's effect on ids (after it). An invalid cache stays invalid.
    bool ids_cached() const;
    void note_ids(bool was_cached, const std::string* removed, const std::string* added) const;

    // Restores the sort orders above (after bulk loading). Also calls ids_changed().
    void keep_sorted();

    mutable IdCache id_cache; // see new_id; not part of the project's content
};

// Strict weak order used for `Project::mentions`.
bool mention_less(const Mention& a, const Mention& b);
// Pointers to `mentions` in mention_less order, for writers that must not trust a project's
// sort invariant (exports get any project). Sorts only when the vector is out of order.
std::vector<const Mention*> mentions_in_order(const std::vector<Mention>& mentions);

} // namespace postil
