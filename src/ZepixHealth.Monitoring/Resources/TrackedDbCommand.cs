using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace ZepixHealth.Monitoring;

/// <summary>A command that times every execution for its connection's <see cref="DbConnectionTracker"/>.</summary>
internal sealed class TrackedDbCommand : DbCommand
{
    private readonly DbCommand _inner;
    private TrackedDbConnection? _connection;

    public TrackedDbCommand(DbCommand inner, TrackedDbConnection connection)
    {
        _inner = inner;
        _connection = connection;
    }

    [AllowNull]
    public override string CommandText
    {
        get => _inner.CommandText;
        set => _inner.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => _inner.CommandTimeout;
        set => _inner.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => _inner.CommandType;
        set => _inner.CommandType = value;
    }

    public override bool DesignTimeVisible
    {
        get => _inner.DesignTimeVisible;
        set => _inner.DesignTimeVisible = value;
    }

    public override UpdateRowSource UpdatedRowSource
    {
        get => _inner.UpdatedRowSource;
        set => _inner.UpdatedRowSource = value;
    }

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set
        {
            // A wrapper hands the provider its own connection; anything else goes through untracked.
            _connection = value as TrackedDbConnection;
            _inner.Connection = value is TrackedDbConnection tracked ? tracked.Inner : value;
        }
    }

    protected override DbParameterCollection DbParameterCollection => _inner.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _inner.Transaction;
        set => _inner.Transaction = value;
    }

    public override void Cancel() => _inner.Cancel();

    public override void Prepare() => _inner.Prepare();

    public override Task PrepareAsync(CancellationToken cancellationToken = default) => _inner.PrepareAsync(cancellationToken);

    public override int ExecuteNonQuery()
    {
        var started = ReadStartTimestamp();
        try
        {
            return _inner.ExecuteNonQuery();
        }
        finally
        {
            RecordCommand(started);
        }
    }

    public override object? ExecuteScalar()
    {
        var started = ReadStartTimestamp();
        try
        {
            return _inner.ExecuteScalar();
        }
        finally
        {
            RecordCommand(started);
        }
    }

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        var started = ReadStartTimestamp();
        try
        {
            return await _inner.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RecordCommand(started);
        }
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        var started = ReadStartTimestamp();
        try
        {
            return await _inner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RecordCommand(started);
        }
    }

    public override ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _inner.DisposeAsync();
    }

    protected override DbParameter CreateDbParameter() => _inner.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var started = ReadStartTimestamp();
        try
        {
            return _inner.ExecuteReader(behavior);
        }
        finally
        {
            RecordCommand(started);
        }
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var started = ReadStartTimestamp();
        try
        {
            return await _inner.ExecuteReaderAsync(behavior, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RecordCommand(started);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // A command on an untracked connection is neither timed nor counted.
    private long ReadStartTimestamp() => _connection?.Tracker.GetTimestamp() ?? 0;

    private void RecordCommand(long startTimestamp) => _connection?.Tracker.CommandFinished(startTimestamp);
}
