using System.Text;

namespace ZepixHealth.Monitoring.Tests.Resources;

[TestFixture]
public sealed class ProcessResourceReaderTests
{
    // Fields 1 and 2, then 3 (state) to 25: utime (14) 300, stime (15) 200, threads (20) 7, starttime (22) 9000, rss (24) 1500.
    private const string StatLine = "4242 (my bot) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 300 200 0 0 20 0 7 0 9000 123456789 1500 18446744073709551615";

    [Test]
    public void TryParseStat_CommandNameWithSpacesAndParenthesis_FieldsCountedFromTheLastParenthesis()
    {
        var fields = new long[ProcessResourceReader.StatFieldCount];

        ProcessResourceReader.TryParseStat(Encoding.ASCII.GetBytes(StatLine), fields).Should().BeTrue();

        fields[14].Should().Be(300);
        fields[15].Should().Be(200);
        fields[20].Should().Be(7);
        fields[22].Should().Be(9000);
        fields[24].Should().Be(1500);
    }

    [TestCase("Z")]
    [TestCase("X")]
    public void TryParseStat_ZombieOrDead_False(string state)
    {
        var line = StatLine.Replace(") S ", $") {state} ", StringComparison.Ordinal);

        ProcessResourceReader.TryParseStat(Encoding.ASCII.GetBytes(line), new long[ProcessResourceReader.StatFieldCount]).Should().BeFalse();
    }

    [Test]
    public void TryParseStat_CutShort_False()
    {
        ProcessResourceReader.TryParseStat("1 (bot) S 1 2 3"u8, new long[ProcessResourceReader.StatFieldCount]).Should().BeFalse();
    }

    [Test]
    public void TryParseStat_NoParenthesis_False()
    {
        ProcessResourceReader.TryParseStat("garbage"u8, new long[ProcessResourceReader.StatFieldCount]).Should().BeFalse();
    }

    [Test]
    public void TryRead_ThisProcess_ReadsMemoryThreadsAndHandles()
    {
        ProcessResourceReader.TryRead(Environment.ProcessId, out var sample).Should().BeTrue();

        sample.ResidentBytes.Should().BePositive();
        sample.Threads.Should().BePositive();
        sample.ProcessorTicks.Should().BePositive();
    }

    [Test]
    public void TryRead_NoSuchProcess_False()
    {
        ProcessResourceReader.TryRead(int.MaxValue, out _).Should().BeFalse();
    }
}
