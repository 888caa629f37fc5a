// MentionLayout: how a document's mentions are decorated in the document view - one underline
// per mention, stacked in "bands" under each line so nested and overlapping mentions all stay
// visible - and which mention a click on the text or on an underline means.
//
// Levels (an interval-graph colouring): mentions are processed shortest first (ties: earlier
// start, then key) and each takes the smallest level not used by an already placed mention that
// overlaps it. So overlapping mentions never share a level, and a mention containing another is
// always at a deeper level than it (its contents were placed first): level 0 is the innermost,
// drawn closest to the text. (Start-ascending greedy would need fewer levels on some crossing
// patterns but puts the outer span nearest the text, which reads as inverted nesting.)
// A mention's level only depends on the shorter mentions overlapping it, so an edit re-levels
// the new mention and then only the longer overlapping mentions whose level actually changes
// (with a full pass as fallback when that chain gets long). The full pass works per overlap
// cluster: pairwise checks for small ones, a segment tree of level bit masks for big ones.
// Levels are exact up to 62; deeper nesting is reported as 63.
//
// Bands: levels 0 .. max_bands-1 get their own band; all deeper levels share one extra "more"
// band (drawn e.g. dotted), so a line is at most max_bands + 1 bands taller. Each line reserves
// max(reserved_bands, bands used on it); the extra height goes to TextLayout::set_line_extras.
// Band b's underline top is at line.y + line_height + first_offset + b * band_step.
//
// Usage per frame: layout.set_wrap_width(w); mentions.sync(layout); then for the visible lines
// mentions.segments(layout, layout.lines_in(y0, y1), segs). After an edit: set_mentions (full,
// ~0.3 ms for 20k mentions) or insert/erase (~30-80 us: re-levels only what changes and updates
// the heights of the lines concerned; never re-wraps the text).
// Empty mentions (start == end) get level 0 and are never drawn or hit.
//
// Does not do: drawing, colours, labels text, editing the project (history.h does).
#pragma once
#include "text_layout.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace postil {

struct Project;

struct MentionSpan {
    uint32_t start = 0, end = 0; // code points, [start, end)
    uint32_t type = 0;           // caller's type index (e.g. into Schema::entity_types), for colour
    uint32_t key = 0;            // caller's handle, e.g. an index into Project::mentions
    bool operator==(const MentionSpan&) const = default;
};

// The document's mentions as spans: key = index into project.mentions, type = index into
// project.schema.entity_types (UINT32_MAX if the type is unknown). Sorted like Project::mentions.
std::vector<MentionSpan> mention_spans(const Project& project, const std::string& doc_id);

struct MentionStyle {
    float first_offset = 1.0f; // gap between the glyph box and band 0
    float band_step = 3.0f;    // vertical distance between bands (underline thickness + gap)
    int max_bands = 4;         // levels drawn in their own band; deeper ones share a "more" band
    int reserved_bands = 1;    // every line keeps room for this many bands, so adding a first
                               // mention to a line does not push the text below it down
};

struct MentionSegment {
    float x0 = 0, x1 = 0;   // on the line, clamped to its drawn width
    float y = 0;            // top of the underline (document coordinates)
    uint32_t mention = 0;   // index into MentionLayout::spans()
    uint32_t line = 0;
    uint16_t level = 0;     // nesting level of the mention
    uint16_t band = 0;      // min(level, max_bands); == max_bands means the shared "more" band
    bool head = false;      // the mention starts on this line (draw a label / left cap)
    bool tail = false;      // the mention ends on this line
};

class MentionLayout {
public:
    // [SECTION] building
    void set_style(TextLayout& layout, const MentionStyle& style);
    const MentionStyle& style() const { return style_; }
    // Replaces all mentions, re-levels them and updates the layout's line heights.
    void set_mentions(TextLayout& layout, std::vector<MentionSpan> spans);
    // Adds one mention; returns its index in spans(). Indices of later spans shift by one.
    // Re-levels only what the new mention changes; updates the heights of the lines concerned.
    size_t insert(TextLayout& layout, const MentionSpan& span);
    // Removes spans()[index]. Indices of later spans shift down by one.
    void erase(TextLayout& layout, size_t index);
    // Call after the layout was re-wrapped (cheap no-op when nothing changed).
    void sync(TextLayout& layout);
    // Adds `delta` to every key >= `from`: the caller's keys index a vector (Project::mentions)
    // that just gained (+1) or lost (-1) an element, so insert()/erase() can follow an edit
    // without set_mentions(). Order and levels are unchanged. O(n), no allocation.
    void shift_keys(uint32_t from, int32_t delta);

    // [SECTION] access
    // Sorted by (start, end descending, key).
    const std::vector<MentionSpan>& spans() const { return spans_; }
    size_t size() const { return spans_.size(); }
    uint16_t level(size_t index) const { return levels_[index]; }
    int max_level() const; // -1 when there are no mentions
    std::optional<size_t> index_of_key(uint32_t key) const; // linear scan

    // [SECTION] queries
    // Indices of the mentions overlapping [start, end), in spans() order.
    void overlapping(size_t start, size_t end, std::vector<size_t>& out) const;
    // Mentions containing code point cp, smallest (then lowest level) first.
    std::vector<size_t> mentions_at(size_t cp) const;
    // Underline segments of the lines in `lines`, line by line, in spans() order within a line.
    void segments(const TextLayout& layout, LineRange lines, std::vector<MentionSegment>& out) const;
    // The mention a click at (x, y) designates: on the glyphs, the smallest mention containing
    // the character under the pointer; on an underline band, the mention drawn there (in the
    // "more" band: the smallest one under x).
    std::optional<size_t> hit_test(const TextLayout& layout, float x, float y) const;
    // y of the top of band b on a line.
    float band_y(const TextLayout& layout, size_t line, int band) const;

private:
    void rebuild_index();
    void assign_levels(size_t lo, size_t hi); // [lo, hi) is a union of whole clusters
    void level_cluster(size_t lo, size_t hi);
    // Re-levels after an edit, from `seeds` on in processing order, following only mentions
    // whose level actually changed. Returns false (nothing done) if it would cost more than a
    // full pass. [changed_lo, changed_hi) grows to cover every span whose level changed.
    bool propagate(const std::vector<size_t>& seeds, size_t forced, uint32_t& changed_lo, uint32_t& changed_hi);
    uint64_t order_key(size_t i) const { return (uint64_t(spans_[i].end - spans_[i].start) << 32) | i; }
    void update_lines(TextLayout& layout, size_t first_line, size_t last_line); // inclusive
    void update_lines_for(TextLayout& layout, uint32_t start, uint32_t end);    // code points
    void update_all_lines(TextLayout& layout);
    void line_segments(const TextLayout& layout, size_t line, const std::vector<size_t>& candidates,
                       std::vector<float>& xs, std::vector<MentionSegment>& out) const;
    float extra_for(int bands) const;

    MentionStyle style_;
    std::vector<MentionSpan> spans_;
    std::vector<uint16_t> levels_;
    std::vector<uint32_t> prefix_max_end_; // max end over spans_[0..i]
    std::vector<uint32_t> block_max_end_;  // max end over each block of kBlock spans
    std::vector<uint8_t> line_bands_;      // bands used on each line of the synced layout
    uint64_t synced_version_ = ~uint64_t(0);

    // Scratch for level assignment (kept to avoid re-allocating on every edit).
    std::vector<uint64_t> keys_, events_;
    std::vector<uint32_t> rank_start_, rank_end_;
    std::vector<uint64_t> tree_tag_, tree_all_;
    std::vector<float> extras_scratch_;
};

} // namespace postil
