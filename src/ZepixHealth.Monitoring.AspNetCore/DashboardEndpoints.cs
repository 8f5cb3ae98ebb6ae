using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>The dashboard's routes: pages, JSON API, assets and actions.</summary>
internal static class DashboardEndpoints
{
    private const string Html = "text/html; charset=utf-8";

    public static void Map(RouteGroupBuilder group, string prefix, IServiceProvider services)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            SecurityHeaders.Apply(context.HttpContext.Response);
            return await next(context).ConfigureAwait(false);
        });

        group.MapGet("", (HttpContext http, CancellationToken ct) => OverviewAsync(http, prefix, ct));
        group.MapGet("/plugins/{id}", (HttpContext http, string id, string? range, CancellationToken ct) => PluginAsync(http, prefix, id, range, ct));
        group.MapGet("/api/plugins", async (HttpContext http, CancellationToken ct) =>
            Results.Json(await Queries(http).GetOverviewAsync(ct).ConfigureAwait(false), DashboardJson.Options));
        group.MapGet("/api/plugins/{id}/history", HistoryAsync);
        group.MapGet("/api/alerts", async (HttpContext http, CancellationToken ct) =>
            Results.Json(await Queries(http).GetAlertsAsync(ct).ConfigureAwait(false), DashboardJson.Options));
        group.MapGet("/assets/{name}", (string name) => EmbeddedAssets.Serve(name));

        var policy = services.GetRequiredService<IOptions<PluginHealthDashboardOptions>>().Value.ActionPolicy;
        var ack = group.MapPost("/alerts/{id:guid}/acknowledge", (HttpContext http, Guid id, CancellationToken ct) => DashboardActions.AcknowledgeAsync(http, prefix, id, ct));
        var silence = group.MapPost("/alerts/{id:guid}/silence", (HttpContext http, Guid id, CancellationToken ct) => DashboardActions.SilenceAsync(http, prefix, id, ct));
        foreach (var action in new[] { ack, silence })
        {
            // The actions change what the operator is told: a stricter policy than reading.
            _ = policy is null ? action.RequireAuthorization() : action.RequireAuthorization(policy);
            action.DisableAntiforgery(); // validated by DashboardActions itself, so the form's 400 is ours
        }
    }

    internal static DashboardQueries Queries(HttpContext http)
    {
        var services = http.RequestServices;
        return new DashboardQueries(
            services.GetRequiredService<PluginHealthMonitor>(),
            services.GetRequiredService<IHealthStore>(),
            services.GetRequiredService<IOptions<PluginHealthOptions>>(),
            services.GetRequiredService<TimeProvider>());
    }

    private static DashboardView View(HttpContext http, string prefix, DashboardQueries queries)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<PluginHealthDashboardOptions>>().Value;
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var refresh = options.RefreshInterval ?? queries.CollectionInterval;
        return new DashboardView(prefix, options.Title, (int)Math.Clamp(refresh.TotalMilliseconds, 250, 600_000), tokens.FormFieldName, tokens.RequestToken ?? string.Empty);
    }

    private static async Task<IResult> OverviewAsync(HttpContext http, string prefix, CancellationToken ct)
    {
        var queries = Queries(http);
        var overview = await queries.GetOverviewAsync(ct).ConfigureAwait(false);
        var alerts = await queries.GetAlertsAsync(ct).ConfigureAwait(false);
        return Results.Content(OverviewPage.Render(View(http, prefix, queries), overview, alerts), Html);
    }

    private static async Task<IResult> PluginAsync(HttpContext http, string prefix, string id, string? range, CancellationToken ct)
    {
        if (!HistoryRanges.TryParse(range, out var name, out var span))
        {
            return Results.BadRequest($"Unknown range '{range}': use 1h, 6h, 24h or 7d.");
        }

        var queries = Queries(http);
        var latest = await queries.GetLatestAsync(id, ct).ConfigureAwait(false);
        if (latest is null)
        {
            return Results.NotFound($"No plugin '{id}' has been seen by the monitor.");
        }

        var history = await queries.GetHistoryAsync(id, name, span, ct).ConfigureAwait(false);
        var alerts = await queries.GetAlertsAsync(ct).ConfigureAwait(false);
        return Results.Content(PluginPage.Render(View(http, prefix, queries), latest, history, alerts), Html);
    }

    private static async Task<IResult> HistoryAsync(HttpContext http, string id, string? range, CancellationToken ct)
    {
        if (!HistoryRanges.TryParse(range, out var name, out var span))
        {
            return Results.BadRequest($"Unknown range '{range}': use 1h, 6h, 24h or 7d.");
        }

        var history = await Queries(http).GetHistoryAsync(id, name, span, ct).ConfigureAwait(false);
        return Results.Json(history, DashboardJson.Options);
    }
}
