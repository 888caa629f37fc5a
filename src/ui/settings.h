// User settings that belong to the person, not the project: annotator name, theme, which
// panels are open, the document view's layer choice, the last project path (desktop). Stored as JSON through platform/storage.h
// (desktop: $XDG_CONFIG_HOME/postil/settings.json; web: IndexedDB).
// Does not do: the window layout (ImGui's ini, stored separately by the App), storage itself.
#pragma once
#include "theme.h"

#include "core/layout/layer_display.h"

#include <string>

namespace postil::ui {

struct Settings {
    std::string annotator;    // "" = not set yet (the project's own annotator is kept)
    Theme theme = Theme::Dark;
    std::string last_project; // desktop: reopened on the next start
    bool show_schema = false, show_export = false, show_import = false;
    bool show_agreement = false, show_adjudication = false, show_settings = false;
    int side_tab = 0;         // 0 entities, 1 stances
    // Which annotator layers the document view shows (All / one / two side by side). Names are
    // kept as chosen; the view resolves them against the open project (layer_display.h).
    LayerSelection layers;
    bool operator==(const Settings&) const = default;
};

std::string settings_to_json(const Settings& s);
// Unknown keys are ignored and bad values keep their defaults: a settings file from another
// version never stops the app from starting.
Settings settings_from_json(const std::string& text);

} // namespace postil::ui
