namespace ZepixHealth.Monitoring;

/// <summary>
/// Receives the snapshots of every monitoring cycle, for example to draw a status table. Register
/// with <c>builder.AddObserver&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// Each observer is called under <see cref="PluginHealthOptions.ObserverTimeout"/>; one that throws is
/// logged and one that does not answer in time is skipped until its call ends. Neither delays the
/// monitor or the other observers.
/// </remarks>
public interface IPluginHealthObserver
{
    /// <summary>Called after each cycle with the cycle's snapshots.</summary>
    /// <param name="snapshots">One snapshot per plugin watched, in registration order.</param>
    /// <param name="cancellationToken">Cancelled when the monitor stops waiting.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken);
}
