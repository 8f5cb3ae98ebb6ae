using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// The optional long-polling loop (<see cref="TelegramAlertOptions.EnableLongPolling"/>): reads updates
/// with <c>getUpdates</c> and hands each to <see cref="ITelegramHealthCommands"/>. Failures are logged
/// (without the token) and retried after a back-off on the <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class TelegramPollingService(
    TelegramAlertClient client,
    ITelegramHealthCommands commands,
    IOptions<TelegramAlertOptions> options,
    TimeProvider timeProvider,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    private static readonly UpdateType[] AllowedUpdates = [UpdateType.Message];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.EnableLongPolling)
        {
            return;
        }

        Log.Started(logger);
        int? offset = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await client.Client.GetUpdates(
                    offset: offset,
                    limit: 100,
                    timeout: (int)o.PollingTimeout.TotalSeconds,
                    allowedUpdates: AllowedUpdates,
                    cancellationToken: stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromTicks(Math.Min(TelegramAlertDefaults.MaxPollingBackOff.Ticks, TimeSpan.TicksPerSecond << Math.Min(failures - 1, 16)));

                // Only the redacted message: the exception object could carry the request URL, token included.
                Log.PollFailed(logger, failures, TelegramText.Redact(ex.Message, o.BotToken), delay);
                try
                {
                    await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            foreach (var update in updates)
            {
                offset = update.Id + 1;
                try
                {
                    await commands.TryHandleAsync(client.Client, update, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    Log.HandlerFailed(logger, update.Id, TelegramText.Redact(ex.Message, o.BotToken));
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Polling Telegram for health commands")]
        public static partial void Started(ILogger logger);

        [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "Polling Telegram failed ({Failures} in a row): {Error}; trying again in {Delay}")]
        public static partial void PollFailed(ILogger logger, int failures, string error, TimeSpan delay);

        [LoggerMessage(EventId = 5022, Level = LogLevel.Error, Message = "Handling Telegram update {UpdateId} failed: {Error}")]
        public static partial void HandlerFailed(ILogger logger, int updateId, string error);
    }
}
