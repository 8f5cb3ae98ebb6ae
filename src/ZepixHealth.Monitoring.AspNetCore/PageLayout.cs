using System.Text;
using static ZepixHealth.Monitoring.AspNetCore.WebFormat;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>The frame of every page: the embedded style sheet and script, no inline code (the CSP forbids it).</summary>
internal static class PageLayout
{
    public static string Render(DashboardView view, string title, string page, string? pluginId, Action<StringBuilder> body)
    {
        var prefix = view.Prefix;
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(E(prefix)).Append("/assets/dashboard.css\">")
            .Append("<script defer src=\"").Append(E(prefix)).Append("/assets/dashboard.js\"></script></head>")
            .Append("<body data-page=\"").Append(page).Append("\" data-prefix=\"").Append(E(prefix))
            .Append("\" data-refresh=\"").Append(view.RefreshMs).Append('"')
            // The live alert tables redraw their forms with the page's antiforgery token.
            .Append(" data-token-field=\"").Append(E(view.TokenField)).Append("\" data-token=\"").Append(E(view.Token)).Append('"');
        if (pluginId is not null)
        {
            html.Append(" data-plugin=\"").Append(E(pluginId)).Append('"');
        }

        html.Append("><main>");
        body(html);
        html.Append("</main></body></html>");
        return html.ToString();
    }

    public static void StatusBadge(StringBuilder html, string status, string icon, string? id = null)
    {
        html.Append("<span class=\"badge ").Append(StatusStyle.CssClass(status)).Append('"');
        if (id is not null)
        {
            html.Append(" id=\"").Append(id).Append('"');
        }

        html.Append("><span class=\"icon\" aria-hidden=\"true\">").Append(icon).Append("</span> <span class=\"word\">")
            .Append(E(status)).Append("</span></span>");
    }
}
