using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// Turns this test assembly into a small bot host for the kill -9 test: <c>dotnet ZepixHealth.Monitoring.Tests.dll</c>
/// with <see cref="DatabaseVariable"/> set runs the real hosted monitor, SQLite store and dispatcher over
/// <see cref="Plugins"/> plugins every <see cref="CollectionIntervalMs"/> until it is killed, and prints a line per cycle and what its sinks receive.
/// Run 1: plugins 0–19 are dead and the "outbox" sink fails every call. Run 2 (<see cref="RunVariable"/> = 2):
/// plugins 0–9 are alive again and every sink works.
/// </summary>
internal static class KillHelper
{
    public const string DatabaseVariable = "ZEPIX_KILL9_HELPER_DB";
    public const string RunVariable = "ZEPIX_KILL9_HELPER_RUN";
    public const int Plugins = 1000;
    public const int DeadInRun1 = 20;
    public const int RecoveredInRun2 = 10;
    public const int CollectionIntervalMs = 100;

#pragma warning disable CA2255 // Deliberate: the test assembly doubles as the child process of the kill -9 test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunWhenLaunchedAsHelper()
    {
        var path = Environment.GetEnvironmentVariable(DatabaseVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        // As in StoreCrashHelper: a foreground thread, so that the initializer itself returns.
        var run = Environment.GetEnvironmentVariable(RunVariable) == "2" ? 2 : 1;
        new Thread(() => RunUntilKilledAsync(path, run).GetAwaiter().GetResult()) { IsBackground = false }.Start();
    }

    private static async Task RunUntilKilledAsync(string path, int run)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        for (var i = 0; i < Plugins; i++)
        {
            var dead = run == 1 ? i < DeadInRun1 : i is >= RecoveredInRun2 and < DeadInRun1;
            builder.Services.AddSingleton<IHealthCheckablePlugin>(new KillHelperPlugin($"bot-plugin-{i:D3}", dead));
        }

        builder.Services.AddSingleton(new KillHelperSinkSettings(FailOutbox: run == 1));
        builder.Services
            .AddPluginHealthMonitoring(o =>
            {
                // Cycles close together give the writer a transaction to start soon after the test holds its
                // read lock; the timeout is long enough that a plugin answering at once is never reported
                // Hung because a loaded machine was slow to run its call.
                o.CollectionInterval = TimeSpan.FromMilliseconds(CollectionIntervalMs);
                o.CheckTimeout = TimeSpan.FromMilliseconds(CollectionIntervalMs);
                o.Host.Enabled = false;
                o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(100);
                o.DeliveryMaxRetryDelay = TimeSpan.FromMilliseconds(500);
                o.DeliveryMaxAttempts = 100;
            })
            .UseSqliteStore($"Data Source={path}")
            .AddAlertSink<KillHelperOkSink>()
            .AddAlertSink<KillHelperOutboxSink>()
            .AddObserver<KillHelperCycleReporter>();

        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine($"started run {run}");
        await Task.Delay(Timeout.Infinite);
    }
}
