using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The store stage of a cycle: queues the snapshots for the history. A store that refuses them is
/// logged; the cycle goes on (alerts and observers still see the snapshots).
/// </summary>
internal sealed class SnapshotRecorder(IHealthStore store, ILogger logger)
{
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
