using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Watches the monitor itself, off the cycle's path: a timer of its own on the <see cref="TimeProvider"/>
/// checks when the latest cycle completed. When none has for <see cref="StallAfter"/>
/// (<c>CollectionInterval + CheckTimeout</c> + a margin), it logs a Critical entry and raises a
/// <c>monitor.stalled</c> alert on the <c>host</c> row through the outbox; it resolves it when cycles resume.
/// </summary>
/// <remarks>
/// It has an outbox writer of its own, so that a cycle stuck inside the alert stage does not hold it up;
/// a check that is still running (a slow store) makes the next tick skip rather than pile up.
/// </remarks>
internal sealed partial class MonitorWatchdog : IHostedService, IDisposable
{
    public const string RuleId = "monitor.stalled";

    // Room for a cycle's own work beyond its plugin calls (store, alerts, observers).
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    private readonly PluginHealthMonitor _monitor;
    private readonly AlertOutboxWriter _writer;
    private readonly AlertDispatcher? _dispatcher;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _checking = new(1, 1);
    private ITimer? _timer;
    private DateTimeOffset _startedAt;
    private HealthAlert? _open;
    private Task _lastCheck = Task.CompletedTask;

    public MonitorWatchdog(
        PluginHealthMonitor monitor,
        IAlertOutboxStore outbox,
        IReadOnlyList<string> sinkNames,
        AlertDispatcher? dispatcher,
        IOptions<PluginHealthOptions> options,
        TimeProvider timeProvider,
        ILogger<MonitorWatchdog> logger)
    {
        _monitor = monitor;
        _dispatcher = dispatcher;
        _timeProvider = timeProvider;
        _logger = logger;
        StallAfter = options.Value.CollectionInterval + options.Value.CheckTimeout + Margin;
        _writer = new AlertOutboxWriter(outbox, sinkNames, options.Value, timeProvider, logger);
    }

    /// <summary>Gets how long without a completed cycle counts as a stall.</summary>
    public TimeSpan StallAfter { get; }

    /// <summary>Gets the latest check the timer started (for tests).</summary>
    internal Task LastCheck => Volatile.Read(ref _lastCheck);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _startedAt = _timeProvider.GetUtcNow();
        var period = StallAfter / 4;
        _timer = _timeProvider.CreateTimer(_ => Volatile.Write(ref _lastCheck, CheckAsync()), null, period, period);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    // Synchronous: a host may dispose its container with Dispose(), which refuses async-only services.
    public void Dispose()
    {
        _timer?.Dispose();
        _checking.Dispose();
    }

    /// <summary>Compares the age of the latest completed cycle with <see cref="StallAfter"/>; raises or resolves.</summary>
    internal async Task CheckAsync()
    {
        if (!_checking.Wait(0))
        {
            return;
        }

        try
        {
            var now = _timeProvider.GetUtcNow();
            var last = _monitor.LastCycleCompletedAt ?? _startedAt;
            var stalled = now - last > StallAfter;
            if (stalled && _open is null)
            {
                _open = Raise(now, last);
                Log.Stalled(_logger, (now - last).TotalSeconds, last);
            }
            else if (!stalled && _open is { } open)
            {
                _open = null;
                Resolve(open, now);
                Log.Resumed(_logger, (now - open.RaisedAt).TotalSeconds);
            }

            var notify = _writer.HasUnsavedNotifications;
            if (_writer.HasUnsaved && await _writer.TrySaveAsync(CancellationToken.None).ConfigureAwait(false) && notify)
            {
                _dispatcher?.Signal();
            }
        }
        finally
        {
            _checking.Release();
        }
    }

    private HealthAlert Raise(DateTimeOffset now, DateTimeOffset last)
    {
        var alert = new HealthAlert
        {
            Id = Guid.CreateVersion7(now),
            PluginId = PluginId.HostRowId,
            RuleId = RuleId,
            Level = AlertLevel.Critical,
            Message = $"The health monitor has completed no cycle for {CollectionText.FormatDuration(now - last)} (since {OperatorTime.ClockTime(last, now)}); plugin health is not being checked.",
            Value = (now - last).TotalSeconds,
            Threshold = StallAfter.TotalSeconds,
            RaisedAt = now,
            SendCount = 1,
            LastSentAt = now,
        };
        _writer.Keep(alert);
        _writer.Enqueue([alert], now);
        return alert;
    }

    private void Resolve(HealthAlert open, DateTimeOffset now)
    {
        var resolved = open with
        {
            State = AlertState.Resolved,
            ResolvedAt = now,
            Message = $"Recovered: the health monitor completes cycles again, after a stall of {OperatorTime.Age(now - open.RaisedAt)}.",
            SendCount = open.SendCount + 1,
            LastSentAt = now,
        };
        _writer.Keep(resolved);
        _writer.Enqueue([resolved], now);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1104, Level = LogLevel.Critical, Message = "The health monitor has completed no cycle for {StalledSeconds:0} s (last at {LastCycle:O}): plugin health is not being checked")]
        public static partial void Stalled(ILogger logger, double stalledSeconds, DateTimeOffset lastCycle);

        [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "The health monitor completes cycles again after a stall of {StalledSeconds:0} s")]
        public static partial void Resumed(ILogger logger, double stalledSeconds);
    }
}
