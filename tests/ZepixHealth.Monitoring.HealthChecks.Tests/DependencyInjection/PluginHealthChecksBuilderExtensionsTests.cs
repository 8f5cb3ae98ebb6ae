using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ZepixHealth.Monitoring.HealthChecks.Tests.DependencyInjection;

public class PluginHealthChecksBuilderExtensionsTests
{
    [Test]
    public void AddPluginHealthChecks_EmptyName_Throws()
    {
        var builder = new ServiceCollection().AddHealthChecks();

        var act = () => builder.AddPluginHealthChecks(o => o.Name = " ");

        act.Should().Throw<ArgumentException>().WithMessage("*Name must not be empty*");
    }

    [Test]
    public void AddPluginHealthChecks_NullBuilder_Throws()
    {
        var act = () => PluginHealthChecksBuilderExtensions.AddPluginHealthChecks(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public async Task AddPluginHealthChecks_WithoutMonitoring_FailsNamingTheMissingCall()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddPluginHealthChecks();
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("AddPluginHealthMonitoring");
    }

    [Test]
    public async Task AddPluginHealthChecks_TwiceWithTheSameName_RejectedWhenTheServiceIsCreated()
    {
        await using var host = new HealthCheckHost([new TestPlugin("p")], more: b => b.AddPluginHealthChecks());

        var act = () => host.HealthChecks;

        act.Should().Throw<ArgumentException>().WithMessage("*Duplicate health checks*plugins*");
    }

    [Test]
    public async Task AddPluginHealthChecks_TwoGroups_BothReported()
    {
        await using var host = new HealthCheckHost(
            [new TestPlugin("a"), new TestPlugin("b")],
            o => o.PerPluginEntries = false,
            b => b.AddPluginHealthChecks(o => { o.Name = "only-b"; o.PluginIds.Add("b"); o.PerPluginEntries = false; }));
        await host.CycleAsync();

        var report = await host.CheckAsync();

        report.Entries.Keys.Should().BeEquivalentTo(["plugins", "only-b"]);
        report.Entries["only-b"].Data.Keys.Should().Equal("b");
    }
}
