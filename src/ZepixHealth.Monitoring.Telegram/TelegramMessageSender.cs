using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// Sends one message to one chat the way every part of the package does: HTML, link previews off,
/// at most one message per <see cref="TelegramAlertOptions.MinSendInterval"/> per chat, a parse error
/// resent as plain text, and every failure turned into a <see cref="TelegramDeliveryException"/>
/// without the token. An HTTP 429 blocks the chat until its <c>retry_after</c> has passed: until then
/// sends fail at once, so the dispatcher's retry never calls Telegram early and nothing sleeps long.
/// </summary>
internal sealed partial class TelegramMessageSender(IOptions<TelegramAlertOptions> options, TimeProvider timeProvider, ILogger<TelegramMessageSender> logger)
{
    private readonly ConcurrentDictionary<long, ChatPace> _chats = new();

    /// <summary>Sends <paramref name="html"/> to <paramref name="chatId"/>.</summary>
    /// <exception cref="TelegramDeliveryException">Telegram refused the message, asked to wait, or could not be reached.</exception>
    public async Task SendAsync(ITelegramBotClient client, long chatId, string html, bool silent, TelegramSendExtras? extras, CancellationToken cancellationToken)
    {
        extras ??= TelegramSendExtras.None;

        var token = options.Value.BotToken;
        var chat = _chats.GetOrAdd(chatId, static _ => new ChatPace());
        await chat.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendPacedAsync(client, chat, (chatId, extras), html, silent, token, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            throw BlockAfterRateLimit(chat, chatId, ex);
        }
        catch (ApiRequestException ex)
        {
            // The inner exception is left out: the text below is all it has, without any chance of the token.
            throw new TelegramDeliveryException(
                $"Telegram refused the message to chat {chatId} (HTTP {ex.ErrorCode}): {TelegramText.Redact(ex.Message, token)}", chatId, ex.ErrorCode, retryAt: null, innerException: null);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
            throw new TelegramDeliveryException(
                $"Telegram could not be reached for chat {chatId}: {TelegramText.Redact(reason, token)}", chatId, errorCode: null, retryAt: null, innerException: null);
        }
        finally
        {
            chat.Gate.Release();
        }
    }

    /// <summary>Sends once the chat's pace allows, resending as plain text when Telegram cannot parse the HTML.</summary>
    private async Task SendPacedAsync(ITelegramBotClient client, ChatPace chat, (long ChatId, TelegramSendExtras Extras) to, string html, bool silent, string token, CancellationToken cancellationToken)
    {
        var chatId = to.ChatId;
        var now = timeProvider.GetUtcNow();
        if (chat.BlockedUntil > now)
        {
            throw new TelegramDeliveryException(
                $"Telegram asked to wait before the next message to chat {chatId}; not sending until {chat.BlockedUntil:O}.",
                chatId,
                429,
                chat.BlockedUntil,
                innerException: null);
        }

        // Pacing: the wait is at most MinSendInterval (about a second), well inside the sink timeout.
        var wait = chat.NextSendAt - now;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await SendOnceAsync(client, to, html, ParseMode.Html, silent, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase))
        {
            Log.ResendingAsPlainText(logger, chatId, TelegramText.Redact(ex.Message, token));
            await SendOnceAsync(client, to, TelegramText.ToPlain(html), ParseMode.None, silent, cancellationToken).ConfigureAwait(false);
        }

        chat.NextSendAt = timeProvider.GetUtcNow() + options.Value.MinSendInterval;
    }

    /// <summary>Blocks the chat until Telegram's <c>retry_after</c> has passed and says so in the exception to throw.</summary>
    private TelegramDeliveryException BlockAfterRateLimit(ChatPace chat, long chatId, ApiRequestException ex)
    {
        var retryAfter = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
        var retryAt = timeProvider.GetUtcNow() + retryAfter;
        chat.BlockedUntil = retryAt;
        Log.RateLimited(logger, chatId, retryAfter.TotalSeconds, retryAt);
        return new TelegramDeliveryException(
            $"Telegram rate-limited chat {chatId} (HTTP 429): retry after {retryAfter.TotalSeconds:0} s, at {retryAt:O}.", chatId, 429, retryAt, innerException: null);
    }

    private static async Task SendOnceAsync(ITelegramBotClient client, (long ChatId, TelegramSendExtras Extras) to, string text, ParseMode parseMode, bool silent, CancellationToken cancellationToken) =>
        // Named arguments: minor versions of Telegram.Bot reorder SendMessage's optional parameters.
        await client.SendMessage(
            chatId: to.ChatId,
            text: text,
            parseMode: parseMode,
            // A command deleted meanwhile must not cost the answer.
            replyParameters: to.Extras.ReplyToMessageId is { } replyTo ? new ReplyParameters { MessageId = replyTo, AllowSendingWithoutReply = true } : null,
            replyMarkup: to.Extras.Keyboard,
            messageThreadId: to.Extras.MessageThreadId,
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            disableNotification: silent,
            cancellationToken: cancellationToken).ConfigureAwait(false);

    private sealed class ChatPace
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset NextSendAt { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Telegram could not parse the HTML of a message to chat {ChatId} ({Error}); resending it as plain text")]
        public static partial void ResendingAsPlainText(ILogger logger, long chatId, string error);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Telegram rate-limited chat {ChatId}: retry after {RetryAfterSeconds} s, at {RetryAt:O}")]
        public static partial void RateLimited(ILogger logger, long chatId, double retryAfterSeconds, DateTimeOffset retryAt);
    }
}
