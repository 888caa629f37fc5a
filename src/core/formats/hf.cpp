// Hugging Face token classification: JSON Lines with one row PER SENTENCE
//   {"id": "0", "doc_id": "d1", "tokens": ["Le", "Pentagone", ...], "ner_tags": [0, 3, ...]}
// plus the label list, so `datasets` can give ner_tags a ClassLabel feature:
//   labels.txt         one name per line, in index order: ClassLabel(names_file="labels.txt")
//   dataset_info.json  {"features": {...}} in datasets' own serialisation: Features.from_dict(info["features"])
// Sentences (not documents) are the rows because that is what token-classification models are
// trained on and what the hub's NER sets (conll2003, wnut_17, wikiann) use; "doc_id" keeps
// the document so an import regroups sentences into their documents.
// Tokens, sentences and tags come from iob.h (same rules and losses as the conll format).
// Import: data rows (.jsonl, or a .json array) with integer tags resolved through labels.txt /
// labels.json / dataset_info.json / dataset_infos.json, or string tags needing no label file.
// Does not do: Arrow/Parquet files, the hub's loading scripts, offsets into the original text.
#include "format.h"
#include "iob.h"
#include "json_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace postil {

using namespace iob;

using nlohmann::json;
using nlohmann::ordered_json;

// [SECTION] export

// data.jsonl into `data`, or with a sink, handed over in chunks of about kExportChunk
// (ChunkWriter, iob.h) so memory stays bounded; then labels.txt and dataset_info.json as
// returned files.
static std::vector<OutputFile> write_hf(const Project& p, const ExportOptions& opts, ExportReport& report,
                                        std::string& data, ExportSink* sink)
{
    auto scheme = tag_scheme_from_string(opts.scheme.empty() ? "iob2" : opts.scheme);
    if (!scheme)
        throw InputError{{{"", 0, 0, "", "unknown tag scheme '" + opts.scheme + "': expected iob1, iob2 or bilou"}}};
    TaggingContext ctx(p.schema, *scheme, opts.strict);
    const uint32_t per_type = *scheme == TagScheme::BILOU ? 4 : 2;
    auto index_of = [&](const Tag& t) -> uint32_t {
        if (t.prefix == 'O')
            return 0;
        uint32_t k = t.prefix == 'B' ? 0 : t.prefix == 'I' ? 1 : t.prefix == 'L' ? 2 : 3;
        return 1 + t.type * per_type + k;
    };
    const auto by_doc = mentions_per_document(p);
    TaggedDocument td; // reused: one set of token / tag vectors for the whole export

    // Rows written by hand (same bytes as nlohmann's compact dump): building a json object per
    // sentence was the slowest part of the export. One reservation for the whole file (about
    // 1.8 bytes per text byte): reserving per document grows libc++ strings (the web build) by
    // exactly that much each time, which copies the file once per document.
    size_t text_bytes = 0;
    for (const Document& d : p.documents)
        text_bytes += d.text->utf8().size();
    data.clear();
    if (!sink)
        data.reserve(text_bytes * 2 + 64 * p.documents.size());
    ChunkWriter cw;
    cw.sink = sink;
    cw.sink_file = "data.jsonl";
    cw.file = &data;
    std::vector<std::string> tag_numbers; // "0", "1" ... : no number formatting per token
    // Each document's rows are written through a pointer into room made for the worst case
    // (every byte escaped as \u00XX): per-token appends each checked the capacity, and short
    // tokens are copied 16 bytes at a time (a copy of constant size is a couple of
    // instructions, one of variable size a call to libc).
    std::string escaped; // a string needing escapes, or the document id, as JSON
    auto put = [](char*& w, std::string_view s) {
        std::memcpy(w, s.data(), s.size());
        w += s.size();
    };
    size_t row = 0;
    for (size_t di = 0; di < p.documents.size(); ++di) {
        cw.flush(false);
        const Document& d = p.documents[di];
        tag_document(d, by_doc[di], ctx, td);
        while (tag_numbers.size() < 1 + ctx.types.size() * per_type)
            tag_numbers.push_back(std::to_string(tag_numbers.size()));
        escaped.clear();
        json_append_string(escaped, d.id);
        const std::string doc_id = escaped;
        const std::string& text = d.text->utf8();
        size_t bound = 16 + td.sentences.size() * (64 + doc_id.size());
        for (size_t i = 0; i < td.tokens.size(); ++i)
            bound += 6 * (td.token_bytes[2 * i + 1] - td.token_bytes[2 * i]) + 24 + tag_numbers.back().size();
        char* w = cw.room(bound);
        for (const TaggedSentence& s : td.sentences) {
            put(w, "{\"id\":\"");
            char digits[20];
            int nd = 0;
            for (size_t v = row++; nd == 0 || v; v /= 10)
                digits[nd++] = static_cast<char>('0' + v % 10);
            while (nd)
                *w++ = digits[--nd];
            put(w, "\",\"doc_id\":");
            put(w, doc_id);
            put(w, ",\"tokens\":[");
            for (uint32_t i = s.first_token; i < s.end_token; ++i) {
                if (i > s.first_token)
                    *w++ = ',';
                const size_t b0 = td.token_bytes[2 * i], b1 = td.token_bytes[2 * i + 1];
                bool plain = !td.spaced_tokens && b1 - b0 <= 16 && b0 + 16 <= text.size();
                for (size_t b = b0; plain && b < b1; ++b) {
                    const auto c = static_cast<unsigned char>(text[b]);
                    plain = c != '"' && c != '\\' && c >= 0x20;
                }
                if (plain) {
                    *w++ = '"';
                    std::memcpy(w, text.data() + b0, 16);
                    w += b1 - b0;
                    *w++ = '"';
                } else {
                    escaped.clear();
                    if (td.spaced_tokens)
                        json_append_string(escaped, td.token_text(i));
                    else
                        json_append_string(escaped, td.token_view(i));
                    put(w, escaped);
                }
            }
            put(w, "],\"ner_tags\":[");
            for (uint32_t i = s.first_token; i < s.end_token; ++i) {
                if (i > s.first_token)
                    *w++ = ',';
                put(w, tag_numbers[index_of(td.tags[i])]);
            }
            put(w, "]}\n");
        }
        cw.commit(w);
    }
    // Under strict, finish() refuses before the last chunk: a streamed file is incomplete then.
    ctx.finish(report, "hf");
    cw.flush(true); // always, even empty: the sink then knows the file exists
    report_unexported_records(p, report, "hf");
    report.counts["documents"] = p.documents.size();
    report.counts["rows"] = row;
    report.offset_unit = "token";

    std::vector<std::string> names = ctx.label_names();
    std::string labels_txt;
    for (const auto& n : names)
        labels_txt += n + "\n";
    ordered_json info;
    info["description"] = "Token classification data exported by Postil: one row per sentence; ner_tags index the "
                          "ClassLabel names (" + std::string(to_string(*scheme)) + " scheme).";
    ordered_json features;
    features["id"] = {{"dtype", "string"}, {"_type", "Value"}};
    features["doc_id"] = {{"dtype", "string"}, {"_type", "Value"}};
    features["tokens"] = {{"feature", {{"dtype", "string"}, {"_type", "Value"}}}, {"_type", "Sequence"}};
    ordered_json label_feature;
    label_feature["num_classes"] = names.size();
    label_feature["names"] = names;
    label_feature["_type"] = "ClassLabel";
    features["ner_tags"] = {{"feature", label_feature}, {"_type", "Sequence"}};
    info["features"] = std::move(features);
    info["postil"] = {{"scheme", to_string(*scheme)}, {"row", "sentence"}, {"tokenizer", "postil French-aware tokenizer"}};
    return {{"labels.txt", std::move(labels_txt)}, {"dataset_info.json", info.dump(2) + "\n"}};
}

static std::vector<OutputFile> export_hf(const Project& p, const ExportOptions& opts, ExportReport& report)
{
    std::string data;
    std::vector<OutputFile> rest = write_hf(p, opts, report, data, nullptr);
    rest.insert(rest.begin(), OutputFile{"data.jsonl", std::move(data)});
    return rest;
}

static void stream_hf(const Project& p, const ExportOptions& opts, ExportReport& report, ExportSink& sink)
{
    std::string buffer;
    for (const OutputFile& o : write_hf(p, opts, report, buffer, &sink))
        sink.write(o.name, o.bytes);
}

// [SECTION] import: label files

namespace {

bool ends_with(const std::string& s, const char* suffix)
{
    size_t n = std::char_traits<char>::length(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// Finds ClassLabel names in any of the shapes datasets writes: {"names": [...]}, a features
// dict {"ner_tags": {"feature": {"names": ...}}}, dataset_infos.json {"config": {"features": ...}}.
const json* find_names(const json& j, const std::string& label_field, int depth = 0)
{
    if (depth > 6)
        return nullptr;
    if (j.is_object()) {
        if (auto it = j.find("names"); it != j.end() && it->is_array())
            return &*it;
        for (const char* key : {"features", "feature"})
            if (auto it = j.find(key); it != j.end())
                if (const json* n = find_names(*it, label_field, depth + 1))
                    return n;
        if (auto it = j.find(label_field); it != j.end())
            if (const json* n = find_names(*it, label_field, depth + 1))
                return n;
        for (auto it = j.begin(); it != j.end(); ++it)
            if (it->is_object())
                if (const json* n = find_names(*it, label_field, depth + 1))
                    return n;
    }
    return nullptr;
}

struct Row {
    const InputFile* file = nullptr;
    int line = 0;      // 1-based line in a .jsonl file; 0 for an element of a JSON array
    size_t index = 0;  // element index in a JSON array
    json value;
};

} // namespace

static void import_hf(const std::vector<InputFile>& files, Project& out, const ImportOptions& opts, ImportReport& report)
{
    const std::string tokens_key = opts.text_field.empty() ? "tokens" : opts.text_field;
    const std::string tags_key = opts.label_field.empty() ? "ner_tags" : opts.label_field;
    Diagnostics bad;
    auto fail = [&](const InputFile& f, int line, const std::string& path, const std::string& msg) {
        Diagnostic d{f.name, line, 0, path, msg};
        if (opts.skip_bad)
            report.skipped.push_back(std::move(d));
        else
            bad.push_back(std::move(d));
    };

    // Label names first, from whichever file holds them; then the rows of the data files.
    std::vector<std::string> names;
    std::string names_from;
    std::vector<Row> rows;
    for (const InputFile& f : files) {
        Text text = Text::from_bytes(f.bytes, f.name);
        const std::string& s = text.utf8();
        std::string base = file_base_name(f.name);
        if (ends_with(base, ".md")) {
            report.notes.push_back(f.name + ": Markdown (a dataset card?) ignored");
            continue;
        }
        if (ends_with(base, ".txt")) {
            // labels.txt: one ClassLabel name per line (datasets' names_file).
            names.clear();
            for (std::string_view l : split_lines(s)) {
                std::string n(l);
                while (!n.empty() && (n.back() == ' ' || n.back() == '\t'))
                    n.pop_back();
                if (!n.empty())
                    names.push_back(n);
            }
            names_from = f.name;
            continue;
        }
        size_t first = s.find_first_not_of(" \t\n");
        bool whole_json = first != std::string::npos && (s[first] == '[' || ends_with(base, ".json"));
        if (whole_json) {
            json j;
            try {
                j = json::parse(s);
            } catch (const json::parse_error& e) {
                fail(f, 0, "", std::string("invalid JSON: ") + e.what());
                continue;
            }
            if (j.is_array() && !j.empty() && j.front().is_object()) {
                for (size_t i = 0; i < j.size(); ++i)
                    rows.push_back({&f, 0, i, std::move(j[i])});
                continue;
            }
            const json* n = j.is_array() ? &j : find_names(j, tags_key);
            if (!n || !std::all_of(n->begin(), n->end(), [](const json& x) { return x.is_string(); })) {
                fail(f, 0, "", "expected a label list (a JSON array of names, {\"names\": [...]} or a dataset_info.json "
                               "with a ClassLabel feature) or an array of rows");
                continue;
            }
            names = n->get<std::vector<std::string>>();
            names_from = f.name;
            continue;
        }
        int line_no = 0;
        for (std::string_view l : split_lines(s)) {
            ++line_no;
            if (l.find_first_not_of(" \t") == std::string_view::npos)
                continue;
            try {
                rows.push_back({&f, line_no, 0, json::parse(l)});
            } catch (const json::parse_error& e) {
                fail(f, line_no, "", std::string("invalid JSON line: ") + e.what());
            }
        }
    }
    if (rows.empty() && bad.empty())
        throw InputError{{{files.empty() ? std::string() : files.front().name, 0, 0, "",
                           "no data rows: expected a .jsonl file with \"" + tokens_key + "\" and \"" + tags_key + "\" per row"}}};

    IdAllocator ids(out);
    TokenDocumentBuilder doc;
    std::vector<Mention> pending;
    std::string doc_key, doc_stem;
    const InputFile* doc_file = nullptr;
    TagDecodeStats stats;
    size_t io_tags = 0, spaced_tokens = 0;
    auto flush = [&]() {
        if (doc.empty()) {
            pending.clear();
            return;
        }
        Document d;
        d.id = ids.from_stem(doc_stem);
        d.name = doc_file ? file_base_name(doc_file->name) : std::string();
        d.text = std::make_shared<const Text>(Text::from_normalized(std::move(doc.text)));
        d.meta[kTokenizationKey] = kWhitespaceTokens; // exports reuse these tokens
        for (Mention& m : pending) {
            m.id = ids.next("m");
            m.doc_id = d.id;
            ensure_entity_type(out.schema, m.type);
            out.mentions.push_back(std::move(m));
        }
        out.documents.push_back(std::move(d));
        pending.clear();
        doc = TokenDocumentBuilder{};
    };
    for (size_t r = 0; r < rows.size(); ++r) {
        const Row& row = rows[r];
        const InputFile& f = *row.file;
        std::string where = row.line ? std::string() : "/" + std::to_string(row.index);
        const json& v = row.value;
        if (!v.is_object()) {
            fail(f, row.line, where, std::string("expected an object, found ") + v.type_name());
            continue;
        }
        auto tk = v.find(tokens_key);
        auto tg = v.find(tags_key);
        if (tk == v.end() || !tk->is_array()) {
            fail(f, row.line, where + "/" + tokens_key, "missing array of tokens");
            continue;
        }
        if (tg == v.end() || !tg->is_array()) {
            fail(f, row.line, where + "/" + tags_key, "missing array of tags");
            continue;
        }
        if (tk->size() != tg->size()) {
            fail(f, row.line, where + "/" + tags_key,
                 std::to_string(tg->size()) + " tags for " + std::to_string(tk->size()) + " tokens");
            continue;
        }
        std::vector<std::string> toks;
        std::vector<ParsedTag> tags;
        bool ok = true;
        for (size_t i = 0; i < tk->size() && ok; ++i) {
            const json& t = (*tk)[i];
            if (!t.is_string() || t.get_ref<const std::string&>().empty()) {
                fail(f, row.line, where + "/" + tokens_key + "/" + std::to_string(i), "expected a non-empty string token");
                ok = false;
                break;
            }
            toks.push_back(t.get<std::string>());
            if (toks.back().find_first_of(" \t\n") != std::string::npos)
                ++spaced_tokens;
            const json& g = (*tg)[i];
            std::string name;
            if (g.is_number_unsigned()) {
                uint64_t k = g.get<uint64_t>();
                if (names.empty()) {
                    fail(f, row.line, where + "/" + tags_key + "/" + std::to_string(i),
                         "integer tags need the label list: pass labels.txt or dataset_info.json with the data file");
                    ok = false;
                    break;
                }
                if (k >= names.size()) {
                    fail(f, row.line, where + "/" + tags_key + "/" + std::to_string(i),
                         "tag index " + std::to_string(k) + " out of range (" + names_from + " has " +
                             std::to_string(names.size()) + " names)");
                    ok = false;
                    break;
                }
                name = names[k];
            } else if (g.is_string()) {
                name = g.get<std::string>();
            } else {
                fail(f, row.line, where + "/" + tags_key + "/" + std::to_string(i),
                     std::string("expected a tag index or name, found ") + g.type_name());
                ok = false;
                break;
            }
            ParsedTag pt;
            if (!parse_tag(name, pt)) {
                // Plain labels ("PER") are the IO scheme: a run of one label is one mention.
                pt.prefix = 'I';
                pt.type = name;
                ++io_tags;
            }
            tags.push_back(std::move(pt));
        }
        if (!ok)
            continue;

        // Rows of one document (same doc_id, one after another) become its sentences.
        std::string key;
        if (auto d = v.find("doc_id"); d != v.end() && (d->is_string() || d->is_number()))
            key = d->is_string() ? d->get<std::string>() : d->dump();
        if (key.empty() || key != doc_key || doc_file != &f) {
            flush();
            doc_key = key;
            doc_file = &f;
            doc_stem = key;
            if (doc_stem.empty()) {
                if (auto id = v.find("id"); id != v.end() && (id->is_string() || id->is_number()))
                    doc_stem = iob::file_stem(f.name) + "-" + (id->is_string() ? id->get<std::string>() : id->dump());
                else
                    doc_stem = iob::file_stem(f.name) + "-" + std::to_string(r + 1);
            }
        }
        for (const auto& t : toks)
            doc.add_token(t);
        for (const TagChunk& c : decode_tags(tags, stats)) {
            Mention m;
            m.start = doc.spans[c.first].first;
            m.end = doc.spans[c.end - 1].second;
            m.type = c.type;
            m.annotator = out.annotator;
            pending.push_back(std::move(m));
        }
        doc.spans.clear();
        doc.end_sentence();
    }
    flush();
    if (!bad.empty())
        throw InputError{bad};
    std::string scheme = stats.scheme();
    if (!scheme.empty())
        report.notes.push_back("tags read as " + scheme);
    if (io_tags)
        report.notes.push_back(std::to_string(io_tags) + " tags without B-/I- prefix read as IO (a run of one label is one mention)");
    if (spaced_tokens)
        report.notes.push_back(std::to_string(spaced_tokens) + " tokens contain whitespace; token exports will write them as several tokens");
    if (!names_from.empty())
        report.notes.push_back("label names from " + names_from);
    report.notes.push_back("text rebuilt from tokens: one space between tokens, one line per row, rows with the same "
                           "doc_id form one document (token exports reuse these tokens: document meta "
                           "tokenization=whitespace)");
}

static int detect_hf(const InputFile& in)
{
    std::string base = file_base_name(in.name);
    if (base == "labels.txt" || base == "dataset_info.json" || base == "dataset_infos.json")
        return 60;
    std::string_view head(in.bytes.data(), std::min<size_t>(in.bytes.size(), 4096));
    size_t nl = head.find('\n');
    std::string_view first = head.substr(0, nl);
    if (!first.empty() && first.front() == '{' && first.find("\"tokens\"") != std::string_view::npos &&
        (first.find("\"ner_tags\"") != std::string_view::npos || first.find("_tags\"") != std::string_view::npos))
        return 90;
    return 0;
}

const Format& hf_format()
{
    static const Format f = [] {
        Format f;
        f.name = "hf";
        f.description = "Hugging Face token classification (data.jsonl per sentence + labels.txt + dataset_info.json)";
        f.offset_unit = "token";
        f.extension = ".jsonl";
        f.multi_file = true;
        f.detect = detect_hf;
        f.import_files = import_hf;
        f.export_files = export_hf;
        f.stream_files = stream_hf;
        return f;
    }();
    return f;
}

} // namespace postil
