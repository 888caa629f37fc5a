// Placeholder until the stance-jsonl format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& stance_jsonl_format()
{
    static const Format f = [] {
        Format f;
        f.name = "stance-jsonl";
        f.description = "stance-jsonl (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
