"""Reads a Parquet file with pyarrow or DuckDB and prints its rows as JSON lines, values normalised:
decimals as text with their scale, dates ISO, timestamps UTC with microseconds and Z, maps as objects,
null fields left out of structs. Used by ForeignReadersTest. (DuckDB's Python API needs pytz for
TIMESTAMP WITH TIME ZONE values.)"""
import datetime
import decimal
import json
import sys


def norm(v):
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, datetime.datetime):
        return v.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, dict):
        if set(v.keys()) == {"key", "value"} and isinstance(v["key"], list):
            return {k: norm(x) for k, x in zip(v["key"], v["value"])}
        return {k: norm(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        if v and all(isinstance(x, tuple) and len(x) == 2 for x in v):
            return {k: norm(x) for k, x in v}
        return [norm(x) for x in v]
    return v


reader, path = sys.argv[1], sys.argv[2]
if reader == "pyarrow":
    import pyarrow.parquet as pq
    rows = pq.read_table(path).to_pylist()
else:
    import duckdb
    rel = duckdb.sql(f"SELECT * FROM read_parquet('{path}')")
    rows = [dict(zip(rel.columns, r)) for r in rel.fetchall()]
for row in rows:
    print(json.dumps(norm(row), ensure_ascii=False))
