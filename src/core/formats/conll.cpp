// CoNLL column files (CoNLL-2003 NER and its many relatives): one token per line, tags in a
// column, a blank line between sentences, "-DOCSTART-" lines between documents.
// Export: the 4-column CoNLL-2003 layout "token -X- _ TAG" (POS and chunk columns are
// placeholders), a "-DOCSTART- -X- -X- O" line and a blank line before each document, tokens
// and sentences from the French-aware tokenizer, tags in IOB1 / IOB2 / BILOU (iob.h explains
// what happens to nested mentions and boundaries inside tokens).
// Import: 2-column "token TAG" (TAB or spaces), 4/5-column CoNLL-2002/2003, GermEval (index
// column, outer + nested NER columns), flair's whitespace-marker column, '#' comment lines, a
// header row; IOB1, IOB2 and BILOU/BIOES are read by the same decoder. Text is rebuilt by
// joining tokens with one space and sentences with a newline; mentions are code point spans.
// Does not do: CoNLL-U (dependency trees), POS / chunk / lemma columns (dropped, reported).
#include "format.h"
#include "iob.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace postil {

using namespace iob;

// [SECTION] export

// Writes the file into `out`, or with a sink, hands it over in chunks of about kExportChunk
// (ChunkWriter, iob.h) so memory stays bounded; `out` is then left empty.
static void write_conll(const Project& p, const ExportOptions& opts, ExportReport& report, std::string& out,
                        ExportSink* sink)
{
    auto scheme = tag_scheme_from_string(opts.scheme.empty() ? "iob2" : opts.scheme);
    if (!scheme)
        throw InputError{{{"", 0, 0, "", "unknown tag scheme '" + opts.scheme + "': expected iob1, iob2 or bilou"}}};
    TaggingContext ctx(p.schema, *scheme, opts.strict);
    const auto by_doc = mentions_per_document(p);
    TaggedDocument td; // reused: one set of token / tag vectors for the whole export

    // One reservation for the whole file (about 2.3 bytes per text byte in French news):
    // reserving per document grows libc++ strings (the web build) by exactly that much each
    // time, which copies the file once per document.
    size_t text_bytes = 0;
    for (const Document& d : p.documents)
        text_bytes += d.text->utf8().size();
    out.clear();
    if (!sink)
        out.reserve(text_bytes * 2 + text_bytes / 2 + 64 * p.documents.size());
    ChunkWriter cw;
    cw.sink = sink;
    cw.file = &out;
    // Label strings indexed by 1 + type * 4 + prefix (B I L U), "O" at 0, built once: a tag
    // per token must not allocate. Grown when tagging meets a type the schema lacks.
    std::vector<std::string> labels(1, "O");
    auto label_index = [](const Tag& t) -> size_t {
        if (t.prefix == 'O')
            return 0;
        size_t k = t.prefix == 'B' ? 0 : t.prefix == 'I' ? 1 : t.prefix == 'L' ? 2 : 3;
        return 1 + size_t(t.type) * 4 + k;
    };
    // The same labels followed by '\n', zero-padded to 16 bytes, for the fixed-size copies below
    // (labels longer than 15 bytes are copied by length).
    std::vector<std::array<char, 16>> label_lines;
    size_t longest_label = 1;
    static const char kDocStart[] = "-DOCSTART- -X- -X- O\n\n";
    static const char kColumns[] = " -X- _ ";
    const size_t doc_start_len = sizeof kDocStart - 1, columns_len = sizeof kColumns - 1;
    std::string spaced; // a document whose tokens hold whitespace (rare)
    for (size_t di = 0; di < p.documents.size(); ++di) {
        cw.flush(false);
        const Document& d = p.documents[di];
        tag_document(d, by_doc[di], ctx, td);
        while (labels.size() < 1 + ctx.types.size() * 4) {
            size_t i = labels.size() - 1;
            labels.push_back(ctx.label(Tag{"BILU"[i % 4], static_cast<uint32_t>(i / 4)}));
        }
        while (label_lines.size() < labels.size()) {
            std::array<char, 16> line{};
            const std::string& l = labels[label_lines.size()];
            if (l.size() < 16) {
                std::memcpy(line.data(), l.data(), l.size());
                line[l.size()] = '\n';
            }
            longest_label = std::max(longest_label, l.size());
            label_lines.push_back(line);
        }
        if (td.spaced_tokens) {
            // Rare (tokens from a file holding whitespace): token_text() rewrites them.
            spaced.assign(kDocStart, doc_start_len);
            for (const TaggedSentence& s : td.sentences) {
                for (uint32_t i = s.first_token; i < s.end_token; ++i) {
                    spaced += td.token_text(i);
                    spaced.append(kColumns, columns_len);
                    spaced += labels[label_index(td.tags[i])];
                    spaced += '\n';
                }
                spaced += '\n';
            }
            cw.append(spaced);
            continue;
        }
        // Room for the worst case, then plain copies: the tokens' bytes are at most the text's,
        // each line adds the columns and at most the longest label (or the 16 bytes copied).
        // Short tokens and labels are copied 16 bytes at a time (a copy of constant size is a
        // couple of instructions; a copy of variable size is a call to libc, three per token),
        // the bytes past each piece being overwritten by the next; hence the slack.
        const char* text = d.text->utf8().data();
        const size_t text_size = d.text->utf8().size();
        const size_t n_tokens = td.tokens.size();
        char* w = cw.room(doc_start_len + text_size + n_tokens * (columns_len + std::max<size_t>(16, longest_label + 1)) +
                          td.sentences.size() + 32);
        std::memcpy(w, kDocStart, doc_start_len);
        w += doc_start_len;
        for (const TaggedSentence& s : td.sentences) {
            for (uint32_t i = s.first_token; i < s.end_token; ++i) {
                const size_t b0 = td.token_bytes[2 * i], b1 = td.token_bytes[2 * i + 1];
                if (b1 - b0 <= 16 && b0 + 16 <= text_size)
                    std::memcpy(w, text + b0, 16);
                else
                    std::memcpy(w, text + b0, b1 - b0);
                w += b1 - b0;
                std::memcpy(w, kColumns, sizeof kColumns - 1);
                w += columns_len;
                const size_t li = label_index(td.tags[i]);
                const std::string& l = labels[li];
                if (l.size() < 16) {
                    std::memcpy(w, label_lines[li].data(), 16);
                    w += l.size() + 1;
                } else {
                    std::memcpy(w, l.data(), l.size());
                    w += l.size();
                    *w++ = '\n';
                }
            }
            *w++ = '\n';
        }
        cw.commit(w);
    }
    // Under strict, finish() refuses before the last chunk: a streamed file is incomplete then.
    ctx.finish(report, "conll");
    cw.flush(true); // always, even empty: the sink then knows the file exists
    report_unexported_records(p, report, "CoNLL");
    report.counts["documents"] = p.documents.size();
    report.offset_unit = "token";
}

static std::vector<OutputFile> export_conll(const Project& p, const ExportOptions& opts, ExportReport& report)
{
    std::string out;
    write_conll(p, opts, report, out, nullptr);
    return {{"", std::move(out)}};
}

static void stream_conll(const Project& p, const ExportOptions& opts, ExportReport& report, ExportSink& sink)
{
    std::string buffer;
    write_conll(p, opts, report, buffer, &sink);
}

// [SECTION] import: lines and columns

namespace {

struct Line {
    int number = 0;                      // 1-based
    std::string_view raw;
    std::vector<std::string_view> fields;
    enum Kind { Blank, DocStart, Data, Comment, Header } kind = Data;
};

bool is_blank(std::string_view s)
{
    return s.find_first_not_of(" \t") == std::string_view::npos;
}

std::vector<std::string_view> split_fields(std::string_view line, bool tabs)
{
    std::vector<std::string_view> f;
    if (tabs) {
        size_t start = 0;
        for (;;) {
            size_t t = line.find('\t', start);
            f.push_back(line.substr(start, t == std::string_view::npos ? std::string_view::npos : t - start));
            if (t == std::string_view::npos)
                break;
            start = t + 1;
        }
        // "tok\tO\t" and stray spaces around a TAB are common in hand-made files.
        for (auto& x : f) {
            while (!x.empty() && x.back() == ' ')
                x.remove_suffix(1);
            while (!x.empty() && x.front() == ' ')
                x.remove_prefix(1);
        }
        while (f.size() > 1 && f.back().empty())
            f.pop_back();
        return f;
    }
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        if (i >= line.size())
            break;
        size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t')
            ++j;
        f.push_back(line.substr(i, j - i));
        i = j;
    }
    return f;
}

bool is_tag(std::string_view s)
{
    ParsedTag t;
    return parse_tag(s, t);
}

bool is_index(std::string_view s)
{
    if (s.empty() || s.size() > 9)
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

bool is_space_marker(std::string_view s)
{
    return s == "+" || s == "-";
}

std::string lower_ascii(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool looks_like_header(const Line& l)
{
    static const char* names[] = {"tag", "tags", "ner", "ner_tag", "ner_tags", "label", "labels", "iob", "bio",
                                  "bioes", "entity", "entities", "word", "token", "tokens", "form", "words", "text"};
    if (l.fields.size() < 2)
        return false;
    std::string last = lower_ascii(l.fields.back()), first = lower_ascii(l.fields.front());
    bool last_named = false, first_named = false;
    for (const char* n : names) {
        last_named |= last == n;
        first_named |= first == n;
    }
    return last_named && first_named;
}

std::string snippet(std::string_view s)
{
    std::string out(s.substr(0, 60));
    if (s.size() > 60)
        out += "...";
    return out;
}

int column_of(const Line& l, std::string_view field)
{
    size_t off = static_cast<size_t>(field.data() - l.raw.data());
    return 1 + static_cast<int>(count_code_points(l.raw.substr(0, off)));
}

// How the columns of a file are used, decided from the lines with the usual number of fields.
struct Layout {
    bool tabs = false;
    size_t columns = 0;       // the usual number of fields
    size_t token = 0;         // token column
    int space_after = -1;     // flair's "+"/"-" whitespace-after column, or -1
    std::vector<size_t> tags; // NER columns; the first is the main layer, others nested layers
};

constexpr size_t kMaxDiagnostics = 200;

struct FileParser {
    const InputFile& in;
    const ImportOptions& opts;
    Project& out;
    ImportReport& report;
    IdAllocator& ids;
    Diagnostics errors;
    size_t dropped_errors = 0;

    void error(const Line& l, int column, const std::string& msg)
    {
        Diagnostic d{in.name, l.number, column, "", msg};
        if (opts.skip_bad) {
            report.skipped.push_back(std::move(d));
            return;
        }
        if (errors.size() < kMaxDiagnostics)
            errors.push_back(std::move(d));
        else
            ++dropped_errors;
    }

    void run();
};

void FileParser::run()
{
    Text text = Text::from_bytes(in.bytes, in.name); // throws on invalid UTF-8, naming the byte
    std::vector<std::string_view> raw_lines = split_lines(text.utf8());

    Layout lay;
    for (auto r : raw_lines)
        if (r.find('\t') != std::string_view::npos && !is_blank(r)) {
            lay.tabs = true;
            break;
        }
    std::vector<Line> lines(raw_lines.size());
    std::map<size_t, size_t> field_counts;
    for (size_t i = 0; i < raw_lines.size(); ++i) {
        Line& l = lines[i];
        l.number = static_cast<int>(i + 1);
        l.raw = raw_lines[i];
        if (is_blank(l.raw)) {
            l.kind = Line::Blank; // wnut17 separates sentences with a lone TAB
            continue;
        }
        l.fields = split_fields(l.raw, lay.tabs);
        if (l.fields.front() == "-DOCSTART-") {
            l.kind = Line::DocStart;
            continue;
        }
        if (l.raw.front() != '#')
            ++field_counts[l.fields.size()];
    }
    if (field_counts.empty()) {
        for (const Line& l : lines)
            if (l.kind == Line::Data)
                ++field_counts[l.fields.size()];
    }
    if (field_counts.empty()) {
        if (lines.empty() || std::all_of(lines.begin(), lines.end(), [](const Line& l) { return l.kind == Line::Blank; }))
            throw InputError{{{in.name, 0, 0, "", "empty file: expected CoNLL lines 'TOKEN TAG'"}}};
        report.notes.push_back(in.name + ": no token lines");
        return;
    }
    // The usual field count: the most frequent (ties: more columns).
    for (auto [count, n] : field_counts)
        if (n >= field_counts[lay.columns])
            lay.columns = count;
    if (lay.columns < 2) {
        const Line* first = nullptr;
        for (const Line& l : lines)
            if (l.kind == Line::Data) {
                first = &l;
                break;
            }
        throw InputError{{{in.name, first ? first->number : 0, 0, "",
                           "expected at least 2 columns (TOKEN TAG), found 1 on most lines: is this a CoNLL NER file?"}}};
    }

    // Comments and header: '#' lines that do not read as tokens; a first line naming columns.
    bool seen_data = false;
    for (Line& l : lines) {
        if (l.kind != Line::Data)
            continue;
        if (l.raw.front() == '#' && (l.fields.size() != lay.columns || !is_tag(l.fields.back()))) {
            l.kind = Line::Comment;
            continue;
        }
        if (!seen_data && !is_tag(l.fields.back()) && looks_like_header(l))
            l.kind = Line::Header;
        seen_data = true;
    }

    // Column roles, from the lines with the usual field count.
    auto all_lines = [&](auto pred) {
        bool any = false;
        for (const Line& l : lines)
            if (l.kind == Line::Data && l.fields.size() == lay.columns) {
                if (!pred(l))
                    return false;
                any = true;
            }
        return any;
    };
    bool indexed = lay.columns >= 3 && all_lines([](const Line& l) { return is_index(l.fields[0]); });
    lay.token = indexed ? 1 : 0;
    if (lay.columns >= 3 && all_lines([&](const Line& l) { return is_space_marker(l.fields.back()); }))
        lay.space_after = static_cast<int>(lay.columns - 1);
    size_t last_tag_col = lay.space_after >= 0 ? lay.columns - 2 : lay.columns - 1;
    if (indexed) {
        // GermEval layout: every column after the token that holds only tags is a NER layer
        // (outer first, then nested).
        for (size_t c = lay.token + 1; c <= last_tag_col; ++c)
            if (all_lines([&](const Line& l) { return is_tag(l.fields[c]); }))
                lay.tags.push_back(c);
    }
    if (lay.tags.empty())
        lay.tags.push_back(last_tag_col); // CoNLL-2003: NER is the last column (POS, chunk before)
    if (lay.tags.front() <= lay.token) {
        throw InputError{{{in.name, 0, 0, "", "expected a tag column after the token column"}}};
    }

    // Notes on what is not kept.
    {
        std::vector<size_t> dropped;
        for (size_t c = 0; c < lay.columns; ++c)
            if (c != lay.token && static_cast<int>(c) != lay.space_after &&
                std::find(lay.tags.begin(), lay.tags.end(), c) == lay.tags.end() && !(indexed && c == 0))
                dropped.push_back(c + 1);
        if (!dropped.empty()) {
            std::string s = in.name + ": column" + (dropped.size() > 1 ? "s " : " ");
            for (size_t k = 0; k < dropped.size(); ++k)
                s += (k ? ", " : "") + std::to_string(dropped[k]);
            s += " of " + std::to_string(lay.columns) + " (POS, chunk, lemma ...) not kept";
            report.notes.push_back(s);
        }
        if (lay.tags.size() > 1)
            report.notes.push_back(in.name + ": columns " + std::to_string(lay.tags[0] + 1) + "-" +
                                   std::to_string(lay.tags.back() + 1) + " read as outer and nested NER layers");
        if (lay.space_after >= 0)
            report.notes.push_back(in.name + ": column " + std::to_string(lay.space_after + 1) +
                                   " read as whitespace-after markers (+/-)");
    }

    // Validate every data line; bad lines are reported (or skipped) and do not produce tokens.
    const char* sep_name = lay.tabs ? "TAB-separated" : "space-separated";
    for (Line& l : lines) {
        if (l.kind != Line::Data)
            continue;
        if (l.fields.size() != lay.columns) {
            std::string msg = "expected " + std::to_string(lay.columns) + " " + sep_name + " columns (" +
                              (lay.columns == 2 ? std::string("TOKEN TAG") : "token in column " + std::to_string(lay.token + 1) +
                                                                                 ", tag in column " + std::to_string(lay.tags[0] + 1)) +
                              ") like the other lines, found " + std::to_string(l.fields.size()) + ": '" + snippet(l.raw) + "'";
            if (lay.tabs && l.raw.find('\t') == std::string_view::npos)
                msg += " has no TAB";
            error(l, 0, msg);
            l.kind = Line::Comment; // not a token
            continue;
        }
        for (size_t c : lay.tags)
            if (!is_tag(l.fields[c])) {
                error(l, column_of(l, l.fields[c]),
                      "expected a tag in column " + std::to_string(c + 1) +
                          " (O, or B-/I-/E-/S-/L-/U- followed by a type), found '" + snippet(l.fields[c]) + "'");
                l.kind = Line::Comment;
                break;
            }
        if (l.kind == Line::Data && l.fields[lay.token].empty()) {
            error(l, 0, "empty token");
            l.kind = Line::Comment;
        }
    }
    if (!errors.empty()) {
        if (dropped_errors)
            errors.push_back({in.name, 0, 0, "", "... and " + std::to_string(dropped_errors) + " more problems"});
        throw InputError{errors};
    }

    // Build documents.
    TokenDocumentBuilder doc;
    std::vector<std::vector<ParsedTag>> sentence_tags(lay.tags.size());
    std::vector<Mention> pending;
    TagDecodeStats stats;
    size_t nested = 0, comments = 0, headers = 0, docs_made = 0, spaced_tokens = 0;
    std::string comment_text;
    bool glue_next = false;
    const std::string stem = file_stem(in.name);
    auto flush_sentence = [&]() {
        for (size_t layer = 0; layer < sentence_tags.size(); ++layer) {
            for (const TagChunk& c : decode_tags(sentence_tags[layer], stats)) {
                Mention m;
                m.start = doc.spans[c.first].first;
                m.end = doc.spans[c.end - 1].second;
                m.type = c.type;
                m.annotator = out.annotator;
                pending.push_back(std::move(m));
                nested += layer > 0;
            }
            sentence_tags[layer].clear();
        }
        doc.spans.clear();
        doc.end_sentence();
        glue_next = false;
    };
    auto flush_document = [&]() {
        flush_sentence();
        if (doc.empty()) {
            pending.clear();
            return;
        }
        Document d;
        d.id = ids.from_stem(stem);
        d.name = file_base_name(in.name);
        d.text = std::make_shared<const Text>(Text::from_normalized(std::move(doc.text)));
        if (!comment_text.empty())
            d.meta["comments"] = comment_text;
        // Tokens joined by spaces, one sentence per line: exports reuse them as they are.
        // Not with flair's whitespace column, whose glued tokens make natural text instead.
        if (lay.space_after < 0)
            d.meta[kTokenizationKey] = kWhitespaceTokens;
        for (Mention& m : pending) {
            m.id = ids.next("m");
            m.doc_id = d.id;
            ensure_entity_type(out.schema, m.type);
            out.mentions.push_back(std::move(m));
        }
        out.documents.push_back(std::move(d));
        ++docs_made;
        pending.clear();
        doc = TokenDocumentBuilder{};
        comment_text.clear();
    };
    for (const Line& l : lines) {
        switch (l.kind) {
        case Line::Blank: flush_sentence(); break;
        case Line::DocStart: flush_document(); break;
        case Line::Header: ++headers; break;
        case Line::Comment:
            if (l.raw.front() == '#') {
                ++comments;
                if (!comment_text.empty())
                    comment_text += '\n';
                comment_text.append(l.raw);
            }
            break;
        case Line::Data: {
            if (l.fields[lay.token].find_first_of(" \t") != std::string_view::npos)
                ++spaced_tokens;
            doc.add_token(l.fields[lay.token], !glue_next);
            glue_next = lay.space_after >= 0 && l.fields[static_cast<size_t>(lay.space_after)] == "-";
            for (size_t layer = 0; layer < lay.tags.size(); ++layer) {
                ParsedTag t;
                parse_tag(l.fields[lay.tags[layer]], t);
                sentence_tags[layer].push_back(std::move(t));
            }
            break;
        }
        }
    }
    flush_document();

    std::string scheme = stats.scheme();
    if (!scheme.empty())
        report.notes.push_back(in.name + ": tags read as " + scheme +
                               (scheme == "IOB2" && stats.i_starts ? " (" + std::to_string(stats.i_starts) +
                                                                         " I- tags without B- started a mention)"
                                                                   : std::string()));
    if (nested)
        report.notes.push_back(in.name + ": " + std::to_string(nested) + " mentions from the nested NER column");
    if (comments)
        report.notes.push_back(in.name + ": " + std::to_string(comments) + " comment lines kept as document meta 'comments'");
    if (headers)
        report.notes.push_back(in.name + ": header row skipped");
    if (spaced_tokens)
        report.notes.push_back(in.name + ": " + std::to_string(spaced_tokens) +
                               " tokens contain a space; token exports will write them as several tokens");
    if (docs_made == 0)
        report.notes.push_back(in.name + ": no tokens");
}

} // namespace

static void import_conll(const std::vector<InputFile>& files, Project& out, const ImportOptions& opts, ImportReport& report)
{
    IdAllocator ids(out);
    Diagnostics bad;
    for (const InputFile& in : files) {
        // All or nothing per call: a bad file stops the import unless --skip-bad, which skips
        // bad lines (listed in report.skipped) and whole files that cannot be read at all.
        try {
            FileParser{in, opts, out, report, ids, {}, 0}.run();
        } catch (const InputError& e) {
            if (!opts.skip_bad)
                bad.insert(bad.end(), e.diagnostics.begin(), e.diagnostics.end());
            else
                report.skipped.insert(report.skipped.end(), e.diagnostics.begin(), e.diagnostics.end());
        }
    }
    if (!bad.empty())
        throw InputError{bad};
    report.notes.push_back("text rebuilt from tokens: one space between tokens, one line per sentence (token "
                           "exports reuse these tokens: document meta tokenization=whitespace)");
}

// [SECTION] detection

static int detect_conll(const InputFile& in)
{
    auto ends_with = [&](const char* ext) {
        size_t n = std::char_traits<char>::length(ext);
        return in.name.size() >= n && lower_ascii(in.name.substr(in.name.size() - n)) == ext;
    };
    int bonus = ends_with(".conll") || ends_with(".iob") || ends_with(".bio") || ends_with(".bioes") ? 40 : 0;
    std::string_view head(in.bytes.data(), std::min<size_t>(in.bytes.size(), 8192));
    if (head.rfind("-DOCSTART-", 0) == 0)
        return 95;
    if (!head.empty() && (head.front() == '{' || head.front() == '['))
        return 0; // JSON
    bool tabs = head.find('\t') != std::string_view::npos;
    size_t lines = 0, good = 0;
    for (std::string_view l : split_lines(head)) {
        if (is_blank(l) || l.front() == '#')
            continue;
        if (lines >= 40)
            break;
        if (!l.empty() && l.back() == '\r')
            l.remove_suffix(1);
        auto f = split_fields(l, tabs);
        ++lines;
        if (f.size() >= 2 && f.size() <= 12 &&
            (is_tag(f.back()) || (f.size() >= 3 && is_space_marker(f.back()) && is_tag(f[f.size() - 2]))))
            ++good;
    }
    if (lines == 0)
        return bonus ? 30 : 0;
    if (good * 10 >= lines * 9)
        return 80 + bonus / 4;
    if (good * 2 >= lines)
        return 50 + bonus / 4;
    return bonus;
}

const Format& conll_format()
{
    static const Format f = [] {
        Format f;
        f.name = "conll";
        f.description = "CoNLL-2003 columns (token -X- _ TAG), IOB1/IOB2/BILOU; imports 2-5 column variants";
        f.offset_unit = "token";
        f.extension = ".conll";
        f.detect = detect_conll;
        f.import_files = import_conll;
        f.export_files = export_conll;
        f.stream_files = stream_conll;
        return f;
    }();
    return f;
}

} // namespace postil
