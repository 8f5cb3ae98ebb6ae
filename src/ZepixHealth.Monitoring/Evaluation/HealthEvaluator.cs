using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The evaluate stage of a cycle: judges every snapshot with every enabled rule and, when anomaly
/// detection is on, against the plugin's own baseline. Turns snapshots into <see cref="RuleOutcome"/>s;
/// what an outcome means for an alert is the alert lifecycle's business.
/// </summary>
/// <remarks>
/// Called by one cycle at a time. A rule that throws is logged and counted as unknown. The built-in
/// rules are judged inline; a host's own rules are judged on call workers (<see cref="IsolatedRule"/>),
/// all at once and each under <see cref="PluginHealthOptions.RuleTimeout"/>, so a rule that blocks
/// costs the cycle at most that timeout. Without such rules, evaluation completes synchronously.
/// Disposing it stops the rebuilding of baselines from history, if any is running.
/// </remarks>
internal sealed class HealthEvaluator : IDisposable
{
    private readonly IHealthRule[] _rules;

    // By the index of _rules: the isolated form of a host's rule, null for a built-in one; the built-in
    // rule itself, null for a host's; a built-in rule's id, read once per cycle.
    private readonly IsolatedRule?[] _isolated;
    private readonly BuiltInRule?[] _builtIn;
    private readonly string[] _ruleIds;
    private readonly IsolatedRule[] _hostRules;
    private readonly PluginHealthOptions _options;
    private readonly ThresholdResolver _thresholds;
    private readonly PluginBaselines _baselines;
    private readonly ILogger _logger;
    private readonly BaselineRestorer? _restorer;
    private RuleOutcome[] _outcomes = new RuleOutcome[64];
    private HealthRuleContext[] _contexts = [];
    private PluginMonitoringOptions?[] _pluginOptions = [];
    private int _count;
    private Func<string, TrackedRules?>? _trackedRulesOf;

    // The tracked rules of the plugin being judged, found once for all its outcomes.
    private TrackedRules? _tracked;

    // Turned off for every plugin (PluginHealth:Rules:<rule>:Enabled), read once per cycle: by the index
    // of _rules, and by AnomalyMetric.
    private readonly bool[] _ruleOff;
    private readonly bool[] _anomalyOff = new bool[AnomalyMetricExtensions.Count];

    /// <param name="rules">The rules every snapshot is judged by.</param>
    /// <param name="options">The thresholds, overrides and anomaly settings.</param>
    /// <param name="timeProvider">The clock of the host's rules' timeouts.</param>
    /// <param name="logger">Logs rules that throw or stall.</param>
    /// <param name="restorer">Rebuilds a plugin's baselines from its stored history when it is first seen; none when the store keeps no history across a restart.</param>
    public HealthEvaluator(IEnumerable<IHealthRule> rules, PluginHealthOptions options, TimeProvider timeProvider, ILogger logger, BaselineRestorer? restorer = null)
    {
        _rules = rules.ToArray();
        _isolated = [.. _rules.Select(rule => IsolatedRule.IsBuiltIn(rule) ? null : new IsolatedRule(rule, options, timeProvider, logger))];
        _hostRules = [.. _isolated.OfType<IsolatedRule>()];
        _builtIn = [.. _rules.Select(rule => rule as BuiltInRule)];
        _ruleIds = new string[_rules.Length];
        _ruleOff = new bool[_rules.Length];
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
    /// <param name="trackedRulesOf">
    /// Gives the rules of a plugin that have an alert tracked (<see langword="null"/> for none). When given,
    /// only the outcomes that can change an alert are returned: every breach, and a clear of a tracked rule.
    /// Most pairs are clear and untracked, so a healthy cycle hands on almost nothing.
    /// </param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>The outcomes, valid until the next call (the buffer is reused, so a cycle allocates none).</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while a host's rule was judged.</exception>
    public ValueTask<ReadOnlyMemory<RuleOutcome>> EvaluateAsync(
        IReadOnlyList<PluginHealthSnapshot> snapshots, Func<string, TrackedRules?>? trackedRulesOf = null, CancellationToken cancellationToken = default)
    {
        PrepareContexts(snapshots);
        return _hostRules.Length == 0
            ? new(Collect(snapshots, trackedRulesOf))
            : JudgeHostRulesAsync(snapshots, trackedRulesOf, cancellationToken);
    }

    private async ValueTask<ReadOnlyMemory<RuleOutcome>> JudgeHostRulesAsync(
        IReadOnlyList<PluginHealthSnapshot> snapshots, Func<string, TrackedRules?>? trackedRulesOf, CancellationToken cancellationToken)
    {
        // All at once: the deadlines run together, so the cycle waits at most one RuleTimeout.
        var judging = new Task[_hostRules.Length];
        for (var i = 0; i < judging.Length; i++)
        {
            judging[i] = _hostRules[i].JudgeAsync(_contexts, _pluginOptions, snapshots.Count, cancellationToken).AsTask();
        }

        await Task.WhenAll(judging).ConfigureAwait(false);
        return Collect(snapshots, trackedRulesOf);
    }

    /// <summary>One context per snapshot, shared by every rule: the thresholds are resolved once.</summary>
    private void PrepareContexts(IReadOnlyList<PluginHealthSnapshot> snapshots)
    {
        _thresholds.StartCycle(snapshots);
        if (_contexts.Length < snapshots.Count)
        {
            _contexts = new HealthRuleContext[snapshots.Count];
            _pluginOptions = new PluginMonitoringOptions?[snapshots.Count];
        }

        for (var i = 0; i < snapshots.Count; i++)
        {
            var snapshot = snapshots[i];
            _options.Plugins.TryGetValue(snapshot.PluginId, out _pluginOptions[i]);
            _contexts[i] = new HealthRuleContext(snapshot, _thresholds.For(snapshot));
        }
    }

    /// <summary>Judges with the built-in rules, takes the host's rules' verdicts, observes the baselines, in rule order per snapshot.</summary>
    private ReadOnlyMemory<RuleOutcome> Collect(IReadOnlyList<PluginHealthSnapshot> snapshots, Func<string, TrackedRules?>? trackedRulesOf)
    {
        _count = 0;
        _trackedRulesOf = trackedRulesOf;
        ReadRulesTurnedOff();
        _baselines.StartCycle(snapshots.Count);
        for (var i = 0; i < snapshots.Count; i++)
        {
            _tracked = trackedRulesOf?.Invoke(snapshots[i].PluginId);
            EvaluateRules(i);
            if (_options.Anomalies.Enabled)
            {
                EvaluateAnomalies(snapshots[i], _pluginOptions[i]);
            }
        }

        // The contexts hold snapshots: keep none past the cycle.
        Array.Clear(_contexts, 0, snapshots.Count);
        _tracked = null;
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

    /// <summary>
    /// Whether an outcome can change an alert, and so is handed on: every outcome when no alert
    /// lifecycle asked, else a breach, or a clear of a tracked rule. Asked before the outcome is built.
    /// </summary>
    private bool Keeps(HealthRuleOutcome outcome, string ruleId) =>
        _trackedRulesOf is null
        || outcome == HealthRuleOutcome.Breached
        || (outcome == HealthRuleOutcome.Clear && _tracked is not null && _tracked.Contains(ruleId));

    private void Add(in RuleOutcome outcome)
    {
        if (_count == _outcomes.Length)
        {
            Array.Resize(ref _outcomes, _count * 2);
        }

        _outcomes[_count++] = outcome;
    }

    private void EvaluateRules(int index)
    {
        var context = _contexts[index];
        var pluginOptions = _pluginOptions[index];
        var pluginId = context.Snapshot.PluginId;
        for (var r = 0; r < _rules.Length; r++)
        {
            if (_isolated[r] is { } isolated)
            {
                if (isolated.TryGetVerdict(index, out var hostRuleId, out var verdict) && Keeps(verdict.Outcome, hostRuleId))
                {
                    Add(new RuleOutcome(pluginId, hostRuleId, verdict));
                }

                continue;
            }

            var ruleId = _ruleIds[r];
            if (_ruleOff[r] || IsDisabledFor(pluginOptions, ruleId))
            {
                continue;
            }

            try
            {
                var result = _builtIn[r]!.Evaluate(context);
                if (Keeps(result.Outcome, ruleId))
                {
                    Add(new RuleOutcome(pluginId, ruleId, result));
                }
            }
            catch (Exception ex)
            {
                EvaluationLog.RuleFailed(_logger, ex, ruleId, pluginId);
            }
        }
    }

    private void EvaluateAnomalies(PluginHealthSnapshot snapshot, PluginMonitoringOptions? pluginOptions)
    {
        foreach (ref readonly var observation in _baselines.Observe(snapshot))
        {
            var ruleId = observation.Metric.RuleId();
            var outcome = observation.IsFiring ? HealthRuleOutcome.Breached : observation.IsJudged ? HealthRuleOutcome.Clear : HealthRuleOutcome.Unknown;
            if (_anomalyOff[(int)observation.Metric] || IsDisabledFor(pluginOptions, ruleId) || !Keeps(outcome, ruleId))
            {
                continue;
            }

            var result = observation.IsFiring
                ? HealthRuleResult.Breached(AlertLevel.Warning, $"{snapshot.PluginId}: {observation.Describe()}", observation.Value, observation.Limit)
                : observation.IsJudged ? HealthRuleResult.Clear : HealthRuleResult.Unknown;
            Add(new RuleOutcome(snapshot.PluginId, ruleId, result));
        }
    }

    /// <summary>Reads which rules are turned off for every plugin, once per cycle rather than once per plugin.</summary>
    private void ReadRulesTurnedOff()
    {
        for (var r = 0; r < _rules.Length; r++)
        {
            // A host's rule is asked for its id on a call worker only (IsolatedRule), never here.
            if (_builtIn[r] is { } builtIn)
            {
                _ruleIds[r] = builtIn.RuleId;
                _ruleOff[r] = IsTurnedOff(_ruleIds[r]);
            }
        }

        foreach (var metric in AnomalyMetricExtensions.All)
        {
            _anomalyOff[(int)metric] = IsTurnedOff(metric.RuleId());
        }
    }

    private bool IsTurnedOff(string ruleId) => _options.Rules.TryGetValue(ruleId, out var rule) && rule is { Enabled: false };

    /// <summary>Whether the plugin's own options turn the rule off.</summary>
    private static bool IsDisabledFor(PluginMonitoringOptions? pluginOptions, string ruleId) =>
        pluginOptions is not null && pluginOptions.DisabledRules.Contains(ruleId, StringComparer.Ordinal);
}
