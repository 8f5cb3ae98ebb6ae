namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed partial class PluginTelemetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _clock = null!;
    private PluginTelemetry _telemetry = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _telemetry = new PluginTelemetry(_clock);
    }

    [TearDown]
    public void TearDown() => _telemetry.Dispose();

    public static IEnumerable<TestCaseData> RecordCalls()
    {
        yield return new TestCaseData((Action<PluginTelemetry>)(t => t.RecordExecution(TimeSpan.FromMilliseconds(3)))).SetArgDisplayNames("RecordExecution");
        yield return new TestCaseData((Action<PluginTelemetry>)(t => t.MeasureExecution().Dispose())).SetArgDisplayNames("MeasureExecution");
        yield return new TestCaseData((Action<PluginTelemetry>)(t => t.RecordSignal())).SetArgDisplayNames("RecordSignal");
        yield return new TestCaseData((Action<PluginTelemetry>)(t => t.RecordOrder())).SetArgDisplayNames("RecordOrder");
        yield return new TestCaseData((Action<PluginTelemetry>)(t => t.RecordSignalOutcome(false))).SetArgDisplayNames("RecordSignalOutcome");
        yield return new TestCaseData((Action<PluginTelemetry>)(t => t.RecordTradeOutcome(true))).SetArgDisplayNames("RecordTradeOutcome");
        yield return new TestCaseData((Action<PluginTelemetry>)(t => t.RecordOperation())).SetArgDisplayNames("RecordOperation");
        yield return new TestCaseData((Action<PluginTelemetry>)(t => t.RecordError(new InvalidOperationException("x"), ErrorSeverity.Error))).SetArgDisplayNames("RecordError");
        yield return new TestCaseData((Action<PluginTelemetry>)(t => t.RecordWarning("w"))).SetArgDisplayNames("RecordWarning");
        yield return new TestCaseData((Action<PluginTelemetry>)(t => t.Heartbeat())).SetArgDisplayNames("Heartbeat");
    }

    [Test]
    public void ToMetrics_NothingRecorded_UnknownFiguresAreNullAndCountsZero()
    {
        var metrics = _telemetry.ToMetrics();

        metrics.StartedAt.Should().Be(Start);
        metrics.LastActivity.Should().Be(Start, "until the first record call the start is the last known activity");
        metrics.Performance.AvgExecutionTimeMs.Should().BeNull();
        metrics.Performance.P50ExecutionTimeMs.Should().BeNull();
        metrics.Performance.P95ExecutionTimeMs.Should().BeNull();
        metrics.Performance.P99ExecutionTimeMs.Should().BeNull();
        metrics.Performance.SignalAccuracyPct.Should().BeNull();
        metrics.Performance.WinRatePct.Should().BeNull();
        metrics.Performance.SignalsProcessed1h.Should().Be(0);
        metrics.Performance.OrdersPlaced1h.Should().Be(0);
        metrics.Errors.ErrorRatePct.Should().BeNull();
        metrics.Errors.TotalErrors.Should().Be(0);
        metrics.Errors.CriticalErrors.Should().Be(0);
        metrics.Errors.Warnings.Should().Be(0);
        metrics.Errors.LastErrorMessage.Should().BeNull();
        metrics.Errors.LastErrorType.Should().BeNull();
        metrics.Errors.LastErrorTimestamp.Should().BeNull();
    }

    [Test]
    public void RecordExecution_SeveralValues_AverageExactAndPercentilesInMilliseconds()
    {
        _telemetry.RecordExecution(TimeSpan.FromMilliseconds(10));
        _telemetry.RecordExecution(TimeSpan.FromMilliseconds(20));
        _telemetry.RecordExecution(TimeSpan.FromMilliseconds(60));

        var performance = _telemetry.ToMetrics().Performance;

        performance.AvgExecutionTimeMs.Should().Be(30);
        performance.P50ExecutionTimeMs.Should().BeApproximately(20, 20 * 0.02);
        performance.P95ExecutionTimeMs.Should().BeApproximately(60, 60 * 0.02);
        performance.P99ExecutionTimeMs.Should().BeApproximately(60, 60 * 0.02);
    }

    [Test]
    public void RecordExecution_Negative_ThrowsAndRecordsNothing()
    {
        var act = () => _telemetry.RecordExecution(TimeSpan.FromTicks(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("elapsed");
        _telemetry.Summarize().ExecutionCount.Should().Be(0);
    }

    [Test]
    public void RecordExecution_LongerThanTrackedRange_AverageStaysExact()
    {
        _telemetry.RecordExecution(TimeSpan.FromHours(5));
        _telemetry.RecordExecution(TimeSpan.FromHours(1));

        _telemetry.ToMetrics().Performance.AvgExecutionTimeMs.Should().Be(TimeSpan.FromHours(3).TotalMilliseconds);
    }

    [Test]
    public void MeasureExecution_ClockAdvancedInsideScope_RecordsElapsedTime()
    {
        using (_telemetry.MeasureExecution())
        {
            _clock.Advance(TimeSpan.FromMilliseconds(25));
        }

        var performance = _telemetry.ToMetrics().Performance;
        performance.AvgExecutionTimeMs.Should().Be(25);
        performance.P50ExecutionTimeMs.Should().BeApproximately(25, 0.5);
    }

    [Test]
    public void MeasureExecution_DisposedTwice_RecordsOnce()
    {
        var scope = _telemetry.MeasureExecution();
        _clock.Advance(TimeSpan.FromMilliseconds(5));

        scope.Dispose();
        scope.Dispose();

        _telemetry.Summarize().ExecutionCount.Should().Be(1);
    }

    [Test]
    public void MeasureExecution_DefaultScope_DisposeRecordsNothing()
    {
        var scope = default(ExecutionScope);

        scope.Dispose();

        _telemetry.Summarize().ExecutionCount.Should().Be(0);
    }

    [Test]
    public void RecordSignalAndOrder_Counted_ReportedForTheWindow()
    {
        for (var i = 0; i < 7; i++)
        {
            _telemetry.RecordSignal();
        }

        _telemetry.RecordOrder();
        _telemetry.RecordOrder();

        var performance = _telemetry.ToMetrics().Performance;
        performance.SignalsProcessed1h.Should().Be(7);
        performance.OrdersPlaced1h.Should().Be(2);
    }

    [Test]
    public void RecordSignalOutcome_ThreeOfFourProfitable_AccuracyIs75Pct()
    {
        _telemetry.RecordSignalOutcome(true);
        _telemetry.RecordSignalOutcome(true);
        _telemetry.RecordSignalOutcome(false);
        _telemetry.RecordSignalOutcome(true);

        _telemetry.ToMetrics().Performance.SignalAccuracyPct.Should().Be(75);
    }

    [Test]
    public void RecordTradeOutcome_OneWinOfFive_WinRateIs20Pct()
    {
        _telemetry.RecordTradeOutcome(true);
        for (var i = 0; i < 4; i++)
        {
            _telemetry.RecordTradeOutcome(false);
        }

        var performance = _telemetry.ToMetrics().Performance;
        performance.WinRatePct.Should().Be(20);
        performance.SignalAccuracyPct.Should().BeNull("no signal outcome was recorded");
    }

    [Test]
    public void RecordError_TwoErrorsInEightOperations_ErrorRateIs25Pct()
    {
        for (var i = 0; i < 8; i++)
        {
            _telemetry.RecordOperation();
        }

        _telemetry.RecordError(new TimeoutException("slow"), ErrorSeverity.Error);
        _telemetry.RecordError(new IOException("gone"), ErrorSeverity.Critical);

        var errors = _telemetry.ToMetrics().Errors;
        errors.ErrorRatePct.Should().Be(25);
        errors.TotalErrors.Should().Be(2);
        errors.CriticalErrors.Should().Be(1);
    }

    [Test]
    public void RecordError_NoOperations_ErrorRateUnknownButErrorsCounted()
    {
        _telemetry.RecordError(new TimeoutException("slow"), ErrorSeverity.Error);

        var errors = _telemetry.ToMetrics().Errors;
        errors.ErrorRatePct.Should().BeNull();
        errors.TotalErrors.Should().Be(1);
    }

    [Test]
    public void RecordError_MoreErrorsThanOperations_ErrorRateCappedAt100()
    {
        _telemetry.RecordOperation();
        _telemetry.RecordError(new TimeoutException(), ErrorSeverity.Error);
        _telemetry.RecordError(new TimeoutException(), ErrorSeverity.Error);

        _telemetry.ToMetrics().Errors.ErrorRatePct.Should().Be(100);
    }

    [Test]
    public void RecordError_Recorded_KeepsLastMessageTypeAndExactTime()
    {
        _clock.Advance(TimeSpan.FromSeconds(2.5));
        _telemetry.RecordError(new TimeoutException("first"), ErrorSeverity.Error);
        _clock.Advance(TimeSpan.FromSeconds(1.25));
        _telemetry.RecordError(new InvalidOperationException("second"), ErrorSeverity.Critical);

        var metrics = _telemetry.ToMetrics();

        metrics.Errors.LastErrorMessage.Should().Be("second");
        metrics.Errors.LastErrorType.Should().Be("System.InvalidOperationException");
        metrics.Errors.LastErrorTimestamp.Should().Be(Start + TimeSpan.FromSeconds(3.75));
        metrics.LastActivity.Should().Be(Start + TimeSpan.FromSeconds(3.75));
    }

    [Test]
    public void RecordError_HugeMessage_TruncatedTo1024CharactersTypeKept()
    {
        _telemetry.RecordError(new FormatException(new string('x', 10_000_000)), ErrorSeverity.Error);

        var errors = _telemetry.ToMetrics().Errors;

        errors.LastErrorMessage.Should().HaveLength(1024).And.StartWith("xxxx").And.EndWith("…");
        errors.LastErrorType.Should().Be("System.FormatException");
    }

    [Test]
    public void RecordError_MessageGetterThrows_KeepsPlaceholderAndCounts()
    {
        _telemetry.RecordError(new ExceptionWithBrokenMessage(), ErrorSeverity.Error);

        var errors = _telemetry.ToMetrics().Errors;

        errors.TotalErrors.Should().Be(1);
        errors.LastErrorMessage.Should().Contain("threw");
        errors.LastErrorType.Should().EndWith(nameof(ExceptionWithBrokenMessage));
    }

    [Test]
    public void RecordError_UndefinedSeverity_ThrowsAndCountsNothing()
    {
        var act = () => _telemetry.RecordError(new TimeoutException(), (ErrorSeverity)42);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("severity").WithMessage("*42*");
        _telemetry.ToMetrics().Errors.TotalErrors.Should().Be(0);
    }

    [Test]
    public void RecordError_NullException_Throws()
    {
        var act = () => _telemetry.RecordError(null!, ErrorSeverity.Error);

        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void RecordWarning_Recorded_CountedAndKeptTruncated()
    {
        _telemetry.RecordWarning("spread widened");
        _telemetry.RecordWarning(new string('w', 5000));

        _telemetry.ToMetrics().Errors.Warnings.Should().Be(2);
        _telemetry.LastWarning.Should().HaveLength(1024).And.EndWith("…");
    }

    [TestCaseSource(nameof(RecordCalls))]
    public void RecordCall_AfterClockMoved_CountsAsActivity(Action<PluginTelemetry> record)
    {
        _clock.Advance(TimeSpan.FromSeconds(42));
        _telemetry.ToMetrics().LastActivity.Should().Be(Start);

        record(_telemetry);

        _telemetry.ToMetrics().LastActivity.Should().Be(Start + TimeSpan.FromSeconds(42));
    }

    [Test]
    public void Heartbeat_BetweenClockTicks_ActivityIsLastTickAtMostOneSecondEarly()
    {
        _clock.Advance(TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromSeconds(0.7));

        _telemetry.Heartbeat();

        _telemetry.ToMetrics().LastActivity.Should().Be(Start + TimeSpan.FromSeconds(10));
    }

    [Test]
    public void ToMetrics_CountsOlderThanTheWindow_LeaveWholeWithTheirSubWindow()
    {
        _telemetry.RecordSignal();
        _clock.Advance(TimeSpan.FromMinutes(4));
        _telemetry.RecordSignal();
        _clock.Advance(TimeSpan.FromMinutes(2));
        _telemetry.RecordSignal();

        // Sub-windows are five minutes: the first two signals share the first one.
        _clock.Advance(TimeSpan.FromMinutes(53.9));
        _telemetry.ToMetrics().Performance.SignalsProcessed1h.Should().Be(3);
        _clock.Advance(TimeSpan.FromMinutes(0.1));
        _telemetry.ToMetrics().Performance.SignalsProcessed1h.Should().Be(1);
        _clock.Advance(TimeSpan.FromMinutes(5));
        _telemetry.ToMetrics().Performance.SignalsProcessed1h.Should().Be(0);
    }

    [Test]
    public void ToMetrics_NothingCalledForHours_LastErrorKeptButCountsExpired()
    {
        _telemetry.RecordError(new TimeoutException("old"), ErrorSeverity.Error);

        _clock.Advance(TimeSpan.FromHours(3));
        var metrics = _telemetry.ToMetrics();

        metrics.Errors.TotalErrors.Should().Be(0);
        metrics.Errors.LastErrorMessage.Should().Be("old");
    }

    [Test]
    public void ToMetrics_ShortWindowOption_UsesItsSubWindows()
    {
        using var telemetry = new PluginTelemetry(_clock, new PluginTelemetryOptions { Window = TimeSpan.FromMinutes(2), SubWindowCount = 4 });
        telemetry.RecordOrder();

        _clock.Advance(TimeSpan.FromSeconds(119));
        telemetry.ToMetrics().Performance.OrdersPlaced1h.Should().Be(1);
        _clock.Advance(TimeSpan.FromSeconds(1));
        telemetry.ToMetrics().Performance.OrdersPlaced1h.Should().Be(0);
        telemetry.Window.Should().Be(TimeSpan.FromMinutes(2));
    }

    [Test]
    public void Ctor_ExecutionContextFlowAlreadySuppressed_CreatesRecorderAndLeavesFlowSuppressed()
    {
        using var flow = ExecutionContext.SuppressFlow();

        using var telemetry = new PluginTelemetry(_clock);

        ExecutionContext.IsFlowSuppressed().Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(3));
        telemetry.Heartbeat();
        telemetry.ToMetrics().LastActivity.Should().Be(Start + TimeSpan.FromSeconds(3), "its clock timer ticks");
    }

    [Test]
    public void Dispose_CalledTwice_DoesNotThrowAndRecordingStillWorks()
    {
        _telemetry.Dispose();
        _telemetry.Dispose();

        _telemetry.RecordSignal();

        _telemetry.ToMetrics().Performance.SignalsProcessed1h.Should().Be(1);
    }

    private sealed class ExceptionWithBrokenMessage : Exception
    {
        public override string Message => throw new InvalidOperationException("broken");
    }
}
