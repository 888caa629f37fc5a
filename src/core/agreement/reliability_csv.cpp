// The reliability CSV reader: an RFC 4180 record reader that tracks line and code point column
// for every field, then the unit/annotator/label table on top of it.
// Does not do: other delimiters or layouts (see reliability_csv.h).
#include "reliability_csv.h"

#include "core/text.h"

#include <unordered_map>
#include <vector>

namespace postil {

namespace {

struct Field {
    std::string text;
    int line = 0, column = 0;
};

struct Record {
    std::vector<Field> fields;
    int line = 0;
    int end_column = 0; // column just past the record's last character, for "missing" errors
    bool bad = false;   // a syntax error was reported; the record is skipped
};

// [SECTION] RFC 4180 record reader

class CsvReader {
public:
    CsvReader(std::string_view s, const std::string& source, Diagnostics& diags)
        : s_(s), source_(source), diags_(diags)
    {
        if (s_.size() >= 3 && s_.compare(0, 3, "\xEF\xBB\xBF") == 0)
            i_ = 3;
    }

    bool next(Record& r)
    {
        r = Record{};
        if (i_ >= s_.size())
            return false;
        r.line = line_;
        for (;;) {
            Field f;
            f.line = line_;
            f.column = column_;
            bool ok = peek() == '"' ? quoted(f) : unquoted(f);
            if (!ok) {
                r.bad = true;
                skip_line();
                return true;
            }
            r.fields.push_back(std::move(f));
            r.end_column = column_;
            if (i_ >= s_.size())
                return true;
            const char c = s_[i_];
            if (c == ',') {
                advance();
                continue;
            }
            end_of_line();
            return true;
        }
    }

    void error(int line, int column, std::string message)
    {
        Diagnostic d;
        d.file = source_;
        d.line = line;
        d.column = column;
        d.message = std::move(message);
        diags_.push_back(std::move(d));
    }

private:
    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    bool at_line_end() const { return i_ >= s_.size() || s_[i_] == '\n' || s_[i_] == '\r'; }

    void advance()
    {
        const unsigned char c = static_cast<unsigned char>(s_[i_++]);
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if (c == '\r') {
            // CRLF counts once (at the LF); a lone CR ends the line itself.
            if (i_ >= s_.size() || s_[i_] != '\n') {
                ++line_;
                column_ = 1;
            }
        } else if ((c & 0xC0) != 0x80) {
            ++column_;
        }
    }

    void end_of_line()
    {
        if (peek() == '\r')
            advance();
        if (peek() == '\n')
            advance();
    }

    void skip_line()
    {
        while (!at_line_end())
            advance();
        end_of_line();
    }

    bool unquoted(Field& f)
    {
        while (!at_line_end() && s_[i_] != ',') {
            if (s_[i_] == '"') {
                error(line_, column_,
                      "unexpected '\"' inside an unquoted field; expected the whole field in quotes "
                      "with inner quotes doubled (\"\")");
                return false;
            }
            f.text += s_[i_];
            advance();
        }
        // Surrounding blanks are layout, not data, in a hand-written table.
        size_t b = f.text.find_first_not_of(" \t");
        if (b == std::string::npos) {
            f.text.clear();
        } else {
            f.text.erase(0, b);
            f.text.erase(f.text.find_last_not_of(" \t") + 1);
        }
        return true;
    }

    bool quoted(Field& f)
    {
        const int open_line = line_, open_column = column_;
        advance(); // opening quote
        for (;;) {
            if (i_ >= s_.size()) {
                error(open_line, open_column,
                      "quoted field is not closed; expected a closing '\"' before the end of input");
                return false;
            }
            if (s_[i_] == '"') {
                advance();
                if (peek() == '"') {
                    f.text += '"';
                    advance();
                    continue;
                }
                break;
            }
            f.text += s_[i_];
            advance();
        }
        while (peek() == ' ' || peek() == '\t')
            advance();
        if (!at_line_end() && peek() != ',') {
            error(line_, column_, "expected ',' or end of line after the closing '\"'");
            return false;
        }
        return true;
    }

    std::string_view s_;
    const std::string& source_;
    Diagnostics& diags_;
    size_t i_ = 0;
    int line_ = 1, column_ = 1;
};

std::string lower_ascii(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

} // namespace

// [SECTION] reliability table

ReliabilityData read_reliability_csv(std::string_view bytes, const std::string& source,
                                     Diagnostics& diags)
{
    ReliabilityData data;
    if (auto bad = find_invalid_utf8(bytes)) {
        // Line and column of the bad byte, so an editor can jump to it.
        int line = 1, column = 1;
        for (size_t i = 0; i < bad->byte_offset; ++i) {
            const unsigned char c = static_cast<unsigned char>(bytes[i]);
            if (c == '\n') {
                ++line;
                column = 1;
            } else if ((c & 0xC0) != 0x80) {
                ++column;
            }
        }
        diags.push_back({source, line, column, "", bad->message + "; expected UTF-8 text"});
        return data;
    }

    CsvReader reader(bytes, source, diags);
    Record r;
    // Header: first record that is not blank.
    bool have_header = false;
    int col_unit = -1, col_annotator = -1, col_label = -1;
    size_t header_fields = 0;
    auto blank = [](const Record& rec) { return rec.fields.size() == 1 && rec.fields[0].text.empty(); };
    while (reader.next(r)) {
        if (r.bad)
            return data; // without a header no row can be read
        if (blank(r))
            continue;
        have_header = true;
        header_fields = r.fields.size();
        for (size_t c = 0; c < r.fields.size(); ++c) {
            const std::string name = lower_ascii(r.fields[c].text);
            int* slot = name == "unit" ? &col_unit : name == "annotator" ? &col_annotator
                      : name == "label" ? &col_label : nullptr;
            if (!slot)
                continue;
            if (*slot >= 0)
                reader.error(r.fields[c].line, r.fields[c].column,
                             "column '" + name + "' appears twice in the header; expected it once");
            else
                *slot = static_cast<int>(c);
        }
        std::string missing;
        if (col_unit < 0) missing += missing.empty() ? "unit" : ", unit";
        if (col_annotator < 0) missing += missing.empty() ? "annotator" : ", annotator";
        if (col_label < 0) missing += missing.empty() ? "label" : ", label";
        if (!missing.empty()) {
            reader.error(r.line, 1, "header lacks column(s) " + missing +
                                        "; expected a header row naming unit, annotator, label");
            return data;
        }
        break;
    }
    if (!have_header) {
        diags.push_back({source, 1, 1, "", "empty input; expected a header row naming unit, annotator, label"});
        return data;
    }

    // First line of each (unit, annotator) value, to name it in conflict messages.
    std::unordered_map<uint64_t, int> first_line;
    while (reader.next(r)) {
        if (r.bad || blank(r))
            continue;
        if (r.fields.size() > header_fields) {
            const Field& extra = r.fields[header_fields];
            reader.error(extra.line, extra.column,
                         "row has " + std::to_string(r.fields.size()) + " fields; expected at most " +
                             std::to_string(header_fields) + " as in the header");
            continue;
        }
        auto field = [&](int c) -> const Field* {
            return static_cast<size_t>(c) < r.fields.size() ? &r.fields[static_cast<size_t>(c)] : nullptr;
        };
        auto require = [&](int c, const char* what) -> const Field* {
            const Field* f = field(c);
            if (!f || f->text.empty()) {
                reader.error(f ? f->line : r.line, f ? f->column : r.end_column,
                             std::string("expected ") + what + " in column " + std::to_string(c + 1) +
                                 (f ? ", found an empty cell" : ", found the end of the row"));
                return nullptr;
            }
            return f;
        };
        const Field* unit = require(col_unit, "a unit id");
        const Field* annotator = require(col_annotator, "an annotator id");
        if (!unit || !annotator)
            continue;
        const size_t u = data.add_unit(unit->text);
        const size_t a = data.add_annotator(annotator->text);
        const Field* label = field(col_label);
        if (!label || label->text.empty())
            continue; // missing value: the unit and annotator exist, the cell stays empty
        const uint64_t key = (static_cast<uint64_t>(u) << 32) | a;
        if (const std::string* old = data.label(u, a)) {
            if (*old != label->text)
                reader.error(label->line, label->column,
                             "unit '" + unit->text + "' already has label '" + *old + "' from annotator '" +
                                 annotator->text + "' (line " + std::to_string(first_line[key]) +
                                 "); expected one value per unit and annotator");
            continue;
        }
        data.set(u, a, label->text);
        first_line[key] = label->line;
    }
    return data;
}

} // namespace postil
