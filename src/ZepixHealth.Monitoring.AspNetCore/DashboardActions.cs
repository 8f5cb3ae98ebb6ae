using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>The operator's actions on an alert: POSTs with an antiforgery token, answered by a redirect back to the page.</summary>
internal static class DashboardActions
{
    private const string FallbackOperator = "dashboard";

    public static async Task<IResult> AcknowledgeAsync(HttpContext http, string prefix, Guid id, CancellationToken ct)
    {
        if (await RejectAsync(http).ConfigureAwait(false) is { } rejected)
        {
            return rejected;
        }

        var manager = http.RequestServices.GetRequiredService<IHealthAlertManager>();
        var done = await manager.AcknowledgeAsync(id, Operator(http), ct).ConfigureAwait(false);
        return done ? Back(http, prefix) : Results.NotFound($"No firing alert has the id {id}.");
    }

    public static async Task<IResult> SilenceAsync(HttpContext http, string prefix, Guid id, CancellationToken ct)
    {
        if (await RejectAsync(http).ConfigureAwait(false) is { } rejected)
        {
            return rejected;
        }

        var duration = http.Request.Form["duration"].ToString();
        var untilResolved = duration == AlertTable.UntilResolved;
        TimeSpan? span = duration switch { "1h" => TimeSpan.FromHours(1), "4h" => TimeSpan.FromHours(4), AlertTable.UntilResolved => UntilResolvedSilences.Longest, _ => null };
        if (span is null)
        {
            return Results.BadRequest($"Unknown silence duration '{duration}': use 1h, 4h or resolved.");
        }

        var alert = await http.RequestServices.GetRequiredService<IHealthStore>().GetAlertAsync(id, ct).ConfigureAwait(false);
        if (alert is null || (untilResolved && alert.State != AlertState.Firing))
        {
            return Results.NotFound(untilResolved ? $"No firing alert has the id {id}." : $"No alert has the id {id}.");
        }

        var until = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() + span.Value;
        var reason = untilResolved ? UntilResolvedSilences.Reason(alert.Id) : $"Silenced for {duration} from the dashboard";
        await http.RequestServices.GetRequiredService<IHealthAlertManager>()
            .SilenceAsync(alert.PluginId, alert.RuleId, until, reason, Operator(http), ct)
            .ConfigureAwait(false);
        return Back(http, prefix);
    }

    private static async Task<IResult?> RejectAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.BadRequest("The dashboard's actions are form posts.");
        }

        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http).ConfigureAwait(false);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest("The antiforgery token is missing or invalid: reload the page and try again.");
        }
    }

    private static string Operator(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : FallbackOperator;

    // Back to the page the form was on; built from the prefix and an encoded id, never from a URL the client sent.
    private static IResult Back(HttpContext http, string prefix)
    {
        var plugin = http.Request.Form["plugin"].ToString();
        var target = plugin.Length == 0 ? (prefix.Length == 0 ? "/" : prefix) : $"{prefix}/plugins/{WebFormat.Segment(plugin)}";
        return Results.LocalRedirect(target);
    }
}
