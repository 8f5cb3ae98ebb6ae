namespace ZepixHealth.Monitoring;

/// <summary>The defaults and limits of <see cref="PluginTelemetryOptions"/> and of the recorder, in one place.</summary>
internal static class PluginTelemetryDefaults
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
    public const int SubWindowCount = 12;

    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    // At least two, or the window would empty itself at every boundary; at most 24, which keeps the
    // whole recorder under 128 KB (24 sub-windows × 4 KB of buckets plus the hot stripes).
    public const int MinSubWindowCount = 2;
    public const int MaxSubWindowCount = 24;

    /// <summary>How often the recorder's coarse clock advances (and hot counts move into the current sub-window).</summary>
    public static readonly TimeSpan ClockResolution = TimeSpan.FromSeconds(1);

    /// <summary>Most hot stripes per recorder: enough for the cores that realistically record into one plugin.</summary>
    public const int MaxStripes = 4;

    /// <summary>Longest error or warning message kept, as for every plugin-supplied text.</summary>
    public const int MaxMessageLength = PluginHealthDefaults.MaxTextLength;

    /// <summary>Longest exception type name kept.</summary>
    public const int MaxTypeNameLength = 256;
}
