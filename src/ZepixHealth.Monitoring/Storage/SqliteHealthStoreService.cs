using Microsoft.Extensions.Hosting;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Opens and migrates the SQLite store when the host starts (a corrupt file stops the host with a clear
/// error) and flushes it when the host stops. Registered first, so that it starts before the monitor
/// and stops after it.
/// </summary>
internal sealed class SqliteHealthStoreService(SqliteHealthStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => store.StopAsync(cancellationToken);
}
