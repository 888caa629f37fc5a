// The "labelstudio" format: Label Studio JSON tasks (a JSON array of tasks, or one task).
//
// Import reads each task's text (data.text, --text-field, or the only string in data), its
// "annotations" and its "predictions" (annotator "prediction:<model_version>"):
//   - "labels" results -> mentions (one per label; value.text is checked against the offsets,
//     a mismatch is a bad record, never silently accepted), region meta.text -> the note;
//   - "relation" results whose labels name a polarity -> stances (holder = from_id, target =
//     to_id, swapped for direction "left"); relations without such a label are counted in the
//     notes (Postil relations are stances and need a polarity);
//   - "choices" results named "stance:<target id>" -> document stances (what export writes);
//   - anything else (other choices, textarea, rating, paragraphlabels, hypertextlabels ...)
//     is counted in the notes as not representable. A task whose data has no text string
//     (e.g. <Paragraphs> dialogues) is a bad record.
// Offsets: Unicode code points by default, as Label Studio's Text tag stores them (its own
// end-to-end tests "Should calculate offsets by code points in text" pin start/end after an
// emoji to code points; Python consumers slice text[start:end]). Older front ends stored
// JavaScript string indices (UTF-16 code units, label-studio#1347): when a task's text has
// characters outside the BMP and its meta gives no "offset_unit", the unit whose slices match
// the regions' value.text wins, and reading UTF-16 is reported in the notes.
//
// Export writes one task per document, one annotation per annotator (predictions for
// annotators "prediction:<model>"), "meta": {"offset_unit": "codepoint"} and code point offsets:
//   [{"id":1,"data":{"text":"…","doc_id":"d1","name":"…"},"meta":{"offset_unit":"codepoint"},
//     "annotations":[{"completed_by":{"email":"alice"},"result":[
//       {"id":"m1","from_name":"label","to_name":"text","type":"labels",
//        "value":{"start":0,"end":5,"text":"Paris","labels":["LOC"]}},
//       {"type":"relation","from_id":"m1","to_id":"m2","direction":"right","labels":["FAVOR"]},
//       {"id":"ds1","from_name":"stance:us-export-controls","to_name":"text","type":"choices",
//        "value":{"choices":["NEUTRAL"]}}]}]}]
// Does not do: Label Studio labeling configs (XML), images/audio/HTML tasks, the JSON_MIN
// and CSV exports, canonical entities, attributes, stance evidence and confidence (export
// reports them as losses).
#include "format.h"
#include "json_util.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace postil {

namespace {

constexpr const char* kDocStancePrefix = "stance:";

// [SECTION] import

struct LsImport {
    Project& out;
    const ImportOptions& opts;
    ImportReport& report;
    BadRecords bad;
    NoteCounter notes;
    std::string default_annotator;
    std::unordered_set<std::string> doc_ids, mention_ids;
    size_t mention_no = 0, stance_no = 0, doc_stance_no = 0;
    std::map<std::string, size_t> unsupported;   // result type -> count
    std::set<std::string> other_relation_labels; // relation labels that are not polarities
    size_t other_relations = 0, unlabelled_relations = 0;
    MentionBlocks blocks;
    size_t total_bytes = 0, bytes_before_file = 0;

    LsImport(Project& p, const ImportOptions& o, ImportReport& r)
        : out(p), opts(o), report(r), bad(o, r), default_annotator(o.annotator.empty() ? p.annotator : o.annotator)
    {
    }

    std::string fresh_mention_id(const std::string& wanted)
    {
        if (!wanted.empty() && mention_ids.insert(wanted).second)
            return wanted;
        for (;;) {
            std::string id = "m" + std::to_string(++mention_no);
            if (mention_ids.insert(id).second)
                return id;
        }
    }

    static std::string annotator_of(JsonValue group, const std::string& kind, const std::string& fallback)
    {
        if (kind == "predictions") {
            JsonValue mv = group.get("model_version");
            if (mv.is_string() && !mv.str().empty())
                return "prediction:" + std::string(mv.str());
            return "prediction";
        }
        JsonValue c = group.get("completed_by");
        if (c.is_string() && !c.str().empty())
            return std::string(c.str());
        if (c.is_number())
            return "user-" + std::string(c.str());
        if (c.is_object()) {
            for (const char* k : {"email", "username", "name"}) {
                JsonValue v = c.get(k);
                if (v.is_string() && !v.str().empty())
                    return std::string(v.str());
            }
            JsonValue id = c.get("id");
            if (id.is_number())
                return "user-" + std::string(id.str());
        }
        return fallback;
    }

    // The text's key in data: --text-field, "text", the "$key" a result names, or the only string.
    static std::string text_key(JsonValue data, JsonValue task, const ImportOptions& opts)
    {
        if (!opts.text_field.empty())
            return opts.text_field;
        if (data.get("text").is_string())
            return "text";
        for (const char* g : {"annotations", "predictions"})
            for (JsonValue a : task.get(g))
                for (JsonValue r : a.get("result")) {
                    JsonValue src = r.get("source");
                    if (src.is_string() && src.str().size() > 1 && src.str()[0] == '$' && r.get("type").str() == "labels")
                        return std::string(src.str().substr(1));
                }
        std::string only;
        size_t n = 0;
        for (JsonValue m : data)
            if (m.is_string()) {
                only.assign(m.key());
                ++n;
            }
        return n == 1 ? only : std::string("text");
    }

    struct Group {
        JsonValue value;
        std::string kind; // "annotations" | "predictions"
        size_t index;
        std::string annotator;
    };

    void task(const JsonSource& src, const JsonRecord& rec)
    {
        RecordReader R(src, rec);
        JPath root;
        JsonValue o = rec.value;
        if (!o.is_object()) {
            R.error(o, root, std::string("expected a task object {\"data\": {...}, \"annotations\": [...]}, found ") + o.type_name());
            bad.add(std::move(R.errors));
            return;
        }
        JsonValue data = o.get("data");
        if (!data && o.get("text").is_string())
            data = o; // a bare {"text": ...} is a task whose data is the object itself
        if (!data.is_object()) {
            R.error(data ? data : o, root.member("data"),
                    data ? std::string("expected the task's data as an object, found ") + data.type_name() : "missing \"data\" (expected an object holding the task's text)");
            bad.add(std::move(R.errors));
            return;
        }
        JPath data_path = root.member("data");
        const JPath& dpath = data.pos() == o.pos() ? root : data_path;

        std::vector<Group> groups;
        for (const char* kind : {"annotations", "predictions"}) {
            JsonValue arr = R.array(o, root, kind);
            size_t k = 0;
            for (JsonValue g : arr) {
                if (!g.is_object()) {
                    R.error(g, root.member(kind).at(k), std::string("expected an annotation object, found ") + g.type_name());
                    ++k;
                    continue;
                }
                groups.push_back({g, kind, k, annotator_of(g, kind, default_annotator)});
                ++k;
            }
        }

        std::string key = text_key(data, o, opts);
        JsonValue tv = data.get(key);
        if (!tv.is_string()) {
            std::string msg = tv ? "the text data." + key + " is " + tv.type_name() + ", not a string"
                                 : "no text to annotate: data has no string field \"" + key + "\"";
            std::string fields;
            for (JsonValue m : data)
                fields += (fields.empty() ? "" : ", ") + std::string(m.key()) + " (" + m.type_name() + ")";
            msg += fields.empty() ? std::string(" (data is empty)") : "; data holds " + fields;
            std::map<std::string, size_t> types;
            for (const auto& g : groups)
                for (JsonValue r : g.value.get("result"))
                    ++types[std::string(r.get("type").str())];
            if (types.count("paragraphlabels"))
                msg += ". Label Studio <Paragraphs> tasks (a list of dialogue turns, labelled with paragraphlabels) are not "
                       "representable: a Postil document is one text";
            if (!types.empty()) {
                msg += ". Results lost with the task:";
                for (const auto& [t, n] : types)
                    msg += " " + std::to_string(n) + " " + (t.empty() ? "untyped" : t);
            }
            if (opts.text_field.empty())
                msg += ". Name the text's key with --text-field";
            R.error(tv ? tv : data, dpath.member(key), msg);
            bad.add(std::move(R.errors));
            return;
        }
        ImportedText text = ImportedText::from(tv.str());
        if (text.changed())
            notes.add("tasks had CR or CRLF line ends: converted to LF, offsets after them moved back by one per CR");
        const Text& orig = *text.original;

        Document doc;
        doc.text = text.text;
        if (!R.id(data, dpath, "doc_id", doc.id)) {
            std::string tid;
            doc.id = R.id(o, root, "id", tid) ? "task-" + tid : file_stem(src.file().name) + "-" + std::to_string(rec.index + 1);
        }
        if (rename_if_taken(doc.id, doc_ids))
            notes.add("tasks had a document id already used in this input: renamed with a -N suffix");
        doc.name = data.get("name").is_string() ? std::string(data.get("name").str()) : doc.id;
        for (JsonValue m : data)
            if (m.key() != key && m.key() != "doc_id" && m.key() != "name")
                doc.meta[std::string(m.key())] = m.is_string() ? std::string(m.str()) : m.dump();

        // Offset unit: the task's meta says it, else code points unless UTF-16 matches value.text better.
        OffsetUnit unit = OffsetUnit::CodePoint;
        bool unit_given = false;
        if (JsonValue meta = R.object(o, root, "meta")) {
            for (JsonValue m : meta) {
                if (m.key() == "offset_unit") {
                    if (!m.is_string() || !parse_offset_unit(m.str(), unit))
                        R.error(m, root.member("meta").member("offset_unit"), "expected \"utf16\" or \"codepoint\", found " + m.dump().substr(0, 40));
                    unit_given = true;
                } else {
                    doc.meta[std::string(m.key())] = m.is_string() ? std::string(m.str()) : m.dump();
                }
            }
        }
        if (!unit_given && orig.utf16_size() != orig.size()) {
            size_t u16 = 0, cp = 0;
            for (const auto& g : groups)
                for (JsonValue r : g.value.get("result")) {
                    JsonValue v = r.get("value");
                    uint64_t s, e;
                    std::string_view want = v.get("text").str();
                    if (r.get("type").str() != "labels" || want.empty() || !v.get("start").get_uint(s) || !v.get("end").get_uint(e))
                        continue;
                    u16 += slice_is(orig, OffsetUnit::Utf16, s, e, want);
                    cp += slice_is(orig, OffsetUnit::CodePoint, s, e, want);
                }
            if (u16 > cp) {
                unit = OffsetUnit::Utf16;
                notes.add("tasks with characters outside the BMP had UTF-16 offsets (their value.text matched JavaScript string indices, not code points): read as UTF-16");
            }
        }

        std::vector<Mention> mentions;
        std::vector<Stance> stances;
        std::vector<DocStance> dstances;
        for (const auto& g : groups) {
            JPath gp0 = root.member(g.kind);
            JPath gp = gp0.at(g.index);
            if (JsonValue c = g.value.get("was_cancelled"); c.type() == JsonType::True) {
                notes.add("cancelled (skipped) annotations not imported");
                continue;
            }
            JsonValue results = R.array(g.value, gp, "result");
            JPath rp = gp.member("result");
            std::unordered_map<std::string, std::string> region_mention; // LS region id -> first mention id
            std::unordered_set<std::string> bad_regions;
            std::vector<std::pair<JsonValue, size_t>> relations;
            size_t i = 0;
            for (JsonValue r : results) {
                JPath p = rp.at(i++);
                if (!r.is_object()) {
                    R.error(r, p, std::string("expected a result object, found ") + r.type_name());
                    continue;
                }
                std::string_view type = r.get("type").str();
                if (type == "relation") {
                    relations.emplace_back(r, i - 1);
                    continue;
                }
                if (type == "choices") {
                    std::string_view from = r.get("from_name").str();
                    JsonValue choices = r.get("value").get("choices");
                    if (from.substr(0, std::char_traits<char>::length(kDocStancePrefix)) == kDocStancePrefix && choices.size() == 1 &&
                        (*choices.begin()).is_string()) {
                        DocStance d;
                        d.id = "ds" + std::to_string(++doc_stance_no);
                        if (JsonValue rid = r.get("id"); rid.is_string() && !rid.str().empty())
                            d.id.assign(rid.str());
                        d.doc_id = doc.id;
                        d.target_id.assign(from.substr(std::char_traits<char>::length(kDocStancePrefix)));
                        const Polarity* pol = match_polarity(out.schema, (*choices.begin()).str());
                        d.polarity = pol ? pol->id : std::string((*choices.begin()).str());
                        d.annotator = g.annotator;
                        dstances.push_back(std::move(d));
                    } else {
                        ++unsupported["choices (document classification)"];
                    }
                    continue;
                }
                if (type != "labels") {
                    ++unsupported[type.empty() ? std::string("untyped") : std::string(type)];
                    continue;
                }
                std::string rid;
                R.id(r, p, "id", rid);
                size_t before = R.errors.size();
                JsonValue v = R.object(r, p, "value", true);
                JPath vp = p.member("value");
                uint64_t s = 0, e = 0;
                std::string_view want;
                bool ok_s = v && R.uint(v, vp, "start", s, true);
                bool ok = v && R.uint(v, vp, "end", e, true) && ok_s;
                bool has_text = v && R.str(v, vp, "text", want);
                JsonValue labels = v ? R.array(v, vp, "labels", true) : JsonValue();
                Mention m;
                std::string why;
                if (ok && !span_to_codepoints(text, unit, s, e, m.start, m.end, why)) {
                    if (has_text) {
                        size_t at = orig.utf8().find(want);
                        if (at != std::string::npos) {
                            size_t a = orig.cp_of_byte(at), b = a + count_code_points(want);
                            why += "; its value.text " + quote_for_message(want) + " is at [" + std::to_string(codepoint_to_unit(orig, unit, a)) + ", " +
                                   std::to_string(codepoint_to_unit(orig, unit, b)) + ")";
                        }
                    }
                    R.error(v, vp, why);
                } else if (ok && has_text && !slice_is(orig, unit, s, e, want)) {
                    std::string got(orig.slice(orig_cp(orig, unit, s), orig_cp(orig, unit, e)));
                    std::string msg = "value.text " + quote_for_message(want) + " does not match the text at [" + std::to_string(s) + ", " +
                                      std::to_string(e) + ") (" + offset_unit_name(unit) + "), which is " + quote_for_message(got);
                    size_t at = orig.utf8().find(want);
                    if (at != std::string::npos) {
                        size_t a = orig.cp_of_byte(at), b = a + count_code_points(want);
                        msg += "; " + quote_for_message(want) + " is at [" + std::to_string(codepoint_to_unit(orig, unit, a)) + ", " +
                               std::to_string(codepoint_to_unit(orig, unit, b)) + ")";
                    }
                    R.error(v.get("text"), vp.member("text"), msg);
                }
                size_t li = 0;
                std::vector<std::string> labs;
                for (JsonValue l : labels) {
                    if (!l.is_string() || l.str().empty())
                        R.error(l, vp.member("labels").at(li), std::string("expected a non-empty label string, found ") + l.dump().substr(0, 40));
                    else
                        labs.emplace_back(l.str());
                    ++li;
                }
                if (labels && labels.size() == 0)
                    R.error(labels, vp.member("labels"), "region without a label");
                if (R.errors.size() != before) {
                    if (!rid.empty())
                        bad_regions.insert(rid);
                    continue;
                }
                if (JsonValue meta = r.get("meta"); meta.is_object()) {
                    JsonValue t = meta.get("text");
                    if (t.is_string())
                        m.note.assign(t.str());
                    else
                        for (JsonValue line : t)
                            if (line.is_string())
                                m.note += (m.note.empty() ? "" : "\n") + std::string(line.str());
                }
                if (labs.size() > 1)
                    notes.add("regions with several labels imported as one mention per label", labs.size() - 1);
                for (size_t k = 0; k < labs.size(); ++k) {
                    Mention x = m;
                    x.id = fresh_mention_id(k == 0 ? rid : rid.empty() ? std::string() : rid + "-" + std::to_string(k + 1));
                    x.doc_id = doc.id;
                    x.type = labs[k];
                    x.annotator = g.annotator;
                    if (k == 0 && !rid.empty())
                        region_mention.emplace(rid, x.id);
                    mentions.push_back(std::move(x));
                }
            }
            for (const auto& [r, idx] : relations) {
                JPath p = rp.at(idx);
                std::string from, to;
                bool ok_from = R.id(r, p, "from_id", from, true);
                bool ok = R.id(r, p, "to_id", to, true) && ok_from;
                if (!ok)
                    continue;
                bool ends_ok = true;
                for (const std::string* end : {&from, &to}) {
                    if (region_mention.count(*end))
                        continue;
                    const char* which = end == &from ? "from_id" : "to_id";
                    R.error(r.get(which), p.member(which),
                            bad_regions.count(*end) ? "relation refers to region \"" + *end + "\", which could not be imported"
                                                    : "no region with id \"" + *end + "\" in this annotation");
                    ends_ok = false;
                }
                if (!ends_ok)
                    continue;
                const Polarity* pol = nullptr;
                std::string first_label;
                for (JsonValue l : r.get("labels")) {
                    if (!l.is_string())
                        continue;
                    if (first_label.empty())
                        first_label.assign(l.str());
                    if ((pol = match_polarity(out.schema, l.str())))
                        break;
                }
                if (!pol) {
                    if (first_label.empty())
                        ++unlabelled_relations;
                    else {
                        other_relation_labels.insert(first_label);
                        ++other_relations;
                    }
                    continue;
                }
                std::string_view dir = r.get("direction").str();
                if (dir == "left")
                    std::swap(from, to);
                if (dir == "bi")
                    notes.add("bidirectional relations imported as from_id -> to_id stances");
                Stance s;
                s.id = "s" + std::to_string(++stance_no);
                s.doc_id = doc.id;
                s.holder = {StanceRef::Kind::Mention, region_mention[from]};
                s.target = {StanceRef::Kind::Mention, region_mention[to]};
                s.polarity = pol->id;
                s.annotator = g.annotator;
                stances.push_back(std::move(s));
            }
            if (g.kind == "predictions" && results.size() > 0)
                notes.add("prediction sets imported as annotations of annotator \"prediction:<model_version>\"");
        }

        if (!R.ok())
            bad.add(std::move(R.errors));
        std::string last_type;
        for (auto& m : mentions) {
            if (m.type != last_type) {
                ensure_entity_type(out.schema, m.type);
                last_type = m.type;
            }
        }
        blocks.begin_document(out, mentions);
        for (auto& m : mentions)
            out.mentions.push_back(std::move(m));
        blocks.reserve_once(out, bytes_before_file + rec.base, total_bytes);
        for (auto& s : stances)
            out.stances.push_back(std::move(s));
        for (auto& d : dstances) {
            ensure_polarity(out.schema, d.polarity);
            if (!out.schema.stance_target(d.target_id)) {
                StanceTarget t;
                t.id = d.target_id;
                t.name = d.target_id;
                out.schema.stance_targets.push_back(t);
            }
            out.doc_stances.push_back(std::move(d));
        }
        doc_ids.insert(doc.id);
        out.documents.push_back(std::move(doc));
    }

    static size_t orig_cp(const Text& t, OffsetUnit u, uint64_t off)
    {
        return u == OffsetUnit::Utf16 ? t.cp_of_utf16(static_cast<size_t>(off)) : static_cast<size_t>(off);
    }
    static bool slice_is(const Text& t, OffsetUnit u, uint64_t s, uint64_t e, std::string_view want)
    {
        size_t n = u == OffsetUnit::Utf16 ? t.utf16_size() : t.size();
        if (s >= e || e > n)
            return false;
        return t.slice(orig_cp(t, u, s), orig_cp(t, u, e)) == want;
    }

    void finish()
    {
        for (const auto& [type, n] : unsupported)
            notes.add("results of type " + type + " not imported: not representable in Postil", n);
        if (unlabelled_relations)
            notes.add("relations without a label not imported: Postil relations are holder -> target stances and need a polarity label", unlabelled_relations);
        if (other_relations) {
            std::string labs;
            for (const auto& l : other_relation_labels)
                labs += (labs.empty() ? "" : ", ") + l;
            notes.add("relations not imported: their labels (" + labs + ") are not stance polarities", other_relations);
        }
        bad.finish();
        blocks.finish(out);
        notes.flush(report);
    }
};

void import_labelstudio(const std::vector<InputFile>& files, Project& out, const ImportOptions& opts, ImportReport& report)
{
    LsImport I(out, opts, report);
    for (const auto& in : files)
        I.total_bytes += in.bytes.size();
    for (const auto& in : files) {
        JsonSource src(in);
        read_json_records(
            src, true, [&](const JsonRecord& r) { I.task(src, r); }, [&](Diagnostic d) { I.bad.add(std::move(d)); });
        I.bytes_before_file += in.bytes.size();
    }
    I.finish();
}

// [SECTION] export

std::vector<OutputFile> export_labelstudio(const Project& p0, const ExportOptions&, ExportReport& report)
{
    Project sorted;
    const Project& p = sorted_for_export(p0, sorted);
    std::unordered_map<std::string, std::vector<const Stance*>> stances_of;
    for (const auto& s : p.stances)
        stances_of[s.doc_id].push_back(&s);
    std::unordered_map<std::string, std::vector<const DocStance*>> dstances_of;
    for (const auto& s : p.doc_stances)
        dstances_of[s.doc_id].push_back(&s);

    size_t n_mentions = 0, n_rel = 0, n_ds = 0, linked = 0, attrs = 0, on_entity = 0, cross = 0, evidence = 0, confidence = 0, dangling = 0;
    std::string out;
    size_t estimate = p.mentions.size() * 200 + p.stances.size() * 100;
    for (const auto& d : p.documents)
        estimate += d.text->utf8().size() + d.text->utf8().size() / 32 + 300;
    out.reserve(estimate);
    out += "[\n";
    size_t task_no = 0;
    for (const auto& d : p.documents) {
        const Text& t = *d.text;
        // One annotation (or prediction set) per annotator, in name order.
        struct Group {
            std::vector<const Mention*> mentions;
            std::vector<const Stance*> stances;
            std::vector<const DocStance*> dstances;
        };
        std::map<std::string, Group> groups;
        std::unordered_map<std::string, const Mention*> mention_by_id;
        auto [lo, hi] = p.mention_range(d.id);
        for (size_t i = lo; i < hi; ++i) {
            const Mention& m = p.mentions[i];
            groups[m.annotator].mentions.push_back(&m);
            mention_by_id[m.id] = &m;
            linked += !m.entity_id.empty();
            attrs += !m.attributes.empty();
        }
        if (auto it = stances_of.find(d.id); it != stances_of.end())
            for (const Stance* s : it->second) {
                if (s->holder.kind != StanceRef::Kind::Mention || s->target.kind != StanceRef::Kind::Mention) {
                    ++on_entity;
                    continue;
                }
                auto h = mention_by_id.find(s->holder.id), g = mention_by_id.find(s->target.id);
                if (h == mention_by_id.end() || g == mention_by_id.end()) {
                    ++dangling;
                    continue;
                }
                // A Label Studio relation links regions of one annotation.
                if (h->second->annotator != g->second->annotator) {
                    ++cross;
                    continue;
                }
                groups[h->second->annotator].stances.push_back(s);
                evidence += s->evidence.has_value();
                confidence += s->confidence != 1.0;
            }
        if (auto it = dstances_of.find(d.id); it != dstances_of.end())
            for (const DocStance* s : it->second)
                groups[s->annotator].dstances.push_back(s);

        if (task_no)
            out += ",\n";
        out += "{\"id\":";
        json_append_uint(out, ++task_no);
        out += ",\"data\":{\"text\":";
        json_append_string(out, t.utf8());
        out += ",\"doc_id\":";
        json_append_string(out, d.id);
        out += ",\"name\":";
        json_append_string(out, d.name);
        out += "},\"meta\":{";
        for (const auto& [k, v] : d.meta) {
            if (k == "offset_unit")
                continue;
            json_append_key(out, k);
            json_append_string(out, v);
            out += ',';
        }
        out += "\"offset_unit\":\"codepoint\"}";
        std::string annotations, predictions;
        for (const auto& [who, g] : groups) {
            bool prediction = who.rfind("prediction", 0) == 0;
            std::string& dst = prediction ? predictions : annotations;
            if (!dst.empty())
                dst += ',';
            if (prediction) {
                dst += "{\"model_version\":";
                json_append_string(dst, who.size() > 11 ? who.substr(11) : std::string());
            } else {
                dst += "{\"completed_by\":{\"email\":";
                json_append_string(dst, who);
                dst += '}';
            }
            dst += ",\"result\":[";
            bool first = true;
            auto sep = [&] {
                if (!first) dst += ',';
                first = false;
            };
            for (const Mention* m : g.mentions) {
                sep();
                dst += "{\"id\":";
                json_append_string(dst, m->id);
                dst += ",\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\",\"value\":{\"start\":";
                json_append_uint(dst, m->start);
                dst += ",\"end\":";
                json_append_uint(dst, m->end);
                dst += ",\"text\":";
                json_append_string(dst, t.slice(m->start, m->end));
                dst += ",\"labels\":[";
                json_append_string(dst, m->type);
                dst += "]}";
                if (!m->note.empty()) {
                    dst += ",\"meta\":{\"text\":[";
                    json_append_string(dst, m->note);
                    dst += "]}";
                }
                dst += '}';
                ++n_mentions;
            }
            for (const Stance* s : g.stances) {
                sep();
                dst += "{\"type\":\"relation\",\"from_id\":";
                json_append_string(dst, s->holder.id);
                dst += ",\"to_id\":";
                json_append_string(dst, s->target.id);
                dst += ",\"direction\":\"right\",\"labels\":[";
                json_append_string(dst, s->polarity);
                dst += "]}";
                ++n_rel;
            }
            for (const DocStance* s : g.dstances) {
                sep();
                dst += "{\"id\":";
                json_append_string(dst, s->id);
                dst += ",\"from_name\":";
                json_append_string(dst, kDocStancePrefix + s->target_id);
                dst += ",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{\"choices\":[";
                json_append_string(dst, s->polarity);
                dst += "]}}";
                ++n_ds;
            }
            dst += "]}";
        }
        out += ",\"annotations\":[" + annotations + "],\"predictions\":[" + predictions + "]}";
    }
    out += "\n]\n";

    report.offset_unit = "codepoint";
    report.counts["documents"] = p.documents.size();
    report.counts["mentions"] = n_mentions;
    report.counts["relations"] = n_rel;
    report.counts["document_stances"] = n_ds;
    auto loss = [&](size_t n, const std::string& what) {
        if (n)
            report.losses.push_back(std::to_string(n) + " " + what);
    };
    loss(on_entity, "stances whose holder or target is a canonical entity or a schema topic dropped: Label Studio relations link two regions");
    loss(cross, "stances between mentions of different annotators dropped: a Label Studio relation links regions of one annotation");
    loss(dangling, "stances referring to missing mentions dropped");
    loss(evidence, "stance evidence spans dropped");
    loss(confidence, "stance confidences (other than 1.0) dropped");
    loss(linked, "mentions' links to canonical entities dropped");
    loss(attrs, "mentions' attribute values dropped");
    report.losses.push_back("document statuses not written; stance ids replaced (relations have none)");
    return {{"", std::move(out)}};
}

} // namespace

const Format& labelstudio_format()
{
    static const Format f = [] {
        Format f;
        f.name = "labelstudio";
        f.description = "Label Studio JSON tasks (labels and relation results; code point offsets)";
        f.offset_unit = "codepoint";
        f.extension = ".json";
        f.detect = [](const InputFile& in) {
            std::string_view w = detect_window(in);
            size_t first = w.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
            if (first == std::string_view::npos || (w[first] != '[' && w[first] != '{'))
                return 0;
            auto has = [&](const char* s) { return w.find(s) != std::string_view::npos; };
            if (!has("\"data\""))
                return 0;
            if (has("\"from_name\"") || has("\"to_name\""))
                return 95;
            if (has("\"annotations\"") || has("\"predictions\""))
                return 90;
            return 30;
        };
        f.import_files = import_labelstudio;
        f.export_files = export_labelstudio;
        return f;
    }();
    return f;
}

} // namespace postil
