namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class HealthCheckablePluginBaseTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _clock = null!;
    private TestPlugin _plugin = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _plugin = new TestPlugin("v6-price-action-5m", _clock);
    }

    [TearDown]
    public void TearDown() => _plugin.Dispose();

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("bad\nid")]
    public void Ctor_InvalidId_ThrowsArgumentException(string? id)
    {
        var act = () => new TestPlugin(id!, _clock);

        act.Should().Throw<ArgumentException>().WithParameterName("id");
    }

    [Test]
    public void Ctor_IdTooLong_ThrowsArgumentException()
    {
        var act = () => new TestPlugin(new string('p', 129), _clock);

        act.Should().Throw<ArgumentException>().WithMessage("*129 characters*");
    }

    [Test]
    public void Ctor_InvalidTelemetryOptions_ThrowsArgumentOutOfRange()
    {
        var act = () => new TestPlugin("p", _clock, new PluginTelemetryOptions { Window = TimeSpan.Zero });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Window*");
    }

    [Test]
    public void Ctor_ValidId_ExposesIdAndRecorderOnTheGivenClock()
    {
        _plugin.Id.Should().Be("v6-price-action-5m");
        _plugin.Telemetry.StartedAt.Should().Be(Start);
        _plugin.IsStopped.Should().BeFalse();
        _plugin.FaultReason.Should().BeNull();
    }

    [Test]
    public async Task IsAliveAsync_NewPlugin_True()
    {
        (await _plugin.IsAliveAsync()).Should().BeTrue();
    }

    [Test]
    public async Task IsAliveAsync_MarkedStopped_FalseUntilMarkedRunning()
    {
        _plugin.Stop();

        (await _plugin.IsAliveAsync()).Should().BeFalse();
        _plugin.IsStopped.Should().BeTrue();

        _plugin.Restart();

        (await _plugin.IsAliveAsync()).Should().BeTrue();
        _plugin.IsStopped.Should().BeFalse();
    }

    [Test]
    public async Task IsAliveAsync_MarkedFaulted_FalseWithReason()
    {
        _plugin.Fault("exchange session lost");

        (await _plugin.IsAliveAsync()).Should().BeFalse();
        _plugin.FaultReason.Should().Be("exchange session lost");
    }

    [Test]
    public async Task MarkFaulted_StoppedPluginFaulted_StaysStoppedAndFaulted()
    {
        _plugin.Stop();
        _plugin.Fault("crashed while stopping");

        (await _plugin.IsAliveAsync()).Should().BeFalse();
        _plugin.IsStopped.Should().BeTrue();
        _plugin.FaultReason.Should().Be("crashed while stopping");
    }

    [Test]
    public void MarkFaulted_HugeReason_TruncatedTo1024Characters()
    {
        _plugin.Fault(new string('r', 100_000));

        _plugin.FaultReason.Should().HaveLength(1024);
    }

    [Test]
    public void MarkFaulted_BlankReason_Throws()
    {
        var act = () => _plugin.Fault(" ");

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public async Task MarkFaulted_Exception_RecordedAsCriticalErrorAndReasonNamesIt()
    {
        _plugin.Fault(new InvalidOperationException("order book corrupt"));

        var metrics = await _plugin.GetMetricsAsync();

        _plugin.FaultReason.Should().Be("System.InvalidOperationException: order book corrupt");
        metrics.Errors.CriticalErrors.Should().Be(1);
        metrics.Errors.LastErrorType.Should().Be("System.InvalidOperationException");
        (await _plugin.IsAliveAsync()).Should().BeFalse();
    }

    [Test]
    public async Task GetMetricsAsync_Default_ReportsTheRecorder()
    {
        _plugin.Telemetry.RecordSignal();
        _plugin.Telemetry.RecordOrder();
        _plugin.Telemetry.RecordExecution(TimeSpan.FromMilliseconds(8));

        var metrics = await _plugin.GetMetricsAsync();

        metrics.Performance.SignalsProcessed1h.Should().Be(1);
        metrics.Performance.OrdersPlaced1h.Should().Be(1);
        metrics.Performance.AvgExecutionTimeMs.Should().Be(8);
        metrics.StartedAt.Should().Be(Start);
    }

    [Test]
    public async Task GetMetricsAsync_Overridden_CanAddFiguresWithWith()
    {
        using var plugin = new PluginWithDatabase(_clock);
        plugin.Telemetry.RecordSignal();

        var metrics = await plugin.GetMetricsAsync();

        metrics.Database.ActiveConnections.Should().Be(3);
        metrics.Performance.SignalsProcessed1h.Should().Be(1);
    }

    [Test]
    public async Task SelfTestAsync_Default_Passes()
    {
        (await _plugin.SelfTestAsync()).Passed.Should().BeTrue();
    }

    [Test]
    public async Task SelfTestAsync_Overridden_ReportsTheOverride()
    {
        using var plugin = new PluginWithDatabase(_clock);

        var result = await plugin.SelfTestAsync();

        result.Passed.Should().BeFalse();
        result.Message.Should().Be("database unreachable");
    }

    [Test]
    public async Task Calls_CancelledToken_ThrowOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await FluentActions.Awaiting(() => _plugin.IsAliveAsync(cts.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => _plugin.GetMetricsAsync(cts.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => _plugin.SelfTestAsync(cts.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task Dispose_Called_StopsTheRecordersClock()
    {
        using var running = new TestPlugin("running", _clock);
        _plugin.Dispose();

        _clock.Advance(TimeSpan.FromSeconds(30));
        _plugin.Telemetry.Heartbeat();
        running.Telemetry.Heartbeat();

        (await _plugin.GetMetricsAsync()).LastActivity.Should().Be(Start, "no tick moved the disposed recorder's coarse clock");
        (await running.GetMetricsAsync()).LastActivity.Should().Be(Start + TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task HealthCheckablePluginBase_RegisteredInRegistry_IsAnIHealthCheckablePlugin()
    {
        IHealthCheckablePlugin plugin = _plugin;

        plugin.Id.Should().Be(_plugin.Id);
        (await plugin.IsAliveAsync()).Should().BeTrue();
    }

    private class TestPlugin : HealthCheckablePluginBase
    {
        public TestPlugin(string id, TimeProvider clock, PluginTelemetryOptions? options = null)
            : base(id, clock, options)
        {
        }

        public void Stop() => MarkStopped();

        public void Restart() => MarkRunning();

        public void Fault(string reason) => MarkFaulted(reason);

        public void Fault(Exception exception) => MarkFaulted(exception);
    }

    private sealed class PluginWithDatabase : TestPlugin
    {
        public PluginWithDatabase(TimeProvider clock)
            : base("with-database", clock)
        {
        }

        public override async ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default)
        {
            var metrics = await base.GetMetricsAsync(cancellationToken);
            return metrics with { Database = new PluginDatabaseMetrics { ActiveConnections = 3, MaxConnections = 10 } };
        }

        public override ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) =>
            new(SelfTestResult.Fail("database unreachable"));
    }
}
