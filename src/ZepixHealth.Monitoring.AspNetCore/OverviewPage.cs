using System.Text;
using static ZepixHealth.Monitoring.AspNetCore.WebFormat;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>The overview: summary bar, the plugin table (problems first), open alerts and alert history.</summary>
internal static class OverviewPage
{
    private static readonly (string Key, string Label)[] Columns =
    [
        ("rank", "Status"), ("id", "Plugin"), ("uptimeSeconds", "Uptime"), ("p95Ms", "P95 ms"), ("p99Ms", "P99 ms"),
        ("errorRatePct", "Errors %"), ("memoryMb", "Memory MB"), ("cpuPct", "CPU %"), ("signals1h", "Signals/h"),
        ("orders1h", "Orders/h"), ("lastActivityAgeSeconds", "Last activity"), ("openAlerts", "Alerts"),
    ];

    public static string Render(DashboardView view, DashboardOverview overview, AlertLists alerts) =>
        PageLayout.Render(view, view.Title, "overview", null, html =>
        {
            html.Append("<header><h1>").Append(E(view.Title)).Append("</h1></header>");
            Summary(html, overview);
            Table(html, view, overview.Plugins);
            html.Append("<h2>Open alerts</h2>");
            AlertTable.RenderLive(html, view, AlertTable.OpenList, alerts.Open, actions: true, pluginId: null);
            html.Append("<h2>Alert history</h2>");
            AlertTable.RenderLive(html, view, AlertTable.HistoryList, alerts.Recent.Take(AlertTable.HistoryRows).ToList(), actions: false, pluginId: null);
        });

    private static void Summary(StringBuilder html, DashboardOverview overview)
    {
        html.Append("<div id=\"stalled\" class=\"banner\" role=\"alert\"").Append(overview.MonitorStalled ? string.Empty : " hidden")
            .Append(">The monitor has stalled: its newest data is <span id=\"stalled-age\">").Append(Age(overview.DataAgeSeconds))
            .Append("</span> old.</div><section class=\"summary\" id=\"summary\">");
        foreach (var status in Enum.GetValues<PluginHealthStatus>().OrderBy(StatusStyle.Rank))
        {
            var word = status.ToString();
            html.Append("<span class=\"chip ").Append(StatusStyle.CssClass(word)).Append("\"><span class=\"icon\" aria-hidden=\"true\">")
                .Append(StatusStyle.Icon(status)).Append("</span> ").Append(word).Append(" <b data-count=\"").Append(word).Append("\">")
                .Append(overview.Counts.GetValueOrDefault(word)).Append("</b></span>");
        }

        html.Append("<span class=\"chip alerts\">Open alerts <b id=\"open-alerts\">").Append(overview.OpenAlerts).Append("</b></span>")
            .Append("<span id=\"data-age-chip\" class=\"chip age").Append(overview.MonitorStalled ? " stalled" : string.Empty).Append("\">Data <b id=\"data-age\">").Append(Age(overview.DataAgeSeconds)).Append("</b> old</span></section>");
    }

    private static void Table(StringBuilder html, DashboardView view, IReadOnlyList<PluginRow> rows)
    {
        html.Append("<table id=\"plugins\" class=\"grid\"><thead><tr>");
        foreach (var (key, label) in Columns)
        {
            html.Append("<th><button type=\"button\" data-sort=\"").Append(key).Append("\">").Append(label).Append("</button></th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            Row(html, view, row);
        }

        html.Append("</tbody></table>");
        if (rows.Count == 0)
        {
            html.Append("<p class=\"empty\" id=\"no-plugins\">No data yet: waiting for the first monitoring cycle.</p>");
        }
    }

    private static void Row(StringBuilder html, DashboardView view, PluginRow row)
    {
        html.Append("<tr class=\"").Append(StatusStyle.CssClass(row.Status)).Append("\" data-id=\"").Append(E(row.Id)).Append("\"><td>");
        PageLayout.StatusBadge(html, row.Status, row.Icon);
        html.Append("</td><td><a class=\"plugin\" href=\"").Append(E(view.Prefix)).Append("/plugins/").Append(E(Segment(row.Id))).Append("\">")
            .Append(E(row.Id)).Append("</a>");
        if (row.Reason is not null)
        {
            html.Append("<div class=\"reason\">").Append(E(row.Reason)).Append("</div>");
        }

        html.Append("</td><td>").Append(Age(row.UptimeSeconds)).Append("</td><td>").Append(Number(row.P95Ms))
            .Append("</td><td>").Append(Number(row.P99Ms)).Append("</td><td>").Append(Number(row.ErrorRatePct))
            .Append("</td><td>").Append(Number(row.MemoryMb)).Append("</td><td>").Append(Number(row.CpuPct))
            .Append("</td><td>").Append(Count(row.Signals1h)).Append("</td><td>").Append(Count(row.Orders1h))
            .Append("</td><td>").Append(Age(row.LastActivityAgeSeconds)).Append("</td><td>").Append(row.OpenAlerts).Append("</td></tr>");
    }
}
