using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The store stage of a cycle: queues the snapshots for the history. A store that refuses them is
/// logged; the cycle goes on (alerts and observers still see the snapshots).
/// </summary>
internal sealed class SnapshotRecorder(IHealthStore store, ILogger logger)
{
    /// <summary>Tells the store which plugins left, when it keeps per-plugin state in memory.</summary>
    public void Forget(IReadOnlyList<string> pluginIds)
    {
        if (pluginIds.Count == 0 || store is not IForgetsRemovedPlugins forgetful)
        {
            return;
        }

        try
        {
            forgetful.ForgetPlugins(pluginIds);
        }
        catch (Exception ex)
        {
            CycleLog.StoreFailed(logger, ex, pluginIds.Count);
        }
    }

    public async ValueTask RecordAsync(PluginHealthSnapshot[] snapshots, CancellationToken cancellationToken)
    {
        if (snapshots.Length == 0)
        {
            return;
        }

        try
        {
            await store.AppendSnapshotsAsync(snapshots, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            CycleLog.StoreFailed(logger, ex, snapshots.Length);
        }
    }
}
