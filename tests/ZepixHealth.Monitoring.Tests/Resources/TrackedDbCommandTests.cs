using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring.Tests.Resources;

[TestFixture]
public sealed class TrackedDbCommandTests
{
    private DbConnectionTracker _tracker = null!;
    private TrackedDbConnection _connection = null!;

    [SetUp]
    public void SetUp()
    {
        _tracker = new DbConnectionTracker();
        _connection = new TrackedDbConnection(new SqliteConnection("Data Source=:memory:"), _tracker);
        _connection.Open();
    }

    [TearDown]
    public void TearDown() => _connection.Dispose();

    [Test]
    public async Task Execute_EveryKind_EachCounted()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT 1";

        command.ExecuteScalar().Should().Be(1L);
        command.ExecuteNonQuery();
        using (command.ExecuteReader())
        {
        }

        (await command.ExecuteScalarAsync()).Should().Be(1L);
        await command.ExecuteNonQueryAsync();
        await using (await command.ExecuteReaderAsync())
        {
        }

        _tracker.CommandCount.Should().Be(6);
        _tracker.AvgQueryTimeMs.Should().NotBeNull();
    }

    [Test]
    public void Execute_Throws_StillCounted()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT * FROM no_such_table";

        var act = () => command.ExecuteNonQuery();

        act.Should().Throw<SqliteException>();
        _tracker.CommandCount.Should().Be(1);
    }

    [Test]
    public void Connection_SetToTrackedConnection_ProviderGetsItsInnerConnection()
    {
        using var command = new TrackedDbCommand(new SqliteCommand(), _connection);

        command.Connection = _connection;
        command.CommandText = "SELECT 2";

        command.ExecuteScalar().Should().Be(2L);
        _tracker.CommandCount.Should().Be(1);
    }

    [Test]
    public void Connection_SetToUntrackedConnection_RunsButIsNotCounted()
    {
        using var plain = new SqliteConnection("Data Source=:memory:");
        plain.Open();
        using var command = _connection.CreateCommand();

        command.Connection = plain;
        command.CommandText = "SELECT 3";

        command.ExecuteScalar().Should().Be(3L);
        command.Connection.Should().BeNull("only a tracked connection is handed back");
        _tracker.CommandCount.Should().Be(0);
    }

    [Test]
    public void Parameters_Added_ReachTheProvider()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT $x + 1";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$x";
        parameter.Value = 41;
        command.Parameters.Add(parameter);

        command.ExecuteScalar().Should().Be(42L);
    }
}
