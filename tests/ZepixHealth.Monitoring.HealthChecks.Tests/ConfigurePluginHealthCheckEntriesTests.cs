using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.HealthChecks;

namespace ZepixHealth.Monitoring.HealthChecks.Tests;

[TestFixture]
public sealed class ConfigurePluginHealthCheckEntriesTests
{
    [Test]
    public void Configure_TwoPlugins_AggregateEntryAndOneTaggedEntryEach()
    {
        var registrations = Configure(hostEnabled: false, _ => { }, "v3-combined", "v6-price-action-5m");

        registrations.Select(r => r.Name).Should().Equal("plugins", "plugins:v3-combined", "plugins:v6-price-action-5m");
        registrations[1].Tags.Should().BeEquivalentTo(["plugin", "v3-combined"]);
        registrations[0].FailureStatus.Should().Be(HealthStatus.Unhealthy);
    }

    [Test]
    public void Configure_PerPluginEntriesOff_OnlyTheAggregate()
    {
        var registrations = Configure(hostEnabled: true, o => o.PerPluginEntries = false, "v3-combined");

        registrations.Should().ContainSingle().Which.Name.Should().Be("plugins");
    }

    [Test]
    public void Configure_SelectedPlugins_EntriesOnlyForThoseInOrdinalOrder()
    {
        var registrations = Configure(
            hostEnabled: true,
            o =>
            {
                o.PluginIds.Add("v6-b");
                o.PluginIds.Add("v6-a");
            },
            "v3-combined",
            "v6-a",
            "v6-b");

        registrations.Select(r => r.Name).Should().Equal("plugins", "plugins:v6-a", "plugins:v6-b");
    }

    [Test]
    public void Configure_HostMonitored_HostGetsAnEntry()
    {
        var registrations = Configure(hostEnabled: true, o => o.Tags.Add("ready"), "v3-combined");

        registrations.Select(r => r.Name).Should().Equal("plugins", "plugins:v3-combined", "plugins:host");
        registrations[2].Tags.Should().BeEquivalentTo(["ready", "plugin", "host"]);
    }

    [Test]
    public void Configure_HostMonitoredButExcluded_NoHostEntry()
    {
        var registrations = Configure(hostEnabled: true, o => o.IncludeHost = false, "v3-combined");

        registrations.Select(r => r.Name).Should().NotContain("plugins:host");
    }

    [Test]
    public void Factory_MonitorNotRegistered_ThrowsNamingTheMissingCall()
    {
        var registration = Configure(hostEnabled: false, _ => { }, "v3-combined")[0];
        using var empty = new ServiceCollection().BuildServiceProvider();

        var create = () => registration.Factory(empty);

        create.Should().Throw<InvalidOperationException>().WithMessage("*AddPluginHealthMonitoring*");
    }

    private static List<HealthCheckRegistration> Configure(bool hostEnabled, Action<PluginHealthCheckOptions> configure, params string[] pluginIds)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPluginRegistry>(new FixedRegistry([.. pluginIds.Select(id => new TestPlugin(id))]));
        services.Configure<PluginHealthOptions>(o => o.Host.Enabled = hostEnabled);
        using var provider = services.BuildServiceProvider();
        var options = new PluginHealthCheckOptions();
        configure(options);
        var healthChecks = new HealthCheckServiceOptions();

        new ConfigurePluginHealthCheckEntries(provider, options).Configure(healthChecks);

        return [.. healthChecks.Registrations];
    }

    private sealed class FixedRegistry(IReadOnlyList<IHealthCheckablePlugin> plugins) : IPluginRegistry
    {
        public IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins() => plugins;

        public void Register(IHealthCheckablePlugin plugin) => throw new NotSupportedException();

        public bool Unregister(string pluginId) => throw new NotSupportedException();
    }
}
