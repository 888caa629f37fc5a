// WebAnno / INCEpTION TSV 3.3: one .tsv per document, tokens and sentences on rows, one column
// per layer feature. Offsets in the file count UTF-16 code units (Java strings); every offset is
// converted to and from Postil's code points through the Text index.
//
// Export (one "<doc id>.tsv" per document):
//   #T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value
//   #T_RL=webanno.custom.Stance|polarity|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity
//   Tokens and sentences come from the tokenizer. Mentions are NamedEntity spans (value = entity
//   type, identifier = the linked entity's external id, or "postil:<entity id>"); a mention not
//   on token boundaries is widened to whole tokens (reported). Stances between two mentions are
//   rows of the Stance relation layer (only written in files that have stances, so a stock
//   INCEpTION project reads the others; for those with stances, create a relation layer
//   "Stance" over Named entity with a string feature "polarity").
// Import: the NamedEntity layer (value, identifier; multi-token [n] ids, stacking, sub-token
// rows) becomes mentions; relation layers over NamedEntity with a polarity-like feature become
// stances; every other layer is counted in ImportReport::notes. The document text is rebuilt
// from the #Text lines like INCEpTION does (text between sentences is not in the file: it
// reads back as line breaks).
// Does not do: chains (coreference) or slot features beyond counting them, sub-token export,
// TSV versions other than 3.x.
#include "format.h"
#include "standoff_common.h"

#include "core/text.h"
#include "core/tokenizer.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace postil {

namespace {

using namespace standoff;

const char* const kNamedEntity = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";
const char* const kStanceLayer = "webanno.custom.Stance";
const char* const kPostilRef = "postil:";
// Gaps between sentences are rebuilt with line breaks; a gap this big means broken offsets
// (and would otherwise allocate gigabytes).
const uint32_t kMaxGap = 1u << 20;

// [SECTION] small helpers

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Feature values: \ [ ] | _ -> ; TAB LF * are backslash-escaped.
std::string escape_value(const std::string& v)
{
    std::string o;
    for (size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (c == '\\' || c == '[' || c == ']' || c == '|' || c == '_' || c == ';' || c == '*')
            o += '\\', o += c;
        else if (c == '-' && i + 1 < v.size() && v[i + 1] == '>')
            o += "\\->", ++i;
        else if (c == '\t')
            o += "\\t";
        else if (c == '\n')
            o += "\\n";
        else if (c == '\r')
            o += "\\n";
        else
            o += c;
    }
    return o;
}

std::string unescape_value(std::string_view v)
{
    std::string o;
    for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] != '\\' || i + 1 == v.size()) {
            o += v[i];
            continue;
        }
        char n = v[i + 1];
        if (n == '\\' || n == '[' || n == ']' || n == '|' || n == '_' || n == ';' || n == '*')
            o += n, ++i;
        else if (n == 't')
            o += '\t', ++i;
        else if (n == 'n')
            o += '\n', ++i;
        else if (n == '-' && i + 2 < v.size() && v[i + 2] == '>')
            o += "->", i += 2;
        else
            o += '\\';
    }
    return o;
}

// #Text lines (TSV 3.2+): backslash, TAB, FF, CR, BS and other control characters escaped.
std::string escape_text(std::string_view s)
{
    std::string o;
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '\\')
            o += "\\\\";
        else if (c == '\t')
            o += "\\t";
        else if (c == '\f')
            o += "\\f";
        else if (c == '\r')
            o += "\\r";
        else if (c == '\b')
            o += "\\b";
        else if (u < 32 && !(u > 7 && u < 14))
            o += '\\', o += c;
        else
            o += c;
    }
    return o;
}

std::string unescape_text(std::string_view s)
{
    std::string o;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            o += s[i];
            continue;
        }
        char n = s[i + 1];
        unsigned char u = static_cast<unsigned char>(n);
        ++i;
        switch (n) {
        case '\\': o += '\\'; break;
        case 't': o += '\t'; break;
        case 'n': o += '\n'; break;
        case 'f': o += '\f'; break;
        case 'r': o += '\r'; break;
        case 'b': o += '\b'; break;
        default:
            if (u < 32)
                o += n;
            else
                o += '\\', --i;
        }
    }
    return o;
}

// Splits a cell on '|' (stacked annotations) that is not escaped.
std::vector<std::string_view> split_stack(std::string_view cell)
{
    std::vector<std::string_view> out;
    size_t from = 0;
    for (size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == '\\')
            ++i;
        else if (cell[i] == '|') {
            out.push_back(cell.substr(from, i - from));
            from = i + 1;
        }
    }
    out.push_back(cell.substr(from));
    return out;
}

// "VALUE[12]" -> value "VALUE", id "12" (raw, escaped text).
void split_suffix(std::string_view raw, std::string_view& value, std::string_view& id)
{
    value = raw;
    id = {};
    if (raw.size() >= 3 && raw.back() == ']' && raw[raw.size() - 2] != '\\') {
        size_t open = raw.rfind('[');
        if (open != std::string_view::npos && (open == 0 || raw[open - 1] != '\\')) {
            value = raw.substr(0, open);
            id = raw.substr(open + 1, raw.size() - open - 2);
        }
    }
}

// Same counting as brat.cpp: one line per kind of thing lost, over all files.
struct Tally {
    struct Item {
        std::string what;
        size_t count = 0;
        std::map<std::string, size_t> files;
        std::string example;
    };
    std::vector<Item> items;
    void add(const std::string& what, const std::string& file, size_t n = 1, const std::string& example = {})
    {
        if (n == 0)
            return;
        Item* it = nullptr;
        for (auto& x : items)
            if (x.what == what)
                it = &x;
        if (!it) {
            items.emplace_back();
            items.back().what = what;
            it = &items.back();
        }
        it->count += n;
        if (!file.empty())
            it->files[file] += n;
        if (it->example.empty())
            it->example = example;
    }
    void flush(std::vector<std::string>& out) const
    {
        for (const auto& it : items) {
            std::string s = std::to_string(it.count) + " " + it.what;
            if (!it.files.empty()) {
                s += " in ";
                size_t i = 0;
                for (const auto& [f, n] : it.files) {
                    if (i == 6) {
                        s += ", " + std::to_string(it.files.size() - 6) + " more files";
                        break;
                    }
                    s += (i++ ? ", " : "") + f + (it.files.size() > 1 ? " (" + std::to_string(n) + ")" : "");
                }
            }
            if (!it.example.empty())
                s += "; e.g. " + it.example;
            out.push_back(s);
        }
    }
};

// [SECTION] import: header

enum class LayerKind { Span, Relation, Chain };
enum class ColKind { Feature, Placeholder, RelationSource, SlotRole, SlotTarget };

struct Column {
    size_t layer = 0;
    std::string feature;
    ColKind kind = ColKind::Feature;
};

struct Layer {
    LayerKind kind = LayerKind::Span;
    std::string type;
    std::string base_type; // relation layers: the span type they connect
    std::vector<size_t> columns;
    int line = 0;
};

std::string short_type(const std::string& t)
{
    size_t dot = t.rfind('.');
    return dot == std::string::npos ? t : t.substr(dot + 1);
}

// [SECTION] import: body

struct Unit {
    std::string id;    // "3-7" or "3-7.1"
    uint32_t b16 = 0, e16 = 0;
    std::string_view form;
    std::vector<std::string_view> cells; // one per column
    std::vector<int> cell_cols;          // their 1-based columns in the line
    int line = 0;
    std::string_view line_text;
};

struct NeSpan {
    uint32_t b16 = 0, e16 = 0;
    size_t first_unit = 0;
    std::optional<std::string> value, identifier;
    bool has_id = false;
    int line = 0;
};

struct EntityDraft {
    std::string ref, wanted, name, type, id;
};

struct ImportState {
    Project& out;
    const ImportOptions& opts;
    ImportReport& report;
    Diagnostics errors;
    Tally notes;
    std::vector<EntityDraft> entities;
    std::map<std::string, size_t> entity_by_ref;
    std::vector<std::pair<size_t, size_t>> links; // (mention index, entity draft)
    int next_mention = 0, next_stance = 0;
};

void import_file(ImportState& st, const InputFile& in)
{
    Project& out = st.out;
    const std::string fname = base_name(in.name);
    Diagnostics errs;   // bad rows (skippable)
    auto fatal = [&](int line, int col, const std::string& msg) {
        Diagnostic d{in.name, line, col, "", msg};
        (st.opts.skip_bad ? st.report.skipped : st.errors).push_back(d);
    };
    if (auto bad = find_invalid_utf8(in.bytes)) {
        fatal(0, 0, bad->message + " at byte offset " + std::to_string(bad->byte_offset));
        return;
    }
    std::string_view bytes = in.bytes;
    if (starts_with(bytes, "\xEF\xBB\xBF"))
        bytes.remove_prefix(3);
    auto lines = split_lines(bytes);
    size_t li = 0;

    // Format line.
    if (lines.empty() || !starts_with(lines[0].first, "#FORMAT=WebAnno TSV 3")) {
        fatal(1, 1, "expected '#FORMAT=WebAnno TSV 3.3' on the first line, found " +
                        (lines.empty() ? std::string("an empty file") : quote_short(lines[0].first)));
        return;
    }
    std::string_view version = lines[0].first.substr(std::string_view("#FORMAT=WebAnno TSV ").size());
    if (version != "3.2" && version != "3.3")
        st.notes.add("files in WebAnno TSV " + std::string(version) + " read with the 3.3 rules", fname);
    ++li;

    // Layer declarations up to the first blank line.
    std::vector<Layer> layers;
    std::vector<Column> cols;
    for (; li < lines.size() && !lines[li].first.empty(); ++li) {
        std::string_view l = lines[li].first;
        LayerKind kind;
        if (starts_with(l, "#T_SP="))
            kind = LayerKind::Span;
        else if (starts_with(l, "#T_RL="))
            kind = LayerKind::Relation;
        else if (starts_with(l, "#T_CH="))
            kind = LayerKind::Chain;
        else if (starts_with(l, "#Text=") || starts_with(l, "#Sentence.id="))
            break; // no blank line after the layers: be lenient
        else {
            fatal(lines[li].second, 1, "expected a layer declaration (#T_SP=, #T_RL= or #T_CH=) or a blank line, found " + quote_short(l));
            return;
        }
        Layer layer;
        layer.kind = kind;
        layer.line = lines[li].second;
        std::vector<std::string> decl;
        std::string_view rest = l.substr(6);
        size_t from = 0;
        for (size_t i = 0; i <= rest.size(); ++i)
            if (i == rest.size() || rest[i] == '|') {
                if (i > from)
                    decl.push_back(std::string(rest.substr(from, i - from)));
                from = i + 1;
            }
        if (decl.empty()) {
            fatal(lines[li].second, 7, "expected a layer type name after '=' (e.g. " + std::string(kNamedEntity) + "|value)");
            return;
        }
        layer.type = decl[0];
        size_t index = layers.size();
        for (size_t k = 1; k < decl.size(); ++k) {
            Column c;
            c.layer = index;
            c.feature = decl[k];
            if (kind == LayerKind::Relation && starts_with(decl[k], "BT_")) {
                c.kind = ColKind::RelationSource;
                layer.base_type = decl[k].substr(3);
            } else if (kind == LayerKind::Span && starts_with(decl[k], "ROLE_"))
                c.kind = ColKind::SlotRole;
            else if (kind == LayerKind::Span && k > 1 && cols.back().kind == ColKind::SlotRole)
                c.kind = ColKind::SlotTarget;
            layer.columns.push_back(cols.size());
            cols.push_back(c);
        }
        if (decl.size() == 1) { // "Type|" or "Type": one placeholder column
            layer.columns.push_back(cols.size());
            cols.push_back({index, "", ColKind::Placeholder});
        }
        if (kind == LayerKind::Relation && layer.base_type.empty()) {
            fatal(lines[li].second, 1, "relation layer " + layer.type + " has no BT_<base type> column");
            return;
        }
        layers.push_back(std::move(layer));
    }

    // Body: sentences (#Text lines) and their token / sub-token rows.
    std::string text;       // UTF-8
    uint32_t text16 = 0;    // its length in UTF-16 units
    std::vector<Unit> units;
    std::map<std::string, size_t> unit_by_id;
    std::string sentence;   // pending #Text lines
    bool in_header = false, in_tokens = false;
    uint32_t sent_b16 = 0, sent_e16 = 0;
    int sentences = 0;
    size_t form_mismatch = 0;
    std::string form_example;
    auto append_text = [&](std::string_view s) {
        text += s;
        text16 += static_cast<uint32_t>(count_utf16_units(s));
    };
    for (; li < lines.size(); ++li) {
        // Not a structured binding: lambdas below capture these (Emscripten's clang refuses).
        std::string_view l = lines[li].first;
        int number = lines[li].second;
        if (l.empty()) {
            if (in_header) {
                errs.push_back({in.name, number, 1, "", "expected token rows after the #Text lines, found a blank line"});
                sentence.clear();
            }
            in_header = in_tokens = false;
            continue;
        }
        if (l[0] == '#' && !in_tokens) {
            if (starts_with(l, "#Text=")) {
                sentence += unescape_text(l.substr(6));
                sentence += '\n';
            }
            in_header = true; // other '#' lines (#Sentence.id=...) carry nothing Postil keeps
            continue;
        }
        // A token row: ID<TAB>BEGIN-END<TAB>FORM<TAB>cells...
        std::vector<std::pair<std::string_view, size_t>> f;
        size_t from = 0;
        for (size_t i = 0; i <= l.size(); ++i)
            if (i == l.size() || l[i] == '\t') {
                f.push_back({l.substr(from, i - from), from});
                from = i + 1;
            }
        auto bad_row = [&, number = number, l = l](size_t pos, const std::string& msg) { errs.push_back({in.name, number, column_of(l, pos), "", msg}); };
        if (!in_header && !in_tokens) {
            bad_row(0, "expected a '#Text=' sentence line before token rows");
            continue;
        }
        if (f.size() < 3 + cols.size()) {
            bad_row(l.size(), "expected " + std::to_string(3 + cols.size()) + " TAB-separated fields (id, offsets, token and " +
                                  std::to_string(cols.size()) + " layer column(s)), found " + std::to_string(f.size()));
            continue;
        }
        Unit u;
        u.line = number;
        u.line_text = l;
        u.id = std::string(f[0].first);
        {
            size_t dash = u.id.find('-');
            uint32_t a = 0, b = 0;
            std::string_view tok = dash == std::string::npos ? std::string_view() : std::string_view(u.id).substr(dash + 1);
            size_t dot = tok.find('.');
            uint32_t c = 0;
            if (dash == std::string::npos || !parse_uint(std::string_view(u.id).substr(0, dash), a) ||
                !parse_uint(tok.substr(0, dot), b) || (dot != std::string_view::npos && !parse_uint(tok.substr(dot + 1), c))) {
                bad_row(0, "expected a token id 'SENTENCE-TOKEN' (e.g. 1-3, or 1-3.1 for a sub-token), found " + quote_short(f[0].first));
                continue;
            }
            if (dot == std::string_view::npos && a != static_cast<uint32_t>(sentences + (in_header ? 1 : 0)))
                st.notes.add("token ids whose sentence number does not follow the #Text order (ids kept for references only)", fname);
        }
        {
            std::string_view o = f[1].first;
            size_t dash = o.find('-');
            if (dash == std::string_view::npos || !parse_uint(o.substr(0, dash), u.b16) || !parse_uint(o.substr(dash + 1), u.e16) ||
                u.e16 < u.b16) {
                bad_row(f[1].second, "expected offsets 'BEGIN-END' (UTF-16 code units, BEGIN <= END), found " + quote_short(o));
                continue;
            }
        }
        u.form = f[2].first;
        bool sub = u.id.find('.') != std::string::npos;
        if (in_header) {
            // First token of a sentence: it fixes where the sentence starts in the text.
            if (sub) {
                bad_row(0, "a sentence must start with a token row, not the sub-token " + u.id);
                continue;
            }
            if (!text.empty() && text16 > u.b16 && text16 == u.b16 + 1 && text.back() == '\n') {
                text.pop_back(); // no space between the sentences
                --text16;
            }
            if (text16 > u.b16) {
                bad_row(f[1].second, "sentence starts at offset " + std::to_string(u.b16) + " but the text before it already has " +
                                         std::to_string(text16) + " UTF-16 units (offsets must grow from sentence to sentence)");
                sentence.clear();
                in_header = false;
                continue;
            }
            if (u.b16 - text16 > kMaxGap) {
                bad_row(f[1].second, "sentence starts at offset " + std::to_string(u.b16) + ", " + std::to_string(u.b16 - text16) +
                                         " units after the previous one: offsets look wrong");
                sentence.clear();
                in_header = false;
                continue;
            }
            // The file does not keep what was between sentences: line breaks stand for it.
            text.append(u.b16 - text16, '\n');
            text16 = u.b16;
            sent_b16 = text16;
            append_text(sentence);
            sent_e16 = text16 - 1; // without the line break after the last #Text line
            sentence.clear();
            in_header = false;
            in_tokens = true;
            ++sentences;
        }
        if (u.b16 < sent_b16 || u.e16 > sent_e16) {
            bad_row(f[1].second, "offsets " + std::to_string(u.b16) + "-" + std::to_string(u.e16) + " are outside their sentence (" +
                                     std::to_string(sent_b16) + "-" + std::to_string(sent_e16) +
                                     " in UTF-16 units of the #Text lines)");
            continue;
        }
        if (unit_by_id.count(u.id)) {
            bad_row(0, "duplicate token id " + u.id);
            continue;
        }
        for (size_t c = 0; c < cols.size(); ++c) {
            u.cells.push_back(f[3 + c].first);
            u.cell_cols.push_back(column_of(l, f[3 + c].second));
        }
        unit_by_id[u.id] = units.size();
        units.push_back(std::move(u));
    }
    if (in_header)
        errs.push_back({in.name, static_cast<int>(lines.size()), 1, "", "the last #Text sentence has no token rows"});

    // The text: UTF-8 built above, CR kept as LF (same length) so offsets stay put.
    for (char& c : text)
        if (c == '\r')
            c = '\n';
    Text t = Text::from_normalized(text);

    // Offsets: UTF-16 units -> code points; a unit inside a surrogate pair is an error.
    std::vector<uint32_t> ub(units.size()), ue(units.size());
    std::vector<bool> unit_ok(units.size(), true);
    for (size_t i = 0; i < units.size(); ++i) {
        Unit& u = units[i];
        size_t b = t.cp_of_utf16(u.b16), e = t.cp_of_utf16(u.e16);
        if (t.utf16_of(b) != u.b16 || t.utf16_of(e) != u.e16) {
            errs.push_back({in.name, u.line, column_of(u.line_text, u.id.size() + 1), "",
                            "offsets " + std::to_string(u.b16) + "-" + std::to_string(u.e16) +
                                " fall inside a character outside the BMP (they must count UTF-16 code units)"});
            unit_ok[i] = false;
            continue;
        }
        ub[i] = static_cast<uint32_t>(b);
        ue[i] = static_cast<uint32_t>(e);
        if (t.slice(b, e) != u.form) {
            if (form_mismatch++ == 0)
                form_example = fname + ":" + std::to_string(u.line) + " token " + quote_short(u.form) + ", text " + quote_short(t.slice(b, e));
        }
    }
    if (form_mismatch)
        st.notes.add("token rows whose form differs from the #Text at their offsets (the #Text is kept)", fname, form_mismatch, form_example);

    if (keep_errors(errs, st.opts.skip_bad, st.errors, st.report))
        return;

    Document doc;
    std::string stem = fname;
    if (stem.size() > 4 && lower(stem.substr(stem.size() - 4)) == ".tsv")
        stem.resize(stem.size() - 4);
    doc.id = stem.empty() ? "doc" : stem;
    for (int n = 2; out.document(doc.id); ++n)
        doc.id = (stem.empty() ? "doc" : stem) + "-" + std::to_string(n);
    doc.name = fname;

    // [SECTION] import: layers
    // Span annotations of one layer: an [id] joins rows into one span; without an id, the
    // n-th stacked value on a row is its own one-row span (shared by the layer's columns).
    struct Spans {
        std::vector<NeSpan> list;
        std::map<std::string, size_t> by_id;
        std::map<std::pair<size_t, size_t>, size_t> by_row; // (unit, stack index)
        std::map<size_t, std::vector<size_t>> starting_at;  // unit -> spans whose first row it is
    };
    auto read_spans = [&](const Layer& layer, Spans& sp) {
        for (size_t ui = 0; ui < units.size(); ++ui) {
            if (!unit_ok[ui])
                continue;
            const Unit& u = units[ui];
            for (size_t c : layer.columns) {
                std::string_view cell = u.cells[c];
                if (cell == "_" || cell.empty())
                    continue;
                auto stack = split_stack(cell);
                for (size_t k = 0; k < stack.size(); ++k) {
                    std::string_view value, id;
                    split_suffix(stack[k], value, id);
                    size_t idx;
                    if (!id.empty()) {
                        auto it = sp.by_id.find(std::string(id));
                        if (it == sp.by_id.end()) {
                            idx = sp.list.size();
                            sp.by_id[std::string(id)] = idx;
                        } else
                            idx = it->second;
                    } else {
                        auto it = sp.by_row.find({ui, k});
                        if (it == sp.by_row.end()) {
                            idx = sp.list.size();
                            sp.by_row[{ui, k}] = idx;
                        } else
                            idx = it->second;
                    }
                    if (idx == sp.list.size()) {
                        NeSpan s;
                        s.b16 = u.b16;
                        s.e16 = u.e16;
                        s.first_unit = ui;
                        s.has_id = !id.empty();
                        s.line = u.line;
                        sp.list.push_back(s);
                        sp.starting_at[ui].push_back(idx);
                    }
                    NeSpan& s = sp.list[idx];
                    s.b16 = std::min(s.b16, u.b16);
                    s.e16 = std::max(s.e16, u.e16);
                    if (cols[c].feature == "value" && !s.value && value != "*")
                        s.value = unescape_value(value);
                    if (cols[c].feature == "identifier" && !s.identifier && value != "*")
                        s.identifier = unescape_value(value);
                }
            }
        }
    };

    Spans ne;
    const Layer* ne_layer = nullptr;
    for (const auto& layer : layers)
        if (layer.kind == LayerKind::Span && layer.type == kNamedEntity && !ne_layer)
            ne_layer = &layer;
    if (ne_layer) {
        read_spans(*ne_layer, ne);
        for (size_t c : ne_layer->columns)
            if (cols[c].feature != "value" && cols[c].feature != "identifier")
                st.notes.add("NamedEntity features other than value and identifier not imported", fname, 1, cols[c].feature);
    }

    // Mentions.
    const std::string annotator = out.annotator;
    std::vector<std::optional<size_t>> mention_of(ne.list.size()); // NE span -> index in out.mentions
    for (size_t i = 0; i < ne.list.size(); ++i) {
        const NeSpan& s = ne.list[i];
        uint32_t b = static_cast<uint32_t>(t.cp_of_utf16(s.b16)), e = static_cast<uint32_t>(t.cp_of_utf16(s.e16));
        if (b >= e) {
            st.notes.add("zero-length NamedEntity spans not imported (Postil mentions are non-empty)", fname, 1,
                         fname + ":" + std::to_string(s.line));
            continue;
        }
        std::string type = s.value ? *s.value : std::string();
        if (type.empty()) {
            type = "NamedEntity";
            st.notes.add("NamedEntity spans without a value imported with type 'NamedEntity'", fname, 1,
                         fname + ":" + std::to_string(s.line));
        }
        ensure_entity_type(out.schema, type);
        Mention m;
        m.id = "m" + std::to_string(++st.next_mention);
        m.doc_id = doc.id;
        m.start = b;
        m.end = e;
        m.type = type;
        m.annotator = annotator;
        mention_of[i] = out.mentions.size();
        if (s.identifier && !s.identifier->empty()) {
            std::string key = lower(*s.identifier);
            auto it = st.entity_by_ref.find(key);
            size_t ei;
            if (it == st.entity_by_ref.end()) {
                EntityDraft d;
                if (starts_with(key, kPostilRef))
                    d.wanted = s.identifier->substr(std::string_view(kPostilRef).size());
                else
                    d.ref = *s.identifier;
                d.name = std::string(t.slice(b, e));
                d.type = type;
                st.entities.push_back(d);
                ei = st.entities.size() - 1;
                st.entity_by_ref[key] = ei;
            } else
                ei = it->second;
            st.links.push_back({out.mentions.size(), ei});
        }
        out.mentions.push_back(std::move(m));
    }

    // The NE span a relation end names: by [id], else the one starting on that row.
    auto ne_at = [&](size_t unit, std::string_view id) -> std::optional<size_t> {
        if (!id.empty() && id != "0") {
            auto it = ne.by_id.find(std::string(id));
            if (it == ne.by_id.end())
                return std::nullopt;
            return it->second;
        }
        auto it = ne.starting_at.find(unit);
        if (it == ne.starting_at.end())
            return std::nullopt;
        for (size_t k : it->second)
            if (!ne.list[k].has_id)
                return k;
        return it->second.front();
    };

    for (const auto& layer : layers) {
        if (&layer == ne_layer)
            continue;
        std::string what = short_type(layer.type);
        if (layer.kind == LayerKind::Span) {
            Spans sp;
            read_spans(layer, sp);
            st.notes.add("annotations of span layer " + what + " not imported (only NamedEntity spans become mentions)", fname, sp.list.size());
            continue;
        }
        if (layer.kind == LayerKind::Chain) {
            // Elements are numbered "->CHAIN-ELEMENT" in the link column; count distinct ones.
            std::set<std::string> elements, chains;
            for (size_t ui = 0; ui < units.size(); ++ui)
                for (size_t c : layer.columns)
                    for (auto v : split_stack(units[ui].cells[c])) {
                        size_t arrow = v.rfind("->");
                        if (arrow != std::string_view::npos && (arrow == 0 || v[arrow - 1] != '\\')) {
                            std::string el(v.substr(arrow + 2));
                            elements.insert(el);
                            chains.insert(el.substr(0, el.find('-')));
                        }
                    }
            st.notes.add("links of chain layer " + what + " (" + std::to_string(chains.size()) +
                             " chains) not imported (Postil has no coreference chains)", fname, elements.size());
            continue;
        }
        // Relation layer: which column holds the polarity?
        size_t pol_col = SIZE_MAX, src_col = SIZE_MAX;
        for (size_t c : layer.columns) {
            std::string fl = lower(cols[c].feature);
            if (cols[c].kind == ColKind::RelationSource)
                src_col = c;
            else if (pol_col == SIZE_MAX && (fl.find("polarity") != std::string::npos || fl.find("stance") != std::string::npos))
                pol_col = c;
        }
        size_t count = 0;
        for (size_t ui = 0; ui < units.size(); ++ui)
            if (unit_ok[ui] && units[ui].cells[src_col] != "_" && !units[ui].cells[src_col].empty())
                count += split_stack(units[ui].cells[src_col]).size();
        if (layer.base_type != kNamedEntity || pol_col == SIZE_MAX) {
            st.notes.add("relations of layer " + what + " not imported (only relation layers over NamedEntity with a polarity feature become stances)",
                         fname, count);
            continue;
        }
        for (size_t ui = 0; ui < units.size(); ++ui) {
            if (!unit_ok[ui])
                continue;
            const Unit& u = units[ui];
            std::string_view src_cell = u.cells[src_col];
            if (src_cell == "_" || src_cell.empty())
                continue;
            auto sources = split_stack(src_cell);
            auto pols = split_stack(u.cells[pol_col]);
            for (size_t k = 0; k < sources.size(); ++k) {
                std::string where = fname + ":" + std::to_string(u.line);
                std::string_view src_unit, ids;
                split_suffix(sources[k], src_unit, ids);
                std::string_view src_id, tgt_id;
                if (!ids.empty()) {
                    size_t us = ids.find('_');
                    src_id = ids.substr(0, us);
                    tgt_id = us == std::string_view::npos ? std::string_view() : ids.substr(us + 1);
                }
                auto su = unit_by_id.find(std::string(src_unit));
                std::optional<size_t> hs = su == unit_by_id.end() ? std::nullopt : ne_at(su->second, src_id);
                std::optional<size_t> ts = ne_at(ui, tgt_id);
                std::string_view pv, pid;
                if (k < pols.size())
                    split_suffix(pols[k], pv, pid);
                std::string pol = k < pols.size() && pv != "*" && pv != "_" ? unescape_value(pv) : std::string();
                if (!hs || !ts || !mention_of[*hs] || !mention_of[*ts]) {
                    st.notes.add("stance relations whose ends are not imported NamedEntity spans not imported", fname, 1, where);
                    continue;
                }
                if (pol.empty()) {
                    st.notes.add("stance relations without a polarity value not imported", fname, 1, where);
                    continue;
                }
                const Polarity* p = polarity_ci(out.schema, pol);
                if (!p) {
                    out.schema.polarities.push_back({pol, pol, 0x7F7F7F, ""});
                    st.notes.add("polarities added to the schema", fname, 1, pol);
                    p = &out.schema.polarities.back();
                }
                Stance s;
                s.id = "s" + std::to_string(++st.next_stance);
                s.doc_id = doc.id;
                s.holder = {StanceRef::Kind::Mention, out.mentions[*mention_of[*hs]].id};
                s.target = {StanceRef::Kind::Mention, out.mentions[*mention_of[*ts]].id};
                s.polarity = p->id;
                s.annotator = annotator;
                out.stances.push_back(std::move(s));
            }
        }
    }

    doc.text = std::make_shared<const Text>(std::move(t));
    out.documents.push_back(std::move(doc));
}

void import_webanno(const std::vector<InputFile>& files, Project& out, const ImportOptions& opts, ImportReport& report)
{
    ImportState st{out, opts, report, {}, {}, {}, {}, {}};
    for (const auto& f : files)
        import_file(st, f);
    if (!st.errors.empty())
        throw InputError{st.errors};
    // Entities: ids named by postil:<id> identifiers first, then e1, e2 ...
    std::set<std::string> used;
    for (auto& e : st.entities)
        if (!e.wanted.empty() && used.insert(e.wanted).second)
            e.id = e.wanted;
    int n = 0;
    for (auto& e : st.entities) {
        if (!e.id.empty())
            continue;
        do
            e.id = "e" + std::to_string(++n);
        while (used.count(e.id));
        used.insert(e.id);
    }
    for (auto [mi, ei] : st.links)
        out.mentions[mi].entity_id = st.entities[ei].id;
    for (const auto& d : st.entities) {
        Entity e;
        e.id = d.id;
        e.name = d.name;
        e.type = d.type;
        e.external_id = d.ref;
        e.annotator = out.annotator;
        out.entities.push_back(e);
    }
    st.notes.flush(report.notes);
}

// [SECTION] export

std::vector<OutputFile> export_webanno(const Project& p, const ExportOptions& opts, ExportReport& report)
{
    Tally loss;
    std::vector<OutputFile> files;
    std::set<std::string> bases;
    size_t n_tokens = 0, n_sentences = 0, n_mentions = 0, n_stances = 0;
    for (const auto& doc : p.documents) {
        const Text& t = *doc.text;
        std::string base = file_base(doc.id);
        for (int n = 2; bases.count(lower(base)); ++n)
            base = file_base(doc.id) + "-" + std::to_string(n);
        bases.insert(lower(base));
        if (base != doc.id)
            loss.add("document ids changed to make file names (import gives the file name back as the id)", "", 1, doc.id + " -> " + base);

        // Tokens grouped by sentence; a token outside every sentence gets a sentence of its own.
        std::vector<Token> tokens = tokenize(t);
        std::vector<Span> sents = sentences(t, tokens);
        struct Sent { Span span; std::vector<size_t> toks; };
        std::vector<Sent> rows;
        size_t k = 0;
        int current = -1;
        for (size_t i = 0; i < tokens.size(); ++i) {
            while (k < sents.size() && sents[k].end <= tokens[i].start)
                ++k;
            bool inside = k < sents.size() && sents[k].start <= tokens[i].start && tokens[i].end <= sents[k].end;
            if (inside && current == static_cast<int>(k)) {
                rows.back().toks.push_back(i);
            } else if (inside) {
                rows.push_back({{tokens[i].start, sents[k].end}, {i}});
                current = static_cast<int>(k);
            } else {
                rows.push_back({{tokens[i].start, tokens[i].end}, {i}});
                current = -1;
            }
        }
        std::vector<std::string> token_id(tokens.size());
        for (size_t s = 0; s < rows.size(); ++s)
            for (size_t j = 0; j < rows[s].toks.size(); ++j)
                token_id[rows[s].toks[j]] = std::to_string(s + 1) + "-" + std::to_string(j + 1);

        // What the text loses: the reader rebuilds what lies outside sentences as line breaks
        // (and ends the text with exactly one), so only such stretches come back unchanged.
        size_t gaps = 0;
        uint32_t prev = 0;
        for (const auto& row : rows) {
            for (uint32_t c = prev; c < row.span.start; ++c)
                if (t.at(c) != '\n') {
                    ++gaps;
                    break;
                }
            prev = row.span.end;
        }
        if (!rows.empty() && !(t.size() == prev + 1 && t.at(prev) == '\n'))
            ++gaps;
        if (gaps)
            loss.add("stretches of whitespace between sentences (or at the end of a text) that are not line breaks: TSV does not store them, they read back as line breaks",
                     base + ".tsv", gaps);
        if (tokens.empty() && t.size() > 0)
            loss.add("documents without any token: their text is not written", "", 1, doc.id);

        // Mentions snapped to whole tokens.
        auto first_token = [&](uint32_t start) {
            return static_cast<size_t>(std::upper_bound(tokens.begin(), tokens.end(), start,
                                                        [](uint32_t v, const Token& tk) { return v < tk.end; }) - tokens.begin());
        };
        struct Placed { const Mention* m; size_t t0, t1; int id = 0; }; // tokens [t0, t1]
        std::vector<Placed> placed;
        std::map<std::string, size_t> placed_of;
        const size_t mb = p.mention_range(doc.id).first, me = p.mention_range(doc.id).second; // captured below
        for (size_t i = mb; i < me; ++i) {
            const Mention& m = p.mentions[i];
            size_t t0 = first_token(m.start);
            if (m.start >= m.end || t0 >= tokens.size() || tokens[t0].start >= m.end) {
                loss.add("mentions that cover no token (only spaces) not written", "", 1, m.id);
                continue;
            }
            size_t t1 = t0;
            while (t1 + 1 < tokens.size() && tokens[t1 + 1].start < m.end)
                ++t1;
            if (tokens[t0].start != m.start || tokens[t1].end != m.end)
                loss.add("mentions not on token boundaries widened to whole tokens", "", 1,
                         m.id + " " + quote_short(t.slice(m.start, m.end)) + " -> " + quote_short(t.slice(tokens[t0].start, tokens[t1].end)));
            placed_of[m.id] = placed.size();
            placed.push_back({&m, t0, t1});
            if (!m.note.empty())
                loss.add("mention notes not written", "", 1, m.id);
            if (!m.attributes.empty())
                loss.add("mention attributes not written", "", 1, m.id);
        }
        // Per token: the mentions on it, in mention order (that is the stacking order).
        std::vector<std::vector<size_t>> on_token(tokens.size());
        for (size_t i = 0; i < placed.size(); ++i)
            for (size_t tk = placed[i].t0; tk <= placed[i].t1; ++tk)
                on_token[tk].push_back(i);
        // Disambiguation ids for spans over several tokens or stacked with another span.
        int next_id = 0;
        for (size_t i = 0; i < placed.size(); ++i) {
            bool stacked = false;
            for (size_t tk = placed[i].t0; tk <= placed[i].t1; ++tk)
                stacked |= on_token[tk].size() > 1;
            if (placed[i].t1 > placed[i].t0 || stacked)
                placed[i].id = ++next_id;
        }

        // Stances between two written mentions: a relation row on the target's first token.
        struct Rel { std::string polarity, source; };
        std::vector<std::vector<Rel>> rels(tokens.size());
        size_t doc_stances = 0;
        for (const auto& s : p.stances) {
            if (s.doc_id != doc.id)
                continue;
            auto end_of = [&, mb = mb, me = me](const StanceRef& r, bool& approx) -> const Placed* {
                std::string mid;
                if (r.kind == StanceRef::Kind::Mention)
                    mid = r.id;
                else if (r.kind == StanceRef::Kind::Entity) {
                    for (size_t i = mb; i < me && mid.empty(); ++i)
                        if (p.mentions[i].entity_id == r.id && placed_of.count(p.mentions[i].id))
                            mid = p.mentions[i].id;
                    approx = !mid.empty();
                }
                auto it = placed_of.find(mid);
                return it == placed_of.end() ? nullptr : &placed[it->second];
            };
            bool approx = false;
            const Placed* h = end_of(s.holder, approx);
            const Placed* g = end_of(s.target, approx);
            if (s.target.kind == StanceRef::Kind::Target) {
                loss.add("stances toward schema targets not written (TSV relations join two spans)", "", 1, s.id);
                continue;
            }
            if (!h || !g) {
                loss.add("stances whose holder or target is not a written mention not written", "", 1, s.id);
                continue;
            }
            std::string src = token_id[h->t0];
            if (h->id || g->id)
                src += "[" + std::to_string(h->id) + "_" + std::to_string(g->id) + "]";
            rels[g->t0].push_back({escape_value(s.polarity), src});
            ++n_stances;
            ++doc_stances;
            if (approx)
                loss.add("stances on entities written between the entities' first mentions in the document", "", 1, s.id);
            if (s.evidence)
                loss.add("stance evidence spans not written", "", 1, s.id);
            if (!s.note.empty() || s.confidence != 1.0)
                loss.add("stance notes or confidences not written", "", 1, s.id);
        }
        for (const auto& ds : p.doc_stances)
            if (ds.doc_id == doc.id)
                loss.add("document-level stances not written (TSV has no document-level layer)", "", 1, ds.id);

        // The file.
        std::string o = "#FORMAT=WebAnno TSV 3.3\n";
        o += std::string("#T_SP=") + kNamedEntity + "|identifier|value\n";
        if (doc_stances)
            o += std::string("#T_RL=") + kStanceLayer + "|polarity|BT_" + kNamedEntity + "\n";
        o += "\n";
        for (size_t s = 0; s < rows.size(); ++s) {
            o += "\n";
            std::string_view st = t.slice(rows[s].span.start, rows[s].span.end);
            size_t from = 0;
            for (size_t i = 0; i <= st.size(); ++i)
                if (i == st.size() || st[i] == '\n') {
                    o += "#Text=" + escape_text(st.substr(from, i - from)) + "\n";
                    from = i + 1;
                }
            ++n_sentences;
            for (size_t ti : rows[s].toks) {
                const Token& tk = tokens[ti];
                o += token_id[ti] + "\t" + std::to_string(t.utf16_of(tk.start)) + "-" + std::to_string(t.utf16_of(tk.end)) + "\t" +
                     std::string(t.slice(tk.start, tk.end)) + "\t";
                ++n_tokens;
                std::string ident, value;
                for (size_t pi : on_token[ti]) {
                    const Placed& pl = placed[pi];
                    std::string suffix = pl.id ? "[" + std::to_string(pl.id) + "]" : "";
                    std::string ref = "*";
                    if (!pl.m->entity_id.empty()) {
                        const Entity* e = p.entity(pl.m->entity_id);
                        ref = escape_value(e && !e->external_id.empty() ? e->external_id : kPostilRef + pl.m->entity_id);
                    }
                    ident += (ident.empty() ? "" : "|") + ref + suffix;
                    value += (value.empty() ? "" : "|") + escape_value(pl.m->type) + suffix;
                }
                o += (ident.empty() ? "_" : ident) + "\t" + (value.empty() ? "_" : value) + "\t";
                if (doc_stances) {
                    std::string pol, src;
                    for (const Rel& r : rels[ti]) {
                        pol += (pol.empty() ? "" : "|") + r.polarity;
                        src += (src.empty() ? "" : "|") + r.source;
                    }
                    o += (pol.empty() ? "_" : pol) + "\t" + (src.empty() ? "_" : src) + "\t";
                }
                o += "\n";
            }
        }
        n_mentions += placed.size();
        files.push_back({base + ".tsv", o});
    }
    for (const auto& e : p.entities)
        if (!e.name.empty() || !e.note.empty()) {
            loss.add("entity names and notes not written (only the identifier is; names read back from the first mention)", "", 1);
            break;
        }
    bool annotators = false;
    for (const auto& m : p.mentions)
        annotators |= !m.annotator.empty();
    if (annotators)
        loss.add("annotator names not written (one TSV file is one annotator's work)", "", 1);
    bool meta = false;
    for (const auto& d : p.documents)
        meta |= d.status != DocStatus::Todo || !d.meta.empty() || (!d.name.empty() && d.name != file_base(d.id) + ".tsv");
    if (meta)
        loss.add("document names, status and metadata not written", "", 1);

    report.counts["documents"] = p.documents.size();
    report.counts["sentences"] = n_sentences;
    report.counts["tokens"] = n_tokens;
    report.counts["mentions"] = n_mentions;
    report.counts["stances"] = n_stances;
    loss.flush(report.losses);
    if (opts.strict && !report.losses.empty()) {
        Diagnostics d;
        for (const auto& l : report.losses)
            d.push_back({"", 0, 0, "", "WebAnno TSV cannot hold: " + l});
        throw InputError{d};
    }
    return files;
}

int detect_webanno(const InputFile& in)
{
    std::string_view b = in.bytes;
    if (starts_with(b, "\xEF\xBB\xBF"))
        b.remove_prefix(3);
    if (starts_with(b, "#FORMAT=WebAnno TSV"))
        return 100;
    std::string n = lower(base_name(in.name));
    return n.size() > 4 && n.compare(n.size() - 4, 4, ".tsv") == 0 ? 10 : 0;
}

} // namespace

const Format& webanno_format()
{
    static const Format f = [] {
        Format f;
        f.name = "webanno";
        f.description = "WebAnno / INCEpTION TSV 3.3 (NamedEntity layer, Stance relation layer)";
        f.offset_unit = "utf16";
        f.extension = ".tsv";
        f.multi_file = true;
        f.detect = detect_webanno;
        f.import_files = import_webanno;
        f.export_files = export_webanno;
        return f;
    }();
    return f;
}

} // namespace postil
