// Placeholder until the conll format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& conll_format()
{
    static const Format f = [] {
        Format f;
        f.name = "conll";
        f.description = "conll (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
