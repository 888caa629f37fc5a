// postil import FILE... -o PROJECT.json [--schema S.json] [--annotator NAME]
#include "cli.h"

#include "core/import_text.h"
#include "core/project_io.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace postil::cli {

static int run_import(const Args& a)
{
    if (a.positional.empty())
        return usage_error("import", "no input files");
    if (!a.has("-o") && !a.has("--output"))
        return usage_error("import", "missing -o PROJECT.json");
    std::string out = a.get("-o", a.get("--output"));
    Project p;
    p.name = "Imported project";
    if (a.has("--schema")) {
        std::string path = a.get("--schema");
        std::string bytes = read_input(path);
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(bytes);
        } catch (const nlohmann::json::parse_error& e) {
            return report({{path, 0, 0, "", std::string("invalid JSON: ") + e.what()}});
        }
        Diagnostics diags;
        // A project file's schema or a standalone schema object.
        const nlohmann::json& sj = j.contains("schema") ? j["schema"] : j;
        p.schema = schema_from_json(sj, diags, j.contains("schema") ? "/schema" : "");
        for (auto& d : diags)
            d.file = path;
        if (!diags.empty())
            return report(diags);
    }
    Diagnostics problems;
    for (const auto& path : a.positional) {
        try {
            std::string bytes = read_input(path);
            p.documents.push_back(make_text_document(p, path == "-" ? "stdin.txt" : path, bytes));
        } catch (const InputError& e) {
            problems.insert(problems.end(), e.diagnostics.begin(), e.diagnostics.end());
        }
    }
    if (!problems.empty())
        return report(problems); // nothing written: a bad file imports nothing
    write_output(out, save_project_string(p));
    if (out != "-")
        std::cerr << "imported " << p.documents.size() << " document(s) into " << out << "\n";
    return kOk;
}

static Verb import_verb{
    "import", "create a project from plain-text files (one document per file)",
    "Usage: postil import FILE... -o PROJECT.json [--schema SCHEMA.json]\n\n"
    "Creates a project with one document per text file (UTF-8; a BOM is dropped, CRLF becomes LF).\n"
    "Invalid UTF-8 is refused with the byte offset of the first bad sequence; then nothing is written.\n"
    "  --schema S.json   schema to use (a schema object, or a project file whose schema to copy)\n"
    "  -o, --output P    project file to write ('-' for stdout)\n\n"
    "Example:\n  postil import ../shared/corpus/fr-ai-geopolitics/*.txt -o corpus.postil.json\n",
    {"-o", "--output", "--schema"}, run_import};

} // namespace postil::cli
