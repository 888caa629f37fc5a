// Mouse selection with word snapping. See selection.h.
#include "selection.h"

#include "core/tokenizer.h"

#include <algorithm>

namespace postil::interaction {

void TextSelection::begin(const Text& text, uint32_t cp, SnapMode mode)
{
    const uint32_t size = static_cast<uint32_t>(text.size());
    anchor_ = focus_ = std::min(cp, size);
    mode_ = mode;
    dragging_ = true;
    // A press alone selects nothing, even in word mode: a click is a click (it may select a
    // mention), and only a drag that leaves the caret position makes a text selection.
    span_ = Span{anchor_, anchor_};
}

void TextSelection::update(const Text& text, uint32_t cp, SnapMode mode)
{
    if (!dragging_)
        return;
    focus_ = std::min(cp, static_cast<uint32_t>(text.size()));
    mode_ = mode;
    recompute(text);
}

void TextSelection::recompute(const Text& text)
{
    const uint32_t lo = std::min(anchor_, focus_), hi = std::max(anchor_, focus_);
    if (lo == hi) {
        span_ = Span{lo, lo};
        return;
    }
    if (mode_ == SnapMode::Exact) {
        span_ = Span{lo, hi};
        return;
    }
    span_ = snap_to_words(text, lo, hi);
}

void TextSelection::select_word(const Text& text, uint32_t cp)
{
    dragging_ = false;
    span_ = word_at(text, std::min(cp, static_cast<uint32_t>(text.size())));
    anchor_ = span_.start;
    focus_ = span_.end;
}

void TextSelection::set(const Text& text, Span span)
{
    const uint32_t size = static_cast<uint32_t>(text.size());
    dragging_ = false;
    span.end = std::min(span.end, size);
    span.start = std::min(span.start, span.end);
    span_ = span;
    anchor_ = span.start;
    focus_ = span.end;
}

void TextSelection::clear()
{
    dragging_ = false;
    span_ = Span{};
    anchor_ = focus_ = 0;
}

std::string copy_text(const Text& text, Span selection, Span mention)
{
    const Span s = selection.start < selection.end ? selection : mention;
    const uint32_t size = static_cast<uint32_t>(text.size());
    const uint32_t end = std::min(s.end, size), start = std::min(s.start, end);
    return std::string(text.slice(start, end));
}

} // namespace postil::interaction
