using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Memory;

/// <summary>
/// The memory run: N plugins under the default setup of <c>AddPluginHealthMonitoring</c> (rules,
/// anomaly detection, alert lifecycle, in-memory store), one cycle every 30 simulated seconds on a
/// <see cref="FakeTimeProvider"/>, and the managed heap after a forced, compacting collection at
/// chosen hours. Run: <c>dotnet run -c Release --project benchmarks/ZepixHealth.Monitoring.Benchmarks -- memory [plugins] [hours]</c>.
/// </summary>
internal static class MemoryRun
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var pluginCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var hours = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 36;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var plugins = Enumerable.Range(0, pluginCount).Select(i => new MemoryRunPlugin($"plugin-{i:D5}", i, time)).ToArray();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        foreach (var plugin in plugins)
        {
            services.AddSingleton<IHealthCheckablePlugin>(plugin);
        }

        services.AddPluginHealthMonitoring(_ => { });
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<PluginHealthMonitor>();

        var baseline = HeapMb();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory run: {pluginCount} plugins, default setup (in-memory store), a cycle every {Interval.TotalSeconds:0} s of fake time, {hours} h; heap before the first cycle {baseline:0.0} MB"));
        Console.WriteLine("hour  cycles  heap after full GC (MB)  per plugin (KB)");
        var cyclesPerHour = (int)(TimeSpan.FromHours(1) / Interval);
        var reportAt = new HashSet<int> { 1, 2, 6, 12, 18, 24, 30, 36, 48, 72 };
        var cycle = 0;
        for (var hour = 1; hour <= hours; hour++)
        {
            for (var i = 0; i < cyclesPerHour; i++, cycle++)
            {
                foreach (var plugin in plugins)
                {
                    plugin.Work(cycle);
                }

                await monitor.CollectOnceAsync();
                time.Advance(Interval);
            }

            if (reportAt.Contains(hour) || hour == hours)
            {
                var heap = HeapMb();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{hour,4}  {cycle,6}  {heap,23:0.0}  {(heap - baseline) * 1024 / pluginCount,15:0.0}"));
            }
        }

        GC.KeepAlive(plugins);
        return 0;
    }

    private static double HeapMb()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
    }
}
