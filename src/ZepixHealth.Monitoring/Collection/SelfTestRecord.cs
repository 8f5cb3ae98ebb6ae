namespace ZepixHealth.Monitoring;

/// <summary>A completed self-test and when it completed.</summary>
internal sealed record SelfTestRecord(SelfTestResult Result, DateTimeOffset CompletedAt);
