// LayerColumnsView: the document view's "two layers side by side" mode - two columns of the
// same text, each with only its annotator's mentions (backgrounds, underlines, type labels) and
// stances, the differences between them outlined (red: other type or boundary; amber: only this
// layer has it; dashed amber: only the other layer has a mention here), one scroll for both.
// Under the text: each layer's stances and document stances, differing ones marked.
// Hovering a mention tells its annotator and how it differs; clicking selects it (side panels).
//
// What is shown, the differences and keeping the columns' lines in step are the core's
// (core/layout/layer_display.h); this class only lays out and draws them.
// Does not do: editing (side by side is read only: layer_display.h edit_policy), the layer
// picker and the other modes (DocumentView).
#pragma once
#include "imgui_font_metrics.h"
#include "mention_painter.h"

#include "core/layout/layer_display.h"
#include "core/layout/mention_layout.h"
#include "core/layout/text_layout.h"

#include <cstdint>
#include <string>
#include <vector>

struct ImVec2;

namespace postil::ui {

class App;

class LayerColumnsView {
public:
    explicit LayerColumnsView(App& app) : app_(app) {}
    // Draws the columns into the remaining content region of the current window.
    void draw(const Project& p, const Document& doc, const LayerSelection& s);
    // One line: "Read only" (the reason as its tooltip) and what the outline colours mean.
    void draw_legend(const std::string& read_only_reason) const;

    // [SECTION] state, for tests and automation
    const LayerComparison& comparison() const { return cmp_; }
    size_t mention_count(size_t column) const { return column < 2 ? mentions_[column].size() : 0; }
    float scroll_y() const { return scroll_y_; }

private:
    void ensure(const Project& p, const Document& doc, const LayerSelection& s, float column_width);
    void draw_column(const Project& p, size_t column, ImVec2 origin, float y0, float y1);
    void draw_stance_lists(const Project& p, const Document& doc);

    App& app_;
    // Built for (text, font size, fonts merged, width, project revision, selection).
    TextPtr text_;
    float font_size_ = 0, width_ = -1;
    size_t fonts_merged_ = SIZE_MAX;
    uint64_t revision_ = ~uint64_t(0);
    LayerSelection built_for_;
    TextGeometry geom_;
    TextLayout layouts_[2];
    MentionLayout mentions_[2];
    LayerComparison cmp_;
    float scroll_y_ = 0;
    std::vector<MentionSegment> segs_;
    std::vector<float> xs_;
    std::vector<PaintedLabel> labels_; // drawn, not hit-tested: the columns are read only
};

} // namespace postil::ui
