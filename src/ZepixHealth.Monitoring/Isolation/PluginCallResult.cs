namespace ZepixHealth.Monitoring;

/// <summary>The result of a guarded call: the outcome, and the value or the exception.</summary>
internal readonly record struct PluginCallResult<T>(PluginCallOutcome Outcome, T? Value, Exception? Error)
{
    public static PluginCallResult<T> Completed(T value) => new(PluginCallOutcome.Completed, value, null);

    public static PluginCallResult<T> Faulted(Exception error) => new(PluginCallOutcome.Faulted, default, error);

    public static PluginCallResult<T> TimedOut => new(PluginCallOutcome.TimedOut, default, null);

    public static PluginCallResult<T> StillRunning => new(PluginCallOutcome.StillRunning, default, null);

    /// <summary>The result of a task that has completed: its value, or what it failed with.</summary>
    public static PluginCallResult<T> FromCompleted(Task<T> task) =>
        task.IsCompletedSuccessfully
            ? Completed(task.Result)
            : Faulted(task.Exception?.InnerException ?? new OperationCanceledException("The call was cancelled."));
}
