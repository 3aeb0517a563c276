#!/usr/bin/env python3
"""Checks the fixtures in events/ are what they claim to be. Exit status 0 = all good.

`python3 events/validate.py` (standard library only).
"""

import base64
import binascii
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
failures = []


def check(cond, msg):
    print(("ok   " if cond else "FAIL ") + msg)
    if not cond:
        failures.append(msg)


def load(rel):
    return json.loads((HERE / rel).read_text(encoding="utf-8"))


# Every JSON file parses, except the deliberately truncated one.
for path in sorted(HERE.rglob("*.json")):
    rel = path.relative_to(HERE).as_posix()
    try:
        json.loads(path.read_text(encoding="utf-8"))
        parsed = True
    except json.JSONDecodeError:
        parsed = False
    if rel == "invalid/truncated.json":
        check(not parsed, f"{rel} does NOT parse")
    else:
        check(parsed, f"{rel} parses")

HEARTBEAT_KEYS = {"agentId", "scheduledTime", "executionId", "scheduleArn", "attemptNumber"}


def valid_heartbeat(obj):
    return (isinstance(obj, dict) and set(obj) == HEARTBEAT_KEYS
            and isinstance(obj["agentId"], str)
            and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", obj["scheduledTime"]) is not None
            and obj["scheduleArn"] == "arn:aws:scheduler:eu-west-1:123456789012:schedule/heartwood/"
            + obj["agentId"] + "-heartbeat"
            and isinstance(obj["attemptNumber"], int))


check(valid_heartbeat(load("scheduler-heartbeat.json")), "scheduler-heartbeat.json has the heartbeat shape")


def check_sqs(rel, expect_json_bodies):
    for i, rec in enumerate(load(rel)["Records"]):
        body = rec["body"]
        check(rec["md5OfBody"] == hashlib.md5(body.encode("utf-8")).hexdigest(), f"{rel}[{i}] md5OfBody")
        attrs = rec["attributes"]
        check(attrs["MessageDeduplicationId"] == hashlib.sha256(body.encode("utf-8")).hexdigest(),
              f"{rel}[{i}] MessageDeduplicationId = sha256(body)")
        check(all(isinstance(v, str) for v in attrs.values()), f"{rel}[{i}] attribute values are strings")
        check(int(attrs["SentTimestamp"]) <= int(attrs["ApproximateFirstReceiveTimestamp"]),
              f"{rel}[{i}] sent before first receive")
        check(rec["eventSource"] == "aws:sqs" and rec["eventSourceARN"].endswith(":heartwood-heartbeat.fifo"),
              f"{rel}[{i}] event source")
        try:
            parsed = json.loads(body)
            ok = valid_heartbeat(parsed) and parsed["agentId"] == attrs["MessageGroupId"]
        except json.JSONDecodeError:
            ok = False
        check(ok == expect_json_bodies[i],
              f"{rel}[{i}] body {'is' if expect_json_bodies[i] else 'is NOT'} a heartbeat of its message group")


check_sqs("sqs-heartbeats.json", [True, True, True])
check_sqs("invalid/sqs-record-bad-body.json", [False, True])
counts = [r["attributes"]["ApproximateReceiveCount"] for r in load("sqs-heartbeats.json")["Records"]]
check(counts.count("2") == 1, "sqs-heartbeats.json has exactly one redelivery")


def body_bytes(event):
    if event["isBase64Encoded"]:
        return base64.b64decode(event["body"], validate=True)
    return event["body"].encode("utf-8")


def check_webhook(rel, *, b64, want_json, want_agent=True, max_body=None):
    ev = load(rel)
    check(ev["version"] == "2.0" and ev["isBase64Encoded"] is b64, f"{rel} version/isBase64Encoded")
    check(all(k == k.lower() for k in ev["headers"]), f"{rel} header names are lower case")
    ctx = ev["requestContext"]
    check(isinstance(ctx["timeEpoch"], int) and ctx["routeKey"] == ev["routeKey"]
          and ctx["http"]["path"] == ev["rawPath"], f"{rel} requestContext consistent")
    check(("pathParameters" in ev) == want_agent, f"{rel} pathParameters {'present' if want_agent else 'absent'}")
    if want_agent:
        check(ev["rawPath"] == "/agents/" + ev["pathParameters"]["agentId"] + "/turns", f"{rel} rawPath matches agentId")
    if not want_json:
        return ev
    raw = body_bytes(ev)
    check(ev["headers"]["content-length"] == str(len(raw)), f"{rel} content-length = decoded body bytes")
    decoded = json.loads(raw.decode("utf-8"))
    check(set(decoded) == {"channel", "text"} and decoded["channel"] == "telegram", f"{rel} body decodes to a turn")
    if max_body is not None:
        check(len(raw) > max_body, f"{rel} body is {len(raw)} bytes > {max_body}")
    return ev


check_webhook("webhook-turn.json", b64=False, want_json=True)
check_webhook("webhook-turn-base64.json", b64=True, want_json=True)
check_webhook("invalid/webhook-oversized.json", b64=False, want_json=True, max_body=256 * 1024)
check_webhook("invalid/webhook-missing-agent.json", b64=False, want_json=True, want_agent=False)
bad = check_webhook("invalid/webhook-bad-base64.json", b64=True, want_json=False)
for label, fn in (("strict", lambda s: base64.b64decode(s, validate=True)),
                  ("lenient", lambda s: base64.b64decode(s))):
    try:
        fn(bad["body"])
        rejected = False
    except (binascii.Error, ValueError):
        rejected = True
    check(rejected, f"invalid/webhook-bad-base64.json body rejected by {label} base64 decoder")

size = (HERE / "invalid/webhook-oversized.json").stat().st_size
check(size < 300 * 1024, f"invalid/webhook-oversized.json file is {size} bytes < 300 KiB")

for rel, tier in (("scheduler-backup.json", "hot"), ("scheduler-backup-cold.json", "cold")):
    backup = load(rel)
    check(backup == {"agentId": "agent-7f3a", "tier": tier}, f"{rel} is a {tier} backup schedule's input")

sched = load("invalid/backup-scheduled.json")
check(sched["detail-type"] == "Scheduled Event" and sched["source"] == "aws.events" and sched["detail"] == {}
      and sched["resources"] == ["arn:aws:events:eu-west-1:123456789012:rule/heartwood-backup-hot"]
      and "agentId" not in sched,
      "invalid/backup-scheduled.json is a scheduled-rule event that names no agent")
check("agentId" not in load("invalid/backup-missing-agent.json"), "invalid/backup-missing-agent.json lacks agentId")
bad_tier = load("invalid/backup-bad-tier.json")
check(isinstance(bad_tier["agentId"], str) and bad_tier["tier"] not in ("hot", "cold"),
      "invalid/backup-bad-tier.json names an agent and a tier that is neither hot nor cold")

tick = load("dispatch-tick.json")
check(tick["detail-type"] == "Scheduled Event" and tick["source"] == "aws.events" and tick["detail"] == {}
      and tick["resources"] == ["arn:aws:events:eu-west-1:123456789012:rule/heartwood-dispatch"]
      and tick["time"].endswith(":00Z"),
      "dispatch-tick.json is a scheduled-rule event on the minute")
bad_tick = load("invalid/dispatch-bad-time.json")
check(bad_tick["detail-type"] == "Scheduled Event" and isinstance(bad_tick["time"], str)
      and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", bad_tick["time"]) is None,
      "invalid/dispatch-bad-time.json is a tick whose time is not ISO-8601")

wt = load("invalid/wrong-types.json")
check(wt["agentId"] is True and wt["scheduledTime"] == 12345, "invalid/wrong-types.json has wrong types")
mf = load("invalid/missing-fields.json")
check("agentId" not in mf and "scheduledTime" not in mf, "invalid/missing-fields.json lacks agentId and scheduledTime")

print(f"\n{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
