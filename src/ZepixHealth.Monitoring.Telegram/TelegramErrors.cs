namespace ZepixHealth.Monitoring.Telegram;

/// <summary>Which Bot API errors no retry can fix.</summary>
internal static class TelegramErrors
{
    // Bot API descriptions of a chat the bot cannot write to; the same text whatever the client library.
    private static readonly string[] PermanentDescriptions =
    [
        "chat not found", "user not found", "bot was blocked", "bot was kicked", "user is deactivated",
        "not enough rights", "have no rights", "CHAT_WRITE_FORBIDDEN", "PEER_ID_INVALID", "group chat was upgraded",
    ];

    /// <summary>
    /// Whether <paramref name="exception"/> says the chat will never accept the message: HTTP 403 (the
    /// bot was blocked or removed), or a 400 about the chat itself. A 400 about the text is not one.
    /// </summary>
    public static bool IsPermanent(TelegramDeliveryException exception) =>
        exception.ErrorCode == 403
        || (exception.ErrorCode == 400 && PermanentDescriptions.Any(d => exception.Message.Contains(d, StringComparison.OrdinalIgnoreCase)));
}
