using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// Counts calls that have started to block on the fake clock (a hung plugin, a hung sink), so that the
/// driver advances the clock exactly when something waits for a timeout, and otherwise just waits for
/// the work to finish — no real-time polling.
/// </summary>
internal sealed class BlockingCalls
{
    private int _pending;
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next blocking call starts (read before <see cref="TakePending"/>).</summary>
    public Task NextEntered => Volatile.Read(ref _entered).Task;

    public void Entered()
    {
        Interlocked.Increment(ref _pending);
        Interlocked.Exchange(ref _entered, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Returns how many calls started to block since the last call, and resets the count.</summary>
    public int TakePending() => Interlocked.Exchange(ref _pending, 0);

    /// <summary>
    /// Awaits <paramref name="work"/>, advancing <paramref name="time"/> by <paramref name="step"/> each
    /// time a call has started to block; returns how much fake time the work took.
    /// </summary>
    public async Task<TimeSpan> DriveAsync(Task work, FakeTimeProvider time, TimeSpan step)
    {
        var started = time.GetUtcNow();
        while (!work.IsCompleted)
        {
            var entered = NextEntered;

            // Calls run on worker threads: let every call the work can start now begin and reach its
            // await (or finish), so that one advance times out all the calls blocking in this round
            // and no advance lands while a call that needs none is still running.
            await CallWorkers.SettleAsync();
            if (work.IsCompleted)
            {
                break;
            }

            if (TakePending() > 0)
            {
                time.Advance(step);
                continue;
            }

            // Failure guard only: the work either finishes or starts another blocking call.
            await Task.WhenAny(work, entered).WaitAsync(TimeSpan.FromSeconds(30));
        }

        await work;
        return time.GetUtcNow() - started;
    }
}
