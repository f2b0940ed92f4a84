#!/usr/bin/env python3
"""Independent verifier of Crossing's audit hash chain (python3 standard library only).

Reads a Crossing SQLite database read-only, recomputes every event's SHA-256 over the canonical form
documented in docs/audit-format.md, and checks the links and the head row. Shares no code with Crossing.

    tools/verify-audit.py DATA_FOLDER_OR_DB_FILE

Exit 0 printing {"events": N, "head": "<hex>"} when the chain is intact; exit 1 naming the first bad event;
exit 2 when the database cannot be read.
"""
import datetime
import hashlib
import json
import os
import sqlite3
import sys

GENESIS = "0" * 64
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def escape(value):
    return value.replace("\\", "\\\\").replace("\n", "\\n")


def format_time(microseconds):
    # The SQLite schema stores At as microseconds since the Unix epoch, UTC.
    t = EPOCH + datetime.timedelta(microseconds=microseconds)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond)


def canonical_form(sequence, at, actor, action, record_code, outcome, previous_hash):
    return "\n".join([
        "crossing-audit/v1",
        str(sequence),
        format_time(at),
        escape(actor),
        escape(action),
        escape(record_code or ""),
        escape(outcome),
        previous_hash,
    ])


def event_hash(row):
    sequence, at, actor, action, record_code, outcome, previous_hash, _ = row
    text = canonical_form(sequence, at, actor, action, record_code, outcome, previous_hash)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def verify(connection):
    """Returns (events, head, first_bad_sequence, problem); first_bad_sequence is None when intact."""
    expected = 1
    previous = GENESIS
    count = 0
    rows = connection.execute(
        'SELECT "Sequence", "At", "Actor", "Action", "RecordCode", "Outcome", "PreviousHash", "Hash" '
        'FROM audit_events ORDER BY "Sequence"')
    for row in rows:
        sequence, stored_hash = row[0], row[7]
        if sequence != expected:
            return count, previous, expected, "event %d is missing (next stored is %d): deleted" % (expected, sequence)
        if row[6] != previous:
            return count, previous, sequence, "event %d does not link to event %d: inserted, reordered or its predecessor edited" % (sequence, sequence - 1)
        if event_hash(row) != stored_hash:
            return count, previous, sequence, "event %d does not match its hash: edited" % sequence
        previous = stored_hash
        count += 1
        expected += 1

    head = connection.execute('SELECT "Sequence", "Hash" FROM audit_head WHERE "Id" = 1').fetchone()
    head_sequence, head_hash = head if head else (0, GENESIS)
    if head_sequence != count or head_hash != previous:
        if head_sequence > count:
            problem = "the chain ends at event %d but the head records %d: the newest events were deleted" % (count, head_sequence)
        else:
            problem = "the head records event %d but the chain holds %d: the head or the newest events were altered" % (head_sequence, count)
        return count, previous, min(head_sequence, count) + 1, problem
    return count, previous, None, None


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = argv[1]
    if os.path.isdir(path):
        path = os.path.join(path, "crossing.db")
    if not os.path.isfile(path):
        print("error: no database at %s" % path, file=sys.stderr)
        return 2
    try:
        connection = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        events, head, bad, problem = verify(connection)
    except sqlite3.Error as e:
        print("error: cannot read %s: %s" % (path, e), file=sys.stderr)
        return 2
    if bad is None:
        print(json.dumps({"events": events, "head": head}, separators=(",", ":")))
        return 0
    print(json.dumps({"intact": False, "firstBadEvent": bad, "problem": problem}, separators=(",", ":")))
    print("error: audit chain broken at event %d: %s" % (bad, problem), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
