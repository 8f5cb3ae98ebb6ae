using System.Data;
using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring.Tests.Resources;

[TestFixture]
public sealed class TrackedDbConnectionTests
{
    private DbConnectionTracker _tracker = null!;
    private TrackedDbConnection _connection = null!;

    [SetUp]
    public void SetUp()
    {
        _tracker = new DbConnectionTracker();
        _connection = new TrackedDbConnection(new SqliteConnection("Data Source=:memory:"), _tracker);
    }

    [TearDown]
    public void TearDown() => _connection.Dispose();

    [Test]
    public void Open_Twice_CountedOnce()
    {
        _connection.Open();
        _connection.Close();
        _connection.Open();

        _tracker.ActiveConnections.Should().Be(1);
        _tracker.PeakConnections.Should().Be(1);
        _connection.State.Should().Be(ConnectionState.Open);
    }

    [Test]
    public async Task CloseAsync_Open_NoLongerCounted()
    {
        await _connection.OpenAsync();

        await _connection.CloseAsync();

        _tracker.ActiveConnections.Should().Be(0);
    }

    [Test]
    public void Dispose_Open_Uncounted()
    {
        _connection.Open();

        _connection.Dispose();

        _tracker.ActiveConnections.Should().Be(0);
    }

    [Test]
    public void StateChange_ProviderClosedDirectly_UncountedAndRaised()
    {
        _connection.Open();
        var raised = new List<ConnectionState>();
        _connection.StateChange += (_, e) => raised.Add(e.CurrentState);

        _connection.Inner.Close();

        _tracker.ActiveConnections.Should().Be(0, "the provider's own state change is what counts");
        raised.Should().Equal(ConnectionState.Closed);
    }

    [Test]
    public void CreateCommand_Always_TrackedCommandOnThisConnection()
    {
        using var command = _connection.CreateCommand();

        command.Should().BeOfType<TrackedDbCommand>();
        command.Connection.Should().BeSameAs(_connection);
    }

    [Test]
    public void ConnectionString_Set_PassedToTheProvider()
    {
        _connection.ConnectionString = "Data Source=other.db;Mode=Memory";

        _connection.Inner.ConnectionString.Should().Be("Data Source=other.db;Mode=Memory");
        _connection.DataSource.Should().Be(_connection.Inner.DataSource);
    }
}
