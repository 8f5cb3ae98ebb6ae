namespace ZepixHealth.Monitoring.Tests.Storage;

public class SqliteHistoryBucketsTests
{
    [Test]
    public void Sql_ReadsOnlyTheHistoryIndex_NeverTheTableRows()
    {
        using var database = new TempDatabase();
        using var connection = database.Open();
        SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations, new FakeTimeProvider(StoreTestData.Start), database.FilePath);

        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteHistoryBuckets.Sql;
        SqliteHistoryBuckets.Bind(command.Parameters, "p", StoreTestData.Start, StoreTestData.Start.AddDays(7), TimeSpan.FromMinutes(42));
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        // A covering index makes one plugin's 7 days a sequential read; a plain one costs a table page per row.
        plan.Should().ContainSingle(step => step.StartsWith("SEARCH s USING COVERING INDEX ix_health_snapshot_rows_history", StringComparison.Ordinal));
    }
}
