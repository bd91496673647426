#!/usr/bin/env python3
"""Regenerates spec/commands.json, the command table both engines serve COMMAND from,
and the HELP text of the commands with subcommands.

The table lists the commands sqlettuce implements (SUPPORTED below is the one list to edit)
and, for each, the metadata Redis 7 publishes about it: arity, flags, key positions, ACL
categories and the documentation (summary, arguments) that redis-cli shows as hints. That
metadata is read from a real redis-server, so it is Redis's own, not retyped by hand:

    redis-server --port 6390 --save '' --appendonly no --enable-debug-command yes &
    python3 spec/gen_commands.py 127.0.0.1 6390 > spec/commands.json

Standard library only. Key specs, tips and history are left out: no client we serve needs
them, and leaving them out keeps the table small.
"""

import json
import socket
import sys

# Every command the engines implement, with the subcommands they implement. Adding a
# command to an engine means adding it here and regenerating.
SUPPORTED = {
    # connection and server
    "ping": None, "echo": None, "quit": None, "select": None, "hello": None,
    "client": ["id", "setname", "getname", "setinfo", "list", "info", "kill", "no-evict",
               "no-touch", "reply", "help"],
    "auth": None, "reset": None,
    "command": ["count", "docs", "info", "help"],
    "info": None,
    "config": ["get", "set", "resetstat", "rewrite", "help"],
    "debug": None, "object": ["encoding", "freq", "idletime", "refcount", "help"],
    "memory": ["usage", "help"], "wait": None,
    "dbsize": None, "flushdb": None, "flushall": None, "time": None,
    # transactions
    "multi": None, "exec": None, "discard": None, "watch": None, "unwatch": None,
    "shutdown": None,
    # pub/sub
    "subscribe": None, "unsubscribe": None, "psubscribe": None, "punsubscribe": None,
    "publish": None, "pubsub": ["channels", "numsub", "numpat", "help"],
    # strings
    "get": None, "set": None, "setnx": None, "setex": None, "psetex": None, "getset": None,
    "getdel": None, "getex": None, "mget": None, "mset": None, "msetnx": None,
    "incr": None, "decr": None, "incrby": None, "decrby": None, "incrbyfloat": None,
    "append": None, "strlen": None, "getrange": None, "substr": None, "setrange": None,
    # bitmaps (strings read and written as bit arrays)
    "setbit": None, "getbit": None, "bitcount": None, "bitpos": None, "bitop": None,
    "bitfield": None, "bitfield_ro": None,
    # keys
    "del": None, "unlink": None, "exists": None, "type": None, "keys": None, "scan": None,
    "randomkey": None, "rename": None, "renamenx": None, "copy": None, "touch": None,
    "expire": None, "pexpire": None, "expireat": None, "pexpireat": None,
    "ttl": None, "pttl": None, "expiretime": None, "pexpiretime": None, "persist": None,
    "move": None, "swapdb": None,
    # hashes
    "hset": None, "hmset": None, "hsetnx": None, "hget": None, "hmget": None,
    "hgetall": None, "hkeys": None, "hvals": None, "hdel": None, "hexists": None,
    "hlen": None, "hstrlen": None, "hincrby": None, "hincrbyfloat": None,
    "hrandfield": None, "hscan": None,
    # sets
    "sadd": None, "srem": None, "smembers": None, "sismember": None, "smismember": None,
    "scard": None, "spop": None, "srandmember": None, "smove": None, "sinter": None,
    "sintercard": None, "sinterstore": None, "sunion": None, "sunionstore": None,
    "sdiff": None, "sdiffstore": None, "sscan": None,
    # lists
    "lpush": None, "rpush": None, "lpushx": None, "rpushx": None, "lpop": None,
    "rpop": None, "lmpop": None, "llen": None, "lrange": None, "lindex": None, "lset": None,
    "linsert": None, "lrem": None, "ltrim": None, "lpos": None, "lmove": None,
    "rpoplpush": None, "blpop": None, "brpop": None, "blmove": None, "brpoplpush": None,
    "blmpop": None,
    # sorted sets
    "zadd": None, "zincrby": None, "zrem": None, "zscore": None, "zmscore": None,
    "zcard": None, "zcount": None, "zlexcount": None, "zrank": None, "zrevrank": None,
    "zrange": None, "zrangestore": None, "zrevrange": None, "zrangebyscore": None,
    "zrevrangebyscore": None, "zrangebylex": None, "zrevrangebylex": None,
    "zremrangebyrank": None, "zremrangebyscore": None, "zremrangebylex": None,
    "zpopmin": None, "zpopmax": None, "zmpop": None, "bzpopmin": None, "bzpopmax": None,
    "bzmpop": None, "zrandmember": None, "zunion": None,
    "zinter": None, "zdiff": None, "zunionstore": None, "zinterstore": None,
    "zdiffstore": None, "zintercard": None, "zscan": None,
}


class Redis:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.buf = b""

    def call(self, *argv):
        out = [b"*%d\r\n" % len(argv)]
        for a in argv:
            a = a.encode()
            out.append(b"$%d\r\n%s\r\n" % (len(a), a))
        self.sock.sendall(b"".join(out))
        return self._read()

    def _line(self):
        while b"\r\n" not in self.buf:
            self.buf += self.sock.recv(65536)
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _read(self):
        line = self._line()
        t, rest = line[:1], line[1:]
        if t == b"+":
            return rest.decode()
        if t == b"-":
            raise RuntimeError(rest.decode())
        if t == b":":
            return int(rest)
        if t == b"$":
            n = int(rest)
            if n < 0:
                return None
            while len(self.buf) < n + 2:
                self.buf += self.sock.recv(65536)
            data, self.buf = self.buf[:n], self.buf[n + 2:]
            return data.decode()
        if t == b"*":
            n = int(rest)
            return None if n < 0 else [self._read() for _ in range(n)]
        raise RuntimeError("unexpected reply %r" % line)


def pairs(flat):
    """A RESP2 flattened map as a dict (insertion order kept)."""
    return {flat[i]: flat[i + 1] for i in range(0, len(flat), 2)}


# The fields of a documented argument, in the order Redis sends them.
ARG_FIELDS = ["name", "type", "display_text", "key_spec_index", "token", "summary",
              "since", "flags", "deprecated_since", "arguments", "value"]


def argument(flat):
    doc = pairs(flat)
    out = {}
    for field in ARG_FIELDS:
        if field in doc:
            v = doc[field]
            out[field] = [argument(a) for a in v] if field == "arguments" else v
    unknown = set(doc) - set(ARG_FIELDS)
    if unknown:
        raise RuntimeError("unknown argument fields %s" % unknown)
    return out


def entry(info, docs):
    name, arity, flags, first, last, step, acl = info[:7]
    doc = pairs(docs) if docs else {}
    out = {
        "name": name,
        "arity": arity,
        "flags": flags,
        "first_key": first,
        "last_key": last,
        "step": step,
        "acl_categories": acl,
        "summary": doc.get("summary", ""),
        "since": doc.get("since", ""),
        "group": doc.get("group", ""),
        "complexity": doc.get("complexity", ""),
        "doc_flags": doc.get("doc_flags", []),
        "arguments": [argument(a) for a in doc.get("arguments", [])],
        "subcommands": [],
    }
    return out


# Subcommands Debian's Redis 7.0 lacks but clients send on connect (go-redis and redis-py
# send CLIENT SETINFO, added in Redis 7.2; test suites toggle CLIENT NO-TOUCH, also 7.2).
# Their metadata, as Redis 7.2 publishes it.
LATER_THAN_ORACLE = {
    "client|setinfo": {
        "name": "client|setinfo", "arity": 4, "flags": ["noscript", "loading", "stale"],
        "first_key": 0, "last_key": 0, "step": 0, "acl_categories": ["@slow", "@connection"],
        "summary": "Sets information specific to the client or connection.",
        "since": "7.2.0", "group": "connection", "complexity": "O(1)", "doc_flags": [],
        "arguments": [{"name": "attr", "type": "oneof", "arguments": [
            {"name": "libname", "type": "string", "token": "LIB-NAME"},
            {"name": "libver", "type": "string", "token": "LIB-VER"}]}],
        "subcommands": [],
    },
    "client|no-touch": {
        "name": "client|no-touch", "arity": 3, "flags": ["noscript", "loading", "stale"],
        "first_key": 0, "last_key": 0, "step": 0, "acl_categories": ["@slow", "@connection"],
        "summary": "Controls whether commands sent by the client affect the LRU/LFU of "
                   "accessed keys.",
        "since": "7.2.0", "group": "connection", "complexity": "O(1)", "doc_flags": [],
        "arguments": [{"name": "enabled", "type": "oneof", "arguments": [
            {"name": "on", "type": "pure-token", "token": "ON"},
            {"name": "off", "type": "pure-token", "token": "OFF"}]}],
        "subcommands": [],
    },
}


# Commands whose subcommands are arguments rather than table entries, with the ones
# sqlettuce implements: their HELP text is cut the same way.
HELP_ONLY = {"debug": ["sleep", "help"]}

# The lines Redis 7.2 adds to CLIENT HELP for the LATER_THAN_ORACLE subcommands, each
# after the group of the subcommand named as its key.
HELP_LATER_THAN_ORACLE = {
    "client": {
        "no-evict": ["NO-TOUCH (ON|OFF)",
                     "    Will not touch LRU/LFU stats when this mode is on."],
        "setname": ["SETINFO <option> <value>",
                    "    Set client meta attr. Options are:",
                    "    * LIB-NAME: the client lib name.",
                    "    * LIB-VER: the client lib version."],
    },
}


def help_lines(name, lines, subs):
    """Redis's `NAME HELP` text cut to the subcommands sqlettuce implements, so HELP
    lists only what answers: the header line, then each implemented subcommand's group
    (its line and the indented lines under it), "(no subcommand)" included."""
    later = HELP_LATER_THAN_ORACLE.get(name, {})
    out = [lines[0]]
    keep, word = False, None
    for line in lines[1:] + ["END"]:
        if not line.startswith(" "):
            if word in later:
                out.extend(later[word])
            word = line.split()[0].lower()
            keep = word == "(no" or word in subs
        if keep and line != "END":
            out.append(line)
    return out


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    r = Redis(host, port)
    table, help_text = [], {}
    for name, subs in SUPPORTED.items():
        [info] = r.call("COMMAND", "INFO", name)
        if info is None:
            raise SystemExit("redis does not know %s" % name)
        docs = pairs(r.call("COMMAND", "DOCS", name)).get(name)
        e = entry(info, docs)
        if subs:
            sub_info = {s[0]: s for s in info[9]}
            sub_docs = pairs(pairs(docs).get("subcommands", []))
            for s in subs:
                full = "%s|%s" % (name, s)
                if full in LATER_THAN_ORACLE:
                    e["subcommands"].append(LATER_THAN_ORACLE[full])
                    continue
                e["subcommands"].append(entry(sub_info[full], sub_docs.get(full)))
        table.append(e)
        subs = HELP_ONLY.get(name, subs)
        if subs and "help" in subs:
            help_text[name] = help_lines(name, r.call(name.upper(), "HELP"), subs)
    json.dump({"commands": table, "help": help_text}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
