using System.Runtime.CompilerServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The deadlines of every guarded call in flight on one clock, on one timer armed for the earliest:
/// starting and ending a call links and unlinks it under a lock, and touches the timer only when the
/// new deadline is earlier than the one it is armed for.
/// </summary>
/// <remarks>
/// A timer per call cost two timer changes per call (armed when queued, disarmed when answered) and a
/// timer object per plugin and call kind. Here a steady stream of quick calls arms the timer about
/// once per timeout: it fires at the first call's deadline, finds the calls in flight then (usually
/// none, or a few with later deadlines), gives up on those past due and re-arms for the next.
/// </remarks>
internal sealed class CallDeadlines
{
    // A timer due later than this is armed for this instead, and re-armed when it fires early.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(1);
    private static readonly ConditionalWeakTable<TimeProvider, CallDeadlines> ByClock = [];

    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private long _armedFor = long.MaxValue;
    private TimedCallWork? _first;

    private CallDeadlines(TimeProvider clock) => _clock = clock;

    /// <summary>Gets the watch of <paramref name="clock"/>, shared by every call on it.</summary>
    public static CallDeadlines For(TimeProvider clock) => ByClock.GetValue(clock, static c => new CallDeadlines(c));

    /// <summary>Watches <paramref name="call"/> until its <see cref="TimedCallWork.Deadline"/> or <see cref="Unwatch"/>.</summary>
    public void Watch(TimedCallWork call)
    {
        lock (_lock)
        {
            if (!call.IsWatched)
            {
                call.IsWatched = true;
                call.PreviousWatched = null;
                call.NextWatched = _first;
                _first?.PreviousWatched = call;
                _first = call;
            }

            if (call.Deadline < _armedFor)
            {
                Arm(call.Deadline);
            }
        }
    }

    /// <summary>Stops watching <paramref name="call"/> (it was answered or given up on); nothing when it is not watched.</summary>
    public void Unwatch(TimedCallWork call)
    {
        lock (_lock)
        {
            Unlink(call);
        }
    }

    private void OnTimer()
    {
        TimedCallWork? due = null;
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            var next = long.MaxValue;
            _armedFor = long.MaxValue;
            for (var call = _first; call is not null;)
            {
                var following = call.NextWatched;
                if (call.Deadline <= now)
                {
                    // Unlinked calls past due are chained through NextWatched for the loop below.
                    Unlink(call);
                    call.NextWatched = due;
                    due = call;
                }
                else
                {
                    next = Math.Min(next, call.Deadline);
                }

                call = following;
            }

            if (next != long.MaxValue)
            {
                Arm(next);
            }
        }

        // Outside the lock: giving up takes the call's own lock, and a call's start takes this one inside it.
        while (due is not null)
        {
            var call = due;
            due = call.NextWatched;
            call.NextWatched = null;
            call.OnDeadline();
        }
    }

    /// <summary>Under the lock: arms the timer for <paramref name="deadline"/>.</summary>
    private void Arm(long deadline)
    {
        _armedFor = deadline;
        var remaining = _clock.GetElapsedTime(_clock.GetTimestamp(), deadline);
        var wait = remaining < ShortestWait ? ShortestWait : remaining > LongestWait ? LongestWait : remaining;
        if (_timer is null)
        {
            _timer = CreateTimer(wait);
        }
        else
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Creates the timer without the creating caller's execution context: it serves every later call on
    /// the clock, and must not carry the first one's activity or logging scopes to their deadlines.
    /// </summary>
    private ITimer CreateTimer(TimeSpan wait)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return _clock.CreateTimer(static watch => ((CallDeadlines)watch!).OnTimer(), this, wait, Timeout.InfiniteTimeSpan);
        }

        using (ExecutionContext.SuppressFlow())
        {
            return _clock.CreateTimer(static watch => ((CallDeadlines)watch!).OnTimer(), this, wait, Timeout.InfiniteTimeSpan);
        }
    }

    private void Unlink(TimedCallWork call)
    {
        if (!call.IsWatched)
        {
            return;
        }

        call.IsWatched = false;
        call.PreviousWatched?.NextWatched = call.NextWatched;
        call.NextWatched?.PreviousWatched = call.PreviousWatched;
        if (ReferenceEquals(_first, call))
        {
            _first = call.NextWatched;
        }

        call.NextWatched = null;
        call.PreviousWatched = null;
    }
}
