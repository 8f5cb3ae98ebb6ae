using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring.Tests.Storage;

public class SqliteSchemaMigratorTests
{
    private static readonly string[] OwnTables = ["health_alert_deliveries", "health_alert_rows", "health_alert_silences", "health_schema_migrations", "health_snapshot_rollups", "health_snapshot_rows"];

    [Test]
    public void Migrate_EmptyFile_CreatesEveryTableAndRecordsEachVersion()
    {
        using var database = new TempDatabase();
        using var connection = database.Open();

        var (from, to) = SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations, new FakeTimeProvider(StoreTestData.Start), database.FilePath);

        from.Should().Be(0);
        to.Should().Be(SqliteSchema.LatestVersion);
        Tables(connection).Should().BeEquivalentTo(OwnTables);
        Versions(connection).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        TempDatabase.Scalar(connection, "SELECT applied_at FROM health_schema_migrations WHERE version = 1")
            .Should().Be(SqliteTime.ToDb(StoreTestData.Start));
        Indexes(connection).Should().Contain(["ix_health_snapshot_rows_history", "ix_health_alerts_open", "ix_health_alert_deliveries_pending"]);
        TempDatabase.Scalar(connection, "PRAGMA integrity_check").Should().Be("ok");
    }

    [Test]
    public void Migrate_FromVersion1_AppliesOnlyTheLaterMigrationsAndKeepsData()
    {
        using var database = new TempDatabase();
        using var connection = database.Open();
        var time = new FakeTimeProvider(StoreTestData.Start);
        SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations.Take(1).ToList(), time, database.FilePath);
        TempDatabase.Execute(connection, "INSERT INTO health_alerts (id, plugin_id, rule_id, level, message, raised_at, state) VALUES ('a', 'p', 'cpu', 'Warning', 'm', 1, 'Firing')");
        Tables(connection).Should().NotContain("health_alert_deliveries");

        time.Advance(TimeSpan.FromDays(1));
        var (from, to) = SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations, time, database.FilePath);

        (from, to).Should().Be((1, SqliteSchema.LatestVersion));
        Tables(connection).Should().BeEquivalentTo(OwnTables);
        Versions(connection).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        TempDatabase.Scalar(connection, "SELECT applied_at FROM health_schema_migrations WHERE version = 2")
            .Should().Be(SqliteTime.ToDb(StoreTestData.Start.AddDays(1)));
        TempDatabase.Scalar(connection, "SELECT count(*) FROM health_alerts").Should().Be(1L);
    }

    [Test]
    public void Migrate_RunTwice_SecondRunChangesNothing()
    {
        using var database = new TempDatabase();
        using var connection = database.Open();
        var time = new FakeTimeProvider(StoreTestData.Start);
        SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations, time, database.FilePath);
        var schemaBefore = Schema(connection);

        var result = SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations, time, database.FilePath);

        result.Should().Be((SqliteSchema.LatestVersion, SqliteSchema.LatestVersion));
        Schema(connection).Should().Equal(schemaBefore);
        Versions(connection).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
    }

    [Test]
    public void Migrate_StepFails_RollsBackEveryStepOfTheRun()
    {
        using var database = new TempDatabase();
        using var connection = database.Open();
        var broken = SqliteSchema.Migrations.Append(new SqliteMigration(3, "broken", "CREATE TABLE health_extra (x INTEGER); THIS IS NOT SQL;")).ToList();

        var act = () => SqliteSchemaMigrator.Migrate(connection, broken, new FakeTimeProvider(StoreTestData.Start), database.FilePath);

        act.Should().Throw<SqliteException>();
        Tables(connection).Should().BeEmpty("versions 1 and 2 ran in the same transaction as the failing step");
    }

    [Test]
    public void Migrate_FileHasNewerVersion_ThrowsErrorNamingBothVersions()
    {
        using var database = new TempDatabase();
        using var connection = database.Open();
        var time = new FakeTimeProvider(StoreTestData.Start);
        SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations, time, database.FilePath);
        TempDatabase.Execute(connection, "INSERT INTO health_schema_migrations (version, description, applied_at) VALUES (9, 'from the future', 0)");

        var act = () => SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations, time, database.FilePath);

        act.Should().Throw<InvalidOperationException>().WithMessage($"*schema version 9*knows only up to {SqliteSchema.LatestVersion}*newer version*");
    }

    [Test]
    public void Migrate_FileHoldsHostTables_LeavesHostDataAndUserVersionUntouched()
    {
        using var database = new TempDatabase();
        using var connection = database.Open();
        TempDatabase.Execute(connection, """
            PRAGMA user_version = 42;
            CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL, qty REAL NOT NULL);
            INSERT INTO trades (symbol, qty) VALUES ('EURUSD', 1.5), ('XAUUSD', 0.1);
            CREATE INDEX ix_trades_symbol ON trades (symbol);
            """);
        var hostSchema = Schema(connection);

        SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations, new FakeTimeProvider(StoreTestData.Start), database.FilePath);

        TempDatabase.Scalar(connection, "PRAGMA user_version").Should().Be(42L);
        TempDatabase.Scalar(connection, "SELECT group_concat(symbol || ':' || qty, ',') FROM trades").Should().Be("EURUSD:1.5,XAUUSD:0.1");
        Schema(connection).Should().Contain(hostSchema);
        Tables(connection).Should().Contain("trades");
    }

    private static List<string> Tables(SqliteConnection connection) =>
        Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");

    private static List<string> Indexes(SqliteConnection connection) =>
        Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name");

    private static List<string> Schema(SqliteConnection connection) =>
        Strings(connection, "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name");

    private static List<long> Versions(SqliteConnection connection) =>
        Strings(connection, "SELECT version FROM health_schema_migrations ORDER BY version").Select(long.Parse).ToList();

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
