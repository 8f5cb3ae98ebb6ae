using Telegram.Bot.Types.ReplyMarkups;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>What a message carries beside its text: the message it answers, its forum topic, its buttons.</summary>
/// <param name="ReplyToMessageId">The command's message a reply answers (<c>reply_parameters</c>), or <see langword="null"/>.</param>
/// <param name="MessageThreadId">The forum topic, or <see langword="null"/> for the chat's main thread.</param>
/// <param name="Keyboard">The inline buttons, or <see langword="null"/>.</param>
internal sealed record TelegramSendExtras(int? ReplyToMessageId = null, int? MessageThreadId = null, InlineKeyboardMarkup? Keyboard = null)
{
    public static readonly TelegramSendExtras None = new();
}
