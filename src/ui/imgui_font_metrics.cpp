// FontMetrics over an ImGui font. See imgui_font_metrics.h.
#include "imgui_font_metrics.h"

#include <imgui.h>

#include <cmath>

namespace postil::ui {

TextGeometry text_geometry(float font_size)
{
    TextGeometry g;
    g.font_size = font_size;
    // Labels are small type ids ("PER") above the text: readable, but clearly not text. The
    // zone they need is the only extra leading: the result is about 2 x the font size per
    // line with one underline band, comfortable for reading and room for the decorations.
    g.label_size = std::round(font_size * 0.62f);
    g.label_zone = g.label_size + 2.0f;
    g.text_top = g.label_zone;
    // A little room under the glyph box for descenders before the underline bands.
    g.line_height = g.text_top + font_size + std::round(font_size * 0.06f);
    return g;
}

ImGuiFontMetrics::ImGuiFontMetrics(ImFont* font, const TextGeometry& geometry)
    : baked_(font->GetFontBaked(geometry.font_size)), geometry_(geometry)
{
    // Same scale as ImFont::RenderText: the baked size is the rounded request.
    scale_ = geometry.font_size / baked_->Size;
}

float ImGuiFontMetrics::advance(char32_t cp) const
{
    return baked_->GetCharAdvance(static_cast<ImWchar>(cp)) * scale_;
}

float ImGuiFontMetrics::ascent() const
{
    return geometry_.text_top + baked_->Ascent * scale_;
}

} // namespace postil::ui
