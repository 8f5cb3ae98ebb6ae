using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Runs the <see cref="AlertDispatcher"/>: at start (notifications left undelivered by a previous run
/// go out first), whenever a cycle queues new ones, and every second for retries that fall due.
/// </summary>
internal sealed partial class AlertDispatcherService(AlertDispatcher dispatcher, ILogger<AlertDispatcherService> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken).ConfigureAwait(false);
                await dispatcher.WaitForSignalAsync(PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A store that is down: the outbox keeps everything; try again after a pause.
                Log.PassFailed(logger, ex);
                try
                {
                    await dispatcher.WaitForSignalAsync(PollInterval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2111, Level = LogLevel.Error, Message = "Delivering alert notifications failed; the outbox keeps them and delivery is retried")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
