using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts;

[TestFixture]
public sealed class LoggingAlertSinkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task SendAsync_GroupedNotification_LogsEachAlertWithItsLevelAndFigures()
    {
        var logs = new CollectingLoggerProvider();
        var sink = new LoggingAlertSink(logs.CreateLogger<LoggingAlertSink>());
        var slow = Alert("latency.p95", AlertLevel.Warning) with { Value = 7200, Threshold = 5000 };
        var dead = Alert("availability", AlertLevel.Critical);
        var resolved = Alert("error_rate", AlertLevel.High) with { State = AlertState.Resolved, ResolvedAt = T0 + TimeSpan.FromMinutes(12) };

        await sink.SendAsync(new AlertNotification(Guid.NewGuid(), T0 + TimeSpan.FromMinutes(3), [slow, dead, resolved]), CancellationToken.None);

        logs.Entries.Select(e => (e.EventId.Id, e.Level)).Should().Equal((2201, LogLevel.Warning), (2203, LogLevel.Critical), (2202, LogLevel.Information));
        logs.Entries[0].Message.Should().Be("Health alert Warning p/latency.p95 firing for 3 min since 09:30 UTC: msg (value 7200, threshold 5000)");
        logs.Entries[2].Message.Should().Be("Health alert High p/error_rate resolved after 12 min (since 09:30 UTC): msg");
        sink.Name.Should().Be("log");
    }

    private static HealthAlert Alert(string ruleId, AlertLevel level) => new()
    {
        Id = Guid.NewGuid(),
        PluginId = "p",
        RuleId = ruleId,
        Level = level,
        Message = "msg",
        RaisedAt = T0,
    };
}
