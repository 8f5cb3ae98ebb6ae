using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The evaluate stage of a cycle: judges every snapshot with every enabled rule and, when anomaly
/// detection is on, against the plugin's own baseline. Turns snapshots into <see cref="RuleOutcome"/>s;
/// what an outcome means for an alert is the alert lifecycle's business.
/// </summary>
/// <remarks>
/// Called by one cycle at a time. A rule that throws is logged and counted as unknown. Disposing it stops
/// the rebuilding of baselines from history, if any is running.
/// </remarks>
internal sealed partial class HealthEvaluator : IDisposable
{
    private readonly IHealthRule[] _rules;
    private readonly PluginHealthOptions _options;
    private readonly ThresholdResolver _thresholds;
    private readonly PluginBaselines _baselines;
    private readonly ILogger _logger;
    private readonly BaselineRestorer? _restorer;
    private RuleOutcome[] _outcomes = new RuleOutcome[64];
    private int _count;
    private Func<string, string, bool>? _isTracked;

    /// <param name="rules">The rules every snapshot is judged by.</param>
    /// <param name="options">The thresholds, overrides and anomaly settings.</param>
    /// <param name="logger">Logs rules that throw.</param>
    /// <param name="restorer">Rebuilds a plugin's baselines from its stored history when it is first seen; none when the store keeps no history across a restart.</param>
    public HealthEvaluator(IEnumerable<IHealthRule> rules, PluginHealthOptions options, ILogger logger, BaselineRestorer? restorer = null)
    {
        _rules = rules.ToArray();
        _options = options;
        _thresholds = new ThresholdResolver(options);
        _restorer = restorer;
        _baselines = new PluginBaselines(options.Anomalies, options.CollectionInterval, restorer);
        _logger = logger;
    }

    /// <summary>Completes when every baseline asked for so far has been rebuilt from history, or given up on.</summary>
    public Task WhenBaselinesRestoredAsync() => _restorer?.WhenIdleAsync() ?? Task.CompletedTask;

    public void Dispose() => _restorer?.Dispose();

    /// <summary>Evaluates one cycle's snapshots.</summary>
    /// <param name="snapshots">The cycle's snapshots.</param>
    /// <param name="isTracked">
    /// Says whether a (plugin, rule) pair has an alert pending or open. When given, only the outcomes
    /// that can change an alert are returned: every breach, and a clear where the pair is tracked.
    /// Most pairs are clear and untracked, so a healthy cycle hands on almost nothing.
    /// </param>
    /// <returns>The outcomes, valid until the next call (the buffer is reused, so a cycle allocates none).</returns>
    public ReadOnlyMemory<RuleOutcome> Evaluate(IReadOnlyList<PluginHealthSnapshot> snapshots, Func<string, string, bool>? isTracked = null)
    {
        _count = 0;
        _isTracked = isTracked;
        _baselines.StartCycle();
        foreach (var snapshot in snapshots)
        {
            _options.Plugins.TryGetValue(snapshot.PluginId, out var pluginOptions);
            EvaluateRules(snapshot, pluginOptions);
            if (_options.Anomalies.Enabled)
            {
                EvaluateAnomalies(snapshot, pluginOptions);
            }
        }

        _baselines.ForgetGonePlugins();
        return _outcomes.AsMemory(0, _count);
    }

    /// <summary>Frees the baselines and cached thresholds of plugins that are no longer watched.</summary>
    public void Forget(IReadOnlyList<string> pluginIds)
    {
        foreach (var pluginId in pluginIds)
        {
            _baselines.Forget(pluginId);
            _thresholds.Forget(pluginId);
        }
    }

    private void Add(in RuleOutcome outcome)
    {
        var kept = _isTracked is null
            || outcome.Result.Outcome == HealthRuleOutcome.Breached
            || (outcome.Result.Outcome == HealthRuleOutcome.Clear && _isTracked(outcome.PluginId, outcome.RuleId));
        if (!kept)
        {
            return;
        }

        if (_count == _outcomes.Length)
        {
            Array.Resize(ref _outcomes, _count * 2);
        }

        _outcomes[_count++] = outcome;
    }

    private void EvaluateRules(PluginHealthSnapshot snapshot, PluginMonitoringOptions? pluginOptions)
    {
        var context = new HealthRuleContext(snapshot, _thresholds.For(snapshot));
        foreach (var rule in _rules)
        {
            if (IsDisabledFor(pluginOptions, rule.RuleId))
            {
                continue;
            }

            try
            {
                Add(new RuleOutcome(snapshot.PluginId, rule.RuleId, rule.Evaluate(context)));
            }
            catch (Exception ex)
            {
                Log.RuleFailed(_logger, ex, rule.RuleId, snapshot.PluginId);
            }
        }
    }

    private void EvaluateAnomalies(PluginHealthSnapshot snapshot, PluginMonitoringOptions? pluginOptions)
    {
        foreach (var observation in _baselines.Observe(snapshot))
        {
            var ruleId = observation.Metric.RuleId();
            if (IsDisabledFor(pluginOptions, ruleId))
            {
                continue;
            }

            var result = observation.IsFiring
                ? HealthRuleResult.Breached(AlertLevel.Warning, $"{snapshot.PluginId}: {observation.Describe()}", observation.Value, observation.Limit)
                : observation.IsJudged ? HealthRuleResult.Clear : HealthRuleResult.Unknown;
            Add(new RuleOutcome(snapshot.PluginId, ruleId, result));
        }
    }

    private bool IsDisabledFor(PluginMonitoringOptions? pluginOptions, string ruleId) =>
        (_options.Rules.TryGetValue(ruleId, out var rule) && rule is { Enabled: false })
        || (pluginOptions is not null && pluginOptions.DisabledRules.Contains(ruleId, StringComparer.Ordinal));

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Rule {RuleId} threw for plugin {PluginId}; counted as unknown")]
        public static partial void RuleFailed(ILogger logger, Exception exception, string ruleId, string pluginId);
    }
}
