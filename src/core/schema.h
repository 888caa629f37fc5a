// Schema: what can be annotated in a project (entity types, stance polarities and targets,
// relation types, free attributes), its JSON form and its validation.
// Does not do: annotations (model.h), project files (project_io.h).
#pragma once
#include "diagnostic.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace postil {

struct EntityType {
    std::string id;     // e.g. "PER"; used in exports as the label
    std::string name;   // display name, e.g. "Person"
    uint32_t color = 0; // 0xRRGGBB
    std::string hotkey; // one key, e.g. "1" or "p"; empty for none
    bool operator==(const EntityType&) const = default;
};

struct Polarity {
    std::string id;     // "FAVOR"
    std::string name;   // "Favor"
    uint32_t color = 0;
    std::string hotkey; // "f"
    bool operator==(const Polarity&) const = default;
};

// A named topic a document or a holder can take a stance on.
struct StanceTarget {
    std::string id;          // "export-controls"
    std::string name;        // "US export controls on AI chips"
    std::string description;
    bool operator==(const StanceTarget&) const = default;
};

struct RelationType {
    std::string id;
    std::string name;
    bool operator==(const RelationType&) const = default;
};

// A free attribute on mentions: a name and, if closed, its allowed values.
struct AttributeDef {
    std::string id;
    std::string name;
    std::vector<std::string> values; // empty = free text
    bool operator==(const AttributeDef&) const = default;
};

struct Schema {
    std::vector<EntityType> entity_types;
    std::vector<Polarity> polarities;
    std::vector<StanceTarget> stance_targets;
    std::vector<RelationType> relation_types;
    std::vector<AttributeDef> attributes;

    const EntityType* entity_type(const std::string& id) const;
    const Polarity* polarity(const std::string& id) const;
    const StanceTarget* stance_target(const std::string& id) const;
    bool operator==(const Schema&) const = default;
};

// PER, ORG, LOC, GPE, PRODUCT, POLICY, EVENT, MISC; FAVOR / AGAINST / NEUTRAL.
Schema default_schema();

// JSON form (the "schema" object of a project file, or a standalone schema file).
nlohmann::json schema_to_json(const Schema& schema);
// Validates and converts; every problem goes to `diags` with its JSON path under `path`.
// Returns the schema as far as it could be read (check diags.empty()).
Schema schema_from_json(const nlohmann::json& j, Diagnostics& diags, const std::string& path = "");

// "#rrggbb" <-> 0xRRGGBB
std::string color_to_hex(uint32_t rgb);
bool color_from_hex(const std::string& s, uint32_t& rgb);

} // namespace postil
