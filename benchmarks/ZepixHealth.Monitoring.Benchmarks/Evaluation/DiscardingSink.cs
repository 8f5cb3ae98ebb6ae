using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Benchmarks.Evaluation;

/// <summary>A sink that takes every notification and does nothing with it: the benchmarks measure what comes before.</summary>
internal sealed class DiscardingSink(string name) : IAlertSink
{
    public string Name { get; } = name;

    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
