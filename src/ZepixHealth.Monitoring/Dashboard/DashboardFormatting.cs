using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>How the dashboard writes figures, durations, ages and statuses; unknown figures are <c>n/a</c>, never 0.</summary>
internal static class DashboardFormatting
{
    public const string Unknown = "n/a";

    public static string StatusEmoji(PluginHealthStatus status) => status switch
    {
        PluginHealthStatus.Healthy => "🟢",
        PluginHealthStatus.Stale => "🟡",
        PluginHealthStatus.Hung => "🟠",
        _ => "🔴",
    };

    public static string LevelEmoji(AlertLevel level) => level switch
    {
        AlertLevel.Critical => "🔴",
        AlertLevel.High => "🟠",
        _ => "🟡",
    };

    public static string AlertEmoji(HealthAlert alert) => alert.State == AlertState.Resolved ? "✅" : LevelEmoji(alert.Level);

    public static string Number(double? value, string format = "0.#") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : Unknown;

    public static string Number(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : Unknown;

    public static string WithUnit(double? value, string unit, string format = "0.#") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : Unknown;

    /// <summary>A duration in its two largest units: <c>3d 04h</c>, <c>2h 05m</c>, <c>5m 10s</c>, <c>45s</c>.</summary>
    public static string Duration(TimeSpan? value)
    {
        if (value is not { } v)
        {
            return Unknown;
        }

        if (v < TimeSpan.Zero)
        {
            v = TimeSpan.Zero;
        }

        var c = CultureInfo.InvariantCulture;
        return v.TotalDays >= 1 ? string.Format(c, "{0}d {1:00}h", (int)v.TotalDays, v.Hours)
            : v.TotalHours >= 1 ? string.Format(c, "{0}h {1:00}m", v.Hours, v.Minutes)
            : v.TotalMinutes >= 1 ? string.Format(c, "{0}m {1:00}s", v.Minutes, v.Seconds)
            : string.Format(c, "{0}s", v.Seconds);
    }

    /// <summary>How long ago, in its largest unit: <c>45s ago</c>, <c>3m ago</c>, <c>2h ago</c>, <c>4d ago</c>.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var v = now - at;
        if (v < TimeSpan.Zero)
        {
            v = TimeSpan.Zero;
        }

        var c = CultureInfo.InvariantCulture;
        return v.TotalDays >= 1 ? string.Format(c, "{0}d ago", (int)v.TotalDays)
            : v.TotalHours >= 1 ? string.Format(c, "{0}h ago", (int)v.TotalHours)
            : v.TotalMinutes >= 1 ? string.Format(c, "{0}m ago", (int)v.TotalMinutes)
            : string.Format(c, "{0}s ago", (int)v.TotalSeconds);
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>One line of at most <paramref name="max"/> characters: line breaks become spaces, the rest is cut with an ellipsis.</summary>
    public static string OneLine(string? text, int max = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var line = text.ReplaceLineEndings(" ");
        if (line.Length <= max)
        {
            return line;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(line[cut - 1]))
        {
            cut--;
        }

        return string.Concat(line.AsSpan(0, cut), "…");
    }
}
