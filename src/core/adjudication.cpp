#include "adjudication.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

namespace postil {

const char* to_string(DiffItem item)
{
    switch (item) {
    case DiffItem::Mention: return "mention";
    case DiffItem::Stance: return "stance";
    case DiffItem::DocStance: return "document stance";
    }
    return "mention";
}

const char* to_string(DiffKind kind)
{
    switch (kind) {
    case DiffKind::Agreement: return "agreement";
    case DiffKind::Label: return "label";
    case DiffKind::Boundary: return "boundary";
    case DiffKind::Missing: return "missing";
    }
    return "agreement";
}

std::vector<std::string> decided_keys(const Document& d)
{
    std::vector<std::string> out;
    auto it = d.meta.find(kAdjudicatedMetaKey);
    if (it == d.meta.end())
        return out;
    size_t from = 0;
    const std::string& s = it->second;
    while (from <= s.size()) {
        size_t nl = s.find('\n', from);
        if (nl == std::string::npos)
            nl = s.size();
        if (nl > from)
            out.push_back(s.substr(from, nl - from));
        from = nl + 1;
    }
    return out;
}

// [SECTION] layer-independent keys

namespace {

std::string span_text(uint32_t start, uint32_t end)
{
    return std::to_string(start) + "-" + std::to_string(end);
}

// Keys are stored one per line in the document's meta: no line breaks inside.
std::string one_line(std::string s)
{
    std::replace(s.begin(), s.end(), '\n', ' ');
    std::replace(s.begin(), s.end(), '\r', ' ');
    return s;
}

// The document's mentions by id (stance refs point inside the document).
struct DocMentions {
    std::map<std::string, const Mention*> by_id;
    DocMentions(const Project& p, const std::string& doc_id)
    {
        auto [lo, hi] = p.mention_range(doc_id);
        for (size_t i = lo; i < hi; ++i)
            by_id.emplace(p.mentions[i].id, &p.mentions[i]);
    }
    const Mention* get(const std::string& id) const
    {
        auto it = by_id.find(id);
        return it == by_id.end() ? nullptr : it->second;
    }
};

std::string ref_key(const Project& p, const DocMentions& dm, const StanceRef& r)
{
    switch (r.kind) {
    case StanceRef::Kind::Mention:
        if (const Mention* m = dm.get(r.id))
            return m->type + " " + span_text(m->start, m->end);
        return "mention #" + r.id; // dangling: matches nothing in another layer
    case StanceRef::Kind::Entity:
        if (const Entity* e = p.entity(r.id))
            return "entity " + (e->external_id.empty() ? e->type + " " + e->name : e->external_id);
        return "entity #" + r.id;
    case StanceRef::Kind::Target: return "target " + r.id;
    case StanceRef::Kind::None: return "none";
    }
    return "none";
}

std::string mention_slot(const Mention& m)
{
    return span_text(m.start, m.end) + ":" + m.type;
}

void widen(Span& s, bool& any, uint32_t start, uint32_t end)
{
    if (!any) {
        s = {start, end};
        any = true;
        return;
    }
    s.start = std::min(s.start, start);
    s.end = std::max(s.end, end);
}

// [SECTION] computing differences

struct Builder {
    const Project& p;
    const Document& doc;
    std::vector<std::string> layers;
    DocMentions dm;
    std::vector<Difference> out;

    Builder(const Project& project, const Document& d, std::vector<std::string> names)
        : p(project), doc(d), layers(std::move(names)), dm(project, d.id) {}

    Difference make(DiffItem item) const
    {
        Difference d;
        d.item = item;
        d.doc_id = doc.id;
        d.annotators = layers;
        d.sides.resize(layers.size());
        return d;
    }

    // Members "annotator=value" sorted by annotator, so the key ignores the annotators' order.
    static std::string members_key(const Difference& d, const std::vector<std::string>& values)
    {
        std::vector<std::string> parts;
        for (size_t i = 0; i < d.annotators.size(); ++i)
            if (!values[i].empty())
                parts.push_back(d.annotators[i] + "=" + values[i]);
        std::sort(parts.begin(), parts.end());
        std::string k;
        for (const auto& s : parts)
            k += " " + s;
        return k;
    }

    void mention_difference(const std::vector<std::pair<size_t, const Mention*>>& members)
    {
        Difference d = make(DiffItem::Mention);
        std::vector<std::string> values(layers.size());
        bool any = false, same_span = true, same_type = true;
        const Mention* first = members.front().second;
        for (const auto& [layer, m] : members) {
            d.sides[layer].push_back(m->id);
            values[layer] = mention_slot(*m);
            widen(d.span, any, m->start, m->end);
            same_span = same_span && m->start == first->start && m->end == first->end;
            same_type = same_type && m->type == first->type;
        }
        d.kind = !same_span ? DiffKind::Boundary : !same_type ? DiffKind::Label
               : members.size() == layers.size() ? DiffKind::Agreement : DiffKind::Missing;
        d.key = "M" + members_key(d, values);
        out.push_back(std::move(d));
    }

    void mentions()
    {
        size_t n = layers.size();
        // Step 1: identical (span, type) in every layer.
        std::map<std::tuple<uint32_t, uint32_t, std::string>, std::vector<std::vector<const Mention*>>> exact;
        auto [lo, hi] = p.mention_range(doc.id);
        for (size_t i = lo; i < hi; ++i) {
            const Mention& m = p.mentions[i];
            for (size_t l = 0; l < n; ++l)
                if (layers[l] == m.annotator) {
                    auto& slot = exact[{m.start, m.end, m.type}];
                    slot.resize(n);
                    slot[l].push_back(&m);
                }
        }
        struct Item {
            size_t layer;
            const Mention* m;
        };
        std::vector<Item> rest;
        for (auto& [key, lists] : exact) {
            size_t common = lists[0].size();
            for (const auto& v : lists)
                common = std::min(common, v.size());
            for (size_t j = 0; j < common; ++j) {
                std::vector<std::pair<size_t, const Mention*>> members;
                for (size_t l = 0; l < n; ++l)
                    members.push_back({l, lists[l][j]});
                mention_difference(members);
            }
            for (size_t l = 0; l < n; ++l)
                for (size_t j = common; j < lists[l].size(); ++j)
                    rest.push_back({l, lists[l][j]});
        }

        // Step 2: pair the rest, one mention per layer per difference, best pairs first.
        // Tiers: same span; overlap with the same type; overlap with different types. Within a
        // tier the larger overlap / union wins. Clusters merge only if their layers are disjoint.
        std::sort(rest.begin(), rest.end(), [](const Item& a, const Item& b) {
            if (a.m->start != b.m->start) return a.m->start < b.m->start;
            if (a.m->end != b.m->end) return a.m->end > b.m->end;
            if (a.layer != b.layer) return a.layer < b.layer;
            return a.m->id < b.m->id;
        });
        struct Edge {
            int tier;
            uint64_t overlap, uni;
            size_t a, b;
        };
        std::vector<Edge> edges;
        for (size_t a = 0; a < rest.size(); ++a)
            for (size_t b = a + 1; b < rest.size() && rest[b].m->start < rest[a].m->end; ++b) {
                if (rest[a].layer == rest[b].layer)
                    continue;
                const Mention& x = *rest[a].m;
                const Mention& y = *rest[b].m;
                int tier = x.start == y.start && x.end == y.end ? 0 : x.type == y.type ? 1 : 2;
                uint64_t overlap = std::min(x.end, y.end) - std::max(x.start, y.start);
                uint64_t uni = std::max(x.end, y.end) - std::min(x.start, y.start);
                edges.push_back({tier, overlap, uni, a, b});
            }
        std::sort(edges.begin(), edges.end(), [](const Edge& e, const Edge& f) {
            if (e.tier != f.tier) return e.tier < f.tier;
            // overlap/uni larger first, compared exactly
            uint64_t l = e.overlap * f.uni, r = f.overlap * e.uni;
            if (l != r) return l > r;
            if (e.a != f.a) return e.a < f.a;
            return e.b < f.b;
        });
        std::vector<size_t> parent(rest.size());
        std::iota(parent.begin(), parent.end(), size_t{0});
        std::vector<std::vector<char>> has(rest.size(), std::vector<char>(n, 0));
        for (size_t i = 0; i < rest.size(); ++i)
            has[i][rest[i].layer] = 1;
        auto find = [&](size_t i) {
            while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
            return i;
        };
        for (const Edge& e : edges) {
            size_t ra = find(e.a), rb = find(e.b);
            if (ra == rb)
                continue;
            bool disjoint = true;
            for (size_t l = 0; l < n && disjoint; ++l)
                disjoint = !(has[ra][l] && has[rb][l]);
            if (!disjoint)
                continue;
            parent[rb] = ra;
            for (size_t l = 0; l < n; ++l)
                has[ra][l] = has[ra][l] || has[rb][l];
        }
        std::map<size_t, std::vector<std::pair<size_t, const Mention*>>> clusters;
        for (size_t i = 0; i < rest.size(); ++i)
            clusters[find(i)].push_back({rest[i].layer, rest[i].m});
        for (auto& [root, members] : clusters)
            mention_difference(members);
    }

    // Stances and document stances share the matching: group by a key, then per group take
    // agreements (one per layer, same value) and pair what is left by rank.
    template <class Record, class KeyOf, class Fill>
    void grouped(DiffItem item, const std::vector<const Record*>& records, KeyOf key_of, Fill fill)
    {
        size_t n = layers.size();
        std::map<std::string, std::vector<std::vector<const Record*>>> groups;
        for (const Record* r : records)
            for (size_t l = 0; l < n; ++l)
                if (layers[l] == r->annotator) {
                    auto& g = groups[key_of(*r)];
                    g.resize(n);
                    g[l].push_back(r);
                }
        for (auto& group : groups) {
            // Named, not a structured binding: clang 14 (Emscripten 3.1.6) cannot capture those.
            const std::string& key = group.first;
            auto& lists = group.second;
            for (auto& v : lists)
                std::sort(v.begin(), v.end(), [](const Record* a, const Record* b) {
                    return a->polarity != b->polarity ? a->polarity < b->polarity : a->id < b->id;
                });
            auto emit = [&](const std::vector<const Record*>& members_by_layer) {
                Difference d = make(item);
                std::vector<std::string> values(n);
                std::set<std::string> polarities;
                size_t present = 0;
                for (size_t l = 0; l < n; ++l) {
                    const Record* r = members_by_layer[l];
                    if (!r)
                        continue;
                    ++present;
                    d.sides[l].push_back(r->id);
                    values[l] = r->polarity;
                    polarities.insert(r->polarity);
                }
                d.kind = polarities.size() > 1 ? DiffKind::Label : present == n ? DiffKind::Agreement : DiffKind::Missing;
                fill(d, key, members_by_layer);
                d.key += " |" + members_key(d, values);
                out.push_back(std::move(d));
            };
            // Agreements: a polarity every layer has.
            std::set<std::string> candidates;
            for (const Record* r : lists[0])
                candidates.insert(r->polarity);
            for (const auto& pol : candidates) {
                for (;;) {
                    std::vector<const Record*> pick(n, nullptr);
                    bool all = true;
                    for (size_t l = 0; l < n && all; ++l) {
                        auto it = std::find_if(lists[l].begin(), lists[l].end(), [&](const Record* r) { return r->polarity == pol; });
                        all = it != lists[l].end();
                        if (all)
                            pick[l] = *it;
                    }
                    if (!all)
                        break;
                    for (size_t l = 0; l < n; ++l)
                        lists[l].erase(std::find(lists[l].begin(), lists[l].end(), pick[l]));
                    emit(pick);
                }
            }
            size_t longest = 0;
            for (const auto& v : lists)
                longest = std::max(longest, v.size());
            for (size_t j = 0; j < longest; ++j) {
                std::vector<const Record*> pick(n, nullptr);
                for (size_t l = 0; l < n; ++l)
                    if (j < lists[l].size())
                        pick[l] = lists[l][j];
                emit(pick);
            }
        }
    }

    void stances()
    {
        std::vector<const Stance*> records;
        for (const auto& s : p.stances)
            if (s.doc_id == doc.id)
                records.push_back(&s);
        auto key_of = [&](const Stance& s) { return ref_key(p, dm, s.holder) + " -> " + ref_key(p, dm, s.target); };
        grouped(DiffItem::Stance, records, key_of, [&](Difference& d, const std::string&, const std::vector<const Stance*>& members) {
            const Stance* any = nullptr;
            bool spanned = false;
            for (const Stance* s : members) {
                if (!s)
                    continue;
                any = s;
                for (const StanceRef* r : {&s->holder, &s->target})
                    if (r->kind == StanceRef::Kind::Mention)
                        if (const Mention* m = dm.get(r->id))
                            widen(d.span, spanned, m->start, m->end);
                if (s->evidence)
                    widen(d.span, spanned, s->evidence->start, s->evidence->end);
            }
            d.holder = ref_key(p, dm, any->holder);
            d.target = ref_key(p, dm, any->target);
            d.key = "S " + d.holder + " -> " + d.target;
        });
    }

    void doc_stances()
    {
        std::vector<const DocStance*> records;
        for (const auto& s : p.doc_stances)
            if (s.doc_id == doc.id)
                records.push_back(&s);
        grouped(DiffItem::DocStance, records, [](const DocStance& s) { return s.target_id; },
                [](Difference& d, const std::string& target, const std::vector<const DocStance*>&) {
                    d.target = target;
                    d.key = "D " + target;
                });
    }

    void resolve()
    {
        std::set<std::string> decided;
        for (auto& k : decided_keys(doc))
            decided.insert(std::move(k));
        std::set<std::string> gold_mentions, gold_stances, gold_targets;
        auto [lo, hi] = p.mention_range(doc.id);
        for (size_t i = lo; i < hi; ++i)
            if (p.mentions[i].annotator == kGoldAnnotator)
                gold_mentions.insert(mention_slot(p.mentions[i]));
        for (const auto& s : p.stances)
            if (s.doc_id == doc.id && s.annotator == kGoldAnnotator)
                gold_stances.insert(ref_key(p, dm, s.holder) + " -> " + ref_key(p, dm, s.target));
        for (const auto& s : p.doc_stances)
            if (s.doc_id == doc.id && s.annotator == kGoldAnnotator)
                gold_targets.insert(s.target_id);
        for (auto& d : out) {
            bool in_gold = false;
            switch (d.item) {
            case DiffItem::Mention:
                for (const auto& side : d.sides)
                    for (const auto& id : side)
                        if (const Mention* m = dm.get(id))
                            in_gold = in_gold || gold_mentions.count(mention_slot(*m));
                break;
            case DiffItem::Stance: in_gold = gold_stances.count(d.holder + " -> " + d.target) > 0; break;
            case DiffItem::DocStance: in_gold = gold_targets.count(d.target) > 0; break;
            }
            d.resolved = in_gold || decided.count(d.key);
        }
    }

    void finish()
    {
        std::sort(out.begin(), out.end(), [](const Difference& a, const Difference& b) {
            if (a.item != b.item) return a.item < b.item;
            if (a.span.start != b.span.start) return a.span.start < b.span.start;
            if (a.span.end != b.span.end) return a.span.end > b.span.end;
            return a.key < b.key;
        });
        // Identical keys (a layer holding the same record twice) get a rank so each stays distinct.
        std::map<std::string, int> seen;
        for (auto& d : out) {
            d.key = one_line(d.key);
            int n = ++seen[d.key];
            if (n > 1)
                d.key += " #" + std::to_string(n);
        }
        resolve();
    }
};

std::vector<std::string> default_layers(const Project& p, const std::vector<std::string>& annotators)
{
    std::vector<std::string> out;
    if (annotators.empty()) {
        for (auto& n : layer_names(p))
            if (n != kGoldAnnotator)
                out.push_back(std::move(n));
        return out;
    }
    for (const auto& a : annotators) // a name listed twice is compared once
        if (std::find(out.begin(), out.end(), a) == out.end())
            out.push_back(a);
    return out;
}

} // namespace

std::vector<Difference> compute_differences(const Project& p, const std::string& doc_id, const std::vector<std::string>& annotators)
{
    const Document* doc = p.document(doc_id);
    std::vector<std::string> layers = default_layers(p, annotators);
    if (!doc || layers.empty())
        return {};
    Builder b(p, *doc, std::move(layers));
    b.mentions();
    b.stances();
    b.doc_stances();
    b.finish();
    return std::move(b.out);
}

std::string describe(const Project& p, const Difference& d)
{
    const Document* doc = p.document(d.doc_id);
    std::string s = to_string(d.kind);
    s += "  ";
    if (d.item == DiffItem::Stance)
        s += d.holder + " -> " + d.target + ": ";
    else if (d.item == DiffItem::DocStance)
        s += "document -> target " + d.target + ": ";
    for (size_t i = 0; i < d.sides.size(); ++i) {
        if (i)
            s += " | ";
        s += d.annotators[i] + " ";
        if (d.sides[i].empty()) {
            s += "-";
            continue;
        }
        for (size_t k = 0; k < d.sides[i].size(); ++k) {
            const std::string& id = d.sides[i][k];
            if (k)
                s += ", ";
            if (d.item == DiffItem::Mention) {
                const Mention* m = p.mention(id);
                if (!m || !doc) {
                    s += "?" + id;
                    continue;
                }
                // Short surface: at most 40 code points on one line.
                uint32_t end = std::min<uint32_t>(m->end, m->start + 40);
                std::string text = one_line(std::string(doc->text->slice(m->start, end)));
                if (end < m->end)
                    text += "\xE2\x80\xA6"; // …
                s += m->type + " \xC2\xAB" + text + "\xC2\xBB " + span_text(m->start, m->end);
            } else if (d.item == DiffItem::Stance) {
                const Stance* st = p.stance(id);
                s += st ? st->polarity : "?" + id;
            } else {
                auto it = std::find_if(p.doc_stances.begin(), p.doc_stances.end(), [&](const DocStance& x) { return x.id == id; });
                s += it != p.doc_stances.end() ? it->polarity : "?" + id;
            }
        }
    }
    return s;
}

// [SECTION] progress

AdjudicationProgress document_progress(const Project& p, const std::string& doc_id, const std::vector<std::string>& annotators)
{
    AdjudicationProgress pr;
    pr.doc_id = doc_id;
    for (const auto& d : compute_differences(p, doc_id, annotators)) {
        if (d.kind == DiffKind::Agreement) {
            ++pr.agreements;
            pr.agreements_resolved += d.resolved;
        } else {
            ++pr.differences;
            pr.differences_resolved += d.resolved;
        }
    }
    return pr;
}

std::vector<AdjudicationProgress> adjudication_progress(const Project& p, const std::vector<std::string>& annotators)
{
    std::vector<std::string> layers = default_layers(p, annotators); // once, not per document
    std::vector<AdjudicationProgress> out;
    for (const auto& d : p.documents)
        out.push_back(document_progress(p, d.id, layers));
    return out;
}

// [SECTION] decisions

namespace {

// Writes gold records for one document, reusing identical gold records. Every write goes
// through History; records are passed by value because a write moves the project's vectors.
struct GoldWriter {
    Editor& ed;
    std::string doc_id;

    Project& p() { return ed.project; }
    void run(CommandPtr c) { ed.history.execute(ed.project, std::move(c)); }

    std::string entity(Entity e)
    {
        if (e.annotator == kGoldAnnotator)
            return e.id;
        for (const auto& g : p().entities)
            if (g.annotator == kGoldAnnotator &&
                (e.external_id.empty() ? g.external_id.empty() && g.type == e.type && g.name == e.name : g.external_id == e.external_id))
                return g.id;
        e.id = p().new_id("e");
        e.annotator = kGoldAnnotator;
        std::string id = e.id;
        run(put_entity(std::move(e)));
        return id;
    }

    std::string mention(Mention m)
    {
        if (m.annotator == kGoldAnnotator && m.doc_id == doc_id)
            return m.id;
        auto [lo, hi] = p().mention_range(doc_id);
        for (size_t i = lo; i < hi; ++i) {
            const Mention& g = p().mentions[i];
            if (g.annotator == kGoldAnnotator && g.start == m.start && g.end == m.end && g.type == m.type)
                return g.id;
        }
        if (!m.entity_id.empty()) {
            const Entity* e = p().entity(m.entity_id);
            m.entity_id = e ? entity(*e) : std::string();
        }
        m.id = p().new_id("m");
        m.doc_id = doc_id;
        m.annotator = kGoldAnnotator;
        std::string id = m.id;
        run(put_mention(std::move(m)));
        return id;
    }

    // Points the ref at gold's copy of what it points at (validated beforehand).
    void ref(StanceRef& r)
    {
        if (r.kind == StanceRef::Kind::Mention) {
            if (const Mention* m = p().mention(r.id))
                r.id = mention(*m);
        } else if (r.kind == StanceRef::Kind::Entity) {
            if (const Entity* e = p().entity(r.id))
                r.id = entity(*e);
        }
    }

    void stance(Stance s)
    {
        ref(s.holder);
        ref(s.target);
        if (s.holder == s.target) // two source mentions became one gold mention
            return;
        for (const auto& g : p().stances)
            if (g.doc_id == doc_id && g.annotator == kGoldAnnotator && g.holder == s.holder && g.target == s.target &&
                g.polarity == s.polarity)
                return;
        s.id = p().new_id("s");
        s.doc_id = doc_id;
        s.annotator = kGoldAnnotator;
        run(put_stance(std::move(s)));
    }

    void doc_stance(const std::string& target, const std::string& polarity)
    {
        const DocStance* old = p().doc_stance(doc_id, target, kGoldAnnotator);
        if (polarity.empty()) {
            if (old)
                run(erase_doc_stance(old->id));
            return;
        }
        if (old && old->polarity == polarity)
            return;
        DocStance d;
        d.id = old ? old->id : p().new_id("ds");
        d.doc_id = doc_id;
        d.target_id = target;
        d.polarity = polarity;
        d.annotator = kGoldAnnotator;
        run(put_doc_stance(std::move(d)));
    }

    void record(const std::string& key)
    {
        const Document* d = p().document(doc_id);
        std::vector<std::string> keys = decided_keys(*d);
        if (std::find(keys.begin(), keys.end(), key) != keys.end())
            return;
        keys.push_back(key);
        std::sort(keys.begin(), keys.end());
        std::string joined;
        for (const auto& k : keys)
            joined += (joined.empty() ? "" : "\n") + k;
        Document copy = *d;
        copy.meta[kAdjudicatedMetaKey] = joined;
        run(put_document(std::move(copy)));
    }
};

const DocStance* find_doc_stance(const Project& p, const std::string& id)
{
    for (const auto& d : p.doc_stances)
        if (d.id == id)
            return &d;
    return nullptr;
}

// Every side record still exists, in the document, in its layer.
bool sides_current(const Project& p, const Difference& d)
{
    if (d.sides.size() != d.annotators.size())
        return false;
    for (size_t i = 0; i < d.sides.size(); ++i)
        for (const auto& id : d.sides[i]) {
            const std::string* doc = nullptr;
            const std::string* who = nullptr;
            if (d.item == DiffItem::Mention) {
                if (const Mention* m = p.mention(id)) { doc = &m->doc_id; who = &m->annotator; }
            } else if (d.item == DiffItem::Stance) {
                if (const Stance* s = p.stance(id)) { doc = &s->doc_id; who = &s->annotator; }
            } else if (const DocStance* s = find_doc_stance(p, id)) {
                doc = &s->doc_id;
                who = &s->annotator;
            }
            if (!doc || *doc != d.doc_id || *who != d.annotators[i])
                return false;
        }
    return true;
}

bool ref_ok(const Project& p, const std::string& doc_id, const StanceRef& r)
{
    switch (r.kind) {
    case StanceRef::Kind::Mention: {
        const Mention* m = p.mention(r.id);
        return m && m->doc_id == doc_id;
    }
    case StanceRef::Kind::Entity: return p.entity(r.id) != nullptr;
    case StanceRef::Kind::Target: return p.schema.stance_target(r.id) != nullptr;
    case StanceRef::Kind::None: return false;
    }
    return false;
}

// Gold holds one of the difference's versions now (then no key needs recording).
bool gold_has(const Project& p, const Difference& d)
{
    const Document* doc = p.document(d.doc_id);
    DocMentions dm(p, d.doc_id);
    switch (d.item) {
    case DiffItem::Mention: {
        std::set<std::string> slots;
        for (const auto& side : d.sides)
            for (const auto& id : side)
                if (const Mention* m = dm.get(id))
                    slots.insert(mention_slot(*m));
        auto [lo, hi] = p.mention_range(d.doc_id);
        for (size_t i = lo; i < hi; ++i)
            if (p.mentions[i].annotator == kGoldAnnotator && slots.count(mention_slot(p.mentions[i])))
                return true;
        return false;
    }
    case DiffItem::Stance:
        for (const auto& s : p.stances)
            if (s.doc_id == d.doc_id && s.annotator == kGoldAnnotator && ref_key(p, dm, s.holder) == d.holder &&
                ref_key(p, dm, s.target) == d.target)
                return true;
        return false;
    case DiffItem::DocStance: return doc && p.doc_stance(d.doc_id, d.target, kGoldAnnotator) != nullptr;
    }
    return false;
}

// The one implementation behind every decision. `chosen` sides, or `edit` when not null.
bool write_decision(Editor& ed, const Difference& d, const std::vector<size_t>& chosen, const GoldEdit* edit,
                    const std::string& what)
{
    Project& p = ed.project;
    const Document* doc = p.document(d.doc_id);
    if (!doc || !sides_current(p, d))
        return false;
    for (size_t i : chosen)
        if (i >= d.sides.size())
            return false;

    // Gather copies first and validate everything: a refused decision writes nothing.
    std::vector<Mention> mentions;
    std::vector<Stance> stances;
    std::set<std::string> polarities;
    if (edit) {
        if (d.item == DiffItem::Mention) {
            for (Mention m : edit->mentions) {
                if ((!m.doc_id.empty() && m.doc_id != d.doc_id) || m.start >= m.end || m.end > doc->text->size() ||
                    !p.schema.entity_type(m.type) || (!m.entity_id.empty() && !p.entity(m.entity_id)))
                    return false;
                m.doc_id = d.doc_id;
                mentions.push_back(std::move(m));
            }
        } else if (d.item == DiffItem::Stance) {
            for (const Stance& s : edit->stances) {
                // holder/target checked against the project: any layer's records in the document
                if (!ref_ok(p, d.doc_id, s.holder) || !ref_ok(p, d.doc_id, s.target) || s.holder == s.target ||
                    !p.schema.polarity(s.polarity) || !(s.confidence >= 0.0 && s.confidence <= 1.0) ||
                    (s.evidence && (s.evidence->start >= s.evidence->end || s.evidence->end > doc->text->size())))
                    return false;
                stances.push_back(s);
            }
        } else {
            if (!edit->polarity.empty() && !p.schema.polarity(edit->polarity))
                return false;
            if (!p.schema.stance_target(d.target))
                return false;
        }
    } else {
        for (size_t i : chosen)
            for (const auto& id : d.sides[i]) {
                if (d.item == DiffItem::Mention)
                    mentions.push_back(*p.mention(id));
                else if (d.item == DiffItem::Stance)
                    stances.push_back(*p.stance(id));
                else
                    polarities.insert(find_doc_stance(p, id)->polarity);
            }
        if (polarities.size() > 1) // one document stance per target
            return false;
        for (const auto& s : stances) // a source stance with a dangling ref would make gold invalid
            if (!ref_ok(p, d.doc_id, s.holder) || !ref_ok(p, d.doc_id, s.target))
                return false;
    }

    ed.history.begin_group(what);
    GoldWriter w{ed, d.doc_id};
    for (auto& m : mentions)
        w.mention(std::move(m));
    for (auto& s : stances)
        w.stance(std::move(s));
    if (d.item == DiffItem::DocStance) {
        if (edit)
            w.doc_stance(d.target, edit->polarity);
        else if (!polarities.empty())
            w.doc_stance(d.target, *polarities.begin());
    }
    if (!gold_has(p, d))
        w.record(d.key);
    ed.history.end_group();
    return true;
}

std::string side_names(const Difference& d, const std::vector<size_t>& chosen)
{
    if (chosen.empty())
        return "neither";
    std::string s;
    for (size_t i : chosen)
        if (i < d.annotators.size())
            s += (s.empty() ? "" : " + ") + d.annotators[i];
    return s;
}

} // namespace

bool accept_sides(Editor& ed, const Difference& d, const std::vector<size_t>& sides)
{
    return write_decision(ed, d, sides, nullptr, "Adjudicate: accept " + side_names(d, sides));
}

bool decide(Editor& ed, const Difference& d, Decision decision, const GoldEdit& edit)
{
    switch (decision) {
    case Decision::AcceptLeft: return !d.sides.empty() && accept_sides(ed, d, {0});
    case Decision::AcceptRight: return d.sides.size() >= 2 && accept_sides(ed, d, {1});
    case Decision::AcceptBoth: {
        std::vector<size_t> all(d.sides.size());
        std::iota(all.begin(), all.end(), size_t{0});
        return accept_sides(ed, d, all);
    }
    case Decision::AcceptNeither: return accept_sides(ed, d, {});
    case Decision::Edit: return write_decision(ed, d, {}, &edit, "Adjudicate: edit");
    }
    return false;
}

size_t accept_all_agreements(Editor& ed, const std::string& doc_id, const std::vector<std::string>& annotators)
{
    std::vector<std::string> docs;
    if (!doc_id.empty())
        docs.push_back(doc_id);
    else
        for (const auto& d : ed.project.documents)
            docs.push_back(d.id);
    std::vector<std::string> layers = default_layers(ed.project, annotators);
    size_t accepted = 0;
    ed.history.begin_group("Accept all agreements");
    for (const auto& id : docs)
        for (const auto& d : compute_differences(ed.project, id, layers))
            if (d.kind == DiffKind::Agreement && !d.resolved && write_decision(ed, d, {0}, nullptr, "Accept agreement"))
                ++accepted;
    ed.history.end_group();
    return accepted;
}

} // namespace postil
