using System.Collections.Concurrent;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// A sink that fails a share of its calls and hangs on another share (until the dispatcher gives up
/// and cancels, as an HTTP client would), and records what it did receive.
/// </summary>
internal sealed class ChaosSink(string name, int seed, double failShare, double hangShare, FakeTimeProvider time, BlockingCalls blocking) : IAlertSink
{
    private readonly Random _random = new(seed);
    private readonly ConcurrentQueue<ChaosReceipt> _received = new();
    private int _calls;
    private int _failures;
    private int _hangs;

    public string Name { get; } = name;

    public IReadOnlyList<ChaosReceipt> Received => [.. _received];

    public int Calls => _calls;

    public int Failures => _failures;

    public int Hangs => _hangs;

    public async ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        // The dispatcher never calls one sink concurrently, so the Random is used by one thread at a time.
        _calls++;
        var roll = _random.NextDouble();
        if (roll < failShare)
        {
            _failures++;
            throw new HttpRequestException($"chaos: {Name} answered 502");
        }

        if (roll < failShare + hangShare)
        {
            _hangs++;
            blocking.Entered();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var now = time.GetUtcNow();
        foreach (var alert in notification.Alerts)
        {
            _received.Enqueue(new ChaosReceipt(notification.Id, alert.Id, alert.PluginId, alert.RuleId, alert.State, alert.Level, now));
        }
    }
}
