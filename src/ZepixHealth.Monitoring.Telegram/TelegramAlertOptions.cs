namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// Options of the Telegram package, set with <c>.AddTelegramAlerts(o => ...)</c> or bound from a
/// configuration section (usually <c>PluginHealth:Telegram</c>). Validated when the host starts; the
/// token never appears in a validation message, a log entry or an exception message.
/// </summary>
public sealed class TelegramAlertOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = TelegramAlertDefaults.SectionName;

    /// <summary>Gets or sets the bot's token from BotFather, of the form <c>123456789:AA…</c>.</summary>
    /// <value>Required; no default. Keep it out of source control (user secrets, an environment variable).</value>
    public string BotToken { get; set; } = string.Empty;

    /// <summary>
    /// Gets the chats that receive alerts and whose members may use the commands (<c>/health</c>,
    /// <c>/alerts</c>, <c>/ack</c>, <c>/silence</c>).
    /// </summary>
    /// <value>Default empty; at least one chat is required.</value>
    public List<long> ChatIds { get; } = [];

    /// <summary>
    /// Gets users who may use the commands in any chat (for example in a private chat with the bot),
    /// beside the members of <see cref="ChatIds"/>. Only these users may press a firing notification's
    /// buttons (Acknowledge, Silence 1 h); anyone else's press is refused. Without any, notifications
    /// carry no buttons.
    /// </summary>
    /// <value>Default empty.</value>
    public List<long> AllowedUserIds { get; } = [];

    /// <summary>
    /// Gets the forum topic (<c>message_thread_id</c>) that alerts go to, per chat id of
    /// <see cref="ChatIds"/>; a chat not listed gets them in its main thread. A command's answer goes to
    /// the topic the command was sent in.
    /// </summary>
    /// <value>Default empty. Each key must be in <see cref="ChatIds"/>; each topic id is positive.</value>
    public Dictionary<long, int> MessageThreadIds { get; } = [];

    /// <summary>
    /// Gets or sets whether the commands are registered with <c>setMyCommands</c> when the host starts, so
    /// that Telegram shows them in the bot's menu. Turn it off when the bot has commands of its own:
    /// <c>setMyCommands</c> replaces the whole menu.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RegisterCommands { get; set; } = true;

    /// <summary>Gets or sets the Bot API server, for a local Bot API server or a test.</summary>
    /// <value>Default <see langword="null"/>: <c>https://api.telegram.org</c>. Absolute http or https.</value>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Gets or sets the sink's name in the alert outbox; it must not change between runs.</summary>
    /// <value>Default <c>telegram</c>.</value>
    public string SinkName { get; set; } = TelegramAlertDefaults.SinkName;

    /// <summary>
    /// Gets or sets the bot's username, to recognise <c>/health@BotName</c> in groups without asking
    /// Telegram (<c>getMe</c>) once.
    /// </summary>
    /// <value>Default <see langword="null"/>: asked with <c>getMe</c> when first needed.</value>
    public string? BotUsername { get; set; }

    /// <summary>Gets or sets the least time between two messages to the same chat (Telegram's limits are about one a second per chat).</summary>
    /// <value>Default 1 second; zero to 1 minute.</value>
    public TimeSpan MinSendInterval { get; set; } = TelegramAlertDefaults.MinSendInterval;

    /// <summary>
    /// Gets or sets whether a hosted service polls Telegram for commands (<c>getUpdates</c>). Leave it
    /// off when the host has its own bot loop and calls <see cref="ITelegramHealthCommands.TryHandleAsync"/>.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool EnableLongPolling { get; set; }

    /// <summary>Gets or sets how long one <c>getUpdates</c> long poll waits for updates.</summary>
    /// <value>Default 30 seconds; zero to 90 seconds.</value>
    public TimeSpan PollingTimeout { get; set; } = TelegramAlertDefaults.PollingTimeout;
}
