using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring.Tests.Storage;

internal sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception);
