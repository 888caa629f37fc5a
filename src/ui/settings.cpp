// Settings <-> JSON. See settings.h.
#include "settings.h"

#include <nlohmann/json.hpp>

namespace postil::ui {

std::string settings_to_json(const Settings& s)
{
    nlohmann::json j = {
        {"annotator", s.annotator},
        {"theme", s.theme == Theme::Dark ? "dark" : "light"},
        {"last_project", s.last_project},
        {"panels",
         {{"schema", s.show_schema},
          {"export", s.show_export},
          {"import", s.show_import},
          {"agreement", s.show_agreement},
          {"adjudication", s.show_adjudication},
          {"settings", s.show_settings},
          {"side_tab", s.side_tab}}},
        {"layers", {{"mode", to_string(s.layers.mode)}, {"a", s.layers.a}, {"b", s.layers.b}}},
    };
    return j.dump(2) + "\n";
}

namespace {
template <class T>
void read(const nlohmann::json& j, const char* key, T& out)
{
    auto it = j.find(key);
    if (it == j.end())
        return;
    try {
        out = it->get<T>();
    } catch (const nlohmann::json::exception&) {
        // keep the default
    }
}
} // namespace

Settings settings_from_json(const std::string& text)
{
    Settings s;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object())
        return s;
    read(j, "annotator", s.annotator);
    std::string theme;
    read(j, "theme", theme);
    if (theme == "light")
        s.theme = Theme::Light;
    read(j, "last_project", s.last_project);
    auto p = j.find("panels");
    if (p != j.end() && p->is_object()) {
        read(*p, "schema", s.show_schema);
        read(*p, "export", s.show_export);
        read(*p, "import", s.show_import);
        read(*p, "agreement", s.show_agreement);
        read(*p, "adjudication", s.show_adjudication);
        read(*p, "settings", s.show_settings);
        read(*p, "side_tab", s.side_tab);
    }
    auto l = j.find("layers");
    if (l != j.end() && l->is_object()) {
        std::string mode;
        read(*l, "mode", mode);
        layer_mode_from_string(mode, s.layers.mode); // unknown: stays All
        read(*l, "a", s.layers.a);
        read(*l, "b", s.layers.b);
    }
    return s;
}

} // namespace postil::ui
