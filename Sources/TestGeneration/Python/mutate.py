# O1Coder TCG mutation script: operator and constant mutants of a Python program.
# Runs INSIDE the sandbox (it only parses and compiles, never runs the program). Reads JSON on
# stdin: {"source": str, "limit": int}. Writes one JSON line per mutant to stdout:
#   {"id": k, "kind": str, "line": int, "source": str}
# Each mutant changes exactly one site, is produced by ast.unparse and compiles; mutants whose
# text equals the original (or an earlier mutant) are skipped.
import ast
import copy
import json
import sys

BINOPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult}
CMPOPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}
BOOLOPS = {ast.And: ast.Or, ast.Or: ast.And}


def sites(tree):
    """(walk index, kind, detail) for every mutable site, in ast.walk order."""
    found = []
    for index, node in enumerate(ast.walk(tree)):
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in BINOPS:
            found.append((index, "binop", None))
        elif isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                if type(op) in CMPOPS:
                    found.append((index, "compare", k))
        elif isinstance(node, ast.BoolOp) and type(node.op) in BOOLOPS:
            found.append((index, "boolop", None))
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                found.append((index, "bool", None))
            elif isinstance(node.value, int):
                found.append((index, "const+1", None))
                found.append((index, "const-1", None))
        elif isinstance(node, ast.Slice):
            for bound in ("lower", "upper"):
                value = getattr(node, bound)
                if value is not None and not isinstance(value, ast.Constant):
                    found.append((index, "slice+1", bound))
                    found.append((index, "slice-1", bound))
    return found


def apply(node, kind, detail):
    if kind == "binop":
        node.op = BINOPS[type(node.op)]()
    elif kind == "compare":
        node.ops[detail] = CMPOPS[type(node.ops[detail])]()
    elif kind == "boolop":
        node.op = BOOLOPS[type(node.op)]()
    elif kind == "bool":
        node.value = not node.value
    elif kind == "const+1":
        node.value = node.value + 1
    elif kind == "const-1":
        node.value = node.value - 1
    elif kind in ("slice+1", "slice-1"):
        op = ast.Add() if kind == "slice+1" else ast.Sub()
        setattr(node, detail, ast.BinOp(left=getattr(node, detail), op=op, right=ast.Constant(1)))


def main():
    request = json.loads(sys.stdin.read())
    tree = ast.parse(request["source"])
    limit = int(request.get("limit", 500))
    original = ast.unparse(tree)
    seen = {original}
    count = 0
    for index, kind, detail in sites(tree):
        if count >= limit:
            break
        mutant = copy.deepcopy(tree)
        node = next(n for k, n in enumerate(ast.walk(mutant)) if k == index)
        line = getattr(node, "lineno", 0)
        apply(node, kind, detail)
        ast.fix_missing_locations(mutant)
        try:
            text = ast.unparse(mutant)
            compile(text, "<mutant>", "exec")
        except (SyntaxError, ValueError, TypeError, RecursionError):
            continue
        if text in seen:
            continue
        seen.add(text)
        print(json.dumps({"id": count, "kind": kind, "line": line, "source": text}))
        count += 1


main()
