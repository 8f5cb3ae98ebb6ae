using Microsoft.Extensions.Hosting;

namespace ZepixHealth.Monitoring.Sample;

/// <summary>Stops the host after <c>--duration</c> seconds (used by CI's smoke test).</summary>
internal sealed class DurationLimit(TimeSpan duration, IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(duration, time, stoppingToken);
            lifetime.StopApplication();
        }
        catch (OperationCanceledException)
        {
            // Stopped by Ctrl+C first.
        }
    }
}
