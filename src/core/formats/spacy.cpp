// The "spacy" format: JSON Lines of {"text", "spans": [{"start", "end", "label"}]} with
// offsets in code points (Python str indices, what spaCy's Doc.char_span expects), ready to be
// turned into a DocBin (see the README snippet). Export writes
//   {"id": "<doc id>", "text": "...", "spans": [{"start": 0, "end": 5, "label": "PER"}],
//    "offset_unit": "codepoint"}
// one document per line, spans sorted by start (overlaps allowed: spaCy keeps them in
// doc.spans; doc.ents needs them filtered).
// Import also reads Prodigy-style lines (same shape, extra keys ignored), the output of
// spaCy's Doc.to_json() ("ents" list, "spans" as a dict of span groups), --label-field for
// another spans key, a JSON array of such records, and "offset_unit": "utf16".
// Does not do: tokens, token-based span indices (token_start/token_end are ignored), kb_id,
// entity links, stances, notes, attributes (export reports what it drops).
#include "format.h"
#include "json_util.h"

#include <algorithm>
#include <set>
#include <unordered_set>

namespace postil {

namespace {

// [SECTION] import

struct SpacyImport {
    Project& out;
    const ImportOptions& opts;
    ImportReport& report;
    BadRecords bad;
    NoteCounter notes;
    std::string default_annotator;
    std::unordered_set<std::string> doc_ids;
    size_t mention_no = 0;
    MentionBlocks blocks;
    size_t total_bytes = 0, bytes_before_file = 0;

    SpacyImport(Project& p, const ImportOptions& o, ImportReport& r)
        : out(p), opts(o), report(r), bad(o, r), default_annotator(o.annotator.empty() ? p.annotator : o.annotator)
    {
    }

    void record(const JsonSource& src, const JsonRecord& rec)
    {
        RecordReader R(src, rec);
        JPath root;
        JsonValue o = rec.value;
        if (!o.is_object()) {
            R.error(o, root, std::string("expected an object {\"text\", \"spans\"}, found ") + o.type_name());
            bad.add(std::move(R.errors));
            return;
        }
        std::string text_key = opts.text_field.empty() ? "text" : opts.text_field;
        std::string_view sv;
        if (!R.str(o, root, text_key, sv, true)) {
            bad.add(std::move(R.errors));
            return;
        }
        ImportedText text = ImportedText::from(sv);
        if (text.changed())
            notes.add("documents had CR or CRLF line ends: converted to LF, offsets after them moved back by one per CR");
        OffsetUnit unit = OffsetUnit::CodePoint;
        if (R.str(o, root, "offset_unit", sv) && !parse_offset_unit(sv, unit))
            R.error(o, root, "offset_unit", "expected \"codepoint\" or \"utf16\", found " + quote_for_message(sv));

        Document doc;
        doc.text = text.text;
        if (!R.id(o, root, "id", doc.id))
            doc.id = file_stem(src.file().name) + "-" + std::to_string(rec.index + 1);
        if (rename_if_taken(doc.id, doc_ids))
            notes.add("documents had an id already used in this input: renamed with a -N suffix");
        doc.name = R.str(o, root, "name", sv) ? std::string(sv) : doc.id;
        doc.meta = R.string_map(o, root, "meta");

        // Spans: --label-field, else "spans" (a list, or Doc.to_json's dict of groups) and "ents".
        struct SpanList {
            JsonValue array;
            std::string key, group; // group: Doc.to_json span group name, else empty
        };
        std::vector<SpanList> lists;
        std::string key = opts.label_field.empty() ? "spans" : opts.label_field;
        if (JsonValue s = o.get(key)) {
            if (s.is_array())
                lists.push_back({s, key, {}});
            else if (s.is_object() && opts.label_field.empty()) {
                for (JsonValue g : s) {
                    if (g.is_array())
                        lists.push_back({g, key, std::string(g.key())});
                    else
                        R.error(g, root.member(key).member(g.key()), std::string("expected a span group (an array), found ") + g.type_name());
                }
            } else if (!s.is_null()) {
                R.error(s, root.member(key), std::string("expected an array of spans, found ") + s.type_name());
            }
        }
        if (opts.label_field.empty())
            if (JsonValue e = R.array(o, root, "ents"))
                lists.push_back({e, "ents", {}});

        std::set<std::tuple<uint32_t, uint32_t, std::string>> seen;
        std::vector<Mention> mentions;
        for (const auto& list : lists) {
            JPath kp = root.member(list.key);
            JPath gp = kp.member(list.group);
            const JPath& lp = list.group.empty() ? kp : gp;
            size_t i = 0;
            for (JsonValue s : list.array) {
                JPath p = lp.at(i++);
                if (!s.is_object()) {
                    R.error(s, p, std::string("expected a span {\"start\", \"end\", \"label\"}, found ") + s.type_name());
                    continue;
                }
                uint64_t a = 0, b = 0;
                std::string_view label;
                // Every field is read (no short-circuit) so that all its problems are listed.
                bool ok_s = R.uint(s, p, "start", a, true), ok_e = R.uint(s, p, "end", b, true);
                bool ok = R.str(s, p, "label", label, true) && ok_s && ok_e;
                if (!ok)
                    continue;
                Mention m;
                std::string why;
                if (!span_to_codepoints(text, unit, a, b, m.start, m.end, why)) {
                    R.error(s, p, why);
                    continue;
                }
                if (label.empty()) {
                    R.error(s.get("label"), p.member("label"), "empty label");
                    continue;
                }
                m.type.assign(label);
                if (!seen.insert({m.start, m.end, m.type}).second) {
                    notes.add("duplicate spans (same offsets and label, e.g. in both \"ents\" and \"spans\") imported once");
                    continue;
                }
                m.doc_id = doc.id;
                m.annotator = default_annotator;
                mentions.push_back(std::move(m));
            }
        }
        if (!R.ok())
            bad.add(std::move(R.errors));
        std::string last_type;
        for (auto& m : mentions) {
            m.id = "m" + std::to_string(++mention_no);
            if (m.type != last_type) {
                ensure_entity_type(out.schema, m.type);
                last_type = m.type;
            }
        }
        blocks.begin_document(out, mentions);
        for (auto& m : mentions)
            out.mentions.push_back(std::move(m));
        blocks.reserve_once(out, bytes_before_file + rec.base, total_bytes);
        doc_ids.insert(doc.id);
        out.documents.push_back(std::move(doc));
    }
};

void import_spacy(const std::vector<InputFile>& files, Project& out, const ImportOptions& opts, ImportReport& report)
{
    SpacyImport I(out, opts, report);
    for (const auto& in : files)
        I.total_bytes += in.bytes.size();
    for (const auto& in : files) {
        JsonSource src(in);
        JsonLayout layout = read_json_records(
            src, true, [&](const JsonRecord& r) { I.record(src, r); }, [&](Diagnostic d) { I.bad.add(std::move(d)); });
        if (layout.multi_line)
            I.notes.add("records in " + in.name + " spread over several lines (not JSON Lines): read anyway", layout.multi_line);
        I.bytes_before_file += in.bytes.size();
    }
    I.bad.finish();
    I.blocks.finish(out);
    I.notes.flush(report);
}

// [SECTION] export

std::vector<OutputFile> export_spacy(const Project& p0, const ExportOptions&, ExportReport& report)
{
    Project sorted;
    const Project& p = sorted_for_export(p0, sorted);
    std::string out;
    size_t estimate = p.mentions.size() * 50;
    for (const auto& d : p.documents)
        estimate += d.text->utf8().size() + d.text->utf8().size() / 32 + 100;
    out.reserve(estimate);
    size_t n = 0, linked = 0, notes = 0, attrs = 0;
    for (const auto& d : p.documents) {
        out += "{\"id\":";
        json_append_string(out, d.id);
        out += ",\"text\":";
        json_append_string(out, d.text->utf8());
        out += ",\"spans\":[";
        auto [lo, hi] = p.mention_range(d.id);
        for (size_t i = lo; i < hi; ++i) {
            const Mention& m = p.mentions[i];
            if (i != lo) out += ',';
            out += "{\"start\":";
            json_append_uint(out, m.start);
            out += ",\"end\":";
            json_append_uint(out, m.end);
            out += ",\"label\":";
            json_append_string(out, m.type);
            out += '}';
            ++n;
            linked += !m.entity_id.empty();
            notes += !m.note.empty();
            attrs += !m.attributes.empty();
        }
        out += "],\"offset_unit\":\"codepoint\"}\n";
    }
    report.counts["documents"] = p.documents.size();
    report.counts["mentions"] = n;
    auto loss = [&](size_t k, const std::string& what) {
        if (k)
            report.losses.push_back(std::to_string(k) + " " + what);
    };
    loss(p.stances.size(), "stances dropped: the spaCy span format has no relations");
    loss(p.doc_stances.size(), "document stances dropped");
    loss(linked, "mentions' links to canonical entities dropped");
    loss(notes, "mention notes dropped");
    loss(attrs, "mentions' attribute values dropped");
    report.losses.push_back("mention ids, annotators, document names, statuses and meta not written");
    return {{"", std::move(out)}};
}

} // namespace

const Format& spacy_format()
{
    static const Format f = [] {
        Format f;
        f.name = "spacy";
        f.description = "spaCy/Prodigy JSONL: {\"text\", \"spans\": [{start, end, label}]}, code point offsets (for DocBin)";
        f.offset_unit = "codepoint";
        f.extension = ".jsonl";
        f.detect = [](const InputFile& in) {
            std::string_view w = detect_window(in);
            auto has = [&](const char* s) { return w.find(s) != std::string_view::npos; };
            if (!has("\"text\"") || has("\"mentions\"") || has("\"start_offset\""))
                return 0;
            if (has("\"spans\"") && has("\"start\"") && has("\"label\""))
                return has("\"annotations\"") || has("\"from_name\"") ? 30 : 88;
            if (has("\"ents\"") && has("\"start\""))
                return 70;
            return 0;
        };
        f.import_files = import_spacy;
        f.export_files = export_spacy;
        return f;
    }();
    return f;
}

} // namespace postil
