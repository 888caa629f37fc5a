// Placeholder until the hf format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& hf_format()
{
    static const Format f = [] {
        Format f;
        f.name = "hf";
        f.description = "hf (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
