// The "doccano" format: doccano's sequence-labelling / relation-extraction JSONL.
//
// Import reads both forms doccano writes, one document per line:
//   {"text": "...", "label": [[start, end, "LABEL"], ...]}
//   {"text": "...", "entities": [{"id", "label", "start_offset", "end_offset"}],
//    "relations": [{"id", "from_id", "to_id", "type"}]}
// plus flair's variant ("data" as the text key, "metadata" as [key, value] pairs), a
// pretty-printed object over several lines, a top-level JSON array, and other key names
// through ImportOptions::text_field / label_field (--text-field/--label-field).
// Relations whose type names a stance polarity (FAVOR, against, Neutral ...) become
// stances between the two spans; other relation types are counted in the report's notes.
// String labels ("label": ["positive"], text classification) are kept as the document's
// meta "labels" (a JSON array). Identical duplicate spans are imported once.
//
// Offsets: doccano's front end counts JavaScript string indices, i.e. UTF-16 code units
// (doccano issue #2290), so import converts UTF-16 -> code points and export converts back.
// A line may say otherwise with "offset_unit": "codepoint" (Postil writes "offset_unit":
// "utf16" on every exported line; doccano keeps unknown keys as metadata and ignores them).
//
// Export writes the entities/relations form by default (stances between two mentions as
// relations whose type is the polarity, e.g. "FAVOR"); ExportOptions::scheme == "label"
// (--scheme label) writes the [[start, end, label]] form instead.
// Does not do: doccano's "count grapheme clusters as one character" projects (their offsets
// are neither code points nor UTF-16), CSV/CoNLL/fastText files (other formats), canonical
// entities, notes, attributes, evidence or confidence (all reported as losses on export).
#include "format.h"
#include "json_util.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace postil {

namespace {

// [SECTION] import

struct DoccanoImport {
    Project& out;
    const ImportOptions& opts;
    ImportReport& report;
    BadRecords bad;
    NoteCounter notes;
    std::string default_annotator;
    std::unordered_set<std::string> doc_ids;
    size_t mention_no = 0, stance_no = 0;
    std::set<std::string> other_relation_types;
    size_t other_relations = 0, unlabelled_relations = 0;
    MentionBlocks blocks;
    size_t total_bytes = 0, bytes_before_file = 0;
    std::vector<Mention> doc_mentions;

    DoccanoImport(Project& p, const ImportOptions& o, ImportReport& r)
        : out(p), opts(o), report(r), bad(o, r), default_annotator(o.annotator.empty() ? p.annotator : o.annotator)
    {
    }

    struct Span3 {
        uint32_t start, end;
        std::string label;
        std::string key; // doccano entity id (entities form), "" for the label form
    };

    // One span from its offsets; false (error recorded) when unusable.
    bool span(RecordReader& R, JsonValue at, const JPath& path, const ImportedText& text, OffsetUnit unit, uint64_t s, uint64_t e,
              std::string_view label, Span3& out_span)
    {
        std::string why;
        if (!span_to_codepoints(text, unit, s, e, out_span.start, out_span.end, why)) {
            R.error(at, path, why);
            return false;
        }
        if (label.empty()) {
            R.error(at, path, "empty label");
            return false;
        }
        out_span.label.assign(label);
        return true;
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

        // Text: --text-field, else "text", else flair's "data".
        std::string text_key = opts.text_field;
        if (text_key.empty())
            text_key = o.get("text") || !o.get("data").is_string() ? "text" : "data";
        std::string_view sv;
        JsonValue tv = o.get(text_key);
        if (!tv || !tv.is_string()) {
            std::string msg = tv ? std::string("expected the text as a string, found ") + tv.type_name()
                                 : "missing the text: no \"" + text_key + "\" key" + (opts.text_field.empty() ? " (nor \"data\")" : "");
            std::string strings;
            for (JsonValue m : o)
                if (m.is_string() && m.key() != text_key)
                    strings += (strings.empty() ? "" : ", ") + std::string(m.key());
            if (!tv && !strings.empty())
                msg += "; string fields here: " + strings + " (name the text key with --text-field)";
            R.error(tv ? tv : o, root.member(text_key), msg);
            bad.add(std::move(R.errors));
            return;
        }
        ImportedText text = ImportedText::from(tv.str());
        if (text.changed())
            notes.add("documents had CR or CRLF line ends: converted to LF, offsets after them moved back by one per CR");

        OffsetUnit unit = OffsetUnit::Utf16;
        if (R.str(o, root, "offset_unit", sv) && !parse_offset_unit(sv, unit))
            R.error(o, root, "offset_unit", "expected \"utf16\" or \"codepoint\", found " + quote_for_message(sv));

        Document doc;
        doc.text = text.text;
        if (!R.id(o, root, "doc_id", doc.id) && !R.id(o, root, "id", doc.id))
            doc.id = file_stem(src.file().name) + "-" + std::to_string(rec.index + 1);
        if (rename_if_taken(doc.id, doc_ids))
            notes.add("documents had an id already used in this input: renamed with a -N suffix");
        doc.name = R.str(o, root, "name", sv) ? std::string(sv) : doc.id;
        std::string annotator = R.str(o, root, "annotator", sv) ? std::string(sv) : default_annotator;

        // Meta: "meta" object, flair's "metadata" pairs, and any other top-level key.
        std::string label_key = opts.label_field;
        if (label_key.empty())
            label_key = o.get("label") || !o.get("labels") ? "label" : "labels";
        for (JsonValue m : o) {
            std::string_view k = m.key();
            if (k == text_key || k == label_key || k == "entities" || k == "relations" || k == "id" || k == "doc_id" || k == "name" ||
                k == "offset_unit" || k == "annotator")
                continue;
            if (k == "meta" && m.is_object()) {
                for (JsonValue x : m)
                    doc.meta[std::string(x.key())] = x.is_string() ? std::string(x.str()) : x.dump();
            } else if (k == "metadata" && m.is_array()) {
                for (JsonValue pair : m) {
                    if (pair.is_array() && pair.size() == 2 && (*pair.begin()).is_string()) {
                        auto it = pair.begin();
                        std::string key(( *it).str());
                        ++it;
                        doc.meta[key] = (*it).is_string() ? std::string((*it).str()) : (*it).dump();
                    } else {
                        doc.meta["metadata"] = m.dump();
                        break;
                    }
                }
            } else {
                doc.meta[std::string(k)] = m.is_string() ? std::string(m.str()) : m.dump();
            }
        }

        std::vector<Span3> spans;
        std::vector<std::string> categories;
        std::unordered_map<std::string, size_t> by_key; // entity id -> index in spans
        std::unordered_set<std::string> bad_keys;       // entities refused (their relations go too)

        // The label form: [[start, end, "LABEL"]], or strings (document categories).
        if (JsonValue labels = R.array(o, root, label_key)) {
            JPath lp = root.member(label_key);
            size_t i = 0;
            for (JsonValue l : labels) {
                JPath p = lp.at(i++);
                if (l.is_string()) {
                    categories.emplace_back(l.str());
                    continue;
                }
                uint64_t s = 0, e = 0;
                Span3 sp;
                if (l.is_array() && l.size() == 3) {
                    auto it = l.begin();
                    JsonValue a = *it, b = *++it, c = *++it;
                    if (!a.get_uint(s) || !b.get_uint(e) || !c.is_string()) {
                        R.error(l, p, "expected [start, end, \"label\"] with integer offsets, found " + l.dump().substr(0, 60));
                        continue;
                    }
                    if (span(R, l, p, text, unit, s, e, c.str(), sp))
                        spans.push_back(std::move(sp));
                } else if (l.is_object()) {
                    // Some doccano versions write {"start_offset", "end_offset", "label"}.
                    std::string_view lab;
                    // Every field is read (no short-circuit) so that all its problems are listed.
                    bool ok_s = R.uint(l, p, "start_offset", s, true), ok_e = R.uint(l, p, "end_offset", e, true);
                    bool ok = R.str(l, p, "label", lab, true) && ok_s && ok_e;
                    if (ok && span(R, l, p, text, unit, s, e, lab, sp))
                        spans.push_back(std::move(sp));
                } else {
                    R.error(l, p, "expected [start, end, \"label\"] or a label string, found " + l.dump().substr(0, 60));
                }
            }
        }

        // The relation form: entities with ids, relations between them.
        JPath ep = root.member("entities");
        size_t i = 0;
        for (JsonValue e : R.array(o, root, "entities")) {
            JPath p = ep.at(i++);
            if (!e.is_object()) {
                R.error(e, p, std::string("expected an object {id, label, start_offset, end_offset}, found ") + e.type_name());
                continue;
            }
            std::string key;
            bool has_key = R.id(e, p, "id", key);
            uint64_t s = 0, en = 0;
            std::string_view lab;
            bool ok_s = R.uint(e, p, "start_offset", s, true), ok_e = R.uint(e, p, "end_offset", en, true);
            bool ok = R.str(e, p, "label", lab, true) && ok_s && ok_e;
            Span3 sp;
            if (ok && span(R, e, p, text, unit, s, en, lab, sp)) {
                if (has_key && by_key.count(key)) {
                    R.error(e.get("id"), p.member("id"), "duplicate entity id " + key + " in this record");
                    continue;
                }
                sp.key = key;
                if (has_key)
                    by_key[key] = spans.size();
                spans.push_back(std::move(sp));
            } else if (has_key) {
                bad_keys.insert(key);
            }
        }

        // Duplicates (same offsets and label) are imported once.
        std::vector<size_t> keep;      // indices into spans
        std::vector<size_t> alias(spans.size());
        {
            std::map<std::tuple<uint32_t, uint32_t, std::string>, size_t> seen;
            for (size_t k = 0; k < spans.size(); ++k) {
                auto [it, fresh] = seen.emplace(std::make_tuple(spans[k].start, spans[k].end, spans[k].label), k);
                alias[k] = it->second;
                if (fresh)
                    keep.push_back(k);
                else
                    notes.add("duplicate spans (same offsets and label as another) imported once");
            }
        }
        std::vector<std::string> mention_id(spans.size());
        for (size_t k : keep)
            mention_id[k] = "m" + std::to_string(++mention_no);

        std::vector<Stance> stances;
        JPath rp = root.member("relations");
        i = 0;
        for (JsonValue r : R.array(o, root, "relations")) {
            JPath p = rp.at(i++);
            if (!r.is_object()) {
                R.error(r, p, std::string("expected an object {from_id, to_id, type}, found ") + r.type_name());
                continue;
            }
            std::string from, to;
            std::string_view type;
            bool ok_from = R.id(r, p, "from_id", from, true);
            bool ok = R.id(r, p, "to_id", to, true) && ok_from;
            if (!R.str(r, p, "type", type) && !R.str(r, p, "label", type)) {
                R.error(r, p, "missing \"type\" (expected a string)");
                ok = false;
            }
            for (const std::string* end : {&from, &to}) {
                if (!ok)
                    break;
                if (!by_key.count(*end)) {
                    const char* which = end == &from ? "from_id" : "to_id";
                    R.error(r.get(which), p.member(which),
                            bad_keys.count(*end) ? "relation refers to entity " + *end + ", which could not be imported"
                                                 : "no entity with id " + *end + " in this record");
                    ok = false;
                }
            }
            if (!ok)
                continue;
            const Polarity* pol = match_polarity(out.schema, type);
            if (!pol) {
                other_relation_types.insert(std::string(type));
                ++other_relations;
                continue;
            }
            Stance s;
            s.id = "s" + std::to_string(++stance_no);
            s.doc_id = doc.id;
            s.holder = {StanceRef::Kind::Mention, mention_id[alias[by_key[from]]]};
            s.target = {StanceRef::Kind::Mention, mention_id[alias[by_key[to]]]};
            s.polarity = pol->id;
            s.annotator = annotator;
            stances.push_back(std::move(s));
        }

        // With errors, the record's good parts still go in under --skip-bad (each bad span
        // or relation is one skipped entry); without it the whole import is refused anyway.
        if (!R.ok())
            bad.add(std::move(R.errors));
        if (!categories.empty()) {
            std::string arr = "[";
            for (size_t k = 0; k < categories.size(); ++k) {
                if (k) arr += ',';
                json_append_string(arr, categories[k]);
            }
            doc.meta["labels"] = arr + "]";
            notes.add("documents had document categories (text classification labels): kept as JSON in their meta \"labels\"");
        }
        std::string last_type;
        doc_mentions.clear();
        for (size_t k : keep) {
            Mention m;
            m.id = mention_id[k];
            m.doc_id = doc.id;
            m.start = spans[k].start;
            m.end = spans[k].end;
            m.type = std::move(spans[k].label);
            m.annotator = annotator;
            if (m.type != last_type) {
                ensure_entity_type(out.schema, m.type);
                last_type = m.type;
            }
            doc_mentions.push_back(std::move(m));
        }
        blocks.begin_document(out, doc_mentions);
        for (auto& m : doc_mentions)
            out.mentions.push_back(std::move(m));
        blocks.reserve_once(out, bytes_before_file + rec.base, total_bytes);
        for (auto& s : stances)
            out.stances.push_back(std::move(s));
        doc_ids.insert(doc.id);
        out.documents.push_back(std::move(doc));
    }

    void finish()
    {
        if (other_relations) {
            std::string types, pols;
            for (const auto& t : other_relation_types)
                types += (types.empty() ? "" : ", ") + t;
            for (const auto& p : out.schema.polarities)
                pols += (pols.empty() ? "" : ", ") + p.id;
            notes.add("relations not imported: their types (" + types + ") are not stance polarities (" + pols +
                          "); Postil keeps relations as holder -> target stances only",
                      other_relations);
        }
        bad.finish();
        blocks.finish(out);
        notes.flush(report);
    }
};

void import_doccano(const std::vector<InputFile>& files, Project& out, const ImportOptions& opts, ImportReport& report)
{
    DoccanoImport I(out, opts, report);
    for (const auto& in : files)
        I.total_bytes += in.bytes.size();
    for (const auto& in : files) {
        JsonSource src(in);
        JsonLayout layout = read_json_records(
            src, true, [&](const JsonRecord& r) { I.record(src, r); }, [&](Diagnostic d) { I.bad.add(std::move(d)); });
        if (layout.multi_line)
            I.notes.add("records in " + in.name + " spread over several lines (pretty-printed JSON, not JSON Lines): read anyway", layout.multi_line);
        if (layout.array)
            I.notes.add("file " + in.name + " was a JSON array of records rather than JSON Lines: read anyway");
        I.bytes_before_file += in.bytes.size();
    }
    I.finish();
}

// [SECTION] export

std::vector<OutputFile> export_doccano(const Project& p0, const ExportOptions& opts, ExportReport& report)
{
    Project sorted;
    const Project& p = sorted_for_export(p0, sorted);
    bool label_form = opts.scheme == "label" || opts.scheme == "labels";
    std::unordered_map<std::string, std::vector<const Stance*>> stances_of;
    for (const auto& s : p.stances)
        stances_of[s.doc_id].push_back(&s);

    size_t linked = 0, notes = 0, attrs = 0, written_rel = 0, on_entity = 0, on_target = 0, evidence = 0, confidence = 0, dangling = 0;
    size_t n_mentions = 0;
    std::set<std::string> annotators;
    std::string out;
    size_t estimate = 0;
    for (const auto& d : p.documents)
        estimate += d.text->utf8().size() + d.text->utf8().size() / 32 + 200;
    out.reserve(estimate + p.mentions.size() * 80 + p.stances.size() * 60);

    for (const auto& d : p.documents) {
        const Text& t = *d.text;
        out += "{\"id\":";
        json_append_string(out, d.id);
        out += ",\"offset_unit\":\"utf16\",\"text\":";
        json_append_string(out, t.utf8());
        auto [lo, hi] = p.mention_range(d.id);
        std::unordered_map<std::string, size_t> number; // mention id -> doccano entity id
        if (label_form) {
            out += ",\"label\":[";
            for (size_t i = lo; i < hi; ++i) {
                const Mention& m = p.mentions[i];
                if (i != lo) out += ',';
                out += '[';
                json_append_uint(out, t.utf16_of(m.start));
                out += ',';
                json_append_uint(out, t.utf16_of(m.end));
                out += ',';
                json_append_string(out, m.type);
                out += ']';
            }
            out += ']';
        } else {
            out += ",\"entities\":[";
            for (size_t i = lo; i < hi; ++i) {
                const Mention& m = p.mentions[i];
                number[m.id] = i - lo;
                if (i != lo) out += ',';
                out += "{\"id\":";
                json_append_uint(out, i - lo);
                out += ",\"label\":";
                json_append_string(out, m.type);
                out += ",\"start_offset\":";
                json_append_uint(out, t.utf16_of(m.start));
                out += ",\"end_offset\":";
                json_append_uint(out, t.utf16_of(m.end));
                out += '}';
            }
            out += "],\"relations\":[";
            size_t k = 0;
            auto st = stances_of.find(d.id);
            if (st != stances_of.end())
                for (const Stance* s : st->second) {
                    bool h = s->holder.kind == StanceRef::Kind::Mention, g = s->target.kind == StanceRef::Kind::Mention;
                    if (!h || !g) {
                        bool target_topic = s->target.kind == StanceRef::Kind::Target || s->holder.kind == StanceRef::Kind::Target;
                        ++(target_topic ? on_target : on_entity);
                        continue;
                    }
                    auto a = number.find(s->holder.id), b = number.find(s->target.id);
                    if (a == number.end() || b == number.end()) {
                        ++dangling;
                        continue;
                    }
                    if (k) out += ',';
                    out += "{\"id\":";
                    json_append_uint(out, k++);
                    out += ",\"from_id\":";
                    json_append_uint(out, a->second);
                    out += ",\"to_id\":";
                    json_append_uint(out, b->second);
                    out += ",\"type\":";
                    json_append_string(out, s->polarity);
                    out += '}';
                    ++written_rel;
                    evidence += s->evidence.has_value();
                    confidence += s->confidence != 1.0;
                }
            out += ']';
        }
        if (!d.meta.empty()) {
            out += ",\"meta\":";
            json_append_string_map(out, d.meta);
        }
        out += "}\n";
        for (size_t i = lo; i < hi; ++i) {
            const Mention& m = p.mentions[i];
            linked += !m.entity_id.empty();
            notes += !m.note.empty();
            attrs += !m.attributes.empty();
            annotators.insert(m.annotator);
            ++n_mentions;
        }
    }

    report.offset_unit = "utf16";
    report.counts["documents"] = p.documents.size();
    report.counts["mentions"] = n_mentions;
    report.counts["relations"] = written_rel;
    auto loss = [&](size_t n, const std::string& what) {
        if (n)
            report.losses.push_back(std::to_string(n) + " " + what);
    };
    if (label_form)
        loss(p.stances.size(), "stances dropped: the label form has no relations (export with the default entities/relations form to keep stances between two mentions)");
    loss(on_target, "stances whose holder or target is a schema topic dropped: doccano relations need two spans");
    loss(on_entity, "stances whose holder or target is a canonical entity dropped: doccano relations need two spans");
    loss(dangling, "stances referring to missing mentions dropped");
    loss(evidence, "stance evidence spans dropped: doccano relations have none");
    loss(confidence, "stance confidences (other than 1.0) dropped");
    loss(p.doc_stances.size(), "document stances dropped: doccano's span export has no document labels");
    loss(linked, "mentions' links to canonical entities dropped: doccano has no canonical entities");
    loss(notes, "mention notes dropped");
    loss(attrs, "mentions' attribute values dropped");
    if (annotators.size() > 1)
        report.losses.push_back("annotators not written (" + std::to_string(annotators.size()) +
                                " in the export): doccano keeps one user per export; export per annotator to keep them apart");
    report.losses.push_back("mention ids replaced by per-document numbers; document names and statuses not written");
    return {{"", std::move(out)}};
}

} // namespace

const Format& doccano_format()
{
    static const Format f = [] {
        Format f;
        f.name = "doccano";
        f.description = "doccano JSONL (spans as [start, end, label] or entities/relations; UTF-16 offsets)";
        f.offset_unit = "utf16";
        f.extension = ".jsonl";
        f.detect = [](const InputFile& in) {
            std::string_view w = detect_window(in);
            auto has = [&](const char* s) { return w.find(s) != std::string_view::npos; };
            if (has("\"start_offset\"") && has("\"end_offset\""))
                return 90;
            // "label": [[0, 2, "ORG"]] (any spacing)
            for (size_t at = w.find("\"label\""); at != std::string_view::npos; at = w.find("\"label\"", at + 1)) {
                size_t k = at + 7;
                auto skip = [&] { while (k < w.size() && (w[k] == ' ' || w[k] == '\t' || w[k] == '\n' || w[k] == '\r')) ++k; };
                skip();
                if (k < w.size() && w[k] == ':') ++k; else continue;
                skip();
                if (k < w.size() && w[k] == '[') ++k; else continue;
                skip();
                if (k < w.size() && (w[k] == '[' || w[k] == ']'))
                    return has("\"text\"") || has("\"data\"") ? 85 : 50;
            }
            if ((has("\"text\"") || has("\"data\"")) && has("\"labels\""))
                return 40;
            return 0;
        };
        f.import_files = import_doccano;
        f.export_files = export_doccano;
        return f;
    }();
    return f;
}

} // namespace postil
