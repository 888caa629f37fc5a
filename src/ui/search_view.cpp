// The search bar and corpus results. See search_view.h.
// Index
// [SECTION] searching
// [SECTION] navigation
// [SECTION] drawing
#include "search_view.h"

#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace postil::ui {

namespace {

constexpr size_t kMaxHits = 10000; // the list stays usable; the count says "10000+"

bool same_options(const SearchOptions& a, const SearchOptions& b)
{
    return a.ignore_case == b.ignore_case && a.ignore_accents == b.ignore_accents && a.whole_word == b.whole_word;
}

// "…left context [hit] right context…" pieces for one result row, on one line.
struct Snippet {
    std::string before, hit, after;
};

std::string one_line(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        out += (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
    return out;
}

Snippet snippet(const Text& t, Span s)
{
    constexpr uint32_t kContext = 32; // code points each side
    const uint32_t size = static_cast<uint32_t>(t.size());
    const uint32_t a = s.start > kContext ? s.start - kContext : 0;
    const uint32_t b = std::min(size, s.end + kContext);
    Snippet out;
    out.before = (a > 0 ? "…" : "") + one_line(t.slice(a, s.start));
    out.hit = one_line(t.slice(s.start, s.end));
    out.after = one_line(t.slice(s.end, b)) + (b < size ? "…" : "");
    return out;
}

} // namespace

void SearchView::open()
{
    open_ = true;
    focus_field_ = true;
}

void SearchView::set_query(const std::string& q)
{
    std::snprintf(buffer_, sizeof(buffer_), "%s", q.c_str());
    query_ = buffer_;
}

//-----------------------------------------------------------------------------
// [SECTION] searching
//-----------------------------------------------------------------------------

void SearchView::refresh(const Project& project, uint64_t revision)
{
    if (query_ == searched_query_ && same_options(options_, searched_options_) && revision == searched_revision_ &&
        project.documents.size() == searched_docs_)
        return;
    // Keep the current hit's place when only the text of the corpus changed.
    CorpusHit keep;
    const bool had = current_ < hits_.size();
    if (had)
        keep = hits_[current_];

    searched_query_ = query_;
    searched_options_ = options_;
    searched_revision_ = revision;
    searched_docs_ = project.documents.size();
    hits_.clear();
    current_ = SIZE_MAX;
    spans_valid_ = false;
    truncated_ = false;
    if (query_.empty())
        return;

    if (folded_case_ != options_.ignore_case || folded_accents_ != options_.ignore_accents) {
        folded_.clear();
        folded_case_ = options_.ignore_case;
        folded_accents_ = options_.ignore_accents;
    }
    SearchOptions opt = options_;
    opt.max_hits = 0;
    std::map<std::string, Folded> still_used;
    for (const Document& d : project.documents) {
        auto it = folded_.find(d.id);
        Folded f;
        if (it != folded_.end() && it->second.text == d.text)
            f = std::move(it->second);
        else
            f = Folded{d.text, fold_for_search(d.text->utf8(), opt)};
        if (hits_.size() < kMaxHits) {
            for (const Span& s : find_all(f.folded, query_, opt)) {
                if (hits_.size() >= kMaxHits) {
                    truncated_ = true;
                    break;
                }
                hits_.push_back(CorpusHit{d.id, s});
            }
        }
        still_used.emplace(d.id, std::move(f));
    }
    folded_ = std::move(still_used);
    if (had)
        for (size_t i = 0; i < hits_.size(); ++i)
            if (hits_[i].doc_id == keep.doc_id && hits_[i].span.start >= keep.span.start) {
                current_ = i;
                break;
            }
}

std::pair<size_t, size_t> SearchView::range_of(const std::string& doc_id) const
{
    size_t lo = 0;
    while (lo < hits_.size() && hits_[lo].doc_id != doc_id)
        ++lo;
    size_t hi = lo;
    while (hi < hits_.size() && hits_[hi].doc_id == doc_id)
        ++hi;
    return {lo, hi};
}

const std::vector<Span>& SearchView::hits_in_document(const std::string& doc_id)
{
    if (!open_ || query_.empty()) {
        spans_.clear();
        spans_valid_ = false;
        return spans_;
    }
    if (spans_valid_ && spans_doc_ == doc_id)
        return spans_;
    spans_.clear();
    auto [lo, hi] = range_of(doc_id);
    for (size_t i = lo; i < hi; ++i)
        spans_.push_back(hits_[i].span);
    spans_doc_ = doc_id;
    spans_valid_ = true;
    return spans_;
}

int SearchView::current_in_document(const std::string& doc_id) const
{
    if (!open_ || current_ >= hits_.size() || hits_[current_].doc_id != doc_id)
        return -1;
    auto [lo, hi] = range_of(doc_id);
    (void)hi;
    return static_cast<int>(current_ - lo);
}

//-----------------------------------------------------------------------------
// [SECTION] navigation
//-----------------------------------------------------------------------------

SearchView::Request SearchView::step(const std::string& doc_id, int direction)
{
    Request req;
    auto [lo, hi] = range_of(doc_id);
    if (lo == hi) {
        // No hit here: the first hit of the next document that has one (display order).
        if (hits_.empty() || !project_)
            return req;
        const int here = project_->document_index(doc_id);
        size_t best = 0;
        for (size_t i = 0; i < hits_.size(); ++i)
            if (project_->document_index(hits_[i].doc_id) > here) {
                best = i;
                break;
            }
        current_ = direction > 0 ? best : (best == 0 ? hits_.size() - 1 : best - 1);
        req.go = true;
        req.hit = hits_[current_];
        return req;
    }
    const size_t n = hi - lo;
    size_t k;
    if (current_ < lo || current_ >= hi)
        k = direction > 0 ? 0 : n - 1;
    else
        k = (current_ - lo + n + (direction > 0 ? 1 : n - 1)) % n;
    current_ = lo + k;
    req.go = true;
    req.hit = hits_[current_];
    return req;
}

//-----------------------------------------------------------------------------
// [SECTION] drawing
//-----------------------------------------------------------------------------

SearchView::Request SearchView::draw(const Project& project, const std::string& doc_id, uint64_t revision)
{
    Request req;
    if (!open_)
        return req;
    ImGui::PushID("search");
    if (focus_field_) {
        ImGui::SetKeyboardFocusHere();
        focus_field_ = false;
    }
    project_ = &project;
    const float em = ImGui::GetFontSize();
    // Row 1: the field, previous / next, close. Row 2: options and counts.
    const float buttons_w = ImGui::GetFrameHeight() * 2.0f + ImGui::GetStyle().ItemSpacing.x * 2.0f + em * 1.6f;
    ImGui::SetNextItemWidth(std::max(em * 8.0f, std::min(em * 24.0f, ImGui::GetContentRegionAvail().x - buttons_w)));
    const bool enter = ImGui::InputTextWithHint("##query", "Search the project…", buffer_, sizeof(buffer_),
                                                ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    const bool field_deactivated = ImGui::IsItemDeactivated();
    query_ = buffer_;
    if (field_deactivated && ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        open_ = false;
        req.close = true;
        ImGui::PopID();
        return req;
    }
    refresh(project, revision);
    if (enter) {
        req = step(doc_id, ImGui::GetIO().KeyShift ? -1 : +1);
        focus_field_ = true; // Enter deactivates the field; keep typing / stepping in it
    }

    auto [lo, hi] = range_of(doc_id);
    ImGui::SameLine();
    ImGui::BeginDisabled(lo == hi);
    if (ImGui::ArrowButton("##prev", ImGuiDir_Up))
        req = step(doc_id, -1);
    ImGui::SetItemTooltip("Previous hit (Shift+Enter, Shift+F3)");
    ImGui::SameLine(0, 2);
    if (ImGui::ArrowButton("##next", ImGuiDir_Down))
        req = step(doc_id, +1);
    ImGui::SetItemTooltip("Next hit (Enter, F3)");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::SmallButton("×")) {
        open_ = false;
        req.close = true;
    }
    ImGui::SetItemTooltip("Close the search bar (Esc in the field)");

    bool match_case = !options_.ignore_case, match_accents = !options_.ignore_accents;
    if (ImGui::Checkbox("Case", &match_case))
        options_.ignore_case = !match_case;
    ImGui::SetItemTooltip("Match case");
    ImGui::SameLine();
    if (ImGui::Checkbox("Accents", &match_accents))
        options_.ignore_accents = !match_accents;
    ImGui::SetItemTooltip("Match accents (off: \"controle\" finds \"contrôle\")");
    ImGui::SameLine();
    ImGui::Checkbox("Word", &options_.whole_word);
    ImGui::SetItemTooltip("Whole words only");

    ImGui::SameLine();
    if (query_.empty()) {
        ImGui::TextDisabled("Type to search every document");
    } else if (hits_.empty()) {
        ImGui::TextDisabled("No hits");
    } else {
        const int cur = current_in_document(doc_id);
        size_t docs = 0;
        for (size_t i = 0; i < hits_.size(); ++i)
            if (i == 0 || hits_[i].doc_id != hits_[i - 1].doc_id)
                ++docs;
        if (cur >= 0)
            ImGui::Text("%d of %zu here · %zu%s in %zu document%s", cur + 1, hi - lo, hits_.size(),
                        truncated_ ? "+" : "", docs, docs == 1 ? "" : "s");
        else
            ImGui::Text("%zu here · %zu%s in %zu document%s", hi - lo, hits_.size(), truncated_ ? "+" : "", docs,
                        docs == 1 ? "" : "s");
    }
    if (!hits_.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton(show_results_ ? "Hide list" : "Show list"))
            show_results_ = !show_results_;
    }

    if (open_ && show_results_ && !hits_.empty())
        draw_results(project, req);
    ImGui::PopID();
    return req;
}

void SearchView::draw_results(const Project& project, Request& req)
{
    const float row_h = ImGui::GetTextLineHeightWithSpacing();
    const float h = std::min(static_cast<float>(hits_.size()), 6.0f) * row_h + ImGui::GetStyle().WindowPadding.y * 2;
    ImGui::BeginChild("results", ImVec2(0, h), ImGuiChildFlags_Borders);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(hits_.size()), row_h);
    const ImVec4 hit_col = ImGui::GetStyle().Colors[ImGuiCol_PlotHistogram];
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const CorpusHit& h = hits_[static_cast<size_t>(i)];
            const Document* d = project.document(h.doc_id);
            if (!d)
                continue;
            ImGui::PushID(i);
            const bool selected = static_cast<size_t>(i) == current_;
            const std::string& name = d->name.empty() ? d->id : d->name;
            if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_AllowOverlap)) {
                current_ = static_cast<size_t>(i);
                req.go = true;
                req.hit = h;
            }
            ImGui::SameLine(0, 0);
            ImGui::TextDisabled("%s", name.c_str());
            ImGui::SameLine();
            const Snippet s = snippet(*d->text, h.span);
            ImGui::TextUnformatted(s.before.c_str());
            ImGui::SameLine(0, 0);
            ImGui::TextColored(hit_col, "%s", s.hit.c_str());
            ImGui::SameLine(0, 0);
            ImGui::TextUnformatted(s.after.c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
}

} // namespace postil::ui
