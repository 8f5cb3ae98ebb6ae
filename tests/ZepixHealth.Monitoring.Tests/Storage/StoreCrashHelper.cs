using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>
/// Turns this test assembly into a helper process: <c>dotnet ZepixHealth.Monitoring.Tests.dll</c> with
/// <see cref="DatabaseVariable"/> set writes snapshots into that file until it is killed. A module
/// initializer runs before any entry point, so no separate helper project is needed; in the test host
/// the variable is not set and it does nothing.
/// </summary>
internal static class StoreCrashHelper
{
    public const string DatabaseVariable = "ZEPIX_STORE_CRASH_HELPER_DB";
    public const int PluginsPerCycle = 100;

#pragma warning disable CA2255 // Deliberate: the test assembly doubles as the child process of the crash test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunWhenLaunchedAsHelper()
    {
        var path = Environment.GetEnvironmentVariable(DatabaseVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        // A foreground thread keeps the process alive after the (empty) entry point returns. Blocking here
        // instead would deadlock: code of this assembly on other threads waits for the initializer to end.
        new Thread(() => WriteUntilKilledAsync(path).GetAwaiter().GetResult()) { IsBackground = false }.Start();
    }

    private static async Task WriteUntilKilledAsync(string path)
    {
        var options = new SqliteHealthStoreOptions { ConnectionString = $"Data Source={path}", QueueCapacity = 1_000_000 };
        var store = new SqliteHealthStore(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<SqliteHealthStore>.Instance);
        await store.StartAsync(CancellationToken.None);
        for (var cycle = 0; ; cycle++)
        {
            await store.AppendSnapshotsAsync(StoreTestData.Cycle(PluginsPerCycle, StoreTestData.Start.AddSeconds(30 * cycle)));
            if (cycle % 20 == 19)
            {
                await store.FlushAsync();
                Console.WriteLine($"written {store.WrittenSnapshotCount}");
            }
        }
    }
}
