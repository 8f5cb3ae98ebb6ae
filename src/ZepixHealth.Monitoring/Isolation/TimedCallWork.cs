namespace ZepixHealth.Monitoring;

/// <summary>
/// A call with a deadline, watched by its clock's <see cref="CallDeadlines"/> while it is in flight;
/// the call itself is the watch's list node, so watching it allocates nothing.
/// </summary>
internal abstract class TimedCallWork : CallWork
{
    /// <summary>Gets or sets when the call is due, in the clock's timestamp ticks; set before it is watched.</summary>
    internal long Deadline { get; set; }

    // The watch's list links, guarded by the watch's lock.
    internal TimedCallWork? NextWatched { get; set; }

    internal TimedCallWork? PreviousWatched { get; set; }

    internal bool IsWatched { get; set; }

    /// <summary>
    /// Called by the watch, on the clock's timer thread and outside its lock, once <see cref="Deadline"/>
    /// has passed. The call may have ended (or been reused, with a later deadline) in between: check.
    /// </summary>
    public abstract void OnDeadline();
}
