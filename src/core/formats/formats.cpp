#include "format.h"

#include "core/import_text.h"
#include "core/layers.h"
#include "core/project_io.h"

#include <algorithm>
#include <set>

namespace postil {

// [SECTION] registry. Each format is defined in its own file.
const Format& postil_format();
const Format& text_format();
const Format& jsonl_format();
const Format& doccano_format();
const Format& spacy_format();
const Format& labelstudio_format();
const Format& brat_format();
const Format& webanno_format();
const Format& conll_format();
const Format& hf_format();
const Format& stance_semeval_format();
const Format& stance_csv_format();
const Format& stance_jsonl_format();

const std::vector<const Format*>& all_formats()
{
    static const std::vector<const Format*> list = {
        &postil_format(), &jsonl_format(), &doccano_format(), &brat_format(), &conll_format(),
        &labelstudio_format(), &webanno_format(), &hf_format(), &spacy_format(),
        &stance_semeval_format(), &stance_csv_format(), &stance_jsonl_format(), &text_format(),
    };
    return list;
}

const Format* find_format(const std::string& name)
{
    for (const Format* f : all_formats())
        if (f->name == name)
            return f;
    return nullptr;
}

const Format* guess_format(const std::vector<InputFile>& files)
{
    return files.empty() ? nullptr : guess_file_format(files.front());
}

const Format* guess_file_format(const InputFile& file)
{
    const Format* best = nullptr;
    int best_score = 0;
    for (const Format* f : all_formats()) {
        if (!f->import_files || !f->detect)
            continue;
        int score = f->detect(file);
        if (score > best_score) {
            best = f;
            best_score = score;
        }
    }
    return best;
}

void ImportReport::count_read(const Project& read)
{
    documents = read.documents.size();
    mentions = read.mentions.size();
    entities = read.entities.size();
    stances = read.stances.size();
    doc_stances = read.doc_stances.size();
}

std::string ImportReport::summary() const
{
    std::string s = std::to_string(documents) + " documents, " + std::to_string(mentions) + " mentions, " +
                    std::to_string(entities) + " entities, " + std::to_string(stances) + " stances, " +
                    std::to_string(doc_stances) + " document stances";
    if (!new_labels.empty()) {
        s += "; new labels:";
        for (const auto& l : new_labels)
            s += " " + l;
    }
    if (!skipped.empty())
        s += "; " + std::to_string(skipped.size()) + " bad records skipped";
    for (const auto& n : notes)
        s += "; " + n;
    return s;
}

// [SECTION] import / export entry points

ImportReport import_into(Project& into, const Format& f, const std::vector<InputFile>& files, const ImportOptions& opts)
{
    if (!f.import_files)
        throw InputError{{{files.empty() ? std::string() : files.front().name, 0, 0, "", "format '" + f.name + "' cannot be imported"}}};
    Project fresh;
    fresh.schema = into.schema;
    fresh.annotator = opts.annotator.empty() ? into.annotator : opts.annotator;
    ImportReport report;
    f.import_files(files, fresh, opts, report);
    fresh.keep_sorted();
    for (const auto& t : fresh.schema.entity_types)
        if (!into.schema.entity_type(t.id))
            report.new_labels.push_back(t.id);
    report.count_read(fresh);
    append_project(into, std::move(fresh));
    return report;
}

std::vector<OutputFile> export_project(const Project& p, const Format& f, const ExportOptions& opts, ExportReport& report)
{
    if (!f.export_files)
        throw InputError{{{"", 0, 0, "", "format '" + f.name + "' cannot be exported"}}};
    report.offset_unit = f.offset_unit;
    // Without a filter the project is exported as it is: a copy would cost as much as a fast
    // export itself (every mention's strings, every document's meta).
    if (opts.doc_ids.empty() && export_annotator(p, opts).empty())
        return f.export_files(p, opts, report);
    return f.export_files(filter_for_export(p, opts), opts, report);
}

void export_project(const Project& p, const Format& f, const ExportOptions& opts, ExportReport& report, ExportSink& sink)
{
    if (!f.stream_files) {
        for (const OutputFile& o : export_project(p, f, opts, report))
            sink.write(o.name, o.bytes);
        return;
    }
    report.offset_unit = f.offset_unit;
    if (opts.doc_ids.empty() && export_annotator(p, opts).empty())
        f.stream_files(p, opts, report, sink);
    else
        f.stream_files(filter_for_export(p, opts), opts, report, sink);
}

std::string export_annotator(const Project& p, const ExportOptions& opts)
{
    if (opts.annotator == kAllLayers)
        return {};
    // Adjudicated data is what a training set wants: the gold layer when there is one, so
    // exporting a team project does not silently mix every annotator's disagreeing spans.
    return opts.annotator.empty() ? default_export_annotator(p) : opts.annotator;
}

Project filter_for_export(const Project& p, const ExportOptions& opts)
{
    const std::string who = export_annotator(p, opts);
    if (opts.doc_ids.empty() && who.empty())
        return p;
    std::set<std::string> docs(opts.doc_ids.begin(), opts.doc_ids.end());
    auto keep_doc = [&](const std::string& id) { return docs.empty() || docs.count(id); };
    auto keep_who = [&](const std::string& a) { return who.empty() || a == who; };
    Project out;
    out.name = p.name;
    out.annotator = p.annotator;
    out.schema = p.schema;
    for (const auto& d : p.documents)
        if (keep_doc(d.id))
            out.documents.push_back(d);
    for (const auto& m : p.mentions)
        if (keep_doc(m.doc_id) && keep_who(m.annotator))
            out.mentions.push_back(m);
    out.entities = p.entities;
    for (const auto& s : p.stances)
        if (keep_doc(s.doc_id) && keep_who(s.annotator))
            out.stances.push_back(s);
    for (const auto& s : p.doc_stances)
        if (keep_doc(s.doc_id) && keep_who(s.annotator))
            out.doc_stances.push_back(s);
    return out;
}

bool ensure_entity_type(Schema& s, const std::string& label)
{
    if (label.empty() || s.entity_type(label))
        return false;
    // Distinct colours for imported labels, cycling through a fixed palette (deterministic).
    static const uint32_t palette[] = {0x4E79A7, 0xF28E2B, 0x59A14F, 0xE15759, 0x76B7B2, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};
    EntityType t;
    t.id = label;
    t.name = label;
    t.color = palette[s.entity_types.size() % (sizeof palette / sizeof palette[0])];
    s.entity_types.push_back(t);
    return true;
}

std::string csv_cell(const std::string& value, char sep)
{
    std::string v = value;
    // A leading = + - @ (or tab/CR) makes spreadsheets evaluate the cell: prefix a quote.
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
        v = "'" + v;
    bool quote = v.find_first_of(std::string("\"\n\r") + sep) != std::string::npos;
    if (!quote)
        return v;
    std::string q = "\"";
    for (char c : v) {
        if (c == '"')
            q += '"';
        q += c;
    }
    return q + "\"";
}

// [SECTION] merging projects

static void append_schema(Project& into, const Schema& from_schema)
{
    // Schema: add what `into` lacks.
    // Added types keep their hotkey only when it is still free: a clash would make the saved
    // project fail its own schema validation.
    auto entity_key_used = [&](const std::string& key) {
        for (const auto& t : into.schema.entity_types)
            if (t.hotkey == key)
                return true;
        return false;
    };
    auto polarity_key_used = [&](const std::string& key) {
        for (const auto& p : into.schema.polarities)
            if (p.hotkey == key)
                return true;
        return false;
    };
    for (auto t : from_schema.entity_types)
        if (!into.schema.entity_type(t.id)) {
            if (!t.hotkey.empty() && entity_key_used(t.hotkey))
                t.hotkey.clear();
            into.schema.entity_types.push_back(t);
        }
    for (auto pol : from_schema.polarities)
        if (!into.schema.polarity(pol.id)) {
            if (!pol.hotkey.empty() && polarity_key_used(pol.hotkey))
                pol.hotkey.clear();
            into.schema.polarities.push_back(pol);
        }
    for (const auto& t : from_schema.stance_targets)
        if (!into.schema.stance_target(t.id))
            into.schema.stance_targets.push_back(t);
}

void append_project(Project& into, Project from)
{
    // Appending to an empty project (every fresh import): nothing can clash, so move the
    // records in instead of building id sets over them.
    if (into.documents.empty() && into.mentions.empty() && into.entities.empty() && into.stances.empty() &&
        into.doc_stances.empty()) {
        Schema from_schema = std::move(from.schema);
        Schema schema = std::move(into.schema);
        std::string name = std::move(into.name), annotator = std::move(into.annotator);
        into = std::move(from);
        into.schema = std::move(schema);
        into.name = std::move(name);
        into.annotator = std::move(annotator);
        append_schema(into, from_schema);
        into.keep_sorted();
        return;
    }
    append_schema(into, from.schema);
    // Ids: keep them when free, else take fresh ones; remember the mapping.
    std::map<std::string, std::string> doc_map, mention_map, entity_map;
    std::set<std::string> used;
    auto collect = [&](const auto& v) { for (const auto& x : v) used.insert(x.id); };
    collect(into.documents);
    collect(into.mentions);
    collect(into.entities);
    collect(into.stances);
    collect(into.doc_stances);
    auto fresh = [&](const std::string& id) {
        if (used.insert(id).second)
            return id;
        for (int n = 2;; ++n) {
            std::string c = id + "-" + std::to_string(n);
            if (used.insert(c).second)
                return c;
        }
    };
    for (auto& d : from.documents) {
        std::string id = fresh(d.id);
        doc_map[d.id] = id;
        d.id = id;
        into.documents.push_back(std::move(d));
    }
    for (auto& e : from.entities) {
        std::string id = fresh(e.id);
        entity_map[e.id] = id;
        e.id = id;
        into.entities.push_back(std::move(e));
    }
    auto map_or = [](const std::map<std::string, std::string>& m, const std::string& k) {
        auto it = m.find(k);
        return it == m.end() ? k : it->second;
    };
    for (auto& m : from.mentions) {
        std::string id = fresh(m.id);
        mention_map[m.id] = id;
        m.id = id;
        m.doc_id = map_or(doc_map, m.doc_id);
        if (!m.entity_id.empty())
            m.entity_id = map_or(entity_map, m.entity_id);
        into.mentions.push_back(std::move(m));
    }
    auto map_ref = [&](StanceRef& r) {
        if (r.kind == StanceRef::Kind::Mention)
            r.id = map_or(mention_map, r.id);
        else if (r.kind == StanceRef::Kind::Entity)
            r.id = map_or(entity_map, r.id);
    };
    for (auto& s : from.stances) {
        s.id = fresh(s.id);
        s.doc_id = map_or(doc_map, s.doc_id);
        map_ref(s.holder);
        map_ref(s.target);
        into.stances.push_back(std::move(s));
    }
    for (auto& s : from.doc_stances) {
        s.id = fresh(s.id);
        s.doc_id = map_or(doc_map, s.doc_id);
        into.doc_stances.push_back(std::move(s));
    }
    into.keep_sorted();
}

// [SECTION] the project file and plain text, the two formats every build needs

const Format& postil_format()
{
    static const Format f = [] {
        Format f;
        f.name = "postil";
        f.description = "Postil project file (lossless JSON)";
        f.offset_unit = "codepoint";
        f.extension = ".postil.json";
        f.detect = [](const InputFile& in) {
            return in.bytes.find("\"postil-project\"") != std::string::npos ? 100 : 0;
        };
        f.import_files = [](const std::vector<InputFile>& files, Project& out, const ImportOptions&, ImportReport&) {
            for (const auto& in : files)
                append_project(out, load_project_string(in.bytes, in.name));
        };
        f.export_files = [](const Project& p, const ExportOptions&, ExportReport& r) {
            r.counts["documents"] = p.documents.size();
            r.counts["mentions"] = p.mentions.size();
            r.counts["stances"] = p.stances.size();
            return std::vector<OutputFile>{{"", save_project_string(p)}};
        };
        return f;
    }();
    return f;
}

const Format& text_format()
{
    static const Format f = [] {
        Format f;
        f.name = "text";
        f.description = "Plain text, one document per file (import only)";
        f.offset_unit = "none";
        f.extension = ".txt";
        f.detect = [](const InputFile& in) {
            bool txt = in.name.size() >= 4 && in.name.compare(in.name.size() - 4, 4, ".txt") == 0;
            return txt ? 20 : 1; // anything else that is valid UTF-8 can still be read as text
        };
        f.import_files = [](const std::vector<InputFile>& files, Project& out, const ImportOptions&, ImportReport&) {
            Diagnostics bad;
            for (const auto& in : files) {
                try {
                    out.documents.push_back(make_text_document(out, in.name, in.bytes));
                } catch (const InputError& e) {
                    bad.insert(bad.end(), e.diagnostics.begin(), e.diagnostics.end());
                }
            }
            if (!bad.empty())
                throw InputError{bad};
        };
        return f;
    }();
    return f;
}

} // namespace postil
