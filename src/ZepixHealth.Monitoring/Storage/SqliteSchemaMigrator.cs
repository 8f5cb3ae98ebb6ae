using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Brings the store's tables up to date: forward only, idempotent, all pending steps in one
/// <c>BEGIN IMMEDIATE</c> transaction, the version kept in <see cref="SqliteSchema.VersionTable"/>.
/// </summary>
internal static class SqliteSchemaMigrator
{
    /// <summary>Reads the schema version recorded in the file; 0 when the store has never written to it.</summary>
    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", SqliteSchema.VersionTable);
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        command.Parameters.Clear();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM health_schema_migrations;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Applies the missing migrations.</summary>
    /// <returns>The version found and the version reached.</returns>
    /// <exception cref="InvalidOperationException">The file was written by a newer schema version than <paramref name="migrations"/> knows.</exception>
    /// <exception cref="SqliteException">SQLite failed; nothing was changed.</exception>
    public static (int From, int To) Migrate(SqliteConnection connection, IReadOnlyList<SqliteMigration> migrations, TimeProvider timeProvider, string dataSource)
    {
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;

        // Read first, outside a write transaction, so that an up-to-date file opened read-only still starts.
        var found = ReadVersion(connection);
        ThrowIfNewer(found, latest, dataSource);
        if (found == latest)
        {
            return (found, found);
        }

        using var transaction = connection.BeginTransaction(deferred: false);

        // Another process may have migrated between the read above and the lock.
        found = ReadVersion(connection, transaction);
        ThrowIfNewer(found, latest, dataSource);

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteSchema.CreateVersionTable;
        command.ExecuteNonQuery();

        foreach (var migration in migrations)
        {
            if (migration.Version <= found)
            {
                continue;
            }

            command.Parameters.Clear();
            command.CommandText = migration.Sql;
            command.ExecuteNonQuery();

            command.CommandText = "INSERT INTO health_schema_migrations (version, description, applied_at) VALUES ($version, $description, $appliedAt);";
            command.Parameters.AddWithValue("$version", migration.Version);
            command.Parameters.AddWithValue("$description", migration.Description);
            command.Parameters.AddWithValue("$appliedAt", SqliteTime.ToDb(timeProvider.GetUtcNow()));
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return (found, latest);
    }

    private static void ThrowIfNewer(int found, int latest, string dataSource)
    {
        if (found > latest)
        {
            throw new InvalidOperationException(
                $"The health store's tables in '{dataSource}' have schema version {found}, but this version of ZepixHealth.Monitoring knows only up to {latest}. " +
                "The file was written by a newer version of the library; upgrade the library or point the store at another file.");
        }
    }
}
