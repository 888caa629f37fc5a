// The document view: layout cache, drawing, mouse and keyboard. See document_view.h.
// Index
// [SECTION] helpers
// [SECTION] frame
// [SECTION] layout cache
// [SECTION] header and status line
// [SECTION] text: drawing
// [SECTION] text: mouse
// [SECTION] inspector (selected mention)
// [SECTION] keyboard and commands
// [SECTION] popups: type palette, stance targets
// [SECTION] automation
#include "document_view.h"

#include "app.h"
#include "fonts.h"
#include "widgets.h"

#include "core/ops.h"

#include <imgui.h>
#include <imgui_internal.h> // SetKeyOwner

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace postil::ui {

using interaction::Chord;
using interaction::Command;
using interaction::GestureStep;
using interaction::SnapMode;

//-----------------------------------------------------------------------------
// [SECTION] helpers
//-----------------------------------------------------------------------------

namespace {

// A short one-line quote of a text range for hints: “Dario Amodei”.
std::string quote(const Text& t, uint32_t start, uint32_t end)
{
    constexpr uint32_t kMax = 48;
    std::string s(t.slice(start, std::min(end, start + kMax)));
    for (char& c : s)
        if (c == '\n' || c == '\t')
            c = ' ';
    return "“" + s + (end - start > kMax ? "…" : "") + "”";
}

// The keys the view listens to, and their keymap names.
struct NamedKey {
    ImGuiKey key;
    const char* name;
};
const NamedKey kNamedKeys[] = {
    {ImGuiKey_A, "A"}, {ImGuiKey_B, "B"}, {ImGuiKey_C, "C"}, {ImGuiKey_D, "D"}, {ImGuiKey_E, "E"},
    {ImGuiKey_F, "F"}, {ImGuiKey_G, "G"}, {ImGuiKey_H, "H"}, {ImGuiKey_I, "I"}, {ImGuiKey_J, "J"},
    {ImGuiKey_K, "K"}, {ImGuiKey_L, "L"}, {ImGuiKey_M, "M"}, {ImGuiKey_N, "N"}, {ImGuiKey_O, "O"},
    {ImGuiKey_P, "P"}, {ImGuiKey_Q, "Q"}, {ImGuiKey_R, "R"}, {ImGuiKey_S, "S"}, {ImGuiKey_T, "T"},
    {ImGuiKey_U, "U"}, {ImGuiKey_V, "V"}, {ImGuiKey_W, "W"}, {ImGuiKey_X, "X"}, {ImGuiKey_Y, "Y"},
    {ImGuiKey_Z, "Z"},
    {ImGuiKey_0, "0"}, {ImGuiKey_1, "1"}, {ImGuiKey_2, "2"}, {ImGuiKey_3, "3"}, {ImGuiKey_4, "4"},
    {ImGuiKey_5, "5"}, {ImGuiKey_6, "6"}, {ImGuiKey_7, "7"}, {ImGuiKey_8, "8"}, {ImGuiKey_9, "9"},
    {ImGuiKey_Keypad0, "0"}, {ImGuiKey_Keypad1, "1"}, {ImGuiKey_Keypad2, "2"}, {ImGuiKey_Keypad3, "3"},
    {ImGuiKey_Keypad4, "4"}, {ImGuiKey_Keypad5, "5"}, {ImGuiKey_Keypad6, "6"}, {ImGuiKey_Keypad7, "7"},
    {ImGuiKey_Keypad8, "8"}, {ImGuiKey_Keypad9, "9"},
    {ImGuiKey_Delete, "Delete"}, {ImGuiKey_Backspace, "Backspace"}, {ImGuiKey_Escape, "Escape"},
    {ImGuiKey_Enter, "Enter"}, {ImGuiKey_KeypadEnter, "Enter"}, {ImGuiKey_F1, "F1"}, {ImGuiKey_F3, "F3"},
};

uint8_t current_mods()
{
    const ImGuiIO& io = ImGui::GetIO();
    return static_cast<uint8_t>((io.KeyCtrl ? interaction::ModCtrl : 0) | (io.KeyShift ? interaction::ModShift : 0) |
                                (io.KeyAlt ? interaction::ModAlt : 0));
}

bool ascii_alnum(unsigned c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Key chords pressed this frame: named keys, then typed characters that are not letters or
// digits ("?", "é": whatever the keyboard layout produced).
std::vector<Chord> chords_this_frame()
{
    std::vector<Chord> out;
    const uint8_t mods = current_mods();
    for (const NamedKey& k : kNamedKeys)
        if (ImGui::IsKeyPressed(k.key, false))
            out.push_back(Chord{k.name, mods});
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl && !io.KeyAlt)
        for (ImWchar c : io.InputQueueCharacters)
            if (c > ' ' && c != 0x7F && !ascii_alnum(c)) {
                std::string utf8;
                append_utf8(utf8, static_cast<char32_t>(c));
                out.push_back(Chord{utf8, 0});
            }
    return out;
}

// A schema hotkey pressed this frame (inside popups, where the view's key handling is off).
bool hotkey_pressed(const std::string& hotkey)
{
    if (hotkey.empty() || current_mods() != 0)
        return false;
    const Chord want = interaction::hotkey_chord(hotkey);
    for (const Chord& c : chords_this_frame())
        if (c == want)
            return true;
    return false;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] frame
//-----------------------------------------------------------------------------

void DocumentView::drawContent()
{
    const Project& p = app_.project();
    help_.draw(p.schema);
    const Document* doc = p.document(app_.selected_document());
    if (!doc) {
        ImGui::TextDisabled("No document selected. Open or import a text file (File menu, or drop it here).");
        doc_id_.clear();
        return;
    }
    if (doc->id != doc_id_)
        switch_document(*doc);
    sync_with_app(p, *doc);
    validate(p, *doc);
    resolve_layers(p);

    draw_header(p, *doc);
    if (layers_.mode == LayerMode::SideBySide) {
        // Read only: no search, selection, gestures or inspector; the columns take the rest.
        columns_.draw_legend(policy_.reason);
        columns_.draw(p, *doc, layers_);
        return;
    }
    const SearchView::Request req = search_.draw(p, doc->id, app_.history().revision());
    if (req.go)
        go_to_hit(req);
    if (req.close)
        focus_text_ = true;
    draw_status(p, *doc);

    // The text, in a child window that scrolls; the inspector box under it.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float inspector_h = ImGui::GetFrameHeightWithSpacing() * 3.0f + style.WindowPadding.y * 2.0f;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float text_h = std::max(ImGui::GetFontSize() * 4.0f, avail.y - inspector_h - style.ItemSpacing.y);
    ensure_layout(p, *doc, avail.x - style.ScrollbarSize);

    const float pad_y = std::round(geom_.font_size * 0.6f);
    if (reveal_ && reveal_->doc_id == doc->id) {
        const Span s = reveal_->span;
        const float y0 = layout_.y_of(s.start) + pad_y;
        const float y1 = layout_.y_of(s.end > s.start ? s.end - 1 : s.start) + geom_.line_height + pad_y;
        float scroll = next_scroll_ ? *next_scroll_ : scroll_y_;
        if (y0 < scroll + text_h * 0.1f || y1 > scroll + text_h * 0.9f)
            scroll = std::max(0.0f, std::floor(y0 - text_h * 0.35f));
        next_scroll_ = scroll;
        if (reveal_->select) {
            sel_.set(*doc->text, s);
            set_mention({});
        }
        reveal_.reset();
    }
    // Explicit content size: the scroll range is right in the very frame a document opens
    // (ImGui would otherwise clamp a restored scroll position to the previous content size).
    ImGui::SetNextWindowContentSize(ImVec2(0.0f, layout_.total_height() + 2.0f * pad_y));
    if (next_scroll_) {
        ImGui::SetNextWindowScroll(ImVec2(-1.0f, *next_scroll_));
        next_scroll_.reset();
    }
    if (focus_text_) {
        ImGui::SetNextWindowFocus();
        focus_text_ = false;
    }
    ImGui::BeginChild("text", ImVec2(0, text_h), ImGuiChildFlags_None,
                      ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoNavInputs);
    draw_text(p, *doc);
    ImGui::EndChild();

    draw_inspector(p, *doc);
    handle_keys(p, *doc);
    draw_popups(p, *doc);
}

void DocumentView::switch_document(const Document& doc)
{
    if (!doc_id_.empty())
        scroll_by_doc_[doc_id_] = scroll_y_;
    doc_id_ = doc.id;
    text_.reset(); // forces a layout build
    sel_.clear();
    evidence_sel_.clear();
    press_ = Press{};
    selected_mention_.clear();
    synced_app_mention_ = "\x01"; // re-read the App's selection for this document
    gesture_.cancel();
    link_.reset();
    labels_.clear();
    marks_key_.clear();
    validated_revision_ = ~uint64_t(0);
    auto it = scroll_by_doc_.find(doc.id);
    scroll_y_ = it != scroll_by_doc_.end() ? it->second : 0.0f;
    next_scroll_ = scroll_y_;
    focus_text_ = true; // a document just opened: its keys work at once
}

// After undo/redo or edits elsewhere, what the view points at may be gone.
void DocumentView::validate(const Project& p, const Document& doc)
{
    const uint64_t rev = app_.history().revision();
    if (rev == validated_revision_)
        return;
    validated_revision_ = rev;
    if (!selected_mention_.empty()) {
        const Mention* m = find(p, selected_mention_);
        if (!m || m->doc_id != doc.id)
            set_mention({});
    }
    if (gesture_.revalidate(p, doc.id))
        flash("Stance cancelled: its holder or target is gone");
    if (link_) {
        const Mention* m = find(p, link_->mention);
        if (!m || !m->entity_id.empty() || !p.entity(link_->entity))
            link_.reset();
    }
    const uint32_t size = static_cast<uint32_t>(doc.text->size());
    if (sel_.span().end > size)
        sel_.clear();
}

//-----------------------------------------------------------------------------
// [SECTION] layout cache
//-----------------------------------------------------------------------------

void DocumentView::ensure_layout(const Project& p, const Document& doc, float avail_width)
{
    const float fs = ImGui::GetFontSize();
    const size_t merged = merged_fonts().size();
    const bool rebuild = doc.text != text_ || fs != font_size_ || merged != fonts_merged_;
    const float margin = std::round(fs * 1.5f);

    // Keep the line at the top of the view at the top when the text re-wraps.
    const bool had_layout = text_ == doc.text && layout_.line_count() > 0;
    const float pad_y = std::round(geom_.font_size * 0.6f);
    const uint32_t anchor = had_layout ? layout_.line(layout_.line_at_y(std::max(0.0f, scroll_y_ - pad_y))).start : 0;

    if (rebuild) {
        geom_ = text_geometry(fs);
        ImFont* font = ImGui::GetFont();
        ImGuiFontMetrics metrics(font, geom_);
        // About 75 characters of ordinary French prose per line (the average advance of a
        // sentence of the corpus, spaces and punctuation included).
        static const char32_t kSample[] =
            U"Dans un essai publié récemment, Dario Amodei, PDG d’Anthropic, a pris position sur le débat "
            U"concernant le succès de l’entreprise chinoise d’IA et l’efficacité des réglementations. ";
        float w = 0;
        size_t n = 0;
        for (const char32_t* c = kSample; *c; ++c, ++n)
            w += metrics.advance(*c);
        const float measure = std::round(w / static_cast<float>(n) * 75.0f);
        wrap_ = std::floor(std::max(fs * 10.0f, std::min(avail_width - 2.0f * margin, measure)));
        avail_ = avail_width;
        layout_.build(doc.text, metrics, wrap_);
        MentionStyle st;
        const float k = fs / 17.0f;
        st.first_offset = std::max(1.0f, std::round(1.0f * k));
        st.band_step = std::max(3.0f, std::round(3.0f * k));
        st.max_bands = 4;
        st.reserved_bands = 1;
        mentions_.set_style(layout_, st);
        mentions_revision_ = ~uint64_t(0);
        text_ = doc.text;
        font_size_ = fs;
        fonts_merged_ = merged;
        // The measure in pixels is kept in wrap_ only when the window is wide enough; remember
        // the ideal for later resizes.
        measure_ = measure;
    } else if (avail_width != avail_) {
        avail_ = avail_width;
        const float wrap = std::floor(std::max(fs * 10.0f, std::min(avail_width - 2.0f * margin, measure_)));
        if (wrap != wrap_) {
            wrap_ = wrap;
            layout_.set_wrap_width(wrap_);
            mentions_.sync(layout_);
        }
    }
    const uint64_t rev = app_.history().revision();
    if (rev != mentions_revision_) {
        if (!(mentions_revision_ != ~uint64_t(0) && apply_pending_edit(p, doc, rev)))
            mentions_.set_mentions(layout_, column_mention_spans(p, doc.id, layers_, 0));
        pending_.reset();
        mentions_revision_ = rev;
        marks_key_.clear();
    }
    if (had_layout && (rebuild || layout_.version() != layout_version_) && scroll_y_ > 0.0f && !next_scroll_)
        next_scroll_ = layout_.y_of(anchor) + std::round(geom_.font_size * 0.6f);
    layout_version_ = layout_.version();

    // Span indices of the marked mentions, for outlines.
    std::string key = selected_mention_ + '|' + gesture_.holder() + '|' + gesture_.target().id + '|' + std::to_string(rev);
    if (key != marks_key_) {
        marks_key_ = std::move(key);
        selected_span_ = span_of(p, selected_mention_);
        holder_span_ = span_of(p, gesture_.holder());
        target_span_ = gesture_.target().kind == StanceRef::Kind::Mention ? span_of(p, gesture_.target().id) : SIZE_MAX;
    }
}

// Project::mention(id) scans every mention (~0.05-0.1 ms at 20,000): too slow to call several
// times per frame. Mentions are sorted by (document, start, end descending, id), so with the
// span known a binary search finds one; the view remembers the spans of the few mentions it
// looks up (selected, holder, target, the one just added), and scans only when a span is
// unknown or has changed.
const Mention* DocumentView::find(const Project& p, const std::string& id) const
{
    if (id.empty())
        return nullptr;
    for (const Hint& h : hints_) {
        if (h.id != id)
            continue;
        auto it = std::lower_bound(p.mentions.begin(), p.mentions.end(), h, [](const Mention& m, const Hint& k) {
            if (m.doc_id != k.doc) return m.doc_id < k.doc;
            if (m.start != k.span.start) return m.start < k.span.start;
            return m.end > k.span.end;
        });
        for (; it != p.mentions.end() && it->doc_id == h.doc && it->start == h.span.start && it->end == h.span.end; ++it)
            if (it->id == id)
                return &*it;
        break;
    }
    const Mention* m = p.mention(id);
    if (m)
        remember(*m);
    return m;
}

void DocumentView::remember(const Mention& m) const
{
    for (Hint& h : hints_)
        if (h.id == m.id) {
            h.doc = m.doc_id;
            h.span = Span{m.start, m.end};
            return;
        }
    hints_[next_hint_] = Hint{m.id, m.doc_id, Span{m.start, m.end}};
    next_hint_ = (next_hint_ + 1) % hints_.size();
}

// The edit this view just made, applied to the mention layout in place. False when anything
// else changed too (the caller then rebuilds from the project).
bool DocumentView::apply_pending_edit(const Project& p, const Document& doc, uint64_t revision)
{
    // The in-place update counts the document's mentions: only right when all layers are shown.
    if (!pending_ || pending_->revision != revision || layers_.mode != LayerMode::All)
        return false;
    const auto [lo, hi] = p.mention_range(doc.id);
    if (pending_->insert) {
        if (hi - lo != mentions_.size() + 1)
            return false;
        const Mention* m = find(p, pending_->id);
        if (!m || m->doc_id != doc.id)
            return false;
        const auto key = static_cast<uint32_t>(m - p.mentions.data());
        uint32_t type = UINT32_MAX;
        for (size_t t = 0; t < p.schema.entity_types.size(); ++t)
            if (p.schema.entity_types[t].id == m->type)
                type = static_cast<uint32_t>(t);
        mentions_.shift_keys(key, +1);
        mentions_.insert(layout_, MentionSpan{m->start, m->end, type, key});
        return true;
    }
    if (hi - lo + 1 != mentions_.size() || pending_->span >= mentions_.size() ||
        mentions_.spans()[pending_->span].key != pending_->key)
        return false;
    mentions_.erase(layout_, pending_->span);
    mentions_.shift_keys(pending_->key + 1, -1);
    return true;
}

size_t DocumentView::span_of(const Project& p, const std::string& mention_id) const
{
    if (mention_id.empty())
        return SIZE_MAX;
    const Mention* m = find(p, mention_id);
    if (!m || m->doc_id != doc_id_)
        return SIZE_MAX;
    const auto key = static_cast<uint32_t>(m - p.mentions.data());
    return mentions_.index_of_key(key).value_or(SIZE_MAX);
}

const Mention* DocumentView::mention_of_span(const Project& p, size_t span) const
{
    if (span >= mentions_.size())
        return nullptr;
    const uint32_t key = mentions_.spans()[span].key;
    return key < p.mentions.size() ? &p.mentions[key] : nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] header and status line
//-----------------------------------------------------------------------------

void DocumentView::draw_header(const Project& p, const Document& doc)
{
    ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.3f);
    ImGui::TextUnformatted(doc.name.empty() ? doc.id.c_str() : doc.name.c_str());
    ImGui::PopFont();
    const auto [lo, hi] = p.mention_range(doc.id);
    size_t stances = 0;
    for (const Stance& s : p.stances)
        stances += s.doc_id == doc.id;
    ImGui::TextDisabled("%s · %zu characters · %zu mentions · %zu stances · %s", doc.id.c_str(), doc.text->size(),
                        hi - lo, stances, to_string(doc.status));
    if (!search_.is_open()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Search (Ctrl+F)"))
            search_.open();
        ImGui::SameLine();
        if (ImGui::SmallButton("Keys (F1)"))
            help_.open();
    }
    draw_layer_picker(p);
}

// Settings::layers made valid for the project, recomputed only when the wish, the project or
// the annotator changes (All costs nothing; the others list the project's layers).
void DocumentView::resolve_layers(const Project& p)
{
    const LayerSelection& wanted = app_.settings().layers;
    const uint64_t key = app_.history().revision() + app_.generation();
    if (key == layers_key_ && wanted == layers_wanted_ && p.annotator == layers_annotator_)
        return;
    const LayerSelection resolved = resolve_layer_selection(p, wanted);
    if (!(resolved == layers_)) {
        mentions_revision_ = ~uint64_t(0); // the spans shown change
        if (!selected_mention_.empty())
            if (const Mention* m = find(p, selected_mention_); !m || !column_shows(resolved, 0, m->annotator))
                if (resolved.mode == LayerMode::One)
                    set_mention({});
        gesture_.cancel();
        link_.reset();
    }
    layers_ = resolved;
    layers_wanted_ = wanted;
    layers_key_ = key;
    layers_annotator_ = p.annotator;
    policy_ = postil::edit_policy(layers_, p.annotator);
}

// Layers: [All layers | One layer | Side by side] then the layer(s). Changes go to Settings
// (saved with the other view settings by the App).
void DocumentView::draw_layer_picker(const Project& p)
{
    LayerSelection& want = app_.settings().layers;
    // Listing the layers walks every record (~0.4 ms at 20k mentions): only while a combo is open.
    std::vector<std::string> listed;
    bool have_list = false;
    auto layers_now = [&]() -> const std::vector<std::string>& {
        if (!have_list)
            listed = selectable_layers(p);
        have_list = true;
        return listed;
    };
    const float w = ImGui::GetFontSize();
    static const char* kModes[] = {"All layers", "One layer", "Side by side"};
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Layers");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w * 8.0f);
    const int mode = static_cast<int>(layers_.mode);
    if (ImGui::BeginCombo("##layer-mode", kModes[mode])) {
        const std::vector<std::string>& layers = layers_now();
        for (int i = 0; i < 3; ++i) {
            const bool possible = i == 0 || (i == 1 && !layers.empty()) || (i == 2 && layers.size() >= 2);
            ImGui::BeginDisabled(!possible);
            if (ImGui::Selectable(kModes[i], i == mode)) {
                // Keep what was picked before; the core fills what is missing (one layer: your
                // own first).
                LayerSelection next = want;
                next.mode = static_cast<LayerMode>(i);
                if (next.mode == LayerMode::One && std::find(layers.begin(), layers.end(), next.a) == layers.end())
                    next.a = std::find(layers.begin(), layers.end(), p.annotator) != layers.end() ? p.annotator : layers.front();
                if (next.mode == LayerMode::All)
                    want.mode = LayerMode::All; // the names stay for the next time
                else
                    want = resolve_layer_selection(p, next);
            }
            ImGui::EndDisabled();
            note_item(std::string("layers:mode:") + to_string(static_cast<LayerMode>(i)));
        }
        ImGui::EndCombo();
    }
    note_item("layers:mode");
    for (int side = 0; side < 2 && layers_.mode != LayerMode::All; ++side) {
        if (side == 1 && layers_.mode != LayerMode::SideBySide)
            break;
        const std::string& current = side == 0 ? layers_.a : layers_.b;
        ImGui::SameLine();
        ImGui::SetNextItemWidth(w * 7.0f);
        const std::string id = side == 0 ? "##layer-a" : "##layer-b";
        if (ImGui::BeginCombo(id.c_str(), current.c_str())) {
            for (const std::string& name : layers_now()) {
                const bool other = layers_.mode == LayerMode::SideBySide && name == (side == 0 ? layers_.b : layers_.a);
                const std::string label = name + (name == p.annotator ? "  (you)" : "") + (other ? "  (other column)" : "");
                if (ImGui::Selectable(label.c_str(), name == current)) {
                    LayerSelection next = layers_;
                    (side == 0 ? next.a : next.b) = name;
                    if (other) // picking the other column's layer swaps the columns
                        (side == 0 ? next.b : next.a) = current;
                    want = resolve_layer_selection(p, next);
                }
                note_item((side == 0 ? "layers:a:" : "layers:b:") + name);
            }
            ImGui::EndCombo();
        }
        note_item(side == 0 ? "layers:a" : "layers:b");
    }
    if (!policy_.allowed && layers_.mode == LayerMode::One) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.98f, 0.76f, 0.25f, 1.0f), "read only");
        ImGui::SetItemTooltip("%s", policy_.reason.c_str());
    }
}

bool DocumentView::may_edit()
{
    if (policy_.allowed)
        return true;
    flash(policy_.reason);
    return false;
}

void DocumentView::flash(std::string message)
{
    flash_ = std::move(message);
    flash_until_ = ImGui::GetTime() + 4.0;
}

void DocumentView::draw_status(const Project& p, const Document& doc)
{
    // Always one line tall, so the text never jumps when a hint appears.
    const ImVec4 accent(0.98f, 0.76f, 0.25f, 1.0f);
    ImGui::AlignTextToFramePadding();
    if (gesture_.active()) {
        ImGui::TextColored(accent, "%s", gesture_.hint(p).c_str());
        return;
    }
    if (link_) {
        const Entity* e = p.entity(link_->entity);
        const Mention* m = find(p, link_->mention);
        ImGui::TextColored(accent, "Link %s to entity “%s”?", m ? quote(*doc.text, m->start, m->end).c_str() : "?",
                           e ? e->name.c_str() : "?");
        ImGui::SameLine();
        if (ImGui::SmallButton("Link (Enter)"))
            run({Command::ConfirmLink, {}}, p, doc);
        ImGui::SameLine();
        if (ImGui::SmallButton("No (Esc)"))
            run({Command::DismissLink, {}}, p, doc);
        return;
    }
    if (!flash_.empty() && ImGui::GetTime() < flash_until_) {
        ImGui::TextUnformatted(flash_.c_str());
        return;
    }
    const Span s = sel_.span();
    if (s.start < s.end) {
        ImGui::Text("%s selected · type key (1–8) or E to mark it · Ctrl+C copies · Alt+drag selects exact characters",
                    quote(*doc.text, s.start, s.end).c_str());
    } else if (!policy_.allowed) {
        ImGui::TextDisabled("%s", policy_.reason.c_str());
    } else if (!selected_mention_.empty()) {
        ImGui::TextDisabled("Mention selected · S: stance from it · L: change type · N: note · Delete: remove");
    } else {
        ImGui::TextDisabled("Drag over words to select them (Alt: exact characters) · click a mention to select it · F1: all keys");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] text: drawing
//-----------------------------------------------------------------------------

void DocumentView::draw_text(const Project& p, const Document& doc)
{
    const ImVec2 start = ImGui::GetCursorScreenPos(); // content top-left, scroll applied
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const float pad_y = std::round(geom_.font_size * 0.6f);
    const ImVec2 origin(std::floor(start.x + std::max(0.0f, (avail_w - wrap_) * 0.5f)), std::floor(start.y + pad_y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = dl->GetClipRectMin(), clip_max = dl->GetClipRectMax();

    // One input item over the visible part of the text (the scroll range comes from the
    // explicit content size, so the item does not need to span the whole document).
    ImGui::SetCursorScreenPos(ImVec2(start.x, clip_min.y));
    ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);
    ImGui::InvisibleButton("##text", ImVec2(std::max(1.0f, avail_w), std::max(1.0f, clip_max.y - clip_min.y)),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    ImGui::PopItemFlag();

    origin_x_ = origin.x;
    origin_y_ = origin.y;
    scroll_y_ = ImGui::GetScrollY();
    view_h_ = clip_max.y - clip_min.y;
    draw_lines(p, doc, origin, clip_min.y - origin.y, clip_max.y - origin.y);
    draw_stance_arcs(p, doc, origin);
    handle_mouse(p, doc, origin);
}

// The stances of the selected mention (and the one being made) as arcs from the holder's label
// to the target's, in the polarity's colour, with the polarity written at the top of the arc.
// Stances toward a schema target or an entity have no place in the text: the inspector lists them.
void DocumentView::draw_stance_arcs(const Project& p, const Document& doc, ImVec2 origin)
{
    const bool gesture_arc = gesture_.step() == GestureStep::PickPolarity && gesture_.target().kind == StanceRef::Kind::Mention;
    if (selected_mention_.empty() && !gesture_arc)
        return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    auto anchor = [&](const std::string& mention_id, ImVec2& out) {
        const Mention* m = find(p, mention_id);
        if (!m || m->doc_id != doc.id)
            return false;
        const std::vector<LayoutRect> r = layout_.rects_for(m->start, m->start + 1);
        if (r.empty())
            return false;
        out = ImVec2(origin.x + r[0].x0 + 6.0f, origin.y + r[0].y0 + 1.0f);
        return true;
    };
    auto arc = [&](ImVec2 a, ImVec2 b, ImU32 col, const char* label) {
        const float lift = std::max(geom_.font_size * 1.6f, std::fabs(b.x - a.x) * 0.15f);
        const float top = std::min(a.y, b.y) - lift;
        dl->AddBezierCubic(a, ImVec2(a.x, top), ImVec2(b.x, top), b, col, 1.5f);
        dl->AddTriangleFilled(ImVec2(b.x - 4.0f, b.y - 6.0f), ImVec2(b.x + 4.0f, b.y - 6.0f), b, col);
        if (label) {
            const ImVec2 mid((a.x + b.x) * 0.5f, top + (std::min(a.y, b.y) - top) * 0.25f);
            const ImVec2 size = font->CalcTextSizeA(geom_.label_size, FLT_MAX, 0.0f, label);
            const ImVec2 p0(mid.x - size.x * 0.5f - 3.0f, mid.y - size.y * 0.5f - 1.0f);
            dl->AddRectFilled(p0, ImVec2(p0.x + size.x + 6.0f, p0.y + size.y + 2.0f), ImGui::GetColorU32(ImGuiCol_ChildBg), 3.0f);
            dl->AddRect(p0, ImVec2(p0.x + size.x + 6.0f, p0.y + size.y + 2.0f), col, 3.0f);
            dl->AddText(font, geom_.label_size, ImVec2(p0.x + 3.0f, p0.y + 1.0f), col, label);
        }
    };
    ImVec2 a, b;
    if (!selected_mention_.empty() && !gesture_.active()) {
        for (const Stance& s : p.stances) {
            if (s.doc_id != doc.id || s.holder.kind != StanceRef::Kind::Mention || s.target.kind != StanceRef::Kind::Mention)
                continue;
            if (s.holder.id != selected_mention_ && s.target.id != selected_mention_)
                continue;
            if (!anchor(s.holder.id, a) || !anchor(s.target.id, b))
                continue;
            const Polarity* pol = p.schema.polarity(s.polarity);
            arc(a, b, rgb_alpha(pol ? pol->color : kUnknownTypeColor, 1.0f), s.polarity.c_str());
        }
    }
    if (gesture_arc && anchor(gesture_.holder(), a) && anchor(gesture_.target().id, b))
        arc(a, b, IM_COL32(250, 190, 40, 255), "?");
}

void DocumentView::draw_lines(const Project& p, const Document& doc, ImVec2 origin, float y0, float y1)
{
    labels_.clear();
    const LineRange lines = layout_.lines_in(y0, y1);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool dark = app_.theme() == Theme::Dark;
    const MentionPainter painter(geom_, layout_, mentions_, p.schema.entity_types, origin, dark);
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 sel_bg = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
    const ImU32 hit_bg = dark ? IM_COL32(250, 200, 60, 70) : IM_COL32(255, 205, 0, 110);
    const ImU32 hit_cur = dark ? IM_COL32(250, 170, 30, 170) : IM_COL32(255, 150, 0, 170);
    const ImU32 evidence_bg = dark ? IM_COL32(180, 120, 255, 60) : IM_COL32(140, 80, 230, 45);
    const ImU32 evidence_line = dark ? IM_COL32(190, 140, 255, 255) : IM_COL32(120, 60, 210, 255);
    const ImU32 holder_col = IM_COL32(250, 190, 40, 255);
    const ImU32 target_col = dark ? IM_COL32(90, 200, 255, 255) : IM_COL32(0, 120, 210, 255);
    const float thick = painter.band_thickness();

    const std::vector<Span>& hits = search_.hits_in_document(doc.id);
    const int cur_hit = search_.current_in_document(doc.id);
    const Span sel = sel_.span();
    std::optional<Span> evidence = gesture_.evidence();
    if (press_.active && press_.evidence && press_.dragged)
        evidence = evidence_sel_.span();

    // Which mention the pointer designates while the stance waits for a target.
    std::optional<size_t> hover_target;
    if (gesture_.step() == GestureStep::PickTarget && ImGui::IsItemHovered() && !press_.dragged) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        hover_target = mention_at(ImVec2(m.x - origin.x, m.y - origin.y));
        if (hover_target)
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    // The outline that marks a mention's role (holder, target, selected, hovered target), if any.
    auto role = [&](size_t span, ImU32& col, float& width) {
        if (gesture_.active() && span == holder_span_)
            col = holder_col, width = 2.0f;
        else if (gesture_.active() && span == target_span_)
            col = target_col, width = 2.0f;
        else if (span == selected_span_)
            col = ink, width = 1.5f;
        else if (hover_target && span == *hover_target && span != holder_span_)
            col = target_col, width = 1.0f;
        else
            return false;
        return true;
    };

    painter.for_each_line(lines, segs_, xs_, [&](const PaintedLine& pl) {
        const LayoutLine& L = *pl.line;
        const float gy0 = pl.glyph_top, gy1 = pl.glyph_bottom;
        auto fill_span = [&](Span s, ImU32 col) {
            if (s.start >= L.end || s.end <= L.start || s.start >= s.end)
                return false;
            const float xa = pl.x_of(std::max(s.start, L.start)), xb = pl.x_of(std::min(s.end, L.end));
            if (xb > xa)
                dl->AddRectFilled(ImVec2(xa, gy0), ImVec2(xb, gy1), col);
            return xb > xa;
        };

        // 1. search hits (binary search: hits are sorted and do not overlap)
        if (!hits.empty()) {
            auto it = std::upper_bound(hits.begin(), hits.end(), L.start, [](uint32_t v, const Span& s) { return v < s.end; });
            for (; it != hits.end() && it->start < L.end; ++it)
                fill_span(*it, static_cast<int>(it - hits.begin()) == cur_hit ? hit_cur : hit_bg);
        }
        // 2. mention backgrounds
        painter.draw_backgrounds(dl, pl, segs_);
        // 3. evidence and selection
        if (evidence && fill_span(*evidence, evidence_bg)) {
            const float xa = pl.x_of(std::max(evidence->start, L.start)), xb = pl.x_of(std::min(evidence->end, L.end));
            for (float x = xa; x < xb; x += 4.0f)
                dl->AddRectFilled(ImVec2(x, gy1 - 1.0f), ImVec2(std::min(x + 2.0f, xb), gy1), evidence_line);
        }
        fill_span(sel, sel_bg);
        // 4. glyphs, 5. underlines and role outlines
        painter.draw_glyphs(dl, pl);
        painter.draw_bands(dl, pl, segs_);
        for (size_t k = pl.seg_begin; k < pl.seg_end; ++k) {
            const MentionSegment& sg = segs_[k];
            ImU32 col;
            float width;
            if (role(sg.mention, col, width)) {
                const float yb = origin.y + sg.y + thick + 1.0f;
                dl->AddRect(ImVec2(painter.band_x0(sg) - 1.5f, gy0 - 1.0f), ImVec2(painter.band_x1(sg) + 1.5f, std::max(yb, gy1 + 1.0f)),
                            col, 3.0f, 0, width);
            }
        }
        // 6. type labels, the holder's / target's / selected one outlined
        const size_t first_label = labels_.size();
        painter.draw_type_labels(dl, pl, segs_, labels_);
        for (size_t i = first_label; i < labels_.size(); ++i) {
            const PaintedLabel& b = labels_[i];
            ImU32 col;
            float width;
            if (role(b.span, col, width) && width > 1.0f) // the hovered target's label stays plain
                dl->AddRect(ImVec2(origin.x + b.x0 - 1.0f, origin.y + b.y0 - 1.0f), ImVec2(origin.x + b.x1 + 1.0f, origin.y + b.y1 + 1.0f),
                            col, 3.0f, 0, 1.5f);
        }
    });
}

//-----------------------------------------------------------------------------
// [SECTION] text: mouse
//-----------------------------------------------------------------------------

std::optional<size_t> DocumentView::mention_at(ImVec2 pos) const
{
    // Labels first: a label sits above the text and is the easy target for nested mentions.
    for (auto it = labels_.rbegin(); it != labels_.rend(); ++it)
        if (pos.x >= it->x0 && pos.x < it->x1 && pos.y >= it->y0 && pos.y < it->y1)
            return it->span;
    if (pos.y < 0.0f || pos.y >= layout_.total_height())
        return std::nullopt;
    return mentions_.hit_test(layout_, pos.x, pos.y);
}

void DocumentView::handle_mouse(const Project& p, const Document& doc, ImVec2 origin)
{
    ImGuiIO& io = ImGui::GetIO();
    const Text& text = *doc.text;
    const ImVec2 m(io.MousePos.x - origin.x, io.MousePos.y - origin.y);
    auto cp_at = [&]() { return static_cast<uint32_t>(layout_.hit_test(m.x, m.y)); };
    const SnapMode mode = io.KeyAlt ? SnapMode::Exact : SnapMode::Words;
    const bool hovered = ImGui::IsItemHovered();
    if (hovered && !gesture_.active())
        ImGui::SetMouseCursor(mention_at(m) ? ImGuiMouseCursor_Hand : ImGuiMouseCursor_TextInput);

    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
        if (io.MouseClickedCount[0] >= 2) {
            // Double-click: the word (the first click already did its own thing).
            press_ = Press{};
            sel_.select_word(text, cp_at());
            if (!sel_.empty() && !gesture_.active())
                set_mention({});
        } else {
            press_ = Press{};
            press_.active = true;
            press_.evidence = io.KeyShift && gesture_.active();
            press_.span = mention_at(m);
            if (press_.evidence)
                evidence_sel_.begin(text, cp_at(), mode);
            else
                sel_.begin(text, cp_at(), mode);
        }
    }

    if (press_.active) {
        if (!press_.dragged && ImGui::IsMouseDragging(ImGuiMouseButton_Left))
            press_.dragged = true;
        if (press_.dragged) {
            (press_.evidence ? evidence_sel_ : sel_).update(text, cp_at(), mode);
            // Scroll while the pointer is above or below the text.
            const ImVec2 cmin = ImGui::GetWindowDrawList()->GetClipRectMin();
            const ImVec2 cmax = ImGui::GetWindowDrawList()->GetClipRectMax();
            if (io.MousePos.y < cmin.y)
                ImGui::SetScrollY(ImGui::GetScrollY() - std::min(60.0f, (cmin.y - io.MousePos.y) * 0.5f + 2.0f));
            else if (io.MousePos.y > cmax.y)
                ImGui::SetScrollY(ImGui::GetScrollY() + std::min(60.0f, (io.MousePos.y - cmax.y) * 0.5f + 2.0f));
        }
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            const Press done = press_;
            press_ = Press{};
            if (done.evidence) {
                evidence_sel_.end();
                if (done.dragged)
                    gesture_.set_evidence(evidence_sel_.span());
                evidence_sel_.clear();
            } else if (!done.dragged) {
                // A click: select the mention under the pointer, or take it as the target.
                sel_.clear();
                const Mention* hit = done.span ? mention_of_span(p, *done.span) : nullptr;
                if (hit && gesture_.step() == GestureStep::PickTarget) {
                    if (!gesture_.pick_target(StanceRef{StanceRef::Kind::Mention, hit->id}))
                        flash("That is the stance's holder: click another mention for its target");
                } else if (hit) {
                    select_mention(hit->id);
                } else if (!gesture_.active()) {
                    set_mention({});
                }
            } else {
                sel_.end();
                if (!sel_.empty() && !gesture_.active())
                    set_mention({});
            }
        }
    }

    if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) {
        if (sel_.empty())
            if (auto s = mention_at(m))
                if (const Mention* hit = mention_of_span(p, *s))
                    select_mention(hit->id);
        if ((!sel_.empty() || !selected_mention_.empty()) && may_edit()) {
            open_palette_ = true;
            palette_relabel_ = sel_.empty();
        }
    }
}

void DocumentView::select_mention(const std::string& id)
{
    set_mention(id);
    sel_.clear();
}

// The selected mention is the App's (the side panels show and set it too); the view keeps a
// copy, valid for the document shown.
void DocumentView::set_mention(const std::string& id)
{
    selected_mention_ = id;
    synced_app_mention_ = id;
    app_.select_mention(id);
}

void DocumentView::sync_with_app(const Project& p, const Document& doc)
{
    App::ScrollRequest r;
    if (app_.take_scroll_request(r) && r.doc_id == doc.id)
        reveal(r.doc_id, Span{r.cp, r.cp});
    if (app_.selected_mention() == synced_app_mention_)
        return;
    synced_app_mention_ = app_.selected_mention();
    const Mention* m = synced_app_mention_.empty() ? nullptr : find(p, synced_app_mention_);
    selected_mention_ = m && m->doc_id == doc.id ? synced_app_mention_ : std::string();
    if (!selected_mention_.empty())
        sel_.clear();
}

//-----------------------------------------------------------------------------
// [SECTION] inspector (selected mention)
//-----------------------------------------------------------------------------

void DocumentView::draw_inspector(const Project& p, const Document& doc)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float h = ImGui::GetFrameHeightWithSpacing() * 3.0f + style.WindowPadding.y * 2.0f - style.ItemSpacing.y;
    ImGui::BeginChild("inspector", ImVec2(0, h), ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoScrollbar);
    const Mention* m = selected_mention_.empty() ? nullptr : find(p, selected_mention_);
    if (!m) {
        ImGui::TextDisabled("No mention selected.");
        ImGui::TextDisabled("Select text and press a type key (1–8) or E, or click a mention to see it here.");
        ImGui::TextDisabled("Ctrl+Z undoes any edit; F1 lists every key.");
        ImGui::EndChild();
        note_for_.clear();
        return;
    }
    // Another annotator's layer: shown, not editable (layer_display.h edit_policy).
    ImGui::BeginDisabled(!policy_.allowed);
    draw_inspector_body(p, doc, m);
    ImGui::EndDisabled();
    ImGui::EndChild();
}

void DocumentView::draw_inspector_body(const Project& p, const Document& doc, const Mention* m)
{
    Editor ed{app_.project(), app_.history()};
    const EntityType* type = p.schema.entity_type(m->type);
    const uint32_t rgb = type ? type->color : kUnknownTypeColor;

    // Row 1: type, text, entity.
    ImGui::PushStyleColor(ImGuiCol_Button, rgb_alpha(rgb, 0.85f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgb_alpha(rgb, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ink_on(rgb));
    if (ImGui::Button((m->type + "###type").c_str())) {
        open_palette_ = true;
        palette_relabel_ = true;
    }
    ImGui::PopStyleColor(3);
    ImGui::SetItemTooltip("Change the type (L)");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(quote(*doc.text, m->start, m->end).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s · %u–%u", m->id.c_str(), m->start, m->end);
    ImGui::SameLine();
    if (const Entity* e = m->entity_id.empty() ? nullptr : p.entity(m->entity_id)) {
        ImGui::Text("· entity %s", e->name.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Unlink"))
            ed.link_mention(m->id, "");
    } else {
        ImGui::TextDisabled("· no entity");
        ImGui::SameLine();
        if (ImGui::SmallButton("New entity"))
            ed.create_entity(m->id);
    }
    m = find(p, selected_mention_); // the buttons above may have replaced the record
    if (!m) {
        return;
    }

    // Row 2: note. Committed when the field is left after an edit (Enter, click elsewhere).
    if (note_for_ != m->id || (!ImGui::IsAnyItemActive() && m->note != note_buf_)) {
        note_for_ = m->id;
        std::snprintf(note_buf_, sizeof(note_buf_), "%s", m->note.c_str());
    }
    if (focus_note_) {
        ImGui::SetKeyboardFocusHere();
        focus_note_ = false;
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##note", "Note (N to edit, Enter to keep, Esc to revert)", note_buf_, sizeof(note_buf_));
    if (ImGui::IsItemDeactivatedAfterEdit())
        ed.set_mention_note(m->id, note_buf_);
    m = find(p, selected_mention_);
    if (!m) {
        return;
    }

    // Row 3: stances, actions.
    if (ImGui::SmallButton("Stance… (S)"))
        run({Command::StartStance, {}}, p, doc);
    ImGui::SameLine();
    if (ImGui::SmallButton("Delete (Del)")) {
        run({Command::DeleteMention, {}}, p, doc);
        return;
    }
    int shown = 0;
    std::string remove;
    for (const Stance& s : p.stances) {
        const bool holds = s.holder.kind == StanceRef::Kind::Mention && s.holder.id == m->id;
        const bool targeted = s.target.kind == StanceRef::Kind::Mention && s.target.id == m->id;
        if (!holds && !targeted)
            continue;
        if (shown++ >= 3) {
            ImGui::SameLine();
            ImGui::TextDisabled("…");
            break;
        }
        ImGui::SameLine();
        const Polarity* pol = p.schema.polarity(s.polarity);
        const std::string other = interaction::describe_ref(p, holds ? s.target : s.holder);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rgb_alpha(pol ? pol->color : kUnknownTypeColor, 1.0f)), "%s%s %s%s",
                           holds ? "" : "“", holds ? s.polarity.c_str() : other.c_str(), holds ? "→ " : "” ",
                           holds ? ("“" + other + "”").c_str() : s.polarity.c_str());
        ImGui::SameLine(0, 2);
        ImGui::PushID(s.id.c_str());
        if (ImGui::SmallButton("×"))
            remove = s.id;
        ImGui::SetItemTooltip("Delete this stance");
        ImGui::PopID();
    }
    if (!remove.empty())
        ed.remove_stance(remove);
}

//-----------------------------------------------------------------------------
// [SECTION] keyboard and commands
//-----------------------------------------------------------------------------

void DocumentView::handle_keys(const Project& p, const Document& doc)
{
    // Keys belong to the view when it (or its text) has the focus, no text field is being
    // typed in, and no popup or menu is open.
    if (!ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) || ImGui::GetIO().WantTextInput ||
        ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel))
        return;
    // Own Escape while the view has the keys: ImGui's keyboard navigation would otherwise take
    // it as "leave this child window" and the view would lose the focus (and its keys).
    ImGui::SetKeyOwner(ImGuiKey_Escape, ImGui::GetID("##view-keys"));
    interaction::KeyContext ctx;
    ctx.text_selected = !sel_.empty();
    ctx.mention_selected = !selected_mention_.empty();
    ctx.gesture = gesture_.step();
    ctx.link_prompt = link_.has_value();
    for (const Chord& c : chords_this_frame()) {
        const interaction::Action a = interaction::resolve(p.schema, c, ctx);
        if (a.command != Command::None) {
            run(a, p, doc);
            break; // one command per frame: the context may have changed
        }
    }
}

void DocumentView::run(const interaction::Action& a, const Project& p, const Document& doc)
{
    switch (a.command) {
    case Command::DeleteMention:
    case Command::ChangeLabel:
    case Command::Palette:
    case Command::EditNote:
    case Command::StartStance:
    case Command::TargetList:
    case Command::ChoosePolarity:
    case Command::AddMention:
    case Command::SetMentionType:
    case Command::ConfirmLink:
        if (!may_edit())
            return;
        break;
    default: break;
    }
    Editor ed{app_.project(), app_.history()};
    switch (a.command) {
    case Command::Copy: {
        const Mention* m = find(p, selected_mention_);
        const std::string text = interaction::copy_text(*doc.text, sel_.span(), m ? Span{m->start, m->end} : Span{});
        if (!text.empty()) {
            ImGui::SetClipboardText(text.c_str()); // desktop: glfwSetClipboardString; web: navigator.clipboard
            flash("Copied");
        }
        break;
    }
    case Command::Find: search_.open(); break;
    case Command::FindNext:
    case Command::FindPrevious:
        if (!search_.is_open() || search_.query().empty())
            search_.open();
        else
            go_to_hit(search_.step(doc.id, a.command == Command::FindNext ? +1 : -1));
        break;
    case Command::Help: help_.toggle(); break;
    case Command::ClearSelection:
        sel_.clear();
        set_mention({});
        break;
    case Command::DeleteMention: {
        PendingEdit pe;
        pe.insert = false;
        pe.id = selected_mention_;
        pe.span = span_of(p, selected_mention_);
        if (const Mention* m = find(p, selected_mention_))
            pe.key = static_cast<uint32_t>(m - p.mentions.data());
        if (ed.remove_mention(selected_mention_)) {
            pe.revision = app_.history().revision();
            pending_ = pe;
            flash("Mention deleted (Ctrl+Z brings it back)");
        }
        set_mention({});
        break;
    }
    case Command::ChangeLabel:
        open_palette_ = true;
        palette_relabel_ = true;
        break;
    case Command::Palette:
        open_palette_ = true;
        palette_relabel_ = sel_.empty();
        break;
    case Command::EditNote: focus_note_ = true; break;
    case Command::StartStance:
        if (gesture_.start(doc.id, selected_mention_))
            sel_.clear();
        break;
    case Command::TargetList:
        open_targets_ = true;
        target_filter_[0] = '\0';
        break;
    case Command::CancelGesture:
        gesture_.cancel();
        flash("Stance cancelled");
        break;
    case Command::ChoosePolarity:
        if (auto r = gesture_.choose_polarity(p.schema, a.arg)) {
            const std::string id = ed.add_stance(r->doc_id, r->holder, r->target, r->polarity, r->evidence);
            if (id.empty())
                flash("This stance cannot be recorded (holder or target invalid)");
            else
                flash("Stance " + interaction::describe_ref(p, r->holder) + " " + r->polarity + " " +
                      interaction::describe_ref(p, r->target) + " recorded (Ctrl+Z undoes it)");
        }
        break;
    case Command::AddMention: add_mention(doc, a.arg); break;
    case Command::SetMentionType: ed.set_mention_type(selected_mention_, a.arg); break;
    case Command::ConfirmLink:
        if (link_)
            ed.link_mention(link_->mention, link_->entity);
        link_.reset();
        break;
    case Command::DismissLink: link_.reset(); break;
    case Command::None:
    case Command::OpenFile:
    case Command::Save:
    case Command::Export:
    case Command::Undo:
    case Command::Redo:
    case Command::CloseSearch:
    case Command::Mouse:
        break;
    }
}

void DocumentView::add_mention(const Document& doc, const std::string& type)
{
    const Span s = sel_.span();
    if (s.start >= s.end)
        return;
    Editor ed{app_.project(), app_.history()};
    const std::string id = ed.add_mention(doc.id, s.start, s.end, type);
    if (id.empty())
        return;
    Mention seed;
    seed.id = id;
    seed.doc_id = doc.id;
    seed.start = s.start;
    seed.end = s.end;
    remember(seed); // its span is the selection's: no scan to find it
    PendingEdit pe;
    pe.id = id;
    pe.revision = app_.history().revision();
    pending_ = pe;
    sel_.clear();
    set_mention(id);
    link_.reset();
    // No entity yet, nothing to suggest: skip suggest_entity's scan of every mention.
    const std::string entity = app_.project().entities.empty() ? std::string() : ed.suggest_entity(id);
    if (!entity.empty())
        link_ = LinkPrompt{id, entity};
}

void DocumentView::go_to_hit(const SearchView::Request& req)
{
    if (req.go)
        reveal(req.hit.doc_id, req.hit.span, true);
}

//-----------------------------------------------------------------------------
// [SECTION] popups: type palette, stance targets
//-----------------------------------------------------------------------------

void DocumentView::draw_popups(const Project& p, const Document& doc)
{
    if (open_palette_) {
        ImGui::OpenPopup("palette");
        open_palette_ = false;
    }
    if (ImGui::BeginPopup("palette")) {
        const Mention* m = find(p, selected_mention_);
        const Span s = sel_.span();
        const bool relabel = palette_relabel_ || s.start >= s.end;
        if (relabel && !m) {
            ImGui::CloseCurrentPopup();
        } else {
            ImGui::TextDisabled("%s", relabel ? ("Change the type of " + quote(*doc.text, m->start, m->end)).c_str()
                                              : ("Mark " + quote(*doc.text, s.start, s.end) + " as").c_str());
            ImGui::Separator();
            std::string chosen;
            for (const EntityType& t : p.schema.entity_types) {
                ImGui::PushID(t.id.c_str());
                const ImVec2 pos = ImGui::GetCursorScreenPos();
                const float sw = ImGui::GetTextLineHeight();
                ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + sw, pos.y + sw), rgb_alpha(t.color, 1.0f), 3.0f);
                ImGui::Dummy(ImVec2(sw, sw));
                ImGui::SameLine();
                const std::string label = t.id + (t.name.empty() || t.name == t.id ? "" : "  " + t.name);
                if (ImGui::Selectable(label.c_str(), relabel && m && m->type == t.id, 0, ImVec2(ImGui::GetFontSize() * 14.0f, 0)))
                    chosen = t.id;
                if (!t.hotkey.empty()) {
                    ImGui::SameLine();
                    ImGui::TextDisabled("%s", interaction::hotkey_chord(t.hotkey).key.c_str());
                }
                if (hotkey_pressed(t.hotkey))
                    chosen = t.id;
                ImGui::PopID();
            }
            if (!chosen.empty()) {
                if (relabel)
                    Editor{app_.project(), app_.history()}.set_mention_type(selected_mention_, chosen);
                else
                    add_mention(doc, chosen);
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    }

    if (open_targets_) {
        ImGui::OpenPopup("targets");
        open_targets_ = false;
    }
    if (ImGui::BeginPopup("targets")) {
        if (gesture_.step() != GestureStep::PickTarget) {
            ImGui::CloseCurrentPopup();
        } else {
            ImGui::TextDisabled("Stance target (type to filter, Esc to go back)");
            if (ImGui::IsWindowAppearing())
                ImGui::SetKeyboardFocusHere();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
            const bool enter = ImGui::InputTextWithHint("##filter", "Filter, Enter takes the first", target_filter_,
                                                         sizeof(target_filter_), ImGuiInputTextFlags_EnterReturnsTrue);
            StanceRef first; // Enter in the filter picks the first item listed
            const SearchOptions fold;
            auto matches = [&](const std::string& s) {
                if (!target_filter_[0])
                    return true;
                return !find_all(Text::from_normalized(s), target_filter_, fold).empty();
            };
            StanceRef chosen;
            ImGui::SeparatorText("Schema targets");
            for (const StanceTarget& t : p.schema.stance_targets) {
                if (!matches(t.name + " " + t.id))
                    continue;
                if (first.kind == StanceRef::Kind::None)
                    first = StanceRef{StanceRef::Kind::Target, t.id};
                if (ImGui::Selectable((t.name + "##t" + t.id).c_str()))
                    chosen = StanceRef{StanceRef::Kind::Target, t.id};
                if (!t.description.empty())
                    ImGui::SetItemTooltip("%s", t.description.c_str());
            }
            ImGui::SeparatorText("Entities");
            int shown = 0;
            for (const Entity& e : p.entities) {
                if (!matches(e.name + " " + e.id))
                    continue;
                if (++shown > 200) {
                    ImGui::TextDisabled("… type to narrow the list");
                    break;
                }
                if (first.kind == StanceRef::Kind::None)
                    first = StanceRef{StanceRef::Kind::Entity, e.id};
                if (ImGui::Selectable((e.name + "  (" + e.type + ")##e" + e.id).c_str()))
                    chosen = StanceRef{StanceRef::Kind::Entity, e.id};
            }
            if (enter && chosen.kind == StanceRef::Kind::None)
                chosen = first;
            if (p.entities.empty())
                ImGui::TextDisabled("No entities yet");
            if (chosen.kind != StanceRef::Kind::None) {
                gesture_.pick_target(chosen);
                ImGui::CloseCurrentPopup();
                focus_text_ = true;
            }
        }
        ImGui::EndPopup();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] automation
//-----------------------------------------------------------------------------

void DocumentView::reveal(const std::string& doc_id, Span span, bool select)
{
    reveal_ = Reveal{doc_id, span, select};
    if (app_.selected_document() != doc_id)
        app_.select_document(doc_id);
}

std::vector<ScreenRect> DocumentView::screen_rects(const std::string& doc_id, uint32_t start, uint32_t end) const
{
    std::vector<ScreenRect> out;
    if (doc_id != doc_id_ || !text_)
        return out;
    for (const LayoutRect& r : layout_.rects_for(start, end))
        out.push_back(ScreenRect{origin_x_ + r.x0, origin_y_ + r.y0 + geom_.text_top, origin_x_ + r.x1,
                                 origin_y_ + r.y0 + geom_.line_height});
    return out;
}

} // namespace postil::ui
