// Plain-text table rendering for the CLI reports (see text_table.h).
#include "text_table.h"

#include "core/text.h"

#include <algorithm>

namespace postil {

std::string TextTable::render(int indent) const
{
    // Cell text is UTF-8 (annotator names, labels); width is counted in code points, which is
    // right for the Latin/Cyrillic/Greek names we expect and harmless otherwise.
    auto width_of = [](const std::string& s) {
        return find_invalid_utf8(s) ? s.size() : count_code_points(s);
    };
    std::vector<size_t> widths;
    for (const auto& row : rows_) {
        if (widths.size() < row.size())
            widths.resize(row.size(), 0);
        for (size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], width_of(row[c]));
    }
    std::string out;
    for (const auto& row : rows_) {
        std::string line(static_cast<size_t>(std::max(indent, 0)), ' ');
        for (size_t c = 0; c < row.size(); ++c) {
            const size_t pad = widths[c] - width_of(row[c]);
            const bool right = c < right_.size() && right_[c];
            if (c > 0)
                line += "  ";
            if (right)
                line.append(pad, ' ');
            line += row[c];
            if (!right && c + 1 < row.size())
                line.append(pad, ' ');
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line;
        out += '\n';
    }
    return out;
}

} // namespace postil
