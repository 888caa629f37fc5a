// Reliability coefficients on ReliabilityData (see reliability.h for definitions and the
// undefined cases). Every coefficient is one pass over the units; pairwise loops use dense
// per-annotator columns so that many annotators stay cheap.
// Does not do: file input (reliability_csv.cpp), annotation projects (project_agreement.cpp).
#include "reliability.h"

#include "text_table.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace postil {

// [SECTION] helpers

double not_a_number() { return std::numeric_limits<double>::quiet_NaN(); }

std::string format_fixed(double v, int decimals)
{
    if (!std::isfinite(v))
        return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
    // "-0.000" reads as a sign that isn't there.
    if (buf[0] == '-') {
        bool all_zero = true;
        for (const char* p = buf + 1; *p; ++p)
            if (*p != '0' && *p != '.')
                all_zero = false;
        if (all_zero)
            return buf + 1;
    }
    return buf;
}

Statistic::Statistic() : value(not_a_number()), observed(not_a_number()), expected(not_a_number()) {}

static Statistic undefined_statistic(std::string why)
{
    Statistic s;
    s.undefined = std::move(why);
    return s;
}

// Accepts plain decimal numbers only: strtod would also take "inf", "nan", hex and leading
// spaces, none of which a coder means as a number in a reliability table.
static bool parse_number(const std::string& s, double& out)
{
    size_t i = 0, n = s.size();
    if (i < n && (s[i] == '+' || s[i] == '-'))
        ++i;
    size_t digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') { ++i; ++digits; }
    if (i < n && s[i] == '.') {
        ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') { ++i; ++digits; }
    }
    if (digits == 0)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            ++i;
        size_t exp_digits = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') { ++i; ++exp_digits; }
        if (exp_digits == 0)
            return false;
    }
    if (i != n)
        return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end == s.c_str() + n && std::isfinite(out);
}

static std::string shortest_decimal(double v)
{
    char buf[64];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof(buf), "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v)
            break;
    }
    return buf;
}

// [SECTION] ReliabilityData

size_t ReliabilityData::add_unit(const std::string& id)
{
    auto [it, added] = unit_index_.try_emplace(id, unit_ids_.size());
    if (added) {
        unit_ids_.push_back(id);
        cells_.emplace_back();
    }
    return it->second;
}

size_t ReliabilityData::add_annotator(const std::string& id)
{
    auto [it, added] = annotator_index_.try_emplace(id, annotator_ids_.size());
    if (added)
        annotator_ids_.push_back(id);
    return it->second;
}

std::optional<size_t> ReliabilityData::find_unit(const std::string& id) const
{
    auto it = unit_index_.find(id);
    return it == unit_index_.end() ? std::nullopt : std::optional<size_t>(it->second);
}

std::optional<size_t> ReliabilityData::find_annotator(const std::string& id) const
{
    auto it = annotator_index_.find(id);
    return it == annotator_index_.end() ? std::nullopt : std::optional<size_t>(it->second);
}

uint32_t ReliabilityData::intern(const std::string& label, const double* number)
{
    auto [it, added] = category_index_.try_emplace(label, static_cast<uint32_t>(categories_.size()));
    if (added) {
        Category c;
        c.label = label;
        if (number) {
            c.number = *number;
            c.numeric = true;
        } else {
            c.numeric = parse_number(label, c.number);
        }
        categories_.push_back(std::move(c));
    }
    return it->second;
}

void ReliabilityData::set(size_t unit, size_t annotator, const std::string& label)
{
    if (label.empty()) {
        clear(unit, annotator);
        return;
    }
    const uint32_t cat = intern(label, nullptr);
    for (Cell& c : cells_[unit])
        if (c.annotator == annotator) {
            c.category = cat;
            return;
        }
    cells_[unit].push_back({static_cast<uint32_t>(annotator), cat});
}

void ReliabilityData::set(const std::string& unit, const std::string& annotator, const std::string& label)
{
    const size_t u = add_unit(unit);
    set(u, add_annotator(annotator), label);
}

void ReliabilityData::set_number(size_t unit, size_t annotator, double value)
{
    if (!std::isfinite(value)) {
        clear(unit, annotator);
        return;
    }
    const uint32_t cat = intern(shortest_decimal(value), &value);
    for (Cell& c : cells_[unit])
        if (c.annotator == annotator) {
            c.category = cat;
            return;
        }
    cells_[unit].push_back({static_cast<uint32_t>(annotator), cat});
}

void ReliabilityData::set_number(const std::string& unit, const std::string& annotator, double value)
{
    const size_t u = add_unit(unit);
    set_number(u, add_annotator(annotator), value);
}

void ReliabilityData::clear(size_t unit, size_t annotator)
{
    auto& v = cells_[unit];
    v.erase(std::remove_if(v.begin(), v.end(), [&](const Cell& c) { return c.annotator == annotator; }),
            v.end());
}

size_t ReliabilityData::value_count() const
{
    size_t n = 0;
    for (const auto& v : cells_)
        n += v.size();
    return n;
}

std::optional<double> ReliabilityData::category_number(size_t c) const
{
    if (!categories_[c].numeric)
        return std::nullopt;
    return categories_[c].number;
}

int ReliabilityData::category(size_t unit, size_t annotator) const
{
    for (const Cell& c : cells_[unit])
        if (c.annotator == annotator)
            return static_cast<int>(c.category);
    return -1;
}

const std::string* ReliabilityData::label(size_t unit, size_t annotator) const
{
    const int c = category(unit, annotator);
    return c < 0 ? nullptr : &categories_[static_cast<size_t>(c)].label;
}

std::vector<int> ReliabilityData::column(size_t annotator) const
{
    std::vector<int> col(unit_ids_.size(), -1);
    for (size_t u = 0; u < cells_.size(); ++u)
        for (const Cell& c : cells_[u])
            if (c.annotator == annotator)
                col[u] = static_cast<int>(c.category);
    return col;
}

const char* to_string(AlphaMetric m)
{
    switch (m) {
    case AlphaMetric::Nominal: return "nominal";
    case AlphaMetric::Interval: return "interval";
    }
    return "nominal";
}

// [SECTION] Cohen's kappa and the confusion matrix

static ConfusionMatrix confusion_from_columns(const ReliabilityData& d, const std::vector<int>& a,
                                              const std::vector<int>& b)
{
    // Rows/columns only for categories these two annotators used, in label order.
    std::vector<int> used(d.category_count(), 0);
    for (size_t u = 0; u < a.size(); ++u)
        if (a[u] >= 0 && b[u] >= 0)
            used[static_cast<size_t>(a[u])] = used[static_cast<size_t>(b[u])] = 1;
    std::vector<size_t> cats;
    for (size_t c = 0; c < used.size(); ++c)
        if (used[c])
            cats.push_back(c);
    std::sort(cats.begin(), cats.end(),
              [&](size_t x, size_t y) { return d.category_label(x) < d.category_label(y); });
    std::vector<size_t> slot(d.category_count(), 0);
    ConfusionMatrix m;
    for (size_t i = 0; i < cats.size(); ++i) {
        slot[cats[i]] = i;
        m.labels.push_back(d.category_label(cats[i]));
    }
    m.counts.assign(cats.size() * cats.size(), 0);
    for (size_t u = 0; u < a.size(); ++u)
        if (a[u] >= 0 && b[u] >= 0) {
            ++m.at(slot[static_cast<size_t>(a[u])], slot[static_cast<size_t>(b[u])]);
            ++m.total;
        }
    return m;
}

ConfusionMatrix confusion_matrix(const ReliabilityData& d, size_t a, size_t b)
{
    return confusion_from_columns(d, d.column(a), d.column(b));
}

static const char* kOneCategory =
    "every value is in one category, so chance agreement is 1 and kappa is 0/0";

Statistic cohen_kappa(const ConfusionMatrix& m)
{
    if (m.total == 0)
        return undefined_statistic("no unit coded by both annotators");
    const size_t k = m.labels.size();
    const double n = static_cast<double>(m.total);
    double agree = 0, chance = 0;
    for (size_t i = 0; i < k; ++i) {
        double row = 0, col = 0;
        for (size_t j = 0; j < k; ++j) {
            row += static_cast<double>(m.at(i, j));
            col += static_cast<double>(m.at(j, i));
        }
        agree += static_cast<double>(m.at(i, i));
        chance += (row / n) * (col / n);
    }
    Statistic s;
    s.observed = agree / n;
    s.expected = chance;
    s.units = m.total;
    s.values = 2 * m.total;
    if (chance >= 1.0 - 1e-12)
        s.undefined = kOneCategory;
    else
        s.value = (s.observed - chance) / (1.0 - chance);
    return s;
}

Statistic cohen_kappa_2x2(double both, double a_only, double b_only, double neither)
{
    const double n = both + a_only + b_only + neither;
    if (!(n > 0))
        return undefined_statistic("no unit coded by both annotators");
    const double a_yes = (both + a_only) / n, b_yes = (both + b_only) / n;
    Statistic s;
    s.observed = (both + neither) / n;
    s.expected = a_yes * b_yes + (1 - a_yes) * (1 - b_yes);
    s.units = static_cast<size_t>(std::llround(n));
    s.values = 2 * s.units;
    if (s.expected >= 1.0 - 1e-12)
        s.undefined = kOneCategory;
    else
        s.value = (s.observed - s.expected) / (1.0 - s.expected);
    return s;
}

Statistic cohen_kappa(const ReliabilityData& d, size_t a, size_t b)
{
    return cohen_kappa(confusion_matrix(d, a, b));
}

Statistic cohen_kappa(const ReliabilityData& d, const std::string& a, const std::string& b)
{
    auto ia = d.find_annotator(a), ib = d.find_annotator(b);
    if (!ia || !ib)
        return undefined_statistic("unknown annotator '" + (ia ? b : a) + "'");
    return cohen_kappa(d, *ia, *ib);
}

// [SECTION] Fleiss' kappa

namespace {
// Subjects are fed one at a time so both entry points share the arithmetic.
struct FleissAccumulator {
    std::vector<double> category_totals;
    double sum_agreement = 0; // sum of P_i
    size_t subjects = 0, ratings = 0;

    void add_subject(const std::vector<int>& counts)
    {
        double n = 0, squares = 0;
        for (int c : counts) {
            n += c;
            squares += static_cast<double>(c) * c;
        }
        if (n < 2)
            return;
        if (category_totals.size() < counts.size())
            category_totals.resize(counts.size(), 0.0);
        for (size_t j = 0; j < counts.size(); ++j)
            category_totals[j] += counts[j];
        sum_agreement += (squares - n) / (n * (n - 1));
        ++subjects;
        ratings += static_cast<size_t>(n);
    }

    Statistic result() const
    {
        if (subjects == 0)
            return undefined_statistic("no subject has two or more ratings");
        Statistic s;
        s.observed = sum_agreement / static_cast<double>(subjects);
        double chance = 0;
        for (double t : category_totals) {
            const double p = t / static_cast<double>(ratings);
            chance += p * p;
        }
        s.expected = chance;
        s.units = subjects;
        s.values = ratings;
        if (chance >= 1.0 - 1e-12)
            s.undefined = kOneCategory;
        else
            s.value = (s.observed - chance) / (1.0 - chance);
        return s;
    }
};
} // namespace

Statistic fleiss_kappa(const std::vector<std::vector<int>>& counts)
{
    FleissAccumulator acc;
    const size_t k = counts.empty() ? 0 : counts[0].size();
    for (size_t i = 0; i < counts.size(); ++i) {
        if (counts[i].size() != k)
            return undefined_statistic("row " + std::to_string(i + 1) + " has " +
                                       std::to_string(counts[i].size()) + " categories, expected " +
                                       std::to_string(k));
        for (int c : counts[i])
            if (c < 0)
                return undefined_statistic("row " + std::to_string(i + 1) + " has a negative count");
        acc.add_subject(counts[i]);
    }
    return acc.result();
}

Statistic fleiss_kappa(const ReliabilityData& d)
{
    FleissAccumulator acc;
    std::vector<int> counts(d.category_count(), 0);
    for (size_t u = 0; u < d.unit_count(); ++u) {
        const auto& cells = d.cells(u);
        if (cells.size() < 2)
            continue;
        for (const auto& c : cells)
            ++counts[c.category];
        acc.add_subject(counts);
        for (const auto& c : cells)
            counts[c.category] = 0;
    }
    return acc.result();
}

// [SECTION] Krippendorff's alpha

Statistic krippendorff_alpha(const ReliabilityData& d, AlphaMetric metric)
{
    // Coincidence-matrix method: a unit with m values contributes every ordered pair of its
    // values with weight 1/(m-1), so each pairable value counts once in n. Units with fewer
    // than two values are not pairable and are left out.
    std::vector<double> n_c(d.category_count(), 0.0); // marginal of the coincidence matrix
    double n = 0, observed_sum = 0;
    size_t units = 0;
    std::vector<int> counts(d.category_count(), 0);
    for (size_t u = 0; u < d.unit_count(); ++u) {
        const auto& cells = d.cells(u);
        const size_t m = cells.size();
        if (m < 2)
            continue;
        ++units;
        n += static_cast<double>(m);
        for (const auto& c : cells)
            n_c[c.category] += 1;
        if (metric == AlphaMetric::Nominal) {
            // Disagreeing ordered pairs: m(m-1) minus the agreeing ones.
            double agreeing = 0;
            for (const auto& c : cells)
                ++counts[c.category];
            for (const auto& c : cells) {
                const double k = counts[c.category];
                if (k > 0)
                    agreeing += k * (k - 1);
                counts[c.category] = 0;
            }
            observed_sum += (static_cast<double>(m) * (m - 1) - agreeing) / (m - 1);
        } else {
            // Sum over ordered pairs of (x_i - x_j)^2 = 2m * sum (x_i - mean)^2 (stable form).
            double mean = 0;
            for (const auto& c : cells) {
                auto x = d.category_number(c.category);
                if (!x)
                    return undefined_statistic("interval alpha needs numbers; '" +
                                               d.category_label(c.category) + "' is not a number");
                mean += *x;
            }
            mean /= static_cast<double>(m);
            double ss = 0;
            for (const auto& c : cells) {
                const double dx = *d.category_number(c.category) - mean;
                ss += dx * dx;
            }
            observed_sum += 2.0 * static_cast<double>(m) * ss / (m - 1);
        }
    }
    if (units == 0)
        return undefined_statistic("no unit has two or more values");

    double expected_sum = 0; // sum over c,k of n_c n_k delta^2(c,k)
    if (metric == AlphaMetric::Nominal) {
        double squares = 0;
        for (double x : n_c)
            squares += x * x;
        expected_sum = n * n - squares;
    } else {
        double mean = 0;
        for (size_t c = 0; c < n_c.size(); ++c)
            if (n_c[c] > 0)
                mean += n_c[c] * *d.category_number(c);
        mean /= n;
        double ss = 0;
        for (size_t c = 0; c < n_c.size(); ++c)
            if (n_c[c] > 0) {
                const double dx = *d.category_number(c) - mean;
                ss += n_c[c] * dx * dx;
            }
        expected_sum = 2.0 * n * ss;
    }

    Statistic s;
    s.units = units;
    s.values = static_cast<size_t>(n);
    s.observed = observed_sum / n;
    s.expected = expected_sum / (n * (n - 1));
    if (!(s.expected > 1e-12 * std::max(1.0, s.observed)))
        s.undefined = "every pairable value is the same, so expected disagreement is 0 and alpha is 0/0";
    else
        s.value = 1.0 - s.observed / s.expected;
    return s;
}

// [SECTION] percent agreement

Statistic percent_agreement(const ReliabilityData& d)
{
    double agreeing = 0, pairs = 0;
    size_t units = 0, values = 0;
    std::vector<int> counts(d.category_count(), 0);
    for (size_t u = 0; u < d.unit_count(); ++u) {
        const auto& cells = d.cells(u);
        const double m = static_cast<double>(cells.size());
        if (m < 2)
            continue;
        ++units;
        values += cells.size();
        pairs += m * (m - 1);
        for (const auto& c : cells)
            ++counts[c.category];
        for (const auto& c : cells) {
            const double k = counts[c.category];
            agreeing += k * (k - 1);
            counts[c.category] = 0;
        }
    }
    if (units == 0)
        return undefined_statistic("no unit has two or more values");
    Statistic s;
    s.value = s.observed = agreeing / pairs;
    s.units = units;
    s.values = values;
    return s;
}

Statistic percent_agreement(const ReliabilityData& d, size_t a, size_t b)
{
    const std::vector<int> ca = d.column(a), cb = d.column(b);
    size_t both = 0, same = 0;
    for (size_t u = 0; u < ca.size(); ++u)
        if (ca[u] >= 0 && cb[u] >= 0) {
            ++both;
            same += ca[u] == cb[u];
        }
    if (both == 0)
        return undefined_statistic("no unit coded by both annotators");
    Statistic s;
    s.value = s.observed = static_cast<double>(same) / static_cast<double>(both);
    s.units = both;
    s.values = 2 * both;
    return s;
}

// [SECTION] summary

ReliabilitySummary summarize_reliability(const ReliabilityData& d)
{
    ReliabilitySummary r;
    r.units = d.unit_count();
    r.annotators = d.annotator_count();
    r.values = d.value_count();
    r.categories = d.category_count();
    r.percent_agreement = percent_agreement(d);
    r.fleiss_kappa = fleiss_kappa(d);
    r.alpha_nominal = krippendorff_alpha(d, AlphaMetric::Nominal);
    r.alpha_interval = krippendorff_alpha(d, AlphaMetric::Interval);

    std::vector<std::vector<int>> columns;
    for (size_t a = 0; a < d.annotator_count(); ++a)
        columns.push_back(d.column(a));
    double sum = 0;
    size_t defined = 0;
    for (size_t a = 0; a < columns.size(); ++a)
        for (size_t b = a + 1; b < columns.size(); ++b) {
            PairStatistic p;
            p.annotator_a = d.annotator_id(a);
            p.annotator_b = d.annotator_id(b);
            const ConfusionMatrix m = confusion_from_columns(d, columns[a], columns[b]);
            p.cohen_kappa = cohen_kappa(m);
            if (m.total == 0) {
                p.percent_agreement = undefined_statistic("no unit coded by both annotators");
            } else {
                uint64_t same = 0;
                for (size_t i = 0; i < m.labels.size(); ++i)
                    same += m.at(i, i);
                p.percent_agreement.value = p.percent_agreement.observed =
                    static_cast<double>(same) / static_cast<double>(m.total);
                p.percent_agreement.units = m.total;
                p.percent_agreement.values = 2 * m.total;
            }
            if (p.cohen_kappa.defined()) {
                sum += p.cohen_kappa.value;
                ++defined;
            }
            r.pairs.push_back(std::move(p));
        }
    r.mean_cohen_kappa = defined ? sum / static_cast<double>(defined) : not_a_number();
    return r;
}

// [SECTION] JSON and text

static nlohmann::json number_or_null(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

void to_json(nlohmann::json& j, const Statistic& s)
{
    j = nlohmann::json::object();
    j["value"] = number_or_null(s.value);
    j["observed"] = number_or_null(s.observed);
    j["expected"] = number_or_null(s.expected);
    j["units"] = s.units;
    j["values"] = s.values;
    if (!s.defined())
        j["undefined"] = s.undefined;
}

void to_json(nlohmann::json& j, const ReliabilitySummary& r)
{
    j = nlohmann::json::object();
    j["units"] = r.units;
    j["annotators"] = r.annotators;
    j["values"] = r.values;
    j["categories"] = r.categories;
    j["percent_agreement"] = r.percent_agreement;
    j["fleiss_kappa"] = r.fleiss_kappa;
    j["krippendorff_alpha_nominal"] = r.alpha_nominal;
    j["krippendorff_alpha_interval"] = r.alpha_interval;
    j["mean_cohen_kappa"] = number_or_null(r.mean_cohen_kappa);
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto& p : r.pairs)
        pairs.push_back({{"a", p.annotator_a},
                         {"b", p.annotator_b},
                         {"cohen_kappa", p.cohen_kappa},
                         {"percent_agreement", p.percent_agreement}});
    j["pairs"] = std::move(pairs);
}

nlohmann::json to_json(const ReliabilitySummary& s)
{
    nlohmann::json j;
    to_json(j, s);
    return j;
}

std::string render_reliability_text(const ReliabilitySummary& r)
{
    std::string out = std::to_string(r.units) + " units, " + std::to_string(r.annotators) +
                      " annotators, " + std::to_string(r.values) + " values, " +
                      std::to_string(r.categories) + " categories\n\n";
    TextTable t({false, true, true, true, true, false});
    t.add_row({"statistic", "value", "observed", "expected", "units", ""});
    auto row = [&](const char* name, const Statistic& s) {
        t.add_row({name, format_fixed(s.value), format_fixed(s.observed), format_fixed(s.expected),
                   std::to_string(s.units), s.defined() ? "" : "(" + s.undefined + ")"});
    };
    row("percent agreement", r.percent_agreement);
    row("Fleiss kappa", r.fleiss_kappa);
    row("Krippendorff alpha, nominal", r.alpha_nominal);
    row("Krippendorff alpha, interval", r.alpha_interval);
    out += t.render();
    if (!r.pairs.empty()) {
        TextTable p({false, false, true, true, true, false});
        p.add_row({"annotator a", "annotator b", "Cohen kappa", "agreement", "units", ""});
        for (const auto& x : r.pairs)
            p.add_row({x.annotator_a, x.annotator_b, format_fixed(x.cohen_kappa.value),
                       format_fixed(x.percent_agreement.value), std::to_string(x.cohen_kappa.units),
                       x.cohen_kappa.defined() ? "" : "(" + x.cohen_kappa.undefined + ")"});
        out += "\n" + p.render();
        out += "mean pairwise Cohen kappa: " + format_fixed(r.mean_cohen_kappa) + "\n";
    }
    return out;
}

} // namespace postil
