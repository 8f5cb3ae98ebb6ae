namespace ZepixHealth.Monitoring;

/// <summary>
/// Error counts of a plugin over the last hour, and its most recent error. Unknown figures are
/// <see langword="null"/>.
/// </summary>
public sealed record PluginErrorMetrics
{
    /// <summary>Gets an instance in which every figure is unknown.</summary>
    public static PluginErrorMetrics Unknown { get; } = new();

    /// <summary>Gets the number of errors in the last hour, critical ones included.</summary>
    public long? TotalErrors { get; init; }

    /// <summary>Gets the number of critical errors in the last hour.</summary>
    public long? CriticalErrors { get; init; }

    /// <summary>Gets the number of warnings in the last hour.</summary>
    public long? Warnings { get; init; }

    /// <summary>Gets errors as a share of operations in the last hour, in percent (0–100).</summary>
    /// <value><see langword="null"/> when unknown, including when there were no operations.</value>
    public double? ErrorRatePct { get; init; }

    /// <summary>Gets the message of the most recent error.</summary>
    public string? LastErrorMessage { get; init; }

    /// <summary>Gets the type of the most recent error, for example <c>System.TimeoutException</c>.</summary>
    public string? LastErrorType { get; init; }

    /// <summary>Gets when the most recent error happened.</summary>
    public DateTimeOffset? LastErrorTimestamp { get; init; }
}
