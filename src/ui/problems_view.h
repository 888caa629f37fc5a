// A modal listing problems (core Diagnostics) with a title, e.g. why a file could not be
// opened. Copy puts them on the clipboard.
// Does not do: deciding what is a problem (the core does).
#pragma once
#include "core/diagnostic.h"

#include <string>

namespace postil::ui {

class ProblemsView {
public:
    void show(std::string title, Diagnostics diagnostics);
    bool visible() const { return !title_.empty(); }
    const std::string& title() const { return title_; }
    const Diagnostics& diagnostics() const { return diagnostics_; }
    void drawContent(); // call inside a window, every frame

private:
    std::string title_;
    Diagnostics diagnostics_;
    bool open_requested_ = false;
};

} // namespace postil::ui
