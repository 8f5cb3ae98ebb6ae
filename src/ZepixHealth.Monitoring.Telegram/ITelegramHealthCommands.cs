using Telegram.Bot;
using Telegram.Bot.Types;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// Answers the operator's commands: <c>/health</c>, <c>/health &lt;plugin-id&gt;</c>, <c>/alerts</c>,
/// <c>/ack &lt;alert-id&gt;</c>, <c>/silence &lt;plugin-id|all&gt; &lt;duration&gt; [reason]</c>, and <c>/start</c> and
/// <c>/help</c> with the command list, each also as <c>/health@BotName</c> in groups, answered as a reply
/// to the command's message in its forum topic. It also answers the presses of a notification's buttons
/// (callback queries whose data it wrote). Only the chats in <see cref="TelegramAlertOptions.ChatIds"/> and the
/// users in <see cref="TelegramAlertOptions.AllowedUserIds"/> get an answer; anyone else gets nothing
/// and is logged. A host with its own bot loop calls <see cref="TryHandleAsync"/> for each update; a
/// host without one sets <see cref="TelegramAlertOptions.EnableLongPolling"/>.
/// </summary>
public interface ITelegramHealthCommands
{
    /// <summary>Handles <paramref name="update"/> if it is one of the health commands addressed to this bot.</summary>
    /// <param name="botClient">The client to answer with (and to ask for the bot's username, once).</param>
    /// <param name="update">The update.</param>
    /// <param name="cancellationToken">Cancels the store queries and the answer.</param>
    /// <returns>
    /// <see langword="true"/> when the update was a health command for this bot or a press of one of its
    /// buttons: answered, or ignored (refused, for a button) because the sender is not allowed; <see langword="false"/> otherwise (another command, a command
    /// for another bot, not a message), so that the host handles it.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="botClient"/> or <paramref name="update"/> is null.</exception>
    Task<bool> TryHandleAsync(ITelegramBotClient botClient, Update update, CancellationToken cancellationToken = default);
}
