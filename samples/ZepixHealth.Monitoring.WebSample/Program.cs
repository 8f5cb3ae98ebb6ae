using System.Net;
using OpenTelemetry.Metrics;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Sample;

// The web demo: the console sample's five simulated trading plugins (within ten seconds one dies, one
// hangs, one goes quiet) and the dashboard at http://localhost:5080/health.
//   dotnet run --project samples/ZepixHealth.Monitoring.WebSample
var builder = WebApplication.CreateBuilder(args);

// Tests (environment "Testing") bring their own plugins, clock and in-memory store.
var simulate = !builder.Environment.IsEnvironment("Testing");
if (simulate)
{
    var sample = builder.Configuration.GetSection("Sample").Get<SampleOptions>() ?? new SampleOptions();
    var time = TimeProvider.System;
    builder.Services.AddSimulatedPlugins(sample, time);
}

var monitoring = builder.Services.AddPluginHealthMonitoring(builder.Configuration.GetSection(PluginHealthOptions.SectionName));
if (simulate)
{
    monitoring.UseSqliteStore("Data Source=zepix_health_web_sample.db");  // in the working folder
}

// Reading the dashboard is open here; acknowledging and silencing only from the machine itself.
// A real host puts its own authentication and policies here (see docs/dashboard.md).
builder.Services.AddAuthorization(o => o.AddPolicy("dashboard-operator", p => p.RequireAssertion(context =>
    context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip))));
builder.Services.AddPluginHealthDashboard(o => o.ActionPolicy = "dashboard-operator");

// The meter ZepixHealth.Monitoring for Prometheus, at /metrics (see docs/metrics.md and docs/scale-out.md).
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter("ZepixHealth.Monitoring").AddPrometheusExporter());

var app = builder.Build();
app.MapGet("/", () => Results.Redirect("/health"));
app.MapPluginHealthDashboard("/health");
app.MapPrometheusScrapingEndpoint();
await app.RunAsync();

/// <summary>The web sample's entry point, public for the tests' WebApplicationFactory.</summary>
public partial class Program;
