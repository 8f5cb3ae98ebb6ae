namespace ZepixHealth.Monitoring.Telegram;

/// <summary>The defaults of <see cref="TelegramAlertOptions"/> and the package's fixed settings.</summary>
internal static class TelegramAlertDefaults
{
    public const string SectionName = "PluginHealth:Telegram";

    public const string SinkName = "telegram";

    /// <summary>The Bot API token's form, as BotFather gives it: the bot id, a colon, the secret.</summary>
    public const string TokenPattern = @"^[0-9]{1,20}:[A-Za-z0-9_-]{30,}$";

    /// <summary>The longest silence <c>/silence</c> sets.</summary>
    public static readonly TimeSpan MaxSilence = TimeSpan.FromDays(30);

    public static readonly TimeSpan MinSendInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxMinSendInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan PollingTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxPollingTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The longest pause of the polling loop after repeated failures.</summary>
    public static readonly TimeSpan MaxPollingBackOff = TimeSpan.FromMinutes(1);
}
