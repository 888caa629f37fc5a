// Placeholder until the webanno format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& webanno_format()
{
    static const Format f = [] {
        Format f;
        f.name = "webanno";
        f.description = "webanno (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
