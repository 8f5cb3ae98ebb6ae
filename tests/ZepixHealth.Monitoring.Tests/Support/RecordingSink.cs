using System.Collections.Concurrent;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>A sink that keeps what it receives, and can be told to fail or hang.</summary>
internal sealed class RecordingSink(string name) : IAlertSink
{
    private readonly ConcurrentQueue<AlertNotification> _received = new();
    private int _calls;

    public string Name { get; } = name;

    public Func<AlertNotification, CancellationToken, ValueTask>? Behaviour { get; set; }

    public IReadOnlyList<AlertNotification> Received => [.. _received];

    public IReadOnlyList<HealthAlert> ReceivedAlerts => [.. _received.SelectMany(n => n.Alerts)];

    public int Calls => Volatile.Read(ref _calls);

    public async ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Behaviour is { } behaviour)
        {
            await behaviour(notification, cancellationToken);
        }

        _received.Enqueue(notification);
    }
}
