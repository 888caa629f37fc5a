// Placeholder until the doccano format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& doccano_format()
{
    static const Format f = [] {
        Format f;
        f.name = "doccano";
        f.description = "doccano (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
