// Project statistics: documents, tokens, mentions per label, canonical entities, stances per
// polarity, document stances per target and polarity, work per annotator; as text or JSON.
// Used by `postil stats` and by the dataset card (dataset/card.h).
// Does not do: agreement between annotators (agreement/), anything that edits the project.
#pragma once
#include "model.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace postil {

struct LabelStats {
    std::string label;     // entity type id
    std::string name;      // its display name ("" if not in the schema)
    size_t mentions = 0;
    size_t documents = 0;  // documents with at least one mention of this type
    size_t entities = 0;   // canonical entities of this type
};

struct EntityStats {
    std::string id, name, type;
    size_t mentions = 0, documents = 0;
};

struct DocumentStats {
    std::string id, name, status;
    size_t code_points = 0, tokens = 0, mentions = 0, stances = 0, doc_stances = 0;
};

struct ProjectStats {
    size_t documents = 0, code_points = 0, bytes = 0, tokens = 0;
    size_t mentions = 0, linked_mentions = 0, entities = 0, stances = 0, doc_stances = 0;
    std::map<std::string, size_t> status;                      // "todo" / "in_progress" / "done" -> documents
    std::vector<LabelStats> labels;                            // schema order, then types not in the schema
    std::map<std::string, size_t> stance_polarity;             // span-level stances per polarity
    std::map<std::string, std::map<std::string, size_t>> doc_stance; // target id -> polarity -> count
    std::map<std::string, size_t> annotators;                  // annotations (mentions + stances + doc stances) per annotator
    std::vector<EntityStats> entity_rows;                      // by mentions, most first
    std::vector<DocumentStats> document_rows;                  // project order
};

struct StatsOptions {
    bool count_tokens = true; // runs the tokenizer over every document (linear, but not free)
};

ProjectStats compute_stats(const Project& p, const StatsOptions& opts = {});
nlohmann::json stats_to_json(const ProjectStats& s);
// Plain-text tables for a terminal.
std::string stats_to_text(const ProjectStats& s, const std::string& project_name);

} // namespace postil
