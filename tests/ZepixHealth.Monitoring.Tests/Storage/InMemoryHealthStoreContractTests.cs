namespace ZepixHealth.Monitoring.Tests.Storage;

[TestFixture]
public sealed class InMemoryHealthStoreContractTests : HealthStoreContractTests
{
    private InMemoryHealthStore? _store;

    protected override Task<IHealthStore> CreateStoreAsync()
    {
        _store = new InMemoryHealthStore();
        return Task.FromResult<IHealthStore>(_store);
    }

    protected override Task DisposeStoreAsync() => Task.CompletedTask;

    protected override Task FlushAsync() => Task.CompletedTask;

    protected override Task<IReadOnlyList<AlertDelivery>> ReadAllDeliveriesAsync() => Task.FromResult(_store!.AllDeliveries());
}
