namespace ZepixHealth.Monitoring;

/// <summary>
/// A rule that ships with the library. The evaluator judges these inline, through this class rather than
/// <see cref="IHealthRule"/>: a virtual call, where one interface call site shared by seven rule types
/// costs a dispatch-cache lookup per rule per plugin.
/// </summary>
internal abstract class BuiltInRule : IHealthRule
{
    public abstract string RuleId { get; }

    public abstract HealthRuleResult Evaluate(HealthRuleContext context);
}
