using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>A real SQLite file in a fresh temporary folder, deleted with the folder on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase(string fileName = "health.db")
    {
        Folder = Path.Combine(Path.GetTempPath(), "zepix-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, fileName);
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public SqliteConnection Open(string? connectionString = null)
    {
        // Pooling off: a test's own connection must really close, or it would keep locks and handles.
        var connection = new SqliteConnection((connectionString ?? ConnectionString) + ";Pooling=False");
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a folder left in /tmp must not fail the test that used it.
        }
    }
}
