// The selected document's text. See document_view.h.
#include "document_view.h"

#include "app.h"

#include <imgui.h>

#include <algorithm>

namespace postil::ui {

void DocumentView::rebuild(const TextPtr& text, float width, float font_size)
{
    text_ = text;
    width_ = width;
    font_size_ = font_size;
    paragraphs_.clear();
    offsets_.clear();
    // One item per line of the text; empty lines become a short gap.
    std::string_view all = text->utf8();
    size_t start = 0;
    while (start <= all.size()) {
        size_t nl = all.find('\n', start);
        if (nl == std::string_view::npos)
            nl = all.size();
        paragraphs_.push_back(all.substr(start, nl - start));
        start = nl + 1;
    }
    if (!paragraphs_.empty() && paragraphs_.back().empty())
        paragraphs_.pop_back(); // the final newline ends the last line; it starts nothing
    const float gap = font_size * 0.45f;
    float y = 0.0f;
    for (std::string_view p : paragraphs_) {
        offsets_.push_back(y);
        if (p.empty())
            y += gap;
        else
            y += ImGui::CalcTextSize(p.data(), p.data() + p.size(), false, width).y + gap;
    }
    offsets_.push_back(y);
}

void DocumentView::drawContent()
{
    const Document* doc = app_.project().document(app_.selected_document());
    if (!doc) {
        ImGui::TextDisabled("No document selected. Open or import a text file (File menu, or drop it here).");
        return;
    }

    // Header: name, in a larger size of the same font.
    ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.35f);
    ImGui::TextUnformatted(doc->name.empty() ? doc->id.c_str() : doc->name.c_str());
    ImGui::PopFont();
    ImGui::TextDisabled("%s · %zu characters", doc->id.c_str(), doc->text->size());
    ImGui::Separator();

    ImGui::BeginChild("text", ImVec2(0, 0), ImGuiChildFlags_None);
    const float font_size = ImGui::GetFontSize();
    const float avail = ImGui::GetContentRegionAvail().x;
    // A readable measure: about 80 characters per line, under the header.
    const float width = std::max(1.0f, std::min(avail, font_size * 42.0f));
    const float indent = 0.0f;
    if (text_ != doc->text || width != width_ || font_size != font_size_)
        rebuild(doc->text, width, font_size);

    // Submit only what is in view; skip the rest with cursor moves (ImGuiListClipper style,
    // but for items of varying height).
    const float top = ImGui::GetCursorPosY();
    const float view_begin = ImGui::GetScrollY() - top;
    const float view_end = view_begin + ImGui::GetWindowHeight();
    const size_t n = paragraphs_.size();
    size_t first = static_cast<size_t>(std::upper_bound(offsets_.begin(), offsets_.end() - 1, view_begin) - offsets_.begin());
    first = first > 0 ? first - 1 : 0;
    const float x = ImGui::GetCursorPosX() + indent;
    for (size_t i = first; i < n && offsets_[i] < view_end; ++i) {
        std::string_view p = paragraphs_[i];
        if (p.empty())
            continue;
        ImGui::SetCursorPos(ImVec2(x, top + offsets_[i]));
        ImGui::PushTextWrapPos(x + width);
        ImGui::TextUnformatted(p.data(), p.data() + p.size());
        ImGui::PopTextWrapPos();
    }
    ImGui::SetCursorPos(ImVec2(x, top + offsets_.back()));
    ImGui::Dummy(ImVec2(width, ImGui::GetStyle().WindowPadding.y)); // extends the scroll range
    ImGui::EndChild();
}

} // namespace postil::ui
