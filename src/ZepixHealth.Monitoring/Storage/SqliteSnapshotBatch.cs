namespace ZepixHealth.Monitoring;

/// <summary>The snapshots of one append, queued for the writer.</summary>
/// <param name="Sequence">The append's place in the queue; flush waiters compare against it.</param>
/// <param name="Rows">The snapshots, a copy the caller cannot change.</param>
internal sealed record SqliteSnapshotBatch(long Sequence, PluginHealthSnapshot[] Rows);
