namespace ZepixHealth.Monitoring;

/// <summary>The outcome of <see cref="IHealthCheckablePlugin.SelfTestAsync"/>.</summary>
/// <param name="Passed">Whether the self-test passed.</param>
/// <param name="Message">Why it passed or failed, for the operator; may be <see langword="null"/>.</param>
public sealed record SelfTestResult(bool Passed, string? Message)
{
    /// <summary>Creates a passing result.</summary>
    /// <param name="message">An optional note for the operator.</param>
    /// <returns>A result whose <see cref="Passed"/> is <see langword="true"/>.</returns>
    public static SelfTestResult Pass(string? message = null) => new(true, message);

    /// <summary>Creates a failing result.</summary>
    /// <param name="message">What failed, for the operator.</param>
    /// <returns>A result whose <see cref="Passed"/> is <see langword="false"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="message"/> is null, empty or white space.</exception>
    public static SelfTestResult Fail(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(false, message);
    }
}
