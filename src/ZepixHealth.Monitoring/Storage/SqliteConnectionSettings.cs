using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>How the store's connections are opened: the connection string, the file's name for messages, and the per-connection pragmas.</summary>
/// <param name="ConnectionString">The connection string, with the busy timeout applied.</param>
/// <param name="DataSource">The file, for log lines and error messages.</param>
/// <param name="Pragmas">The statements run on every connection the store opens.</param>
/// <param name="JournalMode">Whether the writer may switch the file to WAL.</param>
internal sealed record SqliteConnectionSettings(string ConnectionString, string DataSource, string Pragmas, SqliteJournalMode JournalMode = SqliteJournalMode.Auto)
{
    public static SqliteConnectionSettings From(SqliteHealthStoreOptions options)
    {
        // Microsoft.Data.Sqlite retries busy errors itself, in whole seconds, on top of SQLite's busy_timeout.
        var busySeconds = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { DefaultTimeout = busySeconds };
        var pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");
        return new SqliteConnectionSettings(builder.ToString(), builder.DataSource, pragmas, options.JournalMode);
    }
}
