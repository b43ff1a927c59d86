# Answer sanitizer in the manner of EvalPlus's `sanitize`: from a model's answer to a function
# problem it keeps the solution and drops the model's own top-level tests, calls, prints, asserts
# and `if __name__ == "__main__":` blocks, which otherwise run (and often raise) when the program
# loads.
#
# It lives in the harness, not in Swift, because every evaluation already passes through here and
# Python's own `ast` parses exactly what the interpreter will run, without running it. Dropped
# statements become blank lines, so line numbers in tracebacks still match the raw answer; the
# harness reports the dropped line ranges, and the raw answer stays the record.
#
# Kept, in source order:
# - every top-level import, def and class (defining a function runs nothing but its decorators
#   and defaults, whose names are followed like the entry point's);
# - assignments and other statements that bind a name the entry point, a `Solution` class or the
#   test code needs, directly or through what they use; also statements that mutate such a value
#   (`table.append(x)` in a loop) and `sys.setrecursionlimit(...)`-style calls;
# - docstrings and other constant expressions.
# Unlike EvalPlus, nothing is reordered and no definition is dropped for lacking a `return`.
import ast

_KEPT_CALLS = frozenset({("sys", "setrecursionlimit"), ("sys", "set_int_max_str_digits"), ("random", "seed")})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def sanitize(program, entry_point, test_sources):
    """Returns (program, dropped line ranges as [first, last], 1-based). Unchanged when the
    program does not parse or does not define the entry point at top level."""
    if "\r" in program.replace("\r\n", ""):
        return program, []  # a lone CR ends a line for the parser but not for the blanking below
    try:
        tree = ast.parse(program)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return program, []
    body = tree.body
    binds = [_bound_names(stmt) for stmt in body]
    roots = {entry_point, "Solution"} & set().union(*binds) if binds else set()
    if entry_point not in roots and "Solution" not in roots:
        return program, []
    roots |= _test_names(test_sources)
    variables = set()
    for stmt, names in zip(body, binds):
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
            variables |= names
    kept = [_always_kept(stmt) for stmt in body]
    needed = set(roots)
    for stmt, keep in zip(body, kept):
        if keep:
            needed |= _definition_time_names(stmt)
    changed = True
    while changed:
        changed = False
        for index, stmt in enumerate(body):
            if kept[index]:
                continue
            # A main guard goes unless it defines something needed (then it is kept whole).
            if binds[index] & needed or (not _is_main_guard(stmt) and _mutates(stmt, needed & variables)):
                kept[index] = True
                changed = True
        for index, stmt in enumerate(body):
            if kept[index] and (binds[index] & needed or not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))):
                used = _used_names(stmt)
                if not used <= needed:
                    needed |= used
                    changed = True
    return _blank(program, body, kept)


def _always_kept(stmt):
    if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                         ast.Pass, ast.Global)):
        return True
    if isinstance(stmt, ast.Expr):
        value = stmt.value
        if isinstance(value, ast.Constant):
            return True
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and isinstance(value.func.value, ast.Name):
            return (value.func.value.id, value.func.attr) in _KEPT_CALLS
    return False


def _is_main_guard(stmt):
    if not isinstance(stmt, ast.If) or not isinstance(stmt.test, ast.Compare):
        return False
    test = stmt.test
    if len(test.ops) != 1 or not isinstance(test.ops[0], (ast.Eq, ast.Is)):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    constants = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(constants) == 1


def _walk_scope(node):
    """Nodes of `node` in its own scope: nested function, class, lambda and comprehension bodies
    are not entered (their own names are still seen)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        for child in ast.iter_child_nodes(current):
            if isinstance(child, _SCOPES):
                yield child
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    stack.extend(child.decorator_list)
                continue
            stack.append(child)


def _bound_names(stmt):
    """Module-level names `stmt` binds, rebinds, deletes or stores into (`memo[k] = v`)."""
    names = set()
    for node in _walk_scope(stmt):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add(node.asname or node.name.split(".")[0])
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, (ast.Store, ast.Del)):
            base = _base_name(node)
            if base:
                names.add(base)
        elif isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def _base_name(node):
    while isinstance(node, (ast.Subscript, ast.Attribute, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _mutates(stmt, variables):
    """`stmt` calls a method on one of `variables` (`primes.append(p)`, `memo.update(...)`)."""
    if not variables:
        return False
    for node in _walk_scope(stmt):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _base_name(node.func) in variables:
            return True
    return False


def _used_names(stmt):
    return {node.id for node in ast.walk(stmt) if isinstance(node, ast.Name)}


def _definition_time_names(stmt):
    """Names a def or class needs when it is defined: decorators, defaults, annotations, bases
    and (for a class) its whole body."""
    if isinstance(stmt, ast.ClassDef):
        return _used_names(stmt)
    if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return set()
    parts = list(stmt.decorator_list) + list(stmt.args.defaults) + [d for d in stmt.args.kw_defaults if d]
    if stmt.returns is not None:
        parts.append(stmt.returns)
    for arg in stmt.args.posonlyargs + stmt.args.args + stmt.args.kwonlyargs + [stmt.args.vararg, stmt.args.kwarg]:
        if arg is not None and arg.annotation is not None:
            parts.append(arg.annotation)
    names = set()
    for part in parts:
        names |= _used_names(part)
    return names


def _test_names(sources):
    """Free names of the test code: used there but bound nowhere in it (not `check`'s locals)."""
    used, bound = set(), set()
    for source in sources:
        if not source:
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                (bound if isinstance(node.ctx, ast.Store) else used).add(node.id)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.add(node.name)
            elif isinstance(node, ast.alias):
                bound.add(node.asname or node.name.split(".")[0])
    return used - bound


def _first_line(stmt):
    decorators = getattr(stmt, "decorator_list", None) or []
    return min([stmt.lineno] + [d.lineno for d in decorators])


def _blank(program, body, kept):
    """Blanks the lines of dropped statements; a line shared with a kept statement stays."""
    lines = program.split("\n")
    keep_line = [False] * (len(lines) + 2)
    for stmt, keep in zip(body, kept):
        if keep:
            for number in range(_first_line(stmt), stmt.end_lineno + 1):
                keep_line[number] = True
    dropped = []
    for stmt, keep in zip(body, kept):
        if keep:
            continue
        first, last = _first_line(stmt), stmt.end_lineno
        if any(keep_line[number] for number in range(first, last + 1)):
            continue
        for number in range(first, last + 1):
            lines[number - 1] = ""
        if dropped and dropped[-1][1] >= first - 1:
            dropped[-1][1] = last
        else:
            dropped.append([first, last])
    return "\n".join(lines), dropped
