#!/usr/bin/env python3
"""sqlettuce collections benchmark: the cost of list, hash, set and sorted-set commands on a
collection of 1,000 elements against one of 1,000,000.

    bench/collections.py                          rust/batch, N = 1000 and 1000000
    bench/collections.py --paths go,rust/batch,redis --sizes 1000,100000
    bench/collections.py --quick                  N = 1000 and 20000, fewer requests (< 1 min)
    bench/collections.py --self-test              tables, CSV and the fill protocol, no servers

For every path and size N: a fresh server on a file database in a fresh temp dir (ports
7700-7749), one list, one hash, one set and one sorted set of N elements each, filled by
piping RESP (variadic commands of --batch elements) into `redis-cli --pipe`, then, one
operation at a time,

    redis-benchmark -p PORT -c 50 -n REQUESTS -P 16 -r N --csv <command>

Names match redis-benchmark's __rand_int__, which it replaces with a 12-digit zero-padded
number below N: field f:000000012345, member m:000000012345, score 12345. Every __rand_int__
lookup therefore hits. An index argument cannot come from __rand_int__: Redis (and
sqlettuce) reject "000000012345" as an integer, so LINDEX and the LRANGE/ZRANGE windows
use a fixed index in the middle (N/2), which is what a walk from either end would pay most for.

Before each operation, eleven calls alone on one connection give its unqueued latency (the
fastest is reported; the median sizes -n): an operation whose calls say it would take more
than --max-seconds gets fewer requests (never fewer than 800), so an O(N) command cannot
stall the run. A push and the pop after it always get the same -n, so the list is back to N
elements after every pair. redis-benchmark 7 stops at the first error reply (exit 1): such an
operation shows as an error, never as a fast number.

Writes collections.md and collections.csv to --out (bench/results/, or bench/results/quick/
with --quick). Python 3 standard library only; the server helpers come from bench/run.py.
"""

import argparse
import csv
import datetime
import hashlib
import io
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as benchrun  # noqa: E402  bench/run.py: Server, RESP client, CSV parsing, formatting

REPO = benchrun.REPO
PORTS = range(7700, 7750)  # this benchmark's ports (run.py uses 7400-7499)
PATHS = ["go", "rust/command", "rust/batch", "redis"]
DEFAULT_SIZES = [1000, 1000000]
QUICK_SIZES = [1000, 20000]
DEFAULT_REQUESTS = 100000
QUICK_REQUESTS = 30000
QUICK_MAX_SECONDS = 5.0
CLIENTS = 50
PIPELINE = 16
MIN_REQUESTS = CLIENTS * PIPELINE  # one full pipeline per client
PROBE_CALLS = 11

KEYS = {"list": b"big:list", "hash": b"big:hash", "set": b"big:set", "zset": b"big:zset"}


# ---------------------------------------------------------------- the operations


def operations(n):
    """(id, argv, note, same_n_as) for a collection of N elements, in the order they run.

    argv holds redis-benchmark's __rand_int__ placeholders. The pushes come with the pop
    that undoes them (same -n), so the list holds N..N+REQUESTS elements while they run
    and N after each pair.
    """
    mid = n // 2
    win = [str(mid), str(mid + 99)]
    return [
        ("LPUSH", ["LPUSH", "big:list", "v:__rand_int__"], "head; list grows by -n", None),
        ("RPOP", ["RPOP", "big:list"], "tail; back to N", "LPUSH"),
        ("RPUSH", ["RPUSH", "big:list", "v:__rand_int__"], "tail; list grows by -n", None),
        ("LPOP", ["LPOP", "big:list"], "head; back to N", "RPUSH"),
        ("LMOVE", ["LMOVE", "big:list", "big:list", "RIGHT", "LEFT"], "pop tail + push head: exactly N", None),
        ("LINDEX mid", ["LINDEX", "big:list", str(mid)], "index N/2", None),
        ("LRANGE 0 99", ["LRANGE", "big:list", "0", "99"], "first 100", None),
        ("LRANGE mid 100", ["LRANGE", "big:list"] + win, "100 from index N/2", None),
        ("HGET", ["HGET", "big:hash", "f:__rand_int__"], "random field", None),
        ("SISMEMBER", ["SISMEMBER", "big:set", "m:__rand_int__"], "random member", None),
        ("ZSCORE", ["ZSCORE", "big:zset", "m:__rand_int__"], "random member", None),
        ("ZRANGE 0 99", ["ZRANGE", "big:zset", "0", "99"], "rank 0..99", None),
        ("ZRANGEBYSCORE mid 100", ["ZRANGEBYSCORE", "big:zset"] + win, "scores N/2..N/2+99", None),
        ("ZRANGEBYSCORE rand LIMIT 100", ["ZRANGEBYSCORE", "big:zset", "__rand_int__", "+inf", "LIMIT", "0", "100"],
         "100 from a random score", None),
        ("ZRANGE mid 100", ["ZRANGE", "big:zset"] + win, "rank N/2..N/2+99: from its zset_buckets bucket", None),
        ("ZRANK", ["ZRANK", "big:zset", "m:__rand_int__"], "random member: zset_buckets sums", None),
        ("LLEN", ["LLEN", "big:list"], "keys.elements", None),
        ("HLEN", ["HLEN", "big:hash"], "keys.elements", None),
        ("SCARD", ["SCARD", "big:set"], "keys.elements", None),
        ("ZCARD", ["ZCARD", "big:zset"], "keys.elements", None),
    ]


OP_IDS = [o[0] for o in operations(1000)]


def substitute(argv, n, rng=random):
    """argv with each __rand_int__ replaced as redis-benchmark does: 12 digits, zero-padded."""
    out = []
    for a in argv:
        while "__rand_int__" in a:
            a = a.replace("__rand_int__", "%012d" % rng.randrange(n), 1)
        out.append(a)
    return out


def requests_for(latency_s, requests, max_seconds, pipeline=PIPELINE, minimum=MIN_REQUESTS):
    """-n for an operation whose calls take LATENCY_S alone: REQUESTS unless that would take
    more than MAX_SECONDS back to back; at least MINIMUM; a multiple of the pipeline depth
    (redis-benchmark issues whole pipelines, so -n is then exact)."""
    n = requests
    if latency_s and latency_s * requests > max_seconds:
        n = max(minimum, int(max_seconds / latency_s))
    n = min(n, requests)
    return max(pipeline, n - n % pipeline)


# ---------------------------------------------------------------- filling


def resp(args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)


def fill_commands(kind, n, batch):
    """RESP chunks (one variadic command each) that make KIND hold elements 0..N-1."""
    key = KEYS[kind]
    for lo in range(0, n, batch):
        ids = range(lo, min(n, lo + batch))
        if kind == "list":
            args = [b"RPUSH", key] + [b"v:%012d" % i for i in ids]
        elif kind == "hash":
            args = [b"HSET", key]
            for i in ids:
                args += [b"f:%012d" % i, b"%d" % i]
        elif kind == "set":
            args = [b"SADD", key] + [b"m:%012d" % i for i in ids]
        else:
            args = [b"ZADD", key]
            for i in ids:
                args += [b"%d" % i, b"m:%012d" % i]
        yield resp(args)


def parse_pipe_output(text):
    """redis-cli --pipe's summary line: (errors, replies), or None."""
    for line in text.splitlines():
        if "errors:" in line and "replies:" in line:
            try:
                errors = int(line.split("errors:")[1].split(",")[0])
                replies = int(line.split("replies:")[1].split()[0])
                return errors, replies
            except (IndexError, ValueError):
                return None
    return None


def fill(port, kind, n, batch, timeout):
    """Pipe the fill into redis-cli --pipe; returns seconds (raises on any error reply)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(["redis-cli", "-h", "127.0.0.1", "-p", str(port), "--pipe", "--pipe-timeout",
                             str(timeout)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        buf, size = [], 0
        for cmd in fill_commands(kind, n, batch):
            buf.append(cmd)
            size += len(cmd)
            if size > 1 << 20:
                proc.stdin.write(b"".join(buf))
                buf, size = [], 0
        proc.stdin.write(b"".join(buf))
        out, _ = proc.communicate(timeout=timeout)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    seconds = time.monotonic() - t0
    text = out.decode(errors="replace")
    summary = parse_pipe_output(text)
    expected = -(-n // batch)
    if proc.returncode != 0 or summary is None or summary[0] != 0 or summary[1] != expected:
        raise RuntimeError("fill %s: redis-cli --pipe exit %s: %s" % (kind, proc.returncode, text.strip()[-300:]))
    return seconds


def sizes_of(port):
    return {
        "list": benchrun.resp_command(port, "LLEN", "big:list", timeout=120),
        "hash": benchrun.resp_command(port, "HLEN", "big:hash", timeout=120),
        "set": benchrun.resp_command(port, "SCARD", "big:set", timeout=120),
        "zset": benchrun.resp_command(port, "ZCARD", "big:zset", timeout=120),
    }


# ---------------------------------------------------------------- measuring


class Conn:
    """One persistent connection for the probe calls."""

    def __init__(self, port, timeout):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.f = self.sock.makefile("rb")

    def call(self, args):
        self.sock.sendall(resp([a.encode() for a in args]))
        return benchrun._read_reply(self.f)

    def close(self):
        self.f.close()
        self.sock.close()


def probe(port, argv, n, calls=PROBE_CALLS, timeout=300):
    """(fastest, median) seconds of CALLS calls alone; raises RespError when the command errors.
    The fastest is the cost with the least of this machine's other work in it."""
    conn = Conn(port, timeout)
    try:
        times = []
        for _ in range(calls):
            args = substitute(argv, n)
            t0 = time.perf_counter()
            conn.call(args)
            times.append(time.perf_counter() - t0)
        return min(times), statistics.median(times)
    finally:
        conn.close()


def run_benchmark(port, argv, n, requests, timeout):
    cmd = ["redis-benchmark", "-h", "127.0.0.1", "-p", str(port), "-c", str(CLIENTS), "-n", str(requests),
           "-P", str(PIPELINE), "-r", str(n), "--csv"] + argv
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": "redis-benchmark timed out after %d s" % timeout}
    res = {"seconds": round(time.monotonic() - t0, 3)}
    errors = [l.strip() for l in (p.stdout + "\n" + p.stderr).splitlines() if "error" in l.lower()]
    rows = {k: v for k, v in benchrun.parse_benchmark_csv(
        "\n".join(l for l in p.stdout.splitlines() if l.startswith('"'))).items()}
    row = next(iter(rows.values()), None)
    if p.returncode != 0 or row is None or not row.get("rps"):
        res["error"] = "redis-benchmark exit %d: %s" % (p.returncode, (p.stderr.strip() or p.stdout.strip())[:300])
        return res
    res.update(row)
    if errors:
        res["error"] = "the server replied with errors: %s" % errors[0][:200]
    return res


def free_port(taken):
    ports = [p for p in PORTS if p not in taken]
    random.shuffle(ports)
    for p in ports:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", p))
            except OSError:
                continue
        taken.add(p)
        return p
    raise RuntimeError("no free port in 7700-7749")


def loadavg():
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


class Bench:
    def __init__(self, args):
        self.args = args
        self.taken = set()
        self.results = {}  # (path, size, op) -> dict
        self.fills = {}  # (path, size) -> dict
        self.notes = []

    def log(self, msg):
        sys.stderr.write(msg + "\n")
        sys.stderr.flush()

    def run_size(self, path, n):
        args = self.args
        workdir = tempfile.mkdtemp(prefix="coll-", dir=self.tmp)
        port = free_port(self.taken)
        argv = benchrun.server_argv(path, self.binary, port, workdir, [])
        server = benchrun.Server(path, argv, dict(os.environ), workdir, port)
        finfo = self.fills.setdefault((path, n), {"load_before": loadavg()})
        try:
            server.start()
            total = 0.0
            for kind in ("list", "hash", "set", "zset"):
                self.log("%s N=%s: fill %s ..." % (path, fmt_size(n), kind))
                s = fill(port, kind, n, args.batch, args.fill_timeout)
                finfo[kind] = round(s, 3)
                total += s
            finfo["total"] = round(total, 3)
            finfo["disk_bytes"] = server.disk_bytes()
            finfo["fill_peak_kb"] = benchrun.read_status_kb(server.proc.pid, "VmHWM")
            got = sizes_of(port)
            if any(v != n for v in got.values()):
                raise RuntimeError("after the fill the sizes are %s, not %d" % (got, n))
            used = {}
            for op, cmd, _note, same in operations(n):
                key = (path, n, op)
                if not server.alive():
                    self.results[key] = {"error": "server exited: %s" % server.log_tail()}
                    continue
                try:
                    lat, lat_median = probe(port, cmd, n)
                except benchrun.RespError as e:
                    self.results[key] = {"error": "the server replied: %s" % e}
                    self.log("!! %s N=%s %s: %s" % (path, fmt_size(n), op, e))
                    continue
                reqs = used[same] if same in used else requests_for(lat_median, args.requests, args.max_seconds)
                used[op] = reqs
                self.log("%s N=%s: %-28s -n %-6d (one call alone: %.3f ms) ..." % (
                    path, fmt_size(n), op, reqs, lat * 1000))
                timeout = int(120 + 5 * reqs * lat_median)
                res = run_benchmark(port, cmd, n, reqs, timeout)
                res.update({"requests": reqs, "alone_ms": lat * 1000, "alone_median_ms": lat_median * 1000})
                if "error" in res:
                    self.log("!! %s N=%s %s: %s" % (path, fmt_size(n), op, res["error"]))
                self.results[key] = res
            if server.alive():
                after = sizes_of(port)
                finfo["sizes_after"] = after
                if any(v != n for v in after.values()):
                    self.notes.append("%s N=%s: sizes after the run %s, expected %d each" % (
                        path, fmt_size(n), after, n))
        except (RuntimeError, OSError, benchrun.RespError) as e:
            finfo["error"] = str(e)
            self.notes.append("%s N=%s: %s" % (path, fmt_size(n), e))
            self.log("!! %s N=%s: %s" % (path, fmt_size(n), e))
        finally:
            note = server.stop()
            if note:
                self.notes.append("%s N=%s: server %s" % (path, fmt_size(n), note))
            finfo["peak_kb"] = server.peak_kb
            finfo["load_after"] = loadavg()
            shutil.rmtree(workdir, ignore_errors=True)

    def main(self):
        args = self.args
        started = time.monotonic()
        self.tmp = tempfile.mkdtemp(prefix="sqlettuce-coll-")
        meta = benchrun.machine_info()
        try:
            # A snapshot of the binary: a rebuild during the run must not change what runs.
            self.binary = os.path.join(self.tmp, "sqlettuce")
            if os.access(args.bin, os.X_OK):
                shutil.copy2(args.bin, self.binary)
                with open(self.binary, "rb") as f:
                    meta["binary_sha256"] = hashlib.sha256(f.read()).hexdigest()[:12]
                meta["binary_built"] = datetime.datetime.fromtimestamp(
                    os.path.getmtime(args.bin), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            if "redis" in args.paths:
                meta["redis_version"] = benchrun.redis_version()
            for path in args.paths:
                for n in args.sizes:
                    self.run_size(path, n)
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
        meta.update({"clients": CLIENTS, "pipeline": PIPELINE, "requests": args.requests,
                     "max_seconds": args.max_seconds, "batch": args.batch,
                     "seconds": round(time.monotonic() - started, 1), "notes": self.notes})
        report = Report(meta, args.paths, args.sizes, self.results, self.fills)
        os.makedirs(args.out, exist_ok=True)
        md = report.markdown()
        benchrun.write(os.path.join(args.out, "collections.md"), md)
        benchrun.write(os.path.join(args.out, "collections.csv"), report.csv())
        print(md)
        shown = os.path.relpath(args.out) if args.out.startswith(os.getcwd() + os.sep) else args.out
        print("wrote %s/{collections.md,collections.csv}" % shown)
        failed = [k for k, r in self.results.items() if "error" in r]
        failed += [k for k, f in self.fills.items() if "error" in f]
        if failed:
            sys.stderr.write("%d runs failed (see Notes in collections.md)\n" % len(failed))
            return 1
        return 0


# ---------------------------------------------------------------- the report


def fmt_size(n):
    for div, unit in ((1000000, "M"), (1000, "k")):
        if n >= div and n % div == 0:
            return "%d%s" % (n // div, unit)
    if n >= 1000 and n % 100 == 0:
        return "%gk" % (n / 1000)
    return str(n)


P50_CAP_MS = 3000.0  # redis-benchmark records a latency above 3 s as 3 s


def fmt_p50(v):
    if v is not None and v >= P50_CAP_MS:
        return "≥3000"
    return benchrun.fmt_ms(v)


def fmt_ratio(v):
    if v is None:
        return "—"
    if v < 0.1:
        return "%.4f× (1/%.0f)" % (v, 1 / v)
    return "%.2f×" % v


def fmt_seconds(s):
    return "—" if s is None else ("%.2f s" % s if s < 10 else "%.1f s" % s)


class Report:
    def __init__(self, meta, paths, sizes, results, fills):
        self.meta, self.paths, self.sizes, self.results, self.fills = meta, paths, sorted(sizes), results, fills

    def get(self, path, n, op, field):
        return self.results.get((path, n, op), {}).get(field)

    def ratio(self, path, op):
        """rps at the largest size ÷ rps at the smallest."""
        if len(self.sizes) < 2:
            return None
        a, b = self.get(path, self.sizes[-1], op, "rps"), self.get(path, self.sizes[0], op, "rps")
        return a / b if a and b else None

    def markdown(self):
        m = self.meta
        lo, hi = fmt_size(self.sizes[0]), fmt_size(self.sizes[-1])
        out = ["# sqlettuce: collections of %s" % " and ".join(fmt_size(n) for n in self.sizes), ""]
        out.append("One list, one hash, one set and one sorted set of N elements each, on a fresh server per "
                   "path and size (a file database in a fresh temp dir, default durability), then one "
                   "operation at a time: `redis-benchmark -c %d -n REQUESTS -P %d -r N --csv <command>` "
                   "(REQUESTS %d, fewer for an operation that would take more than %d s: see the -n column "
                   "in collections.csv). `__rand_int__` is a random element below N, so every lookup hits. "
                   "Index arguments cannot be random (redis-benchmark zero-pads `__rand_int__`, which Redis "
                   "rejects as an integer): LINDEX and the middle windows use index N/2." % (
                       m["clients"], m["pipeline"], m["requests"], m["max_seconds"]))
        out += ["", "## Machine", ""]
        rows = [("date", m.get("date", "?")), ("nproc", m.get("nproc", "?")), ("CPU", m.get("cpu", "?")),
                ("kernel", m.get("kernel", "?")), ("redis-benchmark", m.get("redis_benchmark", "?")),
                ("sqlettuce commit", m.get("commit", "?")),
                ("bin/sqlettuce", "built %s, sha256 %s…" % (m.get("binary_built", "?"), m.get("binary_sha256", "?"))),
                ("run time", benchrun.fmt_duration(m.get("seconds", 0)))]
        if m.get("redis_version"):
            rows.append(("Redis", m["redis_version"]))
        out.append(benchrun.md_table(["", ""], rows, ["---", "---"]))

        notes = dict((o[0], o[2]) for o in operations(self.sizes[-1]))
        for p in self.paths:
            out += ["", "## %s" % p, ""]
            out.append("Requests per second and p50 latency (ms, under -c %d -P %d: mostly queueing), "
                       "and rps at %s ÷ rps at %s (1.00× = no slower). \"alone\" is the fastest of %d "
                       "calls on one idle connection, round trip included." % (
                           m["clients"], m["pipeline"], hi, lo, PROBE_CALLS))
            out.append("")
            header = ["operation", "what"]
            for n in self.sizes:
                header += ["%s rps" % fmt_size(n), "%s p50" % fmt_size(n)]
            header += ["%s ÷ %s" % (hi, lo)] if len(self.sizes) > 1 else []
            header += ["%s alone ms" % fmt_size(n) for n in self.sizes]
            rows = []
            for op in OP_IDS:
                row = [op, notes.get(op, "")]
                for n in self.sizes:
                    r = self.results.get((p, n, op), {})
                    if "error" in r:
                        row += ["error", "—"]
                    else:
                        row += [benchrun.fmt_rps(r.get("rps")), fmt_p50(r.get("p50_ms"))]
                if len(self.sizes) > 1:
                    row.append(fmt_ratio(self.ratio(p, op)))
                for n in self.sizes:
                    v = self.get(p, n, op, "alone_ms")
                    row.append("—" if v is None else "%.3f" % v)
                rows.append(row)
            align = ["---", "---"] + ["--:"] * (len(header) - 2)
            out.append(benchrun.md_table(header, rows, align))

        out += ["", "## Fill", ""]
        out.append("Seconds to fill each collection with `redis-cli --pipe` (variadic RPUSH/HSET/SADD/ZADD of "
                   "%d elements), the files after the fill, the server's peak RSS by the end of the fill and of the run, and the 1-minute load average "
                   "before and after (this machine's other work shows here)." % m["batch"])
        out.append("")
        rows = []
        for p in self.paths:
            for n in self.sizes:
                f = self.fills.get((p, n), {})
                els = 4 * n / f["total"] if f.get("total") else None
                rows.append([p, fmt_size(n)] + [fmt_seconds(f.get(k)) for k in ("list", "hash", "set", "zset")] +
                            [fmt_seconds(f.get("total")), benchrun.fmt_rps(els),
                             benchrun.fmt_bytes(f["disk_bytes"]) if f.get("disk_bytes") else "—",
                             "%s / %s" % tuple("%.0f MiB" % (f[k] / 1024.0) if f.get(k) else "—"
                                               for k in ("fill_peak_kb", "peak_kb")),
                             "%s → %s" % tuple("?" if f.get(k) is None else "%.2f" % f[k]
                                               for k in ("load_before", "load_after"))])
        out.append(benchrun.md_table(["path", "N", "list", "hash", "set", "zset", "total", "elements/s",
                                      "files", "peak RSS fill / run", "load"], rows))

        errors = ["- %s N=%s %s: %s" % (k[0], fmt_size(k[1]), k[2], r["error"])
                  for k, r in sorted(self.results.items(), key=lambda kv: (
                      self.paths.index(kv[0][0]) if kv[0][0] in self.paths else 99, kv[0][1],
                      OP_IDS.index(kv[0][2]) if kv[0][2] in OP_IDS else 99)) if "error" in r]
        notes = list(m.get("notes", []))
        if any((r.get("p50_ms") or 0) >= P50_CAP_MS for r in self.results.values()):
            notes.append("≥3000: redis-benchmark records any latency above 3 s as 3 s, so that p50 is a floor; "
                         "the one-call latency (\"alone\") is the cost of such a command.")
        notes += self.growth_notes()
        if notes or errors:
            out += ["", "## Notes", ""]
            out += ["- " + n for n in notes] + errors
        return "\n".join(out) + "\n"

    def growth_notes(self, factor=5.0, at_least_ms=0.5):
        """Operations whose one-call latency grew more than FACTOR times (and by AT_LEAST_MS,
        more than this machine's jitter) from the smallest size to the largest: what does not
        stay flat as the collection grows."""
        if len(self.sizes) < 2:
            return []
        lo, hi = self.sizes[0], self.sizes[-1]
        out = []
        for p in self.paths:
            grew = []
            for op in OP_IDS:
                a, b = self.get(p, lo, op, "alone_ms"), self.get(p, hi, op, "alone_ms")
                if a and b and b / a > factor and b - a > at_least_ms:
                    grew.append("%s (%.3f → %.3f ms, %.0f×)" % (op, a, b, b / a))
            if grew:
                out.append("%s: one call costs more than %g× as much at %s as at %s: %s" % (
                    p, factor, fmt_size(hi), fmt_size(lo), "; ".join(grew)))
        return out

    def csv(self):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["path", "size", "operation", "command", "requests", "rps", "p50_ms", "avg_ms", "p99_ms",
                    "alone_ms", "alone_median_ms", "ratio_to_smallest", "error"])
        for p in self.paths:
            for n in self.sizes:
                cmds = dict((o[0], " ".join(o[1])) for o in operations(n))
                for op in OP_IDS:
                    r = self.results.get((p, n, op))
                    if r is None:
                        continue
                    base = self.get(p, self.sizes[0], op, "rps")
                    ratio = r.get("rps") / base if r.get("rps") and base else None
                    w.writerow([p, n, op, cmds[op], r.get("requests", ""), r.get("rps", ""), r.get("p50_ms", ""),
                                r.get("avg_ms", ""), r.get("p99_ms", ""),
                                "" if r.get("alone_ms") is None else "%.4f" % r["alone_ms"],
                                "" if r.get("alone_median_ms") is None else "%.4f" % r["alone_median_ms"],
                                "" if ratio is None else "%.4f" % ratio, r.get("error", "")])
        return buf.getvalue()


# ---------------------------------------------------------------- self-test


def self_test():
    import unittest

    class T(unittest.TestCase):
        def test_fill_protocol(self):
            data = b"".join(fill_commands("hash", 2500, 1000))
            f = io.BytesIO(data)
            cmds = []
            while f.tell() < len(data):
                cmds.append(benchrun._read_reply(f))
            self.assertEqual(len(cmds), 3)
            self.assertEqual(cmds[0][:4], [b"HSET", b"big:hash", b"f:000000000000", b"0"])
            self.assertEqual(len(cmds[2]), 2 + 2 * 500)
            self.assertEqual(cmds[2][-2:], [b"f:000000002499", b"2499"])
            z = benchrun._read_reply(io.BytesIO(next(fill_commands("zset", 3, 10))))
            self.assertEqual(z, [b"ZADD", b"big:zset", b"0", b"m:000000000000", b"1", b"m:000000000001",
                                 b"2", b"m:000000000002"])

        def test_substitute_matches_fill_names(self):
            rng = random.Random(1)
            got = substitute(["HGET", "big:hash", "f:__rand_int__"], 10, rng)
            self.assertRegex(got[2], r"^f:00000000000\d$")
            self.assertNotIn("__rand_int__", " ".join(substitute(["X", "__rand_int__", "__rand_int__"], 5, rng)))

        def test_requests_for(self):
            self.assertEqual(requests_for(0.0001, 100000, 20), 100000)
            self.assertEqual(requests_for(0.05, 100000, 20), 800)  # 400 raised to the minimum
            self.assertEqual(requests_for(0.005, 100000, 20), 4000)
            self.assertEqual(requests_for(0.0001, 1000, 20, minimum=800) % PIPELINE, 0)
            self.assertEqual(requests_for(None, 10000, 20), 10000)

        def test_pipe_output(self):
            self.assertEqual(parse_pipe_output("All data transferred. Waiting for the last reply...\n"
                                               "Last reply received from server.\nerrors: 0, replies: 1000\n"),
                             (0, 1000))
            self.assertIsNone(parse_pipe_output(""))

        def test_sizes(self):
            self.assertEqual([fmt_size(n) for n in (1000, 1000000, 20000, 1500, 999)],
                             ["1k", "1M", "20k", "1.5k", "999"])

        def test_report(self):
            sizes, paths = [1000, 1000000], ["rust/batch", "go"]
            results = {}
            for p in paths:
                for n in sizes:
                    for i, op in enumerate(OP_IDS):
                        rps = 100000.0 / (1 + i) * (0.5 if n == 1000000 else 1.0)
                        results[(p, n, op)] = {"rps": rps, "p50_ms": 1.5, "avg_ms": 2.0, "p99_ms": 4.0,
                                               "requests": 100000, "alone_ms": 0.1}
                        if op == "ZRANGE mid 100" and n == 1000000:
                            results[(p, n, op)].update(rps=25.0, p50_ms=3000.319, alone_ms=30.0, requests=800)
            results[("go", 1000000, "HGET")] = {"error": "the server replied: ERR boom", "requests": 800}
            results[("rust/batch", 1000000, "ZSCORE")]["alone_ms"] = 0.55  # 5.5×, but only 0.45 ms: jitter
            fills = {(p, n): {"list": 1.0, "hash": 2.0, "set": 1.0, "zset": 3.0, "total": 7.0, "disk_bytes": 1 << 20,
                              "fill_peak_kb": 30720, "peak_kb": 40960, "load_before": 1.0, "load_after": 2.5} for p in paths for n in sizes}
            meta = dict(date="2026-01-01 00:00 UTC", nproc="2", cpu="cpu", kernel="6", clients=CLIENTS,
                        pipeline=PIPELINE, requests=100000, max_seconds=20, batch=1000, seconds=90,
                        notes=["a note"])
            r = Report(meta, paths, sizes, results, fills)
            md = r.markdown()
            self.assertIn("| operation | what | 1k rps | 1k p50 | 1M rps | 1M p50 | 1M ÷ 1k |", md)
            self.assertIn("| LPUSH | head; list grows by -n | 100k | 1.500 | 50k | 1.500 | 0.50× |", md)
            self.assertIn("| ZRANGE mid 100 |", md)
            self.assertIn("| 25 | ≥3000 | 0.0037× (1/267) |", md)  # 25 rps against 1k's 6.7k
            self.assertIn("| ≥3000 |", md)
            self.assertIn("ZRANGE mid 100 (0.100 → 30.000 ms, 300×)", md)
            self.assertNotIn("HGET (", md)
            self.assertNotIn("ZSCORE (", md)
            self.assertIn("| go | 1M | 1.00 s | 2.00 s | 1.00 s | 3.00 s | 7.00 s | 571k |", md)
            self.assertIn("go N=1M HGET: the server replied: ERR boom", md)
            self.assertIn("- a note", md)
            self.assertIn("| 30 MiB / 40 MiB | 1.00 → 2.50 |", md)
            rows = list(csv.DictReader(io.StringIO(r.csv())))
            self.assertEqual(len(rows), len(paths) * len(sizes) * len(OP_IDS))
            row = [x for x in rows if x["path"] == "rust/batch" and x["size"] == "1000000" and x["operation"] == "LPUSH"][0]
            self.assertEqual(row["ratio_to_smallest"], "0.5000")
            self.assertEqual(row["command"], "LPUSH big:list v:__rand_int__")
            mid = [x for x in rows if x["size"] == "1000000" and x["operation"] == "ZRANGE mid 100"][0]
            self.assertEqual(mid["command"], "ZRANGE big:zset 500000 500099")
            # one size: no ratio column, still a table
            md1 = Report(meta, ["rust/batch"], [1000], results, fills).markdown()
            self.assertIn("| operation | what | 1k rps | 1k p50 | 1k alone ms |", md1)

    suite = unittest.defaultTestLoader.loadTestsFromTestCase(T)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    return 0 if result.wasSuccessful() else 1


# ---------------------------------------------------------------- command line


def csv_list(conv):
    return lambda s: [conv(x.strip()) for x in s.split(",") if x.strip()]


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="bench/collections.py", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="operations: %s\n\n--quick: --sizes %s --requests %d --max-seconds %g, into bench/results/quick/" % (
            ", ".join(OP_IDS), ",".join(map(str, QUICK_SIZES)), QUICK_REQUESTS, QUICK_MAX_SECONDS))
    ap.add_argument("--paths", type=csv_list(str.lower), default=["rust/batch"],
                    help="comma-separated, of %s (default rust/batch)" % ", ".join(PATHS))
    ap.add_argument("--sizes", type=csv_list(int), help="elements per collection (default 1000,1000000)")
    ap.add_argument("--requests", type=int, help="redis-benchmark -n (default %d)" % DEFAULT_REQUESTS)
    ap.add_argument("--max-seconds", type=float,
                    help="fewer requests for an operation that would take longer back to back (default 20)")
    ap.add_argument("--batch", type=int, default=1000, help="elements per fill command (default 1000)")
    ap.add_argument("--fill-timeout", type=int, default=1800, help="seconds one collection's fill may take")
    ap.add_argument("--quick", action="store_true", help="sizes 1000,20000, 30000 requests, 5 s an operation at most: under a minute")
    ap.add_argument("--out", help="output directory (default bench/results/)")
    ap.add_argument("--bin", default=os.path.join(REPO, "bin", "sqlettuce"), help="the server binary")
    ap.add_argument("--self-test", action="store_true", help="check tables, CSV and the fill protocol; no servers")
    args = ap.parse_args(argv)
    if args.self_test:
        return args
    if args.quick:
        args.sizes = args.sizes or list(QUICK_SIZES)
        args.requests = args.requests or QUICK_REQUESTS
        args.max_seconds = args.max_seconds or QUICK_MAX_SECONDS
        args.out = args.out or os.path.join(REPO, "bench", "results", "quick")
    args.sizes = sorted(set(args.sizes or DEFAULT_SIZES))
    args.requests = args.requests or DEFAULT_REQUESTS
    args.max_seconds = args.max_seconds or 20.0
    args.out = os.path.abspath(args.out or os.path.join(REPO, "bench", "results"))
    bad = [p for p in args.paths if p not in PATHS]
    if bad:
        ap.error("unknown path %s (known: %s)" % (", ".join(bad), ", ".join(PATHS)))
    args.paths = [p for p in PATHS if p in args.paths]
    if any(n < 200 for n in args.sizes):
        ap.error("sizes must be 200 or more (the windows read 100 elements from N/2)")
    if args.requests < PIPELINE or args.batch < 1:
        ap.error("--requests must be %d or more, --batch 1 or more" % PIPELINE)
    if any(p != "redis" for p in args.paths) and not os.access(args.bin, os.X_OK):
        ap.error("%s is not built: run `just build` (or use `just bench-collections`)" % args.bin)
    for tool in ["redis-benchmark", "redis-cli"] + (["redis-server"] if "redis" in args.paths else []):
        if shutil.which(tool) is None:
            ap.error("%s is not on PATH (Debian: apt-get install redis-tools redis-server)" % tool)
    return args


def main(argv):
    args = parse_args(argv)
    if args.self_test:
        return self_test()
    try:
        return Bench(args).main()
    except RuntimeError as e:
        sys.stderr.write("bench: %s\n" % e)
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
