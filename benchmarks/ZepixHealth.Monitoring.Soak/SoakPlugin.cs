using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Soak;

/// <summary>
/// A plugin for the soak: records work like a real one; one in <see cref="MisbehaveEvery"/> also
/// dies, hangs or errors for a while, so that the alert path and the outbox do real work.
/// </summary>
internal sealed class SoakPlugin(string id, int index) : HealthCheckablePluginBase(id)
{
    public const int MisbehaveEvery = 50;

    private volatile int _mode; // 0 healthy, 1 dead, 2 hangs

    public int Index { get; } = index;

    public void SetMode(int mode) => _mode = mode;

    public override ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => _mode switch
    {
        1 => new(false),
        2 => new(Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => true, TaskScheduler.Default)),
        _ => base.IsAliveAsync(cancellationToken),
    };
}
