// HelpView: the Help > Keyboard shortcuts window (also F1 and ?), generated from the keymap
// table (core/interaction/keymap.h) plus the open project's schema hotkeys, so it never
// disagrees with what the keys do. Lists schema hotkeys that a fixed key shadows.
// Does not do: handling keys (DocumentView resolves them through the same table).
#pragma once
#include "core/schema.h"

namespace postil::ui {

class HelpView {
public:
    void open() { open_ = true; focus_ = true; }
    void toggle() { open_ ? void(open_ = false) : open(); }
    bool is_open() const { return open_; }
    void draw(const Schema& schema);

private:
    bool open_ = false;
    bool focus_ = false;
};

} // namespace postil::ui
