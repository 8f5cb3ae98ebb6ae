using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace ZepixHealth.Monitoring;

/// <summary>A connection that reports its opening and closing, and its commands, to a <see cref="DbConnectionTracker"/>.</summary>
internal sealed class TrackedDbConnection : DbConnection
{
    private readonly DbConnection _inner;
    private readonly DbConnectionTracker _tracker;

    // 1 while this connection is counted as active: opening, closing, disposing and state events may
    // all report the same change, and it must count once.
    private int _counted;

    public TrackedDbConnection(DbConnection inner, DbConnectionTracker tracker)
    {
        _inner = inner;
        _tracker = tracker;
        _inner.StateChange += OnInnerStateChange;
        Sync();
    }

    public DbConnection Inner => _inner;

    public DbConnectionTracker Tracker => _tracker;

    [AllowNull]
    public override string ConnectionString
    {
        get => _inner.ConnectionString;
        set => _inner.ConnectionString = value;
    }

    public override int ConnectionTimeout => _inner.ConnectionTimeout;

    public override string Database => _inner.Database;

    public override string DataSource => _inner.DataSource;

    public override string ServerVersion => _inner.ServerVersion;

    public override ConnectionState State => _inner.State;

    public override void ChangeDatabase(string databaseName) => _inner.ChangeDatabase(databaseName);

    public override Task ChangeDatabaseAsync(string databaseName, CancellationToken cancellationToken = default) =>
        _inner.ChangeDatabaseAsync(databaseName, cancellationToken);

    public override void Open()
    {
        _inner.Open();
        Sync();
    }

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _inner.OpenAsync(cancellationToken).ConfigureAwait(false);
        Sync();
    }

    public override void Close()
    {
        _inner.Close();
        Sync();
    }

    public override async Task CloseAsync()
    {
        await _inner.CloseAsync().ConfigureAwait(false);
        Sync();
    }

    public override DataTable GetSchema() => _inner.GetSchema();

    public override DataTable GetSchema(string collectionName) => _inner.GetSchema(collectionName);

    public override DataTable GetSchema(string collectionName, string?[] restrictionValues) => _inner.GetSchema(collectionName, restrictionValues);

    public override async ValueTask DisposeAsync()
    {
        _inner.StateChange -= OnInnerStateChange;
        await _inner.DisposeAsync().ConfigureAwait(false);
        Uncount();
        GC.SuppressFinalize(this);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => _inner.BeginTransaction(isolationLevel);

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        await _inner.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false);

    protected override DbCommand CreateDbCommand() => new TrackedDbCommand(_inner.CreateCommand(), this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.StateChange -= OnInnerStateChange;
            _inner.Dispose();
            Uncount();
        }

        base.Dispose(disposing);
    }

    private void OnInnerStateChange(object sender, StateChangeEventArgs e)
    {
        Sync();
        OnStateChange(e);
    }

    /// <summary>Counts the connection as active exactly while the provider's connection is open.</summary>
    private void Sync()
    {
        var state = _inner.State;
        if ((state & ConnectionState.Open) != 0 && (state & ConnectionState.Broken) == 0)
        {
            if (Interlocked.Exchange(ref _counted, 1) == 0)
            {
                _tracker.ConnectionOpened();
            }
        }
        else
        {
            Uncount();
        }
    }

    private void Uncount()
    {
        if (Interlocked.Exchange(ref _counted, 0) == 1)
        {
            _tracker.ConnectionClosed();
        }
    }
}
