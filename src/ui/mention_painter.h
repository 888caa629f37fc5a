// Drawing of laid-out text with its mentions, line by line, shared by the document view and
// the side-by-side layer columns: each visible line's geometry (top, glyph box, caret x of a
// code point), the mention backgrounds, the glyphs, the underline bands (dotted for the shared
// "more" band) and the type labels above each mention's start.
// Does not do: what differs between the two views (search hits, selection, evidence, stance
// outlines, difference marks): they draw those between the calls, with the line's geometry.
#pragma once
#include "imgui_font_metrics.h"

#include "core/layout/mention_layout.h"
#include "core/layout/text_layout.h"
#include "core/schema.h"

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace postil::ui {

constexpr uint32_t kUnknownTypeColor = 0x888888;
ImU32 rgb_alpha(uint32_t rgb, float alpha);
// Black or white, whichever reads better on the colour.
ImU32 ink_on(uint32_t rgb);

// One visible line, as the painter hands it to the view's own drawing.
struct PaintedLine {
    const LayoutLine* line = nullptr;
    float top = 0, glyph_top = 0, glyph_bottom = 0; // screen y: line top, background box
    size_t seg_begin = 0, seg_end = 0;              // this line's MentionSegments
    ImVec2 origin;
    const std::vector<float>* xs = nullptr;         // caret x of each code point of the line
    // Screen x of the caret before code point `cp` (clamped to the line).
    float x_of(uint32_t cp) const;
};

// A label box drawn by draw_type_labels, relative to the painter's origin (document
// coordinates: still right after a scroll), for hit tests and outlines.
struct PaintedLabel {
    float x0, y0, x1, y1;
    uint32_t span; // index into MentionLayout::spans()
};

class MentionPainter {
public:
    MentionPainter(const TextGeometry& geom, const TextLayout& layout, const MentionLayout& mentions,
                   const std::vector<EntityType>& types, ImVec2 origin, bool dark);

    // The visible lines' segments (kept in `segs`), then f(PaintedLine) for each visible line.
    template <class F>
    void for_each_line(LineRange lines, std::vector<MentionSegment>& segs, std::vector<float>& xs, F&& f) const
    {
        segs.clear();
        if (lines.empty())
            return;
        mentions_.segments(layout_, lines, segs);
        size_t seg_i = 0;
        for (size_t li = lines.first; li < lines.last; ++li) {
            PaintedLine pl = begin_line(li, segs, seg_i, xs);
            f(pl);
            seg_i = pl.seg_end;
        }
    }

    uint32_t type_rgb(uint32_t type) const;
    ImU32 band_color(const MentionSegment& sg) const { return rgb_alpha(type_rgb(mentions_.spans()[sg.mention].type), 1.0f); }
    // Underline band's screen x range of a segment (at least 2 px wide).
    float band_x0(const MentionSegment& sg) const { return origin_.x + sg.x0; }
    float band_x1(const MentionSegment& sg) const { return origin_.x + std::max(sg.x1, sg.x0 + 2.0f); }
    float band_thickness() const { return thick_; }

    void draw_backgrounds(ImDrawList* dl, const PaintedLine& pl, const std::vector<MentionSegment>& segs) const;
    void draw_glyphs(ImDrawList* dl, const PaintedLine& pl) const;
    // Returns the lowest screen y the bands reach on this line (glyph_bottom if none).
    float draw_bands(ImDrawList* dl, const PaintedLine& pl, const std::vector<MentionSegment>& segs) const;
    // Labels pushed right when they would overlap; appended to `out`.
    void draw_type_labels(ImDrawList* dl, const PaintedLine& pl, const std::vector<MentionSegment>& segs,
                          std::vector<PaintedLabel>& out) const;

private:
    PaintedLine begin_line(size_t li, const std::vector<MentionSegment>& segs, size_t seg_i, std::vector<float>& xs) const;

    const TextGeometry& geom_;
    const TextLayout& layout_;
    const MentionLayout& mentions_;
    const std::vector<EntityType>& types_;
    ImVec2 origin_;
    ImFont* font_;
    ImU32 ink_;
    float mention_alpha_, thick_;
};

} // namespace postil::ui
