namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>The journal mode is a setting of the whole file: the store changes it only with consent, and only after the version check.</summary>
[TestFixture]
public sealed class SqliteJournalModeTests
{
    private const int KeptJournalModeEvent = 3002;

    [Test]
    public async Task Start_NewFileOfItsOwn_SwitchesToWal()
    {
        await using var fixture = new StoreFixture();
        await fixture.StartAsync();

        JournalMode(fixture.Database).Should().Be("wal");
    }

    [Test]
    public async Task Start_HostDatabaseWithItsOwnTables_KeepsItsModeAndLogsOnceThatWalWouldBeFaster()
    {
        using var database = HostDatabase();
        await using (var fixture = new StoreFixture(database))
        {
            var store = await fixture.StartAsync();
            await store.AppendSnapshotsAsync(StoreTestData.Cycle(2, StoreTestData.Start));
            await store.FlushAsync();
            (await store.GetLatestSnapshotsAsync()).Should().HaveCount(2);
            fixture.Logger.WithId(KeptJournalModeEvent).Should().ContainSingle().Which.Message.Should().Contain("delete").And.Contain("JournalMode = Wal");
        }

        JournalMode(database).Should().Be("delete");
    }

    [Test]
    public async Task Start_HostDatabaseAndJournalModeWal_SwitchesToWal()
    {
        using var database = HostDatabase();
        await using var fixture = new StoreFixture(database, o => o.JournalMode = SqliteJournalMode.Wal);

        await fixture.StartAsync();

        JournalMode(database).Should().Be("wal");
        fixture.Logger.WithId(KeptJournalModeEvent).Should().BeEmpty();
    }

    [Test]
    public async Task Start_OwnFileAndJournalModeKeep_LeavesTheRollbackJournal()
    {
        await using var fixture = new StoreFixture(configure: o => o.JournalMode = SqliteJournalMode.Keep);
        var store = await fixture.StartAsync();
        await store.AppendSnapshotsAsync(StoreTestData.Cycle(1, StoreTestData.Start));
        await store.FlushAsync();

        JournalMode(fixture.Database).Should().Be("delete");
    }

    [Test]
    public async Task Start_FileWithANewerSchemaAndJournalModeWal_RefusesAndChangesNothing()
    {
        using var database = HostDatabase();
        using (var connection = database.Open())
        {
            TempDatabase.Execute(connection, SqliteSchema.CreateVersionTable + " INSERT INTO health_schema_migrations VALUES (99, 'from the future', 0);");
        }

        await using var fixture = new StoreFixture(database, o => o.JournalMode = SqliteJournalMode.Wal);
        var start = async () => await fixture.StartAsync();

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*schema version 99*");
        JournalMode(database).Should().Be("delete", "a store that refuses to start leaves the host's file as it was");
    }

    /// <summary>A bot's own database in the default rollback journal, with a table of its own.</summary>
    private static TempDatabase HostDatabase()
    {
        var database = new TempDatabase("zepix_bot.db");
        using var connection = database.Open();
        TempDatabase.Execute(connection, "PRAGMA journal_mode = DELETE; CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT);");
        return database;
    }

    private static string JournalMode(TempDatabase database)
    {
        using var connection = database.Open();
        return (string)TempDatabase.Scalar(connection, "PRAGMA journal_mode")!;
    }
}
