# Cheap in-process defences of the harness against the program it judges. The program runs in
# the same interpreter as the harness (that is what makes a warm fork server fast), so nothing
# here is a security boundary: a program that knows this file can still get around it (ctypes
# writes to memory, gc.get_referrers to reach and mutate anything, audit hooks and finalizers that
# run between two harness statements, reading expected values or the record nonce out of the
# harness's frames). What it does stop is the ordinary reward hacks: rebinding builtins
# (`builtins.abs = ...`, a module-level `len = ...`), monkeypatching stdlib helpers the tests use
# (`math.isclose = ...`), replacing harness functions through sys.modules (`harness.equal = ...`,
# `f.__code__ = ...`) and skipping asserts with a trace function that jumps over lines.
#
# freeze() runs once in the worker, before any untrusted code exists; every fork inherits the
# snapshots, which are tuples so that they cannot be edited in place.
import builtins
import operator
import sys

# Modules whose attributes are put back silently. Those test code uses are restored after every
# call of the entry point too (so a patch made during one call does not reach the next assert);
# the harness's own only between tests, where it needs them.
TEST_MODULES = (
    "builtins", "math", "cmath", "re", "string", "collections", "itertools", "functools", "heapq",
    "bisect", "operator", "statistics", "fractions", "decimal", "random", "copy",
)
HARNESS_MODULES = (
    "typing", "json", "json.decoder", "json.encoder", "_json", "traceback", "errno", "os", "posix", "io", "ast",
    "resource", "signal",
)
# The harness's own modules: any change to them is tampering, and fails the tests judged after it.
GUARDED_MODULES = ("harness", "canonical", "classify", "integrity", "sanitize", "stdio")

_for_tests = ()  # ((name, module, dict, names, values, items), ...)
_for_harness = ()
_guarded = ()  # ((dict, names, values), ...)
_functions = ()  # ((function, code, defaults, kwdefaults), ...)
_pristine_builtins = ()
_HOLDERS = frozenset({"_for_tests", "_for_harness", "_guarded", "_functions", "_pristine_builtins"})
_self = sys.modules[__name__]
_settrace = sys.settrace
_setprofile = sys.setprofile
_modules = sys.modules
_all, _map, _is = all, map, operator.is_  # C code: compares a whole dict with its snapshot fast


def _snapshots(names):
    taken = []
    for name in names:
        module = sys.modules.get(name)
        if module is not None:
            items = tuple(vars(module).items())
            taken.append((name, module, vars(module), tuple(k for k, _ in items), tuple(v for _, v in items), items))
    return tuple(taken)


def freeze():
    """Takes the snapshots. Call once, after every harness module is imported."""
    global _for_tests, _for_harness, _guarded, _functions, _pristine_builtins
    guarded, functions = [], []
    for name in GUARDED_MODULES:
        module = sys.modules[name]
        # The snapshot holders themselves are set below; a fork reads them before untrusted code.
        items = tuple((k, v) for k, v in vars(module).items() if not (module is _self and k in _HOLDERS))
        guarded.append((vars(module), tuple(k for k, _ in items), tuple(v for _, v in items)))
        for value in vars(module).values():
            if type(value) is type(freeze):
                functions.append((value, value.__code__, value.__defaults__, value.__kwdefaults__))
    _for_tests, _for_harness = _snapshots(TEST_MODULES), _snapshots(HARNESS_MODULES)
    _guarded, _functions = tuple(guarded), tuple(functions)
    _pristine_builtins = tuple(vars(builtins).items())


def pristine_builtins():
    """A fresh builtins dict for test code, unaffected by what the program did to `builtins`."""
    return dict(_pristine_builtins)


def restore(group=None):
    """Stops tracing and puts back the modules in `group` (from modules_for), by default every
    one this file restores."""
    _settrace(None)
    _setprofile(None)
    for name, module, namespace, keys, values, items in _for_tests + _for_harness if group is None else group:
        if _modules.get(name) is not module:
            _modules[name] = module
        if not _all(_map(_is, _map(namespace.get, keys), values)):
            namespace.update(items)


def modules_for(test_code):
    """The restore group for calls made by `test_code`: builtins and the test modules it names."""
    return tuple(entry for entry in _for_tests if entry[0] == "builtins" or entry[0] in test_code)


def refill(namespace):
    """Puts a test namespace's builtins back (the program can reach them through frames)."""
    namespace.update(_pristine_builtins)


def snapshot():
    """What check() compares against; the caller keeps it in a local taken before untrusted code."""
    return (_guarded, _functions, _all, _map, _is)


def check(taken, extra=()):
    """None when the harness is as frozen, else what changed. `extra` adds (function, code) pairs.

    Uses only its arguments, so that rebinding this module's globals cannot blind it; the caller
    verifies this function's own code object before calling it."""
    guarded, functions, all_, map_, is_ = taken
    for namespace, keys, values in guarded:
        if not all_(map_(is_, map_(namespace.get, keys), values)):
            for key, value in zip(keys, values):
                if namespace.get(key, check) is not value:
                    return "the program replaced %s" % key
    for function, code, defaults, kwdefaults in functions:
        if function.__code__ is not code or function.__defaults__ is not defaults \
                or function.__kwdefaults__ is not kwdefaults:
            return "the program rewrote %s" % code.co_name
    for function, code in extra:
        if function.__code__ is not code:
            return "the program rewrote the entry point wrapper"
    return None
