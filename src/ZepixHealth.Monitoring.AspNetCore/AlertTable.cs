using System.Text;
using static ZepixHealth.Monitoring.AspNetCore.WebFormat;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>
/// A table of alerts; for open ones, the Acknowledge and Silence forms (POST, with the antiforgery token).
/// The page's script redraws the same markup from <c>/api/alerts</c> when the alerts change.
/// </summary>
internal static class AlertTable
{
    /// <summary>The id of the open alerts' container, which the script keeps live.</summary>
    public const string OpenList = "open-alert-list";

    /// <summary>The id of the alert history's container, which the script keeps live.</summary>
    public const string HistoryList = "alert-history";

    /// <summary>How many alerts the history shows.</summary>
    public const int HistoryRows = 50;

    /// <summary>The form value of the "until resolved" silence.</summary>
    public const string UntilResolved = "resolved";

    /// <summary>Renders the table inside a container the page's script redraws.</summary>
    public static void RenderLive(StringBuilder html, DashboardView view, string id, IReadOnlyList<HealthAlert> alerts, bool actions, string? pluginId)
    {
        html.Append("<div id=\"").Append(id).Append("\" class=\"alert-list\" data-actions=\"").Append(actions ? "true" : "false")
            .Append("\" data-limit=\"").Append(HistoryRows).Append("\">");
        Render(html, view, alerts, actions, pluginId);
        html.Append("</div>");
    }

    private static void Render(StringBuilder html, DashboardView view, IReadOnlyList<HealthAlert> alerts, bool actions, string? pluginId)
    {
        if (alerts.Count == 0)
        {
            html.Append("<p class=\"empty\">None.</p>");
            return;
        }

        html.Append("<table class=\"grid alerts\"><thead><tr><th>Level</th><th>Plugin</th><th>Rule</th><th>Message</th><th>Raised</th><th>State</th>")
            .Append(actions ? "<th>Actions</th>" : string.Empty).Append("</tr></thead><tbody>");
        foreach (var alert in alerts)
        {
            html.Append("<tr data-alert=\"").Append(alert.Id).Append("\"><td class=\"level-").Append(alert.Level.ToString().ToLowerInvariant()).Append("\">")
                .Append(alert.Level).Append("</td><td>").Append(E(alert.PluginId)).Append("</td><td>").Append(E(alert.RuleId))
                .Append("</td><td>").Append(E(alert.Message)).Append("</td><td>").Append(Time(alert.RaisedAt)).Append("</td><td class=\"state\">");
            State(html, alert);
            html.Append("</td>");
            if (actions)
            {
                html.Append("<td class=\"actions\">");
                Actions(html, view, alert, pluginId);
                html.Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void State(StringBuilder html, HealthAlert alert)
    {
        html.Append(alert.State == AlertState.Resolved ? $"Resolved {Time(alert.ResolvedAt)}" : "Firing");
        if (alert.AcknowledgedBy is not null)
        {
            html.Append(" <span class=\"ack\">Acknowledged by ").Append(E(alert.AcknowledgedBy)).Append("</span>");
        }

        if (alert.SilencedBy is not null)
        {
            html.Append(" <span class=\"silenced\">Silenced</span>");
        }

        if (alert.InhibitedBy is not null)
        {
            html.Append(" <span class=\"inhibited\">Inhibited by ").Append(E(alert.InhibitedBy)).Append("</span>");
        }
    }

    private static void Actions(StringBuilder html, DashboardView view, HealthAlert alert, string? pluginId)
    {
        var hidden = $"<input type=\"hidden\" name=\"{E(view.TokenField)}\" value=\"{E(view.Token)}\">"
            + (pluginId is null ? string.Empty : $"<input type=\"hidden\" name=\"plugin\" value=\"{E(pluginId)}\">");
        var action = $"{E(view.Prefix)}/alerts/{alert.Id}";
        if (alert.AcknowledgedBy is null)
        {
            html.Append("<form method=\"post\" action=\"").Append(action).Append("/acknowledge\">").Append(hidden)
                .Append("<button type=\"submit\" class=\"ack-button\">Acknowledge</button></form>");
        }

        html.Append("<form method=\"post\" action=\"").Append(action).Append("/silence\">").Append(hidden)
            .Append("<button type=\"submit\" name=\"duration\" value=\"1h\">Silence 1 h</button>")
            .Append("<button type=\"submit\" name=\"duration\" value=\"4h\">Silence 4 h</button>")
            .Append("<button type=\"submit\" name=\"duration\" value=\"").Append(UntilResolved).Append("\">Silence until resolved</button></form>");
    }
}
