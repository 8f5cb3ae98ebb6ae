using System.Diagnostics.CodeAnalysis;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>
/// The dashboard's "Silence until resolved": a silence of the alert's plugin and rule whose reason names
/// the alert, ended after the first cycle that finds the alert resolved (or gone). Nothing is sent for
/// the alert meanwhile, its resolution included; the next alert of that plugin and rule is sent as usual.
/// </summary>
/// <remarks>
/// The alert's id lives in the silence's stored reason, so a restart keeps the link; a silence whose
/// alert never resolves ends after <see cref="Longest"/> like any other.
/// </remarks>
internal sealed class UntilResolvedSilences(IHealthAlertManager manager, IHealthStore store) : IPluginHealthObserver
{
    private const string ReasonPrefix = "Until alert ";
    private const string ReasonSuffix = " resolves (dashboard)";

    /// <summary>How long such a silence lasts at most.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    /// <summary>The reason that marks a silence as ending with <paramref name="alertId"/>.</summary>
    public static string Reason(Guid alertId) => ReasonPrefix + alertId.ToString("D") + ReasonSuffix;

    /// <summary>Reads the alert id back from a silence's reason.</summary>
    public static bool TryParse(string reason, [NotNullWhen(true)] out Guid? alertId)
    {
        alertId = null;
        if (reason.StartsWith(ReasonPrefix, StringComparison.Ordinal) && reason.EndsWith(ReasonSuffix, StringComparison.Ordinal)
            && Guid.TryParseExact(reason.AsSpan(ReasonPrefix.Length, reason.Length - ReasonPrefix.Length - ReasonSuffix.Length), "D", out var id))
        {
            alertId = id;
        }

        return alertId is not null;
    }

    public async ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken)
    {
        foreach (var silence in manager.GetActiveSilences())
        {
            if (!TryParse(silence.Reason, out var alertId))
            {
                continue;
            }

            var alert = await store.GetAlertAsync(alertId.Value, cancellationToken).ConfigureAwait(false);
            if (alert is null || alert.State == AlertState.Resolved)
            {
                await manager.EndSilenceAsync(silence.Id, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
