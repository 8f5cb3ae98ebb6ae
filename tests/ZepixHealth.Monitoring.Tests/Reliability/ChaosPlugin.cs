namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>A plugin that follows a seeded script of <see cref="ChaosEpisode"/>s, one cycle at a time.</summary>
internal sealed class ChaosPlugin(string id, IReadOnlyList<ChaosEpisode> episodes, FakeTimeProvider time, BlockingCalls blocking) : IHealthCheckablePlugin
{
    /// <summary>How long a slow plugin takes to answer: beyond the 5 s check timeout, well within the 30 s interval.</summary>
    public static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(8);

    // 10 MB of text in one error message; one instance, shared.
    private static readonly string HugeMessage = new('x', 10 * 1024 * 1024);

    private ChaosEpisode? _current;
    private TaskCompletionSource<bool>? _hang;
    private DateTimeOffset _frozenActivity;
    private int _cycle;

    public string Id { get; } = id;

    public IReadOnlyList<ChaosEpisode> Episodes { get; } = episodes;

    public ChaosEpisode? Current => _current;

    /// <summary>Moves the script to <paramref name="cycle"/>; ends a released hang when its episode is over.</summary>
    public void BeginCycle(int cycle)
    {
        _cycle = cycle;
        var next = Episodes.FirstOrDefault(e => e.Contains(cycle));
        if (!ReferenceEquals(next, _current))
        {
            if (_current is { Kind: ChaosEpisodeKind.Hang })
            {
                // The deadlock clears: the abandoned call finally returns.
                _hang?.TrySetResult(true);
            }

            _hang = null;
            _frozenActivity = time.GetUtcNow() - TimeSpan.FromSeconds(30);
            _current = next;
        }
    }

    public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default)
    {
        switch (_current?.Kind)
        {
            case ChaosEpisodeKind.Hang or ChaosEpisodeKind.HangForever:
                // Never completes while the episode lasts, and ignores the token.
                _hang ??= new TaskCompletionSource<bool>();
                blocking.Entered();
                return new(_hang.Task);
            case ChaosEpisodeKind.Throws when _current.Variant % 2 == 0:
                throw new InvalidOperationException($"chaos: {Id} is broken");
            case ChaosEpisodeKind.Throws:
                return ValueTask.FromException<bool>(new IOException($"chaos: {Id} lost its connection"));
            case ChaosEpisodeKind.Slow:
                blocking.Entered();
                // Completes inside the clock advance that ends the delay, not later on the thread pool.
                return new(Task.Delay(SlowAnswer, time).ContinueWith(static _ => true, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
            case ChaosEpisodeKind.Flaps:
                return new((_cycle - _current.StartCycle) % 2 == 1);
            default:
                return new(true);
        }
    }

    public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_current is { Kind: ChaosEpisodeKind.Garbage } garbage)
        {
            return new((garbage.Variant % 4) switch
            {
                0 => null!,
                1 => Healthy(now) with { Performance = new PluginPerformanceMetrics { AvgExecutionTimeMs = double.NaN, P95ExecutionTimeMs = double.NaN, P99ExecutionTimeMs = double.PositiveInfinity } },
                2 => Healthy(now) with { Performance = new PluginPerformanceMetrics { P95ExecutionTimeMs = 12, SignalsProcessed1h = -5, OrdersPlaced1h = -1 }, Errors = new PluginErrorMetrics { TotalErrors = -3, ErrorRatePct = -1 } },
                _ => Healthy(now) with { Errors = new PluginErrorMetrics { TotalErrors = 1, CriticalErrors = 0, ErrorRatePct = 0.1, LastErrorMessage = HugeMessage, LastErrorTimestamp = now } },
            });
        }

        return new(_current is { Kind: ChaosEpisodeKind.Stale } ? Healthy(now) with { LastActivity = _frozenActivity } : Healthy(now));
    }

    public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => new(SelfTestResult.Pass());

    private static PluginMetrics Healthy(DateTimeOffset now) => new()
    {
        LastActivity = now,
        StartedAt = now.AddDays(-1),
        Performance = new PluginPerformanceMetrics { AvgExecutionTimeMs = 8, P95ExecutionTimeMs = 20, P99ExecutionTimeMs = 30, SignalsProcessed1h = 120, OrdersPlaced1h = 10 },
        Errors = new PluginErrorMetrics { TotalErrors = 0, CriticalErrors = 0, Warnings = 0, ErrorRatePct = 0 },
    };
}
