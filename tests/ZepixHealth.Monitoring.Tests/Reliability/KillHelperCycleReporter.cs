namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>Prints <c>cycle &lt;rows&gt;</c> after each cycle of the kill -9 helper host.</summary>
internal sealed class KillHelperCycleReporter : IPluginHealthObserver
{
    public ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken)
    {
        Console.WriteLine($"cycle {snapshots.Count}");
        return ValueTask.CompletedTask;
    }
}
