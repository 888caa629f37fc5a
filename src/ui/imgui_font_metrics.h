// ImGuiFontMetrics: core FontMetrics (src/core/layout/font_metrics.h) on top of an ImGui 1.92
// font at one size, so the core TextLayout wraps and measures exactly what ImDrawList::AddText
// draws: per-code-point advances from the same baked font, scaled the same way
// (size / baked size). Also the document view's line geometry (TextGeometry): where labels,
// glyphs and underlines go inside a layout line.
// Does not do: kerning or shaping (ImGui draws none), keeping the baked font across frames
// (ImGui forbids it: build a metrics object in the frame that uses it).
#pragma once
#include "core/layout/font_metrics.h"

struct ImFont;
struct ImFontBaked;

namespace postil::ui {

// Vertical structure of one layout line of the document view, top to bottom:
//   label zone (mention type labels) | top leading | glyph box (font size) | descent room
// then the mention underline bands that MentionLayout adds below the line.
struct TextGeometry {
    float font_size = 17.0f;
    float label_size = 10.0f;  // font size of the type labels
    float label_zone = 12.0f;  // height reserved above the glyphs for labels
    float text_top = 14.0f;    // glyph box top, from the line top
    float line_height = 32.0f; // what the layout sees as the line height (without bands)
};
TextGeometry text_geometry(float font_size);

class ImGuiFontMetrics : public postil::FontMetrics {
public:
    ImGuiFontMetrics(ImFont* font, const TextGeometry& geometry);
    float advance(char32_t cp) const override;
    float line_height() const override { return geometry_.line_height; }
    float ascent() const override;

private:
    ImFontBaked* baked_;
    float scale_;
    TextGeometry geometry_;
};

} // namespace postil::ui
