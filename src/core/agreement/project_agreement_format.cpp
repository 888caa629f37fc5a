// JSON and plain-text forms of an AgreementReport (see project_agreement.h).
// Does not do: computing anything; reading reports back.
#include "project_agreement.h"
#include "text_table.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace postil {

// [SECTION] JSON

static nlohmann::json number_or_null(double v)
{
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

void to_json(nlohmann::json& j, const MentionCounts& c)
{
    j = {{"count_a", c.count_a},
         {"count_b", c.count_b},
         {"matched_a", c.matched_a},
         {"matched_b", c.matched_b},
         {"precision", number_or_null(c.precision())},
         {"recall", number_or_null(c.recall())},
         {"f1", number_or_null(c.f1())}};
}

template <class T>
static nlohmann::json map_json(const std::map<std::string, T>& m)
{
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : m)
        j[k] = v;
    return j;
}

static nlohmann::json doubles_json(const std::map<std::string, double>& m)
{
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : m)
        j[k] = number_or_null(v);
    return j;
}

static nlohmann::json stance_json(const StanceAgreement& s)
{
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto& p : s.pairs)
        pairs.push_back({{"a", p.annotator_a},
                         {"b", p.annotator_b},
                         {"units_a", p.units_a},
                         {"units_b", p.units_b},
                         {"units_both", p.units_both},
                         {"cohen_kappa", p.cohen_kappa},
                         {"percent_agreement", p.percent_agreement}});
    return {{"units", s.units},
            {"values", s.values},
            {"mean_cohen_kappa", number_or_null(s.mean_cohen_kappa)},
            {"fleiss_kappa", s.fleiss_kappa},
            {"krippendorff_alpha", s.alpha},
            {"percent_agreement", s.percent_agreement},
            {"pairs", std::move(pairs)}};
}

void to_json(nlohmann::json& j, const AgreementReport& r)
{
    const MentionAgreement& m = r.mentions;
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto& p : m.pairs)
        pairs.push_back({{"a", p.annotator_a},
                         {"b", p.annotator_b},
                         {"documents", p.documents},
                         {"tokens", p.tokens},
                         {"exact", p.exact},
                         {"overlap", p.overlap},
                         {"exact_by_label", map_json(p.exact_by_label)},
                         {"overlap_by_label", map_json(p.overlap_by_label)},
                         {"token_kappa", p.token_kappa},
                         {"token_kappa_by_label", map_json(p.token_kappa_by_label)}});
    nlohmann::json docs = nlohmann::json::array();
    for (const auto& d : m.documents)
        docs.push_back({{"doc_id", d.doc_id},
                        {"layers", d.layers},
                        {"mentions", d.mentions},
                        {"tokens", d.tokens},
                        {"exact", d.exact},
                        {"overlap", d.overlap},
                        {"mean_token_kappa", number_or_null(d.mean_token_kappa)},
                        {"kappa_pairs", d.kappa_pairs}});
    nlohmann::json mentions = {{"labels", m.labels},
                               {"exact", m.exact},
                               {"overlap", m.overlap},
                               {"exact_by_label", map_json(m.exact_by_label)},
                               {"overlap_by_label", map_json(m.overlap_by_label)},
                               {"mean_token_kappa", number_or_null(m.mean_token_kappa)},
                               {"mean_token_kappa_by_label", doubles_json(m.mean_token_kappa_by_label)},
                               {"token_alpha", m.token_alpha},
                               {"pairs", std::move(pairs)},
                               {"documents", std::move(docs)}};
    j = {{"annotators", r.annotators},
         {"documents", r.documents},
         {"mentions", std::move(mentions)},
         {"stances", stance_json(r.stances)},
         {"doc_stances", stance_json(r.doc_stances)},
         {"notes", r.notes}};
}

nlohmann::json to_json(const AgreementReport& r)
{
    nlohmann::json j;
    to_json(j, r);
    return j;
}

// [SECTION] text

static std::string f3(double v) { return format_fixed(v, 3); }

static std::string stance_text(const char* title, const StanceAgreement& s)
{
    std::string out = std::string(title) + ": " + std::to_string(s.units) + " units, " +
                      std::to_string(s.values) + " values\n";
    if (s.units == 0)
        return out;
    TextTable t({false, false, true, true, true, true, true, false});
    t.add_row({"a", "b", "units a", "units b", "both", "Cohen kappa", "agreement", ""});
    for (const auto& p : s.pairs)
        t.add_row({p.annotator_a, p.annotator_b, std::to_string(p.units_a), std::to_string(p.units_b),
                   std::to_string(p.units_both), f3(p.cohen_kappa.value), f3(p.percent_agreement.value),
                   p.cohen_kappa.defined() ? "" : "(" + p.cohen_kappa.undefined + ")"});
    out += t.render(2);
    TextTable all({false, true, false});
    auto row = [&](const char* name, const Statistic& st) {
        all.add_row({name, f3(st.value), st.defined() ? "" : "(" + st.undefined + ")"});
    };
    all.add_row({"mean Cohen kappa", f3(s.mean_cohen_kappa), ""});
    row("Fleiss kappa", s.fleiss_kappa);
    row("Krippendorff alpha", s.alpha);
    row("percent agreement", s.percent_agreement);
    out += all.render(2);
    return out;
}

std::string render_agreement_text(const AgreementReport& r)
{
    const MentionAgreement& m = r.mentions;
    std::string out = "Agreement between " + std::to_string(r.annotators.size()) + " annotators";
    for (size_t i = 0; i < r.annotators.size(); ++i)
        out += (i ? ", " : " (") + r.annotators[i] + (i + 1 == r.annotators.size() ? ")" : "");
    out += " over " + std::to_string(r.documents) + " documents\n\n";

    out += "Mentions (a is the reference: P = matched b / b, R = matched a / a)\n";
    TextTable pairs({false, false, true, true, true, true, true, true, true, true, true});
    pairs.add_row({"a", "b", "docs", "exact P", "exact R", "exact F1", "overlap P", "overlap R",
                   "overlap F1", "token kappa", "tokens"});
    for (const auto& p : m.pairs)
        pairs.add_row({p.annotator_a, p.annotator_b, std::to_string(p.documents), f3(p.exact.precision()),
                       f3(p.exact.recall()), f3(p.exact.f1()), f3(p.overlap.precision()),
                       f3(p.overlap.recall()), f3(p.overlap.f1()), f3(p.token_kappa.value),
                       std::to_string(p.tokens)});
    pairs.add_row({"all pairs", "", "", f3(m.exact.precision()), f3(m.exact.recall()), f3(m.exact.f1()),
                   f3(m.overlap.precision()), f3(m.overlap.recall()), f3(m.overlap.f1()),
                   f3(m.mean_token_kappa) + " (mean)", ""});
    out += pairs.render(2);

    if (!m.labels.empty()) {
        out += "\n  By type, all pairs\n";
        TextTable labels({false, true, true, true, true, true, true});
        labels.add_row({"type", "mentions a", "mentions b", "exact F1", "overlap F1", "token kappa", ""});
        for (const std::string& l : m.labels) {
            const MentionCounts& ex = m.exact_by_label.at(l);
            const MentionCounts& ov = m.overlap_by_label.at(l);
            labels.add_row({l, std::to_string(ex.count_a), std::to_string(ex.count_b), f3(ex.f1()), f3(ov.f1()),
                            f3(m.mean_token_kappa_by_label.at(l)), "(mean, type vs rest)"});
        }
        out += labels.render(2);
    }
    out += "  Krippendorff alpha over tokens (nominal): " + f3(m.token_alpha.value);
    if (!m.token_alpha.defined())
        out += " (" + m.token_alpha.undefined + ")";
    out += "\n\n";

    out += stance_text("Stances (document, holder, target)", r.stances);
    out += "\n";
    out += stance_text("Document stances (document, target)", r.doc_stances);

    if (!m.documents.empty()) {
        out += "\nPer document (summed over pairs)\n";
        TextTable docs({false, true, true, true, true, true, true});
        docs.add_row({"document", "layers", "mentions", "tokens", "exact F1", "overlap F1", "token kappa"});
        for (const auto& d : m.documents)
            docs.add_row({d.doc_id, std::to_string(d.layers), std::to_string(d.mentions), std::to_string(d.tokens),
                          f3(d.exact.f1()), f3(d.overlap.f1()), f3(d.mean_token_kappa)});
        out += docs.render(2);
    }
    if (!r.notes.empty()) {
        out += "\nNotes\n";
        for (const std::string& n : r.notes)
            out += "  - " + n + "\n";
    }
    return out;
}

} // namespace postil
