// Dataset splits: documents of a project dealt into train / dev / test by ratios and a seed,
// stratified by a per-document label so each split sees the labels in about the same shares.
// Deterministic everywhere: the same project, ratios and seed give the same split on every
// platform (own splitmix64 generator and integer arithmetic; no std::*_distribution, whose
// output differs between libstdc++ and libc++; documents taken in id order, not display order).
// Does not do: splitting inside a document (a document is never cut), writing files (CLI).
#pragma once
#include "core/model.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace postil {

enum class StratifyBy {
    Auto,      // document stance if the project has any, else dominant entity type
    DocStance, // "target=POLARITY" of each document's document stances (sorted, joined by '+')
    Entity,    // the most frequent mention type in the document (ties: schema order)
    None,      // plain random split
};
const char* to_string(StratifyBy s);
bool stratify_from_string(const std::string& s, StratifyBy& out); // "auto" "doc-stance" "entity" "none"

struct SplitOptions {
    double train = 0.8, dev = 0.1, test = 0.1; // non-negative, must sum to 1 (within 1e-6)
    uint64_t seed = 0;
    StratifyBy stratify = StratifyBy::Auto;
};

struct SplitResult {
    std::vector<std::string> train, dev, test;  // document ids, in project order
    std::map<std::string, std::string> stratum; // document id -> its stratification label
    StratifyBy used = StratifyBy::None;         // what Auto resolved to
};

// Returns an empty string if the options are valid, else what is wrong.
std::string check_split_options(const SplitOptions& opts);
// Throws InputError if the options are invalid.
SplitResult split_documents(const Project& p, const SplitOptions& opts);
// The stratification label of one document ("(none)" when it has nothing to stratify on).
std::string document_stratum(const Project& p, const std::string& doc_id, StratifyBy by);

// The project restricted to these documents (schema, entities kept; annotations filtered).
Project project_subset(const Project& p, const std::vector<std::string>& doc_ids);

// [SECTION] the generator (exposed for tests)
struct SplitMix64 {
    uint64_t state;
    explicit SplitMix64(uint64_t seed) : state(seed) {}
    uint64_t next();
    uint64_t below(uint64_t n); // uniform in [0, n) (rejection sampling, no modulo bias)
};
uint64_t fnv1a64(const std::string& s);

} // namespace postil
