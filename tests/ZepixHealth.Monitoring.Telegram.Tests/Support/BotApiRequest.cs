using System.Text.Json.Nodes;

namespace ZepixHealth.Monitoring.Telegram.Tests.Support;

/// <summary>One request the fake Bot API server received: the method and its parsed JSON body.</summary>
internal sealed record BotApiRequest(string Method, JsonObject Body)
{
    public string Text => (string?)Body["text"] ?? string.Empty;

    public long ChatId => (long)Body["chat_id"]!;
}
