namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>What every page needs to know about the request: where the dashboard lives, its title, the antiforgery field.</summary>
internal sealed record DashboardView(string Prefix, string Title, int RefreshMs, string TokenField, string Token);
