# O1Coder TCG call driver: runs a reference solution's entry point on argument lists.
# Runs INSIDE the sandbox. Reads one JSON object on stdin:
#   {"source": str, "entry_point": str, "cases": [JSON-array-text, ...], "per_case_seconds": float}
# Writes one line per case to stdout, each prefixed by MARK (the program's own prints are
# swallowed):  {"i": k, "status": "ok", "repr": repr(result)}
#              {"i": k, "status": "error" | "timeout" | "unrepresentable", "message": str}
# A first line {"load_error": str} means the source did not load or has no such function.
import ast
import contextlib
import io
import json
import signal
import sys

MARK = "@@O1TCG@@"
REAL_STDOUT = sys.stdout


class CaseTimeout(BaseException):
    pass


def emit(obj):
    REAL_STDOUT.write(MARK + json.dumps(obj) + "\n")
    REAL_STDOUT.flush()


def on_alarm(signum, frame):
    raise CaseTimeout()


def find_entry(ns, name):
    fn = ns.get(name)
    if callable(fn):
        return fn
    cls = ns.get("Solution")
    if isinstance(cls, type):
        try:
            return getattr(cls(), name, None)
        except BaseException:
            return None
    return None


def plain(value, depth=0):
    """Built-in equivalents of container subclasses (Counter, OrderedDict, namedtuple,
    frozenset), whose repr is not a literal but which compare equal to the built-in."""
    if depth > 50:
        return value
    if isinstance(value, dict):
        return {plain(k, depth + 1): plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, depth + 1) for v in value]
    if isinstance(value, tuple):
        return tuple(plain(v, depth + 1) for v in value)
    if isinstance(value, (set, frozenset)):
        return {plain(v, depth + 1) for v in value}
    return value


def representable(result):
    try:
        text = repr(plain(result))
    except BaseException:
        return None
    try:
        if ast.literal_eval(text) == result:
            return text
    except BaseException:
        pass
    return None


def main():
    request = json.loads(sys.stdin.read())
    sys.stdin = io.StringIO("")
    per_case = float(request.get("per_case_seconds") or 0)
    use_alarm = False
    if per_case > 0:
        try:
            signal.signal(signal.SIGALRM, on_alarm)
            # The sandbox's process may start with SIGALRM blocked; the per-case alarm needs it.
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
            use_alarm = True
        except BaseException:
            use_alarm = False
    ns = {"__name__": "o1coder_reference"}
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(request["source"], "<reference>", "exec"), ns)
    except BaseException as e:
        emit({"load_error": (type(e).__name__ + ": " + str(e))[:300]})
        return
    fn = find_entry(ns, request["entry_point"])
    if fn is None:
        emit({"load_error": "entry point not found: " + request["entry_point"]})
        return
    for i, args_text in enumerate(request["cases"]):
        args = json.loads(args_text)
        try:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, per_case)
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    result = fn(*args)
            finally:
                if use_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except CaseTimeout:
            emit({"i": i, "status": "timeout", "message": "per-case time limit"})
            continue
        except BaseException as e:
            emit({"i": i, "status": "error", "message": (type(e).__name__ + ": " + str(e))[:300]})
            continue
        text = representable(result)
        if text is None:
            emit({"i": i, "status": "unrepresentable", "message": type(result).__name__})
        else:
            emit({"i": i, "status": "ok", "repr": text})


main()
