#include "model.h"

#include <algorithm>
#include <cassert>
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

std::vector<const Mention*> mentions_in_order(const std::vector<Mention>& mentions)
{
    std::vector<const Mention*> out;
    out.reserve(mentions.size());
    for (const auto& m : mentions)
        out.push_back(&m);
    if (!std::is_sorted(mentions.begin(), mentions.end(), mention_less))
        std::sort(out.begin(), out.end(), [](const Mention* a, const Mention* b) { return mention_less(*a, *b); });
    return out;
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

// [SECTION] ids

// The number after `prefix` if id is prefix + digits (saturating like strtoull).
static bool id_number(const std::string& id, const std::string& prefix, unsigned long long& n)
{
    if (id.size() <= prefix.size() || (!prefix.empty() && id[0] != prefix[0]) || id.compare(0, prefix.size(), prefix) != 0)
        return false;
    constexpr unsigned long long kMax = ~0ULL;
    n = 0;
    for (size_t i = prefix.size(); i < id.size(); ++i) {
        const unsigned d = static_cast<unsigned char>(id[i]) - '0';
        if (d > 9)
            return false;
        n = n > (kMax - d) / 10 ? kMax : n * 10 + d;
    }
    return true;
}

template <class F>
static void for_each_id(const Project& p, F&& f)
{
    for (const auto& x : p.documents) f(x.id);
    for (const auto& x : p.mentions) f(x.id);
    for (const auto& x : p.entities) f(x.id);
    for (const auto& x : p.stances) f(x.id);
    for (const auto& x : p.doc_stances) f(x.id);
}

// The fingerprint id_cache is valid for: each record vector's buffer and size.
static void fingerprint(const Project& p, const void* data[5], size_t size[5])
{
    data[0] = p.documents.data(); size[0] = p.documents.size();
    data[1] = p.mentions.data(); size[1] = p.mentions.size();
    data[2] = p.entities.data(); size[2] = p.entities.size();
    data[3] = p.stances.data(); size[3] = p.stances.size();
    data[4] = p.doc_stances.data(); size[4] = p.doc_stances.size();
}

bool Project::ids_cached() const
{
    if (!id_cache.built)
        return false;
    const void* data[5];
    size_t size[5];
    fingerprint(*this, data, size);
    for (int i = 0; i < 5; ++i)
        if (data[i] != id_cache.data[i] || size[i] != id_cache.size[i])
            return false;
    return true;
}

// The numbers in use with `prefix`, (re)building the cache when the vectors changed behind it.
static const std::vector<unsigned long long>& used_numbers(const Project& p, const std::string& prefix)
{
    IdCache& c = p.id_cache;
    if (!p.ids_cached()) {
        c.prefixes.clear();
        fingerprint(p, c.data, c.size);
        c.built = true;
    }
    for (const auto& x : c.prefixes)
        if (x.prefix == prefix)
            return x.used;
    IdCache::Numbers x;
    x.prefix = prefix;
    for_each_id(p, [&](const std::string& id) {
        unsigned long long n;
        if (id_number(id, prefix, n))
            x.used.push_back(n);
    });
    // Files usually number their records in order: no sort then.
    if (!std::is_sorted(x.used.begin(), x.used.end()))
        std::sort(x.used.begin(), x.used.end());
    c.prefixes.push_back(std::move(x));
    return c.prefixes.back().used;
}

void Project::note_ids(bool was_cached, const std::string* removed, const std::string* added) const
{
    if (!was_cached) {
        id_cache.built = false;
        return;
    }
    if (!(removed && added && *removed == *added)) {
        for (auto& x : id_cache.prefixes) {
            unsigned long long n;
            if (removed && id_number(*removed, x.prefix, n)) {
                auto it = std::lower_bound(x.used.begin(), x.used.end(), n);
                if (it != x.used.end() && *it == n)
                    x.used.erase(it);
            }
            if (added && id_number(*added, x.prefix, n))
                x.used.insert(std::upper_bound(x.used.begin(), x.used.end(), n), n);
        }
    }
    fingerprint(*this, id_cache.data, id_cache.size);
}

bool Project::id_surely_unused(const std::string& id) const
{
    if (!ids_cached())
        return false;
    for (const auto& x : id_cache.prefixes) {
        unsigned long long n;
        if (id_number(id, x.prefix, n) && n != ~0ULL && (x.used.empty() || n > x.used.back()))
            return true;
    }
    return false;
}

std::string Project::new_id(const std::string& prefix) const
{
    // Largest numeric suffix in use with this prefix, across every record kind.
    const auto& used = used_numbers(*this, prefix);
    const unsigned long long best = used.empty() ? 0 : used.back();
#ifndef NDEBUG
    // Debug builds check the cache against the scan it replaces: a caller that changed ids
    // behind the cache's back (see ids_changed) shows up in the tests.
    unsigned long long scanned = 0;
    for_each_id(*this, [&](const std::string& id) {
        unsigned long long n;
        if (id_number(id, prefix, n))
            scanned = std::max(scanned, n);
    });
    assert(scanned == best && "Project::id_cache out of step: call ids_changed() after editing ids in place");
#endif
    return prefix + std::to_string(best + 1);
}

void Project::keep_sorted()
{
    ids_changed();
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
    // Numbered now (one pass, as cheap as the is_sorted above), so the first mention added
    // after loading does not pay for the scan (~0.5 ms at 20,000 mentions).
    (void)used_numbers(*this, "m");
}

} // namespace postil
