// Deterministic stratified train/dev/test split. See split.h.
#include "split.h"

#include "core/diagnostic.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace postil {

// [SECTION] generator

uint64_t SplitMix64::next()
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t SplitMix64::below(uint64_t n)
{
    if (n <= 1)
        return 0;
    // Reject the top values that would make some results more likely than others.
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    for (;;) {
        uint64_t x = next();
        if (x < limit)
            return x % n;
    }
}

uint64_t fnv1a64(const std::string& s)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001B3ull;
    }
    return h;
}

template <class T>
static void shuffle(std::vector<T>& v, SplitMix64& rng)
{
    for (size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[static_cast<size_t>(rng.below(i))]);
}

// [SECTION] strata

const char* to_string(StratifyBy s)
{
    switch (s) {
    case StratifyBy::Auto: return "auto";
    case StratifyBy::DocStance: return "doc-stance";
    case StratifyBy::Entity: return "entity";
    case StratifyBy::None: return "none";
    }
    return "auto";
}

bool stratify_from_string(const std::string& s, StratifyBy& out)
{
    for (StratifyBy b : {StratifyBy::Auto, StratifyBy::DocStance, StratifyBy::Entity, StratifyBy::None})
        if (s == to_string(b)) {
            out = b;
            return true;
        }
    return false;
}

// Stratification labels of every document in one pass over the annotations.
static std::map<std::string, std::string> all_strata(const Project& p, StratifyBy by)
{
    std::map<std::string, std::string> out;
    if (by == StratifyBy::DocStance) {
        std::map<std::string, std::set<std::string>> parts; // a set: annotators agreeing count once
        for (const DocStance& s : p.doc_stances)
            parts[s.doc_id].insert(s.target_id + "=" + s.polarity);
        for (const auto& [doc, set] : parts) {
            std::string key;
            for (const auto& part : set)
                key += (key.empty() ? "" : "+") + part;
            out[doc] = key;
        }
    } else if (by == StratifyBy::Entity) {
        std::map<std::string, size_t> rank;
        for (size_t k = 0; k < p.schema.entity_types.size(); ++k)
            rank[p.schema.entity_types[k].id] = k;
        std::map<std::string, std::map<std::string, size_t>> counts;
        for (const Mention& m : p.mentions)
            ++counts[m.doc_id][m.type];
        for (const auto& [doc, types] : counts) {
            std::string best;
            size_t best_n = 0, best_rank = SIZE_MAX;
            for (const auto& [type, n] : types) {
                auto it = rank.find(type);
                size_t r = it == rank.end() ? p.schema.entity_types.size() : it->second;
                if (n > best_n || (n == best_n && r < best_rank)) {
                    best = type;
                    best_n = n;
                    best_rank = r;
                }
            }
            out[doc] = best;
        }
    }
    for (const Document& d : p.documents) {
        std::string& key = out[d.id];
        if (key.empty())
            key = by == StratifyBy::None ? "(all)" : "(none)";
    }
    return out;
}

std::string document_stratum(const Project& p, const std::string& doc_id, StratifyBy by)
{
    auto all = all_strata(p, by);
    auto it = all.find(doc_id);
    return it == all.end() ? std::string("(none)") : it->second;
}

std::string check_split_options(const SplitOptions& o)
{
    for (double r : {o.train, o.dev, o.test})
        if (!(r >= 0.0 && r <= 1.0))
            return "ratios must be between 0 and 1";
    double sum = o.train + o.dev + o.test;
    if (std::fabs(sum - 1.0) > 1e-6)
        return "train + dev + test must be 1 (they sum to " + std::to_string(sum) + ")";
    return {};
}

// [SECTION] split

SplitResult split_documents(const Project& p, const SplitOptions& opts)
{
    if (std::string err = check_split_options(opts); !err.empty())
        throw InputError{{{"", 0, 0, "", err}}};
    SplitResult res;
    StratifyBy by = opts.stratify;
    if (by == StratifyBy::Auto)
        by = !p.doc_stances.empty() ? StratifyBy::DocStance : !p.mentions.empty() ? StratifyBy::Entity : StratifyBy::None;
    res.used = by;

    // Strata, each with its documents in id order (display order must not change the split).
    std::map<std::string, std::vector<std::string>> strata;
    std::map<std::string, std::string> keys = all_strata(p, by);
    for (const Document& d : p.documents) {
        const std::string& key = keys[d.id];
        res.stratum[d.id] = key;
        strata[key].push_back(d.id);
    }
    SplitMix64 rng(opts.seed);
    std::vector<std::pair<std::string, std::vector<std::string>>> order(strata.begin(), strata.end());
    for (auto& [key, ids] : order) {
        std::sort(ids.begin(), ids.end());
        SplitMix64 local(opts.seed ^ fnv1a64(key));
        shuffle(ids, local);
    }
    // Strata in random order, so small strata do not always meet the same point of the cycle.
    shuffle(order, rng);

    // Deal documents in that order, each to the split furthest behind its share (largest
    // credit). Every stratum, being a contiguous run, gets its share within one document, and
    // so do the totals. Integer weights: no floating point in the decision.
    const int64_t w[3] = {std::llround(opts.train * 1e6), std::llround(opts.dev * 1e6), std::llround(opts.test * 1e6)};
    const int64_t total = w[0] + w[1] + w[2];
    int64_t credit[3] = {0, 0, 0};
    std::map<std::string, int> assigned;
    for (const auto& [key, ids] : order)
        for (const auto& id : ids) {
            int best = 0;
            for (int k = 0; k < 3; ++k)
                credit[k] += w[k];
            for (int k = 1; k < 3; ++k)
                if (credit[k] > credit[best])
                    best = k;
            credit[best] -= total;
            assigned[id] = best;
        }
    for (const Document& d : p.documents) {
        int k = assigned[d.id];
        (k == 0 ? res.train : k == 1 ? res.dev : res.test).push_back(d.id);
    }
    return res;
}

Project project_subset(const Project& p, const std::vector<std::string>& doc_ids)
{
    std::set<std::string> keep(doc_ids.begin(), doc_ids.end());
    Project out;
    out.name = p.name;
    out.annotator = p.annotator;
    out.schema = p.schema;
    for (const Document& d : p.documents)
        if (keep.count(d.id))
            out.documents.push_back(d);
    std::set<std::string> entities;
    for (const Mention& m : p.mentions)
        if (keep.count(m.doc_id)) {
            out.mentions.push_back(m);
            if (!m.entity_id.empty())
                entities.insert(m.entity_id);
        }
    for (const Stance& s : p.stances)
        if (keep.count(s.doc_id)) {
            out.stances.push_back(s);
            for (const StanceRef* r : {&s.holder, &s.target})
                if (r->kind == StanceRef::Kind::Entity)
                    entities.insert(r->id);
        }
    for (const DocStance& s : p.doc_stances)
        if (keep.count(s.doc_id))
            out.doc_stances.push_back(s);
    // Only the canonical entities this part refers to: a split file names no entity it never uses.
    for (const Entity& e : p.entities)
        if (entities.count(e.id))
            out.entities.push_back(e);
    return out;
}

} // namespace postil
