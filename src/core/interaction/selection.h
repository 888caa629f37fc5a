// TextSelection: the document view's mouse selection as pure logic - an anchor where the button
// went down, a focus that follows the drag, and the span they designate: grown to whole words
// (tokenizer.h snap_to_words) by default, exact code points while Alt is held. Double-click
// selects the word under the pointer (word_at).
// Offsets are caret positions in code points ([0, text.size()]), spans are [start, end).
// copy_text() is what Ctrl+C puts on the clipboard: the selection (or the selected mention) as
// UTF-8.
// Does not do: hit testing (the view turns mouse positions into caret positions with
// TextLayout::hit_test), drawing, keyboard selection, multiple documents, the clipboard itself.
#pragma once
#include "core/model.h" // Span
#include "core/text.h"

#include <cstdint>
#include <string>

namespace postil::interaction {

enum class SnapMode : uint8_t {
    Words, // default: the selection covers whole tokens
    Exact, // Alt held: exactly the code points between anchor and focus
};

class TextSelection {
public:
    // [SECTION] gestures
    // Mouse button down at caret position cp: starts a drag; the selection is empty until the
    // pointer moves to another caret position.
    void begin(const Text& text, uint32_t cp, SnapMode mode);
    // Pointer moved while dragging (the mode may change mid-drag: Alt pressed or released).
    // Does nothing when no drag is under way.
    void update(const Text& text, uint32_t cp, SnapMode mode);
    // Mouse button up: the drag ends, the selection stays.
    void end() { dragging_ = false; }
    // Double-click: the token under cp (empty if cp is on whitespace with no token before it).
    void select_word(const Text& text, uint32_t cp);
    // Programmatic selection (search hit, tests). Clamped to the text.
    void set(const Text& text, Span span);
    void clear();

    // [SECTION] state
    bool dragging() const { return dragging_; }
    bool empty() const { return span_.start >= span_.end; }
    // The selected code points, [start, end); empty (start == end) when nothing is selected.
    Span span() const { return span_; }
    uint32_t anchor() const { return anchor_; }
    uint32_t focus() const { return focus_; }
    SnapMode mode() const { return mode_; }

private:
    void recompute(const Text& text);

    uint32_t anchor_ = 0, focus_ = 0;
    SnapMode mode_ = SnapMode::Words;
    bool dragging_ = false;
    Span span_;
};

// What Ctrl+C copies: the code points [selection.start, selection.end) as UTF-8; with no text
// selected, those of `mention` (the selected mention's span; Span{} for none). Both clamped
// to the text. Empty when there is nothing to copy (then the clipboard is left alone).
std::string copy_text(const Text& text, Span selection, Span mention);

} // namespace postil::interaction
