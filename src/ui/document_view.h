// The selected document's text, wrapped in a readable column, one ImGui text item per
// paragraph; only paragraphs in view are submitted (heights are measured once per width and
// font size, then the rest is skipped like ImGuiListClipper does).
// Self-contained on purpose: the core text-layout engine (src/core/layout/) will replace it.
// Does not do: annotation display or editing (yet).
#pragma once
#include "core/text.h"

#include <string>
#include <string_view>
#include <vector>

namespace postil::ui {

class App;

class DocumentView {
public:
    explicit DocumentView(App& app) : app_(app) {}
    void drawContent();

private:
    void rebuild(const TextPtr& text, float width, float font_size);

    App& app_;
    // Cache for one document at one width and font size.
    TextPtr text_;                          // keeps the paragraphs' bytes alive
    std::vector<std::string_view> paragraphs_;
    std::vector<float> offsets_;            // top of each paragraph; back() = total height
    float width_ = -1.0f, font_size_ = -1.0f;
};

} // namespace postil::ui
