using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>
/// An awaited write, run by the writer in a transaction of its own. <see cref="Execute"/> returns false
/// when it has more to do and wants to run again later (retention deletes in batches).
/// </summary>
internal sealed class SqliteStoreOperation(Func<SqliteConnection, SqliteTransaction, bool> execute, Action? onDone = null)
{
    public Func<SqliteConnection, SqliteTransaction, bool> Execute { get; } = execute;

    /// <summary>Gets what runs once the operation has finished, before its task completes.</summary>
    public Action? OnDone { get; } = onDone;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
