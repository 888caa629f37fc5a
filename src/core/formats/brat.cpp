// Placeholder until the brat format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& brat_format()
{
    static const Format f = [] {
        Format f;
        f.name = "brat";
        f.description = "brat (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
