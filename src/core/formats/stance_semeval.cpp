// Placeholder until the stance-semeval format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& stance_semeval_format()
{
    static const Format f = [] {
        Format f;
        f.name = "stance-semeval";
        f.description = "stance-semeval (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
