using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Benchmarks.Plugins;
using ZepixHealth.Monitoring.Benchmarks.Storage;

namespace ZepixHealth.Monitoring.Benchmarks.Dashboard;

/// <summary>
/// The web dashboard as an operator's browser gets it, over real HTTP on 127.0.0.1, from a host whose
/// SQLite store holds 200 plugins × 7 days at 30 s (4,032,000 rows): the overview page, one plugin's
/// page with its 7-day charts, and the 7-day history API. The clock stands at the end of the stored
/// week, so every range is full; the host watches the same 200 plugins and has run one cycle (the
/// overview shows the monitor's latest cycle, the charts come from the store). Reference in the same run: the store's latest-per-plugin query alone.
/// Targets: the overview in ≤ 200 ms, a plugin's 7-day history in ≤ 50 ms.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
[MemoryDiagnoser]
public class DashboardHttpBenchmarks
{
    private WebApplication? _app;
    private HttpClient? _client;
    private IHealthStore? _store;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkHistoryFile.EnsureBuilt();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var time = new FakeTimeProvider(BenchmarkSnapshots.Start.AddDays(7));
        builder.Services.AddSingleton<TimeProvider>(time);
        for (var plugin = 0; plugin < BenchmarkHistoryFile.Plugins; plugin++)
        {
            builder.Services.AddSingleton<IHealthCheckablePlugin>(new ConstantPlugin(BenchmarkHistoryFile.PluginId(plugin), time));
        }

        builder.Services.AddAuthorization();
        builder.Services.AddPluginHealthMonitoring().UseSqliteStore(o =>
        {
            o.ConnectionString = $"Data Source={BenchmarkHistoryFile.FilePath}";
            o.SnapshotRetention = TimeSpan.FromDays(3650);
        });
        builder.Services.AddPluginHealthDashboard();
        _app = builder.Build();
        _app.MapPluginHealthDashboard("/health");
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
        _store = _app.Services.GetRequiredService<IHealthStore>();

        // The overview shows the monitor's latest cycle: run one, so it holds the 200 plugins.
        _app.Services.GetRequiredService<PluginHealthMonitor>().CollectOnceAsync().AsTask().GetAwaiter().GetResult();
        ThrowUnlessContains("/health", BenchmarkHistoryFile.PluginId(BenchmarkHistoryFile.Plugins - 1));
        ThrowUnlessContains($"/health/api/plugins/{BenchmarkHistoryFile.Plugin}/history?range=7d", "\"p95Ms\"");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _app?.StopAsync().GetAwaiter().GetResult();
        (_app as IDisposable)?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "(reference) store: GetLatestSnapshotsAsync, 200 plugins")]
    public async Task<int> LatestFromStore() => (await _store!.GetLatestSnapshotsAsync()).Count;

    [Benchmark(Description = "GET /health: overview page, 200 plugins")]
    public Task<int> OverviewPage() => GetAsync("/health");

    [Benchmark(Description = "GET /health/api/plugins/{id}/history?range=7d")]
    public Task<int> HistoryApi7Days() => GetAsync($"/health/api/plugins/{BenchmarkHistoryFile.Plugin}/history?range=7d");

    [Benchmark(Description = "GET /health/plugins/{id}?range=7d: plugin page with 7-day charts")]
    public Task<int> PluginPage7Days() => GetAsync($"/health/plugins/{BenchmarkHistoryFile.Plugin}?range=7d");

    // A page that rendered nothing would be fast for the wrong reason.
    private void ThrowUnlessContains(string path, string expected)
    {
        var body = _client!.GetStringAsync(path).GetAwaiter().GetResult();
        if (!body.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET {path} did not contain '{expected}': {body[..Math.Min(body.Length, 300)]}");
        }
    }

    private async Task<int> GetAsync(string path)
    {
        using var response = await _client!.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }
}
