// Small drawing and text helpers shared by the panels (entities, stances, schema, dialogs):
// schema colours as ImGui colours, a colour chip, a mention's surface text, a stance ref's
// label, filter matching. Does not do: anything with state.
#pragma once
#include "core/model.h"

#include <imgui.h>

#include <string>
#include <utility>
#include <vector>

namespace postil::ui {

ImU32 rgb_to_u32(uint32_t rgb, int alpha = 255);
ImVec4 rgb_to_vec4(uint32_t rgb);
uint32_t vec4_to_rgb(const ImVec4& c);
// A filled square of the colour, as an item on the current line.
void color_chip(uint32_t rgb);
// The mention's text (code points [start, end) of its document), shortened to `max` code points.
std::string mention_text(const Project& p, const Mention& m, size_t max = 60);
// "«Macron» PER", "Entity Emmanuel Macron", "target: export controls", "(none)".
std::string ref_label(const Project& p, const StanceRef& r);
// Case-insensitive (ASCII) substring test; an empty needle matches.
bool contains_ci(const std::string& haystack, const std::string& needle);
// Colour of a polarity from the schema; grey when unknown.
uint32_t polarity_rgb(const Schema& s, const std::string& polarity);
// Button that looks pressed when `active`.
bool toggle_button(const char* label, bool active, uint32_t rgb = 0);

} // namespace postil::ui

namespace postil::ui {
// InputText over a std::string (grows as needed). Returns true when the text changed.
bool input_string(const char* label, std::string& s, ImGuiInputTextFlags flags = 0, const char* hint = nullptr);
} // namespace postil::ui

namespace postil::ui {
// Remembers the last item's screen rectangle under `key` (for window.postil.uiState(): tests
// click real UI items by name instead of guessing coordinates). Only visible items are noted.
// Cleared each frame by the App.
void note_item(const std::string& key);
struct NotedRect {
    float x0, y0, x1, y1;
    int frame;
};
const std::vector<std::pair<std::string, NotedRect>>& noted_items();
void clear_noted_items();
} // namespace postil::ui
