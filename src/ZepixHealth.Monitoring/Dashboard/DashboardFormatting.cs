using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// How the dashboard writes figures, durations, ages and statuses. An unknown figure is never 0: the
/// views leave it out (<see cref="Known(double?, string, string)"/>), or write <c>n/a</c> where a value must stand.
/// </summary>
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

    /// <summary>The P95 trend's window, as its label says it: <c>6 h</c>.</summary>
    public static string TrendHours =>
        HealthDashboardDefaults.TrendWindow.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h";

    /// <summary>A figure with its unit, or <see langword="null"/> when unknown, for a line that is left out then.</summary>
    public static string? Known(double? value, string unit, string format = "0.#") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : null;

    /// <summary>A duration, or <see langword="null"/> when unknown.</summary>
    public static string? Known(TimeSpan? value) => value is null ? null : Duration(value);

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

    /// <summary>An age in its largest unit, for "data 45 s old": <c>45 s</c>, <c>3 min</c>, <c>2 h</c>, <c>4 d</c>.</summary>
    public static string Age(DateTimeOffset at, DateTimeOffset now)
    {
        var ago = Ago(at, now);
        return ago[..^" ago".Length];
    }

    /// <summary>How long ago, in its largest unit: <c>45 s ago</c>, <c>3 min ago</c>, <c>2 h ago</c>, <c>4 d ago</c>.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var v = now - at;
        if (v < TimeSpan.Zero)
        {
            v = TimeSpan.Zero;
        }

        var c = CultureInfo.InvariantCulture;
        return v.TotalDays >= 1 ? string.Format(c, "{0} d ago", (int)v.TotalDays)
            : v.TotalHours >= 1 ? string.Format(c, "{0} h ago", (int)v.TotalHours)
            : v.TotalMinutes >= 1 ? string.Format(c, "{0} min ago", (int)v.TotalMinutes)
            : string.Format(c, "{0} s ago", (int)v.TotalSeconds);
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
