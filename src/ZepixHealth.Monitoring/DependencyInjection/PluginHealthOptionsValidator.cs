using System.Globalization;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Checks <see cref="PluginHealthOptions"/> at start-up. Every message names the configuration key
/// and the bad value, so that a typo in <c>appsettings.json</c> is found at once.
/// </summary>
internal sealed class PluginHealthOptionsValidator(IPluginRegistry registry, IEnumerable<IHealthRule> rules) : IValidateOptions<PluginHealthOptions>
{
    private const string Prefix = PluginHealthDefaults.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, PluginHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var knownRules = rules.Select(r => r.RuleId).ToHashSet(StringComparer.Ordinal);

        CheckCycleTimings(errors, options);
        CheckLimits(errors, options);
        CheckDelivery(errors, options);
        CheckGrouping(errors, options);
        CheckRules(errors, options, knownRules);
        errors.AddRange(AnomalyDetectionOptionsValidator.FindProblems(options.Anomalies, Prefix + nameof(options.Anomalies)));
        errors.AddRange(AlertInhibitionOptionsValidator.FindProblems(options.Inhibition, Prefix + nameof(options.Inhibition)));
        errors.AddRange(AlertLevelOptionsValidator.FindProblems(options, Prefix));
        errors.AddRange(AlertRoutingOptionsValidator.FindProblems(options.Routing, Prefix + nameof(options.Routing)));
        CheckThresholds(errors, options.Thresholds);
        CheckHost(errors, options.Host);
        foreach (var (id, plugin) in options.Plugins)
        {
            CheckPluginOverride(errors, options, knownRules, id, plugin);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckCycleTimings(List<string> errors, PluginHealthOptions options)
    {
        CheckInterval(errors, nameof(options.CollectionInterval), options.CollectionInterval, TimeSpan.Zero, PluginHealthDefaults.MaxCollectionInterval);
        CheckInterval(errors, nameof(options.CheckTimeout), options.CheckTimeout, TimeSpan.Zero, PluginHealthDefaults.MaxCheckTimeout);
        CheckInterval(errors, nameof(options.StaleAfter), options.StaleAfter, TimeSpan.Zero, PluginHealthDefaults.MaxStaleAfter);
        CheckInterval(errors, nameof(options.SelfTestInterval), options.SelfTestInterval, TimeSpan.Zero, PluginHealthDefaults.MaxSelfTestInterval);
        CheckInterval(errors, nameof(options.SelfTestTimeout), options.SelfTestTimeout, TimeSpan.Zero, PluginHealthDefaults.MaxSelfTestTimeout);
        CheckInterval(errors, nameof(options.ObserverTimeout), options.ObserverTimeout, TimeSpan.Zero, PluginHealthDefaults.MaxCheckTimeout);
        CheckInterval(errors, nameof(options.RuleTimeout), options.RuleTimeout, TimeSpan.Zero, PluginHealthDefaults.MaxCheckTimeout);

        if (options.AlertCooldown < TimeSpan.Zero || options.AlertCooldown > PluginHealthDefaults.MaxAlertCooldown)
        {
            errors.Add($"{Prefix}{nameof(options.AlertCooldown)} must be between 00:00:00 and {PluginHealthDefaults.MaxAlertCooldown:c}; was '{options.AlertCooldown:c}'.");
        }

        if (options.CollectionInterval > TimeSpan.Zero && options.CheckTimeout > options.CollectionInterval)
        {
            errors.Add($"{Prefix}{nameof(options.CheckTimeout)} ('{options.CheckTimeout:c}') must not be longer than {Prefix}{nameof(options.CollectionInterval)} ('{options.CollectionInterval:c}'): a cycle would outlast its interval.");
        }
    }

    private static void CheckLimits(List<string> errors, PluginHealthOptions options)
    {
        if (options.MaxConcurrentChecks is < 1 or > PluginHealthDefaults.MaxConcurrentChecksLimit)
        {
            errors.Add($"{Prefix}{nameof(options.MaxConcurrentChecks)} must be between 1 and {PluginHealthDefaults.MaxConcurrentChecksLimit}; was '{options.MaxConcurrentChecks}'.");
        }

        if (options.GroupThreshold is < 1 or > 1000)
        {
            errors.Add($"{Prefix}{nameof(options.GroupThreshold)} must be between 1 and 1000; was '{options.GroupThreshold}'.");
        }

        if (options.DeliveryMaxAttempts is < 1 or > 100)
        {
            errors.Add($"{Prefix}{nameof(options.DeliveryMaxAttempts)} must be between 1 and 100; was '{options.DeliveryMaxAttempts}'.");
        }
    }

    private static void CheckDelivery(List<string> errors, PluginHealthOptions options)
    {
        CheckInterval(errors, nameof(options.SinkTimeout), options.SinkTimeout, TimeSpan.Zero, PluginHealthDefaults.MaxCheckTimeout);
        CheckInterval(errors, nameof(options.AlertStoreTimeout), options.AlertStoreTimeout, TimeSpan.Zero, PluginHealthDefaults.MaxCheckTimeout);
        CheckInterval(errors, nameof(options.DeliveryMaxRetryDelay), options.DeliveryMaxRetryDelay, TimeSpan.Zero, PluginHealthDefaults.MaxCollectionInterval);
        CheckInterval(errors, nameof(options.DeliveryMaxAge), options.DeliveryMaxAge, TimeSpan.Zero, PluginHealthDefaults.MaxDeliveryMaxAge);
        if (options.DeliveryMaxRetryDelay > TimeSpan.Zero)
        {
            CheckInterval(errors, nameof(options.DeliveryRetryDelay), options.DeliveryRetryDelay, TimeSpan.Zero, options.DeliveryMaxRetryDelay);
        }
    }

    private static void CheckGrouping(List<string> errors, PluginHealthOptions options)
    {
        if (options.GroupWait is { } groupWait && (groupWait < TimeSpan.Zero || groupWait > PluginHealthDefaults.MaxGroupWait))
        {
            errors.Add($"{Prefix}{nameof(options.GroupWait)} must be between 00:00:00 and {PluginHealthDefaults.MaxGroupWait:c}; was '{groupWait:c}'.");
        }

        CheckInterval(errors, nameof(options.GroupInterval), options.GroupInterval, TimeSpan.Zero, PluginHealthDefaults.MaxGroupInterval);
        if ((options.GroupBy & ~(AlertGroupBy.Level | AlertGroupBy.PluginId | AlertGroupBy.RuleId)) != 0)
        {
            errors.Add($"{Prefix}{nameof(options.GroupBy)} must combine Host, Level, PluginId and RuleId; was '{(int)options.GroupBy}'.");
        }
    }

    private static void CheckRules(List<string> errors, PluginHealthOptions options, HashSet<string> knownRules)
    {
        foreach (var (ruleId, rule) in options.Rules)
        {
            var key = $"{Prefix}{nameof(options.Rules)}:{ruleId}";
            if (!IsKnownRule(knownRules, ruleId))
            {
                errors.Add($"{key} names rule '{ruleId}', which does not exist (rules: {string.Join(", ", knownRules.Order(StringComparer.Ordinal))}, anomaly.<metric>).");
            }

            CheckCycles(errors, key + ":" + nameof(AlertRuleOptions.ForCycles), rule?.ForCycles);
            CheckCycles(errors, key + ":" + nameof(AlertRuleOptions.ClearCycles), rule?.ClearCycles);
        }
    }

    private static void CheckThresholds(List<string> errors, PluginHealthThresholds thresholds)
    {
        var thresholdsKey = Prefix + nameof(PluginHealthOptions.Thresholds) + ":";
        CheckThreshold(errors, thresholdsKey + nameof(thresholds.MaxExecutionTimeMs), thresholds.MaxExecutionTimeMs, max: PluginHealthDefaults.MaxExecutionTimeMsLimit);
        CheckThreshold(errors, thresholdsKey + nameof(thresholds.MaxErrorRatePct), thresholds.MaxErrorRatePct, max: 100);
        CheckThreshold(errors, thresholdsKey + nameof(thresholds.MaxMemoryUsageMb), thresholds.MaxMemoryUsageMb, max: PluginHealthDefaults.MaxMemoryUsageMbLimit);
        CheckThreshold(errors, thresholdsKey + nameof(thresholds.MaxCpuUsagePct), thresholds.MaxCpuUsagePct, max: null);
    }

    private static void CheckHost(List<string> errors, HostMonitoringOptions host)
    {
        var hostKey = Prefix + nameof(PluginHealthOptions.Host) + ":";
        CheckThreshold(errors, hostKey + nameof(host.MemoryLimitMb), host.MemoryLimitMb, max: PluginHealthDefaults.MaxMemoryUsageMbLimit);
        CheckOverrides(errors, hostKey + nameof(host.Thresholds) + ":", host.Thresholds);
    }

    private void CheckPluginOverride(List<string> errors, PluginHealthOptions options, HashSet<string> knownRules, string id, PluginMonitoringOptions? plugin)
    {
        var key = $"{Prefix}{nameof(options.Plugins)}:{PluginId.ForDisplay(id)}";
        if (PluginId.FindProblem(id) is { } problem)
        {
            errors.Add($"{key} is not a valid plugin id: {problem}.");
            return;
        }

        if (!options.AllowUnknownPluginOverrides && !IsRegistered(id))
        {
            var known = string.Join(", ", registry.GetAllPlugins().Select(p => p.Id));
            errors.Add($"{key} names plugin '{id}', which is not registered (registered: {(known.Length == 0 ? "none" : known)}). " +
                       $"Fix the id, or set {Prefix}{nameof(options.AllowUnknownPluginOverrides)} for plugins loaded at run time.");
        }

        if (plugin is null)
        {
            return;
        }

        foreach (var ruleId in plugin.DisabledRules)
        {
            if (!IsKnownRule(knownRules, ruleId))
            {
                errors.Add($"{key}:{nameof(plugin.DisabledRules)} names rule '{ruleId}', which does not exist.");
            }
        }

        CheckOverrides(errors, key + ":" + nameof(plugin.Thresholds) + ":", plugin.Thresholds);
    }

    private static bool IsKnownRule(HashSet<string> knownRules, string? ruleId) =>
        ruleId is not null && (knownRules.Contains(ruleId) || ruleId.StartsWith(HealthRuleIds.AnomalyPrefix, StringComparison.Ordinal));

    private static void CheckCycles(List<string> errors, string key, int? value)
    {
        if (value is { } v && (v < 1 || v > PluginHealthDefaults.MaxCycles))
        {
            errors.Add($"{key} must be between 1 and {PluginHealthDefaults.MaxCycles}; was '{v}'.");
        }
    }

    private bool IsRegistered(string id)
    {
        foreach (var plugin in registry.GetAllPlugins())
        {
            if (PluginId.Comparer.Equals(plugin.Id, id))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckInterval(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value <= min || value > max)
        {
            errors.Add($"{Prefix}{name} must be greater than {min:c} and at most {max:c}; was '{value:c}'.");
        }
    }

    private static void CheckOverrides(List<string> errors, string overridesKey, PluginThresholdOverrides? overrides)
    {
        if (overrides is null)
        {
            return;
        }

        CheckThreshold(errors, overridesKey + nameof(overrides.MaxExecutionTimeMs), overrides.MaxExecutionTimeMs, max: PluginHealthDefaults.MaxExecutionTimeMsLimit);
        CheckThreshold(errors, overridesKey + nameof(overrides.MaxErrorRatePct), overrides.MaxErrorRatePct, max: 100);
        CheckThreshold(errors, overridesKey + nameof(overrides.MaxMemoryUsageMb), overrides.MaxMemoryUsageMb, max: PluginHealthDefaults.MaxMemoryUsageMbLimit);
        CheckThreshold(errors, overridesKey + nameof(overrides.MaxCpuUsagePct), overrides.MaxCpuUsagePct, max: null);
    }

    private static void CheckThreshold(List<string> errors, string key, double? value, double? max)
    {
        if (value is not { } v)
        {
            return;
        }

        if (!double.IsFinite(v) || v <= 0 || (max is { } m && v > m))
        {
            var range = max is { } limit ? $"greater than 0 and at most {limit.ToString(CultureInfo.InvariantCulture)}" : "a finite number greater than 0";
            errors.Add($"{key} must be {range}; was '{v.ToString(CultureInfo.InvariantCulture)}'.");
        }
    }
}
