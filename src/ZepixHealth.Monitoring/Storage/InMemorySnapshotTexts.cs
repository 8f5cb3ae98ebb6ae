namespace ZepixHealth.Monitoring;

/// <summary>
/// What a snapshot kept by <see cref="InMemoryPluginHistory"/> says in words: its reason, its last error,
/// its self-test and its faults. Kept beside the rows, not in them, so that a row holds no reference:
/// copying a row with references into a long-lived array marks it for the next garbage collection to
/// scan, which made the collections of a 10,000-plugin monitor twice as long. Consecutive snapshots of a
/// plugin usually say the same, and then share one instance.
/// </summary>
internal sealed class InMemorySnapshotTexts
{
    private InMemorySnapshotTexts(PluginHealthSnapshot snapshot)
    {
        Reason = snapshot.Availability.Reason;
        ErrorMessage = snapshot.Errors.LastErrorMessage;
        ErrorType = snapshot.Errors.LastErrorType;
        SelfTest = snapshot.SelfTest;
        Faults = snapshot.Faults ?? [];
    }

    /// <summary>Gets <see cref="PluginAvailabilityMetrics.Reason"/>.</summary>
    public string? Reason { get; }

    /// <summary>Gets <see cref="PluginErrorMetrics.LastErrorMessage"/>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Gets <see cref="PluginErrorMetrics.LastErrorType"/>.</summary>
    public string? ErrorType { get; }

    /// <summary>Gets <see cref="PluginHealthSnapshot.SelfTest"/>.</summary>
    public SelfTestResult? SelfTest { get; }

    /// <summary>Gets <see cref="PluginHealthSnapshot.Faults"/>.</summary>
    public IReadOnlyList<string> Faults { get; }

    /// <summary>
    /// Gets the texts of <paramref name="snapshot"/>: null when it has none, <paramref name="previous"/>
    /// when they are the same as those, a new instance otherwise.
    /// </summary>
    public static InMemorySnapshotTexts? Of(PluginHealthSnapshot snapshot, InMemorySnapshotTexts? previous)
    {
        if (snapshot.Availability.Reason is null && snapshot.Errors.LastErrorMessage is null && snapshot.Errors.LastErrorType is null
            && snapshot.SelfTest is null && snapshot.Faults is not { Count: > 0 })
        {
            return null;
        }

        return previous is not null && previous.Matches(snapshot) ? previous : new InMemorySnapshotTexts(snapshot);
    }

    private bool Matches(PluginHealthSnapshot snapshot) =>
        string.Equals(Reason, snapshot.Availability.Reason, StringComparison.Ordinal)
        && string.Equals(ErrorMessage, snapshot.Errors.LastErrorMessage, StringComparison.Ordinal)
        && string.Equals(ErrorType, snapshot.Errors.LastErrorType, StringComparison.Ordinal)
        && Equals(SelfTest, snapshot.SelfTest)
        && Faults.SequenceEqual(snapshot.Faults ?? [], StringComparer.Ordinal);
}
