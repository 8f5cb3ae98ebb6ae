using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>Counts log events by id without keeping them, so that a simulated day costs no memory in logs.</summary>
internal sealed class CountingLoggerProvider : ILoggerProvider
{
    public ConcurrentDictionary<(LogLevel Level, int EventId), int> Counts { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Counter(this);

    public void Dispose()
    {
    }

    private sealed class Counter(CountingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Counts.AddOrUpdate((logLevel, eventId.Id), 1, static (_, n) => n + 1);
    }
}
