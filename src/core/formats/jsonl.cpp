// The "jsonl" format: Postil's rich JSON Lines, one document per line with everything
// annotated on it. Lossless for documents and annotations (import(export(p)) gives back p's
// documents, mentions, entities, stances and document stances, ids included).
//
//   {"id":"demo-1","name":"…","status":"in_progress","offset_unit":"codepoint","meta":{…},
//    "text":"…",
//    "mentions":[{"id":"m1","start":0,"end":12,"type":"PER","entity":"e1","note":"…",
//                 "annotator":"demo","attributes":{"k":"v"}}],
//    "entities":[{"id":"e1","name":"…","type":"PER","external_id":"…","note":"…","annotator":"…"}],
//    "stances":[{"id":"s1","holder":{"kind":"mention","id":"m1"},"target":{"kind":"target","id":"t"},
//                "polarity":"FAVOR","evidence":[10,40],"confidence":1.0,"note":"…","annotator":"…"}],
//    "document_stances":[{"id":"ds1","target":"t","polarity":"NEUTRAL","annotator":"…"}],
//    "stance_targets":[{"id":"t","name":"…","description":"…"}]}
//
// Offsets are code points ("offset_unit" on every line; "utf16" is also read). Empty
// optional fields (entity, note, attributes, evidence) are left out. "entities" repeats, on
// each line, the entities that line's mentions and stances refer to; "stance_targets" the
// schema targets its stances refer to, so a line can be read on its own.
// Does not do: the schema beyond what annotations name (colours, hotkeys, relation types,
// attribute definitions: use the postil format), entities nothing refers to.
#include "format.h"
#include "json_util.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace postil {

namespace {

// [SECTION] import

// Set of ids held elsewhere (here: mention ids in Project::mentions), by index: 8 bytes a slot,
// no string copies. A 100 MB corpus has half a million mentions; a std::unordered_set of
// their ids would cost ~60 bytes each and most of the import time.
class IdIndex {
public:
    template <class GetId>
    bool contains(std::string_view id, const GetId& get) const
    {
        if (slots_.empty())
            return false;
        uint32_t h = hash(id);
        for (size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.index == 0)
                return false;
            if (s.hash == h && get(s.index - 1) == id)
                return true;
        }
    }
    template <class GetId>
    void insert(uint32_t index, const GetId& get)
    {
        if ((count_ + 1) * 2 > slots_.size())
            grow();
        place(Slot{index + 1, hash(get(index))});
        ++count_;
    }

private:
    struct Slot {
        uint32_t index = 0; // index + 1; 0 = empty
        uint32_t hash = 0;
    };
    static uint32_t hash(std::string_view s)
    {
        uint64_t h = 1469598103934665603ull; // FNV-1a: ids are short
        for (char c : s)
            h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        return static_cast<uint32_t>(h ^ (h >> 32));
    }
    void place(Slot s)
    {
        size_t i = s.hash & mask_;
        while (slots_[i].index != 0)
            i = (i + 1) & mask_;
        slots_[i] = s;
    }
    void grow()
    {
        std::vector<Slot> old;
        old.swap(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        mask_ = slots_.size() - 1;
        for (const Slot& s : old)
            if (s.index)
                place(s);
    }
    std::vector<Slot> slots_;
    size_t mask_ = 0, count_ = 0;
};

struct JsonlImport {
    Project& out;
    const ImportOptions& opts;
    ImportReport& report;
    BadRecords bad;
    NoteCounter notes;
    std::string default_annotator;
    // Ids already taken in this import (append_project renames clashes with the target
    // project later; clashes inside one input are errors).
    std::unordered_set<std::string> doc_ids, stance_ids, doc_stance_ids;
    IdIndex mention_ids;
    std::unordered_map<std::string, std::pair<size_t, int>> entities; // id -> (index in out.entities, line)
    size_t generated = 0;
    // Per-record buffers, reused so that a line costs no allocation beyond its content.
    std::vector<Mention> mentions;
    std::vector<std::string_view> line_mention_ids;
    std::vector<Stance> stances;
    std::vector<DocStance> dstances;
    std::vector<Entity> new_entities;
    std::vector<StanceTarget> targets;
    MentionBlocks blocks;
    size_t total_bytes = 0, bytes_before_file = 0; // input size, for MentionBlocks::reserve_once

    JsonlImport(Project& p, const ImportOptions& o, ImportReport& r)
        : out(p), opts(o), report(r), bad(o, r), default_annotator(o.annotator.empty() ? p.annotator : o.annotator)
    {
    }

    bool mention_taken(std::string_view id) const
    {
        return mention_ids.contains(id, [&](uint32_t i) -> std::string_view { return out.mentions[i].id; });
    }
    bool line_has_mention(std::string_view id) const
    {
        return std::binary_search(line_mention_ids.begin(), line_mention_ids.end(), id);
    }
    const Entity* line_entity(std::string_view id) const
    {
        for (const auto& e : new_entities)
            if (e.id == id)
                return &e;
        return nullptr;
    }

    template <class Taken>
    std::string fresh(const char* prefix, const Taken& taken)
    {
        for (;;) {
            std::string id = std::string(prefix) + "-imported-" + std::to_string(++generated);
            if (!taken(id))
                return id;
        }
    }

    StanceRef ref(RecordReader& R, JsonValue st, const JPath& sp, const char* which)
    {
        StanceRef r;
        JsonValue v = R.object(st, sp, which, true);
        if (!v)
            return r;
        JPath p = sp.member(which);
        std::string_view kind, id;
        R.str(v, p, "kind", kind, true);
        R.str(v, p, "id", id, true);
        r.id.assign(id);
        if (kind == "mention") {
            r.kind = StanceRef::Kind::Mention;
            if (!id.empty() && !line_has_mention(id))
                R.error(v.get("id"), p.member("id"), "no mention with id \"" + r.id + "\" on this line (a stance's mentions are in its document)");
        } else if (kind == "entity") {
            r.kind = StanceRef::Kind::Entity;
            if (!id.empty() && !line_entity(id) && !entities.count(r.id))
                R.error(v.get("id"), p.member("id"), "no entity with id \"" + r.id + "\" (list it in this line's \"entities\")");
        } else if (kind == "target") {
            r.kind = StanceRef::Kind::Target; // unknown targets are added to the schema on commit
        } else if (!kind.empty()) {
            R.error(v.get("kind"), p.member("kind"), "expected \"mention\", \"entity\" or \"target\", found " + quote_for_message(kind));
        }
        return r;
    }

    // One mention object; its members are read in one pass (the hot path of a big import).
    void mention(RecordReader& R, JsonValue m, const JPath& p, const Document& doc, const ImportedText& text, OffsetUnit unit)
    {
        if (!m.is_object()) {
            R.error(m, p, std::string("expected an object, found ") + m.type_name());
            return;
        }
        JsonValue vid, vstart, vend, vtype, ventity, vnote, vann, vattr;
        for (JsonValue f : m) {
            std::string_view k = f.key();
            switch (k.size()) {
            case 2: if (k == "id") vid = f; break;
            case 3: if (k == "end") vend = f; break;
            case 4: if (k == "type") vtype = f; else if (k == "note") vnote = f; break;
            case 5: if (k == "start") vstart = f; break;
            case 6: if (k == "entity") ventity = f; break;
            case 9: if (k == "annotator") vann = f; break;
            case 10: if (k == "attributes") vattr = f; break;
            default: break;
            }
        }
        Mention x;
        x.doc_id = doc.id;
        bool has_id = R.id(m, vid, p, "id", x.id);
        uint64_t s = 0, e = 0;
        bool so = R.uint(m, vstart, p, "start", s, true);
        bool eo = R.uint(m, vend, p, "end", e, true);
        std::string why;
        if (so && eo && !span_to_codepoints(text, unit, s, e, x.start, x.end, why))
            R.error(m, p, why);
        std::string_view sv;
        if (R.str(m, vtype, p, "type", sv, true)) {
            if (sv.empty())
                R.error(vtype, p.member("type"), "empty entity type");
            x.type.assign(sv);
        }
        if (R.id(m, ventity, p, "entity", x.entity_id) && !line_entity(x.entity_id) && !entities.count(x.entity_id))
            R.error(ventity, p.member("entity"), "no entity with id \"" + x.entity_id + "\" (list it in this line's \"entities\")");
        if (R.str(m, vnote, p, "note", sv))
            x.note.assign(sv);
        if (R.str(m, vann, p, "annotator", sv))
            x.annotator.assign(sv);
        else
            x.annotator = default_annotator;
        if (vattr)
            x.attributes = R.string_map(m, p, "attributes");
        if (has_id) {
            if (mention_taken(x.id))
                R.error(vid, p.member("id"), "duplicate mention id \"" + x.id + "\"");
        } else {
            x.id = fresh("m", [&](const std::string& id) { return mention_taken(id); });
        }
        mentions.push_back(std::move(x));
    }

    void record(const JsonSource& src, const JsonRecord& rec)
    {
        RecordReader R(src, rec);
        JPath root;
        JsonValue o = rec.value;
        if (!o.is_object()) {
            R.error(o, root, std::string("expected an object (one document per line), found ") + o.type_name());
            bad.add(std::move(R.errors));
            return;
        }
        mentions.clear();
        line_mention_ids.clear();
        stances.clear();
        dstances.clear();
        new_entities.clear();
        targets.clear();

        // Top-level members in one pass.
        JsonValue vid, vname, vstatus, vunit, vmeta, vtext, vmentions, ventities, vstances, vdstances, vtargets;
        for (JsonValue f : o) {
            std::string_view k = f.key();
            if (k == "id") vid = f;
            else if (k == "name") vname = f;
            else if (k == "status") vstatus = f;
            else if (k == "offset_unit") vunit = f;
            else if (k == "meta") vmeta = f;
            else if (k == "text") vtext = f;
            else if (k == "mentions") vmentions = f;
            else if (k == "entities") ventities = f;
            else if (k == "stances") vstances = f;
            else if (k == "document_stances") vdstances = f;
            else if (k == "stance_targets") vtargets = f;
            else notes.add("lines had the unknown key \"" + std::string(k) + "\" (ignored)");
        }

        OffsetUnit unit = OffsetUnit::CodePoint;
        std::string_view sv;
        if (R.str(o, vunit, root, "offset_unit", sv) && !parse_offset_unit(sv, unit))
            R.error(vunit, root.member("offset_unit"), "expected \"codepoint\" or \"utf16\", found " + quote_for_message(sv));

        Document doc;
        if (!R.id(o, vid, root, "id", doc.id))
            doc.id = file_stem(src.file().name) + "-" + std::to_string(rec.index + 1);
        if (doc_ids.count(doc.id))
            R.error(vid ? vid : o, root.member("id"), "duplicate document id \"" + doc.id + "\"");
        doc.name = R.str(o, vname, root, "name", sv) ? std::string(sv) : doc.id;
        if (R.str(o, vstatus, root, "status", sv)) {
            if (auto st = doc_status_from_string(std::string(sv)))
                doc.status = *st;
            else
                R.error(vstatus, root.member("status"), "expected \"todo\", \"in_progress\" or \"done\", found " + quote_for_message(sv));
        }
        if (vmeta)
            doc.meta = R.string_map(o, root, "meta");
        ImportedText text;
        if (R.str(o, vtext, root, "text", sv, true)) {
            text = ImportedText::from(sv);
            doc.text = text.text;
        }
        if (!doc.text) {
            bad.add(std::move(R.errors));
            return;
        }
        if (text.changed())
            notes.add("documents had CR or CRLF line ends: converted to LF, offsets after them moved back by one per CR");

        // Targets first: stances may name them.
        JPath tp = root.member("stance_targets");
        size_t i = 0;
        for (JsonValue t : R.array(o, root, "stance_targets")) {
            JPath p = tp.at(i++);
            if (!t.is_object()) {
                R.error(t, p, std::string("expected an object, found ") + t.type_name());
                continue;
            }
            StanceTarget st;
            if (R.str(t, p, "id", sv, true))
                st.id.assign(sv);
            st.name = R.str(t, p, "name", sv) ? std::string(sv) : st.id;
            if (R.str(t, p, "description", sv))
                st.description.assign(sv);
            if (!st.id.empty())
                targets.push_back(std::move(st));
        }

        // Entities of this line (shared across lines: identical repeats are merged).
        JPath ep = root.member("entities");
        i = 0;
        for (JsonValue e : R.array(o, root, "entities")) {
            JPath p = ep.at(i++);
            if (!e.is_object()) {
                R.error(e, p, std::string("expected an object, found ") + e.type_name());
                continue;
            }
            Entity en;
            R.id(e, p, "id", en.id, true);
            if (R.str(e, p, "name", sv)) en.name.assign(sv);
            if (R.str(e, p, "type", sv)) en.type.assign(sv);
            if (R.str(e, p, "external_id", sv)) en.external_id.assign(sv);
            if (R.str(e, p, "note", sv)) en.note.assign(sv);
            en.annotator = R.str(e, p, "annotator", sv) ? std::string(sv) : default_annotator;
            if (en.id.empty())
                continue;
            auto known = entities.find(en.id);
            if (known != entities.end()) {
                if (!(out.entities[known->second.first] == en))
                    R.error(e, p, "entity \"" + en.id + "\" differs from its definition on line " + std::to_string(known->second.second));
                continue;
            }
            if (line_entity(en.id)) {
                R.error(e.get("id"), p.member("id"), "entity \"" + en.id + "\" listed twice on this line");
                continue;
            }
            new_entities.push_back(std::move(en));
        }

        // Mentions.
        if (vmentions && !vmentions.is_array())
            R.error(vmentions, root.member("mentions"), std::string("expected an array, found ") + vmentions.type_name());
        JPath mp = root.member("mentions");
        i = 0;
        mentions.reserve(vmentions.size());
        for (JsonValue m : vmentions)
            mention(R, m, mp.at(i++), doc, text, unit);
        for (const auto& m : mentions)
            line_mention_ids.push_back(m.id);
        std::sort(line_mention_ids.begin(), line_mention_ids.end());
        for (size_t k = 1; k < line_mention_ids.size(); ++k)
            if (line_mention_ids[k] == line_mention_ids[k - 1])
                R.error(vmentions, mp, "duplicate mention id \"" + std::string(line_mention_ids[k]) + "\" on this line");

        // Stances.
        std::unordered_set<std::string> line_stances;
        JPath sp = root.member("stances");
        i = 0;
        for (JsonValue st : R.array(o, root, "stances")) {
            JPath p = sp.at(i++);
            if (!st.is_object()) {
                R.error(st, p, std::string("expected an object, found ") + st.type_name());
                continue;
            }
            Stance s;
            s.doc_id = doc.id;
            if (R.id(st, p, "id", s.id)) {
                if (stance_ids.count(s.id) || !line_stances.insert(s.id).second)
                    R.error(st.get("id"), p.member("id"), "duplicate stance id \"" + s.id + "\"");
            } else {
                s.id = fresh("s", [&](const std::string& id) { return stance_ids.count(id) || line_stances.count(id); });
                line_stances.insert(s.id);
            }
            s.holder = ref(R, st, p, "holder");
            s.target = ref(R, st, p, "target");
            if (R.str(st, p, "polarity", sv, true)) {
                s.polarity.assign(sv);
                if (s.polarity.empty())
                    R.error(st.get("polarity"), p.member("polarity"), "empty polarity");
            }
            if (JsonValue ev = st.get("evidence"); ev && !ev.is_null()) {
                uint64_t a = 0, b = 0;
                std::string why;
                JsonValue a0, b0;
                if (ev.is_array() && ev.size() == 2) {
                    auto it = ev.begin();
                    a0 = *it;
                    ++it;
                    b0 = *it;
                }
                Span span;
                if (!a0 || !a0.get_uint(a) || !b0.get_uint(b))
                    R.error(ev, p.member("evidence"), "expected [start, end] offsets, found " + ev.dump().substr(0, 40));
                else if (!span_to_codepoints(text, unit, a, b, span.start, span.end, why))
                    R.error(ev, p.member("evidence"), why);
                else
                    s.evidence = span;
            }
            if (JsonValue c = st.get("confidence"); c && !c.is_null()) {
                if (!c.get_double(s.confidence) || !(s.confidence >= 0.0 && s.confidence <= 1.0))
                    R.error(c, p.member("confidence"), "expected a number between 0 and 1, found " + c.dump().substr(0, 40));
            }
            if (R.str(st, p, "note", sv)) s.note.assign(sv);
            s.annotator = R.str(st, p, "annotator", sv) ? std::string(sv) : default_annotator;
            stances.push_back(std::move(s));
        }

        // Document stances.
        JPath dp = root.member("document_stances");
        i = 0;
        for (JsonValue ds : R.array(o, root, "document_stances")) {
            JPath p = dp.at(i++);
            if (!ds.is_object()) {
                R.error(ds, p, std::string("expected an object, found ") + ds.type_name());
                continue;
            }
            DocStance d;
            d.doc_id = doc.id;
            if (R.id(ds, p, "id", d.id)) {
                if (doc_stance_ids.count(d.id) ||
                    std::any_of(dstances.begin(), dstances.end(), [&](const DocStance& x) { return x.id == d.id; }))
                    R.error(ds.get("id"), p.member("id"), "duplicate document stance id \"" + d.id + "\"");
            } else {
                d.id = fresh("ds", [&](const std::string& id) {
                    return doc_stance_ids.count(id) || std::any_of(dstances.begin(), dstances.end(), [&](const DocStance& x) { return x.id == id; });
                });
            }
            if (R.str(ds, p, "target", sv, true)) d.target_id.assign(sv);
            if (R.str(ds, p, "polarity", sv, true)) d.polarity.assign(sv);
            d.annotator = R.str(ds, p, "annotator", sv) ? std::string(sv) : default_annotator;
            dstances.push_back(std::move(d));
        }

        if (!R.ok()) {
            bad.add(std::move(R.errors));
            return;
        }
        // The record is good: commit it.
        for (auto& t : targets)
            if (!out.schema.stance_target(t.id))
                out.schema.stance_targets.push_back(std::move(t));
        for (auto& e : new_entities) {
            ensure_entity_type(out.schema, e.type);
            entities[e.id] = {out.entities.size(), rec.line};
            out.entities.push_back(std::move(e));
        }
        std::string last_type; // consecutive mentions often share a type: skip the schema scan
        blocks.begin_document(out, mentions);
        for (auto& m : mentions) {
            if (m.type != last_type) {
                ensure_entity_type(out.schema, m.type);
                last_type = m.type;
            }
            out.mentions.push_back(std::move(m));
            mention_ids.insert(static_cast<uint32_t>(out.mentions.size() - 1), [&](uint32_t k) -> std::string_view { return out.mentions[k].id; });
        }
        auto ensure_target = [&](const std::string& id) {
            if (out.schema.stance_target(id))
                return;
            StanceTarget t;
            t.id = id;
            t.name = id;
            out.schema.stance_targets.push_back(t);
        };
        for (auto& s : stances) {
            ensure_polarity(out.schema, s.polarity);
            for (const StanceRef* r : {&s.holder, &s.target})
                if (r->kind == StanceRef::Kind::Target)
                    ensure_target(r->id);
            stance_ids.insert(s.id);
            out.stances.push_back(std::move(s));
        }
        for (auto& d : dstances) {
            ensure_polarity(out.schema, d.polarity);
            ensure_target(d.target_id);
            doc_stance_ids.insert(d.id);
            out.doc_stances.push_back(std::move(d));
        }
        doc_ids.insert(doc.id);
        out.documents.push_back(std::move(doc));
        blocks.reserve_once(out, bytes_before_file + rec.base, total_bytes);
    }
};

void import_jsonl(const std::vector<InputFile>& files, Project& out, const ImportOptions& opts, ImportReport& report)
{
    JsonlImport I(out, opts, report);
    for (const auto& in : files)
        I.total_bytes += in.bytes.size();
    for (const auto& in : files) {
        JsonSource src(in);
        JsonLayout layout = read_json_records(
            src, true, [&](const JsonRecord& r) { I.record(src, r); }, [&](Diagnostic d) { I.bad.add(std::move(d)); });
        if (layout.array)
            I.notes.add("file was a JSON array rather than JSON Lines: " + in.name + " (read each element as a line)");
        if (layout.multi_line)
            I.notes.add("records spread over several lines in " + in.name + " (not JSON Lines; read anyway)", layout.multi_line);
        I.bytes_before_file += in.bytes.size();
    }
    I.bad.finish();
    I.blocks.finish(out);
    I.notes.flush(report);
}

// [SECTION] export

void write_ref(std::string& out, const StanceRef& r)
{
    out += "{\"kind\":";
    json_append_string(out, to_string(r.kind));
    out += ",\"id\":";
    json_append_string(out, r.id);
    out += '}';
}

std::vector<OutputFile> export_jsonl(const Project& p, const ExportOptions&, ExportReport& report)
{
    // Lookups that do not trust the sort invariants of `p` (exports may get any project).
    const std::vector<const Mention*> mentions = mentions_in_order(p.mentions);
    std::vector<const Stance*> stances;
    for (const auto& s : p.stances)
        stances.push_back(&s);
    std::stable_sort(stances.begin(), stances.end(), [](const Stance* a, const Stance* b) { return a->doc_id < b->doc_id; });
    std::vector<const DocStance*> dstances;
    for (const auto& s : p.doc_stances)
        dstances.push_back(&s);
    std::stable_sort(dstances.begin(), dstances.end(), [](const DocStance* a, const DocStance* b) { return a->doc_id < b->doc_id; });
    std::unordered_map<std::string, const Entity*> entity_by_id;
    for (const auto& e : p.entities)
        entity_by_id.emplace(e.id, &e);
    auto range_of = [](const auto& v, const std::string& doc) {
        auto lo = std::lower_bound(v.begin(), v.end(), doc, [](const auto* x, const std::string& d) { return x->doc_id < d; });
        auto hi = lo;
        while (hi != v.end() && (*hi)->doc_id == doc)
            ++hi;
        return std::make_pair(lo, hi);
    };

    // One reservation a little above the output size: growing a 100 MB string by doubling
    // copies it and holds twice the memory for a moment.
    size_t estimate = p.mentions.size() * 120 + p.stances.size() * 260 + p.doc_stances.size() * 120;
    for (const auto& d : p.documents)
        estimate += d.text->utf8().size() + d.text->utf8().size() / 32 + 600;
    std::string out;
    out.reserve(estimate);
    std::unordered_set<std::string> written_entities;
    size_t n_mentions = 0, n_stances = 0, n_dstances = 0, dangling = 0;
    std::vector<std::string> ent_ids, target_ids;

    for (const auto& d : p.documents) {
        out += "{\"id\":";
        json_append_string(out, d.id);
        out += ",\"name\":";
        json_append_string(out, d.name);
        out += ",\"status\":";
        json_append_string(out, to_string(d.status));
        out += ",\"offset_unit\":\"codepoint\"";
        if (!d.meta.empty()) {
            out += ",\"meta\":";
            json_append_string_map(out, d.meta);
        }
        out += ",\"text\":";
        json_append_string(out, d.text->utf8());

        ent_ids.clear();
        target_ids.clear();
        out += ",\"mentions\":[";
        auto [mlo, mhi] = range_of(mentions, d.id);
        for (auto it = mlo; it != mhi; ++it) {
            const Mention& m = **it;
            if (it != mlo) out += ',';
            out += "{\"id\":";
            json_append_string(out, m.id);
            out += ",\"start\":";
            json_append_uint(out, m.start);
            out += ",\"end\":";
            json_append_uint(out, m.end);
            out += ",\"type\":";
            json_append_string(out, m.type);
            if (!m.entity_id.empty()) {
                out += ",\"entity\":";
                json_append_string(out, m.entity_id);
                ent_ids.push_back(m.entity_id);
            }
            if (!m.note.empty()) {
                out += ",\"note\":";
                json_append_string(out, m.note);
            }
            out += ",\"annotator\":";
            json_append_string(out, m.annotator);
            if (!m.attributes.empty()) {
                out += ",\"attributes\":{";
                bool first = true;
                for (const auto& [k, v] : m.attributes) {
                    if (!first) out += ',';
                    first = false;
                    json_append_key(out, k);
                    json_append_string(out, v);
                }
                out += '}';
            }
            out += '}';
            ++n_mentions;
        }
        out += ']';

        auto [slo, shi] = range_of(stances, d.id);
        auto [dlo, dhi] = range_of(dstances, d.id);
        for (auto it = slo; it != shi; ++it)
            for (const StanceRef* r : {&(*it)->holder, &(*it)->target}) {
                if (r->kind == StanceRef::Kind::Entity) ent_ids.push_back(r->id);
                if (r->kind == StanceRef::Kind::Target) target_ids.push_back(r->id);
            }
        for (auto it = dlo; it != dhi; ++it)
            target_ids.push_back((*it)->target_id);

        out += ",\"entities\":[";
        std::sort(ent_ids.begin(), ent_ids.end());
        ent_ids.erase(std::unique(ent_ids.begin(), ent_ids.end()), ent_ids.end());
        bool first = true;
        for (const auto& id : ent_ids) {
            auto e = entity_by_id.find(id);
            if (e == entity_by_id.end()) {
                ++dangling;
                continue;
            }
            const Entity& en = *e->second;
            if (!first) out += ',';
            first = false;
            out += "{\"id\":";
            json_append_string(out, en.id);
            out += ",\"name\":";
            json_append_string(out, en.name);
            out += ",\"type\":";
            json_append_string(out, en.type);
            if (!en.external_id.empty()) {
                out += ",\"external_id\":";
                json_append_string(out, en.external_id);
            }
            if (!en.note.empty()) {
                out += ",\"note\":";
                json_append_string(out, en.note);
            }
            out += ",\"annotator\":";
            json_append_string(out, en.annotator);
            out += '}';
            written_entities.insert(en.id);
        }
        out += "],\"stances\":[";
        for (auto it = slo; it != shi; ++it) {
            const Stance& s = **it;
            if (it != slo) out += ',';
            out += "{\"id\":";
            json_append_string(out, s.id);
            out += ",\"holder\":";
            write_ref(out, s.holder);
            out += ",\"target\":";
            write_ref(out, s.target);
            out += ",\"polarity\":";
            json_append_string(out, s.polarity);
            if (s.evidence) {
                out += ",\"evidence\":[";
                json_append_uint(out, s.evidence->start);
                out += ',';
                json_append_uint(out, s.evidence->end);
                out += ']';
            }
            out += ",\"confidence\":";
            json_append_double(out, s.confidence);
            if (!s.note.empty()) {
                out += ",\"note\":";
                json_append_string(out, s.note);
            }
            out += ",\"annotator\":";
            json_append_string(out, s.annotator);
            out += '}';
            ++n_stances;
        }
        out += "],\"document_stances\":[";
        for (auto it = dlo; it != dhi; ++it) {
            const DocStance& s = **it;
            if (it != dlo) out += ',';
            out += "{\"id\":";
            json_append_string(out, s.id);
            out += ",\"target\":";
            json_append_string(out, s.target_id);
            out += ",\"polarity\":";
            json_append_string(out, s.polarity);
            out += ",\"annotator\":";
            json_append_string(out, s.annotator);
            out += '}';
            ++n_dstances;
        }
        out += "],\"stance_targets\":[";
        std::sort(target_ids.begin(), target_ids.end());
        target_ids.erase(std::unique(target_ids.begin(), target_ids.end()), target_ids.end());
        first = true;
        for (const auto& id : target_ids) {
            const StanceTarget* t = p.schema.stance_target(id);
            if (!t)
                continue;
            if (!first) out += ',';
            first = false;
            out += "{\"id\":";
            json_append_string(out, t->id);
            out += ",\"name\":";
            json_append_string(out, t->name);
            out += ",\"description\":";
            json_append_string(out, t->description);
            out += '}';
        }
        out += "]}\n";
    }

    report.counts["documents"] = p.documents.size();
    report.counts["mentions"] = n_mentions;
    report.counts["entities"] = written_entities.size();
    report.counts["stances"] = n_stances;
    report.counts["document_stances"] = n_dstances;
    size_t orphans = p.entities.size() > written_entities.size() ? p.entities.size() - written_entities.size() : 0;
    if (orphans)
        report.losses.push_back(std::to_string(orphans) + " entities that no exported mention or stance refers to were not written");
    if (dangling)
        report.losses.push_back(std::to_string(dangling) + " references to entities missing from the project were written without their entity");
    report.losses.push_back("schema not written beyond the labels, polarities and stance targets the annotations use "
                            "(colours, hotkeys, relation types, attribute definitions): use the postil format to keep it");
    return {{"", std::move(out)}};
}

} // namespace

const Format& jsonl_format()
{
    static const Format f = [] {
        Format f;
        f.name = "jsonl";
        f.description = "Postil JSON Lines: one document per line with its mentions, entities, stances (lossless for annotations)";
        f.offset_unit = "codepoint";
        f.extension = ".jsonl";
        f.detect = [](const InputFile& in) {
            std::string_view w = detect_window(in);
            bool mentions = w.find("\"mentions\"") != std::string_view::npos;
            bool unit = w.find("\"offset_unit\"") != std::string_view::npos;
            bool doc_stances = w.find("\"document_stances\"") != std::string_view::npos;
            if (mentions && (unit || doc_stances))
                return 95;
            if (mentions && w.find("\"text\"") != std::string_view::npos)
                return 60;
            return 0;
        };
        f.import_files = import_jsonl;
        f.export_files = export_jsonl;
        return f;
    }();
    return f;
}

} // namespace postil
