# O1Coder sandbox worker (a fork server). Runs as an unprivileged uid, normally inside bubblewrap.
#
# Protocol: newline-delimited JSON. The first line written is {"ready": true, ...}. Then, per request
# line read, exactly one response line. One request at a time.
#
# Per execution:  worker --fork--> A (trusted: unshare(NEWUSER|NEWPID), wall clock via pidfd+select,
#                 collects per-test results from a pipe) --fork--> B (pid 1 of a fresh pid namespace:
#                 rlimits, seccomp, then the harness runs the untrusted code in-process).
# When B exits the kernel kills everything left in its pid namespace (daemons, fork-bomb leftovers).
import errno
import json
import os
import resource
import select
import shutil
import signal
import sys
import time

# Pre-imported so that every forked execution gets them for free.
import bisect, collections, functools, heapq, itertools, math, re, string, typing  # noqa: E401,F401
import ast, copy, decimal, fractions, io, operator, random, statistics  # noqa: E401,F401

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import classify  # noqa: E402
import harness  # noqa: E402
import integrity  # noqa: E402
import policy  # noqa: E402

integrity.freeze()  # before any untrusted code: every execution forks from here

CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
SCRATCH_DIRS = ("/tmp", "/dev/shm")
RESULTS_CAP = 8 << 20


def log(*parts):
    print("o1coder-worker:", *parts, file=sys.stderr, flush=True)


class Worker:
    def __init__(self, proto_in, proto_out, isolate):
        self.proto_in = proto_in
        self.proto_out = proto_out
        self.isolate = isolate
        self.filter = policy.compile_filter() if os.environ.get("O1CODER_SECCOMP", "1") == "1" else None
        self.userns = isolate and self.probe_userns()
        self.wipe_scratch = os.environ.get("O1CODER_SANDBOXED") == "1"
        self.counter = 0

    # ---- capability probe ----------------------------------------------------------------------

    def probe_userns(self):
        pid = os.fork()
        if pid == 0:
            try:
                rc = policy.unshare(CLONE_NEWUSER | CLONE_NEWPID)
                os._exit(0 if rc == 0 else 1)
            except BaseException:
                os._exit(2)
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status) == 0

    def ready_line(self):
        return {
            "ready": True,
            "userns": bool(self.userns),
            "seccomp": self.filter is not None,
            "uid": os.getuid(),
            "sandboxed": self.wipe_scratch,
            "python": sys.version.split()[0],
        }

    # ---- main loop ---------------------------------------------------------------------------------

    def send(self, obj):
        data = (json.dumps(obj) + "\n").encode()
        view = memoryview(data)
        while view:
            n = os.write(self.proto_out, view)
            view = view[n:]

    def serve(self):
        self.send(self.ready_line())
        reader = os.fdopen(self.proto_in, "rb", buffering=1 << 16)
        for line in reader:
            if not line.strip():
                continue
            try:
                request = json.loads(line)
            except ValueError as e:
                self.send({"id": -1, "ok": False, "error": "bad request: %s" % e})
                continue
            try:
                response = self.execute(request)
            except Exception as e:  # the worker itself failed; the program is not to blame
                response = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
            response["id"] = request.get("id", -1)
            self.send(response)
            self.wipe()

    def wipe(self):
        if not self.wipe_scratch:
            return
        for top in SCRATCH_DIRS:
            try:
                entries = os.listdir(top)
            except OSError:
                continue
            for name in entries:
                remove_tree(os.path.join(top, name))

    # ---- one execution ------------------------------------------------------------------------------

    def execute(self, req):
        self.counter += 1
        base = "/tmp" if self.wipe_scratch else os.environ.get("O1CODER_SCRATCH", "/tmp")
        workdir = os.path.join(base, "x%d-%d" % (os.getpid(), self.counter))
        os.mkdir(workdir, 0o700)
        try:
            return self.execute_in(req, workdir)
        finally:
            if not self.wipe_scratch:
                remove_tree(workdir)

    def execute_in(self, req, workdir):
        out_path = os.path.join(workdir, "stdout")
        err_path = os.path.join(workdir, "stderr")
        in_path = os.path.join(workdir, "stdin")
        with open(in_path, "w", encoding="utf-8") as f:
            f.write(req.get("stdin") or "")
        status_r, status_w = os.pipe()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.close(status_r)
            self.middle(req, workdir, in_path, out_path, err_path, status_w)
            os._exit(0)  # not reached
        os.close(status_w)
        chunks = []
        deadline = started + float(req.get("wall_s", 10)) + 1.0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                break
            ready, _, _ = select.select([status_r], [], [], left)
            if not ready:
                continue
            chunk = os.read(status_r, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(status_r)
        os.waitpid(pid, 0)
        try:
            status = json.loads(b"".join(chunks))
        except ValueError:
            return {"ok": False, "error": "execution supervisor died without a status"}
        if "error" in status:
            return {"ok": False, "error": status["error"]}
        out_cap = int(req.get("out_bytes", 1 << 20))
        tail = 4096 if req.get("mode") == "evaluate" else None
        status["stdout"], status["stdout_truncated"] = read_capped(out_path, out_cap, tail)
        status["stderr"], status["stderr_truncated"] = read_capped(err_path, out_cap, tail)
        status["elapsed_s"] = time.monotonic() - started
        status["ok"] = True
        return status

    def middle(self, req, workdir, in_path, out_path, err_path, status_w):
        """Process A: trusted supervisor of one execution. Never returns."""
        status = {}
        try:
            if self.userns:
                if policy.unshare(CLONE_NEWUSER | CLONE_NEWPID) != 0:
                    raise OSError("unshare(CLONE_NEWUSER|CLONE_NEWPID) failed")
            results_r, results_w = os.pipe()
            # Records without this nonce are dropped: a program cannot forge results just by
            # writing to the fd (it can by reading the nonce out of the harness; see harness.py).
            nonce = os.urandom(16).hex()
            started = time.monotonic()
            child = os.fork()
            if child == 0:
                os.close(results_r)
                os.close(status_w)
                self.inner(req, workdir, in_path, out_path, err_path, results_w, nonce)
                os._exit(70)  # not reached
            os.close(results_w)
            status = self.supervise(req, child, results_r, started, nonce)
        except BaseException as e:
            status = {"error": "%s: %s" % (type(e).__name__, e)}
        try:
            data = json.dumps(status).encode()
            view = memoryview(data)
            while view:
                view = view[os.write(status_w, view):]
        finally:
            os._exit(0)

    def supervise(self, req, child, results_r, started, nonce):
        wall = float(req.get("wall_s", 10))
        pidfd = os.pidfd_open(child)
        buf = bytearray()
        wall_timeout = False
        fds = [pidfd, results_r]
        while True:
            left = started + wall - time.monotonic()
            if left <= 0:
                os.kill(child, signal.SIGKILL)
                wall_timeout = True
                break
            ready, _, _ = select.select(fds, [], [], left)
            if results_r in ready:
                chunk = os.read(results_r, 1 << 16)
                if chunk:
                    if len(buf) < RESULTS_CAP:
                        buf.extend(chunk)
                else:
                    fds.remove(results_r)
            if pidfd in ready:
                break
        _, wstatus, usage = os.wait4(child, 0)
        os.close(pidfd)
        # The namespace is gone; drain what the harness wrote before it ended.
        os.set_blocking(results_r, False)
        while True:
            try:
                chunk = os.read(results_r, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:
                break
            if len(buf) < RESULTS_CAP:
                buf.extend(chunk)
        os.close(results_r)
        records = []
        for line in bytes(buf).decode("utf-8", "replace").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue  # truncated
            if isinstance(record, dict) and record.pop("n", None) == nonce:
                records.append(record)
        # B's rusage includes the stdio children it reaped, so each limit test also needs B to
        # have been stopped the way that limit stops it (RLIMIT_CPU only counts B's own time).
        cpu_limit, memory_limit = cpu_seconds(req), int(req.get("mem_bytes", 1 << 30))
        status = {"wall_timeout": wall_timeout, "cpu_s": usage.ru_utime + usage.ru_stime, "records": records}
        if os.WIFSIGNALED(wstatus):
            sig = os.WTERMSIG(wstatus)
            status["signal"] = sig
            kind, _ = classify.signal_death(sig, usage, cpu_limit, memory_limit)
            status["cpu_exceeded"] = kind == "timeout"
            status["memory_exceeded"] = kind == "memory_limit"
        else:
            status["code"] = os.WEXITSTATUS(wstatus)
            # B's SIGXCPU handler says so in a record: the exit status alone is the program's to
            # use, and rusage (exact) can read a little under RLIMIT_CPU (tick-sampled) here.
            status["cpu_exceeded"] = any(r.get("limit") == "cpu" for r in records)
        return status

    def inner(self, req, workdir, in_path, out_path, err_path, results_w, nonce):
        """Process B: pid 1 of the execution's namespace. Runs the untrusted code."""
        policy.die_with_parent()
        try:
            os.setsid()
        except OSError:
            pass
        os.chdir(workdir)
        fd_in = os.open(in_path, os.O_RDONLY)
        fd_out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        fd_err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd_in, 0)
        os.dup2(fd_out, 1)
        os.dup2(fd_err, 2)
        for fd in (fd_in, fd_out, fd_err, self.proto_in, self.proto_out):
            try:
                os.close(fd)
            except OSError:
                pass
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        # B is pid 1 of its namespace, and init ignores default-action signals such as SIGXCPU.
        signal.signal(signal.SIGXCPU, lambda _signum, _frame: _cpu_exceeded(results_w, nonce))
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8", errors="replace")
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="replace",
                                      write_through=False)
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="replace",
                                      write_through=True)
        sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr
        apply_limits(req)
        if self.filter is not None:
            policy.load(self.filter)
        code = harness.main(req, results_w, nonce)
        os._exit(code)


CPU_EXCEEDED_EXIT = 152


def _cpu_exceeded(results_w, nonce):
    harness.emit(results_w, nonce, {"limit": "cpu"})
    os._exit(CPU_EXCEEDED_EXIT)


def cpu_seconds(req):
    """RLIMIT_CPU's soft limit: whole seconds, at least one."""
    return max(1, int(-(-float(req.get("cpu_s", 4)) // 1)))


def apply_limits(req):
    cpu = cpu_seconds(req)
    limits = [
        (resource.RLIMIT_CPU, cpu, cpu + 1),
        (resource.RLIMIT_AS, int(req.get("mem_bytes", 1 << 30))),
        (resource.RLIMIT_FSIZE, int(req.get("out_bytes", 1 << 20))),
        (resource.RLIMIT_NPROC, int(req.get("nproc", 64))),
        (resource.RLIMIT_NOFILE, int(req.get("nofile", 64))),
        (resource.RLIMIT_CORE, 0),
    ]
    for entry in limits:
        which, soft = entry[0], entry[1]
        hard = entry[2] if len(entry) > 2 else soft
        _, old_hard = resource.getrlimit(which)
        if old_hard != resource.RLIM_INFINITY:
            soft, hard = min(soft, old_hard), min(hard, old_hard)
        resource.setrlimit(which, (soft, hard))


def read_capped(path, cap, tail):
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            if tail is not None and size > tail:
                f.seek(size - tail)
                data = f.read(tail)
            else:
                data = f.read(cap)
    except OSError:
        return "", False
    return data.decode("utf-8", "replace"), size >= cap


def remove_tree(path):
    def fix(func, p, _exc):
        try:
            os.chmod(os.path.dirname(p), 0o700)
            os.chmod(p, 0o700)
            func(p)
        except OSError:
            pass

    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, onerror=fix)
        else:
            os.unlink(path)
    except OSError:
        pass


def main():
    # Private protocol fds; the standard ones are pointed away so that children cannot reach them.
    proto_in = os.dup(0)
    proto_out = os.dup(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    os.close(devnull)
    policy.set_non_dumpable()
    isolate = os.environ.get("O1CODER_ISOLATE", "1") == "1"
    Worker(proto_in, proto_out, isolate).serve()


if __name__ == "__main__":
    main()
