namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>The open alerts (oldest first) and the alert history (newest first).</summary>
internal sealed record AlertLists(IReadOnlyList<HealthAlert> Open, IReadOnlyList<HealthAlert> Recent);
