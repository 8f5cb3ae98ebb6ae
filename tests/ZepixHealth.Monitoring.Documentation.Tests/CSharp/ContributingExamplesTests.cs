using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace ZepixHealth.Monitoring.Documentation.Tests.CSharp;

/// <summary>CONTRIBUTING.md's rule and sink, compiled as written and run: the rule judges snapshots, the sink posts to a real HTTP server on 127.0.0.1.</summary>
[TestFixture]
public sealed class ContributingExamplesTests
{
    private static readonly Lazy<Assembly> Examples = new(() => CSharpBlockCompiler.CompileProgram(CSharpBlockTests.ProgramBlocks("CONTRIBUTING.md")));
    private static readonly DateTimeOffset Now = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [TestCase(7L, 0L, HealthRuleOutcome.Breached)]
    [TestCase(7L, 2L, HealthRuleOutcome.Clear)]
    [TestCase(3L, 0L, HealthRuleOutcome.Clear)]
    [TestCase(null, 0L, HealthRuleOutcome.Unknown)]
    public void Rule_OnSignalsAndOrders_JudgesAsDocumented(long? signals, long? orders, HealthRuleOutcome expected)
    {
        var rule = (IHealthRule)Activator.CreateInstance(Examples.Value.GetTypes().Single(t => t.Name == "SignalsWithoutOrdersRule"))!;
        var snapshot = new PluginHealthSnapshot
        {
            PluginId = "v6-price-action-5m",
            Timestamp = Now,
            Availability = new PluginAvailabilityMetrics { Status = PluginHealthStatus.Healthy, IsRunning = true, IsResponsive = true },
            Performance = PluginPerformanceMetrics.Unknown with { SignalsProcessed1h = signals, OrdersPlaced1h = orders },
        };

        var result = rule.Evaluate(new HealthRuleContext(snapshot, new PluginHealthThresholds()));

        result.Outcome.Should().Be(expected);
        if (expected == HealthRuleOutcome.Breached)
        {
            result.Level.Should().Be(AlertLevel.High);
            result.Message.Should().Be("7 signals and no order in the last hour");
        }
    }

    [Test]
    public async Task Sink_PostsTheAlertsAndThrowsWhenTheServerRefuses()
    {
        var port = FreePort();
        using var server = new HttpListener();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var sink = (IAlertSink)Activator.CreateInstance(Examples.Value.GetTypes().Single(t => t.Name == "WebhookSink"), http)!;
        var alert = new HealthAlert { Id = Guid.NewGuid(), PluginId = "v6-price-action-5m", RuleId = "orders_missing", Level = AlertLevel.High, Message = "7 signals and no order", RaisedAt = Now };
        var notification = new AlertNotification(Guid.NewGuid(), Now, [alert]);

        var accepted = Answer(server, HttpStatusCode.OK);
        await sink.SendAsync(notification, CancellationToken.None);
        var (path, body) = await accepted;
        var refused = Answer(server, HttpStatusCode.ServiceUnavailable);
        var send = async () => await sink.SendAsync(notification, CancellationToken.None);

        await send.Should().ThrowAsync<HttpRequestException>("a refused delivery throws, so the outbox retries it");
        await refused;
        sink.Name.Should().Be("webhook");
        path.Should().Be("/alerts");
        body.Should().Contain("\"pluginId\":\"v6-price-action-5m\"").And.Contain("7 signals and no order");
    }

    private static async Task<(string Path, string Body)> Answer(HttpListener server, HttpStatusCode status)
    {
        var context = await server.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = (int)status;
        context.Response.Close();
        return (context.Request.Url!.AbsolutePath, body);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
