namespace ZepixHealth.Monitoring;

/// <summary>
/// Database connection figures a plugin reports about itself. Unknown figures are <see langword="null"/>.
/// </summary>
public sealed record PluginDatabaseMetrics
{
    /// <summary>Gets an instance in which every figure is unknown.</summary>
    public static PluginDatabaseMetrics Unknown { get; } = new();

    /// <summary>Gets the number of connections open now.</summary>
    public int? ActiveConnections { get; init; }

    /// <summary>Gets the most connections the plugin may open (its pool size), or the peak it reached.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Gets the mean query time, in milliseconds.</summary>
    public double? AvgQueryTimeMs { get; init; }
}
