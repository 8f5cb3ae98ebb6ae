using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Runs <see cref="PluginHealthMonitor.CollectOnceAsync"/> at start and then every
/// <see cref="PluginHealthOptions.CollectionInterval"/>. A cycle that outlasts the interval delays the
/// next one (cycles never overlap); a cycle that fails is logged and the next one still runs.
/// </summary>
internal sealed partial class PluginHealthMonitorService(
    PluginHealthMonitor monitor,
    IOptions<PluginHealthOptions> options,
    TimeProvider timeProvider,
    ILogger<PluginHealthMonitorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CollectionInterval;
        Log.Started(logger, interval.TotalSeconds);

        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await monitor.CollectOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    Log.CycleFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }

        Log.Stopped(logger);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Plugin health monitoring started; a cycle every {IntervalSeconds} s")]
        public static partial void Started(ILogger logger, double intervalSeconds);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "A plugin health cycle failed; the next one runs as planned")]
        public static partial void CycleFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Plugin health monitoring stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
