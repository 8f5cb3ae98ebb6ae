using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring.Tests.Storage;
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

    [Test]
    public async Task CollectOnceAsync_IdsUnicodeHtmlEmptyAndHuge_OddIdsAlertAndStoreIntactInvalidOnesSkippedAndLogged()
    {
        // Arrange: a custom registry, so that nothing has validated the ids before the monitor sees them.
        const string unicode = "策略-αβγ-🚀-ﬁ";
        const string html = "<b>v6</b>&amp;\"'<script>";
        var huge = new string('x', 10_000);
        string[] ids = [unicode, html, huge, "", "   ", "bad\u0000id"];
        var plugins = ids.Select(id => new ScriptedPlugin(id) { Alive = _ => ValueTask.FromResult(false) }).ToArray();
        await using var storeFixture = new StoreFixture();
        var store = await storeFixture.StartAsync();
        var time = new FakeTimeProvider(T0);
        var options = new PluginHealthOptions();
        options.Host.Enabled = false;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var logs = new CollectingLoggerProvider();
        var sink = new RecordingSink("primary");
        var manager = new HealthAlertManager(store, store, [sink], wrapped, time, logs.CreateLogger<HealthAlertManager>());
        var dispatcher = new AlertDispatcher(store, store, [sink], wrapped, time, logs.CreateLogger<AlertDispatcher>());
        var stages = new AlertingStages(
            new SnapshotRecorder(store, logs.CreateLogger<PluginHealthMonitor>()),
            new HealthEvaluator([new AvailabilityRule()], options, time, logs.CreateLogger<HealthAlertManager>()),
            manager,
            Dispatcher: null);
        var monitor = new PluginHealthMonitor(new ListRegistry(plugins), wrapped, time, [], logs, stages);

        // Act
        var first = await monitor.CollectOnceAsync();
        time.Advance(options.CollectionInterval);
        var second = await monitor.CollectOnceAsync();
        await store.FlushAsync();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        await store.FlushAsync();

        // Assert
        first.Select(s => s.PluginId).Should().Equal(unicode, html);
        second.Select(s => s.PluginId).Should().Equal(unicode, html);
        sink.ReceivedAlerts.Select(a => a.PluginId).Should().BeEquivalentTo([unicode, html], "odd but valid ids alert once each, unchanged");
        (await store.GetOpenAlertsAsync()).Select(a => a.PluginId).Should().BeEquivalentTo([unicode, html]);
        (await store.GetLatestSnapshotsAsync()).Select(s => s.PluginId).Should().BeEquivalentTo([unicode, html]);
        plugins.Skip(2).Should().OnlyContain(p => p.AliveCalls == 0);
        var rejected = logs.Entries.Where(e => e.EventId.Id == 1004).Select(e => e.Message).ToList();
        rejected.Should().HaveCount(4, "each invalid id is logged once, not every cycle");
        rejected.Should().Contain(m => m.Contains("10000 characters long", StringComparison.Ordinal) && m.Length < 1_000, "a 10,000-character id is shortened in the log");
        rejected.Should().Contain(m => m.Contains("U+0000", StringComparison.Ordinal));
    }

    private sealed class ListRegistry(IReadOnlyList<IHealthCheckablePlugin> plugins) : IPluginRegistry
    {
        public IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins() => plugins;

        public void Register(IHealthCheckablePlugin plugin) => throw new NotSupportedException();

        public bool Unregister(string pluginId) => throw new NotSupportedException();
    }
}
