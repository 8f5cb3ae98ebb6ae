namespace ZepixHealth.Monitoring;

/// <summary>
/// What an operator does about alerts: silence a plugin (or all plugins, or one rule) for a
/// maintenance window, and acknowledge a firing alert so that it is not repeated until it resolves.
/// Both are recorded in the <see cref="IHealthStore"/>.
/// </summary>
public interface IHealthAlertManager
{
    /// <summary>Silences alerts until <paramref name="until"/>: they are stored but not sent.</summary>
    /// <param name="pluginId">The plugin to silence; <see langword="null"/> for every plugin.</param>
    /// <param name="ruleId">The rule to silence; <see langword="null"/> for every rule.</param>
    /// <param name="until">When the silence ends; must be in the future.</param>
    /// <param name="reason">Why, for the operator.</param>
    /// <param name="createdBy">Who silenced.</param>
    /// <param name="cancellationToken">Cancels the store write.</param>
    /// <returns>The silence, once it is durable.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> or <paramref name="createdBy"/> is empty, or <paramref name="until"/> is not in the future.</exception>
    Task<AlertSilence> SilenceAsync(string? pluginId, string? ruleId, DateTimeOffset until, string reason, string createdBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Silences alerts of the matching plugins, rules and levels until <paramref name="until"/>: they are
    /// stored but not sent. A resolution that comes during the silence, of an alert whose firing was
    /// sent, is sent when the silence ends; an alert still firing then is sent then.
    /// </summary>
    /// <param name="pluginId">The plugin, exactly (ignoring case) or as a pattern where <c>*</c> is any text (<c>v6-*</c>); <see langword="null"/> for every plugin.</param>
    /// <param name="ruleId">The rule, exactly or as a pattern (<c>anomaly.*</c>); <see langword="null"/> for every rule.</param>
    /// <param name="maxLevel">The highest level silenced (a higher level is sent); <see langword="null"/> for every level.</param>
    /// <param name="until">When the silence ends; must be in the future.</param>
    /// <param name="reason">Why, for the operator.</param>
    /// <param name="createdBy">Who silenced.</param>
    /// <param name="cancellationToken">Cancels the store write.</param>
    /// <returns>The silence, once it is durable.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> or <paramref name="createdBy"/> is empty, or <paramref name="until"/> is not in the future.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLevel"/> is not a defined level.</exception>
    Task<AlertSilence> SilenceAsync(string? pluginId, string? ruleId, AlertLevel? maxLevel, DateTimeOffset until, string reason, string createdBy, CancellationToken cancellationToken = default);

    /// <summary>Ends a silence early.</summary>
    /// <param name="silenceId">The silence's id.</param>
    /// <param name="cancellationToken">Cancels the store write.</param>
    /// <returns><see langword="true"/> when a silence in force was ended.</returns>
    Task<bool> EndSilenceAsync(Guid silenceId, CancellationToken cancellationToken = default);

    /// <summary>Gets the silences in force now.</summary>
    /// <returns>The silences, soonest ending first.</returns>
    IReadOnlyList<AlertSilence> GetActiveSilences();

    /// <summary>Acknowledges a firing alert: it is not repeated until it resolves (its resolution is still sent).</summary>
    /// <param name="alertId">The alert's id.</param>
    /// <param name="acknowledgedBy">Who acknowledged it.</param>
    /// <param name="cancellationToken">Cancels the store write.</param>
    /// <returns><see langword="true"/> when a firing alert was acknowledged; <see langword="false"/> when none is firing with that id.</returns>
    /// <exception cref="ArgumentException"><paramref name="acknowledgedBy"/> is empty.</exception>
    Task<bool> AcknowledgeAsync(Guid alertId, string acknowledgedBy, CancellationToken cancellationToken = default);
}
