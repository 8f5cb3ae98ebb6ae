using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// Sending to Telegram failed; the alert stays in the outbox and the dispatcher tries again. The
/// message never contains the bot token.
/// </summary>
public sealed class TelegramDeliveryException : AlertDeliveryException
{
    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TelegramDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the underlying error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public TelegramDeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance for one chat.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="chatId">The chat the message was for.</param>
    /// <param name="errorCode">The Bot API's error code (an HTTP status), or <see langword="null"/> for a network error.</param>
    /// <param name="retryAt">When Telegram allows the next message to the chat (HTTP 429), or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying error.</param>
    public TelegramDeliveryException(string message, long chatId, int? errorCode, DateTimeOffset? retryAt, Exception? innerException)
        : base(message, retryAt, innerException)
    {
        ChatId = chatId;
        ErrorCode = errorCode;
    }

    /// <summary>Initializes a new instance with no message.</summary>
    public TelegramDeliveryException()
    {
    }

    /// <summary>Gets the chat the message was for; 0 when unknown.</summary>
    public long ChatId { get; }

    /// <summary>Gets the Bot API's error code (an HTTP status, for example 429); <see langword="null"/> for a network error.</summary>
    public int? ErrorCode { get; }
}
