namespace ZepixHealth.Monitoring.Tests.Telemetry;

[TestFixture]
public sealed class RecordedMessageTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Truncate_ShortText_Unchanged()
    {
        RecordedMessage.Truncate("abc", 3).Should().Be("abc");
    }

    [Test]
    public void Truncate_LongText_CutWithEllipsisAtMaxLength()
    {
        RecordedMessage.Truncate("abcdef", 4).Should().Be("abc…");
    }

    [Test]
    public void FromException_HugeMessage_TruncatedAndTypeKept()
    {
        var recorded = RecordedMessage.FromException(new InvalidOperationException(new string('x', 5000)), At);

        recorded.Message.Should().HaveLength(PluginTelemetryDefaults.MaxMessageLength).And.EndWith("…");
        recorded.TypeName.Should().Be("System.InvalidOperationException");
        recorded.At.Should().Be(At);
    }

    [Test]
    public void FromException_MessageGetterThrows_Placeholder()
    {
        var recorded = RecordedMessage.FromException(new ThrowingMessageException(), At);

        recorded.Message.Should().Be("(the Message of ThrowingMessageException threw NotSupportedException)");
    }

    [Test]
    public void FromWarning_Message_KeptWithoutType()
    {
        var recorded = RecordedMessage.FromWarning("slow feed", At);

        recorded.Message.Should().Be("slow feed");
        recorded.TypeName.Should().BeNull();
    }

    private sealed class ThrowingMessageException : Exception
    {
        public override string Message => throw new NotSupportedException();
    }
}
