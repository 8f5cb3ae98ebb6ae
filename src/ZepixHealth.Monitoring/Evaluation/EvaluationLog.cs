using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>What the evaluation of rules logs (event ids 2001, 2020–2021).</summary>
/// <remarks>Plugin ids and rule ids go through <see cref="OperatorText.ToSingleLine"/> here, so that no caller can forget it.</remarks>
internal static partial class EvaluationLog
{
    public static void RuleFailed(ILogger logger, Exception exception, string ruleId, string pluginId) =>
        LogRuleFailed(logger, exception, OperatorText.ToSingleLine(ruleId), OperatorText.ToSingleLine(pluginId));

    public static void RuleTimedOut(ILogger logger, IHealthRule rule, string? ruleId, TimeSpan timeout) =>
        LogRuleTimedOut(logger, OperatorText.ToSingleLine(ruleId ?? "?"), rule.GetType().FullName, timeout.TotalMilliseconds);

    public static void RuleIdUnreadable(ILogger logger, IHealthRule rule, string problem, Exception? exception) =>
        LogRuleIdUnreadable(logger, exception, rule.GetType().FullName, problem);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Rule {RuleId} threw for plugin {PluginId}; counted as unknown")]
    private static partial void LogRuleFailed(ILogger logger, Exception exception, string ruleId, string pluginId);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "Rule {RuleId} ({RuleType}) did not answer within {TimeoutMs} ms; its verdicts count as unknown, and it is not called again until that call returns")]
    private static partial void LogRuleTimedOut(ILogger logger, string ruleId, string? ruleType, double timeoutMs);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Error, Message = "Rule {RuleType} cannot be evaluated: {Problem}; counted as unknown")]
    private static partial void LogRuleIdUnreadable(ILogger logger, Exception? exception, string? ruleType, string problem);
}
