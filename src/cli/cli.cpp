#include "cli.h"

#include "core/project_io.h"

#include <iostream>
#include <iterator>

namespace postil::cli {

static std::map<std::string, const Verb*>& registry()
{
    static std::map<std::string, const Verb*> r;
    return r;
}

const std::map<std::string, const Verb*>& verbs() { return registry(); }

Verb::Verb(std::string n, std::string s, std::string h, std::vector<std::string> v, std::function<int(const Args&)> r)
    : name(std::move(n)), summary(std::move(s)), help(std::move(h)), value_options(std::move(v)), run(std::move(r))
{
    registry()[name] = this;
}

std::string Args::get(const std::string& name, const std::string& fallback) const
{
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
}

Args parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& value_options)
{
    Args a;
    auto takes_value = [&](const std::string& n) {
        for (const auto& v : value_options)
            if (v == n)
                return true;
        return false;
    };
    bool only_positional = false;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& s = argv[i];
        if (only_positional || s == "-" || s.size() < 2 || s[0] != '-') {
            a.positional.push_back(s);
            continue;
        }
        if (s == "--") {
            only_positional = true;
            continue;
        }
        std::string name = s, value;
        bool inline_value = false;
        if (size_t eq = s.find('='); eq != std::string::npos && s.rfind("--", 0) == 0) {
            name = s.substr(0, eq);
            value = s.substr(eq + 1);
            inline_value = true;
        }
        if (takes_value(name)) {
            if (!inline_value) {
                if (i + 1 >= argv.size()) {
                    a.errors.push_back(name + " needs a value");
                    continue;
                }
                value = argv[++i];
            }
            a.options[name] = value;
        } else if (inline_value) {
            a.errors.push_back(name + " takes no value");
        } else {
            a.options[name] = "1";
        }
    }
    return a;
}

int report(const Diagnostics& diags)
{
    for (const auto& d : diags)
        std::cerr << d.to_string() << "\n";
    return kBadInput;
}

int usage_error(const std::string& verb, const std::string& message)
{
    std::cerr << "postil " << verb << ": " << message << "\n"
              << "Try 'postil " << verb << " --help'.\n";
    return kUsage;
}

std::string read_input(const std::string& path)
{
    if (path == "-")
        return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return read_file(path);
}

void write_output(const std::string& path, const std::string& bytes)
{
    if (path == "-" || path.empty()) {
        std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        std::cout.flush();
        return;
    }
    write_file_atomic(path, bytes);
}

std::string file_stem(const std::string& path)
{
    size_t slash = path.find_last_of("/\\");
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    size_t dot = name.find('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

} // namespace postil::cli
