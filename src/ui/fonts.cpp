// The UI font and its merged fallbacks. See fonts.h.
#include "fonts.h"

#include <imgui.h>
#include <imgui_internal.h> // ImFontAtlasFontDiscardBakes: forget glyphs looked up before a merge

#include <cstdio>
#include <utility>

namespace postil::ui {

namespace {

struct Pending {
    std::string name;
    std::string bytes;
};
std::vector<Pending> g_pending;
std::vector<std::string> g_merged;
ImFont* g_main = nullptr;

} // namespace

bool load_main_font(const std::string& path, std::string& error)
{
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig cfg;
    cfg.OversampleH = 2; // crisper small text on low-dpi screens (ImGui default 2/1 as well)
    g_main = io.Fonts->AddFontFromFileTTF(path.c_str(), kFontSize, &cfg);
    if (g_main)
        return true;
    error = "cannot load the UI font " + path + " (accents and symbols may not render)";
    g_main = io.Fonts->AddFontDefault();
    return false;
}

void queue_fallback_font(std::string name, std::string bytes)
{
    g_pending.push_back({std::move(name), std::move(bytes)});
}

bool apply_queued_fonts()
{
    if (g_pending.empty() || !g_main)
        return false;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    bool changed = false;
    for (Pending& p : g_pending) {
        ImFontConfig cfg;
        cfg.MergeMode = true;
        cfg.DstFont = g_main;
        cfg.FontDataOwnedByAtlas = false; // ImGui copies the bytes; ours are freed below
        std::snprintf(cfg.Name, sizeof(cfg.Name), "%s", p.name.c_str());
        if (atlas->AddFontFromMemoryTTF(p.bytes.data(), static_cast<int>(p.bytes.size()), kFontSize, &cfg)) {
            g_merged.push_back(p.name);
            changed = true;
        } else {
            std::fprintf(stderr, "postil: cannot load font %s\n", p.name.c_str());
        }
    }
    g_pending.clear();
    // Code points looked up before the merge are cached as "missing" (drawn as the fallback
    // glyph): drop the main font's baked sizes so they are looked up again.
    if (changed)
        ImFontAtlasFontDiscardBakes(atlas, g_main, 0);
    return changed;
}

const std::vector<std::string>& merged_fonts() { return g_merged; }

} // namespace postil::ui
