#!/usr/bin/env python3
"""Drops N small product files into a local productflow at once and measures until every one is settled.

Starts `./productflow local` (or uses a running one: --endpoints '<its JSON line>'), puts N copies of
samples/sample_products.jsonl under incoming/many-<run>/ from 32 threads, then scans the state table until
every file's record is COMPLETED, FAILED or QUARANTINED. Prints one JSON line: files, seconds from the first
put to the last settled record, and the counts per status. Exit 0 only if all N COMPLETED.

    python3 bench/scripts/many_files.py --count 1000      # the budget: <= 90 s (docs/local.md)

Needs boto3 (the AWS CLI's Python) and the runner built (./productflow builds it).
"""
import argparse, concurrent.futures, json, os, pathlib, subprocess, sys, time, uuid

import boto3
from botocore.config import Config

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=600.0, help="give up after this many seconds")
    parser.add_argument("--endpoints", help="the endpoints JSON line of a running ./productflow local")
    parser.add_argument("--productflow", default=str(ROOT / "productflow"), help="the launcher to start")
    args = parser.parse_args()

    local = None
    if args.endpoints:
        endpoints = json.loads(args.endpoints)
    else:
        started = time.monotonic()
        local = subprocess.Popen([args.productflow, "local"], stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
        endpoints = json.loads(local.stdout.readline())
        print(f"local ready in {time.monotonic() - started:.1f} s", file=sys.stderr)
    try:
        result = run(endpoints, args.count, args.timeout)
    finally:
        if local:
            local.terminate()
            local.wait(60)
    print(json.dumps(result))
    sys.exit(0 if result["statuses"].get("COMPLETED", 0) == args.count else 1)


def client(service, url, endpoints):
    return boto3.client(service, endpoint_url=url, region_name=endpoints["region"],
                        aws_access_key_id=endpoints["accessKey"], aws_secret_access_key=endpoints["secretKey"],
                        config=Config(max_pool_connections=64, retries={"max_attempts": 3}))


def run(endpoints, count, timeout):
    s3 = client("s3", endpoints["s3"], endpoints)
    dynamodb = client("dynamodb", endpoints["dynamodb"], endpoints)
    body = (ROOT / "samples" / "sample_products.jsonl").read_bytes()
    prefix = f"incoming/many-{uuid.uuid4().hex[:8]}/"
    keys = [f"{prefix}p{i:05d}.jsonl" for i in range(count)]
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        list(pool.map(lambda k: s3.put_object(Bucket=endpoints["inputBucket"], Key=k, Body=body), keys))
    put_seconds = time.monotonic() - start
    print(f"{count} files put in {put_seconds:.1f} s", file=sys.stderr)
    statuses = {}
    while time.monotonic() - start < timeout:
        statuses = scan(dynamodb, endpoints["stateTable"], endpoints["inputBucket"], prefix)
        settled = sum(statuses.get(s, 0) for s in ("COMPLETED", "FAILED", "QUARANTINED"))
        if settled >= count:
            break
        time.sleep(1)
    return {"files": count, "putSeconds": round(put_seconds, 1), "seconds": round(time.monotonic() - start, 1),
            "statuses": statuses}


def scan(dynamodb, table, bucket, prefix):
    """Status -> count of the newest record of each file under the prefix."""
    statuses = {}
    kwargs = {"TableName": table, "ProjectionExpression": "#k, #s, pk",
              "ExpressionAttributeNames": {"#k": "key", "#s": "status"}}
    while True:
        page = dynamodb.scan(**kwargs)
        for item in page["Items"]:
            key = item.get("key", {}).get("S", "")
            if key.startswith(prefix) and "status" in item:
                status = item["status"]["S"]
                statuses[status] = statuses.get(status, 0) + 1
        if "LastEvaluatedKey" not in page:
            return statuses
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


if __name__ == "__main__":
    main()
