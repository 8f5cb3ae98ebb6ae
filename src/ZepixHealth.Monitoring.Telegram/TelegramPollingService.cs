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
    private static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery];

    /// <summary>The wait after <paramref name="failures"/> failed polls in a row: 1 s, doubling, at most <see cref="TelegramAlertDefaults.MaxPollingBackOff"/>.</summary>
    internal static TimeSpan BackOff(int failures) =>
        TimeSpan.FromTicks(Math.Min(TelegramAlertDefaults.MaxPollingBackOff.Ticks, TimeSpan.TicksPerSecond << Math.Min(failures - 1, 16)));

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
                updates = await GetUpdatesAsync(offset, o.PollingTimeout, stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                if (!await WaitAfterFailureAsync(failures, ex, o.BotToken, stoppingToken).ConfigureAwait(false))
                {
                    break;
                }

                continue;
            }

            if (!await HandleAllAsync(updates, o.BotToken, stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            offset = updates.Length > 0 ? updates[^1].Id + 1 : offset;
        }
    }

    private Task<Update[]> GetUpdatesAsync(int? offset, TimeSpan pollingTimeout, CancellationToken stoppingToken) =>
        client.Client.GetUpdates(
            offset: offset,
            limit: 100,
            timeout: (int)pollingTimeout.TotalSeconds,
            allowedUpdates: AllowedUpdates,
            cancellationToken: stoppingToken);

    /// <summary>Logs a failed poll and waits out its back-off; <see langword="false"/> when stopping interrupted the wait.</summary>
    private async Task<bool> WaitAfterFailureAsync(int failures, Exception exception, string botToken, CancellationToken stoppingToken)
    {
        var delay = BackOff(failures);

        // Only the redacted message: the exception object could carry the request URL, token included.
        Log.PollFailed(logger, failures, TelegramText.Redact(exception.Message, botToken), delay);
        try
        {
            await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Hands each update to the commands, logging a failure and going on; <see langword="false"/> when stopping cut it short.</summary>
    private async Task<bool> HandleAllAsync(Update[] updates, string botToken, CancellationToken stoppingToken)
    {
        foreach (var update in updates)
        {
            try
            {
                await commands.TryHandleAsync(client.Client, update, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                Log.HandlerFailed(logger, update.Id, TelegramText.Redact(ex.Message, botToken));
            }
        }

        return true;
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
