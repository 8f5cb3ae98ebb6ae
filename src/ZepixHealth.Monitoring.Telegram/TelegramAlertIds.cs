namespace ZepixHealth.Monitoring.Telegram;

/// <summary>Finds the open alerts an operator means by an id typed in <c>/ack</c> or <c>/silence</c>.</summary>
internal static class TelegramAlertIds
{
    // Shorter prefixes of a full id would match by its timestamp digits, i.e. many alerts.
    private const int MinIdPrefix = 8;

    /// <summary>
    /// The open alerts whose short id is <paramref name="typed"/> (any case); failing that, those whose
    /// full id starts with it (dashes ignored), for ids copied from a log line or the database.
    /// </summary>
    public static List<HealthAlert> Find(IReadOnlyList<HealthAlert> open, string typed)
    {
        var key = typed.Trim().TrimStart('#');
        var byShortId = open.Where(a => string.Equals(a.ShortId, key, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byShortId.Count > 0)
        {
            return byShortId;
        }

        var hex = key.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return hex.Length < MinIdPrefix
            ? []
            : open.Where(a => a.Id.ToString("N", System.Globalization.CultureInfo.InvariantCulture).StartsWith(hex, StringComparison.Ordinal)).ToList();
    }
}
