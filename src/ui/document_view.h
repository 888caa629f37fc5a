// DocumentView: the selected document's text, where annotators read and mark it.
//
// Drawing: the core TextLayout (src/core/layout/) wraps the text in a centred column of about
// 75 characters with ImGui's own font advances (ImGuiFontMetrics), and only the lines inside
// the clip rectangle (TextLayout::lines_in) are drawn, with ImDrawList: search hits, mention
// backgrounds in their entity type's colour, the selection, the glyphs, stacked underlines
// (MentionLayout levels: nested and overlapping mentions all stay visible), a small type label
// above each mention's start, outlines for the selected mention and the stance being made.
//
// Gestures (logic in src/core/interaction/, keys in its keymap table): drag selects whole words
// (Alt: exact characters), double-click a word; a type's hotkey or the palette (E, right-click)
// marks the selection; click a mention or its label to select it; Delete removes it, L or a
// type hotkey relabels it, N edits its note; S starts a stance, click the target (or T for a
// list), then F / A / N; Shift-drag during that gesture marks the evidence span; Esc cancels.
// Ctrl+F searches (SearchView), F1 / ? shows the keyboard reference (HelpView).
// Every edit is one Editor call (core/ops.h), so it is one undo step.
//
// Layers (picker in the header, kept in Settings::layers): All layers (every annotator's
// mentions together, as always), one annotator's layer, or two side by side (LayerColumnsView).
// What each shows and whether edits are allowed is the core's (core/layout/layer_display.h):
// edits work on All and on one's own layer; on another annotator's layer and side by side the
// view is read only and says why (status line, and a message when an edit key is pressed).
//
// Does not do: side panels (entities, stances, schema), undo/redo keys (the App's), document
// list, saving.
#pragma once
#include "imgui_font_metrics.h"
#include "help_view.h"
#include "layer_columns_view.h"
#include "mention_painter.h"
#include "search_view.h"

#include "core/interaction/keymap.h"
#include "core/interaction/selection.h"
#include "core/interaction/stance_gesture.h"
#include "core/layout/layer_display.h"
#include "core/layout/mention_layout.h"
#include "core/layout/text_layout.h"
#include "core/model.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

struct ImVec2;

namespace postil::ui {

class App;

// A rectangle on screen, in ImGui (framebuffer) pixels.
struct ScreenRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

class DocumentView {
public:
    explicit DocumentView(App& app) : app_(app), columns_(app) {}
    void drawContent();

    // [SECTION] actions (App menus, automation hooks)
    void open_search() { search_.open(); }
    void show_help() { help_.open(); }
    // Opens the document if it is not shown, then scrolls so [span.start, span.end) is in view
    // (applied by the next drawContent()). `select` also makes it the text selection.
    void reveal(const std::string& doc_id, Span span, bool select = false);
    bool reveal_pending() const { return reveal_.has_value(); }
    // Glyph boxes of [start, end) on screen as of the last frame, one per line the range spans;
    // empty if that document is not the one shown.
    std::vector<ScreenRect> screen_rects(const std::string& doc_id, uint32_t start, uint32_t end) const;

    // [SECTION] state, for tests and automation
    const std::string& shown_document() const { return doc_id_; }
    Span text_selection() const { return sel_.span(); }
    const std::string& selected_mention() const { return selected_mention_; }
    const interaction::StanceGesture& gesture() const { return gesture_; }
    const TextLayout& layout() const { return layout_; }
    float scroll_y() const { return scroll_y_; } // of the text, last frame
    SearchView& search() { return search_; }
    // The layer choice in effect (Settings::layers resolved against the project) and whether
    // the view may edit with it.
    const LayerSelection& layers() const { return layers_; }
    const EditPolicy& edit_policy() const { return policy_; }
    const LayerColumnsView& columns() const { return columns_; }

private:
    // [SECTION] per-frame steps
    void switch_document(const Document& doc);
    void validate(const Project& p, const Document& doc);
    void ensure_layout(const Project& p, const Document& doc, float avail_width);
    void draw_header(const Project& p, const Document& doc);
    void resolve_layers(const Project& p);
    void draw_layer_picker(const Project& p);
    bool may_edit(); // flashes the reason when not
    void draw_status(const Project& p, const Document& doc);
    void draw_text(const Project& p, const Document& doc);
    void draw_lines(const Project& p, const Document& doc, ImVec2 origin, float y0, float y1);
    void draw_stance_arcs(const Project& p, const Document& doc, ImVec2 origin);
    void handle_mouse(const Project& p, const Document& doc, ImVec2 origin);
    void draw_inspector(const Project& p, const Document& doc);
    void draw_inspector_body(const Project& p, const Document& doc, const Mention* m);
    void handle_keys(const Project& p, const Document& doc);
    void draw_popups(const Project& p, const Document& doc);

    // [SECTION] commands
    void run(const interaction::Action& a, const Project& p, const Document& doc);
    void add_mention(const Document& doc, const std::string& type);
    void select_mention(const std::string& id);
    void set_mention(const std::string& id);
    void sync_with_app(const Project& p, const Document& doc);
    void go_to_hit(const SearchView::Request& req);
    void flash(std::string message);
    std::optional<size_t> mention_at(ImVec2 doc_pos) const; // span index under a point
    const Mention* mention_of_span(const Project& p, size_t span) const;
    size_t span_of(const Project& p, const std::string& mention_id) const; // SIZE_MAX if none
    bool apply_pending_edit(const Project& p, const Document& doc, uint64_t revision);
    const Mention* find(const Project& p, const std::string& id) const; // fast Project::mention
    void remember(const Mention& m) const;

    App& app_;

    // Layout cache for the document shown.
    std::string doc_id_;
    TextPtr text_;
    float font_size_ = 0, wrap_ = -1, avail_ = -1;
    float measure_ = 0;           // ~75 characters, the widest the column gets
    uint64_t layout_version_ = 0; // TextLayout::version() seen last frame
    size_t fonts_merged_ = SIZE_MAX;
    uint64_t mentions_revision_ = ~uint64_t(0);
    TextGeometry geom_;
    TextLayout layout_;
    MentionLayout mentions_;
    std::map<std::string, float> scroll_by_doc_;
    std::optional<float> next_scroll_;

    // Last frame's geometry (for screen_rects and mouse mapping).
    float origin_x_ = 0, origin_y_ = 0, scroll_y_ = 0, view_h_ = 0;
    std::vector<PaintedLabel> labels_;

    // Interaction state.
    interaction::TextSelection sel_;
    interaction::TextSelection evidence_sel_;
    interaction::StanceGesture gesture_;
    std::string selected_mention_;   // the App's selected mention, if it is in this document
    std::string synced_app_mention_; // App::selected_mention() when last looked at
    struct Press {
        bool active = false, dragged = false, evidence = false;
        std::optional<size_t> span; // mention under the pointer at press time
    } press_;
    struct LinkPrompt {
        std::string mention, entity;
    };
    std::optional<LinkPrompt> link_;
    uint64_t validated_revision_ = ~uint64_t(0);
    // The view's own last edit, so the next frame can update the mention layout in place
    // (MentionLayout::insert/erase, ~50 us) instead of rebuilding it (~0.5 ms at 20k mentions).
    struct PendingEdit {
        bool insert = true;   // else erase
        std::string id;       // mention
        uint32_t key = 0;     // its index in Project::mentions (erase: before the removal)
        size_t span = 0;      // erase: its index in MentionLayout::spans()
        uint64_t revision = 0; // History::revision() right after the edit
    };
    std::optional<PendingEdit> pending_;
    // Spans of recently looked-up mentions (find()).
    struct Hint {
        std::string id, doc;
        Span span;
    };
    mutable std::array<Hint, 6> hints_;
    mutable size_t next_hint_ = 0;
    // Span indices of the marked mentions (recomputed when the project or marks change).
    size_t selected_span_ = SIZE_MAX, holder_span_ = SIZE_MAX, target_span_ = SIZE_MAX;
    std::string marks_key_;

    // Popups and boxes.
    bool open_palette_ = false, palette_relabel_ = false;
    bool open_targets_ = false;
    char target_filter_[128] = {};
    bool focus_note_ = false, focus_text_ = false;
    std::string note_for_;
    char note_buf_[1024] = {};
    std::string flash_;
    double flash_until_ = 0;

    struct Reveal {
        std::string doc_id;
        Span span;
        bool select = false;
    };
    std::optional<Reveal> reveal_;

    SearchView search_;
    HelpView help_;

    // Layers shown (resolved from Settings::layers when it or the project changes).
    LayerSelection layers_;
    EditPolicy policy_;
    LayerSelection layers_wanted_;
    uint64_t layers_key_ = ~uint64_t(0);
    std::string layers_annotator_;
    LayerColumnsView columns_;

    // Scratch buffers kept between frames (no allocation per frame).
    std::vector<MentionSegment> segs_;
    std::vector<float> xs_;
};

} // namespace postil::ui
