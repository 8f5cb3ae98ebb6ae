using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// Answers the presses of a notification's buttons (<see cref="TelegramAlertButtons"/>) with
/// <c>answerCallbackQuery</c>: acknowledges or silences the alert for a user of
/// <see cref="TelegramAlertOptions.AllowedUserIds"/>, refuses anyone else and changes nothing.
/// </summary>
internal sealed partial class TelegramCallbackHandler(
    IHealthStore store,
    IHealthAlertManager alerts,
    IOptions<TelegramAlertOptions> options,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Handles <paramref name="query"/> if its data is one of our buttons'; <see langword="false"/> otherwise.</summary>
    public async Task<bool> TryHandleAsync(ITelegramBotClient botClient, CallbackQuery query, CancellationToken cancellationToken)
    {
        if (!TelegramAlertButtons.TryParse(query.Data, out var silence, out var shortId))
        {
            return false;
        }

        string answer;
        if (!options.Value.AllowedUserIds.Contains(query.From.Id))
        {
            Log.Refused(logger, query.From.Id, shortId);
            answer = "⛔ Only the bot's operators may do this.";
        }
        else
        {
            answer = await ApplyAsync(silence, shortId, Describe(query.From), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await botClient.AnswerCallbackQuery(callbackQueryId: query.Id, text: answer, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The action is done; only the toast is lost (a query answered too late, a network error).
            Log.AnswerFailed(logger, TelegramText.Redact(ex.Message, options.Value.BotToken));
        }

        return true;
    }

    private static string Describe(User user) =>
        $"telegram:{(user.Username is { Length: > 0 } u ? "@" + u : user.Id.ToString(CultureInfo.InvariantCulture))}";

    /// <summary>Acknowledges or silences the open alert <paramref name="shortId"/>; the answer's text (plain, at most 200 characters).</summary>
    private async Task<string> ApplyAsync(bool silence, string shortId, string by, CancellationToken cancellationToken)
    {
        var open = await store.GetOpenAlertsAsync(cancellationToken).ConfigureAwait(false);
        var alert = open.FirstOrDefault(a => string.Equals(a.ShortId, shortId, StringComparison.OrdinalIgnoreCase));
        if (alert is null)
        {
            return $"Alert {TelegramText.Plain(shortId)} is no longer open.";
        }

        var what = TelegramText.Plain($"{alert.PluginId} · {alert.RuleId}");
        if (silence)
        {
            var until = timeProvider.GetUtcNow() + TelegramAlertButtons.SilenceDuration;
            await alerts.SilenceAsync(alert.PluginId, alert.RuleId, until, "silenced from a Telegram button", by, cancellationToken).ConfigureAwait(false);
            Log.Applied(logger, "Silenced", alert.ShortId, by);
            return $"🔕 Silenced {what} for 1 h.";
        }

        var done = await alerts.AcknowledgeAsync(alert.Id, by, cancellationToken).ConfigureAwait(false);
        Log.Applied(logger, done ? "Acknowledged" : "Could not acknowledge", alert.ShortId, by);
        return done ? $"👍 Acknowledged {what}." : $"Alert {alert.ShortId} is no longer firing.";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5030, Level = LogLevel.Warning, Message = "Refused a button press on alert {ShortId} from user {UserId}: not in PluginHealth:Telegram:AllowedUserIds")]
        public static partial void Refused(ILogger logger, long userId, string shortId);

        [LoggerMessage(EventId = 5031, Level = LogLevel.Information, Message = "{Action} alert {ShortId} from a Telegram button, by {By}")]
        public static partial void Applied(ILogger logger, string action, string shortId, string by);

        [LoggerMessage(EventId = 5032, Level = LogLevel.Warning, Message = "Answering a Telegram button press (answerCallbackQuery) failed: {Error}")]
        public static partial void AnswerFailed(ILogger logger, string error);
    }
}
