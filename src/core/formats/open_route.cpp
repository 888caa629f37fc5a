// Routing of opened files (open_route.h): the formats' own detection decides (the project
// file's "format" member sits after the documents, so only a look at the whole file finds it).
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

} // namespace

OpenRoute route_opened_file(const InputFile& file)
{
    OpenRoute r;
    const Format* guessed = guess_file_format(file);
    if (guessed && guessed->name == "postil") {
        r.action = OpenAction::OpenProject;
    } else if (guessed && guessed->name != "text") {
        r.action = OpenAction::Import;
        r.format = guessed;
    } else if (ends_with_ci(file.name, ".json")) {
        r.action = OpenAction::OpenProject;
    }
    return r;
}

} // namespace postil
