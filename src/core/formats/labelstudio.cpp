// Placeholder until the labelstudio format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& labelstudio_format()
{
    static const Format f = [] {
        Format f;
        f.name = "labelstudio";
        f.description = "labelstudio (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
