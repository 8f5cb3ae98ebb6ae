namespace ZepixHealth.Monitoring;

/// <summary>
/// Whether the SQLite store may set the database file's journal mode, a setting of the whole file that
/// the host's own connections live with too.
/// </summary>
public enum SqliteJournalMode
{
    /// <summary>
    /// WAL for a file that holds only the store's tables; a file with other tables (the host's own
    /// database) keeps the mode it has, and the store logs once that WAL would be faster.
    /// </summary>
    Auto = 0,

    /// <summary>Never change the file's journal mode.</summary>
    Keep = 1,

    /// <summary>Set WAL, whatever else the file holds: the host consents.</summary>
    Wal = 2,
}
