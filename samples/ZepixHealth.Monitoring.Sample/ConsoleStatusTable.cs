using System.Globalization;
using System.Text;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Sample;

/// <summary>Prints one status table per monitoring cycle.</summary>
internal sealed class ConsoleStatusTable : IPluginHealthObserver
{
    private int _cycle;

    public ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var time = snapshots.Count > 0 ? snapshots[0].Timestamp.ToLocalTime() : DateTimeOffset.Now;
        text.AppendLine(CultureInfo.InvariantCulture, $"── cycle {++_cycle} at {time:HH:mm:ss} ─────────────────────────────────────────────────────");
        text.AppendLine("     PLUGIN               STATUS     UPTIME    P95 ms  SIG/h  WIN %  ERR %  WHY");
        foreach (var s in snapshots)
        {
            var availability = s.Availability;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {Emoji(availability.Status)} {s.PluginId,-20} {availability.Status,-8} {Format(availability.Uptime),9} {Format(s.Performance.P95ExecutionTimeMs),8} {Format(s.Performance.SignalsProcessed1h),6} {Format(s.Performance.WinRatePct),6} {Format(s.Errors.ErrorRatePct),6}  {availability.Reason}");
        }

        Console.Write(text.ToString());
        return ValueTask.CompletedTask;
    }

    private static string Emoji(PluginHealthStatus status) => status switch
    {
        PluginHealthStatus.Healthy => "🟢",
        PluginHealthStatus.Stale => "🟡",
        PluginHealthStatus.Hung => "🟠",
        _ => "🔴",
    };

    // Unknown figures are shown as n/a, never as 0.
    private static string Format(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static string Format(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "n/a";

    private static string Format(TimeSpan? value) => value is { } v ? v.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "n/a";
}
