namespace ZepixHealth.Monitoring;

/// <summary>What the monitor remembers about one plugin between cycles.</summary>
internal sealed class PluginState
{
    private SelfTestRecord? _selfTest;

    public PluginState(IHealthCheckablePlugin plugin, string id, TimeProvider timeProvider)
    {
        Plugin = plugin;
        Id = id;
        Checks = new GuardedCaller(timeProvider, CallWorkerPool.Cycle, continueOnWorker: true);
        Check = new PluginCheckCall(plugin);
        SelfTests = new GuardedCaller(timeProvider, CallWorkerPool.Background);
    }

    public IHealthCheckablePlugin Plugin { get; }

    public string Id { get; }

    /// <summary>Guards the check: <c>IsAliveAsync</c> and <c>GetMetricsAsync</c>, one after the other in one call.</summary>
    public GuardedCaller Checks { get; }

    /// <summary>Gets the plugin's check, made through <see cref="Checks"/>.</summary>
    public PluginCheckCall Check { get; }

    /// <summary>Gets or sets which call of the check did not answer in time, for the cycles that find it still running.</summary>
    public string? HungCall { get; set; }

    /// <summary>Guards <c>SelfTestAsync</c>, which runs beside the cycle.</summary>
    public GuardedCaller SelfTests { get; }

    /// <summary>Gets or sets when the next self-test is due; <see langword="null"/> means at once.</summary>
    public DateTimeOffset? NextSelfTestAt { get; set; }

    /// <summary>Gets or sets the self-test run started last (it completes once its result is recorded).</summary>
    public Task SelfTestRun { get; set; } = Task.CompletedTask;

    /// <summary>Gets or sets the last activity the plugin reported, kept for cycles in which it does not answer.</summary>
    public DateTimeOffset? LastHeartbeat { get; set; }

    /// <summary>Gets or sets the status of the previous cycle, to log changes only.</summary>
    public PluginHealthStatus? LastStatus { get; set; }

    /// <summary>Gets or sets the probe of the plugin's own process, once it has reported a <see cref="PluginMetrics.ProcessId"/>.</summary>
    public ProcessResourceProbe? ProcessProbe { get; set; }

    /// <summary>Gets the most recent completed self-test; written by the self-test task, read by the cycle.</summary>
    public SelfTestRecord? SelfTest
    {
        get => Volatile.Read(ref _selfTest);
        set => Volatile.Write(ref _selfTest, value);
    }
}
