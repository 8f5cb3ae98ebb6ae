using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Plugins;

[TestFixture]
public sealed class SelfTestResultTests
{
    [Test]
    public void Pass_WithoutMessage_PassesWithNullMessage()
    {
        SelfTestResult.Pass().Should().Be(new SelfTestResult(true, null));
    }

    [Test]
    public void Fail_WithMessage_FailsWithIt()
    {
        SelfTestResult.Fail("exchange unreachable").Should().Be(new SelfTestResult(false, "exchange unreachable"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Fail_WithoutAReason_Throws(string? message)
    {
        var act = () => SelfTestResult.Fail(message!);

        act.Should().Throw<ArgumentException>().And.ParamName.Should().Be("message");
    }
}
