namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>Settings of the web dashboard mapped by <c>MapPluginHealthDashboard</c>.</summary>
public sealed class PluginHealthDashboardOptions
{
    /// <summary>
    /// Gets or sets the authorization policy the Acknowledge and Silence actions require, on top of
    /// whatever the dashboard's endpoints require. <see langword="null"/> (the default) requires the
    /// default policy: an authenticated user.
    /// </summary>
    public string? ActionPolicy { get; set; }

    /// <summary>
    /// Gets or sets how often the open page asks for fresh data. <see langword="null"/> (the default)
    /// uses <see cref="PluginHealthOptions.CollectionInterval"/>, so the page is never more than one cycle behind.
    /// </summary>
    public TimeSpan? RefreshInterval { get; set; }

    /// <summary>Gets or sets the page title.</summary>
    public string Title { get; set; } = "Plugin health";
}
