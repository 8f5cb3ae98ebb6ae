using System.Threading.Tasks.Sources;

namespace ZepixHealth.Monitoring.Tests.Isolation;

/// <summary>A task source that throws from one of its members, as a recycled pooled source does.</summary>
public sealed class BrokenSource(BrokenSource.Part broken) : IValueTaskSource<bool>
{
    /// <summary>The member that throws.</summary>
    public enum Part
    {
        /// <summary><c>GetStatus</c>, read by <c>IsCompleted</c>.</summary>
        IsCompleted,

        /// <summary><c>OnCompleted</c>, called by <c>AsTask</c> and by await.</summary>
        OnCompleted,

        /// <summary><c>GetResult</c>, read by <c>Result</c>.</summary>
        Result,
    }

    public bool GetResult(short token) => broken == Part.Result ? throw Broken() : true;

    public ValueTaskSourceStatus GetStatus(short token) => broken switch
    {
        Part.IsCompleted => throw Broken(),
        Part.Result => ValueTaskSourceStatus.Succeeded,
        _ => ValueTaskSourceStatus.Pending,
    };

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) => throw Broken();

    private InvalidOperationException Broken() => new($"The source was recycled ({broken} threw).");
}
