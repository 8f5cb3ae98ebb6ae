using MyBot;
using ZepixHealth.Monitoring;

var builder = Host.CreateApplicationBuilder(args);

// The bot resolves its plugin as itself; the monitor finds it through the interface.
builder.Services.AddSingleton<ExamplePlugin>();
builder.Services.AddSingleton<IHealthCheckablePlugin>(sp => sp.GetRequiredService<ExamplePlugin>());

var monitoring = builder.Services
    .AddPluginHealthMonitoring(builder.Configuration.GetSection("PluginHealth"))
    .UseSqliteStore(builder.Configuration.GetConnectionString("Health") ?? "Data Source=health.db");

// Telegram alerts once a bot token is configured (Telegram:BotToken, e.g. from the environment).
if (!string.IsNullOrWhiteSpace(builder.Configuration["Telegram:BotToken"]))
{
    monitoring.AddTelegramAlerts(builder.Configuration.GetSection("Telegram"));
}

builder.Build().Run();
