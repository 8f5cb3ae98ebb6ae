// The package consumer test (.ci/run): a console program that installs ZepixHealth.Monitoring, its
// Telegram package and its health-check bridge as packages from a local folder, as a user would, and
// runs one real cycle. It prints one "consumer:" line per snapshot and one for the health report.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ZepixHealth.Monitoring;

var services = new ServiceCollection();
services.AddLogging();
services.AddSingleton<IHealthCheckablePlugin>(new ConsumerPlugin("v3-combined"));
services.AddPluginHealthMonitoring(o => o.CollectionInterval = TimeSpan.FromSeconds(30))
    .AddTelegramAlerts(o =>
    {
        o.BotToken = "123456:consumer-test-token-never-used";
        o.ChatIds.Add(1);
    });
services.AddHealthChecks().AddPluginHealthChecks();

await using var provider = services.BuildServiceProvider();
var snapshots = await provider.GetRequiredService<PluginHealthMonitor>().CollectOnceAsync();
foreach (var snapshot in snapshots)
{
    Console.WriteLine($"consumer: snapshot {snapshot.PluginId} {snapshot.Availability.Status} p95={snapshot.Performance.P95ExecutionTimeMs?.ToString("0.0") ?? "n/a"} ms");
}

var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
Console.WriteLine($"consumer: health {report.Status} ({string.Join(", ", report.Entries.Keys)})");
return snapshots.Any(s => s.PluginId == "v3-combined" && s.Availability.Status == PluginHealthStatus.Healthy) ? 0 : 1;

internal sealed class ConsumerPlugin : HealthCheckablePluginBase
{
    public ConsumerPlugin(string id)
        : base(id)
    {
        Telemetry.RecordExecution(TimeSpan.FromMilliseconds(12));
        Telemetry.RecordSignal();
    }
}
