// Layer display: which annotator layers the document view shows - all of them together, one
// layer, or two side by side - and, for that choice, what each column draws: its mention spans
// (for MentionLayout), its stances, the differences between the two layers to highlight, and
// whether the view may edit.
//
// Rules (the unit tests pin them down):
//  - All: every mention and stance, whoever recorded it (the view as it always was).
//  - One layer: only the records whose annotator is that layer's name.
//  - Side by side: two columns over the same text, column 0 = layer a, column 1 = layer b, each
//    with only its own records. Differences come from adjudication.h compute_differences over
//    {a, b}: a mention that is not an agreement is marked in the column that has it (kind
//    Label / Boundary / Missing), and a Missing one also leaves a "gap" mark at its span in the
//    column that lacks it. Stances that are not agreements are marked the same way (by id).
//  - Choices are resolved against the project (resolve_layer_selection): a name that is not a
//    layer (nor the current annotator, whose layer may still be empty) falls back to All; side
//    by side needs two different names, else it falls back to one layer or All.
//  - Edits (edit_policy): allowed with All (recorded as the current annotator, as before) and
//    with one layer when it is the current annotator's own. Refused, with the reason to show,
//    for another annotator's layer (edits would be recorded under the current annotator's name
//    yet vanish from the layer shown; writing under someone else's name would forge their
//    layer) and side by side (which column would it go to?). The gold layer is built in the
//    Adjudication window, or by annotating under the name "gold".
// Does not do: drawing, layouts (mention_layout.h / text_layout.h), comparing records
// (adjudication.h), agreement figures (agreement/).
#pragma once
#include "core/adjudication.h"
#include "mention_layout.h"

#include <string>
#include <utility>
#include <vector>

namespace postil {

enum class LayerMode { All, One, SideBySide };
const char* to_string(LayerMode mode);             // "all", "one", "side-by-side"
bool layer_mode_from_string(const std::string& s, LayerMode& out);

struct LayerSelection {
    LayerMode mode = LayerMode::All;
    std::string a, b; // One: a; SideBySide: a (left column), b (right column)
    bool operator==(const LayerSelection&) const = default;
};

// The layers one can pick: every named annotator with a mention, stance or document stance
// (layers.h list_layers, gold included; entities alone show nothing in the text) plus the
// current annotator (project.annotator) if named, sorted, distinct.
std::vector<std::string> selectable_layers(const Project& p);

// `wanted` made valid for the project (see the rules above).
LayerSelection resolve_layer_selection(const Project& p, const LayerSelection& wanted);

// How many columns the selection draws (1 or 2), and whether column `column` shows a record by
// `annotator`.
size_t column_count(const LayerSelection& s);
bool column_shows(const LayerSelection& s, size_t column, const std::string& annotator);

// The document's mentions that column `column` shows, as mention_spans() gives them (key =
// index into Project::mentions, type = index into the schema's entity types).
std::vector<MentionSpan> column_mention_spans(const Project& p, const std::string& doc_id, const LayerSelection& s,
                                              size_t column);

// [SECTION] differences between the two columns

struct ColumnMark {
    DiffItem item = DiffItem::Mention;
    DiffKind kind = DiffKind::Missing;
    Span span;            // mentions: the mention's span (gaps: the other layer's mention's span)
    std::string id;       // the record in this column; "" for a gap
    bool gap() const { return id.empty(); }
};

struct LayerComparison {
    std::vector<Difference> differences;   // every one, agreements included (compute_differences)
    std::vector<ColumnMark> marks[2];      // per column, sorted by (span.start, span.end, id)
    size_t agreements = 0, disagreements = 0;
    // The mark of record `id` in `column` (nullptr: it agrees with the other layer).
    // Binary search: the view asks for every stance it lists, every frame.
    const ColumnMark* mark_of(size_t column, const std::string& id) const;
    std::vector<std::pair<std::string, size_t>> by_id[2]; // (id, index into marks), sorted
};

// Empty (no marks) unless the selection is side by side.
LayerComparison compare_columns(const Project& p, const std::string& doc_id, const LayerSelection& s);

// [SECTION] two columns in step

// Side by side, both columns lay out the same text at the same width, so they break lines
// alike; only the underline bands below each line (MentionLayout) differ. This gives every line
// of both layouts the larger of the two extras, so line i sits at the same y in both columns and
// one scroll position serves both. Returns false (and changes nothing) if the layouts do not
// have the same lines. Call again after either MentionLayout changes its layout's extras.
bool align_columns(TextLayout& left, TextLayout& right);

// [SECTION] editing

struct EditPolicy {
    bool allowed = true;
    std::string reason; // when refused: one sentence for the status line
};
EditPolicy edit_policy(const LayerSelection& s, const std::string& current_annotator);

} // namespace postil
