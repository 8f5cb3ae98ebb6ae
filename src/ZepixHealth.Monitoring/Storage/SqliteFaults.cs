using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring;

/// <summary>Sorts SQLite errors into those worth retrying and those that are not, and names their cause for the operator.</summary>
internal static class SqliteFaults
{
    // Primary result codes, https://www.sqlite.org/rescode.html
    public const int Busy = 5;
    public const int Locked = 6;
    public const int NoMem = 7;
    public const int ReadOnly = 8;
    public const int IoErr = 10;
    public const int Corrupt = 11;
    public const int Full = 13;
    public const int CantOpen = 14;
    public const int Protocol = 15;
    public const int NotADb = 26;

    /// <summary>Whether waiting may cure the error: the disk, the lock or the folder may come back; a corrupt file or a bug will not.</summary>
    public static bool IsTransient(Exception exception) => exception is SqliteException { SqliteErrorCode: Busy or Locked or NoMem or ReadOnly or IoErr or Full or CantOpen or Protocol };

    public static bool IsCorrupt(Exception exception) => exception is SqliteException { SqliteErrorCode: Corrupt or NotADb };

    public static string DescribeCause(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: Busy or Locked } => "the database is locked by another connection and the busy timeout elapsed",
        SqliteException { SqliteErrorCode: ReadOnly } => "the database is read-only (file or folder permissions, a read-only mount, or Mode=ReadOnly)",
        SqliteException { SqliteErrorCode: Full } => "the disk is full (or the database reached its size limit)",
        SqliteException { SqliteErrorCode: CantOpen } => "the database file cannot be opened (is its folder missing or not accessible?)",
        SqliteException { SqliteErrorCode: IoErr } => "a disk I/O error",
        SqliteException { SqliteErrorCode: NoMem } => "SQLite ran out of memory",
        SqliteException { SqliteErrorCode: Corrupt or NotADb } => "the file is corrupt or is not a SQLite database",
        SqliteException => "SQLite reported an error",
        _ => "an unexpected error",
    };

    public static int Code(Exception exception) => exception is SqliteException e ? e.SqliteExtendedErrorCode : 0;
}
