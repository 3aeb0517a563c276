#!/usr/bin/env python3
"""Regenerates every fixture in events/ (and events/invalid/) deterministically.

Run from anywhere: `python3 events/generate.py`. Uses only the standard library.
Derived fields (md5OfBody, the content-based MessageDeduplicationId, base64
bodies, content-length headers, HTTP API `time` strings) are computed here so
they can never drift from the values they describe. Edit this script, not the
JSON files, then rerun it and `python3 events/validate.py`.
"""

import base64
import datetime as dt
import hashlib
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
INVALID = HERE / "invalid"

ACCOUNT = "123456789012"
REGION = "eu-west-1"
AGENT = "agent-7f3a"
OTHER_AGENT = "agent-b21e"
QUEUE = "heartwood-heartbeat.fifo"
QUEUE_ARN = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{QUEUE}"
# The role EventBridge Scheduler assumes to call sqs:SendMessage; SQS reports
# an assumed-role sender as "<role id>:<session name>".
SCHEDULER_SENDER = "AROAZ7XKQ3HWM5T2VB4NJ:9b41c07e5d2a8f36"
API_ID = "k3v9q2x7mb"
API_DOMAIN = f"{API_ID}.execute-api.{REGION}.amazonaws.com"
TURN_ROUTE = "POST /agents/{agentId}/turns"
# Only in invalid/backup-scheduled.json: backups run on Scheduler schedules, not rules.
BACKUP_RULE = "heartwood-backup-hot"
DISPATCH_RULE = "heartwood-dispatch"

RNG = random.Random(20261122)  # fixed seed: receipt handles are stable between runs


def schedule_arn(agent):
    return f"arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule/heartwood/{agent}-heartbeat"


def heartbeat(agent, scheduled_time, execution_id, attempt=1):
    """The schedule's Input after Scheduler substituted its context attributes."""
    return {
        "agentId": agent,
        "scheduledTime": scheduled_time,
        "executionId": execution_id,
        "scheduleArn": schedule_arn(agent),
        "attemptNumber": attempt,
    }


def backup_input(agent, tier):
    """A backup schedule's Input: which agent, and which tier (hot or cold)."""
    return {"agentId": agent, "tier": tier}


def compact(obj):
    """How the schedule Input is written: compact JSON, no spaces."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def epoch_ms(iso):
    return int(dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)


def write(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def receipt_handle():
    # Real handles are opaque, ~180-400 chars of base64 starting "AQEB".
    raw = bytes(RNG.getrandbits(8) for _ in range(222))
    return "AQEB" + base64.b64encode(raw).decode("ascii")


def sqs_record(message_id, body, group, sequence, sent_iso, first_receive_iso, receive_count):
    return {
        "messageId": message_id,
        "receiptHandle": receipt_handle(),
        "body": body,
        "attributes": {
            "ApproximateReceiveCount": str(receive_count),
            "SentTimestamp": str(epoch_ms(sent_iso)),
            "SequenceNumber": sequence,
            "MessageGroupId": group,
            "SenderId": SCHEDULER_SENDER,
            # Queue has ContentBasedDeduplication=true: SQS uses SHA-256(body) as the id.
            "MessageDeduplicationId": hashlib.sha256(body.encode("utf-8")).hexdigest(),
            "ApproximateFirstReceiveTimestamp": str(epoch_ms(first_receive_iso)),
        },
        "messageAttributes": {},
        "md5OfBody": hashlib.md5(body.encode("utf-8")).hexdigest(),
        "eventSource": "aws:sqs",
        "eventSourceARN": QUEUE_ARN,
        "awsRegion": REGION,
    }


def http_time(epoch):
    t = dt.datetime.fromtimestamp(epoch / 1000, tz=dt.timezone.utc)
    return t.strftime("%d/%b/%Y:%H:%M:%S +0000")


def trace_id(epoch, suffix):
    return f"Root=1-{epoch // 1000:08x}-{suffix}"


def webhook(body_bytes, *, base64_body, content_type, epoch, request_id, trace_suffix,
            agent=AGENT, route_key=TURN_ROUTE, raw_path=None, path_params=True,
            body_override=None):
    raw_path = raw_path if raw_path is not None else f"/agents/{agent}/turns"
    headers = {
        "accept": "application/json",
        "content-length": str(len(body_bytes)),
        "content-type": content_type,
        "host": API_DOMAIN,
        "user-agent": "heartwood-telegram-bridge/1.4.2",
        "x-amzn-trace-id": trace_id(epoch, trace_suffix),
        "x-forwarded-for": "203.0.113.47",
        "x-forwarded-port": "443",
        "x-forwarded-proto": "https",
    }
    if content_type is None:
        del headers["content-type"]
    if body_override is not None:
        body = body_override
    elif base64_body:
        body = base64.b64encode(body_bytes).decode("ascii")
    else:
        body = body_bytes.decode("utf-8")
    event = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": raw_path,
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": ACCOUNT,
            "apiId": API_ID,
            "domainName": API_DOMAIN,
            "domainPrefix": API_ID,
            "http": {
                "method": "POST",
                "path": raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.47",
                "userAgent": headers["user-agent"],
            },
            "requestId": request_id,
            "routeKey": route_key,
            "stage": "$default",
            "time": http_time(epoch),
            "timeEpoch": epoch,
        },
        "pathParameters": {"agentId": agent},
        "body": body,
        "isBase64Encoded": base64_body,
    }
    if not path_params:
        del event["pathParameters"]
    return event


def turn_body(text):
    return compact({"channel": "telegram", "text": text}).encode("utf-8")


def main():
    # 1. EventBridge Scheduler -> heartbeat function (direct Lambda target).
    write(HERE / "scheduler-heartbeat.json",
          heartbeat(AGENT, "2026-11-22T09:15:00Z", "q7d2k9xw3m5c8b1f"))

    # 2. SQS FIFO -> Lambda event source mapping. Scheduler sent the same Input
    #    as the SQS message body (MessageGroupId = agent id).
    b1 = compact(heartbeat(AGENT, "2026-11-22T09:15:00Z", "c5n8r1vz6h2k4p7d"))
    b2 = compact(heartbeat(AGENT, "2026-11-22T09:20:00Z", "w3j6t9qm2f8x5b1n"))
    b3 = compact(heartbeat(OTHER_AGENT, "2026-11-22T09:20:00Z", "h8p4d1zk7s3v6c9r"))
    write(HERE / "sqs-heartbeats.json", {"Records": [
        # First received at 09:15:01, the function failed, the visibility timeout
        # expired: second delivery, blocking agent-7f3a's group until now.
        sqs_record("5f2c8e4a-9b17-4d3e-a6f0-3c1d7b9e2a84", b1, AGENT,
                   "18891254773140418560", "2026-11-22T09:15:00.412Z",
                   "2026-11-22T09:15:00.877Z", 2),
        sqs_record("b0e7d6c1-2a43-4f98-8e15-7d9a0c3b6f21", b2, AGENT,
                   "18891254849936220416", "2026-11-22T09:20:00.388Z",
                   "2026-11-22T09:21:31.204Z", 1),
        sqs_record("e41a93f7-6c58-4b02-9d7e-0f8b2c5a1d63", b3, OTHER_AGENT,
                   "18891254849952112896", "2026-11-22T09:20:00.451Z",
                   "2026-11-22T09:21:31.204Z", 1),
    ]})

    # 3. HTTP API (payload format 2.0), plain JSON body.
    e3 = epoch_ms("2026-11-22T09:17:42.318Z")
    write(HERE / "webhook-turn.json", webhook(
        turn_body("Morning! Did the greenhouse sensors report anything odd overnight?"),
        base64_body=False, content_type="application/json", epoch=e3,
        request_id="cW4tYhHgDoEEMbQ=", trace_suffix="3f9a1c7e52b84d06e1a2c9b7"))

    # 4. Same, but a client sent JSON as application/octet-stream, which HTTP APIs
    #    deliver base64-encoded. Non-ASCII text exercises UTF-8 decoding.
    e4 = epoch_ms("2026-11-22T09:18:05.906Z")
    write(HERE / "webhook-turn-base64.json", webhook(
        turn_body("Grüß dich! Kannst du die Bewässerung um 18 Uhr starten? 🌱"),
        base64_body=True, content_type="application/octet-stream", epoch=e4,
        request_id="cW4wNiHgDoEEMcA=", trace_suffix="7b20e4d9a16c3f85b0d4e7a2"))

    # 5. EventBridge Scheduler -> backup function (direct Lambda target): the
    #    schedule's Input as it is, no envelope. One schedule per agent and tier,
    #    hourly for hot, weekly for cold.
    write(HERE / "scheduler-backup.json", backup_input(AGENT, "hot"))
    write(HERE / "scheduler-backup-cold.json", backup_input(AGENT, "cold"))

    # 5b. The fleet tick: an EventBridge rule, rate(1 minute) -> dispatch function.
    #     EventBridge puts the scheduled minute in `time`, whole seconds, UTC.
    write(HERE / "dispatch-tick.json", {
        "version": "0",
        "id": "3f6b0e2d-9a41-4c7e-b58d-1e7a2c9f4d06",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": "2026-11-22T09:15:00Z",
        "region": REGION,
        "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{DISPATCH_RULE}"],
        "detail": {},
    })

    # 6. Invalid inputs.
    INVALID.mkdir(parents=True, exist_ok=True)
    good = json.dumps(heartbeat(AGENT, "2026-11-22T09:15:00Z", "q7d2k9xw3m5c8b1f"), indent=2)
    cut = good.index('"scheduleArn": "arn:aws:scheduler:') + len('"scheduleArn": "arn:aws:scheduler:')
    (INVALID / "truncated.json").write_text(good[:cut], encoding="utf-8")  # no closing quote/brace, no newline

    write(INVALID / "wrong-types.json", {
        "agentId": True,
        "scheduledTime": 12345,
        "executionId": "q7d2k9xw3m5c8b1f",
        "scheduleArn": schedule_arn(AGENT),
        "attemptNumber": 1,
    })

    write(INVALID / "missing-fields.json", {
        "executionId": "q7d2k9xw3m5c8b1f",
        "scheduleArn": schedule_arn(AGENT),
        "attemptNumber": 1,
    })

    # A classic EventBridge scheduled rule aimed at the backup function: the
    # ScheduledEvent envelope, not the schedule's Input. Nothing in it says which
    # agent, so the handler must reject it rather than guess.
    write(INVALID / "backup-scheduled.json", {
        "version": "0",
        "id": "8d4e1f3a-72c6-49b5-a0e8-5f6b9c2d7e13",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": "2026-11-22T10:00:00Z",
        "region": REGION,
        "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{BACKUP_RULE}"],
        "detail": {},
    })

    write(INVALID / "backup-missing-agent.json", {"tier": "hot"})
    # "hourly" is the schedule's rate, not a tier: only hot and cold exist.
    write(INVALID / "backup-bad-tier.json", backup_input(AGENT, "hourly"))

    # A tick typed by hand as a console test event: the envelope is right, but
    # `time` has a space for the 'T' and no zone, so it is no ISO-8601 instant.
    write(INVALID / "dispatch-bad-time.json", {
        "version": "0",
        "id": "0c5a9e27-6d13-4f84-b2e9-8a7d1f3c5b60",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": "2026-11-22 09:15:00",
        "region": REGION,
        "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{DISPATCH_RULE}"],
        "detail": {},
    })

    bad_body = f"heartbeat {AGENT} 2026-11-22T09:25:00Z"  # someone sent plain text by hand
    ok_body = compact(heartbeat(OTHER_AGENT, "2026-11-22T09:25:00Z", "m2x7b4q9d1k6v3h8"))
    bad_rec = sqs_record("7a3f0d92-c1e8-4b56-9f27-d84e6b1a0c35", bad_body, AGENT,
                         "18891254926731880448", "2026-11-22T09:25:03.117Z",
                         "2026-11-22T09:25:03.540Z", 1)
    bad_rec["attributes"]["SenderId"] = "AIDAZ7XKQ3HWPL8RN6C2E"  # an IAM user, not Scheduler
    write(INVALID / "sqs-record-bad-body.json", {"Records": [
        bad_rec,
        sqs_record("2c9e5b71-04fa-4d8c-b3e6-a1f7d0c84b92", ok_body, OTHER_AGENT,
                   "18891254926748016640", "2026-11-22T09:25:03.298Z",
                   "2026-11-22T09:25:03.540Z", 1),
    ]})

    e6 = epoch_ms("2026-11-22T09:19:12.044Z")
    claimed = turn_body("hello")
    # '!' and '*' are outside the base64 alphabet, so a strict decoder (Java
    # Base64.getDecoder(), Python b64decode(validate=True)) throws. Discarding them
    # leaves 45 alphabet characters (45 % 4 == 1): Python's lenient decoder still
    # throws, and Java's MIME decoder silently drops the stray char and yields
    # '{"channel":"telegram","text":"hello' -- truncated JSON, so it fails anyway.
    write(INVALID / "webhook-bad-base64.json", webhook(
        claimed, base64_body=True, content_type="application/octet-stream", epoch=e6,
        request_id="cW42bjHgDoEEMdw=", trace_suffix="c1e8a4f7d20b96e53a7f1d08",
        body_override="eyJjaGFubmVsIjoidGVsZWdyYW0iLCJ0ZXh0Ijoi!!aGVsb*G8"))

    e7 = epoch_ms("2026-11-22T09:20:48.561Z")
    filler = "The greenhouse log repeats itself. "  # 35 bytes
    text = filler * 7600                             # 266,000 bytes
    big = turn_body(text)
    assert len(big) > 256 * 1024
    write(INVALID / "webhook-oversized.json", webhook(
        big, base64_body=False, content_type="application/json", epoch=e7,
        request_id="cW5AXjHgDoEEMeQ=", trace_suffix="5e0b7d3a9c14f862d7a0b3e5"))

    # A request that reached the function through the $default catch-all route,
    # not POST /agents/{agentId}/turns, so API Gateway sent no pathParameters.
    e8 = epoch_ms("2026-11-22T09:21:07.730Z")
    write(INVALID / "webhook-missing-agent.json", webhook(
        turn_body("Is anyone there?"),
        base64_body=False, content_type="application/json", epoch=e8,
        request_id="cW5DbhHgDoEEMfA=", trace_suffix="9a6f2c0e8b53d17a4e9c6b20",
        route_key="$default", raw_path="/turns", path_params=False))


if __name__ == "__main__":
    main()
