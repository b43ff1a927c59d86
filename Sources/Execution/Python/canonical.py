# Canonical copies of values that untrusted code returns, so that the tests compare only values
# the candidate did not make: an object whose __eq__ always answers True, or an int subclass with
# a rigged __eq__/__hash__/__bool__, never reaches a comparison.
#
# A canonical value is built only from the exact builtin types below. Subclasses of them
# (namedtuple, Counter, defaultdict, an IntEnum, a rigged str) are converted to the exact builtin
# through the base type's own C slots (int.__int__, str.__str__, list.__iter__, ...), which read
# the object's storage and never call methods the subclass defines. Anything else is refused.
#
# Lazy iterators (generators, map, filter, zip, ...) are materialised here, while the candidate is
# still on the hook, and handed on as an iterator over canonical items.
#
# Types are compared by identity only: a metaclass can make `kind == int` or `kind in (...)` true.
import collections
import decimal
import re

_MAX_DEPTH = 200
# Taken at import: a generator being materialised could rebind the builtins mid-copy. Rebinding
# these module globals instead is caught by the harness's integrity check after the test.
_type, _id, _issubclass, _hasattr, _iter = type, id, issubclass, hasattr, iter

# Immutable exact types whose comparisons are C code that calls nothing else (Decimal is the C
# type; its subclasses are not).
_ATOMS = frozenset(id(kind) for kind in (type(None), bool, int, float, complex, str, bytes, range, decimal.Decimal))
_ORDERED_DICT = collections.OrderedDict
# MBPP's regex problems return re.search()'s match and test its truth. A match is a C type with
# identity equality; its groups are slices of the subject, so the subject must be exact too.
_MATCH = re.Match
_MATCH_SUBJECT = re.Match.string.__get__


class NonCanonicalResult(BaseException):
    """Raised into the test code when the candidate returned something that is not canonical.

    A BaseException, so that test code's `except Exception` does not swallow it."""


class _Refused(Exception):
    pass


def copy(value):
    """A canonical copy of `value`; raises NonCanonicalResult (with the reason) otherwise."""
    try:
        return _copy(value, 0, set())
    except _Refused as refusal:
        raise NonCanonicalResult(
            "the entry point returned %s; results must be built from None, bool, int, float, complex, "
            "str, bytes, list, tuple, dict, set and frozenset (or be a Decimal or a regex match)"
            % refusal.args[0]) from None
    except RecursionError:
        raise NonCanonicalResult("the entry point returned a value nested too deeply to compare") from None


def _describe(value):
    kind = _type(value)
    return "a %s.%s object" % (getattr(kind, "__module__", "?"), getattr(kind, "__qualname__", "?"))


def _copy(value, depth, active):
    kind = _type(value)
    if _id(kind) in _ATOMS:
        return value
    if kind is _MATCH:
        subject = _MATCH_SUBJECT(value)
        if _type(subject) is str or _type(subject) is bytes:
            return value
        raise _Refused("a match on a %s subject" % _describe(subject))
    if depth > _MAX_DEPTH:
        raise _Refused("a value nested more than %d levels deep" % _MAX_DEPTH)
    if kind is list or kind is tuple or kind is dict or kind is set or kind is frozenset or kind is bytearray:
        return _container(value, kind, depth, active)
    if _issubclass(kind, int):
        return int.__int__(value)
    if _issubclass(kind, float):
        return float.__float__(value)
    if _issubclass(kind, complex):
        return complex(complex.real.__get__(value), complex.imag.__get__(value))
    if _issubclass(kind, str):
        return str.__str__(value)
    if _issubclass(kind, bytes):
        return bytes.__bytes__(value)
    for base in (list, tuple, dict, set, frozenset, bytearray):
        if _issubclass(kind, base):
            return _container(value, base, depth, active)
    if _hasattr(kind, "__next__") and _iter(value) is value:
        items = [_copy(item, depth + 1, active) for item in value]
        return iter(items)
    raise _Refused(_describe(value))


def _container(value, base, depth, active):
    """Copies a list/tuple/dict/set/frozenset/bytearray or a subclass into the exact `base` type."""
    key = _id(value)
    if key in active:
        raise _Refused("a value that contains itself")
    active.add(key)
    try:
        if base is dict:
            items = _ORDERED_DICT.items(value) if _type(value) is _ORDERED_DICT else dict.items(value)
            return {_copy(k, depth + 1, active): _copy(v, depth + 1, active) for k, v in items}
        if base is bytearray:
            return bytearray(bytes(memoryview(value)))
        items = [_copy(item, depth + 1, active) for item in base.__iter__(value)]
        return items if base is list else base(items)
    finally:
        active.discard(key)
