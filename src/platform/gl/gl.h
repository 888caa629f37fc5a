// The one place that includes OpenGL headers: desktop GL 3.3 core (Mesa exports the entry
// points, so prototypes are enough, no loader) or OpenGL ES 3.0 = WebGL2 under Emscripten.
// Include this instead of any GL header; include GLFW with GLFW_INCLUDE_NONE after it.
#pragma once
#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#define POSTIL_GL_ES 1
#else
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>
#define POSTIL_GL_ES 0
#endif
