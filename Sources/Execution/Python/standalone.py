# Runs a whole suite in one plain Python process, for a sandbox that only runs code
# (SandboxFusion's /run_code): the harness modules travel with the program, and StandaloneHarness
# (Swift) puts a PAYLOAD line (base64 JSON: modules, request, nonce) in front of this file.
#
# The harness's records are the only thing on stdout, one JSON line each; the program's own
# stdout goes to stderr (fd 1 is pointed at fd 2), so a print never splits a record. The limits
# the remote sandbox may not know (CPU, address space, file size) are set on the child that runs
# the suite, and CPU or memory exhaustion becomes a record, so it is not read from an exit code.
import base64
import json
import os
import resource
import signal
import sys
import types


def _load(modules):
    for name, source in modules:
        module = types.ModuleType(name)
        module.__file__ = name + ".py"
        sys.modules[name] = module
        exec(compile(source, name + ".py", "exec"), module.__dict__)
    return sys.modules["harness"]


def _limit(which, soft, hard=None):
    hard = soft if hard is None else hard
    _, old_hard = resource.getrlimit(which)
    if old_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, old_hard), min(hard, old_hard)
    try:
        resource.setrlimit(which, (soft, hard))
    except (ValueError, OSError):
        pass


def _main(payload):
    data = json.loads(base64.b64decode(payload).decode("utf-8"))
    harness = _load(data["modules"])
    classify = sys.modules["classify"]
    req, nonce = data["request"], data["nonce"]
    cpu = max(1, int(-(-float(req.get("cpu_s", 4)) // 1)))
    memory = int(req.get("mem_bytes", 1 << 30))
    sys.stdout.flush()
    results = os.dup(1)
    os.dup2(2, 1)
    # The suite runs in a child, and this process reads how it ended from the kernel (as the
    # worker's supervisor does): a Python SIGXCPU handler does not run in every sandbox (not as a
    # namespace's init), and an exit status is the program's to choose.
    child = os.fork()
    if child == 0:
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)
        _limit(resource.RLIMIT_CPU, cpu, cpu + 1)
        _limit(resource.RLIMIT_AS, memory)
        _limit(resource.RLIMIT_FSIZE, int(req.get("out_bytes", 1 << 20)))
        _limit(resource.RLIMIT_CORE, 0)
        code = 1
        try:
            code = harness.main(req, results, nonce)
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            pass
        os._exit(code)
    _, wstatus, usage = os.wait4(child, 0)
    if os.WIFSIGNALED(wstatus):
        kind, _ = classify.signal_death(os.WTERMSIG(wstatus), usage, cpu, memory)
        if kind == "timeout":
            harness.emit(results, nonce, {"limit": "cpu"})
        elif kind == "memory_limit":
            harness.emit(results, nonce, {"limit": "memory_limit"})
        os._exit(128 + os.WTERMSIG(wstatus))
    os._exit(os.WEXITSTATUS(wstatus))


_main(PAYLOAD)  # noqa: F821 (defined by the line in front)
