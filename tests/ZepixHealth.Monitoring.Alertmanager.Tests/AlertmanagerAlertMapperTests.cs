using Microsoft.Extensions.Time.Testing;

namespace ZepixHealth.Monitoring.Alertmanager.Tests;

public class AlertmanagerAlertMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void Map_FiringAlert_LabelsTheProblemAndStaysActiveForThreeReposts()
    {
        var options = new AlertmanagerSinkOptions { Instance = "bot-7", RepostInterval = TimeSpan.FromMinutes(1), GeneratorUrl = new Uri("http://bot-7:5080/health") };
        options.StaticLabels["exchange"] = "binance";
        var mapper = new AlertmanagerAlertMapper(options, new FakeTimeProvider(Now));

        var mapped = mapper.Map(Alert(AlertState.Firing) with { Value = 812.5, Threshold = 500 });

        mapped.Labels.Should().Equal(new Dictionary<string, string>
        {
            ["exchange"] = "binance", ["alertname"] = "memory", ["plugin"] = "v3-combined", ["severity"] = "high", ["instance"] = "bot-7",
        });
        mapped.Annotations["description"].Should().Be("v3-combined uses 812.5 MB (value 812.5, threshold 500)");
        mapped.StartsAt.Should().Be(Now.AddMinutes(-10));
        mapped.EndsAt.Should().Be(Now.AddMinutes(3));
        mapped.GeneratorUrl.Should().Be("http://bot-7:5080/health");
    }

    [Test]
    public void Map_ResolvedAlert_EndsWhenItResolved()
    {
        var mapper = new AlertmanagerAlertMapper(new AlertmanagerSinkOptions(), new FakeTimeProvider(Now));

        var mapped = mapper.Map(Alert(AlertState.Resolved) with { ResolvedAt = Now.AddMinutes(-1) });

        mapped.EndsAt.Should().Be(Now.AddMinutes(-1));
        mapped.GeneratorUrl.Should().BeNull();
    }

    [Test]
    public void Map_StaticLabelNamedLikeABuiltInOne_TheBuiltInWins()
    {
        var options = new AlertmanagerSinkOptions();
        options.StaticLabels["plugin"] = "spoofed";
        var mapper = new AlertmanagerAlertMapper(options, new FakeTimeProvider(Now));

        mapper.Map(Alert(AlertState.Firing)).Labels["plugin"].Should().Be("v3-combined");
    }

    private static HealthAlert Alert(AlertState state) => new()
    {
        Id = Guid.CreateVersion7(Now),
        PluginId = "v3-combined",
        RuleId = "memory",
        Level = AlertLevel.High,
        Message = "v3-combined uses 812.5 MB",
        RaisedAt = Now.AddMinutes(-10),
        State = state,
    };
}
