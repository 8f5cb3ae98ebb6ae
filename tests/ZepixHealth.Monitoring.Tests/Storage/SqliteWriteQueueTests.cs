namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>The write queue on its own, without a writer: what is kept, dropped, taken and given back.</summary>
public class SqliteWriteQueueTests
{
    private const int SnapshotsDropped = 3006;
    private const int LostAtStop = 3011;
    private const int AppendAfterStop = 3012;
    private static readonly DateTimeOffset T0 = StoreTestData.Start;

    private RecordingLogger<SqliteHealthStore> _logger = null!;

    [SetUp]
    public void SetUp() => _logger = new();

    [Test]
    public void Append_BeyondCapacity_DropsOldestBatchesCountsThemAndLogsOnce()
    {
        using var queue = NewQueue(capacity: 5);

        queue.Append(StoreTestData.Cycle(3, T0));
        queue.Append(StoreTestData.Cycle(3, T0.AddSeconds(30)));
        queue.Append(StoreTestData.Cycle(2, T0.AddSeconds(60)));

        queue.DroppedTotal.Should().Be(3);
        queue.QueuedRows.Should().Be(5);
        _logger.WithId(SnapshotsDropped).Should().ContainSingle().Which.Message.Should().Contain("dropped the 3 oldest");
        queue.Take(100)!.Batches.SelectMany(b => b.Rows).Select(s => s.Timestamp).Distinct()
            .Should().Equal(T0.AddSeconds(30), T0.AddSeconds(60));
        queue.TakeDroppedSinceLastWrite().Should().Be(3);
        queue.TakeDroppedSinceLastWrite().Should().Be(0);
    }

    [Test]
    public void Append_OneBatchLargerThanCapacity_KeepsItsLastRows()
    {
        using var queue = NewQueue(capacity: 2);

        queue.Append(StoreTestData.Cycle(3, T0));

        queue.DroppedTotal.Should().Be(1);
        queue.Take(100)!.Batches.Single().Rows.Select(s => s.PluginId).Should().Equal("plugin-001", "plugin-002");
    }

    [Test]
    public void Append_AfterStop_DropsEverythingAndLogsOnce()
    {
        using var queue = NewQueue(capacity: 10);
        queue.RequestStop().Should().BeTrue();

        queue.Append(StoreTestData.Cycle(2, T0));
        queue.Append(StoreTestData.Cycle(2, T0));

        queue.RequestStop().Should().BeFalse("the stop was already requested");
        queue.DroppedTotal.Should().Be(4);
        queue.QueuedRows.Should().Be(0);
        queue.IsStoppedAndEmpty.Should().BeTrue();
        _logger.WithId(AppendAfterStop).Should().ContainSingle();
    }

    [Test]
    public void Take_ManyBatches_TakesWholeBatchesUpToMaxRowsButAlwaysOne()
    {
        using var queue = NewQueue(capacity: 100);
        queue.Append(StoreTestData.Cycle(4, T0));
        queue.Append(StoreTestData.Cycle(4, T0.AddSeconds(30)));
        queue.Append(StoreTestData.Cycle(4, T0.AddSeconds(60)));

        queue.Take(3)!.Batches.Should().ContainSingle("a batch is never split, even when larger than the limit");
        queue.Take(8)!.Batches.Should().HaveCount(2);
        queue.Take(8).Should().BeNull();
        queue.QueuedRows.Should().Be(0);
    }

    [Test]
    public async Task FlushAsync_SnapshotsQueued_CompletesOnlyOnceThoseHaveLeftTheQueue()
    {
        using var queue = NewQueue(capacity: 100);
        queue.Append(StoreTestData.Cycle(2, T0));
        var flush = queue.FlushAsync(CancellationToken.None);
        queue.Append(StoreTestData.Cycle(2, T0.AddSeconds(30)));

        queue.CompleteFlushWaiters();
        flush.IsCompleted.Should().BeFalse("its snapshots are still queued");

        queue.Take(2);
        queue.CompleteFlushWaiters();
        await flush.WaitAsync(TimeSpan.FromSeconds(20));
        queue.QueuedRows.Should().Be(2, "snapshots appended after the flush are not waited for");
    }

    [Test]
    public void PutBack_FailedWork_GoesBackToTheFrontAndIsTrimmedToCapacity()
    {
        using var queue = NewQueue(capacity: 4);
        queue.Append(StoreTestData.Cycle(3, T0));
        var work = queue.Take(100)!;
        queue.Append(StoreTestData.Cycle(3, T0.AddSeconds(30)));

        queue.PutBack(work.Batches, work.Operations, 0);

        queue.DroppedTotal.Should().Be(3, "the oldest batch, put back, is over the capacity");
        queue.Take(100)!.Batches.Single().Rows.Should().OnlyContain(s => s.Timestamp == T0.AddSeconds(30));
        _logger.WithId(SnapshotsDropped).Should().ContainSingle();
    }

    [Test]
    public void PutBack_OperationsFromAnIndex_RequeuesOnlyThoseAheadOfNewerOnes()
    {
        using var queue = NewQueue(capacity: 4);
        var first = Operation();
        var second = Operation();
        var newer = Operation();
        _ = queue.EnqueueAsync(first, CancellationToken.None);
        _ = queue.EnqueueAsync(second, CancellationToken.None);
        var work = queue.Take(100)!;
        _ = queue.EnqueueAsync(newer, CancellationToken.None);

        queue.PutBack([], work.Operations, 1);

        queue.Take(100)!.Operations.Should().Equal(second, newer);
    }

    [Test]
    public async Task EnqueueAsync_AfterStop_FailsWithoutQueuing()
    {
        using var queue = NewQueue(capacity: 4);
        queue.RequestStop();

        var act = () => queue.EnqueueAsync(Operation(), CancellationToken.None);

        await act.Should().ThrowAsync<ObjectDisposedException>();
        queue.IsStoppedAndEmpty.Should().BeTrue();
    }

    [Test]
    public async Task Abandon_WorkQueued_FailsOperationsCountsSnapshotsAndReleasesFlushes()
    {
        using var queue = NewQueue(capacity: 10);
        queue.Append(StoreTestData.Cycle(3, T0));
        var operation = queue.EnqueueAsync(Operation(), CancellationToken.None);
        var flush = queue.FlushAsync(CancellationToken.None);

        queue.Abandon(new TimeoutException("disk gone"));

        await operation.Awaiting(t => t).Should().ThrowAsync<InvalidOperationException>().WithMessage("*stopped before the write could be made*");
        await flush.WaitAsync(TimeSpan.FromSeconds(20));
        queue.DroppedTotal.Should().Be(3);
        queue.QueuedRows.Should().Be(0);
        _logger.WithId(LostAtStop).Should().ContainSingle().Which.Message.Should().Contain("3 snapshots and 1 alert writes");
    }

    private static SqliteStoreOperation Operation() => new((_, _) => true);

    private SqliteWriteQueue NewQueue(int capacity) => new(capacity, "test.db", _logger);
}
