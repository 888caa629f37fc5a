// JSON helpers shared by the JSON-based interchange formats (jsonl, doccano, spacy,
// labelstudio, stance-jsonl): a small fast reader, record iteration over JSON Lines / arrays /
// pretty-printed files, diagnostics with line:column and JSON path, offset-unit conversion,
// and append-style writers.
// The reader builds a compact tree for ONE record at a time (reused between records), with
// strings pointing into the input when they hold no escapes: a 100 MB corpus is read at
// hundreds of MB/s without nlohmann's per-value allocations. It checks full JSON syntax and
// UTF-8 and reports the first error with its byte offset and what was expected.
// Does not do: JSON the project file uses (project_io.cpp keeps nlohmann::json), schema
// validation of records (each format checks its own shape), writing pretty JSON.
#pragma once
#include "core/formats/format.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace postil {

// [SECTION] reader

enum class JsonType : uint8_t { Null, False, True, Number, String, Array, Object };

class JsonDoc;

// A read-only handle on one value of a JsonDoc. A default-constructed (or missing) value is
// false in a boolean context; every accessor is safe on it.
class JsonValue {
public:
    JsonValue() = default;
    explicit operator bool() const { return doc_ != nullptr; }
    JsonType type() const;
    bool is_null() const { return doc_ && type() == JsonType::Null; }
    bool is_string() const { return doc_ && type() == JsonType::String; }
    bool is_number() const { return doc_ && type() == JsonType::Number; }
    bool is_bool() const { return doc_ && (type() == JsonType::True || type() == JsonType::False); }
    bool is_array() const { return doc_ && type() == JsonType::Array; }
    bool is_object() const { return doc_ && type() == JsonType::Object; }
    // String contents (unescaped), or the literal text of a number. Empty otherwise.
    std::string_view str() const;
    // Member name when this value sits in an object.
    std::string_view key() const;
    // Number of elements / members (0 for scalars).
    size_t size() const;
    // Object member by name (the first one if the name repeats), or a missing value.
    JsonValue get(std::string_view key) const;
    // Byte offset of the value in the text given to JsonDoc::parse.
    size_t pos() const;
    // Integers written without fraction or exponent; false otherwise (or out of range).
    bool get_uint(uint64_t& out) const;
    bool get_int(int64_t& out) const;
    // Any JSON number.
    bool get_double(double& out) const;
    // "a string", "an object", "a number" ... for "expected X, found Y" messages.
    const char* type_name() const;
    // Compact JSON text of the value (for keeping odd values as text, e.g. in meta).
    std::string dump() const;

    // Children of an array or object, in order.
    class iterator {
    public:
        JsonValue operator*() const { return JsonValue(doc_, i_); }
        iterator& operator++();
        bool operator!=(const iterator& o) const { return i_ != o.i_; }
    private:
        friend class JsonValue;
        iterator(const JsonDoc* d, uint32_t i) : doc_(d), i_(i) {}
        const JsonDoc* doc_;
        uint32_t i_;
    };
    iterator begin() const;
    iterator end() const { return iterator(doc_, 0); }

private:
    friend class JsonDoc;
    JsonValue(const JsonDoc* d, uint32_t i) : doc_(d), i_(i) {}
    const JsonDoc* doc_ = nullptr;
    uint32_t i_ = 0;
};

struct JsonSyntaxError {
    size_t byte = 0;     // offset in the parsed text
    std::string message; // what was found and what was expected
};

class JsonDoc {
public:
    // Parses exactly one value (whitespace around it allowed). Values point into `text` and
    // into this document: both must outlive them. Reusing a JsonDoc keeps its buffers.
    bool parse(std::string_view text, JsonSyntaxError& err);
    // Parses one value at the start of `text` (after whitespace) and stops right after it.
    bool parse_prefix(std::string_view text, size_t& consumed, JsonSyntaxError& err);
    JsonValue root() const { return nodes_.empty() ? JsonValue() : JsonValue(this, 0); }
    // What "end of text" is called in messages ("end of input", "end of line").
    const char* end_name = "end of input";

private:
    friend class JsonValue;
    struct Node {
        JsonType type = JsonType::Null;
        uint32_t count = 0; // children
        uint32_t first = 0; // first child (0 = none: the root is never a child)
        uint32_t next = 0;  // next sibling (0 = none)
        uint32_t pos = 0;
        uint32_t key_len = 0, str_len = 0;
        const char* key = nullptr;
        const char* str = nullptr;
    };
    struct Parser;
    std::vector<Node> nodes_;
    // Unescaped strings live in blocks that never move (views into them stay valid).
    char* arena(size_t n);
    struct Block {
        std::unique_ptr<char[]> data;
        size_t size;
    };
    std::vector<Block> blocks_;
    size_t block_used_ = 0; // in the last block
};

// [SECTION] files of records

// Positions in one input file -> diagnostics with line and column (code points, 1-based).
class JsonSource {
public:
    explicit JsonSource(const InputFile& in) : file_(&in) {}
    const InputFile& file() const { return *file_; }
    Diagnostic diag(size_t file_pos, const std::string& json_path, const std::string& message) const;
    int line_of(size_t file_pos) const;

private:
    void index() const;
    const InputFile* file_;
    mutable std::vector<size_t> line_starts_;
    mutable int last_line_ = 0; // column cache (see diag)
    mutable size_t last_pos_ = 0, last_col_ = 0;
};

// One record of a file: a JSONL line, a pretty-printed object, or an element of a top-level
// array. `path` prefixes JSON paths in diagnostics ("" for lines, "/3" for array elements).
struct JsonRecord {
    JsonValue value;
    size_t base = 0;      // file offset of the text the values' pos() count from
    int line = 0;         // line where the record starts
    size_t index = 0;     // 0-based record number
    std::string path;
    size_t file_pos(JsonValue v) const { return base + (v ? v.pos() : value.pos()); }
};

struct JsonLayout {
    bool array = false;        // the file was one top-level array of records
    size_t multi_line = 0;     // records that spanned several lines (not JSON Lines)
};

// Reads every record of `in`: JSON Lines (blank lines ignored), a file holding one top-level
// array (each element is a record, when `split_arrays`), or values spread over several lines
// (pretty-printed). A syntax error costs the record (for JSONL: the line) and reading goes on
// at the next line. Returns the layout seen.
JsonLayout read_json_records(const JsonSource& src, bool split_arrays,
                             const std::function<void(const JsonRecord&)>& on_record,
                             const std::function<void(Diagnostic)>& on_syntax_error);

// A JSON path built only when a message needs it: JPath root; root.member("mentions").at(3).
// Each JPath points at its parent, so keep the chain alive (build paths in the calling frame).
struct JPath {
    const JPath* parent = nullptr;
    std::string_view key; // member name (when !is_index)
    size_t index = 0;
    bool is_index = false;
    JPath member(std::string_view k) const { return JPath{this, k, 0, false}; }
    JPath at(size_t i) const { return JPath{this, {}, i, true}; }
    std::string str() const; // "/mentions/3/start" (JSON Pointer, ~ and / escaped)
};

// Reads typed fields of one record and collects its problems (line:column + JSON path).
// Missing optional fields return false quietly; wrong types are errors.
class RecordReader {
public:
    RecordReader(const JsonSource& src, const JsonRecord& rec) : src_(src), rec_(rec) {}
    Diagnostics errors;
    bool ok() const { return errors.empty(); }
    void error(JsonValue at, const JPath& path, const std::string& message);
    // Error about obj[key] (at the member if present, else at the object).
    void error(JsonValue obj, const JPath& obj_path, std::string_view key, const std::string& message);

    bool str(JsonValue obj, const JPath& p, std::string_view key, std::string_view& out, bool required = false)
    {
        return str(obj, obj.get(key), p, key, out, required);
    }
    bool uint(JsonValue obj, const JPath& p, std::string_view key, uint64_t& out, bool required = false)
    {
        return uint(obj, obj.get(key), p, key, out, required);
    }
    // A string, or an integer kept as its decimal text (ids written by other tools).
    bool id(JsonValue obj, const JPath& p, std::string_view key, std::string& out, bool required = false)
    {
        return id(obj, obj.get(key), p, key, out, required);
    }
    // Same with obj[key] already looked up as `v` (hot loops read all members in one pass).
    bool str(JsonValue obj, JsonValue v, const JPath& p, std::string_view key, std::string_view& out, bool required = false);
    bool uint(JsonValue obj, JsonValue v, const JPath& p, std::string_view key, uint64_t& out, bool required = false);
    bool id(JsonValue obj, JsonValue v, const JPath& p, std::string_view key, std::string& out, bool required = false);
    JsonValue array(JsonValue obj, const JPath& p, std::string_view key, bool required = false);
    JsonValue object(JsonValue obj, const JPath& p, std::string_view key, bool required = false);
    // Object of scalars -> strings (non-strings kept as their JSON text).
    std::map<std::string, std::string> string_map(JsonValue obj, const JPath& p, std::string_view key);
    const JsonRecord& record() const { return rec_; }
    const JsonSource& source() const { return src_; }

private:
    const JsonSource& src_;
    const JsonRecord& rec_;
};

// [SECTION] import bookkeeping

// Collects bad records: with skip_bad they go to report.skipped, otherwise finish() throws
// them all (the first 200) as one InputError so that nothing is imported.
class BadRecords {
public:
    BadRecords(const ImportOptions& opts, ImportReport& report) : opts_(opts), report_(report) {}
    void add(Diagnostics d);
    void add(Diagnostic d) { add(Diagnostics{std::move(d)}); }
    bool any() const { return count_ > 0; }
    void finish();

private:
    const ImportOptions& opts_;
    ImportReport& report_;
    Diagnostics kept_;
    size_t count_ = 0;
};

// Counts "what the input had that Postil did not keep" by reason, then writes one note per
// reason: "3 relations not imported: ...".
class NoteCounter {
public:
    void add(const std::string& reason, size_t n = 1);
    void flush(ImportReport& r, const std::string& prefix = {});

private:
    std::vector<std::pair<std::string, size_t>> items_;
};

// Keeps an import's Project::mentions cheap to sort: each document's mentions are appended
// as one sorted block (begin_document), the array is reserved once from the density seen
// over the first MiB (reserve_once: doubling would hold the old and new arrays at once), and
// finish() puts the blocks in document-id order in place, so keep_sorted() finds sorted data.
class MentionBlocks {
public:
    // Sorts `doc_mentions` (one document's) and notes where they will start in p.mentions.
    void begin_document(Project& p, std::vector<Mention>& doc_mentions);
    void reserve_once(Project& p, size_t bytes_done, size_t bytes_total);
    void finish(Project& p);

private:
    std::vector<size_t> start_;
    bool reserved_ = false;
};

// [SECTION] text and offsets

enum class OffsetUnit { CodePoint, Utf16 };
const char* offset_unit_name(OffsetUnit u); // "codepoint" | "utf16"
// Reads "codepoint"/"utf16" (also "char", "utf-16"); false if unknown.
bool parse_offset_unit(std::string_view s, OffsetUnit& out);

// A document text read from a file. Postil texts are LF-only: a CRLF becomes LF and offsets
// after it move back by one (lone CRs become LF, no shift). `original` keeps the text as the
// file had it, for converting external offsets and comparing quoted spans.
struct ImportedText {
    TextPtr text;                    // what the document gets
    TextPtr original;                // same pointer as text when nothing changed
    std::vector<uint32_t> dropped;   // code point positions (in original) of dropped CRs
    static ImportedText from(std::string_view utf8);
    bool changed() const { return !dropped.empty(); }
    uint32_t map(uint32_t original_cp) const; // original code point -> text code point
};

// External [start, end) in `unit` -> code points of t.text. False with a reason (naming
// the unit and the text length) when the span is empty, reversed, past the end, or splits
// a surrogate pair.
bool span_to_codepoints(const ImportedText& t, OffsetUnit unit, uint64_t start, uint64_t end,
                        uint32_t& cp_start, uint32_t& cp_end, std::string& why);
// Code point offset -> `unit`.
inline size_t codepoint_to_unit(const Text& t, OffsetUnit unit, size_t cp)
{
    return unit == OffsetUnit::CodePoint ? cp : t.utf16_of(cp);
}

// [SECTION] small shared lookups

// The schema polarity a label names: exact id, else id or name ignoring ASCII case.
const Polarity* match_polarity(const Schema& s, std::string_view label);
// Adds a polarity for an unknown id (grey); returns true if added.
bool ensure_polarity(Schema& s, const std::string& id);
// File name without directory and extension ("data/x.jsonl" -> "x").
std::string file_stem(const std::string& path);
// Makes `id` unused in `taken` with a -2, -3 ... suffix; true if it had to (the caller notes
// it). Does not insert it.
bool rename_if_taken(std::string& id, const std::unordered_set<std::string>& taken);
// `p` itself when its mentions are in mention_less order (the usual case), else a sorted copy
// kept in `storage`: exports that walk mentions by document need the order.
const Project& sorted_for_export(const Project& p, Project& storage);
// "text"/"data" ... : quoted for messages, cut to 40 code points.
std::string quote_for_message(std::string_view s);
// Looks at up to the first 64 KiB of a file (or the first line) for detect().
std::string_view detect_window(const InputFile& in);

// [SECTION] writer (append to a std::string; callers write the punctuation)

void json_append_string(std::string& out, std::string_view s); // quoted and escaped
// Escaped, without the quotes. Each byte is escaped on its own (non-ASCII bytes are copied),
// so a string may be written in pieces cut anywhere: the pieces give the same bytes.
void json_append_escaped(std::string& out, std::string_view s);
void json_append_uint(std::string& out, uint64_t v);
void json_append_double(std::string& out, double v);           // shortest round-trip form
// `"key":` (the key is escaped).
inline void json_append_key(std::string& out, std::string_view k)
{
    json_append_string(out, k);
    out += ':';
}
// `{"k":"v",...}` in key order (document meta).
void json_append_string_map(std::string& out, const std::map<std::string, std::string>& m);

} // namespace postil
