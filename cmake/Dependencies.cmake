# Header-only dependencies from Debian (nlohmann-json3-dev, doctest-dev), exposed through a
# build-tree include folder holding only links to them: their own CMake targets add
# -isystem /usr/include, which breaks the Emscripten sysroot (see README).
set(POSTIL_DEPS_DIR "${CMAKE_SOURCE_DIR}/.deps" CACHE PATH "Where scripts/bootstrap put fetched sources")
set(POSTIL_HEADER_DEPS "${CMAKE_BINARY_DIR}/deps-include")
file(MAKE_DIRECTORY "${POSTIL_HEADER_DEPS}")
foreach(dep nlohmann doctest)
    if(NOT EXISTS "/usr/include/${dep}")
        message(FATAL_ERROR "/usr/include/${dep} missing: run scripts/bootstrap")
    endif()
    if(NOT EXISTS "${POSTIL_HEADER_DEPS}/${dep}")
        file(CREATE_LINK "/usr/include/${dep}" "${POSTIL_HEADER_DEPS}/${dep}" SYMBOLIC)
    endif()
endforeach()
add_library(postil_header_deps INTERFACE)
target_include_directories(postil_header_deps SYSTEM INTERFACE "${POSTIL_HEADER_DEPS}")
