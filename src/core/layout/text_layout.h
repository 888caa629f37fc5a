// TextLayout: wraps a document's text into lines for the document view, and answers the geometry
// questions the view needs (which lines are visible, where is code point N, which code point is
// under the mouse, which rectangles does a range cover).
//
// Coordinates: document space, origin at the top-left of the first line, y down, pixels. Offsets
// are code points, as everywhere in Postil. Paragraphs end at '\n'; each paragraph is wrapped
// greedily into lines at break opportunities:
//   - after a run of breakable spaces (U+0020, TAB, U+1680, U+2000-2006, U+2008-200B, U+205F,
//     U+3000). NBSP U+00A0, U+202F and U+2007 are NOT breakable: French "« mot »" and "5 %" stay
//     together. Trailing spaces of a wrapped line "hang" past the wrap width.
//   - French spacing (WrapOptions::french_spacing): no break before ! ? : ; % » › ) ] } , . nor
//     after « ‹ even when an ordinary space separates them (common in real French text).
//   - after a hyphen inside a word (WrapOptions::break_after_hyphens), not before a digit.
//   - between two CJK ideographs / kana.
//   - inside a word only when the word alone is wider than the line (split at code points).
// Every code point is one unit (emoji, astral characters). Grapheme clusters are not kept
// together by the long-word split or by carets (combining marks, ZWJ emoji sequences).
//
// Cost model: build() decodes and measures the text once and stores "pieces" (a word plus its
// trailing spaces, with widths: 20 bytes per word); set_wrap_width() only re-runs the greedy
// line filling over the pieces. Both are eager over the whole document - measured on 1.6 MB /
// 200k words / 16k lines (bench/layout_bench.cpp, -O2): build 8.5 ms, re-wrap 1 ms - so no lazy
// or estimated heights are needed and every y is exact. Queries binary-search the lines and
// decode only the line they touch (< 1 us). After build() the FontMetrics object is no longer
// used: advances are cached (flat table for the BMP, map for astral code points).
//
// Line heights: font line height + a per-line "extra" set by the decoration layer (mention
// underlines, see mention_layout.h); changing extras re-computes y positions only (O(lines)).
//
// Does not do: drawing, bidi, tab stops, justification, hyphenation, grapheme clusters, editing.
#pragma once
#include "../text.h"
#include "font_metrics.h"

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace postil {

struct WrapOptions {
    bool break_after_hyphens = true;
    bool french_spacing = true;
};

struct LayoutLine {
    uint32_t start = 0;       // first code point
    uint32_t end = 0;         // one past the last code point; excludes the paragraph's '\n'
    uint32_t content_end = 0; // end minus the hanging spaces of a soft-wrapped line (== end on
                              // the last line of a paragraph, whose spaces are real content)
    uint32_t paragraph = 0;   // index of the paragraph ('\n'-separated) this line belongs to
    float y = 0;              // top of the line
    float height = 0;         // font line height + extra (decoration bands)
    float width = 0;          // x of content_end: the drawn width
    bool paragraph_end = false; // last line of its paragraph
};

struct LayoutRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// Lines [first, last) of a layout.
struct LineRange {
    size_t first = 0, last = 0;
    size_t size() const { return last - first; }
    bool empty() const { return last <= first; }
};

class TextLayout {
public:
    TextLayout(); // an empty text: one empty line
    TextLayout(TextPtr text, const FontMetrics& metrics, float wrap_width, WrapOptions options = {});

    // [SECTION] building
    // Measures and wraps the whole text. wrap_width <= 0 means "no wrapping".
    void build(TextPtr text, const FontMetrics& metrics, float wrap_width, WrapOptions options = {});
    // Re-wraps with another width (cheap: no decoding, no measuring). Resets line extras.
    void set_wrap_width(float wrap_width);
    // Re-measures with another font or font size, then re-wraps. Resets line extras.
    void set_metrics(const FontMetrics& metrics);
    // Extra height below lines [first, first + count) (decoration bands); y positions are
    // recomputed from `first` on.
    void set_line_extras(size_t first, const float* extras, size_t count);
    void clear_line_extras();
    // Changes whenever the line breaks change (re-wrap, re-measure, rebuild).
    uint64_t version() const { return version_; }

    // [SECTION] whole-layout properties
    const Text& text() const { return *text_; }
    const TextPtr& text_ptr() const { return text_; }
    float wrap_width() const { return wrap_width_; }
    float line_height() const { return line_height_; }
    float ascent() const { return ascent_; }
    float total_height() const { return total_height_; }
    float max_line_width() const { return max_width_; } // widest line (for horizontal scroll)
    size_t line_count() const { return lines_.size(); }
    size_t paragraph_count() const { return paragraphs_.size(); }
    const std::vector<LayoutLine>& lines() const { return lines_; }
    const LayoutLine& line(size_t i) const { return lines_[i]; }
    float line_extra(size_t i) const { return extras_[i]; }
    float baseline(size_t line) const { return lines_[line].y + ascent_; }

    // [SECTION] queries
    // Lines intersecting the vertical band [y0, y1) - what a scrolled view must draw.
    LineRange lines_in(float y0, float y1) const;
    // Line under y (clamped to the first/last line).
    size_t line_at_y(float y) const;
    // Line holding caret position cp (clamped to [0, size]). A position on a soft wrap is on the
    // later line (its start), like most editors.
    size_t line_of(size_t cp) const;
    float y_of(size_t cp) const { return lines_[line_of(cp)].y; }
    // x of the caret before code point cp on `line` (cp clamped to the line's [start, end]).
    float caret_x(size_t line, size_t cp) const;
    // x of every caret position of a line: xs[k] is the x before code point line.start + k,
    // for k in [0, end - start]. One decode of the line; what drawing code should use.
    void caret_xs(size_t line, std::vector<float>& xs) const;
    // Nearest caret position (code point boundary) to (x, y), for mouse selection. Clicking
    // past the end of a soft-wrapped line gives its content_end (before the hanging spaces).
    size_t hit_test(float x, float y) const;
    size_t hit_test_line(size_t line, float x) const;
    // Code point whose glyph box contains x on `line`, or SIZE_MAX if x is outside the text.
    size_t char_at(size_t line, float x) const;
    // One rectangle per line that [start, end) spans (glyph box: y0 = line.y, y1 = y0 +
    // line_height; x clamped to the line's drawn width, so hanging spaces add nothing). An empty
    // range gives one zero-width caret rectangle.
    std::vector<LayoutRect> rects_for(size_t start, size_t end) const;
    void rects_for(size_t start, size_t end, std::vector<LayoutRect>& out) const;

    // Cached advance of a code point of this text (0 for code points the text doesn't contain).
    // Inline: it runs once per glyph in every query.
    float advance(char32_t cp) const
    {
        if (cp < bmp_advance_.size())
            return bmp_advance_[cp] > 0 ? bmp_advance_[cp] : 0.0f;
        return astral_advance(cp);
    }

private:
    struct Piece {               // a word (unbreakable run) and its trailing breakable spaces
        uint32_t start;          // first code point of the word
        uint32_t space_start;    // first trailing space (== end if none)
        uint32_t end;            // one past the last trailing space
        float word_w;
        float space_w;
    };
    struct Paragraph {
        uint32_t start, end;     // code points, end excludes '\n'
        uint32_t first_piece, last_piece; // [first, last)
    };

    void measure(const FontMetrics& metrics);
    void wrap();
    void wrap_long_word(const Piece& p, uint32_t para, uint32_t& line_start, float& line_w);
    void update_y(size_t from);
    float measure_cp(const FontMetrics& metrics, char32_t cp);
    float astral_advance(char32_t cp) const;
    size_t byte_of_line_start(size_t line) const { return text_->byte_of(lines_[line].start); }

    TextPtr text_ = std::make_shared<const Text>();
    WrapOptions options_;
    float wrap_width_ = 0;
    float line_height_ = 0;
    float ascent_ = 0;
    float total_height_ = 0;
    float max_width_ = 0;
    uint64_t version_ = 0;

    // Advance cache: flat table for the BMP (negative = not measured yet), map for the rest.
    std::vector<float> bmp_advance_;
    std::unordered_map<char32_t, float> astral_advance_;

    std::vector<Piece> pieces_;
    std::vector<Paragraph> paragraphs_;
    std::vector<LayoutLine> lines_;
    std::vector<float> extras_; // per line
};

} // namespace postil
