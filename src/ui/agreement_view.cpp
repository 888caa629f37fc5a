// The Agreement window. See agreement_view.h.
// Index
// [SECTION] drawing helpers: bars, heatmap
// [SECTION] token confusion matrix
// [SECTION] window
#include "agreement_view.h"

#include "app.h"
#include "widgets.h"

#include "core/layers.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace postil::ui {

//-----------------------------------------------------------------------------
// [SECTION] drawing helpers: bars, heatmap
//-----------------------------------------------------------------------------

namespace {

// A labelled horizontal bar for a value in [0, 1] (NaN: "n/a", no bar).
void bar(const char* label, double v, ImU32 color, float label_w, float bar_w)
{
    const float h = ImGui::GetTextLineHeight();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(label_w);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + bar_w, p.y + h), ImGui::GetColorU32(ImGuiCol_FrameBg), 2.0f);
    if (!std::isnan(v))
        dl->AddRectFilled(p, ImVec2(p.x + bar_w * static_cast<float>(std::clamp(v, 0.0, 1.0)), p.y + h), color, 2.0f);
    ImGui::Dummy(ImVec2(bar_w, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(std::isnan(v) ? "n/a" : format_fixed(v, 3).c_str());
}

void statistic_row(const char* name, const Statistic& s)
{
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    if (s.defined())
        ImGui::Text("%s", format_fixed(s.value, 3).c_str());
    else
        ImGui::TextDisabled("n/a");
    if (!s.defined() && ImGui::BeginItemTooltip()) {
        ImGui::TextUnformatted(s.undefined.c_str());
        ImGui::EndTooltip();
    }
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%zu units", s.units);
}

// Confusion matrix as coloured cells; colour strength = share of the row.
void heatmap(const ConfusionMatrix& m, const std::string& a, const std::string& b)
{
    const size_t n = m.labels.size();
    if (n == 0) {
        ImGui::TextDisabled("No tokens both layers labelled.");
        return;
    }
    const float cell = ImGui::GetFontSize() * 3.2f;
    float label_w = 0;
    for (const std::string& l : m.labels)
        label_w = std::max(label_w, ImGui::CalcTextSize(l.c_str()).x);
    label_w += ImGui::GetFontSize();
    ImGui::TextDisabled("rows: %s · columns: %s · %llu tokens", a.c_str(), b.c_str(), static_cast<unsigned long long>(m.total));
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const float line = ImGui::GetTextLineHeight();
    // Column labels (top), row labels (left).
    for (size_t c = 0; c < n; ++c) {
        const char* l = m.labels[c].c_str();
        const float tw = ImGui::CalcTextSize(l).x;
        dl->AddText(ImVec2(origin.x + label_w + c * cell + (cell - tw) * 0.5f, origin.y), text, l);
    }
    const float top = origin.y + line + 4;
    for (size_t r = 0; r < n; ++r) {
        uint64_t row_total = 0;
        for (size_t c = 0; c < n; ++c)
            row_total += m.at(r, c);
        dl->AddText(ImVec2(origin.x, top + r * cell + (cell - line) * 0.5f), text, m.labels[r].c_str());
        for (size_t c = 0; c < n; ++c) {
            const uint64_t v = m.at(r, c);
            const float share = row_total ? static_cast<float>(v) / row_total : 0.0f;
            // Diagonal green, off-diagonal red: agreement and confusion read at a glance.
            const ImU32 col = r == c ? IM_COL32(60, 170, 90, static_cast<int>(40 + 215 * share))
                                     : IM_COL32(220, 80, 60, static_cast<int>(share > 0 ? 40 + 215 * share : 18));
            ImVec2 p0(origin.x + label_w + c * cell, top + r * cell);
            dl->AddRectFilled(p0, ImVec2(p0.x + cell - 2, p0.y + cell - 2), col, 3.0f);
            char buf[32];
            std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(v));
            const float tw = ImGui::CalcTextSize(buf).x;
            dl->AddText(ImVec2(p0.x + (cell - tw) * 0.5f, p0.y + (cell - line) * 0.5f), text, buf);
        }
    }
    ImGui::Dummy(ImVec2(label_w + n * cell, line + 4 + n * cell));
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] token confusion matrix
//-----------------------------------------------------------------------------

namespace {
// Token labels of one layer in one document, as agreement does it: the first covering mention
// in (start, longest) order, else "O".
std::vector<std::string> token_labels(const Project& p, const Document& d, const std::vector<Span>& tokens,
                                      const std::string& annotator)
{
    std::vector<std::string> labels(tokens.size(), "O");
    auto [b, e] = p.mention_range(d.id);
    for (size_t t = 0; t < tokens.size(); ++t)
        for (size_t i = b; i < e; ++i) {
            const Mention& m = p.mentions[i];
            if (m.annotator != annotator)
                continue;
            if (m.start >= tokens[t].end)
                break; // sorted by start
            if (m.end > tokens[t].start) {
                labels[t] = m.type;
                break;
            }
        }
    return labels;
}
} // namespace

void AgreementView::recompute()
{
    const Project& p = app_.project();
    AgreementOptions opts;
    opts.annotators.assign(chosen_.begin(), chosen_.end());
    report_ = compute_agreement(p, opts);
    confusion_ = ConfusionMatrix();
    if (report_.annotators.size() >= 2) {
        pair_a_ = std::clamp(pair_a_, 0, static_cast<int>(report_.annotators.size()) - 1);
        pair_b_ = std::clamp(pair_b_, 0, static_cast<int>(report_.annotators.size()) - 1);
        const std::string& a = report_.annotators[static_cast<size_t>(pair_a_)];
        const std::string& b = report_.annotators[static_cast<size_t>(pair_b_)];
        ReliabilityData data;
        for (const Document& d : p.documents) {
            std::vector<Span> tokens = agreement_tokens(*d.text);
            std::vector<std::string> la = token_labels(p, d, tokens, a), lb = token_labels(p, d, tokens, b);
            for (size_t t = 0; t < tokens.size(); ++t) {
                const std::string unit = d.id + "\x1f" + std::to_string(t);
                data.set(unit, a, la[t]);
                data.set(unit, b + (a == b ? "\x1f" : ""), lb[t]);
            }
        }
        if (data.annotator_count() >= 2)
            confusion_ = confusion_matrix(data, 0, 1);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] window
//-----------------------------------------------------------------------------

void AgreementView::drawWindow(bool* open)
{
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 38.0f, ImGui::GetFontSize() * 34.0f), ImGuiCond_FirstUseEver);
    // First time: centred over the workspace (later: where the user left it, from the layout).
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Agreement", open)) {
        ImGui::End();
        return;
    }
    const Project& p = app_.project();
    // Listing the layers walks every record: only when the project changed, not every frame.
    if (const uint64_t key = app_.history().revision() + app_.generation(); key != layers_key_) {
        layers_.clear();
        for (const LayerInfo& l : list_layers(p)) // layers with annotations (not only entities)
            if (!l.annotator.empty() && l.annotator != kGoldAnnotator && l.counts.total() > 0)
                layers_.push_back(l.annotator);
        layers_key_ = key;
    }
    const std::vector<std::string>& layers = layers_;
    if (!chosen_init_ && !layers.empty()) {
        chosen_.insert(layers.begin(), layers.end());
        chosen_init_ = true;
    }
    ImGui::TextUnformatted("Annotators:");
    bool changed = false;
    for (const std::string& a : layers) {
        ImGui::SameLine();
        bool on = chosen_.count(a) > 0;
        if (ImGui::Checkbox(a.c_str(), &on)) {
            changed = true;
            if (on)
                chosen_.insert(a);
            else
                chosen_.erase(a);
        }
    }
    const uint64_t key = app_.history().revision() + app_.generation();
    if (changed || key != key_) {
        key_ = key;
        recompute();
    }
    if (report_.annotators.size() < 2) {
        ImGui::TextWrapped("Agreement needs at least two annotator layers. Import another annotator's file with "
                           "File > Import… > As an annotator layer.");
        ImGui::End();
        return;
    }
    ImGui::TextDisabled("%zu documents · %zu layers", report_.documents, report_.annotators.size());

    const float label_w = ImGui::GetFontSize() * 7.0f;
    const float bar_w = std::max(ImGui::GetFontSize() * 8.0f, ImGui::GetContentRegionAvail().x - label_w - ImGui::GetFontSize() * 4.0f);
    if (ImGui::CollapsingHeader("Mentions: precision, recall, F1", ImGuiTreeNodeFlags_DefaultOpen)) {
        if (ImGui::RadioButton("exact", !overlap_))
            overlap_ = false;
        ImGui::SameLine();
        if (ImGui::RadioButton("overlap", overlap_))
            overlap_ = true;
        note_item("agreement:overlap");
        const MentionAgreement& m = report_.mentions;
        const MentionCounts& all = overlap_ ? m.overlap : m.exact;
        const ImU32 cp = IM_COL32(90, 140, 230, 255), cr = IM_COL32(230, 160, 60, 255), cf = IM_COL32(70, 180, 110, 255);
        ImGui::SeparatorText("All labels");
        bar("precision", all.precision(), cp, label_w, bar_w);
        bar("recall", all.recall(), cr, label_w, bar_w);
        bar("F1", all.f1(), cf, label_w, bar_w);
        note_item("agreement:f1");
        const auto& by = overlap_ ? m.overlap_by_label : m.exact_by_label;
        for (const auto& [label, c] : by) {
            ImGui::SeparatorText(label.c_str());
            const EntityType* t = p.schema.entity_type(label);
            const ImU32 col = t ? rgb_to_u32(t->color) : cf;
            bar("F1", c.f1(), col, label_w, bar_w);
            ImGui::TextDisabled("   P %s · R %s · %zu vs %zu mentions", format_fixed(c.precision(), 2).c_str(),
                                format_fixed(c.recall(), 2).c_str(), c.count_a, c.count_b);
        }
    }
    if (ImGui::CollapsingHeader("Coefficients", ImGuiTreeNodeFlags_DefaultOpen)) {
        if (ImGui::BeginTable("coefficients", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
            Statistic mean;
            mean.value = report_.mentions.mean_token_kappa;
            mean.undefined = std::isnan(mean.value) ? "no pair had a defined kappa" : "";
            statistic_row("Tokens: Cohen's κ (mean of pairs)", mean);
            statistic_row("Tokens: Krippendorff's α", report_.mentions.token_alpha);
            Statistic sk;
            sk.value = report_.stances.mean_cohen_kappa;
            sk.undefined = std::isnan(sk.value) ? "no pair had a defined kappa" : "";
            sk.units = report_.stances.units;
            statistic_row("Stances: Cohen's κ (mean)", sk);
            statistic_row("Stances: Fleiss' κ", report_.stances.fleiss_kappa);
            statistic_row("Stances: Krippendorff's α", report_.stances.alpha);
            statistic_row("Document stances: Fleiss' κ", report_.doc_stances.fleiss_kappa);
            statistic_row("Document stances: Krippendorff's α", report_.doc_stances.alpha);
            ImGui::EndTable();
        }
        for (const MentionPairAgreement& pa : report_.mentions.pairs)
            ImGui::BulletText("%s vs %s: token κ %s, exact F1 %s", pa.annotator_a.c_str(), pa.annotator_b.c_str(),
                              format_fixed(pa.token_kappa.value, 3).c_str(), format_fixed(pa.exact.f1(), 3).c_str());
    }
    if (ImGui::CollapsingHeader("Token label confusion", ImGuiTreeNodeFlags_DefaultOpen)) {
        std::vector<const char*> names;
        for (const std::string& a : report_.annotators)
            names.push_back(a.c_str());
        bool pair_changed = false;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
        pair_changed |= ImGui::Combo("rows", &pair_a_, names.data(), static_cast<int>(names.size()));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
        pair_changed |= ImGui::Combo("columns", &pair_b_, names.data(), static_cast<int>(names.size()));
        if (pair_changed)
            recompute();
        heatmap(confusion_, report_.annotators[static_cast<size_t>(pair_a_)], report_.annotators[static_cast<size_t>(pair_b_)]);
    }
    if (!report_.notes.empty() && ImGui::CollapsingHeader("Notes")) {
        for (const std::string& n : report_.notes)
            ImGui::BulletText("%s", n.c_str());
    }
    ImGui::End();
}

} // namespace postil::ui
