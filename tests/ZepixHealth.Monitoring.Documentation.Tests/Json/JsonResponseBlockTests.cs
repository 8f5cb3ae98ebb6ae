using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZepixHealth.Monitoring.Documentation.Tests.Blocks;

namespace ZepixHealth.Monitoring.Documentation.Tests.Json;

/// <summary>
/// "json response &lt;route&gt;" blocks: every property of the sample, at its place in the document, is in what the
/// dashboard answers on that route, served by Kestrel on 127.0.0.1 after two cycles of a healthy
/// "v3-combined" and a dead "v6-price-action-5m".
/// </summary>
[TestFixture]
public sealed class JsonResponseBlockTests
{
    public static IEnumerable<TestCaseData> Blocks() =>
        BlockCatalog.Claimed("json response").Select(c => new TestCaseData(c.Block, c.Claim.Argument("json response"))
            .SetName($"Sample_AsWritten_MatchesTheRealResponse({c.Block.File}:{c.Block.Line})"));

    [TestCaseSource(nameof(Blocks))]
    public async Task Sample_AsWritten_MatchesTheRealResponse(DocumentedBlock block, string route)
    {
        await using var app = await StartDashboardAsync();
        using var http = new HttpClient { BaseAddress = Address(app) };

        var response = await http.GetStringAsync(route.TrimStart('/'));

        var real = Paths(Parse(response)).ToHashSet();
        Paths(Parse(block.Text)).Where(p => !real.Contains(p)).Should().BeEmpty($"every property of {block} is in GET {route}, which has {string.Join(", ", real)}");
    }

    private static async Task<WebApplication> StartDashboardAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        var working = new WorkingPlugin("v3-combined", time);
        builder.Services.AddSingleton<IHealthCheckablePlugin>(working);
        builder.Services.AddSingleton<IHealthCheckablePlugin>(new WorkingPlugin("v6-price-action-5m", time, alive: false));
        builder.Services.AddPluginHealthMonitoring(_ => { });
        builder.Services.AddPluginHealthDashboard();

        // The test runs the cycles itself.
        foreach (var loop in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
        {
            builder.Services.Remove(loop);
        }

        var app = builder.Build();
        app.MapPluginHealthDashboard("/health");
        await app.StartAsync();
        var monitor = app.Services.GetRequiredService<PluginHealthMonitor>();
        for (var i = 0; i < 2; i++)
        {
            working.Work();
            await monitor.CollectOnceAsync();
            time.Advance(TimeSpan.FromSeconds(30));
        }

        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return document.RootElement.Clone();
    }

    /// <summary>Each property as its path: "plugins[].id", "points[].metrics.p95Ms.min".</summary>
    private static IEnumerable<string> Paths(JsonElement element, string prefix = "") => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Paths(p.Value, $"{prefix}{p.Name}.").Prepend(prefix + p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(e => Paths(e, prefix.TrimEnd('.') + "[].")),
        _ => [],
    };

    private sealed class WorkingPlugin(string id, TimeProvider time, bool alive = true) : HealthCheckablePluginBase(id, time)
    {
        public void Work()
        {
            Telemetry.RecordOperation();
            Telemetry.RecordExecution(TimeSpan.FromMilliseconds(12));
        }

        public override ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(alive);
    }
}
