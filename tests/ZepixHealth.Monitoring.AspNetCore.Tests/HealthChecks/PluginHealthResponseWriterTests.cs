using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.AspNetCore;
using ZepixHealth.Monitoring.HealthChecks;

namespace ZepixHealth.Monitoring.AspNetCore.Tests;

/// <summary>The JSON response writer, mapped as docs/telemetry-and-packages.md shows it, on Kestrel at 127.0.0.1.</summary>
[TestFixture]
public sealed partial class PluginHealthResponseWriterTests
{
    private const string SnippetStart = "// docs/telemetry-and-packages.md: health-check JSON";
    private const string SnippetEnd = "// end of snippet";

    [Test]
    public async Task WriteJsonAsync_DeadPlugin_503WithEveryEntryAsJson()
    {
        var dead = new HealthCheckTestPlugin("v6-price-action-15m") { Alive = false };
        await using var app = await StartAsync([new HealthCheckTestPlugin("v3-combined"), dead]);
        await app.Services.GetRequiredService<PluginHealthMonitor>().CollectOnceAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(Address(app), "/healthz"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
        var root = json.RootElement;
        root.GetProperty("status").GetString().Should().Be("Unhealthy");
        root.GetProperty("totalDurationMs").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        var entries = root.GetProperty("entries");
        entries.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["plugins", "plugins:v3-combined", "plugins:v6-price-action-15m"]);
        var plugins = entries.GetProperty("plugins");
        plugins.GetProperty("status").GetString().Should().Be("Unhealthy");
        plugins.GetProperty("description").GetString().Should().Be("v6-price-action-15m is Dead: IsAliveAsync returned false. (firing: availability Critical)");
        plugins.GetProperty("data").GetProperty("v6-price-action-15m").GetString().Should().Be("Dead");
        plugins.GetProperty("tags").GetArrayLength().Should().Be(0);
        var one = entries.GetProperty("plugins:v6-price-action-15m");
        one.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("plugin", "v6-price-action-15m");
        one.GetProperty("data").GetProperty("firingAlerts").EnumerateArray().Select(t => t.GetString()).Should().Equal("availability (Critical)");
        one.GetProperty("data").GetProperty("timestamp").GetDateTimeOffset().Should().Be(Start);
        entries.GetProperty("plugins:v3-combined").GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Test]
    public async Task WriteJsonAsync_ThrowingCheckAndOddData_ExceptionMessageAndDataAsText()
    {
        await using var app = await StartAsync([new HealthCheckTestPlugin("v3-combined")], checks => checks
            .AddCheck("throws", () => throw new InvalidOperationException("database <gone>"))
            .AddCheck("odd", () => HealthCheckResult.Healthy("fine", new Dictionary<string, object> { ["pointer"] = new Action(() => { }), ["when"] = Start })));
        await app.Services.GetRequiredService<PluginHealthMonitor>().CollectOnceAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(Address(app), "/healthz/all"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        var entries = json.RootElement.GetProperty("entries");
        entries.GetProperty("throws").GetProperty("status").GetString().Should().Be("Unhealthy");
        entries.GetProperty("throws").GetProperty("exception").GetString().Should().Be("database <gone>");
        entries.GetProperty("odd").GetProperty("data").GetProperty("pointer").GetString().Should().Be("System.Action", "a value JSON cannot hold is written as its text");
        entries.GetProperty("odd").GetProperty("data").GetProperty("when").GetDateTimeOffset().Should().Be(Start);
    }

    [Test]
    public void Docs_HealthCheckJsonBlock_IsTheCodeThisTestRuns()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "telemetry-and-packages.md"));
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "ZepixHealth.Monitoring.AspNetCore.Tests", "HealthChecks", "PluginHealthResponseWriterTests.cs"));
        var start = source.IndexOf(SnippetStart + "\n", StringComparison.Ordinal) + SnippetStart.Length + 1;
        var end = source.IndexOf("        " + SnippetEnd, start, StringComparison.Ordinal);
        var snippet = string.Join('\n', source[start..end].TrimEnd('\n').Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));

        var blocks = CSharpBlock().Matches(docs).Select(m => m.Groups[1].Value.TrimEnd('\n')).ToList();

        blocks.Should().Contain(snippet, "the docs show exactly the mapping this test serves");
    }

    private static readonly DateTimeOffset Start = new(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);

    private static void MapAsDocumented(WebApplication app)
    {
        // docs/telemetry-and-packages.md: health-check JSON
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = r => r.Name.StartsWith("plugins", StringComparison.Ordinal),
            ResponseWriter = PluginHealthResponseWriter.WriteJsonAsync,
        });
        // end of snippet
    }

    private static async Task<WebApplication> StartAsync(HealthCheckTestPlugin[] plugins, Action<IHealthChecksBuilder>? more = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        foreach (var plugin in plugins)
        {
            builder.Services.AddSingleton<IHealthCheckablePlugin>(plugin);
        }

        builder.Services.AddPluginHealthMonitoring(o => o.Host.Enabled = false);

        // The test runs the cycles itself.
        foreach (var loop in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)
            && (d.ImplementationType ?? d.ImplementationFactory?.Method.DeclaringType)?.Assembly == typeof(PluginHealthMonitor).Assembly).ToList())
        {
            builder.Services.Remove(loop);
        }

        var checks = builder.Services.AddHealthChecks().AddPluginHealthChecks();
        more?.Invoke(checks);
        var app = builder.Build();
        MapAsDocumented(app);
        app.MapHealthChecks("/healthz/all", new HealthCheckOptions { ResponseWriter = PluginHealthResponseWriter.WriteJsonAsync });
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZepixHealth.Monitoring.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("ZepixHealth.Monitoring.sln not found above the test directory.");
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
