namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>Whether the kill -9 helper's "outbox" sink refuses every call in this run.</summary>
internal sealed record KillHelperSinkSettings(bool FailOutbox);
