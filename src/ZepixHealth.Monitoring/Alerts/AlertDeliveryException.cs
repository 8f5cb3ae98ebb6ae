namespace ZepixHealth.Monitoring;

/// <summary>
/// Thrown by an <see cref="IAlertSink"/> that could not deliver a notification and knows when it is
/// worth trying again (for example a rate limit's <c>retry_after</c>): the dispatcher waits at least
/// until <see cref="RetryAt"/> before the next attempt. Any other exception is retried with the
/// dispatcher's own exponential back-off.
/// </summary>
public class AlertDeliveryException : Exception
{
    /// <summary>Initializes a new instance with no message.</summary>
    public AlertDeliveryException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public AlertDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the underlying error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public AlertDeliveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance that says when to try again.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="retryAt">The earliest time a new attempt can succeed; <see langword="null"/> when unknown.</param>
    /// <param name="innerException">The underlying error.</param>
    public AlertDeliveryException(string message, DateTimeOffset? retryAt, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAt = retryAt;
    }

    /// <summary>Gets the earliest time a new attempt can succeed.</summary>
    /// <value><see langword="null"/> when the sink does not know; the dispatcher's back-off then decides alone.</value>
    public DateTimeOffset? RetryAt { get; }
}
