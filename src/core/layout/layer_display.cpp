// Layer display: selection, per-column spans, differences, edit policy. See layer_display.h.
#include "layer_display.h"

#include "core/layers.h"

#include <algorithm>

namespace postil {

const char* to_string(LayerMode mode)
{
    switch (mode) {
    case LayerMode::All: return "all";
    case LayerMode::One: return "one";
    case LayerMode::SideBySide: return "side-by-side";
    }
    return "all";
}

bool layer_mode_from_string(const std::string& s, LayerMode& out)
{
    for (LayerMode m : {LayerMode::All, LayerMode::One, LayerMode::SideBySide})
        if (s == to_string(m)) {
            out = m;
            return true;
        }
    return false;
}

std::vector<std::string> selectable_layers(const Project& p)
{
    std::vector<std::string> out;
    for (const LayerInfo& l : list_layers(p)) // sorted by name
        if (!is_unnamed_annotator(l.annotator) && l.counts.total() > 0)
            out.push_back(l.annotator);
    if (!is_unnamed_annotator(p.annotator) && !std::binary_search(out.begin(), out.end(), p.annotator))
        out.insert(std::lower_bound(out.begin(), out.end(), p.annotator), p.annotator);
    return out;
}

LayerSelection resolve_layer_selection(const Project& p, const LayerSelection& wanted)
{
    if (wanted.mode == LayerMode::All)
        return LayerSelection{};
    const std::vector<std::string> layers = selectable_layers(p);
    auto known = [&](const std::string& name) { return std::binary_search(layers.begin(), layers.end(), name); };
    LayerSelection out;
    if (wanted.mode == LayerMode::One) {
        if (!known(wanted.a))
            return out;
        out.mode = LayerMode::One;
        out.a = wanted.a;
        return out;
    }
    // Side by side: keep what is valid, fill the rest with the first layers not already taken.
    std::string a = known(wanted.a) ? wanted.a : std::string();
    std::string b = known(wanted.b) && wanted.b != a ? wanted.b : std::string();
    for (const std::string& name : layers) {
        if (a.empty() && name != b)
            a = name;
        else if (b.empty() && name != a)
            b = name;
    }
    if (a.empty())
        return out;
    if (b.empty()) { // one layer only: nothing to put beside it
        out.mode = LayerMode::One;
        out.a = a;
        return out;
    }
    out.mode = LayerMode::SideBySide;
    out.a = a;
    out.b = b;
    return out;
}

size_t column_count(const LayerSelection& s) { return s.mode == LayerMode::SideBySide ? 2 : 1; }

bool column_shows(const LayerSelection& s, size_t column, const std::string& annotator)
{
    switch (s.mode) {
    case LayerMode::All: return column == 0;
    case LayerMode::One: return column == 0 && annotator == s.a;
    case LayerMode::SideBySide: return column < 2 && annotator == (column == 0 ? s.a : s.b);
    }
    return false;
}

std::vector<MentionSpan> column_mention_spans(const Project& p, const std::string& doc_id, const LayerSelection& s,
                                              size_t column)
{
    std::vector<MentionSpan> all = mention_spans(p, doc_id);
    if (s.mode == LayerMode::All) {
        if (column != 0)
            all.clear();
        return all; // moved, not copied: All is the common case (20k mentions)
    }
    std::vector<MentionSpan> out;
    for (const MentionSpan& m : all)
        if (column_shows(s, column, p.mentions[m.key].annotator))
            out.push_back(m);
    return out;
}

// [SECTION] differences

const ColumnMark* LayerComparison::mark_of(size_t column, const std::string& id) const
{
    if (column >= 2 || id.empty())
        return nullptr;
    const auto& index = by_id[column];
    auto it = std::lower_bound(index.begin(), index.end(), id,
                               [](const std::pair<std::string, size_t>& e, const std::string& k) { return e.first < k; });
    return it != index.end() && it->first == id ? &marks[column][it->second] : nullptr;
}

LayerComparison compare_columns(const Project& p, const std::string& doc_id, const LayerSelection& s)
{
    LayerComparison out;
    if (s.mode != LayerMode::SideBySide)
        return out;
    out.differences = compute_differences(p, doc_id, {s.a, s.b});
    for (const Difference& d : out.differences) {
        if (d.kind == DiffKind::Agreement) {
            ++out.agreements;
            continue;
        }
        ++out.disagreements;
        for (size_t col = 0; col < 2 && col < d.sides.size(); ++col) {
            for (const std::string& id : d.sides[col]) {
                ColumnMark m;
                m.item = d.item;
                m.kind = d.kind;
                m.id = id;
                m.span = d.span;
                if (d.item == DiffItem::Mention)
                    if (const Mention* mention = p.mention(id))
                        m.span = Span{mention->start, mention->end};
                out.marks[col].push_back(m);
            }
        }
        // A mention only one layer has: show where it is missing in the other column.
        if (d.item == DiffItem::Mention && d.kind == DiffKind::Missing)
            for (size_t col = 0; col < 2 && col < d.sides.size(); ++col)
                if (d.sides[col].empty()) {
                    ColumnMark gap;
                    gap.kind = DiffKind::Missing;
                    gap.span = d.span;
                    out.marks[col].push_back(gap);
                }
    }
    for (auto& marks : out.marks)
        std::sort(marks.begin(), marks.end(), [](const ColumnMark& x, const ColumnMark& y) {
            if (x.span.start != y.span.start) return x.span.start < y.span.start;
            if (x.span.end != y.span.end) return x.span.end < y.span.end;
            return x.id < y.id;
        });
    for (size_t col = 0; col < 2; ++col) {
        for (size_t i = 0; i < out.marks[col].size(); ++i)
            if (!out.marks[col][i].gap())
                out.by_id[col].emplace_back(out.marks[col][i].id, i);
        std::sort(out.by_id[col].begin(), out.by_id[col].end());
    }
    return out;
}

// [SECTION] two columns in step

bool align_columns(TextLayout& left, TextLayout& right)
{
    const size_t n = left.line_count();
    if (n != right.line_count())
        return false;
    for (size_t i = 0; i < n; ++i)
        if (left.line(i).start != right.line(i).start || left.line(i).end != right.line(i).end)
            return false;
    std::vector<float> extras(n);
    for (size_t i = 0; i < n; ++i)
        extras[i] = std::max(left.line_extra(i), right.line_extra(i));
    if (n > 0) {
        left.set_line_extras(0, extras.data(), n);
        right.set_line_extras(0, extras.data(), n);
    }
    return true;
}

// [SECTION] editing

EditPolicy edit_policy(const LayerSelection& s, const std::string& current_annotator)
{
    EditPolicy out;
    if (s.mode == LayerMode::All || (s.mode == LayerMode::One && s.a == current_annotator))
        return out;
    out.allowed = false;
    if (s.mode == LayerMode::One)
        out.reason = "Read only: " + s.a + "'s layer (you annotate as " + current_annotator +
                     "). Show your layer or All layers to edit.";
    else
        out.reason = "Side by side is read only: show your layer or All layers to edit; Annotators > "
                     "Adjudication decides differences.";
    return out;
}

} // namespace postil
