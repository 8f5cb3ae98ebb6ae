using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring.Tests.Storage;

namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

[TestFixture]
public sealed class BaselineRestorerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Before = new(2026, 1, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly AnomalyDetectorSettings[] _settings = AnomalyDetectorSettings.ForEveryMetric(new AnomalyDetectionOptions(), Interval);
    private FakeTimeProvider _time = null!;
    private RecordingLogger<BaselineRestorer> _logger = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(Before);
        _logger = new RecordingLogger<BaselineRestorer>();
    }

    [Test]
    public async Task Request_HistoryInTheStore_ReplaysTwoDaysSoThatTheDetectorsJudgeAtOnce()
    {
        // Arrange: a calm latency every 30 s for the last two days.
        var reads = new ConcurrentQueue<(DateTimeOffset From, DateTimeOffset To)>();
        using var restorer = new BaselineRestorer(
            (id, from, to, _) =>
            {
                reads.Enqueue((from, to));
                return Task.FromResult(History(id, from, to));
            },
            Interval,
            _time,
            _logger);

        // Act
        restorer.Request("v3-combined", Before, _settings);
        await restorer.WhenIdleAsync().WaitAsync(Guard);

        // Assert: one bounded read that ends at the first live sample (not learned); warm, judging detectors.
        restorer.TryTakeRestored(out var restored).Should().BeTrue();
        restored.PluginId.Should().Be("v3-combined");
        restored.Samples.Should().Be(BaselineRestorer.MaxSamples);
        reads.Should().ContainSingle().Which.Should().Be((Before - TimeSpan.FromDays(2), Before));
        var observation = Observe(restored.Detectors!, 40);
        observation.IsJudged.Should().BeTrue("two days of history are past the warm-up");
        observation.IsAnomalous.Should().BeFalse();
        Observe(restored.Detectors!, 400).IsAnomalous.Should().BeTrue();
    }

    [Test]
    public async Task Request_FastCycle_ReplaysAtMostMaxSamplesCycles()
    {
        var reads = new ConcurrentQueue<(DateTimeOffset From, DateTimeOffset To)>();
        var interval = TimeSpan.FromSeconds(1);
        using var restorer = new BaselineRestorer(
            (_, from, to, _) =>
            {
                reads.Enqueue((from, to));
                return Task.FromResult<IReadOnlyList<PluginHealthSnapshot>>([]);
            },
            interval,
            _time,
            _logger);

        restorer.Request("p", Before, AnomalyDetectorSettings.ForEveryMetric(new AnomalyDetectionOptions(), interval));
        await restorer.WhenIdleAsync().WaitAsync(Guard);

        restorer.Span.Should().Be(interval * BaselineRestorer.MaxSamples);
        reads.First().From.Should().Be(Before - (interval * BaselineRestorer.MaxSamples));
        restorer.TryTakeRestored(out var restored).Should().BeTrue();
        restored.Detectors.Should().BeNull("an empty history rebuilds nothing");
    }

    [Test]
    public async Task Request_CyclesCloserThanTheInterval_ReplaysOnlyTheNewestMaxSamples()
    {
        // Arrange: twice as many rows as the interval allows; the newest half spikes.
        var rows = Enumerable.Range(0, 2 * BaselineRestorer.MaxSamples)
            .Select(i => Snapshots.WithValues("p", p95: i < BaselineRestorer.MaxSamples ? 40 : 400) with
            {
                Timestamp = Before - TimeSpan.FromDays(1) + (i * (TimeSpan.FromDays(1) / (2 * BaselineRestorer.MaxSamples))),
            })
            .ToList();
        using var restorer = new BaselineRestorer((_, _, _, _) => Task.FromResult<IReadOnlyList<PluginHealthSnapshot>>(rows), Interval, _time, _logger);

        // Act
        restorer.Request("p", Before, _settings);
        await restorer.WhenIdleAsync().WaitAsync(Guard);

        // Assert: the level learned is the newest rows' level.
        restorer.TryTakeRestored(out var restored).Should().BeTrue();
        restored.Samples.Should().Be(BaselineRestorer.MaxSamples);
        Observe(restored.Detectors!, 400).Expected.Should().BeApproximately(400, 1);
    }

    [Test]
    public async Task Request_StoreNeverAnswers_GivesUpAfterTheReadTimeoutAndLogsIt()
    {
        // Arrange: a store that hangs, ignoring cancellation.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timeout = TimeSpan.FromSeconds(5);
        using var restorer = new BaselineRestorer(
            (_, _, _, _) =>
            {
                started.TrySetResult();
                return new TaskCompletionSource<IReadOnlyList<PluginHealthSnapshot>>().Task;
            },
            Interval,
            _time,
            _logger,
            timeout);
        restorer.Request("v3-combined", Before, _settings);
        await started.Task.WaitAsync(Guard);
        var idle = restorer.WhenIdleAsync();

        // Act: just short of the timeout, then past it.
        _time.Advance(timeout - TimeSpan.FromMilliseconds(1));
        var beforeTimeout = idle.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await idle.WaitAsync(Guard);

        // Assert
        beforeTimeout.Should().BeFalse();
        restorer.TryTakeRestored(out var restored).Should().BeTrue();
        restored.Detectors.Should().BeNull();
        var logged = _logger.Entries.Should().ContainSingle(e => e.EventId == 2062).Which;
        logged.Level.Should().Be(LogLevel.Warning);
        logged.Message.Should().Contain("v3-combined");
        logged.Exception.Should().BeOfType<TimeoutException>().Which.Message.Should().Contain("00:00:05");
    }

    [Test]
    public async Task Request_StoreThrows_LogsAndRebuildsNothing()
    {
        using var restorer = new BaselineRestorer((_, _, _, _) => throw new InvalidOperationException("database is locked"), Interval, _time, _logger);

        restorer.Request("v3-combined", Before, _settings);
        await restorer.WhenIdleAsync().WaitAsync(Guard);

        restorer.TryTakeRestored(out var restored).Should().BeTrue();
        restored.Detectors.Should().BeNull();
        _logger.Entries.Should().ContainSingle(e => e.EventId == 2062).Which.Exception!.Message.Should().Be("database is locked");
    }

    [Test]
    public async Task Dispose_WhileAReadIsRunning_CancelsItAndLogsNothing()
    {
        // Arrange
        var token = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var restorer = new BaselineRestorer(
            (_, _, _, cancellationToken) =>
            {
                token.TrySetResult(cancellationToken);
                return Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ContinueWith<IReadOnlyList<PluginHealthSnapshot>>(_ => [], TaskScheduler.Default);
            },
            Interval,
            _time,
            _logger);
        restorer.Request("v3-combined", Before, _settings);
        var readToken = await token.Task.WaitAsync(Guard);

        // Act
        restorer.Dispose();

        // Assert
        readToken.IsCancellationRequested.Should().BeTrue();
        await restorer.WhenIdleAsync().WaitAsync(Guard);
        restorer.TryTakeRestored(out _).Should().BeFalse();
        _logger.Entries.Should().BeEmpty("stopping is not a failure");
    }

    private static IReadOnlyList<PluginHealthSnapshot> History(string pluginId, DateTimeOffset from, DateTimeOffset to)
    {
        var random = new Random(from.GetHashCode());
        var snapshots = new List<PluginHealthSnapshot>();
        for (var at = from; at <= to; at += Interval)
        {
            snapshots.Add(Snapshots.WithValues(pluginId, p95: 40 + (random.NextDouble() * 4)) with { Timestamp = at });
        }

        return snapshots;
    }

    private static AnomalyObservation Observe(PluginAnomalyDetectors detectors, double p95)
    {
        var results = new AnomalyObservation[AnomalyMetricExtensions.Count];
        detectors.Observe(Snapshots.WithValues(detectors.PluginId, p95: p95) with { Timestamp = Before }, results);
        return results[(int)AnomalyMetric.P95Latency];
    }
}
