// The Adjudication window: two annotator layers of the selected document side by side, every
// difference (adjudication.h compute_differences) with its kind and each side's version, and
// buttons to accept left / right / both / neither into the gold layer; "accept all agreements";
// progress per document (click one to go there). Each decision is one undo step (core decide()).
// Does not do: the comparison or the decisions themselves (core adjudication.h), agreement
// statistics (agreement_view.h), editing a gold version by hand (the document view edits gold
// like any layer when the annotator name is "gold").
#pragma once
#include <string>

namespace postil::ui {

class App;

class AdjudicationView {
public:
    explicit AdjudicationView(App& app) : app_(app) {}
    void drawWindow(bool* open);
    // The two layers compared (as last drawn), for automation hooks.
    const std::string& left() const { return left_; }
    const std::string& right() const { return right_; }

private:
    App& app_;
    std::string left_, right_;
    bool hide_resolved_ = false, hide_agreements_ = true;
};

} // namespace postil::ui
