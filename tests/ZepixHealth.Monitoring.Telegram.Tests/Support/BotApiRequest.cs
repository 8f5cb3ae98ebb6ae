using System.Text.Json.Nodes;

namespace ZepixHealth.Monitoring.Telegram.Tests.Support;

/// <summary>One request the fake Bot API server received: the method and its parsed JSON body.</summary>
internal sealed record BotApiRequest(string Method, JsonObject Body)
{
    public string Text => (string?)Body["text"] ?? string.Empty;

    public long ChatId => (long)Body["chat_id"]!;

    /// <summary>The message a sendMessage answers (<c>reply_parameters.message_id</c>), or null.</summary>
    public int? ReplyToMessageId => (int?)Body["reply_parameters"]?["message_id"];

    /// <summary>The forum topic of a sendMessage (<c>message_thread_id</c>), or null.</summary>
    public int? MessageThreadId => (int?)Body["message_thread_id"];

    /// <summary>The inline buttons of a sendMessage, row by row, as (text, callback data).</summary>
    public IReadOnlyList<IReadOnlyList<(string Text, string Data)>> Buttons =>
        Body["reply_markup"]?["inline_keyboard"] is JsonArray rows
            ? [.. rows.Select(row => (IReadOnlyList<(string, string)>)[.. row!.AsArray().Select(b => ((string)b!["text"]!, (string)b["callback_data"]!))])]
            : [];
}
