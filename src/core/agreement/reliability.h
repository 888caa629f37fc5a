// Reliability statistics on generic coded data: units x annotators -> an optional value
// (a nominal label, or a number for interval data). Cohen's kappa, Fleiss' kappa (also from a
// subjects x categories count matrix), Krippendorff's alpha (nominal, interval), percent
// agreement and the confusion matrix between two annotators, plus a summary of all of them.
// Does not do: reading files (reliability_csv.h), annotation projects (project_agreement.h),
// ordinal/ratio alpha, weighted kappa, confidence intervals.
//
// Undefined results. Every coefficient is returned as a Statistic whose `value` is NaN and
// whose `undefined` says why when the formula is 0/0 or has no data:
//  - no unit has two values to compare (no overlap between the annotators' units);
//  - every value falls in one category (expected agreement is 1 / expected disagreement 0),
//    even when the annotators agree perfectly: kappa and alpha measure agreement beyond chance
//    and there is no chance variation to beat. percent_agreement() still reports 1.0 then.
#pragma once
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace postil {

// [SECTION] data

class ReliabilityData {
public:
    struct Cell {
        uint32_t annotator = 0;
        uint32_t category = 0;
    };

    // Index of the unit / annotator with this id, added if new. Indices follow first appearance.
    size_t add_unit(const std::string& id);
    size_t add_annotator(const std::string& id);
    std::optional<size_t> find_unit(const std::string& id) const;
    std::optional<size_t> find_annotator(const std::string& id) const;

    // Records a value, replacing an earlier one. An empty label clears the cell (missing).
    void set(size_t unit, size_t annotator, const std::string& label);
    void set(const std::string& unit, const std::string& annotator, const std::string& label);
    // A numeric value; its label is the shortest decimal form that reads back as `value`.
    void set_number(size_t unit, size_t annotator, double value);
    void set_number(const std::string& unit, const std::string& annotator, double value);
    void clear(size_t unit, size_t annotator);

    size_t unit_count() const { return unit_ids_.size(); }
    size_t annotator_count() const { return annotator_ids_.size(); }
    size_t category_count() const { return categories_.size(); }
    size_t value_count() const; // cells holding a value
    const std::string& unit_id(size_t u) const { return unit_ids_[u]; }
    const std::string& annotator_id(size_t a) const { return annotator_ids_[a]; }
    const std::vector<std::string>& annotators() const { return annotator_ids_; }

    // Categories are the distinct labels. A label that reads fully as a finite decimal number
    // ("3", "-0.5", "1e3") has a numeric value; "1" and "1.0" are different nominal categories
    // with the same number.
    const std::string& category_label(size_t c) const { return categories_[c].label; }
    std::optional<double> category_number(size_t c) const;

    // The unit's values in the order they were set (at most one per annotator).
    const std::vector<Cell>& cells(size_t unit) const { return cells_[unit]; }
    // Category of the value, or -1 when missing.
    int category(size_t unit, size_t annotator) const;
    const std::string* label(size_t unit, size_t annotator) const; // nullptr when missing

    // One column per annotator: category per unit, -1 when missing. For pairwise loops.
    std::vector<int> column(size_t annotator) const;

private:
    struct Category {
        std::string label;
        double number = 0.0;
        bool numeric = false;
    };
    uint32_t intern(const std::string& label, const double* number);

    std::vector<std::string> unit_ids_, annotator_ids_;
    std::unordered_map<std::string, size_t> unit_index_, annotator_index_;
    std::vector<Category> categories_;
    std::unordered_map<std::string, uint32_t> category_index_;
    std::vector<std::vector<Cell>> cells_; // per unit
};

// [SECTION] results

struct Statistic {
    double value;          // NaN when undefined
    double observed;       // kappa: observed agreement Po; alpha: observed disagreement Do
    double expected;       // kappa: chance agreement Pe;   alpha: expected disagreement De
    size_t units = 0;      // units (items, subjects) that entered the computation
    size_t values = 0;     // values (ratings) that entered the computation
    std::string undefined; // why `value` is NaN; empty when defined

    Statistic();
    bool defined() const { return undefined.empty(); }
};

// Rows: annotator a, columns: annotator b, over the units both coded.
struct ConfusionMatrix {
    std::vector<std::string> labels; // sorted
    std::vector<uint64_t> counts;    // row-major, labels.size()^2
    uint64_t total = 0;

    uint64_t at(size_t row, size_t col) const { return counts[row * labels.size() + col]; }
    uint64_t& at(size_t row, size_t col) { return counts[row * labels.size() + col]; }
};

enum class AlphaMetric { Nominal, Interval };
const char* to_string(AlphaMetric m);

// [SECTION] coefficients

// Two annotators, units coded by both.
ConfusionMatrix confusion_matrix(const ReliabilityData& d, size_t a, size_t b);
Statistic cohen_kappa(const ConfusionMatrix& m);
Statistic cohen_kappa(const ReliabilityData& d, size_t a, size_t b);
Statistic cohen_kappa(const ReliabilityData& d, const std::string& a, const std::string& b);
// Cohen's kappa of a 2x2 table (both yes, a yes & b no, a no & b yes, both no).
Statistic cohen_kappa_2x2(double both, double a_only, double b_only, double neither);

// Fleiss' kappa from counts[subject][category] = raters who put the subject in the category.
// Subjects with fewer than two ratings are skipped. Rows may have different totals: the
// per-subject agreement then uses that subject's own number of raters (with equal totals this
// is exactly Fleiss 1971).
Statistic fleiss_kappa(const std::vector<std::vector<int>>& counts);
// Same over units x annotators; missing values reduce the unit's number of raters.
Statistic fleiss_kappa(const ReliabilityData& d);

// Krippendorff's alpha by the coincidence-matrix method; missing values allowed. Interval is
// undefined if any value used has a non-numeric label.
Statistic krippendorff_alpha(const ReliabilityData& d, AlphaMetric metric = AlphaMetric::Nominal);

// Share of agreeing pairs among all pairs of values within the same unit (for two annotators:
// share of units coded by both on which they agree).
Statistic percent_agreement(const ReliabilityData& d);
Statistic percent_agreement(const ReliabilityData& d, size_t a, size_t b);

// [SECTION] summary (for the CLI and the apps)

struct PairStatistic {
    std::string annotator_a, annotator_b;
    Statistic cohen_kappa;
    Statistic percent_agreement;
};

struct ReliabilitySummary {
    size_t units = 0, annotators = 0, values = 0, categories = 0;
    Statistic percent_agreement;
    Statistic fleiss_kappa;
    Statistic alpha_nominal;
    Statistic alpha_interval;         // undefined unless every label is numeric
    std::vector<PairStatistic> pairs; // every pair of annotators, a < b in annotator order
    double mean_cohen_kappa;          // over pairs with a defined kappa; NaN if none
};

ReliabilitySummary summarize_reliability(const ReliabilityData& d);

// JSON: undefined values are null, with an "undefined" reason. Text: aligned table.
void to_json(nlohmann::json& j, const Statistic& s);
void to_json(nlohmann::json& j, const ReliabilitySummary& s);
nlohmann::json to_json(const ReliabilitySummary& s);
std::string render_reliability_text(const ReliabilitySummary& s);

// Helpers shared by the agreement code: NaN, and "0.743" / "n/a" formatting (snprintf, so it
// works the same on every standard library).
double not_a_number();
std::string format_fixed(double v, int decimals = 3);

} // namespace postil
