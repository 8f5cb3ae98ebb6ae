using System.Text;
using Telegram.Bot.Types.ReplyMarkups;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// The inline buttons of a firing notification (Acknowledge, Silence 1 h) and the callback data they
/// send back: a prefix of the package's own, the action and the alert's short id, within Telegram's
/// 64 bytes.
/// </summary>
internal static class TelegramAlertButtons
{
    /// <summary>Telegram's limit on a button's callback data, in UTF-8 bytes.</summary>
    public const int MaxCallbackData = 64;

    // Distinct from a host's own callback data, which its bot loop handles.
    public const string AckPrefix = "zhm:ack:";

    public const string SilencePrefix = "zhm:sil1h:";

    /// <summary>How long the Silence button silences.</summary>
    public static readonly TimeSpan SilenceDuration = TimeSpan.FromHours(1);

    // A grouped notification with more firing alerts than this offers /ack for the rest.
    private const int MaxRows = 5;

    /// <summary>
    /// The buttons for <paramref name="notification"/>'s firing alerts: one row each (at most five), or
    /// <see langword="null"/> when none is firing or no short id fits in the callback data.
    /// </summary>
    public static InlineKeyboardMarkup? For(AlertNotification notification)
    {
        var firing = notification.Alerts.Where(a => a.State == AlertState.Firing && Fits(SilencePrefix + a.ShortId)).Take(MaxRows).ToList();
        if (firing.Count == 0)
        {
            return null;
        }

        var single = firing.Count == 1 && !notification.IsGrouped;
        return new InlineKeyboardMarkup(firing.Select(a => new[]
        {
            InlineKeyboardButton.WithCallbackData(single ? "✅ Acknowledge" : $"✅ Ack {a.ShortId}", AckPrefix + a.ShortId),
            InlineKeyboardButton.WithCallbackData(single ? "🔕 Silence 1 h" : $"🔕 1 h {a.ShortId}", SilencePrefix + a.ShortId),
        }));
    }

    /// <summary>Reads callback data of ours: whether it silences (else acknowledges) and the short id.</summary>
    public static bool TryParse(string? data, out bool silence, out string shortId)
    {
        (silence, shortId) = (false, string.Empty);
        if (data is null)
        {
            return false;
        }

        if (data.StartsWith(AckPrefix, StringComparison.Ordinal))
        {
            shortId = data[AckPrefix.Length..];
        }
        else if (data.StartsWith(SilencePrefix, StringComparison.Ordinal))
        {
            (silence, shortId) = (true, data[SilencePrefix.Length..]);
        }

        return shortId.Length > 0;
    }

    private static bool Fits(string data) => Encoding.UTF8.GetByteCount(data) <= MaxCallbackData;
}
