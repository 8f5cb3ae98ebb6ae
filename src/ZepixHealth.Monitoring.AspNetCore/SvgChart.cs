using System.Text;
using static ZepixHealth.Monitoring.AspNetCore.WebFormat;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>
/// One metric's history as server-rendered SVG: the min–max band, the average line, a circle per bucket,
/// and a vertical mark where an alert fired or resolved. Classes only, no style attributes (the CSP).
/// </summary>
internal static class SvgChart
{
    private const double Width = 600, Height = 150, Left = 48, Right = 8, Top = 10, Bottom = 22;

    public static void Render(StringBuilder html, ChartMetric metric, PluginHistory history)
    {
        html.Append("<figure class=\"chart\" data-metric=\"").Append(metric.Key).Append("\"><figcaption>")
            .Append(E(metric.Label)).Append(" (").Append(E(metric.Unit)).Append(")</figcaption>");
        var points = history.Points.Where(p => p.Metrics.ContainsKey(metric.Key)).ToList();
        if (points.Count == 0)
        {
            html.Append("<p class=\"empty\">No data in this range.</p></figure>");
            return;
        }

        var max = Math.Max(points.Max(p => p.Metrics[metric.Key].Max), 1e-9) * 1.1;
        double X(DateTimeOffset t) => Left + ((t - history.From).TotalSeconds / Math.Max(1, (history.To - history.From).TotalSeconds) * (Width - Left - Right));
        double Y(double v) => Top + ((1 - (v / max)) * (Height - Top - Bottom));

        html.Append("<svg class=\"chart-svg\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
            .Append("\" role=\"img\" aria-label=\"").Append(E(metric.Label)).Append("\">");
        Axes(html, metric, history, max);
        var band = points.Select(p => Pair(X(p.Time), Y(p.Metrics[metric.Key].Max)))
            .Concat(points.AsEnumerable().Reverse().Select(p => Pair(X(p.Time), Y(p.Metrics[metric.Key].Min))));
        html.Append("<polygon class=\"band\" points=\"").AppendJoin(' ', band).Append("\"/>");
        html.Append("<polyline class=\"line\" points=\"").AppendJoin(' ', points.Select(p => Pair(X(p.Time), Y(p.Metrics[metric.Key].Avg)))).Append("\"/>");
        foreach (var p in points)
        {
            var s = p.Metrics[metric.Key];
            html.Append("<circle class=\"point\" r=\"2\" cx=\"").Append(Invariant(X(p.Time))).Append("\" cy=\"").Append(Invariant(Y(s.Avg)))
                .Append("\"><title>").Append(Time(p.Time)).Append(": avg ").Append(Number(s.Avg)).Append(", min ").Append(Number(s.Min))
                .Append(", max ").Append(Number(s.Max)).Append(' ').Append(E(metric.Unit)).Append("</title></circle>");
        }

        Marks(html, history, X);
        html.Append("</svg></figure>");
    }

    private static string Pair(double x, double y) => Invariant(x) + "," + Invariant(y);

    private static void Axes(StringBuilder html, ChartMetric metric, PluginHistory history, double max)
    {
        var bottom = Invariant(Height - Bottom);
        html.Append("<line class=\"axis\" x1=\"").Append(Left).Append("\" y1=\"").Append(bottom).Append("\" x2=\"").Append(Width - Right)
            .Append("\" y2=\"").Append(bottom).Append("\"/><text class=\"tick\" x=\"2\" y=\"").Append(Top + 8).Append("\">")
            .Append(Number(max / 1.1)).Append(' ').Append(E(metric.Unit)).Append("</text><text class=\"tick\" x=\"").Append(Left)
            .Append("\" y=\"").Append(Height - 6).Append("\">").Append(Time(history.From)).Append("</text><text class=\"tick end\" x=\"")
            .Append(Width - Right).Append("\" y=\"").Append(Height - 6).Append("\">").Append(Time(history.To)).Append("</text>");
    }

    private static void Marks(StringBuilder html, PluginHistory history, Func<DateTimeOffset, double> x)
    {
        foreach (var alert in history.Alerts)
        {
            Mark(html, "fire", alert.RaisedAt, $"Fired: {alert.RuleId} — {alert.Message}", history, x);
            if (alert.ResolvedAt is { } resolved)
            {
                Mark(html, "resolve", resolved, $"Resolved: {alert.RuleId}", history, x);
            }
        }
    }

    private static void Mark(StringBuilder html, string kind, DateTimeOffset at, string text, PluginHistory history, Func<DateTimeOffset, double> x)
    {
        if (at < history.From || at > history.To)
        {
            return;
        }

        var position = Invariant(x(at));
        html.Append("<line class=\"mark ").Append(kind).Append("\" x1=\"").Append(position).Append("\" x2=\"").Append(position)
            .Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(Height - Bottom).Append("\"><title>").Append(Time(at)).Append(' ')
            .Append(E(text)).Append("</title></line>");
    }
}
