using System.Globalization;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Sample;

/// <summary>Prints the plain-text dashboard of every monitoring cycle.</summary>
internal sealed class ConsoleStatusTable(IHealthDashboard dashboard) : IPluginHealthObserver
{
    private int _cycle;

    public async ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken)
    {
        // The cycle's own snapshots: the store writes them in the background, maybe not yet.
        var messages = await dashboard.RenderOverviewAsync(snapshots, DashboardFormat.PlainText, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"── cycle {++_cycle} ─────────────────────────────────────────────────────"));
        Console.WriteLine(string.Join('\n', messages));
    }
}
