// Placeholder until the stance-csv format lands: listed, neither importable nor exportable.
#include "format.h"

namespace postil {

const Format& stance_csv_format()
{
    static const Format f = [] {
        Format f;
        f.name = "stance-csv";
        f.description = "stance-csv (not implemented yet)";
        return f;
    }();
    return f;
}

} // namespace postil
