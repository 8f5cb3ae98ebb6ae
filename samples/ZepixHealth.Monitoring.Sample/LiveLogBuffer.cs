using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.Sample;

/// <summary>
/// Keeps the latest log lines for the live display to draw below its table: with the table drawn in
/// place, a line written straight to the terminal would tear it.
/// </summary>
internal sealed class LiveLogBuffer : ILoggerProvider
{
    private const int Capacity = 12;
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Raised after a line is added.</summary>
    public event Action? Changed;

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new BufferLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Capacity && _lines.TryDequeue(out _))
        {
        }

        Changed?.Invoke();
    }

    private sealed class BufferLogger(LiveLogBuffer buffer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = logLevel switch
            {
                LogLevel.Critical => "crit",
                LogLevel.Error => "fail",
                LogLevel.Warning => "warn",
                LogLevel.Information => "info",
                _ => "dbug",
            };
            var text = formatter(state, exception).ReplaceLineEndings(" ");
            buffer.Add($"{level}: {category.Split('.')[^1]}[{eventId.Id}] {text}");
        }
    }
}
