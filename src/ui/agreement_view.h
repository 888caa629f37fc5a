// The Agreement window ("Several annotators"): pick the annotator layers to compare, then the
// report of core/agreement: mention precision/recall/F1 (exact and overlap, overall and per
// label) as horizontal bars, token-level Cohen's kappa and Krippendorff's alpha, stance and
// document-stance kappa/alpha, and a confusion-matrix heatmap of token labels for one pair.
// The report is recomputed when the chosen layers or the project change (not every frame).
// Does not do: the statistics (core/agreement), adjudication (adjudication_view.h).
#pragma once
#include "core/agreement/project_agreement.h"
#include "core/agreement/reliability.h"

#include <set>
#include <string>
#include <vector>

namespace postil::ui {

class App;

class AgreementView {
public:
    explicit AgreementView(App& app) : app_(app) {}
    void drawWindow(bool* open);
    // The report the window shows (last computed while it was open), for automation hooks.
    const AgreementReport& report() const { return report_; }
    bool shown() const { return key_ != UINT64_MAX; }

private:
    void recompute();

    App& app_;
    std::set<std::string> chosen_;     // layers to compare
    bool chosen_init_ = false;
    std::vector<std::string> layers_;       // annotators with annotations, gold left out
    uint64_t layers_key_ = ~uint64_t(0);    // the project state they were listed for
    bool overlap_ = false;             // bars: exact or overlap matching
    int pair_a_ = 0, pair_b_ = 1;      // confusion matrix pair (indices into report_.annotators)
    AgreementReport report_;
    ConfusionMatrix confusion_;
    uint64_t key_ = UINT64_MAX;
    std::string computed_for_;
};

} // namespace postil::ui
