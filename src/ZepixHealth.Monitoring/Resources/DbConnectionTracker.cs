using System.Data.Common;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Counts a plugin's database connections and times its commands, for <see cref="PluginMetrics.Database"/>:
/// wrap each connection with <see cref="Wrap"/>, use the wrapper as the connection, and report
/// <see cref="ToMetrics"/> (<see cref="HealthCheckablePluginBase"/> does it for you with its
/// <see cref="HealthCheckablePluginBase.DbConnections"/>). Works with any ADO.NET provider.
/// </summary>
/// <remarks>
/// <para>
/// A connection counts as active from the moment it is open until it is closed, disposed or broken;
/// <see cref="PeakConnections"/> is the most that were active at once. Every <c>ExecuteReader</c>,
/// <c>ExecuteNonQuery</c> and <c>ExecuteScalar</c> (and their async forms) of a command created with
/// the wrapper's <see cref="DbConnection.CreateCommand"/> is timed until it returns (for a reader: until
/// the first result is ready, not until it has been read); a command that throws is timed too.
/// <see cref="AvgQueryTimeMs"/> is the mean over every command since the tracker was created.
/// </para>
/// <para>
/// Thread-safe, and cheap: two timestamp reads and two atomic additions per command. Transactions are
/// the provider's own (their <see cref="DbTransaction.Connection"/> is the wrapped connection).
/// Create commands with the wrapper's <c>CreateCommand()</c>: a provider's command class (for example
/// <c>new SqliteCommand(sql, wrapper)</c>) does not accept a wrapper.
/// </para>
/// </remarks>
public sealed class DbConnectionTracker
{
    private readonly TimeProvider _timeProvider;
    private int _active;
    private int _peak;
    private int _wrapped;
    private long _commands;
    private long _commandTicks;

    /// <summary>Creates a tracker whose commands are timed with <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    public DbConnectionTracker(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the wrapped connections open now.</summary>
    /// <value>Zero until a wrapped connection opens.</value>
    public int ActiveConnections => Volatile.Read(ref _active);

    /// <summary>Gets the most wrapped connections that were open at the same time.</summary>
    /// <value>Zero until a wrapped connection opens.</value>
    public int PeakConnections => Volatile.Read(ref _peak);

    /// <summary>Gets the number of commands executed through wrapped connections.</summary>
    /// <value>Zero until a command runs.</value>
    public long CommandCount => Interlocked.Read(ref _commands);

    /// <summary>Gets the mean time of the commands executed so far, in milliseconds.</summary>
    /// <value><see langword="null"/> until a command has run.</value>
    public double? AvgQueryTimeMs
    {
        get
        {
            // Read the time first: a command finishing in between makes the mean a little low, never NaN.
            var ticks = Interlocked.Read(ref _commandTicks);
            var count = Interlocked.Read(ref _commands);
            return count == 0 ? null : (double)ticks / count / TimeSpan.TicksPerMillisecond;
        }
    }

    /// <summary>
    /// Wraps <paramref name="connection"/>: the returned connection behaves as the original (it opens,
    /// closes and disposes it) and reports to this tracker. A connection that is already open counts as
    /// active at once.
    /// </summary>
    /// <param name="connection">The provider's connection.</param>
    /// <returns>The connection to use in its place.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    public DbConnection Wrap(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Interlocked.Exchange(ref _wrapped, 1);
        return new TrackedDbConnection(connection, this);
    }

    /// <summary>
    /// Returns the figures for <see cref="PluginMetrics.Database"/>: active connections, the peak (as
    /// <see cref="PluginDatabaseMetrics.MaxConnections"/>) and the mean command time.
    /// </summary>
    /// <returns>The figures; every one unknown until a connection has been wrapped.</returns>
    public PluginDatabaseMetrics ToMetrics() =>
        Volatile.Read(ref _wrapped) == 0
            ? PluginDatabaseMetrics.Unknown
            : new PluginDatabaseMetrics
            {
                ActiveConnections = ActiveConnections,
                MaxConnections = PeakConnections,
                AvgQueryTimeMs = AvgQueryTimeMs,
            };

    internal long GetTimestamp() => _timeProvider.GetTimestamp();

    internal void CommandFinished(long startTimestamp)
    {
        var elapsed = _timeProvider.GetElapsedTime(startTimestamp).Ticks;
        Interlocked.Add(ref _commandTicks, Math.Max(elapsed, 0));
        Interlocked.Increment(ref _commands);
    }

    internal void ConnectionOpened()
    {
        var active = Interlocked.Increment(ref _active);
        var peak = Volatile.Read(ref _peak);
        while (active > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, active, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _active);
}
