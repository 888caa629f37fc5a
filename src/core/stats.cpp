// Project statistics. See stats.h.
#include "stats.h"

#include "formats/iob.h"
#include "tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <set>

namespace postil {

// Tokens as the token exports see them: the source's tokens for documents imported from
// token files (whitespace-separated), the French tokenizer's otherwise.
static size_t token_count(const Document& d)
{
    if (!iob::has_whitespace_tokens(d))
        return tokenize(*d.text).size();
    size_t n = 0;
    bool in = false;
    for (char c : d.text->utf8()) {
        bool sep = c == ' ' || c == '\t' || c == '\n';
        n += !sep && !in;
        in = !sep;
    }
    return n;
}

ProjectStats compute_stats(const Project& p, const StatsOptions& opts)
{
    ProjectStats s;
    s.documents = p.documents.size();
    s.mentions = p.mentions.size();
    s.entities = p.entities.size();
    s.stances = p.stances.size();
    s.doc_stances = p.doc_stances.size();

    std::map<std::string, size_t> doc_index;
    for (const Document& d : p.documents) {
        DocumentStats r;
        r.id = d.id;
        r.name = d.name;
        r.status = to_string(d.status);
        r.code_points = d.text->size();
        if (opts.count_tokens)
            r.tokens = token_count(d);
        s.code_points += r.code_points;
        s.bytes += d.text->utf8().size();
        s.tokens += r.tokens;
        ++s.status[r.status];
        doc_index[d.id] = s.document_rows.size();
        s.document_rows.push_back(std::move(r));
    }

    // Labels: schema order first, so tables read like the schema.
    std::map<std::string, size_t> label_index;
    auto label = [&](const std::string& type) -> LabelStats& {
        auto it = label_index.find(type);
        if (it != label_index.end())
            return s.labels[it->second];
        LabelStats l;
        l.label = type;
        if (const EntityType* t = p.schema.entity_type(type))
            l.name = t->name;
        label_index[type] = s.labels.size();
        s.labels.push_back(l);
        return s.labels.back();
    };
    for (const EntityType& t : p.schema.entity_types)
        label(t.id);
    std::set<std::pair<std::string, std::string>> type_docs;
    std::map<std::string, EntityStats> ents;
    std::set<std::pair<std::string, std::string>> entity_docs;
    for (const Entity& e : p.entities) {
        ents[e.id] = {e.id, e.name, e.type, 0, 0};
        if (!e.type.empty())
            ++label(e.type).entities;
    }
    for (const Mention& m : p.mentions) {
        LabelStats& l = label(m.type);
        ++l.mentions;
        if (type_docs.insert({m.type, m.doc_id}).second)
            ++l.documents;
        if (!m.entity_id.empty()) {
            ++s.linked_mentions;
            auto it = ents.find(m.entity_id);
            if (it != ents.end()) {
                ++it->second.mentions;
                if (entity_docs.insert({m.entity_id, m.doc_id}).second)
                    ++it->second.documents;
            }
        }
        if (auto it = doc_index.find(m.doc_id); it != doc_index.end())
            ++s.document_rows[it->second].mentions;
        ++s.annotators[m.annotator.empty() ? "(unknown)" : m.annotator];
    }
    for (const Stance& st : p.stances) {
        ++s.stance_polarity[st.polarity];
        if (auto it = doc_index.find(st.doc_id); it != doc_index.end())
            ++s.document_rows[it->second].stances;
        ++s.annotators[st.annotator.empty() ? "(unknown)" : st.annotator];
    }
    for (const DocStance& ds : p.doc_stances) {
        ++s.doc_stance[ds.target_id][ds.polarity];
        if (auto it = doc_index.find(ds.doc_id); it != doc_index.end())
            ++s.document_rows[it->second].doc_stances;
        ++s.annotators[ds.annotator.empty() ? "(unknown)" : ds.annotator];
    }
    for (auto& [id, e] : ents)
        s.entity_rows.push_back(e);
    std::stable_sort(s.entity_rows.begin(), s.entity_rows.end(),
                     [](const EntityStats& a, const EntityStats& b) { return a.mentions > b.mentions; });
    return s;
}

nlohmann::json stats_to_json(const ProjectStats& s)
{
    using nlohmann::json;
    json j;
    j["totals"] = {{"documents", s.documents}, {"code_points", s.code_points}, {"bytes", s.bytes}, {"tokens", s.tokens},
                   {"mentions", s.mentions}, {"linked_mentions", s.linked_mentions}, {"entities", s.entities},
                   {"stances", s.stances}, {"document_stances", s.doc_stances}};
    j["offset_unit"] = "codepoint";
    j["status"] = s.status;
    json labels = json::array();
    for (const auto& l : s.labels)
        labels.push_back({{"label", l.label}, {"name", l.name}, {"mentions", l.mentions}, {"documents", l.documents},
                          {"entities", l.entities}});
    j["labels"] = std::move(labels);
    j["stance_polarities"] = s.stance_polarity;
    j["document_stances"] = s.doc_stance;
    j["annotators"] = s.annotators;
    json ents = json::array();
    for (const auto& e : s.entity_rows)
        ents.push_back({{"id", e.id}, {"name", e.name}, {"type", e.type}, {"mentions", e.mentions}, {"documents", e.documents}});
    j["entities"] = std::move(ents);
    json docs = json::array();
    for (const auto& d : s.document_rows)
        docs.push_back({{"id", d.id}, {"name", d.name}, {"status", d.status}, {"code_points", d.code_points},
                        {"tokens", d.tokens}, {"mentions", d.mentions}, {"stances", d.stances},
                        {"document_stances", d.doc_stances}});
    j["documents"] = std::move(docs);
    return j;
}

std::string stats_to_text(const ProjectStats& s, const std::string& project_name)
{
    std::string out;
    char buf[512];
    auto line = [&](const char* fmt, auto... args) {
        std::snprintf(buf, sizeof buf, fmt, args...);
        out += buf;
    };
    line("project: %s\n", project_name.c_str());
    line("%zu documents, %zu code points, %zu tokens, %zu mentions (%zu linked), %zu entities, %zu stances, "
         "%zu document stances\n",
         s.documents, s.code_points, s.tokens, s.mentions, s.linked_mentions, s.entities, s.stances, s.doc_stances);
    out += "status:";
    for (const auto& [k, v] : s.status)
        line(" %s %zu", k.c_str(), v);
    out += "\n\n";
    line("%-16s %-24s %9s %9s %9s\n", "label", "name", "mentions", "documents", "entities");
    for (const auto& l : s.labels)
        line("%-16s %-24s %9zu %9zu %9zu\n", l.label.c_str(), l.name.c_str(), l.mentions, l.documents, l.entities);
    if (!s.stance_polarity.empty()) {
        out += "\nstances by polarity:";
        for (const auto& [k, v] : s.stance_polarity)
            line(" %s %zu", k.c_str(), v);
        out += "\n";
    }
    if (!s.doc_stance.empty()) {
        out += "\ndocument stances:\n";
        for (const auto& [target, pols] : s.doc_stance) {
            line("  %-32s", target.c_str());
            for (const auto& [k, v] : pols)
                line(" %s %zu", k.c_str(), v);
            out += "\n";
        }
    }
    if (!s.annotators.empty()) {
        out += "\nannotations by annotator:";
        for (const auto& [k, v] : s.annotators)
            line(" %s %zu", k.c_str(), v);
        out += "\n";
    }
    if (!s.entity_rows.empty()) {
        out += "\ntop entities:\n";
        size_t n = 0;
        for (const auto& e : s.entity_rows) {
            if (++n > 20)
                break;
            line("  %-12s %-32s %-8s %6zu mentions in %zu documents\n", e.id.c_str(), e.name.c_str(), e.type.c_str(),
                 e.mentions, e.documents);
        }
    }
    out += "\n";
    line("%-28s %-12s %10s %8s %9s %8s %8s\n", "document", "status", "chars", "tokens", "mentions", "stances", "doc-st.");
    for (const auto& d : s.document_rows)
        line("%-28s %-12s %10zu %8zu %9zu %8zu %8zu\n", d.id.c_str(), d.status.c_str(), d.code_points, d.tokens, d.mentions,
             d.stances, d.doc_stances);
    return out;
}

} // namespace postil
