using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Collection;

[TestFixture]
public sealed class MetricsSanitizerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    private static readonly PluginPerformanceMetrics ValidPerformance = new()
    {
        AvgExecutionTimeMs = 12.5,
        P50ExecutionTimeMs = 10,
        P95ExecutionTimeMs = 40,
        P99ExecutionTimeMs = 90,
        SignalsProcessed1h = 1200,
        OrdersPlaced1h = 30,
        SignalAccuracyPct = 100,
        WinRatePct = 0,
    };

    private static readonly PluginErrorMetrics ValidErrors = new()
    {
        TotalErrors = 5,
        CriticalErrors = 1,
        Warnings = 3,
        ErrorRatePct = 2.5,
        LastErrorMessage = "order rejected",
        LastErrorType = "InvalidOperationException",
        LastErrorTimestamp = Now - TimeSpan.FromMinutes(1),
    };

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(-1.0)]
    public void Sanitize_PerformanceLatencyNotAFiniteNonNegativeNumber_BecomesNullWithOneFault(double bad)
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Sanitize(ValidPerformance with { P95ExecutionTimeMs = bad }, ref faults);

        result.P95ExecutionTimeMs.Should().BeNull();
        result.Should().Be(ValidPerformance with { P95ExecutionTimeMs = null }, "the other figures pass unchanged");
        faults.ToReadOnlyList().Should().ContainSingle().Which.Should().Contain("Performance.P95ExecutionTimeMs");
    }

    [TestCase(100.5)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Sanitize_PerformancePercentageOutsideZeroToHundred_BecomesNullWithOneFault(double bad)
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Sanitize(ValidPerformance with { WinRatePct = bad }, ref faults);

        result.WinRatePct.Should().BeNull();
        result.SignalAccuracyPct.Should().Be(100);
        faults.ToReadOnlyList().Should().ContainSingle().Which.Should().Contain("Performance.WinRatePct");
    }

    [Test]
    public void Sanitize_SeveralBadPerformanceFigures_OneFaultEach()
    {
        var faults = default(FaultList);
        var bad = ValidPerformance with { AvgExecutionTimeMs = double.NaN, SignalsProcessed1h = -3, OrdersPlaced1h = -1, SignalAccuracyPct = 101 };

        var result = MetricsSanitizer.Sanitize(bad, ref faults);

        result.AvgExecutionTimeMs.Should().BeNull();
        result.SignalsProcessed1h.Should().BeNull();
        result.OrdersPlaced1h.Should().BeNull();
        result.SignalAccuracyPct.Should().BeNull();
        result.P95ExecutionTimeMs.Should().Be(40);
        faults.ToReadOnlyList().Should().HaveCount(4);
    }

    [Test]
    public void Sanitize_ValidPerformance_IsPassedThroughWithoutACopyOrFault()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Sanitize(ValidPerformance, ref faults);

        result.Should().BeSameAs(ValidPerformance);
        faults.Any.Should().BeFalse();
    }

    [Test]
    public void Sanitize_NullPerformance_IsUnknownWithOneFault()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Sanitize((PluginPerformanceMetrics?)null, ref faults);

        result.Should().BeSameAs(PluginPerformanceMetrics.Unknown);
        faults.ToReadOnlyList().Should().ContainSingle();
    }

    [Test]
    public void Sanitize_ValidErrors_IsPassedThroughWithoutACopyOrFault()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Sanitize(ValidErrors, Now, ref faults);

        result.Should().BeSameAs(ValidErrors);
        faults.Any.Should().BeFalse();
    }

    [Test]
    public void Sanitize_NullErrors_IsUnknownWithOneFault()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Sanitize((PluginErrorMetrics?)null, Now, ref faults);

        result.Should().BeSameAs(PluginErrorMetrics.Unknown);
        faults.ToReadOnlyList().Should().ContainSingle();
    }

    [TestCase(150.0)]
    [TestCase(-5.0)]
    [TestCase(double.NaN)]
    public void Sanitize_ErrorRateOutsideZeroToHundred_BecomesNullWithOneFault(double bad)
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Sanitize(ValidErrors with { ErrorRatePct = bad }, Now, ref faults);

        result.ErrorRatePct.Should().BeNull();
        result.Should().Be(ValidErrors with { ErrorRatePct = null });
        faults.ToReadOnlyList().Should().ContainSingle().Which.Should().Contain("Errors.ErrorRatePct");
    }

    [Test]
    public void Sanitize_NegativeErrorCounts_BecomeNullWithOneFaultEach()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Sanitize(ValidErrors with { TotalErrors = -1, Warnings = -7 }, Now, ref faults);

        result.TotalErrors.Should().BeNull();
        result.Warnings.Should().BeNull();
        result.CriticalErrors.Should().Be(1);
        faults.ToReadOnlyList().Should().HaveCount(2);
    }

    [Test]
    public void Sanitize_MoreCriticalErrorsThanErrors_BothBecomeNullWithOneFault()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Sanitize(ValidErrors with { TotalErrors = 2, CriticalErrors = 3 }, Now, ref faults);

        result.TotalErrors.Should().BeNull();
        result.CriticalErrors.Should().BeNull();
        faults.ToReadOnlyList().Should().ContainSingle().Which.Should().Contain("exceeds");
    }

    [Test]
    public void Sanitize_LastErrorInTheFuture_IsRejectedWithOneFault()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Sanitize(ValidErrors with { LastErrorTimestamp = Now + TimeSpan.FromHours(1) }, Now, ref faults);

        result.LastErrorTimestamp.Should().BeNull();
        result.LastErrorMessage.Should().Be("order rejected");
        faults.ToReadOnlyList().Should().ContainSingle().Which.Should().Contain("in the future");
    }

    [Test]
    public void NotInFuture_WithinAFewSecondsOfClockSkew_IsKept()
    {
        var faults = default(FaultList);
        var slightlyAhead = Now + TimeSpan.FromSeconds(5);

        var result = MetricsSanitizer.NotInFuture(slightlyAhead, Now, "LastActivity", ref faults);

        result.Should().Be(slightlyAhead);
        faults.Any.Should().BeFalse();
    }

    [Test]
    public void NotInFuture_LaterThanTheSlack_IsNullWithOneFaultNamingTheField()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.NotInFuture(Now + TimeSpan.FromSeconds(6), Now, "LastActivity", ref faults);

        result.Should().BeNull();
        faults.ToReadOnlyList().Should().ContainSingle().Which.Should().StartWith("LastActivity");
    }

    [Test]
    public void Sanitize_LongErrorTexts_AreCutWithOneFaultEach()
    {
        var faults = default(FaultList);
        var message = new string('m', 10 * 1024 * 1024);
        var type = new string('T', 1000);

        var result = MetricsSanitizer.Sanitize(ValidErrors with { LastErrorMessage = message, LastErrorType = type }, Now, ref faults);

        result.LastErrorMessage.Should().HaveLength(PluginHealthDefaults.MaxTextLength).And.EndWith("…");
        result.LastErrorType.Should().HaveLength(256).And.EndWith("…");
        faults.ToReadOnlyList().Should().HaveCount(2);
    }

    [Test]
    public void Truncate_TextAtTheLimit_IsKeptAsItIs()
    {
        var faults = default(FaultList);
        var text = new string('x', 20);

        var result = MetricsSanitizer.Truncate(text, 20, "Message", ref faults);

        result.Should().BeSameAs(text);
        faults.Any.Should().BeFalse();
    }

    [Test]
    public void Truncate_TextOverTheLimit_KeepsItsStartAndEndsWithAnEllipsis()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Truncate("abcdefghij", 5, "Message", ref faults);

        result.Should().Be("abcd…");
        faults.ToReadOnlyList().Should().ContainSingle().Which.Should().Contain("Message was 10 characters long");
    }

    [Test]
    public void Resources_ValidFigures_PassUnchanged()
    {
        var faults = default(FaultList);
        var metrics = new PluginMetrics
        {
            MemoryUsageMb = 321.5,
            CpuUsagePct = 250, // several cores
            AllocatedBytes = 1_000_000,
            Database = new PluginDatabaseMetrics { ActiveConnections = 3, MaxConnections = 10, AvgQueryTimeMs = 4.2 },
        };

        var result = MetricsSanitizer.Resources(metrics, ref faults);

        result.MemoryUsageMb.Should().Be(321.5);
        result.CpuUsagePct.Should().Be(250, "above 100 % of one core is real on several cores");
        result.AllocatedBytes.Should().Be(1_000_000);
        result.DbConnectionsActive.Should().Be(3);
        result.DbConnectionsMax.Should().Be(10);
        result.DbQueryTimeAvgMs.Should().Be(4.2);
        faults.Any.Should().BeFalse();
    }

    [Test]
    public void Resources_NaNInfiniteAndNegativeFigures_BecomeNullWithOneFaultEach()
    {
        var faults = default(FaultList);
        var metrics = new PluginMetrics
        {
            MemoryUsageMb = double.NaN,
            CpuUsagePct = -3,
            AllocatedBytes = 42,
            Database = new PluginDatabaseMetrics { ActiveConnections = -1, MaxConnections = 10, AvgQueryTimeMs = double.PositiveInfinity },
        };

        var result = MetricsSanitizer.Resources(metrics, ref faults);

        result.MemoryUsageMb.Should().BeNull();
        result.CpuUsagePct.Should().BeNull();
        result.DbConnectionsActive.Should().BeNull();
        result.DbQueryTimeAvgMs.Should().BeNull();
        result.AllocatedBytes.Should().Be(42);
        result.DbConnectionsMax.Should().Be(10);
        faults.ToReadOnlyList().Should().HaveCount(4);
    }

    [Test]
    public void Resources_NothingKnown_IsUnknown()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Resources(new PluginMetrics(), ref faults);

        result.Should().BeSameAs(PluginResourceMetrics.Unknown);
        faults.Any.Should().BeFalse();
    }

    [Test]
    public void Resources_NullDatabase_IsTreatedAsUnknownWithOneFault()
    {
        var faults = default(FaultList);

        var result = MetricsSanitizer.Resources(new PluginMetrics { MemoryUsageMb = 10, Database = null! }, ref faults);

        result.MemoryUsageMb.Should().Be(10);
        result.DbConnectionsActive.Should().BeNull();
        faults.ToReadOnlyList().Should().ContainSingle().Which.Should().Contain("Database");
    }
}
