// IOB tagging shared by the token-level formats (conll, hf): turning a document's mentions into
// one tag per token (IOB1, IOB2 or BILOU) and reading tag sequences back into spans.
// Export side: tokens and sentences come from tokenizer.h; mentions are snapped to whole tokens,
// nested/crossing mentions are reduced to the outermost (longest), and every such change is
// counted so the format can report it (or refuse it with ExportOptions::strict).
// Import side: one tolerant decoder reads IOB1, IOB2 and BILOU/BIOES alike.
// Does not do: file syntax (each format's own file), sentence splitting rules (tokenizer.h).
#pragma once
#include "format.h"

#include "core/tokenizer.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace postil::iob {

enum class TagScheme { IOB1, IOB2, BILOU };
// "iob1", "iob2" (also "bio"), "bilou" (also "bioes", "iobes"); nullopt otherwise.
std::optional<TagScheme> tag_scheme_from_string(const std::string& s);
const char* to_string(TagScheme s);

// [SECTION] export: mentions -> tags

// One tag: prefix 'O' (outside), 'B', 'I', 'L' (last) or 'U' (unit); `type` indexes
// TaggingContext::types (unused for 'O').
struct Tag {
    char prefix = 'O';
    uint32_t type = 0;
};

struct TaggedSentence {
    uint32_t first_token = 0, end_token = 0; // token indices [first, end)
};

struct TaggedDocument {
    const Document* doc = nullptr;
    std::vector<Token> tokens;               // from tokenize()
    std::vector<uint32_t> token_bytes;       // UTF-8 byte [start, end) of each token, 2 per token
    std::vector<Tag> tags;                   // one per token
    std::vector<TaggedSentence> sentences;   // never split inside a kept mention
    bool spaced_tokens = false;              // some token holds whitespace: use token_text()
    // The token's text; whitespace inside it is replaced by '_' (tokenize() never makes such
    // tokens, but a column format must not break if it ever did).
    std::string_view token_view(size_t i) const;
    std::string token_text(size_t i) const;
};

// Shared across the documents of one export: label names, counts of what changed.
struct TaggingContext {
    TagScheme scheme = TagScheme::IOB2;
    bool strict = false;
    std::vector<std::string> types;          // mention types, schema order first, then others met
    // What could not be kept as is (reported as losses, or refused under strict).
    size_t overlapping_dropped = 0;          // nested / crossing mentions not written
    size_t duplicates_merged = 0;            // same tokens and same type as a kept mention
    size_t snapped = 0;                      // boundaries inside a token, grown to whole tokens
    size_t empty_dropped = 0;                // mentions covering no token (only whitespace)
    size_t sentence_breaks_ignored = 0;      // sentence ends inside a kept mention (sentences joined)
    size_t tokens_with_space = 0;            // tokens whose text held whitespace ('_' written)
    size_t types_renamed = 0;                // mentions whose type holds whitespace ('_' written)
    size_t documents_without_tokens = 0;     // empty or whitespace-only documents
    size_t documents_tokenized = 0;          // documents split by the tokenizer (their spacing is lost)
    size_t mentions_written = 0;
    size_t tokens_written = 0;
    Diagnostics problems;                    // one per changed mention (used when strict)

    std::vector<char> type_spaced;           // per type: its name holds whitespace

    // Scratch space of tag_document, kept so that tagging thousands of documents does not
    // allocate per document. Meaningless between calls.
    struct Candidate {
        uint32_t first = 0, end = 0; // token range
        uint32_t type = 0;
        const Mention* m = nullptr;
        size_t order = 0;
    };
    std::vector<Candidate> scratch_candidates, scratch_kept;
    std::vector<int32_t> scratch_owner;
    std::vector<Span> scratch_sentences;
    TokenizedText scratch_tokenized;
    uint32_t last_type = UINT32_MAX;         // type_index's last answer

    explicit TaggingContext(const Schema& schema, TagScheme s, bool strict_mode);
    uint32_t type_index(const std::string& type); // adds unknown types at the end
    // Label of a tag, e.g. "B-PER" ("O" for outside). Types holding whitespace get '_'.
    std::string label(const Tag& t) const;
    // All labels in ClassLabel order: "O", then per type the scheme's prefixes (B, I [, L, U]).
    std::vector<std::string> label_names() const;
    // Adds losses to the report, or throws InputError (strict) listing each changed mention.
    void finish(ExportReport& report, const std::string& format_name) const;
};

// Documents imported from token files (conll, hf) carry meta["tokenization"] = "whitespace":
// their text is tokens joined by single spaces, one sentence per line. Exports then take
// those tokens and sentences as they are instead of re-tokenizing, so a conversion keeps the
// source's tokens exactly (the French tokenizer would, say, split "d’ Anthropic" differently).
extern const char* const kTokenizationKey;   // "tokenization"
extern const char* const kWhitespaceTokens;  // "whitespace"
bool has_whitespace_tokens(const Document& d);

// Tags one document: its tokens, sentences and mentions (all of `mentions` that belong to it).
TaggedDocument tag_document(const Document& doc, const std::vector<const Mention*>& mentions, TaggingContext& ctx);
// Same into `td`, reusing its vectors (an export tags every document into one TaggedDocument).
void tag_document(const Document& doc, const std::vector<const Mention*>& mentions, TaggingContext& ctx, TaggedDocument& td);

// The mentions of each document of p.documents, same index (works whether or not p.mentions is
// sorted; mentions of an unknown document are in none).
std::vector<std::vector<const Mention*>> mentions_per_document(const Project& p);

// Where a token export writes: each document is written through a raw pointer into room()
// made for its worst case (plain copies, no per-token capacity checks, no zero-filled resize
// per document), then committed; past kExportChunk bytes the buffer goes to the sink (the
// CLI's streamed path) or is appended to the file string (the app's path). The buffer is
// reused, grown only when a document needs more.
struct ChunkWriter {
    ExportSink* sink = nullptr;   // either a sink ...
    std::string sink_file;        // ... and the file name it is given,
    std::string* file = nullptr;  // or the whole file
    std::vector<char> buf;
    size_t used = 0;

    char* room(size_t bytes)
    {
        if (buf.size() < used + bytes)
            buf.resize(std::max(used + bytes, 2 * buf.size()));
        return buf.data() + used;
    }
    void commit(const char* end) { used = static_cast<size_t>(end - buf.data()); }
    void append(std::string_view s)
    {
        char* w = room(s.size());
        std::memcpy(w, s.data(), s.size());
        commit(w + s.size());
    }
    // Hands the buffer over once it holds a chunk, or always with `last` (a sink is then told
    // about the file even when it is empty).
    void flush(bool last)
    {
        if (!last && used < kExportChunk)
            return;
        if (sink)
            sink->write(sink_file, std::string_view(buf.data(), used));
        else
            file->append(buf.data(), used);
        used = 0;
    }
};

// What a token-level export cannot hold besides mentions (stances, entity links ...), as losses.
void report_unexported_records(const Project& p, ExportReport& report, const std::string& format_name);

// [SECTION] import: tags -> spans

struct ParsedTag {
    char prefix = 'O';  // 'O', 'B', 'I', 'E' / 'L', 'S' / 'U'
    std::string type;
};
// "O", or a prefix B I E L S U, then '-' (or '_'), then a non-empty type. False otherwise.
bool parse_tag(std::string_view tag, ParsedTag& out);

// A decoded mention over tokens [first, end) of a sentence.
struct TagChunk {
    size_t first = 0, end = 0;
    std::string type;
};

// What the tags looked like, for the import notes.
struct TagDecodeStats {
    size_t b = 0, i = 0, e = 0, s = 0;      // counts per prefix (E includes L, S includes U)
    size_t i_starts = 0;                     // I- tags opening a chunk (IOB1 style, or IOB2 errors)
    size_t b_after_same_i = 0;               // B- right after I- of the same type (IOB1 separator)
    // "BILOU/BIOES", "IOB1", "IOB2" or "" (no entity tags at all).
    std::string scheme() const;
};

// Reads one sentence's tags (already checked by parse_tag). Tolerant: I- after O starts a
// mention (IOB1), E-/L- without a start is a one-token mention, so IOB1, IOB2 and BILOU need no
// switch.
std::vector<TagChunk> decode_tags(const std::vector<ParsedTag>& tags, TagDecodeStats& stats);

// [SECTION] import: building documents from token rows

// Accumulates tokens into a document text (tokens joined by one space, sentences by '\n'),
// with code point offsets, then makes the Document and its Mentions.
struct TokenDocumentBuilder {
    std::string text;
    uint32_t cp = 0;                          // code points in `text`
    std::vector<std::pair<uint32_t, uint32_t>> spans; // of the tokens of the current sentence
    bool sentence_open = false;
    bool space_pending = false;

    // space_before: false glues the token to the previous one (flair's '-' whitespace column).
    void add_token(std::string_view token, bool space_before = true);
    void end_sentence();                      // next token goes on a new line
    bool empty() const { return text.empty(); }
};

// Fresh ids for imported records: document ids from file stems ("dev", "dev-2"), record ids
// from a prefix and a counter ("m1", "m2" ...), never one already used in the project.
// Keeps a set, so a large import does not rescan the project for every record.
struct IdAllocator {
    std::set<std::string> used;
    std::map<std::string, unsigned long long> counters;
    explicit IdAllocator(const Project& p);
    std::string from_stem(const std::string& stem); // stem, or stem-2, stem-3 ...
    std::string next(const std::string& prefix);    // prefix + number
};

// File name without directories and extension ("dev" for "data/dev.conll"); "-" gives "stdin".
std::string file_stem(const std::string& path);
std::string file_base_name(const std::string& path);
// Lines of normalised text (split on '\n'; a final newline does not add an empty line).
std::vector<std::string_view> split_lines(std::string_view text);

} // namespace postil::iob
