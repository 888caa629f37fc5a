# Fonts come from installed Debian packages (scripts/bootstrap installs them) and are copied
# into the build at build time, never committed:
#   NotoSans-Regular.ttf       (fonts-noto-core)      the UI and text font
#   Symbola_hint.ttf           (fonts-symbola)        emoji and symbols, merged
#   DroidSansFallbackFull.ttf  (fonts-droid-fallback) CJK, merged
# postil_copy_fonts(<target> <dest dir> [names...]) adds copies (default: all) to <target>'s build.
# POSTIL_FONT_<name as C identifier> holds each font's installed path.
set(POSTIL_FONT_NAMES NotoSans-Regular.ttf Symbola_hint.ttf DroidSansFallbackFull.ttf)
set(POSTIL_FONT_SEARCH_DIRS
    /usr/share/fonts/truetype/noto
    /usr/share/fonts/truetype/ancient-scripts
    /usr/share/fonts/truetype/droid)
set(POSTIL_FONT_FILES "")
foreach(font IN LISTS POSTIL_FONT_NAMES)
    string(MAKE_C_IDENTIFIER "POSTIL_FONT_${font}" var)
    # NO_CMAKE_FIND_ROOT_PATH: fonts are host files, even when cross-compiling to wasm.
    find_file(${var} "${font}" PATHS ${POSTIL_FONT_SEARCH_DIRS} NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
    if(NOT ${var})
        message(FATAL_ERROR "Font ${font} not found in ${POSTIL_FONT_SEARCH_DIRS}: run scripts/bootstrap "
                            "(packages fonts-noto-core fonts-symbola fonts-droid-fallback)")
    endif()
    list(APPEND POSTIL_FONT_FILES "${${var}}")
endforeach()

function(postil_copy_fonts target dest)
    set(names ${ARGN})
    if(NOT names)
        set(names ${POSTIL_FONT_NAMES})
    endif()
    set(outputs "")
    foreach(name IN LISTS names)
        string(MAKE_C_IDENTIFIER "POSTIL_FONT_${name}" var)
        set(src "${${var}}")
        add_custom_command(OUTPUT "${dest}/${name}"
            COMMAND "${CMAKE_COMMAND}" -E make_directory "${dest}"
            COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${src}" "${dest}/${name}"
            DEPENDS "${src}" VERBATIM)
        list(APPEND outputs "${dest}/${name}")
    endforeach()
    add_custom_target(${target}_fonts DEPENDS ${outputs})
    add_dependencies(${target} ${target}_fonts)
endfunction()
