// Placeholder until the jsonl format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& jsonl_format()
{
    static const Format f = [] {
        Format f;
        f.name = "jsonl";
        f.description = "jsonl (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
