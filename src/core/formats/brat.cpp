// brat standoff: per document a .txt (the text) and a .ann (one record per line), plus an
// annotation.conf on export. Offsets are code points (brat indexes Python strings), the same
// unit as Postil, so no conversion; CRLF or a BOM in a .txt are mapped through explicitly.
//
// How Postil maps to brat (export) and back (import):
//   mention                 T1<TAB>PER 0 12<TAB>Dario Amodei   (split into fragments at line
//                           breaks, as brat cannot draw a span across one)
//   mention note            #1<TAB>AnnotatorNotes T1<TAB>note
//   mention attribute       A1<TAB>name T1 value   (value "true" or "" = binary attribute)
//   entity link             N1<TAB>Reference T1 wikidata:Q123<TAB>entity name
//                           (an entity without a DB:ID external id is written Postil:<entity id>)
//   stance mention->mention R1<TAB>FAVOR Arg1:T1 Arg2:T2   (relation typed by the polarity,
//                           Arg1 = holder, Arg2 = target; note -> #n AnnotatorNotes R1)
//   stance mention->topic   A1<TAB>Stance_<target id> T1 FAVOR   (attribute on the holder)
//   document stance         A1<TAB>Stance_<target id> T9 NEUTRAL on a "Document" span covering
//                           the first line of the text (brat has no document-level records)
// Import reads all of the above plus what other tools write: discontinuous T (kept as one
// mention over the covering span, reported), E events (a polarity-typed event with two
// arguments becomes a stance whose evidence is the trigger; other events are reported and
// their trigger spans kept as mentions), M (legacy attributes), other # comment types (kept
// as mention attributes), * Equiv/Alias groups (one canonical entity per group).
// Everything Postil cannot hold is counted in ImportReport::notes / ExportReport::losses.
// Does not do: tools.conf / visual.conf, reading annotation.conf (types come from the .ann),
// stance evidence or confidence on export (brat relations have no span), annotator names.
#include "format.h"
#include "standoff_common.h"

#include "core/text.h"

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

// [SECTION] small helpers

const char* const kStancePrefix = "Stance_";   // attribute name prefix for stances toward schema targets
const char* const kDocumentType = "Document";  // span type carrying document-level stances
const char* const kPostilDb = "postil:";       // normalization DB for entities without an external id

bool ends_with(const std::string& s, const char* suffix)
{
    size_t n = std::char_traits<char>::length(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

bool starts_with_ci(const std::string& s, const std::string& prefix)
{
    return s.size() >= prefix.size() && lower(s.substr(0, prefix.size())) == lower(prefix);
}

struct Piece {
    std::string_view text;
    size_t pos = 0; // byte offset in the line
};

// Splits on `sep`, dropping empty pieces (brat writers differ in trailing spaces / TABs).
std::vector<Piece> split(std::string_view s, size_t base, char sep)
{
    std::vector<Piece> out;
    size_t i = 0;
    while (i <= s.size()) {
        size_t j = s.find(sep, i);
        if (j == std::string_view::npos)
            j = s.size();
        if (j > i)
            out.push_back({s.substr(i, j - i), base + i});
        i = j + 1;
    }
    return out;
}

// Counts of what an import or export could not keep, merged over all files so a folder of
// 300 documents gives one line per kind, not 300.
struct Tally {
    struct Item {
        std::string what;
        size_t count = 0;
        std::map<std::string, size_t> files;  // file -> count
        std::map<std::string, size_t> kinds;  // e.g. relation type -> count
        std::string example;
    };
    std::vector<Item> items;

    Item& item(const std::string& what)
    {
        for (auto& it : items)
            if (it.what == what)
                return it;
        items.emplace_back();
        items.back().what = what;
        return items.back();
    }
    void add(const std::string& what, const std::string& file, size_t n = 1, const std::string& kind = {},
             const std::string& example = {})
    {
        if (n == 0)
            return;
        Item& it = item(what);
        it.count += n;
        if (!file.empty())
            it.files[file] += n;
        if (!kind.empty())
            it.kinds[kind] += n;
        if (it.example.empty())
            it.example = example;
    }
    void flush(std::vector<std::string>& out) const
    {
        for (const auto& it : items) {
            std::string s = std::to_string(it.count) + " " + it.what;
            if (!it.kinds.empty()) {
                std::vector<std::pair<std::string, size_t>> k(it.kinds.begin(), it.kinds.end());
                std::stable_sort(k.begin(), k.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
                s += " (";
                for (size_t i = 0; i < k.size() && i < 8; ++i)
                    s += (i ? ", " : "") + k[i].first + " " + std::to_string(k[i].second);
                if (k.size() > 8)
                    s += ", " + std::to_string(k.size() - 8) + " more types";
                s += ")";
            }
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

// [SECTION] reading .ann records

struct Record {
    char kind = 0;      // 'T' 'R' 'E' 'A' 'M' 'N' '#' '*'
    std::string id;     // "T3"; "*" for equivalences (they have no id)
    std::string type;   // entity / relation / event / attribute / normalization / comment type
    int line = 0;
    // T: fragments in code points of the raw .txt, and the text field
    std::vector<std::pair<uint32_t, uint32_t>> frags;
    int offsets_col = 0;
    std::string text;
    bool has_text = false;
    // R, E, *: (role, id) arguments; E: its trigger
    std::vector<std::pair<std::string, std::string>> args;
    std::vector<int> arg_cols;
    std::string trigger;
    int trigger_col = 0;
    // A, M, N, #: the annotation they are about; value / reference / comment text
    std::string target;
    int target_col = 0;
    std::string value;
    bool has_value = false;
    bool bad = false;
};

// Parses one line. Returns false for blank lines and for bad ones (diagnostic added).
bool parse_record(std::string_view line, int number, const std::string& file, Record& r, Diagnostics& errs)
{
    auto fail = [&](size_t pos, const std::string& msg) {
        errs.push_back({file, number, column_of(line, pos), "", msg});
        return false;
    };
    if (line.find_first_not_of(" \t") == std::string_view::npos)
        return false;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
        return fail(0, "expected a record 'ID<TAB>...' (T1, R1, E1, A1, M1, N1, #1 or *), found no TAB");
    r.id = std::string(line.substr(0, tab));
    r.line = number;
    r.kind = r.id.empty() ? 0 : r.id[0];
    if (std::string_view("TREAMN#*").find(r.kind) == std::string_view::npos || r.kind == 0)
        return fail(0, "unknown record id '" + r.id + "': expected an id starting with T, R, E, A, M, N, # or *");
    if (r.kind == '*' ? r.id != "*" : r.id.size() < 2 || r.id.find(' ') != std::string::npos)
        return fail(0, "malformed record id '" + r.id + "'");
    std::string_view rest = line.substr(tab + 1);
    size_t tab2 = rest.find('\t');
    std::string_view core = rest.substr(0, tab2);
    size_t core_pos = tab + 1;
    if (tab2 != std::string_view::npos) {
        r.has_text = true;
        r.text = std::string(rest.substr(tab2 + 1));
    }
    std::vector<Piece> tok = split(core, core_pos, ' ');
    if (tok.empty())
        return fail(core_pos, "expected a type after the TAB");
    auto role_arg = [&](const Piece& p, std::string& role, std::string& id) {
        size_t colon = p.text.find(':');
        if (colon == std::string_view::npos || colon == 0 || colon + 1 == p.text.size()) {
            fail(p.pos, "expected an argument ROLE:ID, found " + quote_short(p.text));
            return false;
        }
        role = std::string(p.text.substr(0, colon));
        id = std::string(p.text.substr(colon + 1));
        return true;
    };
    switch (r.kind) {
    case 'T': {
        r.type = std::string(tok[0].text);
        if (tok.size() < 3)
            return fail(tok.back().pos + tok.back().text.size(), "expected 'TYPE START END' (code point offsets) after the TAB");
        // Offsets: "s e" or "s e;s e;..." - the rest of the core after the type.
        size_t off_pos = tok[1].pos;
        r.offsets_col = column_of(line, off_pos);
        std::string_view offs = line.substr(off_pos, core_pos + core.size() - off_pos);
        for (const Piece& frag : split(offs, off_pos, ';')) {
            std::vector<Piece> se = split(frag.text, frag.pos, ' ');
            uint32_t s = 0, e = 0;
            if (se.size() != 2 || !parse_uint(se[0].text, s) || !parse_uint(se[1].text, e))
                return fail(frag.pos, "expected offsets 'START END' (or 'START END;START END' for fragments), found " + quote_short(frag.text));
            if (e < s)
                return fail(frag.pos, "fragment ends (" + std::to_string(e) + ") before it starts (" + std::to_string(s) + ")");
            r.frags.push_back({s, e});
        }
        if (r.frags.empty())
            return fail(off_pos, "expected offsets 'START END'");
        return true;
    }
    case 'R': {
        r.type = std::string(tok[0].text);
        if (tok.size() != 3)
            return fail(tok[0].pos, "a relation needs a type and two arguments (TYPE Arg1:ID Arg2:ID), found " +
                                        std::to_string(tok.size() - 1) + " argument(s)");
        for (size_t i = 1; i < 3; ++i) {
            std::string role, id;
            if (!role_arg(tok[i], role, id))
                return false;
            r.args.push_back({role, id});
            r.arg_cols.push_back(column_of(line, tok[i].pos));
        }
        return true;
    }
    case 'E': {
        std::string role, id;
        if (!role_arg(tok[0], role, id))
            return false;
        r.type = role;
        r.trigger = id;
        r.trigger_col = column_of(line, tok[0].pos);
        for (size_t i = 1; i < tok.size(); ++i) {
            if (!role_arg(tok[i], role, id))
                return false;
            r.args.push_back({role, id});
            r.arg_cols.push_back(column_of(line, tok[i].pos));
        }
        return true;
    }
    case 'A':
    case 'M': {
        r.type = std::string(tok[0].text);
        if (tok.size() < 2)
            return fail(tok[0].pos + tok[0].text.size(), "expected 'NAME TARGET [VALUE]' after the TAB");
        r.target = std::string(tok[1].text);
        r.target_col = column_of(line, tok[1].pos);
        if (tok.size() > 2) {
            // Non-standard values with spaces (DKPro writes sentences there): keep them whole.
            size_t from = tok[2].pos;
            size_t to = tok.back().pos + tok.back().text.size();
            r.value = std::string(line.substr(from, to - from));
            r.has_value = true;
        }
        if (!r.text.empty()) // a value after a TAB: also non-standard, keep it
            r.value += (r.value.empty() ? "" : " ") + r.text, r.has_value = true;
        return true;
    }
    case 'N': {
        r.type = std::string(tok[0].text);
        if (tok.size() != 3)
            return fail(tok[0].pos, "expected 'TYPE TARGET DB:ID' after the TAB (e.g. 'Reference T1 Wikidata:Q42')");
        r.target = std::string(tok[1].text);
        r.target_col = column_of(line, tok[1].pos);
        r.value = std::string(tok[2].text);
        r.has_value = true;
        return true;
    }
    case '#': {
        r.type = std::string(tok[0].text);
        if (tok.size() < 2)
            return fail(tok[0].pos + tok[0].text.size(), "expected 'TYPE TARGET<TAB>text' after the TAB (e.g. 'AnnotatorNotes T1')");
        r.target = std::string(tok[1].text);
        r.target_col = column_of(line, tok[1].pos);
        r.value = r.text;
        r.has_value = r.has_text;
        return true;
    }
    case '*': {
        r.type = std::string(tok[0].text);
        if (tok.size() < 3)
            return fail(tok[0].pos, "an equivalence needs a type and at least two ids (e.g. 'Equiv T1 T2')");
        for (size_t i = 1; i < tok.size(); ++i) {
            r.args.push_back({"", std::string(tok[i].text)});
            r.arg_cols.push_back(column_of(line, tok[i].pos));
        }
        return true;
    }
    }
    return false;
}

// [SECTION] import

// Where imported mentions point before entities get their ids (done once all files are read,
// so ids named by "Postil:<id>" references are honoured first).
struct EntityDraft {
    std::string ref;     // "DB:ID" or "" for Equiv groups
    std::string wanted;  // id asked for by a Postil:<id> reference
    std::string name, type;
    std::string id;      // final id
};

struct ImportState {
    Project& out;
    const ImportOptions& opts;
    ImportReport& report;
    Diagnostics errors;
    Tally notes;
    std::vector<EntityDraft> entities;
    std::map<std::string, size_t> entity_by_ref; // lower-cased ref -> index in entities
    std::vector<std::pair<size_t, size_t>> links; // (mention index in out.mentions, entity draft)
    int next_mention = 0, next_stance = 0, next_doc_stance = 0;

    size_t entity_for_ref(const std::string& ref, const std::string& name, const std::string& type)
    {
        std::string key = lower(ref);
        auto it = entity_by_ref.find(key);
        if (it != entity_by_ref.end())
            return it->second;
        EntityDraft d;
        if (starts_with_ci(ref, kPostilDb))
            d.wanted = ref.substr(std::char_traits<char>::length(kPostilDb));
        else
            d.ref = ref;
        d.name = name;
        d.type = type;
        entities.push_back(d);
        entity_by_ref[key] = entities.size() - 1;
        return entities.size() - 1;
    }
};

// Raw .txt code point -> normalised text code point, when normalize_newlines changed the text
// (a BOM or CRLF); brat counts those characters, Postil does not.
std::vector<uint32_t> raw_to_text_map(std::string_view raw)
{
    std::vector<uint32_t> map;
    size_t i = 0;
    uint32_t n = 0;
    bool first = true;
    while (i < raw.size()) {
        char32_t cp = decode_utf8(raw, i);
        map.push_back(n);
        bool dropped = (first && cp == 0xFEFF) || (cp == '\r' && i < raw.size() && raw[i] == '\n');
        first = false;
        if (!dropped)
            ++n;
    }
    map.push_back(n);
    return map;
}

void import_document(ImportState& st, const InputFile& txt, const InputFile* ann)
{
    Project& out = st.out;
    const std::string ann_name = ann ? base_name(ann->name) : std::string();
    Text text;
    try {
        text = Text::from_bytes(txt.bytes, txt.name);
    } catch (const InputError& e) {
        st.errors.insert(st.errors.end(), e.diagnostics.begin(), e.diagnostics.end());
        return;
    }
    std::vector<uint32_t> cp_map;
    size_t raw_size = text.size();
    if (text.utf8().size() != txt.bytes.size()) {
        cp_map = raw_to_text_map(txt.bytes);
        raw_size = cp_map.size() - 1;
        st.notes.add("documents with CRLF line ends or a BOM: brat offsets (which count them) were mapped to the normalised text",
                     base_name(txt.name));
    }
    auto to_text = [&](uint32_t raw) { return cp_map.empty() ? raw : cp_map[raw]; };

    Document doc;
    std::string stem = base_name(txt.name);
    stem = stem.substr(0, stem.size() - 4);
    doc.id = stem.empty() ? "doc" : stem;
    for (int n = 2; out.document(doc.id); ++n)
        doc.id = (stem.empty() ? "doc" : stem) + "-" + std::to_string(n);
    doc.name = base_name(txt.name);
    doc.text = std::make_shared<const Text>(std::move(text));
    const Text& t = *doc.text;

    // Pass 1: records.
    Diagnostics errs;
    std::vector<Record> recs;
    if (ann) {
        if (auto bad = find_invalid_utf8(ann->bytes)) {
            Diagnostic d{ann->name, 0, 0, "", bad->message + " at byte offset " + std::to_string(bad->byte_offset)};
            if (!st.opts.skip_bad) {
                st.errors.push_back(d);
                return;
            }
            st.report.skipped.push_back(d); // keep the text, without annotations
            ann = nullptr;
        }
    }
    if (ann) {
        std::string_view bytes = ann->bytes;
        if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF")
            bytes.remove_prefix(3);
        for (auto [line, number] : split_lines(bytes)) {
            Record r;
            if (parse_record(line, number, ann->name, r, errs))
                recs.push_back(std::move(r));
        }
    }
    // Pass 2: ids, bounds, references (records may refer to ids defined further down).
    std::map<std::string, size_t> by_id;
    auto bad = [&](Record& r, int col, const std::string& msg) {
        if (!r.bad)
            errs.push_back({ann->name, r.line, col, "", msg});
        r.bad = true;
    };
    for (size_t i = 0; i < recs.size(); ++i) {
        Record& r = recs[i];
        if (r.kind == '*')
            continue;
        auto [it, fresh] = by_id.emplace(r.id, i);
        if (!fresh)
            bad(r, 1, "duplicate id " + r.id + " (first defined on line " + std::to_string(recs[it->second].line) + ")");
        if (r.kind == 'T')
            for (auto [s, e] : r.frags)
                if (e > raw_size)
                    bad(r, r.offsets_col, r.id + ": fragment " + std::to_string(s) + "-" + std::to_string(e) + " ends after the text (" +
                                  std::to_string(raw_size) + " code points in " + base_name(txt.name) + ")");
    }
    // Resolves an id used by record r; `kinds` lists the record kinds allowed there.
    auto ref = [&](Record& r, const std::string& id, int col, const char* kinds, const char* what) -> Record* {
        auto it = by_id.find(id);
        if (it == by_id.end() || recs[it->second].id != id) {
            bad(r, col, r.id + ": " + what + " " + id + " is not defined in this file");
            return nullptr;
        }
        Record& x = recs[it->second];
        if (std::string_view(kinds).find(x.kind) == std::string_view::npos) {
            bad(r, col, r.id + ": " + what + " " + id + " is a " + std::string(1, x.kind) + " record, expected one of " + kinds);
            return nullptr;
        }
        if (x.bad) {
            bad(r, col, r.id + ": " + what + " " + id + " (line " + std::to_string(x.line) + ") is not valid");
            return nullptr;
        }
        return &x;
    };
    // Bad records make the records using them bad: repeat until nothing changes.
    for (bool changed = true; changed;) {
        changed = false;
        for (auto& r : recs) {
            if (r.bad)
                continue;
            switch (r.kind) {
            case 'R':
                for (size_t k = 0; k < r.args.size(); ++k)
                    ref(r, r.args[k].second, r.arg_cols[k], "TE", "argument");
                break;
            case 'E':
                ref(r, r.trigger, r.trigger_col, "T", "trigger");
                for (size_t k = 0; k < r.args.size(); ++k)
                    ref(r, r.args[k].second, r.arg_cols[k], "TE", "argument");
                break;
            case 'A': case 'M': case 'N': case '#':
                ref(r, r.target, r.target_col, "TREAMN#", "target");
                break;
            case '*':
                for (size_t k = 0; k < r.args.size(); ++k)
                    ref(r, r.args[k].second, r.arg_cols[k], "T", "member");
                break;
            }
            changed |= r.bad;
        }
    }
    if (keep_errors(errs, st.opts.skip_bad, st.errors, st.report))
        return;

    auto get = [&](const std::string& id) -> Record* {
        auto it = by_id.find(id);
        return it == by_id.end() || recs[it->second].bad ? nullptr : &recs[it->second];
    };
    auto covering = [&](const Record& r) {
        uint32_t s = r.frags.front().first, e = r.frags.front().second;
        for (auto [a, b] : r.frags)
            s = std::min(s, a), e = std::max(e, b);
        return Span{to_text(s), to_text(e)};
    };

    // Which T are not mentions: Document spans carrying document stances, stance-event triggers.
    std::set<std::string> doc_markers, stance_triggers;
    for (auto& r : recs)
        if (!r.bad && r.kind == 'A' && starts_with_ci(r.type, kStancePrefix))
            if (Record* x = get(r.target); x && x->kind == 'T' && x->type == kDocumentType)
                doc_markers.insert(x->id);
    auto stance_event = [&](const Record& r) {
        return r.kind == 'E' && polarity_ci(out.schema, r.type) && r.args.size() == 2 && get(r.args[0].second) &&
               get(r.args[0].second)->kind == 'T' && get(r.args[1].second) && get(r.args[1].second)->kind == 'T' &&
               !doc_markers.count(r.args[0].second) && !doc_markers.count(r.args[1].second);
    };
    for (auto& r : recs)
        if (!r.bad && stance_event(r))
            stance_triggers.insert(r.trigger);

    // Mentions.
    std::map<std::string, size_t> mention_of; // T id -> index in out.mentions
    const std::string annotator = out.annotator;
    for (auto& r : recs) {
        if (r.bad || r.kind != 'T')
            continue;
        // The text field is informative; the offsets decide. Compare them, report differences.
        if (r.has_text) {
            std::string expect;
            for (size_t k = 0; k < r.frags.size(); ++k) {
                if (k)
                    expect += ' ';
                expect += std::string(t.slice(to_text(r.frags[k].first), to_text(r.frags[k].second)));
            }
            std::string given = r.text;
            for (std::string* s : {&expect, &given})
                for (char& c : *s)
                    if (c == '\n' || c == '\t' || c == '\r')
                        c = ' ';
            if (expect != given)
                st.notes.add("T records whose text field differs from the .txt at their offsets (offsets kept, text field ignored)",
                             ann_name, 1, "", ann_name + ":" + std::to_string(r.line) + " " + r.id + " says " + quote_short(r.text) +
                                                   ", the .txt has " + quote_short(expect));
        }
        if (doc_markers.count(r.id) || stance_triggers.count(r.id))
            continue;
        Span sp = covering(r);
        if (sp.start == sp.end) {
            st.notes.add("empty T spans not imported (Postil mentions are non-empty)", ann_name, 1, "",
                         ann_name + ":" + std::to_string(r.line) + " " + r.id);
            continue;
        }
        if (r.frags.size() > 1) {
            // Gaps made only of whitespace (brat splits spans at line breaks) lose nothing.
            bool blank_gaps = true;
            auto f = r.frags;
            std::sort(f.begin(), f.end());
            for (size_t k = 1; k < f.size(); ++k)
                for (uint32_t c = to_text(f[k - 1].second); c < to_text(f[k].first) && c < t.size(); ++c)
                    blank_gaps &= t.at(c) == ' ' || t.at(c) == '\n' || t.at(c) == '\t';
            std::string frags;
            for (auto [a, b] : r.frags)
                frags += (frags.empty() ? "" : ";") + std::to_string(a) + " " + std::to_string(b);
            if (blank_gaps)
                st.notes.add("discontinuous T split only at line breaks or spaces imported as one mention over the covering span",
                             ann_name, 1, "", ann_name + ":" + std::to_string(r.line) + " " + r.id + " '" + frags + "'");
            else
                st.notes.add("discontinuous T imported as one mention over the covering span (the text in the gaps is now inside the mention)",
                             ann_name, 1, "", ann_name + ":" + std::to_string(r.line) + " " + r.id + " '" + frags + "' -> " +
                                                  std::to_string(sp.start) + "-" + std::to_string(sp.end));
        }
        ensure_entity_type(out.schema, r.type);
        Mention m;
        m.id = "m" + std::to_string(++st.next_mention);
        m.doc_id = doc.id;
        m.start = sp.start;
        m.end = sp.end;
        m.type = r.type;
        m.annotator = annotator;
        mention_of[r.id] = out.mentions.size();
        out.mentions.push_back(std::move(m));
    }
    auto mention = [&](const std::string& id) -> Mention* {
        auto it = mention_of.find(id);
        return it == mention_of.end() ? nullptr : &out.mentions[it->second];
    };

    // Stances from relations and events typed by a polarity; everything else is counted.
    std::map<std::string, size_t> stance_of; // R/E id -> index in out.stances
    auto add_stance = [&](const Record& r, const std::string& holder, const std::string& target, std::optional<Span> evidence) {
        Stance s;
        s.id = "s" + std::to_string(++st.next_stance);
        s.doc_id = doc.id;
        s.holder = {StanceRef::Kind::Mention, mention(holder)->id};
        s.target = {StanceRef::Kind::Mention, mention(target)->id};
        s.polarity = polarity_ci(out.schema, r.type)->id;
        s.evidence = evidence;
        s.annotator = annotator;
        stance_of[r.id] = out.stances.size();
        out.stances.push_back(std::move(s));
    };
    // Holder = the argument named Arg1 / Holder / Source / Subject, else the first one.
    auto holder_first = [](const Record& r) {
        static const char* holder_roles[] = {"arg1", "holder", "source", "subject", "from"};
        for (const char* h : holder_roles)
            if (lower(r.args[1].first) == h && lower(r.args[0].first) != h)
                return false;
        return true;
    };
    std::string polarities;
    for (const auto& p : out.schema.polarities)
        polarities += (polarities.empty() ? "" : "/") + p.id;
    for (auto& r : recs) {
        if (r.bad)
            continue;
        if (r.kind == 'R') {
            bool h0 = holder_first(r);
            const std::string& h = r.args[h0 ? 0 : 1].second;
            const std::string& g = r.args[h0 ? 1 : 0].second;
            if (polarity_ci(out.schema, r.type) && mention(h) && mention(g))
                add_stance(r, h, g, std::nullopt);
            else if (polarity_ci(out.schema, r.type))
                st.notes.add("stance relations (R) between something other than two mentions not imported", ann_name, 1, r.type,
                             ann_name + ":" + std::to_string(r.line) + " " + r.id);
            else
                st.notes.add("relations (R) not imported: only relations typed by a stance polarity (" + polarities + ") become stances",
                             ann_name, 1, r.type);
        } else if (r.kind == 'E') {
            if (stance_triggers.count(r.trigger) && stance_event(r)) {
                Span ev = covering(*get(r.trigger));
                bool h0 = holder_first(r);
                add_stance(r, r.args[h0 ? 0 : 1].second, r.args[h0 ? 1 : 0].second,
                           ev.start < ev.end ? std::optional<Span>(ev) : std::nullopt);
            } else {
                st.notes.add("events (E) not imported: Postil has no events (their trigger spans are kept as mentions)", ann_name, 1, r.type);
            }
        }
    }

    // Attributes, normalizations, notes, equivalences.
    std::map<std::string, size_t> note_count; // per target, to join several notes
    for (auto& r : recs) {
        if (r.bad)
            continue;
        const std::string where = ann_name + ":" + std::to_string(r.line) + " " + r.id;
        Record* x = (r.kind == 'A' || r.kind == 'M' || r.kind == 'N' || r.kind == '#') ? get(r.target) : nullptr;
        if (r.kind == 'A' || r.kind == 'M') {
            std::string value = r.has_value ? r.value : "true";
            // Stances toward schema targets (ours): Stance_<target> on a mention or a Document span.
            if (starts_with_ci(r.type, kStancePrefix) && x && x->kind == 'T' && polarity_ci(out.schema, value)) {
                std::string target = r.type.substr(std::char_traits<char>::length(kStancePrefix));
                if (!target.empty() && (doc_markers.count(x->id) || mention(x->id))) {
                    if (!out.schema.stance_target(target)) {
                        out.schema.stance_targets.push_back({target, target, ""});
                        st.notes.add("stance targets added to the schema", ann_name, 1, target);
                    }
                    if (doc_markers.count(x->id)) {
                        DocStance ds;
                        ds.id = "ds" + std::to_string(++st.next_doc_stance);
                        ds.doc_id = doc.id;
                        ds.target_id = target;
                        ds.polarity = polarity_ci(out.schema, value)->id;
                        ds.annotator = annotator;
                        out.doc_stances.push_back(ds);
                    } else {
                        Stance s;
                        s.id = "s" + std::to_string(++st.next_stance);
                        s.doc_id = doc.id;
                        s.holder = {StanceRef::Kind::Mention, mention(x->id)->id};
                        s.target = {StanceRef::Kind::Target, target};
                        s.polarity = polarity_ci(out.schema, value)->id;
                        s.annotator = annotator;
                        out.stances.push_back(std::move(s));
                    }
                    continue;
                }
            }
            if (x && mention(x->id)) {
                if (r.has_value && r.value.find(' ') != std::string::npos)
                    st.notes.add("attribute values containing spaces (not standard brat) kept whole", ann_name, 1, "", where);
                if (r.kind == 'M')
                    st.notes.add("M (modification) records read as attributes", ann_name);
                mention(x->id)->attributes[r.type] = value;
            } else {
                const char* on = !x ? "" : x->kind == 'E' ? "events" : x->kind == 'R' ? "relations" : doc_markers.count(x->id) ? "Document spans" : "other records";
                st.notes.add(std::string("attributes (") + r.kind + ") on " + on + " not imported", ann_name, 1, r.type);
            }
        } else if (r.kind == 'N') {
            if (x && mention(x->id)) {
                Mention* m = mention(x->id);
                if (!m->entity_id.empty()) {
                    st.notes.add("extra normalizations (N) on an already linked mention not imported (the first one is kept)", ann_name, 1, "", where);
                    continue;
                }
                std::string name = r.has_text && !r.text.empty() ? r.text : std::string(t.slice(m->start, m->end));
                size_t e = st.entity_for_ref(r.value, name, m->type);
                m->entity_id = "\x01"; // resolved once all files are read
                st.links.push_back({static_cast<size_t>(m - out.mentions.data()), e});
            } else {
                st.notes.add("normalizations (N) on something other than a mention not imported", ann_name, 1, "", where);
            }
        } else if (r.kind == '#') {
            bool notes_type = lower(r.type) == "annotatornotes";
            Mention* m = x ? mention(x->id) : nullptr;
            auto sit = x ? stance_of.find(x->id) : stance_of.end();
            if (m && notes_type) {
                m->note += (m->note.empty() ? "" : "\n") + r.value;
            } else if (m) {
                // Other comment kinds (TDT writes lemmas as "#1 Lemma T1 text"): an attribute.
                std::string v = r.value;
                size_t a = v.find_first_not_of(" \t"), b = v.find_last_not_of(" \t");
                v = a == std::string::npos ? std::string() : v.substr(a, b - a + 1);
                st.notes.add("'#' comments that are not AnnotatorNotes kept as a mention attribute named after their type (spaces around the text trimmed)",
                             ann_name, 1, r.type);
                m->attributes[r.type] = v;
            } else if (sit != stance_of.end() && notes_type) {
                Stance& s = out.stances[sit->second];
                s.note += (s.note.empty() ? "" : "\n") + r.value;
            } else {
                const char* on = !x ? "" : x->kind == 'E' ? "events" : x->kind == 'R' ? "relations that are not stances" : "other records";
                st.notes.add(std::string("notes (#) on ") + on + " not imported", ann_name, 1, "", where + " " + quote_short(r.value));
            }
        } else if (r.kind == '*') {
            // An equivalence says its members are the same thing: one canonical entity.
            std::vector<Mention*> members;
            for (const auto& a : r.args)
                if (Mention* m = mention(a.second))
                    members.push_back(m);
            if (members.size() < 2) {
                st.notes.add("equivalences (*) with fewer than two mentions not imported", ann_name, 1, r.type, where);
                continue;
            }
            // Reuse the entity a member is already linked to by a normalization (N).
            size_t entity = SIZE_MAX;
            std::set<size_t> linked;
            for (const auto& [mi, e] : st.links)
                for (Mention* m : members)
                    if (&out.mentions[mi] == m)
                        linked.insert(e);
            if (linked.size() > 1) {
                st.notes.add("equivalences (*) joining mentions normalized to different entities not imported", ann_name, 1, r.type, where);
                continue;
            }
            if (linked.size() == 1)
                entity = *linked.begin();
            else {
                st.entities.push_back({"", "", std::string(t.slice(members[0]->start, members[0]->end)), members[0]->type, ""});
                entity = st.entities.size() - 1;
            }
            for (Mention* m : members)
                if (m->entity_id.empty()) {
                    m->entity_id = "\x01";
                    st.links.push_back({static_cast<size_t>(m - out.mentions.data()), entity});
                }
            st.notes.add("equivalences (*) imported as canonical entities linking their mentions", ann_name, 1, r.type);
        }
    }
    if (!ann)
        st.notes.add(".txt files without a .ann imported as documents without annotations", base_name(txt.name));
    out.documents.push_back(std::move(doc));
}

void import_brat(const std::vector<InputFile>& files, Project& out, const ImportOptions& opts, ImportReport& report)
{
    ImportState st{out, opts, report, {}, {}, {}, {}, {}};
    // Pair by path without extension; fall back to the bare stem when that is unambiguous.
    std::vector<const InputFile*> txts, anns;
    for (const auto& f : files) {
        std::string b = lower(base_name(f.name));
        if (ends_with(b, ".txt"))
            txts.push_back(&f);
        else if (ends_with(b, ".ann"))
            anns.push_back(&f);
        else if (ends_with(b, ".conf"))
            st.notes.add("brat configuration files not read (types are taken from the .ann files)", base_name(f.name));
        else
            st.errors.push_back({f.name, 0, 0, "", "not a brat file: expected a .txt (text) or .ann (annotations) file name"});
    }
    auto key = [](const InputFile* f) { return f->name.substr(0, f->name.size() - 4); };
    auto stem = [](const InputFile* f) { std::string b = base_name(f->name); return b.substr(0, b.size() - 4); };
    std::map<const InputFile*, const InputFile*> ann_of;
    std::set<const InputFile*> used;
    for (const InputFile* a : anns) {
        const InputFile* match = nullptr;
        for (const InputFile* t : txts)
            if (key(t) == key(a) && !used.count(t))
                match = t;
        if (!match) {
            std::vector<const InputFile*> same;
            for (const InputFile* t : txts)
                if (stem(t) == stem(a) && !used.count(t))
                    same.push_back(t);
            if (same.size() == 1)
                match = same[0];
        }
        if (!match) {
            Diagnostic d{a->name, 0, 0, "", "no matching text file: expected " + stem(a) + ".txt next to " + base_name(a->name) +
                                                 " (brat offsets point into the .txt)"};
            (opts.skip_bad ? report.skipped : st.errors).push_back(d);
            continue;
        }
        used.insert(match);
        ann_of[match] = a;
    }
    for (const InputFile* t : txts) {
        auto it = ann_of.find(t);
        import_document(st, *t, it == ann_of.end() ? nullptr : it->second);
    }
    if (!st.errors.empty())
        throw InputError{st.errors};

    // Entities: ids named by Postil:<id> first, then e1, e2 ... for the rest.
    std::set<std::string> used_ids;
    for (auto& e : st.entities)
        if (!e.wanted.empty() && used_ids.insert(e.wanted).second)
            e.id = e.wanted;
    int n = 0;
    for (auto& e : st.entities) {
        if (!e.id.empty())
            continue;
        if (!e.wanted.empty())
            st.notes.add("Postil:<id> references naming the same entity id twice (given a fresh id)", "", 1, "", e.wanted);
        do
            e.id = "e" + std::to_string(++n);
        while (used_ids.count(e.id));
        used_ids.insert(e.id);
    }
    std::set<size_t> used_entities;
    for (auto [mi, ei] : st.links) {
        out.mentions[mi].entity_id = st.entities[ei].id;
        used_entities.insert(ei);
    }
    for (size_t i = 0; i < st.entities.size(); ++i) {
        if (!used_entities.count(i))
            continue;
        const EntityDraft& d = st.entities[i];
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

// brat type and attribute names cannot hold spaces or the record syntax characters.
std::string brat_name(const std::string& s)
{
    std::string o = s.empty() ? std::string("_") : s;
    for (char& c : o)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == ';' || c == '|' || c == ',' || c == '=')
            c = '_';
    return o;
}

std::string one_line(std::string s)
{
    for (char& c : s)
        if (c == '\n' || c == '\t' || c == '\r')
            c = ' ';
    return s;
}

// A reference in brat's DB:ID form, or Postil:<entity id> when the external id has no DB.
std::string entity_ref(const Entity& e)
{
    const std::string& x = e.external_id;
    size_t colon = x.find(':');
    bool db_id = colon != std::string::npos && colon > 0 && colon + 1 < x.size() && x.find_first_of(" \t\n\r") == std::string::npos;
    return db_id ? x : "Postil:" + e.id;
}

std::vector<OutputFile> export_brat(const Project& p, const ExportOptions& opts, ExportReport& report)
{
    Tally loss;
    std::vector<OutputFile> files;
    std::map<std::string, std::set<std::string>> attr_values; // attribute name -> values used
    std::set<std::string> entity_types_used;
    bool document_spans = false;
    size_t n_mentions = 0, n_stances = 0, n_doc_stances = 0, n_norm = 0, n_notes = 0, n_attrs = 0;
    std::set<std::string> bases;
    std::set<std::string> entities_written;

    for (const auto& doc : p.documents) {
        const Text& t = *doc.text;
        std::string base = file_base(doc.id);
        for (int n = 2; bases.count(lower(base)); ++n)
            base = file_base(doc.id) + "-" + std::to_string(n);
        bases.insert(lower(base));
        if (base != doc.id)
            loss.add("document ids changed to make file names (import gives the file name back as the id)", "", 1, "", doc.id + " -> " + base);
        if (!doc.name.empty() && doc.name != base + ".txt")
            loss.add("document names not written (files are named after document ids)", "", 1);
        if (doc.status != DocStatus::Todo || !doc.meta.empty())
            loss.add("documents whose status or metadata is not written (brat keeps only the text)", "", 1);

        std::string ann, rels, attrs, norms, notes;
        int nt = 0, nr = 0, na = 0, nn = 0, nc = 0;
        std::map<std::string, std::string> tid;          // mention id -> T id
        std::map<std::string, std::string> first_of;     // entity id -> T id of its first mention here
        auto note_line = [&](const std::string& on, const std::string& text) {
            std::string l = one_line(text);
            if (l != text)
                loss.add("notes with line breaks or TABs written on one line", "", 1);
            notes += "#" + std::to_string(++nc) + "\tAnnotatorNotes " + on + "\t" + l + "\n";
            ++n_notes;
        };
        auto attr_line = [&](const std::string& name, const std::string& on, const std::string& value) {
            std::string v = value;
            for (char& c : v)
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                    c = '_';
            if (v != value)
                loss.add("attribute values with spaces written with '_' instead (brat values are one word)", "", 1, "", name + "=" + quote_short(value));
            attrs += "A" + std::to_string(++na) + "\t" + name + " " + on + (v.empty() || v == "true" ? "" : " " + v) + "\n";
            attr_values[name].insert(v.empty() ? "true" : v);
            ++n_attrs;
        };
        auto [mb, me] = p.mention_range(doc.id);
        for (size_t i = mb; i < me; ++i) {
            const Mention& m = p.mentions[i];
            if (m.start >= m.end || m.end > t.size()) {
                loss.add("mentions with an empty or out-of-range span not written", "", 1, "", m.id);
                continue;
            }
            // Fragments split at line breaks (brat cannot show a span across one).
            std::vector<std::pair<uint32_t, uint32_t>> frags;
            uint32_t s = m.start;
            for (uint32_t c = m.start; c <= m.end; ++c) {
                if (c == m.end || t.at(c) == '\n') {
                    if (c > s)
                        frags.push_back({s, c});
                    s = c + 1;
                }
            }
            if (frags.empty())
                frags.push_back({m.start, m.end});
            std::string offs, text;
            for (auto [a, b] : frags) {
                offs += (offs.empty() ? "" : ";") + std::to_string(a) + " " + std::to_string(b);
                text += (text.empty() ? "" : " ") + one_line(std::string(t.slice(a, b)));
            }
            std::string type = brat_name(m.type);
            if (type != m.type)
                loss.add("entity types renamed for brat (no spaces or : ; | , =)", "", 1, m.type, m.type + " -> " + type);
            entity_types_used.insert(type);
            std::string id = "T" + std::to_string(++nt);
            tid[m.id] = id;
            ann += id + "\t" + type + " " + offs + "\t" + text + "\n";
            ++n_mentions;
            if (!m.entity_id.empty()) {
                first_of.emplace(m.entity_id, id);
                if (const Entity* e = p.entity(m.entity_id)) {
                    norms += "N" + std::to_string(++nn) + "\tReference " + id + " " + entity_ref(*e) + "\t" + one_line(e->name) + "\n";
                    ++n_norm;
                    entities_written.insert(e->id);
                } else {
                    loss.add("links to missing entities not written", "", 1, "", m.id + " -> " + m.entity_id);
                }
            }
            for (const auto& [k, v] : m.attributes) {
                std::string name = brat_name(k);
                if (name != k)
                    loss.add("attribute names renamed for brat (no spaces or : ; | , =)", "", 1, "", k + " -> " + name);
                attr_line(name, id, v);
            }
            if (!m.note.empty())
                note_line(id, m.note);
        }
        // A stance end: its mention, or for an entity, the entity's first mention here.
        auto end_of = [&](const StanceRef& r, bool& approx) -> std::string {
            if (r.kind == StanceRef::Kind::Mention) {
                auto it = tid.find(r.id);
                return it == tid.end() ? std::string() : it->second;
            }
            if (r.kind == StanceRef::Kind::Entity) {
                auto it = first_of.find(r.id);
                approx = it != first_of.end();
                return approx ? it->second : std::string();
            }
            return {};
        };
        std::set<std::pair<std::string, std::string>> topic_attrs; // (T id, attribute) written
        for (const auto& s : p.stances) {
            if (s.doc_id != doc.id)
                continue;
            bool approx = false;
            std::string h = end_of(s.holder, approx);
            std::string pol = brat_name(s.polarity);
            if (h.empty()) {
                loss.add("stances whose holder is not a mention (or an entity mentioned in the document) not written", "", 1, "", s.id);
                continue;
            }
            if (s.target.kind == StanceRef::Kind::Target) {
                std::string name = kStancePrefix + brat_name(s.target.id);
                if (!topic_attrs.insert({h, name}).second) {
                    loss.add("stances toward a target already given by the same holder mention not written (one attribute per mention and target)", "", 1, "", s.id);
                    continue;
                }
                attr_line(name, h, pol);
                ++n_stances;
                if (!s.note.empty() || s.evidence || s.confidence != 1.0)
                    loss.add("notes, evidence spans or confidences of stances toward schema targets not written (brat attributes hold one value)", "", 1, "", s.id);
            } else {
                std::string g = end_of(s.target, approx);
                if (g.empty()) {
                    loss.add("stances whose target is not a mention (or an entity mentioned in the document) not written", "", 1, "", s.id);
                    continue;
                }
                std::string id = "R" + std::to_string(++nr);
                rels += id + "\t" + pol + " Arg1:" + h + " Arg2:" + g + "\n";
                ++n_stances;
                if (!s.note.empty())
                    note_line(id, s.note);
                if (s.evidence)
                    loss.add("stance evidence spans not written (a brat relation has no span)", "", 1, "", s.id);
                if (s.confidence != 1.0)
                    loss.add("stance confidences not written", "", 1, "", s.id);
            }
            if (approx)
                loss.add("stances on entities written between the entities' first mentions in the document (they read back as mention stances)", "", 1, "", s.id);
            if (!s.annotator.empty())
                loss.add("annotator names not written (brat has no per-annotation annotator)", "", 1);
        }
        // Document stances: attributes on a Document span over the first line.
        std::string marker;
        for (const auto& ds : p.doc_stances) {
            if (ds.doc_id != doc.id)
                continue;
            if (marker.empty()) {
                uint32_t a = 0;
                while (a < t.size() && (t.at(a) == ' ' || t.at(a) == '\n' || t.at(a) == '\t'))
                    ++a;
                uint32_t b = a;
                while (b < t.size() && t.at(b) != '\n')
                    ++b;
                while (b > a && (t.at(b - 1) == ' ' || t.at(b - 1) == '\t'))
                    --b;
                if (a == b) {
                    loss.add("document stances of empty documents not written", "", 1, "", ds.id);
                    continue;
                }
                marker = "T" + std::to_string(++nt);
                ann += marker + "\t" + kDocumentType + " " + std::to_string(a) + " " + std::to_string(b) + "\t" + one_line(std::string(t.slice(a, b))) + "\n";
                document_spans = true;
            }
            std::string name = kStancePrefix + brat_name(ds.target_id);
            if (!topic_attrs.insert({marker, name}).second) {
                loss.add("document stances on a target already written for the document (other annotators) not written", "", 1, "", ds.id);
                continue;
            }
            attr_line(name, marker, brat_name(ds.polarity));
            ++n_doc_stances;
        }
        files.push_back({base + ".txt", t.utf8()});
        files.push_back({base + ".ann", ann + rels + attrs + norms + notes});
    }
    for (const auto& m : p.mentions)
        if (!m.annotator.empty() && p.document(m.doc_id)) {
            loss.add("annotator names not written (brat has no per-annotation annotator)", "", 1);
        }
    for (const auto& e : p.entities) {
        if (!entities_written.count(e.id))
            loss.add("entities with no mention in the exported documents not written", "", 1, "", e.id);
        else if (!e.note.empty())
            loss.add("entity notes not written", "", 1, "", e.id);
        else if (entity_ref(e) != e.external_id && !e.external_id.empty())
            loss.add("entity external ids not in DB:ID form replaced by Postil:<entity id>", "", 1, "", e.id + " " + quote_short(e.external_id));
    }

    // annotation.conf: everything the schema allows, so the brat UI can annotate with it.
    std::string conf =
        "# brat annotation configuration written by Postil.\n"
        "# Stances between mentions are relations named after their polarity (Arg1 = holder,\n"
        "# Arg2 = target). Stance_<target> attributes hold stances toward the project's stance\n"
        "# targets: on a mention (that mention's stance) or on the Document span over the first\n"
        "# line (the document's stance).\n"
        "\n[entities]\n";
    std::set<std::string> listed;
    for (const auto& et : p.schema.entity_types)
        if (listed.insert(brat_name(et.id)).second)
            conf += brat_name(et.id) + "\n";
    for (const auto& et : entity_types_used)
        if (listed.insert(et).second)
            conf += et + "\n";
    if (document_spans && listed.insert(kDocumentType).second)
        conf += std::string(kDocumentType) + "\n";
    conf += "\n[relations]\n";
    std::string pol_values;
    for (const auto& pol : p.schema.polarities) {
        conf += brat_name(pol.id) + "\tArg1:<ENTITY>, Arg2:<ENTITY>\n";
        pol_values += (pol_values.empty() ? "" : "|") + brat_name(pol.id);
    }
    // Postil allows overlapping and nested mentions.
    conf += "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n";
    conf += "\n[events]\n\n[attributes]\n";
    std::set<std::string> attr_done;
    for (const auto& tg : p.schema.stance_targets) {
        std::string name = kStancePrefix + brat_name(tg.id);
        attr_done.insert(name);
        conf += name + "\tArg:<ENTITY>, Value:" + pol_values + "\n";
    }
    for (const auto& a : p.schema.attributes) {
        std::string name = brat_name(a.id);
        if (!attr_done.insert(name).second)
            continue;
        std::set<std::string> values(attr_values[name]);
        for (const auto& v : a.values)
            values.insert(brat_name(v));
        values.erase("true");
        std::string vs;
        for (const auto& v : values)
            vs += (vs.empty() ? "" : "|") + v;
        conf += name + "\tArg:<ENTITY>" + (vs.empty() ? "" : ", Value:" + vs) + "\n";
    }
    for (const auto& [name, values] : attr_values) {
        if (!attr_done.insert(name).second)
            continue;
        std::string vs;
        for (const auto& v : values)
            if (v != "true")
                vs += (vs.empty() ? "" : "|") + v;
        conf += name + "\tArg:<ENTITY>" + (vs.empty() ? "" : ", Value:" + vs) + "\n";
    }
    files.insert(files.begin(), OutputFile{"annotation.conf", conf});

    report.counts["documents"] = p.documents.size();
    report.counts["mentions"] = n_mentions;
    report.counts["stances"] = n_stances;
    report.counts["doc_stances"] = n_doc_stances;
    report.counts["normalizations"] = n_norm;
    report.counts["notes"] = n_notes;
    report.counts["attributes"] = n_attrs;
    loss.flush(report.losses);
    if (opts.strict && !report.losses.empty()) {
        Diagnostics d;
        for (const auto& l : report.losses)
            d.push_back({"", 0, 0, "", "brat cannot hold: " + l});
        throw InputError{d};
    }
    return files;
}

int detect_brat(const InputFile& in)
{
    std::string b = lower(base_name(in.name));
    if (ends_with(b, ".ann"))
        return 95;
    if (b == "annotation.conf")
        return 60;
    if (ends_with(b, ".txt"))
        return 0; // the text of a brat pair; on its own it is plain text
    // Content: a first record like "T1<TAB>TYPE 0 4<TAB>text".
    std::string_view s = in.bytes;
    size_t nl = s.find('\n');
    std::string_view first = s.substr(0, nl);
    size_t tab = first.find('\t');
    if (first.size() >= 4 && first[0] == 'T' && tab != std::string_view::npos && tab > 1 &&
        first.find_first_not_of("0123456789", 1) == tab) {
        std::string_view core = first.substr(tab + 1);
        size_t sp = core.find(' ');
        if (sp != std::string_view::npos && sp + 1 < core.size() && core[sp + 1] >= '0' && core[sp + 1] <= '9')
            return 80;
    }
    return 0;
}

} // namespace

const Format& brat_format()
{
    static const Format f = [] {
        Format f;
        f.name = "brat";
        f.description = "brat standoff (.txt + .ann per document, annotation.conf)";
        f.offset_unit = "codepoint";
        f.extension = ".ann";
        f.multi_file = true;
        f.detect = detect_brat;
        f.import_files = import_brat;
        f.export_files = export_brat;
        return f;
    }();
    return f;
}

} // namespace postil
