// Shared by brat.cpp and webanno.cpp. See standoff_common.h.
#include "standoff_common.h"

#include "core/text.h"

#include <algorithm>

namespace postil::standoff {

std::string base_name(const std::string& path)
{
    size_t p = path.find_last_of("/\\");
    return p == std::string::npos ? path : path.substr(p + 1);
}

std::string lower(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

int column_of(std::string_view line, size_t pos)
{
    return 1 + static_cast<int>(count_code_points(line.substr(0, std::min(pos, line.size()))));
}

bool parse_uint(std::string_view s, uint32_t& out)
{
    if (s.empty() || s.size() > 10)
        return false;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (v > 0x7FFFFFFFu)
        return false;
    out = static_cast<uint32_t>(v);
    return true;
}

std::string quote_short(std::string_view s)
{
    std::string q(s.substr(0, 60));
    if (s.size() > 60) {
        // Do not cut a UTF-8 sequence in half.
        while (!q.empty() && (static_cast<unsigned char>(q.back()) & 0xC0) == 0x80)
            q.pop_back();
        if (!q.empty() && static_cast<unsigned char>(q.back()) >= 0xC0)
            q.pop_back();
        q += "...";
    }
    return "'" + q + "'";
}

std::vector<std::pair<std::string_view, int>> split_lines(std::string_view s)
{
    std::vector<std::pair<std::string_view, int>> out;
    size_t i = 0;
    int n = 0;
    while (i < s.size()) {
        size_t j = s.find('\n', i);
        if (j == std::string_view::npos)
            j = s.size();
        std::string_view l = s.substr(i, j - i);
        if (!l.empty() && l.back() == '\r')
            l.remove_suffix(1);
        out.push_back({l, ++n});
        i = j + 1;
    }
    return out;
}

std::string file_base(const std::string& id)
{
    std::string o = id.empty() ? std::string("doc") : id;
    for (char& c : o)
        if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|' ||
            static_cast<unsigned char>(c) < 32)
            c = '_';
    if (o[0] == '.')
        o[0] = '_';
    return o;
}

const Polarity* polarity_ci(const Schema& s, const std::string& v)
{
    for (const auto& p : s.polarities)
        if (lower(p.id) == lower(v))
            return &p;
    return nullptr;
}

bool keep_errors(const Diagnostics& errs, bool skip_bad, Diagnostics& errors, ImportReport& report)
{
    if (errs.empty())
        return false;
    if (!skip_bad) {
        errors.insert(errors.end(), errs.begin(), errs.end());
        return true;
    }
    report.skipped.insert(report.skipped.end(), errs.begin(), errs.end());
    return false;
}

} // namespace postil::standoff
