using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Issues;

/// <summary>
/// Found by issue 9's bad-input campaign: a registry whose GetAllPlugins threw made the whole cycle
/// throw — nothing was checked, stored or alerted while the registry failed.
/// </summary>
public class RegistryThrowsTests
{
    [Test]
    public async Task CollectOnceAsync_RegistryThrows_ChecksThePluginsItReturnedLastAndLogs()
    {
        // Arrange
        var plugin = new ScriptedPlugin("v3-combined");
        var registry = new FlakyRegistry([plugin]);
        var logs = new CollectingLoggerProvider();
        var options = new PluginHealthOptions();
        options.Host.Enabled = false;
        var monitor = new PluginHealthMonitor(registry, Microsoft.Extensions.Options.Options.Create(options), new FakeTimeProvider(), [], logs);
        await monitor.CollectOnceAsync();

        // Act
        registry.Throw = true;
        var snapshots = await monitor.CollectOnceAsync();

        // Assert
        snapshots.Should().ContainSingle().Which.PluginId.Should().Be("v3-combined");
        plugin.AliveCalls.Should().Be(2);
        logs.Entries.Should().ContainSingle(e => e.EventId.Id == 1009).Which.Exception.Should().BeOfType<InvalidOperationException>();
    }

    [Test]
    public async Task CollectOnceAsync_RegistryThrowsFromTheStart_CycleCompletesEmpty()
    {
        // Arrange
        var registry = new FlakyRegistry([]) { Throw = true };
        var logs = new CollectingLoggerProvider();
        var options = new PluginHealthOptions();
        options.Host.Enabled = false;
        var monitor = new PluginHealthMonitor(registry, Microsoft.Extensions.Options.Options.Create(options), new FakeTimeProvider(), [], logs);

        // Act
        var snapshots = await monitor.CollectOnceAsync();

        // Assert
        snapshots.Should().BeEmpty();
        logs.Entries.Should().Contain(e => e.EventId.Id == 1009);
    }

    private sealed class FlakyRegistry(IReadOnlyList<IHealthCheckablePlugin> plugins) : IPluginRegistry
    {
        public bool Throw { get; set; }

        public IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins() => Throw ? throw new InvalidOperationException("plugin folder unreadable") : plugins;

        public void Register(IHealthCheckablePlugin plugin) => throw new NotSupportedException();

        public bool Unregister(string pluginId) => throw new NotSupportedException();
    }
}
