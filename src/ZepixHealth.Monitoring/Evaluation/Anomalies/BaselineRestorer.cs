using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Rebuilds a plugin's anomaly detectors from its stored history when the evaluator first sees it (after a
/// restart, or a plugin loaded again), so the host neither warms up for an hour nor alerts on its first
/// sample. Works in the background, one plugin at a time: the cycle only queues a request and later picks
/// the rebuilt detectors up (<see cref="TryTakeRestored"/>), so it never waits on the disk.
/// </summary>
/// <remarks>
/// History is bounded per plugin: at most <see cref="MaxSpan"/> and <see cref="MaxSamples"/> cycles back,
/// in one read under its own timeout, one plugin at a time. A read that fails or times out is logged once
/// and the plugin keeps the detectors that warm up from live samples.
/// </remarks>
internal sealed partial class BaselineRestorer : IDisposable
{
    /// <summary>The most cycles of history replayed per plugin: two days at the default 30 s cycle.</summary>
    public const int MaxSamples = 5_760;

    /// <summary>The default time one read of the history may take.</summary>
    public static readonly TimeSpan DefaultReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest history replayed: the seasonal profile's memory, so that every hour of the day is seen
    /// twice, and the score histories hold what recurs.
    /// </summary>
    public static readonly TimeSpan MaxSpan = SeasonalProfile.Memory;

    private readonly Func<string, DateTimeOffset, DateTimeOffset, CancellationToken, Task<IReadOnlyList<PluginHealthSnapshot>>> _readHistory;
    private readonly TimeSpan _sampleInterval;
    private readonly TimeSpan _readTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<RestoreRequest> _requests = Channel.CreateUnbounded<RestoreRequest>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ConcurrentQueue<RestoredBaselines> _restored = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _worker;
    private int _outstanding;
    private TaskCompletionSource? _idle;

    /// <param name="readHistory">Reads a plugin's stored snapshots from a time to a time, both inclusive, oldest first (<c>IHealthStore.GetHistoryAsync</c>).</param>
    /// <param name="sampleInterval">The collection interval: how far apart the stored samples are.</param>
    /// <param name="timeProvider">Times each read out.</param>
    /// <param name="logger">Logs what was restored and what could not be.</param>
    /// <param name="readTimeout">How long one read may take; <see cref="DefaultReadTimeout"/> when <see langword="null"/>.</param>
    public BaselineRestorer(
        Func<string, DateTimeOffset, DateTimeOffset, CancellationToken, Task<IReadOnlyList<PluginHealthSnapshot>>> readHistory,
        TimeSpan sampleInterval,
        TimeProvider timeProvider,
        ILogger logger,
        TimeSpan? readTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(readHistory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleInterval, TimeSpan.Zero);
        _readHistory = readHistory;
        _sampleInterval = sampleInterval;
        _readTimeout = readTimeout ?? DefaultReadTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
        Span = sampleInterval * MaxSamples < MaxSpan ? sampleInterval * MaxSamples : MaxSpan;
    }

    /// <summary>How far back the history of a plugin is replayed: <see cref="MaxSpan"/>, or <see cref="MaxSamples"/> cycles when fewer.</summary>
    public TimeSpan Span { get; }

    /// <summary>Queues the rebuilding of <paramref name="pluginId"/>'s detectors from the history before <paramref name="before"/>.</summary>
    /// <param name="pluginId">The plugin first seen.</param>
    /// <param name="before">The time of its first live sample: the history read ends just before it.</param>
    /// <param name="settings">The settings of its detectors, one per metric.</param>
    /// <remarks>Called by the cycle, one call at a time.</remarks>
    public void Request(string pluginId, DateTimeOffset before, AnomalyDetectorSettings[] settings)
    {
        lock (_gate)
        {
            _outstanding++;
        }

        if (!_requests.Writer.TryWrite(new RestoreRequest(pluginId, before, settings)))
        {
            Finished(); // Disposed: nothing will be restored.
            return;
        }

        _worker ??= Task.Run(RunAsync);
    }

    /// <summary>Takes one finished restore, if any: rebuilt detectors, or none when the history was empty or unreadable.</summary>
    public bool TryTakeRestored(out RestoredBaselines restored) => _restored.TryDequeue(out restored!);

    /// <summary>Completes when every request queued so far has finished (for tests and diagnostics).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _outstanding == 0 ? Task.CompletedTask : (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>Stops the background work: a read in progress is cancelled, queued requests are dropped.</summary>
    public void Dispose()
    {
        _requests.Writer.TryComplete();
        _stopping.Cancel();
        lock (_gate)
        {
            _outstanding = 0;
            _idle?.TrySetResult();
            _idle = null;
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var request in _requests.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                var restored = await RestoreAsync(request, _stopping.Token).ConfigureAwait(false);
                _restored.Enqueue(restored);
                Finished();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: what was not restored warms up live, if anything still runs.
        }
    }

    private async Task<RestoredBaselines> RestoreAsync(RestoreRequest request, CancellationToken stopping)
    {
        var detectors = new PluginAnomalyDetectors(request.PluginId, request.Settings);
        var learned = 0;
        var from = request.Before - Span;
        try
        {
            // One read per plugin: at most MaxSamples rows when the cadence was kept, and most plugins
            // after a first start have none, which one index seek answers.
            var history = await ReadAsync(request.PluginId, from, request.Before, stopping).ConfigureAwait(false);

            // The newest MaxSamples rows when cycles ran closer than the interval.
            for (var i = Math.Max(0, history.Count - MaxSamples - 1); i < history.Count; i++)
            {
                // Both ends of a read are inclusive: the first live sample itself is not history.
                var snapshot = history[i];
                if (snapshot.Timestamp >= from && snapshot.Timestamp < request.Before && learned < MaxSamples)
                {
                    detectors.Learn(snapshot);
                    learned++;
                }
            }
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            Log.RestoreFailed(_logger, ex, request.PluginId);
            return new RestoredBaselines(request.PluginId, null, 0);
        }

        if (learned > 0)
        {
            Log.Restored(_logger, request.PluginId, learned, Span);
        }

        return new RestoredBaselines(request.PluginId, learned > 0 ? detectors : null, learned);
    }

    private async Task<IReadOnlyList<PluginHealthSnapshot>> ReadAsync(string pluginId, DateTimeOffset from, DateTimeOffset to, CancellationToken stopping)
    {
        // The timer starts before the read does, so a store that never answers is given up on after the timeout.
        using var timeout = new CancellationTokenSource(_readTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
        try
        {
            return await _readHistory(pluginId, from, to, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            throw new TimeoutException($"Reading the history of plugin '{pluginId}' from {from:O} to {to:O} took longer than {_readTimeout:c}.");
        }
    }

    private void Finished()
    {
        lock (_gate)
        {
            if (_outstanding > 0 && --_outstanding == 0)
            {
                _idle?.TrySetResult();
                _idle = null;
            }
        }
    }

    private readonly record struct RestoreRequest(string PluginId, DateTimeOffset Before, AnomalyDetectorSettings[] Settings);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2061, Level = LogLevel.Debug, Message = "Anomaly baselines of plugin {PluginId} rebuilt from {Samples} stored sample(s) of the last {Span}")]
        public static partial void Restored(ILogger logger, string pluginId, int samples, TimeSpan span);

        [LoggerMessage(EventId = 2062, Level = LogLevel.Warning, Message = "Could not rebuild the anomaly baselines of plugin {PluginId} from the store; they warm up from live samples")]
        public static partial void RestoreFailed(ILogger logger, Exception exception, string pluginId);
    }
}
