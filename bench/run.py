#!/usr/bin/env python3
"""sqlettuce benchmark: redis-benchmark against every execution path, Redis as the reference.

    bench/run.py                       the full run (what `just bench` does after building)
    bench/run.py --quick               a smoke run: 20000 requests, depths 1,16, SET and GET
    bench/run.py --paths rust/batch,redis --commands set,get --depths 1,16
    bench/run.py --self-test           check parsing, tables and the chart on canned numbers

Each path gets a fresh server on a free port in 7400-7499, a file database in a fresh temp
dir with the default durability, and runs, for every command and pipeline depth,

    redis-benchmark -c CLIENTS -n REQUESTS -r 100000 --csv -t CMD -P DEPTH

Writes results.md, results.csv, results.json and throughput.svg to --out (bench/results/, or
bench/results/quick/ with --quick so a smoke run never overwrites a full one).

Python 3 standard library only.
"""

import argparse
import csv
import datetime
import hashlib
import html
import io
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORTS = range(7400, 7500)  # the range the project reserves for benchmarks
RANDOM_KEYSPACE = 100000  # redis-benchmark -r

# Every path the benchmark knows, in the order tables and the chart show them.
SQLETTUCE_PATHS = {
    "go": ["--engine", "go"],
    "rust/command": ["--engine", "rust", "--crossing", "command"],
    "rust/batch": ["--engine", "rust", "--crossing", "batch"],
}
REDIS_PATHS = {
    "redis": ["--appendonly", "no"],
    "redis/aof": ["--appendonly", "yes", "--appendfsync", "everysec"],
}
ALL_PATHS = list(SQLETTUCE_PATHS) + list(REDIS_PATHS)
REFERENCE = "redis"  # ratios are against Redis without persistence

BASE_COMMANDS = ["SET", "GET", "INCR", "MSET"]
# Added by default once sqlettuce's COMMAND table has the commands they need.
COLLECTION_COMMANDS = {
    "LPUSH": ["LPUSH"],
    "HSET": ["HSET"],
    "ZADD": ["ZADD"],
    "LRANGE_100": ["LPUSH", "LRANGE"],
}
KNOWN_COMMANDS = BASE_COMMANDS + list(COLLECTION_COMMANDS)
DEFAULT_DEPTHS = [1, 4, 16, 64, 256]

# Extras: rust/batch under other settings, SET and GET at depths 1 and 16.
EXTRA_COMMANDS = ["SET", "GET"]
EXTRA_DEPTHS = [1, 16]
EXTRA_BASE = "rust/batch"

STYLE = {  # colour (Okabe-Ito, colour-blind safe), dash pattern, marker
    "go": ("#E69F00", "", "circle"),
    "rust/command": ("#0072B2", "", "square"),
    "rust/batch": ("#D55E00", "", "diamond"),
    "redis": ("#222222", "6 4", "circle-open"),
    "redis/aof": ("#888888", "2 3", "square-open"),
}


# ---------------------------------------------------------------- redis-benchmark CSV


def parse_benchmark_csv(text):
    """Rows of redis-benchmark --csv output: {test name: {"rps", "avg_ms", "p50_ms", ...}}."""
    rows = {}
    reader = csv.reader(io.StringIO(text))
    header = None
    for rec in reader:
        if not rec:
            continue
        if rec[0] == "test":
            header = rec
            continue
        if header is None:
            # redis-benchmark before 7 printed "test","rps" without a header line
            header = ["test", "rps"]
        row = {}
        for name, value in zip(header[1:], rec[1:]):
            key = {
                "rps": "rps",
                "avg_latency_ms": "avg_ms",
                "min_latency_ms": "min_ms",
                "p50_latency_ms": "p50_ms",
                "p95_latency_ms": "p95_ms",
                "p99_latency_ms": "p99_ms",
                "max_latency_ms": "max_ms",
            }.get(name, name)
            try:
                row[key] = float(value)
            except ValueError:
                row[key] = None
        rows[rec[0]] = row
    return rows


def pick_row(rows, command):
    """The row for COMMAND: "MSET (10 keys)" for MSET, not the fill step "LPUSH (needed...)"."""
    for name, row in rows.items():
        if name.split(" ")[0].upper() == command and "needed" not in name:
            return row
    return None


# ---------------------------------------------------------------- a tiny RESP client


class RespError(Exception):
    pass


def resp_command(port, *args, timeout=5.0):
    """Send one command, return the decoded reply (bytes, int, list, None; errors raise)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        s.sendall(out)
        f = s.makefile("rb")
        return _read_reply(f)


def _read_reply(f):
    line = f.readline()
    if not line.endswith(b"\r\n"):
        raise RespError("connection closed")
    kind, body = line[:1], line[1:-2]
    if kind == b"+":
        return body
    if kind == b"-":
        raise RespError(body.decode(errors="replace"))
    if kind == b":":
        return int(body)
    if kind == b"_":
        return None
    if kind in (b"$", b"="):
        n = int(body)
        if n < 0:
            return None
        data = f.read(n + 2)
        return data[:-2]
    if kind in (b"*", b"~", b">"):
        n = int(body)
        return None if n < 0 else [_read_reply(f) for _ in range(n)]
    if kind == b"%":
        n = int(body)
        return [_read_reply(f) for _ in range(2 * n)]
    raise RespError("unexpected reply %r" % line)


def parse_info(text):
    """INFO text to {section: {field: value}}, sections lower-cased."""
    sections, cur = {}, None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("# "):
            cur = sections.setdefault(line[2:].strip().lower(), {})
        elif ":" in line and cur is not None:
            k, v = line.split(":", 1)
            cur[k] = v
    return sections


def info(port, section="all"):
    try:
        return parse_info(resp_command(port, "INFO", section).decode(errors="replace"))
    except (OSError, RespError):
        return {}


def supported_commands(port, names):
    """The subset of NAMES the server's COMMAND INFO knows."""
    try:
        reply = resp_command(port, "COMMAND", "INFO", *names)
    except (OSError, RespError):
        return set()
    return {n for n, r in zip(names, reply or []) if r}


# ---------------------------------------------------------------- servers


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
    raise RuntimeError("no free port in 7400-7499")


def read_status_kb(pid, field):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


class Server:
    """One server process: started fresh, RSS sampled while it runs, stopped with SIGTERM."""

    def __init__(self, label, argv, env, workdir, port):
        self.label, self.argv, self.env, self.workdir, self.port = label, argv, env, workdir, port
        self.proc = None
        self.peak_kb = 0
        self.log_path = os.path.join(workdir, "server.log")
        self._stop_sampler = threading.Event()
        self._sampler = None
        self.exit_code = None

    def start(self, timeout=15.0):
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            self.argv, cwd=self.workdir, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited with %s on start: %s" % (
                    self.label, self.proc.returncode, self.log_tail()))
            try:
                if resp_command(self.port, "PING", timeout=1.0) == b"PONG":
                    break
            except (OSError, RespError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("%s did not answer PING within %.0f s: %s" % (
                    self.label, timeout, self.log_tail()))
            time.sleep(0.05)
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self):
        pid = self.proc.pid
        while not self._stop_sampler.wait(0.1):
            self._note_rss(pid)

    def _note_rss(self, pid):
        for field in ("VmHWM", "VmRSS"):
            kb = read_status_kb(pid, field)
            if kb:
                self.peak_kb = max(self.peak_kb, kb)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def disk_bytes(self):
        total = 0
        for root, _, files in os.walk(self.workdir):
            for name in files:
                if name != "server.log":
                    try:
                        total += os.path.getsize(os.path.join(root, name))
                    except OSError:
                        pass
        return total

    def stop(self, timeout=60.0):
        """SIGTERM and wait; returns a note when the stop was not clean."""
        if self.proc is None:
            return None
        note = None
        if self.proc.poll() is None:
            self._note_rss(self.proc.pid)  # VmHWM just before it goes: the true peak
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                note = "did not exit within %.0f s of SIGTERM; killed" % timeout
        self._stop_sampler.set()
        if self._sampler:
            self._sampler.join()
        self.exit_code = self.proc.returncode
        if note is None and self.exit_code not in (0, -signal.SIGTERM):
            note = "exited with status %s after SIGTERM" % self.exit_code
        return note

    def log_tail(self, n=5):
        try:
            with open(self.log_path, errors="replace") as f:
                lines = [l.rstrip() for l in f if l.strip()]
            return " / ".join(lines[-n:]) or "(no output)"
        except OSError:
            return "(no log)"


def server_argv(path, binary, port, workdir, extra_flags):
    if path in SQLETTUCE_PATHS:
        db = os.path.join(workdir, "bench.db")
        return ([binary, "--port", str(port), "--bind", "127.0.0.1", "--db", db,
                 "--loglevel", "warn"] + SQLETTUCE_PATHS[path] + extra_flags)
    return (["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--dir", workdir, "--daemonize", "no", "--loglevel", "warning"]
            + REDIS_PATHS[path] + extra_flags)


# ---------------------------------------------------------------- counters from INFO


COUNTER_WORDS = ("crossing", "command", "transaction", "statement")


def counter_fields(section):
    """Pick the INFO sqlettuce fields that count crossings, commands and transactions."""
    picked = {}
    for word in COUNTER_WORDS:
        best = None
        for k, v in section.items():
            if word not in k.lower() or not re.fullmatch(r"-?\d+", v.strip()):
                continue
            rank = (k.lower() not in (word, word + "s"), not k.lower().startswith(word), len(k))
            if best is None or rank < best[0]:
                best = (rank, k)
        if best:
            picked[word] = best[1]
    return picked


def counter_delta(before, after):
    out = {}
    for k, v in after.items():
        if k in before and re.fullmatch(r"-?\d+", v.strip()) and re.fullmatch(r"-?\d+", before[k].strip()):
            out[k] = int(v) - int(before[k])
    return out


# ---------------------------------------------------------------- the run


class Progress:
    def __init__(self, total):
        self.total, self.done = total, 0
        self.tty = sys.stderr.isatty()
        self.start = time.monotonic()

    def show(self, what):
        self.done += 1
        msg = "[%d/%d] %s ..." % (self.done, self.total, what)
        if self.tty:
            sys.stderr.write("\r\x1b[K" + msg)
        else:
            sys.stderr.write(msg + "\n")
        sys.stderr.flush()

    def note(self, msg):
        if self.tty:
            sys.stderr.write("\r\x1b[K")
        sys.stderr.write(msg + "\n")
        sys.stderr.flush()

    def finish(self):
        if self.tty:
            sys.stderr.write("\r\x1b[K")
        sys.stderr.write("done: %d runs in %s\n" % (self.total, fmt_duration(time.monotonic() - self.start)))


def run_benchmark(port, command, depth, clients, requests, timeout):
    argv = ["redis-benchmark", "-h", "127.0.0.1", "-p", str(port), "-c", str(clients),
            "-n", str(requests), "-r", str(RANDOM_KEYSPACE), "--csv", "-t", command.lower(),
            "-P", str(depth)]
    t0 = time.monotonic()
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": "redis-benchmark timed out after %d s" % timeout}
    res = {"seconds": round(time.monotonic() - t0, 3)}
    row = pick_row(parse_benchmark_csv(p.stdout), command)
    err = " ".join(l.strip() for l in p.stderr.splitlines() if l.strip())
    if p.returncode != 0 or row is None or not row.get("rps"):
        res["error"] = "redis-benchmark exit %d: %s" % (p.returncode, (err or p.stdout.strip())[:300])
        return res
    res.update(row)
    if err:
        res["stderr"] = err[:300]
    return res


class Bench:
    def __init__(self, args):
        self.args = args
        self.taken_ports = set()
        self.results = {}  # (path, command, depth) -> dict
        self.path_info = {}  # path -> {"peak_kb", "disk_bytes", "seconds", "notes"}
        self.counter_keys = {}
        self.progress = None

    def run_path(self, label, path, pairs, extra_flags=(), env_extra=None):
        """Start a fresh server for PATH, run every (command, depth), stop it."""
        args = self.args
        workdir = tempfile.mkdtemp(prefix="path-", dir=self.tmp)
        env = dict(os.environ)
        env.update(env_extra or {})
        pinfo = self.path_info.setdefault(label, {"peak_kb": 0, "disk_bytes": 0, "seconds": 0.0, "notes": []})
        t0 = time.monotonic()
        server = None
        gave_up = None  # why this path stopped trying: a failed start, or too many restarts
        restarts = 0
        try:
            for command, depth in pairs:
                self.progress.show("%s %s -P %d" % (label, command, depth))
                key = (label, command, depth)
                if gave_up:
                    self.results[key] = {"error": gave_up}
                    continue
                if server is not None and not server.alive():
                    note = "exited with status %s during the run (%s); restarted" % (
                        server.proc.returncode, server.log_tail())
                    pinfo["notes"].append(note)
                    self.progress.note("!! %s: %s" % (label, note))
                    server.stop()
                    pinfo["peak_kb"] = max(pinfo["peak_kb"], server.peak_kb)
                    server = None
                    restarts += 1
                    if restarts > 3:
                        gave_up = "server kept exiting; gave up on this path"
                        self.results[key] = {"error": gave_up}
                        continue
                if server is None:
                    port = free_port(self.taken_ports)
                    server = Server(label, server_argv(path, self.binary, port, workdir, list(extra_flags)),
                                    env, workdir, port)
                    try:
                        server.start()
                    except RuntimeError as e:
                        pinfo["notes"].append(str(e))
                        self.progress.note("!! %s" % e)
                        gave_up = "server failed to start"
                        self.results[key] = {"error": gave_up}
                        server = None
                        continue
                before = info(server.port, "sqlettuce").get("sqlettuce", {}) if path in SQLETTUCE_PATHS else {}
                res = run_benchmark(server.port, command, depth, args.clients, args.requests, args.timeout)
                if before:
                    after = info(server.port, "sqlettuce").get("sqlettuce", {})
                    keys = counter_fields(after)
                    if keys:
                        self.counter_keys = keys
                        delta = counter_delta(before, after)
                        res["counters"] = {w: delta.get(k) for w, k in keys.items()}
                if "error" in res:
                    self.progress.note("!! %s %s -P %d: %s" % (label, command, depth, res["error"]))
                self.results[key] = res
        finally:
            if server is not None:
                note = server.stop()
                if note:
                    pinfo["notes"].append(note)
                pinfo["peak_kb"] = max(pinfo["peak_kb"], server.peak_kb)
                pinfo["disk_bytes"] = max(pinfo["disk_bytes"], server.disk_bytes())
            pinfo["seconds"] += time.monotonic() - t0
            shutil.rmtree(workdir, ignore_errors=True)

    def probe(self):
        """Ask a throwaway sqlettuce what it supports, and its SQLite version."""
        port = free_port(self.taken_ports)
        workdir = tempfile.mkdtemp(prefix="probe-", dir=self.tmp)
        s = Server("probe", [self.binary, "--port", str(port), "--bind", "127.0.0.1",
                             "--db", os.path.join(workdir, "probe.db"), "--loglevel", "warn"],
                   dict(os.environ), workdir, port)
        s.start()
        try:
            needed = sorted({c for cs in COLLECTION_COMMANDS.values() for c in cs})
            have = supported_commands(port, needed)
            sec = info(port, "sqlettuce").get("sqlettuce", {})
            return have, sec
        finally:
            s.stop()

    def main(self):
        args = self.args
        self.tmp = tempfile.mkdtemp(prefix="sqlettuce-bench-")
        started = time.monotonic()
        meta = machine_info()
        # A snapshot of the binary: a rebuild during the run must not change what later paths run.
        self.binary = os.path.join(self.tmp, "sqlettuce")
        shutil.copy2(args.bin, self.binary)
        with open(self.binary, "rb") as f:
            meta["binary_sha256"] = hashlib.sha256(f.read()).hexdigest()[:12]
        meta["binary_built"] = datetime.datetime.fromtimestamp(
            os.path.getmtime(args.bin), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        meta.update({"clients": args.clients, "requests": args.requests, "random_keyspace": RANDOM_KEYSPACE,
                     "notes": []})
        try:
            have, sec = self.probe()
            meta["sqlite_version"] = sec.get("sqlite_version", "?")
            meta["info_sqlettuce_fields"] = sorted(sec)
            if args.commands is None:
                commands = list(BASE_COMMANDS)
                for cmd, needs in COLLECTION_COMMANDS.items():
                    if all(n in have for n in needs):
                        commands.append(cmd)
                    else:
                        meta["notes"].append("%s left out: the server's COMMAND table has no %s yet" % (
                            cmd, "/".join(n for n in needs if n not in have)))
            else:
                commands = args.commands
            helped = subprocess.run([self.binary, "--help"], capture_output=True, text=True)
            help_text = helped.stdout + helped.stderr
            has_locking = "sqlite-locking" in help_text

            paths = args.paths
            if shutil.which("redis-server") is None:
                dropped = [p for p in paths if p in REDIS_PATHS]
                if dropped:
                    meta["notes"].append("redis-server is not on PATH: no Redis reference (%s)" % ", ".join(dropped))
                paths = [p for p in paths if p not in REDIS_PATHS]
            elif any(p in REDIS_PATHS for p in paths):
                meta["redis_version"] = redis_version()

            extras = []  # (label, path, flags, env)
            if not args.no_extras:
                extras.append(("rust/batch GOMAXPROCS=1", EXTRA_BASE, [], {"GOMAXPROCS": "1"}))
                extras.append(("rust/batch GOMAXPROCS=2", EXTRA_BASE, [], {"GOMAXPROCS": "2"}))
                if has_locking:
                    extras.append(("rust/batch --sqlite-locking exclusive", EXTRA_BASE,
                                   ["--sqlite-locking", "exclusive"], {}))
                else:
                    meta["notes"].append("bin/sqlettuce has no --sqlite-locking flag yet: "
                                         "the exclusive-locking extra was skipped")
                # appendfsync: what durability costs (the default is everysec).
                for mode in ("always", "no"):
                    extras.append(("rust/batch --appendfsync " + mode, EXTRA_BASE,
                                   ["--appendfsync", mode], {}))
                base_pairs = [(c, d) for c in EXTRA_COMMANDS for d in EXTRA_DEPTHS]
                # Its own baseline, run the same way (fresh server, same order), rather than the
                # main run's rust/batch numbers, whose server had already run more.
                extras.insert(0, ("rust/batch (default)", EXTRA_BASE, [], {}))

            main_pairs = [(c, d) for c in commands for d in args.depths]
            total = len(paths) * len(main_pairs) + len(extras) * len(EXTRA_COMMANDS) * len(EXTRA_DEPTHS)
            self.progress = Progress(total)
            for path in paths:
                self.run_path(path, path, main_pairs)
            extra_labels = []
            for label, path, flags, env in extras:
                self.run_path(label, path, base_pairs, flags, env)
                extra_labels.append(label)
            self.progress.finish()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

        meta["seconds"] = round(time.monotonic() - started, 1)
        meta["counter_fields"] = self.counter_keys
        meta["has_sqlite_locking"] = has_locking
        report = Report(meta, paths, commands, args.depths, self.results, self.path_info, extra_labels)
        os.makedirs(args.out, exist_ok=True)
        md = report.markdown()
        write(os.path.join(args.out, "results.md"), md)
        write(os.path.join(args.out, "results.csv"), report.csv())
        write(os.path.join(args.out, "throughput.svg"), render_svg(report))
        write(os.path.join(args.out, "results.json"), report.json())
        print(md)
        shown = os.path.relpath(args.out) if args.out.startswith(os.getcwd() + os.sep) else args.out
        print("wrote %s/{results.md,results.csv,results.json,throughput.svg}" % shown)
        failed = [k for k, r in self.results.items() if "error" in r]
        if failed:
            sys.stderr.write("%d of %d runs failed (see Notes in results.md)\n" % (len(failed), len(self.results)))
            return 1
        return 0


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def redis_version():
    try:
        out = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout
        m = re.search(r"v=(\S+)", out)
        return m.group(1) if m else out.strip()
    except OSError:
        return "?"


def machine_info():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(len(os.sched_getaffinity(0)))
    commit = "?"
    try:
        commit = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"],
                                capture_output=True, text=True).stdout.strip() or "?"
    except OSError:
        pass
    try:
        bench_version = subprocess.run(["redis-benchmark", "--version"], capture_output=True,
                                       text=True).stdout.strip()
    except OSError:
        bench_version = "?"
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": nproc,
        "cpu": cpu,
        "kernel": platform.release(),
        "commit": commit,
        "redis_benchmark": bench_version,
        "gomaxprocs_env": os.environ.get("GOMAXPROCS"),
    }


# ---------------------------------------------------------------- formatting


def fmt_rps(v):
    if v is None:
        return "—"
    if v >= 1e6:
        return "%.2fM" % (v / 1e6)
    if v >= 1e4:
        return "%.0fk" % (v / 1e3)
    if v >= 1e3:
        return "%.1fk" % (v / 1e3)
    return "%.0f" % v


def fmt_ms(v):
    return "—" if v is None else "%.3f" % v


def fmt_ratio(v):
    return "" if v is None else "%.2f×" % v


def fmt_bytes(n):
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return ("%d %s" if unit == "B" else "%.1f %s") % (n, unit)
        n /= 1024.0


def fmt_duration(s):
    s = int(round(s))
    return "%dm%02ds" % (s // 60, s % 60) if s >= 60 else "%ds" % s


def md_table(header, rows, align=None):
    align = align or ["---"] + ["--:"] * (len(header) - 1)
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in r) + " |" for r in rows]
    return "\n".join(out)


class Report:
    def __init__(self, meta, paths, commands, depths, results, path_info, extra_labels):
        self.meta, self.paths, self.commands, self.depths = meta, paths, commands, depths
        self.results, self.path_info, self.extra_labels = results, path_info, extra_labels

    def rps(self, path, cmd, depth):
        return self.results.get((path, cmd, depth), {}).get("rps")

    def p50(self, path, cmd, depth):
        return self.results.get((path, cmd, depth), {}).get("p50_ms")

    def ratio(self, path, cmd, depth, ref=REFERENCE):
        a, b = self.rps(path, cmd, depth), self.rps(ref, cmd, depth)
        return a / b if a and b else None

    def markdown(self):
        m = self.meta
        out = ["# sqlettuce benchmark", ""]
        out.append("redis-benchmark `-c %d -n %d -r %d --csv -t CMD -P DEPTH`, one fresh server per path "
                   "on a file database in a fresh temp dir, default durability. Redis: `--save ''` and "
                   "`--appendonly no` (`redis`) or `--appendonly yes --appendfsync everysec` "
                   "(`redis/aof`). Ratios are against `redis` from the same run." %
                   (m["clients"], m["requests"], m["random_keyspace"]))
        out += ["", "## Machine", ""]
        machine = [("date", m["date"]), ("nproc", m["nproc"]), ("CPU", m["cpu"]), ("kernel", m["kernel"]),
                   ("SQLite", m.get("sqlite_version", "?")), ("Redis", m.get("redis_version", "not run")),
                   ("redis-benchmark", m.get("redis_benchmark", "?")), ("sqlettuce commit", m.get("commit", "?")),
                   ("bin/sqlettuce", "built %s, sha256 %s…" % (m.get("binary_built", "?"), m.get("binary_sha256", "?"))),
                   ("run time", fmt_duration(m.get("seconds", 0)))]
        if m.get("gomaxprocs_env"):
            machine.append(("GOMAXPROCS (env)", m["gomaxprocs_env"]))
        out.append(md_table(["", ""], machine, ["---", "---"]))

        out += ["", "## Throughput and p50 latency", ""]
        out.append("Requests per second (and the ratio to `redis`), p50 latency in ms.")
        out.append("")
        header = ["command", "-P"]
        for p in self.paths:
            header += ["%s rps" % p, "%s p50" % p]
        rows = []
        for c in self.commands:
            for d in self.depths:
                row = [c, d]
                for p in self.paths:
                    r = self.results.get((p, c, d), {})
                    if "error" in r:
                        row += ["error", "—"]
                        continue
                    cell = fmt_rps(r.get("rps"))
                    ratio = self.ratio(p, c, d) if p != REFERENCE else None
                    if ratio is not None:
                        cell += " (%s)" % fmt_ratio(ratio)
                    row += [cell, fmt_ms(r.get("p50_ms"))]
                rows.append(row)
        out.append(md_table(header, rows))

        if "rust/batch" in self.paths and "rust/command" in self.paths:
            out += ["", "## Batch crossing ÷ per-command crossing", ""]
            out.append("rust/batch rps ÷ rust/command rps: what one cgo call per pipelined batch buys.")
            out.append("")
            rows = []
            for c in self.commands:
                rows.append([c] + [fmt_ratio(self.ratio("rust/batch", c, d, "rust/command")) or "—"
                                   for d in self.depths])
            out.append(md_table(["command"] + ["-P %d" % d for d in self.depths], rows))

        counters = self.counter_table()
        if counters:
            out += ["", "## Engine counters (INFO sqlettuce)", ""]
            out.append(counters)

        if self.extra_labels:
            out += ["", "## Settings (rust/batch)", ""]
            out.append(self.extras_table())

        out += ["", "## Per path", ""]
        rows = []
        for p in self.paths + self.extra_labels:
            pi = self.path_info.get(p, {})
            rows.append([p, "%.1f MiB" % (pi.get("peak_kb", 0) / 1024.0) if pi.get("peak_kb") else "—",
                         fmt_bytes(pi.get("disk_bytes", 0)), fmt_duration(pi.get("seconds", 0)),
                         "; ".join(pi.get("notes", [])) or ""])
        out.append(md_table(["path", "peak RSS", "files after stop", "time", "notes"], rows,
                            ["---", "--:", "--:", "--:", "---"]))

        order = {p: i for i, p in enumerate(self.paths + self.extra_labels)}
        cmd_order = {c: i for i, c in enumerate(KNOWN_COMMANDS)}
        ordered = sorted(self.results.items(), key=lambda kv: (
            order.get(kv[0][0], 99), cmd_order.get(kv[0][1], 99), kv[0][2]))
        errors = ["- %s %s -P %d: %s" % (k[0], k[1], k[2], r["error"]) for k, r in ordered if "error" in r]
        errors += ["- %s %s -P %d (stderr): %s" % (k[0], k[1], k[2], r["stderr"]) for k, r in ordered if "stderr" in r]
        notes = list(self.meta.get("notes", []))
        if notes or errors:
            out += ["", "## Notes", ""]
            out += ["- " + n for n in notes] + errors
        return "\n".join(out) + "\n"

    def counter_table(self):
        """Commands per crossing and per transaction, SQLite statements per command, per run."""
        keys = self.meta.get("counter_fields") or {}
        sq = [p for p in self.paths if p in SQLETTUCE_PATHS]
        if "command" not in keys or not sq:
            return ""
        # (column title, numerator, denominator)
        ratios = [("cmds/crossing", "command", "crossing"), ("cmds/tx", "command", "transaction"),
                  ("stmts/cmd", "statement", "command")]
        ratios = [r for r in ratios if r[1] in keys and r[2] in keys]

        def value(p, c, d, num, den):
            cnt = self.results.get((p, c, d), {}).get("counters") or {}
            n, k = cnt.get(num), cnt.get(den)
            return n / k if n and k else None

        # only the columns with a number in them: the Go engine has no crossings
        cols = [(p, r) for p in sq for r in ratios
                if any(value(p, c, d, r[1], r[2]) for c in self.commands for d in self.depths)]
        if not cols:
            return ""
        header = ["command", "-P"] + ["%s %s" % (p, r[0]) for p, r in cols]
        rows = []
        for c in self.commands:
            for d in self.depths:
                row = [c, d]
                for p, r in cols:
                    v = value(p, c, d, r[1], r[2])
                    row.append("—" if v is None else "%.1f" % v if v >= 10 else "%.2f" % v)
                rows.append(row)
        used = sorted({w for _, r in cols for w in r[1:]}, key=COUNTER_WORDS.index)
        text = ("From the deltas of INFO sqlettuce's `%s` over each run (a run's own INFO calls "
                "included): commands per crossing into Rust, per SQLite transaction, and SQLite "
                "statements per command." % "`, `".join(keys[w] for w in used))
        return text + "\n\n" + md_table(header, rows)

    def extras_table(self):
        base = "rust/batch (default)"
        others = [l for l in self.extra_labels if l != base]
        header = ["command", "-P", "default rps"] + ["%s" % l.replace("rust/batch ", "") for l in others]
        rows = []
        for c in EXTRA_COMMANDS:
            for d in EXTRA_DEPTHS:
                b = self.rps(base, c, d)
                row = [c, d, fmt_rps(b)]
                for l in others:
                    v = self.rps(l, c, d)
                    if v is None:
                        row.append("error" if "error" in self.results.get((l, c, d), {}) else "—")
                    elif b:
                        row.append("%s (%+.0f%%)" % (fmt_rps(v), (v / b - 1) * 100))
                    else:
                        row.append(fmt_rps(v))
                rows.append(row)
        text = ("rust/batch with GOMAXPROCS set in the server's environment%s; the change is against "
                "the default (%s), each a fresh server running SET then GET at -P 1 and 16." % (
                    ", with SQLite's exclusive locking mode and with --appendfsync always and no (the default "
                    "is everysec)" if self.meta.get("has_sqlite_locking") else "",
                    "no GOMAXPROCS: Go uses %s CPUs here" % self.meta.get("nproc", "?")
                    if not self.meta.get("gomaxprocs_env") else "GOMAXPROCS=%s" % self.meta["gomaxprocs_env"]))
        return text + "\n\n" + md_table(header, rows)

    def csv(self):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["path", "command", "depth", "rps", "p50_ms", "ratio", "avg_ms", "p99_ms", "error"])
        for p in self.paths + self.extra_labels:
            cmds = self.commands if p in self.paths else EXTRA_COMMANDS
            depths = self.depths if p in self.paths else EXTRA_DEPTHS
            for c in cmds:
                for d in depths:
                    r = self.results.get((p, c, d))
                    if r is None:
                        continue
                    ratio = self.ratio(p, c, d)
                    w.writerow([p, c, d, r.get("rps", ""), r.get("p50_ms", ""),
                                "" if ratio is None else "%.4f" % ratio, r.get("avg_ms", ""),
                                r.get("p99_ms", ""), r.get("error", "")])
        return buf.getvalue()

    def json(self):
        return json.dumps({
            "meta": self.meta, "paths": self.paths, "commands": self.commands, "depths": self.depths,
            "extras": self.extra_labels, "path_info": self.path_info,
            "results": [dict(path=k[0], command=k[1], depth=k[2], **v) for k, v in sorted(self.results.items())],
        }, indent=1, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- the chart


def _ladder(v, up):
    """The next value on the 1-2-5 ladder above (up) or below v."""
    e = math.floor(math.log10(v) + 1e-9)
    m = round(v / 10 ** e)
    if up:
        return {1: 2, 2: 5, 5: 10}[m] * 10 ** e
    return {1: 0.5, 2: 1, 5: 2}[m] * 10 ** e


def nice_log_range(lo, hi):
    """Widen [lo, hi] to values on the 1-2-5 ladder, at least a factor of 10 apart."""
    e = math.floor(math.log10(lo))
    a = max(s * 10 ** e for s in (1, 2, 5) if s * 10 ** e <= lo * 1.0001)
    e = math.floor(math.log10(hi))
    b = min(s * 10 ** e for s in (1, 2, 5, 10) if s * 10 ** e >= hi / 1.0001)
    up = True
    while b / a < 9.999:
        if up:
            b = _ladder(b, True)
        else:
            a = _ladder(a, False)
        up = not up
    return a, b


def log_ticks(lo, hi):
    """Major ticks (1-2-5) and minor ticks (the other integers) between lo and hi."""
    major, minor = [], []
    e = math.floor(math.log10(lo))
    while 10 ** e <= hi * 1.0001:
        for m in range(1, 10):
            v = m * 10 ** e
            if lo / 1.0001 <= v <= hi * 1.0001:
                (major if m in (1, 2, 5) else minor).append(v)
        e += 1
    if len(major) > 7:  # many decades: label decades and the two ends only
        decades = [v for v in major if round(v / 10 ** math.floor(math.log10(v))) == 1]
        keep = lambda v: v in decades or (v in (major[0], major[-1]) and
                                          min(abs(math.log10(v / t)) for t in decades) > 0.45)
        minor += [v for v in major if not keep(v)]
        major = [v for v in major if keep(v)]
    return major, minor


def fmt_tick(v):
    if v >= 1e6:
        return ("%gM" % (v / 1e6))
    if v >= 1e3:
        return ("%gk" % (v / 1e3))
    return "%g" % v


def marker(shape, x, y, colour):
    r = 3.6
    if shape == "circle":
        return '<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>' % (x, y, r, colour)
    if shape == "circle-open":
        return '<circle cx="%.1f" cy="%.1f" r="%.1f" fill="#fff" stroke="%s" stroke-width="1.6"/>' % (
            x, y, r - 0.4, colour)
    if shape == "square":
        return '<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>' % (
            x - r + 0.4, y - r + 0.4, 2 * r - 0.8, 2 * r - 0.8, colour)
    if shape == "square-open":
        return ('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#fff" stroke="%s" '
                'stroke-width="1.6"/>' % (x - r + 0.8, y - r + 0.8, 2 * r - 1.6, 2 * r - 1.6, colour))
    # diamond
    r += 0.8
    return '<path d="M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ" fill="%s"/>' % (
        x, y - r, x + r, y, x, y + r, x - r, y, colour)


PANEL_NOTES = {"MSET": "10 keys a request", "LRANGE_100": "first 100 elements", "LPUSH": "one list"}


def render_svg(report):
    paths, commands, depths = report.paths, report.commands, sorted(report.depths)
    values = [report.rps(p, c, d) for p in paths for c in commands for d in depths]
    values = [v for v in values if v]
    if not values:
        values = [1000, 10000]
    ylo, yhi = nice_log_range(min(values), max(values))
    major, minor = log_ticks(ylo, yhi)

    ncols = {5: 3, 6: 3}.get(len(commands), min(len(commands), 4))  # 5 or 6 panels: two rows of 3
    nrows = math.ceil(len(commands) / ncols)
    pw, ph = (250, 230) if ncols > 2 else (330, 250)  # panel size
    pad_l, pad_r, pad_t, pad_b = 46, 14, 28, 30  # plot area inside a panel
    gap = 14
    left = 44
    width = max(left + ncols * pw + (ncols - 1) * gap + 20, 760)

    # legend entries, wrapped to the width
    entries, x, row = [], left, 0
    for p in paths:
        label = p + {"redis": " (Redis, no persistence)", "redis/aof": " (Redis, AOF everysec)"}.get(p, "")
        w = 34 + int(6.8 * len(label)) + 24
        if x + w > width - 10 and x > left:
            x, row = left, row + 1
        entries.append((p, label, x, row))
        x += w
    legend_y = 94
    top = legend_y + 20 * (row + 1) + 10
    height = top + nrows * ph + (nrows - 1) * gap + 52

    m = report.meta
    font = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"'
    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" %s>' % (
        width, height, width, height, font)]
    svg.append('<rect width="100%" height="100%" fill="#ffffff"/>')
    svg.append('<text x="%d" y="28" font-size="18" font-weight="bold" fill="#111">'
               'sqlettuce: throughput against pipeline depth</text>' % left)
    sub1 = ("redis-benchmark -c %s -n %s -r %s, one line per path; a file database in a temp dir, "
            "default durability" % (m.get("clients"), m.get("requests"), m.get("random_keyspace")))
    sub2 = "%s CPUs (%s), Linux %s · %s" % (m.get("nproc", "?"), m.get("cpu", "?"), m.get("kernel", "?"),
                                           m.get("date", ""))
    svg.append('<text x="%d" y="49" font-size="12" fill="#444">%s</text>' % (left, html.escape(sub1)))
    svg.append('<text x="%d" y="66" font-size="12" fill="#666">%s</text>' % (left, html.escape(sub2)))

    for p, label, x, row in entries:
        colour, dash, shape = STYLE.get(p, ("#999", "", "circle"))
        y = legend_y + 20 * row
        svg.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2.2"%s/>' % (
            x, y, x + 28, y, colour, ' stroke-dasharray="%s"' % dash if dash else ""))
        svg.append(marker(shape, x + 14, y, colour))
        svg.append('<text x="%d" y="%d" font-size="12.5" fill="#222">%s</text>' % (
            x + 34, y + 4, html.escape(label)))

    xs = [math.log2(d) for d in depths]
    xlo, xhi = (xs[0] - 0.5, xs[-1] + 0.5) if len(xs) == 1 else (xs[0], xs[-1])

    for i, c in enumerate(commands):
        ox = left + (i % ncols) * (pw + gap)
        oy = top + (i // ncols) * (ph + gap)
        x0, x1 = ox + pad_l, ox + pw - pad_r
        y0, y1 = oy + pad_t, oy + ph - pad_b  # y0 top, y1 bottom
        xpos = lambda d: x0 + 8 + (math.log2(d) - xlo) / (xhi - xlo) * (x1 - x0 - 16)
        ypos = lambda v: y1 - (math.log10(v) - math.log10(ylo)) / (math.log10(yhi) - math.log10(ylo)) * (y1 - y0)
        svg.append('<g>')
        svg.append('<rect x="%d" y="%d" width="%d" height="%d" fill="#fafafa" stroke="#ccc"/>' % (
            x0, y0, x1 - x0, y1 - y0))
        svg.append('<text x="%d" y="%d" font-size="13.5" fill="#222"><tspan font-weight="bold">%s</tspan>'
                   '<tspan dx="7" font-size="11" fill="#777">%s</tspan></text>' % (
                       x0, oy + 18, html.escape(c), PANEL_NOTES.get(c, "")))
        for v in minor:
            y = ypos(v)
            svg.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eee"/>' % (x0, y, x1, y))
        for v in major:
            y = ypos(v)
            svg.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (x0, y, x1, y))
            svg.append('<text x="%d" y="%.1f" font-size="10.5" fill="#555" text-anchor="end">%s</text>' % (
                x0 - 5, y + 3.5, fmt_tick(v)))
        for d in depths:
            x = xpos(d)
            svg.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#e4e4e4"/>' % (x, y0, x, y1))
            svg.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#999"/>' % (x, y1, x, y1 + 4))
            svg.append('<text x="%.1f" y="%d" font-size="10.5" fill="#555" text-anchor="middle">%d</text>' % (
                x, y1 + 15, d))
        # the Redis references first, so sqlettuce's lines sit on top
        for p in sorted(paths, key=lambda p: p not in REDIS_PATHS):
            colour, dash, shape = STYLE.get(p, ("#999", "", "circle"))
            pts = [(xpos(d), ypos(report.rps(p, c, d)), d, report.rps(p, c, d)) if report.rps(p, c, d) else None
                   for d in depths]
            seg = []
            for pt in pts + [None]:  # a failed run breaks the line
                if pt:
                    seg.append(pt)
                    continue
                if len(seg) > 1:
                    svg.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s '
                               'stroke-linejoin="round"/>' % (
                                   " ".join("%.1f,%.1f" % (a, b) for a, b, _, _ in seg), colour,
                                   ' stroke-dasharray="%s"' % dash if dash else ""))
                seg = []
            for pt in pts:
                if pt:
                    svg.append('<g><title>%s %s -P %d: %s rps</title>%s</g>' % (
                        html.escape(p), html.escape(c), pt[2], fmt_rps(pt[3]), marker(shape, pt[0], pt[1], colour)))
        svg.append('</g>')

    # axis titles
    grid_w = ncols * pw + (ncols - 1) * gap
    grid_h = nrows * ph + (nrows - 1) * gap
    svg.append('<text x="%d" y="%d" font-size="12.5" fill="#333" text-anchor="middle">'
               'pipeline depth (redis-benchmark -P, log scale)</text>' % (left + grid_w / 2, top + grid_h + 6))
    cy = top + grid_h / 2
    svg.append('<text x="16" y="%d" font-size="12.5" fill="#333" text-anchor="middle" '
               'transform="rotate(-90 16 %d)">requests per second (log scale)</text>' % (cy, cy))
    svg.append('<text x="%d" y="%d" font-size="10.5" fill="#888">SQLite %s · Redis %s · sqlettuce %s</text>' % (
        left, height - 12, html.escape(str(m.get("sqlite_version", "?"))),
        html.escape(str(m.get("redis_version", "not run"))), html.escape(str(m.get("commit", "?")))))
    svg.append('</svg>')
    return "\n".join(svg) + "\n"


# ---------------------------------------------------------------- self-test


def self_test():
    import unittest
    import xml.etree.ElementTree as ET

    csv_lrange = ('"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms",'
                  '"p99_latency_ms","max_latency_ms"\n'
                  '"LPUSH (needed to benchmark LRANGE)","408163.28","0.345","0.104","0.311","0.567","1.663","2.695"\n'
                  '"LRANGE_100 (first 100 elements)","94339.62","1.849","0.200","1.263","4.991","6.679","8.135"\n')
    csv_mset = ('"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms",'
                '"p99_latency_ms","max_latency_ms"\n"MSET (10 keys)","97560.98","1.915","0.192","1.591",'
                '"3.903","4.871","6.359"\n')

    def canned(paths, commands, depths):
        results, base = {}, {"go": 0.2, "rust/command": 0.3, "rust/batch": 0.6, "redis": 1.0, "redis/aof": 0.8}
        for p in paths:
            for ci, c in enumerate(commands):
                for d in depths:
                    results[(p, c, d)] = {"rps": 40000 * base[p] * d ** 0.8 / (1 + ci), "p50_ms": 1.0 / base[p],
                                          "counters": {"command": 1000, "crossing": None if p == "go" else 1000 // d,
                                                       "transaction": 10, "statement": 1500}}
        return results

    class T(unittest.TestCase):
        def test_parse_lrange_picks_lrange_not_fill(self):
            rows = parse_benchmark_csv(csv_lrange)
            self.assertEqual(pick_row(rows, "LRANGE_100")["rps"], 94339.62)
            self.assertIsNone(pick_row(rows, "LPUSH"))
            self.assertEqual(pick_row(rows, "LRANGE_100")["p50_ms"], 1.263)

        def test_parse_mset(self):
            self.assertEqual(pick_row(parse_benchmark_csv(csv_mset), "MSET")["rps"], 97560.98)

        def test_parse_empty(self):
            self.assertIsNone(pick_row(parse_benchmark_csv(""), "SET"))

        def test_info_and_counters(self):
            sec = parse_info("# Sqlettuce\r\nengine:rust\r\ncrossing:batch\r\ncrossings:10\r\n"
                             "commands_total:40\r\ntransactions:5\r\ntransactions_rolled_back:1\r\n"
                             "sqlite_statements:80\r\ncommands_per_crossing:4.00\r\n")["sqlettuce"]
            self.assertEqual(counter_fields(sec), {"crossing": "crossings", "command": "commands_total",
                                                   "transaction": "transactions", "statement": "sqlite_statements"})
            self.assertEqual(counter_delta({"crossings": "4"}, sec), {"crossings": 6})

        def test_log_range(self):
            self.assertEqual(nice_log_range(3100, 870000), (2000, 1000000))
            a, b = nice_log_range(31000, 47000)
            self.assertTrue(b / a >= 10 and a <= 31000 and b >= 47000)
            major, _ = log_ticks(2000, 1000000)
            self.assertEqual(major[0], 2000)
            self.assertEqual(major[-1], 1000000)

        def test_report_and_svg(self):
            paths, commands, depths = ALL_PATHS, KNOWN_COMMANDS, DEFAULT_DEPTHS
            results = canned(paths, commands, depths)
            results[("go", "ZADD", 16)] = {"error": "redis-benchmark exit 1: boom"}
            labels = ["rust/batch (default)", "rust/batch GOMAXPROCS=1", "rust/batch GOMAXPROCS=2"]
            for l in labels:
                for c in EXTRA_COMMANDS:
                    for d in EXTRA_DEPTHS:
                        results[(l, c, d)] = {"rps": results[("rust/batch", c, d)]["rps"] *
                                              (1 if "default" in l else 0.9), "p50_ms": 1}
            meta = dict(machine_info(), clients=50, requests=200000, random_keyspace=RANDOM_KEYSPACE,
                        sqlite_version="3.x", notes=["a note"], seconds=61,
                        counter_fields={"command": "commands", "crossing": "crossings", "transaction": "transactions",
                                        "statement": "sqlite_statements"})
            r = Report(meta, paths, commands, depths, results, {"go": {"peak_kb": 20480, "notes": []}}, labels)
            md = r.markdown()
            self.assertIn("| SET | 16 |", md)
            self.assertIn("(0.60×)", md)  # rust/batch against redis
            self.assertIn("2.00×", md)  # rust/batch ÷ rust/command
            self.assertIn("GOMAXPROCS=1", md)
            self.assertIn("(-10%)", md)
            self.assertIn("rust/batch cmds/crossing", md)
            self.assertNotIn("go cmds/crossing", md)
            self.assertIn("go stmts/cmd", md)
            self.assertIn("go ZADD -P 16: redis-benchmark exit 1: boom", md)
            rows = list(csv.DictReader(io.StringIO(r.csv())))
            self.assertEqual(len(rows), len(paths) * len(commands) * len(depths) + 12)
            row = [x for x in rows if x["path"] == "rust/batch" and x["command"] == "SET" and x["depth"] == "1"][0]
            self.assertEqual(row["ratio"], "0.6000")
            svg = render_svg(r)
            root = ET.fromstring(svg)  # well-formed
            self.assertTrue(root.tag.endswith("svg"))
            self.assertEqual(svg.count("<polyline"), len(paths) * len(commands) + 1)  # one line broken in two
            json.loads(r.json())
            # two commands, one depth: still a valid chart
            r2 = Report(meta, ["rust/batch"], ["SET", "GET"], [16], canned(["rust/batch"], ["SET", "GET"], [16]),
                        {}, [])
            ET.fromstring(render_svg(r2))
            self.assertIn("| GET | 16 |", r2.markdown())

    suite = unittest.defaultTestLoader.loadTestsFromTestCase(T)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    return 0 if result.wasSuccessful() else 1


# ---------------------------------------------------------------- command line


def csv_list(conv):
    return lambda s: [conv(x.strip()) for x in s.split(",") if x.strip()]


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="bench/run.py", description="Benchmark every sqlettuce path against Redis with redis-benchmark.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="paths: %s\ncommands: %s\n\n%s" % (", ".join(ALL_PATHS), ", ".join(KNOWN_COMMANDS), "\n".join(
            ["--quick: --requests 20000 --depths 1,16 --commands set,get, --out bench/results/quick"])))
    ap.add_argument("--commands", type=csv_list(str.upper),
                    help="comma-separated (default: SET,GET,INCR,MSET, plus LPUSH,HSET,ZADD,LRANGE_100 "
                         "once the server has them)")
    ap.add_argument("--depths", type=csv_list(int), help="pipeline depths (default 1,4,16,64,256)")
    ap.add_argument("--clients", type=int, default=50, help="redis-benchmark -c (default 50)")
    ap.add_argument("--requests", type=int, help="redis-benchmark -n (default 200000)")
    ap.add_argument("--paths", type=csv_list(str.lower), default=ALL_PATHS,
                    help="comma-separated (default: all; the Redis ones when redis-server is on PATH)")
    ap.add_argument("--quick", action="store_true", help="a smoke run, well under a minute")
    ap.add_argument("--no-extras", action="store_true", help="skip the GOMAXPROCS, locking-mode and appendfsync runs")
    ap.add_argument("--out", help="output directory (default bench/results/)")
    ap.add_argument("--bin", default=os.path.join(REPO, "bin", "sqlettuce"), help="the server binary")
    ap.add_argument("--timeout", type=int, help="seconds one redis-benchmark run may take "
                                                "(default 60 + requests/1000)")
    ap.add_argument("--self-test", action="store_true", help="test parsing, tables and chart on canned numbers")
    args = ap.parse_args(argv)
    if args.self_test:
        return args
    if args.quick:
        args.requests = args.requests or 20000
        args.depths = args.depths or [1, 16]
        args.commands = args.commands or ["SET", "GET"]
        args.out = args.out or os.path.join(REPO, "bench", "results", "quick")
    args.requests = args.requests or 200000
    args.depths = args.depths or list(DEFAULT_DEPTHS)
    args.out = os.path.abspath(args.out or os.path.join(REPO, "bench", "results"))
    args.timeout = args.timeout or 60 + args.requests // 1000
    bad = [p for p in args.paths if p not in ALL_PATHS]
    if bad:
        ap.error("unknown path %s (known: %s)" % (", ".join(bad), ", ".join(ALL_PATHS)))
    args.paths = [p for p in ALL_PATHS if p in args.paths]
    if args.commands:
        bad = [c for c in args.commands if c not in KNOWN_COMMANDS]
        if bad:
            ap.error("unknown command %s (known: %s)" % (", ".join(bad), ", ".join(KNOWN_COMMANDS)))
    if any(d < 1 for d in args.depths):
        ap.error("depths must be 1 or more")
    if not os.access(args.bin, os.X_OK):
        ap.error("%s is not built: run `just build` (or use `just bench`)" % args.bin)
    if shutil.which("redis-benchmark") is None:
        ap.error("redis-benchmark is not on PATH (Debian: apt-get install redis-tools)")
    return args


def main(argv):
    args = parse_args(argv)
    if args.self_test:
        return self_test()
    try:
        return Bench(args).main()
    except RuntimeError as e:  # the probe server did not start, no free port
        sys.stderr.write("bench: %s\n" % e)
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
