using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ZepixHealth.Monitoring.HealthChecks;

/// <summary>
/// Settings of one <c>AddPluginHealthChecks</c> call: the name and tags of its entries, which plugins
/// it covers, and the status a Dead or Hung plugin reports.
/// </summary>
/// <remarks>
/// Each call registers one aggregate entry named <see cref="Name"/> and, with
/// <see cref="PerPluginEntries"/>, one entry per plugin named <c>{Name}:{plugin id}</c>. Call it several
/// times with different names, <see cref="PluginIds"/> and <see cref="Tags"/> to build groups that
/// separate endpoints select (for example a readiness probe over the V6 plugins only).
/// </remarks>
public sealed class PluginHealthCheckOptions
{
    /// <summary>Gets or sets the name of the aggregate entry, and the prefix of the per-plugin entries.</summary>
    /// <value>Default <c>plugins</c>.</value>
    public string Name { get; set; } = PluginHealthCheckDefaults.Name;

    /// <summary>Gets the tags every entry of this call carries, so that an endpoint's predicate can select them.</summary>
    /// <value>Default empty. Per-plugin entries also carry the tags <c>plugin</c> and the plugin's id.</value>
    public ICollection<string> Tags { get; } = new List<string>();

    /// <summary>Gets the ids of the plugins the entries cover.</summary>
    /// <value>Default empty: every plugin in the latest cycle (and the <c>host</c> row when <see cref="IncludeHost"/> is set).</value>
    public ICollection<string> PluginIds { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets whether the <c>host</c> row (the host process's own memory and CPU) counts when <see cref="PluginIds"/> is empty.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool IncludeHost { get; set; } = true;

    /// <summary>
    /// Gets or sets whether each plugin also gets an entry of its own, named <c>{Name}:{plugin id}</c>.
    /// The plugins are those of <see cref="PluginIds"/>, or else those in the plugin registry when the
    /// health-check service is created; plugins registered later count in the aggregate entry only.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool PerPluginEntries { get; set; } = true;

    /// <summary>Gets or sets the status reported for a Dead or Hung plugin.</summary>
    /// <value>Default <see cref="HealthStatus.Unhealthy"/>; <see cref="HealthStatus.Degraded"/> for a probe that must never fail.</value>
    public HealthStatus FailureStatus { get; set; } = HealthStatus.Unhealthy;

    /// <summary>Gets or sets how long the health-check service lets an entry run.</summary>
    /// <value>Default <see langword="null"/>: no timeout of its own (an entry reads the latest cycle and the open alerts only).</value>
    public TimeSpan? Timeout { get; set; }
}
