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
    private TaskCompletionSource<bool> _hang = new();

    public int Index { get; } = index;

    public void SetMode(int mode)
    {
        if (_mode == 2 && mode != 2)
        {
            // The deadlock clears: the abandoned call returns at last.
            _hang.TrySetResult(true);
            _hang = new TaskCompletionSource<bool>();
        }

        _mode = mode;
    }

    public override ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => _mode switch
    {
        1 => new(false),
        2 => new(_hang.Task), // deadlocked: ignores the token, as a real deadlock would
        _ => base.IsAliveAsync(cancellationToken),
    };
}
