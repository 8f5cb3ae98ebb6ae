namespace ZepixHealth.Monitoring;

/// <summary>
/// A base class that makes a plugin monitorable: derive from it, pass the plugin's id, and record what
/// the plugin does through <see cref="Telemetry"/>. It answers the monitor from that recorder and from
/// the plugin's lifecycle (see <see cref="MarkStopped"/>, <see cref="MarkFaulted(string)"/> and
/// <see cref="MarkRunning"/>).
/// </summary>
/// <remarks>
/// Defaults, each overridable: <see cref="IsAliveAsync"/> is <see langword="true"/> unless the plugin
/// was marked stopped or faulted; <see cref="GetMetricsAsync"/> returns <see cref="PluginTelemetry.ToMetrics"/>
/// (override it and use <c>with</c> to add database or memory figures); <see cref="SelfTestAsync"/> passes.
/// A new plugin counts as running. Disposing the plugin disposes its recorder.
/// </remarks>
public abstract class HealthCheckablePluginBase : IHealthCheckablePlugin, IDisposable
{
    private volatile PluginLifecycle? _lifecycle;

    /// <summary>Creates the plugin and its recorder, on the system clock with a one-hour window.</summary>
    /// <param name="id">The plugin's stable, unique id, for example <c>v6-price-action-5m</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, empty, longer than 128 characters or holds control characters.</exception>
    protected HealthCheckablePluginBase(string id)
        : this(id, null, null)
    {
    }

    /// <summary>Creates the plugin and its recorder.</summary>
    /// <param name="id">The plugin's stable, unique id, for example <c>v6-price-action-5m</c>.</param>
    /// <param name="timeProvider">The recorder's clock; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="telemetryOptions">The recorder's window settings; default a one-hour window.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, empty, longer than 128 characters or holds control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="telemetryOptions"/> is out of range.</exception>
    protected HealthCheckablePluginBase(string id, TimeProvider? timeProvider, PluginTelemetryOptions? telemetryOptions = null)
    {
        if (PluginId.FindProblem(id) is { } problem)
        {
            throw new ArgumentException($"Plugin id '{PluginId.ForDisplay(id)}' is not valid: {problem}.", nameof(id));
        }

        Id = id;
        Telemetry = new PluginTelemetry(timeProvider, telemetryOptions, id);
        DbConnections = new DbConnectionTracker(timeProvider);
    }

    /// <summary>Gets the plugin's stable, unique id.</summary>
    /// <value>The id passed to the constructor.</value>
    public string Id { get; }

    /// <summary>Gets the plugin's recorder: call its <c>Record*</c> methods from the plugin's code.</summary>
    /// <value>Created by the constructor; never <see langword="null"/>.</value>
    public PluginTelemetry Telemetry { get; }

    /// <summary>
    /// Gets the plugin's database connection tracker: open connections through
    /// <c>DbConnections.Wrap(new SqliteConnection(…))</c> and <see cref="GetMetricsAsync"/> reports them
    /// in <see cref="PluginMetrics.Database"/>.
    /// </summary>
    /// <value>Created by the constructor, on the recorder's clock; reports nothing until a connection is wrapped.</value>
    public DbConnectionTracker DbConnections { get; }

    /// <summary>Gets whether the plugin was marked stopped with <see cref="MarkStopped"/> (and not running again since).</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool IsStopped => _lifecycle is { Stopped: true };

    /// <summary>Gets why the plugin was marked faulted, or <see langword="null"/> when it is not faulted.</summary>
    /// <value>Default <see langword="null"/>; at most 1,024 characters.</value>
    public string? FaultReason => _lifecycle?.FaultReason;

    /// <summary>
    /// Answers whether the plugin is running. By default: <see langword="true"/> unless it was marked
    /// stopped or faulted.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the monitor stops waiting for the answer.</param>
    /// <returns><see langword="true"/> when the plugin is running.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_lifecycle is null);
    }

    /// <summary>
    /// Reports the plugin's metrics. By default: <see cref="PluginTelemetry.ToMetrics"/> of <see cref="Telemetry"/>,
    /// with the figures of <see cref="DbConnections"/> once a connection has been wrapped.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the monitor stops waiting for the answer.</param>
    /// <returns>The plugin's metrics over the recorder's window.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var metrics = Telemetry.ToMetrics();
        var database = DbConnections.ToMetrics();
        return new(ReferenceEquals(database, PluginDatabaseMetrics.Unknown) ? metrics : metrics with { Database = database });
    }

    /// <summary>Runs the plugin's own functional check. By default it passes; override it to check what the plugin depends on.</summary>
    /// <param name="cancellationToken">Cancelled when the monitor stops waiting for the answer.</param>
    /// <returns>A passing result unless overridden.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(SelfTestResult.Pass());
    }

    /// <summary>Disposes the plugin's recorder (stops its clock timer).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Marks the plugin running again (after a restart): it is alive and no longer faulted.</summary>
    protected void MarkRunning() => _lifecycle = null;

    /// <summary>Marks the plugin stopped: <see cref="IsAliveAsync"/> answers <see langword="false"/> until <see cref="MarkRunning"/>.</summary>
    protected void MarkStopped() => _lifecycle = new PluginLifecycle(true, _lifecycle?.FaultReason);

    /// <summary>
    /// Marks the plugin faulted: <see cref="IsAliveAsync"/> answers <see langword="false"/> until
    /// <see cref="MarkRunning"/>, and <see cref="FaultReason"/> says why.
    /// </summary>
    /// <param name="reason">Why, for the operator; truncated to 1,024 characters.</param>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null, empty or white space.</exception>
    protected void MarkFaulted(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _lifecycle = new PluginLifecycle(
            _lifecycle?.Stopped ?? false,
            RecordedMessage.Truncate(reason, PluginTelemetryDefaults.MaxMessageLength));
    }

    /// <summary>
    /// Marks the plugin faulted by <paramref name="exception"/>, and records the exception as a
    /// <see cref="ErrorSeverity.Critical"/> error.
    /// </summary>
    /// <param name="exception">What faulted the plugin.</param>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    protected void MarkFaulted(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Telemetry.RecordError(exception, ErrorSeverity.Critical);
        MarkFaulted($"{exception.GetType().FullName}: {RecordedMessage.ReadMessage(exception)}");
    }

    /// <summary>Releases the recorder when <paramref name="disposing"/> is <see langword="true"/>.</summary>
    /// <param name="disposing"><see langword="true"/> from <see cref="Dispose()"/>; <see langword="false"/> from a finalizer.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Telemetry.Dispose();
        }
    }
}
