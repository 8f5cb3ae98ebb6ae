using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.Telegram.Tests.Documentation;

/// <summary>The appsettings.json block of docs/configuration.md, exactly as written, binds and passes start-up validation.</summary>
[TestFixture]
public sealed partial class ConfigurationReferenceTests
{
    [Test]
    public void AppsettingsBlock_BoundAsDocumented_StartsWithoutError()
    {
        var json = AppsettingsBlock();
        json.Should().Contain("\"Telegram\"", "the block documents the Telegram section inside PluginHealth");
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHealthCheckablePlugin>(new ConfiguredPlugin("v3-combined"));
        services.AddPluginHealthMonitoring(config.GetSection("PluginHealth"))
            .AddTelegramAlerts(config.GetSection("PluginHealth:Telegram"));
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().NotThrow();
        var options = provider.GetRequiredService<IOptions<PluginHealthOptions>>().Value;
        options.Plugins.Should().ContainKey("v3-combined");
        options.Plugins["v3-combined"].Thresholds.CriticalMemoryUsageMb.Should().Be(1500);
        options.AlertCooldown.Should().Be(TimeSpan.FromMinutes(5), "the block's AlertCooldown is the floor, equal to the Critical interval");
        options.RepeatIntervals.Critical.Should().BeNull("null keeps the per-level defaults (5 min, 15 min, 1 h)");
        options.RepeatIntervals.Warning.Should().BeNull();
        options.Thresholds.CriticalExecutionTimeMs.Should().BeNull();
        options.Rules["latency.p95"].RepeatInterval.Should().Be(TimeSpan.FromHours(2));
        var telegram = provider.GetRequiredService<IOptions<TelegramAlertOptions>>().Value;
        telegram.ChatIds.Should().Equal(-1001234567890);
        telegram.PollingTimeout.Should().Be(TimeSpan.FromSeconds(30));
        telegram.MessageThreadIds.Should().Equal(new Dictionary<long, int> { [-1001234567890] = 12 });
        telegram.RegisterCommands.Should().BeTrue();
    }

    [Test]
    public void PluginHealthSection_MisspelledKeyBesideTheTelegramSection_StillFailsAtStartUp()
    {
        var json = AppsettingsBlock().Replace("\"CollectionInterval\"", "\"CollectionIntreval\"", StringComparison.Ordinal);
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHealthCheckablePlugin>(new ConfiguredPlugin("v3-combined"));
        services.AddPluginHealthMonitoring(config.GetSection("PluginHealth")).AddTelegramAlerts(config.GetSection("PluginHealth:Telegram"));
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().WithMessage("*'PluginHealth:CollectionIntreval' is not a setting. Did you mean 'CollectionInterval'?*");
    }

    /// <summary>The first ```json block after the appsettings.json line of docs/configuration.md.</summary>
    private static string AppsettingsBlock()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));
        var start = readme.IndexOf("`appsettings.json` (every key optional", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "docs/configuration.md documents the appsettings.json block");
        var match = JsonBlock().Match(readme, start);
        match.Success.Should().BeTrue();
        return match.Groups[1].Value;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZepixHealth.Monitoring.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above '{AppContext.BaseDirectory}' holds ZepixHealth.Monitoring.sln.");
    }

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    private sealed class ConfiguredPlugin(string id) : HealthCheckablePluginBase(id);
}
