using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Alerts.Routing;

/// <summary>Routing notifications to named sinks by level, plugin and rule, and escalation by time, through the host's DI surface.</summary>
[TestFixture]
public sealed class AlertRoutingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task Routes_ByLevelPluginAndRule_EachSinkGetsWhatItsRoutesTake()
    {
        // Arrange: Critical to the pager (and on), v6 plugins to their team, error rates to the pager; the rest to ops.
        var pager = new RecordingSink("pager");
        var team = new RecordingSink("v6-team");
        var ops = new RecordingSink("ops");
        var plugins = new[]
        {
            new ScriptedPlugin("v3-combined") { Alive = _ => ValueTask.FromResult(false) },
            new ScriptedPlugin("v6-price-action-5m") { Alive = _ => ValueTask.FromResult(false) },
            Stale("v6-price-action-15m"),
            Stale("risk-engine"),
            new ScriptedPlugin("order-router") { Metrics = _ => ValueTask.FromResult(new PluginMetrics { Errors = new PluginErrorMetrics { ErrorRatePct = 12 } }) },
        };
        await using var rig = new DeliveryRig(
            o =>
            {
                o.Routing.Sinks.Add("ops");
                o.Routing.Routes.Add(Route(levels: [AlertLevel.Critical], sinks: ["pager"], continues: true));
                o.Routing.Routes.Add(Route(plugin: "V6-*", sinks: ["v6-team"]));
                o.Routing.Routes.Add(Route(rule: "error_*", sinks: ["pager"]));
            },
            sqliteConnectionString: null,
            [pager, team, ops],
            plugins);

        // Act
        await rig.RunUntilAsync(TimeSpan.FromMinutes(2));

        // Assert
        Alerts(pager).Should().BeEquivalentTo(["v3-combined availability", "v6-price-action-5m availability", "order-router error_rate"]);
        Alerts(team).Should().BeEquivalentTo(["v6-price-action-5m availability", "v6-price-action-15m availability"]);
        Alerts(ops).Should().BeEquivalentTo(["risk-engine availability"]);
    }

    [Test]
    public async Task Routes_NoneConfigured_EverySinkGetsEverything()
    {
        var a = new RecordingSink("a");
        var b = new RecordingSink("b");
        await using var rig = new DeliveryRig(_ => { }, sqliteConnectionString: null, [a, b], new ScriptedPlugin("v3-combined") { Alive = _ => ValueTask.FromResult(false) }, Stale("risk-engine"));

        await rig.RunUntilAsync(TimeSpan.FromMinutes(1));

        Alerts(a).Should().BeEquivalentTo(["v3-combined availability", "risk-engine availability"]);
        Alerts(b).Should().BeEquivalentTo(Alerts(a));
    }

    [Test]
    public async Task Routes_NameASinkThatIsNotRegistered_StartUpFailsNamingIt()
    {
        await using var rig = new DeliveryRig(o => o.Routing.Routes.Add(Route(levels: [AlertLevel.Critical], sinks: ["pagr"])), sqliteConnectionString: null, [new RecordingSink("pager")]);

        var act = () => rig.Monitor;

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("PluginHealth:Routing:Routes:0:Sinks names alert sink 'pagr', which is not registered (registered sinks: log, pager).");
    }

    [Test]
    public void Routes_BoundFromConfigurationWithAMisspelledKey_StartUpFailsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PluginHealth:Routing:Routes:0:Levels:0"] = "Critical",
            ["PluginHealth:Routing:Routes:0:Sink:0"] = "pager",
        }).Build();
        var services = new ServiceCollection();
        services.AddPluginHealthMonitoring(configuration.GetSection("PluginHealth"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<PluginHealthOptions>>().Value;

        act.Should().Throw<OptionsValidationException>()
            .WithMessage("*'PluginHealth:Routing:Routes:0:Sink' is not a setting. Did you mean 'Sinks'?*");
    }

    [TestCase("EscalateAfter without sinks", "*PluginHealth:Routing:EscalationSinks must name at least one sink when PluginHealth:Routing:EscalateAfter is set; was empty.*")]
    [TestCase("negative GroupWait", "*PluginHealth:GroupWait must be between 00:00:00 and 01:00:00; was '-00:00:01'.*")]
    [TestCase("route with an unknown level", "*PluginHealth:Routing:Routes:0:Levels must hold Warning, High or Critical; was '7'.*")]
    public void Options_Invalid_StartUpFailsNamingTheKeyAndTheValue(string problem, string message)
    {
        Action<PluginHealthOptions> configure = problem switch
        {
            "EscalateAfter without sinks" => o => o.Routing.EscalateAfter = TimeSpan.FromMinutes(10),
            "negative GroupWait" => o => o.GroupWait = TimeSpan.FromSeconds(-1),
            _ => o => o.Routing.Routes.Add(Route(levels: [(AlertLevel)7], sinks: ["log"])),
        };

        var act = () => new AlertingHost(configure);

        act.Should().Throw<OptionsValidationException>().WithMessage(message);
    }

    [Test]
    public async Task EscalateAfter_FiringUnacknowledged_GoesToTheEscalationSinkOnceAndItsResolutionToo()
    {
        // Arrange: two plugins die at once and recover after 30 min; one is acknowledged after 5 min.
        var elapsed = TimeSpan.Zero;
        bool Alive() => elapsed >= TimeSpan.FromMinutes(30);
        var telegram = new RecordingSink("telegram");
        var oncall = new RecordingSink("oncall");
        await using var rig = new DeliveryRig(
            o =>
            {
                o.AlertCooldown = TimeSpan.FromDays(1);
                o.Routing.Sinks.Add("telegram");
                o.Routing.EscalateAfter = TimeSpan.FromMinutes(10);
                o.Routing.EscalationSinks.Add("oncall");
            },
            sqliteConnectionString: null,
            [telegram, oncall],
            new ScriptedPlugin("v3-combined") { Alive = _ => ValueTask.FromResult(Alive()) },
            new ScriptedPlugin("v6-price-action-5m") { Alive = _ => ValueTask.FromResult(Alive()) });

        // Act
        await rig.RunUntilAsync(TimeSpan.FromMinutes(5), now => elapsed = now);
        var acknowledged = telegram.ReceivedAlerts.Single(a => a.PluginId == "v6-price-action-5m");
        (await rig.Alerts.AcknowledgeAsync(acknowledged.Id, "ops")).Should().BeTrue();
        await rig.RunUntilAsync(TimeSpan.FromMinutes(40), now => elapsed = now);

        // Assert: telegram gets both firings and resolutions; oncall the unacknowledged one's escalation and resolution.
        telegram.Received.Should().HaveCount(4);
        oncall.Received.Select(n => n.Alerts.Single()).Select(a => (a.PluginId, a.State))
            .Should().Equal(("v3-combined", AlertState.Firing), ("v3-combined", AlertState.Resolved));
        oncall.Received[0].CreatedAt.Should().Be(T0 + TimeSpan.FromMinutes(10));
    }

    [Test]
    public async Task EscalateAfter_AcknowledgedBefore_IsNeverEscalated()
    {
        var oncall = new RecordingSink("oncall");
        var telegram = new RecordingSink("telegram");
        await using var rig = new DeliveryRig(
            o =>
            {
                o.Routing.Sinks.Add("telegram");
                o.Routing.EscalateAfter = TimeSpan.FromMinutes(10);
                o.Routing.EscalationSinks.Add("oncall");
            },
            sqliteConnectionString: null,
            [telegram, oncall],
            new ScriptedPlugin("v3-combined") { Alive = _ => ValueTask.FromResult(false) });

        await rig.RunUntilAsync(TimeSpan.FromMinutes(9));
        (await rig.Alerts.AcknowledgeAsync(telegram.ReceivedAlerts[0].Id, "ops")).Should().BeTrue();
        await rig.RunUntilAsync(TimeSpan.FromHours(1));

        oncall.Received.Should().BeEmpty();
        telegram.Received.Should().NotBeEmpty();
    }

    [Test]
    public async Task RoutingFromTheDocsConfiguration_CriticalToBothChats_EscalationOnce_ResolutionToEveryoneWhoGotTheFiring()
    {
        // Arrange: the configuration block of docs/alerting.md, exactly as written.
        var json = DocsBlocks.After("alerting.md", "### Routing and escalation", "json");
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var elapsed = TimeSpan.Zero;
        bool Recovered() => elapsed >= TimeSpan.FromMinutes(20);
        var telegram = new RecordingSink("telegram");
        var oncall = new RecordingSink("oncall");
        await using var rig = new DeliveryRig(
            o =>
            {
                configuration.GetSection(PluginHealthOptions.SectionName).Bind(o);
                o.AlertCooldown = TimeSpan.FromDays(1);
            },
            sqliteConnectionString: null,
            [telegram, oncall],
            new ScriptedPlugin("v3-combined") { Alive = _ => ValueTask.FromResult(Recovered()) },
            Stale("v6-price-action-5m", () => Recovered() ? T0 + elapsed : T0 - TimeSpan.FromHours(1)));

        // Act
        await rig.RunUntilAsync(TimeSpan.FromMinutes(25), now => elapsed = now);

        // Assert: the dead plugin (Critical) to both chats; the stale one (High) to telegram, and to oncall once
        // unacknowledged for 15 min; each resolution to every sink that got the firing.
        foreach (var sink in new[] { telegram, oncall })
        {
            Sequence(sink).Should().HaveCount(4);
            Sequence(sink)[..2].Should().BeEquivalentTo("v3-combined Firing", "v6-price-action-5m Firing");
            Sequence(sink)[2..].Should().BeEquivalentTo("v3-combined Resolved", "v6-price-action-5m Resolved");
        }

        Sequence(oncall)[..2].Should().Equal("v3-combined Firing", "v6-price-action-5m Firing");
        oncall.Received[1].CreatedAt.Should().Be(T0 + TimeSpan.FromMinutes(15), "the stale plugin is escalated; the dead one was already there");
    }

    private static ScriptedPlugin Stale(string id, Func<DateTimeOffset>? lastActivity = null) => new(id)
    {
        Metrics = _ => ValueTask.FromResult(new PluginMetrics { LastActivity = lastActivity?.Invoke() ?? T0 - TimeSpan.FromHours(1) }),
    };

    private static AlertRouteOptions Route(string? plugin = null, string? rule = null, AlertLevel[]? levels = null, string[]? sinks = null, bool continues = false)
    {
        var route = new AlertRouteOptions { PluginId = plugin, RuleId = rule, Continue = continues };
        route.Levels.AddRange(levels ?? []);
        route.Sinks.AddRange(sinks ?? []);
        return route;
    }

    private static IEnumerable<string> Alerts(RecordingSink sink) => sink.ReceivedAlerts.Select(a => $"{a.PluginId} {a.RuleId}");

    private static List<string> Sequence(RecordingSink sink) => [.. sink.ReceivedAlerts.Select(a => $"{a.PluginId} {a.State}")];
}
