// Adjudication: the differences between annotators' layers in one document, side by side, and
// the decisions that build the gold layer (annotator kGoldAnnotator) from them.
//  - Mentions: identical (span + type) in every compared layer = agreement; the rest are paired
//    one mention per layer, best first: same span (different type = Label), then overlapping
//    spans of the same type, then overlapping spans of different types (Boundary); a mention
//    that overlaps nothing left in another layer is Missing there.
//  - Stances: matched by (holder, target), each compared across layers by what it points at,
//    not by id: a mention by span + type, an entity by external id (else type + name), a
//    schema target by id. Same polarity everywhere = agreement, different polarities = Label,
//    absent from a layer = Missing. Evidence, confidence and notes are not compared.
//  - Document stances: matched by target; same rules.
// Decisions (accept left / right / both / neither / edit) copy the chosen records into gold
// through History, one undo step each: fresh ids, stance holder/target remapped to the gold
// copies of their mentions and entities (made if missing), identical gold records reused.
// A difference is resolved when gold already holds one of its versions (a mention with a
// member's span + type, a stance on the same holder/target, a document stance on the target)
// or when its decision was recorded: decisions that leave no such trace (accept neither, most
// edits) add the difference's key to the document's meta[kAdjudicatedMetaKey] (newline-separated,
// sorted), so progress survives saving and reloading.
// Does not do: agreement statistics (agreement/), the gold layer's use by exports (the export
// path asks default_export_annotator in layers.h), entity-level or relation differences.
#pragma once
#include "layers.h"

#include <string>
#include <vector>

namespace postil {

// Document meta key holding the keys of decided differences.
inline constexpr const char* kAdjudicatedMetaKey = "postil.adjudicated";

enum class DiffItem { Mention, Stance, DocStance };
enum class DiffKind {
    Agreement, // every compared layer has it, identically
    Label,     // same span (or holder/target, or target), different type (or polarity)
    Boundary,  // mentions only: overlapping spans that differ (types may differ as well)
    Missing,   // some layers have it (identically), the others have nothing there
};
const char* to_string(DiffItem item);
const char* to_string(DiffKind kind);

struct Difference {
    DiffItem item = DiffItem::Mention;
    DiffKind kind = DiffKind::Agreement;
    std::string doc_id;
    // Stable while the compared layers do not change; independent of the order of annotators.
    std::string key;
    std::vector<std::string> annotators;          // the compared layers, in the order asked
    // Per annotator (same order): ids of its records in this difference - mention, stance or
    // document stance ids. Empty = missing in that layer. Mentions and stances: at most one.
    std::vector<std::vector<std::string>> sides;
    // Where to look: the union of the mentions' spans (stances: of holder, target and evidence).
    // {0, 0} when nothing has a span (document stances, stances between entities/targets).
    Span span;
    // Stances: the layer-independent holder and target ("PER 12-25", "entity wikidata:Q7251",
    // "target us-export-controls"); document stances: target = the target id.
    std::string holder, target;
    bool resolved = false;
};

// Every difference (agreements included) among `annotators` in the document, sorted by item
// (mentions, stances, document stances) then position. `annotators` empty = every layer but
// gold (layer_names order). Unknown document: empty.
std::vector<Difference> compute_differences(const Project& p, const std::string& doc_id,
                                            const std::vector<std::string>& annotators = {});

// One line for lists and the CLI: "boundary  alice ORG «Mistral AI» 120-130 | bob ORG «Mistral» 120-127".
std::string describe(const Project& p, const Difference& d);

// [SECTION] progress

struct AdjudicationProgress {
    std::string doc_id;
    size_t agreements = 0, agreements_resolved = 0;
    size_t differences = 0, differences_resolved = 0; // everything that is not an agreement
    size_t remaining() const { return differences - differences_resolved; }
    bool complete() const { return remaining() == 0 && agreements_resolved == agreements; }
};
AdjudicationProgress document_progress(const Project& p, const std::string& doc_id, const std::vector<std::string>& annotators = {});
// Every document, in project order.
std::vector<AdjudicationProgress> adjudication_progress(const Project& p, const std::vector<std::string>& annotators = {});

// [SECTION] decisions

enum class Decision {
    AcceptLeft,    // sides[0]
    AcceptRight,   // sides[1] (with one layer: refused)
    AcceptBoth,    // every side; identical versions give one gold record
    AcceptNeither, // gold gets nothing; the decision is recorded
    Edit,          // gold gets GoldEdit's version
};

// The adjudicator's own version, for Decision::Edit. Ids and annotators are assigned.
struct GoldEdit {
    // Mention differences: the gold mentions (doc_id, start, end, type; entity_id, note and
    // attributes are kept - an entity of any layer is copied to gold).
    std::vector<Mention> mentions;
    // Stance differences: the gold stances; holder/target may point at any layer's mentions or
    // entities in the document (gold copies are made and used).
    std::vector<Stance> stances;
    // Document stance differences: the gold polarity; "" removes gold's document stance.
    std::string polarity;
};

// Writes the decision into gold as one undo step. Returns false and changes nothing if the
// difference no longer matches the project (a side's record is gone: recompute), the decision
// does not apply (AcceptRight with one side; two polarities for one document stance) or the
// edit is invalid (span outside the text, unknown type/polarity, reference outside the document).
bool decide(Editor& ed, const Difference& d, Decision decision, const GoldEdit& edit = {});
// General form for more than two layers: accepts the given sides (indices into d.sides).
bool accept_sides(Editor& ed, const Difference& d, const std::vector<size_t>& sides);
// Accepts every unresolved agreement as one undo step; doc_id "" = every document.
// Returns how many were accepted.
size_t accept_all_agreements(Editor& ed, const std::string& doc_id, const std::vector<std::string>& annotators = {});

// Keys recorded as decided for the document (from its meta).
std::vector<std::string> decided_keys(const Document& d);

} // namespace postil
