using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Telegram.Tests.Support;

/// <summary>The monitoring services with Telegram pointed at a fake Bot API server, on a fake clock.</summary>
internal sealed class TelegramTestHost : IAsyncDisposable
{
    public const long ChatId = 42;
    public const long OperatorId = 7;

    private readonly ServiceProvider _provider;

    public TelegramTestHost(Uri apiBaseUrl, Action<TelegramAlertOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddSingleton<ILoggerFactory>(Logs);
        collection.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        collection.AddPluginHealthMonitoring().AddTelegramAlerts(o =>
        {
            o.BotToken = FakeBotApiServer.Token;
            o.ChatIds.Add(ChatId);
            o.ApiBaseUrl = apiBaseUrl;
            configure?.Invoke(o);
        });
        services?.Invoke(collection);
        _provider = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public CollectingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _provider;

    public IHealthStore Store => _provider.GetRequiredService<IHealthStore>();

    public IAlertOutboxStore Outbox => _provider.GetRequiredService<IAlertOutboxStore>();

    public IAlertSink Sink => _provider.GetServices<IAlertSink>().Single(s => s.Name == "telegram");

    public ITelegramHealthCommands Commands => _provider.GetRequiredService<ITelegramHealthCommands>();

    public ITelegramBotClient Client => _provider.GetRequiredService<TelegramAlertClient>().Client;

    public TelegramAlertOptions Options => _provider.GetRequiredService<IOptions<TelegramAlertOptions>>().Value;

    /// <summary>Runs one pass of the core's alert dispatcher: deterministic, where the hosted loop would need real-time waits to observe.</summary>
    public Task<int> DispatchDueAsync() => _provider.GetRequiredService<AlertDispatcher>().DispatchDueAsync(CancellationToken.None);

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
