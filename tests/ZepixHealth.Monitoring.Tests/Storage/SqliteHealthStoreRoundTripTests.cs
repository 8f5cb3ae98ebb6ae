namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>How the SQLite store lays values out in its file; what every store reads back is in <see cref="HealthStoreContractTests"/>.</summary>
public class SqliteHealthStoreRoundTripTests
{
    private static readonly DateTimeOffset T0 = StoreTestData.Start;

    [Test]
    public async Task AppendSnapshotsAsync_EveryOptionalFieldNull_StoresSqlNullNotZero()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();

        await store.AppendSnapshotsAsync([StoreTestData.Minimal("v6-price-action-5m", T0)]);
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        using var connection = fixture.Database.Open();
        TempDatabase.Scalar(connection, "SELECT count(*) FROM health_snapshot_rows WHERE p95_execution_ms IS NULL AND memory_mb IS NULL AND faults IS NULL AND self_test_passed IS NULL")
            .Should().Be(1L);
    }

    [Test]
    public async Task AppendSnapshotsAsync_TimestampWithOffset_StoresUtcTicksSinceTheEpoch()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.StartAsync();
        var local = new DateTimeOffset(2025, 6, 30, 23, 59, 59, TimeSpan.FromHours(5.5)).AddTicks(9_999_999);

        await store.AppendSnapshotsAsync([StoreTestData.Minimal("p", local)]);
        await store.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        using var connection = fixture.Database.Open();
        TempDatabase.Scalar(connection, "SELECT timestamp FROM health_snapshot_rows").Should().Be(local.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks);
    }
}
