#include "project_io.h"

#include "formats/json_util.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

namespace postil {

using nlohmann::json;

// [SECTION] to JSON

static json ref_to_json(const StanceRef& r)
{
    return {{"kind", to_string(r.kind)}, {"id", r.id}};
}

json project_to_json(const Project& p)
{
    json j;
    j["format"] = "postil-project";
    j["format_version"] = Project::kFormatVersion;
    j["offset_unit"] = "codepoint";
    j["name"] = p.name;
    j["schema"] = schema_to_json(p.schema);
    json docs = json::array();
    for (const auto& d : p.documents) {
        json o = {{"id", d.id}, {"name", d.name}, {"status", to_string(d.status)}, {"text", d.text->utf8()}};
        if (!d.meta.empty())
            o["meta"] = d.meta;
        docs.push_back(std::move(o));
    }
    j["documents"] = std::move(docs);

    const std::vector<const Mention*> mentions = mentions_in_order(p.mentions);
    json ms = json::array();
    for (const Mention* m : mentions) {
        json o = {{"id", m->id}, {"doc", m->doc_id}, {"start", m->start}, {"end", m->end}, {"type", m->type}, {"annotator", m->annotator}};
        if (!m->entity_id.empty()) o["entity"] = m->entity_id;
        if (!m->note.empty()) o["note"] = m->note;
        if (!m->attributes.empty()) o["attributes"] = m->attributes;
        ms.push_back(std::move(o));
    }
    j["mentions"] = std::move(ms);

    json es = json::array();
    for (const auto& e : p.entities) {
        json o = {{"id", e.id}, {"name", e.name}, {"type", e.type}, {"annotator", e.annotator}};
        if (!e.external_id.empty()) o["external_id"] = e.external_id;
        if (!e.note.empty()) o["note"] = e.note;
        es.push_back(std::move(o));
    }
    j["entities"] = std::move(es);

    json ss = json::array();
    for (const auto& s : p.stances) {
        json o = {{"id", s.id}, {"doc", s.doc_id}, {"holder", ref_to_json(s.holder)}, {"target", ref_to_json(s.target)},
                  {"polarity", s.polarity}, {"confidence", s.confidence}, {"annotator", s.annotator}};
        if (s.evidence) o["evidence"] = {s.evidence->start, s.evidence->end};
        if (!s.note.empty()) o["note"] = s.note;
        ss.push_back(std::move(o));
    }
    j["stances"] = std::move(ss);

    json ds = json::array();
    for (const auto& d : p.doc_stances)
        ds.push_back({{"id", d.id}, {"doc", d.doc_id}, {"target", d.target_id}, {"polarity", d.polarity}, {"annotator", d.annotator}});
    j["document_stances"] = std::move(ds);
    return j;
}

// [SECTION] the project file, written directly
// save_project writes what project_to_json(p).dump(1, ' ', false, strict) + "\n" gives,
// byte for byte (tests/unit/test_project_io.cpp compares them), without building the DOM:
// for a 100 MB corpus the DOM took several times the project's memory and most of the time
// (the web app's autosave runs it after every import). Keys are written in nlohmann's order
// (sorted), strings escaped as nlohmann escapes them, and every string but the texts (valid
// by construction) checked for UTF-8 as the strict handler did.
// With a sink, the buffer goes out whenever it reaches kChunkSize (checked before each record
// and inside long texts): the web app's autosave then never holds the whole file in its heap.

namespace {

class ProjectWriter {
public:
    std::string out;
    ChunkSink* sink = nullptr; // null: everything stays in `out`

    void flush_if_full()
    {
        if (sink && out.size() >= kChunkSize) {
            sink->write(out);
            out.clear();
        }
    }
    void finish()
    {
        if (sink && !out.empty()) {
            sink->write(out);
            out.clear();
        }
    }
    // A document's text (valid UTF-8 by construction): escaped in pieces, so that a long text
    // does not make one huge chunk. Escaping is per byte, so the pieces give the same bytes.
    void text(std::string_view t)
    {
        out += '"';
        while (!t.empty()) {
            const size_t n = std::min(t.size(), kChunkSize);
            json_append_escaped(out, t.substr(0, n));
            t.remove_prefix(n);
            flush_if_full();
        }
        out += '"';
    }

    void indent(int level) { out.append(static_cast<size_t>(level), ' '); }
    void str(std::string_view s)
    {
        if (auto bad = find_invalid_utf8(s))
            throw json::type_error::create(316, "invalid UTF-8 byte at index " + std::to_string(bad->byte_offset) + " in a project string",
                                           nullptr);
        json_append_string(out, s);
    }
    // Members: open() after the '{', key() before each value, close() with the '}'.
    void open(char c) { out += c; first_ = true; }
    void key(int level, std::string_view k)
    {
        out += first_ ? "\n" : ",\n";
        first_ = false;
        indent(level);
        str(k);
        out += ": ";
    }
    void item(int level)
    {
        flush_if_full();
        out += first_ ? "\n" : ",\n";
        first_ = false;
        indent(level);
    }
    void close(int level, char c, bool empty)
    {
        if (!empty) {
            out += '\n';
            indent(level);
        }
        out += c;
        first_ = false;
    }
    void string_member(int level, std::string_view k, std::string_view v)
    {
        key(level, k);
        str(v);
    }
    void uint_member(int level, std::string_view k, uint64_t v)
    {
        key(level, k);
        json_append_uint(out, v);
    }
    void string_map(int level, const std::map<std::string, std::string>& m)
    {
        open('{');
        for (const auto& [k, v] : m)
            string_member(level + 1, k, v);
        close(level, '}', m.empty());
    }
    void ref(int level, std::string_view k, const StanceRef& r)
    {
        key(level, k);
        open('{');
        string_member(level + 1, "id", r.id);
        string_member(level + 1, "kind", to_string(r.kind));
        close(level, '}', false);
    }
    // A small value nlohmann dumps itself (the schema), moved `level` to the right.
    void dumped(int level, const json& j)
    {
        std::string d = j.dump(1, ' ', false, json::error_handler_t::strict);
        for (char c : d) {
            out += c;
            if (c == '\n')
                indent(level);
        }
    }

private:
    bool first_ = true;
};

void write_project(const Project& p, ProjectWriter& w)
{
    // Top-level keys in sorted order, as nlohmann writes them.
    w.open('{');
    w.key(1, "document_stances");
    w.open('[');
    for (const auto& d : p.doc_stances) {
        w.item(2);
        w.open('{');
        w.string_member(3, "annotator", d.annotator);
        w.string_member(3, "doc", d.doc_id);
        w.string_member(3, "id", d.id);
        w.string_member(3, "polarity", d.polarity);
        w.string_member(3, "target", d.target_id);
        w.close(2, '}', false);
    }
    w.close(1, ']', p.doc_stances.empty());

    w.key(1, "documents");
    w.open('[');
    for (const auto& d : p.documents) {
        w.item(2);
        w.open('{');
        w.string_member(3, "id", d.id);
        if (!d.meta.empty()) {
            w.key(3, "meta");
            w.string_map(3, d.meta);
        }
        w.string_member(3, "name", d.name);
        w.string_member(3, "status", to_string(d.status));
        w.key(3, "text");
        w.text(d.text->utf8());
        w.close(2, '}', false);
    }
    w.close(1, ']', p.documents.empty());

    w.key(1, "entities");
    w.open('[');
    for (const auto& e : p.entities) {
        w.item(2);
        w.open('{');
        w.string_member(3, "annotator", e.annotator);
        if (!e.external_id.empty())
            w.string_member(3, "external_id", e.external_id);
        w.string_member(3, "id", e.id);
        w.string_member(3, "name", e.name);
        if (!e.note.empty())
            w.string_member(3, "note", e.note);
        w.string_member(3, "type", e.type);
        w.close(2, '}', false);
    }
    w.close(1, ']', p.entities.empty());

    w.string_member(1, "format", "postil-project");
    w.uint_member(1, "format_version", static_cast<uint64_t>(Project::kFormatVersion));

    const std::vector<const Mention*> mentions = mentions_in_order(p.mentions);
    w.key(1, "mentions");
    w.open('[');
    for (const Mention* m : mentions) {
        w.item(2);
        w.open('{');
        w.string_member(3, "annotator", m->annotator);
        if (!m->attributes.empty()) {
            w.key(3, "attributes");
            w.string_map(3, m->attributes);
        }
        w.string_member(3, "doc", m->doc_id);
        w.uint_member(3, "end", m->end);
        if (!m->entity_id.empty())
            w.string_member(3, "entity", m->entity_id);
        w.string_member(3, "id", m->id);
        if (!m->note.empty())
            w.string_member(3, "note", m->note);
        w.uint_member(3, "start", m->start);
        w.string_member(3, "type", m->type);
        w.close(2, '}', false);
    }
    w.close(1, ']', mentions.empty());

    w.string_member(1, "name", p.name);
    w.string_member(1, "offset_unit", "codepoint");
    w.key(1, "schema");
    w.dumped(1, schema_to_json(p.schema));

    w.key(1, "stances");
    w.open('[');
    for (const auto& s : p.stances) {
        w.item(2);
        w.open('{');
        w.string_member(3, "annotator", s.annotator);
        w.key(3, "confidence");
        json_append_double(w.out, s.confidence);
        w.string_member(3, "doc", s.doc_id);
        if (s.evidence) {
            w.key(3, "evidence");
            w.open('[');
            w.item(4);
            json_append_uint(w.out, s.evidence->start);
            w.item(4);
            json_append_uint(w.out, s.evidence->end);
            w.close(3, ']', false);
        }
        w.ref(3, "holder", s.holder);
        w.string_member(3, "id", s.id);
        if (!s.note.empty())
            w.string_member(3, "note", s.note);
        w.string_member(3, "polarity", s.polarity);
        w.ref(3, "target", s.target);
        w.close(2, '}', false);
    }
    w.close(1, ']', p.stances.empty());
    w.close(0, '}', false);
    w.out += '\n';
    w.finish();
}

} // namespace

std::string save_project_string(const Project& p)
{
    ProjectWriter w;
    size_t estimate = 4096 + p.mentions.size() * 200 + p.stances.size() * 300;
    for (const auto& d : p.documents)
        estimate += d.text->utf8().size() + d.text->utf8().size() / 16 + 128;
    w.out.reserve(estimate);
    write_project(p, w);
    return std::move(w.out);
}

void save_project(const Project& p, ChunkSink& sink)
{
    ProjectWriter w;
    w.sink = &sink;
    w.out.reserve(kChunkSize + kChunkSize / 8);
    write_project(p, w);
}

// [SECTION] from JSON

namespace {

struct Loader {
    std::string source;
    Diagnostics diags;

    void error(const std::string& path, const std::string& msg) { diags.push_back({source, 0, 0, path, msg}); }

    const json* field(const json& o, const std::string& path, const char* key, json::value_t type, bool required)
    {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) {
            if (required)
                error(path + "/" + key, std::string("missing required ") + type_name(type));
            return nullptr;
        }
        // Parsed JSON stores non-negative integers as unsigned, built JSON as signed: accept both.
        bool ok = type == json::value_t::number_unsigned ? (it->is_number_unsigned() || (it->is_number_integer() && it->get<int64_t>() >= 0))
                : type == json::value_t::number_float ? it->is_number()
                : it->type() == type;
        if (!ok) {
            error(path + "/" + key, std::string("expected ") + type_name(type) + ", found " + it->type_name());
            return nullptr;
        }
        return &*it;
    }
    static const char* type_name(json::value_t t)
    {
        switch (t) {
        case json::value_t::string: return "a string";
        case json::value_t::number_unsigned: return "a non-negative integer";
        case json::value_t::number_float: return "a number";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        default: return "a value";
        }
    }
    std::string str(const json& o, const std::string& path, const char* key, bool required = false)
    {
        const json* v = field(o, path, key, json::value_t::string, required);
        return v ? v->get<std::string>() : std::string();
    }
    uint32_t offset(const json& o, const std::string& path, const char* key)
    {
        const json* v = field(o, path, key, json::value_t::number_unsigned, true);
        if (!v)
            return 0;
        auto n = v->get<int64_t>();
        if (n > 0xFFFFFFFFll) {
            error(path + "/" + key, "offset too large");
            return 0;
        }
        return static_cast<uint32_t>(n);
    }
    std::map<std::string, std::string> string_map(const json& o, const std::string& path, const char* key)
    {
        std::map<std::string, std::string> out;
        const json* v = field(o, path, key, json::value_t::object, false);
        if (!v)
            return out;
        for (auto it = v->begin(); it != v->end(); ++it) {
            if (it->is_string())
                out[it.key()] = it->get<std::string>();
            else
                error(path + "/" + key + "/" + it.key(), std::string("expected a string, found ") + it->type_name());
        }
        return out;
    }
    StanceRef ref(const json& o, const std::string& path, const char* key)
    {
        StanceRef r;
        const json* v = field(o, path, key, json::value_t::object, true);
        if (!v)
            return r;
        std::string p = path + "/" + key;
        std::string kind = str(*v, p, "kind", true);
        if (auto k = stance_ref_kind_from_string(kind))
            r.kind = *k;
        else if (!kind.empty())
            error(p + "/kind", "expected \"mention\", \"entity\" or \"target\", found \"" + kind + "\"");
        r.id = str(*v, p, "id", r.kind != StanceRef::Kind::None);
        return r;
    }
    template <class F>
    void each(const json& j, const char* key, F&& f)
    {
        const json* a = field(j, "", key, json::value_t::array, false);
        if (!a)
            return;
        for (size_t i = 0; i < a->size(); ++i) {
            std::string p = std::string("/") + key + "/" + std::to_string(i);
            if (!(*a)[i].is_object()) {
                error(p, std::string("expected an object, found ") + (*a)[i].type_name());
                continue;
            }
            f((*a)[i], p);
        }
    }
};

} // namespace

Project project_from_json(const json& j, const std::string& source)
{
    Loader L{source, {}};
    Project p;
    if (!j.is_object()) {
        L.error("/", std::string("expected a project object, found ") + j.type_name());
        throw InputError{L.diags};
    }
    std::string format = L.str(j, "", "format", true);
    if (!format.empty() && format != "postil-project")
        L.error("/format", "expected \"postil-project\", found \"" + format + "\"");
    if (const json* v = L.field(j, "", "format_version", json::value_t::number_unsigned, true)) {
        if (v->get<int64_t>() > Project::kFormatVersion)
            L.error("/format_version", "file is format version " + std::to_string(v->get<int64_t>()) +
                                           "; this Postil reads up to " + std::to_string(Project::kFormatVersion));
    }
    std::string unit = L.str(j, "", "offset_unit");
    if (!unit.empty() && unit != "codepoint")
        L.error("/offset_unit", "expected \"codepoint\", found \"" + unit + "\"");
    p.name = L.str(j, "", "name");
    if (const json* s = L.field(j, "", "schema", json::value_t::object, false)) {
        Diagnostics sd;
        p.schema = schema_from_json(*s, sd, "/schema");
        for (auto& d : sd) {
            d.file = source;
            L.diags.push_back(std::move(d));
        }
    }
    L.each(j, "documents", [&](const json& o, const std::string& path) {
        Document d;
        d.id = L.str(o, path, "id", true);
        d.name = L.str(o, path, "name");
        if (d.name.empty())
            d.name = d.id;
        std::string status = L.str(o, path, "status");
        if (!status.empty()) {
            if (auto s = doc_status_from_string(status))
                d.status = *s;
            else
                L.error(path + "/status", "expected \"todo\", \"in_progress\" or \"done\", found \"" + status + "\"");
        }
        d.meta = L.string_map(o, path, "meta");
        std::string text = L.str(o, path, "text", true);
        if (auto bad = find_invalid_utf8(text))
            L.error(path + "/text", bad->message + " at byte " + std::to_string(bad->byte_offset));
        // Offsets in the file refer to normalised text; a CR here would shift them.
        if (text.find('\r') != std::string::npos)
            L.error(path + "/text", "text contains a carriage return; project files store LF-only text");
        d.text = std::make_shared<const Text>(Text::from_normalized(std::move(text)));
        p.documents.push_back(std::move(d));
    });
    L.each(j, "mentions", [&](const json& o, const std::string& path) {
        Mention m;
        m.id = L.str(o, path, "id", true);
        m.doc_id = L.str(o, path, "doc", true);
        m.start = L.offset(o, path, "start");
        m.end = L.offset(o, path, "end");
        m.type = L.str(o, path, "type", true);
        m.entity_id = L.str(o, path, "entity");
        m.note = L.str(o, path, "note");
        m.annotator = L.str(o, path, "annotator");
        m.attributes = L.string_map(o, path, "attributes");
        p.mentions.push_back(std::move(m));
    });
    L.each(j, "entities", [&](const json& o, const std::string& path) {
        Entity e;
        e.id = L.str(o, path, "id", true);
        e.name = L.str(o, path, "name");
        e.type = L.str(o, path, "type");
        e.external_id = L.str(o, path, "external_id");
        e.note = L.str(o, path, "note");
        e.annotator = L.str(o, path, "annotator");
        p.entities.push_back(std::move(e));
    });
    L.each(j, "stances", [&](const json& o, const std::string& path) {
        Stance s;
        s.id = L.str(o, path, "id", true);
        s.doc_id = L.str(o, path, "doc", true);
        s.holder = L.ref(o, path, "holder");
        s.target = L.ref(o, path, "target");
        s.polarity = L.str(o, path, "polarity", true);
        if (const json* c = L.field(o, path, "confidence", json::value_t::number_float, false)) {
            s.confidence = c->get<double>();
            if (!(s.confidence >= 0.0 && s.confidence <= 1.0))
                L.error(path + "/confidence", "expected a number between 0 and 1");
        }
        if (const json* e = L.field(o, path, "evidence", json::value_t::array, false)) {
            auto offset_ok = [](const json& v) { return v.is_number_integer() && v.get<int64_t>() >= 0 && v.get<int64_t>() <= 0xFFFFFFFFll; };
            if (e->size() == 2 && offset_ok((*e)[0]) && offset_ok((*e)[1]))
                s.evidence = Span{(*e)[0].get<uint32_t>(), (*e)[1].get<uint32_t>()};
            else
                L.error(path + "/evidence", "expected [start, end] code point offsets");
        }
        s.note = L.str(o, path, "note");
        s.annotator = L.str(o, path, "annotator");
        p.stances.push_back(std::move(s));
    });
    L.each(j, "document_stances", [&](const json& o, const std::string& path) {
        DocStance d;
        d.id = L.str(o, path, "id", true);
        d.doc_id = L.str(o, path, "doc", true);
        d.target_id = L.str(o, path, "target", true);
        d.polarity = L.str(o, path, "polarity", true);
        d.annotator = L.str(o, path, "annotator");
        p.doc_stances.push_back(std::move(d));
    });
    for (auto it = j.begin(); it != j.end(); ++it) {
        static const std::set<std::string> known = {"format", "format_version", "offset_unit", "name", "schema", "documents",
                                                    "mentions", "entities", "stances", "document_stances"};
        if (!known.count(it.key()))
            L.error("/" + it.key(), "unknown key");
    }
    if (L.diags.empty()) {
        // Referential checks need the records in file order to name their JSON paths.
        for (auto& d : validate_project(p)) {
            d.file = source;
            L.diags.push_back(std::move(d));
        }
    }
    if (!L.diags.empty())
        throw InputError{L.diags};
    p.keep_sorted();
    return p;
}

// Line and column (1-based, column in code points) of a byte offset.
static void line_col(std::string_view s, size_t byte, int& line, int& col)
{
    byte = std::min(byte, s.size());
    line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < byte; ++i)
        if (s[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    col = 1 + static_cast<int>(count_code_points(s.substr(line_start, byte - line_start)));
}

Project load_project_string(std::string_view bytes, const std::string& source)
{
    return project_from_json(parse_project_json(bytes, source), source);
}

json parse_project_json(std::string_view bytes, const std::string& source)
{
    json j;
    try {
        j = json::parse(bytes.begin(), bytes.end());
    } catch (const json::parse_error& e) {
        Diagnostic d;
        d.file = source;
        size_t at = e.byte > 0 ? e.byte - 1 : 0;
        line_col(bytes, at, d.line, d.column);
        std::string what = e.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: "
        auto colon = what.find(": ");
        d.message = "invalid JSON: " + (colon != std::string::npos ? what.substr(colon + 2) : what);
        throw InputError{{d}};
    }
    return j;
}

// [SECTION] validation

Diagnostics validate_project(const Project& p)
{
    Diagnostics out;
    auto err = [&](const std::string& path, const std::string& msg) { out.push_back({{}, 0, 0, path, msg}); };
    std::map<std::string, const Document*> docs;
    for (size_t i = 0; i < p.documents.size(); ++i)
        if (!docs.emplace(p.documents[i].id, &p.documents[i]).second)
            err("/documents/" + std::to_string(i) + "/id", "duplicate document id \"" + p.documents[i].id + "\"");
    std::set<std::string> entity_ids;
    for (size_t i = 0; i < p.entities.size(); ++i) {
        const Entity& e = p.entities[i];
        std::string path = "/entities/" + std::to_string(i);
        if (!entity_ids.insert(e.id).second)
            err(path + "/id", "duplicate entity id \"" + e.id + "\"");
        if (!e.type.empty() && !p.schema.entity_type(e.type))
            err(path + "/type", "entity type \"" + e.type + "\" is not in the schema");
    }
    std::map<std::string, const Mention*> mention_ids;
    for (size_t i = 0; i < p.mentions.size(); ++i) {
        const Mention& m = p.mentions[i];
        std::string path = "/mentions/" + std::to_string(i);
        if (!mention_ids.emplace(m.id, &m).second)
            err(path + "/id", "duplicate mention id \"" + m.id + "\"");
        auto d = docs.find(m.doc_id);
        if (d == docs.end())
            err(path + "/doc", "no document with id \"" + m.doc_id + "\"");
        else if (m.start >= m.end || m.end > d->second->text->size())
            err(path, "span [" + std::to_string(m.start) + ", " + std::to_string(m.end) + ") is not a non-empty range inside the document's " +
                          std::to_string(d->second->text->size()) + " code points");
        if (!p.schema.entity_type(m.type))
            err(path + "/type", "entity type \"" + m.type + "\" is not in the schema");
        if (!m.entity_id.empty() && !entity_ids.count(m.entity_id))
            err(path + "/entity", "no entity with id \"" + m.entity_id + "\"");
    }
    std::set<std::string> stance_ids;
    for (size_t i = 0; i < p.stances.size(); ++i) {
        const Stance& s = p.stances[i];
        std::string path = "/stances/" + std::to_string(i);
        if (!stance_ids.insert(s.id).second)
            err(path + "/id", "duplicate stance id \"" + s.id + "\"");
        auto d = docs.find(s.doc_id);
        if (d == docs.end())
            err(path + "/doc", "no document with id \"" + s.doc_id + "\"");
        if (!p.schema.polarity(s.polarity))
            err(path + "/polarity", "polarity \"" + s.polarity + "\" is not in the schema");
        auto check_ref = [&](const StanceRef& r, const char* which) {
            std::string rp = path + "/" + which;
            switch (r.kind) {
            case StanceRef::Kind::None: err(rp, "a stance needs a " + std::string(which)); break;
            case StanceRef::Kind::Mention: {
                auto m = mention_ids.find(r.id);
                if (m == mention_ids.end()) err(rp + "/id", "no mention with id \"" + r.id + "\"");
                else if (m->second->doc_id != s.doc_id) err(rp + "/id", "mention \"" + r.id + "\" is in another document");
                break;
            }
            case StanceRef::Kind::Entity:
                if (!entity_ids.count(r.id)) err(rp + "/id", "no entity with id \"" + r.id + "\"");
                break;
            case StanceRef::Kind::Target:
                if (!p.schema.stance_target(r.id)) err(rp + "/id", "stance target \"" + r.id + "\" is not in the schema");
                break;
            }
        };
        check_ref(s.holder, "holder");
        check_ref(s.target, "target");
        if (s.evidence && d != docs.end() && (s.evidence->start >= s.evidence->end || s.evidence->end > d->second->text->size()))
            err(path + "/evidence", "evidence span is not a non-empty range inside the document");
    }
    std::set<std::string> ds_ids;
    for (size_t i = 0; i < p.doc_stances.size(); ++i) {
        const DocStance& s = p.doc_stances[i];
        std::string path = "/document_stances/" + std::to_string(i);
        if (!ds_ids.insert(s.id).second)
            err(path + "/id", "duplicate document stance id \"" + s.id + "\"");
        if (!docs.count(s.doc_id))
            err(path + "/doc", "no document with id \"" + s.doc_id + "\"");
        if (!p.schema.stance_target(s.target_id))
            err(path + "/target", "stance target \"" + s.target_id + "\" is not in the schema");
        if (!p.schema.polarity(s.polarity))
            err(path + "/polarity", "polarity \"" + s.polarity + "\" is not in the schema");
    }
    return out;
}

// [SECTION] files

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError{{{path, 0, 0, "", std::string("cannot open file: ") + std::strerror(errno)}}};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

namespace {

// The temporary file of write_file_atomic, written as the chunks come.
class TempFileSink : public ChunkSink {
public:
    explicit TempFileSink(const std::string& path) : path_(path), tmp_(path + ".tmp-postil")
    {
#ifndef _WIN32
        fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd_ < 0)
            fail("cannot create temporary file");
#else
        out_.open(tmp_, std::ios::binary | std::ios::trunc);
        if (!out_)
            fail("cannot create temporary file");
#endif
    }
    ~TempFileSink() override
    {
        if (!committed_) { // a producer threw, or a write failed: leave nothing behind
#ifndef _WIN32
            if (fd_ >= 0)
                ::close(fd_);
#else
            out_.close();
#endif
            std::remove(tmp_.c_str());
        }
    }
    void write(std::string_view bytes) override
    {
#ifndef _WIN32
        size_t done = 0;
        while (done < bytes.size()) {
            ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                fail("cannot write");
            }
            done += static_cast<size_t>(n);
        }
#else
        out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out_)
            fail("cannot write");
#endif
    }
    // Flushes, closes and renames over the target.
    void commit()
    {
#ifndef _WIN32
        // The data must be on disk before the rename makes it the file.
        if (::fsync(fd_) != 0 && errno != EINVAL)
            fail("cannot flush to disk");
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0)
            fail("cannot close");
#else
        out_.close();
        if (!out_)
            fail("cannot write");
#endif
        if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
            fail("cannot replace file");
        committed_ = true;
    }

private:
    [[noreturn]] void fail(const char* what)
    {
        std::string msg = std::string(what) + ": " + std::strerror(errno);
        throw InputError{{{path_, 0, 0, "", msg}}}; // the destructor removes the temporary file
    }
    std::string path_, tmp_;
#ifndef _WIN32
    int fd_ = -1;
#else
    std::ofstream out_;
#endif
    bool committed_ = false;
};

} // namespace

void write_file_atomic(const std::string& path, const ChunkProducer& produce)
{
    TempFileSink sink(path);
    produce(sink);
    sink.commit();
}

void write_file_atomic(const std::string& path, std::string_view bytes)
{
    write_file_atomic(path, [bytes](ChunkSink& s) { s.write(bytes); });
}

Project load_project_file(const std::string& path)
{
    return load_project_string(read_file(path), path);
}

void save_project_file(const Project& p, const std::string& path)
{
    write_file_atomic(path, [&p](ChunkSink& s) { save_project(p, s); });
}

} // namespace postil
