using System.Net;
using System.Text;
using Telegram.Bot.Types;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>The commands the package answers: the menu registered with <c>setMyCommands</c> and the <c>/help</c> text.</summary>
internal static class TelegramCommandList
{
    /// <summary>Each command (without its slash), its arguments and what it does; the order of the menu.</summary>
    public static readonly IReadOnlyList<(string Command, string Arguments, string Description)> Commands =
    [
        ("health", "[plugin-id]", "Plugin health: the overview, or one plugin in detail"),
        ("alerts", string.Empty, "The alerts that are firing, with their short ids"),
        ("ack", "<alert-id>", "Acknowledge an alert: no reminders until it resolves"),
        ("silence", "<plugin-id|alert-id|all> <duration> [reason]", "Silence alerts for a while, e.g. 2h"),
        ("help", string.Empty, "This list of commands"),
    ];

    /// <summary>Every command the handler answers, <c>/start</c> (what Telegram sends first) included.</summary>
    public static readonly string[] Names = ["health", "alerts", "ack", "silence", "help", "start"];

    /// <summary>The menu for <c>setMyCommands</c>.</summary>
    public static BotCommand[] Menu() =>
        [.. Commands.Select(c => new BotCommand { Command = c.Command, Description = c.Description })];

    /// <summary>The answer to <c>/start</c> and <c>/help</c>, as Telegram HTML.</summary>
    public static string HelpHtml()
    {
        var text = new StringBuilder("🏥 <b>Plugin health commands</b>\n");
        foreach (var (command, arguments, description) in Commands)
        {
            var usage = arguments.Length == 0 ? $"/{command}" : $"/{command} {arguments}";
            text.Append("<code>").Append(WebUtility.HtmlEncode(usage)).Append("</code> — ").Append(WebUtility.HtmlEncode(description)).Append('\n');
        }

        return text.Append("Firing alerts also carry buttons: Acknowledge, Silence 1 h.").ToString();
    }
}
