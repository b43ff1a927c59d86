# Test harness, run inside the sandboxed process B. Loads the program once into a namespace dict,
# then runs each test in order, writing one JSON line per test to the results fd as it goes, so
# that a timeout or crash mid-suite still tells which tests passed.
#
# Judging code it shares a process with (see integrity.py for what that cannot stop):
# - every value the entry point returns is replaced by a canonical builtin copy (canonical.py)
#   before a test compares it: in `call` tests here, in assert-style tests through a wrapper that
#   the test code sees under the entry point's name;
# - test code runs in its own namespace with fresh builtins, so a program's `abs = ...` or
#   `builtins.len = ...` does not reach it;
# - after every test the harness checks that its own functions are unchanged, and fails the test
#   (and the rest) when they are not;
# - every record carries the execution's nonce, and the supervisor drops lines without it, so a
#   program cannot forge results by writing to the fd alone. The nonce is in this process's
#   memory, so a program that reads the harness's frames can still forge them.
import ast
import builtins
import json
import math
import os
import sys
import traceback

import _json

import canonical
import classify
import integrity
import sanitize
import stdio

MESSAGE_TAIL = 1000
_encode_string = _json.encode_basestring_ascii  # C code: unlike json.dumps, nothing to patch
_settrace = sys.settrace
_setprofile = sys.setprofile


def emit(fd, nonce, record):
    """Writes one record as a JSON line; values are ints, bools, strings or lists of those."""
    parts = ['"n": %s' % _encode_string(nonce)]
    for key, value in record.items():
        parts.append("%s: %s" % (_encode_string(key), _json_value(value)))
    data = ("{" + ", ".join(parts) + "}\n").encode()
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError:
        pass


def _json_value(value):
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return "%d" % value
    if kind is list:
        return "[" + ", ".join(_json_value(v) for v in value) + "]"
    return _encode_string(str.__str__(value) if issubclass(kind, str) else repr(value))


def tail(text):
    text = text.strip()
    return text[-MESSAGE_TAIL:]


def describe(exc):
    lines = traceback.format_exception_only(type(exc), exc)
    return tail("".join(lines))


def flush_stdout():
    try:
        sys.stdout.flush()
    except OSError as e:
        if classify.limit_of(e) == "output_limit":
            return "output_limit"
    except Exception:
        pass
    return None


def main(req, fd, nonce):
    if req.get("mode") == "run":
        return run_program(req, fd, nonce)
    return run_suite(req, fd, nonce)


def run_program(req, fd, nonce):
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    code = 0
    try:
        exec(compile(req.get("program", ""), "<program>", "exec"), namespace)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if not isinstance(e.code, int) and e.code is not None:
            print(e.code, file=sys.stderr)
    except BaseException as e:
        kind = classify.limit_of(e)
        if kind:
            emit(fd, nonce, {"limit": kind})
        traceback.print_exc()
        code = 1
    if flush_stdout() == "output_limit":
        emit(fd, nonce, {"limit": "output_limit"})
        code = code or 1
    try:
        sys.stderr.flush()
    except Exception:
        pass
    return code


def run_suite(req, fd, nonce):
    # Taken before any untrusted code runs. The check is inlined (not a helper) and reads only
    # locals: a running frame's code and locals cannot be replaced from Python.
    taken = integrity.snapshot()
    check, check_code = integrity.check, integrity.check.__code__
    rewritten = "the program rewrote the harness's integrity check"
    suite = req.get("suite") or {}
    cases = suite.get("cases") or []
    entry_point = req.get("entry_point")
    program = req.get("program", "")
    has_stdio = any(c.get("kind") == "stdio" for c in cases)
    needs_load = any(c.get("kind") != "stdio" for c in cases)
    if req.get("sanitize") and entry_point and not has_stdio:
        sources = [suite.get("preamble"), suite.get("setup")] + [c.get("code") for c in cases]
        program, dropped = sanitize.sanitize(program, entry_point, sources)
        if dropped:
            emit(fd, nonce, {"sanitized": dropped})
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    for part, text in (("preamble", suite.get("preamble") or ""), ("program", program),
                       ("setup", suite.get("setup") or "")):
        if not text and part != "program":
            continue
        failure = load(part, text, namespace, execute=needs_load or part != "program")
        if failure:
            integrity.restore()
            emit(fd, nonce, failure)
            return 0
    tampered = check(taken) if check.__code__ is check_code else rewritten
    integrity.restore()
    atol = suite.get("atol")
    # The first failure decides the verdict: a caller that needs no pass rate spends no more.
    stop_early = bool(suite.get("stop_at_first_failure"))
    for index, case in enumerate(cases):
        if tampered:
            emit(fd, nonce, {"i": index, "status": "failed", "message": "the program tampered with the test harness: " + tampered})
            continue
        extra = ()
        try:
            if case.get("kind") in ("assertion", "script"):
                names, extra = test_namespace(namespace, entry_point, case.get("code", ""))
                status, message = run_test_code(case, names)
            else:
                status, message = run_case(case, namespace, entry_point, atol, program, fd)
        except SystemExit as e:
            status, message = "runtime_error", "program exited (SystemExit: %r)" % (e.code,)
        except canonical.NonCanonicalResult as e:
            status, message = "failed", str(e)
        except BaseException as e:
            status, message = classify.status_of(e), describe(e)
        flushed = flush_stdout()
        if flushed and status == "passed":
            status, message = flushed, "output limit exceeded"
        tampered = check(taken, extra) if check.__code__ is check_code else rewritten
        if tampered:
            status, message = "failed", "the program tampered with the test harness: " + tampered
        integrity.restore()
        record = {"i": index, "status": status}
        if message:
            record["message"] = tail(message)
        emit(fd, nonce, record)
        if stop_early and status != "passed":
            for rest in range(index + 1, len(cases)):
                emit(fd, nonce, {"i": rest, "status": "not_run"})
            break
    return 0


def load(part, text, namespace, execute):
    """Compiles and runs one part of the program; None, or the load record on failure. Only a
    failure to compile is a compile error: an exception while the module runs (a model's own
    top-level test that raises) is a runtime error."""
    try:
        code = compile(text, "<%s>" % part, "exec", dont_inherit=True, optimize=0)
    except (SyntaxError, ValueError) as e:  # ValueError: null bytes in the source
        return {"load": "compile_error", "message": describe(e)}
    except BaseException as e:
        return {"load": classify.limit_of(e) or "runtime_error", "message": describe(e)}
    if not execute:
        return None
    try:
        exec(code, namespace)
    except SystemExit as e:
        return {"load": "runtime_error", "message": "the %s exited while loading (SystemExit: %r)" % (part, e.code)}
    except BaseException as e:
        return {"load": classify.limit_of(e) or "runtime_error",
                "message": "error while loading the %s: %s" % (part, describe(e))}
    return None


def run_test_code(case, names):
    code = compile(case.get("code", ""), "<test>", "exec", dont_inherit=True, optimize=0)
    exec(code, names)
    return "passed", None


def run_case(case, namespace, entry_point, atol, program, fd):
    kind = case.get("kind")
    if kind == "call":
        return run_call(case, namespace, entry_point, atol)
    if kind == "stdio":
        return stdio.run(case, program, fd, tail, short_repr, flush_stdout)
    return "runtime_error", "unknown test kind %r" % kind


_BUILTIN_NAMES = frozenset(name for name in vars(builtins) if not name.startswith("__"))


def test_namespace(namespace, entry_point, code):
    """The globals test code runs in: the program's names minus any that shadow a builtin, fresh
    builtins, and the entry point behind a wrapper that hands out canonical copies. Also returns
    ((wrapper, its code),) for the integrity check."""
    names = {k: v for k, v in dict.items(namespace) if type(k) is str and k not in _BUILTIN_NAMES}
    builtins_dict = integrity.pristine_builtins()
    names["__builtins__"] = builtins_dict
    original = namespace.get(entry_point) if entry_point else None
    if not callable(original) or isinstance(original, type):
        return names, ()
    wrapper = entry_wrapper(original, names, entry_point, builtins_dict, integrity.modules_for(code))
    names[entry_point] = wrapper
    return names, ((wrapper, wrapper.__code__),)


def entry_wrapper(original, names, name, builtins_dict, modules):
    def candidate(*args, **kwargs):
        # Tracing stops on the same line as the call returns, so a trace function the program
        # installed cannot jump over what follows.
        result = original(*args, **kwargs); _settrace(None); _setprofile(None)  # noqa: E702
        integrity.restore(modules)
        integrity.refill(builtins_dict)
        names[name] = candidate
        return canonical.copy(result)
    return candidate


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
    # Expected values (HumanEval+ 83 and 139) can have more digits than int() converts by default.
    previous = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return literal(text) if kind == "literal" else json.loads(text)
    finally:
        sys.set_int_max_str_digits(previous)


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
    try:
        text = repr(value)
    except ValueError:  # an int too long to convert
        return "<%s too long to show>" % type(value).__name__
    return text if len(text) <= limit else text[:limit] + "…"


def run_call(case, namespace, entry_point, atol):
    function = resolve_entry_point(namespace, entry_point)
    arguments = json.loads(case.get("args", "[]"))
    if not isinstance(arguments, list):
        arguments = [arguments]
    expected_kind = case.get("expected_kind", "json")
    expected = parse_expected(case.get("expected", "null"), expected_kind)
    actual = function(*arguments); _settrace(None); _setprofile(None)  # noqa: E702 (see entry_wrapper)
    integrity.restore()
    actual = canonical.copy(actual)
    if equal(actual, expected, atol):
        return "passed", None
    if expected_kind == "wrapped" and isinstance(expected, list) and len(expected) >= 1 \
            and equal(actual, expected[0], atol):
        return "passed", None
    return "failed", "expected %s, got %s" % (short_repr(expected), short_repr(actual))
