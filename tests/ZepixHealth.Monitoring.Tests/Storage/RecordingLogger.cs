using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>Keeps every log entry and lets a test await the n-th entry with a given event id, without polling or sleeping.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(int EventId, int Count, TaskCompletionSource<LogEntry> Completion)> _waiters = [];

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new LogEntry(logLevel, eventId.Id, formatter(state, exception), exception);
        List<TaskCompletionSource<LogEntry>> ready = [];
        lock (_gate)
        {
            Entries.Enqueue(entry);
            var seen = Entries.Count(e => e.EventId == eventId.Id);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].EventId == eventId.Id && seen >= _waiters[i].Count)
                {
                    ready.Add(_waiters[i].Completion);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var completion in ready)
        {
            completion.TrySetResult(entry);
        }
    }

    public IReadOnlyList<LogEntry> WithId(int eventId) => Entries.Where(e => e.EventId == eventId).ToList();

    /// <summary>Completes when at least <paramref name="count"/> entries with <paramref name="eventId"/> have been logged.</summary>
    public Task<LogEntry> WaitForAsync(int eventId, int count = 1)
    {
        var completion = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var matching = Entries.Where(e => e.EventId == eventId).ToList();
            if (matching.Count >= count)
            {
                return Task.FromResult(matching[count - 1]);
            }

            _waiters.Add((eventId, count, completion));
        }

        // A generous safety net only, so that a broken test fails instead of hanging; never used to synchronise.
        return completion.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
