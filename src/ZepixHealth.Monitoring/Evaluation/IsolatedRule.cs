using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// A rule the library does not own (a host's <see cref="IHealthRule"/>), judged on a call worker through
/// its own <see cref="GuardedCaller"/> under <see cref="PluginHealthOptions.RuleTimeout"/>: one call per
/// cycle judges every snapshot, so a rule that blocks (a sleep, a lock, a <c>.Result</c>) or hangs holds
/// one worker, never the cycle.
/// </summary>
/// <remarks>
/// A call that does not answer in time is abandoned: the rule's verdicts of that cycle count as unknown,
/// the stall is logged once, and the rule is not called again until that call has returned. Everything
/// the rule does, its <see cref="IHealthRule.RuleId"/> included, runs on the worker. The buffers are
/// reused: the next call starts only once an abandoned one has returned, so no two calls share them.
/// </remarks>
internal sealed class IsolatedRule
{
    private readonly IHealthRule _rule;
    private readonly GuardedCaller _caller;
    private readonly PluginHealthOptions _options;
    private readonly ILogger _logger;
    private HealthRuleContext[] _contexts = [];
    private PluginMonitoringOptions?[] _pluginOptions = [];
    private int _count;
    private HealthRuleResult[] _results = [];
    private bool[] _judged = [];
    private string? _ruleId;
    private bool _answered;

    public IsolatedRule(IHealthRule rule, PluginHealthOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _rule = rule;
        _options = options;
        _logger = logger;
        _caller = new GuardedCaller(timeProvider);
    }

    /// <summary>Gets whether the rule belongs to this library: trusted, allocation-free, judged inline.</summary>
    public static bool IsBuiltIn(IHealthRule rule) => rule is BuiltInRule;

    /// <summary>Gets whether a call abandoned in an earlier cycle is still running.</summary>
    public bool IsStillRunning => _caller.IsRunning;

    /// <summary>Judges the first <paramref name="count"/> contexts on a worker, waiting at most <see cref="PluginHealthOptions.RuleTimeout"/>.</summary>
    /// <param name="contexts">One context per snapshot; read, never kept past the call.</param>
    /// <param name="pluginOptions">The plugins' own options, by the same index (<see langword="null"/> where a plugin has none).</param>
    /// <param name="count">How many contexts to judge.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask JudgeAsync(HealthRuleContext[] contexts, PluginMonitoringOptions?[] pluginOptions, int count, CancellationToken cancellationToken)
    {
        _answered = false;
        if (_caller.IsRunning)
        {
            return; // Still blocked in an earlier cycle: logged when it stalled; unknown until it returns.
        }

        _contexts = contexts;
        _pluginOptions = pluginOptions;
        _count = count;
        if (_results.Length < count)
        {
            _results = new HealthRuleResult[contexts.Length];
            _judged = new bool[contexts.Length];
        }

        var call = await _caller.InvokeAsync(
            this, static (rule, token) => new ValueTask<string?>(rule.JudgeAll(token)), nameof(IHealthRule.Evaluate), _options.RuleTimeout, cancellationToken)
            .ConfigureAwait(false);
        switch (call.Outcome)
        {
            case PluginCallOutcome.Completed:
                _answered = call.Value is not null;
                break;
            case PluginCallOutcome.TimedOut:
                EvaluationLog.RuleTimedOut(_logger, _rule, Volatile.Read(ref _ruleId), _options.RuleTimeout);
                break;
            case PluginCallOutcome.Faulted:
                EvaluationLog.RuleIdUnreadable(_logger, _rule, "the call failed", call.Error);
                break;
        }

        // The contexts belong to the cycle; an abandoned call stops reading them at its next snapshot.
        _contexts = [];
        _pluginOptions = [];
    }

    /// <summary>Gets the rule's verdict on the context at <paramref name="index"/> of the last <see cref="JudgeAsync"/>, if it gave one in time.</summary>
    public bool TryGetVerdict(int index, out string ruleId, out HealthRuleResult result)
    {
        if (!_answered || !_judged[index])
        {
            ruleId = string.Empty;
            result = default;
            return false;
        }

        ruleId = Volatile.Read(ref _ruleId)!;
        result = _results[index];
        return true;
    }

    /// <summary>Runs on the worker: reads the rule's id once, then judges every context the rule is enabled for.</summary>
    /// <returns>The rule's id; <see langword="null"/> when it cannot be read.</returns>
    private string? JudgeAll(CancellationToken token)
    {
        var contexts = _contexts;
        var pluginOptions = _pluginOptions;
        var count = _count;
        Array.Clear(_judged, 0, _judged.Length);
        string ruleId;
        try
        {
            ruleId = _rule.RuleId;
        }
        catch (Exception ex)
        {
            EvaluationLog.RuleIdUnreadable(_logger, _rule, "its RuleId threw", ex);
            return null;
        }

        if (string.IsNullOrWhiteSpace(ruleId))
        {
            EvaluationLog.RuleIdUnreadable(_logger, _rule, "its RuleId is empty", exception: null);
            return null;
        }

        // Known from here on, also to the log of a call that stalls below.
        Volatile.Write(ref _ruleId, ruleId);

        if (_options.Rules.TryGetValue(ruleId, out var settings) && settings is { Enabled: false })
        {
            return ruleId;
        }

        for (var i = 0; i < count && !token.IsCancellationRequested; i++)
        {
            // Null once the cycle has moved on without this call: it was abandoned.
            if (contexts[i] is not { } context)
            {
                break;
            }

            if (pluginOptions[i] is { } plugin && plugin.DisabledRules.Contains(ruleId, StringComparer.Ordinal))
            {
                continue;
            }

            try
            {
                _results[i] = _rule.Evaluate(context);
                _judged[i] = true;
            }
            catch (Exception ex)
            {
                EvaluationLog.RuleFailed(_logger, ex, ruleId, context.Snapshot.PluginId);
            }
        }

        return ruleId;
    }
}
