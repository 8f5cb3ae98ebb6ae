using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring.Tests.Resources;

/// <summary>The connection decorator over real SQLite connections (in-memory databases, shared by name).</summary>
[TestFixture]
public sealed class DbConnectionTrackerTests
{
    // Counts 1 to 2,000,000 in a recursive CTE: slow on purpose (tens of milliseconds at least).
    private const string SlowQuery =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) FROM c";

    private string _connectionString = null!;
    private SqliteConnection _keepAlive = null!;

    [SetUp]
    public void SetUp()
    {
        // A named shared in-memory database lives while one connection to it is open.
        _connectionString = $"Data Source=tracker-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        _keepAlive = new SqliteConnection(_connectionString);
        _keepAlive.Open();
    }

    [TearDown]
    public void TearDown() => _keepAlive.Dispose();

    [Test]
    public void ToMetrics_NothingWrapped_EveryFigureUnknown()
    {
        new DbConnectionTracker().ToMetrics().Should().BeSameAs(PluginDatabaseMetrics.Unknown);
    }

    [Test]
    public async Task Wrap_ThreeConnectionsOpenedAndClosedInTurn_CountsActiveAndPeak()
    {
        var tracker = new DbConnectionTracker();
        using var first = tracker.Wrap(new SqliteConnection(_connectionString));
        await using var second = tracker.Wrap(new SqliteConnection(_connectionString));
        using var third = tracker.Wrap(new SqliteConnection(_connectionString));

        first.Open();
        await second.OpenAsync();
        third.Open();
        var allOpen = tracker.ActiveConnections;
        first.Close();
        await second.CloseAsync();
        var oneOpen = tracker.ActiveConnections;
        third.Dispose();
        first.Open();

        allOpen.Should().Be(3);
        oneOpen.Should().Be(1);
        tracker.ActiveConnections.Should().Be(1);
        tracker.PeakConnections.Should().Be(3);
        tracker.ToMetrics().Should().BeEquivalentTo(new PluginDatabaseMetrics { ActiveConnections = 1, MaxConnections = 3, AvgQueryTimeMs = null });
    }

    [Test]
    public void Wrap_AlreadyOpenConnection_CountsAtOnceAndDisposeUncountsOnce()
    {
        var tracker = new DbConnectionTracker();
        var inner = new SqliteConnection(_connectionString);
        inner.Open();

        var wrapped = tracker.Wrap(inner);
        var whileOpen = tracker.ActiveConnections;
        wrapped.Close();
        wrapped.Dispose();
        wrapped.Dispose();

        whileOpen.Should().Be(1);
        tracker.ActiveConnections.Should().Be(0);
        inner.State.Should().Be(ConnectionState.Closed);
    }

    [Test]
    public async Task Commands_EveryExecuteFormSyncAndAsync_EachCountedOnce()
    {
        var tracker = new DbConnectionTracker();
        await using var connection = tracker.Wrap(new SqliteConnection(_connectionString));
        await connection.OpenAsync();

        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (x INTEGER)";
            create.ExecuteNonQuery();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO t VALUES ($x)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$x";
        parameter.Value = 7;
        command.Parameters.Add(parameter);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);

        command.Parameters.Clear();
        command.CommandText = "SELECT x FROM t";
        command.ExecuteScalar().Should().Be(7L);
        (await command.ExecuteScalarAsync()).Should().Be(7L);
        using (var reader = command.ExecuteReader())
        {
            reader.Read().Should().BeTrue();
        }

        await using (var reader = await command.ExecuteReaderAsync())
        {
            (await reader.ReadAsync()).Should().BeTrue();
        }

        tracker.CommandCount.Should().Be(6);
        tracker.AvgQueryTimeMs.Should().NotBeNull().And.BeGreaterThanOrEqualTo(0);
    }

    [Test]
    public void Commands_QueryOfKnownDurationOnTheTrackersClock_AverageIsExact()
    {
        // A function that moves the fake clock makes the query take exactly 1 s of the tracker's time.
        var time = new FakeTimeProvider();
        var tracker = new DbConnectionTracker(time);
        using var connection = tracker.Wrap(new SqliteConnection(_connectionString));
        connection.Open();
        ((SqliteConnection)UnwrapForSetup(connection)).CreateFunction("advance_ms", (long ms) =>
        {
            time.Advance(TimeSpan.FromMilliseconds(ms));
            return ms;
        });

        Execute(connection, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) SELECT sum(advance_ms(1)) FROM c");
        Execute(connection, "SELECT 1");

        tracker.CommandCount.Should().Be(2);
        tracker.AvgQueryTimeMs.Should().Be(500, "one query of 1000 ms and one of 0 ms");
    }

    [Test]
    public void Commands_DeliberatelySlowRecursiveQuery_TimedAndNoLongerThanSeenFromOutside()
    {
        var tracker = new DbConnectionTracker();
        using var connection = tracker.Wrap(new SqliteConnection(_connectionString));
        connection.Open();

        var outside = Stopwatch.StartNew();
        Execute(connection, SlowQuery).Should().Be(2_000_000L);
        outside.Stop();

        // The tracker times the command itself: more than nothing, less than the call around it.
        tracker.CommandCount.Should().Be(1);
        tracker.AvgQueryTimeMs.Should().BePositive().And.BeLessThanOrEqualTo(outside.Elapsed.TotalMilliseconds);
    }

    [Test]
    public void Commands_FailingCommand_StillTimedAndTheErrorPassesThrough()
    {
        var tracker = new DbConnectionTracker();
        using var connection = tracker.Wrap(new SqliteConnection(_connectionString));
        connection.Open();

        var act = () => Execute(connection, "SELECT * FROM no_such_table");

        act.Should().Throw<SqliteException>().WithMessage("*no_such_table*");
        tracker.CommandCount.Should().Be(1);
    }

    [Test]
    public void Transaction_BeginCommitThroughTheWrapper_Works()
    {
        var tracker = new DbConnectionTracker();
        using var connection = tracker.Wrap(new SqliteConnection(_connectionString));
        connection.Open();
        Execute(connection, "CREATE TABLE t (x INTEGER)");

        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO t VALUES (1)";
            insert.ExecuteNonQuery();
            transaction.Commit();
        }

        Execute(connection, "SELECT count(*) FROM t").Should().Be(1L);
    }

    [Test]
    public async Task GetMetricsAsync_PluginBaseWithAWrappedConnection_ReportsTheDatabase()
    {
        using var plugin = new DatabasePlugin(_connectionString);

        var before = await plugin.GetMetricsAsync();
        plugin.Query();
        var after = await plugin.GetMetricsAsync();

        before.Database.Should().BeSameAs(PluginDatabaseMetrics.Unknown);
        after.Database.ActiveConnections.Should().Be(1);
        after.Database.MaxConnections.Should().Be(1);
        after.Database.AvgQueryTimeMs.Should().NotBeNull();
    }

    private static object? Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The provider's own connection, for provider-specific set-up (registering a function).</summary>
    private static DbConnection UnwrapForSetup(DbConnection wrapped) => ((TrackedDbConnection)wrapped).Inner;

    private sealed class DatabasePlugin(string connectionString) : HealthCheckablePluginBase("db-plugin")
    {
        private DbConnection? _connection;

        public void Query()
        {
            _connection ??= DbConnections.Wrap(new SqliteConnection(connectionString));
            if (_connection.State != ConnectionState.Open)
            {
                _connection.Open();
            }

            Execute(_connection, "SELECT 1");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _connection?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
