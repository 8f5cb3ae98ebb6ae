namespace ZepixHealth.Monitoring;

/// <summary>
/// A <see cref="HealthCheckablePluginBase"/> that is not simply running: stopped, faulted, or both.
/// Immutable, so that the two facts change together.
/// </summary>
/// <param name="Stopped">Whether the plugin was marked stopped.</param>
/// <param name="FaultReason">Why it was marked faulted, or <see langword="null"/>.</param>
internal sealed record PluginLifecycle(bool Stopped, string? FaultReason);
