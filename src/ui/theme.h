// Look of the UI: dark or light colours, spacing, and scaling for the display's content scale.
// Does not do: fonts (fonts.h).
#pragma once

namespace postil::ui {

enum class Theme { Dark, Light };

// Rebuilds ImGui's style from scratch for `theme` at `scale` (1 = 96 dpi): sizes scaled,
// font scale set. Call between frames.
void apply_theme(Theme theme, float scale);

} // namespace postil::ui
