namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>The store contract against a real SQLite file in a temporary folder.</summary>
[TestFixture]
public sealed class SqliteHealthStoreContractTests : HealthStoreContractTests
{
    private StoreFixture? _fixture;

    protected override async Task<IHealthStore> CreateStoreAsync()
    {
        _fixture = new StoreFixture();
        return await _fixture.StartAsync();
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_fixture is not null)
        {
            await _fixture.DisposeAsync();
        }
    }

    protected override Task FlushAsync() => _fixture!.Store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

    protected override Task<IReadOnlyList<AlertDelivery>> ReadAllDeliveriesAsync()
    {
        using var connection = _fixture!.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteAlertRows.DeliverySelectList} FROM health_alert_deliveries ORDER BY created_at, id;";
        using var reader = command.ExecuteReader();
        var deliveries = new List<AlertDelivery>();
        while (reader.Read())
        {
            deliveries.Add(SqliteAlertRows.ReadDelivery(reader));
        }

        return Task.FromResult<IReadOnlyList<AlertDelivery>>(deliveries);
    }
}
