"""JSONL rows to one parquet file (verl's dataset format): `python to_parquet.py IN.jsonl OUT.parquet`.

Written through a temporary file and a rename, so a reader never sees half a file.
"""
import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def convert(source, target):
    rows = []
    with open(source, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit("%s:%d: not JSON (%s)" % (source, number, e))
    if not rows:
        raise SystemExit("%s: no rows to write" % source)
    table = pa.Table.from_pylist(rows)
    temporary = target + ".tmp"
    pq.write_table(table, temporary)
    os.replace(temporary, target)
    return table.num_rows


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: to_parquet.py IN.jsonl OUT.parquet")
    print(convert(sys.argv[1], sys.argv[2]))
