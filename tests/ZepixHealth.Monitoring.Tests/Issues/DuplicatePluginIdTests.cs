using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Issues;

/// <summary>
/// Found by issue 9's bad-input campaign: PluginRegistry rejects duplicate ids, but a custom
/// IPluginRegistry that returned two plugins with one id had both watched under that id — their
/// verdicts shared one alert, which fired and flapped on the healthy twin's cycles.
/// </summary>
public class DuplicatePluginIdTests
{
    [Test]
    public async Task CollectOnceAsync_CustomRegistryWithTwoPluginsOfOneId_SecondIsSkippedAndLoggedOnce()
    {
        // Arrange
        var first = new ScriptedPlugin("v6-price-action-5m");
        var twin = new ScriptedPlugin("V6-Price-Action-5m") { Alive = _ => ValueTask.FromResult(false) };
        var logs = new CollectingLoggerProvider();
        var options = new PluginHealthOptions();
        options.Host.Enabled = false;
        var monitor = new PluginHealthMonitor(new FixedRegistry([first, twin]), Microsoft.Extensions.Options.Options.Create(options), new FakeTimeProvider(), [], logs);

        // Act
        var cycle1 = await monitor.CollectOnceAsync();
        var cycle2 = await monitor.CollectOnceAsync();

        // Assert
        cycle1.Should().ContainSingle().Which.Availability.Status.Should().Be(PluginHealthStatus.Healthy);
        cycle2.Should().ContainSingle();
        twin.AliveCalls.Should().Be(0);
        logs.Entries.Where(e => e.EventId.Id == 1004).Should().ContainSingle().Which.Message.Should().Contain("already has this id");
    }

    private sealed class FixedRegistry(IReadOnlyList<IHealthCheckablePlugin> plugins) : IPluginRegistry
    {
        public IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins() => plugins;

        public void Register(IHealthCheckablePlugin plugin) => throw new NotSupportedException();

        public bool Unregister(string pluginId) => throw new NotSupportedException();
    }
}
