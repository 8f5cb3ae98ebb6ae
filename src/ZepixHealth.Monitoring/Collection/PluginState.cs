namespace ZepixHealth.Monitoring;

/// <summary>What the monitor remembers about one plugin between cycles.</summary>
internal sealed class PluginState
{
    private readonly TimeProvider _timeProvider;
    private SelfTestRecord? _selfTest;
    private GuardedCaller? _selfTests;

    public PluginState(IHealthCheckablePlugin plugin, string id, TimeProvider timeProvider)
    {
        Plugin = plugin;
        Id = id;
        _timeProvider = timeProvider;
        Checks = new GuardedCaller(timeProvider, CallWorkerPool.Cycle, continueOnWorker: true);
        Check = new PluginCheckCall(plugin);
    }

    public IHealthCheckablePlugin Plugin { get; }

    public string Id { get; }

    /// <summary>Guards the check: <c>IsAliveAsync</c> and <c>GetMetricsAsync</c>, one after the other in one call.</summary>
    public GuardedCaller Checks { get; }

    /// <summary>Gets the plugin's check, made through <see cref="Checks"/>.</summary>
    public PluginCheckCall Check { get; }

    /// <summary>Gets or sets which call of the check did not answer in time, for the cycles that find it still running.</summary>
    public string? HungCall { get; set; }

    /// <summary>Guards <c>SelfTestAsync</c>, which runs beside the cycle. Made by the cycle at the plugin's first self-test.</summary>
    /// <remarks>
    /// Created then, not with the state: a large host starts its first self-tests over several cycles
    /// (<see cref="SelfTestScheduler"/>), and its first cycle need not build a caller per plugin.
    /// </remarks>
    public GuardedCaller SelfTests
    {
        get
        {
            if (_selfTests is null)
            {
                Volatile.Write(ref _selfTests, new GuardedCaller(_timeProvider, CallWorkerPool.Background));
            }

            return _selfTests;
        }
    }

    /// <summary>Gets whether an abandoned self-test is still running; read from any thread.</summary>
    public bool IsSelfTestRunning => Volatile.Read(ref _selfTests)?.IsRunning == true;

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
