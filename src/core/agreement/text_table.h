// A plain-text table for the agreement reports printed by the CLI: columns padded to the widest
// cell (counted in code points), text columns left-aligned, number columns right-aligned.
// Does not do: wrapping, East Asian wide characters, colours.
#pragma once
#include <string>
#include <vector>

namespace postil {

class TextTable {
public:
    // `right_aligned[i]` for column i; missing entries mean left-aligned.
    explicit TextTable(std::vector<bool> right_aligned = {}) : right_(std::move(right_aligned)) {}
    void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
    bool empty() const { return rows_.empty(); }
    // Every line ends with '\n'; `indent` spaces before each line. Columns are 2 spaces apart.
    std::string render(int indent = 0) const;

private:
    std::vector<bool> right_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace postil
