// Two annotator layers side by side. See layer_columns_view.h.
// Index
// [SECTION] helpers
// [SECTION] layout cache
// [SECTION] frame
// [SECTION] one column
// [SECTION] stance lists
#include "layer_columns_view.h"

#include "app.h"
#include "fonts.h"
#include "widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <optional>

namespace postil::ui {

//-----------------------------------------------------------------------------
// [SECTION] helpers
//-----------------------------------------------------------------------------

namespace {

// Red for "both have it, differently", amber for "only this layer has it".
ImU32 kind_color(DiffKind k) { return k == DiffKind::Missing ? IM_COL32(240, 170, 30, 255) : IM_COL32(235, 70, 60, 255); }

const char* kind_words(DiffKind k)
{
    switch (k) {
    case DiffKind::Agreement: return "same in both layers";
    case DiffKind::Label: return "other type in the other layer";
    case DiffKind::Boundary: return "other boundaries in the other layer";
    case DiffKind::Missing: return "not in the other layer";
    }
    return "";
}

void dashed_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col)
{
    const float dash = 4.0f, gap = 3.0f;
    for (float x = a.x; x < b.x; x += dash + gap) {
        const float x1 = std::min(x + dash, b.x);
        dl->AddLine(ImVec2(x, a.y), ImVec2(x1, a.y), col, 1.5f);
        dl->AddLine(ImVec2(x, b.y), ImVec2(x1, b.y), col, 1.5f);
    }
    for (float y = a.y; y < b.y; y += dash + gap) {
        const float y1 = std::min(y + dash, b.y);
        dl->AddLine(ImVec2(a.x, y), ImVec2(a.x, y1), col, 1.5f);
        dl->AddLine(ImVec2(b.x, y), ImVec2(b.x, y1), col, 1.5f);
    }
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] layout cache
//-----------------------------------------------------------------------------

void LayerColumnsView::ensure(const Project& p, const Document& doc, const LayerSelection& s, float column_width)
{
    const float fs = ImGui::GetFontSize();
    const size_t merged = merged_fonts().size();
    const uint64_t rev = app_.history().revision() + app_.generation();
    if (doc.text == text_ && fs == font_size_ && merged == fonts_merged_ && column_width == width_ && rev == revision_ &&
        s == built_for_)
        return;
    geom_ = text_geometry(fs);
    ImGuiFontMetrics metrics(ImGui::GetFont(), geom_);
    MentionStyle st;
    const float k = fs / 17.0f;
    st.first_offset = std::max(1.0f, std::round(1.0f * k));
    st.band_step = std::max(3.0f, std::round(3.0f * k));
    st.max_bands = 4;
    st.reserved_bands = 1;
    for (size_t c = 0; c < 2; ++c) {
        layouts_[c].build(doc.text, metrics, column_width);
        mentions_[c].set_style(layouts_[c], st);
        mentions_[c].set_mentions(layouts_[c], column_mention_spans(p, doc.id, s, c));
    }
    align_columns(layouts_[0], layouts_[1]); // same text, same width: same lines
    cmp_ = compare_columns(p, doc.id, s);
    text_ = doc.text;
    font_size_ = fs;
    fonts_merged_ = merged;
    width_ = column_width;
    revision_ = rev;
    built_for_ = s;
}

//-----------------------------------------------------------------------------
// [SECTION] frame
//-----------------------------------------------------------------------------

void LayerColumnsView::draw(const Project& p, const Document& doc, const LayerSelection& s)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float fs = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gutter = std::round(fs * 1.5f), margin = std::round(fs * 0.8f);
    const float column_w = std::floor(std::max(fs * 8.0f, (avail.x - style.ScrollbarSize - gutter) * 0.5f - 2.0f * margin));
    ensure(p, doc, s, column_w);

    // Column titles: the layer, its counts, how many of its records differ.
    const std::string names[2] = {s.a, s.b};
    const float title_x = ImGui::GetCursorPosX();
    for (size_t c = 0; c < 2; ++c) {
        if (c == 1)
            ImGui::SameLine(title_x + margin + column_w + gutter + margin);
        else
            ImGui::SetCursorPosX(title_x + margin);
        size_t differ = 0;
        for (const ColumnMark& m : cmp_.marks[c])
            differ += !m.gap();
        ImGui::TextUnformatted(names[c].c_str());
        note_item("layers:column:" + std::to_string(c));
        ImGui::SameLine();
        ImGui::TextDisabled("· %zu mentions", mentions_[c].size());
        ImGui::SameLine();
        if (differ)
            ImGui::TextColored(ImVec4(0.92f, 0.35f, 0.3f, 1.0f), "· %zu differ", differ);
        else
            ImGui::TextDisabled("· no difference");
    }

    const float lists_h = std::round(ImGui::GetTextLineHeightWithSpacing() * 6.0f + style.WindowPadding.y * 2.0f);
    const float text_h = std::max(fs * 4.0f, ImGui::GetContentRegionAvail().y - lists_h - style.ItemSpacing.y);
    const float pad_y = std::round(geom_.font_size * 0.6f);
    ImGui::SetNextWindowContentSize(ImVec2(0.0f, layouts_[0].total_height() + 2.0f * pad_y));
    ImGui::BeginChild("columns", ImVec2(0, text_h), ImGuiChildFlags_None,
                      ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoNavInputs);
    note_item("layers:columns");
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = dl->GetClipRectMin(), clip_max = dl->GetClipRectMax();
    scroll_y_ = ImGui::GetScrollY();
    // The divider between the columns.
    const float divider_x = std::floor(start.x + margin + column_w + gutter * 0.5f);
    dl->AddLine(ImVec2(divider_x, clip_min.y), ImVec2(divider_x, clip_max.y), ImGui::GetColorU32(ImGuiCol_Separator));
    // One item over the visible part (scroll range from the explicit content size).
    ImGui::SetCursorScreenPos(ImVec2(start.x, clip_min.y));
    ImGui::InvisibleButton("##columns", ImVec2(std::max(1.0f, clip_max.x - start.x), std::max(1.0f, clip_max.y - clip_min.y)));
    const bool hovered = ImGui::IsItemHovered(), clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    for (size_t c = 0; c < 2; ++c) {
        const ImVec2 origin(std::floor(start.x + margin + c * (column_w + gutter + margin)), std::floor(start.y + pad_y));
        draw_column(p, c, origin, clip_min.y - origin.y, clip_max.y - origin.y);
        if (!hovered)
            continue;
        // The mention under the pointer in this column: tooltip, click selects it.
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (m.x < origin.x || m.x > origin.x + column_w)
            continue;
        const std::optional<size_t> hit = mentions_[c].hit_test(layouts_[c], m.x - origin.x, m.y - origin.y);
        if (!hit)
            continue;
        const uint32_t key = mentions_[c].spans()[*hit].key;
        if (key >= p.mentions.size())
            continue;
        const Mention& mention = p.mentions[key];
        const ColumnMark* mark = cmp_.mark_of(c, mention.id);
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::BeginTooltip()) {
            ImGui::Text("%s «%s» %s · %s", mention.type.c_str(), mention_text(p, mention, 40).c_str(), mention.id.c_str(),
                        mention.annotator.c_str());
            ImGui::TextUnformatted(mark ? kind_words(mark->kind) : kind_words(DiffKind::Agreement));
            ImGui::EndTooltip();
        }
        if (clicked)
            app_.select_mention(mention.id);
    }
    ImGui::EndChild();
    draw_stance_lists(p, doc);
}

void LayerColumnsView::draw_legend(const std::string& read_only_reason) const
{
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImVec4(0.98f, 0.76f, 0.25f, 1.0f), "Read only");
    ImGui::SetItemTooltip("%s", read_only_reason.c_str());
    const float h = ImGui::GetTextLineHeight();
    auto swatch = [&](ImU32 col, bool dashed, const char* what) {
        ImGui::SameLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 a(p.x + 1.0f, p.y + 3.0f), b(p.x + h * 1.6f, p.y + ImGui::GetFrameHeight() - 3.0f);
        if (dashed)
            dashed_rect(ImGui::GetWindowDrawList(), a, b, col);
        else
            ImGui::GetWindowDrawList()->AddRect(a, b, col, 3.0f, 0, 2.0f);
        ImGui::Dummy(ImVec2(h * 1.7f, ImGui::GetFrameHeight()));
        ImGui::SameLine();
        ImGui::TextDisabled("%s", what);
    };
    swatch(kind_color(DiffKind::Label), false, "other type or boundaries");
    swatch(kind_color(DiffKind::Missing), false, "only in this layer");
    swatch(kind_color(DiffKind::Missing), true, "only in the other layer");
}

//-----------------------------------------------------------------------------
// [SECTION] one column
//-----------------------------------------------------------------------------

void LayerColumnsView::draw_column(const Project& p, size_t c, ImVec2 origin, float y0, float y1)
{
    const TextLayout& layout = layouts_[c];
    const MentionLayout& ml = mentions_[c];
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const MentionPainter painter(geom_, layout, ml, p.schema.entity_types, origin, app_.theme() == Theme::Dark);
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
    const std::string& selected = app_.selected_mention();
    const std::vector<ColumnMark>& marks = cmp_.marks[c];

    painter.for_each_line(layout.lines_in(y0, y1), segs_, xs_, [&](const PaintedLine& pl) {
        const LayoutLine& L = *pl.line;
        const float gy0 = pl.glyph_top, gy1 = pl.glyph_bottom;
        // 1. mention backgrounds, 2. glyphs, 3. underlines, the selected mention outlined
        painter.draw_backgrounds(dl, pl, segs_);
        painter.draw_glyphs(dl, pl);
        const float bands_bottom = painter.draw_bands(dl, pl, segs_);
        for (size_t k = pl.seg_begin; k < pl.seg_end; ++k) {
            const MentionSegment& sg = segs_[k];
            const uint32_t key = ml.spans()[sg.mention].key;
            if (!selected.empty() && key < p.mentions.size() && p.mentions[key].id == selected)
                dl->AddRect(ImVec2(painter.band_x0(sg) - 1.5f, gy0 - 1.0f), ImVec2(painter.band_x1(sg) + 1.5f, gy1 + 2.0f), ink, 3.0f, 0, 1.5f);
        }
        // 4. differences: outlines of this layer's differing records, dashed gaps where only
        // the other layer has a mention
        for (const ColumnMark& m : marks) {
            if (m.item != DiffItem::Mention || m.span.start >= L.end || m.span.end <= L.start)
                continue;
            const float xa = pl.x_of(std::max(m.span.start, L.start)) - 2.0f, xb = pl.x_of(std::min(m.span.end, L.end)) + 2.0f;
            if (m.gap())
                dashed_rect(dl, ImVec2(xa, gy0 - 2.0f), ImVec2(xb, gy1 + 2.0f), kind_color(DiffKind::Missing));
            else
                dl->AddRect(ImVec2(xa, gy0 - 2.0f), ImVec2(xb, bands_bottom + 1.0f), kind_color(m.kind), 3.0f, 0, 2.0f);
        }
        // 5. type labels above each mention's start
        labels_.clear();
        painter.draw_type_labels(dl, pl, segs_, labels_);
    });
}

//-----------------------------------------------------------------------------
// [SECTION] stance lists
//-----------------------------------------------------------------------------

void LayerColumnsView::draw_stance_lists(const Project& p, const Document& doc)
{
    ImGui::BeginChild("column-stances", ImVec2(0, 0), ImGuiChildFlags_Borders);
    if (ImGui::BeginTable("stances", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
        ImGui::TableNextRow();
        for (size_t c = 0; c < 2; ++c) {
            ImGui::TableSetColumnIndex(static_cast<int>(c));
            const std::string& who = c == 0 ? built_for_.a : built_for_.b;
            size_t shown = 0;
            auto line = [&](const std::string& id, const std::string& what, const std::string& polarity) {
                const ColumnMark* mark = cmp_.mark_of(c, id);
                const ImU32 pol = rgb_to_u32(polarity_rgb(p.schema, polarity));
                if (mark) {
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kind_color(mark->kind)), "%s",
                                       mark->kind == DiffKind::Missing ? "+" : "≠");
                    ImGui::SetItemTooltip("%s", kind_words(mark->kind));
                } else {
                    ImGui::TextDisabled("=");
                }
                // Polarity before the (possibly long, clipped) holder -> target.
                ImGui::SameLine();
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pol), "%s", polarity.c_str());
                ImGui::SameLine();
                ImGui::TextUnformatted(what.c_str());
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("%s %s", what.c_str(), polarity.c_str());
                ++shown;
            };
            for (const Stance& s : p.stances)
                if (s.doc_id == doc.id && s.annotator == who)
                    line(s.id, ref_label(p, s.holder) + " → " + ref_label(p, s.target), s.polarity);
            for (const DocStance& d : p.doc_stances)
                if (d.doc_id == doc.id && d.annotator == who)
                    line(d.id, "document → " + d.target_id, d.polarity);
            if (!shown)
                ImGui::TextDisabled("No stances in %s's layer.", who.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

} // namespace postil::ui
