#include "import_text.h"

#include "project_io.h"

namespace postil {

static std::string base_name(const std::string& path)
{
    size_t slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

Document make_text_document(const Project& p, const std::string& name, std::string_view bytes)
{
    Document d;
    d.name = base_name(name);
    std::string stem = d.name;
    if (size_t dot = stem.find_last_of('.'); dot != std::string::npos && dot > 0)
        stem = stem.substr(0, dot);
    if (stem.empty())
        stem = "doc";
    d.id = stem;
    for (int n = 2; p.document(d.id); ++n)
        d.id = stem + "-" + std::to_string(n);
    d.text = std::make_shared<const Text>(Text::from_bytes(bytes, name));
    return d;
}

const Document& import_text_file(Project& p, const std::string& path)
{
    std::string bytes = read_file(path);
    p.documents.push_back(make_text_document(p, path, bytes));
    return p.documents.back();
}

} // namespace postil
