// IOB tagging shared by conll.cpp and hf.cpp. See iob.h.
#include "iob.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace postil::iob {

// [SECTION] schemes

std::optional<TagScheme> tag_scheme_from_string(const std::string& s)
{
    if (s == "iob1")
        return TagScheme::IOB1;
    if (s == "iob2" || s == "bio")
        return TagScheme::IOB2;
    if (s == "bilou" || s == "bioes" || s == "iobes")
        return TagScheme::BILOU;
    return std::nullopt;
}

const char* to_string(TagScheme s)
{
    switch (s) {
    case TagScheme::IOB1: return "iob1";
    case TagScheme::IOB2: return "iob2";
    case TagScheme::BILOU: return "bilou";
    }
    return "iob2";
}

// [SECTION] export: context

static bool has_space(std::string_view utf8)
{
    for (size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            // ASCII fast path: the common case in every corpus.
            if (c <= ' ' || c == 0x7F)
                return true;
            ++i;
            continue;
        }
        if (is_space(decode_utf8(utf8, i)))
            return true;
    }
    return false;
}

// Whitespace (any Unicode space) replaced by '_', so a column file stays parseable.
static std::string without_spaces(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size();) {
        char32_t cp = decode_utf8(utf8, i);
        if (is_space(cp) || cp < 0x20 || cp == 0x7F)
            out += '_';
        else
            append_utf8(out, cp);
    }
    return out;
}

// Equality of two short strings (type names, document ids) without a call to memcmp.
static bool same_short_string(const std::string& a, const std::string& b)
{
    if (a.size() != b.size())
        return false;
    for (size_t k = 0; k < a.size(); ++k)
        if (a[k] != b[k])
            return false;
    return true;
}

TaggingContext::TaggingContext(const Schema& schema, TagScheme s, bool strict_mode) : scheme(s), strict(strict_mode)
{
    for (const auto& t : schema.entity_types) {
        types.push_back(t.id);
        type_spaced.push_back(has_space(t.id));
    }
}

uint32_t TaggingContext::type_index(const std::string& type)
{
    // Runs once per mention: type names are short, so they are compared inline (a memcmp call
    // per mention showed in profiles), and consecutive mentions often share a type (the last
    // answer is tried first).
    if (last_type < types.size() && same_short_string(types[last_type], type))
        return last_type;
    for (size_t i = 0; i < types.size(); ++i)
        if (same_short_string(types[i], type))
            return last_type = static_cast<uint32_t>(i);
    types.push_back(type);
    type_spaced.push_back(has_space(type));
    return last_type = static_cast<uint32_t>(types.size() - 1);
}

std::string TaggingContext::label(const Tag& t) const
{
    if (t.prefix == 'O')
        return "O";
    std::string s(1, t.prefix);
    s += '-';
    const std::string& type = types[t.type];
    s += has_space(type) ? without_spaces(type) : type;
    return s;
}

std::vector<std::string> TaggingContext::label_names() const
{
    std::vector<std::string> names = {"O"};
    const char* prefixes = scheme == TagScheme::BILOU ? "BILU" : "BI";
    for (uint32_t i = 0; i < types.size(); ++i)
        for (const char* p = prefixes; *p; ++p)
            names.push_back(label(Tag{*p, i}));
    return names;
}

void TaggingContext::finish(ExportReport& report, const std::string& format_name) const
{
    if (strict && !problems.empty()) {
        Diagnostics d = problems;
        d.push_back({"", 0, 0, "", format_name + " export refused (--strict): " + std::to_string(problems.size()) +
                                       " mention(s) cannot be written as they are; export without --strict to keep "
                                       "the outermost mention and snap boundaries to tokens"});
        throw InputError{d};
    }
    auto n = [](size_t v) { return std::to_string(v); };
    if (overlapping_dropped)
        report.losses.push_back(n(overlapping_dropped) + " overlapping mentions dropped (outermost kept)");
    if (snapped)
        report.losses.push_back(n(snapped) + " mentions with a boundary inside a token snapped to whole tokens");
    if (empty_dropped)
        report.losses.push_back(n(empty_dropped) + " mentions covering no token (only whitespace) dropped");
    if (duplicates_merged)
        report.losses.push_back(n(duplicates_merged) + " duplicate mentions (same tokens, same type) written once");
    if (tokens_with_space)
        report.losses.push_back(n(tokens_with_space) + " tokens contained whitespace, written with '_' instead");
    if (types_renamed)
        report.losses.push_back(n(types_renamed) + " mentions have a type containing whitespace, written with '_' instead");
    if (sentence_breaks_ignored)
        report.losses.push_back(n(sentence_breaks_ignored) + " sentence breaks inside mentions ignored (sentences joined)");
    if (documents_without_tokens)
        report.losses.push_back(n(documents_without_tokens) + " documents without any token (empty or whitespace only) "
                                                             "have no rows; importers will not see them");
    if (documents_tokenized)
        report.losses.push_back("whitespace and line breaks of " + n(documents_tokenized) +
                                " documents not kept (written as tokens, one sentence per block)");
    report.counts["mentions"] += mentions_written;
    report.counts["tokens"] += tokens_written;
}

std::string_view TaggedDocument::token_view(size_t i) const
{
    return std::string_view(doc->text->utf8()).substr(token_bytes[2 * i], token_bytes[2 * i + 1] - token_bytes[2 * i]);
}

std::string TaggedDocument::token_text(size_t i) const
{
    std::string_view s = token_view(i);
    return has_space(s) ? without_spaces(s) : std::string(s);
}

// [SECTION] export: tagging one document

const char* const kTokenizationKey = "tokenization";
const char* const kWhitespaceTokens = "whitespace";

bool has_whitespace_tokens(const Document& d)
{
    auto it = d.meta.find(kTokenizationKey);
    return it != d.meta.end() && it->second == kWhitespaceTokens;
}

// Tokens separated by ' ' (or TAB), sentences by '\n': the layout token importers write.
// Tokens separated by ' ' (or TAB), sentences by '\n': the layout token importers write.
// `bytes` gets each token's UTF-8 [start, end), like tokenize(text, tokens, bytes).
static void whitespace_tokens(const Text& text, std::vector<Token>& toks, std::vector<uint32_t>& bytes,
                              std::vector<Span>& sents)
{
    const std::string& u = text.utf8();
    uint32_t cp = 0;
    bool in_token = false, sentence_open = false;
    uint32_t sentence_start = 0, last_end = 0;
    for (size_t i = 0; i < u.size();) {
        unsigned char c = static_cast<unsigned char>(u[i]);
        bool sep = c == ' ' || c == '\t' || c == '\n';
        if (sep) {
            if (in_token) {
                toks.back().end = cp;
                bytes.push_back(static_cast<uint32_t>(i));
                last_end = cp;
                in_token = false;
            }
            if (c == '\n' && sentence_open) {
                sents.push_back({sentence_start, last_end});
                sentence_open = false;
            }
            ++i;
        } else {
            if (!in_token) {
                toks.push_back({cp, cp, TokenKind::Word});
                bytes.push_back(static_cast<uint32_t>(i));
                in_token = true;
                if (!sentence_open) {
                    sentence_start = cp;
                    sentence_open = true;
                }
            }
            ++i;
            while (i < u.size() && (static_cast<unsigned char>(u[i]) & 0xC0) == 0x80)
                ++i;
        }
        ++cp;
    }
    if (in_token) {
        toks.back().end = cp;
        bytes.push_back(static_cast<uint32_t>(u.size()));
        last_end = cp;
    }
    if (sentence_open)
        sents.push_back({sentence_start, last_end});
}

namespace {

std::string quote_span(const Text& t, uint32_t start, uint32_t end)
{
    start = std::min<uint32_t>(start, static_cast<uint32_t>(t.size()));
    end = std::min<uint32_t>(std::max(start, end), static_cast<uint32_t>(t.size()));
    std::string s(t.slice(start, end));
    if (s.size() > 60)
        s = std::string(t.slice(start, std::min<uint32_t>(end, start + 40))) + "...";
    return "[" + std::to_string(start) + ", " + std::to_string(end) + ") \"" + s + "\"";
}

} // namespace

TaggedDocument tag_document(const Document& doc, const std::vector<const Mention*>& mentions, TaggingContext& ctx)
{
    TaggedDocument td;
    tag_document(doc, mentions, ctx, td);
    return td;
}

void tag_document(const Document& doc, const std::vector<const Mention*>& mentions, TaggingContext& ctx, TaggedDocument& td)
{
    using Candidate = TaggingContext::Candidate;
    td.doc = &doc;
    td.spaced_tokens = false;
    td.sentences.clear();
    const Text& text = *doc.text;
    std::vector<Span>& sents = ctx.scratch_sentences;
    sents.clear();
    const bool given_tokens = has_whitespace_tokens(doc);
    TokenizedText& tt = ctx.scratch_tokenized;
    if (given_tokens) {
        td.tokens.clear();
        td.token_bytes.clear();
        whitespace_tokens(text, td.tokens, td.token_bytes, sents);
    } else {
        // Tokens and sentences in one pass; the vectors move in and out of td without a copy.
        tt.tokens.swap(td.tokens);
        tt.token_bytes.swap(td.token_bytes);
        tokenize_and_split(text, SentenceOptions{}, tt);
        tt.tokens.swap(td.tokens);
        tt.token_bytes.swap(td.token_bytes);
    }
    ctx.documents_tokenized += !given_tokens;
    ctx.documents_without_tokens += td.tokens.empty();
    const std::vector<Token>& toks = td.tokens;
    const size_t n = toks.size();
    td.tags.assign(n, Tag{});

    auto problem = [&](const std::string& msg) {
        ctx.problems.push_back({"document " + doc.id, 0, 0, "", msg});
    };

    // Mentions -> token ranges. Tokens are sorted and disjoint, so binary searches on their ends
    // and starts find the first token ending after the mention's start and the tokens starting
    // before its end.
    std::vector<Candidate>& cands = ctx.scratch_candidates;
    cands.clear();
    bool in_order = true; // sorted by first token and disjoint: every candidate is kept as is
    // The searches gallop from where the previous mention's started (mentions usually come in
    // text order, a few tokens apart): the same answers as binary searches over all the tokens,
    // without their ~10 unpredictable steps per mention. Every token before `from` ends at or
    // before the previous mention's start, so at or before this one's when it starts later.
    auto gallop = [&](size_t from, auto before) {
        size_t lo = from, hi = from, step = 1;
        while (hi < n && before(toks[hi])) {
            lo = hi + 1;
            hi += step;
            step *= 2;
        }
        hi = std::min(hi, n);
        return std::partition_point(toks.begin() + static_cast<ptrdiff_t>(lo), toks.begin() + static_cast<ptrdiff_t>(hi), before);
    };
    size_t from = 0;
    uint32_t prev_start = 0;
    for (size_t k = 0; k < mentions.size(); ++k) {
        const Mention* m = mentions[k];
        if (m->start < prev_start)
            from = 0;
        prev_start = m->start;
        auto first = gallop(from, [&](const Token& t) { return t.end <= m->start; });
        from = static_cast<size_t>(first - toks.begin());
        auto last = gallop(from, [&](const Token& t) { return t.start < m->end; });
        if (m->start >= m->end || first >= last) {
            ++ctx.empty_dropped;
            problem("mention " + m->id + " " + quote_span(text, m->start, m->end) + " covers no token");
            continue;
        }
        Candidate c;
        c.first = static_cast<uint32_t>(first - toks.begin());
        c.end = static_cast<uint32_t>(last - toks.begin());
        c.type = ctx.type_index(m->type);
        c.m = m;
        c.order = k;
        if (toks[c.first].start != m->start || toks[c.end - 1].end != m->end) {
            ++ctx.snapped;
            problem("mention " + m->id + " " + quote_span(text, m->start, m->end) + " has a boundary inside a token; snapped to " +
                    quote_span(text, toks[c.first].start, toks[c.end - 1].end));
        }
        in_order = in_order && (cands.empty() || cands.back().end <= c.first);
        cands.push_back(c);
    }

    // Outermost first: longest token range, then earliest, then file order. A mention is kept
    // only if none of its tokens is taken yet, so nested and crossing ones lose to the longer.
    // Candidates already in order and disjoint (the usual case) are all kept: the same result
    // without the sort and the per-token owner table.
    std::vector<Candidate>& kept = ctx.scratch_kept;
    kept.clear();
    if (in_order) {
        kept.swap(cands);
    } else {
        std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
            if (a.end - a.first != b.end - b.first)
                return a.end - a.first > b.end - b.first;
            if (a.first != b.first)
                return a.first < b.first;
            return a.order < b.order;
        });
        std::vector<int32_t>& owner = ctx.scratch_owner; // index into cands of the kept mention on each token
        owner.assign(n, -1);
        for (size_t ci = 0; ci < cands.size(); ++ci) {
            const Candidate& c = cands[ci];
            int32_t clash = -1;
            for (uint32_t t = c.first; t < c.end && clash < 0; ++t)
                clash = owner[t];
            if (clash < 0) {
                for (uint32_t t = c.first; t < c.end; ++t)
                    owner[t] = static_cast<int32_t>(ci);
                kept.push_back(c);
                continue;
            }
            const Candidate& o = cands[static_cast<size_t>(clash)];
            if (o.first == c.first && o.end == c.end && o.type == c.type) {
                ++ctx.duplicates_merged; // two annotators, or a double click: nothing is lost
                continue;
            }
            ++ctx.overlapping_dropped;
            problem("mention " + c.m->id + " " + quote_span(text, c.m->start, c.m->end) + " (" + c.m->type +
                    ") overlaps mention " + o.m->id + " " + quote_span(text, o.m->start, o.m->end) + " (" + o.m->type +
                    "); IOB tags cannot nest (outermost kept)");
        }
        std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) { return a.first < b.first; });
    }

    // Sentences as token ranges: each token belongs to the last sentence starting at or before
    // it. A sentence start inside a kept mention (kept is sorted and disjoint: one walk finds
    // the mention around a token) would cut its tags in two: those sentences are joined.
    {
        size_t c = 0;
        auto starts_sentence = [&](uint32_t first) {
            while (c < kept.size() && kept[c].end <= first)
                ++c;
            const bool inside_mention = c < kept.size() && kept[c].first < first; // and first < end
            if (!td.sentences.empty() && inside_mention) {
                ++ctx.sentence_breaks_ignored;
                return;
            }
            if (!td.sentences.empty())
                td.sentences.back().end_token = first;
            td.sentences.push_back({first, static_cast<uint32_t>(n)});
        };
        if (given_tokens) {
            size_t k = 0;
            for (size_t i = 0; i < n; ++i) {
                bool starts = i == 0;
                while (k < sents.size() && sents[k].start <= toks[i].start) {
                    starts = true;
                    ++k;
                }
                if (starts)
                    starts_sentence(static_cast<uint32_t>(i));
            }
        } else {
            // The splitter gave each sentence's first token (the first is token 0).
            for (uint32_t first : tt.sentence_firsts)
                starts_sentence(first);
        }
    }

    // Tags. IOB1 uses B- only to separate two adjacent mentions of the same type.
    uint32_t prev_end = UINT32_MAX, prev_type = UINT32_MAX;
    for (const Candidate& c : kept) {
        uint32_t len = c.end - c.first;
        if (ctx.scheme == TagScheme::BILOU && len == 1) {
            td.tags[c.first] = {'U', c.type};
        } else {
            char first = 'B';
            if (ctx.scheme == TagScheme::IOB1 && !(prev_end == c.first && prev_type == c.type))
                first = 'I';
            td.tags[c.first] = {first, c.type};
            for (uint32_t t = c.first + 1; t < c.end; ++t)
                td.tags[t] = {'I', c.type};
            if (ctx.scheme == TagScheme::BILOU)
                td.tags[c.end - 1] = {'L', c.type};
        }
        ctx.types_renamed += ctx.type_spaced[c.type];
        prev_end = c.end;
        prev_type = c.type;
    }
    // A sentence break between two same-type mentions resets IOB1's "previous" (a B- there is
    // still correct, but readers expect I- at a sentence start); recompute at sentence starts.
    if (ctx.scheme == TagScheme::IOB1)
        for (const TaggedSentence& s : td.sentences)
            if (s.first_token < n && td.tags[s.first_token].prefix == 'B')
                td.tags[s.first_token].prefix = 'I';

    // The tokenizer never puts whitespace inside a token (tokenizer.h); tokens read from a
    // file may hold some (a NBSP, a control character).
    if (given_tokens)
        for (size_t i = 0; i < n; ++i)
            if (has_space(td.token_view(i))) {
                ++ctx.tokens_with_space;
                td.spaced_tokens = true;
            }
    ctx.mentions_written += kept.size();
    ctx.tokens_written += n;
}

std::vector<std::vector<const Mention*>> mentions_per_document(const Project& p)
{
    std::vector<std::vector<const Mention*>> out(p.documents.size());
    // First document of each id; later documents with the same id get the same mentions.
    std::unordered_map<std::string_view, size_t> index;
    index.reserve(p.documents.size());
    for (size_t i = 0; i < p.documents.size(); ++i)
        index.emplace(p.documents[i].id, i);
    // Mentions of a document usually come together: look the id up once per run.
    const std::string* run_id = nullptr;
    std::vector<const Mention*>* run = nullptr;
    for (const auto& m : p.mentions) {
        if (!run_id || !same_short_string(m.doc_id, *run_id)) {
            auto it = index.find(m.doc_id);
            run = it == index.end() ? nullptr : &out[it->second];
            run_id = &m.doc_id;
        }
        if (run)
            run->push_back(&m);
    }
    for (size_t i = 0; i < p.documents.size(); ++i) {
        const size_t first = index.at(p.documents[i].id);
        if (first != i)
            out[i] = out[first];
    }
    return out;
}

void report_unexported_records(const Project& p, ExportReport& report, const std::string& format_name)
{
    size_t linked = 0, with_attrs = 0;
    for (const auto& m : p.mentions) {
        linked += !m.entity_id.empty();
        with_attrs += !m.attributes.empty() || !m.note.empty();
    }
    auto n = [](size_t v) { return std::to_string(v); };
    if (!p.stances.empty())
        report.losses.push_back(n(p.stances.size()) + " stances not exported (" + format_name + " holds entity mentions only)");
    if (!p.doc_stances.empty())
        report.losses.push_back(n(p.doc_stances.size()) + " document stances not exported (" + format_name +
                                " holds entity mentions only)");
    if (linked)
        report.losses.push_back(n(linked) + " links from mentions to canonical entities not exported");
    if (with_attrs)
        report.losses.push_back(n(with_attrs) + " mention notes/attributes not exported");
}

// [SECTION] import: tags

bool parse_tag(std::string_view tag, ParsedTag& out)
{
    if (tag == "O") {
        out.prefix = 'O';
        out.type.clear();
        return true;
    }
    if (tag.size() < 3 || (tag[1] != '-' && tag[1] != '_'))
        return false;
    char p = tag[0];
    if (p != 'B' && p != 'I' && p != 'E' && p != 'L' && p != 'S' && p != 'U')
        return false;
    out.prefix = p == 'L' ? 'E' : p == 'U' ? 'S' : p;
    out.type.assign(tag.substr(2));
    return true;
}

std::string TagDecodeStats::scheme() const
{
    if (e || s)
        return "BILOU/BIOES";
    if (!b && !i)
        return "";
    if (i_starts && (b == 0 || b == b_after_same_i))
        return "IOB1";
    return "IOB2";
}

std::vector<TagChunk> decode_tags(const std::vector<ParsedTag>& tags, TagDecodeStats& stats)
{
    std::vector<TagChunk> out;
    bool open = false;
    TagChunk cur;
    auto close = [&](size_t end) {
        if (open) {
            cur.end = end;
            out.push_back(cur);
            open = false;
        }
    };
    for (size_t k = 0; k < tags.size(); ++k) {
        const ParsedTag& t = tags[k];
        bool continues = open && cur.type == t.type;
        switch (t.prefix) {
        case 'O':
            close(k);
            break;
        case 'B':
            ++stats.b;
            if (k > 0 && tags[k - 1].prefix == 'I' && tags[k - 1].type == t.type)
                ++stats.b_after_same_i;
            close(k);
            cur = {k, k, t.type};
            open = true;
            break;
        case 'I':
            ++stats.i;
            if (!continues) {
                ++stats.i_starts;
                close(k);
                cur = {k, k, t.type};
                open = true;
            }
            break;
        case 'E':
            ++stats.e;
            if (!continues) {
                close(k);
                cur = {k, k, t.type};
                open = true;
            }
            close(k + 1);
            break;
        case 'S':
            ++stats.s;
            close(k);
            cur = {k, k, t.type};
            open = true;
            close(k + 1);
            break;
        default:
            break;
        }
    }
    close(tags.size());
    return out;
}

// [SECTION] import: documents from tokens

void TokenDocumentBuilder::add_token(std::string_view token, bool space_before)
{
    if (!text.empty()) {
        if (!sentence_open) {
            text += '\n';
            ++cp;
        } else if (space_before) {
            text += ' ';
            ++cp;
        }
    }
    sentence_open = true;
    uint32_t start = cp;
    text.append(token);
    cp += static_cast<uint32_t>(count_code_points(token));
    spans.emplace_back(start, cp);
}

void TokenDocumentBuilder::end_sentence()
{
    sentence_open = false;
}

IdAllocator::IdAllocator(const Project& p)
{
    auto collect = [&](const auto& v) {
        for (const auto& x : v)
            used.insert(x.id);
    };
    collect(p.documents);
    collect(p.mentions);
    collect(p.entities);
    collect(p.stances);
    collect(p.doc_stances);
}

std::string IdAllocator::from_stem(const std::string& stem)
{
    std::string base = stem.empty() ? std::string("doc") : stem;
    if (used.insert(base).second)
        return base;
    // Continue from the last suffix given for this stem: a file of 10,000 documents must not
    // retry "dev-2" ... "dev-9999" for each new one.
    unsigned long long& k = counters["\x01" + base];
    if (k < 2)
        k = 2;
    for (;; ++k) {
        std::string id = base + "-" + std::to_string(k);
        if (used.insert(id).second)
            return id;
    }
}

std::string IdAllocator::next(const std::string& prefix)
{
    unsigned long long& k = counters[prefix];
    for (;;) {
        std::string id = prefix + std::to_string(++k);
        if (used.insert(id).second)
            return id;
    }
}

std::string file_base_name(const std::string& path)
{
    if (path == "-")
        return "stdin";
    size_t slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string file_stem(const std::string& path)
{
    std::string base = file_base_name(path);
    if (size_t dot = base.find_last_of('.'); dot != std::string::npos && dot > 0)
        base = base.substr(0, dot);
    return base;
}

std::vector<std::string_view> split_lines(std::string_view text)
{
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

} // namespace postil::iob
