// Routing of opened files (open_route.h). The project file is recognised by its "format"
// member, which save_project_string writes first: looking at the head keeps a 100 MB corpus
// from being scanned twice.
#include "core/formats/open_route.h"

#include <algorithm>
#include <string_view>

namespace postil {

namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix)
{
    if (s.size() < suffix.size())
        return false;
    return std::equal(suffix.begin(), suffix.end(), s.end() - suffix.size(), [](char a, char b) {
        return (a >= 'A' && a <= 'Z' ? char(a + 32) : a) == b;
    });
}

bool looks_like_project(const InputFile& file)
{
    const std::string_view head(file.bytes.data(), std::min<size_t>(file.bytes.size(), 4096));
    return head.find("\"postil-project\"") != std::string_view::npos;
}

} // namespace

OpenRoute route_opened_file(const InputFile& file)
{
    OpenRoute r;
    if (looks_like_project(file)) {
        r.action = OpenAction::OpenProject;
        return r;
    }
    const Format* guessed = guess_file_format(file);
    const bool interchange = guessed && guessed->name != "text" && guessed->name != "postil";
    if (interchange) {
        r.action = OpenAction::Import;
        r.format = guessed;
    } else if (ends_with_ci(file.name, ".json")) {
        r.action = OpenAction::OpenProject;
    }
    return r;
}

} // namespace postil
