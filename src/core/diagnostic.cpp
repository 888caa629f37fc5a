#include "diagnostic.h"

namespace postil {

std::string Diagnostic::to_string() const
{
    std::string s = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        s += ":" + std::to_string(line);
        if (column > 0)
            s += ":" + std::to_string(column);
    }
    s += ": ";
    if (!json_path.empty())
        s += json_path + ": ";
    s += message;
    return s;
}

std::string InputError::what() const
{
    std::string s;
    for (const Diagnostic& d : diagnostics) {
        if (!s.empty())
            s += '\n';
        s += d.to_string();
    }
    return s;
}

} // namespace postil
