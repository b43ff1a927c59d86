# How untrusted code ended, as a test status. Shared by the harness (exceptions), the stdio child's
# parent and the execution supervisor (signals and rusage).
#
# Exceptions are classified by their real type (`type(e)` and its MRO), never by isinstance(),
# which trusts a `__class__` property the program can define; OSError's errno is read through the
# C slot for the same reason.
import errno

SIGKILL, SIGXCPU = 9, 24
# rusage is exact, while RLIMIT_CPU counts sampled ticks and can run ahead of it on a busy VM
# (SIGXCPU was seen at 3.94 s of rusage for a 4 s limit). Only used for the hard limit's SIGKILL,
# a whole second past the soft limit, so the margin is wide.
_CPU_SLACK_S = 0.25
# With RLIMIT_AS in force, only the kernel's OOM killer SIGKILLs for memory, near the limit.
_MEMORY_FRACTION = 0.9
_errno_of = OSError.errno.__get__


def limit_of(exc):
    """'memory_limit' or 'output_limit' when `exc` means a resource limit was hit, else None."""
    kind = type(exc)
    if issubclass(kind, MemoryError):
        return "memory_limit"
    if issubclass(kind, OSError) and _errno_of(exc) == errno.EFBIG:
        return "output_limit"
    return None


def status_of(exc):
    """The test status for an exception raised by a program or by test code about it."""
    limit = limit_of(exc)
    if limit:
        return limit
    if issubclass(type(exc), AssertionError):
        return "failed"
    return "runtime_error"


def cpu_exhausted(usage, soft_limit):
    """The process spent (about) its RLIMIT_CPU soft limit (`usage` is its rusage from wait4)."""
    return soft_limit is not None and usage.ru_utime + usage.ru_stime >= soft_limit - _CPU_SLACK_S


def memory_exhausted(usage, memory_limit):
    return bool(memory_limit) and usage.ru_maxrss * 1024 >= _MEMORY_FRACTION * memory_limit


def signal_death(sig, usage, cpu_limit, memory_limit):
    """(status, message) for a process killed by `sig`. SIGKILL is RLIMIT_CPU's hard limit when
    the process spent its CPU time (it ignored SIGXCPU, or was stuck in C code), the OOM killer
    when it used nearly all its memory, and otherwise something the program did to itself."""
    if sig == SIGXCPU or (sig == SIGKILL and cpu_exhausted(usage, cpu_limit)):
        return "timeout", "CPU time limit exceeded"
    if sig == SIGKILL and memory_exhausted(usage, memory_limit):
        return "memory_limit", "killed (SIGKILL) near the memory limit"
    return "runtime_error", "killed by signal %d" % sig
