using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// The package's own <see cref="ITelegramBotClient"/>, created on first use (after the options were
/// validated) with the client's automatic 429 retry off: waiting is the dispatcher's, never a sleep
/// inside a send.
/// </summary>
internal sealed class TelegramAlertClient(IOptions<TelegramAlertOptions> options)
{
    private readonly Lazy<ITelegramBotClient> _client = new(() => Create(options.Value));

    public ITelegramBotClient Client => _client.Value;

    public string Token => options.Value.BotToken;

    private static TelegramBotClient Create(TelegramAlertOptions options)
    {
        var clientOptions = new TelegramBotClientOptions(options.BotToken, options.ApiBaseUrl?.GetLeftPart(UriPartial.Authority))
        {
            RetryThreshold = 0,
        };
        return new TelegramBotClient(clientOptions);
    }
}
