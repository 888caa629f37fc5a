# Dear ImGui as a static library (postil_imgui), from the sources scripts/bootstrap puts in
# ${POSTIL_DEPS_DIR}/imgui-<version>. Includes the GLFW platform backend (desktop GLFW, or
# Emscripten's built-in -sUSE_GLFW=3); the renderer is our own (src/platform/gl).
# Project settings for ImGui live in src/ui/config/postil_imconfig.h (IMGUI_USER_CONFIG).
set(POSTIL_IMGUI_VERSION "1.92.2b" CACHE STRING "Dear ImGui version to build against (>= 1.92)")
set(POSTIL_IMGUI_DIR "${POSTIL_DEPS_DIR}/imgui-${POSTIL_IMGUI_VERSION}" CACHE PATH "Dear ImGui sources")

if(NOT EXISTS "${POSTIL_IMGUI_DIR}/imgui.h")
    message(FATAL_ERROR "Dear ImGui not found in ${POSTIL_IMGUI_DIR}: run scripts/bootstrap "
                        "(or set POSTIL_IMGUI_DIR to a Dear ImGui >= 1.92 source tree)")
endif()

# Refuse older ImGui clearly: we need 1.92's dynamic font atlas (RendererHasTextures).
file(STRINGS "${POSTIL_IMGUI_DIR}/imgui.h" _imgui_num_line REGEX "^#define IMGUI_VERSION_NUM[ \t]+[0-9]+")
string(REGEX MATCH "[0-9]+" _imgui_num "${_imgui_num_line}")
if(NOT _imgui_num OR _imgui_num LESS 19200)
    message(FATAL_ERROR "Dear ImGui in ${POSTIL_IMGUI_DIR} is too old (IMGUI_VERSION_NUM="
                        "'${_imgui_num}'); Postil needs >= 1.92 (19200). Run scripts/bootstrap.")
endif()
message(STATUS "Dear ImGui: ${POSTIL_IMGUI_DIR} (IMGUI_VERSION_NUM ${_imgui_num})")

add_library(postil_imgui STATIC
    "${POSTIL_IMGUI_DIR}/imgui.cpp"
    "${POSTIL_IMGUI_DIR}/imgui_draw.cpp"
    "${POSTIL_IMGUI_DIR}/imgui_tables.cpp"
    "${POSTIL_IMGUI_DIR}/imgui_widgets.cpp"
    "${POSTIL_IMGUI_DIR}/backends/imgui_impl_glfw.cpp")
target_include_directories(postil_imgui SYSTEM PUBLIC
    "${POSTIL_IMGUI_DIR}" "${POSTIL_IMGUI_DIR}/backends" "${CMAKE_SOURCE_DIR}/src/ui/config")
target_compile_definitions(postil_imgui PUBLIC IMGUI_USER_CONFIG="postil_imconfig.h")

if(EMSCRIPTEN)
    # Emscripten's own GLFW 3 emulation (built in: no port download). Link-time setting; its
    # headers are in the sysroot already.
    target_link_options(postil_imgui PUBLIC -sUSE_GLFW=3)
else()
    find_package(glfw3 3.3 REQUIRED)
    find_package(OpenGL REQUIRED)
    target_link_libraries(postil_imgui PUBLIC glfw OpenGL::GL)
endif()
