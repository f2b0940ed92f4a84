#!/usr/bin/env python3
"""Independent verifier of Crossing's audit chain (python3 standard library only).

Reads a Crossing SQLite database read-only, recomputes every event's hash over the canonical form documented in
docs/audit-format.md (SHA-256 for version 1 events, HMAC-SHA256 under the audit chain key for version 2 events),
and checks the links and the head row with its MAC. Shares no code with Crossing.

    tools/verify-audit.py --key-file KEY_FILE DATA_FOLDER_OR_DB_FILE

KEY_FILE holds the audit chain key as 64 hex digits, written by `crossing audit export-key --out KEY_FILE`.
Without --key-file only a log that has never been keyed (version 1 events alone) can be checked.

Exit 0 printing {"events": N, "head": "<hex>"} when the chain is intact; exit 1 naming the first bad event;
exit 2 when the database or the key cannot be read.
"""
import datetime
import hashlib
import hmac
import json
import os
import sqlite3
import sys

GENESIS = "0" * 64
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
LEGACY, KEYED = 1, 2


class Unusable(Exception):
    pass


def escape(value):
    return value.replace("\\", "\\\\").replace("\n", "\\n")


def format_time(microseconds):
    # The SQLite schema stores At as microseconds since the Unix epoch, UTC.
    t = EPOCH + datetime.timedelta(microseconds=microseconds)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond)


def canonical_form(version, sequence, at, actor, action, record_code, outcome, previous_hash):
    return "\n".join([
        "crossing-audit/v%d" % version,
        str(sequence),
        format_time(at),
        escape(actor),
        escape(action),
        escape(record_code or ""),
        escape(outcome),
        previous_hash,
    ])


def mac(key, text):
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def event_hash(row, key):
    sequence, version, at, actor, action, record_code, outcome, previous_hash, _ = row
    text = canonical_form(version, sequence, at, actor, action, record_code, outcome, previous_hash)
    if version == LEGACY:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    if version == KEYED and key is not None:
        return mac(key, text)
    return None


def verify(connection, key):
    """Returns (events, head, first_bad_sequence, problem); first_bad_sequence is None when intact."""
    keyed_database = connection.execute(
        'SELECT COUNT(*) FROM data_keys WHERE "EntityType" = \'audit-chain\' AND "RecordId" = \'root\'').fetchone()[0] > 0
    if keyed_database and key is None:
        raise Unusable("this audit log is keyed: pass --key-file (from `crossing audit export-key`)")
    expected = 1
    previous = GENESIS
    count = 0
    seen_keyed = False
    rows = connection.execute(
        'SELECT "Sequence", "Version", "At", "Actor", "Action", "RecordCode", "Outcome", "PreviousHash", "Hash" '
        'FROM audit_events ORDER BY "Sequence"')
    for row in rows:
        sequence, version, stored_hash = row[0], row[1], row[8]
        if sequence != expected:
            return count, previous, expected, "event %d is missing (next stored is %d): deleted" % (expected, sequence)
        if row[7] != previous:
            return count, previous, sequence, "event %d does not link to event %d: inserted, reordered or its predecessor edited" % (sequence, sequence - 1)
        if version == KEYED and not keyed_database:
            return count, previous, sequence, "event %d is MACed but the audit chain key is missing from the database: deleted" % sequence
        if version == LEGACY and seen_keyed:
            return count, previous, sequence, "event %d is in the unkeyed version 1 form after keyed events: rewritten" % sequence
        if event_hash(row, key) != stored_hash:
            return count, previous, sequence, "event %d does not match its hash: edited" % sequence
        seen_keyed = seen_keyed or version == KEYED
        previous = stored_hash
        count += 1
        expected += 1

    head = connection.execute('SELECT "Sequence", "Hash", "Mac" FROM audit_head WHERE "Id" = 1').fetchone()
    head_sequence, head_hash, head_mac = head if head else (0, GENESIS, None)
    if head_sequence != count or head_hash != previous:
        if head_sequence > count:
            problem = "the chain ends at event %d but the head records %d: the newest events were deleted" % (count, head_sequence)
        else:
            problem = "the head records event %d but the chain holds %d: the head or the newest events were altered" % (head_sequence, count)
        return count, previous, min(head_sequence, count) + 1, problem
    if count > 0 and keyed_database:
        expected_mac = mac(key, "\n".join(["crossing-audit-head/v2", str(head_sequence), head_hash]))
        if head_mac is None or not hmac.compare_digest(expected_mac, head_mac):
            return count, previous, count, "the head MAC does not match event %d: the head was set by someone without the audit key" % count
    return count, previous, None, None


def read_key(path):
    try:
        with open(path, "r", encoding="ascii") as f:
            text = f.read().strip()
        key = bytes.fromhex(text)
    except (OSError, ValueError) as e:
        raise Unusable("cannot read the key file %s: %s" % (path, e))
    if len(key) != 32:
        raise Unusable("the key file %s does not hold 64 hex digits" % path)
    return key


def main(argv):
    args = argv[1:]
    key_path = None
    if len(args) >= 2 and args[0] == "--key-file":
        key_path, args = args[1], args[2:]
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = args[0]
    if os.path.isdir(path):
        path = os.path.join(path, "crossing.db")
    if not os.path.isfile(path):
        print("error: no database at %s" % path, file=sys.stderr)
        return 2
    try:
        key = read_key(key_path) if key_path else None
        connection = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        events, head, bad, problem = verify(connection, key)
    except Unusable as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
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
