// What the apps do with a file given to them outside the Import dialog (dropped on the
// window, named on the command line, picked with File > Open): open it as the project, add it
// as a plain-text document, or hand it to the Import dialog with its format guessed.
// Does not do: the opening itself (the App), format guessing rules (each Format's detect).
#pragma once
#include "core/formats/format.h"

namespace postil {

enum class OpenAction {
    OpenProject, // a Postil project file (or a .json no interchange format claims: its
                 // errors are then reported against the project file format)
    AddText,     // plain text: one new document
    Import,      // an interchange format (jsonl, doccano, brat, conll ...): the Import dialog
};

struct OpenRoute {
    OpenAction action = OpenAction::AddText;
    const Format* format = nullptr; // set for Import: the guessed format
};

OpenRoute route_opened_file(const InputFile& file);

} // namespace postil
