// Thread CPU time in milliseconds, for the benches that time single-threaded work: the bench
// machine is shared, and time spent preempted by other processes is not ours.
// Does not do: wall time or whole-process CPU time (export_bench, agreement_bench keep theirs).
#pragma once
#include <time.h>

namespace postil::bench {

inline double thread_cpu_ms()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) * 1e-6;
}

} // namespace postil::bench
