using System.Text;
using static ZepixHealth.Monitoring.AspNetCore.WebFormat;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>One plugin's page: its status, last error and self-test, history charts over a range, its alerts.</summary>
internal static class PluginPage
{
    public static string Render(DashboardView view, PluginHealthSnapshot latest, PluginHistory history, AlertLists alerts) =>
        PageLayout.Render(view, $"{latest.PluginId} — {view.Title}", "plugin", latest.PluginId, html =>
        {
            var status = latest.Availability.Status;
            html.Append("<header><a class=\"back\" href=\"").Append(E(view.Prefix)).Append("\">\u2190 All plugins</a><h1>")
                .Append(E(latest.PluginId)).Append("</h1>");
            PageLayout.StatusBadge(html, status.ToString(), StatusStyle.Icon(status), "plugin-status");
            html.Append("</header>");
            Details(html, latest);
            Ranges(html, view, latest.PluginId, history.Range);
            html.Append("<section class=\"charts\">");
            foreach (var metric in ChartMetric.All)
            {
                SvgChart.Render(html, metric, history);
            }

            html.Append("</section><h2>Open alerts</h2>");
            AlertTable.RenderLive(html, view, AlertTable.OpenList, alerts.Open.Where(a => Is(a, latest.PluginId)).ToList(), actions: true, latest.PluginId);
            html.Append("<h2>Recent alerts</h2>");
            AlertTable.RenderLive(html, view, AlertTable.HistoryList, alerts.Recent.Where(a => Is(a, latest.PluginId)).Take(AlertTable.HistoryRows).ToList(), actions: false, latest.PluginId);
        });

    private static bool Is(HealthAlert alert, string pluginId) => string.Equals(alert.PluginId, pluginId, StringComparison.Ordinal);

    private static void Details(StringBuilder html, PluginHealthSnapshot latest)
    {
        html.Append("<dl class=\"details\"><dt>Reason</dt><dd>").Append(E(latest.Availability.Reason ?? "\u2013"))
            .Append("</dd><dt>Last snapshot</dt><dd>").Append(Time(latest.Timestamp))
            .Append("</dd><dt>Last error</dt><dd id=\"last-error\">").Append(E(latest.Errors.LastErrorMessage ?? "\u2013"));
        if (latest.Errors.LastErrorTimestamp is { } at)
        {
            html.Append(" (").Append(E(latest.Errors.LastErrorType)).Append(", ").Append(Time(at)).Append(')');
        }

        html.Append("</dd><dt>Self-test</dt><dd>");
        html.Append(latest.SelfTest is { } test
            ? (test.Passed ? "Passed" : "Failed") + (test.Message is null ? string.Empty : ": " + E(test.Message)) + " at " + Time(latest.SelfTestCompletedAt)
            : "\u2013");
        html.Append("</dd></dl>");
    }

    private static void Ranges(StringBuilder html, DashboardView view, string pluginId, string current)
    {
        html.Append("<nav class=\"ranges\">History:");
        foreach (var (name, _) in HistoryRanges.All)
        {
            html.Append(" <a href=\"").Append(E(view.Prefix)).Append("/plugins/").Append(E(Segment(pluginId))).Append("?range=").Append(name).Append('"')
                .Append(name == current ? " aria-current=\"page\"" : string.Empty).Append('>').Append(name).Append("</a>");
        }

        html.Append("</nav>");
    }
}
