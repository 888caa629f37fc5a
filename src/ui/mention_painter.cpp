// The shared line drawing of the document view and the layer columns (mention_painter.h).
#include "mention_painter.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace postil::ui {

ImU32 rgb_alpha(uint32_t rgb, float alpha)
{
    return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, static_cast<int>(alpha * 255.0f + 0.5f));
}

ImU32 ink_on(uint32_t rgb)
{
    const float r = ((rgb >> 16) & 0xFF) / 255.0f, g = ((rgb >> 8) & 0xFF) / 255.0f, b = (rgb & 0xFF) / 255.0f;
    return 0.299f * r + 0.587f * g + 0.114f * b > 0.6f ? IM_COL32(20, 20, 20, 255) : IM_COL32(255, 255, 255, 255);
}

float PaintedLine::x_of(uint32_t cp) const
{
    cp = std::clamp(cp, line->start, line->end);
    return origin.x + std::min((*xs)[cp - line->start], line->width);
}

MentionPainter::MentionPainter(const TextGeometry& geom, const TextLayout& layout, const MentionLayout& mentions,
                               const std::vector<EntityType>& types, ImVec2 origin, bool dark)
    : geom_(geom), layout_(layout), mentions_(mentions), types_(types), origin_(origin), font_(ImGui::GetFont()),
      ink_(ImGui::GetColorU32(ImGuiCol_Text)), mention_alpha_(dark ? 0.30f : 0.22f),
      thick_(std::max(1.0f, mentions.style().band_step - 1.0f))
{
}

uint32_t MentionPainter::type_rgb(uint32_t type) const
{
    return type < types_.size() ? types_[type].color : kUnknownTypeColor;
}

PaintedLine MentionPainter::begin_line(size_t li, const std::vector<MentionSegment>& segs, size_t seg_i,
                                       std::vector<float>& xs) const
{
    PaintedLine pl;
    pl.line = &layout_.line(li);
    pl.top = origin_.y + pl.line->y;
    pl.glyph_top = pl.top + geom_.text_top - 1.0f;
    pl.glyph_bottom = pl.top + geom_.line_height;
    pl.seg_begin = pl.seg_end = seg_i;
    while (pl.seg_end < segs.size() && segs[pl.seg_end].line == li)
        ++pl.seg_end;
    layout_.caret_xs(li, xs);
    pl.xs = &xs;
    pl.origin = origin_;
    return pl;
}

void MentionPainter::draw_backgrounds(ImDrawList* dl, const PaintedLine& pl, const std::vector<MentionSegment>& segs) const
{
    // Nested mentions darken: deeper nesting reads as such.
    for (size_t k = pl.seg_begin; k < pl.seg_end; ++k) {
        const MentionSegment& sg = segs[k];
        if (sg.x1 > sg.x0)
            dl->AddRectFilled(ImVec2(origin_.x + sg.x0, pl.glyph_top), ImVec2(origin_.x + sg.x1, pl.glyph_bottom),
                              rgb_alpha(type_rgb(mentions_.spans()[sg.mention].type), mention_alpha_));
    }
}

void MentionPainter::draw_glyphs(ImDrawList* dl, const PaintedLine& pl) const
{
    const LayoutLine& L = *pl.line;
    if (L.end <= L.start)
        return;
    const Text& text = *layout_.text_ptr();
    const char* bytes = text.utf8().data();
    dl->AddText(font_, geom_.font_size, ImVec2(origin_.x, pl.top + geom_.text_top), ink_, bytes + text.byte_of(L.start),
                bytes + text.byte_of(L.end));
}

float MentionPainter::draw_bands(ImDrawList* dl, const PaintedLine& pl, const std::vector<MentionSegment>& segs) const
{
    float bottom = pl.glyph_bottom;
    for (size_t k = pl.seg_begin; k < pl.seg_end; ++k) {
        const MentionSegment& sg = segs[k];
        const ImU32 col = band_color(sg);
        const float x0 = band_x0(sg), x1 = band_x1(sg), y = origin_.y + sg.y;
        if (static_cast<int>(sg.band) >= mentions_.style().max_bands) {
            for (float x = x0; x < x1; x += 4.0f) // the shared "more" band: dotted
                dl->AddRectFilled(ImVec2(x, y), ImVec2(std::min(x + 2.0f, x1), y + thick_), col);
        } else {
            dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + thick_), col);
        }
        bottom = std::max(bottom, y + thick_ + 1.0f);
    }
    return bottom;
}

void MentionPainter::draw_type_labels(ImDrawList* dl, const PaintedLine& pl, const std::vector<MentionSegment>& segs,
                                      std::vector<PaintedLabel>& out) const
{
    constexpr float pad = 2.0f;
    float label_x = -FLT_MAX;
    for (size_t k = pl.seg_begin; k < pl.seg_end; ++k) {
        const MentionSegment& sg = segs[k];
        if (!sg.head)
            continue;
        const MentionSpan& ms = mentions_.spans()[sg.mention];
        const char* name = ms.type < types_.size() ? types_[ms.type].id.c_str() : "?";
        const ImVec2 size = font_->CalcTextSizeA(geom_.label_size, FLT_MAX, 0.0f, name);
        const float x = std::max(origin_.x + sg.x0, label_x + 2.0f);
        const float ly0 = pl.top + 1.0f, ly1 = pl.top + geom_.label_zone;
        const uint32_t rgb = type_rgb(ms.type);
        dl->AddRectFilled(ImVec2(x, ly0), ImVec2(x + size.x + 2.0f * pad, ly1), rgb_alpha(rgb, 0.92f), 3.0f);
        dl->AddText(font_, geom_.label_size, ImVec2(x + pad, ly0 + std::floor((ly1 - ly0 - size.y) * 0.5f)), ink_on(rgb), name);
        label_x = x + size.x + 2.0f * pad;
        out.push_back(PaintedLabel{x - origin_.x, ly0 - origin_.y, label_x - origin_.x, ly1 - origin_.y, sg.mention});
    }
}

} // namespace postil::ui
