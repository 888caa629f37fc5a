// route_opened_file: what a file dropped on the app (or named on its command line) becomes:
// the project, a text document, or an Import dialog with the format guessed.
#include "format_test_helpers.h"

#include "core/demo.h"
#include "core/formats/open_route.h"
#include "core/project_io.h"

#include <filesystem>

namespace fs = std::filesystem;

using namespace test_formats;

TEST_CASE("open route: a project file opens as the project, whatever its name")
{
    const std::string saved = save_project_string(make_demo_project());
    for (const char* name : {"demo.json", "DEMO.JSON", "demo.postil", "export"}) {
        CAPTURE(name);
        OpenRoute r = route_opened_file(input_string(name, saved));
        CHECK(r.action == OpenAction::OpenProject);
        CHECK(r.format == nullptr);
    }
}

TEST_CASE("open route: a large project file is a project too (its \"format\" member comes after the texts)")
{
    Project p = make_demo_project();
    p.documents.front().text = std::make_shared<const Text>(Text::from_bytes(std::string(20000, 'a')));
    const std::string saved = save_project_string(p);
    REQUIRE(saved.find("\"postil-project\"") > 4096);
    CHECK(route_opened_file(input_string("big.postil", saved)).action == OpenAction::OpenProject);
}

TEST_CASE("open route: a broken .json no format claims is reported as a project file")
{
    // Its parse error then names the file, line and column (project_io), instead of the
    // file silently becoming a text document.
    CHECK(route_opened_file(input_string("broken.json", "{\"documents\": [")).action == OpenAction::OpenProject);
}

TEST_CASE("open route: the sample articles are plain text")
{
    for (const auto& e : fs::directory_iterator(fs::path(POSTIL_SHARED_DIR) / "corpus" / "fr-ai-geopolitics")) {
        CAPTURE(e.path().string());
        OpenRoute r = route_opened_file(input(e.path().string()));
        CHECK(r.action == OpenAction::AddText);
    }
}

TEST_CASE("open route: interchange files go to the Import dialog with their format")
{
    const Project demo = make_demo_project();
    for (const char* format : {"jsonl", "doccano", "labelstudio", "spacy", "conll"}) {
        CAPTURE(format);
        const std::string bytes = export_one(demo, format);
        const Format* f = find_format(format);
        REQUIRE(f != nullptr);
        OpenRoute r = route_opened_file(input_string(std::string("dropped") + f->extension, bytes));
        CHECK(r.action == OpenAction::Import);
        REQUIRE(r.format != nullptr);
        CHECK(r.format->name == format);
    }
    // Real files written by other tools.
    OpenRoute doccano = route_opened_file(input(shared("external/doccano/data_import-tests/sequence_labeling/example.jsonl")));
    CHECK(doccano.action == OpenAction::Import);
    OpenRoute ann = route_opened_file(input(shared("external/brat/dkpro-core/brat/document0a.ann")));
    CHECK(ann.action == OpenAction::Import);
    REQUIRE(ann.format != nullptr);
    CHECK(ann.format->name == "brat");
}
