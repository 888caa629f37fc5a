// src/core must stay free of UI and platform code: no ImGui, GL, GLFW or Emscripten include.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

TEST_CASE("src/core includes no ImGui, GL, GLFW or Emscripten header")
{
    namespace fs = std::filesystem;
    const std::regex forbidden(R"(^\s*#\s*include\s*[<"](imgui|GL/|GLES|GLFW|emscripten|backends/imgui))");
    size_t files = 0;
    std::string offenders;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(POSTIL_SOURCE_DIR) / "src" / "core")) {
        if (!entry.is_regular_file())
            continue;
        std::ifstream in(entry.path());
        std::string line;
        int n = 0;
        ++files;
        while (std::getline(in, line)) {
            ++n;
            if (std::regex_search(line, forbidden))
                offenders += entry.path().string() + ":" + std::to_string(n) + ": " + line + "\n";
        }
    }
    CHECK(files > 10);
    CHECK_MESSAGE(offenders.empty(), offenders);
}
