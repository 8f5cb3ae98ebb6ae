namespace ZepixHealth.Monitoring;

/// <summary>
/// A plugin that the health monitor can watch. Implement it directly, or derive from a base class
/// that implements it on top of a telemetry recorder.
/// </summary>
/// <remarks>
/// The monitor calls these members from its own cycle, concurrently for different plugins, each
/// call under <see cref="PluginHealthOptions.CheckTimeout"/>. A call that does not answer in time is
/// abandoned (and the plugin reported <see cref="PluginHealthStatus.Hung"/>); the plugin is not
/// called again while that call is still running. Implementations should honour the
/// <see cref="CancellationToken"/>, answer from state they already hold, and never block.
/// </remarks>
public interface IHealthCheckablePlugin
{
    /// <summary>
    /// Gets the plugin's stable, unique identifier, for example <c>v6-price-action-5m</c>.
    /// Identifiers are compared ignoring case.
    /// </summary>
    string Id { get; }

    /// <summary>
    /// Answers whether the plugin is running. <see langword="false"/> or an exception makes the
    /// plugin <see cref="PluginHealthStatus.Dead"/>; no answer within the check timeout makes it
    /// <see cref="PluginHealthStatus.Hung"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the monitor stops waiting for the answer.</param>
    /// <returns><see langword="true"/> when the plugin is running.</returns>
    ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reports what the plugin knows about itself. Anything it cannot know is <see langword="null"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the monitor stops waiting for the answer.</param>
    /// <returns>The plugin's current metrics.</returns>
    ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the plugin's own functional check (for example: can it reach its exchange, is its model
    /// loaded). Called every <see cref="PluginHealthOptions.SelfTestInterval"/>, not every cycle.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the monitor stops waiting for the answer.</param>
    /// <returns>Whether the self-test passed, and why.</returns>
    ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default);
}
