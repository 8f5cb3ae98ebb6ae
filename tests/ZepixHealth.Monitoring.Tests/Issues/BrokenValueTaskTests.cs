using System.Threading.Tasks.Sources;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Issues;

/// <summary>
/// Issue 12, part 2: a plugin's <see cref="ValueTask{TResult}"/> whose source throws from any member
/// (as a recycled pooled source does) made the whole cycle throw. It must make that plugin Dead with
/// the reason, and leave the other plugins reported as usual.
/// </summary>
public class BrokenValueTaskTests
{
    public enum Broken
    {
        GetStatus,
        OnCompleted,
        GetResultWhenCompleted,
        GetResultAfterContinuation,
        GetStatusOnSecondAsk,
    }

    [TestCase(Broken.GetStatus)]
    [TestCase(Broken.OnCompleted)]
    [TestCase(Broken.GetResultWhenCompleted)]
    [TestCase(Broken.GetResultAfterContinuation)]
    [TestCase(Broken.GetStatusOnSecondAsk)]
    public async Task CollectOnceAsync_IsAliveSourceThrows_ThatPluginIsDeadOthersHealthy(Broken broken)
    {
        // Arrange
        var healthy = new ScriptedPlugin("v6-price-action-1m");
        var other = new ScriptedPlugin("v6-price-action-5m");
        var harness = new MonitorHarness(null, healthy, new BrokenTaskPlugin("v3-combined", broken), other);

        // Act: twice, so that a broken source is survived every cycle, not once.
        var first = await harness.CollectAsync();
        var second = await harness.CollectAsync();

        // Assert
        foreach (var snapshots in new[] { first, second })
        {
            var dead = harness.Single(snapshots, "v3-combined");
            dead.Availability.Status.Should().Be(PluginHealthStatus.Dead);
            dead.Availability.Reason.Should().Contain("IsAliveAsync threw").And.Contain("recycled source");
            harness.Single(snapshots, "v6-price-action-1m").Availability.Status.Should().Be(PluginHealthStatus.Healthy);
            harness.Single(snapshots, "v6-price-action-5m").Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        }
    }

    /// <summary>A plugin that hands out a ValueTask over a real, broken <see cref="IValueTaskSource{TResult}"/>.</summary>
    private sealed class BrokenTaskPlugin(string id, Broken broken) : IHealthCheckablePlugin
    {
        public string Id { get; } = id;

        public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) =>
            new(new BrokenSource(broken), 0);

        public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new PluginMetrics());

        public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(SelfTestResult.Pass());
    }

    private sealed class BrokenSource(Broken broken) : IValueTaskSource<bool>
    {
        private int _statusAsks;

        public ValueTaskSourceStatus GetStatus(short token) => broken switch
        {
            Broken.GetStatus => throw Recycled(),
            Broken.GetStatusOnSecondAsk when ++_statusAsks > 1 => throw Recycled(),
            Broken.GetResultWhenCompleted => ValueTaskSourceStatus.Succeeded,
            _ => ValueTaskSourceStatus.Pending,
        };

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        {
            if (broken == Broken.OnCompleted)
            {
                throw Recycled();
            }

            // Completes at once; the result is then read through GetResult, which throws.
            continuation(state);
        }

        public bool GetResult(short token) => throw Recycled();

        private static InvalidOperationException Recycled() =>
            new("recycled source: the token does not match the current operation");
    }
}
