# Embeds shaders/*.vert|frag into a generated header (postil_shaders.h) at build time, with the
# #version line for this target: "#version 330 core" on desktop, "#version 300 es" on the web.
# Provides the INTERFACE target postil_shaders (include dir + dependency on the header).
file(GLOB POSTIL_SHADER_SOURCES CONFIGURE_DEPENDS
    "${CMAKE_SOURCE_DIR}/shaders/*.vert" "${CMAKE_SOURCE_DIR}/shaders/*.frag")
if(EMSCRIPTEN)
    set(_postil_gl web)
else()
    set(_postil_gl desktop)
endif()
set(POSTIL_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
set(_postil_shader_header "${POSTIL_GENERATED_DIR}/postil_shaders.h")
string(REPLACE ";" "|" _postil_shader_arg "${POSTIL_SHADER_SOURCES}") # no ; on a command line
add_custom_command(
    OUTPUT "${_postil_shader_header}"
    COMMAND "${CMAKE_COMMAND}" "-DOUTPUT=${_postil_shader_header}" "-DTARGET_GL=${_postil_gl}"
            "-DSOURCES=${_postil_shader_arg}" -P "${CMAKE_SOURCE_DIR}/cmake/EmbedShaders.cmake"
    DEPENDS ${POSTIL_SHADER_SOURCES} "${CMAKE_SOURCE_DIR}/cmake/EmbedShaders.cmake"
    COMMENT "Embedding shaders for ${_postil_gl} GL"
    VERBATIM)
add_custom_target(postil_shaders_gen DEPENDS "${_postil_shader_header}")
add_library(postil_shaders INTERFACE)
target_include_directories(postil_shaders INTERFACE "${POSTIL_GENERATED_DIR}")
add_dependencies(postil_shaders postil_shaders_gen)
