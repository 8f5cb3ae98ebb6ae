using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>Runs reads, each on a pooled connection of its own, so that a read never waits for the writer.</summary>
internal sealed class SqliteQueryRunner(SqliteConnectionSettings settings)
{
    public async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, Action<SqliteParameterCollection>? bind, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = settings.Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            command.CommandText = sql;
            bind?.Invoke(command.Parameters);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var results = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    results.Add(map(reader));
                }

                return results;
            }
        }
    }

    /// <summary>Closes the pooled connections: they keep the file open, and the host may want to move or delete it.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(settings.ConnectionString);
        SqliteConnection.ClearPool(connection);
    }
}
