# Stdin/stdout tests: each one runs the program fresh in a forked child C of the harness process B,
# with the test's input on fd 0 and its stdout in a file.
#
# How C ended is read from the kernel, not from exit codes the program could also use:
# - CPU: C is not the init of its pid namespace, so SIGXCPU keeps its default action and kills C
#   wherever it is (a pure-Python loop, a long C call, a thread); if the program ignores SIGXCPU,
#   RLIMIT_CPU's hard limit SIGKILLs it one second later, and C's rusage says it spent the time;
# - MemoryError and EFBIG caught around the program are reported on a pipe of their own, so a
#   program that exits with any status is read as exactly that status.
import errno
import io
import os
import resource
import signal
import sys
import traceback

import classify

IN_PATH, OUT_PATH, ERR_PATH = "stdio_in", "stdio_out", "stdio_err"
_SIGKILL, _SIGXCPU = 9, 24


def run(case, program, results_fd, tail, short_repr, flush_stdout):
    """Runs one stdio test; returns (status, message). `results_fd` is closed in the child."""
    with open(IN_PATH, "w", encoding="utf-8") as f:
        f.write(case.get("input", ""))
    flush_stdout()
    side_r, side_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(side_r)
        _child(program, results_fd, side_w)
    os.close(side_w)
    _, wstatus, usage = os.wait4(pid, 0)
    os.set_blocking(side_r, False)
    try:
        side = os.read(side_r, 64).decode("ascii", "replace")
    except (BlockingIOError, OSError):
        side = ""
    os.close(side_r)
    if os.WIFSIGNALED(wstatus):
        return classify.signal_death(os.WTERMSIG(wstatus), usage, _soft(resource.RLIMIT_CPU), _soft(resource.RLIMIT_AS))
    if side in ("memory_limit", "output_limit"):
        return side, "MemoryError" if side == "memory_limit" else "output limit exceeded"
    code = os.WEXITSTATUS(wstatus)
    with open(OUT_PATH, "r", encoding="utf-8", errors="replace") as f:
        actual = f.read()
    if code != 0:
        try:
            with open(ERR_PATH, "r", encoding="utf-8", errors="replace") as f:
                err = f.read()
        except OSError:
            err = ""
        return "runtime_error", "exit code %d: %s" % (code, tail(err))
    if normalize_output(actual) == normalize_output(case.get("output", "")):
        return "passed", None
    return "failed", "expected output %s, got %s" % (short_repr(case.get("output", "")), short_repr(actual))


def _child(program, results_fd, side_w):
    """Process C. Never returns."""
    code = 0
    limit = None
    try:
        os.close(results_fd)  # the program must not write test records
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)
        fd_in = os.open(IN_PATH, os.O_RDONLY)
        fd_out = os.open(OUT_PATH, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        fd_err = os.open(ERR_PATH, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd_in, 0)
        os.dup2(fd_out, 1)
        os.dup2(fd_err, 2)
        for fd in (fd_in, fd_out, fd_err):
            os.close(fd)
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8")
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", write_through=True)
        namespace = {"__name__": "__main__", "__builtins__": __builtins__}
        exec(compile(program, "<program>", "exec"), namespace)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if e.code is not None and not isinstance(e.code, int):
            print(e.code, file=sys.stderr)
    except BaseException as e:
        limit = classify.limit_of(e)
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
    except OSError as e:
        if e.errno == errno.EFBIG:
            limit = "output_limit"
    except BaseException:
        pass
    if limit:
        try:
            os.write(side_w, limit.encode())
        except OSError:
            pass
    os._exit(code & 0xFF)


def _soft(which):
    soft = resource.getrlimit(which)[0]
    return None if soft == resource.RLIM_INFINITY else soft


def normalize_output(text):
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)
