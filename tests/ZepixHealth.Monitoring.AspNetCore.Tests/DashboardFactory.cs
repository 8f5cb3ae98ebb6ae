using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZepixHealth.Monitoring.AspNetCore;

namespace ZepixHealth.Monitoring.AspNetCore.Tests;

/// <summary>
/// The web sample in the "Testing" environment: two test plugins, a fake clock, the in-memory store.
/// Cycles run when the test says so. With <c>testOperators</c>, actions need the X-Test-Operator header.
/// </summary>
internal sealed class DashboardFactory(bool testOperators) : WebApplicationFactory<Program>
{
    public static readonly TimeSpan Cycle = TimeSpan.FromSeconds(30);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));

    public TestPlugin Healthy { get; private set; } = null!;

    public TestPlugin Failing { get; private set; } = null!;

    public PluginHealthMonitor Monitor => Services.GetRequiredService<PluginHealthMonitor>();

    public IHealthStore Store => Services.GetRequiredService<IHealthStore>();

    /// <summary>The address of the real (Kestrel) server, after <see cref="StartKestrel"/>.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Both plugins do some work, one cycle runs, and the clock moves one cycle on.</summary>
    public async Task CycleAsync()
    {
        Healthy.Work(12);
        Failing.Work(40, "order <b>rejected</b> & <script>alert(1)</script>");
        await Monitor.CollectOnceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Time.Advance(Cycle);
    }

    /// <summary>Runs cycles until the failing plugin has an open alert (at most ten).</summary>
    public async Task<HealthAlert> UntilOpenAlertAsync()
    {
        for (var i = 0; i < 10; i++)
        {
            await CycleAsync();
            var open = await Store.GetOpenAlertsAsync();
            if (open.FirstOrDefault(a => a.PluginId == Failing.Id && a.AcknowledgedBy is null) is { } alert)
            {
                return alert;
            }
        }

        throw new InvalidOperationException("No open alert for the failing plugin after ten cycles.");
    }

    private static bool IsMonitoringService(ServiceDescriptor d) =>
        d.ServiceType == typeof(IHostedService)
        && (d.ImplementationType ?? d.ImplementationFactory?.Method.DeclaringType)?.Assembly == typeof(PluginHealthMonitor).Assembly;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);

            // The test runs the cycles itself: the monitor's own loop would run one whenever the clock moves.
            foreach (var loop in services.Where(IsMonitoringService).ToList())
            {
                services.Remove(loop);
            }

            Healthy = new TestPlugin("v3-combined", Time);
            Failing = new TestPlugin("v6-price-action-5m", Time);
            services.AddSingleton<IHealthCheckablePlugin>(Healthy);
            services.AddSingleton<IHealthCheckablePlugin>(Failing);
            services.Configure<PluginHealthOptions>(o =>
            {
                o.CollectionInterval = Cycle;
                o.Host.Enabled = false;
            });
            services.Configure<PluginHealthDashboardOptions>(o => o.RefreshInterval = TimeSpan.FromMilliseconds(250));
            if (testOperators)
            {
                services.AddAuthentication(TestOperatorAuthHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TestOperatorAuthHandler>(TestOperatorAuthHandler.SchemeName, null);
                services.AddAuthorization(o => o.AddPolicy("dashboard-operator", p => p.AddAuthenticationSchemes(TestOperatorAuthHandler.SchemeName).RequireAuthenticatedUser()));
            }
        });
    }
}
