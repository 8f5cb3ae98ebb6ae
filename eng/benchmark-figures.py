#!/usr/bin/env python3
"""Writes the speed figures of README.md and docs/performance.md from one BenchmarkDotNet run.

Usage: eng/benchmark-figures.py ARTIFACTS_DIR [--job-note TEXT]
Reads every *-report-full-compressed.json under ARTIFACTS_DIR/results and replaces the text between
<!-- figures:NAME:begin --> and <!-- figures:NAME:end --> in README.md and docs/performance.md.
Run through eng/benchmark-figures.sh, which runs the benchmarks first.
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(artifacts):
    runs = {}
    env = None
    files = sorted(glob.glob(os.path.join(artifacts, "results", "*-report-full-compressed.json")))
    if not files:
        sys.exit(f"no *-report-full-compressed.json under {artifacts}/results: did the benchmarks run?")
    for path in files:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        env = env or report.get("HostEnvironmentInfo", {})
        for b in report["Benchmarks"]:
            stats = b.get("Statistics") or {}
            if "Mean" not in stats:
                continue
            key = (b["Type"], b["Method"], b.get("Parameters") or "")
            runs[key] = {
                "title": (b.get("MethodTitle") or b["Method"]).strip("'"),
                "mean": stats["Mean"],
                "alloc": (b.get("Memory") or {}).get("BytesAllocatedPerOperation"),
                "cpu": next((m["Value"] for m in b.get("Metrics") or [] if m["Descriptor"]["Id"] == "CpuTime"), None),
            }
    return runs, env


def time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:,.2f} {unit}" if ns / scale < 100 else f"{ns / scale:,.1f} {unit}"
    return f"{ns:,.2f} ns"


def size(b):
    if b is None:
        return "?"
    if b == 0:
        return "-"
    return f"{b:,.0f} B" if b < 10_000 else f"{b / 1024:,.1f} KB"


def param(p, name):
    m = re.search(rf"{name}=([0-9]+)", p)
    return int(m.group(1)) if m else None


class Missing(Exception):
    pass


def pick(runs, type_, method, params=""):
    r = runs.get((type_, method, params))
    if r is None:
        raise Missing(f"{type_}.{method} {params}")
    return r


def table(runs, type_, methods, reference):
    """One row per method; the ratio column compares each with the reference in the same run ('-' without one)."""
    ref = pick(runs, type_, reference) if reference else None
    lines = ["| Method | Mean | Allocated | Ratio to the reference |", "|---|---:|---:|---:|"]
    for m in methods:
        r = pick(runs, type_, m)
        ratio = f"{r['mean'] / ref['mean']:.2f}" if ref else "-"
        lines.append(f"| {r['title']} | {time(r['mean'])} | {size(r['alloc'])} | {ratio} |")
    return lines


def comparison(runs):
    t = "DefaultSetupVsHealthChecksBenchmarks"
    lines = [
        "| plugins | collection only | default setup | Microsoft `CheckHealthAsync` | default ÷ Microsoft | CPU: default / Microsoft | allocated: default / Microsoft |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in (10, 100, 1_000, 10_000):
        p = f"Plugins={n}"
        c, d, m = (pick(runs, t, x, p) for x in ("CollectionOnly", "DefaultSetup", "MicrosoftHealthChecks"))
        cpu = f"{time(d['cpu'])} / {time(m['cpu'])} ({d['cpu'] / m['cpu']:.2f}×)" if d["cpu"] and m["cpu"] else "?"
        lines.append(
            f"| {n:,} | {time(c['mean'])} | {time(d['mean'])} | {time(m['mean'])} | {d['mean'] / m['mean']:.2f}× | {cpu} | {size(d['alloc'])} / {size(m['alloc'])} |")
    d100 = pick(runs, t, "DefaultSetup", "Plugins=100")["mean"]
    d10k = pick(runs, t, "DefaultSetup", "Plugins=10000")["mean"]
    lines += [
        "",
        "Per plugin per cycle. The columns of times are Mean (wall time); CPU is the processor time of every",
        "thread of the benchmark process per plugin-check over the actual iterations (`CpuTimeDiagnoser`).",
        f"The default setup's wall time per plugin at 10,000 plugins is {d10k / d100:.2f}× its cost at 100.",
    ]
    return lines


def store_insert(runs):
    t = "StoreInsertBenchmarks"
    lines = table(runs, t, ["BareAdoNetInsert", "BareCApiInsert", "StoreAppendAndFlush"], "BareAdoNetInsert")
    bare = pick(runs, t, "BareAdoNetInsert")["mean"]
    floor = pick(runs, t, "BareCApiInsert")["mean"]
    store = pick(runs, t, "StoreAppendAndFlush")
    lines += ["", f"Through the store: {1e9 / store['mean']:,.0f} rows/s, {100 * bare / store['mean']:.0f} % of the bare ADO.NET rate "
                  f"and {100 * floor / store['mean']:.0f} % of the C-API floor, {size(store['alloc'])} allocated per row."]
    return lines


def readme(runs):
    t = "DefaultSetupVsHealthChecksBenchmarks"
    p = "Plugins=1000"
    d, m, c = (pick(runs, t, x, p) for x in ("DefaultSetup", "MicrosoftHealthChecks", "CollectionOnly"))
    rec = pick(runs, "TelemetryRecordBenchmarks", "ZepixRecordExecution")
    store = pick(runs, "StoreInsertBenchmarks", "StoreAppendAndFlush")
    bare = pick(runs, "StoreInsertBenchmarks", "BareAdoNetInsert")
    return [
        "| figure | what it measures | value |",
        "|---|---|---:|",
        f"| `PluginTelemetry.RecordExecution(TimeSpan)` | one call on a plugin's hot path, one thread | {time(rec['mean'])}, {size(rec['alloc'])} |",
        f"| one cycle, default setup | `AddPluginHealthMonitoring` as it comes (rules, anomaly detection, alert lifecycle, in-memory store), 1,000 plugins answering at once, per plugin | {time(d['mean'])}, {size(d['alloc'])} |",
        f"| one cycle, collection only | the same 1,000 plugins through `PluginHealthMonitor` with no rules, detectors or store, per plugin | {time(c['mean'])}, {size(c['alloc'])} |",
        f"| Microsoft `HealthCheckService.CheckHealthAsync` (reference) | the same 1,000 plugins as health checks with a 5 s timeout each, per check | {time(m['mean'])}, {size(m['alloc'])} |",
        f"| SQLite store writes | `AppendSnapshotsAsync` per cycle of 100 + flush, on a file of 3 million rows, per row | {1e9 / store['mean']:,.0f} rows/s ({100 * bare['mean'] / store['mean']:.0f} % of a bare prepared ADO.NET `INSERT`), {size(store['alloc'])} |",
    ]


def machine(env, job_note):
    cpu = env.get("ProcessorName", "?").strip()
    cores = env.get("LogicalCoreCount", "?")
    runtime = env.get("RuntimeVersion", "?")
    os_ = env.get("OsVersion", "?")
    return [f"Measured by `eng/benchmark-figures.sh`{job_note} on {cpu}, {cores} logical cores, {os_}, {runtime}, "
            "BenchmarkDotNet in Release, each benchmark beside its reference in the same run."]


SECTIONS = {
    "machine": None,
    "readme": readme,
    "comparison": comparison,
    "collect-once": lambda r: table(r, "CollectOnceBenchmarks", ["DirectCalls", "CollectInline", "CollectOnWorkers", "CollectOnce"], "DirectCalls"),
    "telemetry": lambda r: table(r, "TelemetryRecordBenchmarks", [
        "ZepixRecordExecution", "ZepixRecordSignal", "ZepixRecordOperation", "ZepixMeasureExecution", "TwoClockReads",
        "HdrRecordValue", "OpenTelemetryRecord", "PrometheusObserve"], "PrometheusObserve"),
    "resources": lambda r: table(r, "MeasureExecutionCpuBenchmarks", ["EmptyScope", "TrackingOff", "TrackingOn"], None)
    + table(r, "ProcessSampleBenchmarks", ["Sample", "ProcessClass"], "ProcessClass")[2:],
    "alert-evaluation": lambda r: table(r, "AlertEvaluationBenchmarks", ["RulesOnly", "RulesAndAnomalies", "Incident"], "RulesOnly"),
    "store-insert": store_insert,
}


def replace(path, name, lines):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    pattern = re.compile(rf"(<!-- figures:{re.escape(name)}:begin -->\n).*?(<!-- figures:{re.escape(name)}:end -->)", re.S)
    if not pattern.search(text):
        return False
    # Blank lines around the content, so that Markdown ends the table before the closing marker.
    text = pattern.sub(lambda m: m.group(1) + "\n" + "\n".join(lines) + "\n\n" + m.group(2), text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return True


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    artifacts = args[0]
    job_note = ""
    if "--job-note" in args:
        job_note = args[args.index("--job-note") + 1]
    runs, env = load(artifacts)
    failed = False
    for name, build in SECTIONS.items():
        try:
            lines = machine(env, job_note) if build is None else build(runs)
        except (Missing, IndexError) as e:
            print(f"figures:{name}: not in this run ({e}); left as it was", file=sys.stderr)
            failed = True
            continue
        written = [p for p in ("README.md", "docs/performance.md") if replace(os.path.join(ROOT, p), name, lines)]
        print(f"figures:{name}: {', '.join(written) or 'no marker found'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
