using System.Collections.Concurrent;
using System.Diagnostics;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Diagnostics;

public class MonitoringTracingTests
{
    [Test]
    public async Task CollectOnceAsync_Listened_OneCycleActivityWithOneChildPerPlugin()
    {
        var harness = new MonitorHarness(null, new ScriptedPlugin("trace-a"), new ScriptedPlugin("trace-b"));
        using var recorder = new ActivityRecorder();

        await harness.CollectAsync();

        var cycle = recorder.Stopped.Should().ContainSingle(a => a.OperationName == "zepix.health.cycle").Subject;
        var children = recorder.Stopped.Where(a => a.OperationName == "zepix.health.collect").ToList();
        children.Select(a => a.GetTagItem("plugin.id")).Should().BeEquivalentTo(["trace-a", "trace-b"]);
        children.Should().OnlyContain(a => a.ParentSpanId == cycle.SpanId && a.TraceId == cycle.TraceId && a.Status == ActivityStatusCode.Unset);
        cycle.GetTagItem("zepix.health.plugins").Should().Be(2);
        cycle.GetTagItem("zepix.health.plugins.unhealthy").Should().Be(0);
    }

    [Test]
    public async Task CollectOnceAsync_PluginThrows_ChildHasErrorStatusAndExceptionEvent()
    {
        var thrower = new ScriptedPlugin("trace-throws") { Alive = _ => throw new InvalidOperationException("exchange gone") };
        var harness = new MonitorHarness(null, thrower, new ScriptedPlugin("trace-fine"));
        using var recorder = new ActivityRecorder();

        await harness.CollectAsync();

        var failed = recorder.Stopped.Single(a => (string?)a.GetTagItem("plugin.id") == "trace-throws");
        failed.Status.Should().Be(ActivityStatusCode.Error);
        failed.StatusDescription.Should().Contain("exchange gone");
        failed.GetTagItem("zepix.health.status").Should().Be("Dead");
        failed.Events.Should().ContainSingle(e => e.Name == "exception")
            .Which.Tags.Should().Contain(new KeyValuePair<string, object?>("exception.type", typeof(InvalidOperationException).FullName));
        recorder.Stopped.Single(a => (string?)a.GetTagItem("plugin.id") == "trace-fine").Status.Should().Be(ActivityStatusCode.Unset);
        recorder.Stopped.Single(a => a.OperationName == "zepix.health.cycle").GetTagItem("zepix.health.plugins.unhealthy").Should().Be(1);
    }

    [Test]
    public async Task CollectOnceAsync_PluginHangs_ChildHasErrorStatus()
    {
        var hung = new ScriptedPlugin("trace-hung") { Alive = async token => { await Task.Delay(Timeout.Infinite, token); return true; } };
        var harness = new MonitorHarness(null, hung);
        using var recorder = new ActivityRecorder();

        await harness.CollectAdvancingAsync(harness.Options.CheckTimeout);

        var child = recorder.Stopped.Single(a => a.OperationName == "zepix.health.collect");
        child.Status.Should().Be(ActivityStatusCode.Error);
        child.GetTagItem("zepix.health.status").Should().Be("Hung");
    }

    [Test]
    public async Task CollectOnceAsync_Cancelled_CycleActivityMarkedFailed()
    {
        var hung = new ScriptedPlugin("trace-cancelled") { Alive = async token => { await Task.Delay(Timeout.Infinite, token); return true; } };
        var harness = new MonitorHarness(null, hung);
        using var recorder = new ActivityRecorder();
        using var cts = new CancellationTokenSource();

        var cycle = harness.Monitor.CollectOnceAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        var act = () => cycle.WaitAsync(TimeSpan.FromSeconds(10));

        await act.Should().ThrowAsync<OperationCanceledException>();
        recorder.Stopped.Single(a => a.OperationName == "zepix.health.cycle").Status.Should().Be(ActivityStatusCode.Error);
    }

    [Test]
    public async Task CollectOnceAsync_NoListener_CreatesNoActivity()
    {
        var harness = new MonitorHarness(null, new ScriptedPlugin("trace-none"));

        await harness.CollectAsync();

        MonitoringDiagnostics.ActivitySource.HasListeners().Should().BeFalse();
    }

    /// <summary>A real <see cref="ActivityListener"/> on the source <c>ZepixHealth.Monitoring</c>.</summary>
    private sealed class ActivityRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<Activity> _stopped = new();

        public ActivityRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "ZepixHealth.Monitoring",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Stopped => [.. _stopped];

        public void Dispose() => _listener.Dispose();
    }
}
