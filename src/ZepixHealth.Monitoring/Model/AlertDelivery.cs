namespace ZepixHealth.Monitoring;

/// <summary>
/// One entry of the alert outbox: one notification about one alert, for one sink. Entries are
/// written together with the alert they are about, so that a notification survives a crash or a
/// sink that is down, and is sent (or given up on) later.
/// </summary>
/// <remarks>
/// A notification that groups several alerts is several entries with the same
/// <see cref="NotificationId"/> and <see cref="Sink"/>, one per alert.
/// </remarks>
public sealed record AlertDelivery
{
    /// <summary>Gets the entry's id, chosen by whoever enqueues it.</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the id of the notification this entry belongs to; shared by the entries of a grouped notification.</summary>
    public required Guid NotificationId { get; init; }

    /// <summary>Gets the id of the <see cref="HealthAlert"/> the entry is about.</summary>
    public required Guid AlertId { get; init; }

    /// <summary>Gets the name of the sink the notification is for.</summary>
    public required string Sink { get; init; }

    /// <summary>Gets the alert's state that the notification announces (firing, or resolved).</summary>
    public required AlertState AlertState { get; init; }

    /// <summary>Gets the alert's level that the notification announces.</summary>
    public required AlertLevel AlertLevel { get; init; }

    /// <summary>Gets when the entry was enqueued (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets how many times sending has failed so far.</summary>
    /// <value>Default 0.</value>
    public int Attempts { get; init; }

    /// <summary>Gets when the next attempt is due (UTC).</summary>
    public required DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>Gets the error of the last failed attempt; <see langword="null"/> when none failed.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets when the notification was delivered (UTC); <see langword="null"/> while pending.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>Gets when sending was given up (UTC); <see langword="null"/> unless it was.</summary>
    public DateTimeOffset? FailedAt { get; init; }
}
