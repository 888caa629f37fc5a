// Shared by stance_semeval.cpp and stance_csv.cpp. See stance_common.h.
#include "stance_common.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace postil::stance_table {

using namespace iob;

// [SECTION] delimited text

std::vector<DelimitedRow> parse_delimited(std::string_view s, char sep)
{
    std::vector<DelimitedRow> rows;
    size_t i = 0;
    int line = 1;
    while (i < s.size()) {
        DelimitedRow row;
        row.line = line;
        for (;;) {
            std::string cell;
            bool quoted = false;
            if (i < s.size() && s[i] == '"') {
                // Try a quoted cell; keep it only if the closing quote ends the cell.
                size_t j = i + 1;
                std::string q;
                int nl = 0;
                bool closed = false;
                while (j < s.size()) {
                    if (s[j] == '"') {
                        if (j + 1 < s.size() && s[j + 1] == '"') {
                            q += '"';
                            j += 2;
                            continue;
                        }
                        closed = true;
                        ++j;
                        break;
                    }
                    nl += s[j] == '\n';
                    q += s[j++];
                }
                if (closed && (j >= s.size() || s[j] == sep || s[j] == '\n')) {
                    cell = std::move(q);
                    i = j;
                    line += nl;
                    quoted = true;
                }
            }
            if (!quoted) {
                size_t j = i;
                while (j < s.size() && s[j] != sep && s[j] != '\n')
                    ++j;
                cell.assign(s.substr(i, j - i));
                i = j;
            }
            row.cells.push_back(std::move(cell));
            if (i < s.size() && s[i] == sep) {
                ++i;
                continue;
            }
            break;
        }
        // End of row: at '\n' or end of text.
        if (i < s.size() && s[i] == '\n') {
            ++i;
            ++line;
        }
        bool blank = row.cells.size() == 1 && row.cells[0].find_first_not_of(" \t") == std::string::npos;
        if (!blank)
            rows.push_back(std::move(row));
    }
    return rows;
}

bool cell_needs_guard(const std::string& v)
{
    return !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
}

std::string unguard_cell(std::string cell)
{
    if (cell.size() >= 2 && cell[0] == '\'' && cell_needs_guard(cell.substr(1, 1)))
        cell.erase(0, 1);
    return cell;
}

// [SECTION] rows in

std::string lower_trim(const std::string& s)
{
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r')
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void RowProblems::fail(const std::string& file, int line, const std::string& message)
{
    Diagnostic d{file, line, 0, "", message};
    if (opts.skip_bad)
        report.skipped.push_back(std::move(d));
    else
        bad.push_back(std::move(d));
}

void RowProblems::throw_if_any() const
{
    if (!bad.empty())
        throw InputError{bad};
}

std::optional<StanceRow> read_stance_row(const std::string& file, const DelimitedRow& row, const StanceColumns& c,
                                         RowProblems& problems)
{
    auto cell = [&](int k) { return row.cells[static_cast<size_t>(k)]; };
    StanceRow r;
    r.text = unguard_cell(cell(c.text));
    r.target = unguard_cell(cell(c.target));
    r.label = cell(c.stance);
    if (c.id >= 0)
        r.id = unguard_cell(cell(c.id));
    std::optional<std::string> polarity = polarity_from_dataset_label(r.label);
    if (!polarity) {
        problems.fail(file, row.line, "expected FAVOR, AGAINST or NONE in the Stance column, found '" + r.label + "'");
        return std::nullopt;
    }
    if (r.text.empty() || r.target.empty()) {
        problems.fail(file, row.line, r.text.empty() ? "empty Tweet cell" : "empty Target cell");
        return std::nullopt;
    }
    r.polarity = std::move(*polarity);
    return r;
}

// [SECTION] stance vocabulary

std::string polarity_to_dataset_label(const std::string& polarity)
{
    return polarity == "NEUTRAL" ? "NONE" : polarity;
}

std::optional<std::string> polarity_from_dataset_label(const std::string& label)
{
    std::string u;
    for (char c : label)
        if (c != ' ' && c != '\t')
            u += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (u == "FAVOR" || u == "FAVOUR")
        return std::string("FAVOR");
    if (u == "AGAINST")
        return std::string("AGAINST");
    if (u == "NONE" || u == "NEUTRAL")
        return std::string("NEUTRAL");
    return std::nullopt;
}

void ensure_polarity(Schema& s, const std::string& id)
{
    if (s.polarity(id))
        return;
    for (const Polarity& p : default_schema().polarities)
        if (p.id == id) {
            Polarity copy = p;
            // The default hotkey may already be taken by a custom polarity.
            for (const Polarity& q : s.polarities)
                if (q.hotkey == copy.hotkey)
                    copy.hotkey.clear();
            s.polarities.push_back(copy);
            return;
        }
    s.polarities.push_back({id, id, 0x888888, ""});
}

std::string ensure_target(Schema& s, const std::string& name)
{
    for (const StanceTarget& t : s.stance_targets)
        if (t.name == name || t.id == name)
            return t.id;
    std::string slug;
    for (unsigned char c : name) {
        if (std::isalnum(c))
            slug += static_cast<char>(std::tolower(c));
        else if (c >= 0x80)
            slug += static_cast<char>(c); // keep non-ASCII letters (UTF-8 bytes) as they are
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
    }
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    if (slug.empty())
        slug = "target";
    std::string id = slug;
    for (int k = 2; s.stance_target(id); ++k)
        id = slug + "-" + std::to_string(k);
    s.stance_targets.push_back({id, name, ""});
    return id;
}

// [SECTION] building documents from rows

std::string StanceTableBuilder::add(const std::string& key, const std::string& id_stem, const std::string& name,
                                    const std::string& text, const std::string& target_name, const std::string& polarity,
                                    const std::map<std::string, std::string>& meta)
{
    std::string target = ensure_target(out.schema, target_name);
    ensure_polarity(out.schema, polarity);
    Document* doc = nullptr;
    for (size_t idx : by_key[key]) {
        Document& d = out.documents[idx];
        if (d.text->utf8() != text)
            continue;
        if (!doc_targets.count({d.id, target})) {
            doc = &d;
            ++merged;
            break;
        }
    }
    if (!doc) {
        Document d;
        d.id = ids.from_stem(id_stem);
        d.name = name;
        d.text = std::make_shared<const Text>(Text::from_normalized(text));
        d.meta = meta;
        by_key[key].push_back(out.documents.size());
        out.documents.push_back(std::move(d));
        doc = &out.documents.back();
    }
    DocStance s;
    s.id = ids.next("ds");
    s.doc_id = doc->id;
    s.target_id = target;
    s.polarity = polarity;
    s.annotator = out.annotator;
    doc_targets.insert({doc->id, target});
    out.doc_stances.push_back(s);
    return doc->id;
}

// [SECTION] export rows

std::vector<StanceExportRow> stance_export_rows(const Project& p, const ExportOptions& opts, ExportReport& report,
                                                const std::string& format_name)
{
    std::map<std::string, std::vector<const DocStance*>> by_doc;
    for (const DocStance& s : p.doc_stances)
        by_doc[s.doc_id].push_back(&s);
    std::vector<StanceExportRow> rows;
    size_t without = 0, custom = 0, several = 0;
    Diagnostics problems;
    for (const Document& d : p.documents) {
        auto it = by_doc.find(d.id);
        if (it == by_doc.end()) {
            ++without;
            continue;
        }
        std::vector<const DocStance*> list = it->second;
        // Target order as in the schema (then by id), so the file does not depend on edit order.
        auto target_rank = [&](const std::string& id) {
            for (size_t k = 0; k < p.schema.stance_targets.size(); ++k)
                if (p.schema.stance_targets[k].id == id)
                    return k;
            return p.schema.stance_targets.size();
        };
        std::stable_sort(list.begin(), list.end(), [&](const DocStance* a, const DocStance* b) {
            size_t ra = target_rank(a->target_id), rb = target_rank(b->target_id);
            if (ra != rb)
                return ra < rb;
            if (a->target_id != b->target_id)
                return a->target_id < b->target_id;
            return a->annotator < b->annotator;
        });
        std::set<std::string> seen;
        for (const DocStance* s : list) {
            if (!seen.insert(s->target_id).second)
                ++several;
            StanceExportRow r;
            r.doc = &d;
            const StanceTarget* t = p.schema.stance_target(s->target_id);
            r.target_name = t && !t->name.empty() ? t->name : s->target_id;
            r.label = polarity_to_dataset_label(s->polarity);
            if (r.label != "FAVOR" && r.label != "AGAINST" && r.label != "NONE") {
                ++custom;
                problems.push_back({"document " + d.id, 0, 0, "",
                                    "document stance " + s->id + " has polarity '" + s->polarity + "', which " + format_name +
                                        " cannot express (FAVOR, AGAINST or NONE)"});
            }
            rows.push_back(std::move(r));
        }
    }
    if (opts.strict && !problems.empty()) {
        problems.push_back({"", 0, 0, "", format_name + " export refused (--strict)"});
        throw InputError{problems};
    }
    auto n = [](size_t v) { return std::to_string(v); };
    if (custom)
        report.losses.push_back(n(custom) + " document stances with a polarity other than FAVOR/AGAINST/NEUTRAL written as-is");
    if (without)
        report.losses.push_back(n(without) + " documents without a document-level stance not exported");
    if (several)
        report.losses.push_back(n(several) + " extra rows: several annotators' stances on the same document and target "
                                             "(use --annotator to export one layer)");
    if (!p.stances.empty())
        report.losses.push_back(n(p.stances.size()) + " span-level stances (holder -> target) not exported (" + format_name +
                                " holds document-level stances only)");
    if (!p.mentions.empty())
        report.losses.push_back(n(p.mentions.size()) + " mentions not exported (" + format_name + " holds no spans)");
    report.counts["documents"] = p.documents.size() - without;
    report.counts["doc_stances"] = rows.size();
    report.offset_unit = "none";
    return rows;
}

} // namespace postil::stance_table
