#include "schema.h"

#include "text.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <set>

namespace postil {

using nlohmann::json;

const EntityType* Schema::entity_type(const std::string& id) const
{
    for (const auto& t : entity_types)
        if (t.id == id)
            return &t;
    return nullptr;
}

const Polarity* Schema::polarity(const std::string& id) const
{
    for (const auto& p : polarities)
        if (p.id == id)
            return &p;
    return nullptr;
}

const StanceTarget* Schema::stance_target(const std::string& id) const
{
    for (const auto& t : stance_targets)
        if (t.id == id)
            return &t;
    return nullptr;
}

Schema default_schema()
{
    Schema s;
    // Colours chosen to stay distinct on both dark and light backgrounds.
    s.entity_types = {
        {"PER", "Person", 0x4E79A7, "1"},
        {"ORG", "Organisation", 0xF28E2B, "2"},
        {"LOC", "Place", 0x59A14F, "3"},
        {"GPE", "Country / city / state", 0x76B7B2, "4"},
        {"PRODUCT", "Product", 0xB07AA1, "5"},
        {"POLICY", "Policy", 0xE15759, "6"},
        {"EVENT", "Event", 0xEDC948, "7"},
        {"MISC", "Other", 0x9C755F, "8"},
    };
    s.polarities = {
        {"FAVOR", "Favor", 0x2CA02C, "f"},
        {"AGAINST", "Against", 0xD62728, "a"},
        {"NEUTRAL", "Neutral", 0x7F7F7F, "n"},
    };
    s.stance_targets = {
        {"us-export-controls", "US export controls on AI chips", "Restrictions on selling advanced chips and AI technology to China"},
        {"china-ai-independence", "China's technological self-reliance in AI", ""},
        {"ai-safety-regulation", "Regulating AI risk", ""},
    };
    s.relation_types = {{"affiliated_with", "Affiliated with"}, {"located_in", "Located in"}};
    return s;
}

std::string color_to_hex(uint32_t rgb)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06x", rgb & 0xFFFFFF);
    return buf;
}

bool color_from_hex(const std::string& s, uint32_t& rgb)
{
    if (s.size() != 7 || s[0] != '#')
        return false;
    uint32_t v = 0;
    for (size_t i = 1; i < 7; ++i) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return false;
        v = v * 16 + static_cast<uint32_t>(d);
    }
    rgb = v;
    return true;
}

// [SECTION] JSON

json schema_to_json(const Schema& s)
{
    json j = json::object();
    j["entity_types"] = json::array();
    for (const auto& t : s.entity_types)
        j["entity_types"].push_back({{"id", t.id}, {"name", t.name}, {"color", color_to_hex(t.color)}, {"hotkey", t.hotkey}});
    j["polarities"] = json::array();
    for (const auto& p : s.polarities)
        j["polarities"].push_back({{"id", p.id}, {"name", p.name}, {"color", color_to_hex(p.color)}, {"hotkey", p.hotkey}});
    j["stance_targets"] = json::array();
    for (const auto& t : s.stance_targets)
        j["stance_targets"].push_back({{"id", t.id}, {"name", t.name}, {"description", t.description}});
    j["relation_types"] = json::array();
    for (const auto& r : s.relation_types)
        j["relation_types"].push_back({{"id", r.id}, {"name", r.name}});
    j["attributes"] = json::array();
    for (const auto& a : s.attributes)
        j["attributes"].push_back({{"id", a.id}, {"name", a.name}, {"values", a.values}});
    return j;
}

namespace {

// Small reader that records what it expected and where, instead of throwing.
struct Reader {
    Diagnostics& diags;
    void error(const std::string& path, const std::string& msg) { diags.push_back({{}, 0, 0, path.empty() ? "/" : path, msg}); }

    std::string str(const json& o, const std::string& path, const char* key, bool required)
    {
        auto it = o.find(key);
        if (it == o.end()) {
            if (required)
                error(path + "/" + key, "missing required string");
            return {};
        }
        if (!it->is_string()) {
            error(path + "/" + key, std::string("expected a string, found ") + it->type_name());
            return {};
        }
        return it->get<std::string>();
    }

    uint32_t color(const json& o, const std::string& path, uint32_t fallback)
    {
        std::string c = str(o, path, "color", false);
        if (c.empty())
            return fallback;
        uint32_t v = 0;
        if (!color_from_hex(c, v))
            error(path + "/color", "expected a colour like \"#4e79a7\", found \"" + c + "\"");
        return v;
    }

    const json* array(const json& o, const std::string& path, const char* key)
    {
        auto it = o.find(key);
        if (it == o.end())
            return nullptr;
        if (!it->is_array()) {
            error(path + "/" + key, std::string("expected an array, found ") + it->type_name());
            return nullptr;
        }
        return &*it;
    }

    bool object(const json& o, const std::string& path)
    {
        if (o.is_object())
            return true;
        error(path, std::string("expected an object, found ") + o.type_name());
        return false;
    }

    void unique(std::set<std::string>& seen, const std::string& id, const std::string& path)
    {
        if (id.empty())
            return;
        if (!seen.insert(id).second)
            error(path + "/id", "duplicate id \"" + id + "\"");
    }
};

} // namespace

Schema schema_from_json(const json& j, Diagnostics& diags, const std::string& path)
{
    Schema s;
    Reader r{diags};
    if (!r.object(j, path))
        return s;
    std::set<std::string> hotkeys;
    auto check_hotkey = [&](const std::string& key, const std::string& p) {
        if (key.empty())
            return;
        if (count_code_points(key) != 1)
            r.error(p + "/hotkey", "expected a single key, found \"" + key + "\"");
        else if (!hotkeys.insert(key).second)
            r.error(p + "/hotkey", "hotkey \"" + key + "\" is used twice");
    };
    if (const json* a = r.array(j, path, "entity_types")) {
        std::set<std::string> ids;
        for (size_t i = 0; i < a->size(); ++i) {
            std::string p = path + "/entity_types/" + std::to_string(i);
            const json& o = (*a)[i];
            if (!r.object(o, p))
                continue;
            EntityType t{r.str(o, p, "id", true), r.str(o, p, "name", false), r.color(o, p, 0x888888), r.str(o, p, "hotkey", false)};
            if (t.name.empty())
                t.name = t.id;
            r.unique(ids, t.id, p);
            check_hotkey(t.hotkey, p);
            s.entity_types.push_back(std::move(t));
        }
    } else if (!j.contains("entity_types")) {
        r.error(path + "/entity_types", "missing required array of entity types");
    }
    if (const json* a = r.array(j, path, "polarities")) {
        std::set<std::string> ids, stance_keys;
        for (size_t i = 0; i < a->size(); ++i) {
            std::string p = path + "/polarities/" + std::to_string(i);
            const json& o = (*a)[i];
            if (!r.object(o, p))
                continue;
            Polarity pol{r.str(o, p, "id", true), r.str(o, p, "name", false), r.color(o, p, 0x888888), r.str(o, p, "hotkey", false)};
            if (pol.name.empty())
                pol.name = pol.id;
            r.unique(ids, pol.id, p);
            // Polarity keys are pressed in stance mode, separate from entity hotkeys.
            if (!pol.hotkey.empty() && !stance_keys.insert(pol.hotkey).second)
                r.error(p + "/hotkey", "hotkey \"" + pol.hotkey + "\" is used twice");
            s.polarities.push_back(std::move(pol));
        }
    } else if (!j.contains("polarities")) {
        s.polarities = default_schema().polarities;
    }
    if (const json* a = r.array(j, path, "stance_targets")) {
        std::set<std::string> ids;
        for (size_t i = 0; i < a->size(); ++i) {
            std::string p = path + "/stance_targets/" + std::to_string(i);
            const json& o = (*a)[i];
            if (!r.object(o, p))
                continue;
            StanceTarget t{r.str(o, p, "id", true), r.str(o, p, "name", false), r.str(o, p, "description", false)};
            if (t.name.empty())
                t.name = t.id;
            r.unique(ids, t.id, p);
            s.stance_targets.push_back(std::move(t));
        }
    }
    if (const json* a = r.array(j, path, "relation_types")) {
        std::set<std::string> ids;
        for (size_t i = 0; i < a->size(); ++i) {
            std::string p = path + "/relation_types/" + std::to_string(i);
            const json& o = (*a)[i];
            if (!r.object(o, p))
                continue;
            RelationType t{r.str(o, p, "id", true), r.str(o, p, "name", false)};
            if (t.name.empty())
                t.name = t.id;
            r.unique(ids, t.id, p);
            s.relation_types.push_back(std::move(t));
        }
    }
    if (const json* a = r.array(j, path, "attributes")) {
        std::set<std::string> ids;
        for (size_t i = 0; i < a->size(); ++i) {
            std::string p = path + "/attributes/" + std::to_string(i);
            const json& o = (*a)[i];
            if (!r.object(o, p))
                continue;
            AttributeDef d{r.str(o, p, "id", true), r.str(o, p, "name", false), {}};
            if (const json* v = r.array(o, p, "values")) {
                for (size_t k = 0; k < v->size(); ++k) {
                    if ((*v)[k].is_string())
                        d.values.push_back((*v)[k].get<std::string>());
                    else
                        r.error(p + "/values/" + std::to_string(k), "expected a string");
                }
            }
            r.unique(ids, d.id, p);
            s.attributes.push_back(std::move(d));
        }
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        static const std::set<std::string> known = {"entity_types", "polarities", "stance_targets", "relation_types", "attributes"};
        if (!known.count(it.key()))
            r.error(path + "/" + it.key(), "unknown key (expected one of entity_types, polarities, stance_targets, relation_types, attributes)");
    }
    return s;
}

} // namespace postil
