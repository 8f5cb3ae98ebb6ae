using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>
/// Registers the commands with <c>setMyCommands</c> once when the host starts
/// (<see cref="TelegramAlertOptions.RegisterCommands"/>), so that Telegram shows them in the bot's menu.
/// A failure is logged and nothing more: the commands work without the menu.
/// </summary>
internal sealed partial class TelegramCommandRegistrationService(
    TelegramAlertClient client,
    IOptions<TelegramAlertOptions> options,
    ILogger<TelegramCommandRegistrationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.RegisterCommands)
        {
            return;
        }

        // Off the start-up path: a slow Telegram must not hold up the host.
        await Task.Yield();
        try
        {
            await client.Client.SetMyCommands(commands: TelegramCommandList.Menu(), cancellationToken: stoppingToken).ConfigureAwait(false);
            Log.Registered(logger, TelegramCommandList.Commands.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.Failed(logger, TelegramText.Redact(ex.Message, o.BotToken));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5040, Level = LogLevel.Information, Message = "Registered {Count} commands with Telegram (setMyCommands)")]
        public static partial void Registered(ILogger logger, int count);

        [LoggerMessage(EventId = 5041, Level = LogLevel.Warning, Message = "Registering the commands with Telegram (setMyCommands) failed: {Error}; they still work, only the bot's menu does not list them (or set PluginHealth:Telegram:RegisterCommands to false)")]
        public static partial void Failed(ILogger logger, string error);
    }
}
