using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Sample;

// The demo: five simulated trading plugins; within ten seconds one dies, one hangs, one goes quiet.
// Run until Ctrl+C, or for a fixed time: dotnet run --project samples/ZepixHealth.Monitoring.Sample -- --duration 20
// Add --otel to export the meter and the activities "ZepixHealth.Monitoring" with the OpenTelemetry console exporter.
var duration = ParseDuration(args);
var otel = args.Contains("--otel");
if (duration is { } d && d <= TimeSpan.Zero)
{
    Console.Error.WriteLine("--duration must be a positive number of seconds.");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = WithoutDuration([.. args.Where(a => a != "--otel")]),
    ContentRootPath = AppContext.BaseDirectory,
});

var sample = builder.Configuration.GetSection("Sample").Get<SampleOptions>() ?? new SampleOptions();
var time = TimeProvider.System;
builder.Services.AddSimulatedPlugins(sample, time);

var monitoring = builder.Services
    .AddPluginHealthMonitoring(builder.Configuration.GetSection(PluginHealthOptions.SectionName))
    .UseSqliteStore("Data Source=zepix_health_sample.db");  // in the working folder; open it with sqlite3

// With a bot token and a chat id, alerts go to Telegram and the chat can ask /health, /alerts, /ack and
// /silence; without them, the plain-text dashboard is printed every cycle. Each setting comes from
// PluginHealth:Telegram (appsettings.json, or PluginHealth__Telegram__ApiBaseUrl etc. in the environment),
// else from TELEGRAM_BOT_TOKEN, TELEGRAM_CHAT_ID and TELEGRAM_API_BASE_URL.
var telegram = builder.Configuration.GetSection("PluginHealth:Telegram");
var botToken = telegram["BotToken"] ?? Environment.GetEnvironmentVariable("TELEGRAM_BOT_TOKEN");
var chatId = telegram["ChatIds:0"] ?? Environment.GetEnvironmentVariable("TELEGRAM_CHAT_ID");
var apiBaseUrl = telegram["ApiBaseUrl"] ?? Environment.GetEnvironmentVariable("TELEGRAM_API_BASE_URL");
if (!string.IsNullOrWhiteSpace(botToken) && long.TryParse(chatId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var chat))
{
    monitoring.AddTelegramAlerts(o =>
    {
        o.BotToken = botToken;
        o.ChatIds.Add(chat);
        o.EnableLongPolling = true;

        // Validated at start-up: a value that is not an absolute http(s) URL stops the sample with its name.
        o.ApiBaseUrl = string.IsNullOrWhiteSpace(apiBaseUrl) ? null : new Uri(apiBaseUrl, UriKind.RelativeOrAbsolute);
    });
    Console.WriteLine($"Sending alerts to Telegram chat {chat} through {apiBaseUrl ?? "api.telegram.org"}; ask the bot /health.");
}
else if (Console.IsOutputRedirected)
{
    // A pipe or a file (CI, `| tee`): the plain-text dashboard, printed every cycle between the log lines.
    monitoring.AddObserver<ConsoleStatusTable>();
}
else
{
    // A terminal: the table drawn in place, the latest log lines below it (they would tear it if printed).
    var logs = new LiveLogBuffer();
    builder.Logging.ClearProviders().AddProvider(logs);
    builder.Services.AddSingleton(logs);
    builder.Services.AddSingleton<LiveConsoleTable>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveConsoleTable>());
    builder.Services.AddSingleton<IPluginHealthObserver>(sp => sp.GetRequiredService<LiveConsoleTable>());
}

if (duration is { } limit)
{
    builder.Services.AddHostedService(sp => new DurationLimit(limit, sp.GetRequiredService<IHostApplicationLifetime>(), time));
}

// The library only creates instruments and activities; any OpenTelemetry setup picks them up by name.
using var meters = otel
    ? Sdk.CreateMeterProviderBuilder()
        .AddMeter("ZepixHealth.Monitoring")
        .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5000)
        .Build()
    : null;
using var traces = otel
    ? Sdk.CreateTracerProviderBuilder().AddSource("ZepixHealth.Monitoring").AddConsoleExporter().Build()
    : null;

using var host = builder.Build();
await host.RunAsync();
return 0;

static string[] WithoutDuration(string[] args)
{
    var index = Array.IndexOf(args, "--duration");
    return index < 0 ? args : [.. args.Take(index), .. args.Skip(index + 2)];
}

static TimeSpan? ParseDuration(string[] args)
{
    var index = Array.IndexOf(args, "--duration");
    if (index < 0)
    {
        return null;
    }

    return index + 1 < args.Length && double.TryParse(args[index + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        ? TimeSpan.FromSeconds(seconds)
        : TimeSpan.Zero;
}
