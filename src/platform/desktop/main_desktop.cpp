// postil-desktop: the GUI on Linux (GLFW + OpenGL 3.3 core). Opens files named on the command
// line and dropped on the window. --screenshot renders a few frames, writes a PNG and exits
// (tests run it under xvfb-run).
// Does not do: the UI itself (src/ui), drawing (src/platform/gl).
#include "gl/gl.h"
#include "gui_host.h"
#include "platform.h"
#include "png_writer.h"
#include "ui/fonts.h"

#include "core/project_io.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

namespace postil::platform {
extern GLFWwindow* g_desktop_window;
}

namespace {

using namespace postil;

const char* kUsage =
    "usage: postil-desktop [options] [PROJECT.json | FILE.txt ...]\n"
    "  A .json file opens as the project; other files are imported as text documents.\n"
    "options:\n"
    "  --screenshot PNG     render --frames frames, save the window to PNG, exit\n"
    "  --frames N           frames to render before the screenshot (default 5)\n"
    "  --dump-project JSON  on exit, write the project file there (for tests)\n"
    "  --size WxH           window size (default 1280x800)\n"
    "  --select ID          select that document (default: the first)\n"
    "  --theme dark|light   colour theme (default dark)\n"
    "  --help               this text\n";

struct Options {
    std::vector<std::string> files;
    std::string screenshot, dump_project, select, theme;
    int frames = 5;
    int width = 1280, height = 800;
};

bool parse(int argc, char** argv, Options& o)
{
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](const char* what) -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "postil-desktop: %s needs a value\n", what);
                return nullptr;
            }
            return argv[++i];
        };
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (a == "--screenshot") {
            const char* v = value("--screenshot");
            if (!v) return false;
            o.screenshot = v;
        } else if (a == "--dump-project") {
            const char* v = value("--dump-project");
            if (!v) return false;
            o.dump_project = v;
        } else if (a == "--select") {
            const char* v = value("--select");
            if (!v) return false;
            o.select = v;
        } else if (a == "--theme") {
            const char* v = value("--theme");
            if (!v) return false;
            o.theme = v;
            if (o.theme != "dark" && o.theme != "light") {
                std::fprintf(stderr, "postil-desktop: --theme wants dark or light\n");
                return false;
            }
        } else if (a == "--frames") {
            const char* v = value("--frames");
            if (!v) return false;
            o.frames = std::max(1, std::atoi(v));
        } else if (a == "--size") {
            const char* v = value("--size");
            if (!v || std::sscanf(v, "%dx%d", &o.width, &o.height) != 2 || o.width < 64 || o.height < 64) {
                std::fprintf(stderr, "postil-desktop: --size wants WxH, e.g. 1280x800\n");
                return false;
            }
        } else if (a.size() > 1 && a[0] == '-') {
            std::fprintf(stderr, "postil-desktop: unknown option %s\n%s", a.c_str(), kUsage);
            return false;
        } else {
            o.files.push_back(a);
        }
    }
    return true;
}

// Fonts are copied next to the executable at build time (cmake/Fonts.cmake); fall back to
// the Debian package's path when running from elsewhere.
std::string find_font(const char* file, const char* system_path)
{
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        std::filesystem::path p = exe.parent_path() / "fonts" / file;
        if (std::filesystem::exists(p, ec))
            return p.string();
    }
    return system_path;
}

void push_path(const std::string& path)
{
    platform::OpenedFile f;
    f.path = path;
    f.name = std::filesystem::path(path).filename().string();
    try {
        f.bytes = read_file(path);
    } catch (const InputError& e) {
        f.error = e.what();
    }
    platform::push_opened_file(std::move(f));
}

void on_drop(GLFWwindow*, int count, const char** paths)
{
    for (int i = 0; i < count; ++i)
        push_path(paths[i]);
}

bool save_screenshot(const std::string& path)
{
    int w = 0, h = 0;
    glfwGetFramebufferSize(platform::g_desktop_window, &w, &h);
    std::vector<uint8_t> pixels(static_cast<size_t>(w) * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // GL rows go bottom-up; PNG rows top-down.
    std::vector<uint8_t> flipped(pixels.size());
    const size_t row = static_cast<size_t>(w) * 4;
    for (int y = 0; y < h; ++y)
        std::memcpy(flipped.data() + row * y, pixels.data() + row * (h - 1 - y), row);
    std::error_code ec;
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty())
        std::filesystem::create_directories(parent, ec);
    return platform::write_png(path, w, h, flipped);
}

} // namespace

int main(int argc, char** argv)
{
    Options opt;
    if (!parse(argc, argv, opt))
        return 2;

    glfwSetErrorCallback([](int code, const char* what) { std::fprintf(stderr, "postil-desktop: GLFW %d: %s\n", code, what); });
    if (!glfwInit())
        return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(opt.width, opt.height, "Postil", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "postil-desktop: cannot create an OpenGL 3.3 window\n");
        glfwTerminate();
        return 1;
    }
    platform::g_desktop_window = window;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(opt.screenshot.empty() ? 1 : 0);
    glfwSetDropCallback(window, on_drop);

    platform::GuiHost host;
    std::string error;
    if (!host.init(window, find_font("NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"), error)) {
        std::fprintf(stderr, "postil-desktop: %s\n", error.c_str());
        return 1;
    }
    // Fallbacks merged into the main font: emoji and symbols, then CJK.
    const char* fallbacks[][3] = {
        {"Symbola", "Symbola_hint.ttf", "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"},
        {"Droid Sans Fallback", "DroidSansFallbackFull.ttf", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"},
    };
    for (const auto& f : fallbacks) {
        try {
            ui::queue_fallback_font(f[0], read_file(find_font(f[1], f[2])));
        } catch (const InputError& e) {
            std::fprintf(stderr, "postil-desktop: %s (some characters will not render)\n", e.what().c_str());
        }
    }
    for (const std::string& path : opt.files)
        push_path(path);
    if (opt.theme == "light")
        host.app().set_theme(ui::Theme::Light);

    int frame = 0;
    int status = 0;
    while (!glfwWindowShouldClose(window)) {
        glfwPollEvents(); // paced by vsync (swap interval 1), except when taking a screenshot
        host.frame(platform::content_scale());
        if (frame == 0 && !opt.select.empty()) // after the first frame: files given are open
            host.app().select_document(opt.select);
        ++frame;

        if (!opt.screenshot.empty() && frame >= opt.frames) {
            if (!save_screenshot(opt.screenshot)) {
                std::fprintf(stderr, "postil-desktop: cannot write %s\n", opt.screenshot.c_str());
                status = 1;
            }
            break;
        }
        glfwSwapBuffers(window);
    }

    if (!opt.dump_project.empty()) {
        try {
            write_file_atomic(opt.dump_project, host.app().project_file());
        } catch (const InputError& e) {
            std::fprintf(stderr, "postil-desktop: %s\n", e.what().c_str());
            status = 1;
        }
    }
    host.shutdown();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}
