using Microsoft.Extensions.Hosting;

namespace ZepixHealth.Monitoring.Sample;

/// <summary>Feeds market ticks to the simulated plugins, as the bot's event loop would.</summary>
internal sealed class MarketSimulator(IEnumerable<SimulatedPlugin> plugins, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var all = plugins.ToArray();
        using var timer = new PeriodicTimer(TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var plugin in all)
                {
                    plugin.OnTick();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
