namespace ZepixHealth.Monitoring;

/// <summary>What the writer took from the queue in one go: snapshot batches for one transaction, then the operations.</summary>
internal sealed record SqliteWriteWork(List<SqliteSnapshotBatch> Batches, List<SqliteStoreOperation> Operations);
