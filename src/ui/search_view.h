// SearchView: the document view's search bar (Ctrl+F) and the corpus-wide results list.
// Query field, options (match case, match accents, whole word), "3 of 17" with previous/next
// (Enter / Shift+Enter in the field, F3 / Shift+F3 in the view), and below it every hit in the
// project, grouped by document; clicking one opens that document and scrolls to the hit.
// Searching is core/search.h (accent- and case-insensitive by default); documents are folded
// once per option set and cached until their text changes.
// Does not do: drawing the hits in the text (DocumentView asks hits_in_document()), regular
// expressions, replacing.
#pragma once
#include "core/model.h"
#include "core/search.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace postil::ui {

class SearchView {
public:
    // What the bar asks the document view to do after drawing.
    struct Request {
        bool go = false;      // show hit `hit` (select its document, scroll, select its text)
        CorpusHit hit;
        bool close = false;   // the bar was closed (Esc): give the keyboard back to the text
    };

    void open();              // shows the bar and focuses its field (selects its text)
    void close() { open_ = false; }
    bool is_open() const { return open_; }
    // Draws the bar and, if expanded, the results list. `doc_id` is the document shown.
    Request draw(const Project& project, const std::string& doc_id, uint64_t revision);
    // Moves to the next / previous hit of the document shown (wraps around).
    Request step(const std::string& doc_id, int direction);

    // Hits in one document, in text order (empty when the bar is closed or the query empty).
    // Valid until the next call or draw().
    const std::vector<Span>& hits_in_document(const std::string& doc_id);
    // The hit shown as "current" in that document, or -1.
    int current_in_document(const std::string& doc_id) const;
    const std::string& query() const { return query_; }
    size_t hit_count() const { return hits_.size(); }
    // Replaces the query (tests, automation) and searches again on the next draw.
    void set_query(const std::string& q);

private:
    void refresh(const Project& project, uint64_t revision);
    std::pair<size_t, size_t> range_of(const std::string& doc_id) const; // into hits_
    void draw_results(const Project& project, Request& req);

    bool open_ = false;
    bool focus_field_ = false;
    const Project* project_ = nullptr; // of the last draw (document order for step())
    bool show_results_ = true;
    char buffer_[256] = {};
    std::string query_;
    SearchOptions options_;
    // What hits_ was computed for.
    std::string searched_query_;
    SearchOptions searched_options_;
    uint64_t searched_revision_ = ~uint64_t(0);
    size_t searched_docs_ = 0;
    bool truncated_ = false;

    std::vector<CorpusHit> hits_; // document display order, then text order
    size_t current_ = SIZE_MAX;   // index into hits_
    std::string spans_doc_;       // hits_in_document() cache
    std::vector<Span> spans_;
    bool spans_valid_ = false;
    // Folded texts per document (for this option set), reused while the text is the same.
    struct Folded {
        TextPtr text;
        FoldedText folded;
    };
    std::map<std::string, Folded> folded_;
    bool folded_case_ = true, folded_accents_ = true;
};

} // namespace postil::ui
