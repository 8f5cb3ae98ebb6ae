using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.Alertmanager;

/// <summary>
/// Posts the open alerts again every <see cref="AlertmanagerSinkOptions.RepostInterval"/>, so that
/// Alertmanager keeps them active for as long as they fire here (and an Alertmanager that restarted
/// learns them again). Only alerts already announced are reposted; a failed repost is logged and
/// tried again at the next interval.
/// </summary>
internal sealed partial class AlertmanagerRepostService(
    IHealthStore store,
    AlertmanagerClient client,
    AlertmanagerAlertMapper mapper,
    AlertmanagerSinkOptions options,
    TimeProvider timeProvider,
    ILogger<AlertmanagerRepostService> logger) : BackgroundService
{
    /// <summary>Posts the open alerts once; returns how many were posted.</summary>
    public async Task<int> RepostAsync(CancellationToken cancellationToken)
    {
        var open = (await store.GetOpenAlertsAsync(cancellationToken).ConfigureAwait(false)).Where(a => a.SendCount > 0).ToList();
        if (open.Count > 0)
        {
            await client.PostAsync([.. open.Select(mapper.Map)], cancellationToken).ConfigureAwait(false);
        }

        return open.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RepostInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RepostAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    Log.RepostFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Could not post the open alerts to Alertmanager again; tried at the next interval")]
        public static partial void RepostFailed(ILogger logger, Exception exception);
    }
}
