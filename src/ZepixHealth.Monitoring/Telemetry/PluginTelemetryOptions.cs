using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Settings of a <see cref="PluginTelemetry"/> recorder: how long its sliding window is and into how
/// many sub-windows it is cut. Validated when the recorder is created.
/// </summary>
/// <remarks>
/// The window slides one sub-window at a time: figures cover the sub-window in progress and the
/// <see cref="SubWindowCount"/> − 1 before it, so they span between
/// <see cref="Window"/> − <see cref="Window"/>/<see cref="SubWindowCount"/> and <see cref="Window"/>.
/// More sub-windows slide more smoothly and cost 4 KB each.
/// </remarks>
public sealed class PluginTelemetryOptions
{
    /// <summary>Gets or sets the length of the sliding window the figures cover.</summary>
    /// <value>Default one hour; from one minute to one day.</value>
    public TimeSpan Window { get; set; } = PluginTelemetryDefaults.Window;

    /// <summary>Gets or sets how many fixed sub-windows the window is made of.</summary>
    /// <value>Default 12 (five minutes each for a one-hour window); from 2 to 24.</value>
    public int SubWindowCount { get; set; } = PluginTelemetryDefaults.SubWindowCount;

    /// <summary>
    /// Gets or sets whether <see cref="PluginTelemetry.MeasureExecution"/> scopes also measure the thread
    /// CPU time and the bytes allocated inside them, for <see cref="PluginMetrics.CpuUsagePct"/> and
    /// <see cref="PluginMetrics.AllocatedBytes"/>.
    /// </summary>
    /// <value>
    /// Default <see langword="false"/>: scopes only time the execution, and cost what they did before.
    /// When on, a scope reads the thread's CPU clock twice (a system call on Linux) — see the
    /// benchmarks in <c>docs/resources.md</c>. A scope that ends on another thread than it began
    /// (an <see langword="await"/> that resumed elsewhere) counts its latency but no CPU or allocation.
    /// </value>
    public bool TrackCpu { get; set; }

    /// <summary>
    /// Gets or sets the plugin id that the recorder's measurements on the meter <c>ZepixHealth.Monitoring</c>
    /// (the <c>zepix.health.plugin.execution.duration</c> histogram) carry as their <c>plugin.id</c> tag.
    /// </summary>
    /// <value>
    /// Default <see langword="null"/> (no id). <see cref="HealthCheckablePluginBase"/> uses the plugin's own
    /// id and ignores this setting.
    /// </value>
    public string? PluginId { get; set; }

    /// <summary>Checks every setting and throws on the first one that is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="Window"/> is not between one minute and one day, or <see cref="SubWindowCount"/> is
    /// not between 2 and 24. The message names the setting and its bad value.
    /// </exception>
    public void Validate()
    {
        if (Window < PluginTelemetryDefaults.MinWindow || Window > PluginTelemetryDefaults.MaxWindow)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Window),
                Window,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"PluginTelemetryOptions.Window was {Window:c}; it must be between {PluginTelemetryDefaults.MinWindow:c} and {PluginTelemetryDefaults.MaxWindow:c}."));
        }

        if (SubWindowCount is < PluginTelemetryDefaults.MinSubWindowCount or > PluginTelemetryDefaults.MaxSubWindowCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(SubWindowCount),
                SubWindowCount,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"PluginTelemetryOptions.SubWindowCount was {SubWindowCount}; it must be between {PluginTelemetryDefaults.MinSubWindowCount} and {PluginTelemetryDefaults.MaxSubWindowCount}."));
        }
    }
}
