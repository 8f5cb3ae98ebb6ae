using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.Soak;

/// <summary>
/// Collects each cycle's duration from the monitor's own "cycle completed" debug event (id 1003,
/// field ElapsedMs), so that the soak measures the real hosted service, not a copy of its loop.
/// </summary>
internal sealed class CycleTimings : ILoggerProvider
{
    private const int CycleCompletedEventId = 1003;

    public ConcurrentQueue<double> ElapsedMs { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CycleTimings owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != CycleCompletedEventId || state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                return;
            }

            foreach (var (key, value) in fields)
            {
                if (key == "ElapsedMs" && value is double ms)
                {
                    owner.ElapsedMs.Enqueue(ms);
                }
            }
        }
    }
}
