using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Applies <see cref="SqliteHealthStoreOptions.JournalMode"/>. Called only after the schema version check
/// has passed, so that a store that refuses to start has changed nothing in the host's file.
/// </summary>
internal static class SqliteJournalModeSetter
{
    // Every table the store has ever created, under its current and its former names.
    private static readonly string[] OwnTables =
    [
        SqliteSchema.VersionTable, "health_snapshot_rows", "health_snapshot_rollups", "health_alert_rows", "health_alert_deliveries", "health_alert_silences",
        "plugin_health_snapshots", "health_alerts",
    ];

    /// <summary>Sets WAL when the option allows it for this file.</summary>
    /// <returns>The journal mode in effect and whether WAL was left unset because the file holds the host's tables.</returns>
    public static (string Mode, bool KeptForHost) Apply(SqliteConnection connection, SqliteJournalMode option)
    {
        var current = Current(connection);
        if (string.Equals(current, "wal", StringComparison.OrdinalIgnoreCase) || option == SqliteJournalMode.Keep)
        {
            return (current, false);
        }

        if (option == SqliteJournalMode.Auto && HoldsOtherTables(connection))
        {
            return (current, true);
        }

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        return (Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? current, false);
    }

    public static string Current(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static bool HoldsOtherTables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ({string.Join(", ", OwnTables.Select((_, i) => "$t" + i.ToString(CultureInfo.InvariantCulture)))});";
        for (var i = 0; i < OwnTables.Length; i++)
        {
            command.Parameters.AddWithValue("$t" + i.ToString(CultureInfo.InvariantCulture), OwnTables[i]);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
