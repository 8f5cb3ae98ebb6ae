using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.Tests.Storage;

public class SqliteStoreBuilderExtensionsTests
{
    [Test]
    public void UseSqliteStore_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();

        services.AddPluginHealthMonitoring().UseSqliteStore("Data Source=a.db").UseSqliteStore("Data Source=b.db");

        services.Count(d => d.ServiceType == typeof(IHealthStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(SqliteHealthStore)).Should().Be(1);
        services.Count(d => d.ImplementationType == typeof(SqliteHealthStoreService)).Should().Be(1);
        services.Count(d => d.ImplementationType == typeof(SqliteHealthStoreOptionsValidator)).Should().Be(1);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IOptions<SqliteHealthStoreOptions>>().Value.ConnectionString.Should().Be("Data Source=b.db");
        provider.GetRequiredService<IHealthStore>().Should().BeSameAs(provider.GetRequiredService<SqliteHealthStore>());
    }

    [Test]
    public void UseSqliteStore_AfterTheMonitor_StoreServiceStartsFirstAndStopsLast()
    {
        var services = new ServiceCollection();

        services.AddPluginHealthMonitoring().UseSqliteStore();

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        hosted[0].ImplementationType.Should().Be(typeof(SqliteHealthStoreService));
        hosted.Should().Contain(d => d.ImplementationType == typeof(PluginHealthMonitorService));
    }

    [Test]
    public void UseSqliteStore_DefaultConnectionString_IsZepixBotDb()
    {
        var services = new ServiceCollection();

        services.AddPluginHealthMonitoring().UseSqliteStore();

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<SqliteHealthStoreOptions>>().Value;
        options.ConnectionString.Should().Be("Data Source=zepix_bot.db");
        options.SnapshotRetention.Should().Be(TimeSpan.FromDays(7));
        options.AlertRetention.Should().Be(TimeSpan.FromDays(90));
        options.QueueCapacity.Should().Be(10_000);
        options.BusyTimeout.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task UseSqliteStore_HostStartsAndStops_MigratesOnStartAndFlushesOnStop()
    {
        using var database = new TempDatabase();
        var builder = Host.CreateApplicationBuilder();
        // No host row: the start-up cycle would add one snapshot, written or not depending on timing.
        builder.Services.AddPluginHealthMonitoring(o => o.Host.Enabled = false).UseSqliteStore(database.ConnectionString);

        using (var host = builder.Build())
        {
            await host.StartAsync();
            using (var connection = database.Open())
            {
                TempDatabase.Scalar(connection, "SELECT max(version) FROM health_schema_migrations").Should().Be((long)SqliteSchema.LatestVersion);
                TempDatabase.Scalar(connection, "PRAGMA journal_mode").Should().Be("wal");
            }

            await host.Services.GetRequiredService<IHealthStore>().AppendSnapshotsAsync(StoreTestData.Cycle(3, StoreTestData.Start));
            await host.StopAsync();
        }

        using var reopened = database.Open();
        TempDatabase.Scalar(reopened, "SELECT count(*) FROM plugin_health_snapshots").Should().Be(3L);
    }

    [Test]
    public async Task UseSqliteStore_GarbageFile_HostStartFailsWithClearError()
    {
        using var database = new TempDatabase();
        await File.WriteAllTextAsync(database.FilePath, new string('x', 4096));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPluginHealthMonitoring().UseSqliteStore(database.ConnectionString);
        using var host = builder.Build();

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*is not a SQLite database or is corrupt*");
    }

    [TestCase("", "must not be empty")]
    [TestCase("Data Source=:memory:", "not an in-memory database")]
    [TestCase("Data Source=x.db;Mode=Memory", "not an in-memory database")]
    [TestCase("Data Source=x.db;Colour=blue", "is not a valid SQLite connection string")]
    [TestCase("Mode=ReadWrite", "must name a database file")]
    public void Validate_BadConnectionString_FailsNamingKeyAndValue(string connectionString, string problem)
    {
        var result = new SqliteHealthStoreOptionsValidator().Validate(null, new SqliteHealthStoreOptions { ConnectionString = connectionString });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("PluginHealth:Sqlite:ConnectionString").And.Contain(problem).And.Contain($"was '{connectionString}'");
    }

    [Test]
    public void Validate_BadNumbers_FailsNamingEveryKeyAndValue()
    {
        var options = new SqliteHealthStoreOptions
        {
            SnapshotRetention = TimeSpan.Zero,
            AlertRetention = TimeSpan.FromDays(-1),
            QueueCapacity = 0,
            BusyTimeout = TimeSpan.FromHours(1),
        };

        var result = new SqliteHealthStoreOptionsValidator().Validate(null, options);

        result.Failures.Should().HaveCount(4);
        result.FailureMessage.Should()
            .Contain("PluginHealth:Sqlite:SnapshotRetention").And.Contain("was '00:00:00'")
            .And.Contain("PluginHealth:Sqlite:AlertRetention").And.Contain("was '-1.00:00:00'")
            .And.Contain("PluginHealth:Sqlite:QueueCapacity").And.Contain("was '0'")
            .And.Contain("PluginHealth:Sqlite:BusyTimeout").And.Contain("was '01:00:00'");
    }

    [Test]
    public async Task UseSqliteStore_InvalidOptions_HostStartFails()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPluginHealthMonitoring().UseSqliteStore(o => o.QueueCapacity = -5);
        using var host = builder.Build();

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*QueueCapacity*'-5'*");
    }
}
