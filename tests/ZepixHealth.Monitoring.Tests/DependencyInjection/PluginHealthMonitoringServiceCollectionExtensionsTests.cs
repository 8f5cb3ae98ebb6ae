using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.DependencyInjection;

[TestFixture]
public sealed class PluginHealthMonitoringServiceCollectionExtensionsTests
{
    [Test]
    public void AddPluginHealthMonitoring_CalledTwice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddPluginHealthMonitoring();
        var twice = new ServiceCollection();
        twice.AddPluginHealthMonitoring();
        twice.AddPluginHealthMonitoring();

        twice.Select(d => (d.ServiceType, d.ImplementationType)).Should().BeEquivalentTo(once.Select(d => (d.ServiceType, d.ImplementationType)));
        twice.Count(d => d.ServiceType == typeof(IHostedService)).Should().Be(3, "the monitor, the alert dispatcher and the watchdog run once each");
    }

    [Test]
    public void AddPluginHealthMonitoring_ReturnsABuilderOverTheSameServices()
    {
        var services = new ServiceCollection();

        var builder = services.AddPluginHealthMonitoring();

        builder.Services.Should().BeSameAs(services);
    }

    [Test]
    public void AddPluginHealthMonitoring_PluginsInDependencyInjection_AreInTheRegistry()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHealthCheckablePlugin>(new ScriptedPlugin("v3-combined"));
        services.AddSingleton<IHealthCheckablePlugin>(new ScriptedPlugin("v6-price-action-5m"));
        services.AddPluginHealthMonitoring();
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<IPluginRegistry>();

        registry.GetAllPlugins().Select(p => p.Id).Should().Equal("v3-combined", "v6-price-action-5m");
        provider.GetRequiredService<PluginHealthMonitor>().Should().NotBeNull();
    }

    [Test]
    public void AddPluginHealthMonitoring_HostProvidesItsOwnTimeProvider_ItIsKept()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddPluginHealthMonitoring();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(time);
    }

    [Test]
    public void AddPluginHealthMonitoring_FromConfiguration_BindsEveryKind()
    {
        var configuration = Configuration(new()
        {
            ["PluginHealth:CollectionInterval"] = "00:00:10",
            ["PluginHealth:CheckTimeout"] = "00:00:02",
            ["PluginHealth:MaxConcurrentChecks"] = "8",
            ["PluginHealth:Thresholds:MaxMemoryUsageMb"] = "700",
            ["PluginHealth:Plugins:v3-combined:Thresholds:MaxMemoryUsageMb"] = "800",
        });
        var services = new ServiceCollection();
        services.AddSingleton<IHealthCheckablePlugin>(new ScriptedPlugin("v3-combined"));
        services.AddPluginHealthMonitoring(configuration.GetSection("PluginHealth"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PluginHealthOptions>>().Value;

        options.CollectionInterval.Should().Be(TimeSpan.FromSeconds(10));
        options.CheckTimeout.Should().Be(TimeSpan.FromSeconds(2));
        options.MaxConcurrentChecks.Should().Be(8);
        options.Thresholds.MaxMemoryUsageMb.Should().Be(700);
        options.Thresholds.MaxCpuUsagePct.Should().Be(80, "an unset threshold keeps its default");
        options.Plugins["V3-Combined"].Thresholds.MaxMemoryUsageMb.Should().Be(800);
        options.Plugins["v3-combined"].Thresholds.MaxCpuUsagePct.Should().BeNull();
    }

    [Test]
    public void AddPluginHealthMonitoring_ConfigurationWithAMisspelledKey_IsAnErrorNamingIt()
    {
        var configuration = Configuration(new() { ["PluginHealth:CheckTimout"] = "00:00:02" });
        var services = new ServiceCollection();
        services.AddPluginHealthMonitoring(configuration.GetSection("PluginHealth"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<PluginHealthOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().Be("'PluginHealth:CheckTimout' is not a setting. Did you mean 'CheckTimeout'? Accepted here: "
                + string.Join(", ", typeof(PluginHealthOptions).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal)) + ".");
    }

    [TestCase("PluginHealth:Thresholds:MaxCpuUsagePc", "'PluginHealth:Thresholds:MaxCpuUsagePc' is not a setting. Did you mean 'MaxCpuUsagePct'?")]
    [TestCase("PluginHealth:Plugins:v3-combined:Thresholds:MaxMemoryMb", "'PluginHealth:Plugins:v3-combined:Thresholds:MaxMemoryMb' is not a setting. Did you mean 'MaxMemoryUsageMb'?")]
    [TestCase("PluginHealth:Rules:cpu:ForCycle", "'PluginHealth:Rules:cpu:ForCycle' is not a setting. Did you mean 'ForCycles'?")]
    [TestCase("PluginHealth:Anomalies:Enable", "'PluginHealth:Anomalies:Enable' is not a setting. Did you mean 'Enabled'?")]
    [TestCase("PluginHealth:Colour", "'PluginHealth:Colour' is not a setting. Accepted here:")]
    public void AddPluginHealthMonitoring_MisspelledNestedKey_NamesItsFullPathInOneLine(string key, string expectedStart)
    {
        var configuration = Configuration(new() { [key] = "1" });
        var services = new ServiceCollection();
        services.AddPluginHealthMonitoring(configuration.GetSection("PluginHealth"));
        services.Configure<PluginHealthOptions>(o => o.AllowUnknownPluginOverrides = true);
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<PluginHealthOptions>>().Value;

        var failure = act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Subject;
        failure.Should().StartWith(expectedStart).And.NotContain("\n").And.NotContain(Environment.NewLine);
    }

    [Test]
    public void AddPluginHealthMonitoring_DictionaryAndListEntries_AreNotTakenForTypos()
    {
        var configuration = Configuration(new()
        {
            ["PluginHealth:Plugins:v3-combined:DisabledRules:0"] = "cpu",
            ["PluginHealth:Rules:latency.p95:ForCycles"] = "4",
            ["PluginHealth:AllowUnknownPluginOverrides"] = "true",
        });
        var services = new ServiceCollection();
        services.AddPluginHealthMonitoring(configuration.GetSection("PluginHealth"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PluginHealthOptions>>().Value;

        options.Plugins["v3-combined"].DisabledRules.Should().Equal("cpu");
        options.Rules["latency.p95"].ForCycles.Should().Be(4);
    }

    [Test]
    public void AddPluginHealthMonitoring_ConfigurationValueOfTheWrongType_IsAnErrorNamingKeyAndValue()
    {
        var configuration = Configuration(new() { ["PluginHealth:CollectionInterval"] = "every thirty seconds" });
        var services = new ServiceCollection();
        services.AddPluginHealthMonitoring(configuration.GetSection("PluginHealth"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<PluginHealthOptions>>().Value;

        act.Should().Throw<InvalidOperationException>().WithMessage("*'every thirty seconds'*PluginHealth:CollectionInterval*");
    }

    [Test]
    public async Task StartAsync_MalformedEnvironmentVariable_StopsTheHostNamingTheKey()
    {
        // A prefix of its own, so that no other variable of the machine (or test) can interfere.
        const string Prefix = "ZEPIX_TEST_ENV_";
        Environment.SetEnvironmentVariable(Prefix + "PluginHealth__CollectionInterval", "half a minute");
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddEnvironmentVariables(Prefix);
            builder.Services.AddPluginHealthMonitoring(builder.Configuration.GetSection("PluginHealth"));
            using var host = builder.Build();

            var act = () => host.StartAsync();

            (await act.Should().ThrowAsync<InvalidOperationException>())
                .Which.Message.Should().Contain("'half a minute'").And.Contain("PluginHealth:CollectionInterval");
        }
        finally
        {
            Environment.SetEnvironmentVariable(Prefix + "PluginHealth__CollectionInterval", null);
        }
    }

    [Test]
    public void AddPluginHealthMonitoring_EnvironmentVariable_OverridesTheJsonValue()
    {
        const string Prefix = "ZEPIX_TEST_ENV_";
        Environment.SetEnvironmentVariable(Prefix + "PluginHealth__CollectionInterval", "00:00:45");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["PluginHealth:CollectionInterval"] = "00:00:10" })
                .AddEnvironmentVariables(Prefix)
                .Build();
            var services = new ServiceCollection();
            services.AddPluginHealthMonitoring(configuration.GetSection("PluginHealth"));
            using var provider = services.BuildServiceProvider();

            provider.GetRequiredService<IOptions<PluginHealthOptions>>().Value.CollectionInterval.Should().Be(TimeSpan.FromSeconds(45));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Prefix + "PluginHealth__CollectionInterval", null);
        }
    }

    [Test]
    public async Task StartAsync_InvalidOptions_StopsTheHostWithTheMessage()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPluginHealthMonitoring(o => o.CollectionInterval = TimeSpan.FromSeconds(-1));
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("PluginHealth:CollectionInterval must be greater than 00:00:00").And.Contain("'-00:00:01'");
    }

    [Test]
    public void AddObserverAndAddPlugin_CalledTwice_AddEachOnce()
    {
        var services = new ServiceCollection();

        services.AddPluginHealthMonitoring().AddObserver<NullObserver>().AddObserver<NullObserver>().AddPlugin<DefaultPlugin>().AddPlugin<DefaultPlugin>();

        services.Count(d => d.ServiceType == typeof(IPluginHealthObserver)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IHealthCheckablePlugin)).Should().Be(1);
    }

    [Test]
    public void AddPlugin_BotResolvesItsPlugin_GetsTheInstanceTheMonitorWatches()
    {
        var services = new ServiceCollection();
        services.AddPluginHealthMonitoring().AddPlugin<DefaultPlugin>();
        using var provider = services.BuildServiceProvider();

        var own = provider.GetRequiredService<DefaultPlugin>();

        provider.GetRequiredService<IPluginRegistry>().GetAllPlugins().Should().ContainSingle().Which.Should().BeSameAs(own);
    }

    [Test]
    public void AddPluginHealthMonitoring_NullArguments_Throw()
    {
        var services = new ServiceCollection();

        FluentActions.Invoking(() => ((IServiceCollection)null!).AddPluginHealthMonitoring()).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => services.AddPluginHealthMonitoring((Action<PluginHealthOptions>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => services.AddPluginHealthMonitoring((IConfiguration)null!)).Should().Throw<ArgumentNullException>();
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private sealed class NullObserver : IPluginHealthObserver
    {
        public ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class DefaultPlugin : IHealthCheckablePlugin
    {
        public string Id => "default";

        public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

        public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(new PluginMetrics());

        public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass());
    }
}
