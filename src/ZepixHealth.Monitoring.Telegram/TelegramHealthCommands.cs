using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>The command handler behind <see cref="ITelegramHealthCommands"/>.</summary>
internal sealed partial class TelegramHealthCommands(
    IHealthDashboard dashboard,
    IHealthStore store,
    IHealthAlertManager alerts,
    IPluginRegistry registry,
    TelegramMessageSender sender,
    IOptions<TelegramAlertOptions> options,
    TimeProvider timeProvider,
    ILogger<TelegramHealthCommands> logger) : ITelegramHealthCommands
{
    private const string SilenceUsage = "Usage: /silence <plugin-id|alert-id|all> <duration, e.g. 30m, 2h, 1d> [reason]";
    private const string AckUsage = "Usage: /ack <alert-id> (the short id /alerts shows)";

    // A reply is worth a short wait, not a long one: after a minute the operator has asked again.
    private const int MaxReplyAttempts = 3;

    private static readonly TimeSpan MaxReplyWait = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<long, string> _usernames = new();

    private readonly TelegramCallbackHandler _callbacks = new(store, alerts, options, timeProvider, logger);

    public async Task<bool> TryHandleAsync(ITelegramBotClient botClient, Update update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(botClient);
        ArgumentNullException.ThrowIfNull(update);
        if (update.CallbackQuery is { } query)
        {
            return await _callbacks.TryHandleAsync(botClient, query, cancellationToken).ConfigureAwait(false);
        }

        if (!TryReadCommand(update, out var message, out var text, out var name, out var addressee, out var commandLength))
        {
            return false;
        }

        if (addressee is not null && !await IsAddressedToThisBotAsync(botClient, addressee, cancellationToken).ConfigureAwait(false))
        {
            // Meant for another bot in the same group.
            return false;
        }

        var chatId = message.Chat.Id;
        var user = message.From;
        if (!IsAllowed(chatId, user))
        {
            Log.Unauthorized(logger, name, chatId, user?.Id);
            return true;
        }

        Log.Handling(logger, name, chatId, user?.Id);
        var args = text[commandLength..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var replies = await AnswerAsync(name, args, DescribeSender(chatId, user), chatId, cancellationToken).ConfigureAwait(false);
        await SendRepliesAsync(botClient, name, message, replies, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Reads a message that starts with one of our commands: its lower-case <paramref name="name"/>, the
    /// bot it is addressed to in <c>/cmd@BotName</c> (or <see langword="null"/>), and the command's length.
    /// </summary>
    private static bool TryReadCommand(Update update, out Message message, out string text, out string name, out string? addressee, out int commandLength)
    {
        (message, text, name, addressee, commandLength) = (null!, string.Empty, string.Empty, null, 0);
        if (update.Message is not { Text: { } messageText } received
            || received.Entities is not [{ Type: MessageEntityType.BotCommand, Offset: 0 } entity, ..]
            || entity.Length < 2 || entity.Length > messageText.Length)
        {
            return false;
        }

        var command = messageText[..entity.Length];
        var at = command.IndexOf('@', StringComparison.Ordinal);
        name = (at < 0 ? command[1..] : command[1..at]).ToLowerInvariant();
        if (!TelegramCommandList.Names.Contains(name))
        {
            return false;
        }

        (message, text, addressee, commandLength) = (received, messageText, at < 0 ? null : command[(at + 1)..], entity.Length);
        return true;
    }

    /// <summary>Who ran a command, for acknowledgements and silences: the user's @name or id, or the chat.</summary>
    private static string DescribeSender(long chatId, User? user) =>
        user is null
            ? $"telegram:chat {chatId}"
            : $"telegram:{(user.Username is { Length: > 0 } u ? "@" + u : user.Id.ToString(CultureInfo.InvariantCulture))}";

    private bool IsAllowed(long chatId, User? user)
    {
        var o = options.Value;
        return o.ChatIds.Contains(chatId) || (user is not null && o.AllowedUserIds.Contains(user.Id));
    }

    private async Task<bool> IsAddressedToThisBotAsync(ITelegramBotClient botClient, string addressee, CancellationToken cancellationToken)
    {
        var me = await GetUsernameAsync(botClient, cancellationToken).ConfigureAwait(false);
        return me is not null && string.Equals(addressee, me, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Runs command <paramref name="name"/>; a failure becomes a reply that says so, not an exception.</summary>
    private async Task<IReadOnlyList<string>> AnswerAsync(string name, string[] args, string by, long chatId, CancellationToken cancellationToken)
    {
        try
        {
            return name switch
            {
                "health" when args.Length > 0 => await dashboard.RenderPluginAsync(args[0], DashboardFormat.TelegramHtml, cancellationToken).ConfigureAwait(false)
                    ?? [$"❓ No plugin <b>{TelegramText.Echo(args[0])}</b> has been checked. {await KnownPluginsAsync(cancellationToken).ConfigureAwait(false)}"],
                "health" => await dashboard.RenderOverviewAsync(DashboardFormat.TelegramHtml, cancellationToken).ConfigureAwait(false),
                "alerts" => await dashboard.RenderOpenAlertsAsync(DashboardFormat.TelegramHtml, cancellationToken).ConfigureAwait(false),
                "start" or "help" => [TelegramCommandList.HelpHtml()],
                "ack" => [await AcknowledgeAsync(args, by, cancellationToken).ConfigureAwait(false)],
                _ => [await SilenceAsync(args, by, cancellationToken).ConfigureAwait(false)],
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CommandFailed(logger, ex, name, chatId);
            return [$"⚠️ /{name} failed: {TelegramText.Echo(ex.Message)}"];
        }
    }

    /// <summary>Sends the replies in the command's forum topic, the first as a reply to the command's message.</summary>
    private async Task SendRepliesAsync(ITelegramBotClient botClient, string name, Message command, IReadOnlyList<string> replies, CancellationToken cancellationToken)
    {
        // Outside a forum topic a message's thread id names a reply thread, which sendMessage does not take.
        var topic = command.IsTopicMessage ? command.MessageThreadId : null;
        for (var i = 0; i < replies.Count; i++)
        {
            var extras = new TelegramSendExtras(i == 0 ? command.Id : null, topic);
            if (!await SendReplyAsync(botClient, (name, command.Chat.Id, extras), replies[i], cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Sends one reply, waiting out Telegram's <c>retry_after</c> like alerts do; <see langword="false"/> when it could not be sent.</summary>
    private async Task<bool> SendReplyAsync(ITelegramBotClient botClient, (string Name, long ChatId, TelegramSendExtras Extras) to, string reply, CancellationToken cancellationToken)
    {
        var (name, chatId, extras) = to;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sender.SendAsync(botClient, chatId, reply, silent: false, extras, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TelegramDeliveryException ex) when (ex.RetryAt is { } retryAt && attempt < MaxReplyAttempts && retryAt - timeProvider.GetUtcNow() <= MaxReplyWait)
            {
                // The timer exists before the log line: whoever reads the line may move the clock.
                var wait = Task.Delay(TimeSpan.FromTicks(Math.Max(0, (retryAt - timeProvider.GetUtcNow()).Ticks)), timeProvider, cancellationToken);
                Log.ReplyRateLimited(logger, name, chatId, retryAt);
                await wait.ConfigureAwait(false);
            }
            catch (TelegramDeliveryException ex)
            {
                // A permanent refusal is an error: the operator asked and will never see the answer.
                if (TelegramErrors.IsPermanent(ex))
                {
                    Log.ReplyRefused(logger, name, chatId, ex.Message);
                }
                else
                {
                    Log.ReplyFailed(logger, name, chatId, ex.Message);
                }

                return false;
            }
        }
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private async Task<string> AcknowledgeAsync(string[] args, string by, CancellationToken cancellationToken)
    {
        if (args.Length != 1)
        {
            return Escape(AckUsage);
        }

        var open = await store.GetOpenAlertsAsync(cancellationToken).ConfigureAwait(false);
        var matches = TelegramAlertIds.Find(open, args[0]);
        if (matches.Count != 1)
        {
            return matches.Count == 0
                ? $"❓ No open alert has the id <code>{TelegramText.Echo(args[0])}</code>. /alerts lists them."
                : $"❓ <code>{TelegramText.Echo(args[0])}</code> matches {matches.Count} open alerts; give more of the id.";
        }

        var alert = matches[0];
        var done = await alerts.AcknowledgeAsync(alert.Id, by, cancellationToken).ConfigureAwait(false);
        return done
            ? $"👍 Acknowledged <code>{Escape(alert.ShortId)}</code> <b>{Escape(alert.PluginId)}</b> · {Escape(alert.RuleId)}: not repeated until it resolves."
            : $"❓ Alert <code>{Escape(alert.ShortId)}</code> is no longer firing.";
    }

    private async Task<string> SilenceAsync(string[] args, string by, CancellationToken cancellationToken)
    {
        if (args.Length < 2 || !TelegramDuration.TryParse(args[1], out var duration))
        {
            return Escape(SilenceUsage);
        }

        if (duration > TelegramAlertDefaults.MaxSilence)
        {
            return $"❓ At most {TelegramAlertDefaults.MaxSilence.TotalDays:0} days; use a shorter duration.";
        }

        var reason = args.Length > 2 ? string.Join(' ', args[2..]) : "silenced from Telegram";
        var until = timeProvider.GetUtcNow() + duration;
        var (pluginId, ruleId, unknown) = await ResolveSilenceTargetAsync(args[0], cancellationToken).ConfigureAwait(false);
        if (unknown is not null)
        {
            return unknown;
        }

        var silence = await alerts.SilenceAsync(pluginId, ruleId, until, reason, by, cancellationToken).ConfigureAwait(false);
        var what = pluginId is null ? "all plugins" : ruleId is null ? Escape(pluginId) : $"{Escape(pluginId)} · {Escape(ruleId)}";
        return $"🔕 Silenced <b>{what}</b> until {silence.Until.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}: {TelegramText.Echo(reason)}";
    }

    /// <summary>
    /// What <c>/silence</c> means by its first argument: <c>all</c>, an open alert's short id (its plugin
    /// and rule), or a known plugin; otherwise the reply that says so.
    /// </summary>
    private async Task<(string? PluginId, string? RuleId, string? Unknown)> ResolveSilenceTargetAsync(string target, CancellationToken cancellationToken)
    {
        if (string.Equals(target, "all", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, null);
        }

        var open = await store.GetOpenAlertsAsync(cancellationToken).ConfigureAwait(false);
        if (open.Where(a => string.Equals(a.ShortId, target.TrimStart('#'), StringComparison.OrdinalIgnoreCase)).ToList() is [var alert])
        {
            return (alert.PluginId, alert.RuleId, null);
        }

        // A typo would silence nothing without anyone noticing: only known plugins.
        var known = await KnownPluginIdsAsync(cancellationToken).ConfigureAwait(false);
        var pluginId = known.FirstOrDefault(id => string.Equals(id, target, StringComparison.OrdinalIgnoreCase));
        return pluginId is null
            ? (null, null, $"❓ No plugin or open alert <b>{TelegramText.Echo(target)}</b>. {await KnownPluginsAsync(cancellationToken).ConfigureAwait(false)}")
            : (pluginId, null, null);
    }

    private async Task<List<string>> KnownPluginIdsAsync(CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestSnapshotsAsync(cancellationToken).ConfigureAwait(false);
        return registry.GetAllPlugins().Select(p => p.Id).Concat(latest.Select(s => s.PluginId))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<string> KnownPluginsAsync(CancellationToken cancellationToken)
    {
        var known = await KnownPluginIdsAsync(cancellationToken).ConfigureAwait(false);
        return known.Count == 0 ? "No plugin is known yet." : $"Known: {Escape(string.Join(", ", known))}.";
    }

    private async Task<string?> GetUsernameAsync(ITelegramBotClient botClient, CancellationToken cancellationToken)
    {
        if (options.Value.BotUsername is { Length: > 0 } configured)
        {
            return configured.TrimStart('@');
        }

        if (_usernames.TryGetValue(botClient.BotId, out var cached))
        {
            return cached;
        }

        try
        {
            var me = await botClient.GetMe(cancellationToken).ConfigureAwait(false);
            return me.Username is { } username ? _usernames.GetOrAdd(botClient.BotId, username) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.GetMeFailed(logger, TelegramText.Redact(ex.Message, options.Value.BotToken));
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Ignored /{Command} from chat {ChatId}, user {UserId}: neither is allowed (PluginHealth:Telegram:ChatIds, AllowedUserIds)")]
        public static partial void Unauthorized(ILogger logger, string command, long chatId, long? userId);

        [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Answering /{Command} in chat {ChatId} from user {UserId}")]
        public static partial void Handling(ILogger logger, string command, long chatId, long? userId);

        [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "/{Command} in chat {ChatId} failed")]
        public static partial void CommandFailed(ILogger logger, Exception exception, string command, long chatId);

        [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "The answer to /{Command} could not be sent to chat {ChatId}: {Error}")]
        public static partial void ReplyFailed(ILogger logger, string command, long chatId, string error);

        [LoggerMessage(EventId = 5015, Level = LogLevel.Information, Message = "The answer to /{Command} in chat {ChatId} was rate-limited by Telegram; sending it at {RetryAt:O}")]
        public static partial void ReplyRateLimited(ILogger logger, string command, long chatId, DateTimeOffset retryAt);

        [LoggerMessage(EventId = 5016, Level = LogLevel.Error, Message = "Telegram chat {ChatId} refuses the bot's messages ({Error}); the answer to /{Command} was dropped")]
        public static partial void ReplyRefused(ILogger logger, string command, long chatId, string error);

        [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "Asking Telegram for the bot's username (getMe) failed: {Error}; commands addressed as /cmd@BotName are ignored until it works (or set PluginHealth:Telegram:BotUsername)")]
        public static partial void GetMeFailed(ILogger logger, string error);
    }
}
