using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>Checks <see cref="TelegramAlertOptions"/> at start-up; messages name the key, and never show the token.</summary>
internal sealed partial class TelegramAlertOptionsValidator : IValidateOptions<TelegramAlertOptions>
{
    private const string Prefix = "PluginHealth:Telegram:";

    public ValidateOptionsResult Validate(string? name, TelegramAlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            errors.Add($"{Prefix}{nameof(options.BotToken)} is required.");
        }
        else if (!TokenRegex().IsMatch(options.BotToken))
        {
            // The value is a secret: say what is wrong with it, not what it is.
            errors.Add($"{Prefix}{nameof(options.BotToken)} is not a Bot API token (expected '<bot id>:<secret of at least 30 letters, digits, _ or ->', as BotFather gives it; {options.BotToken.Length} characters given, value not shown).");
        }

        if (options.ChatIds.Count == 0)
        {
            errors.Add($"{Prefix}{nameof(options.ChatIds)} must name at least one chat.");
        }
        else if (options.ChatIds.Contains(0))
        {
            errors.Add($"{Prefix}{nameof(options.ChatIds)} contains 0, which is no chat.");
        }

        ValidateThreads(options, errors);
        if (options.ApiBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{Prefix}{nameof(options.ApiBaseUrl)} must be an absolute http or https URL; was '{url}'.");
        }

        if (string.IsNullOrWhiteSpace(options.SinkName))
        {
            errors.Add($"{Prefix}{nameof(options.SinkName)} is required.");
        }

        if (options.MinSendInterval < TimeSpan.Zero || options.MinSendInterval > TelegramAlertDefaults.MaxMinSendInterval)
        {
            errors.Add($"{Prefix}{nameof(options.MinSendInterval)} must be from 00:00:00 to {TelegramAlertDefaults.MaxMinSendInterval}; was '{options.MinSendInterval}'.");
        }

        if (options.PollingTimeout < TimeSpan.Zero || options.PollingTimeout > TelegramAlertDefaults.MaxPollingTimeout)
        {
            errors.Add($"{Prefix}{nameof(options.PollingTimeout)} must be from 00:00:00 to {TelegramAlertDefaults.MaxPollingTimeout}; was '{options.PollingTimeout}'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateThreads(TelegramAlertOptions options, List<string> errors)
    {
        foreach (var (chat, thread) in options.MessageThreadIds)
        {
            if (!options.ChatIds.Contains(chat))
            {
                errors.Add($"{Prefix}{nameof(options.MessageThreadIds)} names chat {chat}, which is not in {Prefix}{nameof(options.ChatIds)}.");
            }

            if (thread <= 0)
            {
                errors.Add($"{Prefix}{nameof(options.MessageThreadIds)}:{chat} must be a forum topic id greater than 0; was {thread}.");
            }
        }
    }

    [GeneratedRegex(TelegramAlertDefaults.TokenPattern, RegexOptions.CultureInvariant)]
    private static partial Regex TokenRegex();
}
