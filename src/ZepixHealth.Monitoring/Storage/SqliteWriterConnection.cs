using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The writer's one long-lived connection: opened, its schema migrated, then (only then) its journal
/// mode set as <see cref="SqliteHealthStoreOptions.JournalMode"/> allows, and its snapshot
/// INSERT prepared on first use, and closed for good after a failure, so that the next attempt sees
/// the file as it is then. Used by one thread at a time (the start, then the writer).
/// </summary>
internal sealed partial class SqliteWriterConnection(
    SqliteConnectionSettings settings, IReadOnlyList<SqliteMigration> migrations, TimeProvider timeProvider, ILogger logger)
{
    private SqliteConnection? _connection;
    private SqliteSnapshotInsert? _insert;
    private bool _schemaReady;
    private bool _walAdviceLogged;

    /// <summary>Gets or sets a hook called on each connection opened (tests use it to impose a size limit).</summary>
    public Action<SqliteConnection>? Opened { get; set; }

    /// <summary>Gets the open connection; call <see cref="EnsureReady"/> first.</summary>
    public SqliteConnection Connection => _connection ?? throw new InvalidOperationException("The writer's connection is not open.");

    /// <summary>Gets the prepared snapshot INSERT; call <see cref="EnsureReady"/> first.</summary>
    public SqliteSnapshotInsert SnapshotInsert => _insert ?? throw new InvalidOperationException("The writer's connection is not open.");

    /// <summary>Opens the connection, migrates the schema and prepares the INSERT, whichever is not done yet. Cheap when all are.</summary>
    /// <exception cref="SqliteException">The file cannot be opened or written.</exception>
    /// <exception cref="InvalidOperationException">The file has a newer schema.</exception>
    public void EnsureReady()
    {
        _connection ??= Open();

        if (!_schemaReady)
        {
            var (from, to) = SqliteSchemaMigrator.Migrate(_connection, migrations, timeProvider, settings.DataSource);
            if (from != to)
            {
                Log.Migrated(logger, settings.DataSource, from, to);
            }

            SetJournalMode(_connection);
            _schemaReady = true;
        }

        _insert ??= new SqliteSnapshotInsert(_connection);
    }

    public void Close()
    {
        _insert?.Dispose();
        _insert = null;
        if (_connection is not null)
        {
            // Really close the file: a pooled handle would keep a deleted file's inode, or a broken
            // connection's state, and the next attempt must see the file as it is now.
            SqliteConnection.ClearPool(_connection);
            _connection.Dispose();
            _connection = null;
        }

        // The file may have been replaced or its folder recreated: check the schema again on reopening.
        _schemaReady = false;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = settings.Pragmas;
            command.ExecuteNonQuery();
            Opened?.Invoke(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void SetJournalMode(SqliteConnection connection)
    {
        var (mode, keptForHost) = SqliteJournalModeSetter.Apply(connection, settings.JournalMode);
        if (string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            // Durable at every checkpoint and much faster; in a rollback journal only FULL is safe.
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
        }
        else if (keptForHost && !_walAdviceLogged)
        {
            _walAdviceLogged = true;
            Log.KeptJournalMode(logger, settings.DataSource, mode);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "SQLite health store left {DataSource} in journal mode {JournalMode}: the file holds the host's tables too. WAL would make the store's writes faster and never block the host's readers; set SqliteHealthStoreOptions.JournalMode = Wal to allow it")]
        public static partial void KeptJournalMode(ILogger logger, string dataSource, string journalMode);

        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "SQLite health store schema in {DataSource} migrated from version {FromVersion} to {ToVersion}")]
        public static partial void Migrated(ILogger logger, string dataSource, int fromVersion, int toVersion);
    }
}
