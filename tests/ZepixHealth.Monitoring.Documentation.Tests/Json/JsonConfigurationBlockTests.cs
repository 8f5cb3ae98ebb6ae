using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring.Documentation.Tests.Blocks;

namespace ZepixHealth.Monitoring.Documentation.Tests.Json;

/// <summary>
/// Every "json configuration" block, exactly as written (comments included), read by .NET's JSON configuration
/// provider, bound through AddPluginHealthMonitoring (and AddTelegramAlerts / AddAlertmanagerAlerts for those
/// sections) and validated as a host does at start-up.
/// </summary>
[TestFixture]
public sealed class JsonConfigurationBlockTests
{
    public static IEnumerable<TestCaseData> Blocks() =>
        BlockCatalog.Claimed("json configuration").Select(c => new TestCaseData(c.Block).SetName($"Configuration_AsWritten_BindsAndValidates({c.Block.File}:{c.Block.Line})"));

    [TestCaseSource(nameof(Blocks))]
    public void Configuration_AsWritten_BindsAndValidates(DocumentedBlock block)
    {
        var configuration = Read(block.Text);
        using var provider = Host(configuration).BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().NotThrow($"{block} is valid configuration");
        var options = provider.GetRequiredService<IOptions<PluginHealthOptions>>().Value;
        options.Plugins.Keys.Should().BeEquivalentTo(configuration.GetSection("PluginHealth:Plugins").GetChildren().Select(c => c.Key));
    }

    [Test]
    public void Configuration_WithAMisspelledKey_IsRefusedAtStartUp()
    {
        var configuration = Read("{ \"PluginHealth\": { \"CollectionIntervall\": \"00:00:10\" } // a comment, as in the docs\n}");
        using var provider = Host(configuration).BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().WithMessage("*PluginHealth:CollectionIntervall*");
    }

    private static IConfigurationRoot Read(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    /// <summary>A host as the docs describe it: its plugins registered, the sections the block has wired to their packages.</summary>
    private static ServiceCollection Host(IConfigurationRoot configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        foreach (var id in configuration.GetSection("PluginHealth:Plugins").GetChildren().Select(c => c.Key))
        {
            services.AddSingleton<IHealthCheckablePlugin>(new ConfiguredPlugin(id));
        }

        var monitoring = services.AddPluginHealthMonitoring(configuration.GetSection("PluginHealth"));
        if (configuration.GetSection("PluginHealth:Telegram").Exists())
        {
            monitoring.AddTelegramAlerts(configuration.GetSection("PluginHealth:Telegram"));
        }

        if (configuration.GetSection("PluginHealth:Alertmanager").Exists())
        {
            monitoring.AddAlertmanagerAlerts(configuration.GetSection("PluginHealth:Alertmanager"));
        }

        return services;
    }

    private sealed class ConfiguredPlugin(string id) : HealthCheckablePluginBase(id);
}
