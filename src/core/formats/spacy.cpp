// Placeholder until the spacy format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& spacy_format()
{
    static const Format f = [] {
        Format f;
        f.name = "spacy";
        f.description = "spacy (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
