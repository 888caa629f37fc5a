#include "model.h"

#include <algorithm>
#include <cstdlib>

namespace postil {

const char* to_string(DocStatus s)
{
    switch (s) {
    case DocStatus::Todo: return "todo";
    case DocStatus::InProgress: return "in_progress";
    case DocStatus::Done: return "done";
    }
    return "todo";
}

std::optional<DocStatus> doc_status_from_string(const std::string& s)
{
    if (s == "todo") return DocStatus::Todo;
    if (s == "in_progress") return DocStatus::InProgress;
    if (s == "done") return DocStatus::Done;
    return std::nullopt;
}

const char* to_string(StanceRef::Kind k)
{
    switch (k) {
    case StanceRef::Kind::None: return "none";
    case StanceRef::Kind::Mention: return "mention";
    case StanceRef::Kind::Entity: return "entity";
    case StanceRef::Kind::Target: return "target";
    }
    return "none";
}

std::optional<StanceRef::Kind> stance_ref_kind_from_string(const std::string& s)
{
    if (s == "mention") return StanceRef::Kind::Mention;
    if (s == "entity") return StanceRef::Kind::Entity;
    if (s == "target") return StanceRef::Kind::Target;
    if (s == "none") return StanceRef::Kind::None;
    return std::nullopt;
}

bool mention_less(const Mention& a, const Mention& b)
{
    if (a.doc_id != b.doc_id) return a.doc_id < b.doc_id;
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end; // outer before inner
    return a.id < b.id;
}

template <class Vec>
static auto find_by_id(Vec& v, const std::string& id) -> decltype(&v[0])
{
    for (auto& x : v)
        if (x.id == id)
            return &x;
    return nullptr;
}

const Document* Project::document(const std::string& id) const { return find_by_id(documents, id); }
Document* Project::document(const std::string& id) { return find_by_id(documents, id); }
int Project::document_index(const std::string& id) const
{
    for (size_t i = 0; i < documents.size(); ++i)
        if (documents[i].id == id)
            return static_cast<int>(i);
    return -1;
}
const Mention* Project::mention(const std::string& id) const { return find_by_id(mentions, id); }
const Entity* Project::entity(const std::string& id) const { return find_by_id(entities, id); }
const Stance* Project::stance(const std::string& id) const { return find_by_id(stances, id); }

const DocStance* Project::doc_stance(const std::string& doc_id, const std::string& target_id,
                                     const std::string& who) const
{
    for (const auto& d : doc_stances)
        if (d.doc_id == doc_id && d.target_id == target_id && d.annotator == who)
            return &d;
    return nullptr;
}

std::pair<size_t, size_t> Project::mention_range(const std::string& doc_id) const
{
    auto lo = std::lower_bound(mentions.begin(), mentions.end(), doc_id,
                               [](const Mention& m, const std::string& d) { return m.doc_id < d; });
    auto hi = std::upper_bound(lo, mentions.end(), doc_id,
                               [](const std::string& d, const Mention& m) { return d < m.doc_id; });
    return {static_cast<size_t>(lo - mentions.begin()), static_cast<size_t>(hi - mentions.begin())};
}

std::vector<size_t> Project::mentions_in(const std::string& doc_id, uint32_t start, uint32_t end) const
{
    auto [lo, hi] = mention_range(doc_id);
    std::vector<size_t> out;
    // Mentions are sorted by start; any overlapping one starts before `end`. Long mentions
    // starting far before `start` are rare, so a scan from the document start bounded by
    // `end` is cheap; skip ahead with the longest span to avoid scanning everything.
    uint32_t longest = 0;
    for (size_t i = lo; i < hi; ++i)
        longest = std::max(longest, mentions[i].end - mentions[i].start);
    uint32_t from = start > longest ? start - longest : 0;
    auto first = std::lower_bound(mentions.begin() + lo, mentions.begin() + hi, from,
                                  [](const Mention& m, uint32_t s) { return m.start < s; });
    for (auto it = first; it != mentions.begin() + hi && it->start < end; ++it)
        if (it->end > start || (it->start == it->end && it->start >= start))
            out.push_back(static_cast<size_t>(it - mentions.begin()));
    return out;
}

size_t Project::mention_count(const std::string& entity_id) const
{
    return static_cast<size_t>(std::count_if(mentions.begin(), mentions.end(),
                                             [&](const Mention& m) { return m.entity_id == entity_id; }));
}

std::string Project::new_id(const std::string& prefix) const
{
    // Largest numeric suffix in use with this prefix, across every record kind.
    unsigned long long best = 0;
    // Hand-rolled digits (not strtoull): this runs over every id on each new annotation, and
    // a 20,000-mention document must still add one in well under a millisecond.
    constexpr unsigned long long kMax = ~0ULL;
    auto consider = [&](const std::string& id) {
        if (id.size() <= prefix.size() || (!prefix.empty() && id[0] != prefix[0]) || id.compare(0, prefix.size(), prefix) != 0)
            return;
        unsigned long long n = 0;
        for (size_t i = prefix.size(); i < id.size(); ++i) {
            const unsigned d = static_cast<unsigned char>(id[i]) - '0';
            if (d > 9)
                return; // not prefix + digits
            n = n > (kMax - d) / 10 ? kMax : n * 10 + d; // saturates like strtoull
        }
        best = std::max(best, n);
    };
    for (const auto& x : documents) consider(x.id);
    for (const auto& x : mentions) consider(x.id);
    for (const auto& x : entities) consider(x.id);
    for (const auto& x : stances) consider(x.id);
    for (const auto& x : doc_stances) consider(x.id);
    return prefix + std::to_string(best + 1);
}

void Project::keep_sorted()
{
    // Importers usually hand over mentions already in order: skip the sort then.
    if (!std::is_sorted(mentions.begin(), mentions.end(), mention_less))
        std::sort(mentions.begin(), mentions.end(), mention_less);
    std::sort(entities.begin(), entities.end(), [](const Entity& a, const Entity& b) { return a.id < b.id; });
    std::sort(stances.begin(), stances.end(), [](const Stance& a, const Stance& b) {
        return a.doc_id != b.doc_id ? a.doc_id < b.doc_id : a.id < b.id;
    });
    std::sort(doc_stances.begin(), doc_stances.end(), [](const DocStance& a, const DocStance& b) {
        if (a.doc_id != b.doc_id) return a.doc_id < b.doc_id;
        if (a.target_id != b.target_id) return a.target_id < b.target_id;
        if (a.annotator != b.annotator) return a.annotator < b.annotator;
        return a.id < b.id;
    });
}

} // namespace postil
