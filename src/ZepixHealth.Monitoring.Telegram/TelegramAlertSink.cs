using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types.ReplyMarkups;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// Delivers alert notifications to every configured chat as one HTML message each (several only when
/// the text is longer than a message): Critical with sound, everything else silent. A failure throws,
/// so the dispatcher keeps the notification in the outbox and retries it; parts already delivered to
/// a chat are not sent again on the retry. A chat that refuses for good (not found, bot blocked) is
/// logged as an error naming it and skipped, never retried: the other chats still get the alert.
/// A firing notification carries Acknowledge and Silence 1 h buttons (on its last part) when there are
/// <see cref="TelegramAlertOptions.AllowedUserIds"/> to press them; alerts go to the chat's forum topic
/// when <see cref="TelegramAlertOptions.MessageThreadIds"/> names one.
/// </summary>
internal sealed partial class TelegramAlertSink(
    TelegramAlertClient client,
    TelegramMessageSender sender,
    IHealthDashboard dashboard,
    IOptions<TelegramAlertOptions> options,
    ILogger<TelegramAlertSink> logger) : IAlertSink
{
    // Bounded: a notification given up on leaves its entry behind; clearing now and then costs at
    // worst one repeated message.
    private const int MaxTracked = 1024;

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<(long Chat, int Part), bool>> _sentParts = new();

    // Chats already reported as refusing: one error per chat, not one per alert, until it accepts again.
    private readonly ConcurrentDictionary<long, bool> _refusingChats = new();

    public string Name => options.Value.SinkName;

    public async ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var messages = dashboard.RenderNotification(notification, DashboardFormat.TelegramHtml);

        // Only a firing Critical alert makes a sound: the rest must not wake the operator.
        var silent = !notification.Alerts.Any(a => a.State == AlertState.Firing && a.Level == AlertLevel.Critical);
        if (_sentParts.Count > MaxTracked)
        {
            _sentParts.Clear();
        }

        var sent = _sentParts.GetOrAdd(notification.Id, static _ => new());

        // Buttons only someone may press: a press is honoured for AllowedUserIds alone.
        var keyboard = options.Value.AllowedUserIds.Count > 0 ? TelegramAlertButtons.For(notification) : null;
        await Task.WhenAll(options.Value.ChatIds.Distinct().Select(chat => SendToChatAsync(chat, messages, (silent, keyboard), sent, cancellationToken))).ConfigureAwait(false);
        _sentParts.TryRemove(notification.Id, out _);
    }

    private async Task SendToChatAsync(long chatId, IReadOnlyList<string> messages, (bool Silent, InlineKeyboardMarkup? Keyboard) how, ConcurrentDictionary<(long Chat, int Part), bool> sent, CancellationToken cancellationToken)
    {
        int? topic = options.Value.MessageThreadIds.TryGetValue(chatId, out var t) ? t : null;
        for (var part = 0; part < messages.Count; part++)
        {
            if (sent.ContainsKey((chatId, part)))
            {
                continue;
            }

            try
            {
                var extras = new TelegramSendExtras(MessageThreadId: topic, Keyboard: part == messages.Count - 1 ? how.Keyboard : null);
                await sender.SendAsync(client.Client, chatId, messages[part], how.Silent, extras, cancellationToken).ConfigureAwait(false);
            }
            catch (TelegramDeliveryException ex) when (TelegramErrors.IsPermanent(ex))
            {
                if (_refusingChats.TryAdd(chatId, true))
                {
                    Log.ChatRefuses(logger, chatId, ex.Message);
                }

                return;
            }

            sent[(chatId, part)] = true;
            _refusingChats.TryRemove(chatId, out _);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Telegram chat {ChatId} refuses the bot's messages for good ({Error}); alerts to it are dropped, not retried, until it accepts them again. Check PluginHealth:Telegram:ChatIds and that the bot is a member of the chat")]
        public static partial void ChatRefuses(ILogger logger, long chatId, string error);
    }
}
