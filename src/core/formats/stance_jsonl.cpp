// The "stance-jsonl" format (export only): one JSON line per stance, self-contained for
// training or evaluating stance models.
//
//   {"doc_id":"d1","stance_id":"s1","text":"<whole document text>",
//    "holder":{"kind":"mention","id":"m1","text":"Dario Amodei","start":10,"end":22,"type":"PER","entity":"e1"},
//    "target":{"kind":"target","id":"us-export-controls","text":"US export controls on AI chips",
//              "name":"US export controls on AI chips","description":"…"},
//    "polarity":"FAVOR","evidence":{"start":5,"end":60,"text":"…"},"confidence":0.9,
//    "annotator":"alice","note":"…","offset_unit":"codepoint"}
//
// A holder/target that is a canonical entity gives its name as "text" and its mentions in
// the document as "spans" [{"start","end"}]. Offsets are code points. "evidence" is null
// when the stance has none.
// Does not do: import; document-level stances (stance-csv / stance-semeval carry those):
// their number is reported as a loss.
#include "format.h"
#include "json_util.h"

#include <algorithm>
#include <unordered_map>

namespace postil {

namespace {

struct StanceWriter {
    const Project& p;
    std::unordered_map<std::string, const Mention*> mention_by_id;
    std::unordered_map<std::string, const Entity*> entity_by_id;
    size_t dangling = 0;

    explicit StanceWriter(const Project& project) : p(project)
    {
        for (const auto& m : p.mentions)
            mention_by_id.emplace(m.id, &m);
        for (const auto& e : p.entities)
            entity_by_id.emplace(e.id, &e);
    }

    void span(std::string& out, uint32_t start, uint32_t end)
    {
        out += "\"start\":";
        json_append_uint(out, start);
        out += ",\"end\":";
        json_append_uint(out, end);
    }

    void ref(std::string& out, const StanceRef& r, const Document& d)
    {
        out += "{\"kind\":";
        json_append_string(out, to_string(r.kind));
        out += ",\"id\":";
        json_append_string(out, r.id);
        switch (r.kind) {
        case StanceRef::Kind::Mention: {
            auto it = mention_by_id.find(r.id);
            if (it == mention_by_id.end() || it->second->end > d.text->size()) {
                ++dangling;
                break;
            }
            const Mention& m = *it->second;
            out += ",\"text\":";
            json_append_string(out, d.text->slice(m.start, m.end));
            out += ',';
            span(out, m.start, m.end);
            out += ",\"type\":";
            json_append_string(out, m.type);
            if (!m.entity_id.empty()) {
                out += ",\"entity\":";
                json_append_string(out, m.entity_id);
            }
            break;
        }
        case StanceRef::Kind::Entity: {
            auto it = entity_by_id.find(r.id);
            if (it == entity_by_id.end()) {
                ++dangling;
                break;
            }
            const Entity& e = *it->second;
            out += ",\"text\":";
            json_append_string(out, e.name);
            out += ",\"name\":";
            json_append_string(out, e.name);
            out += ",\"type\":";
            json_append_string(out, e.type);
            if (!e.external_id.empty()) {
                out += ",\"external_id\":";
                json_append_string(out, e.external_id);
            }
            out += ",\"spans\":[";
            bool first = true;
            auto [lo, hi] = p.mention_range(d.id);
            for (size_t i = lo; i < hi; ++i)
                if (p.mentions[i].entity_id == e.id) {
                    if (!first) out += ',';
                    first = false;
                    out += '{';
                    span(out, p.mentions[i].start, p.mentions[i].end);
                    out += '}';
                }
            out += ']';
            break;
        }
        case StanceRef::Kind::Target: {
            const StanceTarget* t = p.schema.stance_target(r.id);
            if (!t) {
                ++dangling;
                break;
            }
            out += ",\"text\":";
            json_append_string(out, t->name);
            out += ",\"name\":";
            json_append_string(out, t->name);
            out += ",\"description\":";
            json_append_string(out, t->description);
            break;
        }
        case StanceRef::Kind::None: break;
        }
        out += '}';
    }
};

std::vector<OutputFile> export_stance_jsonl(const Project& p0, const ExportOptions&, ExportReport& report)
{
    // mention_range needs the sort order; a copy is cheap next to writing every text per stance.
    Project sorted;
    const Project& p = sorted_for_export(p0, sorted);
    StanceWriter W(p);
    std::unordered_map<std::string, const Document*> doc_by_id;
    for (const auto& d : p.documents)
        doc_by_id.emplace(d.id, &d);
    std::string out;
    size_t rows = 0, no_doc = 0;
    // Rows in document order, then stance id.
    std::vector<const Stance*> stances;
    std::unordered_map<std::string, size_t> doc_rank;
    for (size_t i = 0; i < p.documents.size(); ++i)
        doc_rank.emplace(p.documents[i].id, i);
    for (const auto& s : p.stances)
        stances.push_back(&s);
    std::stable_sort(stances.begin(), stances.end(), [&](const Stance* a, const Stance* b) {
        size_t ra = doc_rank.count(a->doc_id) ? doc_rank[a->doc_id] : SIZE_MAX;
        size_t rb = doc_rank.count(b->doc_id) ? doc_rank[b->doc_id] : SIZE_MAX;
        return ra != rb ? ra < rb : a->id < b->id;
    });
    for (const Stance* sp : stances) {
        const Stance& s = *sp;
        auto d = doc_by_id.find(s.doc_id);
        if (d == doc_by_id.end()) {
            ++no_doc;
            continue;
        }
        const Document& doc = *d->second;
        out += "{\"doc_id\":";
        json_append_string(out, doc.id);
        out += ",\"stance_id\":";
        json_append_string(out, s.id);
        out += ",\"text\":";
        json_append_string(out, doc.text->utf8());
        out += ",\"holder\":";
        W.ref(out, s.holder, doc);
        out += ",\"target\":";
        W.ref(out, s.target, doc);
        out += ",\"polarity\":";
        json_append_string(out, s.polarity);
        out += ",\"evidence\":";
        if (s.evidence && s.evidence->end <= doc.text->size()) {
            out += '{';
            W.span(out, s.evidence->start, s.evidence->end);
            out += ",\"text\":";
            json_append_string(out, doc.text->slice(s.evidence->start, s.evidence->end));
            out += '}';
        } else {
            out += "null";
        }
        out += ",\"confidence\":";
        json_append_double(out, s.confidence);
        out += ",\"annotator\":";
        json_append_string(out, s.annotator);
        if (!s.note.empty()) {
            out += ",\"note\":";
            json_append_string(out, s.note);
        }
        out += ",\"offset_unit\":\"codepoint\"}\n";
        ++rows;
    }
    report.counts["stances"] = rows;
    report.counts["documents"] = p.documents.size();
    if (!p.doc_stances.empty())
        report.losses.push_back(std::to_string(p.doc_stances.size()) +
                                " document stances not written: stance-jsonl has one row per holder -> target stance (use stance-csv or stance-semeval for document-level stances)");
    if (no_doc)
        report.losses.push_back(std::to_string(no_doc) + " stances whose document is missing were not written");
    if (W.dangling)
        report.losses.push_back(std::to_string(W.dangling) + " holder/target references that resolve to nothing were written with kind and id only");
    return {{"", std::move(out)}};
}

} // namespace

const Format& stance_jsonl_format()
{
    static const Format f = [] {
        Format f;
        f.name = "stance-jsonl";
        f.description = "Stances as JSON Lines, one row per stance with document text, holder, target, polarity, evidence (export only)";
        f.offset_unit = "codepoint";
        f.extension = ".jsonl";
        f.detect = [](const InputFile&) { return 0; };
        f.export_files = export_stance_jsonl;
        return f;
    }();
    return f;
}

} // namespace postil
