// Panel helpers. See widgets.h.
#include "widgets.h"

#include <cctype>

namespace postil::ui {

ImU32 rgb_to_u32(uint32_t rgb, int alpha)
{
    return IM_COL32((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, alpha);
}

ImVec4 rgb_to_vec4(uint32_t rgb)
{
    return ImVec4(((rgb >> 16) & 0xff) / 255.0f, ((rgb >> 8) & 0xff) / 255.0f, (rgb & 0xff) / 255.0f, 1.0f);
}

uint32_t vec4_to_rgb(const ImVec4& c)
{
    auto ch = [](float v) { return static_cast<uint32_t>(v < 0 ? 0 : v > 1 ? 255 : v * 255.0f + 0.5f); };
    return (ch(c.x) << 16) | (ch(c.y) << 8) | ch(c.z);
}

void color_chip(uint32_t rgb)
{
    const float h = ImGui::GetTextLineHeight();
    const float s = h * 0.7f;
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(s, h));
    const float y = p.y + (h - s) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + s, y + s), rgb_to_u32(rgb), s * 0.2f);
}

std::string mention_text(const Project& p, const Mention& m, size_t max)
{
    const Document* d = p.document(m.doc_id);
    if (!d || m.end > d->text->size() || m.start >= m.end)
        return "?";
    const uint32_t end = m.end - m.start > max ? m.start + static_cast<uint32_t>(max) : m.end;
    std::string s(d->text->slice(m.start, end));
    for (char& c : s)
        if (c == '\n' || c == '\t')
            c = ' ';
    if (end != m.end)
        s += "…";
    return s;
}

std::string ref_label(const Project& p, const StanceRef& r)
{
    switch (r.kind) {
    case StanceRef::Kind::None: return "(none)";
    case StanceRef::Kind::Mention:
        if (const Mention* m = p.mention(r.id))
            return "«" + mention_text(p, *m, 40) + "»";
        return "mention " + r.id + " (gone)";
    case StanceRef::Kind::Entity:
        if (const Entity* e = p.entity(r.id))
            return e->name.empty() ? e->id : e->name;
        return "entity " + r.id + " (gone)";
    case StanceRef::Kind::Target:
        if (const StanceTarget* t = p.schema.stance_target(r.id))
            return "#" + (t->name.empty() ? t->id : t->name);
        return "target " + r.id;
    }
    return "?";
}

bool contains_ci(const std::string& haystack, const std::string& needle)
{
    if (needle.empty())
        return true;
    if (needle.size() > haystack.size())
        return false;
    for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        size_t k = 0;
        while (k < needle.size() &&
               std::tolower(static_cast<unsigned char>(haystack[i + k])) == std::tolower(static_cast<unsigned char>(needle[k])))
            ++k;
        if (k == needle.size())
            return true;
    }
    return false;
}

uint32_t polarity_rgb(const Schema& s, const std::string& polarity)
{
    const Polarity* p = s.polarity(polarity);
    return p && p->color ? p->color : 0x8c8c96;
}

bool toggle_button(const char* label, bool active, uint32_t rgb)
{
    if (active) {
        const ImVec4 c = rgb ? rgb_to_vec4(rgb) : ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive);
        ImGui::PushStyleColor(ImGuiCol_Button, c);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, c);
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    }
    const bool pressed = ImGui::Button(label);
    if (active)
        ImGui::PopStyleColor(3);
    return pressed;
}

} // namespace postil::ui

namespace postil::ui {

namespace {
int resize_callback(ImGuiInputTextCallbackData* data)
{
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(static_cast<size_t>(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}
} // namespace

bool input_string(const char* label, std::string& s, ImGuiInputTextFlags flags, const char* hint)
{
    flags |= ImGuiInputTextFlags_CallbackResize;
    // ImGui writes the terminating zero at Buf[BufTextLen]: std::string keeps one past size().
    if (hint)
        return ImGui::InputTextWithHint(label, hint, s.data(), s.capacity() + 1, flags, resize_callback, &s);
    return ImGui::InputText(label, s.data(), s.capacity() + 1, flags, resize_callback, &s);
}

} // namespace postil::ui

namespace postil::ui {

namespace {
std::vector<std::pair<std::string, NotedRect>>& noted()
{
    static std::vector<std::pair<std::string, NotedRect>> n;
    return n;
}
} // namespace

void note_item(const std::string& key)
{
    if (!ImGui::IsItemVisible()) // scrolled out or clipped away: not a place a click would reach
        return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    noted().push_back({key, {a.x, a.y, b.x, b.y, ImGui::GetFrameCount()}});
}

const std::vector<std::pair<std::string, NotedRect>>& noted_items() { return noted(); }
void clear_noted_items() { noted().clear(); }

} // namespace postil::ui
