namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class TelemetryMetricsBuilderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Build_EmptySummary_FiguresWithNothingToMeasureAreNull()
    {
        var metrics = Build(default);

        metrics.Performance.AvgExecutionTimeMs.Should().BeNull();
        metrics.Performance.P95ExecutionTimeMs.Should().BeNull();
        metrics.Performance.SignalAccuracyPct.Should().BeNull();
        metrics.Performance.WinRatePct.Should().BeNull();
        metrics.Errors.ErrorRatePct.Should().BeNull();
        metrics.Errors.TotalErrors.Should().Be(0);
        metrics.CpuUsagePct.Should().BeNull();
        metrics.AllocatedBytes.Should().BeNull();
    }

    [Test]
    public void Build_Latencies_InMilliseconds()
    {
        var summary = new TelemetryWindowSummary(
            ExecutionCount: 4, ExecutionTicksSum: 4 * 25_000, P50Ticks: 20_000, P95Ticks: 50_000, P99Ticks: 90_000,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        var performance = Build(summary).Performance;

        performance.AvgExecutionTimeMs.Should().Be(2.5);
        performance.P50ExecutionTimeMs.Should().Be(2);
        performance.P95ExecutionTimeMs.Should().Be(5);
        performance.P99ExecutionTimeMs.Should().Be(9);
    }

    [Test]
    public void Build_Counts_RatesAndTotals()
    {
        var summary = new TelemetryWindowSummary(
            0, 0, null, null, null,
            Signals: 12, Orders: 3, SignalOutcomes: 4, ProfitableSignals: 3, Trades: 5, Wins: 2,
            Operations: 200, Errors: 5, CriticalErrors: 1, Warnings: 7);

        var metrics = Build(summary);

        metrics.Performance.SignalsProcessed1h.Should().Be(12);
        metrics.Performance.OrdersPlaced1h.Should().Be(3);
        metrics.Performance.SignalAccuracyPct.Should().Be(75);
        metrics.Performance.WinRatePct.Should().Be(40);
        metrics.Errors.ErrorRatePct.Should().Be(2.5);
        metrics.Errors.CriticalErrors.Should().Be(1);
        metrics.Errors.Warnings.Should().Be(7);
    }

    [Test]
    public void Percentage_PartLargerThanWhole_CappedAt100()
    {
        TelemetryMetricsBuilder.Percentage(9, 3).Should().Be(100);
        TelemetryMetricsBuilder.Percentage(1, 0).Should().BeNull();
    }

    [Test]
    public void Build_CpuAndAllocationsMeasured_CpuIsShareOfTheWindow()
    {
        var summary = new TelemetryWindowSummary(
            0, 0, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            CpuTicks: TimeSpan.FromSeconds(6).Ticks, AllocatedBytes: 1024, WindowTicks: TimeSpan.FromMinutes(1).Ticks);

        var metrics = TelemetryMetricsBuilder.Build(summary, Start, Start, null, cpuMeasured: true, allocationsMeasured: true);

        metrics.CpuUsagePct.Should().BeApproximately(10, 1e-9);
        metrics.AllocatedBytes.Should().Be(1024);
    }

    [Test]
    public void Build_LastError_CopiedIntoErrorsWithTimesAsGiven()
    {
        var error = new RecordedMessage("boom", "System.InvalidOperationException", Start.AddMinutes(2));

        var metrics = TelemetryMetricsBuilder.Build(default, Start, Start.AddMinutes(3), error, cpuMeasured: false, allocationsMeasured: false);

        metrics.StartedAt.Should().Be(Start);
        metrics.LastActivity.Should().Be(Start.AddMinutes(3));
        metrics.Errors.LastErrorMessage.Should().Be("boom");
        metrics.Errors.LastErrorType.Should().Be("System.InvalidOperationException");
        metrics.Errors.LastErrorTimestamp.Should().Be(Start.AddMinutes(2));
    }

    private static PluginMetrics Build(TelemetryWindowSummary summary) =>
        TelemetryMetricsBuilder.Build(summary, Start, Start, lastError: null, cpuMeasured: false, allocationsMeasured: false);
}
