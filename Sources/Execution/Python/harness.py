# Test harness, run inside the sandboxed process B. Loads the program once into a namespace dict,
# then runs each test in order, writing one JSON line per test to the results fd as it goes, so
# that a timeout or crash mid-suite still tells which tests passed.
import ast
import errno
import json
import math
import os
import sys
import traceback

MESSAGE_TAIL = 1000


def emit(fd, record):
    data = (json.dumps(record) + "\n").encode()
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError:
        pass


def tail(text):
    text = text.strip()
    return text[-MESSAGE_TAIL:]


def describe(exc):
    lines = traceback.format_exception_only(type(exc), exc)
    return tail("".join(lines))


def classify(exc):
    """Maps an exception raised by untrusted code to a test status."""
    if isinstance(exc, MemoryError):
        return "memory_limit"
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return "output_limit"
    if isinstance(exc, AssertionError):
        return "failed"
    return "runtime_error"


def flush_stdout():
    try:
        sys.stdout.flush()
    except OSError as e:
        if e.errno == errno.EFBIG:
            return "output_limit"
    except Exception:
        pass
    return None


def main(req, fd):
    if req.get("mode") == "run":
        return run_program(req, fd)
    return run_suite(req, fd)


def run_program(req, fd):
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    code = 0
    try:
        exec(compile(req.get("program", ""), "<program>", "exec"), namespace)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if not isinstance(e.code, int) and e.code is not None:
            print(e.code, file=sys.stderr)
    except BaseException as e:
        kind = classify(e)
        if kind in ("memory_limit", "output_limit"):
            emit(fd, {"limit": kind})
        traceback.print_exc()
        code = 1
    if flush_stdout() == "output_limit":
        emit(fd, {"limit": "output_limit"})
        code = code or 1
    try:
        sys.stderr.flush()
    except Exception:
        pass
    return code


def run_suite(req, fd):
    suite = req.get("suite") or {}
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    cases = suite.get("cases") or []
    needs_load = any(c.get("kind") != "stdio" for c in cases)
    for part, text in (("preamble", suite.get("preamble") or ""), ("program", req.get("program", "")),
                       ("setup", suite.get("setup") or "")):
        if part == "program" and not needs_load:
            try:
                compile(text, "<program>", "exec")
            except SyntaxError as e:
                emit(fd, {"load": "compile_error", "message": describe(e)})
                return 0
            continue
        if not text:
            continue
        try:
            exec(compile(text, "<%s>" % part, "exec"), namespace)
        except SyntaxError as e:
            emit(fd, {"load": "compile_error", "message": describe(e)})
            return 0
        except BaseException as e:
            kind = classify(e)
            if kind not in ("memory_limit", "output_limit"):
                kind = "compile_error"
            emit(fd, {"load": kind, "message": "error while loading the %s: %s" % (part, describe(e))})
            return 0
    comparison_atol = suite.get("atol")
    entry_point = req.get("entry_point")
    for index, case in enumerate(cases):
        try:
            status, message = run_case(case, namespace, entry_point, comparison_atol, req, fd)
        except SystemExit as e:
            status, message = "runtime_error", "program exited (SystemExit: %r)" % (e.code,)
        except BaseException as e:
            status, message = classify(e), describe(e)
        flushed = flush_stdout()
        if flushed and status == "passed":
            status, message = flushed, "output limit exceeded"
        record = {"i": index, "status": status}
        if message:
            record["message"] = tail(message)
        emit(fd, record)
    return 0


def run_case(case, namespace, entry_point, atol, req, fd):
    kind = case.get("kind")
    if kind in ("assertion", "script"):
        exec(compile(case.get("code", ""), "<test>", "exec"), namespace)
        return "passed", None
    if kind == "call":
        return run_call(case, namespace, entry_point, atol)
    if kind == "stdio":
        return run_stdio(case, req)
    return "runtime_error", "unknown test kind %r" % kind


def resolve_entry_point(namespace, entry_point):
    if entry_point:
        target = namespace.get(entry_point)
        if callable(target) and not isinstance(target, type):
            return target
        solution = namespace.get("Solution")
        if isinstance(solution, type) and hasattr(solution, entry_point):
            return getattr(solution(), entry_point)
        if callable(target):
            return target
        raise NameError("entry point %r is not defined" % entry_point)
    raise NameError("no entry point given for a call test")


def parse_expected(text, kind):
    if kind == "literal":
        return literal(text)
    return json.loads(text)


def literal(text):
    try:
        return ast.literal_eval(text)
    except ValueError:
        # repr() of inf/nan is not a literal; evaluate with only those names available.
        tree = ast.parse(text, mode="eval")
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        if not names <= {"inf", "nan"}:
            raise
        return eval(compile(tree, "<expected>", "eval"), {"__builtins__": {}},
                    {"inf": math.inf, "nan": math.nan})


def normalize(value):
    if isinstance(value, (list, tuple)):
        return [normalize(v) for v in value]
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items()}
    return value


def close_enough(a, b, atol):
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) or isinstance(b, float):
            if math.isnan(a) and math.isnan(b):
                return True
            if math.isinf(a) or math.isinf(b):
                return a == b
            return abs(a - b) <= atol
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close_enough(x, y, atol) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close_enough(a[k], b[k], atol) for k in a)
    return a == b


def equal(actual, expected, atol):
    actual, expected = normalize(actual), normalize(expected)
    if atol is None:
        if actual == expected:
            return True
        return _both_nan(actual, expected)
    return close_enough(actual, expected, float(atol))


def _both_nan(a, b):
    return isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)


def short_repr(value, limit=300):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def run_call(case, namespace, entry_point, atol):
    function = resolve_entry_point(namespace, entry_point)
    arguments = json.loads(case.get("args", "[]"))
    if not isinstance(arguments, list):
        arguments = [arguments]
    expected_kind = case.get("expected_kind", "json")
    expected = parse_expected(case.get("expected", "null"), expected_kind)
    actual = function(*arguments)
    if equal(actual, expected, atol):
        return "passed", None
    if expected_kind == "wrapped" and isinstance(expected, list) and len(expected) >= 1 \
            and equal(actual, expected[0], atol):
        return "passed", None
    return "failed", "expected %s, got %s" % (short_repr(expected), short_repr(actual))


def normalize_output(text):
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def run_stdio(case, req):
    """Runs the program fresh in a forked child with the input on fd 0 and stdout to a file."""
    import io
    in_path = "stdio_in"
    out_path = "stdio_out"
    err_path = "stdio_err"
    with open(in_path, "w", encoding="utf-8") as f:
        f.write(case.get("input", ""))
    flush_stdout()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            fd_in = os.open(in_path, os.O_RDONLY)
            fd_out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            fd_err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(fd_in, 0)
            os.dup2(fd_out, 1)
            os.dup2(fd_err, 2)
            for fd in (fd_in, fd_out, fd_err):
                os.close(fd)
            sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
            sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8")
            sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                          write_through=True)
            namespace = {"__name__": "__main__", "__builtins__": __builtins__}
            exec(compile(req.get("program", ""), "<program>", "exec"), namespace)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except MemoryError:
            code = 101
        except OSError as e:
            code = 102 if e.errno == errno.EFBIG else 1
            traceback.print_exc()
        except BaseException:
            traceback.print_exc()
            code = 1
        try:
            sys.stdout.flush()
        except OSError as e:
            code = 102 if e.errno == errno.EFBIG else code
        except Exception:
            pass
        os._exit(code & 0xFF if code < 101 or code > 102 else code)
    _, wstatus = os.waitpid(pid, 0)
    if os.WIFSIGNALED(wstatus):
        sig = os.WTERMSIG(wstatus)
        if sig == 24:  # SIGXCPU
            return "timeout", "CPU time limit exceeded"
        if sig == 9:
            return "memory_limit", "killed (SIGKILL)"
        return "runtime_error", "killed by signal %d" % sig
    code = os.WEXITSTATUS(wstatus)
    if code == 152:  # the SIGXCPU handler inherited from the worker
        return "timeout", "CPU time limit exceeded"
    if code == 101:
        return "memory_limit", "MemoryError"
    if code == 102:
        return "output_limit", "output limit exceeded"
    with open(out_path, "r", encoding="utf-8", errors="replace") as f:
        actual = f.read()
    if code != 0:
        try:
            with open(err_path, "r", encoding="utf-8", errors="replace") as f:
                err = f.read()
        except OSError:
            err = ""
        return "runtime_error", "exit code %d: %s" % (code, tail(err))
    if normalize_output(actual) == normalize_output(case.get("output", "")):
        return "passed", None
    return "failed", "expected output %s, got %s" % (short_repr(case.get("output", "")), short_repr(actual))
