namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>One alert as a chaos sink received it.</summary>
internal sealed record ChaosReceipt(Guid NotificationId, Guid AlertId, string PluginId, string RuleId, AlertState State, AlertLevel Level, DateTimeOffset ReceivedAt);
