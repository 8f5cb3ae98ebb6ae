namespace ZepixHealth.Monitoring;

/// <summary>
/// Resolutions that came during a silence after their firing had been announced: stored at once, and
/// sent when no silence covers them any more, so that the chat never shows a recovered plugin as
/// still broken.
/// </summary>
/// <remarks>Not thread-safe: the alert lifecycle serialises access.</remarks>
internal sealed class HeldResolutions
{
    /// <summary>How many of the most recent alerts a restart scans for resolutions still held.</summary>
    public const int ResumeScanLimit = 1000;

    private readonly List<HealthAlert> _held = [];

    public int Count => _held.Count;

    /// <summary>Returns whether a resolution is held rather than dropped: its firing was announced.</summary>
    public static bool IsOwed(HealthAlert resolved) => resolved.State == AlertState.Resolved && resolved.SendCount > 0;

    /// <summary>Returns whether a stored alert is a resolution that was held and not yet sent.</summary>
    public static bool IsStillHeld(HealthAlert stored) =>
        IsOwed(stored) && stored.SilencedAt is not null && stored.ResolvedAt is { } resolvedAt
        && (stored.LastSentAt is not { } lastSent || lastSent < resolvedAt);

    public void Hold(HealthAlert resolved)
    {
        _held.RemoveAll(h => h.Id == resolved.Id);
        _held.Add(resolved);
    }

    /// <summary>Moves the resolutions no silence covers any more to <paramref name="notifiable"/>, oldest first.</summary>
    public void Release(AlertSilences silences, DateTimeOffset now, ref List<AlertChange>? notifiable)
    {
        for (var i = 0; i < _held.Count; i++)
        {
            var resolved = _held[i];
            if (silences.Covering(resolved, now) is null)
            {
                (notifiable ??= []).Add(new AlertChange(AlertChangeKind.Resolved, resolved));
                _held.RemoveAt(i--);
            }
        }
    }
}
