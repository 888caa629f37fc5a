#include "layers.h"

#include "formats/format.h"
#include "project_io.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace postil {

bool is_unnamed_annotator(const std::string& annotator)
{
    return annotator.empty() || annotator == "anonymous";
}

std::string default_export_annotator(const Project& p)
{
    auto gold = [](const auto& r) { return r.annotator == kGoldAnnotator; };
    bool any = std::any_of(p.mentions.begin(), p.mentions.end(), gold) ||
               std::any_of(p.stances.begin(), p.stances.end(), gold) ||
               std::any_of(p.doc_stances.begin(), p.doc_stances.end(), gold);
    return any ? kGoldAnnotator : std::string();
}

// [SECTION] ids

// Numeric suffix of `id` after `prefix`, or false (same rule as Project::new_id).
static bool id_number(const std::string& id, const std::string& prefix, unsigned long long& n)
{
    if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0)
        return false;
    const char* digits = id.c_str() + prefix.size();
    if (*digits < '0' || *digits > '9')
        return false;
    char* endp = nullptr;
    n = std::strtoull(digits, &endp, 10);
    return *endp == '\0';
}

IdAllocator::IdAllocator(const Project& p)
{
    for (const auto& x : p.documents) reserve(x.id);
    for (const auto& x : p.mentions) reserve(x.id);
    for (const auto& x : p.entities) reserve(x.id);
    for (const auto& x : p.stances) reserve(x.id);
    for (const auto& x : p.doc_stances) reserve(x.id);
}

void IdAllocator::reserve(const std::string& id)
{
    seen_.push_back(id);
    for (auto& [prefix, next] : next_) {
        unsigned long long n = 0;
        if (id_number(id, prefix, n))
            next = std::max(next, n + 1);
    }
}

std::string IdAllocator::next(const std::string& prefix)
{
    auto it = next_.find(prefix);
    if (it == next_.end()) {
        unsigned long long best = 1;
        for (const auto& id : seen_) {
            unsigned long long n = 0;
            if (id_number(id, prefix, n))
                best = std::max(best, n + 1);
        }
        it = next_.emplace(prefix, best).first;
    }
    return prefix + std::to_string(it->second++);
}

// [SECTION] listing layers

size_t LayerInfo::documents_annotated() const
{
    return static_cast<size_t>(std::count_if(per_document.begin(), per_document.end(), [](const LayerCounts& c) { return c.total() > 0; }));
}

std::vector<LayerInfo> list_layers(const Project& p)
{
    std::map<std::string, size_t> doc_index;
    for (size_t i = 0; i < p.documents.size(); ++i)
        doc_index.emplace(p.documents[i].id, i);
    std::map<std::string, LayerInfo> layers;
    auto layer = [&](const std::string& who) -> LayerInfo& {
        auto [it, added] = layers.try_emplace(who);
        if (added) {
            it->second.annotator = who;
            it->second.per_document.resize(p.documents.size());
        }
        return it->second;
    };
    // Records of a document missing from the project (an invalid project) count in the total only.
    auto doc_counts = [&](LayerInfo& l, const std::string& doc_id) -> LayerCounts* {
        auto it = doc_index.find(doc_id);
        return it == doc_index.end() ? nullptr : &l.per_document[it->second];
    };
    for (const auto& m : p.mentions) {
        LayerInfo& l = layer(m.annotator);
        ++l.counts.mentions;
        if (LayerCounts* c = doc_counts(l, m.doc_id)) ++c->mentions;
    }
    for (const auto& s : p.stances) {
        LayerInfo& l = layer(s.annotator);
        ++l.counts.stances;
        if (LayerCounts* c = doc_counts(l, s.doc_id)) ++c->stances;
    }
    for (const auto& s : p.doc_stances) {
        LayerInfo& l = layer(s.annotator);
        ++l.counts.doc_stances;
        if (LayerCounts* c = doc_counts(l, s.doc_id)) ++c->doc_stances;
    }
    for (const auto& e : p.entities)
        ++layer(e.annotator).entities;
    std::vector<LayerInfo> out;
    for (auto& [name, info] : layers)
        out.push_back(std::move(info));
    return out;
}

std::vector<std::string> layer_names(const Project& p)
{
    std::set<std::string> names;
    for (const auto& m : p.mentions) names.insert(m.annotator);
    for (const auto& s : p.stances) names.insert(s.annotator);
    for (const auto& s : p.doc_stances) names.insert(s.annotator);
    for (const auto& e : p.entities) names.insert(e.annotator);
    return {names.begin(), names.end()};
}

// [SECTION] one layer of one document

LayerView layer_view(const Project& p, const std::string& doc_id, const std::string& annotator)
{
    LayerView v;
    v.doc_id = doc_id;
    v.annotator = annotator;
    auto [lo, hi] = p.mention_range(doc_id);
    for (size_t i = lo; i < hi; ++i)
        if (p.mentions[i].annotator == annotator)
            v.mentions.push_back(&p.mentions[i]);
    for (const auto& s : p.stances)
        if (s.doc_id == doc_id && s.annotator == annotator)
            v.stances.push_back(&s);
    for (const auto& s : p.doc_stances)
        if (s.doc_id == doc_id && s.annotator == annotator)
            v.doc_stances.push_back(&s);
    return v;
}

std::vector<LayerView> layer_views(const Project& p, const std::string& doc_id, const std::vector<std::string>& annotators)
{
    std::vector<LayerView> out;
    for (const auto& a : annotators)
        out.push_back(layer_view(p, doc_id, a));
    return out;
}

// [SECTION] importing a layer

bool LayerReport::changed() const
{
    return mentions + entities + stances + doc_stances > 0 || !new_labels.empty() ||
           std::any_of(documents.begin(), documents.end(), [](const DocumentMatch& m) { return m.by == DocumentMatch::By::Added; });
}

std::string LayerReport::summary() const
{
    size_t by_text = 0, added = 0;
    for (const auto& d : documents) {
        by_text += d.by == DocumentMatch::By::Text;
        added += d.by == DocumentMatch::By::Added;
    }
    std::string s = std::to_string(documents.size() - added) + " documents matched";
    if (by_text)
        s += " (" + std::to_string(by_text) + " by text)";
    if (added)
        s += ", " + std::to_string(added) + " added";
    if (!unmatched.empty())
        s += ", " + std::to_string(unmatched.size()) + " unmatched";
    s += "; " + std::to_string(mentions) + " mentions, " + std::to_string(entities) + " entities, " + std::to_string(stances) +
         " stances, " + std::to_string(doc_stances) + " document stances imported";
    if (!layers.empty()) {
        s += " (layers:";
        for (const auto& l : layers)
            s += " " + (l.empty() ? std::string("(unnamed)") : l);
        s += ")";
    }
    if (duplicates)
        s += "; " + std::to_string(duplicates) + " already present";
    if (renamed)
        s += "; " + std::to_string(renamed) + " ids changed";
    if (dropped)
        s += "; " + std::to_string(dropped) + " left out";
    if (!new_labels.empty()) {
        s += "; schema:";
        for (const auto& l : new_labels)
            s += " +" + l;
    }
    return s;
}

namespace {

// What an import adds; applied either directly or as commands, so both give the same project.
struct Plan {
    bool schema_changed = false;
    Schema schema;
    std::vector<Document> documents;
    std::vector<Entity> entities;
    std::vector<Mention> mentions;
    std::vector<Stance> stances;
    std::vector<DocStance> doc_stances;
    bool empty() const
    {
        return !schema_changed && documents.empty() && entities.empty() && mentions.empty() && stances.empty() && doc_stances.empty();
    }
};

// Content keys for "is this record already there": every field but the id. '\x1f' cannot
// occur in a meaningful label and keeps fields apart.
const char kSep = '\x1f';

std::string entity_key(const Entity& e)
{
    return e.name + kSep + e.type + kSep + e.external_id + kSep + e.note + kSep + e.annotator;
}

std::string mention_key(const Mention& m)
{
    std::string k = m.doc_id + kSep + std::to_string(m.start) + kSep + std::to_string(m.end) + kSep + m.type + kSep + m.entity_id +
                    kSep + m.note + kSep + m.annotator;
    for (const auto& [key, value] : m.attributes)
        k += kSep + key + '=' + value;
    return k;
}

std::string stance_key(const Stance& s)
{
    std::string k = s.doc_id + kSep + to_string(s.holder.kind) + ':' + s.holder.id + kSep + to_string(s.target.kind) + ':' +
                    s.target.id + kSep + s.polarity + kSep + s.note + kSep + s.annotator + kSep + std::to_string(s.confidence);
    if (s.evidence)
        k += kSep + std::to_string(s.evidence->start) + '-' + std::to_string(s.evidence->end);
    return k;
}

// Hotkeys must stay unique within entity types (and within polarities): an added label whose
// key is taken loses it rather than making the schema invalid.
template <class Vec>
bool hotkey_taken(const Vec& v, const std::string& key)
{
    return !key.empty() && std::any_of(v.begin(), v.end(), [&](const auto& x) { return x.hotkey == key; });
}

void extend_schema(Schema& into, const Schema& from, std::vector<std::string>& added)
{
    for (auto t : from.entity_types)
        if (!into.entity_type(t.id)) {
            if (hotkey_taken(into.entity_types, t.hotkey))
                t.hotkey.clear();
            added.push_back("entity type " + t.id);
            into.entity_types.push_back(std::move(t));
        }
    for (auto pol : from.polarities)
        if (!into.polarity(pol.id)) {
            if (hotkey_taken(into.polarities, pol.hotkey))
                pol.hotkey.clear();
            added.push_back("polarity " + pol.id);
            into.polarities.push_back(std::move(pol));
        }
    for (const auto& t : from.stance_targets)
        if (!into.stance_target(t.id)) {
            added.push_back("stance target " + t.id);
            into.stance_targets.push_back(t);
        }
    for (const auto& r : from.relation_types)
        if (std::none_of(into.relation_types.begin(), into.relation_types.end(), [&](const RelationType& x) { return x.id == r.id; })) {
            added.push_back("relation type " + r.id);
            into.relation_types.push_back(r);
        }
    for (const auto& a : from.attributes)
        if (std::none_of(into.attributes.begin(), into.attributes.end(), [&](const AttributeDef& x) { return x.id == a.id; })) {
            added.push_back("attribute " + a.id);
            into.attributes.push_back(a);
        }
}

// Moves the records of `v` for which keep(record) is true to the front, in order, and drops
// the rest: the plan reuses the source's vector instead of building a second one.
template <class Record, class Keep>
void compact(std::vector<Record>& v, Keep keep)
{
    auto out = v.begin();
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!keep(*it))
            continue;
        if (out != it)
            *out = std::move(*it);
        ++out;
    }
    v.erase(out, v.end());
}

// `other`'s records are taken (moved) when `take` is true (the caller gave the project away),
// else copied. Either way each kind of record is rewritten in place in one vector that becomes
// the plan's: no second copy of a 100 MB corpus's records, and no map over all of its ids
// (only the mentions stances refer to are remembered).
Plan plan_import(const Project& into, const Project& other, bool take, const std::string& override_name, LayerReport& r,
                 const LayerImportOptions& opts)
{
    Plan plan;
    plan.schema = into.schema;
    std::set<std::string> layers;
    Project& source = const_cast<Project&>(other); // only written when `take`: the caller's own
    auto records = [&](auto& v) {
        using Vec = std::remove_reference_t<decltype(v)>;
        return take ? std::move(v) : Vec(v);
    };

    auto name = [&](const std::string& who) {
        std::string n = who;
        if (is_unnamed_annotator(n))
            n = !is_unnamed_annotator(override_name) ? override_name : !is_unnamed_annotator(other.annotator) ? other.annotator : who;
        if (is_unnamed_annotator(n))
            ++r.unnamed;
        layers.insert(n);
        return n;
    };

    // Schema: the source's labels first (keeping their names and colours), then labels that
    // records use although neither schema has them.
    extend_schema(plan.schema, other.schema, r.new_labels);
    auto need_type = [&](const std::string& id) {
        if (ensure_entity_type(plan.schema, id))
            r.new_labels.push_back("entity type " + id);
    };
    auto need_polarity = [&](const std::string& id) {
        if (id.empty() || plan.schema.polarity(id))
            return;
        plan.schema.polarities.push_back({id, id, 0x888888, ""});
        r.new_labels.push_back("polarity " + id);
    };
    auto need_target = [&](const std::string& id) {
        if (id.empty() || plan.schema.stance_target(id))
            return;
        plan.schema.stance_targets.push_back({id, id, ""});
        r.new_labels.push_back("stance target " + id);
    };
    // Ids that did not stay the same go into the report.
    auto note_id = [](std::map<std::string, std::string>& m, const std::string& from, const std::string& to) {
        if (from != to)
            m[from] = to;
    };

    // Ids: a fresh number above everything in either project, so a fresh id never collides
    // with a source id kept later. Reserved before any record is rewritten.
    IdAllocator ids(into);
    for (const auto& x : other.mentions) ids.reserve(x.id);
    for (const auto& x : other.entities) ids.reserve(x.id);
    for (const auto& x : other.stances) ids.reserve(x.id);
    for (const auto& x : other.doc_stances) ids.reserve(x.id);
    // Hash sets: one insert per imported record (341k for a 100 MB corpus), order irrelevant.
    using IdSet = std::unordered_set<std::string>;
    auto place = [&](IdSet& used, const std::string& id, const char* prefix) {
        if (!id.empty() && used.insert(id).second)
            return id;
        ++r.renamed;
        std::string fresh;
        do
            fresh = ids.next(prefix);
        while (!used.insert(fresh).second);
        return fresh;
    };

    // Mentions that stances refer to: their source document and id in `into`. Every other
    // mention is forgotten once placed.
    struct MentionRef {
        bool seen = false;      // a source mention has this id
        std::string source_doc; // of the first source mention with that id
        std::string id;         // in `into`; empty: not imported
    };
    std::unordered_map<std::string, MentionRef> mention_refs;
    for (const auto& st : other.stances)
        for (const StanceRef* ref : {&st.holder, &st.target})
            if (ref->kind == StanceRef::Kind::Mention)
                mention_refs.emplace(ref->id, MentionRef{});
    // Most mentions are not referred to: a bit per hash value answers "no" without a lookup
    // in the map (which cost ~15 % of a 100 MB import in perf).
    std::vector<bool> maybe_ref(size_t(1) << 20);
    const std::hash<std::string> hash_id;
    for (const auto& [id, ref] : mention_refs)
        maybe_ref[hash_id(id) & (maybe_ref.size() - 1)] = true;
    auto find_ref = [&](const std::string& id) {
        if (mention_refs.empty() || !maybe_ref[hash_id(id) & (maybe_ref.size() - 1)])
            return mention_refs.end();
        return mention_refs.find(id);
    };
    for (const auto& m : other.mentions) {
        auto it = find_ref(m.id);
        if (it != mention_refs.end() && !it->second.seen) {
            it->second.seen = true;
            it->second.source_doc = m.doc_id;
        }
    }

    // Documents: by id with identical text, else by identical text.
    // Keys are views of the documents' texts (shared, immutable, alive while `into` and the
    // plan's documents are): a copy of every text would double a corpus's memory for a moment.
    std::map<std::string_view, std::string> by_text; // utf8 -> first document id with that text
    std::set<std::string> doc_ids;
    for (const auto& d : into.documents) {
        by_text.emplace(d.text->utf8(), d.id);
        doc_ids.insert(d.id);
    }
    std::unordered_map<std::string, std::string> doc_map; // source id -> id in `into`
    plan.documents = records(source.documents);
    compact(plan.documents, [&](Document& d) {
        const Document* same_id = into.document(d.id);
        if (same_id && same_id->text->utf8() == d.text->utf8()) {
            doc_map[d.id] = d.id;
            r.documents.push_back({d.id, d.id, DocumentMatch::By::Id});
            return false;
        }
        auto t = by_text.find(d.text->utf8());
        if (t != by_text.end()) {
            doc_map[d.id] = t->second;
            r.documents.push_back({d.id, t->second, DocumentMatch::By::Text});
            return false;
        }
        if (same_id)
            r.notes.push_back("document " + d.id + ": same id as a project document but a different text");
        if (!opts.add_unmatched_documents) {
            r.unmatched.push_back(d.id);
            return false;
        }
        const std::string source_id = d.id;
        for (int n = 2; doc_ids.count(d.id); ++n)
            d.id = source_id + "-" + std::to_string(n);
        doc_ids.insert(d.id);
        by_text.emplace(d.text->utf8(), d.id);
        doc_map[source_id] = d.id;
        r.documents.push_back({source_id, d.id, DocumentMatch::By::Added});
        return true;
    });
    // Records come grouped by document (sorted): the last answer is usually the right one.
    const std::string* last_id = nullptr;
    const std::string* last_doc = nullptr;
    auto mapped_doc = [&](const std::string& id) -> const std::string* {
        if (last_id && *last_id == id)
            return last_doc;
        auto it = doc_map.find(id);
        last_doc = it == doc_map.end() ? nullptr : &it->second;
        last_id = it == doc_map.end() ? nullptr : &it->first;
        return last_doc;
    };

    // Entities: those the imported records use, plus those nothing uses (a catalogue).
    std::unordered_set<std::string> used_somewhere, used_here;
    auto note_use = [&](const std::string& doc_id, const std::string& entity_id) {
        used_somewhere.insert(entity_id);
        if (mapped_doc(doc_id))
            used_here.insert(entity_id);
    };
    for (const auto& m : other.mentions)
        if (!m.entity_id.empty())
            note_use(m.doc_id, m.entity_id);
    for (const auto& st : other.stances) {
        if (st.holder.kind == StanceRef::Kind::Entity) note_use(st.doc_id, st.holder.id);
        if (st.target.kind == StanceRef::Kind::Entity) note_use(st.doc_id, st.target.id);
    }

    IdSet entity_ids;
    std::map<std::string, std::string> existing_entities;
    for (const auto& e : into.entities) {
        entity_ids.insert(e.id);
        existing_entities.emplace(entity_key(e), e.id);
    }
    std::unordered_map<std::string, std::string> entity_map; // source id -> id in `into` (imported or identical)
    plan.entities = records(source.entities);
    compact(plan.entities, [&](Entity& e) {
        if (used_somewhere.count(e.id) && !used_here.count(e.id)) {
            ++r.dropped;
            return false;
        }
        const std::string source_id = e.id;
        e.annotator = name(e.annotator);
        if (!e.type.empty())
            need_type(e.type);
        auto same = existing_entities.find(entity_key(e));
        if (same != existing_entities.end()) {
            entity_map[source_id] = same->second;
            note_id(r.entity_ids, source_id, same->second);
            ++r.duplicates;
            return false;
        }
        e.id = place(entity_ids, e.id, "e");
        entity_map[source_id] = e.id;
        note_id(r.entity_ids, source_id, e.id);
        return true;
    });

    // Mentions.
    IdSet mention_ids;
    mention_ids.reserve(into.mentions.size() + other.mentions.size());
    std::map<std::string, std::string> existing_mentions;
    std::unordered_set<std::string> docs_with_mentions; // of `into`: elsewhere nothing can be identical
    for (const auto& m : into.mentions) {
        mention_ids.insert(m.id);
        existing_mentions.emplace(mention_key(m), m.id);
        docs_with_mentions.insert(m.doc_id);
    }
    size_t broken_links = 0;
    plan.mentions = records(source.mentions);
    compact(plan.mentions, [&](Mention& m) {
        const std::string* doc = mapped_doc(m.doc_id);
        if (!doc) {
            ++r.dropped;
            return false;
        }
        const std::string source_id = m.id;
        m.doc_id = *doc;
        m.annotator = name(m.annotator);
        need_type(m.type);
        if (!m.entity_id.empty()) {
            auto e = entity_map.find(m.entity_id);
            if (e != entity_map.end()) {
                m.entity_id = e->second;
            } else {
                m.entity_id.clear(); // the source linked to an entity it does not have
                ++broken_links;
            }
        }
        auto ref = find_ref(source_id);
        if (docs_with_mentions.count(m.doc_id)) { // a key only where an identical mention can be
            auto same = existing_mentions.find(mention_key(m));
            if (same != existing_mentions.end()) {
                note_id(r.mention_ids, source_id, same->second);
                if (ref != mention_refs.end())
                    ref->second.id = same->second;
                ++r.duplicates;
                return false;
            }
        }
        m.id = place(mention_ids, m.id, "m");
        note_id(r.mention_ids, source_id, m.id);
        if (ref != mention_refs.end())
            ref->second.id = m.id;
        return true;
    });
    if (broken_links)
        r.notes.push_back(std::to_string(broken_links) + " mentions linked to entities missing from the source: unlinked");

    // Stances: references follow the mentions and entities.
    IdSet stance_ids;
    std::map<std::string, std::string> existing_stances;
    for (const auto& st : into.stances) {
        stance_ids.insert(st.id);
        existing_stances.emplace(stance_key(st), st.id);
    }
    size_t broken_refs = 0;
    plan.stances = records(source.stances);
    compact(plan.stances, [&](Stance& st) {
        const std::string* doc = mapped_doc(st.doc_id);
        if (!doc) {
            ++r.dropped;
            return false;
        }
        bool ok = true;
        for (StanceRef* ref : {&st.holder, &st.target}) {
            if (ref->kind == StanceRef::Kind::Mention) {
                // A mention ref must stay in the stance's document.
                auto it = mention_refs.find(ref->id);
                if (it == mention_refs.end() || it->second.id.empty() || !it->second.seen || it->second.source_doc != st.doc_id)
                    ok = false;
                else
                    ref->id = it->second.id;
            } else if (ref->kind == StanceRef::Kind::Entity) {
                auto it = entity_map.find(ref->id);
                if (it == entity_map.end())
                    ok = false;
                else
                    ref->id = it->second;
            } else if (ref->kind == StanceRef::Kind::Target) {
                need_target(ref->id);
            } else {
                ok = false;
            }
        }
        if (!ok) {
            ++broken_refs;
            ++r.dropped;
            return false;
        }
        const std::string source_id = st.id;
        st.doc_id = *doc;
        need_polarity(st.polarity);
        st.annotator = name(st.annotator);
        auto same = existing_stances.find(stance_key(st));
        if (same != existing_stances.end()) {
            note_id(r.stance_ids, source_id, same->second);
            ++r.duplicates;
            return false;
        }
        st.id = place(stance_ids, st.id, "s");
        note_id(r.stance_ids, source_id, st.id);
        return true;
    });
    if (broken_refs)
        r.notes.push_back(std::to_string(broken_refs) + " stances refer to mentions or entities missing from the source: left out");

    // Document stances: one per (document, target, annotator), as Editor::set_doc_stance keeps it.
    IdSet ds_ids;
    std::map<std::string, std::string> ds_slots; // doc|target|annotator -> polarity
    for (const auto& d : into.doc_stances) {
        ds_ids.insert(d.id);
        ds_slots.emplace(d.doc_id + kSep + d.target_id + kSep + d.annotator, d.polarity);
    }
    plan.doc_stances = records(source.doc_stances);
    compact(plan.doc_stances, [&](DocStance& d) {
        const std::string* doc = mapped_doc(d.doc_id);
        if (!doc) {
            ++r.dropped;
            return false;
        }
        d.doc_id = *doc;
        d.annotator = name(d.annotator);
        need_target(d.target_id);
        need_polarity(d.polarity);
        auto [slot, fresh] = ds_slots.emplace(d.doc_id + kSep + d.target_id + kSep + d.annotator, d.polarity);
        if (!fresh) {
            if (slot->second == d.polarity) {
                ++r.duplicates;
            } else {
                ++r.dropped;
                r.notes.push_back("document " + d.doc_id + ": " + (d.annotator.empty() ? std::string("(unnamed)") : d.annotator) +
                                  " already has " + slot->second + " on " + d.target_id + "; imported " + d.polarity + " left out");
            }
            return false;
        }
        d.id = place(ds_ids, d.id, "ds");
        return true;
    });

    if (r.unnamed)
        r.notes.push_back(std::to_string(r.unnamed) + " records have no annotator name (give one to name their layer)");
    if (!r.unmatched.empty())
        r.notes.push_back(std::to_string(r.unmatched.size()) + " source documents match no document (same id and text, or same text): their annotations were left out");
    plan.schema_changed = !(plan.schema == into.schema);
    r.mentions = plan.mentions.size();
    r.entities = plan.entities.size();
    r.stances = plan.stances.size();
    r.doc_stances = plan.doc_stances.size();
    r.layers.assign(layers.begin(), layers.end());
    return plan;
}

CommandPtr plan_commands(Plan plan, const std::string& description)
{
    auto group = std::make_unique<CommandGroup>(description);
    if (plan.schema_changed)
        group->add(set_schema(std::move(plan.schema)));
    // Every record of the plan is new (fresh ids): one bulk command, not a put_* per record
    // (quadratic: a 100 MB corpus never finished importing in the app).
    NewRecords r;
    r.documents = std::move(plan.documents);
    r.entities = std::move(plan.entities);
    r.mentions = std::move(plan.mentions);
    r.stances = std::move(plan.stances);
    r.doc_stances = std::move(plan.doc_stances);
    group->add(add_records(std::move(r), description));
    return group;
}

std::string import_description(const LayerReport& r)
{
    std::string s = "Import layer";
    if (r.layers.size() == 1)
        s += " " + r.layers.front();
    else if (r.layers.size() > 1)
        s += "s";
    return s;
}

} // namespace

namespace {

void apply_plan(Project& into, Plan plan)
{
    // Bulk append + one sort: the command path inserts record by record, which is quadratic.
    if (plan.schema_changed)
        into.schema = std::move(plan.schema);
    for (auto& d : plan.documents) into.documents.push_back(std::move(d));
    for (auto& e : plan.entities) into.entities.push_back(std::move(e));
    for (auto& m : plan.mentions) into.mentions.push_back(std::move(m));
    for (auto& s : plan.stances) into.stances.push_back(std::move(s));
    for (auto& d : plan.doc_stances) into.doc_stances.push_back(std::move(d));
    into.keep_sorted();
}

CommandPtr command_of(Plan plan, const LayerReport& report)
{
    if (plan.empty())
        return nullptr;
    return plan_commands(std::move(plan), import_description(report));
}

} // namespace

void import_layer(Project& into, const Project& other, const std::string& annotator_override, LayerReport& report,
                  const LayerImportOptions& options)
{
    apply_plan(into, plan_import(into, other, false, annotator_override, report, options));
}

void import_layer(Project& into, Project&& other, const std::string& annotator_override, LayerReport& report,
                  const LayerImportOptions& options)
{
    apply_plan(into, plan_import(into, other, true, annotator_override, report, options));
}

CommandPtr import_layer_command(const Project& into, const Project& other, const std::string& annotator_override,
                                LayerReport& report, const LayerImportOptions& options)
{
    return command_of(plan_import(into, other, false, annotator_override, report, options), report);
}

CommandPtr import_layer_command(const Project& into, Project&& other, const std::string& annotator_override,
                                LayerReport& report, const LayerImportOptions& options)
{
    return command_of(plan_import(into, other, true, annotator_override, report, options), report);
}

bool import_layer(Editor& editor, const Project& other, const std::string& annotator_override, LayerReport& report,
                  const LayerImportOptions& options)
{
    CommandPtr c = import_layer_command(editor.project, other, annotator_override, report, options);
    if (!c)
        return false;
    editor.history.execute(editor.project, std::move(c));
    return true;
}

bool import_layer(Editor& editor, Project&& other, const std::string& annotator_override, LayerReport& report,
                  const LayerImportOptions& options)
{
    CommandPtr c = import_layer_command(editor.project, std::move(other), annotator_override, report, options);
    if (!c)
        return false;
    editor.history.execute(editor.project, std::move(c));
    return true;
}

// [SECTION] merging per-annotator projects

Project merge_layers(std::vector<MergeInput> inputs, MergeReport& report)
{
    if (inputs.empty())
        return Project{};
    struct Prepared {
        size_t index;
        std::string key; // sort key: layer names, then the canonical bytes
    };
    std::vector<Prepared> order;
    std::map<std::string, std::vector<std::string>> named_by; // name given to unnamed records -> inputs
    for (size_t i = 0; i < inputs.size(); ++i) {
        MergeInput& in = inputs[i];
        Project& p = in.project;
        std::string fallback = !is_unnamed_annotator(in.annotator) ? in.annotator : !is_unnamed_annotator(p.annotator) ? p.annotator : "";
        size_t unnamed = 0;
        auto fix = [&](std::string& who) {
            if (!is_unnamed_annotator(who))
                return;
            if (fallback.empty())
                ++unnamed;
            else
                who = fallback;
        };
        size_t before = 0;
        for (auto& m : p.mentions) { before += is_unnamed_annotator(m.annotator); fix(m.annotator); }
        for (auto& e : p.entities) { before += is_unnamed_annotator(e.annotator); fix(e.annotator); }
        for (auto& s : p.stances) { before += is_unnamed_annotator(s.annotator); fix(s.annotator); }
        for (auto& d : p.doc_stances) { before += is_unnamed_annotator(d.annotator); fix(d.annotator); }
        if (unnamed)
            report.warnings.push_back(in.name + ": " + std::to_string(unnamed) + " annotations have no annotator name; give one (--annotator)");
        else if (before)
            named_by[fallback].push_back(in.name);
        p.keep_sorted(); // doc_stances sort by annotator, which naming just changed
        std::string key;
        for (const auto& n : layer_names(p))
            key += n + '\n';
        key += '\0';
        key += save_project_string(p);
        order.push_back({i, std::move(key)});
    }
    for (const auto& [n, names] : named_by)
        if (names.size() > 1) {
            std::string w = "unnamed annotations of";
            for (const auto& f : names)
                w += " " + f;
            report.warnings.push_back(w + " were all named '" + n + "': they form one layer");
        }
    std::stable_sort(order.begin(), order.end(), [&](const Prepared& a, const Prepared& b) {
        if (a.key != b.key)
            return a.key < b.key;
        return inputs[a.index].name < inputs[b.index].name; // identical content: any order gives the same project
    });

    Project out = std::move(inputs[order.front().index].project);
    report.order.push_back(inputs[order.front().index].name);
    LayerImportOptions opts;
    opts.add_unmatched_documents = true;
    for (size_t k = 1; k < order.size(); ++k) {
        MergeInput& in = inputs[order[k].index];
        LayerReport r;
        import_layer(out, std::move(in.project), "", r, opts); // not needed afterwards: its records move
        report.order.push_back(in.name);
        for (const auto& n : r.notes)
            report.warnings.push_back(in.name + ": " + n);
        report.imports.push_back(std::move(r));
    }
    return out;
}

} // namespace postil
