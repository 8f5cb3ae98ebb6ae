using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Soak;

// Soak: N plugins watched every second for a given time, on a real SQLite file, through the real
// hosted services. Prints CPU, memory, cycle durations, rows and file size. See benchmarks/soak/run.sh.
const int CheckTimeoutMs = 500;
var plugins = Arg("--plugins", 500);
var seconds = Arg("--seconds", 600);
var database = ArgText("--db") ?? Path.Combine(Path.GetTempPath(), $"zepix-soak-{Environment.ProcessId}.db");
foreach (var stale in new[] { database, database + "-wal", database + "-shm" })
{
    File.Delete(stale);
}

var timings = new CycleTimings();
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.ClearProviders();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter<CycleTimings>("ZepixHealth.Monitoring.PluginHealthMonitor", LogLevel.Debug);
builder.Logging.AddProvider(timings);

var soakPlugins = Enumerable.Range(0, plugins).Select(i => new SoakPlugin($"soak-plugin-{i:D3}", i)).ToArray();
foreach (var plugin in soakPlugins)
{
    builder.Services.AddSingleton<IHealthCheckablePlugin>(plugin);
}

builder.Services
    .AddPluginHealthMonitoring(o =>
    {
        o.CollectionInterval = TimeSpan.FromSeconds(1);
        o.CheckTimeout = TimeSpan.FromMilliseconds(CheckTimeoutMs);
    })
    .UseSqliteStore($"Data Source={database}");

using var host = builder.Build();
var process = Process.GetCurrentProcess();
var cpuAtStart = process.TotalProcessorTime;
var wall = Stopwatch.StartNew();
await host.StartAsync();

// The plugins' own work: every 100 ms each records an execution and a heartbeat; one in 50 dies,
// hangs or recovers every 30 s, so alerts fire, resolve and pass through the outbox.
var peakWorkingSet = 0L;
var peakManaged = 0L;
var random = new Random(9);
var tick = 0;
using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100)))
{
    while (wall.Elapsed < TimeSpan.FromSeconds(seconds) && await timer.WaitForNextTickAsync())
    {
        tick++;
        foreach (var plugin in soakPlugins)
        {
            plugin.Telemetry.RecordExecution(TimeSpan.FromMilliseconds(5 + random.Next(20)));
            plugin.Telemetry.Heartbeat();
        }

        if (tick % 300 == 0)
        {
            foreach (var plugin in soakPlugins.Where(p => p.Index % SoakPlugin.MisbehaveEvery == 0))
            {
                plugin.SetMode((tick / 300 + plugin.Index) % 3);
            }
        }

        if (tick % 10 == 0)
        {
            process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
        }
    }
}

var managedAtEnd = GC.GetTotalMemory(forceFullCollection: true);
foreach (var plugin in soakPlugins)
{
    plugin.SetMode(0);
}

await host.StopAsync();
wall.Stop();
process.Refresh();
var cpu = process.TotalProcessorTime - cpuAtStart;

long rows;
long alerts;
long deliveries;
using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
{
    connection.Open();
    rows = Scalar(connection, "SELECT count(*) FROM plugin_health_snapshots");
    alerts = Scalar(connection, "SELECT count(*) FROM health_alerts");
    deliveries = Scalar(connection, "SELECT count(*) FROM health_alert_deliveries");
}

var fileBytes = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
var cycles = timings.ElapsedMs.Order().ToArray();
var ownWork = cycles.Where(c => c < CheckTimeoutMs).ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    soak: {plugins} plugins (+ host row), interval 1 s, {wall.Elapsed.TotalSeconds:0} s wall, {Environment.ProcessorCount} cores
    cpu: {cpu.TotalSeconds:0.0} s = {100 * cpu.TotalSeconds / wall.Elapsed.TotalSeconds:0.0} % of one core ({100 * cpu.TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount:0.00} % of the machine)
    memory: peak working set {peakWorkingSet / 1048576.0:0.0} MB (OS peak {process.PeakWorkingSet64 / 1048576.0:0.0} MB), peak managed heap {peakManaged / 1048576.0:0.0} MB (live after a full GC at the end: {managedAtEnd / 1048576.0:0.0} MB)
    cycles: {cycles.Length}, duration P50 {Percentile(cycles, 0.50):0.0} ms, P99 {Percentile(cycles, 0.99):0.0} ms, max {(cycles.Length == 0 ? 0 : cycles[^1]):0.0} ms; {cycles.Count(c => c >= CheckTimeoutMs)} cycles waited for a check timeout ({CheckTimeoutMs} ms); the other {ownWork.Length}: P50 {Percentile(ownWork, 0.50):0.0} ms, P99 {Percentile(ownWork, 0.99):0.0} ms
    store: {rows} snapshot rows, {alerts} alerts, {deliveries} outbox rows; file {fileBytes / 1048576.0:0.0} MB (db + wal) at {database}
    """));
return 0;

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static long Scalar(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return (long)command.ExecuteScalar()!;
}

int Arg(string name, int fallback) =>
    ArgText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
