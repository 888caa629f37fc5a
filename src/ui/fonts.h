// The UI font: Noto Sans for text, with fallback fonts merged in for what it lacks (Symbola:
// emoji and symbols; Droid Sans Fallback: CJK). ImGui 1.92 rasterises glyphs on demand, so no
// glyph ranges are baked in advance, and fallbacks can arrive after start-up (the web fetches
// them lazily to keep the first download small).
// Does not do: finding font files (each platform knows where its fonts are), sizes (style).
#pragma once
#include <string>
#include <vector>

namespace postil::ui {

// Base text size in pixels at content scale 1 (style.FontSizeBase; scaled by FontScaleDpi).
inline constexpr float kFontSize = 17.0f;

// Loads the main font from a TTF file. If it cannot, falls back to ImGui's built-in font and
// returns false with the reason in `error` (the app still runs, ASCII only).
bool load_main_font(const std::string& path, std::string& error);

// Queues a fallback font (TTF bytes) to merge into the main font. Safe at any time, including
// from JS callbacks in the middle of nowhere; merged by apply_queued_fonts().
void queue_fallback_font(std::string name, std::string bytes);
// Merges queued fonts, in the order queued. Call between frames (before ImGui::NewFrame).
// Returns true if anything changed.
bool apply_queued_fonts();
// Names of merged fallback fonts, for the About box and tests.
const std::vector<std::string>& merged_fonts();

} // namespace postil::ui
