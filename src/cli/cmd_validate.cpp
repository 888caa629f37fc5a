// postil validate PROJECT.json: exit 0 if valid, 1 with every problem listed.
#include "cli.h"

#include "core/project_io.h"

#include <iostream>

namespace postil::cli {

static int run_validate(const Args& a)
{
    if (a.positional.size() != 1)
        return usage_error("validate", "expected exactly one project file");
    const std::string& path = a.positional[0];
    Project p = load_project_string(read_input(path), path); // throws InputError with every problem
    std::cout << path << ": valid (" << p.documents.size() << " documents, " << p.mentions.size() << " mentions, "
              << p.stances.size() << " stances)\n";
    return kOk;
}

static Verb validate_verb{
    "validate", "check a project file; list every problem with its JSON path",
    "Usage: postil validate PROJECT.json\n\n"
    "Exit status: 0 valid, 1 invalid (every problem printed as FILE: /json/path: message,\n"
    "or FILE:LINE:COLUMN for JSON syntax errors), 2 usage error.\n\n"
    "Example:\n  postil validate corpus.postil.json\n",
    {}, run_validate};

} // namespace postil::cli
