using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// Delivers alert notifications to every configured chat as one HTML message each (several only when
/// the text is longer than a message): Critical with sound, everything else silent. A failure throws,
/// so the dispatcher keeps the notification in the outbox and retries it; parts already delivered to
/// a chat are not sent again on the retry.
/// </summary>
internal sealed class TelegramAlertSink(
    TelegramAlertClient client,
    TelegramMessageSender sender,
    IHealthDashboard dashboard,
    IOptions<TelegramAlertOptions> options) : IAlertSink
{
    // Bounded: a notification given up on leaves its entry behind; clearing now and then costs at
    // worst one repeated message.
    private const int MaxTracked = 1024;

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<(long Chat, int Part), bool>> _sentParts = new();

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
        await Task.WhenAll(options.Value.ChatIds.Distinct().Select(chat => SendToChatAsync(chat, messages, silent, sent, cancellationToken))).ConfigureAwait(false);
        _sentParts.TryRemove(notification.Id, out _);
    }

    private async Task SendToChatAsync(long chatId, IReadOnlyList<string> messages, bool silent, ConcurrentDictionary<(long Chat, int Part), bool> sent, CancellationToken cancellationToken)
    {
        for (var part = 0; part < messages.Count; part++)
        {
            if (sent.ContainsKey((chatId, part)))
            {
                continue;
            }

            await sender.SendAsync(client.Client, chatId, messages[part], silent, cancellationToken).ConfigureAwait(false);
            sent[(chatId, part)] = true;
        }
    }
}
