using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>A <see cref="SqliteHealthStore"/> on a temporary file, with a fake clock and a recording logger.</summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    private readonly bool _ownsDatabase;

    public StoreFixture(TempDatabase? database = null, Action<SqliteHealthStoreOptions>? configure = null, IReadOnlyList<SqliteMigration>? migrations = null)
    {
        _ownsDatabase = database is null;
        Database = database ?? new TempDatabase();
        Options = new SqliteHealthStoreOptions { ConnectionString = Database.ConnectionString, BusyTimeout = TimeSpan.FromSeconds(1) };
        configure?.Invoke(Options);
        Store = new SqliteHealthStore(Microsoft.Extensions.Options.Options.Create(Options), Time, Logger, migrations ?? SqliteSchema.Migrations);
    }

    public TempDatabase Database { get; }

    public SqliteHealthStoreOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(StoreTestData.Start);

    public RecordingLogger<SqliteHealthStore> Logger { get; } = new();

    public SqliteHealthStore Store { get; }

    public async Task<SqliteHealthStore> StartAsync()
    {
        await Store.StartAsync(CancellationToken.None);
        return Store;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }
}
